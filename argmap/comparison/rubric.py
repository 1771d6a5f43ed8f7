"""How a comparison becomes a grade: points off per difference, from a maximum.

A rubric is a small YAML file that a teacher writes::

    max: 20                     # the best grade (default 100)
    floor: 0                    # the grade never falls below this (default 0)
    deductions:                 # points off for each difference of a kind
      missing-claim: 2
      missing-step: 2
      misquote: 1

A kind the rubric does not name costs nothing: the rubric says all that counts.
Without a rubric, :data:`DEFAULT_RUBRIC` applies.

Examples:
    >>> DEFAULT_RUBRIC.grade({"missing-claim": 2, "misquote": 1}).score
    86.0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from argmap.comparison.differences import KINDS
from argmap.errors import ConfigError, Location, Problem
from argmap.files import read_text
from argmap.suggest import did_you_mean


@dataclass(frozen=True)
class Grade:
    """A grade out of ``max``, and the points each kind of difference took off."""

    score: float
    max: float
    deductions: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Rubric:
    """Points off per kind of difference, from a maximum; never below ``floor``."""

    deductions: Mapping[str, float]
    max: float = 100.0
    floor: float = 0.0
    file: str | None = None
    """The file it was read from, if any."""

    def grade(self, counts: Mapping[str, int]) -> Grade:
        """The grade of a map with ``counts`` differences of each kind."""
        taken = {
            kind: round(self.deductions.get(kind, 0.0) * n, 2)
            for kind, n in counts.items()
            if n and self.deductions.get(kind, 0.0)
        }
        score = max(self.floor, self.max - sum(taken.values()))
        return Grade(round(score, 2), self.max, taken)


DEFAULT_RUBRIC = Rubric(
    {
        "missing-claim": 5,
        "missing-evidence": 4,
        "missing-implicit-premise": 3,
        "extra-claim": 2,
        "extra-evidence": 2,
        "evidence-as-claim": 2,
        "claim-as-evidence": 2,
        "missing-step": 5,
        "extra-step": 3,
        "reversed-step": 4,
        "wrong-kind": 4,
        "linked-vs-convergent": 2,
        "misquote": 4,
    }
)
"""Out of 100: a missing claim or step 5, misquotes, swaps and wrong kinds 4, a missing
evidence 4, an unstated premise left out 3, an extra step 3, an extra item or a claim
mapped as evidence (or the reverse) 2, linked premises given as separate reasons 2."""


def load_rubric(path: str | Path) -> Rubric:
    """Read a rubric file; every problem in it is reported at once, located.

    Raises:
        MapFileError: the file cannot be read.
        ConfigError: the rubric is wrong (an unknown kind, a negative deduction, ...).
    """
    text = read_text(path)
    file = str(path)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        raise ConfigError(
            Problem("invalid-rubric", f"the rubric is not valid YAML: {err}", where)
        ) from None
    problems: list[Problem] = []

    def at(item: yaml.Node) -> Location:
        return Location(file, item.start_mark.line + 1, item.start_mark.column + 1)

    def number(item: yaml.Node, what: str) -> float | None:
        value = _scalar(item)
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            problems.append(
                Problem("invalid-rubric", f"{what} is a number of points, 0 or more", at(item))
            )
            return None
        return float(value)

    settings: dict[str, Any] = {}
    deductions: dict[str, float] = {}
    if node is not None and not isinstance(node, yaml.MappingNode):
        raise ConfigError(
            Problem(
                "invalid-rubric",
                "a rubric is a mapping with `max`, `floor` and `deductions`",
                at(node),
            )
        )
    for key, value in node.value if node is not None else ():
        name = _scalar(key)
        if name in ("max", "floor"):
            settings[name] = number(value, f"`{name}`")
        elif name == "deductions":
            if not isinstance(value, yaml.MappingNode):
                problems.append(
                    Problem(
                        "invalid-rubric",
                        "`deductions` maps kinds of difference to points",
                        at(value),
                    )
                )
                continue
            for kind_node, points in value.value:
                kind = str(_scalar(kind_node))
                if kind not in KINDS:
                    problems.append(
                        Problem(
                            "invalid-rubric",
                            f"no kind of difference is named `{kind}`",
                            at(kind_node),
                            hint=did_you_mean(kind, KINDS) or "the kinds: " + ", ".join(KINDS),
                        )
                    )
                    continue
                found = number(points, f"the deduction for `{kind}`")
                if found is not None:
                    deductions[kind] = found
        else:
            problems.append(
                Problem(
                    "invalid-rubric",
                    f"unknown field `{name}` in the rubric",
                    at(key),
                    hint=did_you_mean(str(name), ["max", "floor", "deductions"])
                    or "a rubric has `max`, `floor` and `deductions`",
                )
            )
    top = settings.get("max", 100.0)
    if top is not None and settings.get("floor") is not None and settings["floor"] > top:
        problems.append(Problem("invalid-rubric", "`floor` is above `max`", Location(file)))
    if problems:
        raise ConfigError(problems)
    return Rubric(
        deductions,
        max=top if top is not None else 100.0,
        floor=settings.get("floor") or 0.0,
        file=file,
    )


def _scalar(node: yaml.Node) -> Any:
    """The value of a scalar node (numbers as numbers); any other node as it is."""
    if not isinstance(node, yaml.ScalarNode):
        return node
    return yaml.SafeLoader("").construct_object(node)
