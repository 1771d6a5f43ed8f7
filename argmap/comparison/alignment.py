"""Which item of a student's map is which item of the reference: by id, quote or wording.

Claims and evidence are aligned one to one, in three rounds; each round takes the best
remaining pairs first:

1. **id**: the same id on both sides, unless their quotes show two different passages.
   Without quotes to compare, the wording decides: a meaningful id (``crisis_matured``)
   needs little in common, a generic one (``c1``, ``claim_3``) as much as two statements
   of different ids; and either is refused when one side's statement is worded clearly
   more like another statement of the other side (ids given in another order);
2. **quote**: quotes of the same source text whose passages overlap (by at least half
   of the shorter one), scored by the share of the two passages they have in common;
3. **text**: the wording, scored by rapidfuzz's token-sort ratio (word order and case
   do not matter), from 0.6 up.

Inferences are then aligned through their statements: a student's step goes with the
reference step that concludes the same (aligned) item from the most of the same premises.

Examples:
    >>> from argmap.models import ArgumentMap, Claim
    >>> ref = ArgumentMap(title="R", claims=[Claim(id="crisis", text="The crisis has matured.")])
    >>> mine = ArgumentMap(title="S", claims=[Claim(id="c1", text="the crisis has matured")])
    >>> align(mine, ref).pairs
    (Pair(student='c1', reference='crisis', by='text', score=1.0),)
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process, utils

from argmap.errors import ArgmapError
from argmap.models import ArgumentMap, Claim, Evidence, Inference, Source
from argmap.quotes import SourceText

AlignedBy = Literal["id", "quote", "text"]

TEXT_CUTOFF = 0.6
"""The lowest wording score (0 to 1) at which two statements are taken for the same."""

ID_TEXT_CUTOFF = 0.4
"""Two statements of the same meaningful id but no comparable quotes are the same from this
wording up (a generic id needs :data:`TEXT_CUTOFF`)."""

BETTER_BY = 0.1
"""An id match without quotes is refused when another statement is worded this much more
alike (and at least :data:`TEXT_CUTOFF`)."""

_GENERIC_ID = re.compile(r"[^\W\d_]{0,12}[_.-]?\d+[a-z]?", re.IGNORECASE)
"""Ids that number statements rather than name them: ``c1``, ``claim_3``, ``p12b``, ``7``."""


def generic_id(ident: str) -> bool:
    """Whether ``ident`` numbers its statement rather than saying what it is.

    Examples:
        >>> generic_id("c12"), generic_id("premise_3"), generic_id("crisis_matured")
        (True, True, False)
    """
    return _GENERIC_ID.fullmatch(ident) is not None


QUOTE_COVER = 0.5
"""Two quotes are of the same passage when their overlap covers this much of the shorter."""

Statement = Claim | Evidence


@dataclass(frozen=True, slots=True)
class Pair:
    """A student's item taken for a reference item: how (``by``) and how surely (0 to 1)."""

    student: str
    reference: str
    by: AlignedBy
    score: float


@dataclass(frozen=True)
class Alignment:
    """The pairs of statements and of inferences, and what is left on either side."""

    pairs: tuple[Pair, ...]
    """Claims and evidence, in the reference's order."""
    steps: dict[str, str]
    """Student inference id to the reference inference it makes."""
    unaligned_student: tuple[str, ...]
    unaligned_reference: tuple[str, ...]
    quote_lines: dict[str, int]
    """The line of its source on which each quoted reference item's quote begins."""

    def to_reference(self) -> dict[str, str]:
        """Student id to reference id, for statements and inferences."""
        mapping = {pair.student: pair.reference for pair in self.pairs}
        mapping.update(self.steps)
        return mapping

    def to_student(self) -> dict[str, str]:
        """Reference id to student id, for statements and inferences."""
        return {ref: mine for mine, ref in self.to_reference().items()}


def _text_score(a: str, b: str) -> float:
    return float(fuzz.token_sort_ratio(a, b, processor=utils.default_process)) / 100


def _folded(text: str) -> str:
    return " ".join(text.split())


