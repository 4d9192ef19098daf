"""pluggy hook specifications: how other packages extend pytest-forge.

Packages register a module or object under the ``pytest_forge`` entry-point
group; every hook name starts with ``forge_``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from pytest_forge.forge import Forge
    from pytest_forge.spec import FieldSpec

__all__ = ["PROJECT", "hookimpl", "hookspec"]

PROJECT = "pytest_forge"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec(firstresult=True)
def forge_field_provider(field: FieldSpec, forge: Forge) -> Any:
    """Supply values for a field: return a callable ``fn(rng) -> value`` (or ``fn()``), or None to pass.

    Called once per field when a model's plan is compiled (also for the items of
    collections, with the collection's name), so a package can teach the engine a
    custom type. The first non-None answer wins.
    """


@hookspec
def forge_configure(forge: Forge) -> None:
    """Called once for every new Forge: register providers or blueprints on it."""


@hookspec
def forge_blueprints() -> list[type[Any]] | None:
    """Blueprint classes to use for their models (each names its model: ``Blueprint, model=User``).

    Read once per Forge, on its first look for a blueprint; a Forge's own blueprints
    (``forge.register``) and the process-wide ones (``register``) come first.
    """
