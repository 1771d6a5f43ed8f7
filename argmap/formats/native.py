"""argmap's own file format: the models as YAML or JSON, read with located errors.

Examples:
    >>> amap = loads("argmap: 1\\ntitle: T\\nclaims:\\n  - {id: a, text: A.}\\n", "yaml")
    >>> amap.claims[0].text
    'A.'
    >>> print(dumps(amap, "yaml"), end="")
    argmap: 1
    title: T
    claims:
    - id: a
      text: A.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from argmap.errors import (
    InvalidMapError,
    Location,
    MapFileError,
    Problem,
    describe_value,
    short,
)
from argmap.files import MAX_BYTES, read_text, write_text_atomic
from argmap.formats.json_loader import JsonItemPositions, load_json
from argmap.formats.yaml_loader import parse_yaml, resolve_plain
from argmap.gcpause import gc_paused
from argmap.models import (
    DEFER_INTEGRITY,
    EXTRA_IS_JSON,
    ArgumentMap,
    Inference,
    Origin,
    PositionIndex,
    integrity_problems,
)
from argmap.validation import ITEM_MODELS, translate_error

NativeFormat = Literal["yaml", "json"]


def loads(
    text: str,
    format: NativeFormat,
    *,
    file: str | Path | None = None,
    allow_outside_sources: bool = False,
) -> ArgumentMap:
    """Parse a map from YAML or JSON text.

    Relative source paths are read from the folder of ``file`` (default: the
    current folder), which also names the file in error messages. Source files must lie
    in that folder or below it, or in its project, unless ``allow_outside_sources``.

    Raises:
        InvalidMapError: with every problem in the text, each located.
    """
    name = str(file) if file is not None else f"<{format}>"
    # One pause for parsing and building, and the parsed data let go inside it: the
    # collector's first round afterwards then walks the map alone (see argmap.gcpause).
    with gc_paused():
        data, positions, problems = _parse(text, format)
        located = [_with_file(p, name) for p in problems]
        if any(p.code in _FATAL for p in problems):
            raise InvalidMapError(located)
        foreign = _foreign_format(data)
        if foreign is not None:
            raise InvalidMapError(
                Problem(
                    "other-format",
                    f"this is not an argmap map but, it seems, {foreign[1]}",
                    Location(name, 1, 1),
                    hint=f"read it with `--from {foreign[0]}` (in Python: "
                    f'`argmap.read(path, format="{foreign[0]}")`), or `argmap convert` it',
                )
            )
        origin = Origin(
            Path(name) if file is None else Path(file), positions, allow_outside_sources
        )
        amap, more = _build(data, origin, format)
        del data
    located += more
    if located:
        raise InvalidMapError(sorted(located, key=_order))
    assert amap is not None
    return amap


def _foreign_format(data: Any) -> tuple[str, str] | None:
    """The format of another tool that a document plainly is, to say so; never to read it."""
    if not isinstance(data, dict) or "claims" in data or "title" in data:
        return None
    if isinstance(data.get("AIF"), dict) or ("nodes" in data and "edges" in data):
        metadata = data.get("metadata")
        if isinstance(metadata, dict) and "core" in metadata:
            return "sadface", "a SADFace document"
        return "aif", "an AIF document (AIFdb or OVA)"
    return None


def read(
    path: str | Path,
    format: NativeFormat,
    *,
    max_bytes: int = MAX_BYTES,
    allow_outside_sources: bool = False,
) -> ArgumentMap:
    """Read a map file; see :func:`loads`."""
    text = read_text(path, max_bytes=max_bytes)
    return loads(text, format, file=path, allow_outside_sources=allow_outside_sources)


def dumps(amap: ArgumentMap, format: NativeFormat) -> str:
    """Write a map as YAML or JSON text that :func:`loads` reads back unchanged."""
    data = {"argmap": amap.argmap, **amap.model_dump(mode="json", exclude_defaults=True)}
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def write(amap: ArgumentMap, path: str | Path, format: NativeFormat) -> None:
    """Write a map file atomically; see :func:`dumps`.

    Relative source paths are rewritten to lead from the new file's folder to the same
    texts, so a map written elsewhere still finds its sources.

    Raises:
        InvalidMapError: the map's ids or references went wrong after it was built (its
            lists were changed); a file that cannot be read back is not written.
    """
    problems = integrity_problems(amap)  # the map may have changed since it was built
    if problems:
        raise InvalidMapError(problems)
    write_text_atomic(path, dumps(rebase_sources(amap, Path(path).parent), format))


def rebase_sources(amap: ArgumentMap, folder: Path) -> ArgumentMap:
    """Return the map with relative source paths leading from ``folder`` to the same files.

    Examples:
        >>> from argmap.models import Source
        >>> amap = ArgumentMap(title="T", sources=[Source(id="s", title="S", path="t.txt")])
        >>> amap = amap._attach(Origin(Path("maps/m.yaml")))
        >>> rebase_sources(amap, Path("out")).sources[0].path
        '../maps/t.txt'
    """
    base = amap.base_dir
    if base is None or not any(s.path and not Path(s.path).is_absolute() for s in amap.sources):
        return amap
    sources = []
    for source in amap.sources:
        if source.path and not Path(source.path).is_absolute():
            moved = os.path.relpath(os.path.abspath(base / source.path), os.path.abspath(folder))
            source = source.model_copy(update={"path": Path(moved).as_posix()})
        sources.append(source)
    return amap.model_copy(update={"sources": sources})


# Parsing

_FATAL = frozenset({"syntax-error", "too-deep", "alias-bomb"})


def _parse(text: str, format: NativeFormat) -> tuple[Any, PositionIndex | None, list[Problem]]:
    if format == "yaml":
        data, yaml_positions, problems = parse_yaml(text)
        if any(p.code in _FATAL for p in problems):
            return None, None, problems
        return data, yaml_positions, problems
    if not text.strip():
        return None, None, []  # an empty file: _build says so
    data, positions, problems = load_json(text, items=True)
    if data is None and problems:
        return None, None, problems
    if positions is not None:  # worked out to locate repeated keys
        return data, positions, problems
    return data, JsonItemPositions(text), problems  # (worked out on the first look-up)


def _with_file(problem: Problem, file: str) -> Problem:
    location = problem.location or Location(None)
    return replace(problem, location=replace(location, file=file))


def _order(problem: Problem) -> tuple[int, int]:
    loc = problem.location
    return (loc.line or 0, loc.column or 0) if loc is not None else (0, 0)


# Validation


def _build(
    data: Any, origin: Origin, syntax: NativeFormat
) -> tuple[ArgumentMap | None, list[Problem]]:
    def at(path: tuple[str | int, ...]) -> Location:
        return origin.location(path)

    def line_of(path: tuple[str | int, ...]) -> str:
        return f"line {at(path).line}"

    if data is None:
        return None, [
            Problem(
                "empty-file",
                "the file holds no map",
                at(()),
                hint="start with `argmap: 1` and `title: ...`",
            )
        ]
    if not isinstance(data, dict):
        found = describe_value(data)
        return None, [
            Problem(
                "not-a-map",
                f"a map file holds a mapping of fields (`argmap`, `title`, `claims`, "
                f"...), but this one holds {found}",
                at(()),
                hint="see `argmap schema` for the format",
            )
        ]

    problems: list[Problem] = []
    try:
        amap = ArgumentMap.model_validate(
            data, context={DEFER_INTEGRITY: True, EXTRA_IS_JSON: syntax == "json"}
        )
    except ValidationError as err:
        failed: dict[str, set[int]] = {name: set() for name in ITEM_MODELS}
        for error in err.errors(include_url=False):
            problems.append(translate_error(error, data, at, syntax=syntax))
            loc = error["loc"]
            if len(loc) >= 2 and loc[0] in failed and isinstance(loc[1], int):
                failed[str(loc[0])].add(loc[1])
        partial, known_ids = _partial_map(data, failed)
        problems += _reference_problems(partial, origin, line_of, known_ids)
        return None, problems
    amap._attach(origin)
    problems += _reference_problems(amap, origin, line_of, frozenset())
    return (amap if not problems else None), problems


def _partial_map(
    data: dict[str, Any], failed: dict[str, set[int]]
) -> tuple[ArgumentMap, frozenset[str]]:
    """The map as far as it validated, so that its references can be checked too.

    An item that failed validation stands in with the fields that are valid on their
    own, so that its references are still checked; one without a valid id (or, for an
    inference, without a valid conclusion) is None, and its id is returned
    as known, so that nothing is reported as undefined only because of it.
    """
    lists: dict[str, list[Any]] = {}
    known: set[str] = set()
    for name, model in ITEM_MODELS.items():
        raw = data.get(name)
        items: list[Any] = []
        if isinstance(raw, list):
            for i, item in enumerate(raw):
                if i in failed[name]:
                    stand_in = _stand_in(model, item)
                    items.append(stand_in)
                    if (
                        stand_in is None
                        and isinstance(item, dict)
                        and isinstance(item.get("id"), str)
                    ):
                        known.add(item["id"])
                    continue
                try:
                    items.append(model.model_validate(item))
                except ValidationError:  # e.g. the whole list had the wrong type
                    items.append(None)
        lists[name] = items
    thesis = data.get("thesis")
    partial = ArgumentMap.model_construct(
        title="",
        thesis=thesis if isinstance(thesis, str) else None,
        sources=lists["sources"],
        claims=lists["claims"],
        evidence=lists["evidence"],
        inferences=lists["inferences"],
    )
    return partial, frozenset(known)


_NEEDED = {
    "sources": ("id",),
    "claims": ("id",),
    "evidence": ("id",),
    "inferences": ("id", "conclusion"),
}
_field_adapters: dict[tuple[type[BaseModel], str], TypeAdapter[Any]] = {}


def _stand_in(model: type[BaseModel], item: Any) -> BaseModel | None:
    """A model of the fields of ``item`` that are valid on their own, or None."""
    if not isinstance(item, dict):
        return None
    fields: dict[str, Any] = {}
    for key, value in item.items():
        info = model.model_fields.get(key)
        if info is None:
            continue
        adapter = _field_adapters.get((model, key))
        if adapter is None:
            annotation: Any = info.annotation
            if info.metadata:
                annotation = Annotated[annotation, *info.metadata]
            adapter = TypeAdapter(annotation)
            _field_adapters[(model, key)] = adapter
        try:
            fields[key] = adapter.validate_python(value)
        except ValidationError:
            continue
    collection = next(name for name, m in ITEM_MODELS.items() if m is model)
    if any(key not in fields for key in _NEEDED[collection]):
        return None
    if model is Inference:
        fields.setdefault("premises", [])
    return model.model_construct(**fields)


def _reference_problems(
    amap: ArgumentMap,
    origin: Origin,
    line_of: Callable[[tuple[str | int, ...]], str],
    known_ids: frozenset[str],
) -> list[Problem]:
    """Problems with ids, references and source files, located (positions only if any)."""
    at = origin.location
    problems = [
        replace(p, location=at(p.path))
        for p in integrity_problems(amap, where=line_of, known_ids=known_ids)
    ]
    base_dir, within = origin.file.parent, origin.sources_folder
    for i, source in enumerate(amap.sources):
        if source is None or source.path is None:
            continue
        try:
            source.load_text(base_dir, within=within)
        except MapFileError as err:
            for problem in err.problems:
                problems.append(
                    replace(
                        problem,
                        message=f"cannot read source `{source.id}` from `{short(source.path)}`: "
                        f"{problem.message}",
                        location=at(("sources", i, "path")),
                        path=("sources", i, "path"),
                    )
                )
    return problems


# Writing YAML


class _Dumper(yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper):  # type: ignore[misc]
    """Writes text that the YAML 1.2 reader reads back as the same text."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = None
    if "\n" in value:
        style = "|"
    elif resolve_plain(value) is not value:
        style = "'"  # plain, it would read back as a number, a boolean or null
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    # Short lists of ids (premises, tags) read best on one line: `premises: [a, b]`.
    flow = (
        all(isinstance(v, str) and "\n" not in v for v in value)
        and sum(len(v) + 2 for v in value) <= 80
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)
