"""Find each quote of a map in its source, whatever the line breaks and spacing.

Examples:
    >>> text = "the crisis\\nhas   matured.\\nAll the symptoms"
    >>> SourceText(text).find("crisis has matured")
    QuoteSpan(start=4, end=24, line=1, column=5)
    >>> SourceText(text).find("crisis has ripened") is None
    True

A quote may leave words out with an ellipsis (``...`` or ``…``, bare or in brackets,
``[...]``, ``(…)``): it stands where its parts stand in that order.

    >>> SourceText(text).find("the crisis [...] matured")
    QuoteSpan(start=0, end=24, line=1, column=1)
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter, defaultdict
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


_ELLIPSIS = re.compile(r"\[\s*(?:\.{3,}|…)\s*\]|\(\s*(?:\.{3,}|…)\s*\)|\.{3,}|…")
"""An ellipsis in a quote: words of the source left out (``...``, ``…``, ``[...]``, ``(…)``)."""


def quote_parts(quote: str) -> list[str] | None:
    """Split a quote at its ellipses into its parts (spacing folded), or None if it has none.

    An ellipsis at either end only says that the quote begins or ends mid-sentence, so
    it leaves no empty part; a quote of ellipses alone has no parts at all.

    Examples:
        >>> quote_parts("we should [...] cooperate…")
        ['we should', 'cooperate']
        >>> quote_parts("we should cooperate") is None
        True
    """
    if "..." not in quote and "…" not in quote:
        return None  # (most quotes: no need to split them)
    pieces = _ELLIPSIS.split(quote)
    if len(pieces) == 1:
        return None
    return [" ".join(piece.split()) for piece in pieces if piece.strip()]


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


@dataclass(frozen=True, slots=True)
class MissingPart:
    """Why a quote with ellipses does not stand in its source: the first part that fails.

    ``index`` counts the parts from 0; ``after`` is the part before it (None for the
    first); ``elsewhere`` is where the part stands in the source when it does, but not
    after ``after`` (the parts are out of order).
    """

    index: int
    part: str
    after: str | None
    elsewhere: QuoteSpan | None


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

    def _span_of(self, at: int, needle: str) -> QuoteSpan:
        """The span of the original text that ``needle``, at ``at`` of the folded text, covers."""
        return self.span(self._original(at), self._original(at + len(needle) - 1) + 1)

    def find(self, quote: str) -> QuoteSpan | None:
        """Return where ``quote`` first stands in the text, or None if it does not.

        A quote that begins (or ends) with a letter or digit must begin (or end) a word
        of the text: "Bolsheviks will win" is not in "the Bolsheviks will winter".
        A quote with ellipses spans from the start of its first part to the end of its
        last (see :meth:`find_parts`).
        """
        parts = self.find_parts(quote)
        if parts is None:
            return None
        return parts[0] if len(parts) == 1 else self.span(parts[0].start, parts[-1].end)

    def find_parts(self, quote: str) -> tuple[QuoteSpan, ...] | None:
        """Return where each part of ``quote`` stands, or None if it does not stand in the text.

        A quote that stands as it is written (whatever its spacing) has one part. Else a
        quote with ellipses stands where its parts stand in their order, each after the
        one before it, as close together as they stand in the text: the last part where
        it first stands after the others, and each part before it where it last stands
        before the next.

        Examples:
            >>> text = SourceText("we should wait. No: we should, and now, cooperate.")
            >>> [(s.start, s.end) for s in text.find_parts("we should ... cooperate")]
            [(20, 29), (40, 49)]
        """
        placed = self._place(quote, tight=True)
        if placed is None:
            return None
        return tuple(self._span_of(at, needle) for at, needle in placed)

    def contains(self, quote: str) -> bool:
        """Whether ``quote`` stands in the text: :meth:`find` without working out where.

        Examples:
            >>> SourceText("the crisis\\nhas   matured.").contains("crisis has")
            True
        """
        return self._place(quote, tight=False) is not None

    def missing_part(self, quote: str) -> MissingPart | None:
        """Say which part of a quote with ellipses fails, or None if it has no ellipsis or
        its parts all stand in order.

        Examples:
            >>> text = SourceText("we should cooperate with the Mensheviks")
            >>> text.missing_part("we should ... with the Cadets")
            MissingPart(index=1, part='with the Cadets', after='we should', elsewhere=None)
        """
        parts = quote_parts(quote)
        if not parts:
            return None
        at, end = 0, 0
        for index, part in enumerate(parts):
            at = self._lookup(part, end)
            if at < 0:
                anywhere = self._lookup(part) if index else -1
                elsewhere = self._span_of(anywhere, part) if anywhere >= 0 else None
                return MissingPart(index, part, parts[index - 1] if index else None, elsewhere)
            end = at + len(part)
        return None

    def _place(self, quote: str, *, tight: bool) -> list[tuple[int, str]] | None:
        """Where ``quote`` stands in the folded text: (offset, folded words) for each part.

        The quote as written is sought first (its ellipses may be the text's own); then
        its parts, each as early as it stands after the one before. With ``tight``, each
        part but the last then moves as late as it stands before the next.
        """
        needle = " ".join(quote.split())
        parts = quote_parts(quote)
        if not needle or parts == []:
            return None  # nothing to find, or ellipses alone: no words are quoted
        at = self._lookup(needle)
        if at >= 0:
            return [(at, needle)]
        if parts is None:
            return None
        placed: list[tuple[int, str]] = []
        end = 0
        for part in parts:
            at = self._lookup(part, end)
            if at < 0:
                return None
            placed.append((at, part))
            end = at + len(part)
        if tight:
            for k in range(len(placed) - 2, -1, -1):
                # (it stands there at the latest: at the place found first, if not later)
                at = self._lookup(parts[k], placed[k][0], placed[k + 1][0], last=True)
                placed[k] = (at, parts[k])
        return placed

    def _lookup(
        self, needle: str, lo: int = 0, hi: int | None = None, *, last: bool = False
    ) -> int:
        """Where ``needle`` (folded) first (or ``last``) stands whole in ``folded[lo:hi]``."""
        self._lookups += 1
        return self._find_folded(needle, lo, len(self.folded) if hi is None else hi, last)

    def _whole(self, needle: str, start: int) -> bool:
        """Whether ``needle`` at ``start`` of the folded text begins and ends on word edges."""
        text = self.folded
        end = start + len(needle)
        if _is_word_char(needle[0]) and start > 0 and _is_word_char(text[start - 1]):
            return False
        return not (_is_word_char(needle[-1]) and end < len(text) and _is_word_char(text[end]))

    def _find_folded(self, needle: str, lo: int, hi: int, last: bool) -> int:
        words = needle.split(" ")
        if self._lookups <= INDEX_AFTER:
            return self._scan(needle, lo, hi, last)
        if len(words) < 4:
            return self._find_short(needle, lo, hi, last)
        if len(words) < _STRIDE + 4:
            return self._find_by_pairs(needle, words, lo, hi, last)
        return self._find_by_some_runs(needle, words, lo, hi, last)

    def _pick(
        self,
        needle: str,
        places: list[int],
        at: tuple[list[int] | None, int],
        bounds: tuple[int, int, bool],
    ) -> int:
        """The first (or last) of ``places`` where ``needle`` stands whole in ``folded[lo:hi]``.

        ``places`` are in the order of the text: word numbers if ``at`` is ``(word_starts,
        offset)``, offsets in the folded text if it is ``(None, offset)``, where ``offset``
        is how far before a place the quote would begin. ``bounds`` is ``(lo, hi, last)``.
        """
        lo, hi, last = bounds
        starts, offset = at

        def start_of(place: int) -> int:
            return (place if starts is None else starts[place]) - offset

        text = self.folded
        top = hi - len(needle)  # the last offset where the needle fits
        if last:
            j = bisect.bisect_right(places, top, key=start_of) - 1
            while j >= 0 and (start := start_of(places[j])) >= lo:
                if text.startswith(needle, start) and self._whole(needle, start):
                    return start
                j -= 1
        else:
            j = bisect.bisect_left(places, lo, key=start_of) if lo > 0 else 0
            while j < len(places) and (start := start_of(places[j])) <= top:
                if start >= 0 and text.startswith(needle, start) and self._whole(needle, start):
                    return start
                j += 1
        return -1

    def _find_by_pairs(self, needle: str, words: list[str], lo: int, hi: int, last: bool) -> int:
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
        return self._pick(needle, places, (self._word_starts, offset), (lo, hi, last))

    def _find_by_some_runs(
        self, needle: str, words: list[str], lo: int, hi: int, last: bool
    ) -> int:
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
            return self._find_by_pairs(needle, words, lo, hi, last)
        self._places_tried += many
        found = -1
        starts, text, top = self._word_starts, self.folded, hi - len(needle)
        for chosen in best:
            assert chosen is not None  # (the quote has _STRIDE runs or more)
            offset, places = chosen
            if lo == 0 and not last:  # (most look-ups: from the start, read in order)
                for word in places:
                    start = starts[word] - offset
                    if start > top:
                        break
                    if start >= 0 and text.startswith(needle, start) and self._whole(needle, start):
                        found, top = start, start - 1  # the next classes need only look earlier
                        break
                continue
            at = self._pick(needle, places, (starts, offset), (lo, hi, last))
            if at >= 0:  # the next classes need only look where it would stand earlier (later)
                found = at
                if last:
                    lo = at + 1
                else:
                    hi = at + len(needle) - 1
        return found

    def _scan(self, needle: str, lo: int, hi: int, last: bool) -> int:
        """Find ``needle`` on word edges by reading the text (for the first look-ups)."""
        text = self.folded
        if last:
            at = text.rfind(needle, lo, hi)
            while at >= 0 and not self._whole(needle, at):
                at = text.rfind(needle, lo, at + len(needle) - 1)
            return at
        at = text.find(needle, lo, hi)
        while at >= 0 and not self._whole(needle, at):
            at = text.find(needle, at + 1, hi)
        return at

    def _find_short(self, needle: str, lo: int, hi: int, last: bool) -> int:
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
            return self._scan(needle, lo, hi, last)
        offset, places = best
        return self._pick(needle, places, (None, offset), (lo, hi, last))

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
        quote. The passage is then aligned word by word with the quote, in a stretch of
        the text a little longer than the quote: it begins and ends where the quote's
        first and last words that the text has stand, widened by as many words as the
        quote has beyond them. A quote that leaves a word out, or adds one, thus gets
        the passage it was taken from, not one shifted by a word; a word of the quote
        that stands just outside the passage widens it (the quote changed the order).

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
        slack = len(words) // 2 + 2  # words the quote may leave out and still be aligned
        lo = max(best - slack, 0)
        window = [fold_word(w) for w in self._words[lo : best + len(words) + slack]]
        matcher = difflib.SequenceMatcher(a=words, b=window, autojunk=False)
        blocks = [block for block in matcher.get_matching_blocks() if block.size]
        # (the pair that voted for ``best`` stands in the window: there is a block)
        head, tail = blocks[0], blocks[-1]
        # words of the quote before its first match stand for as many words before it
        first = head.b - min(head.a, head.b)
        tail_end = tail.b + tail.size
        end = tail_end + min(len(words) - tail.a - tail.size, len(window) - tail_end)
        # a word of the quote left unmatched that stands just outside: the quote moved it
        unmatched = Counter(words) - Counter(
            w for block in blocks for w in window[block.b : block.b + block.size]
        )
        while first > 0 and unmatched[window[first - 1]] > 0:
            first -= 1
            unmatched[window[first]] -= 1
        while end < len(window) and unmatched[window[end]] > 0:
            unmatched[window[end]] -= 1
            end += 1
        first, last = lo + first, lo + end - 1
        start = self._original(self._word_starts[first])
        end = self._original(self._word_starts[last] + len(self._words[last]) - 1) + 1
        return self.span(start, end), self._words[first : last + 1]


@dataclass(frozen=True, slots=True)
class QuoteLookup:
    """The result of looking for one item's quote in its source.

    ``span`` is None when the quote was not found; ``reason`` then says why. A quote
    with ellipses spans from the start of its first part to the end of its last;
    ``parts`` says where each part stands.
    """

    item: str
    source: str
    quote: str
    span: QuoteSpan | None
    reason: str | None = None
    parts: tuple[QuoteSpan, ...] = ()
    """Where each part of a quote with ellipses stands (the one ``span`` for another)."""

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
                raw = amap.source_text(source) if source is not None else None
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
        parts = prepared.find_parts(item.quote)
        if parts:
            span = parts[0] if len(parts) == 1 else prepared.span(parts[0].start, parts[-1].end)
            results.append(QuoteLookup(item.id, item.source, item.quote, span, None, parts))
            continue
        miss = prepared.missing_part(item.quote)
        if quote_parts(item.quote) == []:
            reason = "it has no words, only an ellipsis"
        elif miss is None:
            reason = f"it does not stand in the source `{item.source}`"
        else:
            after = f" after `{miss.after}`" if miss.after else ""
            reason = f"its part `{miss.part}` does not stand in the source `{item.source}`{after}"
        results.append(QuoteLookup(item.id, item.source, item.quote, None, reason))
    return results
