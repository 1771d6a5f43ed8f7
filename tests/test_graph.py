"""The networkx graph of a map and the questions asked of it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings

import argmap
from argmap import ArgumentMap, Claim, Evidence, Inference, InvalidMapError
from argmap.graph import (
    attackers,
    chains,
    depth,
    from_networkx,
    leaves,
    premises,
    premises_of,
    roots,
    support_graph,
    supporters,
    to_networkx,
)
from tests.conftest import CORE_MAP
from tests.strategies import maps


@pytest.fixture
def amap() -> ArgumentMap:
    return ArgumentMap(
        title="T",
        thesis="c",
        claims=[
            Claim(id="a", text="A.", assumed=True),
            Claim(id="b", text="B.", implicit=True, tags=["x"]),
            Claim(id="c", text="C."),
            Claim(id="d", text="D."),
            Claim(id="r", text="R."),
        ],
        evidence=[Evidence(id="e", kind="statistic", text="E.", cites="Pravda")],
        inferences=[
            Inference(id="i1", premises=["e"], conclusion="a", scheme="sign"),
            Inference(id="i2", premises=["b", "a"], conclusion="c", warrant="W."),
            Inference(id="i3", premises=["d"], conclusion="c"),
            Inference(id="i4", premises=["r"], conclusion="c", kind="attack"),
            Inference(id="i5", premises=["r"], conclusion="i3", kind="undercut"),
        ],
    )


def test_nodes_and_attributes(amap: ArgumentMap) -> None:
    g = to_networkx(amap)
    assert g.graph["title"] == "T"
    assert g.graph["thesis"] == "c"
    assert g.nodes["a"] == {
        "type": "claim",
        "text": "A.",
        "assumed": True,
        "implicit": False,
        "tags": [],
        "ignore": [],
    }
    assert g.nodes["e"]["kind"] == "statistic"
    assert g.nodes["e"]["cites"] == "Pravda"
    assert g.nodes["i2"] == {
        "type": "inference",
        "kind": "support",
        "warrant": "W.",
        "tags": [],
        "ignore": [],
    }
    assert g.edges["b", "i2"] == {"role": "premise", "index": 0}
    assert g.edges["a", "i2"] == {"role": "premise", "index": 1}
    assert g.edges["i4", "c"] == {"role": "conclusion", "kind": "attack"}
    assert g.number_of_nodes() == 11
    assert g.number_of_edges() == 11


def test_method_on_the_map(amap: ArgumentMap) -> None:
    assert nx.utils.graphs_equal(amap.to_networkx(), to_networkx(amap))


def test_round_trip_through_networkx(amap: ArgumentMap) -> None:
    assert from_networkx(to_networkx(amap)) == amap
    core = argmap.read(CORE_MAP)
    again = from_networkx(to_networkx(core))
    assert again == core


def test_from_networkx_refuses_an_unclear_graph() -> None:
    g: nx.DiGraph[str] = nx.DiGraph(title="T")
    g.add_node("a", type="claim", text="A")
    g.add_node("mystery")
    g.add_node("i", type="inference")
    g.add_edge("a", "i", role="premise")
    with pytest.raises(InvalidMapError) as caught:
        from_networkx(g)
    messages = [p.message for p in caught.value.problems]
    assert "inference node `i` has 0 conclusions; it needs exactly one outgoing edge" in messages
    assert "node `mystery` has no `type` (claim, evidence or inference)" in messages


def test_from_networkx_checks_references() -> None:
    g: nx.DiGraph[str] = nx.DiGraph(title="T", thesis="zz")
    g.add_node("a", type="claim", text="A")
    with pytest.raises(InvalidMapError, match="thesis `zz` is not defined"):
        from_networkx(g)


def test_structure_questions(amap: ArgumentMap) -> None:
    g = to_networkx(amap)
    assert supporters(g, "c") == ["i2", "i3"]
    assert attackers(g, "c") == ["i4"]
    assert attackers(g, "i3") == ["i5"]
    assert premises_of(g, "i2") == ["b", "a"]
    assert premises(g, "c") == ["b", "a", "d"]
    assert roots(g) == ["c"]
    assert leaves(g) == ["b", "d", "r", "e"]
    assert depth(g) == 2
    assert sorted(chains(g, "e")) == [["e", "a", "c"]]
    assert list(chains(g, "r")) == []  # an attack is no chain of support
    assert list(chains(g, "c")) == [["c"]]
    assert list(chains(g, "e", "a")) == [["e", "a"]]


def test_depth_of_circular_support_counts_the_circle_once() -> None:
    amap = ArgumentMap(
        title="T",
        claims=[Claim(id=x, text=x) for x in "abcd"],
        inferences=[
            Inference(id="i1", premises=["a"], conclusion="b"),
            Inference(id="i2", premises=["b"], conclusion="c"),
            Inference(id="i3", premises=["c"], conclusion="b"),
            Inference(id="i4", premises=["c"], conclusion="d"),
        ],
    )
    g = to_networkx(amap)
    assert depth(g) == 2
    assert set(support_graph(g).edges) == {("a", "b"), ("b", "c"), ("c", "b"), ("c", "d")}


def test_empty_map() -> None:
    g = to_networkx(ArgumentMap(title="T"))
    assert (depth(g), roots(g), leaves(g), list(chains(g, "x"))) == (0, [], [], [])


def test_checks_settings_survive_the_graph(write_map: Callable[..., Path]) -> None:
    amap = argmap.read(
        write_map("argmap: 1\ntitle: T\nchecks: {fail-on: warning, ignore: [AM3]}\n")
    )
    assert from_networkx(to_networkx(amap)) == amap


@settings(max_examples=60)
@given(maps())
def test_the_graph_is_what_networkx_itself_builds(amap: ArgumentMap) -> None:
    """to_networkx fills networkx's dicts directly: the graph must be the one that its
    public API builds, node for node and edge for edge, with each node's fields as
    ``model_dump`` has them, and nothing shared with the map."""
    graph = to_networkx(amap)
    expected: nx.DiGraph[str] = nx.DiGraph(**graph.graph)
    for collection, node_type in (("claims", "claim"), ("evidence", "evidence")):
        for item in getattr(amap, collection):
            dumped = item.model_dump(mode="json", exclude_none=True)
            del dumped["id"]
            if not dumped.get("extra"):
                dumped.pop("extra", None)
            if not dumped.get("locutions"):
                dumped.pop("locutions", None)
            expected.add_node(item.id, type=node_type, **dumped)
    for inference in amap.inferences:
        dumped = inference.model_dump(mode="json", exclude_none=True)
        for key in ("id", "premises", "conclusion"):
            del dumped[key]
        if not dumped.get("extra"):
            dumped.pop("extra", None)
        expected.add_node(inference.id, type="inference", **dumped)
        for index, premise in enumerate(inference.premises):
            expected.add_edge(premise, inference.id, role="premise", index=index)
        expected.add_edge(
            inference.id, inference.conclusion, role="conclusion", kind=inference.kind.value
        )
    assert nx.utils.graphs_equal(graph, expected)
    assert list(graph.nodes) == list(expected.nodes)
    assert dict(graph.pred) == dict(expected.pred)
    for claim in amap.claims:  # copies, not the map's own lists
        assert graph.nodes[claim.id]["tags"] is not claim.tags


def test_an_edge_to_an_unknown_node_is_added_as_networkx_does() -> None:
    amap = ArgumentMap(title="T", claims=[Claim(id="a", text="A.")])
    amap.inferences.append(Inference(id="i", premises=["a"], conclusion="gone"))  # (after checks)
    graph = to_networkx(amap)
    assert sorted(graph.nodes) == ["a", "gone", "i"]
    assert graph.nodes["gone"] == {}
    assert graph.edges["i", "gone"] == {"role": "conclusion", "kind": "support"}
