"""The worked example survives every format argmap both writes and reads."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.formats import FORMATS, Format
from tests.conftest import EXAMPLES
from tests.formats.restatements import RESTATED

ROUND_TRIP = [f for f in FORMATS.values() if f.readable and f.writable]


@pytest.fixture(scope="module")
def letter() -> argmap.ArgumentMap:
    return argmap.read(EXAMPLES / "crisis_has_matured.yaml")


@pytest.mark.parametrize("fmt", ROUND_TRIP, ids=lambda f: f.name)
def test_the_whole_letter_round_trips(
    fmt: Format, letter: argmap.ArgumentMap, tmp_path: Path
) -> None:
    name = fmt.name
    path = tmp_path / f"letter{fmt.suffixes[0]}"
    report = argmap.write(letter, path)
    assert report.format == name
    assert not report.lossy, report.format_text()
    back = argmap.read(path, allow_outside_sources=True)  # its text stays in examples/
    assert back.conversion is not None
    assert not back.conversion.lossy, back.conversion.format_text()
    assert (back.title, back.thesis, back.description, back.checks) == (
        letter.title,
        letter.thesis,
        letter.description,
        letter.checks,
    )
    assert back.claims == letter.claims
    assert back.evidence == letter.evidence
    assert back.inferences == letter.inferences
    # the source moved with the file: its text is still found, and so are the quotes
    assert back.source_text("crisis") == letter.source_text("crisis")
    before = [(f.rule, f.ids, f.message) for f in argmap.check(letter)]
    after = [(f.rule, f.ids, f.message) for f in argmap.check(back)]
    assert sorted(after) == sorted(before)  # (ordered by place in the file, which differs)


@pytest.mark.parametrize("fmt", ROUND_TRIP, ids=lambda f: f.name)
def test_sources_are_found_from_the_files_folder_wherever_we_are(
    fmt: Format, letter: argmap.ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "maps"
    (folder / "texts").mkdir(parents=True)
    text = letter.source_text("crisis")
    assert text is not None
    (folder / "texts" / "crisis.txt").write_text(text, encoding="utf-8")
    source = letter.sources[0].model_copy(update={"path": "texts/crisis.txt"})
    moved = letter.model_copy(update={"sources": [source]})
    moved._origin = None  # a map from nowhere: its paths are written as they are
    path = folder / f"letter{fmt.suffixes[0]}"
    argmap.write(moved, path)
    monkeypatch.chdir(tmp_path)
    back = argmap.read(path)
    assert back.sources[0].path == "texts/crisis.txt"
    assert back.source_text("crisis") == text


def test_a_restated_thesis_survives_every_format_in_turn(tmp_path: Path) -> None:
    """AIF's MA node, Argdown's equivalence class, SADFace's rephrase scheme: one after
    another, the restatement stays a rephrase of the thesis."""
    amap = RESTATED
    for n, fmt in enumerate(ROUND_TRIP * 2):
        path = tmp_path / f"map{n}{fmt.suffixes[0]}"
        report = argmap.write(amap, path)
        assert not report.lossy, report.format_text()
        amap = argmap.read(path)
        assert amap.conversion is None or not amap.conversion.lossy, fmt.name
        steps = [(i.id, i.kind, i.premises, i.conclusion) for i in amap.inferences]
        assert steps == [(i.id, i.kind, i.premises, i.conclusion) for i in RESTATED.inferences]
    assert (amap.claims, amap.thesis) == (RESTATED.claims, RESTATED.thesis)
