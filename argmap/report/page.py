"""Build the report page: the SVG, the highlighted texts, the findings and the script's data."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from argmap.checks import check
from argmap.checks.findings import Finding
from argmap.errors import ArgmapError
from argmap.models import ArgumentMap, Claim, Evidence, Inference
from argmap.quotes import QuoteLookup, QuoteSpan, locate_quotes
from argmap.render import render_bytes
from argmap.report.assets import SCRIPT, STYLE

if TYPE_CHECKING:
    from argmap.comparison import Comparison


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# Nothing may be fetched: no script but ours, no style but ours, images only inline.
CSP = "; ".join(
    (
        "default-src 'none'",
        f"script-src {_digest(SCRIPT)}",
        f"style-src {_digest(STYLE)}",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    )
)
"""The page's Content-Security-Policy: its own inline script and style (by hash), nothing else."""

# Characters HTML forbids in text; one for one, so that offsets into the text stay right.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _text(value: str) -> str:
    """Escape a text for HTML content or a quoted attribute."""
    return html.escape(_CONTROL.sub("\ufffd", value), quote=True)


def script_json(value: object) -> str:
    """Return JSON that can stand inside a ``<script>`` element whatever its strings hold.

    Examples:
        >>> script_json({"label": "</script><b>&"})
        '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def highlight(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    """Return a text as escaped HTML with each span ``(start, end, id)`` in a ``<mark>``.

    Spans may overlap: the text is cut at every span's edges, and each piece that some
    span covers becomes one ``<mark>`` naming every id that covers it.

    Examples:
        >>> highlight("a <b> c", [(0, 5, "x"), (2, 7, "y")])
        '<mark class="q" data-items="x">a </mark><mark class="q" data-items="x y">&lt;b&gt;</mark><mark class="q" data-items="y"> c</mark>'
    """  # noqa: E501 (a doctest's output is one line)
    starts: dict[int, list[str]] = defaultdict(list)
    ends: dict[int, list[str]] = defaultdict(list)
    for start, end, ident in spans:
        if 0 <= start < end <= len(text):
            starts[start].append(ident)
            ends[end].append(ident)
    cuts = sorted({0, len(text), *starts, *ends})
    active: dict[str, int] = {}  # id -> how many of its spans cover this piece
    out: list[str] = []
    for here, after in pairwise(cuts):
        for ident in ends.get(here, ()):
            active[ident] -= 1
            if not active[ident]:
                del active[ident]
        for ident in starts.get(here, ()):
            active[ident] = active.get(ident, 0) + 1
        piece = _text(text[here:after])
        if active:
            names = _text(" ".join(sorted(active)))
            out.append(f'<mark class="q" data-items="{names}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


@dataclass(frozen=True)
class _Note:
    """One entry of the list beside the map: a finding, or a difference from a reference."""

    label: str
    code: str
    severity: str
    message: str
    hint: str | None
    ids: tuple[str, ...]
    line: int | None


def _finding_note(finding: Finding) -> _Note:
    line = finding.location.line if finding.location is not None else None
    return _Note(
        finding.rule,
        finding.code,
        str(finding.severity),
        finding.message,
        finding.hint,
        finding.ids,
        line,
    )


def _parts(lookup: QuoteLookup) -> tuple[QuoteSpan, ...]:
    if lookup.span is None:
        return ()
    return lookup.parts or (lookup.span,)


def _item_data(
    item: Claim | Evidence | Inference,
    amap: ArgumentMap,
    lookups: dict[str, QuoteLookup],
    notes: dict[str, list[int]],
    supported_by: dict[str, list[str]],
    used_by: dict[str, list[str]],
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item.id, "note": item.note, "tags": item.tags}
    if isinstance(item, Inference):
        data |= {
            "type": "inference",
            "kind": item.kind.value,
            "text": item.warrant or item.scheme or "",
            "scheme": item.scheme,
            "warrant": item.warrant,
            "premises": item.premises,
            "conclusion": item.conclusion,
        }
    else:
        data |= {
            "type": "claim" if isinstance(item, Claim) else "evidence",
            "text": item.text,
            "source": item.source,
            "quote": item.quote,
            "thesis": item.id == amap.thesis,
        }
        if isinstance(item, Claim):
            data |= {"assumed": item.assumed, "implicit": item.implicit}
        else:
            data |= {"kind": item.kind.value, "cites": item.cites}
        lookup = lookups.get(item.id)
        if lookup is not None and lookup.span is not None:
            data["quoteLine"] = lookup.span.line
        elif lookup is not None:
            data["quoteMissing"] = lookup.reason or "the quote is not in its source"
    data["supportedBy"] = supported_by.get(item.id, [])
    data["usedBy"] = used_by.get(item.id, [])
    data["findings"] = notes.get(item.id, [])
    return data


def _svg(amap: ArgumentMap, findings: Sequence[Finding], options: dict[str, object]) -> str:
    """The Graphviz drawing, ready to stand inside HTML (no prolog, doctype or comments)."""
    svg = render_bytes(amap, "svg", findings=findings, **options).decode("utf-8")
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.DOTALL)
    # The script sizes the drawing from its viewBox and moves it to pan and zoom.
    opening = svg[: svg.index(">") + 1]
    bare = re.sub(r'\s(?:width|height|id)="[^"]*"', "", opening)
    return bare.replace("<svg", '<svg id="drawing" aria-label="the map"', 1) + svg[len(opening) :]


def _sources(amap: ArgumentMap, lookups: list[QuoteLookup]) -> str:
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for lookup in lookups:
        for part in _parts(lookup):
            spans[lookup.source].append((part.start, part.end, lookup.item))
    sections = []
    for source in amap.sources:
        about = ", ".join(_text(x) for x in (source.author, source.date) if x)
        heading = f"<h3>{_text(source.title)}</h3>"
        if about:
            heading += f'<p class="about">{about}</p>'
        try:
            text = amap.source_text(source)
        except ArgmapError as err:
            body = f'<p class="missing">{_text(str(err))}</p>'
        else:
            if text is None:
                body = '<p class="missing">no text for this source</p>'
            else:
                body = f'<div class="text">{highlight(text, spans.get(source.id, ()))}</div>'
        sections.append(
            f'<section class="source" data-source="{_text(source.id)}">{heading}{body}</section>'
        )
    if not sections:
        return '<p class="missing">The map names no source text.</p>'
    return "\n".join(sections)


def _notes_html(notes: Sequence[_Note], empty: str) -> str:
    if not notes:
        return f'<p class="missing">{_text(empty)}</p>'
    rows = []
    for n, note in enumerate(notes):
        where = f'<span class="line">line {note.line}</span>' if note.line else ""
        hint = f'<p class="hint">{_text(note.hint)}</p>' if note.hint else ""
        ids = _text(" ".join(note.ids))
        rows.append(
            f'<li class="note sev-{_text(note.severity)}" data-ids="{ids}" data-index="{n}" '
            f'tabindex="0"><p class="head"><span class="sev">{_text(note.severity)}</span> '
            f'<span class="code">{_text(note.code)}</span> '
            f'<span class="rule">{_text(note.label)}</span>{where}</p>'
            f'<p class="msg">{_text(note.message)}</p>{hint}</li>'
        )
    return '<ol id="notes">' + "".join(rows) + "</ol>"


def _page(
    amap: ArgumentMap,
    notes: Sequence[_Note],
    svg_findings: Sequence[Finding],
    options: dict[str, object],
    *,
    heading: str,
    notes_title: str,
    empty: str,
    summary: str,
) -> str:
    lookups = locate_quotes(amap)
    by_item = {lookup.item: lookup for lookup in lookups}
    on_item: dict[str, list[int]] = defaultdict(list)
    for n, note in enumerate(notes):
        for ident in dict.fromkeys(note.ids):
            on_item[ident].append(n)
    supported_by: dict[str, list[str]] = defaultdict(list)
    used_by: dict[str, list[str]] = defaultdict(list)
    for inference in amap.inferences:
        supported_by[inference.conclusion].append(inference.id)
        for premise in inference.premises:
            used_by[premise].append(inference.id)
    every: list[Claim | Evidence | Inference] = [*amap.claims, *amap.evidence, *amap.inferences]
    items = [_item_data(item, amap, by_item, on_item, supported_by, used_by) for item in every]
    data = {"title": amap.title, "thesis": amap.thesis, "items": items}
    counts = (
        f"{len(amap.claims)} claims · {len(amap.evidence)} evidence · "
        f"{len(amap.inferences)} inferences"
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap">
<title>{_text(heading)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{_text(heading)}</h1>
<p class="counts">{counts} · {_text(summary)}</p>
<div class="search"><input id="search" type="search" placeholder="Search ids and texts (/)"
 aria-label="Search ids and texts" autocomplete="off" spellcheck="false">
<ol id="results" hidden></ol></div>
</header>
<main>
<section id="map" tabindex="0" aria-label="The map: drag to pan, wheel or + and - to zoom">
{_svg(amap, svg_findings, options)}
<div class="controls"><button id="zoom-in" type="button" title="Zoom in (+)">+</button
><button id="zoom-out" type="button" title="Zoom out (-)">&minus;</button
><button id="fit" type="button" title="Fit the map to the screen (0)">Fit</button></div>
</section>
<aside>
<section id="detail" aria-live="polite"><p class="missing">Click a box, a passage or a finding.</p>
</section>
<section id="texts" aria-label="The text">
{_sources(amap, lookups)}
</section>
<section id="findings" aria-label="{_text(notes_title)}">
<h2>{_text(notes_title)} <span class="count">{len(notes)}</span></h2>
{_notes_html(notes, empty)}
</section>
</aside>
</main>
<script type="application/json" id="argmap-data">{script_json(data)}</script>
<script>{SCRIPT}</script>
</body>
</html>
"""


