from __future__ import annotations

from django.apps import AppConfig


class PgConfig(AppConfig):
    """PostgreSQL-only fields (installed only when the suite runs on PostgreSQL)."""

    name = "tests.django_adapter.project.pgapp"
    label = "pgapp"
    default_auto_field = "django.db.models.BigAutoField"
