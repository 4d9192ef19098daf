"""Type aliases another module imports only for type checkers (atproto's ``UnknownType``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

Label = Annotated[str, Field(min_length=3, max_length=8)]
