"""Writing partitions: Parquet/JSONL/CSV files, the manifest, atomic writes, resume and overwrite."""

from __future__ import annotations

import json

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pytest_forge import UsageError
from pytest_forge.partitions import partition
from pytest_forge.partitions.engines import run_serially
from pytest_forge.partitions.manifest import product_version
from pytest_forge.partitions.run import execute
from pytest_forge.partitions.writers import read_parquet, write_partition

from .models import Customer, Order, Product

PARENTS = {Customer: 40, Product: 12}


def file_bytes(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("part-*"))}


def test_parquet_partitions_read_back_equal_to_partition_and_to_the_jsonl_run(shop_plan, tmp_path):
    execute(shop_plan("parquet"), run_serially)
    execute(shop_plan("jsonl", output=tmp_path / "lines"), run_serially)
    fs = fsspec.filesystem("file")
    for index in range(3):
        back = list(read_parquet(fs, str(tmp_path / f"out/order/part-0000{index}.parquet"), Order))
        made = partition(Order, index=index, of=3, count=90, seed=11, parents=PARENTS)
        lines = (tmp_path / f"lines/order/part-0000{index}.jsonl").read_text(encoding="utf-8").splitlines()
        assert back == made
        assert [Order.model_validate_json(line) for line in lines] == made
        assert [o.id for o in back] == list(range(index * 30 + 1, index * 30 + 31))
    customers = list(read_parquet(fs, str(tmp_path / "out/customer/part-00002.parquet"), Customer))
    assert customers == partition(
        Customer, index=2, of=3, count=40, seed=11, parents={Order: 90, Product: 12}
    )


def test_the_parquet_schema_comes_from_the_model(shop_plan, tmp_path):
    execute(shop_plan(), run_serially)
    order = pq.read_schema(tmp_path / "out/order/part-00000.parquet")
    assert order.field("id").type == pa.int64()
    assert order.field("total").type == pa.decimal128(10, 2)
    assert order.field("placed").type == pa.timestamp("us", tz="UTC")
    assert order.field("product_ids").type == pa.list_(pa.int64())
    assert order.field("gift").type == pa.bool_()
    customer = pq.read_schema(tmp_path / "out/customer/part-00000.parquet")
    assert customer.field("tier").type == pa.dictionary(pa.int32(), pa.string())
    assert customer.field("first_order").type == pa.date32()
    assert customer.field("address").type == pa.struct(
        [("street", pa.string()), ("city", pa.string()), ("postcode", pa.string())]
    )
    product = pq.read_schema(tmp_path / "out/product/part-00000.parquet")
    assert product.field("status").type == pa.dictionary(pa.int32(), pa.string())
    assert product.field("price").type == pa.decimal128(8, 2)


