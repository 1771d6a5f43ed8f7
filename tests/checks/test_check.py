"""argmap.check as a whole: settings, silencing, output formats, and properties of the rules."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Evidence, Inference, InferenceKind
from argmap.checks import RULES, Severity, check
from argmap.checks.index import MapIndex, circles_of, strongly_connected
from argmap.checks.output import FileResult, to_json, to_sarif
from argmap.cli import main
from argmap.errors import ConfigError
from tests.conftest import EXAMPLES, ROOT
from tests.strategies import maps

WriteMap = Callable[..., Path]
FLAWED = EXAMPLES / "exercises" / "flawed_student_map.yaml"
SARIF_SCHEMA = json.loads(
    (Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)

LEAP = """
argmap: 1
title: T
claims:
  - {id: a, text: A., assumed: true}
  - {id: b, text: B., ignore: IGNORE}
inferences:
  - {id: leap, premises: [a], conclusion: b}
"""


def test_the_example_has_no_errors_or_warnings() -> None:
    report = check(argmap.read(EXAMPLES / "crisis_core.yaml"))
    assert [f.severity for f in report] == [Severity.INFO]
    assert not report.failed


def test_the_flawed_student_map_shows_each_kind_of_finding() -> None:
    report = check(argmap.read(FLAWED))
    found = {f.rule for f in report}
    # missing-thesis needs a map without a thesis, redundant-assumption one that
    # both assumes and supports a claim: see tests/checks/cases. Every ungrounded step
    # of this map rests on an unsupported claim or a circle, and is named there.
    # unasked-critical-question runs only in coursework (or when selected); the map
    # labels no critical question, so unknown-question has nothing to find.
    assert found == {r.name for r in RULES} - {
        "missing-thesis",
        "redundant-assumption",
        "ungrounded-step",
        "unasked-critical-question",
        "unknown-question",
    }
    folded = {r.id for f in report for r in f.related}
    assert {"idiocy_means_act", "nothing_means_idiocy", "crisis_means_act"} <= folded
    assert "orphan-node" in {f.rule for f in check(argmap.read(FLAWED), ignore=["AM205"])}
    assert report.failed
    assert all(f.location is not None and f.location.line for f in report)
    assert [f.sort_key() for f in report] == sorted(f.sort_key() for f in report)


def test_select_ignore_and_severity() -> None:
    amap = argmap.read(FLAWED)
    assert {f.rule for f in check(amap, select=["AM2"])} == {
        "circular-support",
        "self-support",
        "orphan-node",
        "duplicate-claim",
    }
    assert "unquoted-claim" not in {f.rule for f in check(amap, ignore=["unquoted-claim"])}
    report = check(amap, select=["unwarranted-step"], severity={"unwarranted-step": "error"})
    assert [f.severity for f in report] == [Severity.ERROR]
    assert report.failed
    assert not check(amap, select=["unwarranted-step"]).failed
    assert not check(amap, select=["unwarranted-step"], fail_on="warning").failed  # info
    assert check(amap, select=["unwarranted-step"], fail_on="info").failed
    strict = check(amap, select=["unwarranted-step"], profile="coursework")
    assert [f.severity for f in strict] == [Severity.ERROR]
    assert strict.failed
    assert strict.settings.profile == "coursework"


def test_unknown_rule_names_are_refused_with_a_hint() -> None:
    amap = argmap.read(FLAWED)
    with pytest.raises(ConfigError) as caught:
        check(amap, ignore=["unsuported-claim"])
    assert caught.value.problems[0].hint == "did you mean `unsupported-claim`?"


def test_an_item_silences_a_rule_for_itself_with_a_reason(write_map: WriteMap) -> None:
    path = write_map(LEAP.replace("ignore: IGNORE", "ignore: {}"))
    assert [f.rule for f in check(argmap.read(path), select=["AM103"])] == ["unwarranted-step"]
    silenced = LEAP.replace("{id: b, text: B., ignore: IGNORE}", "{id: b, text: B.}").replace(
        "conclusion: b}", "conclusion: b, ignore: {unwarranted-step: Lenin takes it as given}}"
    )
    report = check(argmap.read(write_map(silenced)), select=["AM103"])
    assert list(report) == []
    assert [f.rule for f in report.suppressed] == ["unwarranted-step"]
    as_list = silenced.replace(
        "ignore: {unwarranted-step: Lenin takes it as given}", "ignore: [AM103]"
    )
    assert list(check(argmap.read(write_map(as_list)), select=["AM103"])) == []


def test_an_unknown_rule_in_an_items_ignore_is_located(write_map: WriteMap) -> None:
    path = write_map(LEAP.replace("ignore: IGNORE", "ignore: [unwarranted-stp]"))
    with pytest.raises(ConfigError) as caught:
        check(argmap.read(path))
    problem = caught.value.problems[0]
    assert problem.location is not None
    assert problem.location.line == 5
    assert problem.hint == "did you mean `unwarranted-step`?"


def test_settings_from_pyproject_and_the_map(workdir: Path, write_map: WriteMap) -> None:
    (workdir / "pyproject.toml").write_text(
        '[tool.argmap]\nignore = ["unquoted-claim"]\nfail-on = "warning"\n'
        'severity = { unwarranted-step = "error" }\n'
    )
    path = write_map(LEAP.replace(", ignore: IGNORE", ""))
    report = check(argmap.read(path))
    assert [(f.rule, f.severity) for f in report] == [("unwarranted-step", Severity.ERROR)]
    assert report.settings.fail_on is Severity.WARNING
    # the map's own `checks:` comes after pyproject.toml
    path = write_map(LEAP.replace(", ignore: IGNORE", "") + "checks: {ignore: [AM1]}\n")
    assert list(check(argmap.read(path))) == []
    # and the caller comes last; use_files=False leaves both files out
    assert list(check(argmap.read(path), select=["AM103"])) != []
    assert check(argmap.read(path), use_files=False).settings.fail_on is Severity.ERROR


def test_a_broken_pyproject_table_is_a_config_error(workdir: Path, write_map: WriteMap) -> None:
    (workdir / "pyproject.toml").write_text('[tool.argmap]\nfail-on = "warn"\n')
    path = write_map(LEAP.replace(", ignore: IGNORE", ""))
    with pytest.raises(ConfigError, match="fail-on"):
        check(argmap.read(path))


def test_cli_exit_codes_and_options(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(FLAWED)]) == 1
    assert main(["check", str(FLAWED), "--select", "AM1,AM3", "--ignore", "AM104,AM301"]) == 0
    assert main(["check", str(FLAWED), "--select", "unwarranted-step", "--fail-on", "warning"]) == 0
    assert main(["check", str(FLAWED), "--select", "unwarranted-step", "--fail-on", "info"]) == 1
    assert main(["check", str(FLAWED), "--select", "AM103", "--profile", "coursework"]) == 1
    capsys.readouterr()
    assert main(["check", str(FLAWED), "--ignore", "no-such-rule"]) == 2
    assert "--ignore: no rule is named `no-such-rule`" in capsys.readouterr().err
    assert main(["check", str(FLAWED), "--select", ""]) == 2


def test_text_output_groups_by_severity(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(FLAWED)])
    lines = [ln for ln in capsys.readouterr().out.splitlines() if not ln.startswith("    ")]
    severities = [ln.split(": ", 1)[1].split(" ", 1)[0] for ln in lines[:-1]]
    order = {"error": 0, "warning": 1, "info": 2}
    assert severities == sorted(severities, key=order.__getitem__)
    assert lines[-1] == f"{FLAWED}: 4 errors, 8 warnings, 6 info."


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", str(FLAWED)]) == 1
    log = json.loads(capsys.readouterr().out)
    assert set(log) == {"files", "summary"}
    [data] = log["files"]
    assert data["file"] == str(FLAWED)
    assert data["summary"] == {
        "loaded": True,
        "errors": 4,
        "warnings": 8,
        "info": 6,
        "suppressed": 0,
        "failed": True,
    }
    first = data["diagnostics"][0]
    assert set(first) == {
        "rule",
        "code",
        "severity",
        "message",
        "ids",
        "hint",
        "location",
        "related",
    }
    circle = next(d for d in data["diagnostics"] if d["rule"] == "circular-support")
    assert [r["id"] for r in circle["related"]] == [
        "crisis_matured",
        "revolution_ripe",
        "ripe_means_crisis",
        "crisis_means_ripe",
        "crisis_means_act",
    ]
    assert all(r["location"]["line"] for r in circle["related"])
    assert set(first["location"]) == {"file", "line", "column"}
    assert log["summary"] == {
        "files": 1,
        "errors": 4,
        "warnings": 8,
        "info": 6,
        "suppressed": 0,
        "unusable": 0,
        "skipped": 0,
    }
    main(["check", "--format", "json", str(FLAWED), str(EXAMPLES / "broken.yaml")])
    both = json.loads(capsys.readouterr().out)
    assert [d["summary"]["loaded"] for d in both["files"]] == [True, False]
    assert both["summary"]["files"] == 2
    assert both["summary"]["unusable"] == 1
    assert both["summary"]["errors"] == 4  # the findings; the broken file's problems are its own


def test_sarif_output_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "sarif", str(FLAWED), str(EXAMPLES / "broken.yaml")]) == 2
    log = json.loads(capsys.readouterr().out)
    validator = jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA)
    validator.validate(log)
    results = log["runs"][0]["results"]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert len(rules) == len(RULES) + 1
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] >= 1
    assert region["startColumn"] >= 1


def test_output_functions_agree_with_the_report() -> None:
    report = check(argmap.read(FLAWED))
    data = to_json(FileResult(str(FLAWED), report))
    assert len(data["diagnostics"]) == len(report)
    sarif = to_sarif([FileResult(str(FLAWED), report)], "0")
    assert len(sarif["runs"][0]["results"]) == len(report)


def test_rules_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "code",
        "rule",
        "analysis",
        "coursework",
        "corpus",
        "what",
        "it",
        "finds",
    ]
    assert [ln.split()[0] for ln in lines[1 : len(RULES) + 1]] == [r.code for r in RULES]
    assert lines[len(RULES) + 1 :][:2] == [
        "",
        "Profiles (choose with `check --profile`, or `profile:` in `checks:` or [tool.argmap]):",
    ]
    assert "AM103  unwarranted-step" in lines[3]
    assert lines[3].split()[2:4] == ["info", "error"]
    assert main(["rules", "AM301"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("AM301 quote-not-found (analysis error, coursework error, corpus error)")
    assert "Fails:" in out
    assert main(["rules", "quote-not-fund"]) == 2
    assert "did you mean `quote-not-found`?" in capsys.readouterr().err


def test_every_rule_is_documented_with_an_example() -> None:
    for rule in RULES:
        assert "Fails" in rule.explanation, rule.name
        assert "Passes" in rule.explanation, rule.name
        assert rule.code.startswith("AM")
        assert rule.name == rule.name.lower()
    assert len({r.code for r in RULES}) == len({r.name for r in RULES}) == len(RULES)


def test_long_chains_are_shortened_in_messages() -> None:
    claims = [Claim(id=f"c{i}", text=f"C{i}.") for i in range(50)]
    inferences = [
        Inference(id=f"i{i}", premises=[f"c{i + 1}"], conclusion=f"c{i}", scheme="s")
        for i in range(49)
    ]
    report = check(
        ArgumentMap(title="T", claims=claims, inferences=inferences), select=["ungrounded-step"]
    )
    assert report[0].message == (
        "`i0` rests on ungrounded `c1`: c0 ← c1 ← c2 ← c3 ← c4 ← … ← c49 (unsupported)"
    )
    assert len(report) == 49


# Properties, on random maps


@st.composite
def random_maps(draw: st.DrawFn) -> ArgumentMap:
    n = draw(st.integers(1, 8))
    claims = [
        Claim(
            id=f"c{i}",
            text=draw(st.sampled_from(["A.", "B.", "a", "C"])),
            assumed=draw(st.booleans()),
        )
        for i in range(n)
    ]
    evidence = [
        Evidence(id=f"e{i}", kind="report", text="E.") for i in range(draw(st.integers(0, 2)))
    ]
    statements = [*(c.id for c in claims), *(e.id for e in evidence)]
    inferences: list[Inference] = []
    for j in range(draw(st.integers(0, 10))):
        premises = draw(st.lists(st.sampled_from(statements), min_size=1, max_size=3, unique=True))
        kind = draw(
            st.sampled_from(
                [
                    InferenceKind.SUPPORT,
                    InferenceKind.SUPPORT,
                    InferenceKind.ATTACK,
                    InferenceKind.REPHRASE,
                ]
            )
        )
        if kind is InferenceKind.REPHRASE:
            premises = premises[:1]
        inferences.append(
            Inference(
                id=f"i{j}",
                premises=premises,
                kind=kind,
                conclusion=draw(st.sampled_from([c.id for c in claims])),
                scheme=draw(st.none() | st.just("s")),
            )
        )
    thesis = draw(st.none() | st.sampled_from([c.id for c in claims]))
    return ArgumentMap(
        title="T", thesis=thesis, claims=claims, evidence=evidence, inferences=inferences
    )


def naive_grounded(amap: ArgumentMap) -> set[str]:
    grounded = {e.id for e in amap.evidence} | {c.id for c in amap.claims if c.assumed}
    changed = True
    while changed:
        changed = False
        for i in amap.inferences:
            if (
                i.kind in (InferenceKind.SUPPORT, InferenceKind.REPHRASE)
                and i.conclusion not in grounded
                and all(p in grounded for p in i.premises)
            ):
                grounded.add(i.conclusion)
                changed = True
            if (  # a restatement grounds what it restates, too
                i.kind is InferenceKind.REPHRASE
                and i.conclusion in grounded
                and i.premises[0] not in grounded
            ):
                grounded.add(i.premises[0])
                changed = True
    return grounded


@settings(max_examples=200)
@given(random_maps())
def test_grounding_is_the_least_fixed_point(amap: ArgumentMap) -> None:
    assert MapIndex(amap).grounded == naive_grounded(amap)


@settings(max_examples=200)
@given(random_maps())
def test_checks_never_raise_and_agree_with_each_other(amap: ArgumentMap) -> None:
    report = check(amap, use_files=False)
    found = {(f.rule, f.ids[0]) for f in report}
    steps = {i.id for i in amap.inferences}
    folded = [r.id for f in report for r in f.related if r.id in steps]
    assert len(folded) == len(set(folded))  # each step folded into one root cause at most
    grounded = naive_grounded(amap)
    for inference in amap.inferences:
        ungrounded = inference.kind is not InferenceKind.REPHRASE and any(
            p not in grounded for p in inference.premises
        )
        reported = ("ungrounded-step", inference.id) in found
        assert (reported or inference.id in folded) == ungrounded
        assert not (reported and inference.id in folded)
        same = MapIndex(amap).restatement_classes.get(inference.conclusion, ())
        restated = inference.kind is InferenceKind.SUPPORT and any(
            p in same for p in inference.premises
        )
        assert (("self-support", inference.id) in found) == (
            inference.conclusion in inference.premises or restated
        )
    for claim in amap.claims:
        if ("unsupported-claim", claim.id) in found:
            assert claim.id not in grounded
    for finding in report:  # a folded step names the claim it was folded into as its ground
        for related in finding.related:
            if "rests on ungrounded" in related.message and finding.rule == "unsupported-claim":
                assert finding.ids[0] in related.message or "…" in related.message


def test_readme_and_docs_name_each_rule() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in RULES:
        assert f"`{rule.name}`" in readme


def test_a_broken_pyproject_that_names_argmap_is_reported(
    workdir: Path, write_map: WriteMap
) -> None:
    (workdir / "pyproject.toml").write_text('[tool.argmap\nfail-on = "info"\n')
    path = write_map(LEAP.replace(", ignore: IGNORE", ""))
    with pytest.raises(ConfigError, match="not valid TOML"):
        check(argmap.read(path))
    (workdir / "pyproject.toml").write_text("tool = 1\n")
    assert check(argmap.read(path)).settings.fail_on is Severity.ERROR  # not ours: ignored


def test_settings_errors_in_one_file_keep_the_others(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write_map(LEAP.replace(", ignore: IGNORE", "") + "checks: {ignore: [AM999]}\n")
    assert main(["check", "--format", "json", str(EXAMPLES / "crisis_core.yaml"), str(bad)]) == 2
    results = json.loads(capsys.readouterr().out)["files"]
    assert [r["summary"]["loaded"] for r in results] == [True, False]
    assert results[1]["diagnostics"][0]["rule"] == "unknown-rule"


def test_python_settings_are_forgiving_but_strict(write_map: WriteMap) -> None:
    amap = argmap.read(FLAWED)
    assert {f.rule for f in check(amap, select="AM30")} <= {
        "quote-not-found",
        "uncited-evidence",
        "unused-source",
        "implicit-with-quote",
        "unquoted-claim",
    }
    with pytest.raises(ConfigError, match="warn"):
        check(amap, fail_on="warn")


def test_orphan_circles_are_reported_once(write_map: WriteMap) -> None:
    path = write_map("""
        argmap: 1
        title: T
        thesis: t
        claims: [{id: t, text: T., assumed: true}, {id: a, text: A.}, {id: b, text: B.},
                 {id: c, text: C.}]
        inferences:
          - {id: i1, premises: [a], conclusion: b, scheme: s}
          - {id: i2, premises: [b], conclusion: c, scheme: s}
          - {id: i3, premises: [c], conclusion: a, scheme: s}
        """)
    orphans = list(check(argmap.read(path), select=["orphan-node"]))
    assert len(orphans) == 1
    assert set(orphans[0].ids) == {"a", "b", "c"}


def test_punctuation_alone_is_no_duplicate(write_map: WriteMap) -> None:
    path = write_map("""
        argmap: 1
        title: T
        claims: [{id: a, text: "?"}, {id: b, text: "—"}, {id: c, text: 1/2 voted},
                 {id: d, text: 1.2 voted}]
        """)
    assert list(check(argmap.read(path), select=["duplicate-claim"])) == []


@settings(max_examples=200)
@given(maps())
def test_quick_tests_of_the_index_agree_with_the_full_ones(amap: ArgumentMap) -> None:
    """The index answers "is there a circle?" by peeling (cheap), "which?" by Tarjan."""
    index = MapIndex(amap)
    circles = circles_of(index.support_edges)
    self_loops = any(c in index.support_edges.get(c, {}) for c in index.support_edges)
    assert index._support_is_acyclic is (not circles and not self_loops)
    assert index.circles == circles
    assert sorted(map(sorted, circles)) == sorted(
        sorted(c) for c in strongly_connected(index.support_edges) if len(c) > 1
    )
