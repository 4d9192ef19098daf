"""Every code block on the documentation site runs (or says why it cannot), so the docs cannot drift.

One test per page: its blocks share a namespace and run in order (tests/docs/runner.py), in a fresh
working directory, so a page is a script a reader can follow from the top.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.docs.runner import (
    DOCS,
    LANGUAGES,
    PARSED,
    ROOT,
    RUN,
    fence_infos,
    run_page,
    runs_in_own_process,
    site_pages,
)

PAGES = site_pages()
SKIP_DIRECTIVE = re.compile(r"^[ \t]*<!--\s*skip:\s*(?P<action>\w+)(?P<reason>[^>]*?)\s*-->", re.MULTILINE)


def _page_id(path):
    return str(path.relative_to(DOCS))


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_every_python_block_of_the_page_runs_in_order(page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FORGE_CI", "1")  # a page's Forge() must never reach a network or an LLM
    if runs_in_own_process(page):
        done = subprocess.run(
            [sys.executable, "-m", "tests.docs.runner", str(page)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**__import__("os").environ, "PYTHONPATH": str(ROOT)},
            check=False,
        )
        assert done.returncode == 0, done.stderr[-4000:]
        outcome = json.loads(done.stdout.strip().splitlines()[-1])
        ran = set(outcome["ran"])
        skipped = {line for line, _ in outcome["skipped"]}
    else:
        outcome = run_page(page)
        ran = set(outcome.ran)
        skipped = {line for line, _ in outcome.skipped}
    code = {line for line, info in fence_infos(page.read_text(encoding="utf-8")) if info in (RUN, *PARSED)}
    # each code fence was either run or skipped with a reason: none is silently left out
    assert sorted(code - ran - skipped) == []


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_every_fence_of_the_page_names_a_known_language(page):
    fences = fence_infos(page.read_text(encoding="utf-8"))
    assert [(line, info) for line, info in fences if info not in LANGUAGES] == []


@pytest.mark.parametrize("page", PAGES, ids=_page_id)
def test_every_skip_of_the_page_gives_its_reason(page):
    text = page.read_text(encoding="utf-8")
    directives = [(m.group("action"), m.group("reason").strip()) for m in SKIP_DIRECTIVE.finditer(text)]
    assert [d for d in directives if d[0] != "next" or not re.fullmatch(r'"[^"]{10,}"', d[1])] == []


def test_few_python_blocks_of_the_site_are_skipped():
    """Skips are the exception: a block that cannot run here (a live LLM, a cluster) says so."""
    python_blocks = sum(
        info == RUN for page in PAGES for _, info in fence_infos(page.read_text(encoding="utf-8"))
    )
    skips = sum(len(SKIP_DIRECTIVE.findall(page.read_text(encoding="utf-8"))) for page in PAGES)
    assert python_blocks >= 40
    assert skips <= python_blocks // 5


def test_the_runner_fails_on_a_broken_block_and_names_its_line(tmp_path):
    broken = tmp_path / "broken.md"
    broken.write_text("# t\n\n```python\nx = 1\n```\n\nText.\n\n```python\nassert x == 2\n```\n")
    with pytest.raises(AssertionError) as failure:
        run_page(broken)
    trace = "".join(traceback_lines(failure))
    assert "broken.md" in trace
    assert ", line 10," in trace


def test_the_runner_records_a_skip_and_its_reason(tmp_path):
    page = tmp_path / "skips.md"
    page.write_text(
        '# t\n\n<!-- skip: next "needs a live LLM provider" -->\n```python\nraise SystemExit\n```\n'
    )
    assert run_page(page).skipped == [(4, "needs a live LLM provider")]


def traceback_lines(failure):
    import traceback

    return traceback.format_exception(failure.value)
