"""One finding per root cause, restatements, profiles, and the report's own API.

``tests/data/essay/essay.yaml`` is mapped as a persuasive essay's gold annotation would
be: every component quoted from the text, leaf premises with no support of their own,
no warrants, and the thesis restated in the last paragraph.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import argmap
from argmap import ArgumentMap, Claim, Evidence, Inference
from argmap.checks import PROFILES, Severity, check
from argmap.cli import main
from argmap.errors import ConfigError
from tests.conftest import ROOT

ESSAY = ROOT / "tests" / "data" / "essay" / "essay.yaml"
LEAVES = ["vegetables", "labels", "feed_themselves", "takeaway", "timetable_full", "one_hour"]


def without_restatement(amap: ArgumentMap) -> ArgumentMap:
    kept = [i for i in amap.inferences if i.id != "again"]
    return amap.model_copy(update={"inferences": kept})


def test_a_gold_like_essay_reports_each_leaf_once_and_nothing_else() -> None:
    report = check(argmap.read(ESSAY))
    warnings = [f for f in report if f.severity is Severity.WARNING]
    # Before: each of the 7 steps was also `ungrounded-step`, and the restated thesis an
    # `orphan-node`: 14 warnings for 6 causes.
    assert [(f.rule, f.ids[0]) for f in warnings] == [("unsupported-claim", c) for c in LEAVES]
    assert Counter(f.rule for f in report) == {"unsupported-claim": 6, "unwarranted-step": 7}
    assert {f.severity for f in report if f.rule == "unwarranted-step"} == {Severity.INFO}
    assert not report.failed
    # every ungrounded step is named by the leaf it rests on, once
    related = [r.id for f in report for r in f.related]
    assert sorted(related) == ["a1", "r1", "s1", "s2", "s3", "s4", "s5"]
    first = report[0]
    assert first.message == (
        "`vegetables` is relied on by `s1` but nothing supports it; "
        "1 step above is left ungrounded: `s3`"
    )
    assert [r.location.line for r in first.related if r.location] == [29, 31]


def test_without_the_restatement_the_restated_thesis_is_an_orphan() -> None:
    report = check(without_restatement(argmap.read(ESSAY)))
    assert [f.ids for f in report if f.rule == "orphan-node"] == [("restated",)]


def test_echoes_are_reported_when_their_cause_is_not() -> None:
    amap = argmap.read(ESSAY)
    alone = check(amap, select=["ungrounded-step"])
    assert [f.ids[0] for f in alone] == ["s1", "s2", "s3", "s4", "s5", "a1", "r1"]
    assert all(len(f.ids) == len(set(f.ids)) for f in alone)  # `s1`'s premise is its ground
    assert alone[0].ids == ("s1", "vegetables")
    # a claim that silences unsupported-claim for itself leaves its steps reported
    silenced = amap.model_copy(
        update={
            "claims": [
                c.model_copy(update={"ignore": ["unsupported-claim"]}) if c.id == "labels" else c
                for c in amap.claims
            ]
        }
    )
    report = check(silenced)
    assert [(f.rule, f.ids[0]) for f in report if f.rule == "ungrounded-step"] == [
        ("ungrounded-step", "s2")
    ]
    assert [f.ids[0] for f in report.suppressed] == ["labels"]


def test_the_coursework_profile_requires_warrants_and_quotes() -> None:
    amap = argmap.read(ESSAY)
    report = check(amap, profile="coursework")
    assert report.settings.profile == "coursework"
    assert {f.severity for f in report if f.rule == "unwarranted-step"} == {Severity.ERROR}
    assert report.failed
    assert set(PROFILES) == {"analysis", "coursework", "corpus"}
    quiet = check(amap, profile="corpus")
    assert [f.severity for f in quiet if f.severity is not Severity.INFO] == []
    with pytest.raises(ConfigError) as caught:
        check(amap, profile="course")
    assert caught.value.problems[0].hint == "did you mean `coursework`?"


def test_a_profile_chosen_in_the_map_or_pyproject_and_overridden(tmp_path: Path) -> None:
    shutil_copy(ESSAY, tmp_path)
    text = (tmp_path / "essay.yaml").read_text(encoding="utf-8")
    (tmp_path / "essay.yaml").write_text(text + "checks: {profile: coursework}\n", "utf-8")
    amap = argmap.read(tmp_path / "essay.yaml")
    assert check(amap).settings.profile == "coursework"
    assert check(amap, profile="analysis").settings.profile == "analysis"
    assert check(amap, use_files=False).settings.profile == "analysis"
    # pyproject's severities apply over the map's profile
    (tmp_path / "pyproject.toml").write_text(
        '[tool.argmap]\nprofile = "analysis"\nseverity = { unwarranted-step = "warning" }\n'
    )
    report = check(argmap.read(tmp_path / "essay.yaml"))
    assert report.settings.profile == "coursework"  # the map comes after pyproject.toml
    assert {f.severity for f in report if f.rule == "unwarranted-step"} == {Severity.WARNING}
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nprofile = "courswork"\n')
    with pytest.raises(ConfigError) as caught:
        check(argmap.read(tmp_path / "essay.yaml"))
    assert caught.value.problems[0].hint == "did you mean `coursework`?"


def test_the_cli_takes_a_profile(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ESSAY)]) == 0
    assert main(["check", "--profile", "coursework", str(ESSAY)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == f"{ESSAY}: 7 errors, 6 warnings, 0 info."


def test_related_locations_in_json_and_sarif(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--format", "json", str(ESSAY)])
    [data] = json.loads(capsys.readouterr().out)["files"]
    first = data["diagnostics"][0]
    assert [(r["id"], r["location"]["line"]) for r in first["related"]] == [("s1", 29), ("s3", 31)]
    main(["check", "--format", "sarif", str(ESSAY)])
    result = json.loads(capsys.readouterr().out)["runs"][0]["results"][0]
    lines = [r["physicalLocation"]["region"]["startLine"] for r in result["relatedLocations"]]
    assert lines == [29, 31]
    assert result["relatedLocations"][0]["message"]["text"].startswith("`s1` rests on")


def claims(*ids: str, **assumed: bool) -> list[Claim]:
    return [Claim(id=i, text=f"{i}.", assumed=assumed.get(i, False)) for i in ids]


def test_a_restatement_is_grounded_by_what_grounds_the_claim_it_restates() -> None:
    amap = ArgumentMap(
        title="T",
        thesis="top",
        claims=claims("top", "claim", "again"),
        evidence=[Evidence(id="fact", kind="statistic", text="A fact.")],
        inferences=[
            Inference(id="why", premises=["fact"], conclusion="again", warrant="w"),
            Inference(id="r", premises=["claim"], conclusion="again", kind="rephrase"),
            Inference(id="use", premises=["claim"], conclusion="top", warrant="w"),
        ],
    )
    # `claim` is supported only through its restatement `again`: nothing to report
    ignore = ["unquoted-claim", "uncited-evidence"]
    assert list(check(amap, use_files=False, ignore=ignore)) == []


def test_a_restatement_class_without_support_is_reported_once() -> None:
    amap = ArgumentMap(
        title="T",
        thesis="top",
        claims=claims("top", "base", "base_again"),
        inferences=[
            Inference(id="step", premises=["base_again"], conclusion="top", warrant="w"),
            Inference(id="r", premises=["base"], conclusion="base_again", kind="rephrase"),
        ],
    )
    report = check(amap, use_files=False, ignore=["unquoted-claim"])
    assert [(f.rule, f.ids[0]) for f in report] == [("unsupported-claim", "base_again")]
    assert report[0].message == (
        "`base_again` is relied on by `step` but nothing supports it (nor its restatement `base`)"
    )


def test_a_rephrase_needs_no_warrant_and_is_no_attack() -> None:
    amap = ArgumentMap(
        title="T",
        claims=claims("a", "b", a=True),
        inferences=[Inference(id="r", premises=["a"], conclusion="b", kind="rephrase")],
    )
    assert list(check(amap, use_files=False, ignore=["unquoted-claim"])) == []


def test_duplicates_linked_as_restatements_are_no_duplicates() -> None:
    same = [
        Claim(id="a", text="The crisis has matured."),
        Claim(id="b", text="the crisis has matured"),
    ]
    linked = ArgumentMap(
        title="T",
        thesis="a",
        claims=same,
        inferences=[Inference(id="r", premises=["a"], conclusion="b", kind="rephrase")],
    )
    assert "duplicate-claim" not in {f.rule for f in check(linked, use_files=False)}
    apart = ArgumentMap(title="T", thesis="a", claims=same)
    rules = [f.rule for f in check(apart, use_files=False)]
    assert "duplicate-claim" in rules
    assert "orphan-node" not in rules  # the copy's orphan-node is folded into it
    [duplicate] = [f for f in check(apart, use_files=False) if f.rule == "duplicate-claim"]
    assert duplicate.message.endswith(", and it does not lead to the thesis")


def test_a_rephrase_restates_one_claim() -> None:
    with pytest.raises(ValueError, match="a rephrase restates one claim"):
        ArgumentMap(
            title="T",
            claims=claims("a", "b", "c"),
            inferences=[Inference(id="r", premises=["a", "c"], conclusion="b", kind="rephrase")],
        )


def test_the_report_speaks_for_itself() -> None:
    report = check(argmap.read(ESSAY))
    assert repr(report) == "<CheckReport passed: 0 errors, 6 warnings, 7 info; profile analysis>"
    assert report.counts() == {"error": 0, "warning": 6, "info": 7, "suppressed": 0}
    assert report.summary() == "0 errors, 6 warnings, 7 info"
    assert str(Severity.WARNING) == "warning"
    assert f"{Severity.INFO}" == "info"
    html = report._repr_html_()
    assert html.count("<tr>") == len(report) + 1
    hostile = ArgumentMap(title="T", thesis="a", claims=[Claim(id="a", text="<script>x</script>")])
    assert "<script>" not in check(hostile, use_files=False)._repr_html_()


def shutil_copy(path: Path, folder: Path) -> None:
    for name in ("essay.yaml", "essay.txt"):
        (folder / name).write_text((path.parent / name).read_text(encoding="utf-8"), "utf-8")


def test_folding_never_lowers_what_a_check_reports() -> None:
    amap = argmap.read(ESSAY)
    report = check(amap, severity={"unsupported-claim": "info"}, fail_on="warning")
    steps = [f.ids[0] for f in report if f.rule == "ungrounded-step"]
    assert steps == ["s1", "s2", "s3", "s4", "s5", "a1", "r1"]  # warnings: reported apart
    assert report.failed


def test_support_through_a_restatement_is_circular() -> None:
    amap = ArgumentMap(
        title="T",
        thesis="major",
        claims=claims("major", "restated"),
        inferences=[
            Inference(id="again", premises=["major"], conclusion="restated", kind="rephrase"),
            Inference(id="because", premises=["restated"], conclusion="major", warrant="w"),
        ],
    )
    report = check(amap, use_files=False, ignore=["unquoted-claim"])
    assert [(f.rule, f.ids[0]) for f in report] == [
        ("unsupported-claim", "major"),
        ("self-support", "because"),
    ]
    assert report[1].message == (
        "`because` concludes `major` from `restated`, which says the same in other words "
        "(a rephrase links them)"
    )
    # and a longer circle through a restatement is a circle
    amap = ArgumentMap(
        title="T",
        thesis="a",
        claims=claims("a", "b", "b2"),
        inferences=[
            Inference(id="ab", premises=["b"], conclusion="a", warrant="w"),
            Inference(id="ba", premises=["a"], conclusion="b2", warrant="w"),
            Inference(id="r", premises=["b"], conclusion="b2", kind="rephrase"),
        ],
    )
    rules = [f.rule for f in check(amap, use_files=False, ignore=["unquoted-claim"])]
    assert rules == ["circular-support"]


def test_restatement_classes_are_worked_out_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.checks.index import MapIndex

    def chain(n: int) -> ArgumentMap:
        ids = [f"c{i}" for i in range(n)]
        steps = [
            Inference(id=f"r{i}", premises=[ids[i]], conclusion=ids[i + 1], kind="rephrase")
            for i in range(n - 1)
        ]
        uses = [
            Inference(id=f"u{i}", premises=[ids[i]], conclusion="top", warrant="w")
            for i in range(n)
        ]
        return ArgumentMap(
            title="T", thesis="top", claims=claims("top", *ids), inferences=steps + uses
        )

    calls = Counter[int]()
    original = MapIndex.real_supports

    def counted(self: MapIndex, claim: str) -> list[Inference]:
        calls[len(self.amap.claims)] += 1
        return original(self, claim)

    monkeypatch.setattr(MapIndex, "real_supports", counted)
    for n in (100, 400):
        report = check(chain(n), use_files=False, ignore=["unquoted-claim"])
        assert [f.ids[0] for f in report] == ["c0"]  # the class, once
    assert calls[401] <= 4 * calls[101] + 50  # linear, not quadratic, in the class's size


def test_a_restated_conclusion_is_still_a_top_level_conclusion() -> None:
    amap = ArgumentMap(
        title="T",
        claims=claims("a", "b", "t", "t2", "x", a=True, b=True),
        inferences=[
            Inference(id="i", premises=["a"], conclusion="t", warrant="w"),
            Inference(id="j", premises=["b"], conclusion="x", warrant="w"),
            Inference(id="r", premises=["t"], conclusion="t2", kind="rephrase"),
        ],
    )
    [finding] = check(amap, use_files=False, select=["missing-thesis"])
    assert finding.ids == ("t", "x")


def test_a_copy_with_items_below_it_stays_an_orphan() -> None:
    amap = ArgumentMap(
        title="T",
        thesis="a",
        claims=[
            Claim(id="a", text="The crisis has matured."),
            Claim(id="b", text="the crisis has matured"),
            Claim(id="below", text="Below.", assumed=True),
        ],
        inferences=[Inference(id="i", premises=["below"], conclusion="b", warrant="w")],
    )
    rules = {f.rule: f for f in check(amap, use_files=False, ignore=["unquoted-claim"])}
    assert "orphan-node" in rules
    assert "(nor does the item below it)" in rules["orphan-node"].message
