"""litellm's offline switches, set before it is first imported.

At import litellm would otherwise download its model price map (and, on first use, Anthropic
beta headers and blog posts) from GitHub, and in its default ``DEV`` mode load a ``.env`` file
from the working directory into ``os.environ``. Tokenizers need nothing here: litellm points
``TIKTOKEN_CACHE_DIR`` at the copy it ships. A user's own explicit values are respected.
"""

from __future__ import annotations

import os
import sys

__all__ = ["OFFLINE_SWITCHES", "apply_offline_switches"]

OFFLINE_SWITCHES = {
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS": "True",
    "LITELLM_LOCAL_BLOG_POSTS": "True",
    "LITELLM_LOCAL_AUTOROUTER_PRESETS": "True",
    "LITELLM_LOCAL_POLICY_TEMPLATES": "True",
    "LITELLM_MODE": "PRODUCTION",
}


def apply_offline_switches() -> bool:
    """Set the switches not already set; True when litellm was not imported yet (so they count)."""
    for name, value in OFFLINE_SWITCHES.items():
        os.environ.setdefault(name, value)
    return "litellm" not in sys.modules
