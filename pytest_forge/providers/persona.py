"""One drawn person per record: every person-shaped field of the record is read from it.

A :class:`Persona` holds a gender-consistent given and family name of the locale, their
ASCII spellings (romanized readings for Japanese), a city and a job; the renderers below
turn it into a full name in the locale's order, a username, an email local part, initials
and a salutation, so ``first_name``, ``full_name``, ``username`` and ``email`` of one
record are one person.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from pytest_forge.providers.locale_data import DEFAULT_LOCALE, faker_data, load_data, names
from pytest_forge.providers.people import jobs
from pytest_forge.providers.places import cities
from pytest_forge.providers.shaping import Pool

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.providers.locale_data import Names

__all__ = [
    "Persona",
    "ascii_spelling",
    "persona_draw",
    "pinyin_romanizer",
    "salutation",
    "salutations",
    "with_fixed",
]

_SPELLED_OUT = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe", "ł": "l", "Ł": "L", "đ": "d"})
_MAIL_HOSTS = ("example.com", "example.com", "example.com", "example.org", "example.net")


@lru_cache(maxsize=65_536)
def ascii_spelling(name: str) -> str:
    """``Müller`` -> ``muller``, ``Łukasz`` -> ``lukasz``; the empty string for scripts NFKD cannot spell."""
    plain = unicodedata.normalize("NFKD", name.translate(_SPELLED_OUT)).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if "a" <= ch <= "z")


class Persona(NamedTuple):
    """One person: names as written in the locale and in ASCII, where they live, what they do."""

    first: str
    last: str
    female: bool
    ascii_first: str
    ascii_last: str
    city: str
    job: str
    #: the locale writes the family name first (``山田 太郎``) and joins with ``sep``
    family_first: bool
    sep: str
    #: a roll in [0, 1) that picks how this person spells handles and email addresses
    style: float
    number: int

    @property
    def full(self) -> str:
        """The full name in the locale's order."""
        if self.family_first:
            return f"{self.last}{self.sep}{self.first}"
        return f"{self.first}{self.sep}{self.last}"

    @property
    def initials(self) -> str:
        """``JD`` (``YT`` for 山田 太郎: initials of the romanized reading)."""
        first, last = self.ascii_first or self.first, self.ascii_last or self.last
        return f"{first[:1]}{last[:1]}".upper()

    def username(self) -> str:
        """A handle this person would pick: ``jsmith``, ``maria_lopez``, ``tom.baker84``."""
        first, last, roll = self.ascii_first, self.ascii_last, self.style
        if roll < 0.25:
            return f"{first}{last}"
        if roll < 0.45:
            return f"{first}_{last}"
        if roll < 0.6:
            return f"{first[0]}{last}"
        if roll < 0.75:
            return f"{first}{self.number % 100 or 7}"
        if roll < 0.88:
            return f"{first}.{last}"
        return f"{last}{first[0]}"

    def email_local(self) -> str:
        """The part before ``@``: ``maria.lopez``, ``mlopez``, ``maria.lopez84``."""
        first, last, roll = self.ascii_first, self.ascii_last, 1.0 - self.style
        if roll < 0.4:
            return f"{first}.{last}"
        if roll < 0.52:
            return f"{first}{last}"
        if roll < 0.66:
            return f"{first[0]}{last}"
        if roll < 0.78:
            return f"{first}.{last}{self.number % 100 or 7}"
        if roll < 0.88:
            return f"{first}_{last}"
        if roll < 0.95:
            return f"{last}.{first}"
        return f"{first}.{last[0]}"

    def email(self) -> str:
        """An address on a reserved domain (RFC 2606)."""
        return f"{self.email_local()}@{_MAIL_HOSTS[self.number % len(_MAIL_HOSTS)]}"


