"""What a check finds: a severity, a message, the items concerned and where they are."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from argmap.errors import Location


class Severity(Enum):
    """How much a finding matters; ordered from least to most."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    def __str__(self) -> str:
        """The severity's name as argmap prints it: ``str(Severity.WARNING)`` is ``warning``."""
        return self.value

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error.

        Examples:
            >>> Severity.ERROR.rank > Severity.WARNING.rank
            True
        """
        return _RANKS[self]


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Issue:
    """What a rule yields: the items concerned (the first is the one to blame) and what is wrong.

    ``path`` points at a field of the item (e.g. its quote) when that says it better.
    ``cause`` names the finding that explains this one, as (rule name, id of its item):
    when that finding is reported, this one is folded into it as a related location
    instead of being reported apart (the echo of a root cause).
    """

    ids: tuple[str, ...]
    message: str
    hint: str | None = None
    path: tuple[str | int, ...] | None = None
    cause: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Related:
    """An item a finding affects beyond its own, with what it says about it and where."""

    id: str
    message: str
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One weakness found in a map by one rule.

    Examples:
        >>> f = Finding("unwarranted-step", "AM103", Severity.WARNING,
        ...             "`leap` has neither a warrant nor a scheme", ("leap",),
        ...             location=Location("map.yaml", 12, 5))
        >>> print(f)
        map.yaml:12:5: warning unwarranted-step `leap` has neither a warrant nor a scheme
    """

    rule: str
    code: str
    severity: Severity
    message: str
    ids: tuple[str, ...]
    hint: str | None = None
    location: Location | None = None
    related: tuple[Related, ...] = ()
    """The findings folded into this one, their root cause (e.g. the steps that an
    unsupported claim leaves ungrounded)."""

    def __str__(self) -> str:
        text = f"{self.severity.value} {self.rule} {self.message}"
        return text if self.location is None else f"{self.location}: {text}"

    def sort_key(self) -> tuple[str, int, int, str, tuple[str, ...]]:
        """Order by place in the file, then by rule code (then by ids, for ties)."""
        loc = self.location or Location(None)
        return (loc.file or "", loc.line or 0, loc.column or 0, self.code, self.ids)
