"""SADFace JSON (the Simple Argument Description Format), read and written.

SADFace is a graph: *atom* nodes (statements) and *scheme* nodes (the relations between
them), joined by edges; ``resources`` hold the texts that atoms quote. The mapping:

=============================================  ==============================================
SADFace                                        argmap
=============================================  ==============================================
``metadata.core.title`` / ``description``      ``title`` (else the file name) / ``description``
``metadata.core.claim`` (an atom id)           ``thesis``
``metadata.core`` id, created, edited,         ``extra["sadface"]["core"]``, written back as
analyst_name, analyst_email, notes, ...        they were (made up when writing a new file)
resource ``id``, ``content``                   :class:`Source` ``id``, ``text``
resource ``metadata.core.title`` / ``url``     ``title`` (else the content's first words) /
                                               ``url``
atom ``id``, ``text``                          :class:`Claim` ``id``, ``text``
atom ``sources[0]`` (resource_id, text)        ``source``, ``quote`` (offset and length are
                                               recomputed from the quote when writing)
atom with ``metadata.argmap.evidence``         :class:`Evidence` of that kind
scheme node, edges atom → scheme → atom        :class:`Inference`: premises → conclusion
scheme ``name``                                ``scheme``, unless it only names the relation
                                               (support, inference, attack, conflict, ...)
scheme → scheme edge, attacking name           ``kind: undercut``
scheme named ``rephrase`` (one premise)        ``kind: rephrase``: the conclusion restates
                                               the premise
node and resource ``metadata``                 ``extra["sadface"]["metadata"]``
=============================================  ==============================================

A scheme is an attack when a word of its name is one of :data:`ATTACK_WORDS` (conflict,
attack, disagree, disagreement, defeat, rebut, rebuttal, undercut, undermine, ...) or its
node type is ``conflict``; it is a rephrase when a word of its name is one of
:data:`REPHRASE_WORDS` (rephrase, restatement, paraphrase, ...): SADFace names no relation
of restatement, so argmap writes one as a scheme named ``rephrase``, its edges running as a
support's do, from the premise restated to the conclusion that restates it. Any other name
(``support``, ``inference``, "Argument From Expert Opinion") supports. What argmap holds
and SADFace has no field for (evidence kinds, ``cites``, ``warrant``, ``assumed``,
``implicit``, tags, notes, locutions, rule ignores, a kind or scheme that the name does not
tell, source authors and dates) is written to the node's or resource's
``metadata["argmap"]``, which this reader reads back.

A quote must stand in its resource's text (spacing aside) to become a claim's ``quote``;
argmap writes ``metadata.argmap.unverified_quote`` on a quote it could not find itself, so
that its own misquotes survive the round trip. The document's ``metadata.argmap`` holds the
map's ``checks``, other formats' ``extra``, and which ``core`` entries argmap made up
(``generated``), so that reading the file back does not keep them as SADFace's.

Reading keeps what argmap cannot place in ``extra["sadface"]`` and says so in the report:
schemes without premises or conclusion, edges between two atoms or to missing nodes,
further conclusions of a scheme, further source entries of an atom, quotes that its
resource's text does not hold, nodes of unknown types. Writing gives them back, so a
SADFace file read and written keeps every node and edge. The SADFace 0.1 layout (the
document's metadata at the top level) is read too; files are written as 0.2.

Examples:
    >>> text = '''{"metadata": {"core": {"id": "d", "version": "0.2", "title": "T"}},
    ...   "resources": [], "nodes": [
    ...     {"id": "a", "type": "atom", "text": "A.", "sources": [], "metadata": {}},
    ...     {"id": "b", "type": "atom", "text": "B.", "sources": [], "metadata": {}},
    ...     {"id": "s", "type": "scheme", "name": "conflict", "metadata": {}}],
    ...   "edges": [{"id": "e1", "source_id": "a", "target_id": "s"},
    ...             {"id": "e2", "source_id": "s", "target_id": "b"}]}'''
    >>> amap, report = from_text(text)
    >>> step = amap.inferences[0]
    >>> step.premises, step.conclusion, step.kind.value
    (['a'], 'b', 'attack')
    >>> out, _ = to_text(amap)
    >>> [node["id"] for node in json.loads(out)["nodes"]]
    ['a', 'b', 's']
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, JsonValue, ValidationError
from pydantic_core import ErrorDetails

from argmap.conversion import ConversionReport
from argmap.errors import InvalidMapError, Location, Problem, describe_value, short
from argmap.formats.json_loader import JsonItemPositions, load_json
from argmap.formats.positions import MAX_DEPTH, ItemPlaces
from argmap.ids import is_id, make_id
from argmap.models import (
    ArgumentMap,
    ChecksConfig,
    Claim,
    Evidence,
    EvidenceKind,
    Inference,
    InferenceKind,
    Origin,
    Source,
    path_to_str,
)
from argmap.quotes import SourceText

FORMAT = "sadface"
VERSION = "0.2"
"""The SADFace version this module writes."""

ATTACK_WORDS = frozenset(
    "conflict conflicts attack attacks disagree disagreement defeat defeats rebut rebuts "
    "rebuttal rebutting undercut undercuts undercutter undercutting undermine undermines "
    "undermining".split()
)
"""A scheme whose name holds one of these words (any case) attacks its conclusion."""

REPHRASE_WORDS = frozenset(
    "rephrase rephrases rephrasing restate restates restatement restating paraphrase "
    "paraphrases paraphrasing".split()
)
"""A scheme whose name holds one of these words (any case), and none of
:data:`ATTACK_WORDS`, is a rephrase: its conclusion restates its one premise."""

RELATION_NAMES = frozenset(
    {
        "support",
        "inference",
        "default support",
        "default inference",
        "attack",
        "conflict",
        "default conflict",
        "disagree",
        "disagreement",
        "defeat",
        "rebut",
        "rebuttal",
        "undercut",
        "undermine",
        "rephrase",
        "default rephrase",
        "restatement",
        "paraphrase",
    }
)
"""Scheme names that only name the relation: they give no ``scheme`` in argmap."""

EMPTY_TEXT = "(no text)"
"""The text a claim gets from an atom whose text is blank (the original is kept)."""

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "argmap.formats.sadface")
_DEFAULT_METADATA: dict[str, Any] = {"core": {}}
_WORD = re.compile(r"\w+")
_ARGMAP_KEYS = {
    "claim": ("id", "assumed", "implicit", "locutions", "tags", "note", "ignore", "extra"),
    "evidence": ("id", "evidence", "cites", "tags", "note", "ignore", "extra"),
    "inference": ("id", "warrant", "tags", "note", "ignore", "extra"),
    "source": ("id", "author", "date", "note", "ignore", "path", "extra"),
}
_EXAMPLES = "a SADFace document is a JSON object with `metadata`, `resources`, `nodes` and `edges`"

Path_ = tuple[str | int, ...]
_M = TypeVar("_M", bound=BaseModel)


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


# Reading


def from_text(text: str, file: str | Path | None = None) -> tuple[ArgumentMap, ConversionReport]:
    """Read a map from SADFace JSON text (version 0.2, or the 0.1 layout).

    ``file`` names the file in error messages and gives the title of a document without one.

    Raises:
        InvalidMapError: the text is not JSON, or not a SADFace document (wrong types,
            missing nodes or edges, duplicate ids); every problem is located.

    Examples:
        >>> amap, report = from_text('{"nodes": [], "edges": []}', "empty.sadface.json")
        >>> amap.title
        'empty'
        >>> print(report.format_text())
        reading sadface: 1 changed
          changed: the document has no title: the file name is used: 1 (empty.sadface.json:1:1)
    """
    name = str(file) if file is not None else "<sadface>"
    positions = JsonItemPositions(text)

    def at(path: Sequence[str | int] = ()) -> Location:
        found = positions.locate(path)
        return Location(name) if found is None else Location(name, found[0], found[1])

    data = _parse(text, name, positions)
    doc, core, layout = _validate(data, at)
    stem = _stem(file) if file is not None else None
    report = ConversionReport(FORMAT, "read")
    reader = _Reader(doc, data, core, layout, at, report, stem)
    amap = reader.build()
    # findings of `argmap check` then point at each atom's or scheme's node
    nodes = data.get("nodes") if isinstance(data, dict) else None
    at_node = {
        node["id"]: j
        for j, node in enumerate(nodes if isinstance(nodes, list) else ())
        if isinstance(node, dict) and isinstance(node.get("id"), str)
    }
    index = {
        ident: at_node[node_id] for ident, node_id in reader.node_of.items() if node_id in at_node
    }

    def place_of(ident: str, _: Sequence[str | int]) -> tuple[int, int] | None:
        return positions.locate(("nodes", index[ident])) if ident in index else None

    amap._attach(Origin(Path(file) if file is not None else Path(name), ItemPlaces(amap, place_of)))
    return amap, report


def _stem(file: str | Path) -> str:
    base = Path(file).name
    for suffix in (".sadface.json", ".sadface", ".json"):
        if base.lower().endswith(suffix) and len(base) > len(suffix):
            return base[: -len(suffix)]
    return base


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


# Ids


def _make_id(raw: str, fallback: str) -> str:
    """Return ``raw`` if it is a valid id, else a valid id made from it, the same each time.

    Examples:
        >>> _make_id("ae3f0c7f-9f69", "node"), _make_id("my claim!", "node")
        ('ae3f0c7f-9f69', 'my_claim_')
    """
    if is_id(raw):
        return raw
    short = raw[:100]
    fixed = "".join(c if c.isalnum() or c in "_-" else "_" for c in short).lstrip("-")
    if fixed and not is_id(fixed):
        fixed = "".join(c if c.isascii() and (c.isalnum() or c in "_-") else "_" for c in short)
        fixed = fixed.lstrip("-")
    if len(raw) > 100 or not fixed.strip("_"):
        digest = hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        fixed = f"{fixed.strip('_') or fallback}-{digest}"
    return fixed


class _Ids:
    """Hands out unique valid ids, preferring the one asked for."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._next: dict[str, int] = {}

    def take(self, wanted: str) -> str:
        ident = make_id(wanted, self.used, counters=self._next)
        self.used.add(ident)
        return ident


