"""An interactive HTML report of a map: the drawing, the text it maps and the findings.

:func:`to_html` returns one self-contained page that works offline from disk: the
Graphviz SVG (pannable and zoomable), every source text with each quoted passage
highlighted, the findings of ``argmap check``, a search box and a panel that shows
the selected item whole. Clicking a box marks and scrolls to its quote; clicking a
passage or a finding selects its box. A Content-Security-Policy forbids every request,
and every text is escaped, so no label can add markup or script to the page.

``argmap.render(amap, "report.html")`` and ``argmap render MAP -o report.html`` write it.

Examples:
    >>> import argmap
    >>> page = to_html(argmap.read("examples/crisis_core.yaml"))  # doctest: +SKIP
    >>> page.startswith("<!DOCTYPE html>")  # doctest: +SKIP
    True
"""

from __future__ import annotations

from argmap.report.page import comparison_html, highlight, script_json, to_html

__all__ = ["comparison_html", "highlight", "script_json", "to_html"]
