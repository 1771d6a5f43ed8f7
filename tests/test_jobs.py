"""Many maps in parallel: --jobs N (a process pool) and --scheduler (a Dask cluster) give
what one process gives, in the same order."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import argmap
from argmap.batch import default_jobs, run_each
from argmap.cli import main
from tests.conftest import CORE_MAP, EXAMPLES, corpus_files
from tests.test_batch import run

FLAWED = EXAMPLES / "exercises" / "flawed_student_map.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Twelve maps of a class (good, flawed, broken), in subfolders, with their text."""
    root = tmp_path / "class"
    shutil.copytree(EXAMPLES / "texts", root / "texts")
    (root / "pyproject.toml").write_text("[tool.argmap]\n")
    for i in range(4):
        (root / f"g{i}").mkdir()
        core = CORE_MAP.read_text().replace("path: texts/", "path: ../texts/")
        (root / f"g{i}" / "core.yaml").write_text(core)
        shutil.copy(FLAWED, root / f"g{i}" / "flawed.yaml")  # (it reads ../texts too)
        (root / f"g{i}" / "broken.yaml").write_text(
            f"argmap: 1\ntitle: B{i}\nclaims: [{{id: x}}]\n"
        )
    return root


@pytest.fixture(autouse=True)
def pool_for_any_size(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test maps are small: use the pool for them all the same."""
    monkeypatch.setattr("argmap.cli.POOL_BYTES", 0)


def test_a_few_small_files_stay_in_this_process(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    asked: list[int] = []

    def recording(
        work: object, items: object, what: str, *, jobs: int, scheduler: None
    ) -> list[object]:
        asked.append(jobs)
        return run_each(work, items, what, jobs=jobs)  # type: ignore[arg-type]

    monkeypatch.setattr("argmap.cli.run_each", recording)
    monkeypatch.setattr("argmap.cli.POOL_BYTES", 512 * 1024)
    run(capsys, "check", folder, "--jobs", "2")  # 12 maps, 60 kB
    monkeypatch.setattr("argmap.cli.POOL_BYTES", 1)
    run(capsys, "check", folder, "--jobs", "2")
    assert asked == [1, 2]


def _pid(_: object) -> int:
    return os.getpid()


def test_run_each_keeps_the_order_and_uses_other_processes() -> None:
    items = list(range(200))
    assert run_each(abs, [-i for i in items], "x", jobs=2) == items
    pids = run_each(_pid, items, "x", jobs=2)
    assert os.getpid() not in pids  # the work was done by the pool's processes
    assert run_each(_pid, items, "x", jobs=1) == [os.getpid()] * 200


def test_default_jobs_is_the_cores_this_process_may_use() -> None:
    assert 1 <= default_jobs() <= (os.cpu_count() or 1)


@pytest.mark.parametrize("command", [["check"], ["check", "--format", "json"], ["stats"]])
def test_jobs_change_nothing_but_the_speed(
    capsys: pytest.CaptureFixture[str], folder: Path, command: list[str]
) -> None:
    one = run(capsys, *command, folder, "--jobs", "1")
    two = run(capsys, *command, folder, "--jobs", "3")
    assert one == two
    assert one[0] == 2  # the broken maps
    assert one[1].count("broken.yaml") >= 4


def test_jobs_on_a_real_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    files = corpus_files("aif", "araucaria", pattern="nodeset1*.json")[:60]
    if not files:
        pytest.skip("the shared AIF corpus is not on this machine (ARGMAP_CORPUS_DIR)")
    names = [str(f) for f in files]
    one = run(capsys, "check", "--from", "aif", "--format", "json", *names, "--jobs", "1")
    two = run(capsys, "check", "--from", "aif", "--format", "json", *names, "--jobs", "2")
    assert one == two


def test_convert_a_folder_into_another(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    out = folder.parent / "aif"
    code, _, err = run(capsys, "convert", folder, out, "--to", "aif", "--jobs", "2")
    assert code == 2  # the four broken maps could not be converted
    assert "8 written to" in err
    assert "4 could not be converted" in err
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.aif"))
    assert written == sorted(f"g{i}/{n}.aif" for i in range(4) for n in ("core", "flawed"))
    # each as the one-file conversion writes it
    single = folder.parent / "single" / "g0" / "core.aif"  # as deep: the same relative paths
    single.parent.mkdir(parents=True)
    assert main(["convert", str(folder / "g0" / "core.yaml"), str(single), "-q"]) == 0
    assert (out / "g0" / "core.aif").read_text() == single.read_text()
    back = argmap.read(out / "g1" / "flawed.aif")
    assert back.claims == argmap.read(folder / "g1" / "flawed.yaml").claims


def test_convert_a_folder_refuses_what_would_go_wrong(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, _, err = run(capsys, "convert", folder, folder.parent / "out")
    assert code == 2
    assert "needs --to" in err
    code, _, err = run(capsys, "convert", folder, folder / "inside", "--to", "json")
    assert code == 2
    assert "inside" in err
    assert not (folder / "inside").exists()
    (folder.parent / "file.json").write_text("{}")
    code, _, err = run(capsys, "convert", folder, folder.parent / "file.json", "--to", "json")
    assert code == 2
    assert "is a file" in err


def test_convert_a_folder_strictly(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    """Mermaid cannot hold quotes: with --strict nothing lossy is written, and it says so."""
    for broken in folder.rglob("broken.yaml"):
        broken.unlink()
    out = folder.parent / "mmd"
    code, _, err = run(capsys, "convert", folder, out, "--to", "mermaid", "--strict")
    assert code == 1
    assert not list(out.rglob("*.mmd"))
    assert err.count("--strict: converting would lose data; not written") == 8
    assert "0 written to" in err
    assert "8 not written (--strict)" in err
    code, _, err = run(capsys, "convert", folder, out, "--to", "mermaid")
    assert code == 0
    assert len(list(out.rglob("*.mmd"))) == 8
    assert "8 with losses" in err


def test_a_dask_cluster_gives_what_one_process_gives(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    distributed = pytest.importorskip("distributed", reason="the dask extra (in dev)")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        one = run(capsys, "check", folder, "--jobs", "1")
        on_dask = run(capsys, "check", folder, "--scheduler", address)
    assert on_dask == one


def test_an_unreachable_scheduler_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, _, err = run(capsys, "check", folder, "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2
    assert "cannot reach the Dask scheduler" in err
    assert "Traceback" not in err


def test_convert_a_folder_keeps_maps_whose_names_meet_apart(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    """``a.yaml`` and ``a.json`` would both become ``a.aif``: each keeps its suffix, and no
    file overwrites another, whatever the number of jobs."""
    text = CORE_MAP.read_text().replace("path: texts/", "path: ../texts/")
    as_json, _ = argmap.formats.dumps(argmap.read(folder / "g0" / "core.yaml"), "json")
    assert isinstance(as_json, str)
    (folder / "g0" / "core.json").write_text(as_json)
    (folder / "g0" / "Flawed.yaml").write_text(text)  # meets flawed.yaml where case is ignored
    for jobs in ("1", "3"):
        out = folder.parent / f"out{jobs}"
        run(capsys, "convert", folder, out, "--to", "aif", "--jobs", jobs)
        names = sorted(p.name for p in (out / "g0").iterdir())
        assert names == [
            "Flawed.yaml.aif", "core.json.aif", "core.yaml.aif", "flawed.yaml.aif",
        ]  # fmt: skip
    assert (folder.parent / "out1" / "g0" / "core.json.aif").read_text() == (
        folder.parent / "out3" / "g0" / "core.json.aif"
    ).read_text()


def _die(item: int) -> int:
    if item == 5:
        os._exit(1)  # as the out-of-memory killer ends a process
    return item


def test_a_worker_that_dies_is_an_error_not_a_traceback() -> None:
    with pytest.raises(argmap.ArgmapError, match="ended abruptly") as caught:
        run_each(_die, list(range(40)), "checking", jobs=2)
    assert caught.value.problems[0].hint is not None
    assert "--jobs 1" in caught.value.problems[0].hint
