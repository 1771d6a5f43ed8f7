"""Building a map step by step in Python."""

from __future__ import annotations

import pytest

from argmap import InvalidMapError, MapBuilder
from argmap.errors import Problem


def build_core() -> MapBuilder:
    b = MapBuilder("The Crisis Has Matured", thesis="insurrection_now")
    b.source("crisis", "The Crisis Has Matured", text="a peasant revolt is developing")
    b.evidence("dyelo_naroda", "quotation", "The SR organ admits it.", cites="Dyelo Naroda")
    b.claim(
        "peasant_revolt",
        "A peasant revolt is developing.",
        source="crisis",
        quote="a peasant revolt is developing",
    )
    b.claim("crisis_matured", "A nation-wide crisis has matured.")
    b.claim("insurrection_now", "Take power now.")
    b.support("revolt_shown", "dyelo_naroda", "peasant_revolt", scheme="argument from sign")
    b.support("revolt_means_crisis", ["peasant_revolt"], "crisis_matured", warrant="W.")
    b.support("crisis_demands_action", "crisis_matured", "insurrection_now")
    return b


def only(err: pytest.ExceptionInfo[InvalidMapError]) -> Problem:
    assert len(err.value.problems) == 1
    return err.value.problems[0]


def test_builds_a_valid_map() -> None:
    amap = build_core().build()
    assert [c.id for c in amap.claims] == ["peasant_revolt", "crisis_matured", "insurrection_now"]
    assert amap.inferences[0].premises == ["dyelo_naroda"]
    assert amap.evidence[0].cites == "Dyelo Naroda"


def test_attack_and_undercut() -> None:
    b = build_core()
    b.claim("cavalry", "Kerensky has loyal cavalry.")
    b.attack("cavalry_objection", "cavalry", "insurrection_now")
    b.claim("congress_moral", "The Congress has moral weight.")
    b.undercut("moral_undercut", "congress_moral", "crisis_demands_action")
    kinds = [i.kind.value for i in b.build().inferences]
    assert kinds[-2:] == ["attack", "undercut"]


def test_rephrase() -> None:
    b = build_core()
    b.claim("take_power", "The Bolsheviks must take power.")
    step = b.rephrase("again", "insurrection_now", "take_power")
    assert (step.kind.value, step.premises, step.conclusion) == (
        "rephrase",
        ["insurrection_now"],
        "take_power",
    )
    assert b.build().inferences[-1] == step


def test_unknown_reference_is_caught_at_once() -> None:
    b = build_core()
    with pytest.raises(InvalidMapError) as caught:
        b.support("leap", ["crisis_maturd"], "insurrection_now")
    problem = only(caught)
    assert problem.message == "premise `crisis_maturd` is not defined"
    assert problem.hint == "did you mean `crisis_matured`?"


def test_duplicate_id_and_unknown_source() -> None:
    b = build_core()
    with pytest.raises(InvalidMapError, match="`crisis_matured` is already defined"):
        b.claim("crisis_matured", "Again.")
    with pytest.raises(InvalidMapError) as caught:
        b.claim("x", "X.", source="crysis")
    assert only(caught).hint == "did you mean `crisis`?"


def test_field_errors_become_argmaps_own() -> None:
    b = build_core()
    with pytest.raises(InvalidMapError) as caught:
        b.evidence("stats", "statistics", "Figures.")
    assert "kind" in only(caught).message


def test_undercut_of_a_claim_is_refused_on_build() -> None:
    b = build_core()
    b.claim("z", "Z.")
    b.undercut("bad", "z", "crisis_matured")
    with pytest.raises(InvalidMapError, match="an undercut concludes an inference"):
        b.build()


def test_builder_errors_read_like_the_loaders() -> None:
    b = build_core()
    with pytest.raises(InvalidMapError) as caught:
        b.claim("two words", "Text.")
    assert only(caught).hint == "ids use letters, digits, `_` and `-`: try `two_words`"
    with pytest.raises(InvalidMapError) as caught:
        b.evidence("e", "stat", "Figures.")
    assert only(caught).hint == "did you mean `statistic`?"


def test_build_reports_every_problem_at_once() -> None:
    b = MapBuilder("  ", thesis="crisis_maturd")
    b.claim("crisis_matured", "A crisis.")
    with pytest.raises(InvalidMapError) as caught:
        b.build()
    messages = [p.message for p in caught.value.problems]
    assert messages == ["`title` is blank", "thesis `crisis_maturd` is not defined"]
