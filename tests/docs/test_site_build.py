"""``mkdocs build --strict`` with this project's mkdocs.yml fails on what a reader would trip over."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.docs.runner import DOCS, ROOT


def _build(project):
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )


@pytest.fixture
def project(tmp_path):
    """A copy of mkdocs.yml and docs/ (and the package, for the API reference) to break on purpose."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    shutil.copytree(DOCS, tmp_path / "docs", ignore=shutil.ignore_patterns("dev-notes"))
    (tmp_path / "pytest_forge").symlink_to(ROOT / "pytest_forge")
    return tmp_path


def test_the_strict_build_fails_on_a_broken_link_a_broken_anchor_and_a_page_missing_from_the_nav(project):
    docs = project / "docs"
    with (docs / "models" / "attrs.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [the gates](gates.md).\n")
    with (docs / "realism.md").open("a", encoding="utf-8") as page:
        page.write("\nSee [locales](#no-such-heading).\n")
    (docs / "extra-page.md").write_text("# An orphan\n", encoding="utf-8")
    built = _build(project)  # one build: mkdocs reports every warning before --strict aborts
    assert built.returncode != 0
    assert "'gates.md'" in built.stderr
    assert "#no-such-heading" in built.stderr
    assert "extra-page.md" in built.stderr
