"""quote-not-found on quotes with ellipses, and the closest passage it names for a misquote."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Finding, Source

TEXT = (
    "It is often said that young children can learn a second language more easily than\n"
    "adults. We should not wait: we should therefore teach it early, and cooperate with\n"
    "the parents, not with the publishers."
)


def findings(*quotes: str, text: str = TEXT) -> list[Finding]:
    amap = ArgumentMap(
        title="T",
        sources=[Source(id="s", title="S", text=text)],
        claims=[Claim(id=f"c{i}", text="C", source="s", quote=q) for i, q in enumerate(quotes)],
    )
    return list(argmap.check(amap, select=["quote-not-found"]))


def hint(quote: str, text: str = TEXT) -> str:
    (finding,) = findings(quote, text=text)
    assert finding.hint is not None
    return finding.hint


def test_quotes_with_ellipses_whose_parts_stand_in_order_pass() -> None:
    assert not findings(
        "we should ... cooperate",
        "young children can learn […] more easily",
        "We should not wait (...) with the parents, not with the publishers.",
        "... teach it early …",
        "It is often said [...] the publishers.",
    )


def test_the_hint_names_the_part_that_fails_and_what_it_follows() -> None:
    (finding,) = findings("we should ... cooperate with the authors")
    assert finding.hint == (
        "the part `cooperate with the authors` is not in the source after `we should`; "
        "the quote has `authors` where the source has `parents,`"
    )
    assert finding.message == (
        "the quote of `c0` is not in the source `s`; the closest passage to its part "
        '`cooperate with the authors`, line 2, reads "cooperate with the parents,"'
    )
    assert hint("the adults ... can learn") == "the part `the adults` is not in the source"


def test_a_part_out_of_order_is_said_to_be() -> None:
    assert hint("teach it early ... young children can learn") == (
        "the part `young children can learn` is in the source, line 1, but not after "
        "`teach it early`: put the parts in the order the source has them"
    )


def test_a_quote_of_only_an_ellipsis_quotes_nothing() -> None:
    (finding,) = findings("[…]")
    assert finding.message == "the quote of `c0` has no words, only an ellipsis"


# The closest passage: the words that differ, not a passage shifted by a word ---------------


@pytest.mark.parametrize(
    ("quote", "passage", "differences"),
    [
        (  # one word differs
            "young children could learn a second",
            "young children can learn a second",
            "the quote has `could` where the source has `can`",
        ),
        (  # a word left out: the passage was `children can learn ...`, `young` called added
            "young children learn a second language",
            "young children can learn a second language",
            "the quote leaves out `can`",
        ),
        (  # a word added: the passage began a word early and `that` was called left out
            "young children can really learn a second",
            "young children can learn a second",
            "the quote adds `really`",
        ),
        (  # a word left out near the start: `that` was said to stand where `young` does
            "that children can learn",
            "that young children can learn",
            "the quote leaves out `young`",
        ),
        (  # two words swapped: `young` was said both left out and added
            "children young can learn a second",
            "young children can learn a second",
            "the quote has `children young` where the source has `young children` "
            "(the same words in another order)",
        ),
        (  # the first word differs
            "small children can learn",
            "young children can learn",
            "the quote has `small` where the source has `young`",
        ),
    ],
)
def test_the_closest_passage_is_the_one_quoted_and_its_differences_are_named(
    quote: str, passage: str, differences: str
) -> None:
    (finding,) = findings(quote)
    assert finding.message.endswith(f'reads "{passage}"'), finding.message
    assert finding.hint == differences


def test_the_crisis_exercise_misquote_is_still_named(tmp_path: Path) -> None:
    (finding,) = findings(
        "fourteen thousand out of eighteen thousand soldiers voted",
        text="in Moscow, where fourteen thousand out of\nseventeen thousand soldiers voted.",
    )
    assert finding.hint == "the quote has `eighteen` where the source has `seventeen`"


VOCABULARY = [
    "the", "crisis", "has", "matured", "peasants", "revolt", "soldiers", "vote", "for",
    "Bolsheviks,", "Congress", "of", "Soviets.", "wait", "is", "idiocy", "power", "must",
    "take", "now", "Moscow", "Petrograd", "army", "navy", "fourteen", "thousand", "out",
    "seventeen", "we", "should", "not", "cooperate", "with", "Cadets;", "Kerensky", "and",
]  # fmt: skip


@given(
    st.lists(st.sampled_from(VOCABULARY), min_size=4, max_size=len(VOCABULARY), unique=True),
    st.integers(0, 40),
    st.integers(4, 12),
    st.integers(0, 11),
    st.sampled_from(["eighteen", "Mensheviks", "perhaps"]),
    st.sampled_from([" ", "\n", "  "]),
)
def test_a_word_replaced_is_named_with_the_word_of_the_source_there(
    text_words: list[str], start: int, length: int, at: int, new: str, gap: str
) -> None:
    """A quote cut from the text with one word replaced by one the text lacks: the hint
    names that word and the text's word at its place, however the text is laid out."""
    words = text_words[start : start + length]
    assume(len(words) >= 4)
    at %= len(words)
    old, words[at] = words[at], new
    assert hint(" ".join(words), text=gap.join(text_words)) == (
        f"the quote has `{new}` where the source has `{old}`"
    )


@given(
    st.lists(st.sampled_from(VOCABULARY), min_size=5, max_size=len(VOCABULARY), unique=True),
    st.integers(0, 40),
    st.integers(5, 12),
    st.integers(1, 10),
)
def test_a_word_left_out_inside_is_named(
    text_words: list[str], start: int, length: int, at: int
) -> None:
    words = text_words[start : start + length]
    assume(len(words) >= 5)
    at = 1 + at % (len(words) - 2)  # (a word left out at an end is not a misquote)
    old = words.pop(at)
    assert hint(" ".join(words), text=" ".join(text_words)) == f"the quote leaves out `{old}`"
