"""Which claims stand: the translation on textbook cases, and the solvers against references.

The references are PyArg (the ``python-argumentation`` package of Utrecht University,
a test-only dependency) and, for small frameworks, brute force over every subset.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import ArgumentMap, Claim, Evidence, Inference, evaluate, read, write
from argmap.evaluation import (
    SEARCH_LIMIT,
    Label,
    SearchLimitError,
    _applies,
    _arguments,
    _attackers,
    _Framework,
    grounded_labelling,
    preferred_extensions,
)
from tests.conftest import ROOT, assert_linear, corpus_files

A, R, U = Label.ACCEPTED, Label.REJECTED, Label.UNDECIDED

Attacks = set[tuple[int, int]]


def af_map(size: int, attacks: Attacks) -> ArgumentMap:
    """An abstract framework as a map: each argument a claim, each attack an attack."""
    return ArgumentMap(
        title="af",
        claims=[Claim(id=f"a{i}", text=f"A{i}.") for i in range(size)],
        inferences=[
            Inference(id=f"a{s}_on_a{t}", premises=[f"a{s}"], conclusion=f"a{t}", kind="attack")
            for s, t in sorted(attacks)
        ],
    )


def labels(amap: ArgumentMap, semantics: str = "grounded", **options: bool) -> dict[str, Label]:
    result = evaluate(amap, semantics, **options)  # type: ignore[arg-type]
    return {v.id: v.label for v in result}


def claims(amap: ArgumentMap, semantics: str = "grounded") -> str:
    """The claims' labels as letters, e.g. 'ARA'."""
    found = labels(amap, semantics)
    return "".join(found[c.id].value[0].upper() for c in amap.claims)


def claim(ident: str, *, assumed: bool = False) -> Claim:
    return Claim(id=ident, text=ident.capitalize() + ".", assumed=assumed)


def step(ident: str, premises: list[str], conclusion: str, kind: str = "support") -> Inference:
    return Inference(id=ident, premises=premises, conclusion=conclusion, kind=kind)


# Textbook abstract frameworks --------------------------------------------------------


@pytest.mark.parametrize(
    ("attacks", "grounded", "preferred"),
    [
        pytest.param({(1, 0), (2, 1)}, "ARA", "ARA", id="reinstatement a<-b<-c"),
        pytest.param({(0, 1), (1, 0)}, "UU", "UU", id="even cycle"),
        pytest.param({(0, 1), (1, 2), (2, 0)}, "UUU", "UUU", id="odd cycle"),
        pytest.param({(0, 0)}, "U", "U", id="self-attack"),
        pytest.param({(0, 0), (0, 1)}, "UU", "UU", id="self-attacker attacks b"),
        # a and b attack each other and both attack c, which attacks d: c is out and d in
        # in both preferred extensions, undecided in grounded (floating acceptance).
        pytest.param({(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)}, "UUUU", "UURA", id="floating"),
    ],
)
def test_textbook_frameworks(attacks: Attacks, grounded: str, preferred: str) -> None:
    size = 1 + max(max(pair) for pair in attacks)
    amap = af_map(size, attacks)
    assert claims(amap) == grounded
    assert claims(amap, "preferred") == preferred


def test_even_cycle_has_two_preferred_extensions_and_credulous_acceptance() -> None:
    result = evaluate(af_map(2, {(0, 1), (1, 0)}), "preferred")
    assert result.extensions is not None
    assert sorted(sorted(e & {"a0", "a1"}) for e in result.extensions) == [["a0"], ["a1"]]
    assert result["a0"].credulous is True
    assert result["a0"].explanation == (
        "`a0` is undecided: accepted in 1 of the 2 preferred extensions, rejected in 1, "
        "so it is accepted credulously, not sceptically."
    )


def test_grounded_names_the_circle_it_cannot_break() -> None:
    result = evaluate(af_map(2, {(0, 1), (1, 0)}))
    assert result["a0"].explanation == (
        "`a0` is undecided: attacked by `a1_on_a0`, which is itself undecided; it stands in a "
        "circle that grounded semantics leaves open (`a0` → `a1_on_a0` → `a1` → `a0_on_a1` "
        "→ `a0`, each held open by the next)."
    )


