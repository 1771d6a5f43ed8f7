"""Time loading, checking and graphing large maps; loading against the floor of json.loads.

Run with ``make bench`` or ``python -m benchmarks.bench --claims 1000 10000 100000``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

import argmap
from argmap.checks import check
from argmap.graph import to_networkx
from argmap.render import render_bytes, run_dot, to_dot
from benchmarks.generate import generate_map


def best_of(repeats: int, action: Callable[[], object]) -> float:
    """Return the shortest of ``repeats`` timings of ``action``, in seconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def run(sizes: Sequence[int], repeats: int) -> list[dict[str, float]]:
    """Measure each size; return one row of timings per size."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for claims in sizes:
            amap = generate_map(claims)
            yaml_path = Path(folder) / f"map{claims}.yaml"
            json_path = Path(folder) / f"map{claims}.json"
            argmap.write(amap, yaml_path)
            argmap.write(amap, json_path)
            json_text = json_path.read_text(encoding="utf-8")
            loaded = argmap.read(json_path)
            assert loaded == amap
            rows.append(
                {
                    "claims": claims,
                    "json.loads": best_of(repeats, partial(json.loads, json_text)),
                    "read json": best_of(repeats, partial(argmap.read, json_path)),
                    "read yaml": best_of(repeats, partial(argmap.read, yaml_path)),
                    "to_networkx": best_of(repeats, partial(to_networkx, loaded)),
                    "check": best_of(repeats, partial(check, loaded, use_files=False)),
                    "to_dot": best_of(repeats, partial(to_dot, loaded)),
                }
            )
    return rows


def render_overhead(claims: int) -> tuple[float, float]:
    """Time drawing a map to SVG with argmap, and Graphviz's ``dot`` alone on its DOT."""
    amap = generate_map(claims)
    dot = to_dot(amap)
    return best_of(1, partial(render_bytes, amap, "svg")), best_of(1, partial(run_dot, dot, "svg"))


def main(argv: Sequence[str] | None = None) -> None:
    """Print a table of timings."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claims", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--render",
        type=int,
        default=1_000,
        metavar="CLAIMS",
        help="also time drawing a map of this many claims to SVG (0: skip)",
    )
    args = parser.parse_args(argv)
    if args.render:
        total, alone = render_overhead(args.render)
        print(
            f"render {args.render:,} claims to SVG: argmap {total:.2f} s, "
            f"dot alone {alone:.2f} s (x{total / max(alone, 1e-9):.2f})\n"
        )
    rows = run(args.claims, args.repeats)
    columns = list(rows[0])
    print(" | ".join(f"{c:>12}" for c in columns))
    for row in rows:
        print(
            " | ".join(f"{row[c]:>12.3f}" if c != "claims" else f"{row[c]:>12,}" for c in columns)
        )
    if len(rows) > 1:
        first, last = rows[-2], rows[-1]
        ratio = last["claims"] / first["claims"]
        print(f"\nscaling from {first['claims']:,} to {last['claims']:,} claims (x{ratio:g}):")
        for column in columns[1:]:
            print(f"  {column:>12}: x{last[column] / max(first[column], 1e-9):.1f}")
        native = last["read json"] / max(last["json.loads"], 1e-9)
        print(f"\nread json / json.loads at {last['claims']:,} claims: {native:.1f}")


if __name__ == "__main__":
    main()
