"""pytest glue for pytest-forge (options, markers, header, hooks)."""

from __future__ import annotations
