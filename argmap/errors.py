"""Errors that argmap raises, and the located problems they carry.

Every error is an :class:`ArgmapError`. It holds every problem found, not just
the first, so that a user can fix a whole file in one go::

    try:
        amap = argmap.read("map.yaml")
    except argmap.InvalidMapError as err:
        for problem in err.problems:
            print(problem)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file: 1-based line and column.

    Examples:
        >>> str(Location("map.yaml", 3, 5))
        'map.yaml:3:5'
    """

    file: str | None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file or "<map>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a map or a file, with where it is and how to fix it.

    Attributes:
        code: a stable kebab-case name, e.g. ``unknown-reference``.
        message: what is wrong, in plain words.
        location: where it is, when known.
        hint: how to fix it, when a hint helps.
        path: where it is in the map's data, e.g. ``("inferences", 2, "conclusion")``.

    Examples:
        >>> print(Problem("unknown-field", "unknown field `premise`",
        ...               Location("m.yaml", 4, 7), hint="did you mean `premises`?"))
        m.yaml:4:7: unknown field `premise` (did you mean `premises`?)
    """

    code: str
    message: str
    location: Location | None = None
    hint: str | None = None
    path: tuple[str | int, ...] = ()

    def __str__(self) -> str:
        text = self.message if self.hint is None else f"{self.message} ({self.hint})"
        return f"{self.location}: {text}" if self.location is not None else text


class ArgmapError(Exception):
    """The root of argmap's errors; carries every :class:`Problem` found."""

    def __init__(self, problems: Problem | Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = (
            (problems,) if isinstance(problems, Problem) else tuple(problems)
        )
        super().__init__(self._summary())

    def _summary(self) -> str:
        lines = [str(problem) for problem in self.problems]
        if len(lines) == 1:
            return lines[0]
        return f"{len(lines)} problems:\n" + "\n".join(f"  {line}" for line in lines)


class InvalidMapError(ArgmapError, ValueError):
    """A map is wrong: bad syntax, an unknown field, a dangling reference, ..."""


class MapFileError(ArgmapError, OSError):
    """A file cannot be used at all: missing, unreadable, binary, too large, unknown format."""


class ConfigError(ArgmapError, ValueError):
    """Settings are wrong: an unknown rule name, a bad severity, a broken pyproject.toml."""


def validation_message(error: Mapping[str, Any]) -> str:
    """Return the message of one of pydantic's errors without its "Value error, " prefix.

    Examples:
        >>> validation_message({"msg": "Value error, a path cannot hold a NUL character"})
        'a path cannot hold a NUL character'
    """
    return str(error["msg"]).removeprefix("Value error, ")


def short(text: str, limit: int = 60) -> str:
    """Cut text of a file to echo in a message to ``limit`` characters, ending in "…".

    Examples:
        >>> short("a peasant revolt is developing", 12)
        'a peasant r…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_value(value: Any, *, none: str = "empty") -> str:
    """Say in plain words what kind of value a file holds where another was expected.

    Args:
        value: the value parsed from the file.
        none: the word for ``None``: "empty" in YAML (a key with nothing after it), "null"
            in JSON.

    Examples:
        >>> describe_value([1]), describe_value(None), describe_value(None, none="null")
        ('a list', 'empty', 'null')
    """
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return none
    return "text"
