"""AIF JSON, the Argument Interchange Format of AIFdb and OVA: read and write.

Reading handles AIFdb downloads (``nodes``, ``edges``, ``locutions``; ids as strings),
OVA3 exports (an ``AIF`` wrapper beside ``OVA`` and ``text``; string node ids, integer
edge ids, ``schemefulfillments``) and files with integer ids.

=================================  ==============================================
AIF                                argmap
=================================  ==============================================
I-node                             claim (id = nodeID)
RA node, its premises, conclusion  inference (linked premises), scheme kept
CA node into an I-node             inference of kind ``attack``
CA node into an RA or CA node      inference of kind ``undercut``
MA node from one I-node to another inference of kind ``rephrase``: its premise is
                                   the I-node the MA node points to, its conclusion
                                   the one that points to it (see below)
L, YA, TA, PA nodes                kept in the map's ``extra``; an L-node anchored
                                   in an I-node by a YA node is also the claim's
                                   locution (speaker, words, illocution, time)
=================================  ==============================================

An MA node (AIFdb's "Default Rephrase") points from the rephrasing I-node to the one it
rephrases, as an RA node points from the premise offered to what it is offered for: in
AIFdb's dialogue corpora the MA node's incoming I-node is the later locution's, its
transition (TA) runs from the outgoing I-node's locution to the incoming one's. argmap's
rephrase concludes the restatement from what it restates, so reading turns the MA node's
edges around and writing turns them back. An MA node that links more than one I-node on
a side, or other nodes (L-nodes, say), is kept in ``extra``, and the report says so.

Writing produces AIF that AIF tools read: every I-node reaches another I-node through
an RA, CA or MA node, scheme nodes carry ``scheme`` and ``schemeID`` where AIFdb knows the
scheme. What argmap holds beyond AIF (evidence, quotes, sources, warrants, notes, the
thesis) goes in a top-level ``argmap`` section that argmap reads back and AIF tools
ignore.

Examples:
    >>> amap, report = from_text('''{"nodes": [
    ...   {"nodeID": "1", "type": "I", "text": "Prices rose."},
    ...   {"nodeID": "2", "type": "I", "text": "Wages fell."},
    ...   {"nodeID": "3", "type": "RA", "text": "Default Inference"}],
    ...  "edges": [{"edgeID": "4", "fromID": "1", "toID": "3"},
    ...            {"edgeID": "5", "fromID": "3", "toID": "2"}]}''')
    >>> amap.inferences[0].premises, amap.inferences[0].conclusion
    (['1'], '2')
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.conversion import ConversionReport
from argmap.errors import InvalidMapError, Location, Problem, short, validation_message
from argmap.fastpath import construct_valid
from argmap.formats.json_loader import JsonItemPositions, load_json
from argmap.formats.positions import ItemPlaces
from argmap.gcpause import gc_paused
from argmap.ids import ID_PATTERN, MAX_ID_LENGTH, make_id
from argmap.models import (
    DEFER_INTEGRITY,
    EXTRA_IS_JSON,
    ArgumentMap,
    Claim,
    Evidence,
    Inference,
    InferenceKind,
    Locution,
    Origin,
    PositionIndex,
    integrity_problems,
)
from argmap.suggest import did_you_mean

FORMAT = "aif"

SCHEME_IDS: dict[str, str] = {
    "Default Inference": "72",
    "Default Conflict": "71",
    "Default Rephrase": "144",
    "Default Transition": "82",
    "Asserting": "74",
    "Arguing": "80",
    "Analogy": "1",
    "Cause To Effect": "4",
    "CauseToEffect": "4",
    "Commitment": "6",
    "Correlation To Cause": "7",
    "Example": "14",
    "Expert Opinion": "15",
    "ExpertOpinion": "15",
    "Ignorance": "19",
    "Popular Opinion": "23",
    "Position To Know": "26",
    "Practical Reasoning": "28",
    "PracticalReasoning": "28",
    "Sign": "30",
    "Verbal Classification": "31",
    "Established Rule": "61",
}
"""AIFdb's ids of schemes, as AIFdb's own files give them."""

_DEFAULT_SCHEMES = {"RA": "Default Inference", "CA": "Default Conflict", "MA": "Default Rephrase"}
"""The scheme AIF names when it names none: argmap reads it as no scheme."""
_UNNAMED = frozenset({"RA", "CA", "MA", "PA", ""})
_SCHEME_TYPES = frozenset({"RA", "CA", "MA", "PA"})
_ID = re.compile(ID_PATTERN)
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>|</p>|</div>", re.IGNORECASE)
_SPEAKER = re.compile(r"^([^:\n]{1,80}?)\s?:\s")
_SMALL = 1_000_000
"""Files of this many characters or fewer are read with the garbage collector on."""
_REPEATS_CHECK_LIMIT = 8 * 1024 * 1024
"""Files up to this size are checked for keys given twice (which JSON parsers pass over)."""


_INFERRING = frozenset({"RA", "CA", "MA"})
"""The types of the scheme nodes that make inferences."""
_KINDS = {"RA": InferenceKind.SUPPORT, "CA": InferenceKind.ATTACK, "MA": InferenceKind.REPHRASE}


class _Scheme:
    """An RA, CA or MA node while reading: the premises and conclusions its edges give it.

    For an MA node these are AIF's: the rephrasing I-node first, then the rephrased.
    """

    __slots__ = ("conclusions", "edges", "key", "kind", "node", "premises", "step")

    def __init__(self, key: str, kind: str, node: dict[str, Any]) -> None:
        self.key = key
        self.kind = kind
        self.node = node
        self.premises: list[str] = []  # the premises' argmap ids, in the order of the edges
        self.edges: list[Any] = []  # their edges
        self.conclusions: list[Any] = []  # each conclusion's argmap id, then its edge
        self.step = False  # whether it makes an inference


def _at(problem: Problem) -> tuple[int | None, int | None]:
    if problem.location is None:
        return None, None
    return problem.location.line, problem.location.column


# --- reading ---------------------------------------------------------------------------


def from_text(text: str, file: str | Path | None = None) -> tuple[ArgumentMap, ConversionReport]:
    """Read an AIF JSON document; return the map and what reading kept or changed.

    Raises:
        InvalidMapError: the text is not JSON, or not AIF (no ``nodes`` list, a node
            without ``nodeID`` or ``type``, two nodes with one id, ...); every
            problem is listed, located.
    """
    name = str(file) if file is not None else None
    # (a small file is read with the collector on: pausing it costs two young collections,
    # more than such a file's parse spares; 852 real files read in 0.34 s, not 0.42 s)
    with gc_paused() if len(text) > _SMALL else contextlib.nullcontext():
        # (a file up to 8 MB is also checked for keys given twice)
        data, found, problems = load_json(text, repeats=len(text) <= _REPEATS_CHECK_LIMIT)
        if problems:
            raise InvalidMapError(
                [Problem(p.code, p.message, Location(name, *_at(p)), p.hint) for p in problems]
            )
        positions = found or JsonItemPositions(text)
        reader = _Reader(data, positions, name, file)
        amap, report = reader.read()
    prefix, places = reader.prefix, reader.places()

    def place_of(ident: str, rest: Sequence[str | int]) -> tuple[int, int] | None:
        node = places().get(ident)
        if node is None:
            return None
        field = ("text",) if tuple(rest[:1]) == ("text",) else ()
        return positions.locate((*prefix, "nodes", node, *field))

    def elsewhere(path: Sequence[str | int]) -> tuple[int, int] | None:
        return positions.locate(("argmap", *path))  # what the argmap section holds

    # findings of `argmap check` then say where each node stands
    amap._attach(Origin(Path(name or "<aif>"), ItemPlaces(amap, place_of, elsewhere)))
    return amap, report


class _Reader:
    """One reading of an AIF document: validates, then maps nodes and edges."""

    def __init__(
        self, data: Any, positions: PositionIndex, name: str | None, file: str | Path | None
    ) -> None:
        self.data = data
        self.positions = positions
        self.name = name
        self.file = file
        self.problems: list[tuple[tuple[str | int, ...], str, str, str | None]] = []
        self.report = ConversionReport(FORMAT, "read")
        self.prefix: tuple[str, ...] = ()
        self.ids: list[str] | None = None  # each node's id, in order, if all kept their own
        self.seen_at: dict[str, int] = {}  # node id -> its place in `nodes` (if not)
        self.renamed: dict[str, int] = {}  # argmap id made up -> the node's place

    def places(self) -> Callable[[], dict[str, int]]:
        """A function giving the place in ``nodes`` of each item's node, by argmap id.

        The table is made the first time it is asked for (by a finding to locate), not
        for every reading.
        """
        ids, seen_at, renamed = self.ids, self.seen_at, self.renamed
        if ids is None:
            index = {**seen_at, **renamed} if renamed else seen_at
            return lambda: index
        made: list[dict[str, int]] = []  # (not functools.cache: wrapping costs more per file)

        def table() -> dict[str, int]:
            if not made:
                made.append(dict(zip(ids, range(len(ids)), strict=True)))
            return made[0]

        return table

    # -- problems

    def problem(
        self, path: tuple[str | int, ...], code: str, message: str, hint: str | None = None
    ) -> None:
        self.problems.append((path, code, message, hint))

    def fail(self) -> InvalidMapError:
        located = []
        for path, code, message, hint in self.problems:
            found = self.positions.locate(path)
            location = Location(self.name, *found) if found else Location(self.name)
            located.append(Problem(code, message, location, hint, path))
        located.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))  # type: ignore[union-attr]
        return InvalidMapError(located)

    # -- the document

    def read(self) -> tuple[ArgumentMap, ConversionReport]:
        data = self.data
        if not isinstance(data, dict):
            self.problem((), "not-aif", f"an AIF file holds a JSON object, not {_kind(data)}")
            raise self.fail()
        prefix: tuple[str | int, ...] = ()
        doc = data
        wrapper: dict[str, Any] = {}
        if isinstance(data.get("AIF"), dict):
            prefix = self.prefix = ("AIF",)
            doc = data["AIF"]
            wrapper = {k: v for k, v in data.items() if k not in ("AIF", "argmap")}
        nodes = doc.get("nodes")
        if not isinstance(nodes, list):
            hint = "an AIF file has a `nodes` list (and `edges`)"
            if "claims" in doc or ("argmap" in doc and "nodes" not in doc):
                hint = "this looks like an argmap map file: read it as `json`"
            self.problem(
                (*prefix, "nodes") if "nodes" in doc else prefix,
                "not-aif",
                "no `nodes` list" if "nodes" not in doc else f"`nodes` is {_kind(nodes)}",
                hint,
            )
            raise self.fail()
        edges = doc.get("edges", [])
        if not isinstance(edges, list):
            self.problem((*prefix, "edges"), "wrong-type", f"`edges` is {_kind(edges)}, not a list")
            raise self.fail()
        section = self._section(data.get("argmap")) if "argmap" in data else None
        rest = {k: v for k, v in doc.items() if k not in ("nodes", "edges", "argmap")}
        return self._map(nodes, edges, prefix, rest, wrapper, section)

    def _section(self, section: Any) -> dict[str, Any] | None:
        """The ``argmap`` section argmap writes, checked (it may have been edited)."""
        hint = "argmap wrote this section; mend it, or delete it to read the file as plain AIF"
        if not isinstance(section, dict):
            self.problem(
                ("argmap",),
                "invalid-argmap-section",
                f"the `argmap` section is {_kind(section)}, not an object",
                hint,
            )
            raise self.fail()
        shapes = {"map": dict, "items": dict, "numbered": list, "version": int}
        for key, value in section.items():
            shape = shapes.get(key)
            if shape is None:
                self.problem(
                    ("argmap", key),
                    "invalid-argmap-section",
                    f"the `argmap` section has an unknown entry `{short(key)}`",
                    did_you_mean(key, shapes) or hint,
                )
            elif not isinstance(value, shape):
                self.problem(
                    ("argmap", key),
                    "invalid-argmap-section",
                    f"`{key}` of the `argmap` section is {_kind(value)}",
                    hint,
                )
        for key, value in (
            (section.get("items") or {}).items() if isinstance(section.get("items"), dict) else ()
        ):
            if not isinstance(value, dict):
                self.problem(
                    ("argmap", "items", key),
                    "invalid-argmap-section",
                    f"the `argmap` section's entry for `{key}` is {_kind(value)}, not an object",
                    hint,
                )
            elif "extra" in value and not isinstance(value["extra"], dict):
                self.problem(
                    ("argmap", "items", key, "extra"),
                    "invalid-argmap-section",
                    f"the `extra` of `{key}` in the `argmap` section is {_kind(value['extra'])}, "
                    "not an object",
                    hint,
                )
        numbered = section.get("numbered")
        if isinstance(numbered, list):
            for i, ident in enumerate(numbered):
                if not isinstance(ident, str):
                    self.problem(
                        ("argmap", "numbered", i),
                        "invalid-argmap-section",
                        f"`numbered` of the `argmap` section holds {_kind(ident)}, not an id",
                        hint,
                    )
        if self.problems:
            raise self.fail()
        return section

    def _map(
        self,
        raw_nodes: list[Any],
        raw_edges: list[Any],
        prefix: tuple[str | int, ...],
        rest: dict[str, Any],
        wrapper: dict[str, Any],
        section: dict[str, Any] | None,
    ) -> tuple[ArgumentMap, ConversionReport]:
        kinds, order, by_key, integer_ids = self._nodes(raw_nodes, prefix)
        links = self._edges(raw_edges, prefix, kinds, by_key)
        if self.problems:
            raise self.fail()
        return self._build(kinds, order, links, integer_ids, rest, wrapper, section)

    def _nodes(
        self, raw_nodes: list[Any], prefix: tuple[str | int, ...]
    ) -> tuple[dict[str, str | _Scheme], list[dict[str, Any]], dict[str, str] | None, bool]:
        """Check each node and give each a valid, unique argmap id.

        Returns the type of each node by argmap id (for an RA or CA node, a `_Scheme` that
        gathers its edges), the nodes in that order, the argmap id of each node's own id
        as text (None when every node kept its own), and whether every id is an integer.
        """
        kinds: dict[str, str | _Scheme] = {}  # argmap id -> type, or the scheme node
        # The common case, quickly: nodes whose string id is a valid argmap id, given once.
        # They need no other table (in a large file each table costs a random memory access
        # per node), so this loop stops at the first node that needs a closer look.
        for node in raw_nodes:
            if type(node) is dict:
                key = node.get("nodeID")
                kind = node.get("type")
                text = node.get("text")
                if (
                    type(key) is str
                    and type(kind) is str
                    and (text is None or type(text) is str)
                    and key not in kinds
                    and len(key) <= MAX_ID_LENGTH
                    and (key.isalnum() or _ID.match(key))
                ):
                    kinds[key] = _Scheme(key, kind, node) if kind in _INFERRING else kind
                    continue
            break
        start = len(kinds)  # the nodes before `start` are all in `kinds`, in order
        if start == len(raw_nodes):
            self.ids = list(kinds)
            return kinds, raw_nodes, None, False
        # from here on, the careful way: every node's place and argmap id in a table
        order = raw_nodes[:start]
        seen_at = self.seen_at  # node id -> its place in `nodes`
        seen_at.update(zip(kinds, range(start), strict=True))
        by_key: dict[str, str] = {key: key for key in kinds}  # own id -> argmap id
        integer_ids = start == 0
        report = self.report
        reserved: set[str] | None = None  # every id as given: made-up ids avoid them
        for i in range(start, len(raw_nodes)):
            node = raw_nodes[i]
            path = (*prefix, "nodes", i)
            if not isinstance(node, dict):
                self.problem(path, "wrong-type", f"node {i} is {_kind(node)}, not an object")
                continue
            key = node.get("nodeID")
            kind = node.get("type")
            if not isinstance(key, str | int) or isinstance(key, bool):
                what = "has no `nodeID`" if key is None else f"has a `nodeID` of {_kind(key)}"
                self.problem(path, "missing-field", f"node {i} {what}", "give it a string id")
                continue
            if not isinstance(kind, str):
                hint = "e.g. `I`, `RA`, `CA`, `MA`, `PA`, `L`, `YA`, `TA`"
                self.problem(
                    (*path, "type") if "type" in node else path,
                    "wrong-type",
                    f"node `{key}` has no `type` string",
                    hint,
                )
                continue
            text = node.get("text")
            if text is not None and not isinstance(text, str):
                self.problem(
                    (*path, "text"),
                    "wrong-type",
                    f"the `text` of node `{key}` is {_kind(text)}, not a string",
                )
                continue
            if isinstance(key, int):
                key_text = str(key)
            else:
                key_text = key
                integer_ids = False
            if key_text in seen_at:
                self.problem(
                    (*path, "nodeID"),
                    "duplicate-id",
                    f"two nodes have the id `{key}` (nodes {seen_at[key_text]} and {i})",
                    "give each node its own id",
                )
                continue
            seen_at[key_text] = i
            argmap_id = key_text if _ID.match(key_text) and len(key_text) <= MAX_ID_LENGTH else None
            if argmap_id is None or argmap_id in kinds:
                if reserved is None:
                    reserved = {
                        str(n["nodeID"])
                        for n in raw_nodes
                        if isinstance(n, dict) and isinstance(n.get("nodeID"), str | int)
                    }
                argmap_id = make_id(
                    key_text, kinds, reserved, fallback="node", joiner="_", lead="n"
                )
                report.changed(
                    "node ids made valid argmap ids (the original kept in `extra`)",
                    f"`{key}` → `{argmap_id}`",
                )
                self.renamed[argmap_id] = i
            kinds[argmap_id] = _Scheme(argmap_id, kind, node) if kind in _INFERRING else kind
            order.append(node)
            by_key[key_text] = argmap_id
        return kinds, order, by_key, integer_ids

    def _edges(
        self,
        raw_edges: list[Any],
        prefix: tuple[str | int, ...],
        kinds: dict[str, str | _Scheme],
        by_key: dict[str, str] | None,
    ) -> tuple[list[dict[str, Any]], list[Any], list[tuple[str, str]]]:
        """Check each edge and give it to the scheme node it makes a premise or conclusion of.

        Returns the edges no inference stands for, those naming no node, and those from or
        to a YA node (which make locutions).
        """
        other: list[dict[str, Any]] = []  # edges no inference stands for
        loose: list[Any] = []  # edges naming a node the file does not have
        dialogue: list[tuple[str, str]] = []  # edges with a YA node at one end
        find = kinds.get
        a: Any  # the ends' argmap ids, once both are found
        b: Any
        for i, edge in enumerate(raw_edges):
            kind_a = kind_b = None
            if type(edge) is dict:  # the common case, quickly
                a, b = edge.get("fromID"), edge.get("toID")
                if type(a) is str and type(b) is str:
                    if by_key is not None:
                        a, b = by_key.get(a), by_key.get(b)
                    kind_a, kind_b = find(a), find(b)
            if kind_a is None or kind_b is None:
                ends = self._edge_ends(i, edge, prefix, kinds, by_key, loose)
                if ends is None:
                    continue
                a, b = ends
                kind_a, kind_b = kinds[a], kinds[b]
            if type(kind_b) is _Scheme and kind_a == "I":  # a premise
                kind_b.premises.append(a)
                kind_b.edges.append(edge)
            elif type(kind_a) is _Scheme and (
                kind_b == "I" or (kind_a.kind == "CA" and type(kind_b) is _Scheme)
            ):  # a conclusion (of a CA node, possibly a scheme node: an undercut)
                kind_a.conclusions += (b, edge)
            else:
                other.append(edge)
                if kind_a == "YA" or kind_b == "YA":
                    dialogue.append((a, b))
        return other, loose, dialogue

    def _edge_ends(
        self,
        i: int,
        edge: Any,
        prefix: tuple[str | int, ...],
        kinds: dict[str, Any],
        by_key: dict[str, str] | None,
        loose: list[Any],
    ) -> tuple[str, str] | None:
        """The argmap ids of an edge's ends, the careful way; None for a wrong or loose edge."""
        path = (*prefix, "edges", i)
        if not isinstance(edge, dict):
            self.problem(path, "wrong-type", f"edge {i} is {_kind(edge)}, not an object")
            return None
        source, target = edge.get("fromID"), edge.get("toID")
        if not isinstance(source, str | int) or not isinstance(target, str | int):
            self.problem(
                path,
                "missing-field",
                f"edge {i} needs a `fromID` and a `toID`",
                "give the ids of the nodes it links",
            )
            return None
        own: dict[str, Any] = kinds if by_key is None else by_key  # node id -> ...
        a, b = str(source), str(target)
        if a not in own or b not in own:
            missing = source if a not in own else target
            known = list(own) if len(own) < 10_000 else []
            self.report.kept(
                "edges naming a node the file does not have, kept in `extra`",
                f"edge {edge.get('edgeID', i)} → `{missing}`"
                + (
                    f" ({did_you_mean(str(missing), known)})"
                    if did_you_mean(str(missing), known)
                    else ""
                ),
            )
            loose.append(edge)
            return None
        return (a, b) if by_key is None else (by_key[a], by_key[b])

    def _build(
        self,
        kinds: dict[str, str | _Scheme],
        order: list[dict[str, Any]],
        links: tuple[list[dict[str, Any]], list[Any], list[tuple[str, str]]],
        integer_ids: bool,
        rest: dict[str, Any],
        wrapper: dict[str, Any],
        section: dict[str, Any] | None,
    ) -> tuple[ArgumentMap, ConversionReport]:
        other, loose_edges, dialogue = links
        items = section.get("items", {}) if section is not None else {}
        self._check_items(items, kinds)
        numbered = section.get("numbered") if section is not None else None
        numbered = set(numbered) if isinstance(numbered, list) else set()
        extras = _ExtraBuilder(integer_ids)
        locutions = self._locutions(kinds, order, dialogue, rest) if dialogue else {}
        claims, evidence, steps, kept_nodes = self._sort_nodes(
            kinds, order, items, locutions, extras, other
        )
        inferences = self._inferences(steps, kinds, items, numbered, extras)
        map_extra = self._map_extra(kept_nodes, other + loose_edges, rest, wrapper, integer_ids)
        if self.problems:  # (an item whose entry was wrong is not built: never lose it quietly)
            raise self.fail()
        return self._assemble(
            claims, evidence, inferences, map_extra, wrapper, section
        ), self.report

    def _check_items(self, items: dict[str, Any], kinds: dict[str, str | _Scheme]) -> None:
        """Fail if the ``argmap`` section describes a node the file does not have."""
        for key in items:
            if key not in kinds:
                self.problem(
                    ("argmap", "items", key),
                    "unknown-reference",
                    f"the `argmap` section describes `{short(key)}`, which is no node of the file",
                    did_you_mean(key, list(kinds)[:100_000]) or "delete the entry",
                )
        if self.problems:
            raise self.fail()

    def _sort_nodes(
        self,
        kinds: dict[str, str | _Scheme],
        order: list[dict[str, Any]],
        items: dict[str, Any],
        locutions: dict[str, list[Locution]],
        extras: _ExtraBuilder,
        other: list[dict[str, Any]],
    ) -> tuple[list[Claim], list[Evidence], list[_Scheme], list[dict[str, Any]]]:
        """Make the claims (and evidence written by argmap) in one pass over the nodes.

        Returns them, the scheme nodes that become inferences, and the other nodes, kept.
        The edges of a scheme node that does not become an inference go to ``other``.
        """
        claims: list[Claim] = []
        evidence: list[Evidence] = []
        steps: list[_Scheme] = []  # the scheme nodes that become inferences
        undercuts: list[_Scheme] = []  # those of them that conclude a scheme node
        kept_nodes: list[dict[str, Any]] = []
        fixed_text = 0
        decoded = 0
        for (key, kind), node in zip(kinds.items(), order, strict=True):
            if kind == "I":
                raw = node.get("text")
                text = raw if isinstance(raw, str) else ""
                if "&" in text:
                    text = html.unescape(text)
                    decoded += text != raw
                if len(node) == 3 and raw is not None and node["nodeID"] == key:
                    extra: dict[str, Any] = {}  # only nodeID, type and text: quickly
                else:
                    extra = extras.of(key, node, ("nodeID", "type", "text"))
                if not text or text.isspace():  # (as `not text.strip()`, without a copy)
                    text = "(no text)"
                    fixed_text += 1
                if text != raw:
                    extra["text"] = raw
                fields: dict[str, Any] = {"id": key, "text": text}
                if extra:
                    fields["extra"] = {FORMAT: extra}
                if key in locutions:
                    fields["locutions"] = locutions[key]
                own = items.get(key)
                if isinstance(own, dict):
                    self._add_described(key, own, fields, claims, evidence)
                    continue
                claims.append(construct_valid(Claim, fields))
            elif type(kind) is not _Scheme:
                kept_nodes.append(node)
            elif (
                kind.premises
                and len(kind.conclusions) == 2
                and (kind.kind != "MA" or len(set(kind.premises)) == 1)
            ):
                kind.step = True
                steps.append(kind)
                if kind.kind == "CA" and type(kinds[kind.conclusions[0]]) is _Scheme:
                    undercuts.append(kind)
            else:
                self._keep_scheme(kind, other)
                kept_nodes.append(node)
        if undercuts:
            steps, kept_nodes = self._drop_undercuts(
                kinds, order, undercuts, steps, kept_nodes, other
            )
        self._report_texts(decoded, fixed_text)
        return claims, evidence, steps, kept_nodes

    def _add_described(
        self,
        key: str,
        own: dict[str, Any],
        fields: dict[str, Any],
        claims: list[Claim],
        evidence: list[Evidence],
    ) -> None:
        """Add the claim or evidence an I-node and its entry in the ``argmap`` section make."""
        item = self._from_section(key, own, fields)
        if isinstance(item, Evidence):
            evidence.append(item)
        elif isinstance(item, Claim):
            claims.append(item)

    def _keep_scheme(self, scheme: _Scheme, other: list[dict[str, Any]]) -> None:
        """Say why a scheme node is no inference, and keep its edges."""
        conclusions = scheme.conclusions
        if not scheme.premises:
            why = "no premise"
        elif not conclusions:
            why = "no conclusion"
        elif len(conclusions) != 2:
            why = f"{len(conclusions) // 2} conclusions"
        else:
            why = f"{len(set(scheme.premises))} I-nodes rephrasing one"
        self.report.kept(
            f"{scheme.kind} nodes with {why} kept in `extra` (argmap needs one of each)",
            f"node {scheme.node['nodeID']}",
        )
        other.extend(scheme.edges)
        other.extend(conclusions[1::2])

    def _drop_undercuts(
        self,
        kinds: dict[str, str | _Scheme],
        order: list[dict[str, Any]],
        undercuts: list[_Scheme],
        steps: list[_Scheme],
        kept_nodes: list[dict[str, Any]],
        other: list[dict[str, Any]],
    ) -> tuple[list[_Scheme], list[dict[str, Any]]]:
        """Keep as inferences only the undercuts whose target is an inference too.

        Drops those whose target is not, then those that undercut the dropped, and so on (a
        worklist: linear). Returns the steps and the kept nodes, updated.
        """
        undercutting: dict[str, list[_Scheme]] = {}
        dropped = []
        for step in undercuts:
            target = step.conclusions[0]
            undercutting.setdefault(target, []).append(step)
            if not kinds[target].step:  # type: ignore[union-attr]
                dropped.append(step)
        if not dropped:
            return steps, kept_nodes
        while dropped:
            step = dropped.pop()
            if not step.step:
                continue
            step.step = False
            other.extend(step.edges)
            other.append(step.conclusions[1])
            self.report.kept(
                "CA nodes attacking a scheme node that is not an inference, kept in `extra`",
                f"node {step.node['nodeID']}",
            )
            dropped.extend(undercutting.get(step.key, ()))
        steps = [step for step in steps if step.step]
        kept_nodes = [
            node
            for kind, node in zip(kinds.values(), order, strict=True)
            if kind != "I" and not (type(kind) is _Scheme and kind.step)
        ]
        return steps, kept_nodes

    def _report_texts(self, decoded: int, fixed_text: int) -> None:
        """Say how many I-node texts had HTML entities decoded, and how many were empty."""
        if decoded:
            self.report.kept(
                "HTML entities in I-node texts decoded (the text as written kept in `extra`)",
                count=decoded,
            )
        if fixed_text:
            self.report.changed("I-nodes without text given the text `(no text)`", count=fixed_text)

    def _inferences(
        self,
        steps: list[_Scheme],
        kinds: dict[str, str | _Scheme],
        items: dict[str, Any],
        numbered: set[str],
        extras: _ExtraBuilder,
    ) -> list[Inference]:
        """Make an inference of each scheme node in ``steps``."""
        inferences: list[Inference] = []
        twice = 0
        support, undercut = InferenceKind.SUPPORT, InferenceKind.UNDERCUT
        known_names: dict[tuple[Any, ...], tuple[str | None, bool]] = {}
        for step in steps:
            key, node_kind, node = step.key, step.kind, step.node
            ids = step.premises
            if len(ids) > 1 and len(set(ids)) < len(ids):
                ids = list(dict.fromkeys(ids))
                twice += len(step.premises) - len(ids)
            target, conclusion_edge = step.conclusions
            kind = _KINDS.get(node_kind, support)
            if node_kind == "CA" and type(kinds[target]) is _Scheme:
                kind = undercut
            elif node_kind == "MA":  # the restatement points to what it restates
                ids, target = [target], ids[0]
            # the scheme and whether writing gives the node's names again, once for each
            # way of naming a scheme (a file names a few, in each of thousands of nodes)
            naming = (node_kind, node.get("text"), node.get("scheme"), node.get("schemeID"))
            try:
                scheme, alike = known_names[naming]
            except KeyError:
                scheme = scheme_of(node)
                alike = _written_as(scheme, node_kind) == naming[1:]
                known_names[naming] = scheme, alike
            except TypeError:  # a scheme or schemeID that is a list or an object
                scheme, alike = scheme_of(node), False
            if alike and len(node) == 4 + ("schemeID" in node) and node["nodeID"] == key:
                extra: dict[str, Any] = {}  # only nodeID, type and the names writing gives
            else:
                extra = extras.of(key, node, ("nodeID", "type"))
                if _written_as(scheme, node_kind) == _names_of(extra):  # (extra has no type)
                    for field in ("text", "scheme", "schemeID"):  # writing gives them again
                        extra.pop(field, None)
            rests = step.edges
            rests.append(conclusion_edge)  # the edges as read (their ends are ignored)
            if key not in numbered or any(len(rest) != 3 for rest in rests):
                extra["edges"] = rests  # argmap numbers the edges it made alike each time
            fields: dict[str, Any] = {
                "id": key,
                "premises": ids,
                "conclusion": target,
                "kind": kind,
                "scheme": scheme,
                "extra": {FORMAT: extra} if extra else {},
            }
            own = items.get(key)
            if own is not None and isinstance(own, dict):
                made = self._from_section(key, own, fields)
                if isinstance(made, Inference):
                    inferences.append(made)
                continue
            inferences.append(construct_valid(Inference, fields))
        if twice:
            self.report.changed("premises linked to one scheme node twice, kept once", count=twice)
        return inferences

    def _map_extra(
        self,
        kept_nodes: list[dict[str, Any]],
        kept_edges: list[Any],
        rest: dict[str, Any],
        wrapper: dict[str, Any],
        integer_ids: bool,
    ) -> dict[str, Any]:
        """The map's ``extra``: what argmap has no place for, and what the report says of it."""
        report = self.report
        by_type = Counter(node["type"] for node in kept_nodes if node["type"] not in _INFERRING)
        names = {
            "L": "locutions",
            "YA": "illocutions",
            "TA": "transitions",
            "MA": "rephrases",
            "PA": "preferences",
        }
        for kind, count in sorted(by_type.items()):
            what = f"{kind} nodes ({names[kind]})" if kind in names else f"{kind} nodes"
            where = "kept in `extra`"
            if kind == "L":
                where = "kept in `extra`; those anchored in an I-node also as its locutions"
            report.kept(f"{what} {where}", count=count)
        if kept_edges:
            report.kept("edges of the nodes kept in `extra`", count=len(kept_edges))
        map_extra: dict[str, Any] = {}
        if kept_nodes or kept_edges or rest or wrapper or integer_ids:
            aif: dict[str, Any] = {"nodes": kept_nodes, "edges": kept_edges}
            if rest:
                aif["document"] = rest
                filled = [f"`{k}`" for k, v in rest.items() if v not in ([], {}, None, "")]
                if filled:
                    report.kept(
                        "AIF sections argmap has no place for, kept in `extra`",
                        ", ".join(filled),
                        count=len(filled),
                    )
            if wrapper:
                aif["wrapper"] = wrapper
                report.kept(
                    "OVA's layout and text kept in `extra`", ", ".join(f"`{k}`" for k in wrapper)
                )
            if integer_ids:
                aif["integer_ids"] = True
            map_extra[FORMAT] = aif
        return map_extra

    def _assemble(
        self,
        claims: list[Claim],
        evidence: list[Evidence],
        inferences: list[Inference],
        map_extra: dict[str, Any],
        wrapper: dict[str, Any],
        section: dict[str, Any] | None,
    ) -> ArgumentMap:
        title = _stem(str(self.file)) if self.file is not None else "AIF map"
        fields: dict[str, Any] = {"title": title}
        if section is not None and isinstance(section.get("map"), dict):
            fields.update(section["map"])
            if isinstance(section["map"].get("extra"), dict):
                fields["extra"] = {**section["map"]["extra"], **map_extra}
        if "extra" not in fields and map_extra:
            fields["extra"] = map_extra
        sources = fields.pop("sources", [])
        if section is None and "text" in wrapper:
            source = _ova_source(wrapper["text"], title)
            if source is not None:
                sources = [source]
                self.report.kept("OVA's text made the map's source (the HTML kept in `extra`)")
        if section is None and not sources and title.strip():  # (the title and extra alone,
            # valid as they are: most files of a corpus, each read in a few microseconds less)
            fields.update(claims=claims, evidence=evidence, inferences=inferences)
            return construct_valid(ArgumentMap, fields)
        try:
            head = ArgumentMap.model_validate(
                {**fields, "sources": sources},
                context={DEFER_INTEGRITY: True, EXTRA_IS_JSON: True},  # (all of it parsed JSON)
            )
        except ValidationError as err:
            for error in err.errors():
                self.problem(
                    ("argmap", "map", *tuple(error["loc"])),
                    "invalid-argmap-section",
                    f"the `argmap` section is wrong: {validation_message(error)}",
                )
            raise self.fail() from None
        amap = head  # (valid as it stands: the items below are built valid)
        amap.claims = claims
        amap.evidence = evidence
        amap.inferences = inferences
        # the section's thesis or sources may name items the file does not have (the rest
        # is valid as built: unique ids, premises that are claims, conclusions that exist)
        wrong = integrity_problems(amap) if section is not None else []
        if wrong:
            for problem in wrong:
                self.problem(("argmap",), problem.code, problem.message, problem.hint)
            raise self.fail()
        return amap

    def _from_section(
        self, key: str, own: dict[str, Any], fields: dict[str, Any]
    ) -> Claim | Evidence | Inference | None:
        """Make an item from the node and what the ``argmap`` section says of it."""
        data = {**{k: v for k, v in own.items() if k != "type" and k not in fields}, **fields}
        own_extra: dict[str, Any] = own["extra"] if isinstance(own.get("extra"), dict) else {}
        if own_extra or fields.get("extra"):
            data["extra"] = {**own_extra, **(fields.get("extra") or {})}
        model: type[Claim | Evidence | Inference]
        if "premises" in fields:
            model = Inference
        elif own.get("type") == "evidence":
            model = Evidence
        else:
            model = Claim
        if model is Evidence:
            data.pop("locutions", None)
        try:
            return model.model_validate(data, context={EXTRA_IS_JSON: True})
        except ValidationError as err:
            for error in err.errors():
                loc = ("argmap", "items", key, *tuple(error["loc"]))
                self.problem(
                    loc,
                    "invalid-argmap-section",
                    f"the `argmap` section's entry for `{key}` is wrong: "
                    f"{validation_message(error)}"
                    f" at `{'.'.join(str(p) for p in error['loc'])}`",
                )
            return None

    def _locutions(
        self,
        kinds: dict[str, str | _Scheme],
        order: list[dict[str, Any]],
        dialogue: list[tuple[str, str]],
        rest: dict[str, Any],
    ) -> dict[str, list[Locution]]:
        """The locutions anchored in each I-node: L → YA → I (``dialogue``: edges from or to YA)."""
        said_by: dict[str, str] = {}  # YA -> L
        anchors: dict[str, list[str]] = {}  # YA -> I
        for a, b in dialogue:
            kind_a, kind_b = kinds[a], kinds[b]
            if kind_b == "YA" and kind_a == "L":
                said_by.setdefault(b, a)
            elif kind_a == "YA" and kind_b == "I":
                anchors.setdefault(a, []).append(b)
        if not said_by:
            return {}
        speakers = _speakers(rest)
        nodes = dict(zip(kinds, order, strict=True))
        found: dict[str, list[Locution]] = {}
        for ya, claims in anchors.items():
            if ya not in said_by:
                continue
            node = nodes[said_by[ya]]
            words = node.get("text") or ""
            speaker = speakers.get(str(node["nodeID"]))
            match = _SPEAKER.match(words)
            if match:
                speaker = speaker or match.group(1).strip()
                words = words[match.end() :]
            if not words.strip():
                continue
            time = node.get("timestamp")
            locution = construct_valid(
                Locution,
                {
                    "text": html.unescape(words) if "&" in words else words,
                    "speaker": speaker,
                    "illocution": nodes[ya].get("text")
                    if isinstance(nodes[ya].get("text"), str)
                    else None,
                    "time": time if isinstance(time, str) and time else None,
                },
            )
            for claim in claims:
                found.setdefault(claim, []).append(locution)
        return found


