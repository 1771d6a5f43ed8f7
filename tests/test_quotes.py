"""Finding quotes in their source texts."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Evidence, Source
from argmap.quotes import INDEX_AFTER, SourceText, locate_quotes
from tests.conftest import CORE_MAP, EXAMPLES


def test_quotes_of_the_example_are_found_with_offsets_and_lines() -> None:
    amap = argmap.read(CORE_MAP)
    text = (EXAMPLES / "texts" / "crisis_has_matured.txt").read_text(encoding="utf-8")
    lookups = {q.item: q for q in locate_quotes(amap)}
    assert all(q.found for q in lookups.values())
    span = lookups["crisis_matured"].span
    assert span is not None
    assert text[span.start : span.end] == (
        "all the symptoms do indicate that a nation-wide crisis has matured"
    )
    assert span.line == 42
    assert span.column == 22


def test_whitespace_and_line_breaks_do_not_matter() -> None:
    source = SourceText("We are on the eve\n  of a world-wide\trevolution.")
    span = source.find("on the eve of a  world-wide revolution")
    assert span is not None
    assert (span.start, span.end, span.line, span.column) == (7, 46, 1, 8)
    assert source.find("  eve\nof  ") is not None


def test_a_misquote_is_not_found_and_says_why(tmp_path: Path) -> None:
    amap = ArgumentMap(
        title="T",
        sources=[Source(id="s", title="S", text="seventeen thousand"), Source(id="n", title="N")],
        claims=[Claim(id="a", text="A", source="s", quote="eighteen thousand")],
        evidence=[Evidence(id="e", kind="report", text="E", source="n", quote="x")],
    )
    lookups = locate_quotes(amap)
    assert [(q.item, q.found, q.reason) for q in lookups] == [
        ("a", False, "it does not stand in the source `s`"),
        ("e", False, "its source `n` has no text"),
    ]


def test_many_lookups_use_the_index_and_agree_with_a_plain_search() -> None:
    text = (EXAMPLES / "texts" / "crisis_has_matured.txt").read_text(encoding="utf-8")
    source = SourceText(text)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) > 3][:60]
    for sentence in sentences:
        span = source.find(sentence)
        assert span is not None
        assert " ".join(text[span.start : span.end].split()) == " ".join(sentence.split())
    assert source._index is not None
    assert len(sentences) > INDEX_AFTER
    # a quote must begin and end on word edges: "…nd of September" is not a quote of "end"
    assert source.find("nd of September undoubtedly marked") is None
    assert source.find("end of September undoubtedly marked") is not None
    assert source.find("end of September undoubtedly mark") is None


words = st.sampled_from(["the", "crisis", "has", "matured", "peasant", "revolt", "now", "—"])


@given(
    st.lists(words, min_size=1, max_size=40),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), min_size=1, max_size=20),
    st.sampled_from([" ", "\n", "  ", " \n\t"]),
)
def test_found_spans_hold_the_quote(
    text_words: list[str], picks: list[tuple[int, int]], gap: str
) -> None:
    text = gap.join(text_words)
    source = SourceText(text)
    for start, length in picks:
        quote = " ".join(text_words[start : start + length])
        span = source.find(quote)
        if not quote:
            assert span is None
            continue
        assert span is not None
        assert " ".join(text[span.start : span.end].split()) == quote
        assert text.count("\n", 0, span.start) + 1 == span.line


@settings(max_examples=500)
@given(st.text('ab .,\n"', min_size=1, max_size=40), st.integers(0, 40), st.integers(1, 12))
def test_the_index_agrees_with_a_plain_search(text: str, start: int, length: int) -> None:
    """Found or not, at the same place, whether or not the word-pair index is used."""
    quote = text[start : start + length]
    plain, indexed = SourceText(text), SourceText(text)
    indexed._lookups = INDEX_AFTER  # the next look-up uses the index
    assert plain.find(quote) == indexed.find(quote)
    assert indexed.contains(quote) is (plain.find(quote) is not None)


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(["a", "b", "ab", "b,", "a."]), min_size=1, max_size=60),
    st.integers(0, 60),
    st.integers(4, 16),
    st.sampled_from(["", "a", "x"]),
    st.integers(0, 15),
    st.sampled_from([" ", "\n", "  \t"]),
)
def test_long_quotes_found_through_every_third_run_agree_with_a_plain_search(
    text_words: list[str], start: int, length: int, change: str, changed: int, gap: str
) -> None:
    """Long quotes are looked up in an index of every third run of three words: found or
    not, at the same (first) place as a plain search, whatever the words repeat, however
    the text is spaced, with a word of the quote changed or not."""
    text = gap.join(text_words)
    words = text_words[start : start + length]
    if change and words:
        words[changed % len(words)] = change
    quote = " ".join(words) + change
    plain, indexed = SourceText(text), SourceText(text)
    indexed._lookups = INDEX_AFTER  # the next look-up uses the index
    assert plain.find(quote) == indexed.find(quote)


def test_a_text_that_repeats_itself_sends_long_quotes_to_the_pair_index() -> None:
    """Where every run of three words of a quote stands hundreds of times, the pair index
    (whose rarest pair stands once here) finds it; the run index would try every place."""
    text = "a " * 3000 + "q r a a a a a a a a z"
    source = SourceText(text)
    source._lookups = INDEX_AFTER
    assert source.find("x r a a a a a a a") is None  # tries every place of its runs
    assert source._index is None
    for _ in range(20):
        assert source.find("x r a a a a a a a") is None
    assert source._index is not None  # once a text's worth of places was tried
    assert source._places_tried <= 2 * len(source._words)  # and no more since
    span = source.find("q r a a a a a a")
    assert span is not None
    assert span.start == text.index("q r")
