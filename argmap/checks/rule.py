"""A rule: a small function that yields the issues it finds, with its code, name and severity."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from argmap.checks.findings import Issue, Severity
from argmap.checks.index import MapIndex

Check = Callable[[MapIndex], Iterator[Issue]]


@dataclass(frozen=True)
class Rule:
    """A check with a stable name and code; its docstring is its documentation."""

    code: str
    name: str
    severity: Severity
    check: Check

    @property
    def summary(self) -> str:
        """The first paragraph of the rule's documentation, on one line."""
        return " ".join(self.explanation.split("\n\n")[0].split())

    @property
    def explanation(self) -> str:
        """The rule's whole documentation: what it finds, why it matters, how to fix it."""
        return inspect.cleandoc(self.check.__doc__ or self.name)


def rule(code: str, name: str, severity: Severity) -> Callable[[Check], Rule]:
    """Make a check function a :class:`Rule` (list it in ``argmap.checks.registry.RULES``)."""

    def make(check: Check) -> Rule:
        return Rule(code, name, severity, check)

    return make
