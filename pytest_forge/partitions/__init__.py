"""Past one machine: datasets generated partition by partition, each a pure function of its inputs.

``partition(Model, index=p, of=P, count=N, seed=S, parents={...})`` is the engine-neutral piece;
``forge generate ... --partitions P --engine dask|processes`` writes them as Parquet, JSONL or CSV.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_forge.partitions.generate import partition, partition_chunks, partition_seed
from pytest_forge.partitions.keys import KeyRange, partition_keys

if TYPE_CHECKING:
    from pytest_forge.partitions.dask_api import to_dask_bag, to_dask_dataframe

__all__ = [
    "KeyRange", "partition", "partition_chunks", "partition_keys", "partition_seed", "to_dask_bag",
    "to_dask_dataframe",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in ("to_dask_bag", "to_dask_dataframe"):  # Dask is imported only when used
        from pytest_forge.partitions import dask_api

        return getattr(dask_api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
