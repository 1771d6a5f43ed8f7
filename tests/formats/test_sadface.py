"""SADFace JSON: real files, a file of odd cases, round trips both ways, hostile input."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Evidence, EvidenceKind, Inference, InferenceKind, Source
from argmap.errors import InvalidMapError, Problem
from argmap.formats import sadface
from argmap.formats.sadface.common import _derived_kind, _derived_scheme
from argmap.models import integrity_problems
from tests.conftest import CORE_MAP, ROOT, corpus, corpus_files
from tests.formats.restatements import RESTATED, maps_with_rephrases
from tests.strategies import maps

FEATURES = ROOT / "tests" / "data" / "sadface" / "features.sadface.json"


def real_files() -> list[Path]:
    return corpus_files("sadface", pattern="*.json")


def read(path: Path) -> tuple[ArgumentMap, argmap.ConversionReport]:
    return sadface.from_text(path.read_text(encoding="utf-8"), path)


def problems(text: str) -> list[Problem]:
    with pytest.raises(InvalidMapError) as caught:
        sadface.from_text(text, "bad.sadface.json")
    assert caught.value.problems
    for problem in caught.value.problems:
        assert problem.location is not None
        assert problem.location.file == "bad.sadface.json"
    return list(caught.value.problems)


def only(found: list[Problem]) -> Problem:
    assert len(found) == 1, found
    return found[0]


def by_id(items: list[Any]) -> dict[str, str]:
    return {item["id"]: json.dumps(item, sort_keys=True) for item in items}


def doc(nodes: list[Any], edges: list[Any], **more: Any) -> str:
    return json.dumps(
        {"metadata": {"core": {"id": "d", "title": "T"}}, "resources": [], **more}
        | {"nodes": nodes, "edges": edges}
    )


def atom(ident: str, text: str = "A claim.", **more: Any) -> dict[str, Any]:
    return {"id": ident, "type": "atom", "text": text, "sources": [], "metadata": {}, **more}


def scheme(ident: str, name: str = "support") -> dict[str, Any]:
    return {"id": ident, "type": "scheme", "name": name, "metadata": {}}


def edge(source: str, target: str) -> dict[str, Any]:
    return {"id": f"{source}-{target}", "source_id": source, "target_id": target}


# Real data


def test_corpus_is_there() -> None:
    corpus("sadface")
    assert len(real_files()) >= 3


@pytest.mark.parametrize("path", real_files(), ids=lambda p: p.name)
def test_real_file_reads_and_writes_back_every_node_and_edge(path: Path) -> None:
    original = json.loads(path.read_text(encoding="utf-8"))
    amap, report = read(path)
    assert integrity_problems(amap) == []
    argmap.check(amap)  # a usable map: the checks run on it
    assert all(n.what.startswith("the document has no title") for n in report.losses)

    text, written = sadface.to_text(amap)
    assert not written.lossy
    again = json.loads(text)
    assert by_id(again["nodes"]) == by_id(original["nodes"])
    assert by_id(again["edges"]) == by_id(original["edges"])
    assert by_id(again["resources"]) == by_id(original["resources"])
    core = (
        original["metadata"]["core"]
        if "core" in original.get("metadata", {})
        else {
            k: v
            for k, v in original.items()
            if k not in ("nodes", "edges", "resources", "metadata")
        }
    )
    assert again["metadata"]["core"] == {**core, "version": "0.2"}
    # Written twice, the same text: nothing made up for a map that came from SADFace.
    assert sadface.to_text(amap)[0] == text
    assert sadface.from_text(text, path)[0] == amap


def hangback() -> tuple[ArgumentMap, argmap.ConversionReport]:
    return read(corpus("sadface") / "examples" / "hangback" / "data.json")


def test_hangback_argument() -> None:
    amap, report = hangback()
    assert amap.title == "Hangback Example"
    assert amap.description is not None
    assert amap.description.startswith("An example SADFace document")
    claims = {c.id: c.text for c in amap.claims}
    support, conflict = amap.inferences
    assert support.kind is InferenceKind.SUPPORT
    assert support.scheme is None  # "support" only names the relation
    assert [claims[p] for p in support.premises] == [
        "The 'Hang Back' campaign was the wrong campaign to run",
        "The 'Hang Back' advert does not clearly express the intended message",
    ]
    assert claims[support.conclusion].startswith("The 'Hang Back' campaign video should not")
    assert conflict.kind is InferenceKind.ATTACK
    assert conflict.conclusion == support.premises[0]
    assert conflict.extra["sadface"]["name"] == "conflict"
    kept = amap.extra["sadface"]["core"]
    assert kept["analyst_name"] == "Simon Wells"
    assert kept["notes"].startswith("This is incomplete")
    assert [n.what for n in report] == ["document metadata argmap has no field for kept in `extra`"]


def test_the_01_layout_reads_as_the_same_argument() -> None:
    old, report = read(corpus("sadface") / "_history" / "hangback-data.v0.1-278fd53.json")
    new, _ = hangback()
    assert any("0.1 layout" in n.what for n in report)
    assert old.extra["sadface"]["core"]["analyst_email"] == "siwells@gmail.com"

    def shape(amap: ArgumentMap) -> set[tuple[str, frozenset[str], str, str]]:
        text = {c.id: c.text for c in amap.claims}
        return {
            (i.kind.value, frozenset(text[p] for p in i.premises), text[i.conclusion], "")
            for i in amap.inferences
        }

    assert shape(old) == shape(new)


_DOT_NODE = re.compile(r'"([^"]+)" \[label="((?:[^"\\]|\\.)*)"\] \[([^\]]*)\];')
_DOT_EDGE = re.compile(r'"([^"]+)" -> "([^"]+)";')


def parse_dot(text: str) -> tuple[dict[str, tuple[str, str]], set[tuple[str, str]]]:
    """The SADFace tool's DOT: node id → (atom or scheme, label); the edges."""
    nodes = {
        ident: ("atom" if "shape=box" in style else "scheme", label.replace("\\n", " "))
        for ident, label, style in _DOT_NODE.findall(text)
    }
    return nodes, set(_DOT_EDGE.findall(text))


