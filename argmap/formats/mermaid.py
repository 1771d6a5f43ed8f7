"""Mermaid flowcharts, for Markdown and GitHub (written, not read).

Examples:
    >>> import argmap
    >>> print(dumps(argmap.read("examples/crisis_core.yaml")).splitlines()[1])
    flowchart BT
"""

from __future__ import annotations

from pathlib import Path

from argmap.conversion import ConversionReport
from argmap.files import write_text_atomic
from argmap.models import ArgumentMap, InferenceKind

# Mermaid's arrows: support, attack (rebut) and undercut differ in line and head; a
# rephrase is dotted with an arrowhead, and labelled "restates" when nothing else names it.
_ARROWS = {
    InferenceKind.SUPPORT: "-->",
    InferenceKind.ATTACK: "--x",
    InferenceKind.UNDERCUT: "-.-x",
    InferenceKind.REPHRASE: "-.->",
}
_LINKS = {
    InferenceKind.SUPPORT: "---",
    InferenceKind.ATTACK: "---",
    InferenceKind.UNDERCUT: "-.-",
    InferenceKind.REPHRASE: "-.-",
}
_RESTATES = "restates"


# Mermaid's entity codes for what would end a label, start markup or a directive.
_CODES = (
    ("#", "#35;"),
    ('"', "#quot;"),
    ("<", "#lt;"),
    (">", "#gt;"),
    ("%", "#37;"),
    ("&", "#amp;"),
    ("`", "#96;"),
)


def _text(text: str) -> str:
    """Text inside a quoted Mermaid label: one line, markup and quotes as entity codes.

    Examples:
        >>> _text('He said "wait" & %%{init}%%')
        'He said #quot;wait#quot; #amp; #37;#37;{init}#37;#37;'
    """
    text = " ".join(text.splitlines())
    for char, code in _CODES:
        text = text.replace(char, code)
    return text


def dumps(amap: ArgumentMap, *, direction: str = "BT") -> str:
    """Return the map as a Mermaid flowchart.

    Nodes are named ``n0``, ``n1``, ... in the map's order (Mermaid names cannot hold
    every id); each node's label ends with its id. Linked premises meet in a small
    round node for their inference; a single premise is one arrow.
    """
    names: dict[str, str] = {}
    lines = [f"%% {_text(amap.title)}", f"flowchart {direction}"]
    for claim in amap.claims:
        names[claim.id] = name = f"n{len(names)}"
        lines.append(f'  {name}("{_text(claim.text)}<br/><small>{claim.id}</small>")')
    for item in amap.evidence:
        names[item.id] = name = f"n{len(names)}"
        kind = item.kind.value.upper() + (f" · {_text(item.cites)}" if item.cites else "")
        lines.append(f'  {name}[/"{_text(item.text)}<br/><small>{kind} · {item.id}</small>"/]')
    undercut = {i.conclusion for i in amap.inferences if i.kind is InferenceKind.UNDERCUT}
    for inference in amap.inferences:
        if len(inference.premises) > 1 or inference.id in undercut:
            names[inference.id] = f"n{len(names)}"
    for inference in amap.inferences:
        arrow = _ARROWS[inference.kind]
        label = _text(inference.scheme or inference.warrant or "")
        if not label and inference.kind is InferenceKind.REPHRASE:
            label = _RESTATES
        labelled = f'{arrow}|"{label}"|' if label else arrow
        target = names[inference.conclusion]
        if inference.id in names:
            step = names[inference.id]
            lines.append(f'  {step}(("{label or inference.id}"))')
            for premise in inference.premises:
                lines.append(f"  {names[premise]} {_LINKS[inference.kind]} {step}")
            lines.append(f"  {step} {arrow} {target}")
        else:
            lines.append(f"  {names[inference.premises[0]]} {labelled} {target}")
    lines.append("  classDef thesis stroke-width:4px")
    lines.append("  classDef implicit stroke-dasharray: 5 5")
    if amap.thesis is not None:
        lines.append(f"  class {names[amap.thesis]} thesis")
    implicit = [names[c.id] for c in amap.claims if c.implicit]
    if implicit:
        lines.append(f"  class {','.join(implicit)} implicit")
    return "\n".join(lines) + "\n"


def to_text(amap: ArgumentMap) -> tuple[str, ConversionReport]:
    """Return the flowchart and what a drawing leaves out of the map."""
    report = ConversionReport("mermaid", "write")
    if amap.sources:
        report.dropped("sources (a flowchart shows no texts)", count=len(amap.sources))
    items = list(amap.nodes())
    counts = {
        "quotes": sum(1 for i in items if getattr(i, "quote", None)),
        "notes": sum(1 for i in items if i.note),
        "tags": sum(1 for i in items if i.tags),
        "warrants beside a scheme": sum(
            1 for i in items if getattr(i, "warrant", None) and getattr(i, "scheme", None)
        ),
        "locutions": sum(len(getattr(i, "locutions", ())) for i in items),
        "data kept from other formats (`extra`)": sum(1 for i in items if i.extra)
        + bool(amap.extra),
    }
    for what, count in counts.items():
        if count:
            report.dropped(what, count=count)
    return dumps(amap), report


def write(amap: ArgumentMap, path: Path) -> None:
    """Write the map's Mermaid flowchart to a file, atomically."""
    write_text_atomic(path, dumps(amap))
