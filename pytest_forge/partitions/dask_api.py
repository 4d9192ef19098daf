"""The partitions as lazy Dask collections to compose: ``to_dask_bag`` (model instances) and
``to_dask_dataframe`` (columns typed by the model's Arrow schema, as the Parquet parts have them).

Each Dask partition is one :func:`~pytest_forge.partitions.partition` call, so both hold the same
records in the same order as ``forge generate --partitions P`` writes, on whatever scheduler computes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

from pytest_forge.errors import UsageError
from pytest_forge.partitions.generate import DatasetOptions, check_options, partition
from pytest_forge.partitions.keys import check_partition

if TYPE_CHECKING:
    import pandas as pd
    from dask.bag import Bag
    from dask.dataframe import DataFrame

__all__ = ["to_dask_bag", "to_dask_dataframe"]


def to_dask_bag(
    model: Any, *, count: int, partitions: int, seed: int, **options: Unpack[DatasetOptions]
) -> Bag:
    """A Dask bag of ``count`` records of ``model`` in ``partitions`` partitions (nothing runs yet)."""
    try:
        import dask.bag as db
    except ImportError:
        raise UsageError("to_dask_bag needs Dask: pip install 'pytest-forge[dask]'") from None
    parts = _delayed_parts(partition, "bag", model, count, partitions, seed, options)
    bag: Bag = db.from_delayed(parts)  # type: ignore[no-untyped-call]
    return bag


def to_dask_dataframe(
    model: Any, *, count: int, partitions: int, seed: int, **options: Unpack[DatasetOptions]
) -> DataFrame:
    """A Dask DataFrame of ``count`` records of ``model`` in ``partitions`` partitions (nothing runs yet).

    Columns are the model's fields by their JSON keys, typed as in the Parquet parts (``arrow_schema``)
    and held as Arrow-backed pandas columns (``pd.ArrowDtype``): decimals keep their precision, aware
    times are UTC, lists stay lists and nested models structs. The index is each partition's own
    0…n-1, not the record key (``frame.set_index("id")`` when you want it).
    """
    try:
        import dask.dataframe as dd
    except ImportError:
        raise UsageError(
            "to_dask_dataframe needs Dask's dataframe part (pandas): pip install 'pytest-forge[dask]'"
        ) from None
    from pytest_forge.partitions.arrow_schema import ArrowBatcher

    meta = _pandas(ArrowBatcher(model).schema.empty_table())
    parts = _delayed_parts(_frame, "frame", model, count, partitions, seed, options)
    frame: DataFrame = dd.from_delayed(parts, meta=meta, verify_meta=False)
    return frame


def _frame(model: Any, **arguments: Any) -> pd.DataFrame:
    import pyarrow as pa

    from pytest_forge.partitions.arrow_schema import ArrowBatcher

    batch = ArrowBatcher(model).batch(partition(model, **arguments))
    return _pandas(pa.Table.from_batches([batch]))


def _pandas(table: Any) -> pd.DataFrame:
    """Arrow-backed columns (``pd.ArrowDtype``): decimals, lists and structs keep their exact types."""
    import pandas as pd

    frame: pd.DataFrame = table.to_pandas(types_mapper=pd.ArrowDtype)
    return frame


def _delayed_parts(
    make: Any, kind: str, model: Any, count: int, partitions: int, seed: int, options: DatasetOptions
) -> list[Any]:
    """One delayed call per partition, named by its inputs so equal calls share their Dask key."""
    from dask.delayed import delayed

    check_partition(0, partitions, count)
    check_options(options)
    call = delayed(make, pure=True)
    name = f"{model.__module__}.{model.__qualname__}"
    return [
        call(model, index=p, of=partitions, count=count, seed=seed, **options,
             dask_key_name=f"forge-{kind}-{name}-{seed}-{p}-of-{partitions}")
        for p in range(partitions)
    ]  # fmt: skip
