"""The findings of a check as text for people, JSON for programs and SARIF for CI systems."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from argmap.batch import summarize
from argmap.checks import CheckReport
from argmap.checks.findings import Finding, Related, Severity
from argmap.checks.registry import RULES
from argmap.errors import Location, Problem

LOAD_ERROR_CODE = "AM000"
"""The code under which a map that could not be loaded is reported in JSON and SARIF."""

_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


@dataclass(frozen=True)
class FileResult:
    """What checking one file gave: a report, or the problems that kept it from loading."""

    file: str
    report: CheckReport | None = None
    problems: Sequence[Problem] = ()


Style = Callable[[str, str], str]


def _plain(text: str, _code: str) -> str:
    return text


_COLOURS = {Severity.ERROR: "31;1", Severity.WARNING: "33;1", Severity.INFO: "34"}


def _lines(
    where: str, severity: Severity, name: str, message: str, hint: str | None, style: Style
) -> list[str]:
    """``file:line:col: severity name message``, and the hint indented below it."""
    lines = [
        f"{style(where, '1')}: {style(severity.value, _COLOURS[severity])} "
        f"{style(name, '2')} {message}"
    ]
    if hint:
        lines.append(f"    {style('hint:', '36')} {hint}")
    return lines


def problem_lines(
    problem: Problem, style: Style = _plain, *, default_file: str = "<map>"
) -> list[str]:
    """A problem (of a file that could not be used) as an error line and its hint."""
    where = str(problem.location or default_file)
    return _lines(where, Severity.ERROR, problem.code, problem.message, problem.hint, style)


def format_text(result: FileResult, style: Style = _plain) -> str:
    """Write one file's findings for people: by severity, one line each, then a summary.

    ``style(text, ansi_code)`` may colour the text.
    """
    lines: list[str] = []
    if result.report is None:
        for problem in result.problems:
            lines += problem_lines(problem, style, default_file=result.file)
        count = len(result.problems)
        lines.append(
            f"{result.file}: could not be checked ({count} problem{'s' if count != 1 else ''})."
        )
        return "\n".join(lines)
    report = result.report
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        for finding in report:
            if finding.severity is severity:
                where = str(finding.location or result.file)
                lines += _lines(where, severity, finding.rule, finding.message, finding.hint, style)
    lines.append(summary_line(result.file, report))
    return "\n".join(lines)


def summary_line(file: str, report: CheckReport) -> str:
    """One line that counts the findings, e.g. ``map.yaml: 1 error, 2 warnings, 0 info.``"""
    return f"{file}: {report.summary()}."


def _totals(results: Sequence[FileResult]) -> dict[str, int]:
    reports = [r.report for r in results if r.report is not None]
    return {
        "errors": sum(r.count(Severity.ERROR) for r in reports),
        "warnings": sum(r.count(Severity.WARNING) for r in reports),
        "info": sum(r.count(Severity.INFO) for r in reports),
        "suppressed": sum(len(r.suppressed) for r in reports),
        "unusable": len(results) - len(reports),
    }


def summary_line_all(results: Sequence[FileResult], *, skipped: int = 0) -> str:
    """One line that counts the findings of many files, those that could not be checked,
    and the other files the folders held (``skipped``).

    Examples:
        >>> summary_line_all([FileResult("a.yaml", problems=[Problem("binary-file", "binary")])])
        'checked 1 file: 0 errors, 0 warnings, 0 info; 1 could not be checked.'
    """
    totals = _totals(results)
    errors, warnings = totals["errors"], totals["warnings"]
    if not totals["unusable"] and not any(r.report and r.report.findings for r in results):
        counts = ["all checks passed"]
    else:
        counts = [
            f"{errors} error{'s' if errors != 1 else ''}",
            f"{warnings} warning{'s' if warnings != 1 else ''}",
            f"{totals['info']} info",
        ]
    if totals["suppressed"]:
        counts[-1] += f" ({totals['suppressed']} silenced by `ignore`)"
    return summarize(
        "checked",
        len(results),
        counts,
        unusable=totals["unusable"],
        unusable_as="could not be checked",
        skipped=skipped,
    )


def _location(loc: Location | None) -> dict[str, Any]:
    return {
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
    }


def _diagnostic(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    return {
        "rule": finding.rule,
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "ids": list(finding.ids),
        "hint": finding.hint,
        "location": _location(loc),
        "related": [
            {"id": r.id, "message": r.message, "location": _location(r.location)}
            for r in finding.related
        ],
    }


def _problem_diagnostic(problem: Problem) -> dict[str, Any]:
    loc = problem.location
    return {
        "rule": problem.code,
        "code": LOAD_ERROR_CODE,
        "severity": "error",
        "message": problem.message,
        "ids": [],
        "hint": problem.hint,
        "location": _location(loc),
        "related": [],
    }


def to_json(result: FileResult) -> dict[str, Any]:
    """One file's findings as ``{"file", "diagnostics": [...], "summary": {...}}``."""
    if result.report is None:
        return {
            "file": result.file,
            "diagnostics": [_problem_diagnostic(p) for p in result.problems],
            "summary": {
                "loaded": False,
                "errors": len(result.problems),
                "warnings": 0,
                "info": 0,
                "suppressed": 0,
                "failed": True,
            },
        }
    report = result.report
    return {
        "file": result.file,
        "diagnostics": [_diagnostic(f) for f in report],
        "summary": {
            "loaded": True,
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "info": report.count(Severity.INFO),
            "suppressed": len(report.suppressed),
            "failed": report.failed,
        },
    }


