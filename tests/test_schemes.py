"""The catalogue of argumentation schemes, its rules, its settings and `argmap schemes`.

Run as a script, it reports how many of a corpus's distinct scheme names the catalogue
knows: ``python -m tests.test_schemes [FOLDER]`` (AraucariaDB of the shared data by default).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

import argmap
from argmap.checks import Severity
from argmap.checks.config import PROFILES, CheckSettings
from argmap.checks.registry import find_rule
from argmap.cli import main
from argmap.formats.aif import scheme_of
from argmap.schemes import KINDS, Catalogue, catalogue, scheme_key
from tests.conftest import CORPUS_DIR, EXAMPLES, ROOT, corpus

ARAUCARIA = ("aif", "araucaria")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- the catalogue ------------------------------------------------------------------------


def test_catalogue_is_well_formed() -> None:
    known = catalogue()
    assert len(known) >= 50
    owners: dict[str, str] = {}
    for scheme in known:
        assert scheme.kind in KINDS, scheme.name
        assert scheme.questions, scheme.name
        assert scheme.premises, scheme.name
        assert scheme.conclusion, scheme.name
        assert [q.label for q in scheme.questions] == [
            f"CQ{n}" for n in range(1, len(scheme.questions) + 1)
        ]
        for name in (scheme.name, *scheme.aliases):
            # every name leads to its own scheme: no alias is taken by two
            assert owners.setdefault(scheme_key(name), scheme.name) == scheme.name, name
            assert known.find(name) is scheme


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("argument from expert opinion", "Argument From Expert Opinion"),
        ("Argument From Expert Opinion", "Argument From Expert Opinion"),
        ("EXPERT OPINION", "Argument From Expert Opinion"),
        ("ExpertOpinion", "Argument From Expert Opinion"),
        ("argument_from_expert_opinion", "Argument From Expert Opinion"),
        ("argument-from-expert-opinion", "Argument From Expert Opinion"),
        ("appeal to authority", "Argument From Expert Opinion"),
        ("  Argument  from   Sign ", "Argument From Sign"),
        ("sign", "Argument From Sign"),
        ("CauseToEffect", "Argument From Cause to Effect"),
        ("means to end", "Practical Reasoning"),
        ("argument from a fortiori", "Argument A Fortiori"),
        ("a fortiori", "Argument A Fortiori"),
        ("ethotic argument", "Ethotic Argument"),
        ("Ad hominem", "Ad Hominem"),
        ("tu quoque", "Circumstantial Ad Hominem"),
        ("generalization from a sample", "Generalisation From a Sample"),
        ("Modus ponens (twice)", "Modus Ponens"),
        ("Inference to the best explanation", "Abductive Argument"),
        ("argument from the weakness of the opponent", "Argument From Weakness of the Opponent"),
        (
            "definition to verbal classification",
            "Argument From Definition to Verbal Classification",
        ),
        ("sunk costs", "Argument From Waste"),
    ],
)
def test_names_aliases_case_and_spelling_match(name: str, expected: str) -> None:
    found = catalogue().find(name)
    assert found is not None, name
    assert found.name == expected


@pytest.mark.parametrize("name", ["argument from nowhere", "", "argument", "modus morons"])
def test_unknown_names_do_not_match(name: str) -> None:
    assert catalogue().find(name) is None


def test_a_near_miss_gets_a_suggestion() -> None:
    assert catalogue().suggest("argument from expert opinon") == (
        "did you mean `Argument From Expert Opinion`?"
    )
    assert catalogue().suggest("xyzzy plugh") is None


def test_own_schemes_extend_and_replace() -> None:
    mine = catalogue().extended({"argument from tradition": ["Is it old?"], "Sign": ["Q?"]})
    tradition = mine.find("tradition")
    assert tradition is not None
    assert tradition.custom
    sign = mine.find("argument from sign")
    assert sign is not None
    assert [q.text for q in sign.questions] == ["Q?"]
    assert sign.premises == catalogue().find("sign").premises  # type: ignore[union-attr]
    assert len(mine) == len(catalogue()) + 1
    assert catalogue().extended({}) is catalogue()
    # a name of your own without questions only makes the name known
    assert Catalogue(()).extended({"my scheme": []}).find("My_Scheme") is not None


def test_the_catalogue_is_read_only_when_needed() -> None:
    code = textwrap.dedent(
        """
        import argmap, argmap.cli, argmap.schemes
        amap = argmap.read("examples/crisis_core.yaml")
        unnamed = [i.model_copy(update={"scheme": None}) for i in amap.inferences]
        argmap.check(amap.model_copy(update={"inferences": unnamed}))
        print(argmap.schemes.catalogue.cache_info().currsize)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "0"


