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

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from html import escape
from typing import overload

from argmap.checks.config import PROFILES, CheckSettings, settings_for, unknown_rule
from argmap.checks.findings import Finding, Issue, Related, Severity
from argmap.checks.index import MapIndex
from argmap.checks.registry import RULES, find_rule
from argmap.checks.rule import Rule
from argmap.errors import ConfigError, Location, Problem
from argmap.gcpause import gc_paused
from argmap.models import ArgumentMap, RuleIgnores

_PAUSE_FROM = 5_000
"""Maps of more items than this are checked with the garbage collector paused."""

__all__ = [
    "PROFILES",
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

    def counts(self) -> dict[str, int]:
        """How many findings of each severity, and how many items silenced.

        Examples:
            >>> import argmap
            >>> argmap.check(argmap.read("examples/crisis_core.yaml")).counts()
            {'error': 0, 'warning': 0, 'info': 1, 'suppressed': 0}
        """
        counts = {severity.value: self.count(severity) for severity in reversed(Severity)}
        return {**counts, "suppressed": len(self.suppressed)}

    def summary(self) -> str:
        """The counts in words, e.g. ``"1 error, 2 warnings, 0 info"`` or ``"all checks passed"``,
        and how many findings items silenced with ``ignore``."""
        silenced = f" ({len(self.suppressed)} silenced by `ignore`)" if self.suppressed else ""
        if not self.findings:
            return "all checks passed" + silenced
        counts = self.counts()
        errors, warnings = counts["error"], counts["warning"]
        text = (
            f"{errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}, {counts['info']} info"
        )
        return text + silenced

    def __repr__(self) -> str:
        failed = "failed" if self.failed else "passed"
        return f"<CheckReport {failed}: {self.summary()}; profile {self.settings.profile}>"

    def _repr_html_(self) -> str:
        """A table of the findings, for notebooks (every text escaped)."""
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{escape(cell)}</td>"
                for cell in (
                    str(f.location or ""),
                    str(f.severity),
                    f.rule,
                    f.message,
                    f.hint or "",
                )
            )
            + "</tr>"
            for f in self.findings
        )
        head = "".join(f"<th>{h}</th>" for h in ("where", "severity", "rule", "message", "hint"))
        caption = escape(self.summary())
        return (
            f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )


def check(
    amap: ArgumentMap,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    fail_on: Severity | str | None = None,
    severity: Mapping[str, Severity | str] | None = None,
    use_files: bool = True,
    profile: str | None = None,
) -> CheckReport:
    """Check a map with every rule (or those selected) and return what they find.

    Args:
        amap: the map.
        select: run only these rules: names, codes or code prefixes (``"AM1"``).
        ignore: do not run these rules.
        fail_on: the lowest severity that makes the report ``failed``.
        severity: a severity of your own for some rules.
        profile: the severities to start from: ``"analysis"`` (the default, for maps of
            real texts), ``"coursework"`` (warrants required) or ``"corpus"`` (gold
            annotations, whose leaf premises are their ground); see ``PROFILES``.
        use_files: also apply ``[tool.argmap]`` of the nearest ``pyproject.toml`` and the
            map's ``checks:`` section (before the arguments above).

    Raises:
        ConfigError: a setting or an item's ``ignore`` names a rule that does not exist.
    """
    settings = settings_for(
        amap,
        select=select,
        ignore=ignore,
        fail_on=fail_on,
        severity=severity,
        use_files=use_files,
        profile=profile,
    )
    findings: list[Finding] = []
    suppressed: list[Finding] = []
    # the indexes of a large map are large and acyclic: see argmap.gcpause (for a small
    # map the pause's young collection costs more than it spares: checking the 852 maps of
    # the real AIF corpora took 0.78 s paused, 0.63 s not)
    large = len(amap.claims) + len(amap.evidence) + len(amap.inferences) > _PAUSE_FROM
    with gc_paused() if large else contextlib.nullcontext():
        index = MapIndex(amap, schemes=settings.schemes)
        silenced = _silenced(index)
        echoes: list[tuple[Rule, Issue, Finding]] = []
        for rule in settings.rules():
            level = settings.severity_of(rule)
            for issue in rule.check(index):
                finding = _finding(index, rule, level, issue)
                subject = issue.ids[0] if issue.ids else None
                if subject is not None and rule.name in silenced.get(subject, ()):
                    suppressed.append(finding)
                elif issue.cause is not None:
                    echoes.append((rule, issue, finding))
                else:
                    findings.append(finding)
        findings += _fold(findings, echoes)
        findings.sort(key=Finding.sort_key)
        suppressed.sort(key=Finding.sort_key)
        # Free the index while the collector still sleeps: its first round afterwards
        # walks every object made in the pause that is still alive.
        del index, silenced
    return CheckReport(tuple(findings), tuple(suppressed), settings)