def to_json_all(results: Sequence[FileResult], *, skipped: int = 0) -> dict[str, Any]:
    """All files' findings as ``{"files": [...], "summary": {...}}``, one shape for any number.

    Each of ``files`` is :func:`to_json` of one file. The summary counts the files, the
    findings of those checked (``errors``, ``warnings``, ``info``, ``suppressed``), the files
    that could not be checked (``unusable``) and the other files the folders held
    (``skipped``).
    """
    totals = _totals(results)
    return {
        "files": [to_json(r) for r in results],
        "summary": {
            "files": len(results),
            "errors": totals["errors"],
            "warnings": totals["warnings"],
            "info": totals["info"],
            "suppressed": totals["suppressed"],
            "unusable": totals["unusable"],
            "skipped": skipped,
        },
    }


def _uri(file: str | None) -> str:
    return quote(Path(file).as_posix()) if file else ""


def _sarif_result(
    rule_id: str,
    index: int,
    level: str,
    message: str,
    hint: str | None,
    file: str | None,
    line: int | None,
    column: int | None,
    related: Sequence[Related] = (),
) -> dict[str, Any]:
    text = message if hint is None else f"{message} ({hint})"
    result = {
        "ruleId": rule_id,
        "ruleIndex": index,
        "level": level,
        "message": {"text": text},
        "locations": [{"physicalLocation": _physical(file, line, column)}],
    }
    if related:
        result["relatedLocations"] = [
            {
                "id": n,
                "physicalLocation": _physical(
                    (r.location.file if r.location else None) or file,
                    r.location.line if r.location else None,
                    r.location.column if r.location else None,
                ),
                "message": {"text": r.message},
            }
            for n, r in enumerate(related, 1)
        ]
    return result


def _physical(file: str | None, line: int | None, column: int | None) -> dict[str, Any]:
    region: dict[str, int] = {}
    if line is not None:
        region["startLine"] = line
        if column is not None:
            region["startColumn"] = column
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(file)}}
    if region:
        physical["region"] = region
    return physical


def to_sarif(results: Sequence[FileResult], version: str) -> dict[str, Any]:
    """All files' findings as one SARIF 2.1.0 log, for GitHub code scanning and the like."""
    rules: list[dict[str, Any]] = [
        {
            "id": LOAD_ERROR_CODE,
            "name": "load-error",
            "shortDescription": {"text": "The map file could not be loaded."},
            "defaultConfiguration": {"level": "error"},
        }
    ]
    for rule in RULES:
        rules.append(
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.explanation},
                "help": {"text": rule.explanation},
                "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
            }
        )
    index_of = {rule["id"]: n for n, rule in enumerate(rules)}
    sarif_results: list[dict[str, Any]] = []
    for result in results:
        if result.report is None:
            for problem in result.problems:
                loc = problem.location
                sarif_results.append(
                    _sarif_result(
                        LOAD_ERROR_CODE,
                        0,
                        "error",
                        f"{problem.code}: {problem.message}",
                        problem.hint,
                        (loc.file if loc else None) or result.file,
                        loc.line if loc else None,
                        loc.column if loc else None,
                    )
                )
            continue
        for finding in result.report:
            loc = finding.location
            sarif_results.append(
                _sarif_result(
                    finding.code,
                    index_of[finding.code],
                    _SARIF_LEVELS[finding.severity],
                    finding.message,
                    finding.hint,
                    (loc.file if loc else None) or result.file,
                    loc.line if loc else None,
                    loc.column if loc else None,
                    finding.related,
                )
            )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "argmap",
                        "version": version,
                        "informationUri": "https://pypi.org/project/argmap/",
                        "rules": rules,
                    }
                },
                "results": sarif_results,
            }
        ],
    }


def dumps(data: Any) -> str:
    """JSON text as argmap prints it."""
    return json.dumps(data, ensure_ascii=False, indent=2)
