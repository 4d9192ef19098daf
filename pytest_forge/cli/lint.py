"""``forge lint PATH...``: report values in exported files that look like real PII.

Reads .json (a list of records or one record), .jsonl (one record per line) and .csv (a
header row, nested fields as dotted column names). Exit status: 0 clean, 1 findings,
2 bad arguments, unreadable files or an unknown suffix.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import click

from pytest_forge.gates.lint import LintFinding, lint_records

__all__ = ["lint_command", "read_records"]

_READERS_BY_SUFFIX = (".json", ".jsonl", ".csv")


class UnreadableFileError(click.ClickException):
    """A file that cannot be read as records; exits with status 2 like a usage error."""

    exit_code = 2


@click.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
def lint_command(paths: tuple[Path, ...]) -> None:
    """Check exported .json, .jsonl and .csv files for values that look like real PII.

    Flags emails off the reserved example domains, Luhn-valid card numbers outside the
    published test ranges and SSNs in the issued range. Exits 1 when it finds any.
    """
    for path in paths:
        if path.suffix.lower() not in _READERS_BY_SUFFIX:
            raise UnreadableFileError(f"{path}: unknown suffix {path.suffix!r}; use .json, .jsonl or .csv")
    total_records, findings = 0, 0
    for path in paths:
        records = read_records(path)
        total_records += len(records)
        for finding in lint_records(records):
            findings += 1
            click.echo(_describe(path, finding))
    if findings:
        click.echo(f"{findings} finding(s) in {total_records} record(s)", err=True)
        raise SystemExit(1)
    click.echo(f"no findings in {total_records} record(s) from {len(paths)} file(s)")


def _describe(path: Path, finding: LintFinding) -> str:
    return f"{path}: record {finding.record}, field {finding.field}: {finding.reason} ({finding.value!r})"


def read_records(path: Path) -> list[dict[str, Any]]:
    """The records of one export file as dicts (raises ``UnreadableFileError`` with the reason)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableFileError(f"{path}: cannot read ({exc})") from None
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return [_csv_record(row) for row in csv.DictReader(text.splitlines())]
        if suffix == ".jsonl":
            return [_as_record(path, json.loads(line)) for line in text.splitlines() if line.strip()]
        data = json.loads(text)
    except (json.JSONDecodeError, csv.Error) as exc:
        raise UnreadableFileError(f"{path}: not valid {suffix[1:].upper()} ({exc})") from None
    return [_as_record(path, item) for item in (data if isinstance(data, list) else [data])]


def _as_record(path: Path, item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise UnreadableFileError(f"{path}: expected JSON objects as records, found {type(item).__name__}")
    return item


def _csv_record(row: dict[str, Any]) -> dict[str, Any]:
    """A CSV row without the overflow cells of over-long rows (dotted headers read as nested paths)."""
    return {str(key): value for key, value in row.items() if key is not None}
