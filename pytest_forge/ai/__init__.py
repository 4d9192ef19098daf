"""The AI layer: realistic free text from any LLM through litellm, batched, cached and accounted.

Only fields whose tier is ``semantic`` are written by the LLM, one structured request per chunk
of records covering all of a model's semantic fields. Importing this package is cheap: litellm is
imported lazily by :mod:`pytest_forge.ai.client`, and never when AI is off or in CI mode.
"""

from __future__ import annotations

from pytest_forge.ai.notices import ForgeAIWarning

__all__ = ["ForgeAIWarning"]
