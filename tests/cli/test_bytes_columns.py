"""The CLI writes and loads bytes that are not UTF-8 into binary columns, exactly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pytest_forge import Forge
from tests.export.models import Attachment
from tests.export.test_binary import EVERY_BYTE, _is_utf8, _read


def test_the_cli_writes_and_loads_bytes_into_sqlite_exactly(run: Any, tmp_path: Path):
    db = tmp_path / "out.sqlite"
    result = run("generate", "tests.export.models:Attachment", "-n", "12", "--seed", "5", "-o", str(db))
    assert result.exit_code == 0, result.stderr
    expected = Forge(seed=5).create_batch(Attachment, count=12)
    rows, types = _read(f"sqlite:///{db}", "attachment")
    assert [r["payload"] for r in rows] == [a.payload for a in expected]
    assert str(types["payload"]) == "BLOB"
    loaded = tmp_path / "load.db"
    result = run("load", "tests.export.models:Attachment:9", "--db", f"sqlite:///{loaded}")
    assert result.exit_code == 0, result.stderr
    rows, _ = _read(f"sqlite:///{loaded}", "attachment")
    assert len(rows) == 9
    assert all(isinstance(r["payload"], bytes) and not _is_utf8(r["payload"]) for r in rows)


def test_the_cli_loads_bytes_into_real_servers_exactly(run: Any, server_database: str):
    result = run("load", "tests.export.models:Attachment:6", "--db", server_database)
    assert result.exit_code == 0, result.stderr
    rows, _ = _read(server_database, "attachment")
    assert len(rows) == 6
    assert all(r["payload"].startswith(b"\xff\x00") and r["payload"].endswith(EVERY_BYTE[128:]) for r in rows)
