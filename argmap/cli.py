"""The ``argmap`` command: thin commands over the library.

Exit codes: 0 all is well; 1 problems were found in a map; 2 a file could not
be used at all (missing, binary, too large, unknown format) or the command was wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from argmap import __version__
from argmap.errors import ArgmapError, InvalidMapError, MapFileError, Problem
from argmap.formats import read
from argmap.graph import depth, roots, to_networkx
from argmap.models import ArgumentMap, InferenceKind
from argmap.quotes import locate_quotes

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNUSABLE = 2


class _Style:
    """ANSI colours when writing to a terminal (and NO_COLOR is not set)."""

    def __init__(self, stream: TextIO) -> None:
        self.on = (
            stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
        )

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on else text


def _print_problems(problems: Sequence[Problem], out: TextIO) -> None:
    style = _Style(out)
    for problem in problems:
        where = style(str(problem.location or "<map>"), "1")
        print(
            f"{where}: {style('error', '31;1')} {style(problem.code, '2')} {problem.message}",
            file=out,
        )
        if problem.hint:
            print(f"    {style('hint:', '36')} {problem.hint}", file=out)


def _load(path: str, out: TextIO) -> ArgumentMap | int:
    """Read a map, or print why it cannot be read and return the exit code."""
    try:
        return read(path)
    except MapFileError as err:
        _print_problems(err.problems, out)
        return EXIT_UNUSABLE
    except InvalidMapError as err:
        _print_problems(err.problems, out)
        count = len(err.problems)
        print(f"Found {count} problem{'s' if count != 1 else ''} in {path}.", file=out)
        return EXIT_PROBLEMS


def cmd_check(args: argparse.Namespace) -> int:
    """Load each map and report every problem in it."""
    worst = EXIT_OK
    for path in args.files:
        loaded = _load(path, sys.stdout)
        if isinstance(loaded, int):
            worst = max(worst, loaded)
            continue
        print(f"{path}: no problems ({_counts(loaded)}).")
    return worst


def _counts(amap: ArgumentMap) -> str:
    return (
        f"{len(amap.claims)} claims, {len(amap.evidence)} evidence, "
        f"{len(amap.inferences)} inferences"
    )


def cmd_stats(args: argparse.Namespace) -> int:
    """Print the size and shape of a map."""
    loaded = _load(args.file, sys.stderr)
    if isinstance(loaded, int):
        return loaded
    amap = loaded
    graph = to_networkx(amap)
    kinds = {kind.value: 0 for kind in InferenceKind}
    for inference in amap.inferences:
        kinds[inference.kind.value] += 1
    lookups = locate_quotes(amap)
    found = sum(lookup.found for lookup in lookups)
    stats = {
        "file": args.file,
        "title": amap.title,
        "thesis": amap.thesis,
        "sources": len(amap.sources),
        "claims": len(amap.claims),
        "assumed": sum(c.assumed for c in amap.claims),
        "implicit": sum(c.implicit for c in amap.claims),
        "evidence": len(amap.evidence),
        "inferences": len(amap.inferences),
        "inference_kinds": kinds,
        "depth": depth(graph),
        "top_conclusions": roots(graph),
        "quotes_found": found,
        "quotes_not_found": len(lookups) - found,
    }
    if args.format == "json":
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [
        ("title", amap.title),
        ("thesis", amap.thesis or "(none)"),
        ("sources", str(stats["sources"])),
        ("claims", f"{stats['claims']} ({stats['assumed']} assumed, {stats['implicit']} implicit)"),
        ("evidence", str(stats["evidence"])),
        (
            "inferences",
            f"{stats['inferences']} (" + ", ".join(f"{n} {k}" for k, n in kinds.items()) + ")",
        ),
        ("depth", f"{stats['depth']} steps"),
        ("top", ", ".join(roots(graph)) or "(none)"),
        ("quotes", f"{found} found, {len(lookups) - found} not found"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the map file format."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **ArgumentMap.model_json_schema(),
    }
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the ``argmap`` command line."""
    parser = argparse.ArgumentParser(
        prog="argmap",
        description="Map the structure of arguments: check, analyse and draw argument maps.",
        epilog="Exit codes: 0 no problems, 1 problems found in a map, "
        "2 a file could not be used or the command was wrong.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check",
        help="load maps and report every problem in them",
        description="Load each map file and report every problem in it, located.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="map files (.yaml, .yml, .json)")
    check.set_defaults(run=cmd_check)

    stats = commands.add_parser(
        "stats",
        help="print the size and shape of a map",
        description="Print counts of claims, evidence, inferences and sources, the depth "
        "of the map and its thesis.",
    )
    stats.add_argument("file", metavar="FILE", help="a map file")
    stats.add_argument(
        "--format", choices=["text", "json"], default="text", help="output format (default: text)"
    )
    stats.set_defaults(run=cmd_stats)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of map files",
        description="Print the JSON Schema of the map file format, for editors to "
        "validate and complete map files.",
    )
    schema.set_defaults(run=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``argmap`` command and return its exit code."""
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except ArgmapError as err:  # an error no command expected: still no traceback
        _print_problems(err.problems, sys.stdout)
        return EXIT_UNUSABLE
    except BrokenPipeError:  # e.g. `argmap schema | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
