"""``argmap convert``: between formats, with the conversion report and --strict."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from tests.conftest import CORE_MAP

AIF = {
    "nodes": [
        {"nodeID": "1", "type": "I", "text": "Prices rose."},
        {"nodeID": "2", "type": "I", "text": "Wages fell."},
        {"nodeID": "3", "type": "RA", "text": "Default Inference"},
        {"nodeID": "4", "type": "PA", "text": "Default Preference"},
    ],
    "edges": [
        {"edgeID": "5", "fromID": "1", "toID": "3"},
        {"edgeID": "6", "fromID": "3", "toID": "2"},
        {"edgeID": "7", "fromID": "1", "toID": "4"},
    ],
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def aif_file(tmp_path: Path) -> Path:
    path = tmp_path / "nodeset5.json"
    path.write_text(json.dumps(AIF), encoding="utf-8")
    return path


def test_convert_prints_what_was_kept(
    capsys: pytest.CaptureFixture[str], aif_file: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "map.yaml"
    code, out, err = run(capsys, "convert", str(aif_file), str(out_file), "--from", "aif")
    assert code == 0
    assert out == ""
    assert err.splitlines() == [
        f"read {aif_file} as aif (2 claims, 0 evidence, 1 inference): 2 kept",
        "  kept: PA nodes (preferences) kept in `extra`: 1",
        "  kept: edges of the nodes kept in `extra`: 1",
        f"wrote {out_file} as yaml (2 claims, 0 evidence, 1 inference): nothing lost",
    ]
    amap = argmap.read(out_file)
    assert amap.inferences[0].premises == ["1"]
    # and back to AIF: the PA node and its edge are there again
    back = tmp_path / "back.aif"
    assert run(capsys, "convert", str(out_file), str(back))[0] == 0
    written = json.loads(back.read_text(encoding="utf-8"))
    assert {n["nodeID"] for n in written["nodes"]} == {"1", "2", "3", "4"}
    assert {e["edgeID"] for e in written["edges"]} == {"5", "6", "7"}


def test_strict_fails_and_writes_nothing_when_data_would_be_lost(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "map.mmd"
    code, _, err = run(capsys, "convert", str(CORE_MAP), str(out_file), "--strict")
    assert code == 1
    assert "would write" in err
    assert "dropped: sources" in err
    assert "--strict: converting would lose data" in err
    assert not out_file.exists()
    # without --strict the same conversion is written, and the losses said
    code, _, err = run(capsys, "convert", str(CORE_MAP), str(out_file))
    assert code == 0
    assert "dropped: sources" in err
    assert out_file.read_text(encoding="utf-8").startswith("%%")


def test_strict_passes_a_lossless_conversion(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out_file = tmp_path / "map.json"
    code, _, _ = run(capsys, "convert", str(CORE_MAP), str(out_file), "--strict", "-q")
    assert code == 0
    # (written out of the repository, the map reads its text in examples/)
    assert argmap.read(out_file, allow_outside_sources=True).claims == argmap.read(CORE_MAP).claims


def test_an_aif_file_read_as_argmap_json_gets_a_hint(
    capsys: pytest.CaptureFixture[str], aif_file: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "convert", str(aif_file), str(tmp_path / "m.yaml"))
    assert code == 2
    assert "an AIF document" in err
    assert "--from aif" in err
    code, out, _ = run(capsys, "check", "--from", "aif", str(aif_file))
    assert code == 0
    assert "0 errors" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "aiff"], "unknown format `aiff`"),
        (["--to", "kialo"], "cannot write it"),
        (["--from", "microtext"], "did you mean `microtexts`?"),
    ],
)
def test_wrong_formats_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    code, _, err = run(capsys, "convert", str(CORE_MAP), str(tmp_path / "out.x"), *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_convert_will_not_overwrite_its_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(CORE_MAP.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, "convert", str(path), str(path))
    assert code == 2
    assert "is the map itself" in err


def test_unknown_suffix_lists_the_formats(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "convert", str(CORE_MAP), str(tmp_path / "out.foo"))
    assert code == 2
    for name in ("yaml", "aif", "argdown", "sadface"):
        assert name in err


def test_a_format_argmap_cannot_write_is_named_as_such(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "convert", str(CORE_MAP), str(tmp_path / "out.kialo"))
    assert code == 2
    assert "error unwritable-format argmap reads Kialo text export but cannot write it" in err