def test_csv_partitions_have_a_header_and_every_row(shop_plan, tmp_path):
    execute(shop_plan("csv"), run_serially)
    lines = (tmp_path / "out/product/part-00001.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id,slug,title,price,tags,status"
    assert len(lines) == 1 + 4
    assert lines[1].startswith("5,")


def test_the_manifest_says_what_the_run_is_and_which_partitions_are_done(shop_plan, tmp_path):
    execute(shop_plan(), run_serially)
    manifest = json.loads((tmp_path / "out/_manifest.json").read_text(encoding="utf-8"))
    run = manifest["run"]
    assert run["models"][2] == {"model": "tests.partitions.models:Order", "table": "order", "count": 90}
    assert (run["partitions"], run["seed"], run["format"]) == (3, 11, "parquet")
    assert run["version"] == product_version()
    assert sorted(manifest["done"]["order"]) == ["0", "1", "2"]
    assert manifest["done"]["customer"]["2"]["rows"] == 12
    assert not list((tmp_path / "out").rglob("*.tmp"))


def test_a_stopped_run_resumes_with_only_the_missing_partitions(shop_plan, tmp_path):
    execute(shop_plan(output=tmp_path / "whole"), run_serially)

    def stops_after_four(tasks):
        for number, done in enumerate(run_serially(tasks)):
            if number == 4:
                raise KeyboardInterrupt
            yield done

    with pytest.raises(KeyboardInterrupt):
        execute(shop_plan(), stops_after_four)
    (tmp_path / "out/order").mkdir()
    (tmp_path / "out/order/part-00002.parquet").write_bytes(b"torn")  # written but never recorded
    seen = []

    def recording(tasks):
        seen.extend((t.table, t.index) for t in tasks)
        return run_serially(tasks)

    execute(shop_plan(), recording)
    assert seen == [("product", 1), ("product", 2), ("order", 0), ("order", 1), ("order", 2)]
    assert file_bytes(tmp_path / "out") == file_bytes(tmp_path / "whole")
    seen.clear()
    execute(shop_plan(), recording)
    assert seen == []


def test_another_runs_folder_is_refused_unless_overwrite(shop_plan, tmp_path):
    execute(shop_plan(seed=1), run_serially)
    with pytest.raises(UsageError, match=r"holds another run \(seed: 1 there, 2 now\); pass --overwrite"):
        execute(shop_plan(seed=2), run_serially)
    stale = tmp_path / "out/order/part-00009.parquet"
    stale.write_bytes(b"old")
    execute(shop_plan(seed=2), run_serially, overwrite=True)
    assert not stale.exists()
    assert json.loads((tmp_path / "out/_manifest.json").read_text(encoding="utf-8"))["run"]["seed"] == 2


def test_a_broken_manifest_is_a_clear_error(shop_plan, tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "out/_manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(UsageError, match=r"is not a pytest-forge manifest.*--overwrite"):
        execute(shop_plan(), run_serially)


def test_a_failing_partition_leaves_neither_its_file_nor_a_temporary_one(tmp_path):
    def chunks():
        yield partition(Product, index=0, of=1, count=3, seed=1)
        raise RuntimeError("worker lost")

    fs = fsspec.filesystem("file")
    with pytest.raises(RuntimeError, match="worker lost"):
        write_partition(fs, str(tmp_path / "product/part-00000.parquet"), Product, "parquet", chunks())
    assert list(tmp_path.rglob("*")) == [tmp_path / "product"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"fmt": "xml"}, r"partitions are written as parquet, jsonl, csv, not 'xml' \(--format\)"),
        ({"output": "nosuchproto://bucket/x"}, r"-o nosuchproto://bucket/x: not a folder or fsspec URL"),
    ],
)
def test_a_bad_format_or_url_is_a_usage_error(shop_plan, change, message):
    with pytest.raises(UsageError, match=message):
        execute(shop_plan(**change), run_serially)


def test_any_fsspec_url_works_here_the_memory_filesystem(shop_plan, tmp_path):
    execute(shop_plan(output="memory://shop"), run_serially)
    execute(shop_plan(), run_serially)
    fs = fsspec.filesystem("memory")
    assert (
        fs.cat("/shop/order/part-00001.parquet") == (tmp_path / "out/order/part-00001.parquet").read_bytes()
    )
    assert "_manifest.json" in {p.rpartition("/")[2] for p in fs.ls("/shop", detail=False)}
    fs.rm("/shop", recursive=True)


def test_the_manifest_is_not_rewritten_for_every_partition(shop_plan, monkeypatch):
    from pytest_forge.partitions import run
    from pytest_forge.partitions.manifest import Manifest

    saves = []
    original = Manifest.save
    monkeypatch.setattr(run, "SAVE_EVERY", 3600.0)
    monkeypatch.setattr(Manifest, "save", lambda self, fs, root: (saves.append(1), original(self, fs, root)))
    manifest = execute(shop_plan(), run_serially)
    assert len(saves) == 2  # the fresh manifest, then once at the end
    assert sum(len(done) for done in manifest.done.values()) == 9


def test_bytes_that_are_not_utf8_are_binary_parquet_columns_that_read_back_equal(tmp_path):
    from tests.export.models import Attachment

    made = [record for chunk in [partition(Attachment, index=0, of=1, count=20, seed=3)] for record in chunk]
    fs = fsspec.filesystem("file")
    path = str(tmp_path / "attachment/part-00000.parquet")
    write_partition(fs, path, Attachment, "parquet", [made])
    assert pq.read_schema(path).field("payload").type == pa.binary()
    back = list(read_parquet(fs, path, Attachment))
    assert back == made
    assert all(not r.payload.isascii() for r in made)
