from __future__ import annotations

import click
import pytest

from pytest_forge.cli.modelpath import parse_model_path

from .models import Customer


def test_a_model_path_names_the_class(monkeypatch):
    assert parse_model_path("tests.cli.models:Customer").model is Customer


def test_a_count_after_the_class_is_read():
    path = parse_model_path("tests.cli.models:Customer:25")
    assert (path.model, path.count) == (Customer, 25)


def test_without_a_count_the_count_is_none():
    assert parse_model_path("tests.cli.models:Customer").count is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tests.cli.models", "expected pkg.module:Model or pkg.module:Model:N"),
        (":Customer", "expected pkg.module:Model"),
        ("tests.cli.models:Customer:1:2", "expected pkg.module:Model"),
        ("tests.cli.nowhere:Customer", "no module named 'tests.cli.nowhere'"),
        ("tests.cli.models:Nobody", "tests.cli.models has no attribute 'Nobody'"),
        ("tests.cli.models:NOT_A_MODEL", "NOT_A_MODEL is not a model"),
        ("tests.cli.models:Customer:ten", "the count 'ten' is not a non-negative whole number"),
        ("tests.cli.models:Customer:-3", "the count '-3' is not a non-negative whole number"),
    ],
)
def test_a_bad_model_path_says_what_is_wrong_in_one_line(text: str, message: str):
    with pytest.raises(click.BadParameter) as caught:
        parse_model_path(text)
    assert message in caught.value.message
    assert "\n" not in caught.value.message


def test_an_error_raised_inside_the_imported_module_is_reported_not_hidden(tmp_path, monkeypatch):
    (tmp_path / "broken_models.py").write_text("raise RuntimeError('half-written module')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(click.BadParameter, match="RuntimeError: half-written module"):
        parse_model_path("broken_models:User")
