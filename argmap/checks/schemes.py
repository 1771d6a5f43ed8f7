"""Rules about argumentation schemes: names the catalogue knows, critical questions asked.

An attack, undercut or support says which critical questions it raises or answers with
``answers: [CQ2]``: questions of the step it undercuts, or of the steps with a scheme that
use or conclude the claim it concludes. A step's own ``note`` marks one answered with the
label and a colon (``CQ2: no other cause is in sight``). Labels are read in any case
(``cq2`` is ``CQ2``); ``unknown-question`` reports one that names no question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from argmap.checks.findings import Issue, Severity
from argmap.checks.index import MapIndex
from argmap.checks.rule import rule
from argmap.models import Inference, InferenceKind
from argmap.schemes import Scheme

_NOTED = re.compile(r"\bCQ ?(\d+) ?:", re.IGNORECASE)
"""How a step's note marks a critical question answered: its label and a colon, ``CQ2:``
(a note that merely mentions a question, "CQ2 is not answered", does not)."""
_NUMBER = re.compile(r"\d+")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_UNASKED_KINDS = frozenset({"support", "attack"})
"""The kinds of scheme whose questions an analysis is expected to ask (not deductive rules,
whose questions are whether the premises hold, nor fallacies)."""


def scheme_of(index: MapIndex, inference: Inference) -> Scheme | None:
    """The catalogued scheme an inference names, or None."""
    return index.schemes.find(inference.scheme) if inference.scheme else None


def targets(index: MapIndex, inference: Inference) -> list[Inference]:
    """The steps whose critical questions ``inference``'s ``answers`` refer to: the step it
    undercuts, or the steps with a scheme that use or conclude the claim it concludes."""
    target = index.nodes.get(inference.conclusion)
    if isinstance(target, Inference):
        return [target]
    ident = inference.conclusion
    near = [
        *index.uses.get(ident, ()),
        *index.supports.get(ident, ()),
        *index.attacks.get(ident, ()),
    ]
    seen: set[str] = {inference.id}
    steps = []
    for step in near:
        if step.id not in seen and step.scheme:
            seen.add(step.id)
            steps.append(step)
    return steps


def asked_questions(index: MapIndex) -> dict[str, set[str]]:
    """For each step, the labels of its critical questions that some inference's
    ``answers`` raise or answer."""
    asked: dict[str, set[str]] = {}
    for inference in index.amap.inferences:
        if not inference.answers:
            continue
        wanted = {label.strip().upper() for label in inference.answers}
        for step in targets(index, inference):
            scheme = scheme_of(index, step)
            if scheme is not None:
                labels = {q.label for q in scheme.questions} & wanted
                asked.setdefault(step.id, set()).update(labels)
    return asked


@rule("AM501", "unknown-scheme", Severity.INFO)
def unknown_scheme(index: MapIndex) -> Iterator[Issue]:
    """An inference names a scheme that the catalogue of schemes does not hold.

    The catalogue (`argmap schemes`) knows the common schemes by their AIFdb and OVA names
    and many others ("argument from sign", `ExpertOpinion`, "means to end"), in any case,
    with or without "argument from". A name it does not know may be a slip, or a scheme
    of your own: add yours, with their critical questions, under `schemes:` in the map's
    `checks:` or in [tool.argmap]. A warning in the `coursework` profile. The scheme of
    a rephrase (AIF's kinds of rephrase, such as "Specialisation") is not looked up.

    Fails: `{id: step, premises: [a], conclusion: b, scheme: argument from sing}`.
    Passes: `scheme: argument from sign`, or `checks: {schemes: {my scheme: [Is it so?]}}`
        for `scheme: my scheme`.
    """
    found: dict[str, bool] = {}
    rephrase = InferenceKind.REPHRASE
    for inference in index.amap.inferences:
        name = inference.scheme
        if not name or inference.kind is rephrase:  # (AIF's kinds of rephrase: no schemes)
            continue
        known = found.get(name)
        if known is None:
            known = found[name] = index.schemes.find(name) is not None
        if known:
            continue
        yield Issue(
            (inference.id,),
            f"`{inference.id}` names the scheme `{name}`, which is not in the catalogue",
            index.schemes.suggest(name)
            or "`argmap schemes` lists the catalogue; add a scheme of your own under "
            "`schemes:` in `checks:` or [tool.argmap]",
            path=(*index.paths[inference.id], "scheme"),
        )


@rule("AM502", "unasked-critical-question", Severity.INFO)
def unasked_critical_question(index: MapIndex) -> Iterator[Issue]:
    """A step's scheme has critical questions that nothing in the map asks.

    Each scheme of the catalogue comes with critical questions: the ways an argument of
    that form can fail. A question is asked when an attack, undercut or support names it
    in `answers` (`answers: [CQ2]`: of the step it undercuts, or of the steps that use or
    conclude the claim it concludes), or when the step's own `note` marks it with its
    label and a colon (`CQ3: the text gives no other sign`; a note that only mentions it,
    "CQ3 is not answered", does not count). One finding per step lists what is left, the
    questions' letters filled with the step's conclusion where the scheme allows. Deductive
    rules and fallacies are not asked about. Off in the `analysis` and `corpus` profiles
    (a real text seldom asks its own questions); listed in `coursework`.

    Fails: `{id: sign_step, premises: [a], conclusion: b, scheme: argument from sign}`
        with nothing raising its questions.
    Passes: `{id: other_cause, premises: [c], conclusion: sign_step, kind: undercut,
        answers: [CQ1, CQ2, CQ3]}`.
    """
    inferences = [
        i for i in index.amap.inferences if i.scheme and i.kind is not InferenceKind.REPHRASE
    ]
    if not inferences:
        return
    asked = asked_questions(index)
    for step in inferences:
        scheme = scheme_of(index, step)
        if scheme is None or not scheme.questions or scheme.kind not in _UNASKED_KINDS:
            continue
        done = asked.get(step.id, set())
        if step.note:
            done |= {f"CQ{int(n)}" for n in _NOTED.findall(step.note)}
        left = [q for q in scheme.questions if q.label not in done]
        if not left:
            continue
        labels = ", ".join(q.label for q in left)
        total = len(scheme.questions)
        if len(left) == total:
            message = (
                f"nothing asks the critical questions of `{step.id}` ({scheme.name}): {labels}"
            )
        else:
            message = (
                f"`{step.id}` ({scheme.name}) leaves {len(left)} of its {total} critical "
                f"questions unasked: {labels}"
            )
        fills = _fills(scheme, step)
        questions = "; ".join(f"{q.label}: {_readable(q.text, fills)}" for q in left)
        yield Issue(
            (step.id,),
            message,
            f"does the text face them? {questions} (letters stand for the parts of the "
            f'scheme, `argmap schemes "{scheme.name}"`; an attack or undercut that raises '
            "a question says so with `answers: [CQn]`, the step's `note` answers one with "
            "`CQn: ...`)",
        )


def _fills(scheme: Scheme, step: Inference) -> dict[str, str]:
    """What a question's placeholders stand for in this step: the one placeholder of the
    scheme's conclusion is the step's conclusion (``{A}`` of "{A} is plausibly true")."""
    names = set(_PLACEHOLDER.findall(scheme.conclusion or ""))
    return {names.pop(): f"`{step.conclusion}`"} if len(names) == 1 else {}


def _readable(text: str, fills: dict[str, str]) -> str:
    """A question's text with its placeholders filled from the step, or as bare letters.

    Examples:
        >>> _readable("Is {E} an expert on {A}?", {"A": "`storm`"})
        'Is E an expert on `storm`?'
    """
    return _PLACEHOLDER.sub(lambda m: fills.get(m.group(1), m.group(1)), text)


def _label_hint(label: str, known: list[tuple[Inference, Scheme]]) -> str:
    """A hint for a label that names no question: the question it probably means (``Q5``,
    ``CQ-5`` or ``5`` for ``CQ5``), else the questions there are."""
    number = _NUMBER.search(label)
    if number is not None:
        wanted = f"CQ{int(number.group())}"
        if any(scheme.question(wanted) is not None for _, scheme in known):
            return f"did you mean `{wanted}`?"
    return f'`argmap schemes "{known[0][1].name}"` lists them'


@rule("AM503", "unknown-question", Severity.ERROR)
def unknown_question(index: MapIndex) -> Iterator[Issue]:
    """An `answers` names a critical question that the steps it refers to do not have.

    An attack, undercut or support names the critical questions it raises in `answers`:
    questions of the step it undercuts, or of the steps with a scheme that use or conclude
    the claim it concludes. Labels are read in any case (`cq2` is `CQ2`). A label that no
    such step's scheme has is a slip, and the question it meant counts as unasked; so is
    an `answers` on a rephrase, or with no step with a scheme to refer to. When the
    scheme is one the catalogue does not hold, the labels are not checked (`unknown-scheme`
    reports the scheme). An error in every profile: the map refers to nothing.

    Fails: `{id: other_cause, premises: [c], conclusion: sign_step, kind: undercut,
        answers: [CQ9]}`, where `sign_step` is an argument from sign (CQ1 to CQ3).
    Passes: `answers: [CQ2]`, or `answers: [cq2]`.
    """
    for inference in index.amap.inferences:
        if not inference.answers:
            continue
        here = (*index.paths[inference.id], "answers")
        if inference.kind is InferenceKind.REPHRASE:
            yield Issue(
                (inference.id,),
                f"`{inference.id}` is a rephrase: it raises no critical question",
                "remove its `answers`",
                path=here,
            )
            continue
        steps = targets(index, inference)
        known = [(step, s) for step in steps if (s := scheme_of(index, step)) is not None]
        if not known:
            if any(step.scheme for step in steps):
                continue  # a scheme the catalogue does not hold: unknown-scheme says so
            target = inference.conclusion
            what = (
                f"the step it undercuts, `{target}`, has no scheme"
                if isinstance(index.nodes.get(target), Inference)
                else f"no step that uses or concludes `{target}` has a scheme"
            )
            yield Issue(
                (inference.id,),
                f"`{inference.id}` answers critical questions, but {what}",
                "give that step a `scheme` (`argmap schemes` lists them)",
                path=here,
            )
            continue
        for at, label in enumerate(inference.answers):
            if any(s.question(label) is not None for _, s in known):
                continue
            step, scheme = known[0]
            count = len(scheme.questions)
            has = f"CQ1 to CQ{count}" if count > 1 else ("CQ1" if count else "no questions")
            others = "" if len(known) == 1 else f" nor of {len(known) - 1} other steps"
            yield Issue(
                (inference.id,),
                f"`{label}` is no critical question of `{step.id}`{others} "
                f"({scheme.name} has {has})",
                _label_hint(label, known),
                path=(*here, at),
            )
