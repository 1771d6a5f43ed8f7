"""Find each quote of a map in its source, whatever the line breaks and spacing.

Examples:
    >>> text = "the crisis\\nhas   matured.\\nAll the symptoms"
    >>> SourceText(text).find("crisis has matured")
    QuoteSpan(start=4, end=24, line=1, column=5)
    >>> SourceText(text).find("crisis has ripened") is None
    True
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate, islice, pairwise

from argmap.errors import ArgmapError
from argmap.gcpause import gc_paused
from argmap.models import ArgumentMap, Claim, Evidence

_SPACE = re.compile(r"\s+")
_OTHER_SPACE = re.compile(r"[^\S ]\s*| \s+")  # any run of whitespace but a single space

INDEX_AFTER = 8
"""After this many look-ups in one text, an index of word pairs makes each look-up cheap."""

_RUN = re.compile(r"\w+")
_MAX_VOTERS = 64  # a pair of words found more often than this says little about where a quote is


EDGE_PUNCTUATION = ".,;:!?\"'()[]«»“”‘’—–-…"  # noqa: RUF001 (typeset texts use them)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def fold_word(word: str) -> str:
    """Return a word without case and the punctuation at its edges.

    Examples:
        >>> fold_word("«Bolsheviks.»")
        'bolsheviks'
    """
    return word.strip(EDGE_PUNCTUATION).casefold()


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Where a quote stands in its source.

    ``start`` and ``end`` are character offsets (``[start, end)``); line and column are 1-based.
    """

    start: int
    end: int
    line: int
    column: int


_RARE = 4
"""A pair of words standing this few times is looked up without seeking a rarer one."""

_STRIDE = 3
"""A quote of ``_STRIDE + 4`` words or more is looked up in an index of every
``_STRIDE``-th run of three words of the text (see :meth:`SourceText._find_by_some_runs`)."""

_MANY_PLACES = 64
"""Runs of words standing this often, once look-ups have tried a text's worth of places,
send a look-up to the pair index."""

_plus_one = (1).__add__  # (with map and accumulate: where each word begins, counted in C)