def test_hangback_agrees_with_the_sadface_tools_own_drawing() -> None:
    nodes, edges = parse_dot((corpus("sadface") / "examples" / "hangback" / "data.dot").read_text())
    amap, _ = hangback()
    assert {c.id: ("atom", c.text) for c in amap.claims} == {
        k: v for k, v in nodes.items() if v[0] == "atom"
    }
    drawn = {(p, i.id) for i in amap.inferences for p in i.premises}
    drawn |= {(i.id, i.conclusion) for i in amap.inferences}
    assert drawn == edges


def test_a_document_rebuilt_from_the_tools_drawing() -> None:
    """tools/python/examples/out.dot has no JSON beside it: rebuild one, as the tool would."""
    nodes, edges = parse_dot(
        (corpus("sadface") / "tools" / "python" / "examples" / "out.dot").read_text()
    )
    text = doc(
        [
            atom(ident, label) if kind == "atom" else scheme(ident, label)
            for ident, (kind, label) in nodes.items()
        ],
        [edge(s, t) for s, t in sorted(edges)],
    )
    amap, report = sadface.from_text(text)
    assert not report.lossy
    text_of = {c.id: c.text for c in amap.claims}
    steps = {
        (i.kind.value, i.scheme, frozenset(text_of[p] for p in i.premises), text_of[i.conclusion])
        for i in amap.inferences
    }
    assert steps == {
        (
            "support",
            None,  # the tool's default name "inference" names no scheme
            frozenset(
                {
                    "if you are going to die then you should treasure every moment",
                    "You are going to die",
                }
            ),
            "You should treasure every moment",
        ),
        (
            "support",
            None,
            frozenset({"Every person is going to die", "You are a person"}),
            "You are going to die",
        ),
        ("attack", None, frozenset({"YOLO"}), "You are going to die"),
    }


# A file of odd cases


