"""The linter of argument maps: find every weakness in a map's structure.

Examples:
    >>> import argmap
    >>> report = argmap.check(argmap.read("examples/crisis_core.yaml"))
    >>> [(f.rule, f.ids[0]) for f in report if f.severity is not Severity.INFO]
    []
    >>> report.failed
    False
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import overload

from argmap.checks.config import CheckSettings, settings_for, unknown_rule
from argmap.checks.findings import Finding, Issue, Severity
from argmap.checks.index import MapIndex
from argmap.checks.registry import RULES, find_rule
from argmap.checks.rule import Rule
from argmap.errors import ConfigError, Location, Problem
from argmap.gcpause import gc_paused
from argmap.models import ArgumentMap, RuleIgnores

__all__ = [
    "RULES",
    "CheckReport",
    "CheckSettings",
    "Finding",
    "Rule",
    "Severity",
    "check",
    "find_rule",
]


@dataclass(frozen=True)
class CheckReport:
    """The findings of one check, in order; iterate over it like a list.

    ``suppressed`` holds the findings that items silenced with their own ``ignore``.
    """

    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    settings: CheckSettings

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Finding, ...]: ...
    def __getitem__(self, index: int | slice) -> Finding | tuple[Finding, ...]:
        return self.findings[index]

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(f.severity is severity for f in self.findings)

    @property
    def failed(self) -> bool:
        """Whether any finding is at or above the ``fail-on`` severity."""
        return any(f.severity.rank >= self.settings.fail_on.rank for f in self.findings)


def check(
    amap: ArgumentMap,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    fail_on: Severity | str | None = None,
    severity: Mapping[str, Severity | str] | None = None,
    use_files: bool = True,
) -> CheckReport:
    """Check a map with every rule (or those selected) and return what they find.

    Args:
        amap: the map.
        select: run only these rules: names, codes or code prefixes (``"AM1"``).
        ignore: do not run these rules.
        fail_on: the lowest severity that makes the report ``failed``.
        severity: a severity of your own for some rules.
        use_files: also apply ``[tool.argmap]`` of the nearest ``pyproject.toml`` and the
            map's ``checks:`` section (before the arguments above).

    Raises:
        ConfigError: a setting names a rule that does not exist.
    """
    settings = settings_for(
        amap, select=select, ignore=ignore, fail_on=fail_on, severity=severity, use_files=use_files
    )
    findings: list[Finding] = []
    suppressed: list[Finding] = []
    with gc_paused():  # the indexes are large and acyclic: see argmap.gcpause
        index = MapIndex(amap)
        silenced = _silenced(index)
        for rule in settings.rules():
            level = settings.severity_of(rule)
            for issue in rule.check(index):
                finding = _finding(index, rule, level, issue)
                subject = issue.ids[0] if issue.ids else None
                if subject is not None and rule.name in silenced.get(subject, ()):
                    suppressed.append(finding)
                else:
                    findings.append(finding)
        findings.sort(key=Finding.sort_key)
        suppressed.sort(key=Finding.sort_key)
        # Free the index while the collector still sleeps: its first round afterwards
        # walks every object made in the pause that is still alive.
        del index, silenced
    return CheckReport(tuple(findings), tuple(suppressed), settings)


def _finding(index: MapIndex, rule: Rule, level: Severity, issue: Issue) -> Finding:
    location: Location | None
    if issue.path is not None:
        origin = index.origin
        location = origin.location(issue.path) if origin is not None else None
    else:
        location = index.location(issue.ids[0]) if issue.ids else None
    return Finding(rule.name, rule.code, level, issue.message, issue.ids, issue.hint, location)


def _silenced(index: MapIndex) -> dict[str, set[str]]:
    """For each item with an ``ignore``, the names of the rules it silences."""
    silenced: dict[str, set[str]] = {}
    problems: list[Problem] = []
    items: list[tuple[str, RuleIgnores]] = [(s.id, s.ignore) for s in index.amap.sources]
    items += [(n.id, n.ignore) for n in index.amap.nodes()]
    for ident, ignores in items:
        if not ignores:
            continue
        names = set()
        for selector in ignores:
            found = find_rule(selector)
            if found is None:
                problems.append(unknown_rule(selector, index.location(ident, ("ignore",))))
            else:
                names.add(found.name)
        silenced[ident] = names
    if problems:
        raise ConfigError(problems)
    return silenced
