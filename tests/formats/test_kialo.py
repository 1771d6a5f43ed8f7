"""Reading Kialo's text export: the tree, cross-references, continuation lines, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.errors import InvalidMapError, Problem
from argmap.formats.kialo import MAX_PROBLEMS, from_text
from argmap.models import InferenceKind
from tests.conftest import assert_linear

DATA = Path(__file__).resolve().parent.parent / "data" / "kialo"


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(InvalidMapError) as caught:
        from_text(text, "t.kialo")
    return list(caught.value.problems)


def relations(amap: argmap.ArgumentMap) -> list[tuple[str, ...]]:
    return [(i.id, i.kind.value, *i.premises, i.conclusion) for i in amap.inferences]


@pytest.mark.parametrize("path", sorted(DATA.glob("*.kialo*")), ids=lambda p: p.name)
def test_every_sample_reads_into_a_valid_map(path: Path) -> None:
    amap = argmap.read(path)
    assert amap.thesis is not None
    assert all(c.extra["kialo"]["number"] for c in amap.claims)
    argmap.check(amap)  # a map the checker can work on


def test_the_tree_pro_con_and_cross_references() -> None:
    amap = argmap.read(DATA / "city-cars.kialo.txt")
    assert amap.title == "Should city centres be car-free?"
    assert amap.thesis == "k1"
    assert [c.id for c in amap.claims] == [
        "k1",
        "k1_1",
        "k1_1_1",
        "k1_1_1_1",
        "k1_1_1_2",
        "k1_1_2",
        "k1_2",
        "k1_2_1",
        "k1_2_2",
        "k1_3",
    ]  # no claim for the `-> See` lines 1.2.1.1., 1.3.1. and 1.4.
    assert relations(amap) == [
        ("k1_1-pro", "support", "k1_1", "k1"),
        ("k1_1_1-con", "attack", "k1_1_1", "k1_1"),
        ("k1_1_1_1-con", "attack", "k1_1_1_1", "k1_1_1"),
        ("k1_1_1_2-pro", "support", "k1_1_1_2", "k1_1_1"),
        ("k1_1_2-pro", "support", "k1_1_2", "k1_1"),
        ("k1_2-con", "attack", "k1_2", "k1"),
        ("k1_2_1-con", "attack", "k1_2_1", "k1_2"),
        ("k1_2_1_1-pro", "support", "k1_1_2", "k1_2_1"),
        ("k1_2_2-pro", "support", "k1_2_2", "k1_2"),
        ("k1_3-pro", "support", "k1_3", "k1"),
        ("k1_3_1-con", "attack", "k1_2_2", "k1_3"),
        ("k1_4-con", "attack", "k1_1_1", "k1"),
    ]
    index = amap.index()
    assert index["k1_1_1"].extra == {"kialo": {"number": "1.1.1.", "stance": "con"}}
    assert index["k1_4-con"].extra == {"kialo": {"number": "1.4.", "see": "1.1.1."}}
    # markdown and Kialo's escapes are kept as exported
    assert index["k1_1"].text.endswith(r"city air \(in most European cities\).")  # type: ignore[union-attr]
    # a claim's text goes on over lines, blank ones too, up to the next number
    assert index["k1_1_1_1"].text == (  # type: ignore[union-attr]
        "Tyres and brakes still shed fine dust,\nwhatever drives the wheels.\n\n"
        "Studies of particulate matter find road wear a large share of it."
    )
    report = amap.conversion
    assert report is not None
    assert not report.lossy
    assert [n.detail for n in report] == ["1.2.1.1. → 1.1.2.", "1.3.1. → 1.2.2.", "1.4. → 1.1.1."]


def test_several_theses_the_first_is_the_map_thesis() -> None:
    amap = argmap.read(DATA / "energy.kialo")  # CRLF line ends, "Discussion Name:", "Thesis:"
    assert amap.title == "Which energy source should the town invest in?"
    assert amap.thesis == "k1"
    index = amap.index()
    assert index["k1"].text == "The town should invest in solar panels."  # type: ignore[union-attr]
    assert index["k2"].tags == ["thesis"]
    assert index["k2_1"].text == (  # type: ignore[union-attr]
        "The hills nearby are windy all year,\nmore in winter when the sun is low."
    )
    assert relations(amap) == [
        ("k1_1-pro", "support", "k1_1", "k1"),
        ("k1_2-con", "attack", "k2_1", "k1"),
        ("k2_1-pro", "support", "k2_1", "k2"),
        ("k2_1_1-con", "attack", "k2_1_1", "k2_1"),
    ]
    report = amap.conversion
    assert report is not None
    assert [(n.what, n.detail) for n in report.losses] == [
        ("further theses are claims tagged `thesis`, not the map's thesis", "2.")
    ]
    assert report.losses[0].location is not None
    assert report.losses[0].location.line == 7


def test_a_thesis_line_under_a_question_has_no_relation() -> None:
    amap, report = from_text("1. Which?\n1.1. Thesis: This one.\n1.1.1. Pro: Because.\n")
    assert amap.thesis == "k1"
    assert relations(amap) == [("k1_1_1-pro", "support", "k1_1_1", "k1_1")]
    assert amap.index()["k1_1"].tags == ["thesis"]
    assert amap.title == "Kialo discussion"
    assert [n.what for n in report.losses] == [
        "further theses are claims tagged `thesis`, not the map's thesis",
        "no `Discussion Title:` line: the title is the file's name",
    ]


def test_without_a_title_the_file_name_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "cars.kialo"
    path.write_text("1. Ban cars.\n", encoding="utf-8")
    assert argmap.read(path).title == "cars"


def test_a_cross_reference_to_a_cross_reference_and_under_one() -> None:
    text = """Discussion Title: T

