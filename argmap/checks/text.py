"""Rules about the map and its source text: quotes, citations, sources."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from argmap.checks.findings import Issue, Severity
from argmap.checks.index import MapIndex
from argmap.checks.rule import rule
from argmap.models import Claim, Evidence
from argmap.quotes import EDGE_PUNCTUATION, MissingPart, SourceText, fold_word, quote_parts


def _differences(quote: list[str], passage: list[str]) -> str:
    """Say where a quote differs from the passage, e.g. `eighteen` where the source has `seventeen`.

    Words the quote adds in one place and leaves out in another are words it moved:
    the stretch between is named as the same words in another order. Case and
    punctuation at the edges of words are pointed out only when nothing else differs.
    """
    parts = []
    said_words, there_words = [fold_word(w) for w in quote], [fold_word(w) for w in passage]
    matcher = difflib.SequenceMatcher(a=said_words, b=there_words, autojunk=False)
    changes = [change for change in matcher.get_opcodes() if change[0] != "equal"]
    moved: set[int] = set()  # changes already named with the one they undo
    for i, (op, q1, q2, p1, p2) in enumerate(changes):
        if i in moved:
            continue
        kind: str = op
        if op in ("delete", "insert"):
            ours = said_words[q1:q2] if op == "delete" else there_words[p1:p2]
            undo = "insert" if op == "delete" else "delete"
            for j in range(i + 1, len(changes)):
                other, oq1, oq2, op1, op2 = changes[j]
                theirs = said_words[oq1:oq2] if other == "delete" else there_words[op1:op2]
                if other == undo and j not in moved and theirs == ours:
                    moved.add(j)
                    kind, q2, p2 = "reorder", oq2, op2
                    break
        elif op == "replace" and sorted(said_words[q1:q2]) == sorted(there_words[p1:p2]):
            kind = "reorder"
        said, there = " ".join(quote[q1:q2]), " ".join(passage[p1:p2])
        if kind == "reorder":
            parts.append(
                f"the quote has `{said}` where the source has `{there}` "
                "(the same words in another order)"
            )
        elif kind == "replace":
            parts.append(f"the quote has `{said}` where the source has `{there}`")
        elif kind == "delete":
            parts.append(f"the quote adds `{said}`")
        elif kind == "insert":
            parts.append(f"the quote leaves out `{there}`")
    if not parts:  # the same words, but for case
        parts = [
            f"the quote has `{said}` where the source has `{there}`"
            for said, there in zip(quote, passage, strict=False)
            if said.strip(EDGE_PUNCTUATION) != there.strip(EDGE_PUNCTUATION)
        ]
    return "; ".join(parts[:3])


def _cut(words: str, most: int = 80) -> str:
    return words if len(words) <= most else words[: most - 3] + "..."


def _missing_part(prepared: SourceText, miss: MissingPart) -> tuple[str, str]:
    """What to say of a quote with ellipses whose part ``miss`` fails: the end of the
    message (the closest passage to the part, if any) and the hint."""
    part = f"the part `{_cut(miss.part)}`"
    after = f" after `{_cut(miss.after)}`" if miss.after else ""
    if miss.elsewhere is not None:
        return "", (
            f"{part} is in the source, line {miss.elsewhere.line}, but not{after}: "
            "put the parts in the order the source has them"
        )
    hint = f"{part} is not in the source{after}"
    closest = prepared.closest(miss.part)
    if closest is None:
        return "", hint
    span, words = closest
    differences = _differences(miss.part.split(), words)
    passage = _cut(" ".join(words), 120)
    said = f'; the closest passage to its {part[4:]}, line {span.line}, reads "{passage}"'
    return said, f"{hint}; {differences}" if differences else hint


@rule("AM301", "quote-not-found", Severity.ERROR)
def quote_not_found(index: MapIndex) -> Iterator[Issue]:
    """A `quote` does not stand in its source: a misquote.

    Quotes must be the source's exact words; only spacing and line breaks may differ.
    An ellipsis (`...` or `…`, bare or in brackets: `[...]`, `(…)`) stands for words left
    out: `"we should [...] cooperate"` stands where its parts stand in that order, however
    far apart in the source. An ellipsis at the start or end only says that the quote
    begins or ends mid-sentence. The message shows the closest passage of the source and
    its line, and what differs; for a quote with ellipses, the first part that fails,
    and whether it stands in the source but out of order.

    Fails: `quote: "fourteen thousand of the eighteen thousand soldiers"` when the text
        says "seventeen thousand"; `quote: "the Bolsheviks ... the soldiers"` when the
        text names the soldiers only before the Bolsheviks.
    Passes: copy the words exactly as the source has them, leaving words out with `...`.
    """
    texts = index.source_texts
    items: list[Claim | Evidence] = [*index.amap.claims, *index.amap.evidence]
    found: set[tuple[str, str]] = set()  # (source, quote): maps quote a passage many times
    for item in items:
        if item.quote is None or item.source is None or (item.source, item.quote) in found:
            continue
        prepared = texts.get(item.source)
        path = (*index.paths[item.id], "quote")
        if not isinstance(prepared, SourceText):
            yield Issue(
                (item.id,),
                f"the quote of `{item.id}` cannot be checked: its source `{item.source}` "
                f"{prepared or 'is not defined'}",
                "give the source a `text` or a `path` to its text",
                path=path,
            )
            continue
        if prepared.contains(item.quote):
            found.add((item.source, item.quote))
            continue
        if quote_parts(item.quote) == []:
            yield Issue(
                (item.id,),
                f"the quote of `{item.id}` has no words, only an ellipsis",
                "quote the words of the source that state it; `...` stands for words "
                "left out between them",
                path=path,
            )
            continue
        miss = prepared.missing_part(item.quote)
        if miss is not None:
            said, hint = _missing_part(prepared, miss)
            yield Issue(
                (item.id,),
                f"the quote of `{item.id}` is not in the source `{item.source}`{said}",
                hint,
                path=path,
            )
            continue
        closest = prepared.closest(item.quote)
        if closest is None:
            yield Issue(
                (item.id,),
                f"the quote of `{item.id}` is not in the source `{item.source}`, "
                "nor anything like it",
                "copy the words exactly as the source has them",
                path=path,
            )
            continue
        span, words = closest
        passage = _cut(" ".join(words), 120)
        differences = _differences(item.quote.split(), words)
        yield Issue(
            (item.id,),
            f"the quote of `{item.id}` is not in the source `{item.source}`; the closest "
            f'passage, line {span.line}, reads "{passage}"',
            differences or "copy the words exactly as the source has them",
            path=path,
        )


@rule("AM302", "uncited-evidence", Severity.WARNING)
def uncited_evidence(index: MapIndex) -> Iterator[Issue]:
    """Evidence with neither a `source` and `quote` nor `cites`: where does it come from?

    Fails: `{id: e, kind: statistic, text: The SRs got 18 %.}`
    Passes: add `source:` and `quote:` (where the text gives it) or `cites:` (the outlet
        the text names).
    """
    for item in index.amap.evidence:
        if not (item.source and item.quote) and not item.cites:
            yield Issue(
                (item.id,),
                f"evidence `{item.id}` cites nothing",
                "add `source:` and `quote:` where the text gives it, or `cites:` for the "
                "outlet it names",
            )


@rule("AM303", "unused-source", Severity.INFO)
def unused_source(index: MapIndex) -> Iterator[Issue]:
    """A source that no claim or evidence item quotes or names.

    Fails: `sources: [{id: pravda, ...}]` and nothing has `source: pravda`.
    Passes: quote it, or remove it.
    """
    used = {item.source for item in index.statements()}
    for source in index.amap.sources:
        if source.id not in used:
            yield Issue(
                (source.id,),
                f"nothing quotes the source `{source.id}`",
                "quote it with `source:` and `quote:`, or remove it",
            )


@rule("AM304", "implicit-with-quote", Severity.WARNING)
def implicit_with_quote(index: MapIndex) -> Iterator[Issue]:
    """A claim is marked `implicit` but quotes the text: an implicit premise is one the text
    does not state.

    Fails: `{id: a, text: ..., implicit: true, source: crisis, quote: "..."}`
    Passes: drop `implicit: true` if the text states it, or the quote if it does not.
    """
    for claim in index.amap.claims:
        if claim.implicit and claim.quote:
            yield Issue(
                (claim.id,),
                f"`{claim.id}` is marked `implicit` but quotes the text",
                "drop `implicit: true` if the text states it, or the quote if it does not",
            )


@rule("AM305", "unquoted-claim", Severity.INFO)
def unquoted_claim(index: MapIndex) -> Iterator[Issue]:
    """A claim is neither quoted from the text nor marked `implicit` or `assumed`.

    Anchor each claim in the words of the text, so that a reader can check the
    analysis against it; mark reconstructed premises `implicit: true`.

    Fails: `{id: a, text: The crisis has matured.}` in a map with a source text.
    Passes: `source: crisis, quote: "a nation-wide crisis has matured"`, or `implicit: true`.
    """
    if not index.amap.sources:
        return
    for claim in index.amap.claims:
        if not (claim.quote or claim.implicit or claim.assumed):
            yield Issue(
                (claim.id,),
                f"`{claim.id}` has no quote from the text",
                "add `source:` and `quote:` with the words that state it, or mark it "
                "`implicit: true` if the text does not state it",
            )
