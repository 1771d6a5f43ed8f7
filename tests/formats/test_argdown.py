"""Tests of the Argdown reader and writer."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import argmap
from argmap import ArgumentMap, InvalidMapError
from argmap.formats import argdown
from argmap.formats.argdown_syntax import parse
from argmap.models import InferenceKind, integrity_problems
from tests.conftest import corpus
from tests.strategies import maps

ARGDOWN = "format=argdown,lang=en"
EXPORTS = "format=argdown-json,lang=en"


def _real_files() -> list[str]:
    try:
        folder = corpus("argdown", ARGDOWN)
    except pytest.skip.Exception:
        return []
    return sorted(p.name for p in folder.glob("*.argdown"))


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
    try:
        amap, _ = argdown.from_text(text)
    except InvalidMapError as err:
        problems = list(err.problems)
    else:
        problems = []
        assert integrity_problems(amap) == []
    assert all(p.location is not None and p.location.line and p.hint for p in problems)


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
    back = argmap.read(path)
    assert (back.claims, back.evidence, back.inferences) == (
        amap.claims,
        amap.evidence,
        amap.inferences,
    )
    assert (back.title, back.thesis) == (amap.title, amap.thesis)
    assert back.source_text("crisis") == amap.source_text("crisis")


def test_reading_is_linear() -> None:
    text = _generated(5000)
    start = time.perf_counter()
    amap, _ = argdown.from_text(text)
    elapsed = time.perf_counter() - start
    assert len(amap.claims) == 5000 + 4999  # the statements, and the arguments without a pcs
    assert len(amap.inferences) == 2 * 4999
    assert elapsed < 5


def _generated(n: int) -> str:
    parts = ["===\ntitle: Big\n===\n"]
    for i in range(n):
        parts.append(f"[s{i}]: Statement number {i} says *something* #tag{i % 7}")
        if i:
            parts[-1] += f"\n  + [s{i - 1}]\n  - <a{i}>: Argument {i}."
    return "\n\n".join(parts) + "\n"
