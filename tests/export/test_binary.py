"""Bytes that are not UTF-8: BLOB/bytea/LONGBLOB columns in databases and SQL files, text in JSON and CSV."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Annotated, Any

import pytest
import sqlalchemy as sa
from pydantic import AfterValidator, Base64Bytes, BaseModel

from pytest_forge import DataExporter, ExportError, Forge
from tests.export.conftest import drop_tables
from tests.export.models import Attachment, Bundle, Part
from tests.export.roundtrip import run_script

EVERY_BYTE = bytes(range(256))


def _hand_made() -> list[Attachment]:
    """Every byte value, NUL, quotes, backslashes, CR/LF, the empty string and None."""
    return [
        Attachment.model_construct(id=1, payload=EVERY_BYTE, thumbnail=b"\x00'\\\r\n\"", label="all"),
        Attachment.model_construct(id=2, payload=b"", thumbnail=None, label="empty"),
    ]


def _made(count: int = 5) -> list[Attachment]:
    keys = iter(range(3, 99))
    return [*_hand_made(), *Forge(seed=4).create_batch(Attachment, count=count, id=lambda: next(keys))]


def _read(url: str, table: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The table's rows (binary values as bytes) and its columns' reflected types."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            quoted = engine.dialect.identifier_preparer.quote_identifier(table)
            rows = [
                dict(r._mapping) for r in connection.execute(sa.text(f"SELECT * FROM {quoted} ORDER BY 1"))
            ]
            types = {c["name"]: c["type"] for c in sa.inspect(connection).get_columns(table)}
    finally:
        engine.dispose()
    as_bytes = [
        {k: bytes(v) if isinstance(v, (memoryview, bytearray)) else v for k, v in r.items()} for r in rows
    ]
    return as_bytes, types


def _stored(records: list[Attachment]) -> list[dict[str, Any]]:
    return [{"id": r.id, "payload": r.payload, "thumbnail": r.thumbnail, "label": r.label} for r in records]


BINARY_TYPES = {"sqlite": "BLOB", "postgresql": "BYTEA", "mysql": "LONGBLOB"}


def test_to_database_keeps_bytes_exactly_in_binary_columns(database: tuple[str, str], table_name: str):
    url, dialect = database
    records = _made()
    assert DataExporter.to_database(records, url, table_name=table_name) == len(records)
    rows, types = _read(url, table_name)
    assert rows == _stored(records)
    assert {str(types["payload"]), str(types["thumbnail"])} == {BINARY_TYPES[dialect]}
    assert types["payload"].python_type is bytes


def test_sql_scripts_write_bytes_as_hex_that_loads_back_exactly(
    database: tuple[str, str], table_name: str, tmp_path: Path
):
    url, dialect = database
    records = _made()
    DataExporter.to_sql(records, tmp_path / "a.sql", table_name=table_name, dialect=dialect)
    script = (tmp_path / "a.sql").read_text(encoding="utf-8")
    hex_literal = "decode('', 'hex')" if dialect == "postgresql" else "X''"
    assert hex_literal in script  # the empty payload
    run_script(url, script)
    rows, _ = _read(url, table_name)
    assert rows == _stored(records)


def test_a_stream_into_a_database_keeps_bytes_exactly(database: tuple[str, str], table_name: str):
    url, _ = database
    made = list(Forge(seed=2).create_stream(Attachment, count=30, filename=url, table_name=table_name))
    rows, _ = _read(url, table_name)
    assert rows == _stored(made)
    assert all(not _is_utf8(r["payload"]) for r in rows)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode()
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("writer", [DataExporter.to_json, DataExporter.to_jsonl, DataExporter.to_csv])
def test_json_and_csv_refuse_bytes_that_are_not_utf8_naming_the_field_and_the_fix(
    writer: Any, tmp_path: Path
):
    with pytest.raises(ExportError, match=r"Attachment\.payload.*ser_json_bytes='base64'") as caught:
        writer(_made(1), tmp_path / "out.txt")
    assert caught.value.field == "payload"
    assert not (tmp_path / "out.txt").exists()


def test_json_lines_write_base64_when_the_model_asks_and_read_back_equal(tmp_path: Path):
    keys = iter(range(2, 99))
    bundles = [
        Bundle(id=1, head=EVERY_BYTE, chunks=[b"\xff", b""], parts=[Part(chunk=b"\x00\xfe")]),
        *Forge(seed=1).create_batch(Bundle, count=5, id=lambda: next(keys)),
    ]
    DataExporter.to_jsonl(bundles, tmp_path / "b.jsonl")
    lines = (tmp_path / "b.jsonl").read_text(encoding="utf-8").splitlines()
    assert [Bundle.model_validate_json(line) for line in lines] == bundles
    assert json.loads(lines[0])["head"] == base64.urlsafe_b64encode(EVERY_BYTE).decode()


def test_bytes_nested_in_a_json_column_are_base64_text_when_their_model_says_so(tmp_path: Path):
    bundle = Bundle(id=1, head=EVERY_BYTE, chunks=[b"\xff", b""], parts=[Part(chunk=b"\x00\xfe")])
    url = f"sqlite:///{tmp_path / 'b.db'}"
    DataExporter.to_database([bundle], url)
    rows, types = _read(url, "bundle")
    assert rows[0]["head"] == EVERY_BYTE
    assert str(types["head"]) == "BLOB"
    assert str(types["chunks"]) == "TEXT"
    assert json.loads(rows[0]["chunks"]) == [base64.urlsafe_b64encode(b"\xff").decode(), ""]
    document = {
        "id": rows[0]["id"],
        "head": base64.urlsafe_b64encode(rows[0]["head"]).decode(),
        "chunks": json.loads(rows[0]["chunks"]),
        "parts": json.loads(rows[0]["parts"]),
    }
    assert Bundle.model_validate_json(json.dumps(document)) == bundle


class Nested(BaseModel):
    id: int
    chunks: list[bytes]


@pytest.mark.parametrize("how", ["database", "sql"])
def test_bytes_nested_in_a_json_column_that_are_not_utf8_are_a_clear_error(how: str, tmp_path: Path):
    records = [Nested(id=1, chunks=[b"ok"]), Nested(id=2, chunks=[b"ok", b"\xff"])]
    write = DataExporter.to_database if how == "database" else DataExporter.to_sql
    message = r"Nested\.chunks\[1\].*inside a JSON column.*ser_json_bytes"
    with pytest.raises(ExportError, match=message) as caught:
        write(records, tmp_path / f"n.{'db' if how == 'database' else 'sql'}")
    assert caught.value.field == "chunks"
    if how == "database":  # nothing was loaded: the table stays empty
        assert _read(f"sqlite:///{tmp_path / 'n.db'}", "nested")[0] == []


class Encoded(BaseModel):
    id: int
    token: Base64Bytes
    raw: Annotated[bytes, AfterValidator(lambda b: b.upper())]


def test_encoded_bytes_keep_the_text_their_model_reads_back(tmp_path: Path):
    record = Encoded(id=1, token=base64.b64encode(b"\xff\x00secret"), raw=b"abc")
    url = f"sqlite:///{tmp_path / 'e.db'}"
    DataExporter.to_database([record], url)
    rows, types = _read(url, "encoded")
    assert str(types["token"]) == "TEXT"
    assert str(types["raw"]) == "BLOB"
    assert Encoded.model_validate(rows[0]) == record


def test_postgresql_loads_every_byte_including_nul(table_name: str):
    url = os.environ.get("FORGE_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("no postgresql server: set FORGE_TEST_POSTGRES_URL to run this test against one")
    try:
        DataExporter.to_database(
            [Attachment.model_construct(id=1, payload=b"\x00" * 3, label="nul")], url, table_name
        )
        assert _read(url, table_name)[0][0]["payload"] == b"\x00\x00\x00"
    finally:
        drop_tables(url, table_name)
