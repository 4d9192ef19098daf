"""VAT and company tax numbers per country, each one valid for python-stdnum (imported lazily).

We write no checksum ourselves: a number's body is drawn in the country's format and its check
characters are found by asking stdnum's own ``is_valid`` (or its ``calc_check_digit(s)``), so a
value we give is one stdnum accepts. Where a country has no VAT (US, BR, JP, CN), ``vat`` gives
the number businesses quote instead (EIN, CNPJ, corporate number, unified social credit code).
Countries outside :data:`COUNTRIES` are not drawn (callers fall back to the locale's country).
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.errors import ForgeError

if TYPE_CHECKING:
    import random
    from collections.abc import Callable, Sequence

__all__ = ["COUNTRIES", "LOCALE_COUNTRY", "tax_number"]

_DIGITS = "0123456789"
#: the country a locale's companies are registered in when the record names none
LOCALE_COUNTRY = {
    "en_US": "US", "en_GB": "GB", "de_DE": "DE", "fr_FR": "FR", "es_ES": "ES", "it_IT": "IT",
    "pt_BR": "BR", "nl_NL": "NL", "pl_PL": "PL", "ja_JP": "JP", "zh_CN": "CN",
}  # fmt: skip


def _stdnum(name: str) -> Any:
    try:
        return importlib.import_module(f"stdnum.{name}")
    except ImportError as exc:  # pragma: no cover - a core dependency, absent only in a broken install
        raise ForgeError(
            "VAT and tax numbers need python-stdnum: pip install python-stdnum (a dependency of pytest-forge)"
        ) from exc


def _digits(rng: random.Random, count: int, first: str = _DIGITS) -> str:
    return first[int(rng.random() * len(first))] + "".join(
        _DIGITS[int(rng.random() * 10)] for _ in range(count - 1)
    )


def _complete(
    rng: random.Random,
    body: Callable[[random.Random], str],
    valid: Callable[[str], bool],
    tail: Sequence[str],
) -> str:
    """``body`` with a ``?`` where the check characters go, filled with the first ``tail`` stdnum accepts."""
    for _ in range(20):
        draft = body(rng)
        start = int(rng.random() * len(tail))
        for i in range(len(tail)):
            number = draft.replace("?", tail[(start + i) % len(tail)])
            if valid(number):
                return number
    raise ForgeError(f"no valid number found for the format {draft!r}")  # pragma: no cover


def _until(rng: random.Random, draw: Callable[[random.Random], str], valid: Callable[[str], bool]) -> str:
    for _ in range(200):
        number = draw(rng)
        if valid(number):
            return number
    raise ForgeError(f"no valid number found like {number!r}")  # pragma: no cover


_PAIRS = tuple(f"{n:02d}" for n in range(100))


def _us(rng: random.Random, kind: str) -> str:
    ein = _stdnum("us.ein")
    return _until(rng, lambda r: f"{_digits(r, 2, '12345689')}-{_digits(r, 7)}", ein.is_valid)


def _gb(rng: random.Random, kind: str) -> str:
    if kind == "tax":  # Unique Taxpayer Reference: ten digits, the first a check digit
        return _complete(rng, lambda r: "?" + _digits(r, 9), _stdnum("gb.utr").is_valid, _DIGITS)
    return "GB" + _complete(
        rng, lambda r: _digits(r, 7, "123456789") + "?", _stdnum("gb.vat").is_valid, _PAIRS
    )


def _de(rng: random.Random, kind: str) -> str:
    if kind == "tax":  # Steuernummer in the Berlin format FF/BBB/UUUUP
        stnr = _stdnum("de.stnr")
        return _until(rng, lambda r: f"{_digits(r, 2, '23')}/{_digits(r, 3)}/{_digits(r, 5)}", stnr.is_valid)
    return "DE" + _complete(
        rng, lambda r: _digits(r, 8, "123456789") + "?", _stdnum("de.vat").is_valid, _DIGITS
    )


def _fr(rng: random.Random, kind: str) -> str:
    siren = _stdnum("fr.siren")
    number = _complete(rng, lambda r: _digits(r, 8, "123456789") + "?", siren.is_valid, _DIGITS)
    return siren.format(number) if kind == "tax" else "FR" + siren.to_tva(number)  # type: ignore[no-any-return]


def _es(rng: random.Random, kind: str) -> str:
    cif = _stdnum("es.cif")
    number = _complete(rng, lambda r: "B" + _digits(r, 7) + "?", cif.is_valid, _DIGITS + "ABCDEFGHIJ")
    return number if kind == "tax" else "ES" + number


def _it(rng: random.Random, kind: str) -> str:
    iva = _stdnum("it.iva")
    number = _complete(
        rng, lambda r: f"{_digits(r, 7, '0123')}{1 + int(r.random() * 100):03d}?", iva.is_valid, _DIGITS
    )
    return number if kind == "tax" else "IT" + number


def _nl(rng: random.Random, kind: str) -> str:
    # the RSIN passes the eleven-test (as a BSN does); the VAT number is it with a B01 branch suffix
    rsin = _complete(rng, lambda r: _digits(r, 8, "123456789") + "?", _stdnum("nl.bsn").is_valid, _DIGITS)
    return rsin if kind == "tax" else f"NL{rsin}B01"


def _pl(rng: random.Random, kind: str) -> str:
    nip = _stdnum("pl.nip")
    number = _complete(rng, lambda r: _digits(r, 9, "123456789") + "?", nip.is_valid, _DIGITS)
    return str(nip.format(number)) if kind == "tax" else "PL" + number


def _br(rng: random.Random, kind: str) -> str:
    cnpj = _stdnum("br.cnpj")
    body = _digits(rng, 8, "123456789") + "0001"
    return cnpj.format(body + cnpj.calc_check_digits(body))  # type: ignore[no-any-return]


def _jp(rng: random.Random, kind: str) -> str:
    cn = _stdnum("jp.cn")
    body = _digits(rng, 12)
    return cn.calc_check_digit(body) + body  # type: ignore[no-any-return]


def _cn(rng: random.Random, kind: str) -> str:
    uscc = _stdnum("cn.uscc")

    def body(r: random.Random) -> str:
        region = _until(r, lambda q: "1" + _digits(q, 5), lambda code: code[:2] in _CN_PROVINCES)
        return "91" + region + _digits(r, 9)

    return _until(rng, lambda r: (b := body(r)) + uscc.calc_check_digit(b), uscc.is_valid)


_CN_PROVINCES = frozenset({"11", "12", "13", "14", "15"})


COUNTRIES: dict[str, Callable[[random.Random, str], str]] = {
    "US": _us, "GB": _gb, "DE": _de, "FR": _fr, "ES": _es, "IT": _it,
    "NL": _nl, "PL": _pl, "BR": _br, "JP": _jp, "CN": _cn,
}  # fmt: skip


@lru_cache(maxsize=1)
def _validators() -> dict[tuple[str, str], Callable[[str], bool]]:
    """(country, kind) -> the stdnum check a value of ours passes (used by the tests)."""
    eu = _stdnum("eu.vat").is_valid
    return {
        ("US", "vat"): _stdnum("us.ein").is_valid, ("US", "tax"): _stdnum("us.ein").is_valid,
        ("GB", "vat"): _stdnum("gb.vat").is_valid, ("GB", "tax"): _stdnum("gb.utr").is_valid,
        ("DE", "vat"): eu, ("DE", "tax"): _stdnum("de.stnr").is_valid,
        ("FR", "vat"): eu, ("FR", "tax"): _stdnum("fr.siren").is_valid,
        ("ES", "vat"): eu, ("ES", "tax"): _stdnum("es.cif").is_valid,
        ("IT", "vat"): eu, ("IT", "tax"): _stdnum("it.iva").is_valid,
        ("NL", "vat"): eu, ("NL", "tax"): _stdnum("nl.bsn").is_valid,
        ("PL", "vat"): eu, ("PL", "tax"): _stdnum("pl.nip").is_valid,
        ("BR", "vat"): _stdnum("br.cnpj").is_valid, ("BR", "tax"): _stdnum("br.cnpj").is_valid,
        ("JP", "vat"): _stdnum("jp.cn").is_valid, ("JP", "tax"): _stdnum("jp.cn").is_valid,
        ("CN", "vat"): _stdnum("cn.uscc").is_valid, ("CN", "tax"): _stdnum("cn.uscc").is_valid,
    }  # fmt: skip


def is_valid_tax_number(country: str, kind: str, number: str) -> bool:
    """Whether stdnum accepts ``number`` as the ``kind`` (``vat``/``tax``) number of ``country``."""
    return bool(_validators()[(country, kind)](number))


def tax_number(country: str, kind: str, rng: random.Random) -> str | None:
    """A ``vat`` or ``tax`` number of ``country`` (ISO alpha-2) that stdnum accepts; None for others."""
    make = COUNTRIES.get(country)
    return None if make is None else make(rng, kind)
