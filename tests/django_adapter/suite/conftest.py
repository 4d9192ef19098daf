"""Configure the adapter's test project once, before its tests import models (Django is optional)."""

from __future__ import annotations

import pytest

django = pytest.importorskip("django", reason="Django is not installed (pip install pytest-forge[django])")

from django.conf import settings  # noqa: E402

from tests.django_adapter.settings import settings as project_settings  # noqa: E402

if not settings.configured:
    settings.configure(**project_settings())
    django.setup()
