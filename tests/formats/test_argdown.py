"""Tests of the Argdown reader and writer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Inference, InvalidMapError
from argmap.formats import argdown
from argmap.formats.argdown_syntax import _LINK, _link_at, _Next, inline_text, parse
from argmap.models import InferenceKind, integrity_problems
from tests.conftest import assert_linear, corpus, corpus_files
from tests.formats.restatements import RESTATED, maps_with_rephrases
from tests.strategies import maps

ARGDOWN = "format=argdown,lang=en"
EXPORTS = "format=argdown-json,lang=en"


def _real_files() -> list[str]:
    return [p.name for p in corpus_files("argdown", ARGDOWN, pattern="*.argdown")]


def test_the_argdown_corpus_has_its_six_files() -> None:
    corpus("argdown", ARGDOWN)
    assert len(_real_files()) == 6


@pytest.mark.parametrize("name", _real_files())
def test_real_file_matches_the_official_export(name: str) -> None:
    source = corpus("argdown", ARGDOWN) / name
    exported = json.loads((corpus("argdown", EXPORTS) / f"{source.stem}.json").read_text("utf-8"))
    doc = parse(source.read_text("utf-8"), str(source))
    assert list(doc.statements) == list(exported["statements"])
    assert list(doc.arguments) == list(exported["arguments"])
    mine = [(r.type, r.from_, r.to) for r in doc.relations]
    theirs = [(r["relationType"], r["from"], r["to"]) for r in exported["relations"]]
    assert sorted(mine) == sorted(theirs)
    for title, argument in exported["arguments"].items():
        steps = doc.arguments[title].pcs
        assert [(s.title, s.role) for s in steps] == [
            (s["title"], s["role"]) for s in argument["pcs"]
        ]
    amap, _ = argdown.from_text(source.read_text("utf-8"), file=source)
    assert integrity_problems(amap) == []
    assert len(amap.claims) + len(amap.evidence) >= len(exported["statements"])


def test_statement_texts_follow_the_official_export() -> None:
    source = corpus("argdown", ARGDOWN) / "argdown-primer.argdown"
    doc = parse(source.read_text("utf-8"))
    assert doc.statements["Untitled 6"].members == [
        "This is a normal statement with bold and italic text, a and a link."
    ]
    assert doc.statements["Untitled 6"].tags == ["tag"]


PRIMER = """===
title: Small
model:
    mode: strict
===

# Part one {isGroup: false}

[a]: A is *true*. #core
  + [b]: B. {weight: 2}
  - <Doubt>: Maybe not.
  >< [c]: Not A.

<Arg>: Reasons. #(long tag)

(1) [b]
(2) P2.
--
Modus ponens, Reductio {uses: [1, 2]}
--
(3) Mid.
    <_ [u]: Undercutter.
