"""Time argmap on real corpora, file by file, beside arguebuf and the parser alone.

The synthetic benchmark (``benchmarks.bench``) reads a few large maps; real corpora are
hundreds of small ones, where the cost per file counts as much as the cost per item.
Run with ``make bench`` or ``python -m benchmarks.corpus``; the corpora are the shared
data folder beside the clone (or ``ARGMAP_CORPUS_DIR``, or ``--data``), never copied
into the repository. The results are printed and written into docs/benchmarks.md,
between the markers of its "Real corpora" section.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import re
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import argmap
from argmap.checks import check
from argmap.graph import to_networkx
from benchmarks.bench import best_of, optional_module

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("ARGMAP_CORPUS_DIR") or ROOT.parent / "shared" / "data")
"""The shared data folder, found as the tests find it (tests/conftest.py)."""
DOC = ROOT / "docs" / "benchmarks.md"
START = "<!-- corpus results: start (written by python -m benchmarks.corpus) -->"
END = "<!-- corpus results: end -->"

OPERATIONS = ("floor", "read", "read+check", "read+to_networkx", "arguebuf read")
"""The columns, each timed over every file of a corpus."""

ALL_AIF = "AIF, all four"
"""The row the targets of issue 16 are judged on."""


@dataclass(frozen=True)
class Corpus:
    """A folder of real files of one format, and how to read one file without argmap."""

    name: str
    format: str
    """argmap's name of the format."""
    files: tuple[Path, ...]
    floor: str
    """What the ``floor`` column times: parsing alone."""
    peer: str | None = None
    """What the ``arguebuf read`` column times, when it differs from the format's loader."""


@dataclass
class Row:
    """The timings of one corpus, in seconds for all the files of a column, best of ``repeats``."""

    corpus: Corpus
    repeats: int
    times: dict[str, float] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)
    """How many files each column read: argmap's columns (and the floor) those argmap
    reads, arguebuf's those arguebuf reads."""
    refused: dict[str, str] = field(default_factory=dict)
    """Files a reader refused, with which and why: left out of that reader's columns."""

    def per_file(self, operation: str) -> float | None:
        """Seconds per file of a column, or None when it was not measured."""
        seconds, files = self.times.get(operation), self.files.get(operation)
        return seconds / files if seconds and files else None

    def per_second(self, operation: str) -> float | None:
        """Files per second of a column, or None when it was not measured."""
        seconds = self.per_file(operation)
        return 1 / seconds if seconds else None


def _aif_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json") if p.name != "aif2arggraph.json")


def corpora(data: Path, limit: int | None = None) -> list[Corpus]:
    """The corpora of the shared data folder that are on this machine.

    Examples:
        >>> corpora(Path("/nonexistent"))
        []
    """
    found: list[Corpus] = []

    def add(name: str, format: str, files: list[Path], floor: str, peer: str | None = None) -> None:
        if files:
            found.append(Corpus(name, format, tuple(files[:limit]), floor, peer))

    aif = data / "aif"
    folders = ("araucaria", "us-2016", "microtexts", "ova3")
    by_folder = {name: _aif_files(aif / name) if (aif / name).is_dir() else [] for name in folders}
    for name in folders:
        add(f"AIF: {name}", "aif", by_folder[name], "json.load")
    add(ALL_AIF, "aif", [f for name in folders for f in by_folder[name][:limit]], "json.load")
    xml = data / "microtexts-xml"
    add(
        "microtexts XML",
        "microtexts",
        sorted(xml.rglob("*.xml")) if xml.is_dir() else [],
        "ElementTree.parse",
    )
    argdown = data / "argdown" / "format=argdown,lang=en"
    add(
        "Argdown",
        "argdown",
        sorted(argdown.glob("*.argdown")) if argdown.is_dir() else [],
        "reading the text",
        "arguebuf.load.argdown of the Argdown tool's JSON export of the same file",
    )
    sadface = data / "sadface"
    add(
        "SADFace",
        "sadface",
        sorted(sadface.rglob("*.json")) if sadface.is_dir() else [],
        "json.load",
    )
    return found


def _json_file(path: Path) -> Any:
    with path.open(encoding="utf-8") as file:
        return json.load(file)


def floor_of(corpus: Corpus) -> Callable[[Path], object]:
    """Parsing one file alone: the least any reader of the format must do."""
    if corpus.format == "microtexts":
        return ElementTree.parse
    if corpus.format == "argdown":
        return lambda path: path.read_text(encoding="utf-8")
    return _json_file


