"""Rules about support: claims without it, steps that do not rest on anything, leaps."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks.findings import Issue, Severity
from argmap.checks.index import MapIndex
from argmap.checks.rule import rule
from argmap.models import InferenceKind

_SUPPORT_HINT = (
    "support it with evidence or an inference; mark it `assumed: true` only if the text "
    "takes it as common ground"
)


@rule(
    "AM101",
    "unsupported-claim",
    Severity.WARNING,
    folded_as=("claim is left unsupported", "claims are left unsupported"),
)
def unsupported_claim(index: MapIndex) -> Iterator[Issue]:
    """A claim the argument relies on has no support of its own.

    A claim is relied on when it is the thesis or a premise of an inference. It is
    supported by an inference that concludes it, unless that support leads back to the
    claim itself (circular support supports nothing), or through a claim it restates or
    that restates it (`kind: rephrase`). A claim marked `assumed: true` needs no
    support. An `implicit` premise (one the text leaves unstated) is no exception: it
    is what the argument takes for granted, so it is reported until you mark it
    `assumed: true` or support it.

    This is the root cause of the steps above the claim that it leaves ungrounded: the
    finding names the steps that use the claim, and the steps above that rest on it
    (those whose way down reaches this claim first; they are its related locations in
    JSON and SARIF), instead of each being reported as `ungrounded-step`.

    Fails:
        claims: [{id: congress_gives_nothing, text: The Congress will give nothing.}]
        inferences: [{id: i, premises: [congress_gives_nothing], conclusion: insurrection_now}]
    Passes: evidence or another inference supports `congress_gives_nothing`, or it is
        marked `assumed: true`.
    """
    relied = index.relied_on  # (keyed by every premise of a step)
    thesis = index.amap.thesis
    grounded = index.grounded
    classes = index.restatement_classes
    for claim in index.amap.claims:
        if (claim.id not in relied and claim.id != thesis) or claim.assumed:
            continue
        if claim.id in grounded or index.real_supports(claim.id):
            continue  # supported; if the support is not grounded, ungrounded-step says so
        others: tuple[str, ...] = ()
        if claim.id in classes:
            if index.restated_supports(claim.id) or index.representative(claim.id) != claim.id:
                continue  # supported through a restatement, or reported at another member
            others = tuple(m for m in classes[claim.id] if m != claim.id)
        users = tuple(i.id for i in relied.get(claim.id, ()))
        if claim.id == index.amap.thesis:
            what = "the thesis"
        else:
            named = ", ".join(f"`{u}`" for u in users[:3]) + (" and others" if users[3:] else "")
            what = f"relied on by {named}"
        supports = [i for m in (claim.id, *others) for i in index.supports.get(m, ())]
        nor = ""
        if others:
            nor = f" (nor its restatement{'s' if len(others) > 1 else ''} "
            nor += ", ".join(f"`{m}`" for m in others) + ")"
        cause = None
        if supports:
            circular = ", ".join(f"`{i.id}`" for i in supports)
            message = f"`{claim.id}` is {what} but supported only in a circle (by {circular})"
            cause = ("circular-support", claim.id)  # reported there, if the circle is
        else:
            message = f"`{claim.id}` is {what} but nothing supports it{nor}"
        yield Issue((claim.id, *others, *users), message, _SUPPORT_HINT, cause=cause)


@rule(
    "AM102",
    "ungrounded-step",
    Severity.WARNING,
    folded_as=("step above is left ungrounded", "steps above are left ungrounded"),
)
def ungrounded_step(index: MapIndex) -> Iterator[Issue]:
    """An inference rests on a premise that is not grounded in evidence or assumptions.

    Following the premise down through what supports it, some claim at the bottom has
    no support (or only circular support) and is not `assumed`. The message shows the
    chain from the inference's conclusion down to that ground. Only support grounds a
    claim: an attack on it, answered or not, does not unground it (see
    `unanswered-attack`).

    When the claim at the bottom is reported as `unsupported-claim`, that finding names
    this step and it is not reported again: one root cause, one finding. A rephrase is
    no step: what it links is grounded or not together.

    Fails: `insurrection_now ← waiting_is_idiocy ← congress_gives_nothing (unsupported)`.
    Passes: every premise rests, all the way down, on evidence or `assumed` claims.
    """
    grounded = index.grounded
    rephrase = InferenceKind.REPHRASE
    for inference in index.amap.inferences:
        if inference.kind is rephrase:
            continue
        premise = next((p for p in inference.premises if p not in grounded), None)
        if premise is None:
            continue
        chain, bottom, reason = index.chain_down(premise)
        if inference.kind is InferenceKind.SUPPORT:
            what = f"`{inference.id}`"
            text = " ← ".join([inference.conclusion, *chain])
        else:  # the chain shows support only: the attacked item is named apart
            what = f"the {inference.kind.value} `{inference.id}` on `{inference.conclusion}`"
            text = " ← ".join(chain)
        yield Issue(
            (inference.id, premise, bottom),
            f"{what} rests on ungrounded `{premise}`: {text} ({reason})",
            f"support `{bottom}` with evidence or an inference; mark it `assumed: true` only "
            "if the text takes it as common ground",
            cause=("unsupported-claim", bottom),
        )


@rule("AM103", "unwarranted-step", Severity.INFO)
def unwarranted_step(index: MapIndex) -> Iterator[Issue]:
    """An inference has neither a `warrant` nor a `scheme`: the leap is not explained.

    Real texts seldom state their warrants, so this is `info` by default and an error
    in the `coursework` profile, where reconstructing them is the exercise. A rephrase
    needs neither.

    Why do the premises lead to the conclusion? A `warrant` says it in words; a
    `scheme` names the pattern of reasoning (argument from sign, from consequences,
    practical reasoning, ...).

    Fails: `{id: i, premises: [crisis_matured], conclusion: insurrection_now}`
    Passes: `{..., scheme: practical reasoning}` or `{..., warrant: A matured crisis must be
        seized at once.}`
    """
    rephrase = InferenceKind.REPHRASE
    for inference in index.amap.inferences:
        if not (inference.warrant or inference.scheme) and inference.kind is not rephrase:
            yield Issue(
                (inference.id,),
                f"`{inference.id}` has neither a warrant nor a scheme",
                "add `warrant:` (why the premises lead to the conclusion) or `scheme:`",
            )


@rule("AM104", "evidence-as-conclusion", Severity.ERROR)
def evidence_as_conclusion(index: MapIndex) -> Iterator[Issue]:
    """An inference concludes evidence: evidence is what the text gives, not what it infers.

    Fails: `{id: i, premises: [a], conclusion: dyelo_naroda}` where `dyelo_naroda` is evidence.
    Passes: the conclusion is a claim; if the text argues for it, make it a claim.
    """
    supports = index.supports
    concluded = [e.id for e in index.amap.evidence if e.id in supports]
    for inference in [i for ident in concluded for i in supports[ident]]:
        yield Issue(
            (inference.id, inference.conclusion),
            f"`{inference.id}` concludes the evidence `{inference.conclusion}`",
            f"make `{inference.conclusion}` a claim if the text argues for it",
        )


@rule("AM105", "redundant-assumption", Severity.INFO)
def redundant_assumption(index: MapIndex) -> Iterator[Issue]:
    """A claim is marked `assumed` but the map also supports it.

    An assumption is accepted without support; a supported claim is not assumed.
    Decide which the text does.

    Fails: `{id: a, text: ..., assumed: true}` and an inference concluding `a`.
    Passes: drop `assumed: true`, or the inference.
    """
    for claim in index.amap.claims:
        if claim.assumed and index.real_supports(claim.id):
            yield Issue(
                (claim.id,),
                f"`{claim.id}` is marked `assumed` but "
                f"`{index.real_supports(claim.id)[0].id}` supports it",
                "drop `assumed: true` if the text argues for it",
            )
