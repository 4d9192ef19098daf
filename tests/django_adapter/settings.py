"""Settings of the adapter's test project: SQLite by default, or the database FORGE_DJANGO_DB names."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from typing import Any
from urllib.parse import urlsplit

#: which database the Django tests run on: "sqlite" (default), "postgres" or "mysql"
BACKEND_ENV = "FORGE_DJANGO_DB"
URL_ENV = {"postgres": "FORGE_TEST_POSTGRES_URL", "mysql": "FORGE_TEST_MYSQL_URL"}
ENGINES = {"postgres": "django.db.backends.postgresql", "mysql": "django.db.backends.mysql"}
#: the test database's name, when a test must find it afterwards (--reuse-db keeps it: the test drops it)
TEST_NAME_ENV = "FORGE_DJANGO_TEST_DB"


def database() -> dict[str, Any]:
    """Django's DATABASES["default"] for the chosen backend (the URL is the SQLAlchemy-style one CI sets)."""
    backend = os.environ.get(BACKEND_ENV, "sqlite")
    if backend == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    url = urlsplit(os.environ[URL_ENV[backend]])
    if backend == "mysql":
        _pymysql_as_mysqldb()
    return {
        "ENGINE": ENGINES[backend],
        "NAME": url.path.lstrip("/") or "test",
        "USER": url.username or "",
        "PASSWORD": url.password or "",
        "HOST": url.hostname or "",
        "PORT": str(url.port or ""),
        "TEST": {"NAME": os.environ.get(TEST_NAME_ENV) or f"forge_django_{os.getpid()}"},
    }


def _pymysql_as_mysqldb() -> None:
    """Django's MySQL backend wants mysqlclient (a C build); PyMySQL speaks the same API."""
    import pymysql

    pymysql.version_info = (2, 2, 1, "final", 0)  # the mysqlclient version Django 5.x asks for
    pymysql.install_as_MySQLdb()


def settings() -> dict[str, Any]:
    on_postgres = os.environ.get(BACKEND_ENV) == "postgres"
    postgres_apps = ["django.contrib.postgres", "tests.django_adapter.project.pgapp.apps.PgConfig"]
    return {
        "INSTALLED_APPS": [
            "django.contrib.contenttypes",
            "django.contrib.auth",
            # Django's own apps, swept by suite/test_contrib_sweep.py
            "django.contrib.sessions",
            "django.contrib.sites",
            "django.contrib.flatpages",
            "django.contrib.redirects",
            "django.contrib.admin",
            "django.contrib.messages",
            "tests.django_adapter.project.blog.apps.BlogConfig",
            "tests.django_adapter.project.patterns.apps.PatternsConfig",
            "pytest_forge.django",
            *(postgres_apps if on_postgres else []),
        ],
        "DATABASES": {"default": database()},
        "USE_TZ": True,
        "SECRET_KEY": "forge-tests",
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "MEDIA_ROOT": _media_root(),
        "SITE_ID": 1,
        # ImageField's check wants Pillow (the adapter writes its PNGs without it); the admin's checks
        # want templates and middleware this project (which serves no pages) has no use for
        "SILENCED_SYSTEM_CHECKS": ["fields.E210", *(f"admin.E{n}" for n in (403, 406, 408, 409, 410))],
    }


def _media_root() -> str:
    """Files the tests write go to a temporary folder, removed when the test process ends."""
    root = tempfile.mkdtemp(prefix="forge-django-media-")
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root
