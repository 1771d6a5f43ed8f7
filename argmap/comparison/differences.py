"""What a student's map does differently from the reference, said as a teacher would.

Each difference names its root cause once: a missing claim is one difference, not one
more for each step that the reference rests on it; a step is reported missing or extra
only when the student has both its ends.

Examples:
    >>> sorted(KINDS)[:3]
    ['claim-as-evidence', 'evidence-as-claim', 'extra-claim']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from argmap.checks import check
from argmap.comparison.alignment import Alignment
from argmap.errors import Location
from argmap.models import ArgumentMap, Claim, Evidence, Inference, InferenceKind

KINDS: dict[str, str] = {
    "missing-claim": "a claim of the reference is not in the student's map",
    "missing-evidence": "evidence of the reference is not in the student's map",
    "missing-implicit-premise": "an unstated premise the reference reconstructs is missing",
    "extra-claim": "a claim of the student's that the reference does not have",
    "extra-evidence": "evidence of the student's that the reference does not have",
    "evidence-as-claim": "what the text cites (evidence) is mapped as a claim",
    "claim-as-evidence": "a claim is mapped as evidence",
    "missing-step": "an inference of the reference between two items the student has",
    "extra-step": "an inference the reference does not make",
    "reversed-step": "premise and conclusion are swapped",
    "wrong-kind": "support where the reference attacks, attack where it undercuts, ...",
    "linked-vs-convergent": "premises linked where the reference has separate reasons, "
    "or the reverse",
    "misquote": "a quote that does not stand in the source",
}
"""Every kind of difference, with what it means."""

Relation = tuple[str, str, InferenceKind]
"""A premise, what it leads to (a statement, or for an undercut a step) and the kind."""


@dataclass(frozen=True, slots=True)
class Difference:
    """One thing the student's map does differently from the reference.

    ``student`` and ``reference`` are the ids concerned on each side (None where that side
    has no such item); ``location`` is where to look in the student's file.
    """

    kind: str
    student: str | None
    reference: str | None
    message: str
    hint: str | None
    location: Location | None


def relations(amap: ArgumentMap) -> set[Relation]:
    """Each premise of each inference with its conclusion and kind (linked premises count
    one by one)."""
    return {(p, i.conclusion, i.kind) for i in amap.inferences for p in i.premises}


def places(amap: ArgumentMap) -> dict[str, Location]:
    """Where each claim, evidence item and inference stands in the map's file."""
    origin = amap.origin
    if origin is None:
        return {}
    found = {}
    for collection in ("claims", "evidence", "inferences"):
        for i, item in enumerate(getattr(amap, collection)):
            found[item.id] = origin.location((collection, i))
    return found


_VERB = {
    InferenceKind.SUPPORT: "supports",
    InferenceKind.ATTACK: "attacks",
    InferenceKind.UNDERCUT: "undercuts",
    InferenceKind.REPHRASE: "restates",
}


