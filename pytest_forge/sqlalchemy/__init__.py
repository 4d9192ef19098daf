"""SQLAlchemy (and SQLModel table models) beyond the adapter: saving through the user's session."""

from __future__ import annotations

from pytest_forge.sqlalchemy.session import SessionPersistence

__all__ = ["SessionPersistence"]
