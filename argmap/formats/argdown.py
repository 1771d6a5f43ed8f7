"""Argdown (https://argdown.org): read an Argdown text into a map, and write a map as Argdown.

Reading maps Argdown's model (see :mod:`argmap.formats.argdown_syntax`) onto argmap's:

- an equivalence class of statements is a claim (its id made from its title, its text the
  first statement's); each later statement of the class with a text of its own is a claim
  restating it (its id the class's numbered, ``<id>-2``, ...), with an inference of kind
  ``rephrase`` from the first: Argdown's statements of one class are equivalent, and
  argmap's rephrase says that the one restates the other;
- a premise-conclusion structure is one inference per inferential step; the last step
  has the argument's id, an intermediate step ``<argument id>-<number>``; inference rules
  are its scheme;
- a relation from a statement (or a reconstructed argument's main conclusion) is an
  inference of its own: support, attack, or undercut of the inference it hits; a
  contradiction, or a contrary relation of strict mode, is two attacks, one each way;
- an argument without a premise-conclusion structure is a claim holding its description,
  and the premise of the inferences its relations make;
- tags are tags; data, headings and the frontmatter are kept in ``extra["argdown"]``;
- ``{argmap: {...}}`` data sets the fields Argdown has no syntax for; data that does not
  fit (not a mapping, or a field the structure gives, such as an id or premises) is a
  located error. Whatever else cannot be mapped is a note of the report.

Writing gives each claim and evidence item a statement ``[id]: text`` and each inference
an argument ``<id>`` with a premise-conclusion structure; what Argdown has no syntax for
travels in ``{argmap: {...}}`` data, which reading restores. A claim that restates another
(and that no other inference uses) is written as a second statement of the equivalence
class of what it restates, ``[t]: its text {argmap: {restates: t, id: its id, rephrase: the
inference's id}}``, so that Argdown reads the two as equivalent; a rephrase whose
restatement other inferences use is an argument marked ``{argmap: {kind: rephrase}}``.

Examples:
    >>> amap, report = from_text("[a]: A.\\n  + [b]: B.\\n")
    >>> [(i.premises, i.conclusion, i.kind.value) for i in amap.inferences]
    [(['b'], 'a', 'support')]
    >>> print(to_text(amap)[0].split("\\n\\n")[1])
    [a]: A.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from argmap.conversion import Action, ConversionReport
from argmap.errors import InvalidMapError, Location, Problem, validation_message
from argmap.formats.argdown_syntax import (
    RESTATES,
    SHORTCODES,
    ArgdownDocument,
    Argument,
    Definition,
    Relation,
    Statement,
    inline_text,
    parse,
    split_rules,
)
from argmap.formats.positions import ItemPlaces
from argmap.gcpause import gc_paused
from argmap.ids import make_id
from argmap.models import (
    DEFER_INTEGRITY,
    ArgumentMap,
    Claim,
    Evidence,
    Inference,
    InferenceKind,
    Origin,
    integrity_problems,
)

FORMAT = "argdown"
MARK = "argmap"
"""The data key under which the writer keeps what Argdown has no syntax for."""

__all__ = ["from_text", "parse", "to_argmap", "to_text"]


# Reading


Place = tuple[int, int | None]
"""Where an element stands: its line and column (0 when not known); a Location when needed."""


class _Ids:
    """Valid, unique ids made from Argdown titles."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def make(self, title: str) -> str:
        ident = make_id(title, self.taken, fallback="untitled", tidy=True)
        self.taken.add(ident)
        return ident


def from_text(text: str, file: str | Path | None = None) -> tuple[ArgumentMap, ConversionReport]:
    """Read an Argdown text as a map, with what the reading changed or kept aside.

    Raises:
        InvalidMapError: the text is not Argdown the official tool reads, or its data
            does not fit argmap; every problem located by line and column.

    Examples:
        >>> amap, _ = from_text("<a>\\n\\n(1) [p]: P.\\n----\\n(2) [c]: C.\\n")
        >>> amap.inferences[0]
        Inference(id='a', premises=['p'], conclusion='c', kind=<InferenceKind.SUPPORT: \
'support'>, scheme=None, warrant=None, answers=[], tags=[], note=None, ignore=[], \
extra={})
    """
    name = str(file) if file is not None else None
    stem = Path(file).stem if file is not None else None
    with gc_paused():
        # the document is freed before the collector runs again, which then walks the map only
        return to_argmap(parse(text, name), file=name, default_title=stem)


def to_argmap(
    doc: ArgdownDocument, *, file: str | None = None, default_title: str | None = None
) -> tuple[ArgumentMap, ConversionReport]:
    """Map a parsed Argdown document onto an argument map.

    Raises:
        InvalidMapError: ``{argmap: ...}`` data that does not fit argmap's models.
    """
    return _Reader(doc, file).read(default_title)


_FIXED: dict[str, dict[str, str]] = {
    "statement": {"id": "the id is made from the statement's title: rename the statement"},
    "argument": {"id": "the id is made from the argument's title: rename the argument"},
    "inference": {
        "id": "the id is made from the argument's title: rename the argument",
        "premises": "the premises are the numbered statements above the inference line",
        "conclusion": "the conclusion is the numbered statement below the inference line",
        "kind": "an attack or undercut ends in a statement `{argmap: {role: attack}}` "
        "attacking (`->`) a claim or undercutting (`_>`) an argument; `kind: rephrase` "
        "is the one kind data may give",
    },
    "map": {
        "title": "write `title:` in the frontmatter itself",
        "claims": "claims are the document's statements",
        "evidence": "evidence items are statements with `{argmap: {type: evidence}}`",
        "inferences": "inferences are the document's arguments and relations",
    },
}
"""The fields of each kind of element that its structure gives, never its data."""


