"""Reading and writing argmap's YAML and JSON files, and every kind of bad input."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import argmap
from argmap.errors import InvalidMapError, MapFileError, Problem
from argmap.formats import native
from tests.conftest import CORE_MAP

ProblemsOf = Callable[..., list[Problem]]
WriteMap = Callable[..., Path]

HEADER = """\
argmap: 1
title: T
sources:
  - {id: crisis, title: C, path: texts/crisis_has_matured.txt}
"""


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def test_example_loads_with_every_field() -> None:
    amap = argmap.read(CORE_MAP)
    assert amap.title == "The Crisis Has Matured"
    assert amap.thesis == "insurrection_now"
    assert [c.id for c in amap.claims] == ["peasant_revolt", "crisis_matured", "insurrection_now"]
    source = amap.sources[0]
    assert (source.author, source.date, source.path) == (
        "V. I. Lenin",
        "1917-09-29",
        "texts/crisis_has_matured.txt",
    )
    evidence = amap.evidence[0]
    assert evidence.kind is argmap.EvidenceKind.QUOTATION
    assert evidence.cites == "Dyelo Naroda, 29 September 1917"
    assert amap.inferences[0].scheme == "argument from sign"
    assert amap.inferences[1].warrant is not None
    assert amap.source_text(
        "crisis",
    ).startswith("The end of September")  # type: ignore[union-attr]
    assert amap.origin is not None
    assert amap.origin.file == CORE_MAP


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_round_trip_keeps_every_field_and_order(workdir: Path, suffix: str) -> None:
    (workdir / "crisis.yaml").write_bytes(CORE_MAP.read_bytes())
    amap = argmap.read(workdir / "crisis.yaml")
    amap.claims[0].tags = ["peasants", "1917"]
    amap.claims[1].assumed = True
    amap.claims[2].implicit = True
    amap.claims[2].note = "Lenin's\nmain conclusion: no, \"yes\" & 'maybe'"
    amap.inferences[2].kind = argmap.InferenceKind.ATTACK
    out = workdir / f"out{suffix}"
    argmap.write(amap, out)
    again = argmap.read(out)
    assert again == amap
    assert again.model_dump() == amap.model_dump()
    argmap.write(again, workdir / f"again{suffix}")
    assert (workdir / f"again{suffix}").read_text() == out.read_text()


def test_source_paths_follow_the_map_to_another_folder(workdir: Path) -> None:
    (workdir / "maps").mkdir()
    argmap.write(argmap.read(CORE_MAP), workdir / "maps" / "moved.json")
    moved = argmap.read(workdir / "maps" / "moved.json", allow_outside_sources=True)
    assert moved.sources[0].path is not None
    assert not moved.sources[0].path.startswith("/")
    assert moved.source_text("crisis") == argmap.read(CORE_MAP).source_text("crisis")
    assert all(lookup.found for lookup in argmap.locate_quotes(moved))


def test_written_yaml_is_tidy(workdir: Path) -> None:
    out = workdir / "out.yaml"
    argmap.write(argmap.read(CORE_MAP), out)
    text = out.read_text()
    assert text.startswith("argmap: 1\ntitle: The Crisis Has Matured\n")
    assert "  premises: [dyelo_naroda]\n" in text
    assert "date: '1917-09-29'" in text  # quoted: it must stay text
    assert "kind: support" not in text  # the default is left out
    assert "assumed: false" not in text


def test_text_that_looks_like_numbers_stays_text(workdir: Path) -> None:
    texts = ["0o17", "0x1F", ".NaN", "1e3", "true", "null", "~", "-.inf", "no", "1917"]
    amap = argmap.ArgumentMap(
        title="1917",
        claims=[argmap.Claim(id=f"c{i}", text=t, tags=[t, "1"]) for i, t in enumerate(texts)],
    )
    out = workdir / "m.yaml"
    argmap.write(amap, out)
    assert argmap.read(out) == amap


def test_yaml_reads_as_yaml_1_2(write_map: WriteMap) -> None:
    path = write_map(
        """
        argmap: 1
        title: no
        sources:
          - {id: s, title: on, date: 1917-09-29, text: yes}
        """
    )
    amap = argmap.read(path)
    assert amap.title == "no"
    assert amap.sources[0].date == "1917-09-29"
    assert amap.sources[0].text == "yes"


def test_json_loads_and_reports_positions(write_map: WriteMap) -> None:
    path = write_map(
        """
        {"argmap": 1, "title": "T",
         "claims": [
           {"id": "a", "text": "A"},
           {"id": "b", "txt": "B"}
         ]}
        """,
        "map.json",
    )
    with pytest.raises(InvalidMapError) as caught:
        argmap.read(path)
    problems = caught.value.problems
    assert [p.code for p in problems] == ["missing-field", "unknown-field"]
    assert problems[1].location is not None
    assert (problems[1].location.line, problems[1].location.column) == (4, 16)
    assert problems[1].hint == "did you mean `text`?"


def test_inputs_are_never_modified(workdir: Path) -> None:
    target = workdir / "crisis.yaml"
    target.write_bytes(CORE_MAP.read_bytes())
    before = target.read_bytes(), target.stat().st_mtime_ns
    argmap.read(target)
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before


def test_write_is_atomic_and_keeps_permissions(workdir: Path) -> None:
    out = workdir / "out.json"
    out.write_text("old")
    out.chmod(0o640)
    argmap.write(argmap.read(CORE_MAP), out)
    assert json.loads(out.read_text())["argmap"] == 1
    assert out.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in workdir.iterdir() if p.name.startswith(".")] == []


def test_failed_write_leaves_the_old_file(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = workdir / "out.yaml"
    out.write_text("old content")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(MapFileError) as caught:
        argmap.write(argmap.read(CORE_MAP), out)
    assert "No space left on device" in str(caught.value)
    assert out.read_text() == "old content"
    assert sorted(p.name for p in workdir.iterdir() if p.is_file()) == ["out.yaml"]


# Bad input, one kind at a time: each gets its located, helpful problem.


def test_yaml_syntax_error(problems_of: ProblemsOf) -> None:
    problem = only(problems_of("argmap: 1\ntitle: The crisis: it has matured\n"))
    assert problem.code == "syntax-error"
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (2, 18)
    assert problem.hint == "put text that contains `: ` in quotes"


def test_yaml_tab_indentation(problems_of: ProblemsOf) -> None:
    problem = only(problems_of("argmap: 1\ntitle: T\nclaims:\n\t- {id: a, text: A}\n"))
    assert problem.code == "syntax-error"
    assert problem.location is not None
    assert problem.location.line == 4
    assert problem.hint == "indent with spaces, not tabs"


def test_json_syntax_error(problems_of: ProblemsOf) -> None:
    problem = only(problems_of('{"argmap": 1,\n "title": "T",\n}\n', "map.json"))
    assert problem.code == "syntax-error"
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (3, 1)
    assert "trailing comma" in (problem.hint or "")


def test_json_nan_is_refused(problems_of: ProblemsOf) -> None:
    problem = only(problems_of('{"argmap": NaN, "title": "T"}', "map.json"))
    assert problem.code == "syntax-error"
    assert "NaN" in problem.message


def test_unknown_field_with_hint(problems_of: ProblemsOf) -> None:
    problems = problems_of(
        HEADER
        + """\