class _Spans:
    """Where each quote of a map stands, in the texts of the reference's sources."""

    def __init__(self, reference: ArgumentMap) -> None:
        self.texts: dict[str, SourceText] = {}
        self._by_text: dict[str, str] = {}
        self._by_title: dict[str, str] = {}
        for source in reference.sources:
            raw = _text_of(source, reference)
            if raw is None:
                continue
            self.texts[source.id] = SourceText(raw)
            self._by_text.setdefault(_folded(raw), source.id)
            self._by_title.setdefault(source.title.casefold(), source.id)

    def source_map(self, amap: ArgumentMap) -> dict[str, str]:
        """Each of ``amap``'s sources to the reference source of the same text (or id, or
        title)."""
        found: dict[str, str] = {}
        for source in amap.sources:
            raw = _text_of(source, amap)
            match = self._by_text.get(_folded(raw)) if raw is not None else None
            if match is None and source.id in self.texts:
                match = source.id
            if match is None:
                match = self._by_title.get(source.title.casefold())
            if match is not None:
                found[source.id] = match
        return found

    def spans(
        self,
        items: Iterable[Statement],
        sources: dict[str, str],
        *,
        near: bool,
        lines: dict[str, int] | None = None,
    ) -> dict[str, tuple[str, int, int]]:
        """Each quoted item's (reference source, start, end); with ``near``, a misquote
        takes the span of the closest passage. ``lines`` gets the line each begins on."""
        found: dict[str, tuple[str, int, int]] = {}
        for item in items:
            if item.quote is None or item.source is None or item.source not in sources:
                continue
            source = sources[item.source]
            text = self.texts[source]
            span = text.find(item.quote)
            if span is None and near:
                closest = text.closest(item.quote)
                span = closest[0] if closest is not None else None
            if span is not None:
                found[item.id] = (source, span.start, span.end)
                if lines is not None:
                    lines[item.id] = span.line
        return found


def _text_of(source: Source, amap: ArgumentMap) -> str | None:
    try:
        return amap.source_text(source)
    except ArgmapError:  # an unreadable source: its quotes cannot align anything
        return None


def _overlap(a: tuple[str, int, int], b: tuple[str, int, int]) -> tuple[float, float]:
    """How much of the shorter span the overlap covers, and overlap over union."""
    if a[0] != b[0]:
        return 0.0, 0.0
    common = min(a[2], b[2]) - max(a[1], b[1])
    if common <= 0:
        return 0.0, 0.0
    union = max(a[2], b[2]) - min(a[1], b[1])
    shorter = min(a[2] - a[1], b[2] - b[1])
    return common / shorter, common / union


def _take_best(
    candidates: list[tuple[float, int, int]],
    mine: Sequence[Statement],
    ref: Sequence[Statement],
    by: AlignedBy,
    taken_mine: set[str],
    taken_ref: set[str],
) -> list[Pair]:
    """Greedy one-to-one assignment: the best score first, ties in the reference's order."""
    pairs = []
    for score, r, s in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        a, b = mine[s].id, ref[r].id
        if a in taken_mine or b in taken_ref:
            continue
        taken_mine.add(a)
        taken_ref.add(b)
        pairs.append(Pair(a, b, by, round(score, 3)))
    return pairs


