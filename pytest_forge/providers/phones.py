"""Phone numbers drawn only from ranges reserved for fiction, so no real line is ever printed.

The rule, per locale:

* ``en_US``, ``en_CA`` and every locale without a documented range below: NANP
  numbers 555-0100 to 555-0199, reserved for fictional use in every area code
  (NANPA), with a real area code: ``(212) 555-0143``, ``212-555-0143``,
  ``+1 212-555-0143``, ``555-0143``. Other locales get the ``+1`` form.
* ``en_GB``: Ofcom's drama numbers: ``07700 900000``-``900999`` (mobile),
  ``020 7946 0000``-``0999`` (London), ``01632 960000``-``960999`` (fictional area) and the
  city ranges (``0113 496 0xxx`` Leeds ... ``0191 498 0xxx`` Tyneside, ``029 2018 0xxx`` Cardiff):
  a record in one of those cities gets its range, elsewhere a mobile or 01632 number.
* ``en_AU``: ACMA's fictitious numbers: ``(0x) 5550 xxxx`` and ``(0x) 7010 xxxx``
  for area codes 02, 03, 07 and 08.
* ``de_DE`` (and ``de_AT``/``de_CH`` writing German numbers): the Bundesnetzagentur's drama numbers
  (Mitteilung 148/2021): ``030 23125 000-999`` (Berlin), ``069 90009``, ``040 66969``,
  ``0221 4710`` and ``089 99998``, in national and ``+49`` form.
* ``fr_FR``: ARCEP's numbers for audiovisual works (national numbering plan, decision 2018-0881
  as amended, section 2.5.12): ``01 99 00``, ``02 61 91``, ``03 53 01``, ``04 65 71``, ``05 36 49``
  and ``06 39 98`` followed by four digits; the first digit is the record's region's zone.

The other locales' regulators publish no fiction range, so numbers come from a block their plan
leaves unassigned (not a valid number in libphonenumber's metadata, which follows each plan; the
realism suite checks that with ``phonenumbers``), written as the country writes numbers:
``es_ES`` ``77x xx xx xx`` (mobiles are 6x, 71-74 and 78), ``it_IT`` ``304 xxx xxxx`` (no
mobile block starts 30), ``pt_BR`` ``(DD) 6xxxx-xxxx`` (eleven-digit numbers start with 9) under the
state's DDD, ``nl_NL`` ``06 9xxxxxxx``, ``pl_PL`` ``20 xxx xx xx`` (20 is no zone), ``ja_JP``
``090-0xxx-xxxx`` and ``070-0xxx-xxxx`` (mobile numbers never continue with 0), ``zh_CN``
``164 xxxx xxxx``. Each also comes in its ``+CC`` international form. Sources per country:
docs/realism.md.

A field longer than every format gets an extension (`` ext. 204``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from pytest_forge.providers.locale_data import load_data, normalize_locale
from pytest_forge.providers.shaping import Shape, fitted, pick

if TYPE_CHECKING:
    import random
    from collections.abc import Callable

    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.spec import TypeSpec

__all__ = ["GB_DRAMA_AREAS", "area_draws", "area_formats", "grouped_areas", "phone_number"]

#: (format, exclusive upper bound of ``num``); every format has a fixed length
_Format = tuple[str, int]
_NANP: tuple[_Format, ...] = (
    ("({area}) 555-01{num:02d}", 100), ("({area}) 555-01{num:02d}", 100), ("{area}-555-01{num:02d}", 100),
    ("+1 {area}-555-01{num:02d}", 100), ("555-01{num:02d}", 100),
)  # fmt: skip
_NANP_ABROAD: tuple[_Format, ...] = (("+1 {area}-555-01{num:02d}", 100), ("+1 ({area}) 555-01{num:02d}", 100))
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


#: Ofcom's drama numbers by dialling code: the city ranges, the mobile block and the no-area code 01632
_GB_BLOCKS = {
    "113": ("0113 496 0###", "+44 113 496 0###"), "114": ("0114 496 0###", "+44 114 496 0###"),
    "115": ("0115 496 0###", "+44 115 496 0###"), "116": ("0116 496 0###", "+44 116 496 0###"),
    "117": ("0117 496 0###", "+44 117 496 0###"), "118": ("0118 496 0###", "+44 118 496 0###"),
    "121": ("0121 496 0###", "+44 121 496 0###"), "131": ("0131 496 0###", "+44 131 496 0###"),
    "141": ("0141 496 0###", "+44 141 496 0###"), "151": ("0151 496 0###", "+44 151 496 0###"),
    "161": ("0161 496 0###", "+44 161 496 0###"), "191": ("0191 498 0###", "+44 191 498 0###"),
    "20": ("020 7946 0###", "+44 20 7946 0###"), "29": ("029 2018 0###", "+44 29 2018 0###"),
    "7700": ("07700 900###", "+44 7700 900###"), "1632": ("01632 960###", "+44 1632 960###"),
}  # fmt: skip
#: the city each of Ofcom's geographic drama ranges is for (0191: Tyneside, Durham and Sunderland)
GB_DRAMA_AREAS = {
    "Leeds": "113", "Sheffield": "114", "Nottingham": "115", "Leicester": "116", "Bristol": "117",
    "Reading": "118", "Birmingham": "121", "Edinburgh": "131", "Glasgow": "141", "Liverpool": "151",
    "Manchester": "161", "London": "20", "Newcastle upon Tyne": "191", "Sunderland": "191",
    "Durham": "191", "Gateshead": "191", "Cardiff": "29",
}  # fmt: skip
#: ARCEP's fiction blocks by first digit (zone 1-5: Île-de-France, north-west, north-east, south-east,
#: south-west; 6: mobile)
_FR_BLOCKS = {"1": "99 00", "2": "61 91", "3": "53 01", "4": "65 71", "5": "36 49", "6": "39 98"}
#: (national, international) templates per locale, ``#`` a drawn digit, ``{area}`` the area code
_GROUPED: dict[str, tuple[tuple[str, str], ...]] = {
    "fr_FR": (("0{area} {block} ## ##", "+33 {area} {block} ## ##"),),
    "es_ES": (("77# ## ## ##", "+34 77# ## ## ##"),),
    "it_IT": (("304 ### ####", "+39 304 ### ####"),),
    "pt_BR": (("({area}) 6####-####", "+55 {area} 6####-####"),),
    "nl_NL": (("06 9#######", "+31 6 9#######"),),
    "pl_PL": (("20 ### ## ##", "+48 20 ### ## ##"),),
    "ja_JP": (("090-0###-####", "+81 90-0###-####"), ("070-0###-####", "+81 70-0###-####")),
    "zh_CN": (("164 #### ####", "+86 164 #### ####"),),
}


def grouped_areas(locale: str) -> tuple[str, ...] | None:
    """The area codes a locale's fictional or unassigned numbers are written under (None: other locales)."""
    if locale == "en_GB":
        return tuple(_GB_BLOCKS)
    if locale == "fr_FR":
        return tuple(_FR_BLOCKS)
    if locale == "pt_BR":
        from pytest_forge.providers.place_tables import brazil_areas

        return brazil_areas()
    return ("",) if locale in _GROUPED else None