def peer_of(corpus: Corpus, arguebuf: Any) -> Callable[[Path], object] | None:
    """arguebuf's reading of one file of the corpus, parsing included; None if it has none."""
    load = arguebuf.load
    if corpus.format == "aif":

        def aif(path: Path) -> object:
            data = _json_file(path)  # OVA3 exports hold the graph under `AIF`: xAIF
            return load.xaif(data) if "AIF" in data else load.aif(data)

        return aif
    if corpus.format == "sadface":
        return lambda path: load.sadface(_json_file(path))
    if corpus.format == "microtexts":

        def microtexts(path: Path) -> object:
            with path.open("rb") as file:
                return load.microtexts(file)

        return microtexts
    if corpus.format == "argdown":

        def argdown(path: Path) -> object:
            export = path.parent.parent / "format=argdown-json,lang=en" / f"{path.stem}.json"
            return load.argdown(_json_file(export))

        return argdown
    return None


def operations(corpus: Corpus, arguebuf: Any) -> dict[str, Callable[[Path], object]]:
    """What each column does to one file."""
    fmt = corpus.format
    found: dict[str, Callable[[Path], object]] = {
        "floor": floor_of(corpus),
        "read": lambda path: argmap.read(path, format=fmt),
        "read+check": lambda path: check(argmap.read(path, format=fmt)),
        "read+to_networkx": lambda path: to_networkx(argmap.read(path, format=fmt)),
    }
    peer = peer_of(corpus, arguebuf) if arguebuf is not None else None
    if peer is not None:
        found["arguebuf read"] = peer
    return found


def measure(corpus: Corpus, repeats: int, arguebuf: Any) -> Row:
    """Time every column; a warm-up pass finds the files each reader reads.

    A file argmap refuses is left out of argmap's columns and the floor, one arguebuf
    refuses out of arguebuf's: each column is timed on the files its reader reads.
    """
    row = Row(corpus, repeats)
    actions = operations(corpus, arguebuf)
    readable: dict[str, list[Path]] = {}
    for name, action in actions.items():
        group = "arguebuf" if name.startswith("arguebuf") else "argmap"
        if group not in readable:
            readable[group] = list(corpus.files)
        for path in list(readable[group]):
            try:
                action(path)
            except Exception as err:
                readable[group].remove(path)
                row.refused[f"{path} ({group})"] = f"{type(err).__name__}: {str(err)[:100]}"
    runs: dict[str, list[float]] = {}
    for _ in range(repeats):  # each run times every column in turn: a busy spell of the
        for name, action in actions.items():  # machine then falls on all of them alike
            files = readable["arguebuf" if name.startswith("arguebuf") else "argmap"]
            row.files[name] = len(files)
            if files:
                runs.setdefault(name, []).append(best_of(1, partial(_each, action, files)))
    row.times = {name: min(times) for name, times in runs.items()}
    return row


def _each(action: Callable[[Path], object], files: Sequence[Path]) -> None:
    """Do ``action`` to each file, letting each result go before the next (as ``argmap
    check DIR`` does): a list of every map would add a full collection of the growing heap
    to the time (a quarter of argmap's, a third of arguebuf's, measured with gc.callbacks)."""
    for path in files:
        action(path)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"x{value:.2f}"


def ratio(row: Row, numerator: str, denominator: str) -> float | None:
    """Time per file of one column / that of another; None when either was not measured.

    With the same files in both (every reader read every file) it is the ratio of times.
    """
    top, bottom = row.per_file(numerator), row.per_file(denominator)
    return top / bottom if top and bottom else None


@dataclass(frozen=True)
class Target:
    """One target of issue 16 and whether this run met it."""

    name: str
    measured: str
    met: bool | None
    """None when it could not be measured (a corpus or arguebuf is missing)."""


def targets(rows: Sequence[Row]) -> list[Target]:
    """The targets of issue 16, judged on the row of all AIF files, as ratios within this run.

    Examples:
        >>> corpus = Corpus(ALL_AIF, "aif", (Path("a.json"),), "json.load")
        >>> row = Row(corpus, 1, {"floor": 1, "read": 3, "read+check": 5, "arguebuf read": 6})
        >>> row.files = dict.fromkeys(row.times, 1)
        >>> [(t.measured, t.met) for t in targets([row])]
        [('x2.00 faster', False), ('x3.00', True), ('x1.67', True)]
    """
    row = next((r for r in rows if r.corpus.name == ALL_AIF), None)
    if row is None:
        return []
    faster = ratio(row, "arguebuf read", "read")
    of_floor = ratio(row, "read", "floor")
    checked = ratio(row, "read+check", "read")

    def judged(name: str, value: float | None, shown: str, ok: Callable[[float], bool]) -> Target:
        if value is None:
            return Target(name, "not measured", None)
        return Target(name, shown, ok(value))

    return [
        judged(
            "read real AIF at least 3x faster than arguebuf",
            faster,
            f"x{faster:.2f} faster" if faster else "",
            lambda v: v >= 3,
        ),
        judged("read real AIF within 4x json.load", of_floor, _ratio(of_floor), lambda v: v <= 4),
        judged("read+check within 2x read (real AIF)", checked, _ratio(checked), lambda v: v <= 2),
    ]