@lru_cache(maxsize=64)
def _romanized(locale: str) -> dict[str, str]:
    """Name -> romanized reading where Faker pairs them (ja_JP); empty elsewhere."""
    found: dict[str, str] = {}
    for attr in ("first_name_pairs", "last_name_pairs"):
        for entry in faker_data("person", locale, attr, fallback=False) or ():
            found[entry[0]] = ascii_spelling(entry[-1])
    return found


@lru_cache(maxsize=64)
def _ascii_pools(locale: str) -> tuple[Pool, Pool]:
    """Romanized given and family names for scripts without a Latin spelling (zh_CN)."""
    first = faker_data("person", locale, "first_romanized_names", fallback=False)
    last = faker_data("person", locale, "last_romanized_names", fallback=False)
    base = names(DEFAULT_LOCALE)
    return (Pool.of(first) if first else base.ascii_first), (Pool.of(last) if last else base.ascii_last)


def pinyin_romanizer() -> Callable[[str], str] | None:
    """Hanyu Pinyin without tones (``王秀英`` -> ``wangxiuying``) when the optional pypinyin is
    installed (``pip install pytest-forge[zh]``), else None: Chinese handles are then the romanized
    names of another drawn person (Faker's ``first_romanized_names``), every other value unchanged."""
    try:
        from pypinyin import lazy_pinyin
    except ImportError:
        return None
    return lambda name: ascii_spelling("".join(lazy_pinyin(name)))


@lru_cache(maxsize=64)
def _spelling(locale: str) -> Callable[[str], str]:
    """ASCII spellings of a locale's names, remembered per name (a pure function of the name)."""
    romanized = _romanized(locale)
    romanize = pinyin_romanizer() if locale.startswith("zh") else None
    known: dict[str, str] = {}

    def spell(name: str) -> str:
        spelled = known.get(name)
        if spelled is None:
            spelled = romanized.get(name) or ascii_spelling(name)
            if len(spelled) < 2 or len(spelled) * 2 < len(name):
                spelled = ""
            if not spelled and romanize is not None:
                spelled = romanize(name)  # every syllable has a reading, one letter long too (阿 -> a)
            known[name] = spelled
        return spelled

    return spell


def _gendered(data: Names, locale: str) -> tuple[tuple[Pool, Pool], tuple[Pool, Pool]]:
    """(female, male) given/family pools; ja_JP draws from its paired names so readings are known."""
    romanized = _romanized(locale)
    if not romanized:
        return data.by_gender
    pairs = [
        faker_data("person", locale, f"first_name_{g}_pairs", fallback=False) or ()
        for g in ("female", "male")
    ]
    last = Pool.of(entry[0] for entry in faker_data("person", locale, "last_name_pairs", fallback=False))
    female, male = (Pool.of(entry[0] for entry in group) for group in pairs)
    return (female, last), (male, last)


@lru_cache(maxsize=64)
def persona_draw(locale: str, towns: tuple[str, ...] | None = None) -> Callable[[random.Random], Persona]:
    """Draw personas of a locale: names by gender, a local city (one of ``towns`` when given), a job.

    One drawer per locale and towns, shared (it keeps no state: every draw reads only its ``rng``), so
    a graph of hundreds of records with people in them builds it once."""
    data = names(locale)
    spell = _spelling(locale)
    (female_first, female_last), (male_first, male_last) = (
        (given.drawer(), family.drawer()) for given, family in _gendered(data, locale)
    )
    ascii_pools = _ascii_pools(locale)
    ascii_first, ascii_last = ascii_pools[0].drawer(), ascii_pools[1].drawer()
    town = (
        Pool(towns) if towns else cities(locale) or cities(DEFAULT_LOCALE) or Pool(("Springfield",))
    ).drawer()
    job_title = jobs(locale).drawer()
    family_first, sep, new = data.family_first, data.sep, tuple.__new__
    stand_ins = locale.startswith("zh")

    def draw(rng: random.Random) -> Persona:
        # one stream, always the same calls in the same order: the same seed gives the same people
        female = rng.random() < 0.5
        if female:
            first, last = female_first(rng), female_last(rng)
        else:
            first, last = male_first(rng), male_last(rng)
        if stand_ins:  # drawn whether or not pypinyin spells the name: the stream stays the same
            first_stand_in, last_stand_in = ascii_first(rng).lower(), ascii_last(rng).lower()
            plain_first, plain_last = spell(first) or first_stand_in, spell(last) or last_stand_in
        else:
            plain_first = spell(first) or ascii_first(rng).lower()
            plain_last = spell(last) or ascii_last(rng).lower()
        city, job, style = town(rng), job_title(rng), rng.random()
        number = int(style * 99_991_007) % 9_999 + 1
        fields = (first, last, female, plain_first, plain_last, city, job, family_first, sep, style, number)
        return new(Persona, fields)

    return draw


