"""argmap: map the structure of arguments, check it, analyse it and draw it.

Examples:
    >>> import argmap
    >>> amap = argmap.read("examples/crisis_core.yaml")
    >>> amap.thesis, len(amap.claims)
    ('insurrection_now', 3)
    >>> graph = argmap.to_networkx(amap)
    >>> graph.nodes["dyelo_naroda"]["kind"]
    'quotation'
"""

from argmap.builder import MapBuilder
from argmap.checks import CheckReport, Finding, Severity, check
from argmap.comparison import Comparison, compare
from argmap.conversion import ConversionLossError, ConversionReport
from argmap.errors import ArgmapError, InvalidMapError, Location, MapFileError, Problem
from argmap.formats import read, write
from argmap.graph import from_networkx, to_networkx
from argmap.models import (
    ArgumentMap,
    Claim,
    Evidence,
    EvidenceKind,
    Inference,
    InferenceKind,
    Locution,
    Source,
)
from argmap.quotes import QuoteLookup, QuoteSpan, locate_quotes
from argmap.render import GraphvizNotFoundError, render, to_dot

__version__ = "0.1.0"

__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "CheckReport",
    "Claim",
    "Comparison",
    "ConversionLossError",
    "ConversionReport",
    "Evidence",
    "EvidenceKind",
    "Finding",
    "GraphvizNotFoundError",
    "Inference",
    "InferenceKind",
    "InvalidMapError",
    "Location",
    "Locution",
    "MapBuilder",
    "MapFileError",
    "Problem",
    "QuoteLookup",
    "QuoteSpan",
    "Severity",
    "Source",
    "__version__",
    "check",
    "compare",
    "from_networkx",
    "locate_quotes",
    "read",
    "render",
    "to_dot",
    "to_networkx",
    "write",
]
