"""The test project as a DJANGO_SETTINGS_MODULE (for pytest-django runs in a subprocess)."""

from __future__ import annotations

from tests.django_adapter.settings import settings

globals().update(settings())