_NAMES = {"contradictory": "contradictions", "contrary": "contrary relations (strict mode)"}
_REPHRASE = InferenceKind.REPHRASE


def _restatement_problem(
    premise: Any, wanted: Any, rephrase: Any, step_id: Any, position: Any
) -> str | None:
    """What is wrong with the data argmap writes for a restatement, if anything."""
    if not isinstance(premise, str) or not premise:
        return f"`{RESTATES}` is {_kind_of(premise)}, not the id of the statement restated"
    if wanted is not None and not (isinstance(wanted, str) and wanted):
        return f"`id` is {_kind_of(wanted)}, not the id of the restatement"
    if rephrase is not None and not isinstance(rephrase, str | dict):
        return f"`rephrase` is {_kind_of(rephrase)}, not the id of the rephrase or its fields"
    if step_id is not None and not (isinstance(step_id, str) and step_id):
        return f"the rephrase's `id` is {_kind_of(step_id)}, not an id"
    if position is not None and not (type(position) is int and position >= 0):
        return (
            f"the rephrase's `position` is {_kind_of(position)}, not its place among the "
            "inferences (0, 1, ...)"
        )
    return None


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true or false"}.get(
        type(value), "a number"
    )


class _Reader:
    def __init__(self, doc: ArgdownDocument, file: str | None) -> None:
        self.doc = doc
        self.file = file
        self.report = ConversionReport(FORMAT, "read")
        self.ids = _Ids()
        self.problems: list[Problem] = []
        self.claims: list[Claim] = []
        self.evidence: list[Evidence] = []
        self.inferences: list[Inference] = []
        self.statement_ids: dict[str, str] = {}
        self.argument_ids: dict[str, str] = {}
        """Arguments without a pcs: the id of the claim that stands for them."""
        self.step_ids: dict[tuple[str, int], str] = {}
        """The inference id of each conclusion of a pcs: (argument title, pcs index)."""
        self.places: dict[str, Place] = {}
        """Where each item was written, to locate problems with its references."""
        self.statement_items: list[tuple[Place, Claim | Evidence]] = []
        """The items of statements, with the place that orders them when restatements are
        among them (a restatement stands where its statement does, not with its class)."""
        self.restating: list[tuple[int | None, Place, Inference]] = []
        """The rephrases of restatements, each with its place in the list of inferences if
        argmap's data gives one, and the place of its statement."""
        self.derived: list[tuple[str, Statement, Definition]] = []
        """Statements of a class with a text of their own: their claims are made once every
        title has its id (their ids are made from the class's)."""
        self.sections = {s.id: s.title for s in doc.sections}

    def where(self, line: int, column: int | None = None) -> Location:
        return Location(self.file, line or None, column if line else None)

    def at(self, place: Place) -> Location:
        return self.where(*place)

    def invalid(self, message: str, location: Location, hint: str) -> None:
        self.problems.append(Problem("invalid-data", message, location, hint=hint))

    def mark(
        self,
        data: dict[str, Any],
        what: str,
        name: str,
        place: Place,
        key_location: Callable[[str], Location] | None = None,
    ) -> dict[str, Any]:
        """Return the ``{argmap: {...}}`` fields of an element's data, checked."""
        if MARK not in data:
            return {}
        value = data[MARK]
        if not isinstance(value, dict):
            self.invalid(
                f"{name}: `{MARK}` data is {_kind_of(value)}, not a mapping of argmap fields",
                self.at(place),
                f"write e.g. `{MARK}: {{{'description' if what == 'map' else 'note'}: ...}}`; "
                "keep data of your own under another key",
            )
            return {}
        fields: dict[str, Any] = {}
        fixed = _FIXED[what]
        for key, field_value in value.items():
            if key == "kind" and what == "inference" and field_value == _REPHRASE.value:
                fields[key] = field_value  # a rephrase written as an argument
            elif key in fixed:
                self.invalid(
                    f"{name}: `{key}` cannot be set in `{MARK}` data",
                    key_location(key) if key_location else self.at(place),
                    fixed[key],
                )
            elif key == "extra" and not (
                isinstance(field_value, dict) and isinstance(field_value.get(FORMAT, {}), dict)
            ):
                self.invalid(
                    f"{name}: `{MARK}: {{extra: ...}}` must map format names to mappings",
                    key_location(key) if key_location else self.at(place),
                    f"write e.g. `extra: {{{FORMAT}: {{...}}}}`",
                )
            else:
                fields[key] = field_value
        return fields

    def with_extra(self, fields: dict[str, Any], argdown: dict[str, Any]) -> None:
        """Set ``fields["extra"]``: the data's own extra, and what Argdown kept."""
        extra = dict(fields.get("extra") or {})
        if argdown:
            extra[FORMAT] = {**argdown, **(extra.get(FORMAT) or {})}
        fields["extra"] = extra

    def build(self, model: type[Any], fields: dict[str, Any], place: Place) -> Any:
        try:
            item = model.__pydantic_validator__.validate_python(fields)  # as model_validate
        except ValidationError as err:
            location = self.at(place)
            for error in err.errors():
                loc = ".".join(str(p) for p in error["loc"])
                self.problems.append(
                    Problem(
                        "invalid-data",
                        f"`{fields.get('id')}`: {loc}: {validation_message(error)}",
                        location,
                        hint=f"check the `{{{MARK}: ...}}` data of this element",
                    )
                )
            return None
        self.places.setdefault(item.id, place)
        return item

    def read(self, default_title: str | None) -> tuple[ArgumentMap, ConversionReport]:
        doc = self.doc
        for action, what, detail, line in doc.notes:
            self.report.add(Action(action), what, detail, self.where(line))
        markers = self.markers()
        for ec in doc.statements.values():
            if ec.title not in markers:
                self.statement(ec)
        for argument in doc.arguments.values():
            if not argument.pcs:
                self.unreconstructed(argument)
        # In the order of their structures (an argument may be named before), and in two
        # passes: every step has its id before any reference to one is resolved.
        reconstructed = sorted(
            (a for a in doc.arguments.values() if a.pcs), key=lambda a: a.pcs[0].line
        )
        for argument in reconstructed:
            self.allocate(argument)
        for argument in reconstructed:
            self.reconstructed(argument, markers)
        for ident, ec, definition in self.derived:
            self.derived_restatement(ident, ec, definition)
        items = self.statement_items
        if self.restating:  # items in the order their statements stand
            items = sorted(items, key=lambda pair: pair[0])
        self.claims[:0] = [item for _, item in items if isinstance(item, Claim)]
        self.evidence[:0] = [item for _, item in items if isinstance(item, Evidence)]
        consumed = {id(r) for r, _ in markers.values()}
        relations = [r for r in doc.relations if id(r) not in consumed]
        for relation in relations:
            if relation.type != "undercut":
                self.relation(relation)
        for relation in relations:
            if relation.type == "undercut":
                self.relation(relation)
        if self.restating:
            self.place_rephrases()
        amap = self.assemble(default_title)
        return amap, self.report

    def markers(self) -> dict[str, tuple[Relation, str]]:
        """Main conclusions that the writer made to carry an attack or undercut.

        Such a statement is the conclusion of one argument, has no text, tags or data of
        its own, and takes part in one relation: the attack or undercut it stands for.
        """
        doc = self.doc
        conclusions: dict[str, str] = {
            argument.title: argument.pcs[-1].title
            for argument in doc.arguments.values()
            if argument.pcs
        }
        # first what a statement holds, then (for the few that may be markers) how it is used
        candidates = set()
        for title in conclusions.values():
            ec = doc.statements[title]
            mark = ec.data.get(MARK)
            if (
                isinstance(mark, dict)
                and set(mark) == {"role"}
                and len(ec.data) == 1
                and not ec.tags
            ):
                candidates.add(title)
        if not candidates:
            return {}
        uses: dict[str, int] = {}
        for argument in doc.arguments.values():
            for step in argument.pcs:
                if step.title in candidates:
                    uses[step.title] = uses.get(step.title, 0) + 1
        touching: dict[str, list[Relation]] = {}
        for relation in doc.relations:
            titles = set()
            if relation.from_kind == "statement":
                titles.add(relation.from_)
            if relation.to_kind == "statement":
                titles.add(relation.to)
            if relation.to_kind == "argument" and relation.to in conclusions:
                titles.add(conclusions[relation.to])
            for title in titles:
                if title in candidates:
                    touching.setdefault(title, []).append(relation)
        found: dict[str, tuple[Relation, str]] = {}
        for title in conclusions.values():
            if title not in candidates:
                continue
            ec = doc.statements[title]
            mine = touching.get(title, [])
            if (
                uses.get(title) != 1
                or len(mine) != 1
                or (mine[0].from_kind, mine[0].from_) != ("statement", title)
            ):
                continue
            relation, role = mine[0], ec.data[MARK]["role"]
            if ec.members not in ([], [f"{role} on {relation.to}"]):
                continue
            if (role == "attack" and relation.type in ("attack", "contrary", "contradictory")) or (
                role == "undercut"
                and relation.type == "undercut"
                and relation.to_kind == "inference"
            ):
                found[title] = (relation, role)
        return found

    def extra_of(
        self, title: str, ident: str, data: dict[str, Any], section: str | None
    ) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if ident != title:
            extra["title"] = title
        rest = {k: v for k, v in data.items() if k != MARK} if data else None
        if rest:
            extra["data"] = rest
        if section is not None and section in self.sections:
            extra["section"] = self.sections[section]
        return extra

    def statement(self, ec: Statement) -> None:
        ident = self.ids.make(ec.title)
        self.statement_ids[ec.title] = ident
        place: Place = (ec.line, ec.column)
        mark = self.mark(ec.data, "statement", f"[{ec.title}]", place)
        kind = mark.pop("type", None)
        if kind not in (None, "claim", "evidence"):
            self.invalid(
                f"[{ec.title}]: `type: {kind}` is neither `claim` nor `evidence`",
                self.at(place),
                f"write `{{{MARK}: {{type: evidence, kind: ...}}}}` for evidence, else no type",
            )
        if "role" in mark:
            mark.pop("role")
            self.report.changed(
                "`role` data of statements that carry no attack or undercut of their own "
                "ignored (read as claims)",
                ident,
                self.at(place),
            )
        text = mark.pop("text", None)
        own = [d for d in ec.definitions if not d.restating]
        if text is None:
            if own:
                text = own[0].text
            else:
                text = ec.title
                self.report.changed(
                    "statements only referred to, never defined: text taken from the title",
                    ident,
                    self.at(place),
                )
        argdown = self.extra_of(ec.title, ident, ec.data, ec.section)
        if "data" in argdown:
            self.report.kept("statement data kept in `extra`", ident)
        fields: dict[str, Any] = {"id": ident, "text": text, "tags": ec.tags, **mark}
        self.with_extra(fields, argdown)
        item = self.build(Evidence if kind == "evidence" else Claim, fields, place)
        if item is not None:
            self.statement_items.append((ec.mentioned or place, item))
        if len(ec.definitions) > 1:
            seen = {own[0].text} if own else set()
            for definition in ec.definitions:
                if definition.restating:
                    self.restatement(ec, definition)
                elif definition.text not in seen:  # a text of its own
                    seen.add(definition.text)
                    self.derived.append((ident, ec, definition))
        elif ec.definitions and ec.definitions[0].restating:
            self.restatement(ec, ec.definitions[0])

    def restatement(self, ec: Statement, definition: Definition) -> None:
        """The claim of a statement argmap wrote to restate another, and its rephrase."""
        place: Place = (definition.line, definition.column)
        at = self.at(place)
        name = f"[{ec.title}]"
        mark = dict(definition.data[MARK])
        premise = mark.pop(RESTATES)
        wanted = mark.pop("id", None)
        rephrase = mark.pop("rephrase", None)
        step: dict[str, Any] = (
            {"id": rephrase}
            if isinstance(rephrase, str)
            else dict(rephrase)
            if isinstance(rephrase, dict)
            else {}
        )
        position = step.pop("position", None)
        step_id = step.pop("id", None)
        problem = _restatement_problem(premise, wanted, rephrase, step_id, position)
        if problem is not None:
            self.invalid(
                f"{name}: {problem}",
                at,
                f"argmap writes e.g. `{{{MARK}: {{{RESTATES}: t, id: t-2, rephrase: r}}}}`",
            )
            return
        ident = self.ids.make(wanted or ec.title)
        if wanted is not None and ident != wanted:
            self.report.changed(
                "ids of restatements that another element has made unique",
                f"{wanted} → {ident}",
                at,
            )
        fields = self.mark({**definition.data, MARK: mark}, "statement", name, place)
        kind = fields.pop("type", None)
        if kind not in (None, "claim", "evidence"):
            self.invalid(
                f"{name}: `type: {kind}` is neither `claim` nor `evidence`",
                at,
                f"write `{{{MARK}: {{type: evidence, kind: ...}}}}` for evidence, else no type",
            )
        fields.pop("role", None)
        fields = {
            "id": ident,
            "text": fields.pop("text", None) or definition.text,
            "tags": definition.tags,
            **fields,
        }
        self.with_extra(fields, self.extra_of(ident, ident, definition.data, definition.section))
        item = self.build(Evidence if kind == "evidence" else Claim, fields, place)
        if item is not None:
            self.statement_items.append((place, item))
        step_ident = self.ids.make(step_id or f"{premise}-rephrase-{ident}")
        if step_id is not None and step_ident != step_id:
            self.report.changed(
                "ids of restatements that another element has made unique",
                f"{step_id} → {step_ident}",
                at,
            )
        inference = {
            **self.mark({MARK: step}, "inference", f"{name} (its rephrase)", place),
            "id": step_ident,
            "premises": [premise],
            "conclusion": ident,
            "kind": _REPHRASE,
        }
        self.with_extra(inference, {})
        made = self.build(Inference, inference, place)
        if made is not None:
            self.restating.append((position, place, made))

    def derived_restatement(self, premise: str, ec: Statement, definition: Definition) -> None:
        """A claim restating its class's first statement, from a later one of the class."""
        place: Place = (definition.line, definition.column)
        ident = self.ids.make(premise)
        extra = self.extra_of(ec.title, ident, {}, definition.section)
        claim = self.build(
            Claim,
            {"id": ident, "text": definition.text, "extra": {FORMAT: extra} if extra else {}},
            place,
        )
        if claim is not None:
            self.statement_items.append((place, claim))
        step = self.ids.make(f"{premise}-rephrase-{ident}")
        self.places.setdefault(step, place)
        inference = Inference(id=step, premises=[premise], conclusion=ident, kind=_REPHRASE)
        self.restating.append((None, place, inference))
        self.report.kept(
            "statements of an equivalence class with a text of their own read as claims "
            "restating the class's first (kind: rephrase)",
            ident,
            self.at(place),
        )

    def place_rephrases(self) -> None:
        """Put the rephrases of restatements among the inferences: where argmap's data
        says, else after the others, in the order their statements stand."""
        placed = sorted(
            (entry for entry in self.restating if entry[0] is not None),
            key=lambda entry: (entry[0], entry[1]),
        )
        inferences = self.inferences
        for position, _, inference in placed:
            inferences.insert(min(position or 0, len(inferences)), inference)
        rest = sorted((e for e in self.restating if e[0] is None), key=lambda entry: entry[1])
        inferences.extend(inference for _, _, inference in rest)

    def unreconstructed(self, argument: Argument) -> None:
        ident = self.ids.make(argument.title)
        self.argument_ids[argument.title] = ident
        place: Place = (argument.line, argument.column)
        text = argument.descriptions[-1] if argument.descriptions else argument.title
        argdown = self.extra_of(argument.title, ident, argument.data, argument.section)
        argdown["argument"] = True
        if len(argument.descriptions) > 1:
            argdown["descriptions"] = argument.descriptions
        fields: dict[str, Any] = {
            "id": ident,
            "text": text,
            "tags": argument.tags,
            **self.mark(argument.data, "argument", f"<{argument.title}>", place),
        }
        self.with_extra(fields, argdown)
        self.report.changed(
            "arguments without premise-conclusion structure read as claims (their "
            "description), the premise of their relations",
            ident,
            self.at(place),
        )
        item = self.build(Claim, fields, place)
        if item is not None:
            self.claims.append(item)

    def allocate(self, argument: Argument) -> None:
        """Give each inference of a premise-conclusion structure its id."""
        final = self.ids.make(argument.title)
        last = len(argument.pcs) - 1
        for index, step in enumerate(argument.pcs):
            if step.inference is not None:
                ident = final if index == last else self.ids.make(f"{final}-{step.number}")
                self.step_ids[(argument.title, index)] = ident

    def reconstructed(self, argument: Argument, markers: dict[str, tuple[Relation, str]]) -> None:
        name = f"<{argument.title}>"
        argument_mark = self.mark(
            argument.data, "inference", name, (argument.line, argument.column)
        )
        start = 0
        previous: int | None = None
        pcs = argument.pcs
        statement_ids = self.statement_ids
        for index, step in enumerate(pcs):
            inference = step.inference
            if inference is None:  # a premise: read with the conclusion below it
                continue
            last = index == len(pcs) - 1
            ident = self.step_ids[(argument.title, index)]
            place: Place = (inference.line or argument.line, 1)
            chosen = list(range(start, index))
            if previous is not None:
                chosen = [previous, *chosen]
            data = inference.data
            rest = {k: v for k, v in data.items() if k != MARK} if data else {}
            uses = rest.pop("uses", None)
            if uses is not None:
                if (
                    isinstance(uses, list)
                    and uses
                    and all(type(u) is int and 1 <= u <= index for u in uses)
                ):
                    chosen = [u - 1 for u in uses]
                else:
                    rest["uses"] = uses
                    self.report.changed(
                        "`uses` data that names no statements above its inference ignored "
                        "(kept in `extra`)",
                        ident,
                        self.at(place),
                    )
            premises: list[str] = []
            for i in chosen:
                pid = statement_ids.get(pcs[i].title)
                if pid is None:
                    self.report.dropped(
                        "premises that are not statements of the map",
                        f"{ident}: {argument.pcs[i].title}",
                        self.at(place),
                    )
                elif pid in premises:
                    self.report.changed(
                        "premises listed twice in one inference read once",
                        f"{ident}: {pid}",
                        self.at(place),
                    )
                else:
                    premises.append(pid)
            fields: dict[str, Any] = {"id": ident, "premises": premises}
            if inference.rules:
                fields["scheme"] = ", ".join(inference.rules)
            if MARK in inference.data:
                fields.update(
                    self.mark(inference.data, "inference", f"{name} ({step.number})", place)
                )
            extra: dict[str, Any] = {}
            if rest:
                extra["data"] = rest
            if last:
                extra.update(self.extra_of(argument.title, ident, argument.data, argument.section))
                if argument.descriptions:
                    extra["descriptions"] = argument.descriptions
                fields["tags"] = argument.tags
                fields.update(argument_mark)
            elif argument.title != ident:
                extra["argument"] = argument.title
                extra["conclusion_number"] = step.number
            start = index + 1
            previous = index
            marker = markers.get(step.title) if last else None
            if marker is not None:
                relation, role = marker
                target = self.target(relation)
                if target is None:
                    self.report.dropped(
                        "attacks and undercuts whose target is not in the map",
                        f"{ident} on {relation.to}",
                        self.where(relation.line, relation.column),
                    )
                    continue
                fields["kind"] = role
                fields["conclusion"] = target
                if relation.type in _NAMES:
                    self.report.changed(
                        f"{_NAMES[relation.type]} read as attacks", f"{ident} on {target}"
                    )
            else:
                fields["conclusion"] = statement_ids.get(step.title, step.title)
            self.with_extra(fields, extra)
            item = self.build(Inference, fields, place)
            if item is not None:
                self.inferences.append(item)

    def target(self, relation: Relation) -> str | None:
        """Return the id a relation points to, or None if it is not in the map."""
        if relation.to_kind == "statement":
            return self.statement_ids.get(relation.to)
        if relation.to_kind == "inference":
            index = relation.conclusion_index or 0
            return self.step_ids.get((relation.to, index))
        argument = self.doc.arguments.get(relation.to)
        if argument is not None and argument.pcs:
            if relation.type == "undercut":
                return self.step_ids.get((relation.to, len(argument.pcs) - 1))
            self.report.changed(
                "relations to a reconstructed argument read as relations to its main conclusion",
                f"{relation.from_} {relation.type} {relation.to}",
                self.where(relation.line, relation.column),
            )
            return self.statement_ids.get(argument.pcs[-1].title)
        return self.argument_ids.get(relation.to)

    def relation(self, relation: Relation) -> None:
        where = self.where(relation.line, relation.column)
        detail = f"{relation.from_} {relation.type} {relation.to}"
        source = (
            self.statement_ids.get(relation.from_)
            if relation.from_kind == "statement"
            else self.argument_ids.get(relation.from_)
        )
        target = self.target(relation)
        if source is None or target is None:
            self.report.dropped("relations to or from an element not in the map", detail, where)
            return
        if source == target:
            self.report.dropped(
                "relations of a statement to the argument that concludes it (an inference "
                "from a claim to itself)",
                detail,
                where,
            )
            return
        kind = {
            "support": InferenceKind.SUPPORT,
            "entails": InferenceKind.SUPPORT,
            "attack": InferenceKind.ATTACK,
            "contrary": InferenceKind.ATTACK,
            "contradictory": InferenceKind.ATTACK,
            "undercut": InferenceKind.UNDERCUT,
        }[relation.type]
        if kind is InferenceKind.UNDERCUT and relation.to_kind != "inference":
            argument = self.doc.arguments.get(relation.to)
            hit = [
                i.id
                for i in self.inferences
                if relation.to_kind == "argument"
                and argument is not None
                and not argument.pcs
                and i.premises == [target]
            ]
            if len(hit) == 1:
                target = hit[0]
            else:
                kind = InferenceKind.ATTACK
                self.report.changed(
                    "undercuts of a statement or of an argument with no single inference "
                    "read as attacks",
                    f"{source} on {target}",
                    where,
                )
        pairs = [(source, target)]
        if relation.type in ("contradictory", "contrary"):
            pairs.append((target, source))
            self.report.changed(
                f"{_NAMES[relation.type]} read as two attacks, one each way",
                f"{source} >< {target}",
                where,
            )
        for premise, conclusion in pairs:
            ident = self.ids.make(f"{premise}-{kind.value}-{conclusion}")
            extra: dict[str, Any] = {FORMAT: {"relation": relation.type}}
            self.places.setdefault(ident, (relation.line, relation.column))
            self.inferences.append(
                Inference(
                    id=ident, premises=[premise], conclusion=conclusion, kind=kind, extra=extra
                )
            )

    def assemble(self, default_title: str | None) -> ArgumentMap:
        doc = self.doc

        def at(*path: str | int) -> Location:
            return self.where(*doc.frontmatter_location(path))

        front = dict(doc.frontmatter or {})
        mark = self.mark(
            front,
            "map",
            "the frontmatter",
            doc.frontmatter_location((MARK,)),
            lambda key: at(MARK, key),
        )
        front.pop(MARK, None)
        title = front.get("title")
        if not (isinstance(title, str) and title.strip()):
            title = default_title or "Argdown map"
            if "title" in front:
                self.report.changed(
                    "a frontmatter title that is not text replaced", title, at("title")
                )
        else:
            front.pop("title")
        extra: dict[str, Any] = dict(mark.pop("extra", None) or {})
        argdown: dict[str, Any] = {}
        if front:
            argdown["frontmatter"] = front
            self.report.kept("frontmatter settings kept in `extra`", ", ".join(front)[:80])
        if doc.sections:
            argdown["sections"] = [
                {
                    "id": s.id,
                    "title": s.title,
                    "level": s.level,
                    "parent": s.parent,
                    **({"tags": s.tags} if s.tags else {}),
                    **({"data": s.data} if s.data else {}),
                }
                for s in doc.sections
            ]
            self.report.kept(
                "headings kept in `extra` (the map's and each item's `section`)",
                count=len(doc.sections),
            )
        if argdown:
            extra[FORMAT] = {**argdown, **(extra.get(FORMAT) or {})}
        if self.problems:
            raise InvalidMapError(self.problems)
        fields: dict[str, Any] = {
            "title": title,
            **mark,
            "claims": self.claims,
            "evidence": self.evidence,
            "inferences": self.inferences,
            "extra": extra,
        }
        try:
            amap = ArgumentMap.model_validate(fields, context={DEFER_INTEGRITY: True})
        except ValidationError as err:
            raise InvalidMapError(
                [
                    Problem(
                        "invalid-data",
                        f"`{MARK}: {'.'.join(str(p) for p in e['loc'])}`: {validation_message(e)}",
                        at(MARK, *e["loc"]),
                        hint=f"check the frontmatter's `{MARK}:` data",
                    )
                    for e in err.errors()
                ]
            ) from None
        problems = integrity_problems(amap)
        if problems:
            raise InvalidMapError([self.locate(amap, p) for p in problems])
        # findings of `argmap check` then point at the element that made each item; the
        # map keeps these places only, not the reader and its document
        places = self.places

        def place_of(ident: str, _: Sequence[str | int]) -> tuple[int, int] | None:
            """Where the element that made the item ``ident`` stands."""
            place = places.get(ident)
            if place is None or not place[0]:
                return None
            return place[0], place[1] or 1

        amap._attach(Origin(Path(self.file or "<argdown>"), ItemPlaces(amap, place_of)))
        return amap

    def locate(self, amap: ArgumentMap, problem: Problem) -> Problem:
        """Place a problem with the map's references at the element that makes it."""
        path = problem.path
        location: Location | None = None
        if len(path) >= 2 and path[0] in ("claims", "evidence", "inferences"):
            items: list[Any] = getattr(amap, str(path[0]))
            if isinstance(path[1], int) and 0 <= path[1] < len(items):
                place = self.places.get(items[path[1]].id)
                location = None if place is None else self.at(place)
        if location is None:
            location = self.where(*self.doc.frontmatter_location((MARK, *path)))
        hint = problem.hint or f"check the `{{{MARK}: ...}}` data that refers to it"
        return Problem(problem.code, problem.message, location, hint, path)


