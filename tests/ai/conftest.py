"""Fixtures of the AI tests: the local OpenAI-compatible server and Forges pointed at it."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, Field

from pytest_forge import Forge, Sensitive
from tests.ai.fake_llm_server import FakeLLMServer

API_KEY = "sk-test-0123456789abcdef"
MODEL = "openai/fake-model"


class Review(BaseModel):
    """A product review: two semantic fields (body, summary), a rating to keep them coherent."""

    id: int
    rating: int = Field(ge=1, le=5)
    title: str
    body: str = Field(description="what the customer wrote", max_length=400)
    summary: str


class Profile(BaseModel):
    """A person's profile: offline name fields beside a bio the LLM writes about the same person."""

    id: int
    first_name: str
    last_name: str
    bio: str


class Patient(BaseModel):
    """A model with sensitive data next to its free text."""

    id: int
    name: str
    ssn: str
    diagnosis: Annotated[str, Sensitive]
    bio: str


def records_sent(server: FakeLLMServer) -> int:
    """How many records the prompts sent to ``server`` listed (one ``{"i": ...}`` line each)."""
    return sum(message.count('\n{"i": ') for message in server.user_messages())


@pytest.fixture
def llm_server() -> Iterator[FakeLLMServer]:
    server = FakeLLMServer(slow_seconds=3.0).start()
    yield server
    server.stop()


@pytest.fixture
def make_forge(llm_server: FakeLLMServer, tmp_path: Any) -> Callable[..., Forge]:
    """``make_forge(**settings)``: a Forge on the local server, its cache in tmp_path, quick retries."""

    def make(**settings: Any) -> Forge:
        defaults: dict[str, Any] = {
            "model": MODEL,
            "api_base": llm_server.api_base,
            "api_key": API_KEY,
            "cache_dir": str(tmp_path / "ai-cache"),
            "retry_backoff": 0.0,
            "timeout": 5.0,
            "num_retries": 1,
        }
        seed = settings.pop("seed", 7)
        return Forge(seed, **{**defaults, **settings})

    return make


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every socket connection attempt fails (and is recorded)."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network access is not allowed in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts
