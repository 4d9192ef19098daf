"""Data coverage: ``forge.coverage`` (every value and edge), ``forge.invalid`` (one broken constraint
each), ``forge.strategy`` (Hypothesis) and ForgeDream (the gaps in what tests generated)."""

from __future__ import annotations
