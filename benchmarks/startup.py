"""How long the ``argmap`` command takes to start and check a map, timed as whole processes.

``python -m benchmarks.startup`` times ``argmap check examples/crisis_has_matured.yaml``,
``argmap --version`` and ``python -c pass`` (the interpreter's own start: the floor), many
runs each, with hyperfine where it is installed (``apt-get install hyperfine``) and else
with a loop of subprocesses here. It prints the minimum and the median of each and says
whether ``check`` keeps within the target of issue 16 (0.25 s). Judge by the minimum: on
a busy machine the median measures the other work too.

argmap's modules are timed compiled, as an installed argmap runs them: a warm-up run
writes their bytecode to ``__pycache__`` even where PYTHONDONTWRITEBYTECODE is set (it
only keeps Python from writing the cache; the runs then read it). docs/benchmarks.md
says what compiling them on every run adds.

Options: ``--runs N`` (default 30), ``--warmup N`` (default 3), ``--target SECONDS``,
``--no-hyperfine`` (the loop here even where hyperfine is installed).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKED = "examples/crisis_has_matured.yaml"
TARGET = 0.25
"""Seconds that ``argmap check`` of the worked example may take (issue 16)."""


@dataclass(frozen=True)
class Timing:
    """The wall-clock times of one command over many runs, in seconds."""

    name: str
    command: str
    times: tuple[float, ...]
    cpu: float
    """Processor time (user and system) of one run: the least of the runs in the loop
    here, hyperfine's mean with hyperfine. Another process's load hardly changes it."""

    @property
    def min(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def argmap_command(python: str = sys.executable) -> list[str]:
    """The ``argmap`` console script beside ``python``, as a user runs it; else
    ``python -m argmap``."""
    script = Path(python).with_name("argmap")
    return [str(script)] if script.is_file() else [python, "-m", "argmap"]


def commands(python: str = sys.executable) -> dict[str, list[str]]:
    """The commands to time, by name."""
    argmap = argmap_command(python)
    return {
        "argmap check": [*argmap, "check", WORKED],
        "argmap --version": [*argmap, "--version"],
        "python -c pass": [python, "-c", "pass"],
    }


def child_environment() -> dict[str, str]:
    """The environment of the timed commands: this one, with bytecode caching on and
    colour off."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    return env


def run_loop(
    timed: Mapping[str, Sequence[str]], runs: int, warmup: int, env: Mapping[str, str]
) -> list[Timing]:
    """Time each command ``runs`` times in this process's loop, a round of every command
    at a time (so that a burst of load elsewhere touches them all alike)."""
    times: dict[str, list[float]] = {name: [] for name in timed}
    cpu: dict[str, list[float]] = {name: [] for name in timed}
    for turn in range(warmup + runs):
        for name, argv in timed.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=False)
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if turn >= warmup:
                times[name].append(elapsed)
                cpu[name].append(
                    after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                )
    return [
        Timing(name, shlex.join(timed[name]), tuple(times[name]), min(cpu[name])) for name in timed
    ]


def run_hyperfine(
    hyperfine: str,
    timed: Mapping[str, Sequence[str]],
    runs: int,
    warmup: int,
    env: Mapping[str, str],
) -> list[Timing]:
    """Time the commands with hyperfine (no shell between it and each command)."""
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "times.json"
        argv = [
            hyperfine,
            "--shell=none",
            "--style=none",
            f"--runs={runs}",
            f"--warmup={max(warmup, 1)}",
            f"--export-json={export}",
        ]
        for name, command in timed.items():
            argv += ["--command-name", name, shlex.join(command)]
        subprocess.run(argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, check=True)
        results = json.loads(export.read_text(encoding="utf-8"))["results"]
    return [
        Timing(
            name, shlex.join(timed[name]), tuple(result["times"]), result["user"] + result["system"]
        )
        for name, result in zip(timed, results, strict=True)
    ]


def format_table(timings: Sequence[Timing], target: float, tool: str) -> str:
    """The timings as a table, and whether ``argmap check`` keeps within ``target``."""
    width = max(len(t.name) for t in timings)
    lines = [
        f"start-up, {len(timings[0].times)} runs each ({tool}); seconds",
        f"{'command':<{width}}  {'min':>6}  {'median':>6}  {'cpu':>6}",
    ]
    lines += [f"{t.name:<{width}}  {t.min:6.3f}  {t.median:6.3f}  {t.cpu:6.3f}" for t in timings]
    check = next(t for t in timings if t.name == "argmap check")
    verdict = "within" if check.min <= target else "OVER"
    cpu = "least" if tool == "subprocess loop" else "mean"
    lines.append(
        f"argmap check: {check.min:.3f} s (min) is {verdict} the target of {target:.2f} s"
        f" (median {check.median:.3f} s)\n"
        f"(cpu: user and system time, the {cpu} of the runs; wall times far above it mean"
        " the machine was busy)"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup", description=__doc__)
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each command")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first")
    parser.add_argument("--target", type=float, default=TARGET, help="seconds for check")
    parser.add_argument("--no-hyperfine", action="store_true", help="time in a loop here")
    args = parser.parse_args(argv)
    timed = commands()
    env = child_environment()
    for command in timed.values():  # writes argmap's bytecode once, before any timing
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
    hyperfine = None if args.no_hyperfine else shutil.which("hyperfine")
    if hyperfine:
        timings = run_hyperfine(hyperfine, timed, args.runs, args.warmup, env)
    else:
        timings = run_loop(timed, args.runs, args.warmup, env)
    print(format_table(timings, args.target, "hyperfine" if hyperfine else "subprocess loop"))


if __name__ == "__main__":
    main()
