"""arg-microtexts XML (Potsdam ``arggraph``): read, not written.

An ``arggraph`` holds the text cut into EDUs (``edu``), the argumentative units
(``adu``, of the proponent ``pro`` or the opponent ``opp``) and edges: ``seg`` ties an
EDU to its ADU, ``sup``/``exa`` support, ``reb`` rebuts, ``und`` undercuts another edge,
and ``add`` adds a linked premise to another edge. In the corpus's part 2 an EDU may be
``implicit="true"``: a claim the annotators reconstructed (most often the central claim),
whose words are not in the text.

The whole text becomes one source; each ADU a claim quoting its EDUs (an ADU of an
implicit EDU is an ``implicit`` claim, without quote); each ``sup``,
``exa``, ``reb`` and ``und`` edge an inference (``exa`` a support with scheme
``example``) whose premises are its source and the sources of the ``add`` edges to it.
The ADU that supports or attacks nothing is the thesis.

The XML is read with expat, refusing any entity declaration (so no billion laughs and
no external entity is ever read) and keeping each element's line and column.

Examples:
    >>> xml = '''<arggraph id="micro_x1" stance="pro">
    ...   <edu id="e1">We should recycle.</edu>
    ...   <edu id="e2">It saves resources.</edu>
    ...   <adu id="a1" type="pro"/><adu id="a2" type="pro"/>
    ...   <edge id="c1" src="e1" trg="a1" type="seg"/>
    ...   <edge id="c2" src="e2" trg="a2" type="seg"/>
    ...   <edge id="c3" src="a2" trg="a1" type="sup"/>
    ... </arggraph>'''
    >>> amap, report = from_text(xml)
    >>> amap
    <ArgumentMap 'micro_x1': 2 claims, 0 evidence, 1 inference, thesis a1>
    >>> amap.inferences[0].premises, amap.inferences[0].conclusion
    (['a2'], 'a1')
    >>> amap.sources[0].text
    'We should recycle. It saves resources.'
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from xml.parsers import expat

from argmap.conversion import ConversionReport
from argmap.errors import ArgmapError, InvalidMapError, Location, Problem, short
from argmap.files import confining_folder, lone_surrogate, outside_problem, read_text
from argmap.formats.positions import ItemPlaces
from argmap.gcpause import gc_paused
from argmap.ids import make_id
from argmap.models import ArgumentMap, Origin
from argmap.suggest import did_you_mean
from argmap.validation import built_map

_SMALL = 1_000_000
"""Files of this many characters or fewer are read with the garbage collector on."""

FORMAT = "microtexts"

MAX_PROBLEMS = 100
"""Report at most this many problems of one file (a hostile file could make millions)."""

_ELEMENTS: dict[str, tuple[str, ...]] = {
    "arggraph": ("id", "topic_id", "stance"),
    "edu": ("id", "implicit"),
    "joint": ("id",),
    "adu": ("id", "type"),
    "edge": ("id", "src", "trg", "type"),
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    "arggraph": (),
    "edu": ("id",),
    "joint": ("id",),
    "adu": ("id", "type"),
    "edge": ("id", "src", "trg", "type"),
}
_VALUES: dict[tuple[str, str], tuple[str, ...]] = {
    ("arggraph", "stance"): ("pro", "con", "unclear"),
    ("edu", "implicit"): ("true", "false"),
    ("adu", "type"): ("pro", "opp"),
    ("edge", "type"): ("seg", "sup", "exa", "add", "reb", "und"),
}
_RELATIONS = {"sup": "support", "exa": "support", "reb": "attack", "und": "undercut"}
"""The edges that become inferences, and the kind of each."""

_NAMES = {"edu": "an EDU", "joint": "a joint", "adu": "an ADU", "edge": "an edge"}
_SUGGEST_BUDGET = 100_000
"""How many id comparisons did-you-mean hints may cost in one file."""


_Report = Callable[[str, str, int, int, str | None], None]


class _RefusedError(Exception):
    """Raised from an expat handler to stop at a construct argmap does not read."""

    def __init__(self, code: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


@dataclass
class _Element:
    """One child element of ``arggraph``, where it stands and what it holds."""

    tag: str
    attrs: dict[str, str]
    line: int
    column: int
    order: int
    text: list[str] = field(default_factory=list)


@dataclass
class _Parsed:
    root: _Element | None = None
    children: list[_Element] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0
    fatal: bool = False
    """Whether the XML could not be read at all (so the graph is not checked)."""


@dataclass
class _Graph:
    """The argument graph that ``_Builder.build`` reads from the elements, for ``_data``."""

    edus: list[_Element]
    adus: list[_Element]
    relations: list[_Element] = field(default_factory=list)  # sup, exa, reb and und edges
    segments: dict[str, list[_Element]] = field(default_factory=dict)  # ADU or joint → EDUs
    seg_edges: dict[str, list[str]] = field(default_factory=dict)  # ADU or joint → seg edges
    joints_of: dict[str, list[str]] = field(default_factory=dict)  # ADU → its joints
    premises_of: dict[str, list[str]] = field(default_factory=dict)  # relation → premise ADUs
    add_of: dict[str, list[str]] = field(default_factory=dict)  # relation → its add edges
    resolved: dict[str, str] = field(default_factory=dict)  # add or relation → its relation


def from_text(text: str, file: str | Path | None = None) -> tuple[ArgumentMap, ConversionReport]:
    """Read an ``arggraph`` XML text into a map, and what reading it kept or changed.

    With ``file``, the corpus's plain text beside it (``micro_b001.txt`` for
    ``micro_b001.xml``) is the source's text when it holds every EDU; otherwise the EDUs
    joined by spaces are.

    Raises:
        InvalidMapError: the XML is malformed, hostile (entity declarations) or its graph
            is wrong (unknown or duplicate ids, wrong attribute values, cycles of ``add``
            or ``und`` edges); every problem found, located.

    Examples:
        >>> from_text("<arggraph><edu id='e1'>Hi</edu></oops>")
        Traceback (most recent call last):
        ...
        argmap.errors.InvalidMapError: <microtexts>:1:34: the XML is malformed: mismatched tag
    """
    name = str(file) if file is not None else "<microtexts>"
    if len(text) <= _SMALL:  # (pausing the collector costs more than a small file spares)
        return _read(text, name, file)
    with gc_paused():  # many small objects, no cycles: see argmap.gcpause
        return _read(text, name, file)


def _read(text: str, name: str, file: str | Path | None) -> tuple[ArgumentMap, ConversionReport]:
    parsed = _parse(text, name)
    if parsed.fatal or parsed.root is None:
        raise InvalidMapError(_capped(parsed))
    report = ConversionReport(FORMAT, "read")
    builder = _Builder(parsed, name, report)
    data = builder.build(_plain_text(file, name, report), complete=not parsed.problems)
    if parsed.problems or builder.problems:
        parsed.problems = sorted(
            [*parsed.problems, *builder.problems],
            key=lambda p: (p.location.line or 0, p.location.column or 0) if p.location else (0, 0),
        )
        raise InvalidMapError(_capped(parsed))
    amap = built_map(data, name, most=MAX_PROBLEMS, extra_is_json=True)  # (XML text only)
    # findings of `argmap check` then point at each ADU's and edge's element
    amap._attach(Origin(Path(name), ItemPlaces(amap, lambda ident, _: builder.places.get(ident))))
    return amap, report


def _capped(parsed: _Parsed) -> list[Problem]:
    problems = parsed.problems[:MAX_PROBLEMS]
    more = len(parsed.problems) - len(problems) + parsed.more_problems
    if more > 0:
        problems.append(
            Problem("too-many-problems", f"and {more} more problems", problems[-1].location)
        )
    return problems


def _plain_text(file: str | Path | None, name: str, report: ConversionReport) -> str | None:
    """The corpus's ``.txt`` beside ``file``, or None when there is none or it is unusable."""
    if file is None:
        return None
    path = os.fspath(file)  # (strings, not Path objects: a corpus is read file by file)
    if path.lower().endswith(".arggraph.xml"):
        txt = path[: -len(".arggraph.xml")] + ".txt"
    else:
        txt = os.path.splitext(path)[0] + ".txt"
    if txt == path or not os.path.isfile(txt):
        return None
    folder = Path(os.path.dirname(path) or ".")
    outside = outside_problem(Path(txt), confining_folder(folder), folder)
    if outside is not None:  # a link out of the folder: as a map's sources, never read
        report.changed(
            "the text beside the XML leads out of its folder (a link?) and was not read: "
            "the source is the EDUs joined by spaces",
            str(outside),
            Location(name),
        )
        return None
    try:
        return read_text(txt)
    except ArgmapError as err:
        report.changed(
            "the text beside the XML is unusable: the source is the EDUs joined by spaces",
            str(err.problems[0]) if err.problems else str(txt),
            Location(name),
        )
        return None


