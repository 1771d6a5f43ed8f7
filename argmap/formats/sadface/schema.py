"""The foreign schema: what a SADFace document must look like to be read at all, and the
located problems of one that does not."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, JsonValue, ValidationError
from pydantic_core import ErrorDetails

from argmap.errors import InvalidMapError, Location, Problem, describe_value, short
from argmap.formats.json_loader import JsonItemPositions, load_json
from argmap.formats.positions import MAX_DEPTH
from argmap.formats.sadface.common import Path_
from argmap.models import path_to_str

_EXAMPLES = "a SADFace document is a JSON object with `metadata`, `resources`, `nodes` and `edges`"


# The foreign schema: what a SADFace document must look like to be read at all.


class _Foreign(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)


class _Edge(_Foreign):
    id: str
    source_id: str
    target_id: str


class _SourceEntry(_Foreign):
    resource_id: str
    text: str
    offset: int | None = None
    length: int | None = None


class _Node(_Foreign):
    id: str
    type: str
    text: str | None = None
    name: str | None = None
    sources: list[_SourceEntry] = []
    metadata: dict[str, JsonValue] = {}


class _Resource(_Foreign):
    id: str
    content: str | None = None
    type: str | None = None
    metadata: dict[str, JsonValue] = {}


class _Core(_Foreign):
    id: str | None = None
    title: str | None = None
    description: str | None = None
    claim: str | None = None
    version: str | None = None
    created: str | None = None
    edited: str | None = None
    analyst_name: str | None = None
    analyst_email: str | None = None
    notes: str | None = None


class _Document(_Foreign):
    nodes: list[_Node]
    edges: list[_Edge]
    resources: list[_Resource] = []
    metadata: dict[str, dict[str, JsonValue]] = {}


_TOP_LEVEL = ("nodes", "edges", "resources", "metadata")


def _parse(text: str, name: str, positions: JsonItemPositions) -> Any:
    if not text.strip():
        raise InvalidMapError(
            Problem("empty-file", "the file is empty", Location(name), hint=_EXAMPLES)
        )
    data, _, problems = load_json(text)
    if problems:
        raise InvalidMapError(
            [
                Problem(p.code, p.message, Location(name, *_line_col(p.location)), hint=p.hint)
                for p in problems
            ]
        )
    wrong = _unusable(data)
    if wrong is not None:
        path, problem = wrong
        found = positions.locate(path)
        raise InvalidMapError(
            Problem(
                problem.code,
                problem.message,
                Location(name, *(found or (None, None))),
                hint=problem.hint,
                path=path,
            )
        )
    return data


def _line_col(location: Location | None) -> tuple[int | None, int | None]:
    return (None, None) if location is None else (location.line, location.column)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unusable(data: Any) -> tuple[Path_, Problem] | None:
    """The first container nested more than MAX_DEPTH deep, or text holding a lone surrogate
    escape such as ``\\ud800`` (JSON allows it; it is no character, and no text may hold it)."""
    stack: list[tuple[Any, Path_]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) >= MAX_DEPTH:
            message = f"the data is nested more than {MAX_DEPTH} levels deep"
            return path, Problem("too-deep", message)
        if isinstance(value, dict):
            items: Any = value.items()
        elif isinstance(value, list):
            items = enumerate(value)
        else:
            items = [(None, value)]
        for key, item in items:
            if (isinstance(key, str) and _SURROGATE.search(key)) or (
                isinstance(item, str) and _SURROGATE.search(item)
            ):
                where = path if key is None else (*path, key)
                return where, Problem(
                    "invalid-text",
                    "the text holds a lone surrogate escape (`\\ud800` to `\\udfff`), "
                    "which is not a character",
                    hint="remove it, or write the whole character (a pair of escapes)",
                )
            if key is not None and isinstance(item, dict | list):
                stack.append((item, (*path, key)))
    return None


def _validate(
    data: Any, at: Callable[[Sequence[str | int]], Location]
) -> tuple[_Document, dict[str, Any], str]:
    """Check the document's shape; return it, its core metadata and its layout ("0.1", "0.2")."""
    if not isinstance(data, dict):
        raise InvalidMapError(
            Problem(
                "not-a-map",
                f"a SADFace document is a JSON object, but this file holds {_describe(data)}",
                at(()),
                hint=_EXAMPLES,
            )
        )
    problems: list[Problem] = []
    nodes = data.get("nodes")
    first = nodes[0] if isinstance(nodes, list) and nodes else None
    if "locutions" in data or (isinstance(first, dict) and "nodeID" in first):
        raise InvalidMapError(
            Problem(
                "not-sadface",
                "this is AIF (nodes with `nodeID`s, locutions), not SADFace",
                at(()),
                hint="read it with `--format aif`",
            )
        )
    if "nodes" not in data and "edges" not in data:
        hint = _EXAMPLES
        if "argmap" in data or "claims" in data:
            hint = "this looks like argmap's own JSON: give the file the suffix `.json`"
        raise InvalidMapError(
            Problem("not-sadface", "the file has no `nodes` and no `edges`", at(()), hint=hint)
        )
    metadata = data.get("metadata")
    core: Any = {}
    core_path: Path_ = ("metadata", "core")
    layout = "0.2"
    if isinstance(metadata, dict) and "core" in metadata:
        core = metadata["core"]
    elif any(key in data for key in ("id", "created", "edited", "analyst_name", "version")):
        layout, core_path = "0.1", ()
        core = {k: v for k, v in data.items() if k not in _TOP_LEVEL}
    doc: _Document | None = None
    try:
        doc = _Document.model_validate(data)
    except ValidationError as err:
        problems += [_problem(e, (), data, at) for e in err.errors(include_url=False)]
    if isinstance(core, dict):
        try:
            _Core.model_validate(core)
        except ValidationError as err:
            problems += [_problem(e, core_path, data, at) for e in err.errors(include_url=False)]
    problems += _duplicate_ids(data, at)
    if problems or doc is None:
        raise InvalidMapError(sorted(problems, key=_order))
    assert isinstance(core, dict)
    return doc, core, layout


