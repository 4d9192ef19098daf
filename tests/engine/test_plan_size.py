"""A live Forge's plan stays small: a field with a pattern costs a few objects (issue 11, compile cost).

Every full garbage collection walks every tracked object alive, so a later instance of a model whose
plan holds many objects takes longer whenever one lands in it. A pattern's sampler was made per field
(rstr's call tables and one closure per pattern node: about 115 tracked objects a field); the pattern's
program is now made once and draws from whichever stream it is given.
"""

from __future__ import annotations

import gc

from pydantic import BaseModel, ConfigDict, Field, create_model

from pytest_forge import Forge
from pytest_forge.spec import TypeSpec

_PATTERN = r"^[A-Z]{2}-\d{3,5}(\.[a-z]+)?$"


def _tracked_by_a_live_forge(fields: int) -> int:
    model = create_model(
        f"Patterned{fields}", **{f"f{i}": (str, Field(pattern=_PATTERN)) for i in range(fields)}
    )
    Forge(seed=1).create(model)  # what is shared by the process is made here
    gc.collect()
    before = len(gc.get_objects())
    forge = Forge(seed=2)
    forge.create(model)
    gc.collect()
    tracked = len(gc.get_objects()) - before
    assert forge.create(model).f0 is not None  # the Forge was alive while counted
    return tracked


def test_a_field_with_a_pattern_adds_few_tracked_objects_to_a_live_plan() -> None:
    per_field = (_tracked_by_a_live_forge(50) - _tracked_by_a_live_forge(10)) / 40
    assert per_field <= 8  # was 115


def test_fields_with_the_same_pattern_share_one_generator_across_forges() -> None:
    spec = TypeSpec("str", pattern=_PATTERN)
    first = Forge(seed=1).value_generator(spec, ("Code", "a"))
    assert Forge(seed=2).value_generator(spec, ("Code", "b")) is first


class Codes(BaseModel):
    model_config = ConfigDict(regex_engine="python-re")  # the backreference below

    a: str = Field(pattern=_PATTERN)
    b: str = Field(pattern=_PATTERN)
    c: str = Field(pattern=r"^(ab|c)\1?x.[^q]$")


def test_fields_sharing_a_pattern_still_draw_from_their_own_streams() -> None:
    made = Forge(seed=5).create_batch(Codes, count=20)
    assert len({item.a for item in made}) > 10
    assert [item.a for item in made] != [item.b for item in made]
    assert {item.c[:2] for item in made} >= {"ab", "cx"}  # a branch, a group, a reference to it
    again = Forge(seed=5).create_batch(Codes, count=20)
    assert [item.model_dump() for item in again] == [item.model_dump() for item in made]
