"""Profile one benchmarked operation with cProfile and print its costliest functions.

Run ``python -m benchmarks.profiling "read aif" 100000`` (an operation named as in the
benchmark's table) to see where the time of a missed target goes.

Examples:
    >>> import io
    >>> out = io.StringIO()
    >>> profile_operation("read json", 30, top=3, out=out)
    >>> "cumulative" in out.getvalue()
    True
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

import argmap
from argmap.checks import check
from argmap.graph import to_networkx
from argmap.render import to_dot
from benchmarks.bench import OPERATIONS
from benchmarks.generate import MapFiles, generate_map, write_files


def kept_files(folder: Path, claims: int) -> MapFiles | None:
    """Return the files of a map of ``claims`` claims written earlier to ``folder``, if all are."""
    stem = folder / f"map{claims}"
    files = MapFiles(
        claims,
        stem.with_suffix(".yaml"),
        stem.with_suffix(".json"),
        stem.with_suffix(".aif.json"),
        stem.with_suffix(".argdown"),
    )
    paths = (files.yaml, files.json, files.aif, files.argdown)
    return files if all(path.exists() for path in paths) else None


def action_for(name: str, files: MapFiles) -> Callable[[], object]:
    """Return the operation ``name`` of the benchmark on ``files``, ready to run."""
    if name in ("check", "to_networkx", "to_dot", "write aif"):
        loaded = argmap.read(files.json)
        if name == "check":
            return partial(check, loaded, use_files=False)
        if name == "to_networkx":
            return partial(to_networkx, loaded)
        if name == "to_dot":
            return partial(to_dot, loaded, findings=check(loaded, use_files=False).findings)
        return partial(argmap.write, loaded, files.json.with_suffix(".out.aif.json"), format="aif")
    if name == "aif to_networkx":
        return partial(to_networkx, argmap.read(files.aif, format="aif"))
    reads = {
        "read json": partial(argmap.read, files.json),
        "read yaml": partial(argmap.read, files.yaml),
        "read aif": partial(argmap.read, files.aif, format="aif"),
        "read argdown": partial(argmap.read, files.argdown, format="argdown"),
    }
    if name not in reads:
        known = ", ".join(n for n in OPERATIONS if n != "json.loads")
        raise SystemExit(f"cannot profile `{name}`: choose one of {known}")
    return reads[name]


def profile_operation(
    name: str,
    claims: int,
    *,
    top: int = 25,
    maps: str | Path | None = None,
    out: TextIO = sys.stdout,
) -> None:
    """Run operation ``name`` once on a generated map of ``claims`` claims under cProfile.

    The map's files are those in ``maps`` when ``bench --maps`` left them there, else new.
    """
    with tempfile.TemporaryDirectory() as folder:
        files = kept_files(Path(maps), claims) if maps else None
        if files is None:
            files = write_files(generate_map(claims), maps or folder)
        action = action_for(name, files)
        profiler = cProfile.Profile()
        profiler.runcall(action)
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main(argv: Sequence[str] | None = None) -> None:
    """Print the profile of one operation."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("operation", help="e.g. 'read aif', 'check', 'read argdown'")
    parser.add_argument("claims", type=int, nargs="?", default=100_000)
    parser.add_argument("--top", type=int, default=25, help="how many functions to list")
    parser.add_argument("--maps", help="reuse (or keep) the map files in this folder")
    args = parser.parse_args(argv)
    profile_operation(args.operation, args.claims, top=args.top, maps=args.maps)


if __name__ == "__main__":
    main()
