"""The pluggy plugin manager, loading extensions from the ``pytest_forge`` entry-point group."""

from __future__ import annotations

import functools

import pluggy

from pytest_forge import hookspecs

__all__ = ["plugin_manager"]


@functools.cache
def plugin_manager() -> pluggy.PluginManager:
    """The process's plugin manager (entry points are scanned once, on first use)."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    manager.load_setuptools_entrypoints(hookspecs.PROJECT)
    return manager