claims:
  - {id: a, text: A}
inferences:
  - {id: i, premise: [a], premises: [a], conclusion: a}
"""
    )
    problem = only(problems)
    assert problem.code == "unknown-field"
    assert problem.message == "unknown field `premise` in inference `i`"
    assert problem.hint == "did you mean `premises`?"
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (8, 13)


def test_unknown_field_without_a_close_match_lists_the_fields(problems_of: ProblemsOf) -> None:
    problem = only(problems_of("argmap: 1\ntitle: T\nzzz: 1\n"))
    assert problem.message == "unknown field `zzz`"
    assert problem.hint is not None
    assert "`claims`" in problem.hint


def test_wrong_types(problems_of: ProblemsOf) -> None:
    problems = problems_of(
        """\
argmap: 1
title: T
claims:
  - {id: a, text: 1917, assumed: maybe}
  - just text
inferences:
  - {id: i, premises: a, conclusion: a}
"""
    )
    assert [(p.code, p.location.line if p.location else None) for p in problems] == [
        ("wrong-type", 4),
        ("wrong-type", 4),
        ("wrong-type", 5),
        ("wrong-type", 7),
    ]
    assert problems[0].hint == 'write it as text, in quotes: `"1917"`'
    assert "true or false" in problems[1].message
    assert "must be a mapping of fields, not text" in problems[2].message
    assert problems[3].hint == "write `premises: [a]`"


def test_invalid_id_and_evidence_kind(problems_of: ProblemsOf) -> None:
    problems = problems_of(
        """\
