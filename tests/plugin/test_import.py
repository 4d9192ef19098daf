"""Loading the plugin is cheap: no litellm, pydantic or faker until a test asks for a Forge."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("heavy", ["litellm", "pydantic", "faker"])
def test_importing_the_plugin_does_not_import_heavy_libraries(heavy: str) -> None:
    code = f"import pytest_forge.plugin, sys; assert {heavy!r} not in sys.modules, 'imported {heavy}'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_importing_the_library_does_not_import_pytest() -> None:
    code = "from pytest_forge import Forge, ForgeError; import sys; assert 'pytest' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_forge_fixture_is_public_api() -> None:
    import pytest_forge
    from pytest_forge.plugin.fixtures import forge_fixture

    assert pytest_forge.forge_fixture is forge_fixture
    assert "forge_fixture" in pytest_forge.__all__


def test_the_plugin_is_registered_through_its_entry_point(pytester: pytest.Pytester) -> None:
    pytester.runpytest("--trace-config").stdout.fnmatch_lines(["*pytest_forge.plugin*"])
