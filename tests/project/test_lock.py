"""The committed lock pins every package the project can install, so CI changes only when we do."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "dev.lock"


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if match:
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def test_every_dependency_and_extra_of_the_project_is_pinned_in_the_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_name(r) for r in extra if not r.startswith("pytest-forge")}
    assert sorted(wanted - set(_locked())) == []


def test_the_lock_pins_exact_versions_only():
    requirement_lines = [
        line for line in LOCK.read_text().splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    assert requirement_lines
    assert [line for line in requirement_lines if "==" not in line] == []


def test_ci_and_the_readme_install_through_the_lock():
    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    command = 'pip install -c requirements/dev.lock -e ".[dev]"'
    assert (command in ci, command in readme) == (True, True)