class _ExtraBuilder:
    """Makes each item's ``extra["aif"]``: the node's fields that argmap has no place for."""

    def __init__(self, integer_ids: bool) -> None:
        self.integer_ids = integer_ids

    def of(self, key: str, node: dict[str, Any], known: Collection[str]) -> dict[str, Any]:
        if len(node) == len(known) and all(k in node for k in known):
            extra: dict[str, Any] = {}  # (the common case, quickly)
        else:
            extra = {k: v for k, v in node.items() if k not in known}
        original = node["nodeID"]
        if original != key and not (self.integer_ids and str(original) == key):
            extra["nodeID"] = original
        return extra


def scheme_of(node: dict[str, Any]) -> str | None:
    """The name of a scheme node's scheme, or None for AIF's default (unnamed) ones.

    Examples:
        >>> scheme_of({"type": "RA", "text": "RA", "scheme": "ExpertOpinion"})
        'ExpertOpinion'
        >>> scheme_of({"type": "RA", "text": "Default Inference"}) is None
        True
        >>> scheme_of({"type": "RA", "text": "Default Conflict"})  # odd, but named
        'Default Conflict'
    """
    default = _DEFAULT_SCHEMES.get(node.get("type"))  # type: ignore[arg-type]
    for field in ("text", "scheme"):
        value = node.get(field)
        if isinstance(value, str) and value.strip() not in _UNNAMED and value != default:
            return value
    return None


