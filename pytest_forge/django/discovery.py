"""Blueprint discovery: each installed app's ``forge_blueprints.py`` (django-autofixture's
``autodiscover()`` of ``autofixtures.py``).

Every :class:`~pytest_forge.blueprints.Blueprint` subclass defined in such a module (with
``model=...``) is registered process-wide for its model; the module may also call
``register()`` itself. Discovered blueprints serve ``create``, foreign-key parents and
the ``loadtestdata`` command alike.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from typing import TYPE_CHECKING

from pytest_forge.blueprints import BLUEPRINTS, Blueprint

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["MODULE", "autodiscover", "register_module"]

#: the module each app may define
MODULE = "forge_blueprints"


def autodiscover() -> list[str]:
    """Import ``<app>.forge_blueprints`` for every installed app that has one; the modules found."""
    from django.apps import apps

    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.{MODULE}"
        if importlib.util.find_spec(config.name) is None or not _has_module(config.name):
            continue
        register_module(importlib.import_module(name))
        found.append(name)
    return found


def _has_module(package: str) -> bool:
    try:
        return importlib.util.find_spec(f"{package}.{MODULE}") is not None
    except ModuleNotFoundError:  # a plain module app, not a package
        return False


def register_module(module: ModuleType) -> list[type[Blueprint]]:
    """Register the Blueprint subclasses a module defines (those that name their model)."""
    registered = []
    for _name, value in inspect.getmembers(module, inspect.isclass):
        if issubclass(value, Blueprint) and value.__module__ == module.__name__ and value.model is not None:
            if BLUEPRINTS.find(value.model) is not value:
                BLUEPRINTS.register(value)
            registered.append(value)
    return registered