(4) P4.
----
(5) [a]
"""


def test_mapping_of_a_small_document() -> None:
    amap, report = argdown.from_text(PRIMER, file="small.argdown")
    assert amap.title == "Small"
    claims = {c.id: c for c in amap.claims}
    assert claims["a"].text == "A is true."
    assert claims["a"].tags == ["core"]
    assert claims["b"].extra["argdown"]["data"] == {"weight": 2}
    assert claims["a"].extra["argdown"]["section"] == "Part one"
    assert claims["Doubt"].extra["argdown"]["argument"] is True
    inferences = {i.id: i for i in amap.inferences}
    assert inferences["Arg-3"].premises == ["b", "Untitled_1"]
    assert inferences["Arg-3"].scheme == "Modus ponens, Reductio"
    assert inferences["Arg"].premises == ["Untitled_2", "Untitled_3"]
    assert inferences["Arg"].conclusion == "a"
    assert inferences["Arg"].tags == ["long tag"]
    kinds = {(i.premises[0], i.conclusion): i.kind for i in amap.inferences if len(i.premises) == 1}
    assert kinds[("b", "a")] is InferenceKind.SUPPORT
    assert kinds[("Doubt", "a")] is InferenceKind.ATTACK
    assert kinds[("a", "c")] is kinds[("c", "a")] is InferenceKind.ATTACK
    assert kinds[("u", "Arg-3")] is InferenceKind.UNDERCUT
    assert any("contradictions" in note.what for note in report)


def test_undercut_of_a_reconstructed_argument_hits_its_last_inference() -> None:
    text = "<A>\n\n(1) p\n----\n(2) q\n\n[x]: X.\n  _> <A>\n"
    amap, _ = argdown.from_text(text)
    undercut = next(i for i in amap.inferences if i.kind is InferenceKind.UNDERCUT)
    assert (undercut.premises, undercut.conclusion) == (["x"], "A")


def test_relation_of_a_reconstructed_argument_is_one_of_its_conclusion() -> None:
    text = "[s]: S.\n  <- <A>\n\n<A>\n\n(1) p\n----\n(2) [c]: C.\n"
    doc = parse(text)
    assert [(r.from_, r.to, r.type) for r in doc.relations] == [("c", "s", "attack")]


def test_frontmatter_title_else_file_stem_else_default() -> None:
    assert argdown.from_text("[a]: A.\n", file="maps/x.argdown")[0].title == "x"
    assert argdown.from_text("[a]: A.\n")[0].title == "Argdown map"


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("+ [a]: A.\n", "unattached-relation", 1, 1),
        ("[a]: A.\n\n  - [b]: B.\n", "unattached-relation", 3, 3),
        ("[a]\nmore text\n", "text-after-reference", 1, 1),
        ("[a: A.\n", "unclosed-title", 1, 1),
        ("<a>\n\n(1) p\n(2) q\n", "missing-conclusion", 4, 1),
        ("(1) p\n--\nrule\n", "unclosed-inference", 2, 1),
        ("----\n(1) p\n", "stray-inference", 1, 1),
        ("<a>\n\n(1) p\n----\n(2) q\n\n<a>\n\n(1) p\n----\n(2) q\n", "second-pcs", 9, 1),
        ("[a]: A. {b: [1, }\n", "invalid-data", 1, 1),
        ("===\ntitle: a: b\n===\n\n[a]: A.\n", "invalid-frontmatter", 2, 1),
        ("[a]: A.\n  >< <b>\n", "invalid-relation", 2, 3),
        ("[a]: A. {argmap: {assumed: maybe}}\n", "invalid-data", 1, 1),
    ],
)
def test_errors_are_located(text: str, code: str, line: int, column: int) -> None:
    with pytest.raises(InvalidMapError) as caught:
        argdown.from_text(text, file="m.argdown")
    problem = caught.value.problems[0]
    assert problem.code == code
    assert problem.location is not None
    assert (problem.location.file, problem.location.line) == ("m.argdown", line)
    assert problem.location.column == column
    assert problem.hint


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(InvalidMapError) as caught:
        argdown.from_text("+ [a]: A.\n\n[b\n\n[c]\nx\n")
    assert [p.code for p in caught.value.problems] == [
        "unattached-relation",
        "unclosed-title",
        "text-after-reference",
    ]


def test_out_of_order_numbers_are_accepted_and_reported() -> None:
    amap, report = argdown.from_text("(1) p\n(3) q\n----\n(2) c\n")
    assert len(amap.inferences[0].premises) == 2
    assert report.lossy


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "{" * 5000,
        "}" * 5000 + "{",
        "[" * 5000,
        "(1)" * 3000,
        "-- " * 3000,
        "<!--",
        "/*",
        "===\n",
        "[a]: A.\n" + "".join("  " * i + "+ x\n" for i in range(1, 400)),
        "#" * 1000 + " h\n",
        "[a]: " + "*_" * 5000,
        "\x00\x85\u2028[a]: \ud7ff\n",
        "<a>\n\n(1) p\n----\n(2) q\n    <_ <a>\n    _> <a>\n",
    ],
)
def test_hostile_inputs_give_a_map_or_a_clear_error(text: str) -> None:
    problems = _map_or_problems(text)
    assert all(p.location is not None and p.location.line and p.hint for p in problems)


def _map_or_problems(text: str) -> list[argmap.Problem]:
    """Read ``text``: the problems it has, or none and a map whose references hold."""
    try:
        amap, _ = argdown.from_text(text)
    except InvalidMapError as err:
        return list(err.problems)
    assert integrity_problems(amap) == []
    return []


def test_colliding_titles_get_distinct_ids() -> None:
    amap, _ = argdown.from_text("[a b]: One.\n\n[a_b]: Two.\n\n<a b>: Three.\n")
    ids = [c.id for c in amap.claims]
    assert len(set(ids)) == 3
    assert amap.claims[0].extra["argdown"]["title"] == "a b"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps())
def test_round_trip(amap: ArgumentMap) -> None:
    text, _ = argdown.to_text(amap)
    back, _ = argdown.from_text(text)
    assert back == amap


def test_written_map_reads_back_through_the_registry(tmp_path: Path) -> None:
    amap = argmap.read(Path("examples/crisis_core.yaml"))
    path = tmp_path / "crisis.argdown"
    argmap.write(amap, path)
    back = argmap.read(path, allow_outside_sources=True)  # its text stays in examples/
    assert (back.claims, back.evidence, back.inferences) == (
        amap.claims,
        amap.evidence,
        amap.inferences,
    )
    assert (back.title, back.thesis) == (amap.title, amap.thesis)
    assert back.source_text("crisis") == amap.source_text("crisis")


def test_reading_is_linear() -> None:
    amap, _ = argdown.from_text(_generated(5000))
    assert len(amap.claims) == 5000 + 4999  # the statements, and the arguments without a pcs
    assert len(amap.inferences) == 2 * 4999
    assert_linear(lambda n: argdown.from_text(_generated(n)), 200)


def _generated(n: int) -> str:
    parts = ["===\ntitle: Big\n===\n"]
    for i in range(n):
        parts.append(f"[s{i}]: Statement number {i} says *something* #tag{i % 7}")
        if i:
            parts[-1] += f"\n  + [s{i - 1}]\n  - <a{i}>: Argument {i}."
    return "\n\n".join(parts) + "\n"


# Review fixes: empty items, undercuts before their target, frontmatter data, nothing
# dropped silently.


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("(1)\n", 1, 2),
        ("[a]: x\n  +\n", 2, 4),
        ("[a]: x\n  -   \n", 2, 7),
        ("<a>\n\n(1) p\n----\n(2)\n", 5, 2),
        ("(1) p\n----\n(2) q\n    <_\n", 4, 7),
    ],
)
def test_an_empty_item_is_a_located_error(text: str, line: int, column: int) -> None:
    with pytest.raises(InvalidMapError) as caught:
        argdown.from_text(text, file="e.argdown")
    problem = caught.value.problems[0]
    assert problem.code == "empty-element"
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (line, column)


def test_an_empty_item_fails_the_cli_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "a.argdown"
    path.write_text("(1)\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "argmap", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "a.argdown:1:2" in result.stdout + result.stderr


UNDERCUT_FIRST = ArgumentMap(
    title="t",
    claims=[Claim(id="a", text="A"), Claim(id="b", text="B"), Claim(id="c", text="C")],
    inferences=[
        Inference(id="u", premises=["c"], conclusion="s", kind=InferenceKind.UNDERCUT),
        Inference(id="s", premises=["b"], conclusion="a"),
    ],
)


def test_an_undercut_written_before_its_target_survives_a_round_trip() -> None:
    text, _ = argdown.to_text(UNDERCUT_FIRST)
    back, report = argdown.from_text(text)
    assert back == UNDERCUT_FIRST
    assert not report.lossy


def test_a_chain_of_undercuts_in_any_order_survives_a_round_trip() -> None:
    amap = ArgumentMap(
        title="t",
        claims=[Claim(id=x, text=x.upper()) for x in "abcd"],
        inferences=[
            Inference(id="u2", premises=["d"], conclusion="u1", kind=InferenceKind.UNDERCUT),
            Inference(id="u1", premises=["c"], conclusion="s", kind=InferenceKind.UNDERCUT),
            Inference(id="s", premises=["b"], conclusion="a"),
        ],
    )
    back, _ = argdown.from_text(argdown.to_text(amap)[0])
    assert back == amap


def _microtexts() -> list[str]:
    return [p.name for p in corpus_files("microtexts-xml", "corpus", "en", pattern="*.xml")]


@pytest.mark.parametrize("name", _microtexts())
def test_microtexts_survive_a_round_trip_through_argdown(name: str, tmp_path: Path) -> None:
    amap = argmap.read(corpus("microtexts-xml") / "corpus" / "en" / name)
    path = tmp_path / "m.argdown"
    argmap.write(amap, path)
    back = argmap.read(path)
    assert (back.claims, back.evidence, back.inferences) == (
        amap.claims,
        amap.evidence,
        amap.inferences,
    )


def test_micro_b022_keeps_its_undercut() -> None:
    amap = argmap.read(corpus("microtexts-xml") / "corpus" / "en" / "micro_b022.xml")
    assert any(i.kind is InferenceKind.UNDERCUT for i in amap.inferences)
    back, report = argdown.from_text(argdown.to_text(amap)[0])
    assert back.inferences == amap.inferences
    assert not report.lossy


@st.composite
def maps_with_undercuts_anywhere(draw: st.DrawFn) -> ArgumentMap:
    """A map of ``maps()`` with undercuts (of inferences and of undercuts) put anywhere."""
    amap = draw(maps())
    inferences = list(amap.inferences)
    if not inferences:
        return amap
    items = [c.id for c in amap.claims] + [e.id for e in amap.evidence]
    for n in range(draw(st.integers(1, 4))):
        target = draw(st.sampled_from(inferences))
        undercut = Inference(
            id=f"undercuts-{n}-{target.id}"[:60],
            premises=draw(st.lists(st.sampled_from(items), min_size=1, max_size=2, unique=True)),
            conclusion=target.id,
            kind=InferenceKind.UNDERCUT,
        )
        at = draw(st.integers(0, inferences.index(target)))  # before its target, often
        inferences.insert(at, undercut)
    return amap.model_copy(update={"inferences": inferences})


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps_with_undercuts_anywhere())
def test_round_trip_with_undercuts_before_their_targets(amap: ArgumentMap) -> None:
    assert integrity_problems(amap) == []
    text, _ = argdown.to_text(amap)
    back, _ = argdown.from_text(text)
    assert back == amap


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("===\nargmap: 5\n===\n\n[a]: A.\n", 2, 1, "a number"),
        ("===\ntitle: x\nargmap: {claims: 5}\n===\n\n[a]: A.\n", 3, 10, "`claims`"),
        ("===\ntitle: x\nargmap:\n  inferences: []\n===\n\n[a]: A.\n", 4, 3, "`inferences`"),
        ("===\ntitle: x\nargmap: {title: y}\n===\n\n[a]: A.\n", 3, 10, "`title`"),
        ("===\nargmap: {extra: 5}\n===\n\n[a]: A.\n", 2, 10, "extra"),
        ("===\nargmap: {description: [1]}\n===\n\n[a]: A.\n", 2, 10, "description"),
        ("===\nargmap: {thesis: zz}\n===\n\n[a]: A.\n", 2, 10, "zz"),
        ("===\n- a\n- b\n===\n\n[a]: A.\n", 2, 1, "a list"),
        ("[a]: A. {argmap: 5}\n", 1, 1, "a number"),
        ("[a]: A. {argmap: {id: z}}\n", 1, 1, "`id`"),
        ("[a]: A. {argmap: {extra: 5}}\n", 1, 1, "extra"),
        ("[a]: A. {argmap: {extra: {argdown: [1]}}}\n", 1, 1, "extra"),
        ("[a]: A. {argmap: {type: opinion}}\n", 1, 1, "opinion"),
        ("[a]: A.\n\n[b]: B. {argmap: {source: nowhere}}\n", 3, 1, "nowhere"),
        ("<g>: G. {argmap: [1]}\n", 1, 1, "a list"),
        ("<g> {argmap: {premises: [a]}}\n\n(1) [a]: A.\n----\n(2) [b]: B.\n", 1, 1, "premises"),
        ("(1) [a]: A.\n-- {argmap: {kind: attack}} --\n(2) [b]: B.\n", 2, 1, "`kind`"),
    ],
)
def test_bad_argmap_data_is_a_located_error(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(InvalidMapError) as caught:
        argdown.from_text(text, file="d.argdown")
    problem = caught.value.problems[0]
    assert problem.location is not None
    assert (problem.location.file, problem.location.line) == ("d.argdown", line)
    assert problem.location.column == column
    assert words in problem.message
    assert problem.hint


def _notes(text: str) -> list[str]:
    _, report = argdown.from_text(text)
    return [f"{note.action.value}: {note.what} ({note.detail})" for note in report]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[a]: A.\n  + [a]\n", "dropped: relations of an element to itself"),
        ("[a]: A. {x: 1}\n\n[a] {x: 2}\n", "changed: data keys given different values"),
        ("<g>: G.\n  + [c]: C.\n\n<g>\n\n(1) [p]: P.\n----\n(2) [c]\n", "dropped: relations of a"),
        ("(1) [p]: P.\n-- {uses: [7]} --\n(2) [c]: C.\n", "changed: `uses` data"),
        ("(1) [p]: P.\n(2) [p]\n----\n(3) [c]: C.\n", "changed: premises listed twice"),
        ("[a]: A. {argmap: {role: attack}}\n", "changed: `role` data"),
        (
            "===\nmodel: {mode: strict}\n===\n\n[a]: A.\n  - [b]: B.\n\n[b]\n  - [a]\n",
            "changed: contrary relations (strict mode) read as two attacks",
        ),
        (
            "<g>\n\n(1) [p]: P.\n    - [x]: X.\n----\n(2) [c]: C.\n\n<g>\n  - [x]\n",
            "changed: attacks on an argument by a statement that attacks one of its premises",
        ),
    ],
)
def test_what_the_reader_leaves_out_or_changes_is_reported(text: str, expected: str) -> None:
    notes = _notes(text)
    assert any(note.startswith(expected) for note in notes), notes


def test_strict_mode_attacks_both_ways_are_both_kept() -> None:
    text = "===\nmodel: {mode: strict}\n===\n\n[a]: A.\n  - [b]: B.\n\n[b]\n  - [a]\n"
    amap, _ = argdown.from_text(text)
    attacks = {(i.premises[0], i.conclusion) for i in amap.inferences}
    assert attacks == {("a", "b"), ("b", "a")}


def test_an_edited_marker_statement_becomes_a_claim_of_its_own() -> None:
    text, _ = argdown.to_text(UNDERCUT_FIRST)
    edited = text.replace("undercut on s", "Undercut, since C.")
    amap, _ = argdown.from_text(edited)
    claims = {c.id: c.text for c in amap.claims}
    assert "Undercut, since C." in claims.values()
    kinds = sorted(i.kind.value for i in amap.inferences)
    assert kinds == ["support", "support", "undercut"]


def test_heading_tags_and_data_are_kept() -> None:
    amap, _ = argdown.from_text("# Part #core {x: 1}\n\n[a]: A.\n")
    section = amap.extra["argdown"]["sections"][0]
    assert (section["title"], section["tags"], section["data"]) == ("Part", ["core"], {"x": 1})


_TOKENS = [
    "\n",
    "\n\n",
    "  ",
    "    ",
    "[a]",
    "[b]: B.",
    "<g>",
    "<h>: H.",
    "(1)",
    "(2)",
    "(3)",
    " p",
    "----",
    "--",
    " rule ",
    "+ ",
    "- ",
    "<+ ",
    "<- ",
    "+> ",
    "-> ",
    "_> ",
    "<_ ",
    "_ ",
    ">< ",
    "{",
    "}",
    "{argmap: {role: undercut}}",
    "{argmap: 5}",
    "{uses: [1]}",
    "#t",
    "===",
    "title: x",
    "# H",
    "//",
    "/*",
    "*/",
    "<!--",
    "-->",
    "\\",
    ":",
    "[",
    "]",
    "<",
    ">",
    "(",
    ")",
    "*",
    "_",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join))
def test_any_argdown_like_text_gives_a_map_or_a_located_error(text: str) -> None:
    problems = _map_or_problems(text)
    assert all(p.location is not None and p.location.line for p in problems)


@pytest.mark.parametrize(
    "data",
    [
        '{"note": "n", "tags": ["a", "b"], "n": 1.5, "t": true, "z": null}',
        '{"quote": "caf\\u00e9 \\"x\\" \\\\ y"}',
        '{"note": NaN}',  # not JSON: read as YAML, where NaN is text
        "{note: plain yaml, tags: [a]}",
    ],
)
def test_argmap_data_reads_alike_whether_json_or_yaml(data: str) -> None:
    from argmap.formats import argdown_syntax
    from argmap.formats.yaml_loader import parse_yaml

    doc = argdown_syntax.parse(f"[s]: A statement. {{argmap: {data}}}\n")
    expected, _, problems = parse_yaml(data)
    assert problems == []
    assert doc.statements["s"].data == {"argmap": expected}


def test_argmap_data_with_a_repeated_key_is_an_error() -> None:
    with pytest.raises(InvalidMapError) as caught:
        argdown.from_text('[s]: A. {argmap: {"note": "a", "note": "b"}}\n')
    assert "twice" in str(caught.value)


def test_findings_on_an_argdown_file_point_at_the_element(tmp_path: Path) -> None:
    path = tmp_path / "leap.argdown"
    path.write_text(
        "[c]: Cities should ban cars.\n\n[p]: Cars pollute.\n\n<leap>\n\n(1) [p]\n----\n(2) [c]\n",
        encoding="utf-8",
    )
    findings = {f.rule: f.location for f in argmap.check(argmap.read(path))}
    assert findings["unsupported-claim"] == argmap.Location(str(path), 3, 1)
    assert findings["unwarranted-step"] is not None
    assert findings["unwarranted-step"].line == 8  # the inference line of the step


@pytest.mark.parametrize(
    "data",
    [
        '{"note": "\\ud800"}',  # a lone surrogate: no text can hold it
        '{"extra": {"x": ' + "[" * 80 + "]" * 80 + "}}",  # deeper than YAML allows
        '{"note": "\x7f"}',  # a character YAML refuses
    ],
)
def test_argmap_data_yaml_refuses_is_refused_however_written(data: str) -> None:
    with pytest.raises(InvalidMapError):
        argdown.from_text(f"[s]: A. {{argmap: {data}}}\n")


@settings(max_examples=500)
@given(st.text("[]()\nab ", max_size=40))
def test_links_are_found_where_the_link_pattern_finds_them(text: str) -> None:
    """Links are found from the next `]`, `)` and line break rather than by the regex
    (which read to the end of the line at every `[`): at every `[`, the same link."""
    closing, parens, line_ends = _Next(text, "]"), _Next(text, ")"), _Next(text, "\n")
    for i, char in enumerate(text):
        if char == "[":
            match = _LINK.match(text, i)
            expected = (match.start(0) + 1 + len(match.group(1)), match.end()) if match else None
            assert _link_at(text, i, closing, parens, line_ends) == expected


def test_a_line_of_many_brackets_reads_as_its_text() -> None:
    """20,000 `[` on one line (each once sent the link pattern to the line's end)."""
    assert inline_text("[a]: " + "[" * 20_000)[0].count("[") == 20_001
    assert inline_text("[a](" * 10_000 + "x)")[0].startswith("a")


# Restatement: an equivalence class's statements with texts of their own, and rephrases


def test_a_class_s_later_texts_are_claims_restating_its_first() -> None:
    text = (
        "[Ban]: Cities should ban cars. #thesis\n  + [Air]: Cars pollute.\n\n"
        "[Ban]: Cities should ban cars.\n\n"  # the same text again: the same statement
        "[Ban]: In short, cars have no place in our cities.\n\n"
        "[Ban-2]: A title of the author's own.\n"
    )
    amap, report = argdown.from_text(text)
    claims = {c.id: c for c in amap.claims}
    assert [c.id for c in amap.claims] == ["Ban", "Air", "Ban-3", "Ban-2"]  # where they stand
    assert claims["Ban"].text == "Cities should ban cars."  # the first statement's
    assert claims["Ban"].tags == ["thesis"]
    assert claims["Ban-3"].text == "In short, cars have no place in our cities."
    assert claims["Ban-3"].extra == {"argdown": {"title": "Ban"}}
    assert claims["Ban-2"].text == "A title of the author's own."  # its title wins its id
    (rephrase,) = [i for i in amap.inferences if i.kind is InferenceKind.REPHRASE]
    assert (rephrase.id, rephrase.premises, rephrase.conclusion) == (
        "Ban-rephrase-Ban-3",
        ["Ban"],
        "Ban-3",
    )
    assert [i.conclusion for i in amap.inferences if i.kind is InferenceKind.SUPPORT] == ["Ban"]
    assert (
        "claims restating the class's first (kind: rephrase): 1 (<map>:6:1)" in report.format_text()
    )
    assert not report.lossy
    # written back, the restatement is a statement of the class again
    written = argdown.to_text(amap)[0]
    assert '[Ban]: In short, cars have no place in our cities. {argmap: {"restates": "Ban"' in (
        written
    )
    assert argdown.from_text(written)[0] == amap


def test_a_restated_thesis_round_trips_as_two_statements_of_one_class() -> None:
    text, report = argdown.to_text(RESTATED)
    assert (
        '[thesis]: In short, cars have no place in our cities. {argmap: {"restates": "thesis", '
        '"id": "again", "rephrase": "r"}}'
    ) in text
    assert "[again]" not in text
    doc = parse(text)
    assert doc.statements["thesis"].members == [c.text for c in RESTATED.claims[::2]]
    assert doc.statements["thesis"].data == {}  # the restatement's data is its own
    assert doc.statements["thesis"].definitions[1].data == {
        "argmap": {"restates": "thesis", "id": "again", "rephrase": "r"}
    }
    back, back_report = argdown.from_text(text)
    assert back == RESTATED
    assert not report.lossy
    assert not back_report.lossy


def test_a_restatement_written_before_what_it_restates_keeps_its_place() -> None:
    amap = RESTATED.model_copy(
        update={"claims": RESTATED.claims[::-1], "inferences": RESTATED.inferences[::-1]}
    )
    text, _ = argdown.to_text(amap)
    first = text.index("[thesis]: In short")
    assert first < text.index("[why]") < text.index("[thesis]: Cities")
    assert '"rephrase": {"id": "r", "position": 0}' in text  # reading would put it last
    back, _ = argdown.from_text(text)
    assert back == amap


def test_a_restatement_of_evidence_by_evidence_that_is_used_too() -> None:
    amap = ArgumentMap(
        title="t",
        claims=[Claim(id="a", text="A.")],
        evidence=[
            argmap.Evidence(id="e", kind="quotation", text="E."),
            argmap.Evidence(id="f", kind="report", text="F.", cites="x"),
        ],
        inferences=[
            Inference(id="r", premises=["e"], conclusion="f", kind=InferenceKind.REPHRASE),
            Inference(id="s", premises=["f"], conclusion="a"),
        ],
    )
    text, _ = argdown.to_text(amap)
    assert "[f]: F." in text
    assert '<r> {argmap: {"kind": "rephrase"}}' in text
    assert argdown.from_text(text)[0] == amap
    alone = amap.model_copy(update={"inferences": amap.inferences[:1]})
    text, _ = argdown.to_text(alone)
    assert '[e]: F. {argmap: {"restates": "e", "id": "f", "rephrase": "r", "type": "evidence"' in (
        text
    )
    assert argdown.from_text(text)[0] == alone


def test_chains_of_restatements_and_restatements_of_evidence() -> None:
    amap = ArgumentMap(
        title="t",
        claims=[Claim(id=x, text=x.upper() + ".") for x in "abcd"],
        evidence=[argmap.Evidence(id="e", kind="quotation", text="E.")],
        inferences=[
            Inference(id="r2", premises=["b"], conclusion="c", kind=InferenceKind.REPHRASE),
            Inference(id="s", premises=["a"], conclusion="d"),
            Inference(
                id="r1", premises=["a"], conclusion="b", kind=InferenceKind.REPHRASE, tags=["x"]
            ),
            Inference(id="r3", premises=["e"], conclusion="d", kind=InferenceKind.REPHRASE),
        ],
    )
    text, _ = argdown.to_text(amap)
    assert '[a]: B. {argmap: {"restates": "a", "id": "b", "rephrase": {"id": "r1"' in text
    assert '[a]: C. {argmap: {"restates": "b", "id": "c", "rephrase": {"id": "r2"' in text
    assert "<r3>" in text  # d is the conclusion of two inferences
    assert argdown.from_text(text)[0] == amap


def test_a_rephrase_written_as_an_argument_is_said() -> None:
    amap = RESTATED.model_copy(
        update={
            "inferences": [
                *RESTATED.inferences,
                Inference(id="t", premises=["again"], conclusion="why", kind="attack"),
            ]
        }
    )
    text, report = argdown.to_text(amap)
    assert '<r> {argmap: {"kind": "rephrase"}}' in text
    assert (
        "written as arguments marked `kind: rephrase` (Argdown reads them as supports): 1 (r)"
        in (report.format_text())
    )
    assert argdown.from_text(text)[0] == amap


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[a]: A.\n\n[a]: B. {argmap: {restates: 5}}\n", "`restates` is a number"),
        ("[a]: A.\n\n[a]: B. {argmap: {restates: a, id: [1]}}\n", "`id` is a list"),
        ("[a]: A.\n\n[a]: B. {argmap: {restates: a, rephrase: 3}}\n", "`rephrase` is a number"),
        (
            "[a]: A.\n\n[a]: B. {argmap: {restates: a, rephrase: {position: x}}}\n",
            "`position` is text",
        ),
        ("[a]: A.\n\n[a]: B. {argmap: {restates: zz, id: b}}\n", "zz"),
        (
            "[a]: A.\n\n[a]: B. {argmap: {restates: a, rephrase: {premises: [a]}}}\n",
            "`premises`",
        ),
        (
            "<g> {argmap: {kind: rephrase}}\n\n(1) [a]: A.\n(2) [b]: B.\n----\n(3) [c]: C.\n",
            "2 premises",
        ),
    ],
)
def test_bad_restatement_data_is_a_located_error(text: str, words: str) -> None:
    with pytest.raises(InvalidMapError) as caught:
        argdown.from_text(text, file="d.argdown")
    problem = caught.value.problems[0]
    assert problem.location is not None
    assert problem.location.line == (5 if text.startswith("<g>") else 3)  # at the element
    assert words in problem.message, problem
    assert problem.hint


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(maps_with_rephrases())
def test_maps_with_rephrases_round_trip(amap: ArgumentMap) -> None:
    assert integrity_problems(amap) == []
    text, _ = argdown.to_text(amap)
    back, report = argdown.from_text(text)
    assert back == amap
    assert not report.lossy


