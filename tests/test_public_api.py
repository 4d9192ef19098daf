"""The public names: ``pytest_forge.__all__`` is sorted, complete, and every name resolves."""

from __future__ import annotations

import ast
import importlib
import inspect

import pytest

import pytest_forge
from pytest_forge import errors


def _type_checking_imports() -> set[str]:
    """The names the package imports for type checkers (what IDEs see of the lazy names)."""
    tree = ast.parse(inspect.getsource(pytest_forge))
    block = next(
        node for node in tree.body if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
    )
    return {
        alias.asname or alias.name
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_all_is_sorted():
    assert pytest_forge.__all__ == sorted(pytest_forge.__all__)


def test_all_names_every_lazy_name_and_every_type_checking_import():
    assert set(pytest_forge.__all__) == set(pytest_forge._SOURCES) == _type_checking_imports()


def test_every_error_class_is_public():
    assert set(errors.__all__) <= set(pytest_forge.__all__)


@pytest.mark.parametrize("name", pytest_forge.__all__)
def test_every_public_name_resolves_to_the_object_its_module_defines(name):
    value = getattr(pytest_forge, name)
    assert value is getattr(importlib.import_module(pytest_forge._SOURCES[name]), name)
