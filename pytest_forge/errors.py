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
about neither), so tools can point at the place to fix, and links its entry in the
errors FAQ: ``str(err)`` is the message followed by `` (docs: docs/faq/errors.md#<anchor>)``
on the same line, so one-line outputs stay one line (``err.message`` is the message alone).
Each class sets its own ``docs_anchor``; tests/test_error_docs.py checks the entries exist.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

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

#: where the errors FAQ lives; ``str(err)`` ends with `` (docs: {DOCS_PAGE}#{anchor})``
DOCS_PAGE = "docs/faq/errors.md"
_DOCS_REFERENCE = re.compile(r" \(docs: \S+#[\w-]+\)")


class ForgeError(Exception):
    """Base class of every pytest-forge error."""

    #: the entry of this error in docs/faq/errors.md
    docs_anchor: ClassVar[str] = "forgeerror"

    def __init__(self, message: str, *, model: Any = None, field: str | None = None) -> None:
        # a message quoting another ForgeError (f"{spec.name}.{field}: {exc}") keeps its text, not its link
        super().__init__(_DOCS_REFERENCE.sub("", str(message)))
        self.model = model
        self.field = field

    @property
    def message(self) -> str:
        """The message without the docs link."""
        return str(self.args[0]) if self.args else ""

    @property
    def docs_url(self) -> str:
        """Where this error is explained: ``docs/faq/errors.md#<anchor>``."""
        return f"{DOCS_PAGE}#{self.docs_anchor}"

    def __str__(self) -> str:
        return f"{self.message} (docs: {self.docs_url})"

    @property
    def model_name(self) -> str | None:
        """The model's class name, whatever was stored."""
        if self.model is None:
            return None
        return self.model if isinstance(self.model, str) else getattr(self.model, "__name__", str(self.model))


class ConstraintError(ForgeError, ValueError):
    """A field's constraints contradict each other, or an override breaks validation."""

    docs_anchor: ClassVar[str] = "constrainterror"


class ValidationRejectedError(ConstraintError):
    """The model's own validators rejected every draw within the retry budget."""

    docs_anchor: ClassVar[str] = "validationrejectederror"


class UnsupportedTypeError(ForgeError, TypeError):
    """A field has a type the engine cannot generate; supply an override or a provider."""

    docs_anchor: ClassVar[str] = "unsupportedtypeerror"


class RelationError(ForgeError, LookupError):
    """A foreign key has no parent record to point at."""

    docs_anchor: ClassVar[str] = "relationerror"


class ForgePermissionError(ForgeError, PermissionError):
    """A sensitive or dangerous model was asked for while its gate is closed."""

    docs_anchor: ClassVar[str] = "forgepermissionerror"


class ExportError(ForgeError, ValueError):
    """Records cannot be written to the requested file, format or database."""

    docs_anchor: ClassVar[str] = "exporterror"


class ArgumentError(ForgeError, TypeError, ValueError):
    """An argument (``Forge(locale=...)``, ``count=``, an override callable) that cannot be used."""

    docs_anchor: ClassVar[str] = "argumenterror"


class AIError(ForgeError, RuntimeError):
    """The LLM did not give usable text and ``strict_ai=True`` asked us to raise."""

    docs_anchor: ClassVar[str] = "aierror"


class UsageError(ForgeError):
    """The API was used wrongly (an unknown trait, a blueprint naming no model ...): the message says how."""

    docs_anchor: ClassVar[str] = "usageerror"


class UnknownLocaleError(ForgeError, ValueError):
    """A locale pytest-forge has no data for; the message names the closest supported ones."""

    docs_anchor: ClassVar[str] = "unknownlocaleerror"
