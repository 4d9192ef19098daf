"""Forward references that the model's package can resolve are resolved before giving up."""

from __future__ import annotations

from pytest_forge import Forge
from tests.engine.forward_pkg.views import View


def test_a_name_imported_only_for_type_checkers_is_found_in_the_package() -> None:
    made = Forge(seed=1).create(View)
    assert type(made.thing).__name__ == "Thing"
    assert isinstance(made.thing.size, int)


def test_a_name_imported_for_type_checkers_from_elsewhere_is_found_by_its_import() -> None:
    from tests.engine.forward_pkg.deep.tagged import Tagged

    made = Forge(seed=1).create(Tagged)
    assert 3 <= len(made.label) <= 8
    assert all(3 <= len(label) <= 8 for label in made.labels)