def test_floating_acceptance_explains_each_extension() -> None:
    amap = af_map(4, {(0, 1), (1, 0), (0, 2), (1, 2), (2, 3)})
    result = evaluate(amap, "preferred")
    assert result["a3"].explanation == (
        "`a3` is accepted in all 2 preferred extensions, though grounded semantics leaves "
        "it undecided: it has an accepted argument in each (as a given premise)."
    )


# The translation: rebut, undermine, undercut, support, restatement --------------------


def test_rebut_defeats_the_claim_and_the_step_to_it() -> None:
    amap = ArgumentMap(
        title="rebut",
        claims=[claim("p"), claim("c"), claim("q")],
        inferences=[step("p_c", ["p"], "c"), step("q_not_c", ["q"], "c", "attack")],
    )
    result = evaluate(amap)
    assert (result["c"].label, result["p_c"].label, result["p"].label) == (R, R, A)
    assert result["c"].explanation == (
        "`c` is rejected: attacked by `q_not_c`, whose premise `q` is accepted and which "
        "nothing undercuts."
    )
    assert result["p_c"].explanation == (
        "step `p_c` fails (rejected): its conclusion `c` is defeated by `q_not_c`, whose "
        "premise `q` is accepted and which nothing undercuts."
    )


def test_rebut_is_one_way_unless_drawn_both_ways() -> None:
    one_way = ArgumentMap(
        title="t",
        claims=[claim("p"), claim("c"), claim("q")],
        inferences=[step("p_c", ["p"], "c"), step("q_not_c", ["q"], "c", "attack")],
    )
    assert labels(one_way)["q_not_c"] is A
    both = one_way.model_copy(
        update={"inferences": [*one_way.inferences, step("c_not_q", ["c"], "q", "attack")]}
    )
    assert [labels(both)[x] for x in ("c", "q", "p")] == [U, U, A]


def test_undermining_a_premise_defeats_what_rests_on_it() -> None:
    amap = ArgumentMap(
        title="undermine",
        claims=[claim("p", assumed=True), claim("c"), claim("q")],
        inferences=[step("p_c", ["p"], "c"), step("q_not_p", ["q"], "p", "attack")],
    )
    result = evaluate(amap)
    assert [result[x].label for x in ("p", "p_c", "c")] == [R, R, R]
    assert result["c"].explanation == (
        "`c` is rejected: it is no given premise, and the one step that supports it fails: "
        "`p_c` (its premise `p` is rejected)."
    )


def test_undercut_defeats_the_step_not_its_premises() -> None:
    amap = ArgumentMap(
        title="undercut",
        claims=[claim("p"), claim("c"), claim("q")],
        inferences=[step("p_c", ["p"], "c"), step("q_cuts", ["q"], "p_c", "undercut")],
    )
    result = evaluate(amap)
    assert [result[x].label for x in ("p", "p_c", "c", "q_cuts")] == [A, R, R, A]
    assert result["p_c"].explanation == (
        "step `p_c` fails (rejected): undercut by `q_cuts`, whose premise `q` is accepted and "
        "which nothing undercuts."
    )


def test_undercut_of_an_objection_reinstates_its_target() -> None:
    amap = ArgumentMap(
        title="reply",
        claims=[claim("c"), claim("o"), claim("r")],
        inferences=[
            step("objection", ["o"], "c", "attack"),
            step("reply", ["r"], "objection", "undercut"),
        ],
    )
    result = evaluate(amap)
    assert [result[x].label for x in ("c", "objection", "reply")] == [A, R, A]
    assert result["c"].explanation == (
        "`c` is accepted: nothing supports it, so it is taken as stated; the attack on it "
        "fails: `objection` (undercut by `reply`)."
    )


def test_convergent_support_survives_one_defeated_step() -> None:
    amap = ArgumentMap(
        title="convergent",
        claims=[claim("p"), claim("q"), claim("c"), claim("x")],
        inferences=[
            step("p_c", ["p"], "c"),
            step("q_c", ["q"], "c"),
            step("x_on_p", ["x"], "p", "attack"),
        ],
    )
    result = evaluate(amap)
    assert [result[x].label for x in ("p", "p_c", "q_c", "c")] == [R, R, A, A]
    assert result["c"].explanation == (
        "`c` is accepted: step `q_c` supports it, and its premise `q` is accepted."
    )


def test_linked_premises_need_every_one() -> None:
    amap = ArgumentMap(
        title="linked",
        claims=[claim("p"), claim("q"), claim("c"), claim("x")],
        inferences=[step("pq_c", ["p", "q"], "c"), step("x_on_q", ["x"], "q", "attack")],
    )
    assert [labels(amap)[x] for x in ("p", "q", "pq_c", "c")] == [A, R, R, R]


