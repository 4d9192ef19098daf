"""``FilePath`` fields get existing (empty) files in pytest-forge's own temporary directory, so models
whose file sources must exist, and whose validators read them, are valid. A regression from the
outside sweep (bioimageio.spec's ``FileSource = HttpUrl | RelativeFilePath | FilePath`` with a hash
validator reading the file), as small models."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pytest
from pydantic import BaseModel, FilePath, HttpUrl, model_validator

from pytest_forge import Forge

SEEDS = (0, 1, 2)


@pytest.fixture(autouse=True)
def _own_temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


class Attachment(BaseModel):
    source: FilePath
    note: str | None = None


class Weights(BaseModel):
    """Its file must be readable where validation runs (a URL would be downloaded: refused here)."""

    source: HttpUrl | FilePath
    sha256: str | None = None

    @model_validator(mode="after")
    def _hash(self) -> Weights:
        if not isinstance(self.source, Path):
            raise ValueError(f"cannot download {self.source} here")
        self.sha256 = hashlib.sha256(self.source.read_bytes()).hexdigest()
        return self


class Package(BaseModel):
    weights: list[Weights]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_file_path_is_an_existing_file_under_the_temp_dir(seed: int, tmp_path: Path) -> None:
    made = Forge(seed=seed).create(Attachment)
    assert made.source.is_file()
    assert made.source.is_relative_to(tmp_path)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_file_source_whose_validator_reads_the_file_is_valid(seed: int) -> None:
    made = Forge(seed=seed).create(Package)
    assert all(isinstance(w.source, Path) and w.source.is_file() for w in made.weights)


def test_same_seed_same_file_paths() -> None:
    one = [m.model_dump() for m in Forge(seed=3).create_batch(Package, 3)]
    two = [m.model_dump() for m in Forge(seed=3).create_batch(Package, 3)]
    assert one == two
