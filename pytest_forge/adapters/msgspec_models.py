"""msgspec Structs as ModelSpecs, validated by ``msgspec.convert`` (``Meta`` constraints included).

Fields are keyed by their encoded name (``rename=``), so a record is what msgspec would
decode; ``Annotated[int, Meta(ge=0)]`` is read like any other constraint metadata. A
refusal (``msgspec.ValidationError``, "... - at `$.age`") names the field at its path.
msgspec is an optional extra (``pip install pytest-forge[msgspec]``), imported only for Structs.
"""

from __future__ import annotations

import re
import typing
from typing import Any

from pytest_forge.adapters.annotations import resolve_annotation
from pytest_forge.adapters.kinds import is_msgspec_struct
from pytest_forge.spec import MISSING, FieldSpec, ModelSpec, Rejection, rejection_of_plain_error

__all__ = ["is_msgspec_struct", "msgspec_model_spec"]

_AT_PATH = re.compile(r"at `\$\.([^.`\[]+)")


def msgspec_model_spec(model: type[Any]) -> ModelSpec:
    """Describe a Struct's fields (``Meta`` constraints on their annotations)."""
    import msgspec

    hints = typing.get_type_hints(model, include_extras=True)
    fields = tuple(_field(info, hints.get(info.name, Any)) for info in msgspec.structs.fields(model))
    by_key = {str(f.input_path[0]): f.name for f in fields}

    def validate(data: dict[str, Any]) -> Any:
        return msgspec.convert(data, model)

    return ModelSpec(
        model=model,
        name=model.__name__,
        fields=fields,
        validate=validate,
        kind="msgspec",
        failing_fields=lambda exc: _read_refusal(exc, by_key),
        nests_as_input=True,
    )


def _field(info: Any, annotation: Any) -> FieldSpec:
    import msgspec

    default = MISSING if info.default is msgspec.NODEFAULT else info.default
    factory = None if info.default_factory is msgspec.NODEFAULT else info.default_factory
    return FieldSpec(
        name=info.name,
        type=resolve_annotation(annotation),
        input_path=(info.encode_name,),
        required=info.required,
        default=default,
        default_factory=factory,
    )


def _read_refusal(exc: BaseException, by_key: dict[str, str]) -> Rejection | None:
    import msgspec

    if not isinstance(exc, msgspec.ValidationError):
        return rejection_of_plain_error(exc)
    message = str(exc)
    found = _AT_PATH.search(message)
    field = by_key.get(found.group(1)) if found else None
    return Rejection({field: message} if field else {}, message)
