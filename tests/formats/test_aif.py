"""AIF JSON: reading the variants of real files, writing valid AIF, and losing nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import argmap
from argmap import ArgumentMap, InferenceKind, InvalidMapError
from argmap.files import read_text
from argmap.formats import aif
from argmap.models import integrity_problems
from tests.conftest import CORE_MAP, corpus
from tests.formats.restatements import RESTATED, maps_with_rephrases
from tests.strategies import maps


def doc(nodes: list[tuple[Any, str, str]], edges: list[tuple[Any, Any]], **more: Any) -> str:
    """An AIFdb-like document: nodes as (id, type, text), edges as (from, to)."""
    return json.dumps(
        {
            "nodes": [{"nodeID": i, "type": t, "text": x} for i, t, x in nodes],
            "edges": [
                {"edgeID": f"e{n}", "fromID": a, "toID": b} for n, (a, b) in enumerate(edges)
            ],
            **more,
        }
    )


@pytest.fixture
def crisis_core() -> ArgumentMap:
    return argmap.read(CORE_MAP)


def read(text: str) -> tuple[ArgumentMap, argmap.ConversionReport]:
    return aif.from_text(text, "map.json")


def problems(text: str) -> list[argmap.Problem]:
    with pytest.raises(InvalidMapError) as caught:
        read(text)
    return list(caught.value.problems)


BASIC = doc(
    [
        ("1", "I", "Prices rose."),
        ("2", "I", "Wages fell."),
        ("3", "I", "People are poorer."),
        ("4", "RA", "Default Inference"),
        ("5", "I", "Bonuses rose."),
        ("6", "CA", "Default Conflict"),
        ("7", "I", "The figures are old."),
        ("8", "CA", "Default Conflict"),
        ("9", "RA", "RA"),
    ],
    [("1", "4"), ("2", "4"), ("4", "3"), ("5", "6"), ("6", "3"), ("7", "8"), ("8", "4")],
)


def test_scheme_nodes_become_inferences() -> None:
    amap, report = read(BASIC)
    steps = {i.id: i for i in amap.inferences}
    assert steps["4"].premises == ["1", "2"]  # linked
    assert steps["4"].conclusion == "3"
    assert steps["4"].kind is InferenceKind.SUPPORT
    assert steps["4"].scheme is None  # AIF's default inference names no scheme
    assert (steps["6"].kind, steps["6"].conclusion) == (InferenceKind.ATTACK, "3")
    assert (steps["8"].kind, steps["8"].conclusion) == (InferenceKind.UNDERCUT, "4")
    assert [c.id for c in amap.claims] == ["1", "2", "3", "5", "7"]
    # the RA node with no premise and no conclusion is kept, and said so
    assert amap.extra["aif"]["nodes"] == [{"nodeID": "9", "type": "RA", "text": "RA"}]
    assert "RA nodes with no premise kept in `extra` (argmap needs one of each): 1 (node 9)" in (
        report.format_text()
    )
    assert not report.lossy


def test_scheme_names_are_kept() -> None:
    text = json.dumps(
        {
            "nodes": [
                {"nodeID": "1", "type": "I", "text": "A"},
                {"nodeID": "2", "type": "I", "text": "B"},
                {
                    "nodeID": "3",
                    "type": "RA",
                    "text": "RA",
                    "scheme": "ExpertOpinion",
                    "schemeID": "15",
                },
            ],
            "edges": [
                {"edgeID": "1", "fromID": "1", "toID": "3"},
                {"edgeID": "2", "fromID": "3", "toID": "2"},
            ],
        }
    )
    amap, _ = read(text)
    assert amap.inferences[0].scheme == "ExpertOpinion"
    out = json.loads(aif.to_text(amap)[0])
    assert {
        "nodeID": "3",
        "type": "RA",
        "text": "RA",
        "scheme": "ExpertOpinion",
        "schemeID": "15",
    } in out["nodes"]


def test_integer_ids_from_zero_round_trip() -> None:
    text = doc([(0, "I", "A"), (1, "I", "B"), (2, "RA", "Default Inference")], [(0, 2), (2, 1)])
    amap, _ = read(text)
    assert [c.id for c in amap.claims] == ["0", "1"]
    assert amap.inferences[0].premises == ["0"]
    out = json.loads(aif.to_text(amap)[0])
    assert sorted(n["nodeID"] for n in out["nodes"]) == [0, 1, 2]
    assert {(e["fromID"], e["toID"]) for e in out["edges"]} == {(0, 2), (2, 1)}


def test_dialogue_nodes_give_locutions_and_are_kept() -> None:
    text = doc(
        [
            ("1", "I", "Taxes must fall."),
            ("2", "L", "CLINTON : taxes must fall"),
            ("3", "YA", "Asserting"),
            ("4", "L", "TRUMP : no"),
            ("5", "TA", "Default Transition"),
            ("6", "MA", "Default Rephrase"),
            ("7", "I", "Taxes should be cut."),
            ("8", "PA", "Default Preference"),
        ],
        [
            ("2", "3"),
            ("3", "1"),
            ("2", "5"),
            ("5", "4"),
            ("1", "6"),
            ("6", "7"),
            ("7", "8"),
            ("8", "1"),
        ],
    )
    amap, report = read(text)
    claim = amap.claims[0]
    assert [(lo.speaker, lo.text, lo.illocution) for lo in claim.locutions] == [
        ("CLINTON", "taxes must fall", "Asserting")
    ]
    kept = {n["type"] for n in amap.extra["aif"]["nodes"]}
    assert kept == {"L", "YA", "TA", "PA"}  # the MA node is a rephrase now
    assert [(i.kind, i.premises, i.conclusion) for i in amap.inferences] == [
        (InferenceKind.REPHRASE, ["7"], "1")
    ]
    summary = report.format_text()
    assert "MA nodes" not in summary
    assert "kept: PA nodes (preferences) kept in `extra`: 1" in summary
    assert "kept: L nodes (locutions)" in summary
    # written back, every node and edge is there again
    out = json.loads(aif.to_text(amap)[0])
    assert len(out["nodes"]) == 8
    assert len(out["edges"]) == 8


def test_ova3_wrapper_participants_and_text() -> None:
    text = json.dumps(
        {
            "AIF": {
                "nodes": [
                    {"nodeID": "1_99", "type": "I", "text": "A &amp; B"},
                    {"nodeID": "2_99", "type": "L", "text": "Rachel: A and B"},
                    {"nodeID": "3_99", "type": "YA", "text": "Asserting"},
                ],
                "edges": [
                    {"edgeID": 1, "fromID": "2_99", "toID": "3_99"},
                    {"edgeID": 2, "fromID": "3_99", "toID": "1_99"},
                ],
                "schemefulfillments": [{"nodeID": "3_99", "schemeID": "74"}],
                "participants": [
                    {"participantID": 1, "firstname": "Participant", "surname": "Rachel"}
                ],
                "locutions": [{"nodeID": "2_99", "personID": 1}],
            },
            "OVA": {"nodes": [], "edges": []},
            "text": {"txt": '<span id="node2_99">A and B</span><br>more', "url": "http://x"},
        }
    )
    amap, _ = read(text)
    assert amap.claims[0].text == "A & B"  # HTML entities decoded, the original kept
    assert amap.claims[0].extra["aif"]["text"] == "A &amp; B"
    assert amap.claims[0].locutions[0].speaker == "Participant Rachel"
    assert amap.sources[0].text == "A and B\nmore"
    assert amap.sources[0].url == "http://x"
    out = json.loads(aif.to_text(amap)[0])
    assert set(out) >= {"AIF", "OVA", "text"}
    assert out["AIF"]["nodes"][0]["text"] == "A &amp; B"
    assert out["AIF"]["schemefulfillments"] == [{"nodeID": "3_99", "schemeID": "74"}]


def test_ids_argmap_cannot_hold_are_changed_and_restored() -> None:
    text = doc(
        [("a b", "I", "A"), ("a_b", "I", "B"), ("x.y", "RA", "RA")],
        [("a b", "x.y"), ("x.y", "a_b")],
    )
    amap, report = read(text)
    assert [c.id for c in amap.claims] == ["a_b_2", "a_b"]
    assert report.lossy  # ids were changed
    out = json.loads(aif.to_text(amap)[0])
    assert {n["nodeID"] for n in out["nodes"]} == {"a b", "a_b", "x.y"}


def test_blank_text_is_filled_in_and_kept() -> None:
    amap, report = read(doc([("1", "I", "  ")], []))
    assert amap.claims[0].text == "(no text)"
    assert "changed: I-nodes without text" in report.format_text()
    assert json.loads(aif.to_text(amap)[0])["nodes"][0]["text"] == "  "


def test_cycles_are_read_not_followed() -> None:
    # a step that concludes its own premise, and two undercuts attacking each other
    text = doc(
        [("1", "I", "A"), ("2", "RA", "RA"), ("3", "I", "B"), ("4", "CA", "CA"), ("5", "CA", "CA")],
        [("1", "2"), ("2", "1"), ("3", "4"), ("4", "5"), ("3", "5"), ("5", "4")],
    )
    amap, _ = read(text)
    kinds = {i.id: (i.kind, i.conclusion) for i in amap.inferences}
    assert kinds == {
        "2": (InferenceKind.SUPPORT, "1"),
        "4": (InferenceKind.UNDERCUT, "5"),
        "5": (InferenceKind.UNDERCUT, "4"),
    }
    argmap.check(amap)  # the checker copes with them too


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('{"nodes": [{"nodeID": "1", "type": "I",', "this is not valid JSON", 1),
        ("[1, 2]", "an AIF file holds a JSON object, not a list", None),
        ('{"claims": []}', "no `nodes` list", None),
        ('{\n"nodes": {"a": 1}}', "`nodes` is an object", 2),
        ('{"nodes": [\n  {"type": "I", "text": "A"}]}', "node 0 has no `nodeID`", 2),
        (
            '{"nodes": [\n  {"nodeID": true, "type": "I"}]}',
            "node 0 has a `nodeID` of true or false",
            2,
        ),
        ('{"nodes": [{"nodeID": "1", "text": "A"}]}', "node `1` has no `type` string", 1),
        ('{"nodes": [{"nodeID": "1", "type": "I", "text": ["A"]}]}', "is a list, not a string", 1),
        ('{"nodes": [], "edges": [{"fromID": "1"}]}', "edge 0 needs a `fromID` and a `toID`", 1),
        ('{"nodes": [], "edges": 3}', "`edges` is a number, not a list", 1),
    ],
)
def test_what_is_not_aif_is_refused_located(text: str, message: str, line: int | None) -> None:
    found = problems(text)
    assert any(message in p.message for p in found), found
    if line is not None:
        assert found[0].location is not None
        assert found[0].location.line == line


def test_every_problem_of_a_file_at_once() -> None:
    text = (
        '{"nodes": [\n {"nodeID": "1", "type": "I"},\n {"nodeID": "1", "type": "I"},\n'
        ' 7,\n {"nodeID": 1, "type": "I"}\n]}'
    )
    found = problems(text)
    assert [p.location.line for p in found if p.location] == [3, 4, 5]
    assert "two nodes have the id `1`" in found[0].message


def test_ids_that_collide_as_text_are_refused() -> None:
    found = problems(doc([(1, "I", "A"), ("1", "I", "B")], []))
    assert "two nodes have the id `1`" in found[0].message


def test_argmap_json_read_as_aif_gets_a_hint() -> None:
    found = problems('{"argmap": 1, "title": "T", "claims": []}')
    assert found[0].hint is not None
    assert "`json`" in found[0].hint


def test_deep_nesting_and_enormous_text_fail_or_pass() -> None:
    deep = '{"nodes": [' + "[" * 100_000 + "]" * 100_000 + "]}"
    found = problems(deep)
    assert "nested too deeply" in found[0].message or "not an object" in found[0].message
    big = doc([("1", "I", "word " * 2_000_000)], [])
    amap, _ = read(big)
    assert len(amap.claims[0].text) == 10_000_000


def test_edges_to_missing_nodes_are_kept_and_said() -> None:
    amap, report = read(doc([("1", "I", "A")], [("1", "99")]))
    assert amap.extra["aif"]["edges"][0]["toID"] == "99"
    assert "edges naming a node the file does not have" in report.format_text()


def test_argmap_beyond_aif_round_trips(crisis_core: ArgumentMap) -> None:
    text, report = aif.to_text(crisis_core)
    data = json.loads(text)
    assert "argmap" in data
    assert not report.lossy
    back, _ = aif.from_text(text, "crisis.aif")
    assert back == crisis_core


def test_written_aif_is_valid(crisis_core: ArgumentMap) -> None:
    data = json.loads(aif.to_text(crisis_core)[0])
    types = {n["nodeID"]: n["type"] for n in data["nodes"]}
    for edge in data["edges"]:
        # no I-node is linked to an I-node: a scheme node stands between
        assert (types[edge["fromID"]], types[edge["toID"]]) != ("I", "I")
    assert len({e["edgeID"] for e in data["edges"]}) == len(data["edges"])
    for node in data["nodes"]:
        if node["type"] in ("RA", "CA"):
            assert node["scheme"]
            assert node["text"]
    defaults = [n for n in data["nodes"] if n.get("scheme") == "Default Inference"]
    assert defaults
    assert all(n["schemeID"] == "72" for n in defaults)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_argmap_to_aif_and_back(amap: ArgumentMap) -> None:
    text, _ = aif.to_text(amap)
    back, _ = aif.from_text(text)
    assert back == amap


def test_files_by_suffix_and_name(tmp_path: Path, crisis_core: ArgumentMap) -> None:
    path = tmp_path / "crisis.aif.json"
    report = argmap.write(crisis_core, path)
    assert report.format == "aif"
    back = argmap.read(path)
    assert (back.claims, back.evidence, back.inferences) == (
        crisis_core.claims,
        crisis_core.evidence,
        crisis_core.inferences,
    )
    assert back.sources[0].load_text(back.base_dir) == crisis_core.source_text("crisis")
    plain = tmp_path / "nodeset.json"
    plain.write_text(BASIC, encoding="utf-8")
    assert len(argmap.read(plain, format="aif").inferences) == 3


def corpus_files() -> list[Path]:
    return sorted(p for p in corpus("aif").rglob("*.json") if p.name != "aif2arggraph.json")


def test_every_real_aif_file_reads_and_writes_back_node_for_node() -> None:
    files = corpus_files()
    assert len(files) > 800
    for file in files:
        text = read_text(file)
        amap, _ = aif.from_text(text, file)
        ArgumentMap.model_validate(amap.model_dump())  # a valid map
        written = json.loads(aif.to_text(amap)[0])
        original = json.loads(text)
        for key in ("nodes", "edges"):
            before = {json.dumps(x, sort_keys=True) for x in original.get("AIF", original)[key]}
            after = {json.dumps(x, sort_keys=True) for x in written.get("AIF", written)[key]}
            assert before == after, (file, key)


def test_a_number_of_thousands_of_digits_is_refused_located() -> None:
    found = problems('{"nodes": [\n {"nodeID": ' + "9" * 5000 + ', "type": "I"}]}')
    assert found[0].message == "a number in the file has thousands of digits"
    assert found[0].location is not None
    assert (found[0].location.line, found[0].location.column) == (2, 13)


def test_repeated_keys_are_refused_not_passed_over() -> None:
    found = problems('{"nodes": [{"nodeID": "1", "type": "I", "text": "A"}],\n "nodes": []}')
    assert "`nodes` is given twice" in found[0].message
    assert found[0].location is not None
    assert found[0].location.line == 2


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ([1], "the `argmap` section is a list, not an object"),
        ({"items": [1]}, "`items` of the `argmap` section is a list"),
        ({"items": {"1": "oops"}}, "entry for `1` is a string, not an object"),
        ({"items": {"99": {"note": "n"}}}, "describes `99`, which is no node of the file"),
        ({"map": [1]}, "`map` of the `argmap` section is a list"),
        ({"mapp": {}}, "unknown entry `mapp`"),
        ({"items": {"1": {"tags": 3}}}, "entry for `1` is wrong"),
    ],
)
def test_a_broken_argmap_section_is_an_error_not_ignored(section: Any, message: str) -> None:
    text = json.dumps({**json.loads(BASIC), "argmap": section})
    found = problems(text)
    assert any(message in p.message for p in found), found


def test_texts_that_look_like_entities_survive() -> None:
    amap = ArgumentMap(
        title="T",
        claims=[argmap.Claim(id="a", text="&amp; &lt; is how HTML writes & <")],
    )
    back, _ = aif.from_text(aif.to_text(amap)[0])
    assert back.claims[0].text == amap.claims[0].text
    _, report = read(doc([("1", "I", "A &amp; B")], []))
    assert "kept: HTML entities in I-node texts decoded" in report.format_text()


def test_odd_scheme_names_survive_and_the_default_one_is_said() -> None:
    amap = ArgumentMap(
        title="T",
        claims=[argmap.Claim(id="a", text="A"), argmap.Claim(id="b", text="B")],
        inferences=[
            argmap.Inference(id="s", premises=["a"], conclusion="b", scheme="Default Conflict"),
            argmap.Inference(
                id="t", premises=["b"], conclusion="a", kind="attack", scheme="Default Inference"
            ),
            argmap.Inference(id="u", premises=["b"], conclusion="a", scheme="Default Inference"),
        ],
    )
    text, report = aif.to_text(amap)
    back, _ = aif.from_text(text)
    schemes = {i.id: i.scheme for i in back.inferences}
    assert schemes == {"s": "Default Conflict", "t": "Default Inference", "u": None}
    assert report.lossy
    assert "AIF's name for no scheme: read back as none: 1 (u)" in report.format_text()


def test_findings_on_an_aif_file_say_where_the_node_stands(tmp_path: Path) -> None:
    path = tmp_path / "basic.aif"
    path.write_text(BASIC.replace("}, {", "},\n{"), encoding="utf-8")
    amap = argmap.read(path)
    lines = BASIC.replace("}, {", "},\n{").splitlines()
    for finding in argmap.check(amap):
        assert finding.location is not None
        assert finding.location.file == str(path)
        line = lines[finding.location.line - 1]  # type: ignore[operator]
        assert f'"nodeID": "{finding.ids[0]}"' in line, (finding, line)


def test_other_formats_extra_survives_aif() -> None:
    amap = ArgumentMap(
        title="T",
        extra={"argdown": {"sections": [1]}},
        claims=[
            argmap.Claim(id="a", text="A", extra={"sadface": {"metadata": {"x": 1}}}),
            argmap.Claim(id="b", text="B"),
        ],
        inferences=[
            argmap.Inference(id="s", premises=["a"], conclusion="b", extra={"kialo": {"n": "1.1"}})
        ],
    )
    back, _ = aif.from_text(aif.to_text(amap)[0])
    assert back == amap


def test_a_node_read_the_careful_way_after_plain_ones_is_checked_against_them() -> None:
    # the first nodes are read quickly; from the integer id on, each node the careful way
    found = problems(doc([("1", "I", "A"), ("2", "I", "B"), (1, "I", "C")], []))
    assert "two nodes have the id `1` (nodes 0 and 2)" in found[0].message
    text = doc(
        [("a_b", "I", "A"), ("s", "RA", "RA"), ("a b", "I", "B"), ("t", "RA", "RA")],
        [("a_b", "s"), ("s", "a b"), ("a b", "t"), ("t", "a_b")],
    )
    amap, _ = read(text)
    assert [c.id for c in amap.claims] == ["a_b", "a_b_2"]
    assert [(i.premises, i.conclusion) for i in amap.inferences] == [
        (["a_b"], "a_b_2"),
        (["a_b_2"], "a_b"),
    ]


def test_findings_are_located_when_ids_were_changed(tmp_path: Path) -> None:
    text = doc(
        [("1", "I", "A"), ("a b", "I", "B"), ("3", "RA", "RA"), ("4", "I", "C")],
        [("1", "3"), ("3", "a b")],
    ).replace("}, {", "},\n{")
    path = tmp_path / "renamed.aif"
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    findings = list(argmap.check(argmap.read(path)))
    assert findings
    for finding in findings:
        assert finding.location is not None
        line = lines[finding.location.line - 1]  # type: ignore[operator]
        node_id = "a b" if finding.ids[0] == "a_b" else finding.ids[0]
        assert f'"nodeID": "{node_id}"' in line, (finding, line)


def test_scheme_names_of_any_json_value_are_kept() -> None:
    text = json.dumps(
        {
            "nodes": [
                {"nodeID": "1", "type": "I", "text": "A"},
                {"nodeID": "2", "type": "I", "text": "B"},
                {"nodeID": "3", "type": "RA", "text": "RA", "scheme": ["Sign"]},
                {"nodeID": "4", "type": "RA", "text": "RA", "scheme": ["Sign"]},
            ],
            "edges": [
                {"edgeID": "5", "fromID": "1", "toID": "3"},
                {"edgeID": "6", "fromID": "3", "toID": "2"},
                {"edgeID": "7", "fromID": "2", "toID": "4"},
                {"edgeID": "8", "fromID": "4", "toID": "1"},
            ],
        }
    )
    amap, _ = read(text)
    assert [i.scheme for i in amap.inferences] == [None, None]
    assert [i.extra["aif"]["scheme"] for i in amap.inferences] == [["Sign"], ["Sign"]]
    written = json.loads(aif.to_text(amap)[0])
    assert [n.get("scheme") for n in written["nodes"]][2:] == [["Sign"], ["Sign"]]


def test_a_broken_entry_for_an_unconnected_claim_is_an_error_not_a_lost_claim() -> None:
    """An I-node nothing refers to, whose entry in the `argmap` section is wrong, was
    dropped from the map while the report said nothing was lost."""
    text = json.dumps(
        {
            **json.loads(doc([("1", "I", "A."), ("2", "I", "B.")], [])),
            "argmap": {"items": {"2": {"assumed": "x"}}},
        }
    )
    found = problems(text)
    assert any("entry for `2` is wrong" in p.message for p in found), found


# Restatement: MA nodes are rephrases.

RESTATEMENT = Path(__file__).parent.parent / "data" / "aif" / "restatement.json"


def test_an_ma_node_between_two_i_nodes_is_a_rephrase_of_what_it_points_to() -> None:
    amap, report = aif.from_text(RESTATEMENT.read_text("utf-8"), RESTATEMENT)
    steps = {i.id: i for i in amap.inferences}
    # 102 ("We have to cut taxes", said later) -> MA -> 101 ("Taxes must fall"): 102
    # restates 101, so 101 is the premise and 102 the conclusion
    assert (steps["501"].kind, steps["501"].premises, steps["501"].conclusion) == (
        InferenceKind.REPHRASE,
        ["101"],
        "102",
    )
    assert steps["501"].scheme is None  # "Default Rephrase" names no scheme
    assert steps["501"].extra["aif"]["timestamp"] == "2024-05-02 10:00:09"
    assert "text" not in steps["501"].extra["aif"]  # writing gives AIF's names again
    renamed = steps["ma_2"]
    assert (renamed.premises, renamed.conclusion) == (["102"], "103")
    assert renamed.extra["aif"]["nodeID"] == "ma 2"
    assert set(steps) == {"501", "ma_2"}
    summary = report.format_text()
    assert "MA nodes with 2 I-nodes rephrasing one kept in `extra`" in summary
    assert "MA nodes with no premise kept in `extra`" in summary  # between two L-nodes
    assert {n["nodeID"] for n in amap.extra["aif"]["nodes"] if n["type"] == "MA"} == {
        "503",
        "504",
    }
    assert argmap.check(amap) is not None  # the checker takes them


def test_writing_an_ma_node_back_gives_every_node_and_edge_again() -> None:
    text = RESTATEMENT.read_text("utf-8")
    amap, _ = aif.from_text(text, RESTATEMENT)
    written = json.loads(aif.to_text(amap)[0])
    original = json.loads(text)
    for key in ("nodes", "edges"):
        before = {json.dumps(x, sort_keys=True) for x in original[key]}
        after = {json.dumps(x, sort_keys=True) for x in written[key]}
        assert before == after, key
    ma = [n for n in written["nodes"] if n["type"] == "MA"]
    assert {"nodeID": "ma 2", "text": "Default Rephrase", "type": "MA"} in ma


def test_a_rephrase_is_written_as_an_ma_node_from_the_restatement() -> None:
    text, report = aif.to_text(RESTATED)
    assert not report.lossy
    data = json.loads(text)
    assert {
        "nodeID": "r",
        "type": "MA",
        "text": "Default Rephrase",
        "scheme": "Default Rephrase",
        "schemeID": "144",
    } in data["nodes"]
    assert {(e["fromID"], e["toID"]) for e in data["edges"] if "r" in (e["fromID"], e["toID"])} == {
        ("again", "r"),
        ("r", "thesis"),
    }
    back, _ = aif.from_text(text)
    assert back == RESTATED
    assert "rephrase" not in json.dumps(data.get("argmap", {}))  # AIF holds it all


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(maps_with_rephrases())
def test_maps_with_rephrases_to_aif_and_back(amap: ArgumentMap) -> None:
    assert integrity_problems(amap) == []
    text, _ = aif.to_text(amap)
    back, _ = aif.from_text(text)
    assert back == amap


def test_a_real_debate_s_rephrases_restate_what_was_said_before() -> None:
    path = corpus("aif", "us-2016") / "format=aif,lang=en" / "nodeset10464.json"
    amap, report = aif.from_text(read_text(path), path)
    texts = {c.id: c.text for c in amap.claims}
    rephrases = {i.id: i for i in amap.inferences if i.kind is InferenceKind.REPHRASE}
    step = rephrases["221709"]
    assert texts[step.premises[0]] == "we need to repeal Dodd-Frank"
    assert texts[step.conclusion] == "we need to repeal and replace Dodd-Frank"
    assert len(rephrases) == 3
    assert "MA nodes" not in report.format_text()


def test_every_real_ma_node_between_two_i_nodes_is_a_rephrase() -> None:
    files = [f for f in corpus_files() if '"MA"' in read_text(f)]
    assert len(files) > 40
    rephrases = kept = 0
    for file in files:
        amap, _ = aif.from_text(read_text(file), file)
        rephrases += sum(i.kind is InferenceKind.REPHRASE for i in amap.inferences)
        kept += sum(1 for n in amap.extra["aif"]["nodes"] if n["type"] == "MA")
        assert integrity_problems(amap) == []
    assert rephrases > 190
    assert kept < 10  # those between L-nodes
