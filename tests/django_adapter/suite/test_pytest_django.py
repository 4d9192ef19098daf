"""The forge fixture under pytest-django: rows roll back with the test; no database access: a clear error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.django_adapter.settings import BACKEND_ENV, TEST_NAME_ENV, URL_ENV

ROOT = Path(__file__).resolve().parents[3]

INNER = """
import pytest
from django.contrib.auth import get_user_model

from pytest_forge.errors import UsageError
from tests.django_adapter.project.blog.models import Author, Entry


@pytest.mark.django_db
def test_saves(forge):
    entry = forge.create(Entry)
    assert Entry.objects.filter(pk=entry.pk).exists()
    assert Author.objects.count() == 1


@pytest.mark.django_db
def test_rolled_back(forge):
    assert Entry.objects.count() == Author.objects.count() == get_user_model().objects.count() == 0
    assert forge.create(Entry).author_id == Author.objects.get().pk


def test_no_database_access(forge):
    with pytest.raises(UsageError, match=r"mark it @pytest.mark.django_db .* forge.build\\(Entry\\)"):
        forge.create(Entry)
    assert forge.build(Entry).pk is None


@pytest.mark.django_db
def test_factory_fixture(entries):
    assert len(entries) == 3
    assert Entry.objects.count() == 3
"""

CONFTEST = """
from pytest_forge import forge_fixture
from tests.django_adapter.project.blog.models import Entry

entries = forge_fixture(Entry, count=3)
"""


@pytest.fixture
def reused_databases(monkeypatch):
    """A known name for the inner runs' test databases, dropped afterwards: ``--reuse-db`` keeps them
    on PostgreSQL/MariaDB (pytest-django adds ``_gw0``, ``_gw1`` under xdist)."""
    name = f"forge_django_reuse_{os.getpid()}"
    monkeypatch.setenv(TEST_NAME_ENV, name)
    yield name
    backend = os.environ.get(BACKEND_ENV, "sqlite")
    if backend == "sqlite":
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(os.environ[URL_ENV[backend]], isolation_level="AUTOCOMMIT")
    quote = engine.dialect.identifier_preparer.quote
    try:
        with engine.connect() as connection:
            for database in (name, f"{name}_gw0", f"{name}_gw1"):
                connection.execute(text(f"DROP DATABASE IF EXISTS {quote(database)}"))
    finally:
        engine.dispose()


@pytest.fixture
def project(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "tests.django_adapter.project.settings_module")
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_inner=INNER)
    return pytester


def test_forge_works_inside_django_db_tests_and_rolls_back(project):
    result = project.runpytest_subprocess("-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)


def test_the_same_seed_makes_the_same_rows_under_pytest_django(project):
    project.makepyfile(
        test_seeded="""
import pytest
from tests.django_adapter.project.blog.models import Entry

@pytest.mark.django_db
def test_print(forge):
    entry = forge.create(Entry)
    print("ROW", entry.title, entry.code, entry.price)
"""
    )
    runs = [
        project.runpytest_subprocess("test_seeded.py", "-s", "--forge-seed=11", "-p", "no:randomly")
        for _ in range(2)
    ]
    rows = [[line[line.index("ROW") :] for line in run.outlines if "ROW " in line] for run in runs]
    assert rows[0]
    assert rows[0] == rows[1]


def test_two_workers_and_reuse_db_keep_working(project, reused_databases):
    pytest.importorskip("xdist", reason="pytest-xdist is not installed (pip install pytest-forge[xdist])")
    result = project.runpytest_subprocess("-p", "xdist", "-n", "2", "--reuse-db", "-p", "no:randomly")
    result.assert_outcomes(passed=4)


def test_files_written_by_create_are_deleted_after_the_test(project):
    project.makepyfile(
        test_files="""
import os
import pytest
from tests.django_adapter.project.blog.models import Document

PATHS = []

@pytest.mark.django_db
def test_writes(forge):
    document = forge.create(Document)
    PATHS.append(document.attachment.path)
    assert os.path.exists(document.attachment.path)

def test_after(forge):
    assert PATHS and not os.path.exists(PATHS[0])
"""
    )
    result = project.runpytest_subprocess("test_files.py", "-p", "no:randomly", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)


ROWS = """
import json
import os

import pytest
from tests.django_adapter.project.blog.models import Entry, Tag


def _write(request, rows):
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"{request.node.name}.{worker}.json"
    with open(os.path.join(os.environ["FORGE_ROWS_OUT"], name), "w") as out:
        json.dump(rows, out)


@pytest.mark.django_db
@pytest.mark.parametrize("n", range(6))
def test_rows(forge, request, n):
    entries = forge.create_batch(Entry, 2)
    tags = forge.create_batch(Tag, 3)
    rows = [[e.pk, e.title, e.code, str(e.price), e.author.user.username] for e in entries]
    rows += [[t.pk, t.name] for t in tags]
    assert len({e.pk for e in entries}) == 2 and len({t.pk for t in tags}) == 3
    _write(request, rows)
"""


def _rows_by_test(folder: Path) -> dict[str, tuple[str, list[list[object]]]]:
    import json

    found = {}
    for path in folder.glob("*.json"):
        test, worker, _ = path.name.rsplit(".", 2)
        found[test] = (worker, json.loads(path.read_text()))
    return found


def test_two_workers_and_reuse_db_make_the_same_rows_per_test_as_one_process(
    project, reused_databases, tmp_path, monkeypatch
):
    """Same --forge-seed: every test gets the same rows on whichever worker runs it, with --reuse-db
    too, as in one process (keys aside: a PostgreSQL sequence does not roll back; the inner test
    checks they do not collide); both workers ran tests."""
    pytest.importorskip("xdist", reason="pytest-xdist is not installed (pip install pytest-forge[xdist])")
    project.makepyfile(test_rows=ROWS)
    runs = {"one": (), "two": ("-n", "2"), "reuse": ("-n", "2", "--reuse-db")}
    outputs = {}
    for name, extra in runs.items():
        folder = tmp_path / name
        folder.mkdir()
        monkeypatch.setenv("FORGE_ROWS_OUT", str(folder))
        xdist = ("-p", "xdist", *extra) if extra else ()
        result = project.runpytest_subprocess("test_rows.py", "--forge-seed=7", "-p", "no:randomly", *xdist)
        result.assert_outcomes(passed=6)
        outputs[name] = _rows_by_test(folder)
    values = {
        name: {test: [row[1:] for row in rows] for test, (_, rows) in found.items()}
        for name, found in outputs.items()
    }
    assert len(values["one"]) == 6
    assert values["two"] == values["one"]
    assert values["reuse"] == values["one"]
    assert {worker for worker, _ in outputs["two"].values()} == {"gw0", "gw1"}
