"""A model whose annotation names ``things``, a module this one never imports at run time."""

from __future__ import annotations

import typing

from pydantic import BaseModel

if typing.TYPE_CHECKING:
    from tests.engine.forward_pkg import things


class View(BaseModel):
    thing: things.Thing
    others: list[things.Thing] = []
