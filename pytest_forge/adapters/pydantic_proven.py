"""A pydantic model's validation minus one check proven to change nothing: ``EmailStr``'s email-validator
call on an address already in the form it returns.

What it builds is pydantic-core's own path for a dict input (``ModelValidator`` → ``validate_construct``
→ ``ModelInstanceBuilder.construct_fresh``), step by step: the model's ``model-fields`` validator, run by
pydantic-core with the model's config, gives ``(fields, extra, fields_set)``; the instance is made by the
class's ``__new__`` (``create_class`` calls ``tp_new`` with no arguments) and gets ``__dict__``,
``__pydantic_extra__``, ``__pydantic_private__ = None`` and ``__pydantic_fields_set__``, in that order,
with the generic setattr (``force_setattr``). Nothing else happens there when the model has no custom
``__init__``, no ``model_post_init`` or private attributes (``post_init``), is no ``RootModel``, and has
no model validators (they wrap that node). Every field check, constraint, config option (strictness,
extra handling, string transforms, aliases) is still pydantic-core's own.

The one node changed is each ``EmailStr`` (``function-after(EmailStr._validate, str)``): its function
becomes :func:`_skipping`'s, which returns the address itself when :func:`is_normal_email` proves
``EmailStr._validate`` would return an equal string, and calls ``EmailStr._validate`` otherwise (the
same result or the same error). That check is ~17 µs of a ~20 µs User validation.

Why :func:`is_normal_email` is enough (pydantic 2 ``networks.validate_email``, email-validator 2):
the address is ASCII, at most 254 characters, ``local@domain`` with a lowercase dot-atom local part
of at most 64 characters (letters, digits, ``._+-`` between them) and a lowercase host name (labels of
letters and digits joined by single hyphens, at most 63 characters, dots between, ending in a letter
TLD) outside email-validator's ``SPECIAL_USE_DOMAIN_NAMES`` as they are at the call. Then pydantic's
length, CR/LF and display-name checks pass (no ``<``), ``strip`` changes nothing; ``split_email``
splits at the one ``@``; the local part matches ``DOT_ATOM_TEXT`` (kept as it is, already NFC and
lowercase, so the case-insensitive mailbox names change nothing; ``STRICT``'s 64 holds); the domain
passes the character, unsafe-character, UTS-46 (identity on ``[a-z0-9.-]``), dot-atom, ``xx--``,
label-length, period and TLD checks, is not special-use and holds no ``xn--``, so it is returned as
it is; the normalized address ``local + "@" + domain`` is the input, within 254 octets. Options
email-validator reads from its module (``ALLOW_*``, ``GLOBALLY_DELIVERABLE``, ``TEST_ENVIRONMENT``)
can only accept more such addresses, and pydantic passes ``check_deliverability=False``.

The builder falls back to the model's full validation for any error (the genuine error is raised),
and :func:`refusal` says why a model gets no such path; ``Forge(full_validation=True)`` turns it off.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["is_normal_email", "proven_validator", "refusal"]

#: the model node's keys whose meaning is mirrored (or that play no part for a dict input)
_MODEL_KEYS = frozenset(
    {"type", "cls", "schema", "config", "ref", "metadata", "serialization", "generic_origin", "frozen",
     "custom_init", "root_model", "revalidate_instances"}
)  # fmt: skip
#: schema nodes that run user code while validating (or that we do not mirror): they send a model
#: back to full validation, so a failed fast attempt can be validated again with no side effect
_USER_CODE = frozenset(
    {"function-before", "function-after", "function-wrap", "function-plain", "call", "dataclass",
     "dataclass-args", "generator", "arguments", "arguments-v3"}
)  # fmt: skip
#: keys under which a schema holds no validation (serializers, JSON schema hooks, computed fields)
_NOT_VALIDATION = frozenset({"metadata", "serialization", "computed_fields"})

_LOCAL = re.compile(r"[a-z0-9]+(?:[._+-][a-z0-9]+)*")
_DOMAIN = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*\.)+[a-z]+")
_MAX_LABEL = 63
_proven_domains: dict[str, list[str]] = {}  # domain → the special-use list it was checked against


def is_normal_email(value: str) -> bool:
    """True when ``EmailStr`` would return ``value`` itself (see the module docstring's proof)."""
    local, at, domain = value.rpartition("@")
    if not at or len(value) > 254 or len(local) > 64 or not _LOCAL.fullmatch(local):
        return False
    special = _email_validator().SPECIAL_USE_DOMAIN_NAMES
    if _proven_domains.get(domain) == special:
        return True
    if not _DOMAIN.fullmatch(domain) or any(len(label) > _MAX_LABEL for label in domain.split(".")):
        return False
    if any(domain == name or domain.endswith("." + name) for name in special):
        return False
    if len(_proven_domains) > 4096:
        _proven_domains.clear()
    _proven_domains[domain] = list(special)
    return True


def _email_validator() -> Any:
    return sys.modules.get("email_validator") or importlib.import_module("email_validator")


def _skipping(check: Callable[[str], str]) -> Callable[[str], str]:
    """``check`` (EmailStr's, taken from the schema node) skipped for addresses it returns as they
    are, while the functions the proof read are the ones it calls (none patched since)."""
    from pydantic import networks

    email_validator = _email_validator()
    read = (networks.validate_email, email_validator.validate_email)

    def email_or_check(value: str) -> str:
        if (
            networks.validate_email is read[0]
            and email_validator.validate_email is read[1]
            and is_normal_email(value)
        ):
            return value
        return check(value)

    return email_or_check


def refusal(model: Any) -> str | None:
    """Why ``model`` is validated in full (None: it has a proven path)."""
    import pydantic
    from pydantic import BaseModel
    from pydantic_core import SchemaValidator

    if not pydantic.VERSION.startswith("2."):
        return "pydantic 2 and email-validator 2 are the versions the email proof was read against"
    if type(getattr(model, "__pydantic_validator__", None)) is not SchemaValidator:
        return "its validator is not pydantic-core's own (a pydantic plugin, or not built yet)"
    if getattr(model.model_validate, "__func__", None) is not vars(BaseModel)["model_validate"].__func__:
        return "it overrides model_validate"
    if model.__new__ is not object.__new__:
        return "it defines __new__"
    schema = model.__pydantic_core_schema__
    if schema.get("type") != "model" or schema.get("cls") is not model:
        return f"its core schema is a {schema.get('type')!r} node (a model validator, or definitions)"
    odd = set(schema) - _MODEL_KEYS
    if odd:
        return f"its model schema has {sorted(odd)} (post-init or private attributes, model validators)"
    if schema.get("custom_init") or schema.get("root_model"):
        return "it has a custom __init__" if schema.get("custom_init") else "it is a RootModel"
    if schema["schema"].get("type") != "model-fields":
        return "a model validator (before or wrap) wraps its fields"
    user_code = _user_code(schema["schema"])
    if user_code:
        return f"its validation runs code of its own ({user_code})"
    if not _own_email_nodes(schema["schema"]):
        return "no field has a check to skip (it has no EmailStr field)"
    if not _email_validator_2():  # asked last: importing email-validator costs ~0.1 s
        return "pydantic 2 and email-validator 2 are the versions the email proof was read against"
    return None


def _email_validator_2() -> bool:
    try:
        import email_validator
    except ImportError:
        return False
    return str(getattr(email_validator, "__version__", "")).startswith("2.")


def proven_validator(model: Any) -> Callable[[dict[str, Any]], Any] | None:
    """``model.model_validate`` for a dict, built without the proven-idle email checks; None when
    :func:`refusal` gives a reason. Any error is answered by the full validation's own."""
    if refusal(model) is not None:
        return None
    from pydantic_core import SchemaValidator

    schema = model.__pydantic_core_schema__
    try:
        fields_validator = SchemaValidator(_swapped(schema["schema"]), schema.get("config"))
    except Exception:
        return None
    validate_fields = fields_validator.validate_python
    built_from = model.__pydantic_validator__
    full = model.model_validate
    new = object.__new__
    setattr_ = object.__setattr__

    def validate(data: dict[str, Any]) -> Any:
        if model.__pydantic_validator__ is not built_from:  # rebuilt since (model_rebuild)
            return full(data)
        try:
            fields, extra, fields_set = validate_fields(data)
        except Exception:
            return full(data)
        instance = new(model)
        setattr_(instance, "__dict__", fields)
        setattr_(instance, "__pydantic_extra__", extra)
        setattr_(instance, "__pydantic_private__", None)
        setattr_(instance, "__pydantic_fields_set__", fields_set)
        return instance

    return validate


def _is_email_node(node: dict[str, Any]) -> bool:
    from pydantic.networks import EmailStr

    function = node.get("function")
    return (
        node.get("type") == "function-after"
        and isinstance(function, dict)
        and function.get("type") == "no-info"
        and function.get("function") == EmailStr._validate  # type: ignore[attr-defined]
    )


def _walk(node: Any) -> Any:
    """Every schema node (a dict with a ``type``) under ``node``, not entering non-validation keys."""
    if isinstance(node, dict):
        if isinstance(node.get("type"), str):  # a schema node (a field named "type" maps to its schema)
            yield node
        for key, value in node.items():
            if key not in _NOT_VALIDATION:
                yield from _walk(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _walk(item)


def _own_email_nodes(node: Any) -> int:
    """How many EmailStr checks ``node`` runs itself (a nested model node runs its class's own
    validator, pydantic-core's prebuilt one, so its emails are not skipped)."""
    if isinstance(node, dict):
        if node.get("type") == "model":
            return 0
        if "type" in node and _is_email_node(node):
            return 1
        return sum(_own_email_nodes(v) for k, v in node.items() if k not in _NOT_VALIDATION)
    if isinstance(node, list | tuple):
        return sum(_own_email_nodes(item) for item in node)
    return 0


def _user_code(schema: dict[str, Any]) -> str | None:
    """The first node under ``schema`` that runs code of the model's own (EmailStr's check aside)."""
    for node in _walk(schema):
        kind = node["type"]
        if kind in _USER_CODE and not _is_email_node(node):
            function = node.get("function", {})
            inner = function.get("function") if isinstance(function, dict) else None
            return f"{kind} {getattr(inner, '__qualname__', '')}".strip()
        if kind == "model" and (set(node) - _MODEL_KEYS or node.get("custom_init")):
            return f"nested model {getattr(node.get('cls'), '__name__', '?')} with post-init or __init__"
    return None


def _swapped(node: Any) -> Any:
    """A copy of ``node`` whose EmailStr checks are wrapped by :func:`_skipping`."""
    if isinstance(node, dict):
        if "type" in node and _is_email_node(node):
            return {
                **node,
                "function": {"type": "no-info", "function": _skipping(node["function"]["function"])},
            }
        return {key: value if key in _NOT_VALIDATION else _swapped(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_swapped(item) for item in node]
    return node
