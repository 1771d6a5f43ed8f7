"""GraphML, for Gephi, yEd and Cytoscape (written, not read), through networkx.

The graph is :func:`argmap.to_networkx`'s; GraphML holds only plain values, so lists
(``tags``, ``ignore``, ``sources``) are written as JSON text.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from argmap.conversion import ConversionReport
from argmap.files import write_bytes_atomic
from argmap.graph import to_networkx
from argmap.models import ArgumentMap

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 forbids: GraphML readers refuse a file that holds them, and SVG
(:mod:`argmap.render`) is XML too."""


def _plain(value: Any) -> str | int | float | bool:
    if isinstance(value, bool | int | float):
        return value
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return NOT_XML.sub("\ufffd", text)


def dumps(amap: ArgumentMap) -> bytes:
    """Return the map's graph as GraphML (UTF-8 XML)."""
    graph = to_networkx(amap)
    plain: nx.DiGraph[str] = nx.DiGraph()
    plain.graph.update({k: _plain(v) for k, v in graph.graph.items() if v is not None})
    for node, attrs in graph.nodes(data=True):
        plain.add_node(node, **{k: _plain(v) for k, v in attrs.items()})
    for u, v, attrs in graph.edges(data=True):
        plain.add_edge(u, v, **{k: _plain(value) for k, value in attrs.items()})
    out = io.BytesIO()
    nx.write_graphml(plain, out, encoding="utf-8")
    return out.getvalue()


def to_text(amap: ArgumentMap) -> tuple[bytes, ConversionReport]:
    """Return the GraphML and its report: nothing is dropped, lists become JSON text."""
    report = ConversionReport("graphml", "write")
    return dumps(amap), report


def write(amap: ArgumentMap, path: Path) -> None:
    """Write the map's GraphML to a file, atomically."""
    write_bytes_atomic(path, dumps(amap))
