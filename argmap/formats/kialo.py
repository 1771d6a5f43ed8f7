"""Kialo's text export ("Export discussion"): read, not written.

The export numbers each claim of the discussion tree; the number gives its place::

    Discussion Title: Should cities ban cars?

    1. Cities should ban cars from their centres.
    1.1. Pro: Cars pollute the air.
    1.1.1. Con: Electric cars do not.
    1.2. Con: -> See 1.1.1.

Each claim becomes a claim ``k1_1_1`` (its number kept in ``extra["kialo"]``); a ``Pro``
supports its parent and a ``Con`` attacks it. ``-> See 1.1.1.`` reuses claim 1.1.1:
the relation runs from that claim, and no copy is made. Lines up to the next number
continue a claim's text. Claim 1 (the first top-level claim) is the thesis.

Examples:
    >>> amap, report = from_text(
    ...     "Discussion Title: Ban cars?\\n\\n1. Ban cars.\\n1.1. Pro: They pollute.\\n"
    ...     "1.1.1. Con: Electric cars do not.\\n1.2. Con: -> See 1.1.1.\\n"
    ... )
    >>> amap
    <ArgumentMap 'Ban cars?': 3 claims, 0 evidence, 3 inferences, thesis k1>
    >>> [(i.kind.value, i.premises, i.conclusion) for i in amap.inferences]
    [('support', ['k1_1'], 'k1'), ('attack', ['k1_1_1'], 'k1_1'), ('attack', ['k1_1_1'], 'k1')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.conversion import ConversionReport
from argmap.errors import InvalidMapError, Location, Problem, short
from argmap.formats.positions import ItemPlaces
from argmap.gcpause import gc_paused
from argmap.ids import MAX_BASE_LENGTH
from argmap.models import ArgumentMap, Origin
from argmap.suggest import did_you_mean
from argmap.validation import built_map

FORMAT = "kialo"

MAX_PROBLEMS = 100
"""Report at most this many problems of one file."""

_TITLE = re.compile(r"Discussion (?:Title|Name):[ \t]*(.*)$")
_NUMBERED = re.compile(r"((?:\d+\.)+)(?:[ \t]+(.*))?$")
_LABEL = re.compile(r"(Pro|Con|Thesis):(?:[ \t]+|$)(.*)$")
_BROKEN_NUMBER = re.compile(r"(\d+(?:\.\d+)*\.?)\s*(Pro|Con|Thesis):")
_WORD_LABEL = re.compile(r"([A-Za-z]+)\s*:")
_SEE = re.compile(r"->[ \t]*See[ \t]+((?:\d+\.)*\d+)\.?[ \t]*$")
_SUGGEST_BUDGET = 100_000
_ANCESTOR_STEPS = 64


@dataclass
class _Node:
    """One numbered line of the export, with its continuation lines."""

    number: str
    """The number as written without its last dot, e.g. ``1.2.1``."""
    parts: int
    label: str | None
    """``Pro``, ``Con``, ``Thesis`` or None (a top-level claim)."""
    lines: list[str]
    line: int
    column: int
    see: str | None = None
    """The number that a ``-> See`` line refers to."""

    @property
    def parent(self) -> str | None:
        return self.number.rsplit(".", 1)[0] if self.parts > 1 else None

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def from_text(text: str, file: str | Path | None = None) -> tuple[ArgumentMap, ConversionReport]:
    """Read a Kialo text export into a map, and what reading it kept or changed.

    Raises:
        InvalidMapError: a line is neither a title, a numbered claim nor the continuation
            of one; a claim's parent or a ``-> See`` target is missing; a number is used
            twice; every problem found, located.

    Examples:
        >>> from_text("Discussion Title: T\\n\\n1. A.\\n1.2.1. Pro: B.\\n")
        Traceback (most recent call last):
        ...
        argmap.errors.InvalidMapError: <kialo>:4:1: claim 1.2.1. has no parent: there is \
