"""Past one machine: datasets generated partition by partition, each a pure function of its inputs.

``partition(Model, index=p, of=P, count=N, seed=S, parents={...})`` is the engine-neutral piece;
``forge generate ... --partitions P --engine dask|processes`` writes them as Parquet, JSONL or CSV.
"""

from __future__ import annotations

from pytest_forge.partitions.generate import partition, partition_chunks, partition_seed
from pytest_forge.partitions.keys import KeyRange, partition_keys

__all__ = ["KeyRange", "partition", "partition_chunks", "partition_keys", "partition_seed"]
