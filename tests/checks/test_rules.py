"""Each rule on its case files: a map that triggers it and one that does not.

The expected findings of ``cases/RULE.fails.yaml`` are in ``cases/RULE.fails.expected``
(``line:column severity rule message`` and the hint), checked with only that rule
selected. Regenerate them deliberately with ``pytest --update-golden``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.checks import RULES, Finding

CASES = Path(__file__).parent / "cases"


def describe(finding: Finding) -> str:
    loc = finding.location
    assert loc is not None
    assert loc.line is not None
    text = f"{loc.line}:{loc.column} {finding.severity.value} {finding.rule} {finding.message}"
    return text + (f"\n    hint: {finding.hint}" if finding.hint else "")


def findings_of(path: Path, rule: str) -> list[Finding]:
    return list(argmap.check(argmap.read(path), select=[rule], use_files=False))


@pytest.mark.parametrize("rule", [r.name for r in RULES])
def test_rule_fires_on_its_failing_case(rule: str, update_golden: bool) -> None:
    findings = findings_of(CASES / f"{rule}.fails.yaml", rule)
    assert findings, f"{rule} found nothing in its failing case"
    assert {f.rule for f in findings} == {rule}
    got = "\n".join(describe(f) for f in findings) + "\n"
    expected = CASES / f"{rule}.fails.expected"
    if update_golden:
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", [r.name for r in RULES])
def test_rule_is_silent_on_its_passing_case(rule: str) -> None:
    assert findings_of(CASES / f"{rule}.passes.yaml", rule) == []


def test_every_rule_has_both_cases() -> None:
    names = {r.name for r in RULES}
    files = {p.name.split(".")[0] for p in CASES.glob("*.yaml")}
    assert files == names