@lru_cache(maxsize=64)
def _gender_of(locale: str) -> dict[str, bool]:
    """Given name -> True (female) / False (male), for names the locale gives to one gender only."""
    (female, _), (male, _) = _gendered(names(locale), locale)
    women, men = set(female.items), set(male.items)
    return {**dict.fromkeys(men - women, False), **dict.fromkeys(women - men, True)}


def _named(person: Persona, first: str | None, last: str | None, locale: str) -> Persona:
    spell = _spelling(locale)
    if first is not None:
        gender = _gender_of(locale).get(first, person.female)
        person = person._replace(first=first, female=gender, ascii_first=spell(first) or person.ascii_first)
    if last is not None:
        person = person._replace(last=last, ascii_last=spell(last) or person.ascii_last)
    return person


def _split_full(person: Persona, full: str) -> tuple[str | None, str | None]:
    """(first, last) of a full name written in the locale's order (None where it has one part only)."""
    parts = full.split(person.sep) if person.sep else [full[:1], full[1:]]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return (full or None), None
    if person.family_first:
        return person.sep.join(parts[1:]) or None, parts[0]
    return person.sep.join(parts[:-1]), parts[-1]


def _split_handle(handle: str) -> tuple[str | None, str | None]:
    """``ann.smith@x`` / ``ann_smith`` -> (Ann, Smith); (None, None) when it does not read as a name."""
    local = handle.partition("@")[0]
    for sep in "._-":
        parts = local.split(sep)
        if len(parts) == 2 and all(p.isalpha() and len(p) > 1 for p in parts):
            return parts[0].capitalize(), parts[1].capitalize()
    return None, None


def with_fixed(person: Persona, fixed: dict[str, Any], locale: str) -> Persona:
    """The drawn person made to agree with the values a call fixed, by role (``first``, ``email`` ...)."""
    text = {role: value for role, value in fixed.items() if isinstance(value, str) and value}
    first, last = text.get("first"), text.get("last")
    if "full" in text:
        whole_first, whole_last = _split_full(person, text["full"])
        first, last = first or whole_first, last or whole_last
    for role in ("email", "username"):
        if role in text and first is None and last is None:
            first, last = _split_handle(text[role])
    person = _named(person, first, last, locale)
    if "city" in text:
        person = person._replace(city=text["city"])
    if "job" in text:
        person = person._replace(job=text["job"])
    return person


@lru_cache(maxsize=64)
def salutations(locale: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(female, male) salutations of the locale: ``Ms.``/``Mr.``, ``Frau``/``Herr``, ``Mme``/``M.``."""
    ours = load_data("vocab")["salutations"].get(locale)
    if ours:
        return tuple(ours["female"]), tuple(ours["male"])
    female = faker_data("person", locale, "prefixes_female", fallback=False)
    male = faker_data("person", locale, "prefixes_male", fallback=False)
    if female and male:
        return tuple(dict.fromkeys(female)), tuple(dict.fromkeys(male))
    return ("Ms.", "Mrs."), ("Mr.",)


def salutation(person: Persona, locale: str) -> str:
    """A salutation agreeing with the person's gender."""
    female, male = salutations(locale)
    options = female if person.female else male
    return options[person.number % len(options)]
