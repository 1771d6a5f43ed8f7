"""Suggestions for misspelt names: the "did you mean ...?" of every error message."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """Return the candidate most like ``word``, or None when none is close.

    Examples:
        >>> closest("premise", ["premises", "conclusion", "kind"])
        'premises'
        >>> closest("zzz", ["premises"]) is None
        True
    """
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """Return a hint ``did you mean `x`?`` for a misspelt ``word``, or None.

    Examples:
        >>> did_you_mean("crisis_matureed", ["crisis_matured", "peasant_revolt"])
        'did you mean `crisis_matured`?'
    """
    match = closest(word, candidates)
    return None if match is None else f"did you mean `{match}`?"
