"""Time argmap on large maps, side by side with peer tools; print the table, draw the plot.

Run with ``make bench`` (which installs the ``bench`` extra and the Argdown peer first) or
``python -m benchmarks.bench --claims 1000 10000 100000``. docs/benchmarks.md explains the
method and keeps the latest results.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any

import argmap
from argmap.checks import check
from argmap.graph import to_networkx
from argmap.render import render_bytes, run_dot, to_dot
from benchmarks.generate import MapFiles, generate_map, write_files
from benchmarks.memory import STEPS

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "build" / "bench-node" / "node_modules"
"""Where ``--install-peers`` puts ``@argdown/core``: a build folder, never a dependency."""
NODE_SCRIPT = Path(__file__).with_name("argdown_parse.mjs")
ARGDOWN_PACKAGE = "@argdown/core@2"

OPERATIONS: dict[str, str] = {
    "json.loads": "the floor: `json.loads` of the argmap JSON file, parsing alone",
    "read json": "`argmap.read` of the JSON file: parse, validate, check references",
    "read yaml": "`argmap.read` of the YAML file",
    "check": "`argmap.check`, every rule",
    "to_networkx": "`argmap.to_networkx` of the loaded map",
    "to_dot": "`argmap.to_dot` with the findings of `check` given (DOT text alone)",
    "read aif": "`argmap.read(path, format='aif')` of the plain AIF file",
    "aif to_networkx": "`argmap.to_networkx` of the map read from AIF",
    "write aif": "`argmap.write(amap, path, format='aif')`",
    "read argdown": "`argmap.read(path, format='argdown')`",
}
"""argmap's operations, by the name of their column."""

PEERS: dict[str, tuple[str, str]] = {
    "arguebuf read aif": ("read aif", "`arguebuf.load.aif(json.load(file))`"),
    "arguebuf to_networkx": ("aif to_networkx", "`arguebuf.dump.networkx` of that graph"),
    "@argdown/core parse": (
        "read argdown",
        "@argdown/core's parser, data and model plugins on the file, in Node.js",
    ),
}
"""Each peer's column: the argmap column it is set against, and what is timed."""

LINEAR_SLACK = 1.2
"""time(100,000 claims) / time(10,000 claims) at most 12: linear, give or take noise."""


@dataclass
class Result:
    """The timings of one size, in seconds, best of ``repeats``."""

    claims: int
    repeats: int
    times: dict[str, float] = field(default_factory=dict)
    memory: dict[str, float] = field(default_factory=dict)
    """Peak resident memory, in MiB, of a process that reads the map, then checks it, builds
    its graph and its DOT, after each step (see ``benchmarks.memory``)."""
    node_startup: float | None = None
    """Node.js start-up with @argdown/core loaded (left out of its timing)."""


@dataclass(frozen=True)
class Target:
    """One target of issue 7 and whether this run met it."""

    name: str
    measured: str
    met: bool


def best_of(repeats: int, action: Callable[[], object]) -> float:
    """Return the shortest of ``repeats`` timings of ``action``, in seconds.

    Examples:
        >>> best_of(3, lambda: sum(range(1000))) < 1
        True
    """
    times = []
    for _ in range(repeats):
        gc.collect()  # garbage of the previous run is not collected on this one's time
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def repeats_for(claims: int) -> int:
    """Return how many runs to take the best of: fewer for large maps, but three at least
    (with two, one disturbed run on a shared machine was often the best one).

    Examples:
        >>> [repeats_for(n) for n in (1_000, 10_000, 100_000)]
        [5, 3, 3]
    """
    return 5 if claims <= 1_000 else 3


