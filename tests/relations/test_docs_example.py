"""The worked example of docs/relationships.md runs and its assertions hold."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

DOC = Path(__file__).resolve().parents[2] / "docs" / "relationships.md"


def test_the_worked_example_and_the_swarm_example_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(), flags=re.DOTALL)
    module = types.ModuleType("relationships_doc_example")
    sys.modules[module.__name__] = module  # pydantic resolves the example's annotations through it
    try:
        exec(compile("\n".join(blocks[:2]), str(DOC), "exec"), module.__dict__)
    finally:
        del sys.modules[module.__name__]
    assert len(module.__dict__["orders"]) == 100
