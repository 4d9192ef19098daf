"""The typed front door, proven by running mypy on a user's code (tests/typing/front_door.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

mypy_api = pytest.importorskip("mypy.api")

HERE = Path(__file__).parent
ROOT = HERE.parent.parent

MISTAKES = """\
from __future__ import annotations
from tests.typing.front_door import User
from pytest_forge import Forge
def use(forge: Forge) -> str:
    return forge.create(User).nmae
def configure() -> Forge:
    return Forge(1, use_aii=True)
"""


def test_create_returns_the_models_type_and_mypy_reports_a_users_mistakes(tmp_path):
    mistakes = tmp_path / "user_code.py"
    mistakes.write_text(MISTAKES)
    out, err, status = mypy_api.run(
        [
            "--strict",
            "--config-file", str(ROOT / "pyproject.toml"),
            "--cache-dir", str(ROOT / ".mypy_cache"),
            str(HERE / "front_door.py"),
            str(mistakes),
        ]
    )  # fmt: skip
    report = out + err
    assert status == 1, report
    assert "front_door.py" not in report  # every assert_type there held: create(User).name is a str
    assert '"User" has no attribute "nmae"' in report
    assert 'Unexpected keyword argument "use_aii" for "Forge"' in report
