"""``to_dask_bag(Model, count=N, partitions=P, seed=S)``: the partitions as a lazy Dask bag to compose.

Each bag partition is one :func:`~pytest_forge.partitions.partition` call, so the bag holds the same
records in the same order as ``forge generate --partitions P`` writes, on whatever scheduler computes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.errors import UsageError
from pytest_forge.partitions.generate import partition
from pytest_forge.partitions.keys import check_partition

if TYPE_CHECKING:
    from dask.bag import Bag

__all__ = ["to_dask_bag"]


def to_dask_bag(
    model: Any,
    *,
    count: int,
    partitions: int,
    seed: int,
    parents: dict[Any, int] | None = None,
    locale: str = "en_US",
    allow_pii: bool = False,
) -> Bag:
    """A Dask bag of ``count`` records of ``model`` in ``partitions`` partitions (nothing runs yet)."""
    try:
        import dask.bag as db
        from dask.delayed import delayed
    except ImportError:
        raise UsageError("to_dask_bag needs Dask: pip install 'pytest-forge[dask]'") from None
    check_partition(0, partitions, count)
    make = delayed(partition, pure=True)
    parts = [
        make(model, index=p, of=partitions, count=count, seed=seed, parents=parents, locale=locale,
             allow_pii=allow_pii, dask_key_name=f"forge-{model.__name__}-{seed}-{p}-of-{partitions}")
        for p in range(partitions)
    ]  # fmt: skip
    bag: Bag = db.from_delayed(parts)  # type: ignore[no-untyped-call]
    return bag