@pytest.mark.parametrize("name", _real_files())
def test_restatements_are_the_classes_the_official_export_gives_several_texts(
    name: str,
) -> None:
    source = corpus("argdown", ARGDOWN) / name
    exported = json.loads((corpus("argdown", EXPORTS) / f"{source.stem}.json").read_text("utf-8"))
    texts = {
        title: list(
            dict.fromkeys(
                inline_text(m["text"])[0]
                for m in statement["members"]
                if m.get("text") and m["text"].strip()
            )
        )
        for title, statement in exported["statements"].items()
    }
    doc = parse(source.read_text("utf-8"))
    assert {t: list(dict.fromkeys(ec.members)) for t, ec in doc.statements.items()} == texts
    amap, _ = argdown.from_text(source.read_text("utf-8"), file=source)
    restated = {
        (i.premises[0], i.conclusion) for i in amap.inferences if i.kind is InferenceKind.REPHRASE
    }
    ids = {c.extra.get("argdown", {}).get("title", c.id): c.id for c in amap.claims[::-1]}
    expected = {
        (ids[title], f"{ids[title]}-{n}")
        for title, members in texts.items()
        for n in range(2, len(members) + 1)
    }
    assert restated == expected
    texts_of = {c.id: c.text for c in amap.claims}
    for premise, conclusion in restated:
        title = next(t for t, i in ids.items() if i == premise)
        assert texts_of[premise] == texts[title][0]
        assert texts_of[conclusion] in texts[title][1:]


def test_the_primer_s_statement_2_is_restated_in_its_argument() -> None:
    source = corpus("argdown", ARGDOWN) / "argdown-primer.argdown"
    amap, _ = argdown.from_text(source.read_text("utf-8"), file=source)
    claims = {c.id: c for c in amap.claims}
    assert claims["Statement_2"].text.startswith("Let's do that now")
    assert claims["Statement_2-2"].text.startswith("We have already defined a statement")
