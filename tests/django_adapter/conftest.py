"""The Django tests run in a subprocess per database (``test_backends.py``), never in this process:
Django's settings are process-wide, and pytest-django would act in every other test's inner pytest run.
Set FORGE_DJANGO_DB=sqlite (or postgres/mysql) to run ``suite/`` here directly."""

from __future__ import annotations

import os

from tests.django_adapter.settings import BACKEND_ENV

collect_ignore = [] if os.environ.get(BACKEND_ENV) else ["suite"]
