"""Comparisons written out: feedback for a student (text, Markdown), a class table (text,
Markdown, CSV) and JSON for programs.

Examples:
    >>> from argmap.comparison import compare
    >>> result = compare("examples/crisis_core.yaml", "examples/crisis_core.yaml")
    >>> print(feedback_text(result).splitlines()[-1])
    grade: 100/100
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from argmap.comparison.differences import KINDS
from argmap.comparison.result import Comparison
from argmap.errors import Problem


@dataclass(frozen=True)
class StudentResult:
    """One student's file: its comparison, or the problems that kept it from being read."""

    file: str
    comparison: Comparison | None = None
    problems: Sequence[Problem] = ()


def _score_line(name: str, scores: Any) -> str:
    return (
        f"{name:<10} precision {scores.precision:.2f}  recall {scores.recall:.2f}  "
        f"F1 {scores.f1:.2f}  ({scores.matched} of {scores.reference} in the reference matched, "
        f"{scores.student} in yours)"
    )


def _grade_line(result: Comparison) -> str:
    grade = result.grade
    line = f"grade: {grade.score:g}/{grade.max:g}"
    if grade.deductions:
        counts = result.counts()
        parts = [f"{counts[k]} {k} −{v:g}" for k, v in grade.deductions.items()]  # noqa: RUF001
        line += " (" + ", ".join(parts) + ")"
    return line


def feedback_text(result: Comparison) -> str:
    """A student's feedback as plain text: scores, each difference located, the grade."""
    lines = [
        f"{result.student} compared with {result.reference}",
        _score_line("items", result.items),
        _score_line("relations", result.relations),
    ]
    for d in result.differences:
        lines.append(f"{d.location or result.student}: {d.kind} {d.message}")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    if not result.differences:
        lines.append("no differences: the map makes the reference's argument.")
    lines.append(_grade_line(result))
    return "\n".join(lines)


def feedback_markdown(result: Comparison) -> str:
    """A student's feedback as Markdown, for a course page or an e-mail."""
    lines = [
        f"# Feedback on `{result.student}`",
        "",
        f"Compared with the reference `{result.reference}`.",
        "",
        "| | precision | recall | F1 |",
        "|---|---|---|---|",
        f"| items (claims, evidence) | {result.items.precision:.2f} | {result.items.recall:.2f} "
        f"| {result.items.f1:.2f} |",
        f"| relations (steps) | {result.relations.precision:.2f} | "
        f"{result.relations.recall:.2f} | {result.relations.f1:.2f} |",
        "",
        f"**{_grade_line(result).replace('grade: ', 'Grade: ', 1)}**",
        "",
    ]
    if not result.differences:
        lines.append("No differences: the map makes the reference's argument.")
    else:
        lines += ["## What to look at", ""]
        for d in result.differences:
            where = ""
            if d.location is not None and d.location.line is not None:
                where = f" (line {d.location.line})"
            lines.append(f"- **{d.kind}**{where}: {_md(d.message)}")
            if d.hint:  # a list of its own: a plain next line would join the paragraph
                lines.append(f"  - *Hint:* {_md(d.hint)}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("*", "\\*").replace("|", "\\|")


def _could_not(result: StudentResult) -> str:
    count = len(result.problems)
    return f"could not be compared ({count} problem{'' if count == 1 else 's'})"


def problems_text(result: StudentResult) -> str:
    """Why a student's file could not be compared, each problem located."""
    lines = []
    for problem in result.problems:
        lines.append(f"{problem.location or result.file}: error {problem.code} {problem.message}")
        if problem.hint:
            lines.append(f"    hint: {problem.hint}")
    lines.append(f"{result.file}: {_could_not(result)}.")
    return "\n".join(lines)


def problems_markdown(result: StudentResult) -> str:
    """Why a student's file could not be compared, as Markdown feedback."""
    lines = [f"# Feedback on `{result.file}`", "", f"The file {_could_not(result)}:", ""]
    for problem in result.problems:
        where = problem.location or result.file
        lines.append(f"- **{problem.code}** (`{where}`): {_md(problem.message)}")
        if problem.hint:
            lines.append(f"  - *Hint:* {_md(problem.hint)}")
    return "\n".join(lines) + "\n"


def problems_html(result: StudentResult) -> str:
    """Why a student's file could not be compared, as a small page of its own (every text
    escaped: a file's name and its problems are the student's words).

    Examples:
        >>> page = problems_html(StudentResult("<b>.yaml", problems=[Problem("x", "<i>")]))
        >>> "<b>" in page, "&lt;i&gt;" in page
        (False, True)
    """
    items = []
    for problem in result.problems:
        where = escape(str(problem.location or result.file))
        text = f"<code>{escape(problem.code)}</code> {where}: {escape(problem.message)}"
        if problem.hint:
            text += f"<br><em>Hint:</em> {escape(problem.hint)}"
        items.append(f"<li>{text}</li>")
    title = escape(f"Feedback on {result.file}")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
        f"<title>{title}</title></head>\n<body><h1>{title}</h1>\n"
        f"<p>The file {escape(_could_not(result))}:</p>\n<ul>{''.join(items)}</ul>\n"
        "</body></html>\n"
    )