argmap: 1
title: T
evidence:
  - {id: "dyelo naroda", kind: quotation, text: Q}
  - {id: stats, kind: statistics, text: S}
"""
    )
    assert [p.code for p in problems] == ["invalid-id", "invalid-value"]
    assert problems[0].hint == "ids use letters, digits, `_` and `-`: try `dyelo_naroda`"
    assert problems[1].hint == "did you mean `statistic`?"


def test_duplicate_ids_name_both_lines(problems_of: ProblemsOf) -> None:
    problem = only(
        problems_of(
            """\
argmap: 1
title: T
claims:
  - {id: crisis_matured, text: A}
evidence:
  - {id: crisis_matured, kind: report, text: B}
"""
        )
    )
    assert problem.code == "duplicate-id"
    assert problem.message == (
        "`crisis_matured` is defined twice: as evidence here and as a claim at line 4"
    )
    assert problem.location is not None
    assert problem.location.line == 6


def test_dangling_reference_with_hint(problems_of: ProblemsOf) -> None:
    problem = only(
        problems_of(
            """\
argmap: 1
title: T
claims:
  - {id: crisis_matured, text: A}
  - {id: insurrection_now, text: B}
inferences:
  - {id: i, premises: [crisis_matureed], conclusion: insurrection_now}
"""
        )
    )
    assert problem.code == "unknown-reference"
    assert problem.message == "premise `crisis_matureed` is not defined"
    assert problem.hint == "did you mean `crisis_matured`?"
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (7, 24)


@pytest.mark.parametrize(
    ("inference", "message"),
    [
        pytest.param(
            "{id: j, premises: [i], conclusion: b}",
            "premise `i` is an inference; premises are claims or evidence",
            id="inference-as-premise",
        ),
        pytest.param(
            "{id: j, premises: [a], conclusion: i}",
            "`kind: support` concludes a claim, but `i` is an inference",
            id="support-of-inference",
        ),
        pytest.param(
            "{id: j, premises: [a], conclusion: b, kind: undercut}",
            "an undercut concludes an inference, but `b` is a claim",
            id="undercut-of-claim",
        ),
    ],
)
def test_references_of_the_wrong_kind(
    problems_of: ProblemsOf, inference: str, message: str
) -> None:
    problem = only(
        problems_of(
            f"""\
argmap: 1
title: T
claims:
  - {{id: a, text: A}}
  - {{id: b, text: B}}
inferences:
  - {{id: i, premises: [a], conclusion: b}}
  - {inference}