def _parse(text: str, name: str) -> _Parsed:
    """Parse the XML safely into the root and its children, with their positions."""
    parsed = _Parsed()
    surrogate = lone_surrogate(text, name)
    if surrogate is not None:  # expat would fail to encode it
        parsed.fatal = True
        parsed.problems = [surrogate]
        return parsed
    parser = expat.ParserCreate()
    parser.buffer_text = True
    stack: list[_Element | None] = []  # None: an element already reported as out of place
    order = [0]

    def problem(code: str, message: str, line: int, column: int, hint: str | None = None) -> None:
        if len(parsed.problems) >= MAX_PROBLEMS:
            parsed.more_problems += 1
            return
        parsed.problems.append(Problem(code, message, Location(name, line, column), hint))

    def start(tag: str, attrs: dict[str, str]) -> None:
        line, column = parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
        depth = len(stack)
        element: _Element | None = None
        if depth == 0:
            if tag != "arggraph":
                problem(
                    "unknown-element",
                    f"the root element is <{tag}>, not <arggraph>",
                    line,
                    column,
                    "an arg-microtexts file holds one <arggraph> element",
                )
            else:
                element = parsed.root = _Element(tag, dict(attrs), line, column, 0)
        elif depth == 1 and stack[0] is not None:
            if tag in _ELEMENTS and tag != "arggraph":
                order[0] += 1
                element = _Element(tag, dict(attrs), line, column, order[0])
                parsed.children.append(element)
            else:
                problem(
                    "unknown-element",
                    f"unknown element <{short(tag)}> in <arggraph>",
                    line,
                    column,
                    did_you_mean(tag, [t for t in _ELEMENTS if t != "arggraph"])
                    or "<arggraph> holds <edu>, <joint>, <adu> and <edge> elements",
                )
        elif depth >= 1 and stack[-1] is not None:
            parent = stack[-1].tag
            problem(
                "unknown-element",
                f"<{tag}> inside <{parent}>",
                line,
                column,
                f"<{parent}> holds "
                + ("only its text" if parent == "edu" else "nothing")
                + "; put it directly in <arggraph>",
            )
        if element is not None:
            _check_attributes(element, problem)
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def characters(data: str) -> None:
        if not stack or stack[-1] is None:
            return
        element = stack[-1]
        if element.tag == "edu":
            element.text.append(data)
        elif data.strip():
            line, column = parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
            problem(
                "unexpected-text",
                f"text in <{element.tag}>: {short(data.strip())!r}",
                line,
                column,
                "only <edu> elements hold text",
            )

    def refuse_entity(*_: Any) -> NoReturn:
        raise _RefusedError(
            "entity-declaration",
            "the XML declares an entity",
            "argmap does not expand XML entities (they can read other files or grow without "
            "bound); write the text itself",
        )

    def refuse_external(*_: Any) -> NoReturn:
        raise _RefusedError(
            "external-entity",
            "the XML refers to an external entity",
            "argmap does not read external entities; write the text itself",
        )

    def refuse_skipped(name: str, is_parameter: bool) -> NoReturn:
        raise _RefusedError(
            "undefined-entity",
            f"the XML uses the undefined entity `&{name};`",
            "use a character reference such as `&#233;`, or the character itself",
        )

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.ExternalEntityRefHandler = refuse_external
    parser.SkippedEntityHandler = refuse_skipped
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(text, True)
    except _RefusedError as refused:
        parsed.fatal = True
        parsed.problems = [
            Problem(
                refused.code,
                refused.message,
                Location(name, parser.CurrentLineNumber, parser.CurrentColumnNumber + 1),
                refused.hint,
            )
        ]
        return parsed
    except expat.ExpatError as err:
        message = expat.ErrorString(err.code) if err.code is not None else str(err)
        hint = None
        if err.code == expat.errors.codes.get(expat.errors.XML_ERROR_NO_ELEMENTS):
            hint = "the file is empty or cut short: an arg-microtexts file holds an <arggraph>"
        elif err.code == expat.errors.codes.get(expat.errors.XML_ERROR_UNCLOSED_TOKEN):
            hint = "the file may be cut short"
        parsed.fatal = True
        parsed.problems = [
            Problem(
                "xml-syntax",
                f"the XML is malformed: {message}",
                Location(name, err.lineno, err.offset + 1),
                hint,
            )
        ]
        return parsed
    except RecursionError:  # a guard: expat keeps its own stack, our handlers do not recurse
        parsed.fatal = True
        parsed.problems = [Problem("too-deep", "the XML is nested too deeply", Location(name))]
        return parsed
    if parsed.root is None and not parsed.problems:
        problem("unknown-element", "the file has no <arggraph> element", 1, 1)
    return parsed


