"""Rules about argumentation schemes: names the catalogue knows, critical questions asked.

An attack, undercut or support says which critical questions it raises or answers with
``answers: [CQ2]``: questions of the step it undercuts, or of the steps with a scheme that
use or conclude the claim it concludes. :func:`answer_problems` checks those labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from argmap.checks.findings import Issue, Severity
from argmap.checks.index import MapIndex
from argmap.checks.rule import rule
from argmap.errors import Problem
from argmap.models import Inference, InferenceKind
from argmap.schemes import Scheme

_NOTED = re.compile(r"\bCQ ?(\d+)\b", re.IGNORECASE)
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


def answer_problems(index: MapIndex) -> list[Problem]:
    """The ``answers`` that name no critical question of the steps they target, located.

    Examples:
        >>> from argmap.models import ArgumentMap, Claim, Inference
        >>> amap = ArgumentMap(title="T", claims=[Claim(id="a", text="A"),
        ...     Claim(id="b", text="B"), Claim(id="c", text="C")], inferences=[
        ...     Inference(id="s", premises=["a"], conclusion="b", scheme="sign"),
        ...     Inference(id="u", premises=["c"], conclusion="s", kind="undercut",
        ...               answers=["CQ2", "CQ9"])])
        >>> [p.message for p in answer_problems(MapIndex(amap))]
        ['`CQ9` is no critical question of `s` (Argument From Sign has CQ1 to CQ3)']
    """
    problems: list[Problem] = []
    for inference in index.amap.inferences:
        if not inference.answers:
            continue

        def problem(
            message: str, hint: str | None = None, at: int | None = None, ident: str = inference.id
        ) -> None:
            field = ("answers",) if at is None else ("answers", at)
            where = index.location(ident, field)
            problems.append(Problem("unknown-question", message, where, hint=hint))

        if inference.kind is InferenceKind.REPHRASE:
            problem(f"`{inference.id}` is a rephrase: it raises no critical question")
            continue
        steps = targets(index, inference)
        known = [(step, s) for step in steps if (s := scheme_of(index, step)) is not None]
        if not known:
            named = [step for step in steps if step.scheme]
            if named:
                names = ", ".join(f"`{step.scheme}`" for step in named)
                problem(
                    f"`{inference.id}` answers critical questions, but the catalogue does not "
                    f"hold the scheme of the step it targets ({names})",
                    "add it with its questions under `schemes:` in `checks:` or [tool.argmap]",
                )
            else:
                target = inference.conclusion
                what = (
                    f"the step it undercuts, `{target}`, has no scheme"
                    if isinstance(index.nodes.get(target), Inference)
                    else f"no step that uses or concludes `{target}` has a scheme"
                )
                problem(
                    f"`{inference.id}` answers critical questions, but {what}",
                    "give that step a `scheme` (`argmap schemes` lists them)",
                )
            continue
        for at, label in enumerate(inference.answers):
            if any(s.question(label) is not None for _, s in known):
                continue
            step, scheme = known[0]
            count = len(scheme.questions)
            has = f"CQ1 to CQ{count}" if count > 1 else ("CQ1" if count else "no questions")
            others = "" if len(known) == 1 else f" nor of {len(known) - 1} other steps"
            problem(
                f"`{label}` is no critical question of `{step.id}`{others} "
                f"({scheme.name} has {has})",
                f'`argmap schemes "{scheme.name}"` lists them',
                at,
            )
    return problems


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
    conclude the claim it concludes), or when the step's own `note` mentions it (`CQ3:
    the text gives no other sign`). One finding per step lists what is left. Deductive
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
        questions = "; ".join(str(q) for q in left)
        yield Issue(
            (step.id,),
            message,
            f"does the text face them? {questions} (an attack or undercut that raises one "
            "says so with `answers: [CQn]`; the step's `note` may answer it)",
        )
