from __future__ import annotations

import datetime
import random
import re

import pytest

from pytest_forge.providers.catalog import ProviderContext
from pytest_forge.providers.locale_data import load_data
from pytest_forge.providers.templates import compile_template, fill, vocabulary, voices
from pytest_forge.providers.text import FLAVOURS, free_text
from pytest_forge.spec import TypeSpec

PLACEHOLDER = re.compile(r"lorem|ipsum|dolor sit|placeholder|\{|\}|\bNone\b|\bTODO\b", re.IGNORECASE)
SLOTS = vocabulary("en_US", datetime.date(2025, 1, 1))


def texts(flavour: str, spec: TypeSpec, locale: str = "en_US", seeds: int = 25) -> list[str]:
    draw = free_text(flavour)(spec, ProviderContext(locale=locale))
    assert draw is not None
    return [draw(random.Random(seed)) for seed in range(seeds)]


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_unbounded_text_is_a_few_real_sentences(flavour):
    for text in texts(flavour, TypeSpec("str")):
        assert not PLACEHOLDER.search(text)
        assert 60 <= len(text) <= 400
        assert text[0].isupper()
        assert text[-1] in ".!?"
        assert "  " not in text


@pytest.mark.parametrize("flavour", FLAVOURS)
@pytest.mark.parametrize(("low", "high"), [(None, 40), (None, 80), (100, 140), (300, 400), (20, 20)])
def test_bounded_text_is_sized_to_the_field_and_ends_sensibly(flavour, low, high):
    for text in texts(flavour, TypeSpec("str", min_length=low, max_length=high)):
        assert (low or 0) <= len(text) <= high
        assert not PLACEHOLDER.search(text)
        assert text[-1] in ".!?"
        last_word = text.rstrip(".!?").rsplit(" ", 1)[-1].lower()
        assert last_word not in {"the", "a", "an", "and", "of", "to"}


@pytest.mark.parametrize("flavour", ["bio", "review", "note"])
def test_a_long_minimum_is_met_with_more_sentences(flavour):
    for text in texts(flavour, TypeSpec("str", min_length=1000), seeds=5):
        assert len(text) >= 1000
        assert text[-1] in ".!?"


def test_a_tiny_field_gets_a_short_complete_reply():
    for text in texts("comment", TypeSpec("str", max_length=6)):
        assert text[-1] in ".!"
        assert len(text) <= 6


@pytest.mark.parametrize("transform", ["to_lower", "to_upper"])
def test_text_is_generated_already_transformed(transform):
    for text in texts("message", TypeSpec("str", **{transform: True})):
        assert text == (text.lower() if transform == "to_lower" else text.upper())


def test_each_flavour_reads_like_its_kind():
    assert any(text.startswith(("I'm", "I've", "After", "I work")) for text in texts("bio", TypeSpec("str")))
    reviews = " ".join(texts("review", TypeSpec("str")))
    assert "recommend" in reviews or "buy again" in reviews or "value" in reviews
    messages = texts("message", TypeSpec("str"))
    assert sum(text.startswith(("Hi", "Hey", "Good morning")) for text in messages) == len(messages)


def test_a_third_person_text_stays_about_one_person():
    from pytest_forge.providers.locale_data import names

    first_names = set(names("en_US").first.items)
    for text in texts("bio", TypeSpec("str", min_length=300, max_length=500), seeds=40):
        starts = {sentence.split(" ")[0] for sentence in re.split(r"(?<=[.!?]) ", text)}
        assert len(starts & first_names) <= 1


@pytest.mark.parametrize(
    ("locale", "own", "english"),
    [
        ("de_DE", r"\b(und|ist|die|der|das|es|ich|wir|zum|im|mit|nach|nicht|noch|sich)\b", r"\bthe\b"),
        ("fr_FR", r"\b(le|la|les|et|est|de|du|des|il|je|un|une|pour|sur)\b", r"\b(the|and|is)\b"),
        ("pl_PL", r"\b(jest|się|i|w|z|o|na|nie|po|jak|jeszcze|dla)\b", r"\b(the|and|is)\b"),
        ("ja_JP", r"[ぁ-ん]", r"[A-Za-z]{3,}"),
    ],
)
def test_other_locales_write_free_text_in_their_own_language(locale, own, english):
    for flavour in ("message", "note", "comment", "bio", "review"):
        for text in texts(flavour, TypeSpec("str"), locale=locale, seeds=10):
            assert re.search(own, text, re.IGNORECASE)
            assert not re.search(english, text, re.IGNORECASE)


def test_german_bios_name_german_people():
    from pytest_forge.providers.locale_data import names

    german = set(names("de_DE").first.items)
    assert all(t.split()[0] in german for t in texts("bio", TypeSpec("str"), locale="de_DE"))


def test_every_template_fills_from_known_slots():
    for group in voices().values():
        for voice in group:
            for template in (*voice.opening, *voice.middle, *voice.closing):
                sentence = fill(template, SLOTS, random.Random(1), {})
                assert not PLACEHOLDER.search(sentence)
                assert sentence[0].isupper()


def test_sticky_slots_repeat_and_second_slots_differ():
    template = compile_template("{first} met {first} in {city} and {city_2}.")
    for seed in range(20):
        words = fill(template, SLOTS, random.Random(seed), {}).rstrip(".").split(" met ")
        first_a, rest = words[0], words[1]
        assert rest.startswith(first_a)
        city, city_2 = rest.removeprefix(f"{first_a} in ").split(" and ")
        assert city != city_2


def test_articles_follow_the_next_word():
    template = compile_template("{a_job}")
    for seed in range(40):
        article, job = fill(template, SLOTS, random.Random(seed), {}).split(" ", 1)
        vowel_sound = job[0] in "aeiou" and not job.startswith(("uni", "use", "eu", "one"))
        assert article.lower() == ("an" if vowel_sound else "a")


def test_the_dangling_word_list_and_tiny_replies_are_data():
    data = load_data("text")
    assert "the" in data["dangling_words"]
    assert all(reply[-1] in ".!" for reply in data["tiny"])


@pytest.mark.parametrize("locale", ["pt_BR", "zh_CN", "ja_JP"])
@pytest.mark.parametrize(("low", "high"), [(50, 60), (30, 30), (0, 0)])
def test_bounds_hold_when_names_and_cities_are_short_or_foreign(locale, low, high):
    for flavour in ("message", "note", "feedback", "bio"):
        for text in texts(flavour, TypeSpec("str", min_length=low, max_length=high), locale=locale, seeds=15):
            assert low <= len(text) <= high


def test_a_second_slot_repeats_the_value_when_its_list_has_only_one():
    template = compile_template("{colour} and {colour_2}")
    assert fill(template, {"colour": lambda rng: "teal"}, random.Random(0), {}) == "Teal and teal"
