"""Finding quotes in their source texts."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Evidence, Source
from argmap.quotes import INDEX_AFTER, SourceText, locate_quotes, quote_parts
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


# Quotes with ellipses ---------------------------------------------------------------------

CRISIS = "The Bolsheviks must take power. We should not wait.\n" + (
    "We should now cooperate with the soldiers."
)


def _folded(text: str) -> str:
    return " ".join(text.split())


def test_an_ellipsis_in_any_spelling_leaves_words_out() -> None:
    source = SourceText(CRISIS)
    for ellipsis in ["...", "…", "[...]", "[…]", "(...)", "(…)", "[ ... ]", "...."]:
        quote = f"We should {ellipsis} cooperate"
        parts = source.find_parts(quote)
        assert parts is not None, ellipsis
        assert [CRISIS[p.start : p.end] for p in parts] == ["We should", "cooperate"]
        span = source.find(quote)
        assert span is not None
        assert CRISIS[span.start : span.end] == "We should now cooperate"
        assert (span.line, span.column) == (2, 1)
        assert source.contains(quote)
    joined = source.find("We should…cooperate")
    assert joined is not None
    assert CRISIS[joined.start : joined.end] == "We should now cooperate"


def test_the_parts_stand_as_close_together_as_the_text_has_them() -> None:
    """Not from the first `We should` (line 1) to `cooperate`, across a sentence."""
    source = SourceText(CRISIS)
    span = source.find("We should ... the soldiers")
    assert span is not None
    assert CRISIS[span.start : span.end] == "We should now cooperate with the soldiers"
    three = source.find_parts("The ... power. ... should ... soldiers.")
    assert three is not None
    assert [CRISIS[p.start : p.end] for p in three] == ["The", "power.", "should", "soldiers."]
    assert three[0].start == 0  # (the only `The`: `the soldiers` has a small t)


def test_parts_out_of_order_or_absent_are_not_found_and_named() -> None:
    source = SourceText(CRISIS)
    assert source.find("cooperate ... We should not wait") is None
    assert not source.contains("cooperate ... We should not wait")
    miss = source.missing_part("We should [...] cooperate ... We should not wait")
    assert miss is not None
    assert (miss.index, miss.part, miss.after) == (2, "We should not wait", "cooperate")
    assert miss.elsewhere is not None  # it stands, but before
    assert CRISIS[miss.elsewhere.start : miss.elsewhere.end] == "We should not wait"
    miss = source.missing_part("We should ... cooperate with the Cadets")
    assert miss is not None
    assert (miss.part, miss.after, miss.elsewhere) == (
        "cooperate with the Cadets",
        "We should",
        None,
    )
    miss = source.missing_part("The Mensheviks … power")
    assert miss is not None
    assert (miss.index, miss.after, miss.elsewhere) == (0, None, None)
    assert source.missing_part("We should ... cooperate") is None
    assert source.missing_part("We should not wait") is None  # (no ellipsis: no parts)


def test_ellipses_at_the_ends_or_alone() -> None:
    source = SourceText(CRISIS)
    span = source.find("... take power …")
    assert span is not None
    assert CRISIS[span.start : span.end] == "take power"
    for nothing in ["...", " […] ", "... …", ""]:
        assert source.find(nothing) is None
        assert source.find_parts(nothing) is None
        assert not source.contains(nothing)
        assert source.missing_part(nothing) is None


def test_a_part_begins_and_ends_on_word_edges() -> None:
    source = SourceText(CRISIS)
    assert source.find("We sho ... cooperate") is None
    assert source.find("We should ... cooper") is None
    assert source.find("should ... operate") is None


def test_an_ellipsis_the_text_has_is_matched_as_written_first() -> None:
    text = "They said: wait... and then wait more. wait ... then"
    source = SourceText(text)
    span = source.find("wait... and")
    assert span is not None
    assert text[span.start : span.end] == "wait... and"
    parts = source.find_parts("wait... and")
    assert parts is not None
    assert len(parts) == 1


def test_lookups_report_the_parts_of_quotes_with_ellipses() -> None:
    amap = ArgumentMap(
        title="T",
        sources=[Source(id="s", title="S", text=CRISIS)],
        claims=[
            Claim(id="a", text="A", source="s", quote="We should … cooperate"),
            Claim(id="b", text="B", source="s", quote="We should … the Cadets"),
            Claim(id="c", text="C", source="s", quote="[...]"),
            Claim(id="d", text="D", source="s", quote="take power"),
        ],
    )
    lookups = {q.item: q for q in locate_quotes(amap)}
    a = lookups["a"]
    assert a.span is not None
    assert CRISIS[a.span.start : a.span.end] == "We should now cooperate"
    assert [CRISIS[p.start : p.end] for p in a.parts] == ["We should", "cooperate"]
    assert lookups["b"].reason == (
        "its part `the Cadets` does not stand in the source `s` after `We should`"
    )
    assert lookups["c"].reason == "it has no words, only an ellipsis"
    assert lookups["d"].parts == (lookups["d"].span,)


def _oracle(text: str, parts: list[str]) -> bool:
    """Whether the parts stand in order on word edges, by a regular expression."""
    if not parts:
        return False
    pattern = ".*?".join(
        ("(?<!\\w)" if p[0].isalnum() else "")
        + re.escape(p)
        + ("(?!\\w)" if p[-1].isalnum() else "")
        for p in parts
    )
    return re.search(pattern, _folded(text), re.DOTALL) is not None


@settings(max_examples=500)
@given(
    st.text("ab .,\n", min_size=1, max_size=50),
    st.lists(st.tuples(st.integers(0, 50), st.integers(1, 8)), min_size=2, max_size=4),
    st.sampled_from([" ... ", "…", " [...] ", "(…) "]),
    st.booleans(),
)
def test_quotes_with_ellipses_agree_with_a_regular_expression(
    text: str, picks: list[tuple[int, int]], ellipsis: str, indexed: bool
) -> None:
    """Parts cut from the text (or not: they may be out of order), joined by an ellipsis:
    found exactly when a regular expression finds them in order, at spans that hold
    them in order, whether or not the text is indexed."""
    parts = [text[start : start + length] for start, length in picks]
    quote = ellipsis.join(parts)
    source = SourceText(text)
    if indexed:
        source._lookups = INDEX_AFTER
    found = source.find_parts(quote)
    split = quote_parts(quote)
    assert split is not None
    assert (found is not None) is _oracle(text, split), (quote, found)
    assert source.contains(quote) is (found is not None)
    if found is not None:
        spans = [_folded(text[p.start : p.end]) for p in found]
        assert spans in (split, [_folded(quote)])  # (or as written: the text's own ellipsis)
        assert all(a.end <= b.start for a, b in pairwise(found))
    elif split:
        assert source.missing_part(quote) is not None


def test_ellipsis_lookups_cost_a_few_checks_however_often_a_part_stands() -> None:
    """Each part is sought after the one before (and back from the next) through the
    index: not by reading every place where the part stands."""
    text = "cooperate " * 3000 + "we should " * 3000 + "now cooperate " + "we should " * 3000
    source = SourceText(text)
    source._lookups = INDEX_AFTER
    checks = 0
    whole = source._whole

    def counted(needle: str, start: int) -> bool:
        nonlocal checks
        checks += 1
        return whole(needle, start)

    source._whole = counted  # type: ignore[method-assign]
    for _ in range(50):
        span = source.find("we should ... cooperate")
        assert span is not None
        assert text[span.start : span.end] == "we should now cooperate"
    assert checks <= 50 * 4