def _namespace(core_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(core_id)
    except ValueError:
        return uuid.uuid5(_NAMESPACE, core_id)


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def _default_sid(ns: uuid.UUID, kind: str, ident: str) -> str:
    """The SADFace id argmap writes for an item: its id if that is a UUID, else a stable UUID."""
    return ident if _is_uuid(ident) else str(uuid.uuid5(ns, f"{kind}:{ident}"))


def _edge_id(ns: uuid.UUID, source: str, target: str) -> str:
    return str(uuid.uuid5(ns, f"edge:{source}->{target}"))


def _default_core_id(title: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"map:{title}"))


# Schemes


def _is_attack(name: str | None, node_type: str) -> bool:
    if node_type == "conflict":
        return True
    return bool(name) and any(w.casefold() in ATTACK_WORDS for w in _WORD.findall(name or ""))


def _is_rephrase(name: str | None) -> bool:
    return bool(name) and any(w.casefold() in REPHRASE_WORDS for w in _WORD.findall(name or ""))


def _derived_kind(name: str | None, node_type: str, to_scheme: bool) -> InferenceKind | None:
    """The kind a scheme's name and target tell, or None for support or rephrase of a step
    (argmap has no such kind)."""
    if _is_attack(name, node_type):
        return InferenceKind.UNDERCUT if to_scheme else InferenceKind.ATTACK
    if to_scheme:
        return None
    return InferenceKind.REPHRASE if _is_rephrase(name) else InferenceKind.SUPPORT


