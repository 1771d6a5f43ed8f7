"""Rules about the debate: objections and how they are answered."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks.findings import Issue, Severity
from argmap.checks.index import MapIndex
from argmap.checks.rule import rule
from argmap.models import Inference, InferenceKind


@rule("AM401", "unanswered-attack", Severity.INFO)
def unanswered_attack(index: MapIndex) -> Iterator[Issue]:
    """An attack or undercut that nothing in the map answers.

    An attack is answered when something attacks one of its premises or undercuts the
    attack itself. An unanswered objection may stand: does the text reply to it?
    Replies (attacks on an objection's premises, undercuts of an objection) need no
    answer of their own: the last word in a debate is always unanswered.

    Fails: `{id: cavalry_objection, premises: [loyal_cavalry], conclusion: insurrection_now,
        kind: attack}` with nothing attacking `loyal_cavalry` or `cavalry_objection`.
    Passes: `{id: reply, premises: [cavalry_wavers], conclusion: loyal_cavalry, kind: attack}`.
    """
    objection_premises = {
        premise
        for inference in index.amap.inferences
        if inference.kind.attacks
        for premise in inference.premises
    }
    for inference in index.amap.inferences:
        if not inference.kind.attacks:
            continue
        target = index.nodes.get(inference.conclusion)
        is_reply = inference.conclusion in objection_premises or (
            isinstance(target, Inference) and target.kind.attacks
        )
        if is_reply:
            continue
        answered = index.attacks.get(inference.id) or any(
            index.attacks.get(premise) for premise in inference.premises
        )
        if answered:
            continue
        verb = "attacks" if inference.kind is InferenceKind.ATTACK else "undercuts"
        yield Issue(
            (inference.id, inference.conclusion),
            f"`{inference.id}` {verb} `{inference.conclusion}` and nothing answers it",
            "if the text replies, attack a premise of the objection or undercut it",
        )