# Writing

_PLAIN_TAG = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")
_BRACKET_TAG = re.compile(r"[\w \-!?,'&+=%$;]+")
_SHORTCODE_AT = re.compile(r"[.:][^\s.:]{1,12}[.:]")


def _printable(c: str) -> bool:
    o = ord(c)
    return (
        o in (9, 10, 13)
        or 0x20 <= o <= 0x7E
        or 0xA0 <= o <= 0xD7FF
        or 0xE000 <= o <= 0xFFFD
        or o >= 0x10000
    ) and c not in "\u2028\u2029\ufeff"


def _string(text: str) -> str:
    out = json.dumps(text, ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if (c in "{}=" or not _printable(c)) else c for c in out)


def _dump(value: Any) -> str:
    """Write data as one line of flow YAML that Argdown and argmap both read back exactly."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_string(str(k))}: {_dump(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_dump(v) for v in value) + "]"
    if isinstance(value, str):
        return _string(value)
    return json.dumps(value)


def _escape(text: str, specials: str = "\\#*_[]<>{}") -> str:
    """Return ``text`` on one line with Argdown's special characters escaped."""
    flat = " ".join(text.split())
    out: list[str] = []
    for i, c in enumerate(flat):
        if (
            c in specials
            or (c == "/" and flat[i + 1 : i + 2] in ("/", "*"))
            or (
                c in ".:"
                and (m := _SHORTCODE_AT.match(flat, i))
                and m.group()[-1] == c
                and m.group()[1:-1] in SHORTCODES
            )
        ):
            out.append("\\")
        out.append(c)
    return "".join(out)


