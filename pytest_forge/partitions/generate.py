"""``partition(Model, index=p, of=P, count=N, seed=S)``: one partition of a dataset, a pure function.

A partition's records depend only on (seed, model, p, P, N, parents): its own Forge is seeded with
``derive_seed(seed, model, p)``, its keys are the range it owns, foreign keys come from the parents'
ranges and natural keys embed the global key. No registry, cache or earlier call is read, so any
engine (Dask, Ray, Spark, processes) may run any partition anywhere and get the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from pytest_forge.adapters import model_spec
from pytest_forge.errors import UsageError
from pytest_forge.partitions.keys import (
    KeyRange,
    check_partition,
    key_base,
    partition_keys,
    primary_key_field,
)
from pytest_forge.partitions.links import parent_overrides, parent_ranges
from pytest_forge.partitions.naturals import NaturalKey, natural_key_fields
from pytest_forge.rng import derive_seed

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytest_forge.forge import Forge

__all__ = ["DatasetOptions", "partition", "partition_chunks", "partition_seed"]


def partition_seed(seed: int, model: Any, index: int) -> int:
    """The seed of partition ``index`` of ``model`` (its qualified name, so equal on every machine)."""
    return derive_seed("partition", seed, f"{model.__module__}.{model.__qualname__}", index)


class DatasetOptions(TypedDict, total=False):
    """What else a partition depends on, besides its model, index, count and seed."""

    #: each model a foreign key points at (class or class name) → its record count
    parents: dict[Any, int] | None
    locale: str
    allow_pii: bool
    #: field values as ``create`` takes them (a callable of the record is called per record)
    overrides: dict[str, Any] | None


def check_options(options: Any) -> None:
    """A UsageError naming any keyword a partition does not take (``**options`` accepts anything)."""
    unknown = sorted(set(options) - set(DatasetOptions.__annotations__))
    if unknown:
        known = ", ".join(["index", "of", "count", "seed", *DatasetOptions.__annotations__])
        raise UsageError(f"partition() got unknown keyword {unknown[0]!r}; it takes {known}")


def partition(
    model: Any, *, index: int, of: int, count: int, seed: int, **options: Unpack[DatasetOptions]
) -> list[Any]:
    """The records of partition ``index`` of ``of`` of a ``count``-record dataset of ``model``.

    ``parents`` maps each model a foreign key points at (class or class name) to its record count;
    ``overrides`` are field values as ``create`` takes them (a callable of the record is called per record).
    """
    chunks = partition_chunks(model, index=index, of=of, count=count, seed=seed, **options)
    return [record for chunk in chunks for record in chunk]


def partition_chunks(
    model: Any, *, index: int, of: int, count: int, seed: int, **options: Unpack[DatasetOptions]
) -> Iterator[list[Any]]:
    """:func:`partition` in lists of at most a thousand records (memory stays flat however large)."""
    from pytest_forge.export.stream import generate_chunks
    from pytest_forge.forge import Forge
    from pytest_forge.generation.options import check_count

    check_partition(index, of, count)
    check_count("partition(seed=...)", seed)
    check_options(options)
    spec = model_spec(model)
    base = key_base(spec)
    keys = partition_keys(base, count, index, of)
    own = KeyRange(base, base + count - 1)
    drawn = parent_overrides(spec, own, parent_ranges(options.get("parents")))
    forge = Forge(
        partition_seed(seed, model, index),
        use_ai=False,
        locale=options.get("locale", "en_US"),
        allow_pii=options.get("allow_pii", False),
        advice="partition",
    )
    key = _start_keys(forge, spec.name, primary_key_field(spec), keys)
    drawn.update(_natural_overrides(forge, model, keys, key))
    return generate_chunks(forge, model, len(keys), {**drawn, **(options.get("overrides") or {})})


def _start_keys(forge: Forge, model_name: str, key: Any, keys: KeyRange) -> str | None:
    """Make the Forge's key counter start at the partition's first key; the key field's name."""
    if key is None:
        return None
    if key.type.inner().kind == "int":
        forge.registry.continue_after(model_name, key.name, keys.first - 1)
    return str(key.name)


def _natural_overrides(forge: Forge, model: Any, keys: KeyRange, key_field: str | None) -> dict[str, Any]:
    plan = forge.plan(model)
    int_key = key_field if key_field and plan.spec.by_name[key_field].type.inner().kind == "int" else None
    return {fs.name: NaturalKey(plan, fs, keys, int_key) for fs in natural_key_fields(plan.spec)}
