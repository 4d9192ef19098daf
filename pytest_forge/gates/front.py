"""The Forge's gate methods: ``classify`` and ``open_gates`` (a mixin)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from pytest_forge.forge import Forge
    from pytest_forge.gates.classify import Classification

__all__ = ["GateMethods"]


class GateMethods:
    """What the permission gates see in a model, and opening them for a while (docs/permission-gates.md)."""

    def classify(self, model: Any) -> Classification:
        """Each field's level (safe/sensitive/dangerous) by dotted path, and the model's (the highest)."""
        return cast("Forge", self)._gate.classify(model)

    def open_gates(
        self, *, allow_pii: bool = False, allow_dangerous: bool = False
    ) -> AbstractContextManager[None]:
        """``with forge.open_gates(allow_pii=True):`` this Forge also makes what the keywords open until
        the block ends (a fixture's or a single call's data, not the whole Forge's)."""
        return cast("Forge", self)._gate.opened(allow_pii=allow_pii, allow_dangerous=allow_dangerous)