def _tags(tags: list[str]) -> tuple[str, bool]:
    """Return tags written as Argdown, and whether they read back exactly."""
    written = []
    for tag in tags:
        if _PLAIN_TAG.fullmatch(tag):
            written.append(f"#{tag}")
        elif _BRACKET_TAG.fullmatch(tag) and tag == " ".join(tag.split()):
            written.append(f"#({tag})")
    line = " ".join(written)
    return (" " + line if line else ""), inline_text(line)[1] == tags


def _element_data(fields: dict[str, Any]) -> str:
    return f" {{{MARK}: {_dump(fields)}}}" if fields else ""


def to_text(amap: ArgumentMap) -> tuple[str, ConversionReport]:
    """Write a map as Argdown that the Argdown tool and :func:`from_text` read back.

    Claims and evidence are statements ``[id]: text``, inferences arguments ``<id>`` with a
    premise-conclusion structure; an attack's or undercut's structure ends in a statement
    that attacks (``->``) its claim or undercuts (``_>``) its inference. Fields Argdown has
    no syntax for travel in ``{argmap: {...}}`` data.

    Examples:
        >>> amap = ArgumentMap(title="T", claims=[Claim(id="a", text="A."),
        ...     Claim(id="b", text="B.")], inferences=[Inference(id="i", premises=["b"],
        ...     conclusion="a", scheme="modus ponens")])
        >>> print(to_text(amap)[0])
        ===
        title: "T"
        ===
        <BLANKLINE>
        [a]: A.
        <BLANKLINE>
        [b]: B.
        <BLANKLINE>
        <i>
        <BLANKLINE>
        (1) [b]
        --
        modus ponens
        --
        (2) [a]
        <BLANKLINE>
    """
    report = ConversionReport(FORMAT, "write")
    blocks: list[str] = []
    front = ["===", f"title: {_string(amap.title)}"]
    mark = amap.model_dump(
        mode="json",
        exclude_defaults=True,
        include={"description", "thesis", "checks", "sources", "extra"},
    )
    if mark:
        front.append(f"{MARK}: {_dump(mark)}")
        report.kept(
            "map fields Argdown has no syntax for (sources, thesis, ...) kept in frontmatter data",
            ", ".join(mark),
        )
    front.append("===")
    blocks.append("\n".join(front))
    in_data: list[str] = []
    items: list[Claim | Evidence] = [*amap.claims, *amap.evidence]
    restating = _restatements(amap)
    positions = _positions(amap, items, restating)
    for item in items:
        fields = item.model_dump(mode="json", exclude_defaults=True)
        fields.pop("id")
        text = _escape(item.text)
        if inline_text(text)[0] != item.text:
            in_data.append(item.id)
        else:
            fields.pop("text")
        if isinstance(item, Evidence):
            fields = {"type": "evidence", **fields}
        if item.id in restating:  # a statement of the class of what it restates
            title, rephrase = restating[item.id]
            step = _rephrase_data(rephrase, positions.get(rephrase.id))
            fields = {RESTATES: rephrase.premises[0], "id": item.id, "rephrase": step, **fields}
            blocks.append(f"[{title}]: {text}{_element_data(fields)}")
            continue
        tags, exact = _tags(item.tags)
        if exact:
            fields.pop("tags", None)
        blocks.append(f"[{item.id}]: {text}{tags}{_element_data(fields)}")
    if in_data:
        report.kept(
            "texts with line breaks, runs of spaces or leading spaces kept exactly in data",
            ", ".join(in_data[:5]),
        )
    as_arguments = []
    for inference in amap.inferences:
        if inference.kind is _REPHRASE:
            if inference.conclusion in restating:
                continue  # written with its restatement
            as_arguments.append(inference.id)
        blocks.extend(_argument(inference))
    if as_arguments:
        report.kept(
            "rephrases whose restatement other inferences use written as arguments marked "
            "`kind: rephrase` (Argdown reads them as supports)",
            ", ".join(as_arguments[:5]),
            count=len(as_arguments),
        )
    return "\n\n".join(blocks) + "\n", report


