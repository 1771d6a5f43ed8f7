"""Rules about support that goes round in a circle."""

from __future__ import annotations

from collections.abc import Iterator

import networkx as nx

from argmap.checks.findings import Issue, Severity
from argmap.checks.index import MapIndex
from argmap.checks.rule import rule


@rule("AM201", "circular-support", Severity.ERROR)
def circular_support(index: MapIndex) -> Iterator[Issue]:
    """Premises that, followed through what they support, lead back to themselves.

    Begging the question: `a` supports `b`, which supports `a`. Circular support
    supports nothing, so the claims in the circle count as unsupported too.

    Fails: `{id: i1, premises: [a], conclusion: b}` and `{id: i2, premises: [b], conclusion: a}`.
    Passes: one of the claims rests on something outside the circle instead.
    """
    order = {ident: position for position, ident in enumerate(index.paths)}
    for circle in index.circles:
        start = min(circle, key=lambda node: order.get(node, len(order)))
        edges = nx.find_cycle(index.support_graph.subgraph(circle), source=start)
        claims = [edge[0] for edge in edges]
        steps = [index.support_graph.edges[edge]["inference"] for edge in edges]
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

    Fails: `{id: i, premises: [crisis_matured, peasant_revolt], conclusion: crisis_matured}`
    Passes: the conclusion is not a premise of the same step.
    """
    for inference in index.amap.inferences:
        if inference.conclusion in inference.premises:
            yield Issue(
                (inference.id, inference.conclusion),
                f"`{inference.id}` has its own conclusion `{inference.conclusion}` as a premise",
                f"remove `{inference.conclusion}` from the premises",
            )
