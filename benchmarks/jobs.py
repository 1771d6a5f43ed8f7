"""Time `argmap check` and `argmap stats` over the shared corpora with --jobs 1 and --jobs N.

Each run is the whole command, as a user types it (start-up included), the best of
``--repeats``; the speed-up is --jobs 1 over --jobs N in the same run. Run with
``python -m benchmarks.jobs`` (``make bench`` runs it after the other benchmarks); the
corpora are those of tests/conftest.py (``ARGMAP_CORPUS_DIR`` or ../shared/data).

Examples:
    >>> [c.name for c in CORPORA][:2]
    ['aif', 'microtexts-xml']
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from argmap.batch import collect, default_jobs
from tests.conftest import CORPUS_DIR

TARGET = 1.6
"""Issue 16: --jobs 2 at least this much faster than --jobs 1 on the shared corpora."""


@dataclass(frozen=True)
class Corpus:
    """A folder of the shared data and the format its files are read as."""

    name: str
    folder: str
    format: str | None


CORPORA = [
    Corpus("aif", "aif", "aif"),
    Corpus("microtexts-xml", "microtexts-xml", "microtexts"),
    Corpus("argdown", "argdown/format=argdown,lang=en", "argdown"),
]


@dataclass(frozen=True)
class Row:
    """One command on one corpus: its best time with --jobs 1 and with --jobs N."""

    corpus: str
    command: str
    files: int
    one: float
    many: float

    @property
    def speedup(self) -> float:
        return self.one / self.many


def timed(command: Sequence[str], repeats: int) -> float:
    """The best wall time of ``repeats`` runs of ``command`` (its output thrown away)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def count_files(folder: Path) -> int:
    return len(collect([folder]).files)


def measure(root: Path, jobs: int, repeats: int) -> list[Row]:
    """Time check and stats on each corpus found under ``root``."""
    rows = []
    for corpus in CORPORA:
        folder = root / corpus.folder
        if not folder.is_dir():
            continue
        base = [sys.executable, "-m", "argmap"]
        read_as = ["--from", corpus.format] if corpus.format else []
        for command in (["check", "--profile", "corpus"], ["stats"]):
            args = [*base, command[0], str(folder), *read_as, *command[1:]]
            one = timed([*args, "--jobs", "1"], repeats)
            many = timed([*args, "--jobs", str(jobs)], repeats)
            rows.append(Row(corpus.name, command[0], count_files(folder), one, many))
    return rows


def table(rows: Sequence[Row], jobs: int) -> str:
    """The rows as a Markdown table."""
    lines = [
        f"| corpus | command | files | --jobs 1 (s) | --jobs {jobs} (s) | speed-up |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.corpus} | {row.command} | {row.files} | {row.one:.2f} | {row.many:.2f} "
            f"| x{row.speedup:.2f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> list[Row]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=max(2, default_jobs()))
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpora at {args.corpus}: set ARGMAP_CORPUS_DIR", file=sys.stderr)
        return []
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows = measure(args.corpus, args.jobs, args.repeats)
    print(f"--jobs 1 against --jobs {args.jobs}, best of {args.repeats}, load {load:.1f} at start")
    print(table(rows, args.jobs))
    total_one = sum(r.one for r in rows)
    total_many = sum(r.many for r in rows)
    if rows:
        met = "met" if total_one / total_many >= TARGET else "missed"
        print(f"\nall together: x{total_one / total_many:.2f} (target x{TARGET}: {met})")
    return rows


if __name__ == "__main__":
    main()