class SourceText:
    """A source text, ready to have many quotes found in it.

    Whitespace is folded: any run of spaces, tabs and line breaks matches any other.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        # The folded text, and breakpoints mapping its offsets back to the original.
        self._folded_starts = [0]
        self._original_starts = [0]
        parts: list[str] = []
        last = 0
        folded_length = 0
        for match in _OTHER_SPACE.finditer(text):
            parts.append(text[last : match.start()])
            parts.append(" ")
            folded_length += match.start() - last + 1
            self._folded_starts.append(folded_length)
            self._original_starts.append(match.end())
            last = match.end()
        parts.append(text[last:])
        self.folded = "".join(parts)
        self._lookups = 0
        self._places_tried = 0  # by the look-ups through the index of runs
        self._index: dict[tuple[str, str], list[int]] | None = None
        self._runs_index: dict[tuple[str, str, str], list[int]] | None = None
        self._loose_index: dict[tuple[str, str], list[int]] | None = None
        self._run_index: dict[str, list[int]] | None = None
        self._words: list[str] = []
        self._word_starts: list[int] = []

    def _original(self, folded_offset: int) -> int:
        i = bisect.bisect_right(self._folded_starts, folded_offset) - 1
        return self._original_starts[i] + folded_offset - self._folded_starts[i]

    def span(self, start: int, end: int) -> QuoteSpan:
        """Describe the original text between the offsets ``[start, end)``."""
        line = bisect.bisect_right(self._line_starts, start) - 1
        return QuoteSpan(start, end, line + 1, start - self._line_starts[line] + 1)

    def find(self, quote: str) -> QuoteSpan | None:
        """Return where ``quote`` first stands in the text, or None if it does not.

        A quote that begins (or ends) with a letter or digit must begin (or end) a word
        of the text: "Bolsheviks will win" is not in "the Bolsheviks will winter".
        """
        needle = " ".join(quote.split())
        if not needle:
            return None
        self._lookups += 1
        at = self._find_folded(needle)
        if at < 0:
            return None
        start = self._original(at)
        end = self._original(at + len(needle) - 1) + 1
        return self.span(start, end)

    def contains(self, quote: str) -> bool:
        """Whether ``quote`` stands in the text: :meth:`find` without working out where.

        Examples:
            >>> SourceText("the crisis\\nhas   matured.").contains("crisis has")
            True
        """
        needle = " ".join(quote.split())
        if not needle:
            return False
        self._lookups += 1
        return self._find_folded(needle) >= 0

    def _whole(self, needle: str, start: int) -> bool:
        """Whether ``needle`` at ``start`` of the folded text begins and ends on word edges."""
        text = self.folded
        end = start + len(needle)
        if _is_word_char(needle[0]) and start > 0 and _is_word_char(text[start - 1]):
            return False
        return not (_is_word_char(needle[-1]) and end < len(text) and _is_word_char(text[end]))

    def _find_folded(self, needle: str) -> int:
        words = needle.split(" ")
        if self._lookups <= INDEX_AFTER:
            return self._scan(needle)
        if len(words) < 4:
            return self._find_short(needle)
        if len(words) < _STRIDE + 4:
            return self._find_by_pairs(needle, words)
        return self._find_by_some_runs(needle, words)

    def _find_by_pairs(self, needle: str, words: list[str]) -> int:
        """Find a quote of four words or more through the rarest pair of words in it.

        Words inside the quote are whole words of the text, even when the quote begins
        or ends inside a word. Look up where the rarest pair of them stands: each look-up
        then costs about the length of the quote, however common its words.
        """
        pairs = self._pairs()
        lead = len(words[0]) + 1
        best: tuple[int, list[int]] | None = None
        for k in range(1, len(words) - 2):
            places = pairs.get((words[k], words[k + 1]))
            if places is None:
                return -1  # a pair of whole words that the text does not have
            if best is None or len(places) < len(best[1]):
                best = (lead, places)
                if len(places) <= _RARE:
                    break  # rare enough: looking further costs more than it saves
            lead += len(words[k]) + 1
        assert best is not None
        offset, places = best
        for word in places:
            start = self._word_starts[word] - offset
            if start >= 0 and self.folded.startswith(needle, start) and self._whole(needle, start):
                return start
        return -1

    def _find_by_some_runs(self, needle: str, words: list[str]) -> int:
        """Find a long quote through the index of every ``_STRIDE``-th run of three words.

        Wherever the quote stands, of any ``_STRIDE`` runs of its inner words that begin
        ``0, 1, …, _STRIDE - 1`` words apart (modulo ``_STRIDE``), exactly one begins on an
        indexed run. So take the rarest run of each such class, and keep the earliest
        place where the whole quote stands.
        """
        index = self._some_runs()
        best: list[tuple[int, list[int]] | None] = [None] * _STRIDE
        lead = len(words[0]) + 1
        for k in range(1, len(words) - 3):
            places = index.get((words[k], words[k + 1], words[k + 2]), [])
            chosen = best[k % _STRIDE]
            if chosen is None or len(places) < len(chosen[1]):
                best[k % _STRIDE] = (lead, places)
            if k >= _STRIDE and all(len(c[1]) <= 1 for c in best if c is not None):
                break  # a run of each class that stands once at most: none is rarer
            lead += len(words[k]) + 1
        many = sum(len(chosen[1]) for chosen in best if chosen is not None)
        if many > _MANY_PLACES and self._places_tried > len(self._words):
            # Look-ups have tried as many places as the text has words (a text that
            # repeats itself): from now on, quotes whose every run of a class stands
            # often go to the pair index, whose rarest pair narrows them down better.
            return self._find_by_pairs(needle, words)
        self._places_tried += many
        found = -1
        for chosen in best:
            assert chosen is not None  # (the quote has _STRIDE runs or more)
            offset, places = chosen
            for word in places:  # (in the order of the text: the first found is earliest)
                start = self._word_starts[word] - offset
                if found >= 0 and start >= found:
                    break
                whole = start >= 0 and self.folded.startswith(needle, start)
                if whole and self._whole(needle, start):
                    found = start
                    break
        return found

    def _scan(self, needle: str) -> int:
        """Find ``needle`` on word edges by reading the whole text (for the first look-ups)."""
        at = self.folded.find(needle)
        while at >= 0 and not self._whole(needle, at):
            at = self.folded.find(needle, at + 1)
        return at

    def _find_short(self, needle: str) -> int:
        """Find a quote of one to three words through the rarest run of letters in it.

        A quote begins and ends on word edges, so every run of letters and digits in it
        is a whole run of the text: look up where the rarest of them stands.
        """
        runs = self._runs()
        best: tuple[int, list[int]] | None = None
        for match in _RUN.finditer(needle):
            places = runs.get(match.group(), [])
            if best is None or len(places) < len(best[1]):
                best = (match.start(), places)
        if best is None:  # punctuation alone: nothing to look up
            return self._scan(needle)
        offset, places = best
        for place in places:
            start = place - offset
            if start >= 0 and self.folded.startswith(needle, start) and self._whole(needle, start):
                return start
        return -1

    def _runs(self) -> dict[str, list[int]]:
        """Where each run of letters and digits of the folded text begins, built once."""
        if self._run_index is None:
            index: dict[str, list[int]] = defaultdict(list)
            for match in _RUN.finditer(self.folded):
                index[match.group()].append(match.start())
            self._run_index = index
        return self._run_index

    def _split(self) -> None:
        """Split the folded text into its words, and note where each begins (once)."""
        if not self._word_starts:
            self._words = self.folded.split(" ")
            self._word_starts = [*accumulate(map(_plus_one, map(len, self._words)), initial=0)]

    def _pairs(self) -> dict[tuple[str, str], list[int]]:
        """Where each pair of neighbouring words stands (by word number), built once."""
        if self._index is None:
            self._split()
            index: dict[tuple[str, str], list[int]] = defaultdict(list)
            with gc_paused():
                for i, pair in enumerate(pairwise(self._words)):
                    index[pair].append(i)
            self._index = index
        return self._index

    def _some_runs(self) -> dict[tuple[str, str, str], list[int]]:
        """Where every ``_STRIDE``-th run of three words stands: a third of the work of
        :meth:`_pairs`, and runs of three words are far rarer than pairs."""
        if self._runs_index is None:
            self._split()
            words = self._words
            index: dict[tuple[str, str, str], list[int]] = defaultdict(list)
            every = range(0, len(words), _STRIDE)
            runs = zip(*(islice(words, i, None, _STRIDE) for i in range(3)), strict=False)
            with gc_paused():
                for i, run in zip(every, runs, strict=False):
                    index[run].append(i)
            self._runs_index = index
        return self._runs_index

    def _loose_pairs(self) -> dict[tuple[str, str], list[int]]:
        """Like :meth:`_pairs`, for words without case and the punctuation at their edges."""
        if self._loose_index is None:
            self._split()
            words = [fold_word(w) for w in self._words]
            index: dict[tuple[str, str], list[int]] = defaultdict(list)
            for i in range(len(words) - 1):
                index[(words[i], words[i + 1])].append(i)
            self._loose_index = index
        return self._loose_index

    def closest(self, quote: str) -> tuple[QuoteSpan, list[str]] | None:
        """Return the passage most like ``quote`` (as a span and its words), or None.

        Each pair of neighbouring words of the quote (without case and edge punctuation)
        votes for where the quote would begin if the text had that pair; the place with
        most votes wins, if at least a third of the pairs agree. Pairs that are very
        common in the text do not vote, so each look-up costs about the length of the
        quote.

        Examples:
            >>> text = SourceText("of the seventeen thousand soldiers, fourteen thousand voted")
            >>> span, words = text.closest("of the eighteen thousand soldiers")
            >>> " ".join(words), span.column
            ('of the seventeen thousand soldiers,', 1)
        """
        words = [fold_word(w) for w in _SPACE.sub(" ", quote).strip().split(" ")]
        if len(words) < 2:
            return None
        pairs = self._loose_pairs()
        votes: dict[int, int] = defaultdict(int)
        for i in range(len(words) - 1):
            places = pairs.get((words[i], words[i + 1]), ())
            if len(places) <= _MAX_VOTERS:
                for place in places:
                    votes[place - i] += 1
        if not votes:
            return None
        best = max(votes, key=lambda place: (votes[place], -place))
        if votes[best] * 3 < len(words) - 1:
            return None  # fewer than a third of the quote's pairs agree: nothing is close
        first = max(best, 0)
        last = min(best + len(words), len(self._words)) - 1
        start = self._original(self._word_starts[first])
        end = self._original(self._word_starts[last] + len(self._words[last]) - 1) + 1
        return self.span(start, end), self._words[first : last + 1]


@dataclass(frozen=True, slots=True)
class QuoteLookup:
    """The result of looking for one item's quote in its source.

    ``span`` is None when the quote was not found; ``reason`` then says why.
    """

    item: str
    source: str
    quote: str
    span: QuoteSpan | None
    reason: str | None = None

    @property
    def found(self) -> bool:
        """Whether the quote stands in the source."""
        return self.span is not None


def locate_quotes(amap: ArgumentMap) -> list[QuoteLookup]:
    """Look up the quote of every claim and evidence item that has one.

    Each source text is read and prepared once, so this is linear in the size of
    the map and its sources.

    Examples:
        >>> import argmap
        >>> lookups = locate_quotes(argmap.read("examples/crisis_core.yaml"))
        >>> [(q.item, q.span.line) for q in lookups if q.span]
        [('peasant_revolt', 17), ('crisis_matured', 42), ('dyelo_naroda', 27)]
    """
    texts: dict[str, SourceText | str] = {}
    sources = {source.id: source for source in amap.sources}
    results: list[QuoteLookup] = []
    items: list[Claim | Evidence] = [*amap.claims, *amap.evidence]
    for item in items:
        if item.quote is None or item.source is None:
            continue
        if item.source not in texts:
            source = sources.get(item.source)
            try:
                raw = source.load_text(amap.base_dir) if source is not None else None
            except ArgmapError as err:
                texts[item.source] = f"its source `{item.source}` cannot be read: {err}"
            else:
                texts[item.source] = (
                    SourceText(raw)
                    if raw is not None
                    else f"its source `{item.source}` has no text"
                )
        prepared = texts[item.source]
        if isinstance(prepared, str):
            results.append(QuoteLookup(item.id, item.source, item.quote, None, prepared))
            continue
        span = prepared.find(item.quote)
        reason = None if span else f"it does not stand in the source `{item.source}`"
        results.append(QuoteLookup(item.id, item.source, item.quote, span, reason))
    return results
