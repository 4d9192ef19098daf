"""An OpenAI-compatible chat-completions server on 127.0.0.1 for testing the real litellm client.

It answers ``POST /v1/chat/completions`` with JSON records built deterministically from the
request's JSON schema (the ``i`` enum says which indices, each string property gets text within
its length limits), records every request, and can be told to misbehave for the next requests:
``"500"``, ``"429"``, ``"401"``, ``"slow"`` (bounded), ``"malformed"``, ``"too_few"``,
``"wrong_types"``, ``"too_long"``. ``GET /api/tags`` answers like a local Ollama with one model.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULTS = ("500", "429", "401", "slow", "malformed", "too_few", "wrong_types", "too_long")
_WORDS = (
    "the delivery arrived two days late and the box was crushed",
    "customer support answered quickly and fixed the billing mistake",
    "I expected better quality for this price",
    "the colours look exactly like the photos",
    "setup took five minutes and everything worked",
    "the battery lasts a full week of daily use",
    "my order was missing one item and nobody replied",
    "I would happily buy from this shop again",
    "the manual is confusing but the product is solid",
    "it broke after the second wash",
    "our whole team uses it every morning",
    "refund was processed within three days",
)


class FakeLLMServer:
    """The server, its recorded requests and its fault queue (``fail_next``/``fail_always``)."""

    def __init__(self, slow_seconds: float = 3.0) -> None:
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []  # names lower-cased
        self.slow_seconds = min(slow_seconds, 5.0)
        self._faults: deque[str] = deque()
        self._always: str | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> FakeLLMServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def fail_next(self, *faults: str) -> None:
        """Misbehave for the next requests, one fault each, in order."""
        unknown = set(faults) - set(FAULTS)
        assert not unknown, f"unknown faults {unknown}"
        with self._lock:
            self._faults.extend(faults)

    def fail_always(self, fault: str | None) -> None:
        """Misbehave on every request from now on (None: behave again)."""
        assert fault is None or fault in FAULTS
        self._always = fault

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.requests)

    def user_messages(self) -> list[str]:
        return [m["content"] for r in self.requests for m in r.get("messages", []) if m.get("role") == "user"]

    def _record(self, body: dict[str, Any], headers: dict[str, str]) -> str | None:
        with self._lock:
            self.requests.append(body)
            self.headers.append(headers)
            return self._faults.popleft() if self._faults else self._always


def answer_content(body: dict[str, Any], fault: str | None = None) -> str:
    """The JSON text answering ``body``: one record per index of its schema."""
    schema = _schema_of(body)
    item = schema["properties"]["records"]["items"]
    indices = item["properties"]["i"]["enum"]
    fields = {name: prop for name, prop in item["properties"].items() if name != "i"}
    seed = hashlib.sha256(json.dumps(body.get("messages"), sort_keys=True).encode()).hexdigest()
    records = [
        {"i": i, **{name: _text(seed, i, name, prop, fault) for name, prop in fields.items()}}
        for i in indices
    ]
    if fault == "too_few":
        records = records[: len(records) // 2]
    return json.dumps({"records": records})


def _schema_of(body: dict[str, Any]) -> dict[str, Any]:
    response_format = body.get("response_format") or {}
    return dict(response_format["json_schema"]["schema"])


def _text(seed: str, index: int, name: str, prop: dict[str, Any], fault: str | None) -> Any:
    if fault == "wrong_types":
        return index
    digest = hashlib.sha256(f"{seed}|{index}|{name}".encode()).digest()
    sentences = [_WORDS[b % len(_WORDS)] for b in digest[:3]]
    text = f"{name} {index}: " + ". ".join(s.capitalize() for s in sentences) + "."
    lo, hi = prop.get("minLength", 0), prop.get("maxLength")
    if fault == "too_long" and hi is not None:
        return text + "x" * (hi + 1)
    while len(text) < lo:
        text += " " + _WORDS[digest[len(text) % 32] % len(_WORDS)].capitalize() + "."
    if hi is not None and len(text) > hi:
        text = text[:hi].rstrip()
    return text


def _completion(body: dict[str, Any], content: str) -> dict[str, Any]:
    prompt_chars = sum(len(str(m.get("content", ""))) for m in body.get("messages", []))
    usage = {"prompt_tokens": prompt_chars // 4, "completion_tokens": len(content) // 4}
    usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 1700000000,
        "model": body.get("model", "fake"),
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        "usage": usage,
    }


def _handler_for(server: FakeLLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            if self.path == "/api/tags":
                self._send(200, {"models": [{"name": "llama3.2:latest"}]})
            else:
                self._send(404, {"error": {"message": f"no route {self.path}"}})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length)
            if not self.path.endswith("/chat/completions"):
                self._send(404, {"error": {"message": f"no route {self.path}"}})
                return
            body = json.loads(raw or b"{}")
            # HTTP header names are case-insensitive: record them lower-cased
            fault = server._record(body, {name.lower(): value for name, value in self.headers.items()})
            self._answer(body, fault)

        def _answer(self, body: dict[str, Any], fault: str | None) -> None:
            if fault == "500":
                self._send(500, {"error": {"message": "internal error", "type": "server_error"}})
            elif fault == "401":
                self._send(401, {"error": {"message": "invalid api key", "type": "invalid_request_error"}})
            elif fault == "429":
                self._send(
                    429, {"error": {"message": "rate limited", "type": "rate_limit_error"}}, retry_after="0"
                )
            elif fault == "malformed":
                self._send(200, _completion(body, '{"records": [{"i": 0, "bio": "unterminated'))
            else:
                if fault == "slow" and server._stopping.wait(server.slow_seconds):
                    return
                self._send(200, _completion(body, answer_content(body, fault)))

        def _send(self, status: int, payload: dict[str, Any], retry_after: str | None = None) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                if retry_after is not None:
                    self.send_header("Retry-After", retry_after)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout): nothing to answer

    return Handler