def _written_as(scheme: str | None, kind: str) -> tuple[Any, Any, Any]:
    """The ``text``, ``scheme`` and ``schemeID`` that argmap writes for a scheme node."""
    name = scheme or _DEFAULT_SCHEMES[kind]
    return name, name, SCHEME_IDS.get(name)


_NODE_TYPES = {InferenceKind.SUPPORT: "RA", InferenceKind.REPHRASE: "MA"}
"""The type of the scheme node each kind of inference is written as (else CA)."""


def _names_of(node: dict[str, Any]) -> tuple[Any, Any, Any]:
    return node.get("text"), node.get("scheme"), node.get("schemeID")


_EDGE_ENDS = frozenset({"edgeID", "fromID", "toID"})
_ABSENT = object()


def _speakers(rest: dict[str, Any]) -> dict[str, str]:
    """OVA's names of who said each L-node: ``locutions`` → ``participants``."""
    people: dict[str, str] = {}
    participants = rest.get("participants")
    if isinstance(participants, list):
        for person in participants:
            if isinstance(person, dict) and "participantID" in person:
                name = " ".join(str(person[k]) for k in ("firstname", "surname") if person.get(k))
                if name:
                    people[str(person["participantID"])] = name
    said: dict[str, str] = {}
    locutions = rest.get("locutions")
    if people and isinstance(locutions, list):
        for locution in locutions:
            if isinstance(locution, dict) and str(locution.get("personID")) in people:
                said.setdefault(str(locution.get("nodeID")), people[str(locution["personID"])])
    return said


