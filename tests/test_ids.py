"""argmap.ids: what a valid id is, and the one maker of ids from foreign names."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from argmap.ids import MAX_BASE_LENGTH, MAX_ID_LENGTH, is_id, make_id
from argmap.models import Id

_ID = TypeAdapter(Id)


def _models_accept(text: str) -> bool:
    try:
        _ID.validate_python(text)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(
    "text",
    ["a", "crisis_matured", "-a", "a b", "", "a\n", "x" * 128, "x" * 129, "cafe\u0301", "x²", "é"],
    ids=repr,
)
def test_is_id_agrees_with_the_models(text: str) -> None:
    assert is_id(text) == _models_accept(text)


@pytest.mark.parametrize(
    ("text", "taken", "style", "expected"),
    [
        ("a", set(), {}, "a"),
        ("a", {"a"}, {}, "a-2"),
        ("a", {"a", "a-2"}, {}, "a-3"),
        ("my claim!", set(), {}, "my_claim_"),
        ("my claim!", set(), {"tidy": True}, "my_claim"),  # Argdown
        ("  !! ", set(), {"tidy": True, "fallback": "untitled"}, "untitled"),
        ("-a b", {"n-a_b"}, {"joiner": "_", "lead": "n"}, "n-a_b_2"),  # AIF
        ("-x", set(), {"lead": "x"}, "x-x"),  # microtexts
        ("-x", set(), {}, "x"),
        ("", set(), {"fallback": "node"}, "node"),
    ],
)
def test_make_id_in_each_readers_style(
    text: str, taken: set[str], style: dict[str, object], expected: str
) -> None:
    assert make_id(text, taken, **style) == expected  # type: ignore[arg-type]


def test_made_ids_are_valid_and_leave_room_for_a_suffix() -> None:
    long = "a b" * 100
    made = make_id(long, set())
    assert len(made) == MAX_BASE_LENGTH
    assert is_id(made)
    again = make_id(long, {made})
    assert is_id(again)
    assert len(again) <= MAX_ID_LENGTH
    assert again.endswith("-2")


def test_a_valid_id_is_kept_whole() -> None:
    assert make_id("x" * MAX_ID_LENGTH, set()) == "x" * MAX_ID_LENGTH


def test_taken_may_be_several_collections_and_counters_remember() -> None:
    counters: dict[str, int] = {}
    taken = {"a"}
    for expected in ("a-2", "a-3"):
        made = make_id("a", taken, {"a-9"}, counters=counters)
        assert made == expected
        taken.add(made)
    assert counters == {"a": 4}
