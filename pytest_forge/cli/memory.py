"""``forge memory add|list|check|remove``: the project's domain rules from the command line."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from pytest_forge.cli.modelpath import parse_model_path

__all__ = ["memory_group"]


def _memory() -> Any:
    from pytest_forge.memory import ForgeMemory

    return ForgeMemory()  # --memory-dir is FORGE_MEMORY_DIR, else ./.forge


def _then(values: tuple[str, ...]) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for item in values:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip().isidentifier():
            raise click.BadParameter(f"{item!r}: expected FIELD=VALUE", param_hint="--then")
        try:
            parsed[name.strip()] = json.loads(raw)
        except ValueError:
            parsed[name.strip()] = raw  # a bare word is a string: --then account_type=restricted
    return parsed


def _usage(exc: Exception) -> click.UsageError:
    return click.UsageError(str(exc))


@click.group("memory")
def memory_group() -> None:
    """Domain rules kept in .forge/ (FORGE_MEMORY_DIR elsewhere), applied to every generation."""


@memory_group.command("add")
@click.argument("topic")
@click.argument("text")
@click.option("--when", default=None, help="condition over the record's fields, e.g. 'age < 18'")
@click.option("--then", "then", multiple=True, metavar="FIELD=VALUE", help="value set when --when holds")
@click.option("--model", "models", multiple=True, metavar="MODEL", help="another model the rule applies to")
def add(topic: str, text: str, when: str | None, then: tuple[str, ...], models: tuple[str, ...]) -> None:
    """Add a rule to TOPIC (a model's snake_case name, or any name with --model)."""
    from pytest_forge.errors import UsageError

    try:
        rule = _memory().add_rule(topic, text, when=when, then=_then(then), models=list(models))
    except UsageError as exc:
        raise _usage(exc) from None
    click.echo(f"{rule.id} {rule.topic}: {rule.text}")


@memory_group.command("list")
@click.argument("topic", required=False)
def list_rules(topic: str | None) -> None:
    """List the rules (of TOPIC)."""
    from pytest_forge.errors import UsageError

    try:
        rules = _memory().rules(topic)
    except UsageError as exc:
        raise _usage(exc) from None
    for rule in rules:
        extra = "".join(
            [
                f"  when {rule.when}" if rule.when else "",
                f"  then {json.dumps(rule.then, sort_keys=True)}" if rule.then else "",
                f"  models {', '.join(rule.models)}" if rule.models else "",
            ]
        )
        click.echo(f"{rule.id} {rule.topic}: {rule.text}{extra}")
    if not rules:
        click.echo("no rules")


@memory_group.command("check")
@click.argument("model_paths", nargs=-1, required=True, metavar="MODEL_PATH...")
def check(model_paths: tuple[str, ...]) -> None:
    """Check the rules against the models (pkg.module:Model); exit 1 when one is stale or conflicts."""
    memory = _memory()
    problems = 0
    for text in model_paths:
        bound = memory.check(parse_model_path(text).model)
        for stale in bound.stale:
            click.echo(f"stale {stale.rule.id} ({stale.rule.topic}): {stale.reason}")
        for conflict in bound.conflicts:
            click.echo(f"conflict: {conflict.describe()}")
        problems += len(bound.stale) + len(bound.conflicts)
        click.echo(f"{bound.model}: {len(bound.active)} rule(s) in use")
    if problems:
        sys.exit(1)


@memory_group.command("remove")
@click.argument("topic")
@click.argument("rule_id")
def remove(topic: str, rule_id: str) -> None:
    """Remove rule RULE_ID from TOPIC."""
    from pytest_forge.errors import UsageError

    try:
        rule = _memory().remove_rule(topic, rule_id)
    except UsageError as exc:
        raise _usage(exc) from None
    click.echo(f"removed {rule.id} {rule.topic}: {rule.text}")
