"""Phone numbers drawn only from ranges reserved for fiction, so no real line is ever printed.

The rule, per locale:

* ``en_US``, ``en_CA`` and every locale without a documented range below: NANP
  numbers 555-0100 to 555-0199, reserved for fictional use in every area code
  (NANPA), with a real area code: ``(212) 555-0143``, ``212-555-0143``,
  ``+1 212-555-0143``, ``555-0143``. Other locales get the ``+1`` form.
* ``en_GB``: Ofcom's drama numbers: ``07700 900000``-``900999`` (mobile),
  ``020 7946 0000``-``0999`` (London), ``01632 960000``-``960999`` (fictional area).
* ``en_AU``: ACMA's fictitious numbers: ``(0x) 5550 xxxx`` and ``(0x) 7010 xxxx``
  for area codes 02, 03, 07 and 08.
* ``de_DE`` (and ``de_AT``/``de_CH`` writing German numbers): the Bundesnetzagentur's drama numbers
  (Mitteilung 148/2021): ``030 23125 000-999`` (Berlin), ``069 90009``, ``040 66969``,
  ``0221 4710`` and ``089 99998``, in national and ``+49`` form.

Locales whose regulator publishes no such range (fr_FR, es_ES, it_IT, pt_BR, nl_NL, pl_PL,
ja_JP, zh_CN ...) get the NANP fictional block in its international ``+1`` form, so no
number is ever a real line there either.

A field longer than every format gets an extension (`` ext. 204``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from pytest_forge.providers.locale_data import load_data, normalize_locale
from pytest_forge.providers.shaping import Shape, fitted, pick

if TYPE_CHECKING:
    import random

    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.spec import TypeSpec

__all__ = ["area_formats", "phone_number"]

#: (format, exclusive upper bound of ``num``); every format has a fixed length
_Format = tuple[str, int]
_NANP: tuple[_Format, ...] = (
    ("({area}) 555-01{num:02d}", 100), ("({area}) 555-01{num:02d}", 100), ("{area}-555-01{num:02d}", 100),
    ("+1 {area}-555-01{num:02d}", 100), ("555-01{num:02d}", 100),
)  # fmt: skip
_NANP_ABROAD: tuple[_Format, ...] = (("+1 {area}-555-01{num:02d}", 100), ("+1 ({area}) 555-01{num:02d}", 100))
_GB: tuple[_Format, ...] = (
    ("07700 900{num:03d}", 1000), ("07700 900{num:03d}", 1000), ("020 7946 0{num:03d}", 1000),
    ("01632 960{num:03d}", 1000), ("+44 7700 900{num:03d}", 1000), ("+44 20 7946 0{num:03d}", 1000),
)  # fmt: skip
_AU: tuple[_Format, ...] = (
    ("(0{area}) 5550 {num:04d}", 10000), ("(0{area}) 7010 {num:04d}", 10000),
    ("+61 {area} 5550 {num:04d}", 10000),
)  # fmt: skip
_AU_AREAS = ("2", "3", "7", "8")
_DE: tuple[_Format, ...] = tuple(
    (fmt.format(area=area, block=block), 1000)
    for area, block in (("30", "23125"), ("69", "90009"), ("40", "66969"), ("221", "4710"), ("89", "99998"))
    for fmt in ("0{area} {block} {{num:03d}}", "0{area} {block}{{num:03d}}", "+49 {area} {block} {{num:03d}}")
)


@lru_cache(maxsize=32)
def _plan(locale: str) -> tuple[tuple[_Format, ...], tuple[str, ...]]:
    """The formats and area codes used for a locale."""
    if locale == "en_GB":
        return _GB, ("",)
    if locale == "en_AU":
        return _AU, _AU_AREAS
    if locale == "de_DE":
        return _DE, ("",)
    areas = load_data("places")["area_codes"]
    if locale in areas:
        return _NANP, tuple(areas[locale])
    return _NANP_ABROAD, tuple(areas["en_US"])


def _length(fmt: _Format, areas: tuple[str, ...]) -> int:
    return len(fmt[0].format(area=areas[0], num=0))


def _extension(value: str, rng: random.Random) -> str:
    return f"{value}{rng.randint(0, 9)}" if " ext. " in value else f"{value} ext. {rng.randint(1, 9)}"


def phone_number(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A fictional-range number in a format of the locale that fits the field (None when none can)."""
    shape = Shape.of(spec)
    if shape is None or shape.lo > 24:  # at most a four-digit extension
        return None
    formats, areas = _plan(normalize_locale(ctx.locale))
    lengths = {fmt: _length(fmt, areas) for fmt in formats}
    usable = tuple(fmt for fmt in formats if shape.allows(lengths[fmt]))
    longest = max(lengths.values())
    if not usable and shape.lo > longest and (shape.hi is None or shape.hi >= longest):
        usable = tuple(fmt for fmt in formats if lengths[fmt] == longest)  # extended below
    if not usable:
        return None

    def draw(rng: random.Random) -> str:
        template, limit = pick(rng, usable)
        return template.format(area=pick(rng, areas), num=rng.randrange(limit))

    return fitted(shape, draw, extend=_extension)


def area_formats(locale: str, area: str, shape: Shape) -> tuple[_Format, ...]:
    """The locale's formats that write ``area`` and fit the field."""
    if locale == "de_DE":
        formats = tuple(f for f in _DE if f[0].startswith((f"0{area} ", f"+49 {area} ")))
    elif locale in load_data("places")["area_codes"]:
        formats = tuple(f for f in _NANP if "{area}" in f[0])
    else:
        return ()
    return tuple(f for f in formats if shape.allows(_length(f, (area,))))