def test_features_mapping() -> None:
    amap, report = read(FEATURES)
    claims = {c.id: c for c in amap.claims}
    steps = {i.id: i for i in amap.inferences}
    assert amap.thesis == "a3"
    assert set(steps) == {"s1", "s2", "s6"}
    assert steps["s1"].scheme == "Argument From Expert Opinion"
    assert steps["s1"].kind is InferenceKind.SUPPORT
    assert (steps["s1"].premises, steps["s1"].conclusion) == (["a1", "a2"], "a3")
    assert steps["s2"].kind is InferenceKind.UNDERCUT
    assert steps["s2"].conclusion == "s1"
    assert steps["s2"].scheme is None  # "Default Conflict" names the relation (AIF's CA default)
    assert steps["s2"].extra["sadface"]["name"] == "Default Conflict"
    assert steps["s2"].premises == ["a8_bad_"]
    assert steps["s6"].kind is InferenceKind.ATTACK  # a node of type conflict
    assert claims["a8_bad_"].extra["sadface"]["id"] == "a8 bad!"
    # quotes: found (whitespace folded) or kept aside
    assert (claims["a2"].source, claims["a2"].quote) == ("r1", "The peasants revolt")
    assert claims["a3"].extra["sadface"]["sources"][0]["resource_id"] == "r2"
    assert claims["a4"].quote is None
    assert claims["a4"].extra["sadface"]["sources"][0]["text"] == "words the text does not hold"
    assert claims["a5"].source is None
    assert claims["a6"].text == sadface.EMPTY_TEXT
    assert claims["a7"].extra["sadface"]["metadata"]["org.example"] == {"weight": 0.5}
    sources = {s.id: s for s in amap.sources}
    assert (sources["r1"].title, sources["r1"].url) == ("The Crisis", "https://example.org/crisis")
    assert sources["r2"].title == "A second text, without a title of its own."
    kept = amap.extra["sadface"]
    assert {n["id"] for n in kept["nodes"]} == {"l1", "s3", "s4", "s5", "s7"}
    assert {e["id"] for e in kept["edges"]} == {
        "e4", "e7", "e8", "e9", "e10", "e13", "e14", "e15", "e16", "e17",
    }  # fmt: skip
    assert kept["fields"] == {"x-tool": {"exported-by": "a hand-written test file"}}
    notes = {n.what for n in report}
    for expected in (
        "schemes without premises kept in `extra`",
        "schemes without a conclusion kept in `extra`",
        "schemes that undercut a scheme kept in `extra` kept there too",
        "schemes that support another scheme (argmap supports claims only) kept in `extra`",
        "edges from one atom to another (not through a scheme) kept in `extra`",
        "edges to or from nodes that do not exist kept in `extra`",
        "further conclusions of a scheme kept in `extra`",
        "quotes their resource's text does not hold kept in `extra`",
        "nodes of type `locution` kept in `extra`",
        "ids made valid (the original is kept in `extra`)",
    ):
        assert expected in notes
    located = [n for n in report if n.what == "schemes without premises kept in `extra`"]
    assert located[0].location is not None
    assert located[0].location.line == 50


def test_features_write_back_unchanged() -> None:
    original = json.loads(FEATURES.read_text(encoding="utf-8"))
    amap, _ = read(FEATURES)
    text, report = sadface.to_text(amap)
    again = json.loads(text)
    for part in ("nodes", "edges", "resources"):
        assert by_id(again[part]) == by_id(original[part])
    assert again["x-tool"] == original["x-tool"]
    assert again["metadata"]["org.example"] == {"reviewed": True}
    assert again["metadata"]["core"] == original["metadata"]["core"]
    assert not report.lossy
    assert sadface.from_text(text, FEATURES)[0] == amap


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_features_survive_a_stay_in_argmaps_own_format(tmp_path: Path, suffix: str) -> None:
    """What the reader keeps in `extra` is plain data: argmap's own files hold it too."""
    amap, _ = read(FEATURES)
    path = tmp_path / f"features{suffix}"
    argmap.write(amap, path)
    again = json.loads(sadface.to_text(argmap.read(path))[0])
    original = json.loads(FEATURES.read_text(encoding="utf-8"))
    for part in ("nodes", "edges", "resources"):
        assert by_id(again[part]) == by_id(original[part])


# argmap → SADFace → argmap


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_round_trip(amap: ArgumentMap) -> None:
    text, _ = sadface.to_text(amap)
    back, report = sadface.from_text(text)
    assert back == amap
    assert not report.lossy


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_round_trip_through_files(amap: ArgumentMap) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.sadface.json"
        argmap.write(amap, path)
        assert argmap.read(path) == amap


def crisis() -> ArgumentMap:
    return ArgumentMap(
        title="The Crisis",
        thesis="insurrection_now",
        sources=[
            Source(id="crisis", title="The Crisis Has Matured", author="Lenin",
                   text="The crisis has matured.\nThe peasants   revolt."),
            Source(id="letter", title="A letter", path="texts/letter.txt"),
        ],
        claims=[
            Claim(id="crisis_matured", text="A crisis has matured.", source="crisis",
                  quote="crisis has matured", tags=["ch1"]),
            Claim(id="insurrection_now", text="Take power now.", assumed=True),
            Claim(id="peasants", text="Peasants revolt.", source="crisis",
                  quote="The peasants revolt"),
            Claim(id="army", text="The army is loyal.", source="crisis", quote="not there"),
            Claim(id="wait", text="Wait.", source="letter", quote="wait for the congress"),
        ],
        evidence=[
            Evidence(id="dyelo", kind=EvidenceKind.QUOTATION, text="A paper says so.",
                     cites="Dyelo Naroda"),
        ],
        inferences=[
            Inference(id="crisis_demands_action", premises=["crisis_matured", "dyelo"],
                      conclusion="insurrection_now", scheme="practical reasoning",
                      warrant="A crisis calls for action."),
            Inference(id="army_attacks", premises=["army"], conclusion="insurrection_now",
                      kind=InferenceKind.ATTACK),
            Inference(id="wait_undercuts", premises=["wait"], conclusion="crisis_demands_action",
                      kind=InferenceKind.UNDERCUT),
        ],
    )  # fmt: skip