def report(rows: Sequence[Row], skipped: Sequence[str]) -> str:
    """The results as Markdown: files per second, the ratios, the targets."""
    repeats = rows[0].repeats if rows else 0
    lines = [
        f"Files per second (higher is faster), best of {repeats} runs, each column over every "
        "file of the corpus (a run times every column in turn):",
        "",
        "| corpus | files | floor | read | read+check | read+to_networkx | arguebuf read |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        rates = " | ".join(_rate(row.per_second(name)) for name in OPERATIONS)
        lines.append(f"| {row.corpus.name} | {len(row.corpus.files):,} | {rates} |")
    lines += [
        "",
        "Ratios of times within this run (below 1 for the first: argmap is faster):",
        "",
        "| corpus | floor is | read / floor | read / arguebuf read | read+check / read "
        "| read+to_networkx / read |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.corpus.name} | {row.corpus.floor} | {_ratio(ratio(row, 'read', 'floor'))} "
            f"| {_ratio(ratio(row, 'read', 'arguebuf read'))} "
            f"| {_ratio(ratio(row, 'read+check', 'read'))} "
            f"| {_ratio(ratio(row, 'read+to_networkx', 'read'))} |"
        )
    peers = [row for row in rows if row.corpus.peer]
    for row in peers:
        lines += ["", f"{row.corpus.name}: the arguebuf column is {row.corpus.peer}."]
    left_out = [(row.corpus.name, path, why) for row in rows for path, why in row.refused.items()]
    if left_out:
        lines += ["", "Files left out of the columns of the reader that refused them:", ""]
        lines += [f"- {name}: `{Path(path).name}`: {why}" for name, path, why in left_out]
    verdicts = targets(rows)
    if verdicts:
        lines += ["", "| target (issue 16) | measured | met |", "|---|---|---|"]
        for target in verdicts:
            met = "—" if target.met is None else ("yes" if target.met else "**no**")
            lines.append(f"| {target.name} | {target.measured} | {met} |")
    if skipped:
        lines += ["", *(f"skipped {reason}" for reason in skipped)]
    return "\n".join(lines)


def machine() -> str:
    """One line on where and when this ran."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average {load:.1f} at the start."
    )


def write_doc(doc: Path, text: str) -> None:
    """Put ``text`` between the markers of the "Real corpora" section of ``doc``.

    Raises:
        ValueError: the page has no markers (they say where the results go).
    """
    page = doc.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(page):
        raise ValueError(f"{doc} has no `{START}` ... `{END}` markers")
    doc.write_text(pattern.sub(lambda _: f"{START}\n\n{text}\n\n{END}", page), encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> list[Row]:
    """Run the corpus benchmark; return its rows."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--repeats", type=int, default=5, help="runs to take the best of")
    parser.add_argument("--limit", type=int, help="at most this many files of each corpus")
    parser.add_argument(
        "--only", action="append", help="the corpora whose name holds this text (repeatable)"
    )
    parser.add_argument(
        "--doc", default=str(DOC), help="the page to write the results into ('' for none)"
    )
    args = parser.parse_args(argv)
    found = corpora(args.data, args.limit)
    if args.only:
        found = [c for c in found if any(part in c.name for part in args.only)]
    if not found:
        print(f"no corpus in {args.data}: set ARGMAP_CORPUS_DIR or pass --data")
        return []
    skipped: list[str] = []
    arguebuf = optional_module("arguebuf", skipped, "arguebuf column")
    logging.getLogger("arguebuf").setLevel(logging.ERROR)  # its warnings per odd edge
    started = machine()
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for corpus in found:
            print(f"timing {corpus.name}: {len(corpus.files)} files ...", flush=True)
            start = time.perf_counter()
            rows.append(measure(corpus, args.repeats, arguebuf))
            print(f"  {time.perf_counter() - start:.1f} s", flush=True)
    text = report(rows, skipped)
    print()
    print(text)
    if args.doc:
        write_doc(Path(args.doc), f"{started}\n\n{text}")
        print(f"\nwritten into {args.doc}")
    return rows


if __name__ == "__main__":
    main()
