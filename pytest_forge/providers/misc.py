"""Small vocabularies: colors, languages, time zones, tags, titles, file names."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pytest_forge.providers.locale_data import load_data
from pytest_forge.providers.shaping import Pool, Shape, fitted, from_pool, pick

if TYPE_CHECKING:
    import random

    from pytest_forge.providers.catalog import ProviderContext
    from pytest_forge.providers.shaping import Draw
    from pytest_forge.spec import TypeSpec

__all__ = [
    "color", "file_extension", "file_name", "hex_color", "language", "language_code", "timezone",
    "title", "word",
]  # fmt: skip

_SUBTITLES = (
    "A Practical Guide",
    "What Comes Next",
    "A Field Guide",
    "Notes from the Road",
    "Lessons Learned",
)
_STEM_TAGS = ("final", "draft", "signed", "reviewed", "copy", "edited", "v2", "approved", "archive", "backup")
_SHORT_STEMS = ("notes", "data", "scan", "report", "img", "draft", "memo")


def _commerce() -> dict[str, Any]:
    return load_data("commerce")


def _listed(spec: TypeSpec, values: Any, *, cut: bool = True) -> Draw | None:
    shape = Shape.of(spec)
    return None if shape is None else from_pool(Pool.of(values), shape, cut=cut)


def color(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A common color name: ``navy``, ``forest green``."""
    return _listed(spec, _commerce()["colors"])


def hex_color(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A ``#1a2b3c`` color."""
    shape = Shape.of(spec)
    if shape is None or not shape.allows(7):
        return None
    return fitted(shape, lambda rng: f"#{rng.randrange(1 << 24):06x}")


def language(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A language name in English: ``Portuguese``; an ISO 639-1 code when at most 3 characters fit."""
    shape = Shape.of(spec)
    if shape is not None and shape.hi is not None and shape.hi <= 3:
        return language_code(spec, ctx)
    return _listed(spec, _commerce()["languages"].values())


def language_code(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """An ISO 639-1 code: ``pt``."""
    from pytest_forge.providers.codes import language_code as iso_language

    return iso_language(spec, ctx)


def timezone(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """An IANA time zone name: ``Europe/Berlin``."""
    return _listed(spec, load_data("places")["timezones"], cut=False)


def word(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A single lowercase tag word: ``travel``."""
    return _listed(spec, _commerce()["tags"])


@lru_cache(maxsize=1)
def _title_parts() -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    parts = {key: tuple(values) for key, values in _commerce()["title_words"].items()}
    parts["count"] = ("3", "5", "7", "10", "12")
    return tuple(_commerce()["titles"]), parts


def _title_draw(rng: random.Random) -> str:
    templates, parts = _title_parts()
    template = pick(rng, templates)
    return template.format_map({key: pick(rng, values) for key, values in parts.items()})


def _subtitle(value: str, rng: random.Random) -> str:
    return f"{value}, Part {rng.randint(2, 9)}" if ":" in value else f"{value}: {pick(rng, _SUBTITLES)}"


def title(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A short title-case phrase for a book, post or article: ``A Guide to Urban Gardening``."""
    shape = Shape.of(spec)
    if shape is None or shape.lo > 120:
        return None
    return fitted(shape, _title_draw, extend=_subtitle)


def _stem(rng: random.Random, template: str, year: int) -> str:
    return template.format(
        year=year - rng.randint(0, 4),
        n=rng.randint(1000, 9999),
        d=rng.randint(1, 9),
        mm=f"{rng.randint(1, 12):02d}",
    )


def file_name(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """``quarterly_report.pdf``, ``IMG_4821.jpg``: a stem and an extension that belong together."""
    shape = Shape.of(spec)
    if shape is None or shape.lo > 120 or (shape.hi is not None and shape.hi < 5):
        return None
    kinds = tuple((tuple(k["stems"]), tuple(k["exts"])) for k in _commerce()["files"])
    year = ctx.reference_date.year

    def draw(rng: random.Random) -> str:
        stems, exts = pick(rng, kinds)
        return f"{_stem(rng, pick(rng, stems), year)}.{pick(rng, exts)}"

    def short(rng: random.Random) -> str:
        ext = pick(rng, ("pdf", "txt", "csv", "png"))
        room = (shape.hi or 0) - len(ext) - 1
        stem = (pick(rng, _SHORT_STEMS) + str(rng.randrange(10**6))).ljust(room, "0")[:room]
        return shape.apply(f"{stem}.{ext}")

    def version(value: str, rng: random.Random) -> str:
        stem, _, ext = value.partition(".")
        fresh = [tag for tag in _STEM_TAGS if tag not in stem] or [str(rng.randint(2, 9))]
        return f"{stem}_{pick(rng, fresh)}.{ext}"

    return fitted(shape, draw, extend=version, short=short)


def file_extension(spec: TypeSpec, ctx: ProviderContext) -> Draw | None:
    """A file extension without the dot: ``pdf``."""
    return _listed(spec, tuple(dict.fromkeys(e for k in _commerce()["files"] for e in k["exts"])), cut=False)
