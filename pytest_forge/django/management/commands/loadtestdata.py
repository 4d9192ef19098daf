"""``python manage.py loadtestdata blog.Category:3 blog.Entry:20``: django-autofixture's command, today."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pytest_forge.errors import ForgeError


class Command(BaseCommand):  # type: ignore[misc]  # Django ships no types
    help = (
        "Fill the database with valid, realistic, reproducible rows: app_label.Model[:count] ... "
        "(parents first, in one transaction)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("models", nargs="+", metavar="app_label.Model[:count]")
        parser.add_argument(
            "--generate-fk", nargs="?", const="", default=None, metavar="FIELD,...",
            help="make a new parent for every foreign key (or only the fields named)",
        )  # fmt: skip
        parser.add_argument(
            "--no-follow-fk", action="store_true", help="never make parents: use rows that exist"
        )
        parser.add_argument(
            "--generate-m2m", "--follow-m2m", action="append", default=[], metavar="FIELD:MIN:MAX",
            help="how many many-to-many parents each row gets (made when too few exist)",
        )  # fmt: skip
        parser.add_argument("--use", action="append", default=[], metavar="path.to.Blueprint")
        parser.add_argument("--seed", type=int, default=None, help="seed for reproducible rows")
        parser.add_argument("--locale", default="en_US", help="language and country of names and places")
        parser.add_argument("--allow-pii", action="store_true", help="open the sensitive-data gate")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            loaded, seed = _load(options, self.stdout.isatty())
        except (ForgeError, ValueError, TypeError) as exc:
            raise CommandError(str(exc)) from None
        summary = ", ".join(f"{count} {label}" for label, count in loaded.items())
        self.stdout.write(f"loaded {summary} (seed {seed})")


def _load(options: dict[str, Any], terminal: bool) -> tuple[dict[str, int], int]:
    from django.utils.module_loading import import_string

    from pytest_forge.django.loading import LoadOptions, load_test_data, parse_generate_m2m, parse_model_count
    from pytest_forge.forge import Forge

    requests = [parse_model_count(text) for text in options["models"]]
    load = LoadOptions(
        generate_fk=_generate_fk(options["generate_fk"], options["no_follow_fk"]),
        generate_m2m=dict(parse_generate_m2m(text) for text in options["generate_m2m"]),
        blueprints=tuple(import_string(path) for path in options["use"]),
    )
    forge = Forge(seed=options["seed"], locale=options["locale"], allow_pii=options["allow_pii"])
    if not terminal:
        return load_test_data(forge, requests, load), forge.seed
    from pytest_forge.cli.terminal import progress

    with progress(sum(count for _, count in requests), "loading") as advance:
        return load_test_data(forge, requests, load, progress=advance), forge.seed


def _generate_fk(given: str | None, no_follow: bool) -> bool | tuple[str, ...] | None:
    if given is not None and no_follow:
        raise CommandError("--generate-fk and --no-follow-fk contradict each other; pass one")
    if no_follow:
        return False
    if given is None:
        return None
    return tuple(name.strip() for name in given.split(",") if name.strip()) or True