def _check_attributes(element: _Element, problem: _Report) -> None:
    known = _ELEMENTS[element.tag]
    for attr, value in element.attrs.items():
        if attr not in known:
            problem(
                "unknown-attribute",
                f"unknown attribute `{short(attr)}` on <{element.tag}>",
                element.line,
                element.column,
                did_you_mean(attr, known)
                or f"<{element.tag}> has " + ", ".join(f"`{a}`" for a in known),
            )
            continue
        allowed = _VALUES.get((element.tag, attr))
        if allowed is not None and value not in allowed:
            listed = ", ".join(f"`{v}`" for v in allowed)
            problem(
                "wrong-value",
                f"<{element.tag}> has {attr}=`{short(value)}`, which is not one of {listed}",
                element.line,
                element.column,
                did_you_mean(value, allowed) or f"use one of {listed}",
            )
        if attr in ("id", "src", "trg") and not value.strip():
            problem(
                "wrong-value",
                f"<{element.tag}> has an empty `{attr}`",
                element.line,
                element.column,
                f"give `{attr}` the id of an element",
            )
    for attr in _REQUIRED[element.tag]:
        if attr not in element.attrs:
            problem(
                "missing-attribute",
                f"<{element.tag}> has no `{attr}`",
                element.line,
                element.column,
                f"every <{element.tag}> has " + ", ".join(f"`{a}`" for a in _REQUIRED[element.tag]),
            )


