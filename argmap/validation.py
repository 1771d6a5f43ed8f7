"""Validation that every reader shares: pydantic's errors said in a map writer's words.

The native reader, the other formats' readers and the builder all validate map data
with the models; here a failure becomes located problems, so that each says the same
thing the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from argmap.errors import (
    InvalidMapError,
    Location,
    Problem,
    describe_value,
    short,
    validation_message,
)
from argmap.ids import ID_PATTERN, make_id
from argmap.models import (
    EXTRA_IS_JSON,
    FORMAT_VERSION,
    ArgumentMap,
    Claim,
    Evidence,
    Inference,
    Source,
)
from argmap.suggest import did_you_mean

Syntax = Literal["yaml", "json"]
"""The syntax of a map file: hints differ for YAML and JSON."""

ITEM_MODELS: dict[str, type[BaseModel]] = {
    "sources": Source,
    "claims": Claim,
    "evidence": Evidence,
    "inferences": Inference,
}
"""The model of each list of a map."""

ITEM_NAMES = {
    "sources": "source",
    "claims": "claim",
    "evidence": "evidence item",
    "inferences": "inference",
}
"""What one item of each list of a map is called in messages."""


def built_map(
    data: dict[str, Any], file: str, *, most: int = 100, extra_is_json: bool = False
) -> ArgumentMap:
    """Validate the map data a reader of another format built, as a guard.

    The readers build valid maps; should one not, the user gets an error naming what is
    wrong, not a pydantic traceback. ``extra_is_json``: the reader vouches that every
    ``extra`` holds only JSON (it built them from text), so they are not walked again.

    Raises:
        InvalidMapError: the data is not a valid map (at most ``most`` problems listed).
    """
    try:
        return ArgumentMap.model_validate(data, context={EXTRA_IS_JSON: extra_is_json})
    except ValidationError as err:
        raise InvalidMapError(
            [
                Problem(
                    "invalid-map", f"{'.'.join(map(str, e['loc']))}: {e['msg']}", Location(file)
                )
                for e in err.errors()[:most]
            ]
        ) from err


def translate_error(
    error: ErrorDetails,
    data: dict[str, Any],
    at: Callable[[tuple[str | int, ...]], Location | None],
    *,
    syntax: Syntax = "yaml",
) -> Problem:
    """Say a pydantic error in the words of someone who writes map files.

    ``data`` is what was validated (to name the item by its id), ``at`` finds where a
    path stands, ``syntax`` is the file's (hints differ for YAML and JSON).
    """
    loc = tuple(error["loc"])
    item = _item_label(loc, data)
    failed = _Failed(
        error=error,
        loc=loc,
        value=error.get("input"),
        ctx=error.get("ctx") or {},
        field=next((str(part) for part in reversed(loc) if isinstance(part, str)), ""),
        item=item,
        where=f" of {item}" if item else "",
        syntax=syntax,
    )
    handler = _HANDLERS.get(error["type"])
    said = (handler(failed) if handler is not None else None) or _said_as_pydantic(failed)
    at_loc = loc if said.loc is None else said.loc
    return Problem(said.code, said.message, at(at_loc), hint=said.hint, path=at_loc)


@dataclass(frozen=True)
class _Failed:
    """A pydantic error and what its message needs: the field, the item, the syntax."""

    error: ErrorDetails
    loc: tuple[str | int, ...]
    value: Any
    ctx: dict[str, Any]
    field: str
    item: str
    where: str
    syntax: Syntax


@dataclass(frozen=True)
class _Said:
    """What a problem says; ``loc`` only when it stands elsewhere than the error."""

    code: str
    message: str
    hint: str | None = None
    loc: tuple[str | int, ...] | None = None


def _said_as_pydantic(f: _Failed) -> _Said:
    msg = f.error["msg"]
    return _Said("wrong-type", f"`{f.field}`{f.where}: {msg}" if f.field else str(msg))


def _missing(f: _Failed) -> _Said:
    message = f"{f.item} has no `{f.field}`" if f.item else f"`{f.field}` is missing"
    return _Said("missing-field", message, loc=f.loc[:-1])


def _unknown_field(f: _Failed) -> _Said:
    field, loc = f.field, f.loc
    allowed = list(_model_at(loc[:-1]).model_fields)
    message = f"unknown field `{short(field)}`" + (f" in {f.item}" if f.item else "")
    owners = [ITEM_NAMES[name] for name, m in ITEM_MODELS.items() if field in m.model_fields]
    hint = did_you_mean(field, allowed)
    if owners and len(loc) > 2:
        hint = f"only {' and '.join(f'{o}s' for o in owners)} have `{field}`"
    elif hint is None and f.syntax == "yaml" and not field.replace("-", "_").isidentifier():
        hint = "is this the rest of a text that holds a comma? put the whole text in quotes"
    elif hint is None:
        hint = "the fields are " + ", ".join(f"`{name}`" for name in allowed)
    return _Said("unknown-field", message, hint)


def _pattern_mismatch(f: _Failed) -> _Said:
    if f.ctx.get("pattern") != ID_PATTERN:
        return _Said("empty-text", f"`{f.field}`{f.where} is blank")
    value = str(f.value)
    fixed = make_id(value.strip(), fallback="my_id")
    return _Said(
        "invalid-id",
        f"`{short(value)}` is not a valid id",
        f"ids use letters, digits, `_` and `-`: try `{short(fixed)}`",
    )


def _too_long(f: _Failed) -> _Said:
    limit = f.ctx.get("max_length")
    return _Said("invalid-id", f"the id{f.where} is too long (at most {limit} characters)")


def _not_text(f: _Failed) -> _Said:
    what = f"each of `{f.field}`" if isinstance(f.loc[-1], int) else f"`{f.field}`"
    message = f"{what}{f.where} must be text, not {describe_value(f.value)}"
    hint = None
    if isinstance(f.value, int | float | bool):
        quoted = f'"{_yaml_scalar(f.value)}"'
        hint = f"write it as text, in quotes: `{quoted}`"
    return _Said("wrong-type", message, hint)


def _not_list(f: _Failed) -> _Said:
    field, value = f.field, f.value
    message = f"`{field}`{f.where} must be a list, not {describe_value(value)}"
    hint = None
    if isinstance(value, str):
        hint = (
            f"write `{field}: [{short(value)}]`"
            if f.syntax == "yaml"
            else f'write `"{field}": ["{short(value)}"]`'
        )
    return _Said("wrong-type", message, hint)


def _too_short(f: _Failed) -> _Said | None:
    if f.field != "premises":
        return None
    return _Said(
        "empty-premises",
        f"{f.item or 'this inference'} has no premises",
        "an inference needs at least one premise",
    )


def _not_bool(f: _Failed) -> _Said:
    return _Said(
        "wrong-type", f"`{f.field}`{f.where} must be true or false, not `{short(str(f.value))}`"
    )


def _not_a_choice(f: _Failed) -> _Said:
    expected = str(f.ctx.get("expected", ""))
    choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
    value = str(f.value)
    return _Said(
        "invalid-value",
        f"`{f.field}`{f.where} must be one of {', '.join(choices)}; not `{short(value)}`",
        did_you_mean(value, choices),
    )


def _other_version(f: _Failed) -> _Said | None:
    if f.loc != ("argmap",):
        return None
    value = f.value
    newer = isinstance(value, int) and value > FORMAT_VERSION
    return _Said(
        "unsupported-version",
        f"this is format version `{short(str(value))}`; this argmap reads version {FORMAT_VERSION}",
        "upgrade argmap" if newer else f"write `argmap: {FORMAT_VERSION}`",
    )


def _not_a_mapping(f: _Failed) -> _Said:
    found = describe_value(f.value)
    if len(f.loc) == 2:
        return _Said(
            "wrong-type", f"each item of `{f.loc[0]}` must be a mapping of fields, not {found}"
        )
    return _Said("wrong-type", f"`{f.field}` must be a mapping, not {found}")


def _invalid_value(f: _Failed) -> _Said:
    message = validation_message(f.error)
    return _Said("invalid-value", f"{f.item}: {message}" if f.item else message)


_HANDLERS: dict[str, Callable[[_Failed], _Said | None]] = {
    "missing": _missing,
    "extra_forbidden": _unknown_field,
    "string_pattern_mismatch": _pattern_mismatch,
    "string_too_long": _too_long,
    "string_type": _not_text,
    "list_type": _not_list,
    "too_short": _too_short,
    "bool_type": _not_bool,
    "bool_parsing": _not_bool,
    "enum": _not_a_choice,
    "literal_error": _other_version,
    "model_type": _not_a_mapping,
    "dict_type": _not_a_mapping,
    "model_attributes_type": _not_a_mapping,
    "value_error": _invalid_value,
}
"""How each kind of pydantic error is said; a handler that returns None leaves it to
pydantic's own message (e.g. ``too_short`` of anything but ``premises``)."""


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel]:
    if len(loc) >= 2 and loc[0] in ITEM_MODELS:
        return ITEM_MODELS[str(loc[0])]
    return ArgumentMap


def _item_label(loc: tuple[str | int, ...], data: dict[str, Any]) -> str:
    """Name the item an error is in, e.g. "claim `peasant_revolt`" or "claims[3]"."""
    if len(loc) < 2 or loc[0] not in ITEM_NAMES or not isinstance(loc[1], int):
        return ""
    items = data.get(str(loc[0]))
    item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
    ident = item.get("id") if isinstance(item, dict) else None
    if isinstance(ident, str):
        return f"{ITEM_NAMES[str(loc[0])]} `{short(ident)}`"
    return f"{loc[0]}[{loc[1]}]"


def _yaml_scalar(value: int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) and not math.isfinite(value) else str(value)