1. A.
1.1. Pro: B.
1.2. Con: -> See 1.1.
1.3. Pro: -> See 1.2.
1.3.1. Con: C.
"""
    amap, _ = from_text(text)
    assert relations(amap) == [
        ("k1_1-pro", "support", "k1_1", "k1"),
        ("k1_2-con", "attack", "k1_1", "k1"),
        ("k1_3-pro", "support", "k1_1", "k1"),
        ("k1_3_1-con", "attack", "k1_3_1", "k1_1"),  # under 1.3., which stands for 1.1.
    ]


def test_a_cross_reference_may_come_before_its_claim_and_omit_the_last_dot() -> None:
    amap, _ = from_text("1. A.\n1.1. Con: -> See 1.2\n1.2. Pro: B.\n")
    assert relations(amap)[0] == ("k1_1-con", "attack", "k1_2", "k1")


def test_a_sources_list_at_the_end_is_kept() -> None:
    text = "Discussion Title: T\n\n1. A [1].\n1.1. Pro: B.\n\nSources:\n[1] https://example.org\n"
    amap, report = from_text(text)
    assert amap.claims[-1].text == "B."
    assert amap.extra == {"kialo": {"sources": "Sources:\n[1] https://example.org"}}
    assert [n.what for n in report] == ["lines of the `Sources:` list kept in the map's extra"]


def test_claims_numbered_too_deep_for_an_id_are_named_by_line() -> None:
    deep = "".join("1." * k + " Pro: x\n" for k in range(2, 80))
    amap, report = from_text("1. Root.\n" + deep)
    assert len(amap.claims) == 79
    assert amap.claims[-1].id == "k_line79"
    assert max(len(i.id) for i in amap.inferences) <= 128
    assert any(n.detail and n.detail.endswith("→ k_line79") for n in report)


# --- bad input: every problem at once, located, with hints ---------------------------------


def test_every_problem_at_once_located_with_hints() -> None:
    text = """Discussion Title: T

