"""Comparing a student's map with a reference: alignment, differences, scores, grades, CLI."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Evidence, EvidenceKind, Inference, InferenceKind
from argmap.cli import main
from argmap.comparison import DEFAULT_RUBRIC, KINDS, Rubric, compare, load_rubric
from argmap.comparison.output import CSV_HEADER
from argmap.errors import ConfigError
from tests.conftest import EXAMPLES, ROOT

EXERCISE = EXAMPLES / "exercises" / "compare"
REFERENCE = EXERCISE / "reference.yaml"
CLASS = EXERCISE / "class"
WORKED = EXAMPLES / "crisis_has_matured.yaml"


def kinds_of(result: argmap.Comparison) -> Counter[str]:
    return Counter(d.kind for d in result.differences)


def rename(amap: ArgumentMap, new: dict[str, str]) -> ArgumentMap:
    """The same map with every claim, evidence and inference id renamed."""
    return amap.model_copy(
        update={
            "thesis": new.get(amap.thesis or "", amap.thesis),
            "claims": [c.model_copy(update={"id": new[c.id]}) for c in amap.claims],
            "evidence": [e.model_copy(update={"id": new[e.id]}) for e in amap.evidence],
            "inferences": [
                i.model_copy(
                    update={
                        "id": new[i.id],
                        "premises": [new[p] for p in i.premises],
                        "conclusion": new[i.conclusion],
                    }
                )
                for i in amap.inferences
            ],
        }
    )


# Self-comparison and invariance ---------------------------------------------------------


@pytest.mark.parametrize("path", [WORKED, REFERENCE, EXAMPLES / "crisis_core.yaml"])
def test_a_map_compared_with_itself_is_perfect(path: Path) -> None:
    result = compare(path, path)
    assert result.perfect
    assert (result.items.f1, result.relations.f1) == (1.0, 1.0)
    assert result.grade.score == result.grade.max
    assert result.alignment.unaligned_student == result.alignment.unaligned_reference == ()
    assert all(pair.student == pair.reference for pair in result.alignment.pairs)


def test_renaming_every_id_of_the_worked_example_keeps_it_perfect() -> None:
    amap = argmap.read(WORKED)
    renamed = rename(amap, {n.id: f"item{i}" for i, n in enumerate(amap.nodes())})
    result = compare(renamed, amap)
    assert result.perfect, result.differences[:3]
    assert {pair.by for pair in result.alignment.pairs} <= {"quote", "text"}


@settings(max_examples=20)
@given(st.randoms(use_true_random=False))
def test_renaming_ids_but_keeping_quotes_changes_nothing(random: st.SearchStrategy) -> None:
    for name in ("ben.yaml", "chloe.yaml", "eva.yaml"):
        student = argmap.read(CLASS / name)
        ids = [n.id for n in student.nodes()]
        fresh = [f"s{i}" for i in range(len(ids))]
        random.shuffle(fresh)  # type: ignore[attr-defined]
        new = dict(zip(ids, fresh, strict=True))
        before, after = compare(student, REFERENCE), compare(rename(student, new), REFERENCE)
        assert after.items == before.items
        assert after.relations == before.relations
        assert after.grade == before.grade
        assert kinds_of(after) == kinds_of(before)
        back = {v: k for k, v in new.items()}
        assert {(back[p.student], p.reference) for p in after.alignment.pairs} == {
            (p.student, p.reference) for p in before.alignment.pairs
        }


# Each kind of difference ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("student", "expected"),
    [
        ("ana.yaml", {}),
        (
            "ben.yaml",
            {
                "missing-claim": 1,
                "misquote": 1,
                "missing-implicit-premise": 1,
                "extra-claim": 1,
                "extra-step": 1,
            },
        ),
        ("chloe.yaml", {"reversed-step": 1, "wrong-kind": 2}),
        ("dan.argdown", {"evidence-as-claim": 1, "linked-vs-convergent": 1, "missing-claim": 1}),
        ("eva.yaml", {"missing-step": 1, "claim-as-evidence": 1, "extra-evidence": 1}),
    ],
)
def test_each_students_differences(student: str, expected: dict[str, int]) -> None:
    result = compare(CLASS / student, REFERENCE)
    assert dict(kinds_of(result)) == expected
    for difference in result.differences:
        assert difference.message
        assert difference.hint
        assert difference.location is not None
        assert difference.location.file == str(CLASS / student)
        assert difference.location.line is not None


def test_differences_name_what_is_wrong() -> None:
    chloe = {d.student: d for d in compare(CLASS / "chloe.yaml", REFERENCE).differences}
    reversed_step = chloe["crisis_shows_revolt"]
    assert reversed_step.kind == "reversed-step"
    assert reversed_step.reference == "revolt_means_crisis"
    assert "premises: [peasant_revolt]" in (reversed_step.hint or "")
    undercut = chloe["parlours_against_morality"]
    assert undercut.reference == "moral_reply"
    assert "undercuts the step" in undercut.message
    assert "kind: undercut" in (undercut.hint or "")
    assert "moral_objection" in (undercut.hint or "")
    support = chloe["idiocy_and_waiting"]
    assert "attacks `wait_for_congress`" in support.message
    ben = {d.kind: d for d in compare(CLASS / "ben.yaml", REFERENCE).differences}
    assert ben["misquote"].hint == "the quote has `hours` where the source has `days`"
    assert ben["missing-claim"].reference == "too_late_nov"
    assert "line 86" in (ben["missing-claim"].hint or "")
    assert "skip" in (ben["extra-step"].hint or "")
    eva = {d.kind: d for d in compare(CLASS / "eva.yaml", REFERENCE).differences}
    assert "premises: [congress_gives_nothing], conclusion: waiting_idiocy" in (
        eva["missing-step"].hint or ""
    )


def _small(*, linked: bool, evidence: bool = True) -> ArgumentMap:
    items = [Claim(id="a", text="Prices rose sharply."), Claim(id="b", text="Wages stood still.")]
    steps = (
        [Inference(id="ab", premises=["a", "b"], conclusion="c")]
        if linked
        else [
            Inference(id="ac", premises=["a"], conclusion="c"),
            Inference(id="bc", premises=["b"], conclusion="c"),
        ]
    )
    found = [Evidence(id="e", kind=EvidenceKind.STATISTIC, text="Bread costs twice as much.")]
    steps.append(Inference(id="ea", premises=["e"], conclusion="a"))
    return ArgumentMap(
        title="T",
        thesis="c",
        claims=[*items, Claim(id="c", text="The workers are poorer.")],
        evidence=found if evidence else [],
        inferences=steps if evidence else steps[:-1],
    )


def test_convergent_where_the_reference_links() -> None:
    result = compare(_small(linked=False), _small(linked=True))
    assert dict(kinds_of(result)) == {"linked-vs-convergent": 1}
    assert result.relations.f1 == 1.0  # linked premises count one by one
    assert "merge them" in (result.differences[0].hint or "")


def test_missing_evidence_and_the_relation_scores() -> None:
    result = compare(_small(linked=True, evidence=False), _small(linked=True))
    assert dict(kinds_of(result)) == {"missing-evidence": 1}
    assert (result.items.precision, result.items.recall) == (1.0, 0.75)
    assert (result.relations.matched, result.relations.student, result.relations.reference) == (
        2,
        2,
        3,
    )
    assert result.relations.recall == pytest.approx(2 / 3, abs=1e-4)


def test_an_id_match_with_another_passage_is_no_match(tmp_path: Path) -> None:
    text = "The crisis has matured. The peasants revolt. The army wavers."
    source = argmap.Source(id="s", title="T", text=text)
    ref = ArgumentMap(
        title="R",
        sources=[source],
        claims=[Claim(id="c1", text="The crisis has matured.", source="s", quote="The crisis")],
    )
    mine = ArgumentMap(
        title="S",
        sources=[source],
        claims=[Claim(id="c1", text="The army wavers.", source="s", quote="The army wavers")],
    )
    result = compare(mine, ref)
    assert result.alignment.pairs == ()
    assert dict(kinds_of(result)) == {"missing-claim": 1, "extra-claim": 1}


def test_kinds_are_all_reachable_and_documented() -> None:
    seen = set()
    for student in CLASS.iterdir():
        seen |= set(kinds_of(compare(student, REFERENCE)))
    seen |= set(kinds_of(compare(_small(linked=False), _small(linked=True))))
    seen |= set(kinds_of(compare(_small(linked=True, evidence=False), _small(linked=True))))
    assert seen == set(KINDS)
    assert set(DEFAULT_RUBRIC.deductions) == set(KINDS)


# Cross-format ---------------------------------------------------------------------------


def test_cross_format_compare(tmp_path: Path) -> None:
    ref = argmap.read(REFERENCE)
    (tmp_path / "texts").mkdir()
    shutil.copy(EXAMPLES / "texts" / "crisis_has_matured.txt", tmp_path / "texts")
    argmap.write(ref, tmp_path / "reference.aif")
    argmap.write(ref, tmp_path / "reference.argdown")
    for other in ("reference.aif", "reference.argdown"):
        # (written out of the repository, the maps read their text in examples/)
        again = argmap.read(tmp_path / other, allow_outside_sources=True)
        assert compare(REFERENCE, again).perfect
        assert compare(again, REFERENCE).perfect
    # A student's Argdown against the YAML reference, and against the same in AIF.
    as_yaml = compare(CLASS / "dan.argdown", REFERENCE)
    as_aif = compare(
        CLASS / "dan.argdown", argmap.read(tmp_path / "reference.aif", allow_outside_sources=True)
    )
    assert as_aif.items == as_yaml.items
    assert as_aif.relations == as_yaml.relations
    assert kinds_of(as_aif) == kinds_of(as_yaml)


# Rubrics --------------------------------------------------------------------------------


def test_rubric_from_yaml(tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text("max: 20\ndeductions: {wrong-kind: 3, reversed-step: 1.5}\n")
    rubric = load_rubric(path)
    result = compare(CLASS / "chloe.yaml", REFERENCE, rubric=rubric)
    assert (result.grade.score, result.grade.max) == (12.5, 20)
    assert result.grade.deductions == {"reversed-step": 1.5, "wrong-kind": 6}


def test_rubric_floor() -> None:
    rubric = Rubric({"missing-claim": 10}, max=10, floor=2)
    assert rubric.grade({"missing-claim": 5}).score == 2


def test_every_problem_of_a_rubric_is_located(tmp_path: Path) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_text("max: ten\nmaximum: 3\ndeductions:\n  missing-clam: 2\n  misquote: -1\n")
    with pytest.raises(ConfigError) as caught:
        load_rubric(path)
    found = [(p.location.line, p.message, p.hint) for p in caught.value.problems if p.location]
    assert found == [
        (1, "`max` is a number of points, 0 or more", None),
        (2, "unknown field `maximum` in the rubric", "did you mean `max`?"),
        (4, "no kind of difference is named `missing-clam`", "did you mean `missing-claim`?"),
        (5, "the deduction for `misquote` is a number of points, 0 or more", None),
    ]


# The command line -----------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_of_one_student(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "compare", str(CLASS / "ben.yaml"), "--reference", str(REFERENCE), "--format",
        "json",
    )  # fmt: skip
    assert code == 0
    data = json.loads(out)
    assert {"student", "reference", "alignment", "items", "relations", "differences", "grade"} <= (
        set(data)
    )
    assert data["student"] == str(CLASS / "ben.yaml")
    assert set(data["alignment"][0]) == {"student", "reference", "by", "score"}
    assert {"precision", "recall", "f1"} <= set(data["items"])
    assert set(data["relations"]) >= {
        "precision",
        "recall",
        "f1",
    }
    difference = data["differences"][0]
    assert set(difference) == {"kind", "student", "reference", "message", "hint", "location"}
    assert set(difference["location"]) == {"file", "line", "column"}
    assert data["grade"]["score"] == 83
    assert data["grade"]["max"] == 100


def test_class_folder_gives_the_expected_table(
    capsys: pytest.CaptureFixture[str], update_golden: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the table names the files as the command line does
    code, out, _ = run(
        capsys,
        "compare",
        "examples/exercises/compare/class",
        "--reference",
        "examples/exercises/compare/reference.yaml",
    )
    assert code == 0
    expected = EXERCISE / "class.expected.txt"
    if update_golden:
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8")
    assert out.splitlines()[-1] == "compared 5 files: mean grade 90.6/100, mean relations F1 0.89."


def test_class_as_json_csv_and_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", str(CLASS), "-r", str(REFERENCE), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"reference", "students"}
    assert [Path(s["student"]).name for s in data["students"]] == [
        "ana.yaml",
        "ben.yaml",
        "chloe.yaml",
        "dan.argdown",
        "eva.yaml",
    ]
    _, out, _ = run(capsys, "compare", str(CLASS), "-r", str(REFERENCE), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == CSV_HEADER
    assert [(Path(r["student"]).stem, r["grade"], r["wrong-kind"]) for r in rows][:3] == [
        ("ana", "100", "0"),
        ("ben", "83", "0"),
        ("chloe", "88", "2"),
    ]
    _, out, _ = run(capsys, "compare", str(CLASS), "-r", str(REFERENCE), "--format", "markdown")
    assert out.splitlines()[2].startswith("| student | items F1 | relations F1 | grade |")


def test_feedback_files_and_an_unreadable_student(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "course" / "class"  # the maps read ../../../texts
    shutil.copytree(CLASS, folder / "a")
    (tmp_path / "texts").mkdir()
    shutil.copy(EXAMPLES / "texts" / "crisis_has_matured.txt", tmp_path / "texts")
    (folder / "b").mkdir()
    (folder / "b" / "ben.yaml").write_text("argmap: 1\ntitle: T\nclaims:\n  - {id: x}\n")
    (folder / "notes.txt").write_text("not a map")
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\n")  # the course: maps read its texts
    feedback = tmp_path / "feedback"
    code, out, _ = run(
        capsys, "compare", str(folder), "-r", str(REFERENCE), "--feedback-dir", str(feedback)
    )
    assert code == 2  # one map could not be read: the others are still compared
    assert "could not be read" in out
    assert out.splitlines()[-1].endswith("1 could not be read; 1 other file skipped.")
    written = sorted(str(p.relative_to(feedback)) for p in feedback.rglob("*.md"))
    assert written == ["a/ana.md", "a/ben.md", "a/chloe.md", "a/dan.md", "a/eva.md", "b/ben.md"]
    assert "missing-field" in (feedback / "b" / "ben.md").read_text()
    ben = (feedback / "a" / "ben.md").read_text()
    assert ben.startswith("# Feedback on")
    assert "**misquote** (line 14)" in ben


def test_reference_in_the_class_folder_is_left_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "exercises" / "compare"  # the maps read ../../texts, ../../../texts
    shutil.copytree(EXERCISE, folder)
    (tmp_path / "texts").mkdir()
    shutil.copy(EXAMPLES / "texts" / "crisis_has_matured.txt", tmp_path / "texts")
    (tmp_path / "pyproject.toml").write_text("[tool.argmap]\n")  # the course: maps read its texts
    # the folder holds reference.yaml itself beside class/
    code, out, _ = run(capsys, "compare", str(folder), "-r", str(folder / "reference.yaml"))
    assert code == 0
    assert "reference.yaml" not in out.split("\n", 1)[1]
    assert "compared 5 files" in out


def test_cli_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "compare", str(CLASS / "ana.yaml"), "-r", str(EXERCISE / "nope.yaml")
    )
    assert code == 2
    assert "does not exist" in err
    assert "Traceback" not in err
    rubric = tmp_path / "rubric.yaml"
    rubric.write_text("deductions: {misquotes: 1}\n")
    code, _, err = run(
        capsys, "compare", str(CLASS / "ana.yaml"), "-r", str(REFERENCE), "--rubric", str(rubric)
    )
    assert code == 2
    assert "did you mean `misquote`?" in err


def test_repr_is_short() -> None:
    text = repr(compare(CLASS / "chloe.yaml", REFERENCE))
    assert text.startswith("<Comparison ")
    assert "grade 88/100" in text
    assert "'chloe.yaml' with 'reference.yaml'" in text
    assert str(CLASS) not in text  # the length must not depend on where the clone sits
    assert len(text) < 160


def test_api_accepts_inferences_of_every_kind() -> None:
    ref = _small(linked=True)
    attacked = ref.model_copy(
        update={
            "inferences": [
                *ref.inferences,
                Inference(id="x", premises=["b"], conclusion="ab", kind=InferenceKind.UNDERCUT),
            ]
        }
    )
    assert compare(attacked, attacked).perfect
    result = compare(ref, attacked)
    assert result.relations.recall < 1


def test_the_reference_named_as_a_student_is_compared(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "compare", str(REFERENCE), "-r", str(REFERENCE))
    assert code == 0
    assert out.splitlines()[-1] == "grade: 100/100"


def test_large_maps_compare_wording_only_among_pairs_that_share_a_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rapidfuzz import fuzz

    from argmap.comparison import alignment

    students = sorted(CLASS.iterdir())
    every_pair = [compare(student, REFERENCE) for student in students]
    calls: list[int] = []
    real = fuzz.token_sort_ratio

    def counted(*args: Any, **kwargs: Any) -> float:
        calls.append(1)
        return float(real(*args, **kwargs))

    monkeypatch.setattr(alignment, "EVERY_PAIR_UP_TO", 0)  # as for a map of thousands
    monkeypatch.setattr(fuzz, "token_sort_ratio", counted)
    amap = argmap.read(WORKED)
    renamed = rename(amap, {n.id: f"n{i}" for i, n in enumerate(amap.nodes())})
    unquoted = renamed.model_copy(  # so that wording alone aligns every item
        update={
            "claims": [c.model_copy(update={"quote": None}) for c in renamed.claims],
            "evidence": [e.model_copy(update={"quote": None}) for e in renamed.evidence],
        }
    )
    result = compare(unquoted, amap)
    items = len(amap.claims) + len(amap.evidence)
    assert result.items.f1 == 1.0
    assert result.relations.f1 == 1.0
    assert {pair.by for pair in result.alignment.pairs} == {"text"}
    assert len(calls) < items**2 / 4  # every pair would be items**2 comparisons
    assert [compare(student, REFERENCE) for student in students] == every_pair


def test_a_restatement_mapped_as_support_is_the_wrong_kind() -> None:
    claims = [
        argmap.Claim(id="a", text="Schools should teach cooking."),
        argmap.Claim(id="b", text="In conclusion, schools must teach cooking."),
    ]
    rephrase = argmap.Inference(id="r", premises=["a"], conclusion="b", kind="rephrase")
    reference = argmap.ArgumentMap(title="T", thesis="a", claims=claims, inferences=[rephrase])
    support = argmap.Inference(id="r", premises=["a"], conclusion="b", warrant="w")
    student = reference.model_copy(update={"inferences": [support]})
    [difference] = compare(student, reference).differences
    assert difference.kind == "wrong-kind"
    assert (
        difference.message == "in your step `r`, `a` supports `b`; in the reference it restates `b`"
    )
    assert difference.hint == "make it `kind: rephrase`"
    assert compare(reference, reference).perfect


_STATEMENTS = [
    "The peasants revolt in the provinces",
    "The army wavers in the provinces",
    "The crisis in the provinces has matured",
    "The Bolsheviks must take power now",
    "Waiting for the congress is idiocy",
]


@pytest.mark.parametrize("prefix", ["c", "claim_", "p"])
def test_generic_ids_in_another_order_pair_by_wording(prefix: str) -> None:
    ids = [f"{prefix}{n}" for n in range(1, 6)]
    ref = ArgumentMap(
        title="R", claims=[Claim(id=i, text=t) for i, t in zip(ids, _STATEMENTS, strict=True)]
    )
    order = [2, 0, 1, 4, 3]  # the student numbered the same statements otherwise
    mine = ArgumentMap(
        title="S",
        claims=[Claim(id=ids[k], text=_STATEMENTS[n].lower()) for k, n in enumerate(order)],
    )
    pairs = {(p.student, p.reference) for p in compare(mine, ref).alignment.pairs}
    assert pairs == {(ids[k], ids[n]) for k, n in enumerate(order)}


def test_a_meaningful_id_pairs_a_rewording_with_some_words_in_common() -> None:
    ref = ArgumentMap(title="R", claims=[Claim(id="army_wavers", text="The army wavers.")])
    mine = ArgumentMap(
        title="S", claims=[Claim(id="army_wavers", text="Soldiers no longer obey the government")]
    )
    assert [(p.student, p.by) for p in compare(mine, ref).alignment.pairs] == []
    mine = ArgumentMap(title="S", claims=[Claim(id="army_wavers", text="the army is wavering now")])
    assert [(p.student, p.by) for p in compare(mine, ref).alignment.pairs] == [
        ("army_wavers", "id")
    ]


def test_an_id_mate_worded_less_alike_than_a_rival_is_refused() -> None:
    ref = ArgumentMap(
        title="R",
        claims=[
            Claim(id="revolt", text="The peasants revolt in the provinces"),
            Claim(id="wavers", text="The army wavers in the provinces"),
        ],
    )
    mine = ArgumentMap(  # the student swapped the two names
        title="S",
        claims=[
            Claim(id="wavers", text="the peasants revolt in the provinces"),
            Claim(id="revolt", text="the army wavers in the provinces"),
        ],
    )
    pairs = {(p.student, p.reference, p.by) for p in compare(mine, ref).alignment.pairs}
    assert pairs == {("wavers", "revolt", "text"), ("revolt", "wavers", "text")}


def test_feedback_names_never_collide(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    yaml_map = "argmap: 1\ntitle: T\nclaims: [{id: crisis, text: The crisis has matured.}]\n"
    for name in ("sam.yaml", "ana.v2.yaml", "ana.yaml"):
        (folder / name).write_text(yaml_map)
    (folder / "sam.argdown").write_text("[crisis]: The crisis has matured.\n")
    feedback = tmp_path / "feedback"
    code, _, err = run(
        capsys, "compare", str(folder), "-r", str(REFERENCE), "--feedback-dir", str(feedback)
    )
    assert code == 0, err
    assert sorted(p.name for p in feedback.iterdir()) == [
        "ana.md",
        "ana.v2.md",
        "sam.argdown.md",
        "sam.yaml.md",
    ]
    assert "wrote 4 feedback files" in err
    assert "sam.argdown" in (feedback / "sam.argdown.md").read_text()


@pytest.mark.parametrize("form", ["markdown", "html", "text"])
def test_feedback_of_an_unreadable_student_is_in_the_format_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, form: str
) -> None:
    student = tmp_path / "<img src=x onerror=alert(1)>.yaml"
    student.write_text("argmap: 1\ntitle: <script>alert(1)</script>\nclaims: [{id: x}]\n")
    feedback = tmp_path / "feedback"
    code, _, err = run(
        capsys, "compare", str(student), "-r", str(REFERENCE),
        "--feedback-dir", str(feedback), "--feedback-format", form,
    )  # fmt: skip
    assert code == 2
    assert "wrote 1 feedback file to" in err
    [written] = feedback.iterdir()
    page = written.read_text()
    assert "could not be compared (1 problem)" in page
    if form == "html":
        assert page.startswith("<!DOCTYPE html>")
        assert "<img" not in page
        assert "<script" not in page
        assert "&lt;img src=x" in page
    elif form == "markdown":
        assert page.startswith("# Feedback on")
        assert "- **missing-field**" in page


def test_one_unreadable_student_in_each_output_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    student = tmp_path / "sam.yaml"
    student.write_text("argmap: 1\ntitle: T\nclaims: [{id: x}]\n")
    args = ["compare", str(student), "-r", str(REFERENCE), "--format"]
    code, out, _ = run(capsys, *args, "json")
    assert code == 2
    data = json.loads(out)
    assert data["student"] == str(student)
    assert [p["code"] for p in data["problems"]] == ["missing-field"]
    _, out, _ = run(capsys, *args, "csv")
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert (row["student"], row["grade"]) == (str(student), "")
    _, out, _ = run(capsys, *args, "markdown")
    assert out.startswith(f"# Feedback on `{student}`")
    _, out, _ = run(capsys, *args, "text")
    assert out.splitlines()[-1] == f"{student}: could not be compared (1 problem)."


def test_markdown_hints_are_items_of_their_own() -> None:
    text = argmap.comparison.output.feedback_markdown(compare(CLASS / "ben.yaml", REFERENCE))
    hints = [line for line in text.splitlines() if "*Hint:*" in line]
    assert hints
    assert all(line.startswith("  - *Hint:* ") for line in hints)
