"""The start-up benchmark runs (one run of each command, no timing asserted)."""

from __future__ import annotations

import shutil

import pytest

from benchmarks.startup import Timing, commands, format_table, main


def test_it_times_check_version_and_the_bare_interpreter() -> None:
    timed = commands()
    assert list(timed) == ["argmap check", "argmap --version", "python -c pass"]
    assert timed["argmap check"][-2:] == ["check", "examples/crisis_has_matured.yaml"]


@pytest.mark.parametrize(
    ("seconds", "verdict"), [(0.2, "within"), (0.3, "OVER")], ids=["within", "over"]
)
def test_the_table_says_whether_check_keeps_to_the_target(seconds: float, verdict: str) -> None:
    timings = [
        Timing("argmap check", "argmap check x", (seconds, seconds + 0.1), 0.15),
        Timing("python -c pass", "python -c pass", (0.02, 0.03), 0.01),
    ]
    table = format_table(timings, 0.25, "subprocess loop")
    row = next(line for line in table.splitlines() if line.startswith("argmap check "))
    assert row.split()[2:] == [f"{seconds:.3f}", f"{seconds + 0.05:.3f}", "0.150"]
    assert f"is {verdict} the target of 0.25 s" in table


@pytest.mark.parametrize(
    "hyperfine",
    [
        False,
        pytest.param(
            True,
            marks=pytest.mark.skipif(
                not shutil.which("hyperfine"),
                reason="hyperfine is not installed (make test and CI install it)",
            ),
        ),
    ],
    ids=["loop", "hyperfine"],
)
def test_main_prints_a_row_per_command(hyperfine: bool, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--runs", "2", "--warmup", "0", *([] if hyperfine else ["--no-hyperfine"])])
    out = capsys.readouterr().out
    for name in commands():
        assert f"\n{name} " in out
    assert "the target of 0.25 s" in out