no claim 1.2. (the nearest claim above it is 1.; number it under a claim that exists)
    """
    name = str(file) if file is not None else "<kialo>"
    with gc_paused():  # many small objects, no cycles: see argmap.gcpause
        return _read(text, name, file)


def _read(text: str, name: str, file: str | Path | None) -> tuple[ArgumentMap, ConversionReport]:
    reader = _Reader(name)
    title, nodes, footer = reader.read(text)
    report = ConversionReport(FORMAT, "read")
    data = reader.build(title, nodes, footer, file, report)
    if reader.problems:
        raise InvalidMapError(reader.capped())
    amap = built_map(data, name, most=MAX_PROBLEMS)
    # findings of `argmap check` then point at the line of each claim and relation
    amap._attach(
        Origin(
            Path(file) if file is not None else Path(name),
            ItemPlaces(amap, lambda ident, _: reader.places.get(ident)),
        )
    )
    return amap, report


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.places: dict[str, tuple[int, int]] = {}  # item id -> its line and column
        self.problems: list[Problem] = []
        self.more_problems = 0
        self.budget = _SUGGEST_BUDGET

    def problem(
        self, code: str, message: str, line: int, column: int = 1, hint: str | None = None
    ) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.more_problems += 1
            return
        self.problems.append(Problem(code, message, Location(self.name, line, column), hint))

    def capped(self) -> list[Problem]:
        problems = sorted(
            self.problems,
            key=lambda p: (p.location.line or 0, p.location.column or 0) if p.location else (0, 0),
        )
        if self.more_problems:
            problems.append(
                Problem(
                    "too-many-problems",
                    f"and {self.more_problems} more problems",
                    problems[-1].location,
                )
            )
        return problems

    def read(self, text: str) -> tuple[str | None, list[_Node], list[str]]:
        """Split the export into its title, its numbered claims and a ``Sources:`` footer."""
        title: list[str] | None = None
        nodes: list[_Node] = []
        footer: list[str] = []
        blank_before = True
        lines = text.splitlines()
        for index, raw in enumerate(lines):
            lineno = index + 1
            line = raw.rstrip()
            stripped = line.strip()
            if footer:
                footer.append(raw)
                continue
            if not stripped:
                blank_before = True
                if nodes:
                    nodes[-1].lines.append("")
                continue
            if nodes and blank_before and stripped == "Sources:":
                footer.append(raw)
                continue
            blank_before = False
            numbered = _NUMBERED.match(stripped)
            if numbered:
                node = self._node(numbered, lineno, len(line) - len(line.lstrip()) + 1)
                if node is not None:
                    nodes.append(node)
                continue
            if nodes:
                broken = _BROKEN_NUMBER.match(stripped)
                if broken:
                    self.problem(
                        "unexpected-line",
                        f"this line looks like claim {_n(broken.group(1).rstrip('.'))} but its "
                        "number is malformed, so it would continue the claim above",
                        lineno,
                        1,
                        f"write the number with a dot after each part and a space: "
                        f"`{_n(broken.group(1).rstrip('.'))} {broken.group(2)}: …`",
                    )
                    continue
                nodes[-1].lines.append(stripped)  # a claim's text goes on
                continue
            heading = _TITLE.match(stripped)
            if title is None and heading:
                title = [heading.group(1)]
            elif title is not None:
                title.append(stripped)  # a title on several lines
            else:
                self.problem(
                    "unexpected-line",
                    f"this line is neither the title nor a numbered claim: {short(stripped)!r}",
                    lineno,
                    1,
                    "a Kialo export starts with `Discussion Title: …`, then numbered claims "
                    "such as `1. …` and `1.1. Pro: …`",
                )
        if not nodes and not self.problems:
            self.problem(
                "no-claims",
                "the file has no numbered claims",
                max(len(lines), 1),
                1,
                "a Kialo export lists claims such as `1. …` and `1.1. Pro: …`",
            )
        return (" ".join(title).strip() if title else None), nodes, footer

    def _node(self, match: re.Match[str], line: int, column: int) -> _Node | None:
        number = match.group(1)[:-1]
        parts = number.count(".") + 1
        body = match.group(2) or ""
        label: str | None = None
        labelled = _LABEL.match(body)
        if labelled:
            label, body = labelled.group(1), labelled.group(2)
        elif parts > 1:
            word = _WORD_LABEL.match(body)
            hint = did_you_mean(word.group(1), ["Pro", "Con"]) if word else None
            self.problem(
                "missing-stance",
                f"claim {_n(number)} has no `Pro:` or `Con:` after its number",
                line,
                column + len(number) + 2,
                hint or f"write `{_n(number)} Pro: …` or `{_n(number)} Con: …`",
            )
            return None
        node = _Node(number, parts, label, [body] if body else [], line, column)
        see = _SEE.match(body)
        if see:
            node.see = see.group(1).rstrip(".")
            node.lines = []
        return node

    def build(
        self,
        title: str | None,
        nodes: list[_Node],
        footer: list[str],
        file: str | Path | None,
        report: ConversionReport,
    ) -> dict[str, Any]:
        """Return the map's data (check ``problems`` before using it)."""
        by_number: dict[str, _Node] = {}
        for node in nodes:
            first = by_number.get(node.number)
            if first is not None:
                self.problem(
                    "duplicate-id",
                    f"claim {_n(node.number)} is numbered twice: here and on line {first.line}",
                    node.line,
                    node.column,
                    "give each claim its own number",
                )
            else:
                by_number[node.number] = node
        for node in by_number.values():
            parent = node.parent
            if parent is not None and parent not in by_number:
                self.problem(
                    "unknown-reference",
                    f"claim {_n(node.number)} has no parent: there is no claim {_n(parent)}",
                    node.line,
                    node.column,
                    self._ancestor_hint(parent, by_number),
                )
            if node.see is None and not node.text:
                self.problem(
                    "empty-text",
                    f"claim {_n(node.number)} has no text",
                    node.line,
                    node.column,
                    "write the claim after its number",
                )

        claims_of = self._resolve_references(by_number)
        if self.problems:
            return {}

        ids: dict[str, str] = {}
        claims: list[dict[str, Any]] = []
        for node in by_number.values():
            if node.see is not None:
                continue
            claim_id = "k" + node.number.replace(".", "_")
            if len(claim_id) > MAX_BASE_LENGTH:  # room for the step's `-pro` or `-con`
                claim_id = f"k_line{node.line}"
                report.changed(
                    "claims numbered too deep for an id are named by their line",
                    f"{short(node.number)} → {claim_id}",
                    Location(self.name, node.line, node.column),
                )
            ids[node.number] = claim_id
            extra: dict[str, Any] = {"number": node.number + "."}
            if node.label is not None:
                extra["stance"] = node.label.lower()
            claims.append({"id": claim_id, "text": node.text, "extra": {FORMAT: extra}})
            self.places[claim_id] = (node.line, node.column)

        inferences: list[dict[str, Any]] = []
        references: list[tuple[str, _Node]] = []
        theses: list[_Node] = []
        for node in by_number.values():
            parent = node.parent
            if parent is None or node.label == "Thesis":
                theses.append(node)
                continue
            premise = ids[claims_of[node.number]]
            conclusion = ids[claims_of[parent]]
            kind = "support" if node.label == "Pro" else "attack"
            base = ids.get(node.number) or "k" + node.number.replace(".", "_")
            if len(base) > MAX_BASE_LENGTH:
                base = f"k_line{node.line}"
            extra = {"number": node.number + "."}
            if node.see is not None:
                extra["see"] = node.see + "."
                references.append((f"{_n(node.number)} → {_n(node.see)}", node))
            step_id = f"{base}-{node.label.lower() if node.label else 'pro'}"
            self.places[step_id] = (node.line, node.column)
            inferences.append(
                {
                    "id": step_id,
                    "premises": [premise],
                    "conclusion": conclusion,
                    "kind": kind,
                    "extra": {FORMAT: extra},
                }
            )
        for reference, node in references:
            report.kept(
                "`-> See` cross-references read as relations from the claim referred to "
                "(the line's number kept in the relation's extra)",
                reference,
                Location(self.name, node.line, node.column),
            )
        top = [n for n in theses if n.parent is None]
        thesis = ids[claims_of[top[0].number]] if top else None
        claim_of_id = {c["id"]: c for c in claims}
        for node in theses:
            if top and node is top[0]:
                continue
            claim_of_id[ids[claims_of[node.number]]]["tags"] = ["thesis"]
            report.changed(
                "further theses are claims tagged `thesis`, not the map's thesis",
                f"{_n(node.number)}",
                Location(self.name, node.line, node.column),
            )

        map_extra: dict[str, Any] = {}
        if footer:
            map_extra["sources"] = "\n".join(footer).strip()
            report.kept("lines of the `Sources:` list kept in the map's extra", count=len(footer))
        if title is None or not title:
            title = Path(file).stem if file is not None else "Kialo discussion"
            report.changed("no `Discussion Title:` line: the title is the file's name", title)
        return {
            "title": title,
            "thesis": thesis,
            "claims": claims,
            "inferences": inferences,
            "extra": {FORMAT: map_extra} if map_extra else {},
        }

    def _ancestor_hint(self, parent: str, by_number: dict[str, _Node]) -> str:
        current = parent
        for _ in range(_ANCESTOR_STEPS):
            if "." not in current:
                break
            current = current.rsplit(".", 1)[0]
            if current in by_number:
                return (
                    f"the nearest claim above it is {_n(current)}; "
                    "number it under a claim that exists"
                )
        return "number it under a claim that exists"

    def _resolve_references(self, by_number: dict[str, _Node]) -> dict[str, str]:
        """Map each number to the number of the claim it stands for (``-> See`` followed)."""
        resolved: dict[str, str] = {}
        for node in by_number.values():
            if node.see is None:
                resolved[node.number] = node.number
        for node in by_number.values():
            if node.see is None or node.number in resolved:
                continue
            path: list[_Node] = []
            seen: set[str] = set()
            current: _Node | None = node
            target: str | None = None
            while current is not None:
                if current.number in resolved:
                    target = resolved[current.number]
                    break
                if current.number in seen:
                    circle = " → ".join(_n(n.number) for n in [*path, current][-_ANCESTOR_STEPS:])
                    self.problem(
                        "cycle",
                        f"claim {_n(node.number)} refers to itself"
                        if len(path) == 1
                        else f"a circle of `-> See` references: {circle}",
                        node.line,
                        node.column,
                        "a `-> See` refers to a claim written out elsewhere",
                    )
                    break
                seen.add(current.number)
                path.append(current)
                assert current.see is not None
                nxt = by_number.get(current.see)
                if nxt is None:
                    self.problem(
                        "unknown-reference",
                        f"claim {_n(current.number)} refers to claim {_n(current.see)}, "
                        "which is not in the file",
                        current.line,
                        current.column,
                        self._suggest_number(current.see, by_number),
                    )
                    break
                current = nxt
            for step in path:
                if target is not None:
                    resolved[step.number] = target
                else:
                    resolved.setdefault(step.number, "")
        for node in by_number.values():
            target = resolved.get(node.number)
            if node.see is None or not target:
                continue
            if target == node.number or target == node.parent:
                self.problem(
                    "cycle",
                    f"claim {_n(node.number)} refers to "
                    + ("itself" if target == node.number else f"its own parent {_n(target)}"),
                    node.line,
                    node.column,
                    "a claim cannot support or attack itself",
                )
        return {k: v for k, v in resolved.items() if v}

    def _suggest_number(self, number: str, by_number: dict[str, _Node]) -> str:
        fallback = "refer to the number of a claim written out in the file"
        if self.budget <= 0:
            return fallback
        self.budget -= len(by_number)
        match = did_you_mean(number + ".", [n + "." for n in by_number])
        return match or fallback


def _n(number: str) -> str:
    """A claim's number as the export writes it, shortened for a message.

    Examples:
        >>> _n("1.2")
        '1.2.'
    """
    return short(number + ".", 40)
