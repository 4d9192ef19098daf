"""A field typed by an abstract class gets an instance of one of its concrete subclasses.

``term: UnboundTerm`` (an ABC whose one concrete subclass is ``Reference(name)``) or ``transform:
Transform`` (an abstract pydantic model with a dozen concrete ones) accepts any instance of a subclass:
validation checks ``isinstance`` (or takes a model instance as it is). The arms are the concrete classes
below it that the adapters describe (models, dataclasses …) or that ``__init__`` builds, ordered by
module and name so that the order classes were imported in does not change them; a subclass defined
later (imported by another test) can still add an arm, as it would to the class's own ``__subclasses__``.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from pytest_forge.spec import TypeSpec

__all__ = ["MAX_ARMS", "dispatching_base", "standing_in"]

#: the most concrete subclasses that stand in for one abstract class
MAX_ARMS = 12
#: how many classes below the abstract one are looked at (a framework's base may have thousands)
_MAX_SEEN = 2000


def dispatching_base(cls: type) -> bool:
    """A pydantic model with no fields of its own whose validation a model validator wraps (``before`` or
    ``wrap``): a base that turns its input into one of its subclasses (pyiceberg's ``IcebergType`` reads
    ``"int"`` as ``IntegerType()``); as itself it accepts nothing we can draw."""
    fields = getattr(cls, "__pydantic_fields__", None)
    schema = getattr(cls, "__pydantic_core_schema__", None)
    if fields or not isinstance(schema, dict) or not type.__subclasses__(cls):
        return False
    return schema.get("type") in ("function-wrap", "function-before")


def standing_in(cls: type, describe: Callable[[type], TypeSpec]) -> TypeSpec | None:
    """A union of the concrete subclasses of ``cls`` (abstract, or a :func:`dispatching_base`) that
    ``describe`` can generate, or None."""
    from pytest_forge.spec import TypeSpec

    if not inspect.isabstract(cls) and not dispatching_base(cls):
        return None
    arms: list[TypeSpec] = []
    for sub in _concrete_below(cls):
        spec = describe(sub)
        if spec.kind != "unsupported":
            arms.append(spec)
        if len(arms) == MAX_ARMS:
            break
    if not arms:
        return None
    return TypeSpec("union", python_type=cls, args=tuple(arms), as_instances=True, label=cls.__name__)


def _concrete_below(cls: type) -> list[type]:
    seen: set[type] = set()
    queue: list[type] = [cls]
    while queue and len(seen) < _MAX_SEEN:
        current = queue.pop()
        for sub in _subclasses(current):
            if sub not in seen:
                seen.add(sub)
                queue.append(sub)
    found = [sub for sub in seen if not inspect.isabstract(sub) and not _generic_alias(sub)]
    return sorted(found, key=lambda sub: (sub.__module__, sub.__qualname__))


def _subclasses(cls: type) -> list[type]:
    try:
        return list(type.__subclasses__(cls))
    except TypeError:
        return []


def _generic_alias(cls: Any) -> bool:
    """A parametrized pydantic generic (``KeyValueMap[int]``) is a subclass of its own; leave it out."""
    meta = getattr(cls, "__pydantic_generic_metadata__", None)
    return bool(meta and meta.get("origin") is not None)
