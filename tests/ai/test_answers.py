"""Reading answers: JSON shapes we accept and the records we refuse."""

from __future__ import annotations

import pytest

from pytest_forge.ai.answers import MalformedAnswer, check_answer, parse_answer
from pytest_forge.ai.prompt import SemanticField

FIELDS = (SemanticField("body", min_length=5, max_length=20),)


def test_an_answer_in_a_code_fence_is_read():
    assert parse_answer('```json\n{"records": [{"i": 0, "body": "hello there"}]}\n```') == [
        {"i": 0, "body": "hello there"}
    ]


def test_a_bare_list_is_read_as_the_records():
    assert parse_answer('[{"i": 0, "body": "hello there"}]') == [{"i": 0, "body": "hello there"}]


@pytest.mark.parametrize("content", ["", "   ", '{"rows": []}', "not json"])
def test_answers_without_a_records_list_are_malformed(content):
    with pytest.raises(MalformedAnswer):
        parse_answer(content)


def test_records_without_indices_are_matched_by_position():
    check = check_answer([{"body": "first one"}, {"body": "second one"}], FIELDS, [4, 7])
    assert check.values == {4: {"body": "first one"}, 7: {"body": "second one"}}


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ("text", "not an object"),
        ({}, "body is missing"),
        ({"body": 5}, "body is not a string"),
        ({"body": "   "}, "body is empty"),
        ({"body": "abc"}, "shorter than 5"),
        ({"body": "x" * 21}, "longer than 20"),
    ],
)
def test_invalid_records_are_refused_with_a_reason(record, problem):
    assert problem in check_answer([record, {"body": "fine text"}], FIELDS, [0, 1]).problems[0]


def test_unknown_and_repeated_indices_are_ignored():
    records = [{"i": 0, "body": "first one"}, {"i": 0, "body": "again one"}, {"i": 9, "body": "stray one"}]
    check = check_answer(records, FIELDS, [0, 1])
    assert (check.values, check.problems) == ({0: {"body": "first one"}}, {1: "missing from the answer"})
