"""Pure value generators: each factory checks a TypeSpec once and returns a ``Gen`` that draws values.

A ``Gen`` takes the caller's ``random.Random`` and returns one value; it never touches the
global ``random`` state, so the same seed always gives the same sequence.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, TypeAlias

__all__ = ["Gen"]

Gen: TypeAlias = Callable[[random.Random], Any]
