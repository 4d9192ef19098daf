"""The model the view refers to."""

from __future__ import annotations

from pydantic import BaseModel


class Thing(BaseModel):
    title: str
    size: int
