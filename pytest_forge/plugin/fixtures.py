"""The ``forge`` and ``forge_session`` fixtures, and ``forge_fixture`` to turn a model into a fixture.

No logic of their own: the Forges are built in :mod:`pytest_forge.plugin.state`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, Literal, get_args

import pytest

from pytest_forge.adapters.django_files import deleting_written_files
from pytest_forge.generation.options import check_count
from pytest_forge.plugin.state import finish_forge, make_session_forge, make_test_forge
from pytest_forge.relations.foreign_keys import snake_case

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pytest_forge.forge import Forge

__all__ = ["forge", "forge_fixture", "forge_session", "forge_sqlalchemy_session"]

Scope = Literal["function", "class", "module", "package", "session"]
_SCOPES: Final = get_args(Scope)


@pytest.fixture(scope="session")
def forge_session(pytestconfig: pytest.Config) -> Iterator[Forge]:
    """The session's Forge: its records are visible to every test's ``forge`` as parents."""
    session_forge = make_session_forge(pytestconfig)
    yield session_forge
    finish_forge(pytestconfig, session_forge)


@pytest.fixture
def forge_sqlalchemy_session() -> Any:
    """The SQLAlchemy session ``forge`` saves into: None (build in memory) unless a conftest overrides
    this fixture with the session its tests already use (docs/sqlalchemy.md)."""
    return None


@pytest.fixture
def forge(
    request: pytest.FixtureRequest, forge_session: Forge, forge_sqlalchemy_session: Any
) -> Iterator[Forge]:
    """This test's Forge, seeded from the session seed and the node id (or its marker's ``seed``).

    Files its Django ``create`` calls write through a storage are deleted after the test."""
    test_forge = make_test_forge(request.node, forge_session)
    test_forge.session = forge_sqlalchemy_session
    with deleting_written_files():
        yield test_forge
    finish_forge(request.config, test_forge)


def forge_fixture(
    model: type[Any],
    *,
    count: int | None = None,
    scope: Scope = "function",
    name: str | None = None,
    allow_pii: bool = False,
    allow_dangerous: bool = False,
    **overrides: Any,
) -> Any:
    """A pytest fixture that makes ``model`` records: one, or a list of ``count``.

    Assign it in a conftest or test module: ``user = forge_fixture(User)``. The fixture takes
    the name it is assigned to, or ``name=`` when given (the function is called ``name`` or the
    model's snake_case name). Function scope uses the test's ``forge``, wider ones ``forge_session``.
    ``allow_pii`` / ``allow_dangerous`` open the gates for this fixture's records only.
    """
    if scope not in _SCOPES:
        raise ValueError(f"forge_fixture(scope={scope!r}): scope must be one of {', '.join(_SCOPES)}")
    if count is not None:
        check_count("forge_fixture(count=...)", count, what="a non-negative int or None")

    for keyword, value in (("allow_pii", allow_pii), ("allow_dangerous", allow_dangerous)):
        if not isinstance(value, bool):
            raise TypeError(f"forge_fixture({keyword}={value!r}): {keyword} must be a bool")

    def build(source: Forge) -> Any:
        __tracebackhide__ = True
        with source.open_gates(allow_pii=allow_pii, allow_dangerous=allow_dangerous):
            if count is None:
                return source.create(model, **overrides)
            return source.create_batch(model, count=count, **overrides)

    maker = _with_test_forge(build) if scope == "function" else _with_session_forge(build)
    maker.__name__ = maker.__qualname__ = name or snake_case(model.__name__)
    maker.__doc__ = f"{model.__name__} record{'' if count is None else 's'} made by pytest-forge."
    if name is None:
        return pytest.fixture(scope=scope)(maker)
    return pytest.fixture(scope=scope, name=name)(maker)


def _with_test_forge(build: Callable[[Forge], Any]) -> Callable[..., Any]:
    def maker(forge: Forge) -> Any:
        __tracebackhide__ = True
        return build(forge)

    return maker


def _with_session_forge(build: Callable[[Forge], Any]) -> Callable[..., Any]:
    def maker(forge_session: Forge) -> Any:
        __tracebackhide__ = True
        return build(forge_session)

    return maker