def _problems_data(problems: Sequence[Problem]) -> list[dict[str, Any]]:
    return [
        {
            "code": p.code,
            "message": p.message,
            "hint": p.hint,
            "location": None
            if p.location is None
            else {"file": p.location.file, "line": p.location.line, "column": p.location.column},
        }
        for p in problems
    ]


def class_data(reference: str, results: Sequence[StudentResult]) -> dict[str, Any]:
    """A whole class as JSON data: ``{"reference", "students": [...]}``; a student's file
    that could not be read is ``{"student", "problems": [...]}``."""
    students = []
    for result in results:
        if result.comparison is not None:
            students.append(result.comparison.to_dict())
        else:
            students.append({"student": result.file, "problems": _problems_data(result.problems)})
    return {"reference": reference, "students": students}


def to_json(data: Any) -> str:
    """JSON text, with the letters of every script as they are."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def _row(result: StudentResult) -> list[str]:
    c = result.comparison
    if c is None:
        return [result.file, "", "", "", "", "", "", "", "", *["" for _ in KINDS]]
    counts = c.counts()
    return [
        result.file,
        f"{c.items.precision:.4g}",
        f"{c.items.recall:.4g}",
        f"{c.items.f1:.4g}",
        f"{c.relations.precision:.4g}",
        f"{c.relations.recall:.4g}",
        f"{c.relations.f1:.4g}",
        f"{c.grade.score:g}",
        f"{c.grade.max:g}",
        *[str(counts[k]) for k in KINDS],
    ]


CSV_HEADER = [
    "student",
    "items_precision",
    "items_recall",
    "items_f1",
    "relations_precision",
    "relations_recall",
    "relations_f1",
    "grade",
    "max",
    *KINDS,
]
"""The columns of ``argmap compare --format csv``: one row per student."""


def class_csv(results: Sequence[StudentResult]) -> str:
    """One row per student: the scores, the grade and the count of each kind of difference
    (empty for a file that could not be read)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for result in results:
        writer.writerow(_row(result))
    return out.getvalue()


def _table_cells(results: Sequence[StudentResult]) -> tuple[list[str], list[list[str]]]:
    kinds = [
        k
        for k in KINDS
        if any(r.comparison is not None and r.comparison.counts()[k] for r in results)
    ]
    header = ["student", "items F1", "relations F1", "grade", *kinds]
    rows = []
    for result in results:
        c = result.comparison
        if c is None:
            rows.append([result.file, "could not be read", "", "", *["" for _ in kinds]])
            continue
        counts = c.counts()
        rows.append(
            [
                result.file,
                f"{c.items.f1:.2f}",
                f"{c.relations.f1:.2f}",
                f"{c.grade.score:g}/{c.grade.max:g}",
                *[str(counts[k]) for k in kinds],
            ]
        )
    return header, rows


def class_table(results: Sequence[StudentResult]) -> str:
    """The class as a plain-text table: scores, grade and counts of the kinds found."""
    header, rows = _table_cells(results)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def class_markdown(reference: str, results: Sequence[StudentResult]) -> str:
    """The class as a Markdown table."""
    header, rows = _table_cells(results)
    lines = [
        f"# Comparison with `{reference}`",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
