"""Every error pytest-forge raises, one base class to catch them all.

The tree (each subclass also inherits the builtin it refines, so callers that
already catch ``ValueError`` or ``TypeError`` keep working)::

    ForgeError(Exception)
    ├── ConstraintError(ForgeError, ValueError)      constraints that cannot be met,
    │   └── ValidationRejectedError                  the model's validators kept refusing
    ├── UnsupportedTypeError(ForgeError, TypeError)  a type we cannot generate
    ├── RelationError(ForgeError, LookupError)       a foreign key with no parent to point at
    ├── ForgePermissionError(ForgeError, PermissionError)  a sensitive/dangerous gate is closed
    ├── UnknownLocaleError(ForgeError, ValueError)   a locale we have no data for
    ├── ExportError(ForgeError, ValueError)          a file or database export that cannot be done
    ├── ArgumentError(ForgeError, TypeError, ValueError)  an argument or override that cannot be used
    ├── AIError(ForgeError, RuntimeError)            the LLM failed and strict_ai asked us to raise
    └── UsageError(ForgeError)                       the API was used wrongly (an unknown trait,
                                                     a blueprint without a model, a bad override path)

Every error carries the ``model`` and ``field`` it is about (``None`` when it is
about neither), so tools can point at the place to fix.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "AIError",
    "ArgumentError",
    "ConstraintError",
    "ExportError",
    "ForgeError",
    "ForgePermissionError",
    "RelationError",
    "UnknownLocaleError",
    "UnsupportedTypeError",
    "UsageError",
    "ValidationRejectedError",
]


class ForgeError(Exception):
    """Base class of every pytest-forge error."""

    def __init__(self, message: str, *, model: Any = None, field: str | None = None) -> None:
        super().__init__(message)
        self.model = model
        self.field = field

    @property
    def model_name(self) -> str | None:
        """The model's class name, whatever was stored."""
        if self.model is None:
            return None
        return self.model if isinstance(self.model, str) else getattr(self.model, "__name__", str(self.model))


class ConstraintError(ForgeError, ValueError):
    """A field's constraints contradict each other, or an override breaks validation."""


class ValidationRejectedError(ConstraintError):
    """The model's own validators rejected every draw within the retry budget."""


class UnsupportedTypeError(ForgeError, TypeError):
    """A field has a type the engine cannot generate; supply an override or a provider."""


class RelationError(ForgeError, LookupError):
    """A foreign key has no parent record to point at."""


class ForgePermissionError(ForgeError, PermissionError):
    """A sensitive or dangerous model was asked for while its gate is closed."""


class ExportError(ForgeError, ValueError):
    """Records cannot be written to the requested file, format or database."""


class ArgumentError(ForgeError, TypeError, ValueError):
    """An argument (``Forge(locale=...)``, ``count=``, an override callable) that cannot be used."""


class AIError(ForgeError, RuntimeError):
    """The LLM did not give usable text and ``strict_ai=True`` asked us to raise."""


class UsageError(ForgeError):
    """The API was used wrongly (an unknown trait, a blueprint naming no model ...): the message says how."""


class UnknownLocaleError(ForgeError, ValueError):
    """A locale pytest-forge has no data for; the message names the closest supported ones."""