def _derived_scheme(name: str | None) -> str | None:
    if name is None or name.strip().casefold() in RELATION_NAMES or not name.strip():
        return None
    return name


def _default_name(kind: InferenceKind) -> str:
    if kind is InferenceKind.SUPPORT or kind is InferenceKind.REPHRASE:
        return kind.value
    return "attack"


def _position(source_text: SourceText | None, quote: str | None) -> tuple[int | None, int | None]:
    """The offset and length argmap writes for ``quote`` in ``source_text``."""
    if source_text is None or quote is None:
        return None, None
    span = source_text.find(quote)
    return (None, None) if span is None else (span.start, span.end - span.start)


# The reader


@dataclass
class _Scheme:
    index: int
    node: _Node
    premises: list[tuple[str, int]] = field(default_factory=list)  # (atom id, edge index)
    conclusion: tuple[str, int] | None = None
    kind: InferenceKind | None = None
    problem: str | None = None


class _Reader:
    def __init__(
        self,
        doc: _Document,
        data: dict[str, Any],
        core: dict[str, Any],
        layout: str,
        at: Callable[[Sequence[str | int]], Location],
        report: ConversionReport,
        stem: str | None,
    ) -> None:
        self.doc = doc
        self.data = data
        self.core = core
        self.layout = layout
        self.at = at
        self.report = report
        self.stem = stem
        doc_argmap = doc.metadata.get("argmap")
        self.doc_argmap: dict[str, Any] = doc_argmap if isinstance(doc_argmap, dict) else {}
        self.extra_nodes: list[Any] = []
        self.extra_edges: list[tuple[int, Any]] = []  # (place in the document, edge)
        self.texts: dict[str, SourceText] = {}

    def raw(self, *path: str | int) -> Any:
        value: Any = self.data
        for part in path:
            value = value[part]
        return value  # the data was parsed for this read alone: no copy needed

    def build(self) -> ArgumentMap:
        sx: dict[str, Any] = {}
        title = self.core.get("title")
        consumed = {"version"} if self.core.get("version") == VERSION else set()
        if isinstance(title, str) and title.strip():
            consumed.add("title")
        else:
            title = self.stem or "SADFace document"
            sx["derived_title"] = title
            self.report.changed(
                "the document has no title: the file name is used"
                if self.stem
                else "the document has no title: one is made up",
                location=self.at(("metadata", "core") if self.layout == "0.2" else ()),
            )
        description = self.core.get("description")
        if isinstance(description, str):
            consumed.add("description")
        core_id = self.core.get("id")
        self.ns = _namespace(core_id if isinstance(core_id, str) else _default_core_id(title))
        if self.layout == "0.1":
            self.report.kept(
                "the SADFace 0.1 layout (document metadata at the top level) was read; "
                "argmap writes 0.2",
            )

        sources, self.resource_ids = self.read_resources()
        self.classify_nodes()
        self.read_edges()
        self.settle_schemes()
        self.assign_node_ids()
        claims, evidence = self.read_atoms()
        inferences = self.read_schemes()

        thesis = None
        claim_ref = self.core.get("claim")
        if isinstance(claim_ref, str):
            target = self.atom_ids.get(claim_ref)
            if target is not None and target not in self.evidence_ids:
                thesis = target
                consumed.add("claim")
            else:
                self.report.kept(
                    "the document's `claim` is not one of its atoms: kept in `extra`",
                    short(claim_ref),
                    self.at((*self.core_path, "claim")),
                )

        generated = self.doc_argmap.get("generated")
        generated = generated if isinstance(generated, dict) else {}
        kept_core = {
            k: v
            for k, v in self.core.items()
            if k not in consumed and not (k in generated and generated[k] == v)
        }
        if kept_core:
            sx["core"] = kept_core
            self.report.kept(
                "document metadata argmap has no field for kept in `extra`",
                ", ".join(sorted(kept_core)),
            )
        doc_fields: dict[str, Any] = {}
        checks = None
        map_extra: dict[str, Any] = {}
        leftover = {k: v for k, v in self.doc_argmap.items() if k not in ("version", "generated")}
        if "checks" in leftover:
            try:
                checks = ChecksConfig.model_validate(leftover["checks"])
                del leftover["checks"]
            except ValidationError:
                self.report.kept("argmap `checks` in the metadata that are not valid: kept")
        if isinstance(leftover.get("extra"), dict):
            map_extra = {k: v for k, v in leftover.pop("extra").items() if k != FORMAT}
        metadata = {k: v for k, v in self.doc.metadata.items() if k not in ("core", "argmap")}
        if leftover:
            metadata["argmap"] = leftover
        if metadata:
            sx["metadata"] = metadata
            self.report.kept(
                "document metadata namespaces kept in `extra`", ", ".join(sorted(metadata))
            )
        if self.layout == "0.2":
            doc_fields = {k: v for k, v in self.data.items() if k not in _TOP_LEVEL}
        if doc_fields:
            sx["fields"] = doc_fields
            self.report.kept("document fields SADFace does not define kept in `extra`")
        if self.extra_nodes:
            sx["nodes"] = self.extra_nodes
        if self.extra_edges:
            sx["edges"] = [edge for _, edge in sorted(self.extra_edges, key=lambda e: e[0])]
        if sx:
            map_extra[FORMAT] = sx
        values = {
            "title": title,
            "description": description if isinstance(description, str) else None,
            "thesis": thesis,
            "sources": sources,
            "claims": claims,
            "evidence": evidence,
            "inferences": inferences,
            "extra": map_extra,
        }
        try:
            return ArgumentMap.model_validate({**values, "checks": checks})
        except ValidationError as err:  # a defect of this reader, not of the file
            raise InvalidMapError(
                Problem(
                    "unreadable-sadface",
                    f"argmap could not make a valid map of this document: {err}",
                    self.at(()),
                    hint="please report this with the file",
                )
            ) from err

    @property
    def core_path(self) -> Path_:
        return ("metadata", "core") if self.layout == "0.2" else ()

    # Resources

    def read_resources(self) -> tuple[list[Source], dict[str, str]]:
        sources: list[Source] = []
        ids = _Ids()
        mapped: dict[str, str] = {}
        for i, resource in enumerate(self.doc.resources):
            am, metadata = _split_metadata(resource.metadata)
            wanted = am.get("id") if isinstance(am.get("id"), str) else None
            if wanted is None or not is_id(wanted):
                wanted = _make_id(resource.id, "source")
            ident = ids.take(wanted)
            mapped[resource.id] = ident
            sx: dict[str, Any] = {}
            if resource.id != _default_sid(self.ns, "resource", ident):
                sx["id"] = resource.id
            if ident != resource.id and am.get("id") != ident:
                self.report.changed(
                    "ids made valid (the original is kept in `extra`)",
                    f"{short(resource.id)} → {ident}",
                    self.at(("resources", i, "id")),
                )
            core = metadata.get("core")
            core = dict(core) if isinstance(core, dict) else None
            title = core.get("title") if core is not None else None
            url = core.get("url") if core is not None else None
            base: dict[str, Any] = {"id": ident}
            if isinstance(title, str) and title.strip():
                base["title"] = title
                assert core is not None
                del core["title"]
            else:
                base["title"] = _title_of(resource.content, i)
                sx["derived_title"] = base["title"]
                self.report.changed(
                    "sources titled from the first words of their text (SADFace has no titles)",
                    ident,
                )
            if isinstance(url, str):
                base["url"] = url
                assert core is not None
                del core["url"]
            if core is not None:
                metadata["core"] = core
            if resource.content is not None:
                base["text"] = resource.content
            if resource.type not in (None, "text"):
                sx["type"] = resource.type
                self.report.kept(f"resources of type `{resource.type}` read as text", ident)
            self.add_fields(sx, resource, ("resources", i))
            source = self.with_argmap(Source, base, am, metadata, sx, "source", ("resources", i))
            sources.append(source)
            if source.text is not None:
                self.texts[ident] = SourceText(source.text)
        return sources, mapped

    def add_fields(
        self, sx: dict[str, Any], item: BaseModel, path: Path_, misplaced: Sequence[str] = ()
    ) -> None:
        """Keep the item's fields that SADFace does not define (or not for its type)."""
        raw = self.raw(*path) if misplaced else {}
        fields = {k: raw[k] for k in misplaced if k in raw}
        fields.update(item.model_extra or {})
        if fields:
            sx["fields"] = fields
            self.report.kept(
                "fields SADFace does not define kept in `extra`",
                ", ".join(sorted(fields)),
                self.at(path),
            )

    def with_argmap(
        self,
        model: type[_M],
        base: dict[str, Any],
        am: dict[str, Any],
        metadata: dict[str, Any],
        sx: dict[str, Any],
        what: str,
        path: Path_,
    ) -> _M:
        """Build the item from its SADFace fields and argmap's metadata (if it is valid)."""
        allowed = _ARGMAP_KEYS[what]
        fields = {k: v for k, v in am.items() if k in allowed and k not in ("id", "extra")}
        if "evidence" in fields:
            fields["kind"] = fields.pop("evidence")
        leftover = {k: v for k, v in am.items() if k not in allowed}
        other_formats: dict[str, Any] = {}
        extra = am.get("extra")
        if isinstance(extra, dict):
            other_formats = {k: v for k, v in extra.items() if k != FORMAT}
            if FORMAT in extra:
                leftover["extra"] = {FORMAT: extra[FORMAT]}
        elif "extra" in am:
            leftover["extra"] = am["extra"]
        if "id" in am and am["id"] != base["id"]:
            leftover["id"] = am["id"]
        try:
            item = model.model_validate({**base, **fields})
        except ValidationError:
            self.report.kept(
                "argmap metadata that is not valid kept in `extra`",
                base["id"],
                self.at(path),
            )
            item = model.model_validate(base)
            leftover = dict(am)
            other_formats = {}
        if leftover:
            metadata = {**metadata, "argmap": leftover}
        if metadata != _DEFAULT_METADATA:
            sx["metadata"] = metadata
            if any(v not in ({}, None, []) for v in metadata.values()):
                self.report.kept("node metadata kept in `extra`", base["id"], self.at(path))
        if sx:
            other_formats[FORMAT] = sx
        if other_formats:
            item = item.model_copy(update={"extra": other_formats})
        return item

    # Nodes and edges

    def classify_nodes(self) -> None:
        self.atoms: dict[str, int] = {}
        self.schemes: dict[str, _Scheme] = {}
        self.kinds: dict[str, str] = {}
        for i, node in enumerate(self.doc.nodes):
            if node.type == "atom":
                if node.text is None:
                    self.report.changed(
                        "atoms without text given one", node.id, self.at(("nodes", i))
                    )
                self.atoms[node.id] = i
                self.kinds[node.id] = "atom"
            elif node.type in ("scheme", "conflict"):
                self.schemes[node.id] = _Scheme(i, node)
                self.kinds[node.id] = "scheme"
            else:
                self.extra_nodes.append(self.raw("nodes", i))
                self.kinds[node.id] = "other"
                self.report.kept(
                    f"nodes of type `{short(node.type, 30)}` kept in `extra`",
                    short(node.id),
                    self.at(("nodes", i)),
                )

    def read_edges(self) -> None:
        seen: set[tuple[str, str]] = set()
        for j, edge in enumerate(self.doc.edges):
            source = self.kinds.get(edge.source_id)
            target = self.kinds.get(edge.target_id)
            reason = None
            if source is None or target is None:
                reason = "edges to or from nodes that do not exist kept in `extra`"
            elif "other" in (source, target):
                reason = "edges of nodes kept in `extra` kept there too"
            elif source == target == "atom":
                reason = "edges from one atom to another (not through a scheme) kept in `extra`"
            elif (edge.source_id, edge.target_id) in seen:
                reason = "edges given twice kept in `extra`"
            elif source == "atom":
                self.schemes[edge.target_id].premises.append((edge.source_id, j))
            elif self.schemes[edge.source_id].conclusion is not None:
                reason = "further conclusions of a scheme kept in `extra`"
            elif edge.source_id == edge.target_id:
                reason = "edges from a scheme to itself kept in `extra`"
            else:
                self.schemes[edge.source_id].conclusion = (edge.target_id, j)
            seen.add((edge.source_id, edge.target_id))
            if reason is not None:
                self.extra_edges.append((j, self.raw("edges", j)))
                self.report.kept(reason, short(edge.id), self.at(("edges", j)))

    def settle_schemes(self) -> None:
        """Decide each scheme's kind; keep in `extra` those argmap cannot hold, and those
        that undercut them."""
        dependents: dict[str, list[str]] = {}
        bad: list[str] = []
        for sid, scheme in self.schemes.items():
            if not scheme.premises:
                scheme.problem = "schemes without premises kept in `extra`"
            elif scheme.conclusion is None:
                scheme.problem = "schemes without a conclusion kept in `extra`"
            else:
                target, _ = scheme.conclusion
                to_scheme = target in self.schemes
                am, _ = _split_metadata(scheme.node.metadata)
                kind = _known_kind(am.get("kind"))
                derived = _derived_kind(scheme.node.name, scheme.node.type, to_scheme)
                if kind is None or (kind is InferenceKind.UNDERCUT) != to_scheme:
                    kind = derived
                scheme.kind = kind
                if kind is None and _is_rephrase(scheme.node.name):
                    scheme.problem = (
                        "rephrase schemes that point to a scheme (argmap restates statements "
                        "only) kept in `extra`"
                    )
                elif kind is None:
                    scheme.problem = (
                        "schemes that support another scheme (argmap supports claims only) "
                        "kept in `extra`"
                    )
                elif kind is InferenceKind.REPHRASE and len(scheme.premises) != 1:
                    scheme.problem = (
                        "rephrase schemes with several premises kept in `extra` (a rephrase "
                        "restates one statement)"
                    )
                elif to_scheme:
                    dependents.setdefault(target, []).append(sid)
            if scheme.problem is not None:
                bad.append(sid)
        while bad:
            sid = bad.pop()
            for dependent in dependents.pop(sid, ()):
                scheme = self.schemes[dependent]
                if scheme.problem is None:
                    scheme.problem = "schemes that undercut a scheme kept in `extra` kept there too"
                    bad.append(dependent)
        for sid, scheme in self.schemes.items():
            if scheme.problem is None:
                continue
            self.extra_nodes.append(self.raw("nodes", scheme.index))
            edges = [j for _, j in scheme.premises]
            if scheme.conclusion is not None:
                edges.append(scheme.conclusion[1])
            self.extra_edges.extend((j, self.raw("edges", j)) for j in edges)
            self.report.kept(scheme.problem, short(sid), self.at(("nodes", scheme.index)))

    def assign_node_ids(self) -> None:
        ids = _Ids()
        self.atom_ids: dict[str, str] = {}
        self.scheme_ids: dict[str, str] = {}
        self.evidence_ids: set[str] = set()
        self.node_of: dict[str, str] = {}  # argmap id -> the SADFace node's id
        for i, node in enumerate(self.doc.nodes):
            if node.id in self.atoms:
                table = self.atom_ids
            elif node.id in self.schemes and self.schemes[node.id].problem is None:
                table = self.scheme_ids
            else:
                continue
            am, _ = _split_metadata(node.metadata)
            wanted = am.get("id") if isinstance(am.get("id"), str) else None
            if wanted is None or not is_id(wanted):
                wanted = _make_id(node.id, "node")
            ident = table[node.id] = ids.take(wanted)
            self.node_of[ident] = node.id
            if ident != node.id and am.get("id") != ident:
                self.report.changed(
                    "ids made valid (the original is kept in `extra`)",
                    f"{short(node.id)} → {ident}",
                    self.at(("nodes", i, "id")),
                )
            if node.id in self.atoms and _known_evidence(am.get("evidence")) is not None:
                self.evidence_ids.add(ident)

    def read_atoms(self) -> tuple[list[Claim], list[Evidence]]:
        claims: list[Claim] = []
        evidence: list[Evidence] = []
        for sid, i in self.atoms.items():
            node = self.doc.nodes[i]
            ident = self.atom_ids[sid]
            am, metadata = _split_metadata(node.metadata)
            sx: dict[str, Any] = {}
            if sid != _default_sid(self.ns, "node", ident):
                sx["id"] = sid
            text = node.text or ""
            if not text.strip():
                if node.text is not None:
                    self.report.changed("blank atom texts filled in", sid, self.at(("nodes", i)))
                sx["text"] = node.text
                text = EMPTY_TEXT
            base: dict[str, Any] = {"id": ident, "text": text}
            base.update(self.read_sources(node, i, sx, am))
            self.add_fields(sx, node, ("nodes", i), ("name",))
            if ident in self.evidence_ids:
                evidence.append(
                    self.with_argmap(Evidence, base, am, metadata, sx, "evidence", ("nodes", i))
                )
            else:
                claims.append(
                    self.with_argmap(Claim, base, am, metadata, sx, "claim", ("nodes", i))
                )
        return claims, evidence

    def read_sources(
        self, node: _Node, i: int, sx: dict[str, Any], am: dict[str, Any]
    ) -> dict[str, Any]:
        """The atom's `source` and `quote` from its first source entry, if argmap can hold it.

        A quote its resource's text does not hold is kept in `extra`, unless argmap wrote
        it so (``metadata.argmap.unverified_quote``): argmap's own maps may hold misquotes.
        """
        if not node.sources:
            return {}
        entry = node.sources[0]
        source = self.resource_ids.get(entry.resource_id)
        quote = entry.text if entry.text.strip() else None
        found: dict[str, Any] = {}
        reason = None
        if source is None:
            reason = "source entries naming a resource that does not exist kept in `extra`"
        elif entry.text and quote is None:
            reason = "blank quotes kept in `extra`"
        elif (
            quote is not None
            and am.get("unverified_quote") is not True
            and not self.findable(source, entry)
        ):
            reason = "quotes their resource's text does not hold kept in `extra`"
        else:
            am.pop("unverified_quote", None)
            found = {"source": source} if quote is None else {"source": source, "quote": quote}
            text = self.texts.get(source)
            expected = _position(text, quote)
            if (entry.offset, entry.length) != expected:
                sx["position"] = [entry.offset, entry.length]
            if entry.model_extra:
                sx["source_fields"] = entry.model_extra
        first = 0 if reason is not None else 1
        if reason is not None:
            self.report.kept(reason, node.id, self.at(("nodes", i, "sources", 0)))
        if len(node.sources) > first:
            sx["sources"] = self.raw("nodes", i, "sources")[first:]
            if first:
                self.report.kept(
                    "further source entries of atoms kept in `extra`",
                    node.id,
                    self.at(("nodes", i, "sources", 1)),
                )
        return found

    def findable(self, source: str, entry: _SourceEntry) -> bool:
        text = self.texts.get(source)
        if text is None:
            return False
        start, length = entry.offset, entry.length
        if (
            start is not None
            and length is not None
            and start >= 0
            and text.text[start : start + length] == entry.text
        ):
            return True
        return text.find(entry.text) is not None

    def read_schemes(self) -> list[Inference]:
        inferences: list[Inference] = []
        for sid, scheme in self.schemes.items():
            if scheme.problem is not None:
                continue
            node = scheme.node
            assert scheme.conclusion is not None
            assert scheme.kind is not None
            ident = self.scheme_ids[sid]
            am, metadata = _split_metadata(node.metadata)
            sx: dict[str, Any] = {}
            if sid != _default_sid(self.ns, "node", ident):
                sx["id"] = sid
            if node.type != "scheme":
                sx["type"] = node.type
            target, target_edge = scheme.conclusion
            conclusion = self.atom_ids.get(target) or self.scheme_ids[target]
            premises = [self.atom_ids[atom] for atom, _ in scheme.premises]
            name = node.name
            scheme_name = name if am.get("scheme") == name else _derived_scheme(name)
            if scheme_name is None and name != _default_name(scheme.kind):
                sx["name"] = name
            base: dict[str, Any] = {
                "id": ident,
                "premises": premises,
                "conclusion": conclusion,
                "kind": scheme.kind,
                "scheme": scheme_name,
            }
            edges: dict[str, Any] = {}
            for j in [j for _, j in scheme.premises] + [target_edge]:
                edge = self.doc.edges[j]
                raw = self.raw("edges", j)
                if raw != {
                    "id": _edge_id(self.ns, edge.source_id, edge.target_id),
                    "source_id": edge.source_id,
                    "target_id": edge.target_id,
                }:
                    edges[f"{edge.source_id}->{edge.target_id}"] = raw
                if edge.model_extra:
                    self.report.kept(
                        "edge fields SADFace does not define kept in `extra`",
                        edge.id,
                        self.at(("edges", j)),
                    )
            if edges:
                sx["edges"] = edges
            self.add_fields(sx, node, ("nodes", scheme.index), ("text", "sources"))
            if am.get("kind") == scheme.kind.value:
                del am["kind"]  # told by the kind; otherwise kept
            if scheme_name is not None and am.get("scheme") == scheme_name:
                del am["scheme"]
            inferences.append(
                self.with_argmap(
                    Inference, base, am, metadata, sx, "inference", ("nodes", scheme.index)
                )
            )
        return inferences


