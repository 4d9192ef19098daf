"""The app Django loads for ``'pytest_forge.django'``: discovers blueprints when the project is ready."""

from __future__ import annotations

from django.apps import AppConfig


class ForgeDjangoConfig(AppConfig):  # type: ignore[misc]  # Django ships no types
    name = "pytest_forge.django"
    label = "pytest_forge"
    verbose_name = "pytest-forge"

    def ready(self) -> None:
        from pytest_forge.django.discovery import autodiscover

        autodiscover()
