"""Rules about the shape of the map: what leads nowhere, no declared thesis, repeated claims."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from argmap.checks.findings import Issue, Severity
from argmap.checks.index import MapIndex
from argmap.checks.rule import rule


def _reach(index: MapIndex, start: str, keep: Callable[[str], bool] | None = None) -> set[str]:
    """Everything from which a chain of inferences leads to ``start`` (``start`` included).

    ``keep`` limits the search to the items it accepts.
    """
    seen = {start}
    queue = [start]
    into = index.leads_into
    while queue:
        for before in into.get(queue.pop(), ()):
            if before not in seen and (keep is None or keep(before)):
                seen.add(before)
                queue.append(before)
    return seen


@rule(
    "AM203",
    "orphan-node",
    Severity.WARNING,
    folded_as=("copy does not lead to the thesis", "copies do not lead to the thesis"),
    folded_self=", and it does not lead to the thesis",
)
def orphan_node(index: MapIndex) -> Iterator[Issue]:
    """A claim or evidence item from which no chain of inferences leads to the thesis.

    Only checked when the map declares its `thesis`. Each disconnected part is reported
    once, at its top (the item that is no inference's premise), with what hangs below it.

    Fails: evidence that supports nothing, or a claim whose inferences lead elsewhere.
    Passes: connect it through an inference to a claim on the way to the thesis, or
        remove it if the text does not use it.
    """
    thesis = index.amap.thesis
    if thesis is None:
        return
    reached = _reach(index, thesis)
    orphans = [s.id for s in index.statements() if s.id not in reached]
    if not orphans:
        return
    left = set(orphans)
    position = {ident: n for n, ident in enumerate(orphans)}

    def unclaimed(ident: str) -> bool:
        # orphans not yet reported, and the inferences between them
        return ident not in reached and (ident in left or ident not in position)

    for top in [ident for ident in orphans if not index.uses.get(ident)]:
        below = _reach(index, top, unclaimed) & left
        left -= below
        others = sorted(below - {top}, key=position.__getitem__)
        extra = ""
        if others:
            extra = (
                " (nor does the item below it)"
                if len(others) == 1
                else (f" (nor do the {len(others)} items below it)")
            )
        yield Issue(
            (top, *others),
            f"`{top}` does not lead to the thesis `{thesis}`{extra}",
            "connect it with an inference to the argument for the thesis, or remove it",
            # a copy of a claim that does lead there, if reported (and nothing hangs below)
            cause=("duplicate-claim", top) if not others else None,
        )
    for ident in orphans:  # parts with no top: they only go round in circles
        if ident in left:
            part = _reach(index, ident, unclaimed) & left
            left -= part
            others = sorted(part - {ident}, key=position.__getitem__)
            yield Issue(
                (ident, *others),
                f"`{ident}` does not lead to the thesis `{thesis}`, and neither does the "
                f"circle it stands in ({', '.join(f'`{o}`' for o in others)})",
                "connect it with an inference to the argument for the thesis, or remove it",
            )


@rule("AM204", "missing-thesis", Severity.WARNING)
def missing_thesis(index: MapIndex) -> Iterator[Issue]:
    """The map declares no `thesis` but has more than one top-level conclusion.

    A top-level conclusion is a claim that an inference supports and that is no
    premise. With several of them, which is the main one?

    Fails: no `thesis:`, and both `insurrection_now` and `crisis_matured` are concluded
        but used by nothing.
    Passes: `thesis: insurrection_now`.
    """
    if index.amap.thesis is not None:
        return
    relied, key = index.relied_on, index.class_key
    tops: list[str] = []
    seen: set[str] = set()  # restatement classes: one top each
    for claim in index.amap.claims:
        if index.supports.get(claim.id) and claim.id not in relied:
            if key(claim.id) in seen:
                continue
            seen.add(key(claim.id))
            tops.append(claim.id)
    classes = index.restatement_classes
    if classes:  # a class with a member that is a premise is no top
        tops = [t for t in tops if not any(m in relied for m in classes.get(t, ()))]
    if len(tops) > 1:
        listed = ", ".join(f"`{t}`" for t in tops[:5]) + (", ..." if len(tops) > 5 else "")
        yield Issue(
            tuple(tops),
            f"no thesis is declared and {len(tops)} claims are top-level conclusions: {listed}",
            f"declare the main conclusion, e.g. `thesis: {tops[0]}`",
            path=(),
        )


# Runs of what is not a letter or digit, except a point, comma, slash or colon between two
# digits ("1/2" and "1.2" are different claims).
_NOT_WORD = re.compile(r"(?:(?<!\d)[.,/:]|[.,/:](?!\d)|[^\w.,/:]|_)+")


_NOT_LETTER = re.compile(r"[\W_]+")


def fold_text(text: str) -> str:
    """Fold case, spaces and punctuation away, to compare the texts of claims.

    Examples:
        >>> fold_text("A nation-wide crisis has matured!")
        'a nation wide crisis has matured'
    """
    return " ".join(_NOT_WORD.sub(" ", text.casefold()).split())


@rule("AM205", "duplicate-claim", Severity.WARNING)
def duplicate_claim(index: MapIndex) -> Iterator[Issue]:
    """Two claims say the same thing (the same text, but for case, spaces and punctuation).

    Fails: `The crisis has matured.` and `the crisis has matured`.
    Passes: keep one claim and point every inference at it, or link the two with a
        `kind: rephrase` inference when the text restates itself on purpose.

    A copy that leads nowhere is not also reported as an `orphan-node`: this finding
    names it.
    """
    # Folding is costly; two texts that fold alike have the same letters and digits in the
    # same order, so only claims that share those are folded and compared.
    claims = index.amap.claims
    letters = [_NOT_LETTER.sub("", claim.text.casefold()) for claim in claims]
    shared = Counter(letters)
    first: dict[str, str] = {}
    for claim, same in zip(claims, letters, strict=True):
        if shared[same] < 2:
            continue
        key = fold_text(claim.text)
        if not key:  # nothing but punctuation: nothing to compare
            continue
        if key in first:
            restated = index.restatement_classes.get(claim.id)
            if restated is not None and restated is index.restatement_classes.get(first[key]):
                continue  # the map says that one restates the other
            yield Issue(
                (claim.id, first[key]),
                f"`{claim.id}` says the same as `{first[key]}`",
                f"keep one of them, and use `{first[key]}` wherever `{claim.id}` is used; if "
                f"the text says it twice on purpose, link them with `kind: rephrase`",
            )
        else:
            first[key] = claim.id