def test_a_restatement_stands_or_falls_with_what_it_restates() -> None:
    amap = ArgumentMap(
        title="rephrase",
        claims=[claim("t"), claim("again"), claim("x")],
        inferences=[
            step("restated", ["t"], "again", "rephrase"),
            step("x_on_again", ["x"], "again", "attack"),
        ],
    )
    result = evaluate(amap)
    assert [result[x].label for x in ("t", "again", "restated")] == [R, R, R]
    assert result["again"].explanation.startswith(
        "`again` restates `t` and stands or falls with it. `t` is rejected: attacked by "
    )


def test_stated_claims_can_be_switched_off() -> None:
    amap = ArgumentMap(
        title="stated",
        claims=[claim("p"), claim("c"), claim("k", assumed=True)],
        evidence=[Evidence(id="e", kind="report", text="E.")],
        inferences=[step("p_c", ["p"], "c")],
    )
    assert [labels(amap)[x] for x in ("p", "c")] == [A, A]
    strict = evaluate(amap, stated=False)
    assert [strict[x].label for x in ("p", "c", "k", "e")] == [R, R, A, A]
    assert strict["p"].explanation == (
        "`p` is rejected: nothing supports it, and it is neither evidence nor assumed "
        "(claims are not taken as stated here)."
    )


def test_circular_support_alone_grounds_nothing() -> None:
    amap = ArgumentMap(
        title="circle",
        claims=[claim("a"), claim("b")],
        inferences=[step("a_b", ["a"], "b"), step("b_a", ["b"], "a")],
    )
    assert set(labels(amap).values()) == {R}
    assert set(labels(amap, "preferred").values()) == {R}


def test_unknown_semantics_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown semantics `stable`"):
        evaluate(af_map(1, set()), "stable")  # type: ignore[arg-type]


# The solvers against references -----------------------------------------------------


def brute_preferred(size: int, attacks: Attacks) -> set[frozenset[int]]:
    """The maximal admissible sets, by trying every subset."""

    def admissible(chosen: frozenset[int]) -> bool:
        free = not any(a in chosen and b in chosen for a, b in attacks)
        return free and all(
            any((c, b) in attacks for c in chosen) for a in chosen for b, t in attacks if t == a
        )

    sets = [
        frozenset(s)
        for k in range(size + 1)
        for s in itertools.combinations(range(size), k)
        if admissible(frozenset(s))
    ]
    return {s for s in sets if not any(s < t for t in sets)}