def align(student: ArgumentMap, reference: ArgumentMap) -> Alignment:
    """Align a student's map with the reference map (see the module's docstring)."""
    mine: list[Statement] = [*student.claims, *student.evidence]
    ref: list[Statement] = [*reference.claims, *reference.evidence]
    spans = _Spans(reference)
    quote_lines: dict[str, int] = {}
    ref_spans = spans.spans(ref, {s: s for s in spans.texts}, near=False, lines=quote_lines)
    mine_spans = spans.spans(mine, spans.source_map(student), near=True)
    taken_mine: set[str] = set()
    taken_ref: set[str] = set()
    pairs: list[Pair] = []

    ref_at = {item.id: r for r, item in enumerate(ref)}
    by_id = []
    rivals = _Rivals(mine, ref)
    for s, item in enumerate(mine):
        r = ref_at.get(item.id)
        if r is None:
            continue
        a, b = mine_spans.get(item.id), ref_spans.get(item.id)
        if item.id == student.thesis == reference.thesis:
            same = True  # the thesis of both: a quote of another passage is still the thesis
        elif a is not None and b is not None:
            same = _overlap(a, b)[0] > 0
        else:
            score = _text_score(item.text, ref[r].text)
            cutoff = TEXT_CUTOFF if generic_id(item.id) else ID_TEXT_CUTOFF
            same = score >= cutoff and not rivals.beat(s, r, score)
        if same:
            by_id.append((1.0, r, s))
    pairs += _take_best(by_id, mine, ref, "id", taken_mine, taken_ref)

    by_quote = []
    starts: dict[str, list[tuple[int, int]]] = defaultdict(list)  # source: [(start, r)]
    for r, item in enumerate(ref):
        if item.id in ref_spans and item.id not in taken_ref:
            starts[ref_spans[item.id][0]].append((ref_spans[item.id][1], r))
    longest: dict[str, int] = defaultdict(int)  # source: its longest reference span
    for placed in starts.values():
        placed.sort()
    for source, start, end in ref_spans.values():
        longest[source] = max(longest[source], end - start)
    for s, item in enumerate(mine):
        span = mine_spans.get(item.id)
        if span is None or item.id in taken_mine:
            continue
        placed = starts.get(span[0], [])
        first = bisect.bisect_left(placed, (span[1] - longest[span[0]], -1))
        for _, r in placed[first : bisect.bisect_left(placed, (span[2], -1))]:
            cover, jaccard = _overlap(span, ref_spans[ref[r].id])
            if cover >= QUOTE_COVER:
                by_quote.append((jaccard, r, s))
    pairs += _take_best(by_quote, mine, ref, "quote", taken_mine, taken_ref)

    left_mine = [s for s, item in enumerate(mine) if item.id not in taken_mine]
    left_ref = [r for r, item in enumerate(ref) if item.id not in taken_ref]
    if left_mine and left_ref:
        by_text = _by_wording([ref[r].text for r in left_ref], [mine[s].text for s in left_mine])
        by_text = [(score, left_ref[i], left_mine[j]) for score, i, j in by_text]
        pairs += _take_best(by_text, mine, ref, "text", taken_mine, taken_ref)

    pairs.sort(key=lambda pair: ref_at[pair.reference])
    to_ref = {pair.student: pair.reference for pair in pairs}
    return Alignment(
        pairs=tuple(pairs),
        steps=_align_steps(student.inferences, reference.inferences, to_ref),
        unaligned_student=tuple(item.id for item in mine if item.id not in taken_mine),
        unaligned_reference=tuple(item.id for item in ref if item.id not in taken_ref),
        quote_lines=quote_lines,
    )


class _Rivals:
    """Whether a statement is worded clearly more like another than like its id-mate.

    The best wording score of each statement against the other side is computed when first
    asked, and only for maps small enough to compare every pair (see
    :data:`EVERY_PAIR_UP_TO`); larger ones rely on the cutoffs alone.
    """

    def __init__(self, mine: Sequence[Statement], ref: Sequence[Statement]) -> None:
        self._mine = [utils.default_process(item.text) for item in mine]
        self._ref = [utils.default_process(item.text) for item in ref]
        self._small = len(mine) * len(ref) <= EVERY_PAIR_UP_TO
        self._best_ref: dict[int, tuple[float, int]] = {}
        self._best_mine: dict[int, tuple[float, int]] = {}

    def beat(self, s: int, r: int, score: float) -> bool:
        """Whether student item ``s`` or reference item ``r`` has a rival worded better
        than their ``score`` together."""
        if not self._small:
            return False
        bar = max(TEXT_CUTOFF, score + BETTER_BY)
        best, other = self._best(self._best_ref, s, self._mine[s], self._ref)
        if other != r and best >= bar:
            return True
        best, other = self._best(self._best_mine, r, self._ref[r], self._mine)
        return other != s and best >= bar

    @staticmethod
    def _best(
        cache: dict[int, tuple[float, int]], at: int, text: str, others: list[str]
    ) -> tuple[float, int]:
        if at not in cache:
            found = process.extractOne(text, others, scorer=fuzz.token_sort_ratio)
            cache[at] = (found[1] / 100, found[2]) if found is not None else (0.0, -1)
        return cache[at]


