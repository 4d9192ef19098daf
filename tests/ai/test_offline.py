"""Law 3 and 4: CI mode and use_ai=False never open a socket, and never import litellm."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from pytest_forge import Forge
from tests.ai.conftest import MODEL, Review


def test_ci_mode_opens_no_socket_even_with_a_model_configured(no_sockets, tmp_path):
    forge = Forge(
        3, ci=True, model=MODEL, api_key="sk-x", cache_dir=str(tmp_path / "absent"), use_cache=False
    )
    assert len(forge.create_batch(Review, count=5)) == 5
    assert no_sockets == []


def test_use_ai_false_opens_no_socket(no_sockets):
    Forge(3, use_ai=False).create_batch(Review, count=5)
    assert no_sockets == []


def test_ai_off_never_imports_litellm_and_its_import_is_offline():
    script = textwrap.dedent(
        """
        import os, socket, sys
        attempts = []
        def refuse(self, address):
            attempts.append(address)
            raise OSError("offline")
        socket.socket.connect = refuse
        from pytest_forge import Forge
        from tests.ai.conftest import Review
        Forge(1, use_ai=False).create_batch(Review, count=3)
        Forge(1, ci=True, model="openai/x").create_batch(Review, count=3)
        assert "litellm" not in sys.modules, "litellm imported with AI off"
        from pytest_forge.ai.client import import_litellm
        import_litellm()
        assert attempts == [], attempts
        assert os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] == "True"
        assert os.environ["LITELLM_MODE"] == "PRODUCTION"
        print("ok")
        """
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LITELLM_", "FORGE_"))}
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=120,
        check=False,
    )
    assert done.stdout.strip().endswith("ok"), done.stderr[-2000:]