def _ova_source(text: Any, title: str) -> dict[str, Any] | None:
    """OVA's ``text`` (HTML, or ``{txt, url}``) as a source with plain text."""
    url = None
    if isinstance(text, dict):
        url = text.get("url") if isinstance(text.get("url"), str) and text.get("url") else None
        text = text.get("txt")
    if not isinstance(text, str):
        return None
    plain = html.unescape(_TAG.sub("", _BREAK.sub("\n", text))).strip()
    if not plain:
        return None
    return {"id": "text", "title": title, "text": plain, "url": url}


def _stem(path: str) -> str:
    """``Path(path).stem``, without making a Path (a real corpus is read file by file).

    Examples:
        >>> _stem("maps/nodeset10464.json"), _stem("a.b.aif"), _stem(".aif"), _stem("x/")
        ('nodeset10464', 'a.b', '.aif', 'x')
    """
    name = os.path.basename(path.rstrip("/")) or path
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _kind(value: Any) -> str:
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "true or false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


# --- writing ---------------------------------------------------------------------------


def to_text(amap: ArgumentMap) -> tuple[str, ConversionReport]:
    """Write the map as AIF JSON; return the text and what writing kept outside AIF.

    Examples:
        >>> import argmap
        >>> text, report = to_text(argmap.read("examples/crisis_core.yaml"))
        >>> sorted({node["type"] for node in json.loads(text)["nodes"]})
        ['I', 'RA']
    """
    return _Writer(amap).write()


