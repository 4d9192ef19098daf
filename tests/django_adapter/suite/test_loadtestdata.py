"""``manage.py loadtestdata`` and blueprint discovery (``'pytest_forge.django'`` is installed here)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from pytest_forge import Forge
from pytest_forge.blueprints import BLUEPRINTS
from tests.django_adapter.project.blog.forge_blueprints import PlaceBlueprint
from tests.django_adapter.project.blog.models import Author, Category, Entry, Person, Place, Tag

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("loadtestdata", *args, stdout=out)
    return out.getvalue()


def test_loads_parents_first_whatever_the_order_given():
    output = run("blog.Entry:20", "blog.Category:3", "--seed", "7")
    assert Category.objects.count() >= 3
    assert Entry.objects.count() == 20
    assert "20 blog.Entry" in output
    assert "seed 7" in output


def test_the_same_seed_loads_the_same_rows():
    run("blog.Category:4", "--seed", "3")
    first = sorted(Category.objects.values_list("name", flat=True))
    Category.objects.all().delete()
    run("blog.Category:4", "--seed", "3")
    assert sorted(Category.objects.values_list("name", flat=True)) == first


def test_generate_fk_makes_new_parents_and_no_follow_fk_uses_existing_ones():
    run("blog.Author:2", "--seed", "1")
    run("blog.Entry:3", "--generate-fk=author", "--seed", "2")
    assert Author.objects.count() == 5
    run("blog.Entry:4", "--no-follow-fk", "--seed", "3")
    assert Author.objects.count() == 5


def test_generate_m2m_sets_the_count():
    run("blog.Tag:6", "blog.Entry:5", "--generate-m2m=tags:2:2", "--seed", "1")
    assert Tag.objects.count() == 6
    assert all(e.tags.count() == 2 for e in Entry.objects.all())


def test_a_failure_leaves_nothing_half_loaded():
    with pytest.raises(CommandError, match=r"Entry\.author needs a Author"):
        run("blog.Category:3", "blog.Entry:2", "--no-follow-fk")
    assert Category.objects.count() == 0


def test_bad_model_names_and_options_are_one_clear_line():
    with pytest.raises(CommandError, match=r"app_label\.ModelName"):
        run("Entry:3")
    with pytest.raises(CommandError, match=r"blog\.Nope"):
        run("blog.Nope:3")
    with pytest.raises(CommandError, match="field:min:max"):
        run("blog.Entry:1", "--generate-m2m=tags:x")
    with pytest.raises(CommandError, match="contradict"):
        run("blog.Entry:1", "--generate-fk", "--no-follow-fk")


def test_use_registers_a_blueprint_for_the_run():
    run("blog.Person:3", "--use", "tests.django_adapter.project.blog.blueprints_for_use.LoudPerson")
    assert set(Person.objects.values_list("name", flat=True)) == {"ADA"}


def test_blueprints_in_forge_blueprints_are_discovered():
    assert BLUEPRINTS.find(Place) is PlaceBlueprint
    assert Forge(seed=1).create(Place).address == "1 Forge Street"
    run("blog.Place:2")
    assert set(Place.objects.values_list("address", flat=True)) == {"1 Forge Street"}


def test_forge_load_with_django_settings_works_without_manage_py(pytester):

    root = Path(__file__).resolve().parents[3]
    database = pytester.path / "dev.sqlite3"
    pytester.makepyfile(
        devsettings=f"""
from tests.django_adapter.settings import settings
globals().update(settings())
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {str(database)!r}}}}}
"""
    )
    env = {**os.environ, "PYTHONPATH": f"{root}:{pytester.path}", "FORGE_DJANGO_DB": "sqlite"}
    migrate = [sys.executable, "-m", "django", "migrate", "--settings", "devsettings", "-v", "0"]
    subprocess.run(migrate, cwd=pytester.path, env=env, check=True, timeout=300)
    load = [str(Path(sys.executable).parent / "forge"), "load", "blog.Category:3", "blog.Entry:5"]
    result = subprocess.run(
        [*load, "--django-settings", "devsettings", "--seed", "4"],
        cwd=pytester.path, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "5 blog.Entry" in result.stderr
    with sqlite3.connect(database) as connection:
        assert connection.execute("select count(*) from blog_entry").fetchone() == (5,)