"""
        )
    )
    assert (problem.code, problem.message) == ("wrong-reference", message)


def test_empty_premises(problems_of: ProblemsOf) -> None:
    problem = only(
        problems_of(
            "argmap: 1\ntitle: T\nclaims: [{id: a, text: A}]\n"
            "inferences: [{id: i, premises: [], conclusion: a}]\n"
        )
    )
    assert problem.code == "empty-premises"
    assert problem.message == "inference `i` has no premises"


def test_unreadable_source(problems_of: ProblemsOf) -> None:
    problem = only(
        problems_of(
            "argmap: 1\ntitle: T\nsources:\n  - {id: s, title: S, path: texts/crisis.txt}\n"
        )
    )
    assert problem.code == "file-not-found"
    assert problem.message.startswith("cannot read source `s` from `texts/crisis.txt`")
    assert problem.location is not None
    assert problem.location.line == 4


def test_quote_without_source(problems_of: ProblemsOf) -> None:
    problem = only(problems_of(HEADER + "claims:\n  - {id: a, text: A, quote: a peasant revolt}\n"))
    assert problem.code == "quote-without-source"
    assert problem.hint == "add `source: crisis`"


@pytest.mark.parametrize("name", ["map.yaml", "map.json"])
def test_duplicate_keys(problems_of: ProblemsOf, name: str) -> None:
    text = (
        '{"argmap": 1, "title": "T",\n "title": "U"}'
        if name.endswith(".json")
        else "argmap: 1\ntitle: T\ntitle: U\n"
    )
    problem = only(problems_of(text, name))
    assert problem.code == "duplicate-key"
    assert problem.message == "`title` is given twice in this mapping (first at line 1)" or (
        problem.message == "`title` is given twice in this mapping (first at line 2)"
    )
    assert problem.location is not None
    assert problem.location.line == (2 if name.endswith(".json") else 3)


def test_alias_bomb_fails_fast(problems_of: ProblemsOf) -> None:
    lines = ["argmap: 1", "title: T", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    previous = "a"
    for name in "bcdefghij":
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]")
        previous = name
    problem = only(problems_of("\n".join(lines) + "\n"))
    assert problem.code == "alias-bomb"


def test_harmless_aliases_are_allowed(write_map: WriteMap) -> None:
    path = write_map(
        """
        argmap: 1
        title: T
        claims:
          - {id: a, text: A, tags: &common [lenin, "1917"]}
          - {id: b, text: B, tags: *common}
        """
    )
    assert argmap.read(path).claims[1].tags == ["lenin", "1917"]


def test_binary_file(write_map: WriteMap) -> None:
    path = write_map("")
    path.write_bytes(b"argmap: 1\ntitle: \x00\x01\x02binary")
    with pytest.raises(MapFileError) as caught:
        argmap.read(path)
    problem = only(list(caught.value.problems))
    assert problem.code == "binary-file"
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (2, 8)


def test_not_utf8(write_map: WriteMap) -> None:
    path = write_map("")
    path.write_bytes("argmap: 1\ntitle: Кризис\n".encode("cp1251"))
    with pytest.raises(MapFileError) as caught:
        argmap.read(path)
    problem = only(list(caught.value.problems))
    assert problem.code == "not-utf8"
    assert problem.hint == "save the file as UTF-8"


def test_huge_file_fails_before_reading(write_map: WriteMap) -> None:
    path = write_map("argmap: 1\ntitle: T\n" + "# padding\n" * 200)
    with pytest.raises(MapFileError) as caught:
        argmap.read(path, max_bytes=1000)
    assert only(list(caught.value.problems)).code == "file-too-large"


@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ('[{"id": "a"}]', "map.json", "a list"),
        ('"just a string"', "map.json", "text"),
        ("- a\n- b\n", "map.yaml", "a list"),
        ("42\n", "map.yaml", "a number"),
    ],
)
def test_not_a_map(problems_of: ProblemsOf, text: str, name: str, found: str) -> None:
    problem = only(problems_of(text, name))
    assert problem.code == "not-a-map"
    assert problem.message.endswith(f"but this one holds {found}")


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_empty_file(problems_of: ProblemsOf, text: str) -> None:
    assert only(problems_of(text)).code == "empty-file"


def test_several_documents(problems_of: ProblemsOf) -> None:
    problem = only(problems_of("argmap: 1\ntitle: T\n---\nargmap: 1\ntitle: U\n"))
    assert "more than one YAML document" in problem.message


def test_deep_nesting(problems_of: ProblemsOf) -> None:
    assert only(problems_of("argmap: 1\ntitle: " + "[" * 100 + "]" * 100 + "\n")).code == (
        "too-deep"
    )
    # libyaml itself stops at its own depth limit: still one clean problem
    assert only(problems_of("argmap: 1\ntitle: " + "[" * 5000 + "]" * 5000 + "\n")).code in (
        "too-deep",
        "syntax-error",
    )
    json_text = '{"argmap": 1, "title": ' + "[" * 100_000 + "]" * 100_000 + "}"
    assert only(problems_of(json_text, "map.json")).code == "too-deep"


def test_unsupported_version(problems_of: ProblemsOf) -> None:
    problem = only(problems_of("argmap: 2\ntitle: T\n"))
    assert problem.code == "unsupported-version"
    assert problem.hint == "upgrade argmap"


def test_missing_file_suggests_a_neighbour(write_map: WriteMap) -> None:
    path = write_map("argmap: 1\ntitle: T\n", "crisis.yaml")
    with pytest.raises(MapFileError) as caught:
        argmap.read(path.with_name("crysis.yaml"))
    problem = only(list(caught.value.problems))
    assert problem.code == "file-not-found"
    assert problem.hint == f"did you mean `{path}`?"


def test_unknown_suffix_lists_the_formats(write_map: WriteMap) -> None:
    path = write_map("argmap: 1\ntitle: T\n", "map.txt")
    with pytest.raises(MapFileError) as caught:
        argmap.read(path)
    problem = only(list(caught.value.problems))
    assert problem.code == "unknown-format"
    assert "yaml (.yaml .yml)" in (problem.hint or "")
    assert "mermaid" not in (problem.hint or "")  # argmap only writes Mermaid
    assert argmap.read(path, format="yaml").title == "T"


def test_every_problem_of_a_file_in_one_run(problems_of: ProblemsOf) -> None:
    problems = problems_of(
        """\
