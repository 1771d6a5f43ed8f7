"""The size and shape of a map: what ``argmap stats`` prints.

Examples:
    >>> import argmap
    >>> measured = stats(argmap.read("examples/crisis_core.yaml"))
    >>> measured.claims, measured.depth, measured.quotes_found, measured.quotes_not_found
    (3, 3, 3, 0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from argmap.graph import depth, roots, to_networkx
from argmap.models import ArgumentMap, InferenceKind
from argmap.quotes import locate_quotes

COUNTS = (
    "sources",
    "claims",
    "assumed",
    "implicit",
    "evidence",
    "inferences",
    "quotes_found",
    "quotes_not_found",
)
"""The statistics that add up over many maps (depth does not)."""

TABLE_COLUMNS = {
    "claims": "claims",
    "evidence": "evidence",
    "inferences": "inferences",
    "depth": "depth",
    "quotes_found": "quotes found",
    "quotes_not_found": "not found",
}
"""The columns of :func:`format_table`: field of :class:`MapStats` → heading."""


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

    def rows(self) -> list[tuple[str, str]]:
        """Return the statistics as named lines of text, as ``argmap stats FILE`` prints them.

        Examples:
            >>> import argmap
            >>> dict(stats(argmap.read("examples/crisis_core.yaml")).rows())["inferences"]
            '3 (3 support, 0 attack, 0 undercut)'
        """
        kinds = ", ".join(  # restatements only where there are any
            f"{n} {kind}" for kind, n in self.inference_kinds.items() if n or kind != "rephrase"
        )
        return [
            ("title", self.title),
            ("thesis", self.thesis or "(none)"),
            ("sources", str(self.sources)),
            ("claims", f"{self.claims} ({self.assumed} assumed, {self.implicit} implicit)"),
            ("evidence", str(self.evidence)),
            ("inferences", f"{self.inferences} ({kinds})"),
            ("depth", f"{self.depth} steps"),
            ("top", ", ".join(self.top_conclusions) or "(none)"),
            ("quotes", f"{self.quotes_found} found, {self.quotes_not_found} not found"),
        ]

    def format_text(self) -> str:
        """Return :meth:`rows` as aligned lines of text."""
        rows = self.rows()
        width = max(len(name) for name, _ in rows)
        return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def stats(amap: ArgumentMap) -> MapStats:
    """Count the items of a map, and measure its depth and how many of its quotes stand.

    Examples:
        >>> import argmap
        >>> measured = argmap.stats(argmap.read("examples/crisis_core.yaml"))
        >>> measured.inference_kinds, measured.top_conclusions
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


def total(measured: Iterable[MapStats]) -> dict[str, int]:
    """Add up the counts (:data:`COUNTS`) of many maps.

    Examples:
        >>> import argmap
        >>> core = stats(argmap.read("examples/crisis_core.yaml"))
        >>> total([core, core])["claims"]
        6
    """
    sums = dict.fromkeys(COUNTS, 0)
    for one in measured:
        for name in COUNTS:
            sums[name] += getattr(one, name)
    return sums


def format_table(measured: Sequence[tuple[str, MapStats | str]]) -> str:
    """Return many maps' statistics as a table: a row per file, and a row of totals.

    Args:
        measured: each file's name and its statistics, or a note saying why it has none
            (the note fills the row).
    """
    columns = list(TABLE_COLUMNS)
    usable = [one for _, one in measured if isinstance(one, MapStats)]
    sums = total(usable)
    body: list[tuple[str, list[str] | str]] = [
        (name, [str(getattr(one, c)) for c in columns] if isinstance(one, MapStats) else one)
        for name, one in measured
    ]
    totals = ["" if c == "depth" else str(sums[c]) for c in columns]  # depths do not add up
    table = [("file", list(TABLE_COLUMNS.values())), *body, ("total", totals)]
    first = max(len(name) for name, _ in table)
    widths = [
        max(len(cells[i]) for _, cells in table if isinstance(cells, list))
        for i in range(len(columns))
    ]
    lines = []
    for name, cells in table:
        if isinstance(cells, list):
            cells = "  ".join(cell.rjust(w) for cell, w in zip(cells, widths, strict=True))
        lines.append(f"{name:<{first}}  {cells}".rstrip())
    return "\n".join(lines)
