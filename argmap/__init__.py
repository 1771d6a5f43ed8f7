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

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from argmap.builder import MapBuilder
    from argmap.checks import CheckReport, Finding, Severity, check
    from argmap.comparison import Comparison, compare
    from argmap.conversion import ConversionLossError, ConversionReport
    from argmap.errors import ArgmapError, InvalidMapError, Location, MapFileError, Problem
    from argmap.evaluation import evaluate
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
    from argmap.stats import MapStats, stats

__version__ = "0.1.0"

# The public names are imported when first used, not with the package: `argmap check`
# then never pays for networkx, Graphviz or rapidfuzz. The imports above, for type
# checkers, list the same names; tests/test_imports.py checks that the three lists agree.
_MODULES = {
    "ArgmapError": "argmap.errors",
    "ArgumentMap": "argmap.models",
    "CheckReport": "argmap.checks",
    "Claim": "argmap.models",
    "Comparison": "argmap.comparison",
    "ConversionLossError": "argmap.conversion",
    "ConversionReport": "argmap.conversion",
    "Evidence": "argmap.models",
    "EvidenceKind": "argmap.models",
    "Finding": "argmap.checks",
    "GraphvizNotFoundError": "argmap.render",
    "Inference": "argmap.models",
    "InferenceKind": "argmap.models",
    "InvalidMapError": "argmap.errors",
    "Location": "argmap.errors",
    "Locution": "argmap.models",
    "MapBuilder": "argmap.builder",
    "MapFileError": "argmap.errors",
    "MapStats": "argmap.stats",
    "Problem": "argmap.errors",
    "QuoteLookup": "argmap.quotes",
    "QuoteSpan": "argmap.quotes",
    "Severity": "argmap.checks",
    "Source": "argmap.models",
    "check": "argmap.checks",
    "compare": "argmap.comparison",
    "evaluate": "argmap.evaluation",
    "from_networkx": "argmap.graph",
    "locate_quotes": "argmap.quotes",
    "read": "argmap.formats",
    "render": "argmap.render",
    "stats": "argmap.stats",
    "to_dot": "argmap.render",
    "to_networkx": "argmap.graph",
    "write": "argmap.formats",
}


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562), and keep it."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute '{name}'")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package, whose public names stay what they are when a submodule of the same
    name is imported: `argmap.render` and `argmap.stats` are the functions, even after
    `import argmap.render` (the import system would otherwise bind the module in its
    place)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in _MODULES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


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
    "MapStats",
    "Problem",
    "QuoteLookup",
    "QuoteSpan",
    "Severity",
    "Source",
    "__version__",
    "check",
    "compare",
    "evaluate",
    "from_networkx",
    "locate_quotes",
    "read",
    "render",
    "stats",
    "to_dot",
    "to_networkx",
    "write",
]
