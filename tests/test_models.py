"""The models: construction in Python, reference checks, equality and display."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

import argmap
from argmap import ArgumentMap, Claim, Evidence, Inference, InferenceKind, Source
from argmap.fastpath import sound
from argmap.models import DEFER_INTEGRITY, EXTRA_IS_JSON, integrity_problems
from tests.strategies import maps


def small_map(**changes: object) -> ArgumentMap:
    fields: dict[str, object] = {
        "title": "T",
        "thesis": "c",
        "claims": [Claim(id="a", text="A."), Claim(id="c", text="C.")],
        "evidence": [Evidence(id="e", kind="statistic", text="E.")],
        "inferences": [Inference(id="i", premises=["a", "e"], conclusion="c")],
    }
    fields.update(changes)
    return ArgumentMap(**fields)


def test_defaults() -> None:
    amap = small_map()
    assert amap.argmap == 1
    assert amap.inferences[0].kind is InferenceKind.SUPPORT
    assert amap.claims[0].assumed is False
    assert amap.claims[0].tags == []


def test_unknown_fields_are_errors() -> None:
    with pytest.raises(ValidationError, match="premise"):
        Inference(id="i", premise=["a"], conclusion="c")  # type: ignore[call-arg]


def test_ids_allow_letters_of_any_script_but_no_spaces() -> None:
    assert Claim(id="кризис_1917", text="Кризис назрел.").id == "кризис_1917"
    for bad in ["two words", "-leading", "", "a/b", "x" * 129]:
        with pytest.raises(ValidationError):
            Claim(id=bad, text="t")


def test_blank_text_is_an_error() -> None:
    with pytest.raises(ValidationError):
        Claim(id="a", text="   ")


def test_source_has_text_or_path_not_both() -> None:
    with pytest.raises(ValidationError, match="not both"):
        Source(id="s", title="S", text="t", path="p.txt")
    assert Source(id="s", title="S").load_text() is None


def test_dangling_references_raise_with_every_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        small_map(thesis="cc", inferences=[Inference(id="i", premises=["aa"], conclusion="c")])
    text = str(caught.value)
    assert "thesis `cc` is not defined (did you mean `c`?)" in text
    assert "inferences[0].premises[0]: premise `aa` is not defined (did you mean `a`?)" in text


def test_integrity_problems_grouped_by_kind() -> None:
    amap = ArgumentMap.model_construct(
        title="T",
        thesis="e",
        sources=[],
        claims=[Claim(id="a", text="A", source="nowhere")],
        evidence=[Evidence(id="e", kind="report", text="E", quote="q")],
        inferences=[
            Inference(id="i", premises=["a", "a"], conclusion="e"),
            Inference(id="e", premises=["i"], conclusion="a"),
        ],
    )
    assert [(p.code, p.path) for p in integrity_problems(amap)] == [
        ("duplicate-id", ("inferences", 1, "id")),
        ("wrong-reference", ("thesis",)),
        ("unknown-reference", ("claims", 0, "source")),
        ("quote-without-source", ("evidence", 0, "quote")),
        ("duplicate-premise", ("inferences", 0, "premises", 1)),
        ("wrong-reference", ("inferences", 1, "premises", 0)),
    ]


def test_thesis_must_be_a_claim() -> None:
    with pytest.raises(ValidationError, match="the thesis must be a claim, but `e` is evidence"):
        small_map(thesis="e")


def test_equality_ignores_where_a_map_came_from() -> None:
    one, two = small_map(), small_map()
    two._origin = object()  # type: ignore[assignment]
    assert one == two
    two.claims[0].text = "Other."
    assert one != two


def test_repr_is_short_even_for_big_maps() -> None:
    claims = [Claim(id=f"c{i}", text="t" * 100) for i in range(1000)]
    text = repr(ArgumentMap(title="Big", claims=claims))
    assert text == "<ArgumentMap 'Big': 1000 claims, 0 evidence, 0 inferences>"


def test_index_and_nodes() -> None:
    amap = small_map()
    assert [n.id for n in amap.nodes()] == ["a", "c", "e", "i"]
    assert isinstance(amap.index()["e"], Evidence)


@pytest.mark.parametrize("value", [{1, 2}, b"x", float("nan"), (1, 2), {1: "a"}])
def test_extra_holds_only_what_json_holds(value: object) -> None:
    with pytest.raises(ValueError, match="extra"):
        Claim(id="a", text="A", extra={"k": value})
    assert Claim(id="a", text="A", extra={"k": [1, "x", None, {"y": 2.5}]}).extra["k"][3]["y"]


class _CountedDict(dict[str, Any]):
    """A mapping that counts how often its items are walked."""

    walks = 0

    def items(self) -> Any:
        type(self).walks += 1
        return super().items()


def test_extra_from_a_json_parser_is_not_walked_again() -> None:
    inner = _CountedDict(nodes=[{"nodeID": "1", "type": "L"}] * 3)
    _CountedDict.walks = 0
    ArgumentMap.model_validate({"title": "T", "extra": {"aif": inner}})
    assert _CountedDict.walks == 1  # a Python caller's extra is checked
    ArgumentMap.model_validate(
        {"title": "T", "extra": {"aif": inner}}, context={EXTRA_IS_JSON: True}
    )
    assert _CountedDict.walks == 1  # a reader's, parsed from JSON, is not


def test_yaml_extra_is_still_checked(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(
        "format: 1\ntitle: T\nclaims:\n- id: a\n  text: A\n  extra: {x: 2024-01-01}\n",
        encoding="utf-8",
    )
    with pytest.raises(argmap.InvalidMapError, match="extra"):
        argmap.read(path)


# Ways to break a sound map's ids and references, each as a change to its data.
_BREAKS: list[Callable[[dict[str, Any]], object]] = [
    lambda d: d["claims"].append({**d["claims"][0]}),  # an id twice
    lambda d: d["evidence"].append({"id": d["claims"][0]["id"], "kind": "statistic", "text": "E"}),
    lambda d: d.update(thesis="nowhere"),
    lambda d: d.update(thesis=d["inferences"][0]["id"]) if d["inferences"] else None,
    lambda d: d["claims"][0].update(source="nowhere"),
    lambda d: d["claims"][0].update(quote="Q", source=None),
    lambda d: d["sources"].append({**d["sources"][0]}),
    lambda d: d["inferences"][0]["premises"].append("nowhere") if d["inferences"] else None,
    lambda d: (
        d["inferences"][0]["premises"].append(d["inferences"][0]["premises"][0])
        if d["inferences"]
        else None
    ),
    lambda d: (
        d["inferences"][0]["premises"].append(d["inferences"][0]["id"]) if d["inferences"] else None
    ),
    lambda d: d["inferences"][0].update(conclusion="nowhere") if d["inferences"] else None,
    lambda d: d["inferences"][0].update(kind="undercut") if d["inferences"] else None,
    lambda d: (
        d["inferences"][-1].update(conclusion=d["claims"][0]["id"], kind="undercut")
        if d["inferences"]
        else None
    ),
    lambda d: d["inferences"][-1].update(kind="support") if d["inferences"] else None,
]


@given(maps(), st.lists(st.sampled_from(range(len(_BREAKS))), max_size=3))
def test_the_quick_soundness_test_agrees_with_the_full_one(
    amap: ArgumentMap, breaks: list[int]
) -> None:
    """``integrity_problems`` passes sound maps by a quick test: it must never pass a
    map that the full test, item by item, finds problems in (nor fail a sound one)."""
    data = amap.model_dump()
    for n in breaks:
        _BREAKS[n](data)
    built = ArgumentMap.model_validate(data, context={DEFER_INTEGRITY: True})
    full = integrity_problems(built, known_ids=frozenset({"\0"}))  # (known ids: no quick test)
    assert sound(built) is (full == [])
    assert integrity_problems(built) == full


def test_an_item_in_the_wrong_list_is_found_by_the_full_test() -> None:
    """The quick test passes lists by their ids; evidence put among the claims after the
    map was built must still be found (the thesis may not be evidence)."""
    amap = ArgumentMap(title="T", claims=[Claim(id="a", text="A")])
    amap.claims.append(Evidence(id="e", kind="statistic", text="E"))  # type: ignore[arg-type]
    amap.thesis = "e"
    assert not sound(amap)
    assert [p.message for p in integrity_problems(amap)] == [
        "the thesis must be a claim, but `e` is evidence"
    ]


def test_the_items_fields_keep_the_order_of_the_map_files() -> None:
    """_Item and _ItemNotes put the shared fields first and last; the schema, model_dump and
    the files argmap writes follow this order."""
    tail = ["tags", "note", "ignore", "extra"]
    assert list(Claim.model_fields) == [
        "id", "text", "source", "quote", "assumed", "implicit", "locutions", *tail
    ]  # fmt: skip
    assert list(Evidence.model_fields) == ["id", "kind", "text", "source", "quote", "cites", *tail]
    assert list(Inference.model_fields) == [
        "id", "premises", "conclusion", "kind", "scheme", "warrant", "answers", *tail
    ]  # fmt: skip
    assert Claim.model_fields["tags"].description == "Free labels, e.g. a section of the text."
    assert Evidence.model_fields["note"].description == "The analyst's note."
    assert Inference.model_fields["note"].description == (
        "The analyst's note, e.g. why the step is weak."
    )