def _split_metadata(metadata: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the `argmap` namespace of the metadata (or {}) and the rest, both copies."""
    am = metadata.get("argmap")
    if isinstance(am, dict):
        rest = {k: v for k, v in metadata.items() if k != "argmap"}
        return dict(am), rest
    return {}, dict(metadata)


def _known_kind(value: Any) -> InferenceKind | None:
    try:
        return InferenceKind(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _known_evidence(value: Any) -> EvidenceKind | None:
    try:
        return EvidenceKind(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _title_of(content: str | None, index: int) -> str:
    words = (content or "").split()
    if not words:
        return f"Resource {index + 1}"
    title = ""
    for word in words:
        if len(title) + len(word) > 60:
            return (title or word[:60]) + " …"
        title = f"{title} {word}" if title else word
    return title


# Writing


def to_text(amap: ArgumentMap) -> tuple[str, ConversionReport]:
    """Write a map as a SADFace 0.2 document; return the JSON text and what writing changed.

    The document's timestamps, id and analyst are those the map was read with; a map that
    did not come from SADFace gets a stable id (from its title) and the time of writing.

    Examples:
        >>> amap = ArgumentMap(title="T", claims=[Claim(id="a", text="A."),
        ...     Claim(id="b", text="B.")], inferences=[Inference(id="i", premises=["a"],
        ...     conclusion="b")])
        >>> doc = json.loads(to_text(amap)[0])
        >>> [node.get("name", node.get("text")) for node in doc["nodes"]]
        ['A.', 'B.', 'support']
        >>> from_text(to_text(amap)[0])[0] == amap
        True
    """
    report = ConversionReport(FORMAT, "write")
    doc = _Writer(amap, report).document()
    text = json.dumps(doc, indent=4, sort_keys=True, ensure_ascii=False) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: escape them, JSON allows it
        text = json.dumps(doc, indent=4, sort_keys=True) + "\n"
    return text, report


def _sadface_extra(extra: dict[str, Any]) -> dict[str, Any]:
    value = extra.get(FORMAT)
    return value if isinstance(value, dict) else {}


def _other_formats(extra: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in extra.items() if k != FORMAT}


class _Writer:
    def __init__(self, amap: ArgumentMap, report: ConversionReport) -> None:
        self.amap = amap
        self.report = report
        self.sx = _sadface_extra(amap.extra)
        self.node_ids: dict[str, str] = {}
        self.resource_ids: dict[str, str] = {}
        self.used_nodes: set[str] = set()
        self.used_edges: set[str] = set()
        self.texts: dict[str, SourceText | None] = {}

    def sid(self, kind: str, item_id: str, sx: dict[str, Any], used: set[str]) -> str:
        original = sx.get("id")
        candidates = [original] if isinstance(original, str) else []
        candidates.append(_default_sid(self.ns, kind, item_id))
        for candidate in candidates:
            if candidate not in used:
                used.add(candidate)
                return candidate
        n = 2
        while (candidate := str(uuid.uuid5(self.ns, f"{kind}:{item_id}:{n}"))) in used:
            n += 1
        used.add(candidate)
        return candidate

    def document(self) -> dict[str, Any]:
        amap, sx = self.amap, self.sx
        core: dict[str, Any] = dict(sx["core"]) if isinstance(sx.get("core"), dict) else {}
        generated: dict[str, Any] = {}
        if not isinstance(core.get("id"), str):
            core["id"] = generated["id"] = _default_core_id(amap.title)
        now = datetime.datetime.now().replace(microsecond=0).isoformat()
        for key, value in (
            ("created", now),
            ("edited", now),
            ("analyst_name", ""),
            ("analyst_email", ""),
        ):
            if key not in core:
                core[key] = generated[key] = value
        if core.get("version", VERSION) != VERSION:
            self.report.changed(
                f"a SADFace {core['version']} document written as version {VERSION}"
            )
        core["version"] = VERSION
        if amap.title != sx.get("derived_title"):
            core["title"] = amap.title
        if amap.description is not None:
            core["description"] = amap.description
        self.ns = _namespace(core["id"])

        # Ids first: edges and the thesis name nodes written later.
        used_resources: set[str] = set()
        for source in amap.sources:
            self.resource_ids[source.id] = self.sid(
                "resource", source.id, _sadface_extra(source.extra), used_resources
            )
        for kept_node in sx.get("nodes") or ():
            if isinstance(kept_node, dict) and isinstance(kept_node.get("id"), str):
                self.used_nodes.add(kept_node["id"])
        for node in amap.nodes():
            self.node_ids[node.id] = self.sid(
                "node", node.id, _sadface_extra(node.extra), self.used_nodes
            )
        if amap.thesis is not None:
            core["claim"] = self.node_ids.get(amap.thesis, amap.thesis)

        metadata: dict[str, Any] = (
            dict(sx["metadata"]) if isinstance(sx.get("metadata"), dict) else {}
        )
        am: Any = metadata.pop("argmap", None)
        am = dict(am) if isinstance(am, dict) else {}
        am["version"] = 1
        if amap.checks is not None:
            am["checks"] = amap.checks.model_dump(mode="json", by_alias=True, exclude_none=True)
        if _other_formats(amap.extra):
            am["extra"] = _other_formats(amap.extra)
        if generated:
            am["generated"] = generated
        metadata = {"core": core, **metadata, "argmap": am}

        resources = [self.resource(source) for source in amap.sources]
        nodes: list[Any] = [self.atom(claim, "claim") for claim in amap.claims]
        nodes += [self.atom(item, "evidence") for item in amap.evidence]
        edges: list[Any] = []
        for inference in amap.inferences:
            scheme, its_edges = self.scheme(inference)
            nodes.append(scheme)
            edges += its_edges
        nodes += list(sx.get("nodes") or ())
        for kept_edge in sx.get("edges") or ():
            edges.append(kept_edge)
        doc: dict[str, Any] = {}
        if isinstance(sx.get("fields"), dict):
            doc.update(sx["fields"])
        doc.update({"metadata": metadata, "resources": resources, "nodes": nodes, "edges": edges})
        return doc

    def metadata(self, sx: dict[str, Any], am: dict[str, Any]) -> dict[str, Any]:
        metadata = sx.get("metadata")
        metadata = dict(metadata) if isinstance(metadata, dict) else {"core": {}}
        if am:
            kept = metadata.get("argmap")
            metadata["argmap"] = {**(kept if isinstance(kept, dict) else {}), **am}
        return metadata

    def resource(self, source: Source) -> dict[str, Any]:
        sx = _sadface_extra(source.extra)
        rid = self.resource_ids[source.id]
        am: dict[str, Any] = {}
        if _make_id(rid, "source") != source.id:
            am["id"] = source.id
        for key in ("author", "date", "note", "path"):
            if getattr(source, key) is not None:
                am[key] = getattr(source, key)
        if source.ignore:
            am["ignore"] = source.ignore
        if _other_formats(source.extra):
            am["extra"] = _other_formats(source.extra)
        metadata = self.metadata(sx, am)
        told = {"title": source.title, "url": source.url}
        if source.title == sx.get("derived_title"):
            del told["title"]
        if source.url is None:
            del told["url"]
        if told:
            core = metadata.get("core")
            metadata["core"] = {**(core if isinstance(core, dict) else {}), **told}
        if source.path is not None:
            self.report.kept(
                "source files not embedded: their path is kept in the resource's metadata",
                source.id,
            )
        self.texts[source.id] = None if source.text is None else SourceText(source.text)
        resource: dict[str, Any] = {
            "id": rid,
            "content": source.text,
            "type": sx.get("type") if isinstance(sx.get("type"), str) else "text",
            "metadata": metadata,
        }
        return _with_fields(resource, sx)

    def atom(self, item: Claim | Evidence, what: str) -> dict[str, Any]:
        sx = _sadface_extra(item.extra)
        sid = self.node_ids[item.id]
        am: dict[str, Any] = {}
        if _make_id(sid, "node") != item.id:
            am["id"] = item.id
        if isinstance(item, Evidence):
            am["evidence"] = item.kind.value
            if item.cites is not None:
                am["cites"] = item.cites
        else:
            if item.assumed:
                am["assumed"] = True
            if item.implicit:
                am["implicit"] = True
            if item.locutions:
                am["locutions"] = [
                    loc.model_dump(mode="json", exclude_none=True) for loc in item.locutions
                ]
        self.add_common(am, item)
        sources = self.source_entries(item, sx)
        if item.source is not None and item.quote is not None:
            found = self.texts.get(item.source)
            if found is None or found.find(item.quote) is None:
                am["unverified_quote"] = True
        self.note_argmap_fields(am, item.id, what)
        text = item.text
        if text == EMPTY_TEXT and "text" in sx:
            text = sx["text"]
        node: dict[str, Any] = {
            "id": sid,
            "type": "atom",
            "text": text,
            "sources": sources,
            "metadata": self.metadata(sx, am),
        }
        if text is None:
            del node["text"]
        return _with_fields(node, sx)

    def add_common(self, am: dict[str, Any], item: Claim | Evidence | Inference) -> None:
        if item.tags:
            am["tags"] = list(item.tags)
        if item.note is not None:
            am["note"] = item.note
        if item.ignore:
            am["ignore"] = item.ignore
        if _other_formats(item.extra):
            am["extra"] = _other_formats(item.extra)

    def note_argmap_fields(self, am: dict[str, Any], ident: str, what: str) -> None:
        fields = sorted(k for k in am if k not in ("id", "extra"))
        if fields:
            self.report.kept(
                f"{what} fields SADFace has no place for written to metadata `argmap` "
                f"({', '.join(fields)})",
                ident,
            )

    def source_entries(self, item: Claim | Evidence, sx: dict[str, Any]) -> list[Any]:
        entries: list[Any] = []
        if item.source is not None:
            position = sx.get("position")
            if (
                isinstance(position, list)
                and len(position) == 2
                and all(
                    p is None or (isinstance(p, int) and not isinstance(p, bool)) for p in position
                )
            ):
                offset, length = position
            else:
                text = self.texts.get(item.source)
                offset, length = _position(text, item.quote)
                if item.quote is not None and offset is None and text is not None:
                    self.report.changed(
                        "quotes not found in their source's text written without offset",
                        item.id,
                    )
            entry: dict[str, Any] = {
                "resource_id": self.resource_ids.get(item.source, item.source),
                "text": item.quote or "",
                "offset": offset,
                "length": length,
            }
            fields = sx.get("source_fields")
            if isinstance(fields, dict):
                entry = {**fields, **entry}
            entries.append(entry)
        kept = sx.get("sources")
        if isinstance(kept, list):
            entries += kept
        return entries

    def scheme(self, inference: Inference) -> tuple[dict[str, Any], list[Any]]:
        sx = _sadface_extra(inference.extra)
        sid = self.node_ids[inference.id]
        node_type = "conflict" if sx.get("type") == "conflict" else "scheme"
        kept_name = sx.get("name")
        if inference.scheme is not None:
            name: str | None = inference.scheme
        elif kept_name is None or isinstance(kept_name, str):
            name = kept_name if "name" in sx else _default_name(inference.kind)
        else:
            name = _default_name(inference.kind)
        am: dict[str, Any] = {}
        if _make_id(sid, "node") != inference.id:
            am["id"] = inference.id
        to_scheme = inference.kind is InferenceKind.UNDERCUT
        if _derived_kind(name, node_type, to_scheme) is not inference.kind:
            am["kind"] = inference.kind.value
        if inference.scheme is not None and _derived_scheme(name) != inference.scheme:
            am["scheme"] = inference.scheme
        if inference.warrant is not None:
            am["warrant"] = inference.warrant
        self.add_common(am, inference)
        self.note_argmap_fields(am, inference.id, "inference")
        node: dict[str, Any] = {"id": sid, "type": node_type, "name": name}
        if name is None:
            del node["name"]
        node["metadata"] = self.metadata(sx, am)
        kept_edges = sx.get("edges") if isinstance(sx.get("edges"), dict) else {}
        assert isinstance(kept_edges, dict)
        pairs = [(self.node_ids.get(p, p), sid) for p in inference.premises]
        pairs.append((sid, self.node_ids.get(inference.conclusion, inference.conclusion)))
        edges = [self.edge(source, target, kept_edges) for source, target in pairs]
        return _with_fields(node, sx), edges

    def edge(self, source: str, target: str, kept: dict[str, Any]) -> dict[str, Any]:
        raw = kept.get(f"{source}->{target}")
        edge: dict[str, Any] = dict(raw) if isinstance(raw, dict) else {}
        ident = edge.get("id")
        if not isinstance(ident, str) or ident in self.used_edges:
            ident = _edge_id(self.ns, source, target)
            n = 2
            while ident in self.used_edges:
                ident = str(uuid.uuid5(self.ns, f"edge:{source}->{target}:{n}"))
                n += 1
        self.used_edges.add(ident)
        edge.update({"id": ident, "source_id": source, "target_id": target})
        return edge


def _with_fields(item: dict[str, Any], sx: dict[str, Any]) -> dict[str, Any]:
    fields = sx.get("fields")
    if isinstance(fields, dict):
        return {**{k: v for k, v in fields.items() if k not in item}, **item}
    return item