@lru_cache(maxsize=512)
def _templates(locale: str, area: str) -> tuple[str, ...]:
    """The locale's templates under one area code, the national form twice as often as the ``+CC`` one."""
    if locale == "en_GB":
        pairs: tuple[tuple[str, str], ...] = (_GB_BLOCKS[area],)
    else:
        pairs = tuple(
            (
                n.format(area=area, block=_FR_BLOCKS.get(area, "")),
                i.format(area=area, block=_FR_BLOCKS.get(area, "")),
            )
            for n, i in _GROUPED[locale]
        )
    return tuple(t for national, international in pairs for t in (national, national, international))


def _digits(template: str) -> Callable[[random.Random], str]:
    """A draw filling each ``#`` of ``template`` with a digit."""
    parts = template.split("#")
    count = len(parts) - 1
    head, tail = parts[0], parts[1:]

    def draw(rng: random.Random) -> str:
        digits = f"{int(rng.random() * 10**count):0{count}d}"
        return head + "".join(d + rest for d, rest in zip(digits, tail, strict=True))

    return draw


@lru_cache(maxsize=512)
def _compact(locale: str, area: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The templates without separators, for fields too short for the written forms: E.164
    (``+33199001234``) first, then the national digits (``0199001234``)."""
    plain = tuple(
        dict.fromkeys("".join(ch for ch in t if ch not in " -()") for t in _templates(locale, area))
    )
    return tuple(t for t in plain if t.startswith("+")), tuple(t for t in plain if not t.startswith("+"))


def area_draws(locale: str, area: str, shape: Shape) -> tuple[Callable[[random.Random], str], ...]:
    """Draws of the locale's numbers under ``area`` that fit the field: as written, else in E.164, else
    as bare national digits (empty: none fits)."""
    for templates in (_templates(locale, area), *_compact(locale, area)):
        found = tuple(_digits(t) for t in templates if shape.allows(len(t)))
        if found:
            return found
    return ()


def _grouped_draw(locale: str, areas: tuple[str, ...], shape: Shape) -> Draw | None:
    if locale == "en_GB":
        areas = ("7700", "7700", "20", "1632")  # no city: mostly mobile, London or no area
    draws = tuple(d for area in areas for d in area_draws(locale, area, shape))
    extend = None
    if not draws:
        longest = max(len(t) for area in areas for t in _templates(locale, area))
        if shape.lo <= longest or (shape.hi is not None and shape.hi < longest):
            return None
        draws = tuple(_digits(t) for area in areas for t in _templates(locale, area) if len(t) == longest)
        extend = _extension
    chosen = draws

    def draw(rng: random.Random) -> str:
        return chosen[int(rng.random() * len(chosen))](rng)

    return fitted(shape, draw, extend=extend)


@lru_cache(maxsize=32)
def _plan(locale: str) -> tuple[tuple[_Format, ...], tuple[str, ...]]:
    """The formats and area codes used for a locale."""
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
    locale = normalize_locale(ctx.locale)
    grouped = grouped_areas(locale)
    if grouped is not None:
        return _grouped_draw(locale, grouped, shape)
    formats, areas = _plan(locale)
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
