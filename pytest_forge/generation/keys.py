"""Primary keys: ``id`` (or ``Annotated[..., PrimaryKey]``) counts up per model, or is drawn unique."""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ConstraintError
from pytest_forge.field_tags import DatabaseKey, PrimaryKey
from pytest_forge.generation.compiler import Compiled

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Iterator

    from pytest_forge.relations.registry import Registry
    from pytest_forge.spec import FieldSpec, ModelSpec

__all__ = ["is_primary_key", "keys_in_memory", "primary_key_compiler"]

_UNIQUE_TRIES = 1000
#: True while database-assigned keys are counted in memory (a stream written to a file)
_MEMORY_KEYS: ContextVar[bool] = ContextVar("forge_memory_keys", default=False)


@contextlib.contextmanager
def keys_in_memory() -> Iterator[None]:
    """Calls in this block give keys the database would assign (``DatabaseKey``) a counted value."""
    token = _MEMORY_KEYS.set(True)
    try:
        yield
    finally:
        _MEMORY_KEYS.reset(token)


def is_primary_key(field: FieldSpec) -> bool:
    """``id`` by name, or tagged ``PrimaryKey``."""
    return field.tag(PrimaryKey) is not None or field.name == "id"


def primary_key_compiler(
    registry: Callable[[], Registry],
) -> Callable[[ModelSpec, FieldSpec, Compiled | None, tuple[str, ...]], Compiled | None]:
    """A field hook giving top-level primary keys their counter or unique draw."""

    def hook(
        spec: ModelSpec, field: FieldSpec, current: Compiled | None, path: tuple[str, ...]
    ) -> Compiled | None:
        if len(path) != 2 or not is_primary_key(field):
            return None
        database_key = field.tag(DatabaseKey)
        if database_key is not None:
            return _counted_in_memory(database_key.counter, field.name, registry)
        kind = field.type.inner().kind
        if kind == "int":
            return _counter(spec, field, registry)
        if kind in ("str", "uuid") and current is not None:
            return _unique(spec, field, current, registry)
        return None

    return hook


def _counted_in_memory(counter: str, field_name: str, registry: Callable[[], Registry]) -> Compiled:
    def gen(rng: random.Random) -> int | None:
        return registry().next_int(counter, field_name, 1) if _MEMORY_KEYS.get() else None

    return Compiled(gen, "key.database", "structural")


def _counter(spec: ModelSpec, field: FieldSpec, registry: Callable[[], Registry]) -> Compiled:
    inner = field.type.inner()
    start = 1
    if inner.ge is not None:
        start = max(start, int(inner.ge))
    if inner.gt is not None:
        start = max(start, int(inner.gt) + 1)
    limit = inner.le if inner.le is not None else (inner.lt - 1 if inner.lt is not None else None)
    name, field_name = spec.name, field.name

    def gen(rng: random.Random) -> int:
        value = registry().next_int(name, field_name, start)
        if limit is not None and value > limit:
            raise ConstraintError(
                f"{name}.{field_name} ran out of keys: the next one, {value}, is above {limit}"
            )
        return value

    return Compiled(gen, "key.sequence", "structural")


def _unique(
    spec: ModelSpec, field: FieldSpec, current: Compiled, registry: Callable[[], Registry]
) -> Compiled:
    draw = current.gen
    name, field_name = spec.name, field.name

    def gen(rng: random.Random) -> Any:
        for _ in range(_UNIQUE_TRIES):
            value = draw(rng)
            if registry().claim(name, field_name, value):
                return value
        raise ConstraintError(f"{name}.{field_name}: no unused key found in {_UNIQUE_TRIES} draws")

    return Compiled(gen, "key.unique", "structural")