def test_written_document() -> None:
    amap = crisis()
    text, report = sadface.to_text(amap)
    out = json.loads(text)
    core = out["metadata"]["core"]
    assert core["version"] == "0.2"
    assert core["title"] == "The Crisis"
    assert {"id", "created", "edited", "analyst_name", "analyst_email"} <= set(core)
    nodes = {n["metadata"].get("argmap", {}).get("id"): n for n in out["nodes"]}
    assert core["claim"] == nodes["insurrection_now"]["id"]
    for node in out["nodes"]:
        assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
                            node["id"])  # fmt: skip
    resources = {r["metadata"]["argmap"]["id"]: r for r in out["resources"]}
    assert resources["crisis"]["metadata"]["core"]["title"] == "The Crisis Has Matured"
    assert resources["letter"]["content"] is None
    assert resources["letter"]["metadata"]["argmap"]["path"] == "texts/letter.txt"
    # offsets and lengths point at the quote (whitespace folded)
    content = resources["crisis"]["content"]
    for ident in ("crisis_matured", "peasants"):
        (entry,) = nodes[ident]["sources"]
        assert entry["resource_id"] == resources["crisis"]["id"]
        found = content[entry["offset"] : entry["offset"] + entry["length"]]
        assert " ".join(found.split()) == entry["text"]
    assert nodes["army"]["sources"][0]["offset"] is None
    assert nodes["army"]["metadata"]["argmap"]["unverified_quote"] is True
    assert nodes["dyelo"]["metadata"]["argmap"] == {
        "id": "dyelo", "evidence": "quotation", "cites": "Dyelo Naroda",
    }  # fmt: skip
    assert nodes["insurrection_now"]["metadata"]["argmap"]["assumed"] is True
    assert nodes["crisis_demands_action"]["name"] == "practical reasoning"
    assert nodes["army_attacks"]["name"] == "attack"
    assert nodes["wait_undercuts"]["name"] == "attack"
    undercut_edge = [e for e in out["edges"] if e["source_id"] == nodes["wait_undercuts"]["id"]]
    assert [e["target_id"] for e in undercut_edge] == [nodes["crisis_demands_action"]["id"]]
    whats = {n.what for n in report}
    assert "quotes not found in their source's text written without offset" in whats
    assert "source files not embedded: their path is kept in the resource's metadata" in whats
    back, _ = sadface.from_text(text)
    assert back == amap


def test_writing_is_stable_apart_from_the_time() -> None:
    first, _ = sadface.to_text(crisis())
    second, _ = sadface.to_text(crisis())
    strip = re.compile(r'"(created|edited)": "[^"]*"')
    assert strip.sub("", first) == strip.sub("", second)
    assert (
        json.loads(first)["metadata"]["core"]["id"] == json.loads(second)["metadata"]["core"]["id"]
    )


def test_kind_and_scheme_the_name_does_not_tell_go_to_metadata() -> None:
    amap = ArgumentMap(
        title="T",
        claims=[Claim(id="a", text="A."), Claim(id="b", text="B.")],
        inferences=[
            Inference(id="i", premises=["a"], conclusion="b", kind=InferenceKind.ATTACK,
                      scheme="Argument From Expert Opinion"),
            Inference(id="j", premises=["b"], conclusion="a", scheme="support"),
        ],
    )  # fmt: skip
    out = json.loads(sadface.to_text(amap)[0])
    names = {n["metadata"]["argmap"]["id"]: n for n in out["nodes"]}
    assert names["i"]["metadata"]["argmap"]["kind"] == "attack"
    assert names["j"]["metadata"]["argmap"]["scheme"] == "support"
    assert sadface.from_text(json.dumps(out))[0] == amap