def _restatements(amap: ArgumentMap) -> dict[str, tuple[str, Inference]]:
    """The items written as a statement of the equivalence class of what they restate: for
    each, the class's title (the id of the item first restated) and its rephrase.

    Such an item is the conclusion of one inference, a rephrase that nothing undercuts, and
    the premise of rephrases only, whose restatements are written so too; a class's
    statements share a title, which no other inference could then name.
    """
    concluding: dict[str, list[Inference]] = {}
    using: dict[str, list[Inference]] = {}
    for inference in amap.inferences:
        concluding.setdefault(inference.conclusion, []).append(inference)
        for premise in inference.premises:
            using.setdefault(premise, []).append(inference)
    found = {
        ident: steps[0]
        for ident, steps in concluding.items()
        if len(steps) == 1
        and steps[0].kind is _REPHRASE
        and steps[0].id not in concluding
        and steps[0].premises != [ident]
    }
    if not found:
        return {}
    roots: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for ident in list(found):
            if any(
                i.kind is not _REPHRASE or i.conclusion not in found for i in using.get(ident, ())
            ):
                del found[ident]
                changed = True
        roots.clear()
        for ident in list(found):
            seen = {ident}
            root = found[ident].premises[0]
            while root in found and root not in seen:
                seen.add(root)
                root = found[root].premises[0]
            if root in found:  # a cycle of restatements: no first statement to title them
                del found[ident]
                changed = True
            else:
                roots[ident] = root
    return {ident: (roots[ident], step) for ident, step in found.items()}