class NodePeer:
    """@argdown/core in Node.js, timed by ``argdown_parse.mjs``."""

    def __init__(self, node: str, modules: Path) -> None:
        self.node = node
        self.modules = modules

    def time(self, path: Path, repeats: int) -> tuple[float, float]:
        """Return the best time of parsing ``path``, and Node's start-up, in seconds."""
        # @argdown/core's parser spreads a document's blocks into one call's arguments:
        # past about 100,000 blocks that overflows V8's default stack (about 1 MB) and it
        # builds no model. 4 MB stays within Linux's default 8 MB thread stack.
        command = [self.node, "--stack-size=4000", "--max-old-space-size=8192", str(NODE_SCRIPT)]
        try:
            out = subprocess.run(
                [*command, str(self.modules), str(path), str(repeats)],
                capture_output=True,
                text=True,
                timeout=3600,
                check=True,
            )
        except subprocess.CalledProcessError as err:
            raise RuntimeError(
                f"@argdown/core failed on {path}: {err.stderr.strip()[-500:]}"
            ) from err
        answer = json.loads(out.stdout.strip().splitlines()[-1])
        if answer["errors"]:
            raise RuntimeError(f"@argdown/core found {answer['errors']} errors in {path}")
        return min(answer["times_ms"]) / 1000, answer["startup_ms"] / 1000


def node_peer(modules: Path, *, install: bool, skipped: list[str]) -> NodePeer | None:
    """Return the Argdown peer, installing it first if asked; say in ``skipped`` why not."""
    node = shutil.which("node")
    if node is None:
        skipped.append("@argdown/core: Node.js is not installed (`node` not found)")
        return None
    package = modules / "@argdown" / "core" / "package.json"
    if not package.exists() and install:
        npm = shutil.which("npm")
        if npm is None:
            skipped.append("@argdown/core: npm is not installed")
            return None
        print(f"installing {ARGDOWN_PACKAGE} into {modules.parent} ...", flush=True)
        modules.parent.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run(
                [
                    *(npm, "install", "--no-audit", "--no-fund", "--silent"),
                    *("--prefix", str(modules.parent), ARGDOWN_PACKAGE),
                ],
                capture_output=True,
                text=True,
                timeout=600,
                check=True,
            )
        except (subprocess.SubprocessError, OSError) as err:
            detail = getattr(err, "stderr", None) or str(err)
            skipped.append(f"@argdown/core: `npm install` failed: {detail.strip()[-300:]}")
            return None
    if not package.exists():
        hint = "run `make bench`" if not install else "the install left no package"
        skipped.append(f"@argdown/core: not installed in {modules} ({hint})")
        return None
    return NodePeer(node, modules)


def optional_module(name: str, skipped: list[str], purpose: str) -> ModuleType | None:
    """Import an optional benchmark extra, or say in ``skipped`` that it is missing."""
    try:
        return importlib.import_module(name)
    except ImportError:
        skipped.append(f"{name}: not installed, so no {purpose} (`pip install -e '.[bench]'`)")
        return None


def arguebuf_load(arguebuf: Any, path: Path) -> Any:
    """Read an AIF file with arguebuf, JSON parsing included (as in argmap's reader)."""
    with path.open(encoding="utf-8") as file:
        return arguebuf.load.aif(json.load(file))