frameworks = st.integers(1, 7).flatmap(
    lambda n: st.tuples(
        st.just(n), st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=16)
    )
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks)
def test_map_evaluation_agrees_with_pyarg(framework: tuple[int, Attacks]) -> None:
    pytest.importorskip("py_arg", reason="the reference needs the `dev` extra")
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (  # type: ignore[import-untyped]
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument  # type: ignore[import-untyped]
    from py_arg.abstract_argumentation_classes.defeat import Defeat  # type: ignore[import-untyped]
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension  # type: ignore[import-untyped]
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions  # type: ignore[import-untyped]

    size, attacks = framework
    arguments = [Argument(f"a{i}") for i in range(size)]
    af = AbstractArgumentationFramework(
        "random", arguments, [Defeat(arguments[s], arguments[t]) for s, t in attacks]
    )
    names = {f"a{i}" for i in range(size)}
    amap = af_map(size, attacks)

    grounded = evaluate(amap)
    assert set(grounded.with_label(A)) & names == {a.name for a in get_grounded_extension(af)}

    preferred = evaluate(amap, "preferred")
    assert preferred.extensions is not None
    theirs = {frozenset(a.name for a in e) for e in get_preferred_extensions(af)}
    assert {e & names for e in preferred.extensions} == theirs
    assert len(preferred.extensions) == len(theirs)
    sceptical = frozenset.intersection(*theirs)
    assert set(preferred.with_label(A)) & names == sceptical


@settings(max_examples=300, deadline=None)
@given(frameworks)
def test_abstract_solvers_agree_with_brute_force(framework: tuple[int, Attacks]) -> None:
    size, attacks = framework
    attackers = [{s for s, t in attacks if t == a} for a in range(size)]
    expected = brute_preferred(size, attacks)
    assert set(preferred_extensions(attackers)) == expected
    grounded = {a for a, v in grounded_labelling(attackers).items() if v is A}
    assert grounded <= frozenset.intersection(*expected)


@st.composite
def small_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps of up to 6 claims with supports, attacks, undercuts and restatements."""
    n = draw(st.integers(1, 6))
    ids = [f"c{i}" for i in range(n)]
    claims_ = [Claim(id=i, text=i, assumed=draw(st.booleans())) for i in ids]
    inferences: list[Inference] = []
    for k in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["support", "support", "attack", "undercut", "rephrase"]))
        if kind == "undercut" and not inferences:
            continue
        size = 1 if kind == "rephrase" else draw(st.integers(1, min(2, n)))
        premises = draw(st.lists(st.sampled_from(ids), min_size=size, max_size=size, unique=True))
        if kind == "undercut":
            conclusion = draw(st.sampled_from([i.id for i in inferences]))
        else:
            conclusion = draw(st.sampled_from(ids))
        inferences.append(
            Inference(id=f"i{k}", premises=premises, conclusion=conclusion, kind=kind)
        )
    return ArgumentMap(title="random", claims=claims_, inferences=inferences)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_maps(), st.booleans())
def test_grounded_on_the_map_is_grounded_on_its_arguments(amap: ArgumentMap, stated: bool) -> None:
    """The linear fixed point on the map gives what listing the ASPIC+ arguments gives."""
    fw = _Framework.of(amap, stated)
    arguments = _arguments(fw, 100_000)
    argument_labels = grounded_labelling(_attackers(fw, arguments))
    expected: dict[str, Label] = {}
    for n, argument in enumerate(arguments):
        node = argument.top if argument.conclusion is None else argument.conclusion
        value, before = argument_labels[n], expected.get(node, R)
        expected[node] = A if A in (value, before) else U if U in (value, before) else R
    for ident, inference in fw.steps.items():  # a support step: whether it applies
        if inference.kind == "support":
            expected[ident] = _applies(fw, ident, expected)
    result = evaluate(amap, stated=stated)
    for verdict in result:
        if verdict.type != "inference":
            node = fw.rep[verdict.id]
        elif verdict.id in fw.steps:
            node = verdict.id
        else:
            node = fw.rep[next(i for i in amap.inferences if i.id == verdict.id).premises[0]]
        assert verdict.label is expected.get(node, R), verdict.explanation


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_maps())
def test_preferred_never_contradicts_grounded(amap: ArgumentMap) -> None:
    grounded, preferred = evaluate(amap), evaluate(amap, "preferred")
    for verdict in grounded:
        if verdict.label is not U:
            assert preferred[verdict.id].label is verdict.label


# Scale and the worked example -------------------------------------------------------


def test_grounded_is_linear_on_a_long_chain_of_reinstatements() -> None:
    size = 40_000
    result = evaluate(af_map(size, {(i + 1, i) for i in range(size - 1)}))
    assert result["a0"].label is (A if size % 2 else R)
    assert result[f"a{size - 1}"].label is A

    def chain(n: int) -> object:
        return evaluate(af_map(n, {(i + 1, i) for i in range(n - 1)}))

    assert_linear(chain, 500)


def gadget_chain(size: int) -> ArgumentMap:
    """``size`` support circles x ⇄ y, each one's x attacking a z, which attacks the u
    that supports the next circle: each circle is found unfounded only once the one
    before it is rejected (a support circle nested in a chain of attacks)."""
    claims_: list[Claim] = []
    inferences: list[Inference] = []
    for i in range(size):
        claims_ += [claim(f"x{i}"), claim(f"y{i}"), claim(f"z{i}")]
        inferences += [
            step(f"sxy{i}", [f"x{i}"], f"y{i}"),
            step(f"syx{i}", [f"y{i}"], f"x{i}"),
            step(f"a{i}", [f"x{i}"], f"z{i}", "attack"),
        ]
        if i + 1 < size:
            claims_.append(claim(f"u{i + 1}"))
            inferences += [
                step(f"b{i}", [f"z{i}"], f"u{i + 1}", "attack"),
                step(f"su{i + 1}", [f"u{i + 1}"], f"x{i + 1}"),
            ]
    return ArgumentMap(title="gadgets", claims=claims_, inferences=inferences)


def test_grounded_rejects_nested_support_circles_in_linear_work() -> None:
    result = evaluate(gadget_chain(3))
    rejected = [f"{p}{i}" for i in range(3) for p in ("x", "y", "a", "sxy", "syx")]
    rejected += [f"{p}{i}" for i in (1, 2) for p in ("u", "su")]
    assert {result[i].label for i in rejected} == {R}
    assert {result[i].label for i in ["z0", "z1", "z2", "b0", "b1"]} == {A}
    assert "circle" in result["x0"].explanation
    assert labels(gadget_chain(3)) == labels(gadget_chain(3), "preferred")
    # One pass per circle over the whole map was quadratic (2,000 circles: over a minute).
    assert_linear(lambda n: evaluate(gadget_chain(n)), 100)


def test_preferred_keeps_grounded_reasons_for_what_no_extension_decides() -> None:
    result = evaluate(af_map(3, {(0, 1), (1, 2), (2, 0)}), "preferred")  # an odd cycle
    assert result["a0"].explanation == (
        evaluate(af_map(3, {(0, 1), (1, 2), (2, 0)}))["a0"].explanation
        + " It is undecided in the one preferred extension too."
    )
    assert "circle that grounded semantics leaves open" in result["a0"].explanation


def test_undecided_supports_agree_in_number() -> None:
    amap = ArgumentMap(  # `top` rests on two steps from `a`, which an even cycle holds open
        title="supports",
        claims=[claim("a"), claim("b"), claim("top")],
        inferences=[
            step("a_on_b", ["a"], "b", "attack"),
            step("b_on_a", ["b"], "a", "attack"),
            step("up1", ["a"], "top"),
            step("up2", ["a"], "top"),
        ],
    )
    assert "its supports `up1` and `up2` are undecided, and no other holds" in (
        evaluate(amap)["top"].explanation
    )


def test_circular_support_names_the_circle() -> None:
    result = evaluate(gadget_chain(2))
    assert result["x0"].explanation == (
        "`x0` is rejected: no argument reaches it; its support goes round in a circle "
        "(`x0` → `syx0` → `y0` → `sxy0` → `x0`, each resting on the next) that no argument "
        "from given premises reaches."
    )
    assert result["x1"].explanation == (
        "`x1` is rejected: it is no given premise, and every step that supports it fails: "
        "`su1` (its premise `u1` is rejected), `syx1` (its premise `y1` is rejected); its "
        "support goes round in a circle (`x1` → `syx1` → `y1` → `sxy1` → `x1`, each resting "
        "on the next) that no argument from given premises reaches."
    )


def test_preferred_gives_up_on_too_many_arguments_and_keeps_grounded() -> None:
    # 14 claims, each supported from both of the one below: 2**13 arguments for the top.
    ids = [f"c{i}" for i in range(14)]
    amap = ArgumentMap(
        title="wide",
        claims=[Claim(id=f"{i}{side}", text="x") for i in ids for side in "ab"],
        inferences=[
            step(f"s{n}{side}{other}", [f"{ids[n]}{other}"], f"{ids[n + 1]}{side}")
            for n in range(13)
            for side in "ab"
            for other in "ab"
        ],
    )
    result = evaluate(amap, "preferred")
    assert result.note is not None
    assert result.note.startswith("preferred semantics gave up (more than 5000 arguments)")
    assert result.with_label(A) == evaluate(amap).with_label(A)


def dense_map(size: int, pairs: int) -> ArgumentMap:
    """``size`` claims that all attack each other, beside ``pairs`` claims that attack
    each other in twos (two to the ``pairs`` preferred extensions)."""
    attacks = {(s, t) for s in range(size) for t in range(size) if s != t}
    attacks |= {(size + 2 * i + j, size + 2 * i + 1 - j) for i in range(pairs) for j in (0, 1)}
    return af_map(size + 2 * pairs, attacks)


def search_visits(amap: ArgumentMap, limit: int) -> tuple[int, int]:
    """The visits the search made before it gave up, and the most it may make."""
    fw = _Framework.of(amap, True)
    attackers = _attackers(fw, _arguments(fw, 100_000))
    stats: dict[str, int] = {}
    with pytest.raises(SearchLimitError):
        preferred_extensions(attackers, limit=limit, stats=stats)
    return stats["visits"], limit + 5 * len(attackers)


def test_preferred_search_counts_each_label_it_looks_at_and_gives_up() -> None:
    amap = dense_map(60, 16)  # 3,540 attacks among 60 claims, and 2**16 extensions
    visits, most = search_visits(amap, 50_000)
    assert 50_000 < visits <= most
    result = evaluate(amap, "preferred")
    assert result.note is not None
    assert result.note.startswith("preferred semantics gave up (the search looked at more than")
    assert [v.label for v in result] == [v.label for v in evaluate(amap)]


@pytest.mark.parametrize(
    "path",
    corpus_files("aif", "ova3", "data", "forecast_test", pattern="28106.json"),
    ids=lambda p: p.name,
)
def test_preferred_gives_up_on_a_dense_real_map_within_its_limit(path: Path) -> None:
    amap = read(path, format="aif")  # 555 arguments and 283,920 attacks among them
    visits, most = search_visits(amap, SEARCH_LIMIT)
    assert SEARCH_LIMIT < visits <= most
    result = evaluate(amap, "preferred")
    assert result.note is not None
    assert "gave up" in result.note


def test_worked_example() -> None:
    amap = read(ROOT / "examples" / "crisis_has_matured.yaml")
    for semantics in ("grounded", "preferred"):
        result = evaluate(amap, semantics)
        assert result.thesis == "insurrection_now"
        assert result["insurrection_now"].label is A
        assert result.with_label(R) == [
            "wait_for_congress",
            "opponents_case",
            "waiting_objection",
            "moral_objection",
            "cavalry_objection",
            "indifference_objection",
        ]
        assert result.with_label(U) == []


# Drawing and the command line ----------------------------------------------------------

GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("theme", ["default", "print"])
def test_golden_dot_with_evaluation(theme: str, update_golden: bool) -> None:
    from argmap.render import to_dot

    amap = read(ROOT / "examples" / "crisis_has_matured.yaml")
    dot = to_dot(amap, theme=theme, evaluate=True)
    golden = GOLDEN / f"crisis_has_matured.evaluated.{theme}.dot"
    if update_golden:
        golden.write_text(dot, encoding="utf-8")
    assert dot == golden.read_text(encoding="utf-8")


def test_drawing_marks_each_label_in_words_and_colour() -> None:
    from argmap.render import to_dot

    amap = af_map(3, {(0, 1), (1, 0), (2, 2)})
    dot = to_dot(amap, evaluate="preferred", theme="colorblind", findings=False)
    assert '<FONT POINT-SIZE="9" COLOR="#555555">? undecided</FONT>' in dot
    assert "(preferred)" in dot
    amap = af_map(2, {(1, 0)})
    dot = to_dot(amap, evaluate=evaluate(amap), theme="print", findings=False)
    assert '<FONT POINT-SIZE="9" COLOR="#000000">✗ rejected</FONT>' in dot
    assert '<FONT POINT-SIZE="9" COLOR="#000000">✓ accepted</FONT>' in dot
    assert "✓" not in to_dot(amap)


def test_cli_evaluate_text_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from argmap.cli import main

    assert main(["evaluate", str(ROOT / "examples" / "crisis_core.yaml")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Grounded semantics: 7 accepted, 0 rejected, 0 undecided (of 7 items).")
    assert "Thesis: ✓ `insurrection_now` is accepted" in out
    path = tmp_path / "cycle.yaml"
    write(af_map(2, {(0, 1), (1, 0)}), path)
    assert main(["evaluate", str(path), "--semantics", "preferred", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["semantics"] == "preferred"
    assert data["extensions"] == [["a0", "a0_on_a1"], ["a1", "a1_on_a0"]]
    assert data["items"][0] == {
        "id": "a0",
        "type": "claim",
        "label": "undecided",
        "explanation": data["items"][0]["explanation"],  # (its wording: asserted below)
        "credulous": True,
    }
    assert "accepted in 1 of the 2 preferred extensions" in data["items"][0]["explanation"]


def test_cli_render_evaluate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from argmap.cli import main

    out = tmp_path / "x.dot"
    core = str(ROOT / "examples" / "crisis_core.yaml")
    assert main(["render", core, "-o", str(out), "--evaluate"]) == 0
    assert "✓ accepted  ✗ rejected  ? undecided (grounded)" in out.read_text(encoding="utf-8")
    assert main(["render", core, "-o", str(out), "--evaluate", "preferred"]) == 0
    assert "(preferred)" in out.read_text(encoding="utf-8")
