from __future__ import annotations

from django.apps import AppConfig


class PatternsConfig(AppConfig):
    """Small models reproducing what real apps do (django_sweep.py found each in a swept package)."""

    name = "tests.django_adapter.project.patterns"
    label = "patterns"
    default_auto_field = "django.db.models.BigAutoField"
