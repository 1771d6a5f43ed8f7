"""Argdown lists: what the syntax documentation allows, and what ``@argdown/core`` refuses.

The documentation (section "Lists"): ordered (``1.``) or unordered (``*``) lists of
statements, top-level block elements; "At the moment Argdown does not support nested
lists". The reference parser (``@argdown/core``) reads a list as an indent, items of one
kind and a dedent, each item a statement or argument with its relations below it; a
deeper item, a shallower one or one of the other kind is a parse error there.
"""

from __future__ import annotations

import pytest

from argmap import InvalidMapError, Problem
from argmap.formats import argdown
from argmap.models import InferenceKind

NESTED = """\
* Cities grow.
  * Rents rise.
    1. Wages lag.
    2. Commutes lengthen.

1. Trains help.
  1. They are fast.
  2. They are clean.
2. Buses help too.
  * They are cheap.
"""
"""The shape of ``@argdown/core``'s own test input ``lexer-lists.argdown``: nested lists,
which that parser refuses (with five parse errors) and argmap read as flat ones."""


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(InvalidMapError) as caught:
        argdown.from_text(text, file="l.argdown")
    return list(caught.value.problems)


def test_nested_list_items_are_refused_each_located_with_a_hint() -> None:
    problems = problems_of(NESTED)
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [  # type: ignore[union-attr]
        ("nested-list", 2, 3),
        ("nested-list", 3, 5),
        ("nested-list", 4, 5),
        ("nested-list", 7, 3),
        ("nested-list", 8, 3),
        ("nested-list", 10, 3),
    ]
    assert all(p.location and p.location.file == "l.argdown" for p in problems)
    assert "Argdown has no nested lists" in problems[0].message
    assert problems[0].hint is not None
    assert "column 1" in problems[0].hint


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "hinted"),
    [
        ("* [a]: A.\n1. [b]: B.\n", "mixed-list", 2, 1, "empty line"),
        ("1. [a]: A.\n2. [b]: B.\n* [c]: C.\n", "mixed-list", 3, 1, "`1.`"),
        ("  * [a]: A.\n* [b]: B.\n", "misaligned-list", 2, 1, "column 3"),
        ("* [a]: A.\n  + [b]: B.\n    * [c]: C.\n", "nested-list", 3, 5, "relation"),
        ("  * [a]: A.\n  + [b]: B.\n", "unattached-relation", 2, 3, "indent"),
    ],
)
def test_lists_that_argdown_core_refuses_are_refused(
    text: str, code: str, line: int, column: int, hinted: str
) -> None:
    (problem,) = problems_of(text)
    assert (problem.code, problem.location.line, problem.location.column) == (  # type: ignore[union-attr]
        code,
        line,
        column,
    )
    assert problem.hint is not None
    assert hinted in problem.hint


def test_the_documented_lists_read() -> None:
    text = """\
# The central statements of the debate

* [Nietzsche's Slogan]: God is dead.
* [Intelligent Design]: The world is
  intelligently designed
* [Idea Perfect Being]: We have the
  idea of a perfect being.

1. [Nietzsche's Slogan]: God is dead.
2. [Design]: The world is
   intelligently designed
10. [Perfect]: We have the idea of a perfect being.
"""
    amap, _ = argdown.from_text(text)
    assert [c.text for c in amap.claims] == [
        "God is dead.",
        "The world is intelligently designed",
        "We have the idea of a perfect being.",
        "The world is intelligently designed",
        "We have the idea of a perfect being.",
    ]


def test_list_items_carry_their_relations() -> None:
    text = (
        "* [a]: A.\n  + [b]: B.\n    - [c]: C.\n* [d]: D.\n  <+ [a]\n\n  1. [e]: E.\n  2. [f]: F.\n"
    )
    amap, _ = argdown.from_text(text)
    assert sorted((i.premises[0], i.conclusion, i.kind) for i in amap.inferences) == [
        ("a", "d", InferenceKind.SUPPORT),
        ("b", "a", InferenceKind.SUPPORT),
        ("c", "b", InferenceKind.ATTACK),
    ]
    assert [c.id for c in amap.claims] == ["a", "b", "c", "d", "e", "f"]
