"""The pytest hook pytest-forge adds (registered through ``pytest_addhooks``).

A conftest implements it to set up the session's Forge; a misspelt ``pytest_forge_*``
name in a conftest fails the run, as pytest does for every unknown ``pytest_`` hook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytest_forge.forge import Forge

__all__ = ["pytest_forge_configure"]


@pytest.hookspec
def pytest_forge_configure(forge: Forge) -> None:
    """Called once per session (per xdist worker) with the session's Forge, before any test uses it.

    Register providers here (``forge.register_provider(Money, make_money)``); every test's
    ``forge`` falls back on the session Forge's providers.
    """