def _fold(findings: list[Finding], echoes: list[tuple[Rule, Issue, Finding]]) -> list[Finding]:
    """Fold each echo into the finding of its root cause, if that is reported; return the
    echoes whose cause is not (they are reported apart).

    An echo's cause is a (rule, id) pair: the finding of that rule that concerns that
    item. Causes may chain (a step left ungrounded by a claim left unsupported by a
    circle): each echo goes to the end of its chain of reported causes. An echo more
    severe than its root is reported apart, so that folding never lowers what a check
    reports. The root finding (in ``findings``, replaced in place) lists its echoes as
    related locations and names in its message those it does not already name, e.g.
    "2 steps are left ungrounded: `a`, `b`".
    """
    entries: list[tuple[Finding, tuple[str, str] | None, Rule | None]] = [
        (f, None, None) for f in findings
    ]
    entries += [(f, issue.cause, rule) for rule, issue, f in echoes]
    at: dict[tuple[str, str], int] = {}
    for n, (finding, _, _) in enumerate(entries):
        for ident in finding.ids:
            at.setdefault((finding.rule, ident), n)
    parent = [at.get(cause) if cause is not None else None for _, cause, _ in entries]
    folded: dict[int, list[int]] = {}
    alone: dict[int, Finding] = {}
    for n in range(len(findings), len(entries)):
        top, seen = n, {n}
        while (up := parent[top]) is not None and up not in seen:
            seen.add(up)
            top = up
        if top == n or entries[top][0].severity.rank < entries[n][0].severity.rank:
            alone[n] = entries[n][0]
        else:
            folded.setdefault(top, []).append(n)
    for top, group in folded.items():
        root = entries[top][0]
        message = root.message
        for rule in dict.fromkeys(entries[n][2] for n in group):
            ids = [entries[n][0].ids[0] for n in group if entries[n][2] is rule]
            if rule and rule.folded_self and ids == [root.ids[0]]:
                message += rule.folded_self
                continue
            ids = [ident for ident in ids if ident not in root.ids]  # (named already)
            if not ids:
                continue
            named = ", ".join(f"`{ident}`" for ident in ids[:4])
            if len(ids) > 4:
                named += f" and {len(ids) - 4} more"
            one, many = (rule.folded_as if rule else None) or ("related finding", "related")
            message += f"; {len(ids)} {one if len(ids) == 1 else many}: {named}"
        related = [
            Related(f.ids[0], f.message, f.location) for f, _, _ in map(entries.__getitem__, group)
        ]
        rooted = replace(root, message=message, related=(*root.related, *related))
        if top < len(findings):
            findings[top] = rooted
        else:  # an echo whose own cause is not reported: it stands alone, as a root
            alone[top] = rooted
    return list(alone.values())


def _finding(index: MapIndex, rule: Rule, level: Severity, issue: Issue) -> Finding:
    location: Location | None
    if issue.path is not None:
        origin = index.origin
        location = origin.location(issue.path) if origin is not None else None
    else:
        location = index.location(issue.ids[0]) if issue.ids else None
    ids = tuple(dict.fromkeys(issue.ids))  # each item once, the first to blame first
    return Finding(rule.name, rule.code, level, issue.message, ids, issue.hint, location)


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
