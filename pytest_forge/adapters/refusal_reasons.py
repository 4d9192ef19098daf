"""What a refusal that is not about the drawn values says about the environment instead.

A model's own code may need what no draw gives: a package that is not installed (``ImportError``), an
environment variable that is not set (``os.environ["COHERE_API_KEY"]`` raises a bare ``KeyError``).
Re-draws still try (an import may depend on a field's value), and the final error then says which.
"""

from __future__ import annotations

__all__ = ["described"]


def described(exc: BaseException) -> str:
    """``Type: message``; a ``KeyError`` raised by ``os.environ`` says it is an environment variable."""
    text = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, KeyError) and exc.args and _raised_in(exc, "os"):
        text += f" (the environment variable {exc.args[0]} is not set)"
    return text


def _raised_in(exc: BaseException, module: str) -> bool:
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    return bool(tb.tb_frame.f_globals.get("__name__") == module)
