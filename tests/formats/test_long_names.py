"""A name or value of a megabyte in a map file is echoed in error messages cut short."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import argmap
from argmap.cli import main

KEY = "bogus_" + "k" * 1_000_000
START = KEY[:40]


def claim_map(key: str, value: object = 1) -> dict[str, object]:
    """A map with ``key`` among its fields and among the fields of a claim."""
    return {
        "argmap": 1,
        "title": "T",
        key: value,
        "claims": [{"id": "a", "text": "A.", key: value}],
    }


def written(tmp_path: Path, name: str, data: dict[str, object]) -> Path:
    path = tmp_path / name
    if name.endswith(".json"):
        path.write_text(json.dumps(data), encoding="utf-8")
    else:  # a key over 1024 characters is written as an explicit key (`? key`)
        path.write_text(yaml.safe_dump(data, width=2_000_000), encoding="utf-8")
    return path


def assert_short(error: argmap.ArgmapError) -> None:
    for problem in error.problems:
        assert len(problem.message) < 500, problem.message[:100]
        assert len(problem.hint or "") < 500, (problem.hint or "")[:100]


@pytest.mark.parametrize("name", ["map.yaml", "map.json"])
def test_an_unknown_field_of_a_megabyte_is_named_by_its_start(tmp_path: Path, name: str) -> None:
    path = written(tmp_path, name, claim_map(KEY))
    with pytest.raises(argmap.InvalidMapError) as caught:
        argmap.read(path)
    problems = caught.value.problems
    assert [p.code for p in problems] == ["unknown-field", "unknown-field"]
    assert_short(caught.value)
    assert all(f"unknown field `{START}" in p.message and "…`" in p.message for p in problems)
    assert len(str(caught.value)) < 1000


@pytest.mark.parametrize("name", ["map.yaml", "map.json"])
def test_the_cli_names_a_megabyte_field_briefly(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = written(tmp_path, name, claim_map(KEY))
    assert main(["check", str(path)]) == 2
    out, err = capsys.readouterr()
    shown = out + err
    assert "Traceback" not in shown
    assert f"unknown field `{START}" in shown
    assert len(shown) < 2000


@pytest.mark.parametrize(
    "claim",
    [
        {"id": KEY, "text": "A."},  # an id too long, echoed where the claim is named
        {"id": f"{KEY} x", "text": "A."},  # not a valid id
        {"id": "a", "text": "A.", "assumed": KEY},
        {"id": "a", "text": "A.", "tags": KEY},  # the hint writes the list
    ],
)
def test_a_megabyte_value_is_echoed_short(tmp_path: Path, claim: dict[str, object]) -> None:
    data = {"argmap": 1, "title": "T", "claims": [claim]}
    for name in ("map.yaml", "map.json"):
        with pytest.raises(argmap.InvalidMapError) as caught:
            argmap.read(written(tmp_path, name, data))
        assert_short(caught.value)


def test_other_readers_cut_unknown_names(tmp_path: Path) -> None:
    sections: list[dict[str, object]] = [{KEY: 1}, {"items": {KEY: {}}}]
    for section in sections:  # an unknown entry; an entry for no node
        aif = tmp_path / "map.aif.json"
        nodes = [{"nodeID": "1", "text": "A", "type": "I"}]
        aif.write_text(json.dumps({"nodes": nodes, "edges": [], "argmap": section}))
        with pytest.raises(argmap.InvalidMapError) as caught:
            argmap.read(aif)
        assert_short(caught.value)
        assert [START in p.message for p in caught.value.problems] == [True]

    xml = tmp_path / "map.arggraph.xml"
    xml.write_text(
        f'<?xml version="1.0"?>\n<arggraph id="x"><edu id="e1" {KEY}="1">Text</edu>'
        f'<{KEY}/><adu id="a1" type="pro"/><edge id="c1" src="e1" trg="a1" type="seg"/>'
        "</arggraph>",
        encoding="utf-8",
    )
    with pytest.raises(argmap.InvalidMapError) as caught:
        argmap.read(xml)
    assert_short(caught.value)
    assert {p.code for p in caught.value.problems} >= {"unknown-attribute", "unknown-element"}
