"""``Label`` lives in another package (not a parent of this module): only the import says where."""

from __future__ import annotations

import typing

from pydantic import BaseModel

if typing.TYPE_CHECKING:
    from ..aliases import Label


class Tagged(BaseModel):
    label: Label
    labels: list[Label]