# --- the examples and the corpus ----------------------------------------------------------

EXAMPLE_MAPS = sorted(
    p for p in EXAMPLES.rglob("*") if p.suffix in {".yaml", ".argdown"} and p.name != "broken.yaml"
)


def test_every_scheme_of_the_examples_is_catalogued() -> None:
    names = {
        inference.scheme
        for path in EXAMPLE_MAPS
        for inference in argmap.read(path).inferences
        if inference.scheme
    }
    assert len(names) >= 25
    # but the slip the flawed student map makes on purpose
    assert sorted(n for n in names if catalogue().find(n) is None) == [
        "argument from popular opnion"
    ]


def test_the_worked_example_has_no_unknown_scheme() -> None:
    amap = argmap.read(EXAMPLES / "crisis_has_matured.yaml")
    assert list(argmap.check(amap, select=["unknown-scheme"])) == []
    report = argmap.check(amap)
    assert not report.failed
    assert "unasked-critical-question" not in {f.rule for f in report}  # off in analysis
    coursework = argmap.check(amap, profile="coursework", select=["AM5"])
    assert {f.rule for f in coursework} == {"unasked-critical-question"}


def corpus_scheme_names(folder: Path) -> Counter[str]:
    """The scheme names of the RA and CA nodes of every AIF file under ``folder``, and how
    many nodes name each (AIF's unnamed default schemes left out; MA nodes name kinds of
    rephrase, which are no schemes of argument)."""
    names: Counter[str] = Counter()
    for path in sorted(folder.rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        data = data.get("AIF", data) if isinstance(data, dict) else data
        for node in data.get("nodes", []) if isinstance(data, dict) else []:
            if node.get("type") in {"RA", "CA"} and (name := scheme_of(node)):
                names[name] += 1
    return names


def coverage(names: Counter[str]) -> tuple[list[str], list[str]]:
    """The names the catalogue knows and those it does not."""
    known = catalogue()
    return (
        sorted(n for n in names if known.find(n) is not None),
        sorted(n for n in names if known.find(n) is None),
    )


def test_every_araucaria_scheme_is_catalogued() -> None:
    names = corpus_scheme_names(corpus(*ARAUCARIA))
    mapped, unmapped = coverage(names)
    assert len(names) >= 15
    assert unmapped == []
    assert len(mapped) == 18  # as the README says


@pytest.mark.parametrize("folder", ["us-2016", "microtexts", "ova3"])
def test_every_scheme_of_the_other_aif_corpora_is_catalogued(folder: str) -> None:
    names = corpus_scheme_names(corpus("aif", folder))
    assert coverage(names)[1] == []


# --- the rules ----------------------------------------------------------------------------


def test_unasked_critical_question_is_off_but_in_coursework() -> None:
    rule = find_rule("unasked-critical-question")
    assert rule is not None
    levels = {name: CheckSettings.of_profile(name).level_of(rule) for name in PROFILES}
    assert levels == {"analysis": "off", "coursework": "info", "corpus": "off"}
    unknown = find_rule("unknown-scheme")
    assert unknown is not None
    assert CheckSettings.of_profile("coursework").level_of(unknown) == "warning"
    assert CheckSettings().level_of(unknown) == "info"


MAP = """\
argmap: 1
title: T
{checks}claims:
  - {{id: a, text: The barometer falls., assumed: true}}
  - {{id: b, text: A storm is coming.}}
  - {{id: c, text: The barometer is broken., assumed: true}}
inferences:
  - {{id: s, premises: [a], conclusion: b, scheme: {scheme}}}
  - {{id: u, premises: [c], conclusion: {target}, kind: {kind}, answers: [{answers}]}}
"""


def write(
    write_map: Callable[..., Path],
    *,
    scheme: str = "argument from sign",
    answers: str = "CQ1",
    target: str = "s",
    kind: str = "undercut",
    checks: str = "",
) -> Path:
    text = MAP.format(scheme=scheme, answers=answers, target=target, kind=kind, checks=checks)
    return write_map(text)


def test_an_answer_counts_for_the_step_it_undercuts(write_map: Callable[..., Path]) -> None:
    amap = argmap.read(write(write_map, answers="CQ1, cq3"))
    (finding,) = argmap.check(amap, select=["unasked-critical-question"])
    assert finding.ids == ("s",)
    assert finding.message.endswith("leaves 1 of its 3 critical questions unasked: CQ2")
    assert "CQ2: Could something other than" in (finding.hint or "")


def test_an_attack_on_a_premise_answers_for_the_steps_using_it(
    write_map: Callable[..., Path],
) -> None:
    path = write(write_map, answers="CQ1, CQ2, CQ3", target="a", kind="attack")
    assert list(argmap.check(argmap.read(path), select=["unasked-critical-question"])) == []


def test_an_answer_that_names_no_question_is_a_located_finding(
    write_map: Callable[..., Path],
) -> None:
    amap = argmap.read(write(write_map, answers="CQ1, CQ7"))
    (finding,) = [f for f in argmap.check(amap) if f.rule == "unknown-question"]
    assert (finding.code, finding.severity, finding.ids) == ("AM503", Severity.ERROR, ("u",))
    assert finding.message == (
        "`CQ7` is no critical question of `s` (Argument From Sign has CQ1 to CQ3)"
    )
    assert finding.location is not None
    assert (finding.location.line, finding.location.column) == (9, 74)


@pytest.mark.parametrize("profile", list(PROFILES))
def test_unknown_question_is_an_error_in_every_profile(profile: str) -> None:
    rule = find_rule("unknown-question")
    assert rule is not None
    assert CheckSettings.of_profile(profile).level_of(rule) == "error"


@pytest.mark.parametrize(("label", "hint"), [("cq5", None), ("Q2", "did you mean `CQ2`?")])
def test_labels_are_read_in_any_case_and_a_near_one_is_suggested(
    write_map: Callable[..., Path], label: str, hint: str | None
) -> None:
    amap = argmap.read(write(write_map, scheme="expert opinion", answers=label))
    findings = list(argmap.check(amap, select=["unknown-question"]))
    assert [f.hint for f in findings] == ([] if hint is None else [hint])


def test_a_bad_answer_is_no_concern_of_other_rules(write_map: Callable[..., Path]) -> None:
    amap = argmap.read(write(write_map, answers="cq5, CQ9"))
    assert [f.rule for f in argmap.check(amap, select=["AM101"])] == []
    rules = {f.rule for f in argmap.check(amap, ignore=["unknown-question"])}
    assert rules
    assert "unknown-question" not in rules


def test_an_item_ignores_unknown_question(write_map: Callable[..., Path]) -> None:
    path = write(write_map, answers="CQ9")
    text = path.read_text().replace("answers: [CQ9]", "answers: [CQ9], ignore: [AM503]")
    path.write_text(text)
    report = argmap.check(argmap.read(path), select=["AM5"])
    assert [f.rule for f in report] == ["unasked-critical-question"]
    assert [f.rule for f in report.suppressed] == ["unknown-question"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"scheme": "null"},
            "`u` answers critical questions, but the step it undercuts, `s`, has no scheme",
        ),
        (
            {"target": "c", "kind": "attack"},
            "`u` answers critical questions, but no step that uses or concludes `c` has a scheme",
        ),
        ({"kind": "rephrase", "target": "b"}, "`u` is a rephrase: it raises no critical question"),
    ],
)
def test_answers_need_a_step_with_a_scheme(
    write_map: Callable[..., Path], options: dict[str, str], message: str
) -> None:
    amap = argmap.read(write(write_map, **options))
    findings = argmap.check(amap, select=["unknown-question"])
    assert [f.message for f in findings] == [message]


