"""The reference pages cannot fall behind the code: every public name is on the API page."""

from __future__ import annotations

import importlib
import re

import pytest

import pytest_forge
from tests.docs.runner import DOCS

API_PAGE = (DOCS / "reference" / "api.md").read_text(encoding="utf-8")
DIRECTIVES = re.findall(r"^::: ([\w.]+)", API_PAGE, flags=re.MULTILINE)


def _documented(name: str) -> bool:
    source = pytest_forge._SOURCES[name]
    if f"{source}.{name}" in DIRECTIVES:
        return True
    # a whole module on the page documents its public names (errors, hookspecs)
    return source in DIRECTIVES and name in getattr(importlib.import_module(source), "__all__", ())


@pytest.mark.parametrize("name", pytest_forge.__all__)
def test_every_public_name_is_on_the_api_page(name):
    assert _documented(name), f"add '::: {pytest_forge._SOURCES[name]}.{name}' to docs/reference/api.md"


@pytest.mark.parametrize("target", DIRECTIVES)
def test_every_object_the_api_page_names_exists(target):
    module, _, attribute = target.rpartition(".")
    try:
        importlib.import_module(target)
    except ModuleNotFoundError:
        assert hasattr(importlib.import_module(module), attribute), target


def test_every_relative_link_of_the_readme_points_at_a_file():
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\((?!https?://|#)([^)#\s]+)", readme)
    assert targets
    assert [target for target in targets if not (DOCS.parent / target).exists()] == []