class _Builder:
    """Turns the parsed elements into map data, collecting every problem of the graph."""

    def __init__(self, parsed: _Parsed, name: str, report: ConversionReport) -> None:
        assert parsed.root is not None
        self.root = parsed.root
        self.children = parsed.children
        self.name = name
        self.report = report
        self.places: dict[str, tuple[int, int]] = {}  # item id -> its element's line, column
        self.problems: list[Problem] = []
        self.by_id: dict[str, _Element] = {}
        self.used_ids: set[str] = set()
        self.next_suffix: dict[str, int] = {}
        self.new_ids: dict[str, str] = {}
        self.by_length: dict[tuple[str, int], list[str]] = {}
        self.suggest_budget = _SUGGEST_BUDGET

    def problem(self, code: str, message: str, element: _Element, hint: str | None = None) -> None:
        self.problems.append(Problem(code, message, self._where(element), hint))

    def _where(self, element: _Element) -> Location:
        return Location(self.name, element.line, element.column)

    def _suggest(self, ref: str, tags: tuple[str, ...]) -> str | None:
        """A did-you-mean hint among the ids of ``tags`` of about ``ref``'s length.

        Hints stop once they have cost 100,000 comparisons, so a file full of bad
        references still reads in linear time.
        """
        if self.suggest_budget <= 0:
            return None
        if not self.by_length:
            for ident, element in self.by_id.items():
                self.by_length.setdefault((element.tag, len(ident)), []).append(ident)
        candidates = [
            i
            for tag in tags
            for n in range(len(ref) - 2, len(ref) + 3)
            for i in self.by_length.get((tag, n), ())
        ]
        self.suggest_budget -= len(candidates) + 1
        return did_you_mean(ref, candidates)

    def _target(self, edge: _Element, attr: str, tags: tuple[str, ...]) -> _Element | None:
        """The element that ``edge``'s ``attr`` names, if it exists and is one of ``tags``."""
        ref = edge.attrs[attr]
        target = self.by_id.get(ref)
        what = "source" if attr == "src" else "target"
        edge_type = edge.attrs["type"]
        wanted = " or ".join(_NAMES[t] for t in tags)
        if target is None:
            self.problem(
                "unknown-reference",
                f"the {what} `{short(ref)}` of edge `{edge.attrs['id']}` is not defined",
                edge,
                self._suggest(ref, tags) or f"{attr} names {wanted}",
            )
            return None
        if target.tag not in tags or (target.tag == "edge" and target.attrs.get("type") == "seg"):
            found = "a segmentation edge" if target.tag == "edge" else _NAMES[target.tag]
            hints = {
                ("und", "trg"): "to attack an ADU use type `reb`",
                ("reb", "trg"): "to attack an edge (the step itself) use type `und`",
                ("sup", "trg"): "to add a premise to an edge use type `add`",
            }
            self.problem(
                "wrong-reference",
                f"the {what} `{short(ref)}` of `{edge_type}` edge `{edge.attrs['id']}` is "
                f"{found}, not {wanted}",
                edge,
                hints.get((edge_type, attr)),
            )
            return None
        return target

    def _valid_id(self, raw: str, element: _Element) -> str:
        """Return a valid map id for a foreign id, unique, noting when it had to change."""
        ident = make_id(
            raw, self.used_ids, fallback="x", joiner="_", lead="x", counters=self.next_suffix
        )
        self.used_ids.add(ident)
        if ident != raw:
            self.report.changed(
                "ids made valid (the original is kept in extra)",
                f"{raw} → {ident}",
                self._where(element),
            )
        return ident

    def build(self, plain: str | None, *, complete: bool = True) -> dict[str, Any]:
        """Return the map's data (check ``problems`` before using it).

        Elements with a missing or wrong attribute (already reported) are left out of the
        graph; without ``complete``, only the graph's problems are looked for.
        """
        self._index_ids()
        edus = [e for e in self.children if e.tag == "edu"]
        adus = [
            e for e in self.children if e.tag == "adu" and "id" in e.attrs and "type" in e.attrs
        ]
        edges = [
            e
            for e in self.children
            if e.tag == "edge"
            and all(a in e.attrs for a in _REQUIRED["edge"])
            and e.attrs["type"] in _VALUES["edge", "type"]
        ]
        for edu in edus:
            if not "".join(edu.text).strip():
                self.problem(
                    "empty-text", f"EDU `{edu.attrs.get('id')}` has no text", edu, "write its text"
                )
        graph = _Graph(edus, adus)
        adds = self._sort_edges(edges, graph)
        self._link_premises(adds, edges, graph)
        for adu in adus:
            if adu.attrs["id"] in self.by_id and not graph.segments.get(adu.attrs["id"]):
                self.problem(
                    "empty-text",
                    f"ADU `{adu.attrs['id']}` has no text: no `seg` edge leads to it from an EDU",
                    adu,
                    f'add <edge id="…" src="<EDU id>" trg="{adu.attrs["id"]}" type="seg"/>',
                )
        if self.problems or not complete:
            return {}
        return self._data(plain, graph)

    def _index_ids(self) -> None:
        """Fill ``by_id`` with the elements that have an id, reporting an id given twice."""
        for element in self.children:
            ident = element.attrs.get("id")
            if ident is None:
                continue
            first = self.by_id.get(ident)
            if first is not None:
                self.problem(
                    "duplicate-id",
                    f"the id `{short(ident)}` is defined twice: here and at "
                    f"{first.line}:{first.column}",
                    element,
                    "ids are unique across the <edu>, <joint>, <adu> and <edge> elements",
                )
            else:
                self.by_id[ident] = element

    def _sort_edges(self, edges: list[_Element], graph: _Graph) -> list[_Element]:
        """Read the segmentation and the relations into ``graph``; return the ``add`` edges.

        Segmentation: EDU → ADU, EDU → joint, joint → ADU; a joint's EDUs are its ADU's.
        """
        adds: list[_Element] = []
        for edge in edges:
            kind = edge.attrs["type"]
            if kind == "seg":
                self._segment(edge, graph)
            elif kind in _RELATIONS:
                self._relation(edge, graph)
            elif kind == "add":
                source = self._target(edge, "src", ("adu",))
                target = self._target(edge, "trg", ("edge",))
                if source is not None and target is not None:
                    adds.append(edge)
        for adu_id, joint_ids in graph.joints_of.items():
            for joint_id in joint_ids:
                graph.segments.setdefault(adu_id, []).extend(graph.segments.get(joint_id, []))
                graph.seg_edges.setdefault(adu_id, []).extend(graph.seg_edges.get(joint_id, []))
        return adds

    def _segment(self, edge: _Element, graph: _Graph) -> None:
        source = self._target(edge, "src", ("edu", "joint"))
        target = self._target(
            edge,
            "trg",
            ("adu", "joint") if source is None or source.tag == "edu" else ("adu",),
        )
        if source is None or target is None:
            return
        graph.seg_edges.setdefault(target.attrs["id"], []).append(edge.attrs["id"])
        if source.tag == "edu":
            graph.segments.setdefault(target.attrs["id"], []).append(source)
        else:
            graph.joints_of.setdefault(target.attrs["id"], []).append(source.attrs["id"])

    def _relation(self, edge: _Element, graph: _Graph) -> None:
        kind = edge.attrs["type"]
        source = self._target(edge, "src", ("adu",))
        target = self._target(edge, "trg", ("edge",) if kind == "und" else ("adu",))
        if source is None or target is None:
            return
        if source is target:
            self.problem(
                "cycle",
                f"edge `{edge.attrs['id']}` goes from `{source.attrs['id']}` to itself",
                edge,
                "a claim cannot support or attack itself",
            )
        else:
            graph.relations.append(edge)

    def _link_premises(self, adds: list[_Element], edges: list[_Element], graph: _Graph) -> None:
        """The inference that each relation edge makes, and the one each add edge joins."""
        relation_ids = {e.attrs["id"] for e in graph.relations}
        graph.premises_of = {e.attrs["id"]: [e.attrs["src"]] for e in graph.relations}
        edge_by_id = {e.attrs["id"]: e for e in edges}
        graph.resolved = self._resolve_adds(adds, edge_by_id, relation_ids)
        for add in adds:
            owner = graph.resolved.get(add.attrs["id"])
            if owner is None:
                continue
            if add.attrs["src"] in graph.premises_of[owner]:
                self.problem(
                    "duplicate-premise",
                    f"ADU `{add.attrs['src']}` is already a premise of edge `{owner}`",
                    add,
                    "remove this `add` edge",
                )
                continue
            graph.premises_of[owner].append(add.attrs["src"])
            graph.add_of.setdefault(owner, []).append(add.attrs["id"])
        self._check_undercut_cycles(graph.relations, edge_by_id, graph.resolved)

    def _resolve_adds(
        self, adds: list[_Element], edge_by_id: dict[str, _Element], relation_ids: set[str]
    ) -> dict[str, str]:
        """Map each ``add`` (and ``und`` target) edge to the relation edge it extends.

        An ``add`` to an ``add`` extends what that one extends; a circle of them is a problem.
        """
        resolved: dict[str, str] = {r: r for r in relation_ids}
        for add in adds:
            path: list[str] = []
            on_path: set[str] = set()
            current = add.attrs["id"]
            owner: str | None = None
            while True:
                if current in resolved:
                    owner = resolved[current]
                    break
                if current in on_path:
                    self.problem(
                        "cycle",
                        "a circle of `add` edges: " + " → ".join([*path, current]),
                        add,
                        "an `add` edge adds a premise to a `sup`, `exa`, `reb` or `und` edge",
                    )
                    break
                edge = edge_by_id.get(current)
                if edge is None or edge.attrs["type"] != "add":
                    break  # an unknown or wrong target: already reported
                path.append(current)
                on_path.add(current)
                current = edge.attrs["trg"]
            for step in path:
                if owner is not None:
                    resolved[step] = owner
                else:
                    resolved.setdefault(step, "")
        return {k: v for k, v in resolved.items() if v}

    def _check_undercut_cycles(
        self, relations: list[_Element], edge_by_id: dict[str, _Element], resolved: dict[str, str]
    ) -> None:
        """Report a circle of undercuts (each attacks the next; none rests on a claim)."""
        state: dict[str, int] = {}  # 1: being walked, 2: done
        for edge in relations:
            path: list[str] = []
            current: str | None = edge.attrs["id"]
            while current is not None and state.get(current) is None:
                state[current] = 1
                path.append(current)
                step = edge_by_id[current]
                nxt = resolved.get(step.attrs["trg"]) if step.attrs["type"] == "und" else None
                if nxt is not None and state.get(nxt) == 1:
                    circle = path[path.index(nxt) :]
                    self.problem(
                        "cycle",
                        "a circle of `und` edges: " + " → ".join([*circle, nxt]),
                        edge_by_id[nxt],
                        "an undercut attacks another edge; one of these must attack a `sup`, "
                        "`exa` or `reb` edge",
                    )
                    break
                current = nxt
            for step_id in path:
                state[step_id] = 2

    def _data(self, plain: str | None, graph: _Graph) -> dict[str, Any]:
        texts = {edu.attrs["id"]: "".join(edu.text).strip() for edu in graph.edus}
        implicit = {e.attrs["id"] for e in graph.edus if e.attrs.get("implicit") == "true"}
        stated = [e.attrs["id"] for e in graph.edus if e.attrs["id"] not in implicit]
        source_text, spans = _source_text(plain, [texts[i] for i in stated])
        if plain is not None and source_text != plain:
            self.report.changed(
                "the text beside the XML lacks some EDUs: the source is the EDUs joined by spaces",
                location=Location(self.name),
            )
        graph_id = self.root.attrs.get("id") or (
            Path(self.name).stem if not self.name.startswith("<") else "arg-microtexts"
        )
        root_extra: dict[str, Any] = dict(self.root.attrs)
        if any(k != "id" for k in root_extra):
            self.report.kept(
                "arggraph attributes kept in the map's extra",
                ", ".join(f"{k}={v}" for k, v in root_extra.items() if k != "id"),
            )
        claims = self._claims(graph, texts, stated, source_text, spans)
        self._keep_unused_edus(graph, texts, implicit, stated, root_extra)
        if claims:
            self.report.kept(
                "ADU roles (pro/opp) kept as tags and, with EDU and seg-edge ids, in extra",
                count=len(claims),
            )
        inferences = self._inferences(graph)
        return {
            "title": graph_id if graph_id.strip() else "arg-microtexts",
            "thesis": self._thesis(graph),
            "sources": [{"id": "text", "title": graph_id or "text", "text": source_text}],
            "claims": claims,
            "inferences": inferences,
            "extra": {FORMAT: root_extra},
        }

    def _claims(
        self,
        graph: _Graph,
        texts: dict[str, str],
        stated: list[str],
        source_text: str,
        spans: list[tuple[int, int]],
    ) -> list[dict[str, Any]]:
        """A claim for each ADU, quoted from the text when its stated EDUs stand together."""
        position = {edu.attrs["id"]: i for i, edu in enumerate(graph.edus)}
        index_of = {ident: i for i, ident in enumerate(stated)}  # among the stated EDUs
        claims: list[dict[str, Any]] = []
        for adu in graph.adus:
            adu_id = adu.attrs["id"]
            if self.by_id.get(adu_id) is not adu:
                continue
            edu_ids = sorted(
                {e.attrs["id"] for e in graph.segments[adu_id]}, key=position.__getitem__
            )
            own = [index_of[i] for i in edu_ids if i in index_of]
            claim_id = self.new_ids[adu_id] = self._valid_id(adu_id, adu)
            extra: dict[str, Any] = {
                "id": adu_id,
                "type": adu.attrs["type"],
                "edus": edu_ids,
                "seg": graph.seg_edges.get(adu_id, []),
            }
            if adu_id in graph.joints_of:
                extra["joints"] = graph.joints_of[adu_id]
            claim: dict[str, Any] = {
                "id": claim_id,
                "text": " ".join(texts[i] for i in edu_ids),
                "source": "text",
                "tags": [adu.attrs["type"]],
                "extra": {FORMAT: extra},
            }
            if len(own) < len(edu_ids):
                claim["implicit"] = True  # reconstructed: the text does not state it
                if own:
                    self.report.changed(
                        "ADUs of both implicit and stated EDUs are implicit claims, without quote",
                        adu_id,
                        self._where(adu),
                    )
            elif own == list(range(own[0], own[-1] + 1)):
                claim["quote"] = source_text[spans[own[0]][0] : spans[own[-1]][1]]
            else:
                self.report.changed(
                    "ADUs whose EDUs are not adjacent in the text have no quote",
                    adu_id,
                    self._where(adu),
                )
            claims.append(claim)
            self.places[claim_id] = (adu.line, adu.column)
        implicit_claims = [c["id"] for c in claims if c.get("implicit")]
        if implicit_claims:
            self.report.kept(
                "ADUs of implicit EDUs (reconstructed, not in the text) read as implicit "
                "claims, without quote",
                ", ".join(implicit_claims),
            )
        return claims

    def _keep_unused_edus(
        self,
        graph: _Graph,
        texts: dict[str, str],
        implicit: set[str],
        stated: list[str],
        root_extra: dict[str, Any],
    ) -> None:
        """Keep the EDUs of no ADU in the map's extra (the stated ones are in the text)."""
        used_edus = {
            e.attrs["id"] for adu in graph.adus for e in graph.segments.get(adu.attrs["id"], [])
        }
        unused = [i for i in stated if i not in used_edus]
        unused_implicit = {i: texts[i] for i in texts if i in implicit and i not in used_edus}
        if unused_implicit:
            root_extra["unused_implicit_edus"] = unused_implicit
            self.report.kept(
                "implicit EDUs of no ADU kept, with their text, in the map's extra",
                ", ".join(unused_implicit),
            )
        if unused:
            root_extra["unused_edus"] = unused
            self.report.kept(
                "EDUs of no ADU are only in the source text (their ids in the map's extra)",
                ", ".join(unused),
            )

    def _inferences(self, graph: _Graph) -> list[dict[str, Any]]:
        """An inference for each relation edge, with the premises its ``add`` edges join."""
        inferences: list[dict[str, Any]] = []
        for edge in graph.relations:
            edge_id = edge.attrs["id"]
            self.new_ids[edge_id] = self._valid_id(edge_id, edge)
        resolved, add_of = graph.resolved, graph.add_of
        for edge in graph.relations:
            edge_id, kind = edge.attrs["id"], edge.attrs["type"]
            trg = edge.attrs["trg"]
            conclusion = self.new_ids[resolved[trg]] if kind == "und" else self.new_ids[trg]
            extra: dict[str, Any] = {"id": edge_id, "type": kind}
            if edge_id in add_of:
                extra["add"] = add_of[edge_id]
            if kind == "und" and resolved[trg] != trg:
                extra["trg"] = trg
            inference: dict[str, Any] = {
                "id": self.new_ids[edge_id],
                "premises": [self.new_ids[p] for p in graph.premises_of[edge_id]],
                "conclusion": conclusion,
                "kind": _RELATIONS[kind],
                "extra": {FORMAT: extra},
            }
            if kind == "exa":
                inference["scheme"] = "example"
            inferences.append(inference)
            self.places[inference["id"]] = (edge.line, edge.column)
        if add_of:
            self.report.kept(
                "`add` edges read as linked premises; their ids kept in the inference's extra",
                ", ".join(a for adds in add_of.values() for a in adds),
            )
        return inferences

    def _thesis(self, graph: _Graph) -> str | None:
        """The first ADU that supports or attacks nothing: the central claim."""
        arguing = {e.attrs["src"] for e in graph.relations} | {
            self.by_id[a].attrs["src"] for adds in graph.add_of.values() for a in adds
        }
        central = [
            a.attrs["id"]
            for a in graph.adus
            if a.attrs["id"] not in arguing and self.by_id.get(a.attrs["id"]) is a
        ]
        if len(central) > 1:
            self.report.changed(
                "several ADUs support or attack nothing; the first is the thesis",
                ", ".join(central),
            )
        elif not central and graph.adus:
            self.report.changed("no ADU is the central claim (each supports or attacks one)")
        return self.new_ids[central[0]] if central else None


def _source_text(plain: str | None, texts: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Return the source text and where each EDU stands in it.

    The plain text is used when it holds every EDU, in order; else the EDUs joined by spaces.

    Examples:
        >>> _source_text("A  b. C.", ["A  b.", "C."])
        ('A  b. C.', [(0, 5), (6, 8)])
        >>> _source_text(None, ["A b.", "C."])
        ('A b. C.', [(0, 4), (5, 7)])
    """
    if plain is not None:
        spans: list[tuple[int, int]] = []
        pos = 0
        for text in texts:
            start = plain.find(text, pos)
            if start < 0:
                break
            spans.append((start, start + len(text)))
            pos = start + len(text)
        else:
            return plain, spans
    spans = []
    pos = 0
    for text in texts:
        spans.append((pos, pos + len(text)))
        pos += len(text) + 1
    return " ".join(texts), spans
