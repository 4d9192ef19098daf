"""Real-world validity: the mapped classes of public packages, saved through a session into SQLite.

Run in a virtualenv with the packages installed (they are not dev dependencies)::

    pip install -e '.[sqlalchemy-checks,sqlmodel]' optuna celery jupyterhub authlib \
        fastapi-users-db-sqlalchemy mlflow-skinny flexget advanced-alchemy rucio sqlalchemy-continuum
    python -W ignore bench/sqlalchemy_sweep.py

For three seeds, every mapped class found is made 5 times through a Session on a SQLite
database holding its package's tables (foreign keys, UNIQUE and CHECK enforced by SQLite):
"valid" means the flush succeeded, the rows are there, and every string fits its column's
length and every Enum value is one of its choices. Each is also streamed to JSON Lines
(keys counted in memory): valid when every row holds the model's columns and no NOT NULL
column is empty. Anything else is either a clear
``ForgeError`` (counted apart) or a failure, printed with its cause. Packages shipping only
mixins (fastapi-users-db-sqlalchemy, advanced-alchemy, authlib) are made concrete the way their
docs show.

Measured 2026-12-05, second session (SQLAlchemy 2.0.58; the eight below plus rucio 37.7.1, whose
account and scope columns bind only rucio's own objects and get providers, and
SQLAlchemy-Continuum 2.0.0): 278 mapped classes x 3 seeds = 834 runs, 819 saved valid (98.2%),
15 clear ForgeErrors (the six below, and rucio's VirtualPlacements, DidMeta and DeletedDidMeta,
whose JSON type binds a dict SQLite refuses), 0 other failures; JSON Lines 831 valid (99.6%),
3 ForgeErrors (VersionInfoModel). On PostgreSQL (SWEEP_POSTGRES_URL): 825 saved valid (98.9%),
9 clear ForgeErrors (VersionInfoModel, SqlInputTag, and rucio's IdentityAccountAssociation, whose
table PostgreSQL refuses: "foreign key constraint ACCOUNT_MAP_ID_TYPE_FK cannot be implemented").

Measured before (SQLAlchemy 2.0.58; optuna 5.1.0, celery 5.7.0, jupyterhub 6.1.1, mlflow-skinny 3.18.0,
flexget 3.22.8, fastapi-users-db-sqlalchemy 7.0.0, advanced-alchemy 1.12.0, authlib 1.9.10):
206 mapped classes x 3 seeds = 618 runs, 612 saved valid (99.0%), 6 clear ForgeErrors, 0 other
failures. The six: optuna's VersionInfoModel (a CHECK pins its key to 1, so a table of one row:
"all 1 values of its domain are taken") and mlflow's SqlInputTag (the database refuses mlflow's
foreign key to a non-unique column: SQLite at insert, "foreign key mismatch"; PostgreSQL at CREATE
TABLE, reported, then "cannot read the SqlInputTag rows ... relation does not exist").
With ``SWEEP_POSTGRES_URL=postgresql+psycopg://...`` each package gets its own PostgreSQL schema
(dropped afterwards): the same 618 runs, 612 valid (99.0%), the same 6 clear ForgeErrors.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Enum, String, create_engine, event, func, inspect, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from pytest_forge import Forge, ForgeError
from pytest_forge.adapters.sqlalchemy_models import is_sqlalchemy_model
from pytest_forge.sqlalchemy.loading import create_missing_tables

SEEDS = (1, 2, 3)
COUNT = 5
PACKAGES: dict[str, tuple[str, ...]] = {
    "optuna": ("optuna.storages._rdb.models",),
    "celery": ("celery.backends.database.models",),
    "jupyterhub": ("jupyterhub.orm",),
    "mlflow-skinny": ("mlflow.store.tracking.dbmodels.models", "mlflow.store.model_registry.dbmodels.models"),
    "flexget": ("flexget.components", "flexget.plugins"),
    "fastapi-users-db-sqlalchemy": ("fastapi_users_db_sqlalchemy",),
    "advanced-alchemy": ("advanced_alchemy.base",),
    "authlib": ("authlib.integrations.sqla_oauth2",),
    # composite primary and foreign keys (scope, name) over custom TypeDecorators
    "rucio": ("rucio.db.sqla.models",),
    # version tables with composite primary keys (id, transaction_id), made as its docs show
    "sqlalchemy-continuum": ("sqlalchemy_continuum",),
}
MIXIN_PACKAGES = ("fastapi-users-db-sqlalchemy", "advanced-alchemy", "authlib", "sqlalchemy-continuum")


def _import_all(name: str) -> list[Any]:
    modules = [importlib.import_module(name)]
    package = modules[0]
    for found in pkgutil.walk_packages(getattr(package, "__path__", []), name + "."):
        try:
            modules.append(importlib.import_module(found.name))
        except Exception:  # a plugin needing something not installed: its models are not counted
            continue
    return modules


def _mixin_models(package: str) -> list[Any]:
    """Packages that ship mixins and abstract bases: the concrete classes their docs tell users to write."""

    class Base(DeclarativeBase):
        pass

    if package == "fastapi-users-db-sqlalchemy":
        from fastapi_users_db_sqlalchemy import (
            SQLAlchemyBaseOAuthAccountTableUUID,
            SQLAlchemyBaseUserTableUUID,
        )
        from fastapi_users_db_sqlalchemy.access_token import SQLAlchemyBaseAccessTokenTableUUID

        class User(SQLAlchemyBaseUserTableUUID, Base):
            pass

        class OAuthAccount(SQLAlchemyBaseOAuthAccountTableUUID, Base):
            pass

        class AccessToken(SQLAlchemyBaseAccessTokenTableUUID, Base):
            pass

        return [User, OAuthAccount, AccessToken]
    if package == "authlib":
        return _authlib_models(Base)
    if package == "sqlalchemy-continuum":
        return _continuum_models(Base)
    from advanced_alchemy.base import BigIntAuditBase, UUIDAuditBase, UUIDv7Base

    class Author(UUIDAuditBase):
        name: Mapped[str] = mapped_column(String(100))

    class Tagline(BigIntAuditBase):
        text: Mapped[str] = mapped_column(String(40), unique=True)

    class Event(UUIDv7Base):
        kind: Mapped[str] = mapped_column(String(20))

    return [Author, Tagline, Event]


def _authlib_models(base: Any) -> list[Any]:
    from authlib.integrations.sqla_oauth2 import (
        OAuth2AuthorizationCodeMixin,
        OAuth2ClientMixin,
        OAuth2TokenMixin,
    )
    from sqlalchemy import ForeignKey, Integer

    class Account(base):
        __tablename__ = "account"
        id: Mapped[int] = mapped_column(Integer, primary_key=True)
        name: Mapped[str] = mapped_column(String(40))

    class Client(base, OAuth2ClientMixin):
        __tablename__ = "oauth2_client"
        id: Mapped[int] = mapped_column(Integer, primary_key=True)
        user_id: Mapped[int] = mapped_column(ForeignKey("account.id"))

    class Token(base, OAuth2TokenMixin):
        __tablename__ = "oauth2_token"
        id: Mapped[int] = mapped_column(Integer, primary_key=True)
        user_id: Mapped[int] = mapped_column(ForeignKey("account.id"))

    class AuthorizationCode(base, OAuth2AuthorizationCodeMixin):
        __tablename__ = "oauth2_code"
        id: Mapped[int] = mapped_column(Integer, primary_key=True)
        user_id: Mapped[int] = mapped_column(ForeignKey("account.id"))

    return [Account, Client, Token, AuthorizationCode]


def _continuum_models(base: Any) -> list[Any]:
    from sqlalchemy import ForeignKey, Text
    from sqlalchemy.orm import configure_mappers, relationship
    from sqlalchemy_continuum import make_versioned, transaction_class, version_class

    make_versioned(user_cls=None)

    class Article(base):
        __tablename__ = "article"
        __versioned__: dict[str, Any] = {}  # noqa: RUF012
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str] = mapped_column(String(60))
        content: Mapped[str | None] = mapped_column(Text)

    class Comment(base):
        __tablename__ = "comment"
        __versioned__: dict[str, Any] = {}  # noqa: RUF012
        id: Mapped[int] = mapped_column(primary_key=True)
        body: Mapped[str] = mapped_column(String(200))
        article_id: Mapped[int] = mapped_column(ForeignKey("article.id"))
        article: Mapped[Article] = relationship()

    configure_mappers()
    return [Article, Comment, version_class(Article), version_class(Comment), transaction_class(Article)]


def models_of(package: str, modules: tuple[str, ...]) -> list[Any]:
    if package in MIXIN_PACKAGES:
        return _mixin_models(package)
    root = modules[0].split(".")[0]
    found: dict[Any, None] = {}
    for name in modules:
        for module in _import_all(name):
            for value in vars(module).values():
                if is_sqlalchemy_model(value) and value.__module__.startswith(root):
                    found[value] = None
    return list(found)


def _engine(models: list[Any], package: str) -> Any:
    """SQLite in memory; or, with SWEEP_POSTGRES_URL set, a PostgreSQL schema of the package's own."""
    url = os.environ.get("SWEEP_POSTGRES_URL")
    if url:
        schema = "f16_sweep_" + package.replace("-", "_")
        with create_engine(url).begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine = create_engine(url, connect_args={"options": f"-csearch_path={schema}"})
    else:
        engine = create_engine("sqlite://")
        event.listen(engine, "connect", lambda connection, _: connection.execute("PRAGMA foreign_keys=ON"))
    for problem in create_missing_tables(engine, [inspect(m).mapper for m in models]):
        print(f"  ({problem})")
    return engine


