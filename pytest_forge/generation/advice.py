"""How to fix a model whose validators refused every draw, read from the last refusal's reason."""

from __future__ import annotations

__all__ = ["how_to_fix"]

_MISSING_PACKAGE = ("ImportError:", "ModuleNotFoundError:")


def how_to_fix(reason: str) -> str:
    """The advice ending a ``ValidationRejectedError`` whose last refusal said ``reason``."""
    if reason.startswith(_MISSING_PACKAGE):
        return (
            "The model's own code needs a package that is not installed: install the package the error "
            "names, or pass the value that needs it as an override"
        )
    if "(the environment variable " in reason:
        return (
            "The model's own code reads an environment variable: set it (monkeypatch.setenv in a test), "
            "or pass the value that needs it as an override"
        )
    return "Pass a valid value as an override or register a provider"
