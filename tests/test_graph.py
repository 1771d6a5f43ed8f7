"""The networkx graph of a map and the questions asked of it."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, CheckReport, Claim, Evidence, Inference, InvalidMapError
from argmap.graph import (
    attackers,
    chains,
    conclusion_of,
    depth,
    from_networkx,
    leaves,
    premises,
    premises_of,
    restatements,
    roots,
    support_graph,
    supporters,
    to_networkx,
)
from tests.conftest import CORE_MAP, EXAMPLES
from tests.strategies import maps

WORKED_EXAMPLE = EXAMPLES / "crisis_has_matured.yaml"


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
    assert (depth(g), roots(g), leaves(g)) == (0, [], [])
    with pytest.raises(InvalidMapError, match=r"^`x` is not in the map$"):
        chains(g, "x")


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
        for key in ("extra", "answers"):
            if not dumped.get(key):
                dumped.pop(key, None)
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


# Where sources are read from survives the graph


def verdicts(report: CheckReport) -> list[tuple[Any, ...]]:
    """What a report finds, leaving out the lines and columns (a graph has none)."""
    return sorted(
        (f.rule, f.code, f.severity, f.ids, f.message, f.hint, f.location and f.location.file)
        for f in report.findings
    )


def test_the_worked_example_checks_the_same_after_the_graph(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # elsewhere than the map's folder
    amap = argmap.read(WORKED_EXAMPLE)
    graph = to_networkx(amap)
    assert graph.graph["file"] == str(WORKED_EXAMPLE)
    again = from_networkx(graph)
    assert again == amap
    assert again.base_dir == amap.base_dir == EXAMPLES
    before, after = argmap.check(amap), argmap.check(again)
    assert [(f.rule, f.ids) for f in before.findings]  # (something to compare)
    assert sorted((f.rule, f.ids) for f in after.findings) == sorted(
        (f.rule, f.ids) for f in before.findings
    )
    assert verdicts(after) == verdicts(before)
    assert not [f for f in after.findings if f.rule == "quote-not-found"]


def test_a_map_built_in_python_has_no_file_in_its_graph(amap: ArgumentMap) -> None:
    graph = to_networkx(amap)
    assert "file" not in graph.graph
    assert from_networkx(graph).origin is None


@st.composite
def maps_with_a_source_file(draw: st.DrawFn) -> tuple[ArgumentMap, str]:
    """A map whose source is a file beside it, some claims quoting it word for word."""
    amap = draw(maps())
    text = amap.sources[0].text
    assert text is not None
    for claim in amap.claims:
        if claim.source is not None and draw(st.booleans()):
            start = draw(st.integers(0, len(text) - 1))
            quote = text[start : draw(st.integers(start + 1, len(text)))]
            claim.quote = quote if quote.strip() else claim.quote
    amap.sources[0] = amap.sources[0].model_copy(update={"text": None, "path": "source.txt"})
    return amap, text


@settings(max_examples=25)
@given(maps_with_a_source_file())
def test_a_map_checks_the_same_after_the_graph(drawn: tuple[ArgumentMap, str]) -> None:
    built, text = drawn
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "source.txt").write_text(text, encoding="utf-8", newline="")
        argmap.write(built, Path(folder) / "map.yaml")
        amap = argmap.read(Path(folder) / "map.yaml")
        again = from_networkx(to_networkx(amap))
        assert again.base_dir == amap.base_dir == Path(folder)
        before, after = argmap.check(amap), argmap.check(again)
    assert sorted((f.rule, f.ids) for f in after.findings) == sorted(
        (f.rule, f.ids) for f in before.findings
    )
    assert verdicts(after) == verdicts(before)


# Unknown ids


@pytest.fixture
def worked_graph() -> nx.DiGraph[str]:
    return to_networkx(argmap.read(WORKED_EXAMPLE))


@pytest.mark.parametrize(
    "ask",
    [
        supporters,
        attackers,
        restatements,
        premises,
        lambda g, ident: chains(g, ident),
        lambda g, ident: chains(g, "peasant_revolt", ident),
    ],
    ids=["supporters", "attackers", "restatements", "premises", "chains-start", "chains-end"],
)
def test_an_unknown_id_is_an_error_with_a_suggestion(
    worked_graph: nx.DiGraph[str], ask: Callable[[nx.DiGraph[str], str], object]
) -> None:
    with pytest.raises(InvalidMapError) as caught:
        ask(worked_graph, "crisis_matureed")
    assert str(caught.value) == (
        "`crisis_matureed` is not in the map (did you mean `crisis_matured`?)"
    )
    assert isinstance(caught.value, ValueError)
    [problem] = caught.value.problems
    assert (problem.code, problem.hint) == ("unknown-id", "did you mean `crisis_matured`?")


@pytest.mark.parametrize("ask", [premises_of, conclusion_of])
def test_an_unknown_inference_is_an_error_with_a_suggestion(
    worked_graph: nx.DiGraph[str], ask: Callable[[nx.DiGraph[str], str], object]
) -> None:
    inference = next(n for n, a in worked_graph.nodes(data=True) if a["type"] == "inference")
    with pytest.raises(InvalidMapError) as caught:
        ask(worked_graph, inference + "x")
    assert str(caught.value) == f"`{inference}x` is not in the map (did you mean `{inference}`?)"


def test_an_id_far_from_any_is_an_error_without_a_suggestion(amap: ArgumentMap) -> None:
    with pytest.raises(InvalidMapError, match=r"^`zzzzzz` is not in the map$"):
        supporters(to_networkx(amap), "zzzzzz")


def test_a_statement_is_no_inference(amap: ArgumentMap) -> None:
    g = to_networkx(amap)
    with pytest.raises(InvalidMapError) as caught:
        premises_of(g, "c")
    assert str(caught.value) == (
        "`c` is a claim, not an inference (for what supports it, ask `premises(graph, id)`)"
    )
    assert caught.value.problems[0].code == "wrong-type"
    with pytest.raises(InvalidMapError, match=r"^`e` is evidence, not an inference$"):
        conclusion_of(g, "e")


def test_an_inference_that_concludes_nothing_is_an_error() -> None:
    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_node("i", type="inference", kind="support")
    with pytest.raises(InvalidMapError, match="inference `i` has no conclusion"):
        conclusion_of(g, "i")


def test_a_thesis_that_is_not_in_the_graph_is_an_error(amap: ArgumentMap) -> None:
    g = to_networkx(amap)
    g.graph["thesis"] = "cc"
    with pytest.raises(InvalidMapError, match="`cc` is not in the map"):
        chains(g, "e")
    g.graph["thesis"] = None
    assert list(chains(g, "e")) == []  # no thesis, no end: no chains


# Rephrases: neither support nor attack


@pytest.fixture
def restated() -> ArgumentMap:
    """The essay's last sentence restates its thesis, and a premise supports the last."""
    return ArgumentMap(
        title="T",
        thesis="thesis",
        claims=[
            Claim(id="thesis", text="Schools should teach debate."),
            Claim(id="again", text="So debate belongs in school."),
            Claim(id="p", text="Debate teaches listening."),
            Claim(id="q", text="Nobody listens."),
        ],
        inferences=[
            Inference(id="r", premises=["thesis"], conclusion="again", kind="rephrase"),
            Inference(id="s", premises=["p"], conclusion="again"),
            Inference(id="x", premises=["q"], conclusion="p", kind="attack"),
        ],
    )


