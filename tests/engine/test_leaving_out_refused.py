"""Refused optional fields give way to their defaults: a refused field is left out in the last
re-draws, early enough for the whole-model refusal that may follow (``either doi or url``) to ask for
another field; an optional field holding a nested model whose validators refuse every draw keeps its
default. Regressions from the outside sweep (bioimageio.spec's ``CiteEntry``: a DOI pattern the
field's type hides, or a URL; ``maintainers: list[Maintainer]`` whose GitHub user must exist online),
as small models."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

import pytest
from pydantic import AfterValidator, BaseModel, Field, field_validator, model_validator

from pytest_forge import Forge
from pytest_forge.errors import ValidationRejectedError


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


class Maintainer(BaseModel):
    github_user: str

    @field_validator("github_user")
    @classmethod
    def _exists_online(cls, value: str) -> str:
        raise ValueError(f"cannot reach GitHub to check {value!r}")


class Resource(BaseModel):
    name: str
    maintainers: list[Maintainer] = Field(default_factory=list)
    uploader: Maintainer | None = None


@pytest.mark.parametrize("seed", range(3))
def test_an_optional_field_whose_nested_model_is_always_refused_keeps_its_default(seed: int) -> None:
    made = Forge(seed=seed).create(Resource)
    assert made.maintainers == []
    assert made.uploader is None


def test_a_required_field_whose_nested_model_is_always_refused_is_still_an_error() -> None:
    class Package(BaseModel):
        owner: Maintainer

    with pytest.raises(ValidationRejectedError, match="github_user"):
        Forge(seed=0).create(Package)


VALIDATIONS: list[int] = []


class Blob(BaseModel):
    """bioimageio's ``FileDescr``: a hash given must match the content, a missing one is computed."""

    content: str
    sha256: str | None = None

    @model_validator(mode="after")
    def _hash(self) -> Any:
        VALIDATIONS.append(1)
        actual = hashlib.sha256(self.content.encode()).hexdigest()
        if self.sha256 is not None and self.sha256 != actual:
            raise ValueError(f"Sha256 mismatch: expected {self.sha256}, got {actual}; update `sha256`")
        self.sha256 = actual
        return self


@pytest.mark.parametrize("seed", range(3))
def test_a_whole_model_refusal_naming_one_optional_field_leaves_it_out_at_once(seed: int) -> None:
    VALIDATIONS.clear()
    made = Forge(seed=seed, none_p=0.0).create(Blob)
    assert made.sha256 == hashlib.sha256(made.content.encode()).hexdigest()
    assert len(VALIDATIONS) <= 2  # refused once, then left out (on main: re-drawn until thinned out)