def _positions(
    amap: ArgumentMap, items: Sequence[Claim | Evidence], restating: dict[str, Any]
) -> dict[str, int]:
    """The place among the inferences of each rephrase written with its restatement, where
    reading would not give it back: reading puts them after the other inferences, in the
    order of their statements."""
    if not restating:
        return {}
    order = {item.id: n for n, item in enumerate(items)}
    inferences = amap.inferences
    last = len(inferences)
    while last > 0:  # the rephrases that end the list in the order of their statements
        inference = inferences[last - 1]
        if inference.kind is not _REPHRASE or inference.conclusion not in restating:
            break
        later = inferences[last] if last < len(inferences) else None
        if later is not None and order[inference.conclusion] > order[later.conclusion]:
            break
        last -= 1
    return {
        inference.id: n
        for n, inference in enumerate(inferences[:last])
        if inference.kind is _REPHRASE and inference.conclusion in restating
    }


def _rephrase_data(inference: Inference, position: int | None) -> str | dict[str, Any]:
    """How a restatement's data gives its rephrase: the id alone, or with its fields."""
    fields = inference.model_dump(mode="json", exclude_defaults=True)
    for key in ("id", "premises", "conclusion", "kind"):
        fields.pop(key, None)
    if position is not None:
        fields["position"] = position
    return {"id": inference.id, **fields} if fields else inference.id


