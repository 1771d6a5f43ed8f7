"""The size and shape of a map: what ``argmap stats`` prints.

Examples:
    >>> import argmap
    >>> stats = measure(argmap.read("examples/crisis_core.yaml"))
    >>> stats.claims, stats.depth, stats.quotes_found, stats.quotes_not_found
    (3, 3, 3, 0)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from argmap.graph import depth, roots, to_networkx
from argmap.models import ArgumentMap, InferenceKind
from argmap.quotes import locate_quotes


@dataclass(frozen=True)
class MapStats:
    """Counts, depth, thesis and quotes of one map."""

    title: str
    thesis: str | None
    sources: int
    claims: int
    assumed: int
    """Claims marked ``assumed``."""
    implicit: int
    """Claims marked ``implicit``."""
    evidence: int
    inferences: int
    inference_kinds: dict[str, int]
    """How many inferences of each kind (``support``, ``attack``, ``undercut``, ``rephrase``)."""
    depth: int
    """Inference steps in the longest chain of support."""
    top_conclusions: list[str]
    """The statements that are no inference's premise."""
    quotes_found: int
    quotes_not_found: int

    def as_dict(self) -> dict[str, Any]:
        """Return the statistics as plain data, in the order of the fields (for JSON)."""
        return asdict(self)


def measure(amap: ArgumentMap) -> MapStats:
    """Count the items of a map, and measure its depth and how many of its quotes stand.

    Examples:
        >>> import argmap
        >>> stats = measure(argmap.read("examples/crisis_core.yaml"))
        >>> stats.inference_kinds, stats.top_conclusions
        ({'support': 3, 'attack': 0, 'undercut': 0, 'rephrase': 0}, ['insurrection_now'])
    """
    graph = to_networkx(amap)
    kinds = {kind.value: 0 for kind in InferenceKind}
    for inference in amap.inferences:
        kinds[inference.kind.value] += 1
    lookups = locate_quotes(amap)
    found = sum(lookup.found for lookup in lookups)
    return MapStats(
        title=amap.title,
        thesis=amap.thesis,
        sources=len(amap.sources),
        claims=len(amap.claims),
        assumed=sum(c.assumed for c in amap.claims),
        implicit=sum(c.implicit for c in amap.claims),
        evidence=len(amap.evidence),
        inferences=len(amap.inferences),
        inference_kinds=kinds,
        depth=depth(graph),
        top_conclusions=roots(graph),
        quotes_found=found,
        quotes_not_found=len(lookups) - found,
    )