def test_answers_to_a_scheme_the_catalogue_lacks_are_not_checked(
    write_map: Callable[..., Path],
) -> None:
    amap = argmap.read(write(write_map, scheme="argument from nowhere", answers="CQ9"))
    assert [f.rule for f in argmap.check(amap, select=["AM5"])] == ["unknown-scheme"]


def test_a_note_answers_a_question_it_marks_not_one_it_mentions(
    write_map: Callable[..., Path],
) -> None:
    path = write(write_map, answers="CQ1")
    text = path.read_text().replace(
        "scheme: argument from sign}", 'scheme: argument from sign, note: "NOTE"}'
    )
    for note, left in [
        ("CQ2 is not answered at all; nor CQ3", "CQ2, CQ3"),
        ("cq2: the heat is constant. CQ3 : no other sign", None),
    ]:
        path.write_text(text.replace("NOTE", note))
        findings = argmap.check(argmap.read(path), select=["unasked-critical-question"])
        assert [f.message.rsplit(": ", 1)[1] for f in findings] == ([left] if left else [])


def test_the_hint_fills_the_conclusion_and_shows_letters(
    write_map: Callable[..., Path],
) -> None:
    amap = argmap.read(write(write_map, scheme="expert opinion", answers="CQ1"))
    (finding,) = argmap.check(amap, select=["unasked-critical-question"])
    assert finding.hint is not None
    assert "{" not in finding.hint
    assert "CQ5: Do other experts in D agree with `b`?" in finding.hint


