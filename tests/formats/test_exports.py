"""Mermaid and GraphML exports, parsed back and checked."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

import argmap
from argmap.formats import mermaid
from tests.conftest import EXAMPLES

FLAWED = EXAMPLES / "exercises" / "flawed_student_map.yaml"
NODE = re.compile(r'^  (n\d+)(\(|\[/|\(\()"(.*?)"(\)|/\]|\)\))$')
EDGE = re.compile(r'^  (n\d+) (-->|--x|-\.-x|-\.->|---|-\.-)(?:\|"(.*?)"\|)? (n\d+)$')


def parse_mermaid(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Read back the flowcharts argmap writes: node labels and (from, arrow, to) edges."""
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    lines = text.splitlines()
    assert lines[1] == "flowchart BT"
    for line in lines[2:]:
        if (match := NODE.match(line)) is not None:
            nodes[match[1]] = match[3]
        elif (match := EDGE.match(line)) is not None:
            edges.append((match[1], match[2], match[4]))
        else:
            assert line.startswith(("  classDef ", "  class ")), line
    return nodes, edges


def test_mermaid_holds_every_item_and_step() -> None:
    amap = argmap.read(FLAWED)
    nodes, edges = parse_mermaid(mermaid.dumps(amap))
    items: list[argmap.Claim | argmap.Evidence] = [*amap.claims, *amap.evidence]
    for item in items:
        assert any(label.endswith(f"{item.id}</small>") for label in nodes.values()), item.id
    arrows = [arrow for _, arrow, _ in edges]
    assert arrows.count("--x") == 1  # the one attack
    linked = [i for i in amap.inferences if len(i.premises) > 1]
    single = [i for i in amap.inferences if len(i.premises) == 1]
    assert len(edges) == len(single) + sum(len(i.premises) + 1 for i in linked)


def test_mermaid_escapes_what_would_break_it() -> None:
    amap = argmap.ArgumentMap(
        title="T", claims=[argmap.Claim(id="a", text='He said "wait" <now> & #1\nthen')]
    )
    nodes, _ = parse_mermaid(mermaid.dumps(amap))
    label = nodes["n0"]
    assert '"' not in label
    assert "<now>" not in label
    assert "#quot;wait#quot;" in label
    assert "#35;1" in label
    assert "\n" not in label


def test_graphml_parses_back(tmp_path: Path) -> None:
    amap = argmap.read(FLAWED)
    out = tmp_path / "map.graphml"
    argmap.write(amap, out)
    back = nx.read_graphml(out)
    graph = argmap.to_networkx(amap)
    assert set(back.nodes) == set(graph.nodes)
    assert set(back.edges) == set(graph.edges)
    assert back.nodes["moscow_vote"]["kind"] == "statistic"
    assert back.nodes["insurrection_now"]["type"] == "claim"
    assert back.edges["loyal_cavalry", "cavalry_objection"]["role"] == "premise"


def test_write_only_formats_are_not_read(tmp_path: Path) -> None:
    out = tmp_path / "map.mmd"
    argmap.write(argmap.read(FLAWED), out)
    with pytest.raises(argmap.MapFileError, match="cannot read it"):
        argmap.read(out)


def test_mermaid_text_cannot_start_markup_or_directives() -> None:
    amap = argmap.ArgumentMap(
        title="%%{init: {'theme':'dark'}}%%\r",
        claims=[
            argmap.Claim(id="a", text="`code` & <b> %%{init}%%"),
            argmap.Claim(id="b", text="B."),
        ],
        inferences=[
            argmap.Inference(id="i", premises=["a"], conclusion="b", scheme="f(x) | [y] {z}")
        ],
    )
    text = mermaid.dumps(amap)
    assert "%%{" not in text
    assert "`" not in text
    assert "\r" not in text
    _nodes, edges = parse_mermaid(text)
    assert edges == [("n0", "-->", "n1")]
    assert '|"f(x) | [y] {z}"|' in text


RESTATED = argmap.ArgumentMap(
    title="T",
    claims=[
        argmap.Claim(id="thesis", text="Cities should ban cars."),
        argmap.Claim(id="again", text="Cars have no place in cities."),
        argmap.Claim(id="why", text="Cars pollute."),
    ],
    inferences=[
        argmap.Inference(id="r", premises=["thesis"], conclusion="again", kind="rephrase"),
        argmap.Inference(id="s", premises=["why"], conclusion="thesis"),
    ],
)


def test_mermaid_draws_a_rephrase_as_a_dotted_arrow_that_restates() -> None:
    text = mermaid.dumps(RESTATED)
    _nodes, edges = parse_mermaid(text)
    assert edges == [("n0", "-.->", "n1"), ("n2", "-->", "n0")]
    assert '  n0 -.->|"restates"| n1' in text


def test_graphml_gives_a_rephrase_its_kind(tmp_path: Path) -> None:
    out = tmp_path / "map.graphml"
    argmap.write(RESTATED, out)
    back = nx.read_graphml(out)
    assert back.nodes["r"]["kind"] == "rephrase"
    assert back.edges["r", "again"]["kind"] == "rephrase"
    assert back.edges["thesis", "r"]["role"] == "premise"


def test_graphml_has_no_character_xml_forbids(tmp_path: Path) -> None:
    amap = argmap.ArgumentMap(title="T\x01", claims=[argmap.Claim(id="a", text="A\x02")])
    out = tmp_path / "map.graphml"
    argmap.write(amap, out)
    assert nx.read_graphml(out).nodes["a"]["text"] == "A\ufffd"
