"""Measure the peak memory of loading, checking, graphing and drawing one map, in a fresh process.

``benchmarks.bench`` runs ``python -m benchmarks.memory MAP.json`` once per size, so each peak
is that of one map alone. It prints one JSON line: the peak resident set size (Linux's
``VmHWM``, else ``ru_maxrss``) of the interpreter with argmap imported, then after each step,
in MiB. A peak never falls, so each figure is that of all the steps up to it, held together.

Examples:
    >>> import tempfile, argmap
    >>> from benchmarks.generate import generate_map
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = f"{folder}/map.json"
    ...     _ = argmap.write(generate_map(30), path)
    ...     usage = measure(path)
    >>> list(usage) == ["baseline", *STEPS]
    True
    >>> usage["to_dot"] >= usage["read"] >= usage["baseline"] > 0
    True
"""

from __future__ import annotations

import json
import resource
import sys
from collections.abc import Sequence
from pathlib import Path

import argmap
from argmap.checks import check
from argmap.graph import to_networkx
from argmap.render import to_dot


def peak_mib() -> float:
    """Return this process's peak resident set size so far, in MiB.

    On Linux this is ``VmHWM`` of /proc/self/status: ``ru_maxrss`` would start from the
    parent's peak, which Linux carries over into a forked child (through ``exec``).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


STEPS = ("read", "check", "to_networkx", "to_dot")
"""The steps measured, in order; each keeps what it made until the end."""


def measure(path: str | Path) -> dict[str, float]:
    """Read the map at ``path``, check it, build its graph and its DOT; return the peaks."""
    usage = {"baseline": peak_mib()}
    amap = argmap.read(path)
    usage["read"] = peak_mib()
    report = check(amap, use_files=False)
    usage["check"] = peak_mib()
    graph = to_networkx(amap)
    usage["to_networkx"] = peak_mib()
    dot = to_dot(amap, findings=report.findings)
    usage["to_dot"] = peak_mib()
    del amap, report, graph, dot
    return usage


def main(argv: Sequence[str] | None = None) -> None:
    """Print the peaks of one map file as a JSON line."""
    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) != 1:
        sys.exit("usage: python -m benchmarks.memory MAP_FILE")
    print(json.dumps(measure(args[0])))


if __name__ == "__main__":
    main()
