"""``forge cache stats|clear``: look at or empty the AI response cache."""

from __future__ import annotations

import json
import os

import click

__all__ = ["cache_group"]

_DIR_OPTION = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="The cache directory (default: FORGE_CACHE_DIR, else the user cache directory).",
)


def _directory(cache_dir: str | None) -> str:
    from pytest_forge.ai.cache import default_cache_dir

    return cache_dir or default_cache_dir()


@click.group("cache")
def cache_group() -> None:
    """The AI response cache (LLM answers kept for 7 days, JSON only)."""


@cache_group.command("stats")
@_DIR_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the numbers as JSON.")
def stats_command(cache_dir: str | None, as_json: bool) -> None:
    """How many answers the cache holds and how much disk they take."""
    from pytest_forge.ai.cache import ResponseCache

    directory = _directory(cache_dir)
    cache = ResponseCache.open_existing(directory, max_age=None)
    stats = {"directory": directory, "entries": 0, "size_bytes": 0} if cache is None else cache.stats()
    if cache is not None:
        cache.close()
    if as_json:
        click.echo(json.dumps(stats, sort_keys=True))
        return
    click.echo(f"AI cache: {stats['directory']}")
    click.echo(f"entries: {stats['entries']}")
    click.echo(f"size: {stats['size_bytes']} bytes")


@cache_group.command("clear")
@_DIR_OPTION
@click.option("--expired", is_flag=True, help="Remove only entries older than 7 days.")
def clear_command(cache_dir: str | None, expired: bool) -> None:
    """Delete the cached answers (all of them, or only the expired ones)."""
    from pytest_forge.ai.cache import ResponseCache

    directory = _directory(cache_dir)
    if not os.path.isdir(directory):
        click.echo(f"AI cache: nothing at {directory}")
        return
    cache = ResponseCache.open_existing(directory, max_age=None if not expired else 7 * 24 * 3600)
    if cache is None:
        click.echo(f"AI cache: nothing at {directory}")
        return
    removed = cache.prune() if expired else cache.clear()
    cache.close()
    click.echo(f"AI cache: removed {removed} entr{'y' if removed == 1 else 'ies'} from {directory}")
