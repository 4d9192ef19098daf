"""Export and load: JSON, JSON Lines, CSV, SQL per dialect, streams and real databases.

Values are encoded as pydantic's ``model_dump_json`` encodes them; files are written
atomically; databases are loaded in one transaction. SQLAlchemy is imported only
when SQL or a database is asked for.
"""

from __future__ import annotations

from pytest_forge.export.exporter import DataExporter
from pytest_forge.export.loading import load_models, to_database
from pytest_forge.export.stream import create_stream, generate_chunks

__all__ = ["DataExporter", "create_stream", "generate_chunks", "load_models", "to_database"]