1. A.
1.1. Pro: B.
1.1. Con: B again.
1.3.1. Con: Orphan.
1.2. Contra: C.
1.4. Pro: -> See 1.1.7.
1.5. Pro:
1.6 Pro: no last dot.
"""
    problems = problems_of(text)
    assert [(p.code, p.location.line, p.location.column, p.hint) for p in problems] == [  # type: ignore[union-attr]
        ("duplicate-id", 5, 1, "give each claim its own number"),
        (
            "unknown-reference",
            6,
            1,
            "the nearest claim above it is 1.; number it under a claim that exists",
        ),
        ("missing-stance", 7, 6, "did you mean `Con`?"),
        ("unknown-reference", 8, 1, "did you mean `1.1.`?"),
        ("empty-text", 9, 1, "write the claim after its number"),
        (
            "unexpected-line",
            10,
            1,
            "write the number with a dot after each part and a space: `1.6. Pro: …`",
        ),
    ]
    assert problems[0].message == "claim 1.1. is numbered twice: here and on line 4"
    assert problems[1].message == "claim 1.3.1. has no parent: there is no claim 1.3."
    assert problems[3].message == "claim 1.4. refers to claim 1.1.7., which is not in the file"
    assert all(p.location.file == "t.kialo" for p in problems)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1. A.\n1.1. Pro: -> See 1.1.\n", "claim 1.1. refers to itself"),
        ("1. A.\n1.1. Pro: -> See 1.\n", "claim 1.1. refers to its own parent 1."),
        (
            "1. A.\n1.1. Pro: -> See 1.2.\n1.2. Con: -> See 1.1.\n",
            "a circle of `-> See` references: 1.1. → 1.2. → 1.1.",
        ),
    ],
    ids=["itself", "its-parent", "circle"],
)
def test_circular_cross_references(text: str, message: str) -> None:
    assert [p.message for p in problems_of(text)] == [message]


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("", "no-claims", 1),
        ("\n\n", "no-claims", 2),
        ("Discussion Title: Nothing here\n", "no-claims", 1),
        ("Hello\n1. A.\n", "unexpected-line", 1),
        ("title: a YAML map\nclaims: []\n", "unexpected-line", 1),
        ("1. A.\n1.1. B without a stance.\n", "missing-stance", 2),
        ("\x00\x01" * 100, "unexpected-line", 1),
    ],
    ids=["empty", "blank", "title-only", "text-before", "yaml", "no-stance", "binary"],
)
def test_not_a_kialo_export(text: str, code: str, line: int) -> None:
    problems = problems_of(text)
    assert (problems[0].code, problems[0].location.line) == (code, line)  # type: ignore[union-attr]


def test_a_huge_number_is_shortened_in_messages() -> None:
    (problem,) = problems_of("1. A.\n" + "1." * 50_000 + "2. Pro: x\n")
    assert len(problem.message) < 200
    assert problem.location.line == 2  # type: ignore[union-attr]


def test_many_problems_are_capped() -> None:
    text = "1. A.\n" + "".join(f"9.{k}. Pro: x\n" for k in range(5000))
    problems = problems_of(text)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message == f"and {5000 - MAX_PROBLEMS} more problems"


def _discussion(n: int) -> str:
    lines = ["Discussion Title: Big", "1. Root."]
    lines += [f"1.{k}. {'Pro' if k % 2 else 'Con'}: Claim {k}." for k in range(1, n)]
    lines += [f"1.1.{k}. Con: -> See 1.{k + 1}." for k in range(1, n - 1)]
    return "\n".join(lines)


def test_many_claims_and_references_read_in_linear_time() -> None:
    n = 20_000
    amap, _ = from_text(_discussion(n))
    assert_linear(lambda k: from_text(_discussion(k)), 500)
    assert len(amap.claims) == n
    assert len(amap.inferences) == 2 * n - 3
    assert amap.inferences[-1].kind is InferenceKind.ATTACK


def test_a_deep_chain_of_cross_references_is_not_recursive() -> None:
    n = 5000
    lines = ["1. Root.", "1.1. Pro: A."]
    lines += [f"1.{k}. Pro: -> See 1.{k - 1}." for k in range(2, n)]
    amap, _ = from_text("\n".join(lines))
    assert {i.premises[0] for i in amap.inferences} == {"k1_1"}


def test_findings_on_a_kialo_export_point_at_the_line(tmp_path: Path) -> None:
    path = tmp_path / "d.kialo"
    path.write_text(
        "Discussion Title: Cars?\n\n1. Ban cars.\n1.1. Pro: Cars pollute.\n", encoding="utf-8"
    )
    findings = {(f.rule, f.ids[0]): f.location for f in argmap.check(argmap.read(path))}
    assert findings[("unsupported-claim", "k1_1")] == argmap.Location(str(path), 4, 1)
    assert findings[("unwarranted-step", "k1_1-pro")] == argmap.Location(str(path), 4, 1)