def peak_memory(path: Path) -> dict[str, float]:
    """Return the peak memory after each step, in MiB, of ``benchmarks.memory`` on ``path``."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.memory", str(path)],
        capture_output=True,
        text=True,
        timeout=3600,
        check=True,
        env=env,
        cwd=ROOT,
    )
    usage = json.loads(out.stdout.strip().splitlines()[-1])
    return {step: float(usage[step]) for step in STEPS}


def measure(
    files: MapFiles,
    repeats: int,
    *,
    arguebuf: Any = None,
    node: NodePeer | None = None,
    memory: bool = True,
) -> Result:
    """Time every operation, and every peer present, on the files of one size."""
    result = Result(files.claims, repeats)
    times = result.times
    loaded = argmap.read(files.json)
    findings = check(loaded, use_files=False).findings
    from_aif = argmap.read(files.aif, format="aif")
    with tempfile.TemporaryDirectory() as folder:
        written = Path(folder) / "written.aif.json"
        actions: dict[str, Callable[[], object]] = {
            "json.loads": lambda: json.loads(files.json.read_text(encoding="utf-8")),
            "read json": partial(argmap.read, files.json),
            "read yaml": partial(argmap.read, files.yaml),
            "check": partial(check, loaded, use_files=False),
            "to_networkx": partial(to_networkx, loaded),
            "to_dot": partial(to_dot, loaded, findings=findings),
            "read aif": partial(argmap.read, files.aif, format="aif"),
            "aif to_networkx": partial(to_networkx, from_aif),
            "write aif": partial(argmap.write, loaded, written, format="aif"),
            "read argdown": partial(argmap.read, files.argdown, format="argdown"),
        }
        assert list(actions) == list(OPERATIONS)
        for name, action in actions.items():
            times[name] = best_of(repeats, action)
            print(f"  {files.claims:>9,} claims  {name:<22} {times[name]:9.3f} s", flush=True)
    del from_aif, loaded, findings
    if arguebuf is not None:
        graph = arguebuf_load(arguebuf, files.aif)
        times["arguebuf read aif"] = best_of(repeats, partial(arguebuf_load, arguebuf, files.aif))
        times["arguebuf to_networkx"] = best_of(repeats, partial(arguebuf.dump.networkx, graph))
        del graph
    if node is not None:
        times["@argdown/core parse"], result.node_startup = node.time(files.argdown, repeats)
    for name in PEERS:
        if name in times:
            print(f"  {files.claims:>9,} claims  {name:<22} {times[name]:9.3f} s", flush=True)
    if memory:
        result.memory = peak_memory(files.json)
        for step, mib in result.memory.items():
            print(f"  {files.claims:>9,} claims  peak MiB to {step:<12} {mib:9.0f}")
    return result


def run(
    sizes: Sequence[int],
    *,
    repeats: int | None = None,
    folder: str | Path | None = None,
    arguebuf: Any = None,
    node: NodePeer | None = None,
    memory: bool = True,
) -> list[Result]:
    """Generate a map of each size, write its files and measure them; one result per size."""
    with tempfile.TemporaryDirectory() as scratch:
        results = []
        for claims in sizes:
            files = write_files(generate_map(claims), folder or scratch)
            results.append(
                measure(
                    files,
                    repeats or repeats_for(claims),
                    arguebuf=arguebuf,
                    node=node,
                    memory=memory,
                )
            )
        return results


def scaling(results: Sequence[Result]) -> dict[str, float]:
    """Return time(largest) / time(next largest) of each column measured at both sizes."""
    if len(results) < 2:
        return {}
    small, large = results[-2], results[-1]
    return {
        name: large.times[name] / max(small.times[name], 1e-9)
        for name in large.times
        if name in small.times
    }


def ratios(result: Result) -> dict[str, float]:
    """Return argmap's time / the peer's time for each peer measured (below 1: argmap faster)."""
    return {
        peer: result.times[ours] / max(result.times[peer], 1e-9)
        for peer, (ours, _) in PEERS.items()
        if peer in result.times
    }


def targets(results: Sequence[Result]) -> list[Target]:
    """Judge the largest size measured against the targets of issue 7."""
    last = results[-1]
    t = last.times
    at = f"{last.claims:,} claims"
    found = [
        Target(
            f"load + check + to_networkx under 5 s ({at})",
            f"{t['read json'] + t['check'] + t['to_networkx']:.2f} s",
            t["read json"] + t["check"] + t["to_networkx"] < 5,
        ),
        Target(
            f"read json within 4x json.loads ({at})",
            f"x{t['read json'] / max(t['json.loads'], 1e-9):.1f}",
            t["read json"] <= 4 * t["json.loads"],
        ),
    ]
    peer = ratios(last)
    if "arguebuf read aif" in peer:
        found.append(
            Target(
                f"read aif at least 10x faster than arguebuf ({at})",
                f"x{1 / max(peer['arguebuf read aif'], 1e-9):.1f} faster",
                peer["arguebuf read aif"] <= 0.1,
            )
        )
    if "@argdown/core parse" in peer:
        found.append(
            Target(
                f"read argdown no slower than @argdown/core ({at})",
                f"argmap / @argdown/core = {peer['@argdown/core parse']:.2f}",
                peer["@argdown/core parse"] <= 1,
            )
        )
    growth = {  # json.loads is the yardstick, not argmap's
        name: ratio
        for name, ratio in scaling(results).items()
        if name in OPERATIONS and name != "json.loads"
    }
    if growth:
        worst = max(growth, key=growth.__getitem__)
        limit = LINEAR_SLACK * last.claims / results[-2].claims
        size = f"{results[-2].claims:,} to {last.claims:,}"
        found.append(
            Target(
                f"every operation linear: x{limit:.3g} at most from {size}",
                f"worst {worst} x{growth[worst]:.1f}",
                growth[worst] <= limit,
            )
        )
    if last.memory:
        peak = last.memory["to_networkx"]
        found.append(
            Target(
                f"peak memory of load + check + to_networkx under 1 GiB ({at})",
                f"{peak:,.0f} MiB (with to_dot: {last.memory['to_dot']:,.0f} MiB)",
                peak < 1024,
            )
        )
    return found


def machine() -> str:
    """Describe this machine: cores, processor, memory, Python, load at the start."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(
                line.split(":", 1)[1].strip() for line in info if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    load = ""
    if hasattr(os, "getloadavg"):
        load = f", load {os.getloadavg()[0]:.1f} at the start"
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}, Python {platform.python_version()}, "
        f"{platform.system()}, {date.today().isoformat()}{load}"
    )