def test_a_bad_answer_fails_the_check_on_the_command_line(
    capsys: pytest.CaptureFixture[str], write_map: Callable[..., Path]
) -> None:
    path = write(write_map, answers="CQ9")
    code, out, err = run(capsys, "check", str(path))
    assert code == 1
    assert f"{path}:9:69: error unknown-question `CQ9` is no critical question" in out + err
    code, out, err = run(capsys, "check", str(path), "--select", "AM101")
    assert code == 0


# --- settings -----------------------------------------------------------------------------


def test_a_map_adds_its_own_schemes(write_map: Callable[..., Path]) -> None:
    checks = "checks:\n  schemes:\n    argument from the gut: [Has the gut been right?]\n"
    path = write(write_map, scheme="Gut", answers="CQ1", checks=checks)
    amap = argmap.read(path)
    assert list(argmap.check(amap, select=["AM5"])) == []
    # without the files' settings, the scheme is unknown and the answer cannot be checked
    findings = argmap.check(amap, select=["AM5"], use_files=False)
    assert [f.rule for f in findings] == ["unknown-scheme"]


def test_pyproject_adds_schemes_and_a_map_replaces_questions(
    write_map: Callable[..., Path], workdir: Path
) -> None:
    (workdir / "pyproject.toml").write_text(
        '[tool.argmap.schemes]\n"argument from tradition" = ["Is it old?", "Still apt?"]\n'
    )
    checks = "checks:\n  schemes: {sign: [Is the barometer any good?]}\n"
    path = write(write_map, scheme="tradition", answers="CQ2", checks=checks)
    findings = list(argmap.check(argmap.read(path), select=["AM5"]))
    assert [f.message for f in findings] == [
        "`s` (argument from tradition) leaves 1 of its 2 critical questions unasked: CQ1"
    ]
    sign = write(write_map, answers="CQ1", checks=checks)
    assert list(argmap.check(argmap.read(sign), select=["AM5"])) == []


def test_a_bad_schemes_setting_is_a_located_error(
    problems_of: Callable[..., list[argmap.Problem]],
) -> None:
    problems = problems_of(
        """
        argmap: 1
        title: T
        checks:
          schemes: [argument from tradition]
        """
    )
    assert [p.path for p in problems] == [("checks", "schemes")]
    assert problems[0].location is not None
    assert problems[0].location.line == 4


# --- the command --------------------------------------------------------------------------


def test_schemes_lists_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schemes", "--isolated")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["scheme", "kind", "questions"]
    assert len(lines) == len(catalogue()) + 3
    assert any(line.startswith("Argument From Expert Opinion ") for line in lines)


def test_schemes_explains_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schemes", "ExpertOpinion")
    assert code == 0
    assert out.startswith("Argument From Expert Opinion (support)\nalso: expert opinion,")
    assert "\ncritical questions:\n  CQ1  Is {E} really an expert" in out
    assert "\na template: the letters in braces stand for the parts" in out
    assert "  CQ6  " in out


def test_schemes_suggests_for_an_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "schemes", "argument from expert opinon")
    assert code == 2
    assert out == ""
    assert err == (
        "argmap: no scheme is named `argument from expert opinon` "
        "(did you mean `Argument From Expert Opinion`?)\n"
    )


def test_schemes_shows_the_projects_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.argmap]\nschemes = {"argument from tradition" = ["Is it old?"]}\n'
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "schemes")
    assert code == 0
    assert "argument from tradition" in out
    assert "(yours)" in out
    code, out, _ = run(capsys, "schemes", "Tradition")
    assert out.startswith("argument from tradition (support, yours)\n")
    assert "  CQ1  Is it old?" in out
    code, out, _ = run(capsys, "schemes", "--isolated")
    assert "(yours)" not in out


if __name__ == "__main__":  # the coverage report: python -m tests.test_schemes [FOLDER]
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS_DIR.joinpath(*ARAUCARIA)
    counts = corpus_scheme_names(folder)
    mapped, unmapped = coverage(counts)
    for name in mapped:
        print(f"{counts[name]:6}  {name}  ->  {catalogue().find(name).name}")  # type: ignore[union-attr]
    for name in unmapped:
        print(f"{counts[name]:6}  {name}  (not in the catalogue)")
    print(f"{len(mapped)} of {len(counts)} distinct scheme names map to the catalogue.")
