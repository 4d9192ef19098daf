"""Text shapes of sensitive values that can never belong to a real person.

Each maker takes the allowed length range and returns a generator, or None when no shape of
its kind fits (the caller then keeps the generic generator). The rules, one per category:

* ssn: area 900-999 (never issued as an SSN) with group 01-49 (outside the IRS ITIN/ATIN
  groups 50-99), ``9AA-GG-SSSS`` or nine digits;
* nino: UK National Insurance numbers with the prefix ``QQ`` (Q is never allocated);
* document_number: ``XX`` + 7 digits (XX is an ISO 3166 user-assigned code, no country);
* card_number: published test prefixes (data/sensitive.json) with a valid Luhn digit;
* iban: GB with bank code ``TEST`` or DE with a Bankleitzahl starting 0 (German bank codes
  start 1-8), both with valid ISO 13616 mod-97 check digits;
* phone: fictional ranges (NANP 555-0100..0199, Ofcom drama numbers, ACMA fiction ranges);
* password: random, with upper, lower, digit and symbol; secret_token: ``test_`` + random.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.gates.rules import load_data
from pytest_forge.values.formats import luhn_check_digit

if TYPE_CHECKING:
    import random

__all__ = ["TEXT_MAKERS", "iban_check_digits"]

TextGen = Callable[["random.Random"], str]
TextMaker = Callable[[int, "int | None", str], "TextGen | None"]

_SYMBOLS = "!#$%&*+-=?@^_~"
_TOKEN_ALPHABET = string.ascii_letters + string.digits
_TOKEN_PREFIX = "test_"


def _fits(length: int, lo: int, hi: int | None) -> bool:
    return lo <= length and (hi is None or length <= hi)


def _pick_shape(shapes: list[tuple[int, TextGen]], lo: int, hi: int | None) -> TextGen | None:
    """A generator choosing among the shapes (each of a fixed length) that fit."""
    usable = [gen for length, gen in shapes if _fits(length, lo, hi)]
    if not usable:
        return None
    return lambda rng: usable[rng.randrange(len(usable))](rng)


def _first_shape(shapes: list[tuple[int, TextGen]], lo: int, hi: int | None) -> TextGen | None:
    """The first shape (the most usual spelling) that fits."""
    return next((gen for length, gen in shapes if _fits(length, lo, hi)), None)


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(count))


def ssn_text(lo: int, hi: int | None, locale: str) -> TextGen | None:
    def parts(rng: random.Random) -> tuple[int, int, int]:
        return rng.randint(900, 999), rng.randint(1, 49), rng.randint(1, 9999)

    def dashed(rng: random.Random) -> str:
        return "{:03d}-{:02d}-{:04d}".format(*parts(rng))

    def plain(rng: random.Random) -> str:
        return "{:03d}{:02d}{:04d}".format(*parts(rng))

    return _first_shape([(11, dashed), (9, plain)], lo, hi)


def nino_text(lo: int, hi: int | None, locale: str) -> TextGen | None:
    def spaced(rng: random.Random) -> str:
        d = _digits(rng, 6)
        return f"QQ {d[:2]} {d[2:4]} {d[4:]} {rng.choice('ABCD')}"

    return _first_shape([(9, lambda rng: f"QQ{_digits(rng, 6)}{rng.choice('ABCD')}"), (13, spaced)], lo, hi)


def document_text(lo: int, hi: int | None, locale: str) -> TextGen | None:
    return _pick_shape([(9, lambda rng: "XX" + _digits(rng, 7))], lo, hi)


@lru_cache(maxsize=1)
def _sensitive_data() -> dict[str, Any]:
    data: dict[str, Any] = load_data("sensitive.json")
    return data


def _card_length(prefix: str) -> int:
    if prefix.startswith(("34", "37")):
        return 15
    return 14 if prefix.startswith(("30", "36", "38")) else 16


def card_text(lo: int, hi: int | None, locale: str) -> TextGen | None:
    known: list[str] = _sensitive_data()["test_card_prefixes"]
    prefixes = [p for p in known if _fits(_card_length(p), lo, hi)]
    if not prefixes:
        return None

    def draw(rng: random.Random) -> str:
        prefix = rng.choice(prefixes)
        body = prefix + _digits(rng, _card_length(prefix) - len(prefix) - 1)
        return body + luhn_check_digit(body)

    return draw


def _digit_shape(count: int) -> tuple[int, TextGen]:
    return count, lambda rng: _digits(rng, count)


def card_security_text(lo: int, hi: int | None, locale: str) -> TextGen | None:
    return _pick_shape([_digit_shape(3), _digit_shape(4)], lo, hi)


def iban_check_digits(country: str, bban: str) -> str:
    """The two ISO 13616 check digits that make ``country + check + bban`` pass mod-97."""
    rearranged = bban + country + "00"
    number = int("".join(str(int(ch, 36)) for ch in rearranged))
    return f"{98 - number % 97:02d}"


def iban_text(lo: int, hi: int | None, locale: str) -> TextGen | None:
    banks = _sensitive_data()["iban_test_banks"]
    country = "DE" if locale.startswith("de") else "GB"
    bank = banks[country]
    code, branch, account = str(bank["bank"]), int(bank["branch_digits"]), int(bank["account_digits"])

    def draw(rng: random.Random) -> str:
        bban = code + _digits(rng, branch) + _digits(rng, account)
        return country + iban_check_digits(country, bban) + bban

    return _pick_shape([(22, draw)], lo, hi)


def bank_account_text(lo: int, hi: int | None, locale: str) -> TextGen | None:
    return _pick_shape([_digit_shape(n) for n in (8, 10, 12)], lo, hi)


def pin_text(lo: int, hi: int | None, locale: str) -> TextGen | None:
    return _pick_shape([_digit_shape(n) for n in (4, 6)], lo, hi)


def phone_text(lo: int, hi: int | None, locale: str) -> TextGen | None:
    data = _sensitive_data()
    templates = data["phone_templates"].get(locale) or data["phone_templates"]["NANP"]
    areas: list[str] = data["nanp_area_codes"]

    def shape(template: str) -> TextGen:
        def draw(rng: random.Random) -> str:
            text = template.replace("{area}", rng.choice(areas))
            return "".join(rng.choice(string.digits) if ch == "#" else ch for ch in text)

        return draw

    return _pick_shape([(len(t.replace("{area}", "000")), shape(t)) for t in templates], lo, hi)


def _length(lo: int, hi: int | None, preferred: int, minimum: int) -> int | None:
    """``preferred`` moved into [lo, hi]; None when that leaves less than ``minimum``."""
    length = max(lo, preferred if hi is None else min(hi, preferred))
    return length if length >= minimum and (hi is None or length <= hi) else None


def password_text(lo: int, hi: int | None, locale: str) -> TextGen | None:
    length = _length(lo, hi, 16, 8)
    if length is None:
        return None
    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits, _SYMBOLS)
    everything = "".join(classes)

    def draw(rng: random.Random) -> str:
        chars = [rng.choice(c) for c in classes] + [rng.choice(everything) for _ in range(length - 4)]
        rng.shuffle(chars)
        return "".join(chars)

    return draw


def token_text(lo: int, hi: int | None, locale: str) -> TextGen | None:
    length = _length(lo, hi, len(_TOKEN_PREFIX) + 32, len(_TOKEN_PREFIX) + 8)
    if length is None:
        return None
    free = length - len(_TOKEN_PREFIX)
    return lambda rng: _TOKEN_PREFIX + "".join(rng.choice(_TOKEN_ALPHABET) for _ in range(free))


TEXT_MAKERS: dict[str, TextMaker] = {
    "ssn": ssn_text,
    "nino": nino_text,
    "document_number": document_text,
    "card_number": card_text,
    "card_security": card_security_text,
    "iban": iban_text,
    "bank_account": bank_account_text,
    "pin": pin_text,
    "phone": phone_text,
    "password": password_text,
    "secret_token": token_text,
}
