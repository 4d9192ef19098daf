"""``forge load blog.Entry:20 --django-settings mysite.settings``: loadtestdata without ``manage.py``."""

from __future__ import annotations

import os
from typing import Any

__all__ = ["load_with_django"]


def load_with_django(models: tuple[str, ...], settings_module: str, **forge_options: Any) -> dict[str, int]:
    """Set up Django with ``settings_module``, then load ``app_label.Model[:count]`` like loadtestdata."""
    from pytest_forge.cli.terminal import progress
    from pytest_forge.django.loading import LoadOptions, load_test_data, parse_model_count
    from pytest_forge.errors import UsageError
    from pytest_forge.forge import Forge

    _setup(settings_module, UsageError)
    requests = [parse_model_count(text) for text in models]
    forge = Forge(**forge_options)
    with progress(sum(count for _, count in requests), "loading") as advance:
        return load_test_data(forge, requests, LoadOptions(), progress=advance)


def _setup(settings_module: str, error: type[Exception]) -> None:
    try:
        import django
    except ImportError:
        raise error("--django-settings needs Django: pip install 'pytest-forge[django]'") from None
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    try:
        django.setup()
    except ImportError as exc:
        raise error(f"--django-settings {settings_module}: cannot import it ({exc})") from None
