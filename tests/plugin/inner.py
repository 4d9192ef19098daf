"""The inner project the plugin tests run: models, a recording fixture, and readers of its output."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

MODELS = """
from pydantic import BaseModel, Field


class Customer(BaseModel):
    id: int
    name: str
    age: int = Field(ge=18, le=99)


class Order(BaseModel):
    id: int
    note: str
    total: float = Field(gt=0, le=1000)
"""

RECORDER = '''
import json
import pathlib
import re

import pytest


@pytest.fixture
def record(request):
    """Write what a test generated to out/<nodeid>.json, for the outer test to compare."""
    out = pathlib.Path(str(request.config.rootpath)) / "out"
    out.mkdir(exist_ok=True)

    def save(value):
        name = re.sub(r"[^A-Za-z0-9]+", "_", request.node.nodeid) + ".json"
        payload = {"nodeid": request.node.nodeid, "value": value}
        (out / name).write_text(json.dumps(payload, default=str, sort_keys=True))

    return save
'''

DATA_TESTS = """
import pytest

from forge_models import Customer, Order


def test_customer(forge, record):
    record(forge.create(Customer).model_dump())


def test_orders(forge, record):
    record([order.model_dump() for order in forge.create_batch(Order, count=3)])


@pytest.mark.parametrize("count", [1, 2, 3])
def test_batches(forge, record, count):
    record([customer.model_dump() for customer in forge.create_batch(Customer, count=count)])


class TestGrouped:
    def test_in_class(self, forge, record):
        record([forge.seed, forge.create(Order).model_dump()])
"""


def recorded(root: pytest.Pytester | Path) -> dict[str, Any]:
    """What the inner tests recorded, by node id; the out/ folder is emptied for the next run."""
    out = (root.path if isinstance(root, pytest.Pytester) else root) / "out"
    if not out.exists():
        return {}
    found = {}
    for path in sorted(out.glob("*.json")):
        payload = json.loads(path.read_text())
        found[payload["nodeid"]] = payload["value"]
    shutil.rmtree(out)
    return found


def header_seed(lines: list[str]) -> int:
    """The session seed printed in the ``forge:`` header line."""
    for line in lines:
        match = re.match(r"forge: --forge-seed=(\d+)", line)
        if match:
            return int(match.group(1))
    raise AssertionError("no forge header line in:\n" + "\n".join(lines))


def forge_section(lines: list[str]) -> list[str]:
    """The lines of the first ``forge`` report section."""
    text = "\n".join(lines)
    match = re.search(r"-+ forge -+\n(.*?)(?:\n[-=_]{3,} |\Z)", text, re.S)
    assert match, "no forge section in:\n" + text
    return match.group(1).splitlines()