def _drop(engine: Any, package: str) -> None:
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "f16_sweep_{package.replace("-", "_")}" CASCADE'))
    engine.dispose()


def _fits(model: Any, rows: list[Any]) -> str | None:
    """Why a made row does not fit its columns (lengths, Enum choices), or None."""
    mapper = inspect(model)
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        for row in rows:
            value = getattr(row, prop.key)
            length = column.type.length if isinstance(column.type, String) else None
            if length and isinstance(value, str) and len(value) > length:
                return f"{prop.key}: {len(value)} characters > {length}"
            choices = (
                column.type.enums if isinstance(column.type, Enum) and not column.type.enum_class else None
            )
            if choices and value is not None and value not in choices:
                return f"{prop.key}: {value!r} is not one of {choices}"
    return None


def _forge(seed: int) -> Forge:
    """The sweep's Forge; rucio's decorated account and scope columns bind only their own objects,
    so they get providers, as its users would register them."""
    forge = Forge(seed=seed, allow_pii=True)
    if "rucio" in sys.modules:
        from rucio.common.types import InternalAccount, InternalScope

        for label, kind in (
            ("InternalAccountString", InternalAccount),
            ("InternalScopeString", InternalScope),
        ):
            forge.register_provider(
                lambda field, label=label: field.type.inner().label == label,
                lambda rng, kind=kind: kind(f"{kind.__name__[8:].lower()}{rng.randrange(10**6)}"),
            )
    return forge


