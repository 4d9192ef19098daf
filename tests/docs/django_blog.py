"""The ``blog`` app of the migration guides (docs/migrate/model_bakery.md), as a one-file Django project.

The guides show ``blog/models.py`` and then code that imports ``from blog.models import ...``. Their
hidden set-up blocks call these helpers: :func:`configure` writes an installable ``blog`` package into a
fresh folder, configures Django (SQLite in memory) and returns nothing; the page's models block then runs
with ``__name__ = "blog.models"`` so its classes belong to the app, or :func:`configure` is given the models'
source and writes it as the package's own ``models.py``. :func:`pytest_files` gives the same project as
files for ``run_pytest`` (tests/docs/inner.py), so a page's pytest-django test runs as a reader's would.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

from tests.docs.inner import ROOT

GUIDE = ROOT / "docs" / "migrate" / "model_bakery.md"
SETTINGS = """\
SECRET_KEY = "docs"
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "blog"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
"""


def blog_models() -> str:
    """The source of the guide's ``blog/models.py`` block (its first Python block)."""
    text = GUIDE.read_text(encoding="utf-8")
    found = re.search(r"```python\n(# blog/models\.py\n.*?)```", text, re.DOTALL)
    assert found, f"{GUIDE} has no '# blog/models.py' block"
    return found.group(1)


def configure(models: str = "") -> None:
    """Configure Django with the ``blog`` app (``models`` as its models.py) and create every table."""
    import django
    from django.conf import settings

    folder = Path(tempfile.mkdtemp(prefix="forge-docs-blog-"))
    (folder / "blog").mkdir()
    (folder / "blog" / "__init__.py").write_text("", encoding="utf-8")
    (folder / "blog" / "models.py").write_text(models, encoding="utf-8")
    sys.path.insert(0, str(folder))
    namespace: dict[str, object] = {}
    exec(SETTINGS, namespace)
    settings.configure(**{name: value for name, value in namespace.items() if name.isupper()})
    django.setup()


def create_tables() -> None:
    """Create the tables of every installed app (the blog app has no migrations: ``run_syncdb``)."""
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)


def pytest_files(test: str) -> dict[str, str]:
    """The blog project as files, with ``test`` as ``test_entries.py``, for ``run_pytest``."""
    return {
        "settings.py": SETTINGS,
        "blog/__init__.py": "",
        "blog/models.py": blog_models(),
        "test_entries.py": test,
    }
