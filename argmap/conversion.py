"""What a conversion between formats kept, changed or dropped: the conversion report.

Every reader and writer of another tool's format fills a :class:`ConversionReport`.
Nothing is lost silently: data that argmap has no field for is *kept* (in an item's
``extra``, or as a claim's locutions), data that had to be altered is *changed*, and
data that the target format cannot hold is *dropped*.

Examples:
    >>> report = ConversionReport("aif", "read")
    >>> report.kept("PA nodes (preferences) kept in `extra`", "node 55")
    >>> report.kept("PA nodes (preferences) kept in `extra`", "node 56")
    >>> report.dropped("empty I-nodes", "node 7")
    >>> report.lossy
    True
    >>> print(report.format_text())
    reading aif: 1 dropped, 2 kept
      dropped: empty I-nodes: 1 (node 7)
      kept: PA nodes (preferences) kept in `extra`: 2 (node 55, node 56)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from argmap.errors import ArgmapError, Location, Problem

EXAMPLES_SHOWN = 5
"""How many examples of each kind of note the text report names."""


class Action(StrEnum):
    """What a conversion did to a piece of data."""

    DROPPED = "dropped"
    """Lost: the target cannot hold it."""
    CHANGED = "changed"
    """Altered to fit, e.g. an id made valid or an empty text filled in."""
    KEPT = "kept"
    """Held somewhere other than its own field: ``extra``, locutions, a tag."""


@dataclass(frozen=True)
class ConversionNote:
    """One thing a conversion did: ``what`` names the kind, ``detail`` the instance."""

    action: Action
    what: str
    detail: str | None = None
    location: Location | None = None
    count: int = 1
    """How many pieces of data the note stands for (e.g. 12 L-nodes in one note)."""

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location is not None else ""
        detail = f" ({self.detail})" if self.detail else ""
        return f"{where}{self.action.value}: {self.what}{detail}"


@dataclass
class ConversionReport:
    """The notes of one read or write, in the order they were made."""

    format: str
    direction: Literal["read", "write"]
    notes: list[ConversionNote] = field(default_factory=list)

    def add(
        self,
        action: Action,
        what: str,
        detail: str | None = None,
        location: Location | None = None,
        *,
        count: int = 1,
    ) -> None:
        """Record that the conversion did ``action`` to ``count`` pieces of data."""
        self.notes.append(ConversionNote(action, what, detail, location, count))

    def dropped(
        self,
        what: str,
        detail: str | None = None,
        location: Location | None = None,
        *,
        count: int = 1,
    ) -> None:
        """Record data the target cannot hold."""
        self.add(Action.DROPPED, what, detail, location, count=count)

    def changed(
        self,
        what: str,
        detail: str | None = None,
        location: Location | None = None,
        *,
        count: int = 1,
    ) -> None:
        """Record data altered to fit the target."""
        self.add(Action.CHANGED, what, detail, location, count=count)

    def kept(
        self,
        what: str,
        detail: str | None = None,
        location: Location | None = None,
        *,
        count: int = 1,
    ) -> None:
        """Record data held outside its own field (``extra``, locutions)."""
        self.add(Action.KEPT, what, detail, location, count=count)

    def __iter__(self) -> Iterator[ConversionNote]:
        return iter(self.notes)

    def __len__(self) -> int:
        return len(self.notes)

    @property
    def losses(self) -> list[ConversionNote]:
        """The notes of data dropped or changed."""
        return [note for note in self.notes if note.action is not Action.KEPT]

    @property
    def lossy(self) -> bool:
        """Whether anything was dropped or changed."""
        return any(note.action is not Action.KEPT for note in self.notes)

    def grouped(self) -> dict[tuple[Action, str], list[ConversionNote]]:
        """Return the notes grouped by action and kind, dropped first, then changed, kept."""
        order = {Action.DROPPED: 0, Action.CHANGED: 1, Action.KEPT: 2}
        groups: dict[tuple[Action, str], list[ConversionNote]] = {}
        for note in self.notes:
            groups.setdefault((note.action, note.what), []).append(note)
        return dict(sorted(groups.items(), key=lambda item: order[item[0][0]]))

    def summary(self) -> str:
        """Return one line: what was read or written, and how many notes of each action."""
        verb = "reading" if self.direction == "read" else "writing"
        counts = dict.fromkeys(Action, 0)
        for note in self.notes:
            counts[note.action] += note.count
        parts = [f"{n} {action.value}" for action, n in counts.items() if n]
        return f"{verb} {self.format}: {', '.join(parts) if parts else 'nothing lost'}"

    def format_text(self) -> str:
        """Return the report for people: a summary line, then each kind of note with a count."""
        lines = [self.summary()]
        for (action, what), notes in self.grouped().items():
            details = [n.detail if n.location is None else f"{n.location}" for n in notes]
            shown = [d for d in details if d][:EXAMPLES_SHOWN]
            more = len([d for d in details if d]) - len(shown)
            examples = ", ".join(shown) + (f", and {more} more" if more > 0 else "")
            total = sum(note.count for note in notes)
            lines.append(
                f"  {action.value}: {what}: {total}" + (f" ({examples})" if examples else "")
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, object]:
        """Return the report as JSON-ready data."""
        return {
            "format": self.format,
            "direction": self.direction,
            "notes": [
                {
                    "action": n.action.value,
                    "what": n.what,
                    "detail": n.detail,
                    "location": str(n.location) if n.location is not None else None,
                    "count": n.count,
                }
                for n in self.notes
            ],
        }


class ConversionLossError(ArgmapError, ValueError):
    """A strict conversion would lose data; ``.report`` tells what."""

    def __init__(self, report: ConversionReport, file: str | None = None) -> None:
        self.report = report
        problems = [
            Problem(
                "conversion-loss",
                f"{note.action.value}: {note.what}" + (f" ({note.detail})" if note.detail else ""),
                note.location or Location(file or report.format),
                hint="drop --strict (strict=False) to convert anyway",
            )
            for note in report.losses
        ]
        super().__init__(problems)
