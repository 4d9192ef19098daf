"""A refused optional field is left out in the last re-draws, early enough for the whole-model
refusal that may follow (``either doi or url``) to ask for another field. A regression from the
outside sweep (bioimageio.spec's ``CiteEntry``: a DOI pattern the field's type hides, or a URL), as a
small model."""

from __future__ import annotations

from typing import Annotated, Any

import pytest
from pydantic import AfterValidator, BaseModel, model_validator

from pytest_forge import Forge


def _never(value: str) -> str:
    raise ValueError(f"{value!r} is not a DOI")


class Citation(BaseModel):
    text: str
    doi: Annotated[str, AfterValidator(_never)] = None  # type: ignore[assignment]  # drawn as a str
    url: str | None = None

    @model_validator(mode="after")
    def _doi_or_url(self) -> Any:
        if not self.doi and not self.url:
            raise ValueError("Either 'doi' or 'url' is required")
        return self


@pytest.mark.parametrize("seed", range(10))
def test_an_optional_field_refused_every_time_gives_way_to_the_other_one(seed: int) -> None:
    made = Forge(seed=seed, none_p=1.0).create(Citation)  # the url is None until a refusal asks for it
    assert made.doi is None
    assert made.url
