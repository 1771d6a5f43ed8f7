"""The benchmark code runs (small sizes, no timing assertions), so it cannot rot."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

import argmap
import benchmarks.corpus
from benchmarks.bench import (
    NODE_MODULES,
    OPERATIONS,
    PEERS,
    Result,
    main,
    node_peer,
    peak_memory,
    targets,
)
from benchmarks.generate import generate_map, write_files
from benchmarks.memory import STEPS
from tests.conftest import corpus


def test_generated_maps_are_valid_and_quote_their_source() -> None:
    amap = generate_map(200, seed=3)
    assert len(amap.claims) == 200
    assert all(lookup.found for lookup in argmap.locate_quotes(amap))
    kinds = {inference.kind for inference in amap.inferences}
    assert kinds == set(argmap.InferenceKind) - {argmap.InferenceKind.REPHRASE}
    linked = [i for i in amap.inferences if len(i.premises) > 1]
    assert linked
    conclusions = [i.conclusion for i in amap.inferences]
    assert len(set(conclusions)) < len(conclusions)  # convergent: several steps to one claim


def test_every_file_reads_back(tmp_path: Path) -> None:
    amap = generate_map(300, seed=2)
    files = write_files(amap, tmp_path)
    assert argmap.read(files.json) == amap
    assert argmap.read(files.yaml) == amap
    aif = json.loads(files.aif.read_text(encoding="utf-8"))
    assert "argmap" not in aif
    from_aif = argmap.read(files.aif, format="aif")
    from_argdown = argmap.read(files.argdown, format="argdown")
    assert len(from_aif.inferences) == len(from_argdown.inferences) == len(amap.inferences)


def _timings(claims: int, **times: float) -> Result:
    base = dict.fromkeys(OPERATIONS, 0.01 * claims / 1000)
    base.update({name.replace("_", " "): value for name, value in times.items()})
    return Result(claims, 1, base, memory=dict.fromkeys(STEPS, 100.0))


def test_targets_name_what_is_missed() -> None:
    small = _timings(10_000)
    large = _timings(100_000, check=5.0)  # x50: not linear, and over the 5 s budget
    large.times["json.loads"] = 20.0  # the yardstick is not judged for linearity
    large.times["arguebuf read aif"] = large.times["read aif"] * 5
    verdicts = {t.name.split(" (")[0]: t for t in targets([small, large])}
    assert not verdicts["load + check + to_networkx under 5 s"].met
    linear = next(t for name, t in verdicts.items() if name.startswith("every operation"))
    assert not linear.met
    assert "check x50" in linear.measured
    assert not verdicts["read aif at least 10x faster than arguebuf"].met
    assert verdicts["read json within 4x json.loads"].met  # the floor costs the same here
    assert verdicts["peak memory of load + check + to_networkx under 1 GiB"].met


def test_bench_runs_at_1000_claims(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plot, record = tmp_path / "plot.png", tmp_path / "results.json"
    results = main(
        [
            *("--claims", "200", "1000", "--repeats", "1"),
            *("--plot", str(plot), "--results", str(record)),
        ]
    )
    out = capsys.readouterr().out
    assert [r.claims for r in results] == [200, 1000]
    for name in OPERATIONS:
        assert f"| {name} |" in out
    assert "| peak MiB, read to to_networkx |" in out
    assert "Scaling from 200 to 1,000 claims" in out
    assert "| target | measured | met |" in out
    measured = [peer for peer in PEERS if peer in results[-1].times]
    for peer in measured:
        assert f"| {PEERS[peer][0]} / {peer} |" in out
    if importlib.util.find_spec("arguebuf") is None:
        assert "skipped arguebuf" in out
    else:
        assert "arguebuf read aif" in measured
    if importlib.util.find_spec("matplotlib") is None:
        assert "skipped matplotlib" in out
    else:
        assert plot.stat().st_size > 0
    assert json.loads(record.read_text(encoding="utf-8"))["results"][1]["claims"] == 1000


def test_memory_is_the_child_process_own(tmp_path: Path) -> None:
    # Linux carries a parent's ru_maxrss over into a forked child: the peak must not include it.
    ballast = bytearray(300 * 2**20)
    files = write_files(generate_map(50), tmp_path)
    usage = peak_memory(files.json)
    assert list(usage) == list(STEPS)
    assert usage["to_dot"] < 250 < len(ballast) / 2**20


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_argdown_peer_parses_the_same_file(tmp_path: Path) -> None:
    skipped: list[str] = []
    peer = node_peer(NODE_MODULES, install=False, skipped=skipped)
    if peer is None:
        pytest.skip(skipped[0])
    files = write_files(generate_map(50), tmp_path)
    best, startup = peer.time(files.argdown, 2)
    assert best > 0
    assert startup > 0


def test_missing_node_peer_is_skipped_with_a_reason(tmp_path: Path) -> None:
    skipped: list[str] = []
    assert node_peer(tmp_path / "node_modules", install=False, skipped=skipped) is None
    assert "@argdown/core" in skipped[0]


@pytest.mark.graphviz
def test_render_overhead_runs(capsys: pytest.CaptureFixture[str]) -> None:
    main(
        [
            *("--claims", "50", "--repeats", "1", "--render", "20"),
            *("--no-peers", "--no-memory", "--plot", "", "--results", ""),
        ]
    )
    out = capsys.readouterr().out
    assert "render 20 claims to SVG" in out
    assert "skipped peers" in out


def test_corpus_benchmark_times_a_few_real_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = corpus()  # (skips when the shared data folder is not on this machine)
    doc = tmp_path / "benchmarks.md"
    start, end = benchmarks.corpus.START, benchmarks.corpus.END
    doc.write_text(f"# Benchmarks\n\n{start}\nold\n{end}\n", encoding="utf-8")
    rows = benchmarks.corpus.main(
        ["--data", str(data), "--limit", "2", "--repeats", "1", "--doc", str(doc)]
    )
    names = [row.corpus.name for row in rows]
    assert "AIF: araucaria" in names
    assert benchmarks.corpus.ALL_AIF in names
    for row in rows:
        assert 0 < len(row.corpus.files) <= 2
        for name in ("floor", "read", "read+check", "read+to_networkx"):
            assert row.files[name] + len([k for k in row.refused if "(argmap)" in k]) == len(
                row.corpus.files
            )
    aif = next(row for row in rows if row.corpus.name == benchmarks.corpus.ALL_AIF)
    assert aif.files["read"] == 2  # argmap reads every AIF file of the corpus
    out = capsys.readouterr().out
    assert "| AIF: araucaria | 2 |" in out
    assert "| target (issue 16) | measured | met |" in out
    if importlib.util.find_spec("arguebuf") is None:
        assert "skipped arguebuf" in out
    else:
        assert aif.files["arguebuf read"] == 2
    page = doc.read_text(encoding="utf-8")
    assert "old" not in page
    assert "| AIF: araucaria | 2 |" in page
    assert page.endswith(f"{end}\n")


def test_corpus_benchmark_needs_the_markers(tmp_path: Path) -> None:
    doc = tmp_path / "benchmarks.md"
    doc.write_text("# Benchmarks\n", encoding="utf-8")
    with pytest.raises(ValueError, match="markers"):
        benchmarks.corpus.write_doc(doc, "results")


def test_the_jobs_benchmark_times_each_corpus_it_finds(tmp_path: Path) -> None:
    from benchmarks import jobs

    folder = tmp_path / "argdown" / "format=argdown,lang=en"
    folder.mkdir(parents=True)
    (folder / "a.argdown").write_text("[a]: A.\n  + [b]: B.\n", encoding="utf-8")
    rows = jobs.measure(tmp_path, 2, 1)
    assert [(r.corpus, r.command, r.files) for r in rows] == [
        ("argdown", "check", 1),
        ("argdown", "stats", 1),
    ]
    assert all(r.one > 0 and r.many > 0 for r in rows)
    assert jobs.table(rows, 2).splitlines()[2].startswith("| argdown | check | 1 |")
