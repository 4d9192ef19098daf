"""litellm's own warnings and lazy imports never cost the user their AI text.

These run in fresh processes, where litellm has not been imported yet: its import-time and
first-call warnings, and the race of several threads importing it, only happen there.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import warnings

import pytest

from pytest_forge.ai.quiet import third_party_warnings_silenced

USER_SUITE = """
import warnings

import pytest
from pydantic import BaseModel


class Review(BaseModel):
    id: int
    rating: int
    body: str
    summary: str


def test_ai_text_arrives(forge):
    reviews = forge.create_batch(Review, count=3)
    assert [r.body.split(":")[0] for r in reviews] == ["body 0", "body 1", "body 2"]


def test_the_users_own_warnings_still_fail_the_test():
    warnings.warn("the user's own warning", UserWarning)
"""


def test_a_suite_with_filterwarnings_error_gets_ai_text_and_keeps_its_own_warnings(
    pytester, llm_server, monkeypatch, tmp_path
):
    monkeypatch.setenv("FORGE_MODEL", "openai/fake-model")
    monkeypatch.setenv("FORGE_API_BASE", llm_server.api_base)
    monkeypatch.setenv("FORGE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    # the user's own code uses litellm too, so it is imported before any test (and its warnings
    # then fire during the first completion() instead, under the test's filterwarnings = error)
    pytester.makeconftest("import litellm\n")
    pytester.makepyfile(USER_SUITE)
    result = pytester.runpytest_subprocess("-p", "no:randomly")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*test_the_users_own_warnings_still_fail_the_test*", "*UserWarning*"])
    assert llm_server.count == 1


EIGHT_THREADS = """
import json, sys, threading, warnings
from pydantic import BaseModel
from pytest_forge import Forge

class Review(BaseModel):
    id: int
    body: str

api_base, cache, users_code_imports_litellm = sys.argv[1], sys.argv[2], sys.argv[3] == "yes"
if users_code_imports_litellm:
    import litellm
warnings.simplefilter("error")
barrier = threading.Barrier(8)
bodies = [None] * 8

def first_call(i):
    forge = Forge(i, model="openai/fake-model", api_base=api_base, api_key="sk-test-0123456789abcdef",
                  cache_dir=f"{cache}/{i}", num_retries=0, timeout=10)
    barrier.wait()
    bodies[i] = forge.create(Review).body

threads = [threading.Thread(target=first_call, args=(i,)) for i in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps(bodies))
"""


@pytest.mark.parametrize("users_code_imports_litellm", ["yes", "no"])
def test_eight_threads_making_the_first_ai_call_at_once_all_get_llm_text(
    llm_server, tmp_path, monkeypatch, users_code_imports_litellm
):
    monkeypatch.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    done = subprocess.run(
        [sys.executable, "-c", EIGHT_THREADS, llm_server.api_base, str(tmp_path), users_code_imports_litellm],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    bodies = json.loads(done.stdout.strip().splitlines()[-1])
    assert [b.split(":")[0] for b in bodies] == ["body 0"] * 8
    assert llm_server.count == 8


DEAD_PROVIDER_SUITE = """
from pydantic import BaseModel


class Review(BaseModel):
    id: int
    body: str


""" + "\n".join(
    f"def test_{i}(forge):\n    assert forge.create(Review).body\n" for i in range(12)
)


def test_a_session_stops_calling_a_dead_provider_after_a_dozen_requests_and_says_so(
    pytester, llm_server, monkeypatch, tmp_path
):
    llm_server.fail_always("500")
    monkeypatch.setenv("FORGE_MODEL", "openai/fake-model")
    monkeypatch.setenv("FORGE_API_BASE", llm_server.api_base)
    monkeypatch.setenv("FORGE_CACHE_DIR", str(tmp_path / "cache"))
    pytester.makepyfile(DEAD_PROVIDER_SUITE)
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-W", "ignore::UserWarning")
    result.assert_outcomes(passed=12)
    assert llm_server.count <= 12
    result.stdout.fnmatch_lines(["AI: stopped calling openai/fake-model: *HTTP 500*failed requests)"])


def _warn_from(module: str, text: str) -> None:
    code = compile(f"import warnings; warnings.warn({text!r}, UserWarning)", module, "exec")
    exec(code, {"__name__": module})


def test_the_silencer_lets_warnings_from_other_threads_and_our_own_code_through():
    seen: list[str] = []
    inside, outside_done = threading.Event(), threading.Event()

    def other_thread():
        inside.wait(5)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _warn_from("user_code", "user code on another thread")
        seen.extend(str(w.message) for w in caught)
        outside_done.set()

    thread = threading.Thread(target=other_thread)
    thread.start()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with third_party_warnings_silenced():
            _warn_from("litellm.llms.something", "third-party noise")  # silenced: no error
            inside.set()
            outside_done.wait(5)
            with pytest.raises(UserWarning, match="ours"):
                _warn_from("pytest_forge.ai.setup", "ours")
    thread.join()
    assert seen == ["user code on another thread"]


def test_outside_the_silenced_block_third_party_warnings_are_untouched():
    with third_party_warnings_silenced():
        pass
    with pytest.warns(UserWarning, match="after"):
        _warn_from("litellm.main", "after")