class _Writer:
    def __init__(self, amap: ArgumentMap) -> None:
        self.amap = amap
        self.report = ConversionReport(FORMAT, "write")
        kept = amap.extra.get(FORMAT)
        self.kept: dict[str, Any] = kept if isinstance(kept, dict) else {}
        self.integer_ids = bool(self.kept.get("integer_ids"))
        self.nodes: list[dict[str, Any]] = []
        self.edges: list[dict[str, Any]] = []
        self.node_ids: dict[str, Any] = {}  # argmap id -> nodeID written
        self.edge_ids: set[Any] = set()  # reserved or written
        self.written_edges: set[Any] = set()
        self.numbered: list[str] = []  # inferences whose edges argmap numbered
        self.integer_edges = False
        self.next_edge = 0

    def node_id(self, item_id: str, extra: dict[str, Any]) -> Any:
        if "nodeID" in extra:
            return extra["nodeID"]
        if self.integer_ids and item_id.isdigit():
            return int(item_id)
        return item_id

    def write(self) -> tuple[str, ConversionReport]:
        amap = self.amap
        section_items: dict[str, Any] = {}
        with gc_paused():
            items: list[Claim | Evidence] = [*amap.claims, *amap.evidence]
            for item in items:
                extra = _aif_extra(item.extra)
                text = item.text
                if "&" in text and html.unescape(text) != text:
                    text = text.replace("&", "&amp;")  # so that reading it gives it back
                node = {"nodeID": self.node_id(item.id, extra), "text": text, "type": "I"}
                raw_text = extra.get("text")
                if isinstance(raw_text, str) and (
                    html.unescape(raw_text) == item.text
                    or (not raw_text.strip() and item.text == "(no text)")
                ):
                    node["text"] = raw_text
                node.update({k: v for k, v in extra.items() if k not in ("nodeID", "text")})
                self.nodes.append(node)
                self.node_ids[item.id] = node["nodeID"]
                own = _beyond_aif(item)
                if own:
                    section_items[item.id] = own
            for inference in amap.inferences:
                extra = _aif_extra(inference.extra)
                self.node_ids[inference.id] = self.node_id(inference.id, extra)
                for rest in extra.get("edges", ()) if isinstance(extra.get("edges"), list) else ():
                    if isinstance(rest, dict):
                        self._claim_edge_id(rest.get("edgeID"))
            for edge in (
                self.kept.get("edges", []) if isinstance(self.kept.get("edges"), list) else []
            ):
                if isinstance(edge, dict):
                    self._claim_edge_id(edge.get("edgeID"))
            for inference in amap.inferences:
                section = self._inference(inference)
                if section:
                    section_items[inference.id] = section
            self._kept_dialogue()
            if not any(n.get("type") == "L" for n in self.nodes):
                self._locutions()
        doc: dict[str, Any] = {"nodes": self.nodes, "edges": self.edges}
        document = self.kept.get("document")
        if isinstance(document, dict):
            doc.update(document)
        elif any(c.locutions for c in amap.claims):
            doc["locutions"] = []
        section = self._section(section_items)
        wrapper = self.kept.get("wrapper")
        out: dict[str, Any]
        out = {"AIF": doc, **wrapper} if isinstance(wrapper, dict) else doc
        if section:
            out["argmap"] = section
            self.report.kept(
                "argmap data beyond AIF (evidence, quotes, sources, warrants, notes, tags, "
                "the thesis) written to the `argmap` section, which AIF tools ignore"
            )
        return json.dumps(out, ensure_ascii=False, indent=1) + "\n", self.report

    def _claim_edge_id(self, edge_id: Any) -> None:
        if edge_id is None:
            return
        self.edge_ids.add(edge_id)
        if isinstance(edge_id, int) and not isinstance(edge_id, bool):
            self.integer_edges = True
            self.next_edge = max(self.next_edge, edge_id + 1)
        elif isinstance(edge_id, str) and edge_id.isdigit():
            self.next_edge = max(self.next_edge, int(edge_id) + 1)

    def _new_edge_id(self) -> Any:
        while True:
            candidate: Any = self.next_edge if self.integer_edges else str(self.next_edge)
            self.next_edge += 1
            if candidate not in self.edge_ids:
                self.edge_ids.add(candidate)
                self.written_edges.add(candidate)
                return candidate

    def _edge(self, source: Any, target: Any, rest: dict[str, Any] | None) -> None:
        if rest is not None and "edgeID" in rest and rest["edgeID"] in self.written_edges:
            self.report.changed("edges that shared an id given new ids", str(rest["edgeID"]))
        elif rest is not None and "edgeID" in rest:
            self.written_edges.add(rest["edgeID"])
            self.edges.append(
                {
                    "edgeID": rest["edgeID"],
                    "fromID": source,
                    "toID": target,
                    **{k: v for k, v in rest.items() if k not in _EDGE_ENDS},
                }
            )
            return
        self.edges.append({"edgeID": self._new_edge_id(), "fromID": source, "toID": target})

    def _inference(self, inference: Inference) -> dict[str, Any]:
        extra = _aif_extra(inference.extra)
        kind = _NODE_TYPES.get(inference.kind, "CA")
        node_id = self.node_ids[inference.id]
        node: dict[str, Any] = {"nodeID": node_id, "type": kind}
        if ("text" in extra or "scheme" in extra) and scheme_of(
            {**extra, "type": kind}
        ) == inference.scheme:
            node.update({k: v for k, v in extra.items() if k not in ("nodeID", "edges")})
        else:
            if scheme_of(extra) is not None and scheme_of(extra) != inference.scheme:
                pass  # the scheme was changed in argmap: write the new one
            node.update(
                {
                    k: v
                    for k, v in extra.items()
                    if k not in ("nodeID", "edges", "text", "scheme", "schemeID", "type")
                }
            )
            text, scheme, scheme_id = _written_as(inference.scheme, kind)
            if inference.scheme == _DEFAULT_SCHEMES[kind]:
                self.report.changed(
                    f"schemes named `{inference.scheme}`, AIF's name for no scheme: read back "
                    "as none",
                    inference.id,
                )
            node["text"] = text
            node["scheme"] = scheme
            if scheme_id is not None:
                node["schemeID"] = scheme_id
        node["type"] = kind
        self.nodes.append(node)
        kept_edges = extra.get("edges")
        rests: list[Any] = kept_edges if isinstance(kept_edges, list) else []
        if len(rests) != len(inference.premises) + 1:
            rests = [None] * (len(inference.premises) + 1)
            self.numbered.append(inference.id)
        ends = [self.node_ids[premise] for premise in inference.premises]
        last = self.node_ids[inference.conclusion]
        if kind == "MA":  # the restatement points to what it restates
            ends, last = [last], ends[0]
        for end, rest in zip(ends, rests, strict=False):
            self._edge(end, node_id, rest if isinstance(rest, dict) else None)
        rest = rests[-1]
        self._edge(node_id, last, rest if isinstance(rest, dict) else None)
        return _beyond_aif(inference)

    def _kept_dialogue(self) -> None:
        nodes = self.kept.get("nodes")
        edges = self.kept.get("edges")
        written = {str(v) for v in self.node_ids.values()}
        if isinstance(nodes, list):
            for node in nodes:
                if isinstance(node, dict) and "nodeID" in node:
                    self.nodes.append(node)
                    written.add(str(node["nodeID"]))
        lost = 0
        if isinstance(edges, list):
            for edge in edges:
                if not isinstance(edge, dict):
                    continue
                if str(edge.get("fromID")) in written and str(edge.get("toID")) in written:
                    self.edges.append(edge)
                    self.written_edges.add(edge.get("edgeID"))
                else:
                    lost += 1
        if lost:
            self.report.dropped(
                "edges of kept AIF nodes whose other end is no longer in the map", count=lost
            )

    def _locutions(self) -> None:
        """L and YA nodes for the claims' locutions, when the map has none from AIF."""
        taken = {str(n["nodeID"]) for n in self.nodes}
        count = 0
        for claim in self.amap.claims:
            for n, locution in enumerate(claim.locutions, start=1):
                base = f"{claim.id}-L{n}"
                l_id, ya_id = base, f"{claim.id}-YA{n}"
                while l_id in taken or ya_id in taken:
                    base += "_"
                    l_id, ya_id = base, f"{base}-YA"
                taken.update((l_id, ya_id))
                words = locution.text
                if locution.speaker:
                    words = f"{locution.speaker} : {words}"
                l_node: dict[str, Any] = {"nodeID": l_id, "text": words, "type": "L"}
                if locution.time:
                    l_node["timestamp"] = locution.time
                illocution = locution.illocution or "Asserting"
                ya: dict[str, Any] = {
                    "nodeID": ya_id,
                    "text": illocution,
                    "type": "YA",
                    "scheme": illocution,
                }
                if illocution in SCHEME_IDS:
                    ya["schemeID"] = SCHEME_IDS[illocution]
                self.nodes += [l_node, ya]
                self._edge(l_id, ya_id, None)
                self._edge(ya_id, self.node_ids[claim.id], None)
                count += 1
        if count:
            self.report.kept("locutions written as L-nodes anchored by YA nodes", count=count)

    def _section(self, items: dict[str, Any]) -> dict[str, Any]:
        amap = self.amap
        head = amap.model_dump(
            mode="json",
            exclude_defaults=True,
            include={"title", "description", "thesis", "checks", "sources", "extra"},
        )
        extra = {k: v for k, v in head.get("extra", {}).items() if k != FORMAT}
        head.pop("extra", None)
        if extra:
            head["extra"] = extra
        section: dict[str, Any] = {}
        title_default = "AIF map"
        if head and (set(head) != {"title"} or head["title"] != title_default):
            section["map"] = head
        if items:
            section["items"] = items
        if self.numbered:
            section["numbered"] = self.numbered
        if section:
            section["version"] = amap.argmap
        return section


_AIF_FIELDS = {
    Claim: {"id", "text", "extra", "locutions"},
    Evidence: {"id", "text", "extra"},
    Inference: {"id", "premises", "conclusion", "kind", "scheme", "extra"},
}


def _beyond_aif(item: Claim | Evidence | Inference) -> dict[str, Any]:
    """The item's fields that AIF has no place for (defaults left out)."""
    own: dict[str, Any] = {}
    for name, value in item.__dict__.items():
        if name in _AIF_FIELDS[type(item)] or value is None or value is False or value == []:
            continue
        if value == {}:
            continue
        own[name] = value.value if hasattr(value, "value") else value
    if isinstance(item, Evidence):
        own["type"] = "evidence"
    other = {k: v for k, v in item.extra.items() if k != FORMAT}
    if other:
        own["extra"] = other
    return own


def _aif_extra(extra: dict[str, Any]) -> dict[str, Any]:
    kept = extra.get(FORMAT)
    return kept if isinstance(kept, dict) else {}
