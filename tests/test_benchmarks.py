"""The benchmark code runs (small sizes, no timing assertions), so it cannot rot."""

from __future__ import annotations

import pytest

from benchmarks.bench import main, run
from benchmarks.generate import generate_map


def test_generated_maps_are_valid_and_quote_their_source() -> None:
    import argmap

    amap = generate_map(200, seed=3)
    assert len(amap.claims) == 200
    assert all(lookup.found for lookup in argmap.locate_quotes(amap))


@pytest.mark.graphviz
def test_bench_runs(capsys: pytest.CaptureFixture[str]) -> None:
    rows = run([50, 100], repeats=1)
    assert [row["claims"] for row in rows] == [50, 100]
    main(["--claims", "50", "100", "--repeats", "1", "--render", "20"])
    out = capsys.readouterr().out
    assert "scaling from 50 to 100 claims" in out
    assert "render 20 claims to SVG" in out
