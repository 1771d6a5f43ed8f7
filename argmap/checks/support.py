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


@rule("AM101", "unsupported-claim", Severity.WARNING)
def unsupported_claim(index: MapIndex) -> Iterator[Issue]:
    """A claim the argument relies on has no support of its own.

    A claim is relied on when it is the thesis or a premise of an inference. It is
    supported by an inference that concludes it, unless that support leads back to the
    claim itself (circular support supports nothing). A claim marked `assumed: true`
    needs no support.

    Fails:
        claims: [{id: congress_gives_nothing, text: The Congress will give nothing.}]
        inferences: [{id: i, premises: [congress_gives_nothing], conclusion: insurrection_now}]
    Passes: evidence or another inference supports `congress_gives_nothing`, or it is
        marked `assumed: true`.
    """
    relied = index.uses  # (keyed by every premise)
    thesis = index.amap.thesis
    grounded = index.grounded
    for claim in index.amap.claims:
        if (claim.id not in relied and claim.id != thesis) or claim.assumed:
            continue
        if index.supports.get(claim.id) and (claim.id in grounded or index.real_supports(claim.id)):
            continue  # supported; if the support is not grounded, ungrounded-step says so
        what = "the thesis" if claim.id == index.amap.thesis else "relied on"
        if index.supports.get(claim.id):
            circular = ", ".join(f"`{i.id}`" for i in index.supports[claim.id])
            message = f"`{claim.id}` is {what} but supported only in a circle (by {circular})"
        else:
            message = f"`{claim.id}` is {what} but nothing supports it"
        yield Issue((claim.id,), message, _SUPPORT_HINT)


@rule("AM102", "ungrounded-step", Severity.WARNING)
def ungrounded_step(index: MapIndex) -> Iterator[Issue]:
    """An inference rests on a premise that is not grounded in evidence or assumptions.

    Following the premise down through what supports it, some claim at the bottom has
    no support (or only circular support) and is not `assumed`. The message shows the
    chain from the inference's conclusion down to that ground. Only support grounds a
    claim: an attack on it, answered or not, does not unground it (see
    `unanswered-attack`).

    Fails: `insurrection_now ← waiting_is_idiocy ← congress_gives_nothing (unsupported)`.
    Passes: every premise rests, all the way down, on evidence or `assumed` claims.
    """
    grounded = index.grounded
    for inference in index.amap.inferences:
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
        )


@rule("AM103", "unwarranted-step", Severity.WARNING)
def unwarranted_step(index: MapIndex) -> Iterator[Issue]:
    """An inference has neither a `warrant` nor a `scheme`: the leap is not explained.

    Why do the premises lead to the conclusion? A `warrant` says it in words; a
    `scheme` names the pattern of reasoning (argument from sign, from consequences,
    practical reasoning, ...).

    Fails: `{id: i, premises: [crisis_matured], conclusion: insurrection_now}`
    Passes: `{..., scheme: practical reasoning}` or `{..., warrant: A matured crisis must be
        seized at once.}`
    """
    for inference in index.amap.inferences:
        if not (inference.warrant or inference.scheme):
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