def _argument(inference: Inference) -> list[str]:
    fields = inference.model_dump(mode="json", exclude_defaults=True)
    for key in ("id", "premises", "conclusion", "kind"):
        fields.pop(key, None)
    if inference.kind is _REPHRASE:
        fields = {"kind": _REPHRASE.value, **fields}
    tags, exact = _tags(inference.tags)
    if exact:
        fields.pop("tags", None)
    rule = ""
    if inference.scheme is not None:
        rule = _escape(inference.scheme, "\\#*_[]<>{},-")
        read = ", ".join(r for r in (inline_text(p)[0] for p in split_rules(rule)) if r)
        if read == inference.scheme:
            fields.pop("scheme")
    head = f"<{inference.id}>{tags}{_element_data(fields)}"
    lines = [f"({n}) [{p}]" for n, p in enumerate(inference.premises, 1)]
    lines.append(f"--\n{rule}\n--" if rule else "----")
    n = len(inference.premises) + 1
    if inference.kind is InferenceKind.SUPPORT or inference.kind is _REPHRASE:
        lines.append(f"({n}) [{inference.conclusion}]")
    else:
        kind = inference.kind.value
        symbol = "->" if inference.kind is InferenceKind.ATTACK else "_>"
        target = f"[{inference.conclusion}]" if symbol == "->" else f"<{inference.conclusion}>"
        lines.append(
            f"({n}) [{inference.id} ({kind})]: {kind} on {_escape(inference.conclusion)}"
            f"{_element_data({'role': kind})}\n    {symbol} {target}"
        )
    return [head, "\n".join(lines)]
