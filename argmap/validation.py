"""Validation that every reader shares: pydantic's errors said in a map writer's words.

The native reader, the other formats' readers and the builder all validate map data
with the models; here a failure becomes located problems, so that each says the same
thing the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable
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
from argmap.models import (
    EXTRA_IS_JSON,
    FORMAT_VERSION,
    ID_PATTERN,
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
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    item = _item_label(loc, data)
    where = f" of {item}" if item else ""
    hint: str | None = None
    code = "wrong-type"

    if kind == "missing":
        code = "missing-field"
        message = f"{item} has no `{field}`" if item else f"`{field}` is missing"
        loc = loc[:-1]
    elif kind == "extra_forbidden":
        code = "unknown-field"
        allowed = list(_model_at(loc[:-1]).model_fields)
        message = f"unknown field `{short(field)}`" + (f" in {item}" if item else "")
        owners = [ITEM_NAMES[name] for name, m in ITEM_MODELS.items() if field in m.model_fields]
        hint = did_you_mean(field, allowed)
        if owners and len(loc) > 2:
            hint = f"only {' and '.join(f'{o}s' for o in owners)} have `{field}`"
        elif hint is None and syntax == "yaml" and not field.replace("-", "_").isidentifier():
            hint = "is this the rest of a text that holds a comma? put the whole text in quotes"
        elif hint is None:
            hint = "the fields are " + ", ".join(f"`{name}`" for name in allowed)
    elif kind == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN:
        code = "invalid-id"
        message = f"`{short(str(value))}` is not a valid id"
        fixed = "".join(c if c.isalnum() or c in "_-" else "_" for c in str(value).strip())
        fixed = fixed.lstrip("-") or "my_id"
        hint = f"ids use letters, digits, `_` and `-`: try `{short(fixed)}`"
    elif kind == "string_pattern_mismatch":
        code = "empty-text"
        message = f"`{field}`{where} is blank"
    elif kind == "string_too_long":
        code = "invalid-id"
        message = f"the id{where} is too long (at most {ctx.get('max_length')} characters)"
    elif kind == "string_type":
        in_list = isinstance(loc[-1], int)
        what = f"each of `{field}`" if in_list else f"`{field}`"
        message = f"{what}{where} must be text, not {describe_value(value)}"
        if isinstance(value, int | float | bool):
            quoted = f'"{_yaml_scalar(value)}"'
            hint = f"write it as text, in quotes: `{quoted}`"
    elif kind in ("list_type",):
        message = f"`{field}`{where} must be a list, not {describe_value(value)}"
        if isinstance(value, str):
            hint = (
                f"write `{field}: [{short(value)}]`"
                if syntax == "yaml"
                else f'write `"{field}": ["{short(value)}"]`'
            )
    elif kind == "too_short" and field == "premises":
        code = "empty-premises"
        message = f"{item or 'this inference'} has no premises"
        hint = "an inference needs at least one premise"
    elif kind in ("bool_type", "bool_parsing"):
        message = f"`{field}`{where} must be true or false, not `{short(str(value))}`"
    elif kind == "enum":
        code = "invalid-value"
        expected = str(ctx.get("expected", ""))
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
        message = f"`{field}`{where} must be one of {', '.join(choices)}; not `{short(str(value))}`"
        hint = did_you_mean(str(value), choices)
    elif kind == "literal_error" and loc == ("argmap",):
        code = "unsupported-version"
        message = (
            f"this is format version `{short(str(value))}`; "
            f"this argmap reads version {FORMAT_VERSION}"
        )
        newer = isinstance(value, int) and value > FORMAT_VERSION
        hint = "upgrade argmap" if newer else f"write `argmap: {FORMAT_VERSION}`"
    elif kind in ("model_type", "dict_type", "model_attributes_type"):
        message = (
            (f"each item of `{loc[0]}` must be a mapping of fields, not {describe_value(value)}")
            if len(loc) == 2
            else (f"`{field}` must be a mapping, not {describe_value(value)}")
        )
    elif kind == "value_error":
        code = "invalid-value"
        message = validation_message(error)
        if item:
            message = f"{item}: {message}"
    else:
        message = f"`{field}`{where}: {error['msg']}" if field else str(error["msg"])
    return Problem(code, message, at(loc), hint=hint, path=loc)


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