NONE = "-"
"""A cell of the table with nothing measured."""


def _seconds(value: float | None) -> str:
    return NONE if value is None else f"{value:.3f}"


def tables(results: Sequence[Result]) -> str:
    """Return the results as Markdown tables: timings, peers, scaling, targets."""
    lines = ["| operation | " + " | ".join(f"{r.claims:,}" for r in results) + " |"]
    lines.append("|---|" + "---:|" * len(results))
    for name in [*OPERATIONS, *PEERS]:
        if any(name in r.times for r in results):
            cells = " | ".join(_seconds(r.times.get(name)) for r in results)
            lines.append(f"| {name} | {cells} |")
    for step in STEPS:
        if any(step in r.memory for r in results):
            cells = " | ".join(
                f"{r.memory[step]:,.0f}" if step in r.memory else NONE for r in results
            )
            lines.append(f"| peak MiB, read{' to ' + step if step != 'read' else ''} | {cells} |")
    out = ["Seconds, best of " + ", ".join(f"{r.repeats}" for r in results) + ".", "", *lines]
    peer_rows = [
        f"| {ours} / {peer} | "
        + " | ".join(f"{ratios(r)[peer]:.2f}" if peer in r.times else NONE for r in results)
        + " |"
        for peer, (ours, _) in PEERS.items()
        if any(peer in r.times for r in results)
    ]
    if peer_rows:
        out += ["", "argmap's time / the peer's time (below 1: argmap is faster):", ""]
        out += [lines[0].replace("operation", "ratio"), lines[1], *peer_rows]
    startups = [r.node_startup for r in results if r.node_startup is not None]
    if startups:
        out += [
            "",
            f"Node.js start-up with @argdown/core loaded, not counted: {min(startups):.2f} s.",
        ]
    growth = scaling(results)
    if growth:
        out += [
            "",
            f"Scaling from {results[-2].claims:,} to {results[-1].claims:,} claims "
            f"(x{results[-1].claims / results[-2].claims:g} is linear):",
            "",
            "| operation | ratio |",
            "|---|---:|",
            *(f"| {name} | x{ratio:.1f} |" for name, ratio in growth.items()),
        ]
    out += ["", "| target | measured | met |", "|---|---|---|"]
    out += [
        f"| {t.name} | {t.measured} | {'yes' if t.met else '**no**'} |" for t in targets(results)
    ]
    return "\n".join(out)


