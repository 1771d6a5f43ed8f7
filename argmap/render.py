"""Draw a map with Graphviz: :func:`to_dot` writes DOT text, :func:`render` runs ``dot``.

The visual grammar is the one argument mappers know from Rationale, Argdown and OVA:
conclusions above their premises; claims as rounded boxes; evidence as notes with
their kind and citation; the thesis in a heavy double border; implicit premises
dashed; assumed claims marked; linked premises meeting in a small inference node
that carries the scheme or warrant; support, attack and undercut drawn apart by
line, arrowhead and colour. The weak steps that ``argmap check`` finds are marked
with a badge and a border of their own, and a legend explains every mark.

Examples:
    >>> import argmap
    >>> dot = to_dot(argmap.read("examples/crisis_core.yaml"))
    >>> dot.splitlines()[0]
    'digraph argmap {'
    >>> '"insurrection_now"' in dot
    True
"""

from __future__ import annotations

import html
import itertools
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from argmap.checks import Severity, check
from argmap.checks.findings import Finding
from argmap.errors import ArgmapError, Location, MapFileError, Problem
from argmap.evaluation import Evaluation, Label, Semantics
from argmap.evaluation import evaluate as evaluate_map
from argmap.files import write_bytes_atomic
from argmap.formats.graphml import NOT_XML  # (SVG is XML too): shown as U+FFFD
from argmap.graph import to_networkx
from argmap.models import ArgumentMap, Claim, Evidence, Inference, InferenceKind
from argmap.suggest import did_you_mean
from argmap.themes import DIRECTIONS, THEMES, Direction, Theme

GRAPHVIZ_FORMATS = ("svg", "png", "pdf")
"""The formats that need Graphviz's ``dot`` program."""


class GraphvizNotFoundError(ArgmapError, RuntimeError):
    """Graphviz's ``dot`` program is not installed (or not on the PATH)."""


INSTALL_GRAPHVIZ = (
    "install Graphviz: `sudo apt-get install graphviz` (Debian, Ubuntu), "
    "`sudo dnf install graphviz` (Fedora), `brew install graphviz` (macOS), "
    "`winget install graphviz` or `choco install graphviz` (Windows); "
    "DOT, Mermaid, GraphML and JSON output work without it"
)


# How each kind of step is drawn: line style, arrowhead, pen width.
_EDGE_STYLES = {
    InferenceKind.SUPPORT: ("solid", "normal", "1.4"),
    InferenceKind.ATTACK: ("bold", "tee", "2.2"),
    InferenceKind.UNDERCUT: ("dashed", "tee", "1.6"),
    InferenceKind.REPHRASE: ("dotted", "onormal", "1.4"),
}

_BADGE = "⚠"
_MARKED = (Severity.ERROR, Severity.WARNING)


class _Html(str):
    """A Graphviz HTML-like label, written into the DOT as it is (``<...>``)."""

    __slots__ = ()


def _escape(text: str) -> str:
    """Escape text for a Graphviz HTML-like label: nothing in it can break the DOT.

    Graphviz expands ``\\N``, ``\\G`` and the like even in HTML labels, and even when the
    backslash is written as an entity; two entities show one backslash.
    """
    text = NOT_XML.sub("\ufffd", text)
    return html.escape(text, quote=True).replace("\\", "&#92;&#92;").replace("]", "&#93;")


def _tooltip(text: str) -> str:
    """Escape text for a tooltip, which Graphviz writes into the SVG as it is.

    Graphviz expands ``\\N``, ``\\G``, ``\\L`` and the like in tooltips too, and entities
    (``&#106;``) would show as the character they stand for. Unlike in labels, an entity
    for the backslash is decoded before the expansion: a doubled backslash shows one.
    """
    return html.escape(text, quote=False).replace("\\", "\\\\")


_MAX_LABEL_LINES = 30
"""How many lines of a claim's or evidence's text a box shows unless the full text is asked for."""
_CHUNK = re.compile(r"\s+|\S+")


