"""Rules about support that goes round in a circle."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks.findings import Issue, Severity
from argmap.checks.index import MapIndex
from argmap.checks.rule import rule
from argmap.models import InferenceKind


@rule("AM201", "circular-support", Severity.ERROR)
def circular_support(index: MapIndex) -> Iterator[Issue]:
    """Premises that, followed through what they support, lead back to themselves.

    Begging the question: `a` supports `b`, which supports `a`. Circular support
    supports nothing, so the claims in the circle count as unsupported too.

    Fails: `{id: i1, premises: [a], conclusion: b}` and `{id: i2, premises: [b], conclusion: a}`.
    Passes: one of the claims rests on something outside the circle instead.
    """
    if not index.circles:
        return
    order = {ident: position for position, ident in enumerate(index.paths)}
    for circle in index.circles:
        start = min(circle, key=lambda node: order.get(node, len(order)))
        claims = _cycle_through(index.support_edges, set(circle), start)
        steps = [
            index.support_edges[a][b] for a, b in zip(claims, [*claims[1:], claims[0]], strict=True)
        ]
        first = min(steps, key=lambda step: order[step])
        route = " → ".join(f"`{claim}`" for claim in [*claims, claims[0]])
        through = ", ".join(f"`{step}`" for step in steps)
        yield Issue(
            (first, *claims, *[s for s in steps if s != first]),
            f"circular support: {route} (through {through})",
            f"find what the text rests `{claims[0]}` on outside the circle",
        )


@rule("AM202", "self-support", Severity.ERROR)
def self_support(index: MapIndex) -> Iterator[Issue]:
    """An inference's conclusion is among its own premises.

    A premise that restates the conclusion (`kind: rephrase` links the two) is the
    conclusion too: the step begs the question.

    Fails: `{id: i, premises: [crisis_matured, peasant_revolt], conclusion: crisis_matured}`
    Passes: the conclusion is not a premise of the same step.
    """
    classes = index.restatement_classes
    rephrase, support = InferenceKind.REPHRASE, InferenceKind.SUPPORT
    for inference in index.amap.inferences:
        conclusion = inference.conclusion
        if conclusion in inference.premises:
            hint = (
                "a rephrase restates another claim: make `conclusion` the claim that says it again"
                if inference.kind is rephrase
                else f"remove `{conclusion}` from the premises"
            )
            yield Issue(
                (inference.id, conclusion),
                f"`{inference.id}` has its own conclusion `{conclusion}` as a premise",
                hint,
            )
        elif inference.kind is support and conclusion in classes:
            same = classes[conclusion]
            restated = next((p for p in inference.premises if p in same), None)
            if restated is not None:
                yield Issue(
                    (inference.id, conclusion, restated),
                    f"`{inference.id}` concludes `{conclusion}` from `{restated}`, which says "
                    "the same in other words (a rephrase links them)",
                    f"find what the text rests `{conclusion}` on besides its restatement",
                )


def _cycle_through(edges: dict[str, dict[str, str]], circle: set[str], start: str) -> list[str]:
    """Return a shortest cycle from ``start`` back to itself, inside ``circle``."""
    came_from: dict[str, str] = {}
    queue = [start]
    for node in queue:  # breadth first; the queue grows as it is read
        for nxt in edges.get(node, {}):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(came_from[path[-1]])
                return path[::-1]
            if nxt in circle and nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    raise AssertionError("a strongly connected set always has a cycle through each member")