EVERY_PAIR_UP_TO = 250_000
"""Up to this many pairs of leftover statements, the wording of every pair is compared;
beyond it, only pairs that share a word that is not common (see :func:`_by_wording`)."""

_COMMON = 50
"""A word in more than this many statements does not make two of them candidates."""


def _content_words(text: str) -> set[str]:
    """The words of four letters or more (a, of, the, is say little), or all if none is."""
    words = set(text.split())
    return {w for w in words if len(w) >= 4} or words


def _by_wording(ref: list[str], mine: list[str]) -> list[tuple[float, int, int]]:
    """(score, index in ``ref``, index in ``mine``) of each pair worded alike enough.

    Small maps compare every pair. Large ones (a corpus of thousands of items) compare
    only pairs that share a word of four letters or more that stands in at most
    ``_COMMON`` statements, so that the work
    grows with the map and not with its square; two statements worded alike almost always
    share such a word.
    """
    cutoff = TEXT_CUTOFF * 100
    found: list[tuple[float, int, int]] = []
    if len(ref) * len(mine) <= EVERY_PAIR_UP_TO:
        for i, text in enumerate(ref):
            for _, score, j in process.extract(
                text,
                mine,
                scorer=fuzz.token_sort_ratio,
                processor=utils.default_process,
                score_cutoff=cutoff,
                limit=None,
            ):
                found.append((score / 100, i, j))
        return found
    prepared = [utils.default_process(text) for text in mine]
    having: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(prepared):
        for word in _content_words(text):
            having[word].append(j)
    for i, text in enumerate(ref):
        query = utils.default_process(text)
        candidates = {
            j
            for word in _content_words(query)
            if len(having.get(word, ())) <= _COMMON
            for j in having.get(word, ())
        }
        for j in sorted(candidates):
            score = fuzz.token_sort_ratio(query, prepared[j], score_cutoff=cutoff)
            if score:
                found.append((score / 100, i, j))
    return found


def _align_steps(
    mine: Sequence[Inference], ref: Sequence[Inference], to_ref: dict[str, str]
) -> dict[str, str]:
    """Student inference to reference inference: same (aligned) conclusion, the most
    premises in common; a step that concludes a step (an undercut) waits for its target."""
    steps: dict[str, str] = {}
    concluding: dict[str, list[Inference]] = defaultdict(list)
    for inference in ref:
        concluding[inference.conclusion].append(inference)
    pending = list(mine)
    taken: set[str] = set()
    steps_of_student = {step.id for step in mine}

    def mapped(ident: str) -> str | None:
        return to_ref.get(ident) or steps.get(ident)

    while pending:
        candidates: list[tuple[float, int, Inference, Inference]] = []
        waiting: list[Inference] = []
        for order, step in enumerate(pending):
            target = mapped(step.conclusion)
            if target is None:
                if step.conclusion in steps_of_student:
                    waiting.append(step)  # its target step may align in a later round
                continue
            premises = {to_ref.get(p) for p in step.premises} - {None}
            for other in concluding.get(target, ()):
                common = len(premises & set(other.premises))
                if common or step.id == other.id:
                    score = common / len(premises | set(other.premises))
                    score += (step.id == other.id) + 0.01 * (step.kind is other.kind)
                    candidates.append((score, order, step, other))
        for _, _, step, other in sorted(candidates, key=_by_score):
            if step.id not in steps and other.id not in taken:
                steps[step.id] = other.id
                taken.add(other.id)
        if len(waiting) == len(pending) or not waiting:
            break
        pending = [step for step in waiting if step.id not in steps]
    return steps


def _by_score(candidate: tuple[float, int, Inference, Inference]) -> tuple[float, int]:
    return -candidate[0], candidate[1]