def _wrap(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Wrap text into lines of at most ``width`` characters, as :func:`textwrap.wrap` does.

    Unlike textwrap, in linear time: textwrap slices a word longer than a line again and
    again (seconds for a word of a megabyte). Such a word is cut into pieces of a line,
    never between a character and its combining marks or inside a joined emoji. With
    ``max_lines``, no more lines are made, and the last ends in " …" if text is left over.

    Examples:
        >>> _wrap("the end of September", 10)
        ['the end of', 'September']
        >>> _wrap("x" * 25, 10, 2)
        ['xxxxxxxxxx', 'xxxxxxxxxx …']
    """
    every = (line for paragraph in text.splitlines() for line in _wrap_paragraph(paragraph, width))
    lines = list(itertools.islice(every, None if max_lines is None else max_lines + 1))
    if max_lines is not None and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip() + " …"]
    return lines


def _wrap_paragraph(paragraph: str, width: int) -> Iterator[str]:
    """The lines of one paragraph: textwrap's, with ``break_on_hyphens=False``."""
    line: list[str] = []
    size = 0
    started = False  # whitespace that starts a later line is dropped, not the first line's
    for match in _CHUNK.finditer(paragraph.expandtabs()):
        chunk, start = match.group(), 0
        blank = chunk.isspace()
        while start < len(chunk):
            if blank and not line and started:
                break
            rest = len(chunk) - start
            if size + rest <= width:
                line.append(chunk[start:])
                size += rest
                break
            if rest > width:  # a long word: as much of it as the line holds
                end = _cut(chunk, start, start + width - size, blank)
                if end == start and not line:
                    end = start + width  # nowhere to cut well: cut anyway
                if end > start:
                    line.append(chunk[start:end])
                    size += end - start
                    start = end
            if line and line[-1].isspace():
                line.pop()
            if line:
                yield "".join(line)
                started = True
            line, size = [], 0
    if line and line[-1].isspace():
        line.pop()
    if line:
        yield "".join(line)


def _cut(word: str, start: int, end: int, blank: bool) -> int:
    """Where to break ``word`` at ``end`` or before it (``start`` if nowhere after it)."""
    if blank:
        return end
    while end > start and not _breakable(word, end):
        end -= 1
    return end


def _breakable(word: str, i: int) -> bool:
    """Whether a line may end before ``word[i]``: not before a combining mark, a joiner, a
    variation selector, a skin tone or an emoji tag, and not after a joiner."""
    after = word[i]
    return not (
        unicodedata.category(after) in ("Mn", "Mc", "Me")
        or after == "\u200d"
        or word[i - 1] == "\u200d"
        or "\U0001f3fb" <= after <= "\U0001f3ff"
        or "\U000e0020" <= after <= "\U000e007f"
    )


def _label(lines: Sequence[str], *, small: Iterable[tuple[str, str]] = ()) -> _Html:
    """An HTML-like label: escaped text lines, then small lines as (text, colour)."""
    parts = [_escape(line) for line in lines if line]
    parts += [
        f'<FONT POINT-SIZE="9" COLOR="{colour}">{_escape(text)}</FONT>'
        for text, colour in small
        if text
    ]
    return _Html("<" + "<BR/>".join(parts) + ">" if parts else "<&#32;>")


def _quote_id(ident: str) -> str:
    return '"' + ident.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _attrs(attributes: dict[str, str]) -> str:
    """DOT attributes in a fixed order; HTML labels stay as they are, all else is quoted."""
    parts = []
    for key, value in attributes.items():
        if isinstance(value, _Html):
            parts.append(f"{key}={value}")
        else:
            parts.append(f"{key}={_quote_id(NOT_XML.sub(chr(0xFFFD), value))}")
    return "[" + ", ".join(parts) + "]"


def _node(ident: str, attributes: dict[str, str], indent: str = "  ") -> str:
    return f"{indent}{_quote_id(ident)} {_attrs(attributes)};"


def _edge(tail: str, head: str, attributes: dict[str, str], indent: str = "  ") -> str:
    return f"{indent}{_quote_id(tail)} -> {_quote_id(head)} {_attrs(attributes)};"


def _focus(amap: ArgumentMap, focus: str, depth: int) -> set[str]:
    """The ids within ``depth`` steps of ``focus`` (a step: premise to conclusion)."""
    graph = to_networkx(amap).to_undirected(as_view=True)
    if focus not in graph:
        raise MapFileError(
            Problem(
                "unknown-focus",
                f"`{focus}` is not in the map",
                hint=did_you_mean(focus, list(graph.nodes)),
            )
        )
    seen = {focus}
    if graph.nodes[focus].get("type") == "inference":  # a step: show what it joins
        seen.update(graph.neighbors(focus))
    frontier = set(seen)
    # each step passes through an inference node: two edges of the graph
    for _ in range(2 * depth):
        frontier = {n for node in frontier for n in graph.neighbors(node)} - seen
        if not frontier:
            break
        seen |= frontier
    return seen


def to_dot(
    amap: ArgumentMap,
    *,
    direction: Direction = "BT",
    width: int = 28,
    theme: str = "default",
    findings: bool | Sequence[Finding] = True,
    focus: str | None = None,
    depth: int = 2,
    legend: bool = True,
    full_text: bool = False,
    evaluate: bool | Semantics | Evaluation = False,
) -> str:
    """Return the DOT text of a map's diagram. Needs no Graphviz; the same map gives the same text.

    Args:
        amap: the map.
        direction: where conclusions stand: ``BT`` (above their premises, the default),
            ``TB``, ``LR`` or ``RL``.
        width: how many characters a line of text holds before it wraps.
        theme: ``default``, ``print`` or ``colorblind``.
        findings: mark the weak steps that ``argmap.check`` finds (True), none (False),
            or these findings.
        focus: draw only what is within ``depth`` steps of this id.
        depth: how far from ``focus`` to draw.
        legend: add a legend of every mark used.
        full_text: write every text whole; by default a step's warrant or scheme is cut
            to two lines and a claim's or evidence's text to 30, the last ending in "…"
            (the whole text is in the SVG's tooltip).
        evaluate: mark each item accepted (✓), rejected (✗) or undecided (?), in the
            theme's colours and as a text mark that prints in black and white: True or
            ``"grounded"``, ``"preferred"``, or an :class:`~argmap.evaluation.Evaluation`.

    Raises:
        ValueError: an unknown theme or direction, a width under 1 or a depth under 0.
        MapFileError: ``focus`` is not an id of the map.
    """
    if width < 1:
        raise ValueError(f"the width must be at least 1 character, not {width}")
    if depth < 0:
        raise ValueError(f"the depth must be 0 or more steps, not {depth}")
    if theme not in THEMES:
        raise ValueError(f"unknown theme `{theme}`: choose one of {', '.join(THEMES)}")
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction `{direction}`: choose one of {', '.join(DIRECTIONS)}")
    style = THEMES[theme]
    shown = _focus(amap, focus, depth) if focus is not None else None

    def visible(ident: str) -> bool:
        return shown is None or ident in shown

    verdicts, semantics = _verdict_marks(amap, evaluate, style)
    marks: dict[str, list[str]] = {}
    if findings is not False:
        found = check(amap) if findings is True else findings
        for finding in found:
            if finding.severity in _MARKED and finding.ids:
                names = marks.setdefault(finding.ids[0], [])
                if finding.rule not in names:
                    names.append(finding.rule)

    graph = {
        "rankdir": direction,
        "newrank": "true",
        "nodesep": "0.35",
        "ranksep": "0.45",
        "fontname": style.font,
        "label": _label([amap.title]),
        "labelloc": "t",
        "fontsize": "16",
    }
    node = {"fontname": style.font, "fontsize": "11", "color": style.border, "penwidth": "1.2"}
    lines = [
        "digraph argmap {",
        f"  graph {_attrs(graph)};",
        f"  node {_attrs(node)};",
        f"  edge {_attrs({'fontname': style.font, 'fontsize': '9'})};",
    ]
    used: set[str] = set()
    most = None if full_text else _MAX_LABEL_LINES

    for claim in amap.claims:
        if not visible(claim.id):
            continue
        lines.append(
            _node(claim.id, _claim_attrs(claim, amap, style, width, most, marks, used, verdicts))
        )
    for item in amap.evidence:
        if not visible(item.id):
            continue
        lines.append(
            _node(item.id, _evidence_attrs(item, style, width, most, marks, used, verdicts))
        )

    undercut_targets = {i.conclusion for i in amap.inferences if i.kind is InferenceKind.UNDERCUT}
    steps = {i.id: i for i in amap.inferences}
    drawn: dict[str, bool] = {}

    def drawable(inference: Inference) -> bool:
        """Whether a step is drawn: it, a premise and what it concludes are all in view."""
        if inference.id not in drawn:
            drawn[inference.id] = False  # an undercut circle draws nothing
            target = steps.get(inference.conclusion)
            drawn[inference.id] = (
                visible(inference.id)
                and any(visible(p) for p in inference.premises)
                and (drawable(target) if target is not None else visible(inference.conclusion))
            )
        return drawn[inference.id]

    for inference in amap.inferences:
        if not drawable(inference):
            continue
        premises = [p for p in inference.premises if visible(p)]
        as_node = (
            len(inference.premises) > 1
            or inference.id in undercut_targets
            or inference.id in marks
            or inference.kind is InferenceKind.UNDERCUT
        )
        lines += _inference_lines(
            inference,
            premises,
            style,
            marks,
            used,
            verdicts,
            as_node=as_node,
            step_lines=None if full_text else 2,
        )
    if semantics is not None:
        used.add(f"evaluation:{semantics}")
    if legend:
        lines += _legend(style, used)
    lines.append("}")
    return "\n".join(lines) + "\n"


_VERDICT_MARKS = {Label.ACCEPTED: "✓", Label.REJECTED: "✗", Label.UNDECIDED: "?"}


def _verdict_marks(
    amap: ArgumentMap, evaluate: bool | Semantics | Evaluation, style: Theme
) -> tuple[dict[str, list[tuple[str, str]]], Semantics | None]:
    """One small line for each item: its label's mark and word, in the label's colour;
    and the semantics (None: no evaluation)."""
    if evaluate is False:
        return {}, None
    if isinstance(evaluate, Evaluation):
        result = evaluate
    else:
        result = evaluate_map(amap, "grounded" if evaluate is True else evaluate)
    colours = {
        Label.ACCEPTED: style.support,
        Label.REJECTED: style.attack,
        Label.UNDECIDED: style.faint,
    }
    marks = {
        v.id: [(f"{_VERDICT_MARKS[v.label]} {v.label.value}", colours[v.label])] for v in result
    }
    return marks, result.semantics


def _badge(ident: str, marks: dict[str, list[str]], style: Theme) -> list[tuple[str, str]]:
    """One line that names the item's findings (two at most, then how many more)."""
    rules = marks.get(ident)
    if not rules:
        return []
    text = ", ".join(rules[:2]) + (f" +{len(rules) - 2}" if len(rules) > 2 else "")
    return [(f"{_BADGE} {text}", style.flag)]


def _claim_attrs(
    claim: Claim,
    amap: ArgumentMap,
    style: Theme,
    width: int,
    most: int | None,
    marks: dict[str, list[str]],
    used: set[str],
    verdicts: dict[str, list[tuple[str, str]]],
) -> dict[str, str]:
    small = [
        (
            claim.id
            + ("  · assumed" if claim.assumed else "")
            + ("  · implicit" if claim.implicit else ""),
            style.faint,
        )
    ]
    small += _badge(claim.id, marks, style)
    small += verdicts.get(claim.id, [])
    is_thesis = claim.id == amap.thesis
    styles = ["rounded", "filled"]
    if claim.implicit:
        styles.append("dashed")
        used.add("implicit")
    if claim.assumed:
        used.add("assumed")
    attributes = {
        "shape": "box",
        "style": ",".join(styles),
        "fillcolor": style.thesis_fill if is_thesis else style.claim_fill,
        "label": _label(_wrap(claim.text, width, most), small=small),
        "tooltip": _tooltip(claim.note or claim.text),
    }
    if is_thesis:
        attributes.update({"penwidth": "2.5", "peripheries": "2"})
        used.add("thesis")
    used.add("claim")
    if claim.id in marks:
        attributes.update({"color": style.flag, "penwidth": "2.2"})
        attributes["style"] += ",dashed" if "dashed" not in attributes["style"] else ""
        used.add("flag")
    return attributes


def _evidence_attrs(
    item: Evidence,
    style: Theme,
    width: int,
    most: int | None,
    marks: dict[str, list[str]],
    used: set[str],
    verdicts: dict[str, list[tuple[str, str]]],
) -> dict[str, str]:
    heading = item.kind.value.upper() + (f" · {item.cites}" if item.cites else "")
    small = [(line, style.faint) for line in _wrap(heading, width + 6, 2)]
    small += [(item.id, style.faint), *_badge(item.id, marks, style)]
    small += verdicts.get(item.id, [])
    attributes = {
        "shape": "note",
        "style": "filled",
        "fillcolor": style.evidence_fill,
        "label": _label(_wrap(item.text, width, most), small=small),
        "tooltip": _tooltip(item.note or item.text),
    }
    used.add("evidence")
    if item.id in marks:
        attributes.update({"color": style.flag, "penwidth": "2.2", "style": "filled,dashed"})
        used.add("flag")
    return attributes


def _step_text(inference: Inference) -> str:
    text = inference.scheme or inference.warrant or ""
    return text or ("restates" if inference.kind is InferenceKind.REPHRASE else "")


def _inference_lines(
    inference: Inference,
    premises: list[str],
    style: Theme,
    marks: dict[str, list[str]],
    used: set[str],
    verdicts: dict[str, list[tuple[str, str]]],
    *,
    as_node: bool,
    step_lines: int | None = 2,
) -> list[str]:
    line_style, arrowhead, pen = _EDGE_STYLES[inference.kind]
    colour = {
        InferenceKind.SUPPORT: style.support,
        InferenceKind.ATTACK: style.attack,
        InferenceKind.UNDERCUT: style.undercut,
        InferenceKind.REPHRASE: style.rephrase,
    }[inference.kind]
    used.add(inference.kind.value)
    flagged = inference.id in marks
    if flagged:
        used.add("flag")
    text = _step_text(inference)
    missing = (
        f"restates `{premises[0]}`"
        if inference.kind is InferenceKind.REPHRASE
        else "no warrant or scheme"
    )
    tooltip = _tooltip(f"{inference.id}: {inference.warrant or inference.scheme or missing}")
    head = {
        "color": colour,
        "style": line_style,
        "arrowhead": arrowhead,
        "penwidth": pen,
        "tooltip": tooltip,
    }
    if not as_node:
        small = [(line, style.faint) for line in _wrap(text, 22, step_lines)]
        small += _badge(inference.id, marks, style)
        small += verdicts.get(inference.id, [])
        label = {"label": _label([], small=small)} if small else {}
        step_id = {"id": f"step-{inference.id}"}
        return [_edge(premises[0], inference.conclusion, {**head, **label, **step_id})]
    used.add("linked")
    small = [(line, style.faint) for line in _wrap(text, 22, step_lines)] or [("·", style.faint)]
    small += _badge(inference.id, marks, style)
    small += verdicts.get(inference.id, [])
    node = {
        "shape": "box",
        "style": "rounded,filled" + (",dashed" if flagged else ""),
        "fillcolor": style.step_fill,
        "color": style.flag if flagged else colour,
        "penwidth": "2" if flagged else "1",
        "margin": "0.04,0.02",
        "height": "0.2",
        "label": _label([], small=small),
        "tooltip": tooltip,
    }
    joined = {"color": colour, "style": line_style, "arrowhead": "none", "penwidth": pen}
    lines = [_node(inference.id, node)]
    lines += [_edge(premise, inference.id, joined) for premise in premises]
    lines.append(_edge(inference.id, inference.conclusion, head))
    return lines


def _legend(style: Theme, used: set[str]) -> list[str]:
    """A legend cluster that explains each mark the drawing uses."""
    entries: list[tuple[str, dict[str, str]]] = []
    if "claim" in used:
        entries.append(
            ("claim", {"shape": "box", "style": "rounded,filled", "fillcolor": style.claim_fill})
        )
    if "thesis" in used:
        entries.append(
            (
                "thesis",
                {
                    "shape": "box",
                    "style": "rounded,filled",
                    "fillcolor": style.thesis_fill,
                    "penwidth": "2.5",
                    "peripheries": "2",
                },
            )
        )
    if "evidence" in used:
        entries.append(
            (
                "evidence (kind · source)",
                {"shape": "note", "style": "filled", "fillcolor": style.evidence_fill},
            )
        )
    if "implicit" in used:
        entries.append(
            (
                "implicit premise",
                {"shape": "box", "style": "rounded,filled,dashed", "fillcolor": style.claim_fill},
            )
        )
    if "assumed" in used:
        entries.append(("· assumed: accepted without support", {"shape": "plaintext"}))
    if "flag" in used:
        entries.append(
            (
                f"{_BADGE} what argmap check finds there",
                {
                    "shape": "box",
                    "style": "rounded,filled,dashed",
                    "fillcolor": style.claim_fill,
                    "color": style.flag,
                    "penwidth": "2.2",
                },
            )
        )
    if "linked" in used:
        entries.append(
            (
                "linked premises meet in a step (its scheme)",
                {
                    "shape": "box",
                    "style": "rounded,filled",
                    "fillcolor": style.step_fill,
                    "height": "0.2",
                },
            )
        )
    for semantics in sorted(u.partition(":")[2] for u in used if u.startswith("evaluation:")):
        entries.append(
            (f"✓ accepted  ✗ rejected  ? undecided ({semantics})", {"shape": "plaintext"})
        )
    edges = [
        (kind, label)
        for kind, label in (
            ("support", "supports"),
            ("attack", "attacks (rebuts)"),
            ("undercut", "undercuts the step"),
            ("rephrase", "restates (rephrase)"),
        )
        if kind in used
    ]
    if not entries and not edges:
        return []
    box = {"label": "Legend", "fontsize": "11", "color": style.faint, "style": "rounded"}
    lines = ["  subgraph cluster_legend {", f"    graph {_attrs(box)};"]
    for n, (text, attributes) in enumerate(entries):
        label = {"label": _label([text]), "fontsize": "9"}
        lines.append(_node(f"legend:{n}", {**attributes, **label}, "    "))
    for n, (kind, text) in enumerate(edges):
        line_style, arrowhead, pen = _EDGE_STYLES[InferenceKind(kind)]
        line = {
            "color": getattr(style, kind),
            "style": line_style,
            "arrowhead": arrowhead,
            "penwidth": pen,
        }
        label = {"shape": "plaintext", "label": _label([text]), "fontsize": "9"}
        lines.append(_node(f"legend:edge:{n}a", {"shape": "point", "width": "0.05"}, "    "))
        lines.append(_node(f"legend:edge:{n}b", label, "    "))
        lines.append(_edge(f"legend:edge:{n}a", f"legend:edge:{n}b", line, "    "))
    lines.append("  }")
    return lines


def render_bytes(amap: ArgumentMap, format: str = "svg", **options: object) -> bytes:
    """Return the map drawn by Graphviz as ``svg``, ``png`` or ``pdf`` bytes.

    Takes the options of :func:`to_dot`.

    Raises:
        GraphvizNotFoundError: ``dot`` is not installed; the message says how to install it.
    """
    if format not in GRAPHVIZ_FORMATS:
        raise ValueError(f"Graphviz draws {', '.join(GRAPHVIZ_FORMATS)}, not `{format}`")
    dot = to_dot(amap, **options)  # type: ignore[arg-type]
    return run_dot(dot, format)


def run_dot(dot: str, format: str) -> bytes:
    """Run Graphviz's ``dot`` on DOT text and return its output."""
    import graphviz  # type: ignore[import-untyped]  # the only place that runs Graphviz

    try:
        output: bytes = graphviz.pipe("dot", format, dot.encode("utf-8"), quiet=True)
        return output
    except graphviz.ExecutableNotFound as err:
        raise GraphvizNotFoundError(
            Problem(
                "graphviz-not-found",
                "Graphviz's `dot` program was not found",
                hint=INSTALL_GRAPHVIZ,
            )
        ) from err
    except graphviz.CalledProcessError as err:
        message = (err.stderr or b"").decode("utf-8", "replace").strip()
        raise ArgmapError(Problem("graphviz-failed", f"Graphviz failed: {message}")) from err


def render(
    amap: ArgumentMap,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    **options: object,
) -> Path:
    """Draw a map into a file (atomically): ``svg``, ``png``, ``pdf``, ``dot`` or ``html``.

    ``html`` is the interactive report of :func:`argmap.report.to_html`.

    The format comes from the file's suffix unless ``format`` names it. Takes the
    options of :func:`to_dot`. Returns the path written.

    Raises:
        GraphvizNotFoundError: ``dot`` is needed and not installed.
        MapFileError: the format is unknown, or the file cannot be written.
    """
    out = Path(path)
    chosen = (format or out.suffix.lstrip(".")).lower()
    if chosen == "gv":
        chosen = "dot"
    if chosen == "dot":
        data = to_dot(amap, **options).encode("utf-8")  # type: ignore[arg-type]
    elif chosen in GRAPHVIZ_FORMATS:
        data = render_bytes(amap, chosen, **options)
    elif chosen in ("html", "htm"):
        from argmap.report import to_html  # the report draws with this module

        data = to_html(amap, **options).encode("utf-8")  # type: ignore[arg-type]
    else:
        raise MapFileError(
            Problem(
                "unknown-format",
                f"cannot draw `{chosen or out.name}`",
                Location(str(out)),
                hint="draw to .svg, .png, .pdf, .dot or .html (the interactive report)",
            )
        )
    write_bytes_atomic(out, data)
    return out