def _order(problem: Problem) -> tuple[int, int]:
    loc = problem.location
    return (loc.line or 0, loc.column or 0) if loc is not None else (0, 0)


def _duplicate_ids(
    data: dict[str, Any], at: Callable[[Sequence[str | int]], Location]
) -> list[Problem]:
    problems = []
    for collection in ("nodes", "edges", "resources"):
        items = data.get(collection)
        if not isinstance(items, list):
            continue
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str):
                continue
            if ident in first:
                where = at((collection, first[ident]))
                problems.append(
                    Problem(
                        "duplicate-id",
                        f"{_SINGULAR[collection]} `{short(ident)}` is defined twice "
                        f"(first at line {where.line})",
                        at((collection, i, "id")),
                        hint=f"each {_SINGULAR[collection]} needs an id of its own",
                    )
                )
            else:
                first[ident] = i
    return problems


_SINGULAR = {"nodes": "node", "edges": "edge", "resources": "resource", "sources": "source entry"}
_FIELD_HINTS = {
    "nodes": "a node has `id`, `type` (`atom` or `scheme`), and `text` or `name`",
    "edges": "an edge has `id`, `source_id` and `target_id`",
    "resources": "a resource has `id`, `content`, `type` and `metadata`",
    "sources": "a source entry has `resource_id`, `text`, `offset` and `length`",
}


def _describe(value: Any) -> str:
    return describe_value(value, none="null")  # JSON's word for None


def _label(loc: Path_, data: Any) -> str:
    """Name the item at ``loc``, e.g. "edge `e3`" or "nodes[2].sources[0]"."""
    if not loc:
        return "the document"
    if len(loc) >= 2 and loc[0] in _SINGULAR and isinstance(loc[1], int):
        items = data.get(loc[0]) if isinstance(data, dict) else None
        item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
        ident = item.get("id") if isinstance(item, dict) else None
        if len(loc) == 2 and isinstance(ident, str):
            return f"{_SINGULAR[str(loc[0])]} `{short(ident)}`"
    return f"`{path_to_str(loc)}`"


def _problem(
    error: ErrorDetails, prefix: Path_, data: Any, at: Callable[[Sequence[str | int]], Location]
) -> Problem:
    loc = (*prefix, *error["loc"])
    kind = error["type"]
    value = error.get("input")
    field_name = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    collection = next(
        (str(p) for p in reversed(loc) if isinstance(p, str) and p in _FIELD_HINTS), ""
    )
    hint = _FIELD_HINTS.get(collection)
    if kind == "missing":
        owner = loc[:-1]
        return Problem(
            "missing-field",
            f"{_label(owner, data)} has no `{field_name}`",
            at(owner),
            hint=hint,
            path=loc,
        )
    where = f"`{path_to_str(loc)}`" if loc else "the document"
    if kind == "string_type":
        message = f"{where} must be text, not {_describe(value)}"
    elif kind == "int_type":
        message = f"{where} must be a whole number, not {_describe(value)}"
    elif kind == "list_type":
        message = f"{where} must be a list, not {_describe(value)}"
        hint = f'write `"{field_name}": [...]`'
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = f"{where} must be a mapping (a JSON object), not {_describe(value)}"
    else:
        message = f"{where}: {error['msg']}"
    return Problem("wrong-type", message, at(loc), hint=hint, path=loc)