def plot(results: Sequence[Result], path: Path, pyplot: Any, title: str) -> None:
    """Draw time against claims, log-log, one line per column, to ``path``."""
    figure, axes = pyplot.subplots(figsize=(9, 6), dpi=110)
    sizes = [r.claims for r in results]
    palette = pyplot.get_cmap("tab10").colors
    colours = {name: palette[i % len(palette)] for i, name in enumerate(OPERATIONS)}
    for name in [*OPERATIONS, *PEERS]:
        points = [(r.claims, r.times[name]) for r in results if name in r.times]
        if points:
            xs, ys = zip(*points, strict=True)
            peer = name in PEERS
            axes.plot(
                xs,
                ys,
                "--" if peer else "-",
                color=colours[PEERS[name][0] if peer else name],
                marker="x" if peer else "o",
                markersize=5,
                label=f"{name} (peer)" if peer else name,
            )
    if len(sizes) > 1:
        floor = results[0].times["json.loads"]
        axes.plot(
            sizes,
            [floor * n / sizes[0] for n in sizes],
            ":",
            color="grey",
            label="linear (slope 1)",
        )
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("claims")
    axes.set_ylabel("seconds (best of N)")
    axes.set_title(title, fontsize=9)
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=7, ncol=2, loc="upper left")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path)
    pyplot.close(figure)


def render_overhead(claims: int) -> tuple[float, float]:
    """Time drawing a map to SVG with argmap, and Graphviz's ``dot`` alone on its DOT."""
    amap = generate_map(claims)
    dot = to_dot(amap)
    return best_of(1, partial(render_bytes, amap, "svg")), best_of(1, partial(run_dot, dot, "svg"))


def main(argv: Sequence[str] | None = None) -> list[Result]:
    """Run the benchmark, print its tables and write the plot and the results."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeats", type=int, help="best of this many runs (default: by size)")
    parser.add_argument("--plot", default="docs/benchmarks.png", help="'' to draw none")
    parser.add_argument("--results", default="build/bench/results.json", help="'' to write none")
    parser.add_argument("--maps", help="keep the generated map files in this folder")
    parser.add_argument("--no-peers", action="store_true", help="time argmap alone")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory peaks")
    parser.add_argument(
        "--install-peers", action="store_true", help=f"npm install {ARGDOWN_PACKAGE} if missing"
    )
    parser.add_argument(
        "--only-install-peers",
        action="store_true",
        help=f"npm install {ARGDOWN_PACKAGE} if missing, then stop (CI does, for its tests)",
    )
    parser.add_argument("--node-modules", type=Path, default=NODE_MODULES)
    parser.add_argument(
        "--render",
        type=int,
        default=0,
        metavar="CLAIMS",
        help="also time drawing a map of this many claims to SVG (needs Graphviz)",
    )
    args = parser.parse_args(argv)
    skipped: list[str] = []
    if args.only_install_peers:
        node_peer(args.node_modules, install=True, skipped=skipped)
        print("\n".join(skipped) or f"{ARGDOWN_PACKAGE} is in {args.node_modules}")
        return []
    arguebuf = node = None
    if args.no_peers:
        skipped.append("peers: --no-peers")
    else:
        arguebuf = optional_module("arguebuf", skipped, "arguebuf columns")
        node = node_peer(args.node_modules, install=args.install_peers, skipped=skipped)
    pyplot = None
    if args.plot:
        matplotlib = optional_module("matplotlib", skipped, "plot")
        if matplotlib is not None:
            matplotlib.use("Agg")
            pyplot = importlib.import_module("matplotlib.pyplot")
    described = machine()
    print(f"machine: {described}", flush=True)
    if args.render:
        total, alone = render_overhead(args.render)
        print(
            f"render {args.render:,} claims to SVG: argmap {total:.2f} s, "
            f"dot alone {alone:.2f} s (x{total / max(alone, 1e-9):.2f})",
            flush=True,
        )
    results = run(
        args.claims,
        repeats=args.repeats,
        folder=args.maps,
        arguebuf=arguebuf,
        node=node,
        memory=not args.no_memory,
    )
    print(f"\n{described}\n\n{tables(results)}")
    if pyplot is not None:
        path = Path(args.plot)
        title = f"argmap {argmap.__version__}: time against size, log-log\n{described}"
        plot(results, path, pyplot, title)
        print(f"\nplot: {path}")
    if args.results:
        path = Path(args.results)
        path.parent.mkdir(parents=True, exist_ok=True)
        record = {"machine": described, "results": [vars(r) for r in results]}
        path.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        print(f"results: {path}")
    for reason in skipped:
        print(f"skipped {reason}")
    return results


if __name__ == "__main__":
    main()