def to_html(
    amap: ArgumentMap,
    *,
    findings: bool | Sequence[Finding] = True,
    **options: object,
) -> str:
    """Return the interactive report of a map: one HTML page that needs nothing else.

    Args:
        amap: the map.
        findings: list and mark what ``argmap.check`` finds (True), nothing (False),
            or these findings.
        options: the options of :func:`argmap.to_dot` for the drawing (``theme``,
            ``direction``, ``width``, ``focus``, ``depth``, ``legend``, ``full_text``).

    Raises:
        GraphvizNotFoundError: ``dot`` is not installed; the message says how to install it.
    """
    found: Sequence[Finding] = check(amap).findings if findings is True else findings or ()
    notes = [_finding_note(finding) for finding in found]
    errors = sum(note.severity == "error" for note in notes)
    warnings = sum(note.severity == "warning" for note in notes)
    summary = f"{errors} errors, {warnings} warnings, {len(notes) - errors - warnings} info"
    return _page(
        amap,
        notes,
        found,
        options,
        heading=amap.title,
        notes_title="Findings",
        empty="argmap check finds nothing to report.",
        summary=summary,
    )


def comparison_html(student: ArgumentMap, comparison: Comparison, **options: object) -> str:
    """Return the report of a student's map with its differences from the reference.

    The list beside the map holds the differences (each selects the student's item it
    concerns); the drawing marks no findings.
    """
    notes = [
        _Note(
            d.kind,
            "",
            "difference",
            d.message,
            d.hint,
            (d.student,) if d.student else (),
            d.location.line if d.location is not None else None,
        )
        for d in comparison.differences
    ]
    grade = comparison.grade
    summary = (
        f"items F1 {comparison.items.f1:.2f}, relations F1 {comparison.relations.f1:.2f}, "
        f"grade {grade.score:g}/{grade.max:g}"
    )
    return _page(
        student,
        notes,
        (),
        options,
        heading=f"{student.title}: compared with the reference",
        notes_title="Differences",
        empty="No differences from the reference.",
        summary=summary,
    )