def _quoted(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _ids(ids: list[str]) -> str:
    return ", ".join(f"`{i}`" for i in ids)


class _Differ:
    def __init__(self, student: ArgumentMap, reference: ArgumentMap, alignment: Alignment):
        self.student, self.reference, self.alignment = student, reference, alignment
        self.to_ref = alignment.to_reference()
        self.to_mine = alignment.to_student()
        self.mine = student.index()
        self.ref = reference.index()
        self.places = places(student)
        self.ref_places = places(reference)
        self.file = Location(str(student.origin.file)) if student.origin else None
        self.ref_relations = relations(reference)
        self.ref_steps = {i.id for i in reference.inferences}
        self.ref_uses: dict[str, list[Inference]] = defaultdict(list)
        for inference in reference.inferences:
            for premise in inference.premises:
                self.ref_uses[premise].append(inference)

    def where(self, student_id: str | None) -> Location | None:
        if student_id is not None and student_id in self.places:
            return self.places[student_id]
        return self.file

    def line_of_reference(self, ident: str) -> str:
        place = self.ref_places.get(ident)
        return f" (reference, line {place.line})" if place and place.line else ""

    def describe(self, ident: str, *, reference: bool) -> str:
        """`id` with the words of a statement, or what a step infers."""
        node = (self.ref if reference else self.mine)[ident]
        if isinstance(node, Inference):
            return f"the step `{ident}` (to `{node.conclusion}`)"
        return f"`{ident}` {_quoted(node.text)}"

    def differences(self) -> list[Difference]:
        found = [
            *self.items(),
            *self.steps(),
            *self.linking(),
            *self.misquotes(),
        ]
        return found

    # Statements ---------------------------------------------------------------------------

    def items(self) -> Iterator[Difference]:
        uses = self.ref_uses
        concluded: dict[str, list[Inference]] = defaultdict(list)
        for inference in self.reference.inferences:
            concluded[inference.conclusion].append(inference)
        for ident in self.alignment.unaligned_reference:
            yield self.missing(self.ref[ident], uses[ident], concluded[ident])  # type: ignore[arg-type]
        for ident in self.alignment.unaligned_student:
            yield self.extra(self.mine[ident])  # type: ignore[arg-type]
        for pair in self.alignment.pairs:
            mine, ref = self.mine[pair.student], self.ref[pair.reference]
            if isinstance(mine, Claim) and isinstance(ref, Evidence):
                yield Difference(
                    "evidence-as-claim",
                    mine.id,
                    ref.id,
                    f"`{mine.id}` is what the text cites ({ref.kind.value}), but it is mapped "
                    "as a claim",
                    f"move it to `evidence:` with `kind: {ref.kind.value}`: the text gives it "
                    "as grounds, it does not argue for it",
                    self.where(mine.id),
                )
            elif isinstance(mine, Evidence) and isinstance(ref, Claim):
                yield Difference(
                    "claim-as-evidence",
                    mine.id,
                    ref.id,
                    f"`{mine.id}` is mapped as evidence, but the text argues for it or "
                    "asserts it: it is a claim",
                    "move it to `claims:`; evidence is what the text cites (figures, "
                    "quotations, reports), not what it claims",
                    self.where(mine.id),
                )

    def missing(
        self, item: Claim | Evidence, uses: list[Inference], concluded: list[Inference]
    ) -> Difference:
        role = []
        if item.id == self.reference.thesis:
            role.append("the thesis")
        targets = []
        for inference in uses:
            mine = self.to_mine.get(inference.conclusion)
            step = "the step " if inference.conclusion in self.ref_steps else ""
            named = f"your {step}`{mine}`" if mine else f"{step}`{inference.conclusion}`"
            said = f"{_VERB[inference.kind]} {named}"
            if said not in targets:
                targets.append(said)
        if targets:
            more = f" and {len(targets) - 2} more" if len(targets) > 2 else ""
            role.append("it " + ", ".join(targets[:2]) + more)
        if concluded:
            n = len(concluded)
            role.append(f"{n} step{'s' if n > 1 else ''} conclude{'' if n > 1 else 's'} it")
        what = "; ".join(role)
        near = next(
            (self.to_mine[i.conclusion] for i in uses if i.conclusion in self.to_mine), None
        )
        if isinstance(item, Claim) and item.implicit:
            return Difference(
                "missing-implicit-premise",
                None,
                item.id,
                f"the argument needs an unstated premise that your map leaves out: "
                f"{_quoted(item.text)}" + (f" ({what})" if what else ""),
                "add it as a claim with `implicit: true`: the text takes it for granted, "
                "but the step does not follow without it",
                self.where(near),
            )
        kind = "claim" if isinstance(item, Claim) else "evidence"
        where_said = ""
        if item.quote:
            line = self.alignment.quote_lines.get(item.id)
            at = f", line {line}" if line else ""
            where_said = f"{at}: {_quoted(item.quote)}"
        return Difference(
            f"missing-{kind}",
            None,
            item.id,
            f"the reference has the {kind} {_quoted(item.text)}"
            + (f" ({what})" if what else "")
            + ", which your map does not have",
            (
                "look for it in the text" + where_said
                if kind == "claim"
                else "add what the text cites as `evidence:`" + where_said
            ),
            self.where(near),
        )

    def extra(self, item: Claim | Evidence) -> Difference:
        kind = "claim" if isinstance(item, Claim) else "evidence"
        hint = (
            "check that the text states or needs it; if it is a side remark or a summary "
            "of another claim, leave it out or merge it"
        )
        if isinstance(item, Claim) and item.implicit:
            hint = "the reference does without this unstated premise: is the step valid without it?"
        return Difference(
            f"extra-{kind}",
            item.id,
            None,
            f"{self.describe(item.id, reference=False)} is not in the reference map",
            hint,
            self.where(item.id),
        )

    # Steps --------------------------------------------------------------------------------

    def mapped(self, relation: Relation) -> Relation | None:
        premise, conclusion, kind = relation
        p, c = self.to_ref.get(premise), self.to_ref.get(conclusion)
        return (p, c, kind) if p is not None and c is not None else None

    def ends(self, ident: str) -> list[str]:
        """What a reference relation's conclusion may be taken for: a statement itself; a
        step (undercut), or the step's conclusion or premises (attacked instead)."""
        node = self.ref.get(ident)
        if isinstance(node, Inference):
            return [ident, node.conclusion, *node.premises]
        return [ident]

    def steps(self) -> Iterator[Difference]:
        ref_rel = self.ref_relations
        by_ends: dict[tuple[str, str], list[Relation]] = defaultdict(list)
        by_pair: dict[tuple[str, str], list[Relation]] = defaultdict(list)
        for rel in ref_rel:
            by_pair[rel[0], rel[1]].append(rel)
            for end in self.ends(rel[1]):
                by_ends[rel[0], end].append(rel)
        explained: set[Relation] = set()
        extra: dict[str, list[str]] = defaultdict(list)  # student step: its premises
        for inference in self.student.inferences:
            for premise in inference.premises:
                rel = (premise, inference.conclusion, inference.kind)
                got = self.mapped(rel)
                if got is None or got in ref_rel:
                    continue
                p, c, kind = got
                other = [r for end in self.ends(c) for r in by_ends[p, end] if r[2] is not kind]
                exact = [r for r in other if r[1] == c]
                if exact or other:
                    theirs = (exact or other)[0]
                    explained.add(theirs)
                    yield self.wrong_kind(inference, premise, theirs)
                elif by_pair.get((c, p)):
                    explained.update(by_pair[c, p])
                    yield self.reversed(inference, premise)
                else:
                    extra[inference.id].append(premise)
        for ident, premises in extra.items():
            yield self.extra_step(self.mine[ident], premises)  # type: ignore[arg-type]
        mine_rel = {self.mapped(r) for r in relations(self.student)}
        missing: dict[str, list[str]] = defaultdict(list)
        for inference in self.reference.inferences:
            for premise in inference.premises:
                rel = (premise, inference.conclusion, inference.kind)
                if rel in mine_rel or rel in explained:
                    continue
                if premise in self.to_mine and inference.conclusion in self.to_mine:
                    missing[inference.id].append(premise)
        for ident, premises in missing.items():
            yield self.missing_step(self.ref[ident], premises)  # type: ignore[arg-type]

    def _name(self, ref_id: str) -> str:
        """A reference item as the student knows it: their id for it, if they have one."""
        mine = self.to_mine.get(ref_id)
        return f"`{mine}`" if mine is not None else f"the reference's `{ref_id}`"

    def wrong_kind(self, step: Inference, premise: str, theirs: Relation) -> Difference:
        _, ref_target, ref_kind = theirs
        target = self.ref[ref_target]
        hint = f"make it `kind: {ref_kind.value}`"
        if isinstance(target, Inference):
            froms = ", ".join(self._name(p) for p in target.premises)
            said = (
                f"undercuts the step from {froms} to {self._name(target.conclusion)}: "
                "it questions the inference, not the conclusion"
            )
            step_id = self.to_mine.get(target.id)
            hint += (
                f" with `conclusion: {step_id}` (the step it questions)"
                if step_id
                else " and let it conclude the step it questions"
            )
        else:
            said = f"{_VERB[ref_kind]} {self._name(ref_target)}"
            if step.kind is InferenceKind.UNDERCUT:
                hint += f" with `conclusion: {self.to_mine.get(ref_target, ref_target)}`"
        return Difference(
            "wrong-kind",
            step.id,
            self._ref_step(theirs),
            f"in your step `{step.id}`, `{premise}` {_VERB[step.kind]} `{step.conclusion}`; "
            f"in the reference it {said}",
            hint,
            self.where(step.id),
        )

    def _ref_step(self, rel: Relation) -> str | None:
        """The reference step that makes a relation."""
        for inference in self.ref_uses.get(rel[0], ()):
            if inference.conclusion == rel[1] and inference.kind is rel[2]:
                return inference.id
        return None

    def reversed(self, step: Inference, premise: str) -> Difference:
        return Difference(
            "reversed-step",
            step.id,
            self._ref_step((self.to_ref[step.conclusion], self.to_ref[premise], step.kind)),
            f"your step `{step.id}` infers `{step.conclusion}` from `{premise}`, but the text "
            f"argues the other way: it infers `{premise}` from `{step.conclusion}`",
            f"swap them: `premises: [{step.conclusion}]`, `conclusion: {premise}`; ask which "
            "of the two the author wants the reader to accept because of the other",
            self.where(step.id),
        )

    def extra_step(self, step: Inference, premises: list[str]) -> Difference:
        elsewhere = []
        for premise in premises:
            ref_premise = self.to_ref[premise]
            for inference in self.ref_uses.get(ref_premise, ()):
                verb = _VERB[inference.kind]
                if inference.conclusion in self.to_mine:
                    mine = self.to_mine[inference.conclusion]
                    elsewhere.append(f"in the reference `{premise}` {verb} `{mine}`")
                else:
                    skipped = self.ref[inference.conclusion]
                    words = (
                        _quoted(skipped.text) if not isinstance(skipped, Inference) else "a step"
                    )
                    elsewhere.append(
                        f"in the reference `{premise}` {verb} {words}, which your map leaves "
                        "out: does your step skip it?"
                    )
                break
        hint = (
            "; ".join(elsewhere)
            if elsewhere
            else ("does the text argue this? If not, remove the step")
        )
        return Difference(
            "extra-step",
            step.id,
            None,
            f"your step `{step.id}` ({_ids(premises)} {_VERB[step.kind]} `{step.conclusion}`) "
            "is not in the reference",
            hint,
            self.where(step.id),
        )

    def missing_step(self, step: Inference, premises: list[str]) -> Difference:
        mine = [self.to_mine[p] for p in premises]
        conclusion = self.to_mine[step.conclusion]
        detail = f" ({step.scheme})" if step.scheme else ""
        fields = f"premises: [{', '.join(mine)}], conclusion: {conclusion}"
        if step.kind is not InferenceKind.SUPPORT:
            fields += f", kind: {step.kind.value}"
        return Difference(
            "missing-step",
            None,
            step.id,
            f"the reference has {_ids(mine)} {_VERB[step.kind].removesuffix('s')} "
            f"`{conclusion}`{detail}; your map has no such step"
            if len(mine) > 1
            else f"the reference has `{mine[0]}` {_VERB[step.kind]} `{conclusion}`{detail}; "
            "your map has no such step",
            f"add an inference {{{fields}}}",
            self.where(conclusion),
        )

    # Linked and convergent ----------------------------------------------------------------

    def linking(self) -> Iterator[Difference]:
        yield from self._split(self.reference, self.student, self.to_mine, True)
        yield from self._split(self.student, self.reference, self.to_ref, False)

    def _split(
        self,
        linked_in: ArgumentMap,
        other: ArgumentMap,
        across: dict[str, str],
        reference_links: bool,
    ) -> Iterator[Difference]:
        """Steps of ``linked_in`` whose linked premises ``other`` gives as separate steps."""
        steps_of: dict[tuple[str, str, InferenceKind], list[Inference]] = defaultdict(list)
        for inference in other.inferences:
            for premise in inference.premises:
                steps_of[premise, inference.conclusion, inference.kind].append(inference)
        for step in linked_in.inferences:
            if len(step.premises) < 2:
                continue
            conclusion = across.get(step.conclusion)
            premises = [across[p] for p in step.premises if p in across]
            if conclusion is None or len(premises) < 2:
                continue
            keys = [(p, conclusion, step.kind) for p in premises]
            if not all(key in steps_of for key in keys):
                continue  # a step missing, not split: reported as such
            wanted = set(premises)
            if any(wanted <= set(i.premises) for key in keys for i in steps_of[key]):
                continue  # linked on both sides
            theirs = {i.id for key in keys for i in steps_of[key]}
            ordered = sorted(theirs)
            if reference_links:
                yield Difference(
                    "linked-vs-convergent",
                    ordered[0],
                    step.id,
                    f"the reference links {_ids(premises)} in one step: they support "
                    f"`{conclusion}` only together; your map gives them as separate reasons "
                    f"({_ids(ordered)})",
                    f"merge them into one inference with `premises: [{', '.join(premises)}]`: "
                    "would either premise convince without the other?",
                    self.where(ordered[0]),
                )
            else:
                yield Difference(
                    "linked-vs-convergent",
                    step.id,
                    ordered[0],
                    f"your step `{step.id}` links {_ids(step.premises)}, but in the reference "
                    f"each supports `{step.conclusion}` on its own",
                    "split it into one inference per premise: each is a reason by itself",
                    self.where(step.id),
                )

    # Quotes -------------------------------------------------------------------------------

    def misquotes(self) -> Iterator[Difference]:
        report = check(self.student, select=["quote-not-found"], use_files=False)
        for finding in report:
            mine = finding.ids[0] if finding.ids else None
            yield Difference(
                "misquote",
                mine,
                self.to_ref.get(mine) if mine else None,
                finding.message,
                finding.hint,
                finding.location,
            )


def differences(
    student: ArgumentMap, reference: ArgumentMap, alignment: Alignment
) -> list[Difference]:
    """Every difference of the student's map from the reference, in the student's file
    order (those without a place last)."""
    found = _Differ(student, reference, alignment).differences()
    order = list(KINDS)
    found.sort(
        key=lambda d: (
            d.location is None or d.location.line is None,
            d.location.line or 0 if d.location else 0,
            d.location.column or 0 if d.location else 0,
            order.index(d.kind),
        )
    )
    return found
