"""Run a documentation page's code blocks in order, in one namespace, as a reader pasting them would.

Sybil parses the Markdown: ```` ```python ```` blocks run (doctest ``>>>`` lines are checked),
```` ```toml ```` blocks are parsed with ``tomllib``, ``<!-- invisible-code-block: python ... -->``
comments run hidden set-up, and ``<!-- skip: next "reason" -->`` skips the next block with that
reason. Other fences (``text`` output, ``console`` shell sessions, ``ini``) are not code this
runner can run; the rules are in docs/contributing/docs.md and tests/docs/test_code_blocks.py
enforces them.

A page that says ``<!-- docs-runner: own-process -->`` (Django's settings are process-wide) runs in a
subprocess: ``python -m tests.docs.runner docs/django.md`` prints the outcome as JSON.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
import types
from dataclasses import asdict, dataclass, field
from pathlib import Path
from unittest import SkipTest

from sybil import Example, Sybil
from sybil.parsers.markdown import ClearNamespaceParser, CodeBlockParser, PythonCodeBlockParser, SkipParser
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

from tests.docs.inner import run_pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXCLUDED = ("dev-notes",)  # engineering notes, not on the site (mkdocs.yml exclude_docs)
OWN_PROCESS = "<!-- docs-runner: own-process -->"

RUN = "python"  # executed
PARSED = ("toml",)  # checked by parsing
NOT_RUN = ("text", "console", "ini")  # output, shell sessions, ini snippets: never executed
LANGUAGES = (RUN, *PARSED, *NOT_RUN)


def site_pages() -> list[Path]:
    """Every Markdown page of the site (docs/, without the engineering notes)."""
    return sorted(
        path
        for path in DOCS.rglob("*.md")
        if not any(part in EXCLUDED for part in path.relative_to(DOCS).parts)
    )


def fence_infos(text: str) -> list[tuple[int, str]]:
    """(line, info string) of every fenced code block, as Sybil's Markdown lexer sees them."""
    lexer = RawFencedCodeBlockLexer(info_pattern=re.compile(r"(?P<info>[^\n]*)\n"), mapping={"info": "info"})

    class Text:
        def __init__(self, text: str) -> None:
            self.text = text

    return [
        (text.count("\n", 0, region.start) + 1, region.lexemes["info"].strip())
        for region in lexer(Text(text))  # type: ignore[arg-type]
    ]


def _check_toml(example: Example) -> None:
    tomllib.loads(str(example.parsed))


PARSERS = [
    PythonCodeBlockParser(),
    CodeBlockParser(language="toml", evaluator=_check_toml),
    SkipParser(),
    ClearNamespaceParser(),
]
SYBIL = Sybil(parsers=PARSERS, path=str(DOCS), patterns=["*.md"])


@dataclass
class PageRun:
    """What happened to a page's blocks: the lines run, and the lines skipped with their reasons."""

    page: str
    ran: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)


def run_page(path: Path) -> PageRun:
    """Evaluate every block of ``path`` in order; a failing block raises with its line in the page."""
    document = SYBIL.parse(path)
    name = "docs_page_" + re.sub(r"\W", "_", path.stem)
    module = types.ModuleType(name)  # a real module, so classes defined on the page resolve their annotations
    module.__file__ = str(path)
    document.namespace = module.__dict__
    before = set(sys.modules)
    sys.modules[name] = module
    module.blocks = blocks = []  # the sources of the Python blocks run so far, for tests/docs/inner.py
    module.set_aside = set_aside = []  # the sources of the skipped ones (tests/docs/elsewhere.py runs some)
    module.run_pytest = run_pytest
    outcome = PageRun(str(path))
    try:
        for example in document:
            try:
                example.evaluate()
            except SkipTest as skip:
                outcome.skipped.append((example.line, str(skip)))
                if _is_visible_python(example):
                    set_aside.append(str(example.parsed))
            else:
                outcome.ran.append(example.line)
                if _is_visible_python(example):
                    blocks.append(str(example.parsed))
    finally:
        # drop the modules the page made up (``sys.modules["app.models"] = ...``), not the ones it imported
        for added in set(sys.modules) - before:
            if getattr(sys.modules[added], "__spec__", None) is None:
                del sys.modules[added]
    return outcome


def _is_visible_python(example: Example) -> bool:
    lexemes = example.region.lexemes
    return lexemes.get("arguments") == RUN and "directive" not in lexemes and "source" in lexemes


def runs_in_own_process(path: Path) -> bool:
    return OWN_PROCESS in (line.strip() for line in path.read_text(encoding="utf-8").splitlines())


if __name__ == "__main__":
    print(json.dumps(asdict(run_page(Path(sys.argv[1]).resolve()))))
