"""The django-oscar project of the real-world sweep (``django_sweep.py --project oscar``).

django-oscar cannot join the main sweep project: its ``address`` app label is django-address's
too. So it gets settings of its own, as its documentation builds them: ``oscar.INSTALLED_APPS``
(Django's contrib apps, every oscar app, haystack, treebeard, django-tables2, widget-tweaks) and
``oscar.defaults``; haystack's simple backend (no search server). Every concrete model of the oscar
apps is swept, like the main project's.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: the package name the per-package table prints for oscar's models
PACKAGE = "django-oscar"


def configure_oscar(workdir: Path) -> list[str]:
    """Settings for django-oscar; returns the app labels swept (oscar's own apps)."""
    import django
    import oscar
    from django.conf import settings
    from oscar import defaults

    sys.path.insert(0, str(workdir))
    oscar_defaults = {name: getattr(defaults, name) for name in dir(defaults) if name.isupper()}
    settings.configure(
        INSTALLED_APPS=[*oscar.INSTALLED_APPS, "sorl.thumbnail"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(workdir / "oscar.db")}},
        USE_TZ=True,
        SECRET_KEY="forge-sweep",
        SITE_ID=1,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_URL="/static/",
        ROOT_URLCONF="django_sweep",
        LANGUAGES=[("en", "English")],
        LANGUAGE_CODE="en",
        HAYSTACK_CONNECTIONS={"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}},
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {"context_processors": ["django.contrib.auth.context_processors.auth"]},
            }
        ],
        **oscar_defaults,
    )
    django.setup()
    from django.apps import apps

    return [a.label for a in apps.get_app_configs() if a.name.startswith("oscar") and a.get_models()]


def is_oscar(model: type) -> bool:
    """True for a model of one of oscar's apps."""
    return str(model._meta.app_config.name).startswith("oscar")