argmap: 1
title: T
thesis: insurrection_nw
sources:
  - {id: s, title: S, path: missing.txt}
claims:
  - {id: a, txt: A}
  - {id: b, text: B, source: crisis}
  - {id: b, text: C}
inferences:
  - {id: i, premises: [a, bb], conclusion: b}
"""
    )
    assert [(p.code, p.location.line if p.location else 0) for p in problems] == [
        ("unknown-reference", 3),
        ("file-not-found", 5),
        ("missing-field", 7),
        ("unknown-field", 7),
        ("unknown-reference", 8),
        ("duplicate-id", 9),
        ("unknown-reference", 11),
    ]
    assert all(
        p.location and p.location.file and p.location.file.endswith("map.yaml") for p in problems
    )


def test_errors_are_argmaps_own_and_builtin_too(problems_of: ProblemsOf) -> None:
    with pytest.raises(ValueError, match="unknown field"):
        native.loads("argmap: 1\ntitle: T\nzzz: 1\n", "yaml")
    with pytest.raises(OSError, match="does not exist"):
        argmap.read("no/such/map.yaml")


def test_loads_names_the_file_in_errors() -> None:
    with pytest.raises(InvalidMapError) as caught:
        native.loads("argmap: 1\n", "yaml", file="lesson.yaml")
    assert str(caught.value) == "lesson.yaml:1:1: `title` is missing"


def test_hints_fit_the_files_syntax(problems_of: ProblemsOf) -> None:
    problem = only(
        problems_of('{"argmap": 1, "title": "T", "claims": [{"id": "a", "text": 5}]}', "map.json")
    )
    assert problem.hint == 'write it as text, in quotes: `"5"`'
    problem = only(problems_of("argmap: 1\ntitle: T\nclaims: [{id: a, text: A, kind: report}]\n"))
    assert problem.hint == "only evidence items and inferences have `kind`"
    assert only(problems_of("", "map.json")).code == "empty-file"


def test_write_refuses_a_map_broken_after_it_was_built(workdir: Path) -> None:
    amap = argmap.read(CORE_MAP)
    amap.thesis = "nothing"
    with pytest.raises(InvalidMapError, match="thesis `nothing` is not defined"):
        argmap.write(amap, workdir / "out.yaml")
    assert not (workdir / "out.yaml").exists()


def test_devices_and_pipes_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "map.yaml"
    os.mkfifo(fifo)
    with pytest.raises(MapFileError, match="not a regular file"):
        argmap.read(fifo)
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    with pytest.raises(MapFileError, match="not a regular file"):
        argmap.read(tmp_path / "zero.yaml")


def test_yaml_hints_tell_indentation_from_colons(problems_of: ProblemsOf) -> None:
    indented = "argmap: 1\ntitle: T\nclaims:\n  - id: a\n     text: A\n"
    assert "indentation" in (only(problems_of(indented)).hint or "")
    colon = "argmap: 1\ntitle: T\nclaims:\n  - id: a\n    text: Lenin says: wait\n"
    assert only(problems_of(colon)).hint == "put text that contains `: ` in quotes"
    flow = "argmap: 1\ntitle: T\nclaims: [{id: a, text: Lenin says: the crisis has matured.}]\n"
    assert "must be in quotes" in (only(problems_of(flow)).hint or "")
