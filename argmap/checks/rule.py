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
    folded_as: tuple[str, str] | None = None
    """How the root cause's message names this rule's findings when they are folded into
    it (see ``Issue.cause``), singular and plural: ("step is left ungrounded", "steps are
    left ungrounded")."""
    folded_self: str | None = None
    """What the root cause's message adds when the one finding folded into it concerns its
    own item, e.g. ", and it does not lead to the thesis"."""

    @property
    def summary(self) -> str:
        """The first paragraph of the rule's documentation, on one line."""
        return " ".join(self.explanation.split("\n\n")[0].split())

    @property
    def explanation(self) -> str:
        """The rule's whole documentation: what it finds, why it matters, how to fix it."""
        return inspect.cleandoc(self.check.__doc__ or self.name)


def rule(
    code: str,
    name: str,
    severity: Severity,
    *,
    folded_as: tuple[str, str] | None = None,
    folded_self: str | None = None,
) -> Callable[[Check], Rule]:
    """Make a check function a :class:`Rule` (list it in ``argmap.checks.registry.RULES``)."""

    def make(check: Check) -> Rule:
        return Rule(code, name, severity, check, folded_as, folded_self)

    return make
