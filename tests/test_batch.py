"""Many maps at once: folders walked for map files, one summary, one JSON shape, a progress bar."""

from __future__ import annotations

import io
import json
import shutil
import time
from functools import partial
from pathlib import Path

import pytest

import argmap
from argmap.batch import collect, progress, summarize
from argmap.cli import main
from argmap.stats import stats
from tests.conftest import CORE_MAP, EXAMPLES

FLAWED = EXAMPLES / "exercises" / "flawed_student_map.yaml"
SMALL = "argmap: 1\ntitle: Small\nclaims:\n  - {id: a, text: A., assumed: true}\n"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A class folder: two maps (one in a subfolder), a broken map, a source text and a
    note (not maps), and a hidden folder and file (left out)."""
    root = tmp_path / "class"
    shutil.copytree(EXAMPLES / "texts", root / "texts")
    shutil.copy(CORE_MAP, root / "core.yaml")
    (root / "sub").mkdir()
    (root / "sub" / "small.yaml").write_text(SMALL, encoding="utf-8")
    (root / "broken.yaml").write_text("argmap: 1\n", encoding="utf-8")
    (root / "notes.md").write_text("# notes\n", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "hidden.yaml").write_text("not: a map\n", encoding="utf-8")
    (root / ".hidden.yaml").write_text("not: a map\n", encoding="utf-8")
    return root


def test_collect_walks_folders_sorted_and_skips_what_is_not_a_map(folder: Path) -> None:
    found = collect([folder])
    assert [p.relative_to(folder).as_posix() for p in found.files] == [
        "broken.yaml",
        "core.yaml",
        "sub/small.yaml",
    ]
    assert (found.skipped, found.folders, found.empty) == (2, 1, [])  # notes.md, the .txt


def test_collect_takes_a_file_once(folder: Path) -> None:
    core = folder / "core.yaml"
    found = collect([core, folder, folder / "sub", f"{folder}/./core.yaml", folder])
    names = [p.relative_to(folder).as_posix() for p in found.files]
    assert names == ["core.yaml", "broken.yaml", "sub/small.yaml"]
    assert found.skipped == 2  # each other file counted once, however often it is seen


def test_collect_leaves_out_what_is_excluded_and_names_empty_folders(
    folder: Path, tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    found = collect([folder / "sub", tmp_path / "empty"], exclude=[folder / "sub" / "small.yaml"])
    assert found.files == []
    assert found.empty == [folder / "sub", tmp_path / "empty"]


def test_check_a_folder_prints_each_file_then_one_summary(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = run(capsys, "check", folder)
    assert code == 2  # broken.yaml could not be used
    assert err == ""
    lines = out.splitlines()
    assert lines[-1] == (
        "checked 3 files: 0 errors, 0 warnings, 1 info; 1 could not be checked; "
        "2 other files skipped."
    )
    assert f"{folder / 'broken.yaml'}: could not be checked (1 problem)." in lines
    # each file's own block is what checking it alone prints
    _, alone, _ = run(capsys, "check", folder / "core.yaml")
    assert alone in out
    assert alone.splitlines()[-1] == f"{folder / 'core.yaml'}: 0 errors, 0 warnings, 1 info."


def test_check_summary_for_several_files_and_exit_codes(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    (folder / "broken.yaml").unlink()
    code, out, _ = run(capsys, "check", folder)
    assert code == 0
    assert (
        out.splitlines()[-1]
        == "checked 2 files: 0 errors, 0 warnings, 1 info; 2 other files skipped."
    )
    code, out, _ = run(capsys, "check", CORE_MAP, FLAWED)
    assert code == 1
    assert out.splitlines()[-1] == "checked 2 files: 4 errors, 8 warnings, 7 info."
    code, out, _ = run(capsys, "check", "--select", "AM1", folder / "sub")
    assert code == 0
    assert out.splitlines() == [
        f"{folder / 'sub' / 'small.yaml'}: all checks passed.",
        "checked 1 file: all checks passed.",
    ]


def test_one_file_named_twice_is_checked_once_as_one_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CORE_MAP.parent)
    _, once, _ = run(capsys, "check", "./crisis_core.yaml")
    code, twice, _ = run(capsys, "check", "./crisis_core.yaml", "crisis_core.yaml", CORE_MAP)
    assert code == 0
    assert twice == once  # no summary line: one file was worked on
    assert twice.splitlines()[-1].startswith("./crisis_core.yaml: ")  # spelled as given first


@pytest.mark.parametrize("command", ["check", "stats"])
def test_a_folder_without_maps_says_so_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "speech.txt").write_text("words\n", encoding="utf-8")
    code, out, err = run(capsys, command, tmp_path / "texts")
    assert (code, out) == (2, "")
    assert err.startswith(f"argmap: {tmp_path / 'texts'}: no map files in this folder\n")
    assert "hint: argmap looks for files ending .yaml, .yml, .json," in err
    # beside a map, the map is still worked on, and the exit code still says something was wrong
    code, out, err = run(capsys, command, "--format", "json", CORE_MAP, tmp_path / "texts")
    assert code == 2
    assert len(json.loads(out)["files"]) == 1
    assert "no map files" in err


def test_check_json_has_one_shape_for_one_file_and_many(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, _ = run(capsys, "check", "--format", "json", CORE_MAP)
    assert code == 0
    one = json.loads(out)
    assert [f["file"] for f in one["files"]] == [str(CORE_MAP)]
    assert one["summary"] == {
        "files": 1,
        "errors": 0,
        "warnings": 0,
        "info": 1,
        "suppressed": 0,
        "unusable": 0,
        "skipped": 0,
    }
    code, out, _ = run(capsys, "check", "--format", "json", folder)
    assert code == 2
    many = json.loads(out)
    assert [Path(f["file"]).name for f in many["files"]] == [
        "broken.yaml",
        "core.yaml",
        "small.yaml",
    ]
    assert many["files"][0]["summary"]["loaded"] is False
    assert many["files"][0]["diagnostics"][0]["rule"] == "missing-field"
    assert many["summary"] == {
        "files": 3,
        "errors": 0,
        "warnings": 0,
        "info": 1,
        "suppressed": 0,
        "unusable": 1,
        "skipped": 2,
    }


def test_sarif_is_one_log_for_a_folder(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, out, _ = run(capsys, "check", "--format", "sarif", folder)
    assert code == 2
    log = json.loads(out)
    assert len(log["runs"]) == 1
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"AM000", "AM305"}


def test_stats_of_a_folder_is_a_table_with_a_total(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, err = run(capsys, "stats", folder)
    assert code == 2
    broken, core, small = (str(folder / n) for n in ("broken.yaml", "core.yaml", "sub/small.yaml"))
    width = len(small)
    assert out.splitlines() == [
        f"{'file':<{width}}  claims  evidence  inferences  depth  quotes found  not found",
        f"{broken:<{width}}  could not be loaded (1 problem)",
        f"{core:<{width}}       3         1           3      3             3          0",
        f"{small:<{width}}       1         0           0      0             0          0",
        f"{'total':<{width}}       4         1           3                    3          0",
        "measured 3 files; 1 could not be loaded; 2 other files skipped.",
    ]
    assert err.splitlines() == [
        f"{broken}:1:1: error missing-field `title` is missing",
        f"{broken}: could not be loaded (1 problem).",
    ]


def test_stats_of_one_file_keeps_its_own_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", CORE_MAP, CORE_MAP)
    assert code == 0
    assert out.splitlines()[0] == "title       The Crisis Has Matured"
    assert len(out.splitlines()) == 9


def test_stats_json_has_one_shape_for_one_file_and_many(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    code, out, _ = run(capsys, "stats", "--format", "json", CORE_MAP)
    assert code == 0
    one = json.loads(out)
    [core] = one["files"]
    assert core == {"file": str(CORE_MAP), **stats(argmap.read(CORE_MAP)).as_dict()}
    assert list(core)[:4] == ["file", "title", "thesis", "sources"]
    assert one["summary"] == {
        "files": 1,
        "claims": 3,
        "evidence": 1,
        "inferences": 3,
        "unusable": 0,
        "skipped": 0,
    }
    code, out, err = run(capsys, "stats", "--format", "json", folder)
    assert (code, err) == (2, "")
    many = json.loads(out)
    assert many["files"][0] == {
        "file": str(folder / "broken.yaml"),
        "problems": [
            {
                "code": "missing-field",
                "message": "`title` is missing",
                "hint": None,
                "location": {"file": str(folder / "broken.yaml"), "line": 1, "column": 1},
            }
        ],
    }
    assert [f["claims"] for f in many["files"][1:]] == [3, 1]
    assert many["summary"] == {
        "files": 3,
        "claims": 4,
        "evidence": 1,
        "inferences": 3,
        "unusable": 1,
        "skipped": 2,
    }


def test_from_reads_every_file_of_a_folder_as_that_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    amap = argmap.read(CORE_MAP)
    (tmp_path / "aif").mkdir()
    for name in ("one", "two"):
        argmap.write(amap, tmp_path / f"{name}.aif.json", format="aif")
        (tmp_path / f"{name}.aif.json").rename(tmp_path / "aif" / f"{name}.json")
    code, out, _ = run(capsys, "stats", tmp_path / "aif")
    assert code == 2  # plain .json is argmap's own JSON
    assert out.splitlines()[-1] == "measured 2 files; 2 could not be loaded."
    code, out, _ = run(capsys, "stats", "--from", "aif", tmp_path / "aif")
    assert code == 0
    assert out.splitlines()[-1] == "measured 2 files."
    code, out, _ = run(capsys, "check", "--from", "aif", tmp_path / "aif")
    assert code in (0, 1)
    assert "could not be checked" not in out


def test_summarize_counts_what_it_is_given() -> None:
    assert summarize("compared", 2, ["mean F1 0.8"], skipped=1) == (
        "compared 2 files: mean F1 0.8; 1 other file skipped."
    )
    assert summarize("measured", 3, unusable=2) == "measured 3 files; 2 could not be read."


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_progress_draws_on_a_terminal_and_wipes_itself() -> None:
    screen = Terminal()
    assert list(progress(["a", "b", "c"], "checking", stream=screen, delay=0)) == ["a", "b", "c"]
    drawn = screen.getvalue()
    assert "checking:" in drawn
    assert "/3" in drawn
    assert drawn.endswith("\r")  # leave=False: the line is blanked when done
    assert drawn.rsplit("\r", 2)[-2].strip() == ""


def test_progress_waits_before_drawing() -> None:
    screen = Terminal()
    for _ in progress(["a", "b"], "checking", stream=screen, delay=0.05):
        time.sleep(0.1)
    assert "2/2" in screen.getvalue()
    quick = Terminal()
    assert list(progress(["a", "b"], "checking", stream=quick)) == ["a", "b"]
    assert quick.getvalue() == ""  # a run shorter than the delay leaves no trace


@pytest.mark.parametrize(
    ("stream", "items"),
    [(io.StringIO(), ["a", "b"]), (Terminal(), ["a"])],
    ids=["not-a-terminal", "one-item"],
)
def test_progress_draws_nothing_off_a_terminal_or_for_one_item(
    stream: io.StringIO, items: list[str]
) -> None:
    assert list(progress(items, "checking", stream=stream, delay=0)) == items
    assert stream.getvalue() == ""


def test_the_cli_draws_no_bar_when_stderr_is_not_a_terminal(
    capsys: pytest.CaptureFixture[str], folder: Path
) -> None:
    run(capsys, "stats", "--format", "json", folder / "core.yaml", folder / "sub")
    _, _, err = run(capsys, "check", folder / "core.yaml", folder / "sub")
    assert err == ""


def test_the_cli_draws_a_bar_when_stderr_is_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, folder: Path
) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    monkeypatch.setattr("argmap.batch.progress", partial(progress, delay=0))
    code = main(["check", str(folder / "core.yaml"), str(folder / "sub")])
    assert code == 0
    assert "checking:" in screen.getvalue()
    assert "checked 2 files" in capsys.readouterr().out