@pytest.mark.parametrize(
    ("name", "node_type", "to_scheme", "kind", "scheme_name"),
    [
        ("support", "scheme", False, "support", None),
        ("inference", "scheme", False, "support", None),
        ("Argument From Expert Opinion", "scheme", False, "support",
         "Argument From Expert Opinion"),
        ("conflict", "scheme", False, "attack", None),
        ("Default Conflict", "scheme", False, "attack", None),
        ("Conflict From Bias", "scheme", False, "attack", "Conflict From Bias"),
        ("disagree", "scheme", False, "attack", None),
        ("REBUTTAL", "scheme", False, "attack", None),
        ("anything", "conflict", False, "attack", "anything"),
        ("attack", "scheme", True, "undercut", None),
        ("undermining premise", "scheme", True, "undercut", "undermining premise"),
        ("support", "scheme", True, None, None),
        ("rephrase", "scheme", False, "rephrase", None),
        ("Default Rephrase", "scheme", False, "rephrase", None),
        ("Restating", "scheme", False, "rephrase", "Restating"),
        ("rephrase", "scheme", True, None, None),
        ("rephrase", "conflict", False, "attack", None),
    ],
)  # fmt: skip
def test_scheme_names(
    name: str, node_type: str, to_scheme: bool, kind: str | None, scheme_name: str | None
) -> None:
    found = _derived_kind(name, node_type, to_scheme)
    assert (found.value if found else None) == kind
    assert _derived_scheme(name) == scheme_name


def test_scheme_with_several_premises_and_no_name() -> None:
    nameless = {"id": "s", "type": "scheme", "metadata": {}}
    text = doc([atom("a"), atom("b"), atom("c"), nameless],
               [edge("a", "s"), edge("b", "s"), edge("s", "c")])  # fmt: skip
    amap, _ = sadface.from_text(text)
    (step,) = amap.inferences
    assert (step.premises, step.conclusion, step.kind) == (["a", "b"], "c", InferenceKind.SUPPORT)
    again = json.loads(sadface.to_text(amap)[0])
    assert "name" not in next(n for n in again["nodes"] if n["id"] == "s")


def test_invalid_argmap_metadata_is_kept_not_fatal() -> None:
    bad = {"argmap": {"tags": 5, "assumed": "maybe", "evidence": "rumour", "kind": "sideways"}}
    text = doc([atom("a", metadata=bad), atom("b"), scheme("s")], [edge("a", "s"), edge("s", "b")])
    amap, report = sadface.from_text(text)
    assert amap.claims[0].tags == []
    assert amap.claims[0].extra["sadface"]["metadata"]["argmap"]["tags"] == 5
    assert amap.inferences[0].kind is InferenceKind.SUPPORT
    assert "argmap metadata that is not valid kept in `extra`" in {n.what for n in report}
    out = json.loads(sadface.to_text(amap)[0])
    assert next(n for n in out["nodes"] if n["id"] == "a")["metadata"] == bad


def test_colliding_ids_made_unique() -> None:
    text = doc([atom("a b"), atom("a.b"), atom("a_b"), scheme("s")],
               [edge("a b", "s"), edge("s", "a.b")])  # fmt: skip
    amap, _ = sadface.from_text(text)
    assert [c.id for c in amap.claims] == ["a_b", "a_b-2", "a_b-3"]
    assert amap.inferences[0].premises == ["a_b"]
    again = json.loads(sadface.to_text(amap)[0])
    assert {n["id"] for n in again["nodes"]} == {"a b", "a.b", "a_b", "s"}
    assert sadface.from_text(json.dumps(again))[0] == amap


def test_cycles_of_undercuts_and_self_loops() -> None:
    text = doc(
        [atom("a"), atom("b"), scheme("s", "attack"), scheme("t", "attack"), scheme("u")],
        [edge("a", "s"), edge("s", "t"), edge("b", "t"), edge("t", "s"),
         edge("a", "u"), edge("u", "u")],
    )  # fmt: skip
    amap, report = sadface.from_text(text)
    assert {(i.id, i.kind.value, i.conclusion) for i in amap.inferences} == {
        ("s", "undercut", "t"), ("t", "undercut", "s"),
    }  # fmt: skip
    assert "edges from a scheme to itself kept in `extra`" in {n.what for n in report}


def test_thesis_that_is_not_an_atom_is_kept() -> None:
    text = json.dumps({"metadata": {"core": {"title": "T", "claim": "s"}}, "nodes": [scheme("s")],
                       "edges": []})  # fmt: skip
    amap, _ = sadface.from_text(text)
    assert amap.thesis is None
    assert amap.extra["sadface"]["core"]["claim"] == "s"
    assert json.loads(sadface.to_text(amap)[0])["metadata"]["core"]["claim"] == "s"


def test_registry_reads_the_sadface_suffix(tmp_path: Path) -> None:
    path = tmp_path / "hangback.sadface.json"
    path.write_text(doc([atom("a")], []), encoding="utf-8")
    amap = argmap.read(path)
    assert amap.conversion is not None
    assert amap.conversion.format == "sadface"
    assert argmap.read(path, strict=True).claims[0].id == "a"


# Hostile input


