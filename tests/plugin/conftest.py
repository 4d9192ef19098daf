"""Fixtures of the plugin tests."""

from __future__ import annotations

import pytest

from tests.plugin.inner import MODELS, RECORDER


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A pytester directory with the inner models and the ``record`` fixture."""
    pytester.makepyfile(forge_models=MODELS, conftest=RECORDER)
    return pytester