def exported(model: Any, seed: int, folder: str) -> tuple[str, str]:
    """A JSON Lines export: every row holds the model's columns, foreign keys and keys filled."""
    import json

    path = os.path.join(folder, f"{model.__name__}.jsonl")
    try:
        list(_forge(seed).create_stream(model, COUNT, path))
    except ForgeError as exc:
        return "forge_error", f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
    except Exception as exc:
        return "failure", f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    columns = {c.name for m in inspect(model).tables for c in m.columns}
    required = {c.name for m in inspect(model).tables for c in m.columns if not c.nullable}
    if len(rows) != COUNT or any(set(r) - columns for r in rows):
        return "failure", f"{len(rows)} rows, keys {sorted(rows[0]) if rows else []}"
    empty = sorted({k for r in rows for k in required & set(r) if r[k] is None})
    return ("failure", f"NOT NULL columns left empty: {empty}") if empty else ("valid", "")


def check(model: Any, engine: Any, seed: int) -> tuple[str, str]:
    with Session(engine) as session:
        try:
            made = _forge(seed).create_batch(model, count=COUNT, session=session)
            rows = session.scalar(select(func.count()).select_from(model)) or 0
            if rows < COUNT:
                return "failure", f"{rows} rows in the table after {COUNT} were made"
            problem = _fits(model, made)
            return ("failure", problem) if problem else ("valid", "")
        except ForgeError as exc:
            return "forge_error", f"{type(exc).__name__}: {str(exc).splitlines()[0]}"
        except Exception as exc:
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            return "failure", f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]} ({frame.name})"
        finally:
            session.rollback()


def main() -> None:
    import tempfile

    os.environ.setdefault("RUCIO_CONFIG", _rucio_config())
    totals: Counter[str] = Counter()
    files: Counter[str] = Counter()
    folder = tempfile.mkdtemp(prefix="forge-sweep-")
    for package, modules in PACKAGES.items():
        try:
            models = models_of(package, modules)
        except ImportError as exc:
            print(f"{package}: not installed ({exc})")
            continue
        engine = _engine(models, package)
        outcomes: Counter[str] = Counter()
        for model in models:
            for seed in SEEDS:
                outcome, detail = check(model, engine, seed)
                outcomes[outcome] += 1
                if outcome != "valid" and seed == SEEDS[0]:
                    print(f"  {package} {model.__name__}: {outcome} {detail}")
                outcome, detail = exported(model, seed, folder)
                files[outcome] += 1
                if outcome != "valid" and seed == SEEDS[0]:
                    print(f"  {package} {model.__name__} to a file: {outcome} {detail}")
        _drop(engine, package)
        totals.update(outcomes)
        print(f"{package}: {len(models)} models, {dict(outcomes)}")
    runs = sum(totals.values())
    print(f"total {runs} model-seed runs: {dict(totals)}")
    print(f"saved valid: {totals['valid'] / max(runs, 1):.1%}; clear ForgeError: {totals['forge_error']}")
    print(f"written to JSON Lines: {dict(files)}; valid {files['valid'] / max(sum(files.values()), 1):.1%}")


def _rucio_config() -> str:
    """Rucio reads a configuration file when its models are imported: a minimal one."""
    import tempfile

    path = os.path.join(tempfile.mkdtemp(prefix="forge-rucio-"), "rucio.cfg")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[common]\nloglevel = ERROR\n[database]\ndefault = sqlite://\n")
    return path


if __name__ == "__main__":
    main()