def test_truncated() -> None:
    text = FEATURES.read_text(encoding="utf-8")
    problem = only(problems(text[: len(text) // 2]))
    assert problem.code == "syntax-error"
    assert problem.location is not None
    assert problem.location.line is not None
    assert problem.location.line > 1


@pytest.mark.parametrize(
    ("text", "code", "message", "line"),
    [
        ('{"nodes": {}, "edges": []}', "wrong-type", "`nodes` must be a list, not a mapping", 1),
        ('{"nodes": [],\n "edges": [{"id": "e", "source_id": "a"}]}', "missing-field",
         "edge `e` has no `target_id`", 2),
        ('{"nodes": [\n {"id": 7, "type": "atom", "text": "A"}], "edges": []}', "wrong-type",
         "`nodes[0].id` must be text, not a number", 2),
        ('{"nodes": [\n "atom"], "edges": []}', "wrong-type",
         "`nodes[0]` must be a mapping (a JSON object), not text", 2),
        ('{"nodes": [{"id": "a", "type": "atom", "text": "A", "sources": [\n'
         ' {"resource_id": "r", "text": "A", "offset": "0"}]}], "edges": []}',
         "wrong-type", "`nodes[0].sources[0].offset` must be a whole number, not text", 2),
        ('{"metadata": {"core": {\n"title": 5}}, "nodes": [], "edges": []}', "wrong-type",
         "`metadata.core.title` must be text, not a number", 2),
        ('{"nodes": [{"id": "a", "type": "atom", "text": "A"}]}', "missing-field",
         "the document has no `edges`", 1),
        ('{"nodes": [], "edges": [],\n "metadata": {"x": 1}}', "wrong-type",
         "`metadata.x` must be a mapping (a JSON object), not a number", 2),
    ],
)  # fmt: skip
def test_wrong_types(text: str, code: str, message: str, line: int) -> None:
    problem = only(problems(text))
    assert (problem.code, problem.message) == (code, message)
    assert problem.location is not None
    assert problem.location.line == line


def test_all_problems_at_once() -> None:
    text = '{"nodes": [{"id": "a"}, {"type": "atom"}],\n "edges": [{"id": "e"}]}'
    found = problems(text)
    assert [p.message for p in found] == [
        "node `a` has no `type`",
        "`nodes[1]` has no `id`",
        "edge `e` has no `source_id`",
        "edge `e` has no `target_id`",
    ]
    assert [p.location.line for p in found if p.location] == [1, 1, 2, 2]


def test_duplicate_ids() -> None:
    text = doc([atom("a"), atom("b"), atom("a")], [edge("a", "b"), edge("a", "b")], resources=[
        {"id": "r", "content": "x"}, {"id": "r", "content": "y"},
    ]).replace("}, {", "},\n{")  # fmt: skip
    found = problems(text)
    assert sorted(p.message for p in found) == [
        "edge `a-b` is defined twice (first at line 4)",
        "node `a` is defined twice (first at line 2)",
        "resource `r` is defined twice (first at line 1)",
    ]
    assert all(p.code == "duplicate-id" for p in found)


def test_duplicate_keys() -> None:
    problem = only(problems('{"nodes": [],\n "edges": [], "nodes": []}'))
    assert problem.code == "duplicate-key"
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (2, 15)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty-file"),
        ("  \n", "empty-file"),
        ("[1, 2]", "not-a-map"),
        ('"a string"', "not-a-map"),
        ('{"title": "no nodes"}', "not-sadface"),
        ('{"argmap": 1, "title": "T", "claims": []}', "not-sadface"),
        ('{"nodes": [], "edges": [], "x": NaN}', "syntax-error"),
        ('{"nodes": [], "edges": [], "x": 1e999}', "syntax-error"),
        ('{"nodes": [], "edges": [], "x": ' + "9" * 5000 + "}", "syntax-error"),
        ('{"nodes": [], "edges": [], "metadata": {"core": {"x": ' + "[" * 100 + "]" * 100 + "}}}",
         "too-deep"),
        ('{"nodes": ' + "[" * 100_000 + "]" * 100_000 + ', "edges": []}', "too-deep"),
    ],
)  # fmt: skip
def test_not_sadface(text: str, code: str) -> None:
    assert problems(text)[0].code == code


@pytest.mark.parametrize(
    "text",
    [
        '{"nodes": [{"nodeID": "1", "text": "A", "type": "I"}], "edges": []}',
        '{"nodes": [], "edges": [], "locutions": []}',
    ],
)
def test_aif_is_recognised(text: str) -> None:
    problem = only(problems(text))
    assert problem.code == "not-sadface"
    assert problem.hint == "read it with `--format aif`"


def test_enormous_texts_and_ids_read_quickly() -> None:
    big = "word " * 1_000_000
    long_id = "x" * 100_000
    text = doc(
        [atom(long_id, big), atom("b", "B", sources=[
            {"resource_id": "r", "text": "word word", "offset": 0, "length": 9}]), scheme("s")],
        [edge(long_id, "s"), edge("s", "b")],
        resources=[{"id": "r", "content": big, "type": "text", "metadata": {}}],
    )  # fmt: skip
    amap, _ = sadface.from_text(text)
    ident = amap.claims[0].id
    assert len(ident) <= 128
    assert amap.inferences[0].premises == [ident]
    assert amap.claims[0].extra["sadface"]["id"] == long_id
    assert amap.claims[1].quote == "word word"
    out = json.loads(sadface.to_text(amap)[0])
    assert {n["id"] for n in out["nodes"]} == {long_id, "b", "s"}


def test_lone_surrogate_escapes_are_refused() -> None:
    text = doc([atom("a", "fine"), atom("b", "x")], []).replace('"x"', '"bad \\ud800 text"')
    problem = only(problems(text))
    assert problem.code == "invalid-text"
    assert problem.path == ("nodes", 1, "text")
    # a pair of escapes is one character, and fine
    amap, _ = sadface.from_text(text.replace("\\ud800", "\\ud83d\\ude00"))
    assert amap.claims[1].text == "bad \U0001f600 text"


# Any document of the right shape: read, or refused with problems; never a crash.

node_ids = st.sampled_from(
    ["a", "b", "c", "s", "t", "u", "a b", "-x", "d5b7e0d2-1f0a-4c7e-8a4e-0c3c1c0c1c0c"]
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)
argmap_metadata = st.dictionaries(
    st.sampled_from(["id", "kind", "scheme", "evidence", "tags", "note", "unverified_quote",
                     "extra", "assumed", "path", "author", "title", "warrant", "checks"]),
    json_values | st.sampled_from(["attack", "undercut", "support", "statistic", "a", "s", True]),
    max_size=3,
)  # fmt: skip
metadata: st.SearchStrategy[Any] = (
    st.just({})
    | st.fixed_dictionaries({"core": st.just({})})
    | st.fixed_dictionaries({"argmap": argmap_metadata})
    | st.dictionaries(
        st.text(max_size=3),
        st.dictionaries(st.text(max_size=3), json_values, max_size=2),
        max_size=2,
    )
)
entries = st.fixed_dictionaries(
    {"resource_id": st.sampled_from(["r", "q", "missing"]),
     "text": st.sampled_from(["", " ", "crisis", "has matured", "nowhere", "The crisis has"])},
    optional={"offset": st.none() | st.integers(-2, 30), "length": st.none() | st.integers(0, 30)},
)  # fmt: skip
nodes = st.fixed_dictionaries(
    {"id": node_ids, "type": st.sampled_from(["atom", "atom", "scheme", "conflict", "locution"])},
    optional={
        "text": st.sampled_from(["A claim.", "", "  ", "Another."]),
        "name": st.sampled_from(
            ["support", "conflict", "attack", "Expert Opinion", "", "inference"]
        ),
        "sources": st.lists(entries, max_size=2),
        "metadata": metadata,
        "extra-field": json_values,
    },
)
edges = st.fixed_dictionaries(
    {"id": st.text(max_size=2), "source_id": node_ids, "target_id": node_ids | st.just("ghost")}
)
resources = st.fixed_dictionaries(
    {"id": st.sampled_from(["r", "q", "r r"])},
    optional={"content": st.none() | st.just("The crisis has matured."),
              "type": st.sampled_from(["text", "image"]), "metadata": metadata},
)  # fmt: skip
cores = st.fixed_dictionaries(
    {},
    optional={"id": st.sampled_from(["d", "d5b7e0d2-1f0a-4c7e-8a4e-0c3c1c0c1c0c"]),
              "title": st.sampled_from(["T", "", " "]), "claim": node_ids,
              "description": st.text(max_size=3),
              "version": st.just("0.2")},
)  # fmt: skip
documents = st.fixed_dictionaries(
    {"nodes": st.lists(nodes, max_size=8), "edges": st.lists(edges, max_size=10)},
    optional={"resources": st.lists(resources, max_size=2),
              "metadata": st.fixed_dictionaries(
                  {"core": cores}, optional={"argmap": argmap_metadata})},
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(documents)
def test_any_document_reads_or_is_refused_and_writes_back(data: dict[str, Any]) -> None:
    try:
        amap, _ = sadface.from_text(json.dumps(data))
    except InvalidMapError as err:
        refused: InvalidMapError | None = err
    else:
        refused = None
    if refused is not None:
        assert refused.problems
        return
    assert integrity_problems(amap) == []
    written, _ = sadface.to_text(amap)
    again = json.loads(written)
    assert by_id(again["nodes"]).keys() == by_id(data["nodes"]).keys()
    assert sorted(e["id"] for e in again["edges"]) == sorted(e["id"] for e in data["edges"])
    assert sadface.from_text(written)[0] == amap


def test_other_versions_are_read_and_written_as_02() -> None:
    text = json.dumps(
        {"metadata": {"core": {"id": "d", "title": "T", "version": "0.5"}}, "nodes": [atom("a")],
         "edges": []}
    )  # fmt: skip
    amap, _ = sadface.from_text(text)
    assert amap.extra["sadface"]["core"]["version"] == "0.5"
    out, report = sadface.to_text(amap)
    assert json.loads(out)["metadata"]["core"]["version"] == "0.2"
    assert [n.what for n in report.losses] == ["a SADFace 0.5 document written as version 0.2"]


def test_findings_on_a_sadface_file_point_at_the_node(tmp_path: Path) -> None:
    path = tmp_path / "crisis.sadface.json"
    argmap.write(argmap.read(CORE_MAP), path)
    lines = path.read_text(encoding="utf-8").splitlines()
    findings = list(argmap.check(argmap.read(path)))
    assert findings
    for finding in findings:
        assert finding.location is not None
        assert finding.location.line is not None
        node = "\n".join(lines[finding.location.line - 1 : finding.location.line + 12])
        assert f'"id": "{finding.ids[0]}"' in node or finding.ids[0] in node


# Restatement: a scheme named "rephrase"


def test_a_rephrase_is_a_scheme_named_rephrase_from_what_it_restates() -> None:
    text, report = sadface.to_text(RESTATED)
    assert not report.lossy
    out = json.loads(text)
    node = next(n for n in out["nodes"] if n.get("name") == "rephrase")
    assert node["type"] == "scheme"
    assert node["metadata"]["argmap"] == {"id": "r"}  # the name tells the kind
    ids = {n["id"]: n.get("text", n.get("name")) for n in out["nodes"]}
    ends = {(ids[e["source_id"]], ids[e["target_id"]]) for e in out["edges"]}
    assert ("Cities should ban cars.", "rephrase") in ends  # the premise restated
    assert ("rephrase", "In short, cars have no place in our cities.") in ends
    back, report = sadface.from_text(text)
    assert back == RESTATED
    assert not report.lossy


def test_a_scheme_named_rephrase_is_read_and_written_back_unchanged() -> None:
    text = doc(
        [atom("a", "Taxes must fall."), atom("b", "Cut the taxes."), scheme("s", "Rephrase")],
        [edge("a", "s"), edge("s", "b")],
    )
    amap, report = sadface.from_text(text)
    (step,) = amap.inferences
    assert (step.kind, step.premises, step.conclusion, step.scheme) == (
        InferenceKind.REPHRASE,
        ["a"],
        "b",
        None,
    )
    assert not report.lossy
    again = json.loads(sadface.to_text(amap)[0])
    original = json.loads(text)
    for part in ("nodes", "edges"):
        assert by_id(again[part]) == by_id(original[part])


def test_a_rephrase_scheme_argmap_cannot_hold_is_kept() -> None:
    text = doc(
        [atom("a"), atom("b"), atom("c"), scheme("s", "rephrase"), scheme("t"),
         scheme("u", "restatement")],
        [edge("a", "s"), edge("b", "s"), edge("s", "c"), edge("a", "t"), edge("t", "c"),
         edge("b", "u"), edge("u", "t")],
    )  # fmt: skip
    amap, report = sadface.from_text(text)
    assert [i.id for i in amap.inferences] == ["t"]
    assert {n["id"] for n in amap.extra["sadface"]["nodes"]} == {"s", "u"}
    notes = {n.what for n in report}
    assert (
        "rephrase schemes with several premises kept in `extra` (a rephrase restates one statement)"
        in notes
    )
    assert (
        "rephrase schemes that point to a scheme (argmap restates statements only) kept in `extra`"
        in notes
    )
    again = json.loads(sadface.to_text(amap)[0])
    original = json.loads(text)
    for part in ("nodes", "edges"):
        assert by_id(again[part]) == by_id(original[part])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps_with_rephrases())
def test_maps_with_rephrases_round_trip(amap: ArgumentMap) -> None:
    assert integrity_problems(amap) == []
    text, _ = sadface.to_text(amap)
    back, report = sadface.from_text(text)
    assert back == amap
    assert not report.lossy