def test_a_rephrase_is_a_kind_in_the_graph(restated: ArgumentMap) -> None:
    g = to_networkx(restated)
    assert g.nodes["r"]["kind"] == "rephrase"
    assert g.edges["r", "again"] == {"role": "conclusion", "kind": "rephrase"}
    assert g.edges["thesis", "r"] == {"role": "premise", "index": 0}
    assert from_networkx(g) == restated


def test_a_rephrase_neither_supports_nor_attacks(restated: ArgumentMap) -> None:
    g = to_networkx(restated)
    assert supporters(g, "again") == ["s"]
    assert attackers(g, "again") == []
    assert premises(g, "again") == ["p"]
    assert attackers(g, "p") == ["x"]
    assert restatements(g, "again") == ["r"]
    assert restatements(g, "thesis") == ["r"]
    assert restatements(g, "p") == []
    assert set(support_graph(g).edges) == {("p", "again")}
    assert list(chains(g, "p")) == []  # the thesis is restated, not supported
    assert list(chains(g, "p", "again")) == [["p", "again"]]
    assert depth(g) == 1
    assert leaves(g) == ["thesis", "q"]


def test_restatements_read_a_graph_built_by_hand() -> None:
    g: nx.DiGraph[str] = nx.DiGraph()
    g.add_edge("a", "r", role="premise", index=0)
    g.add_edge("r", "b", role="conclusion", kind="rephrase")  # the kind on the edge only
    g.add_edge("a", "i", role="premise", index=0)
    g.add_edge("i", "c", role="conclusion")
    assert restatements(g, "a") == ["r"]
    assert (supporters(g, "b"), attackers(g, "b")) == ([], [])
