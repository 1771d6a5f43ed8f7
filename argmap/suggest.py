"""Suggestions for misspelt names: the "did you mean ...?" of every error message."""

from __future__ import annotations

import difflib
import heapq
import os
import stat
import time
from collections.abc import Iterable
from pathlib import Path

SHORTLIST = 16
"""How many candidates ``closest`` weighs closely; from longer lists it first keeps the
ones that share the most pairs of letters with the word."""

MAX_NAMES = 1_000
"""The most file names a missing file's name is compared with. In a larger folder only
the names with its suffix are; if those are still too many, nothing is suggested."""

MAX_LISTED = 20_000
"""The most entries of a folder listed to suggest a file: a larger folder gets no hint."""

_TICK_NS = 2_000_000_000
"""How coarse a folder's modification time may be (2 s on FAT). A listing is reused
while the folder's time is unchanged, but one taken within a tick of that time only for
this long: a change in the same tick, which leaves the time as it was, shows after it."""


def closest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """Return the candidate most like ``word``, or None when none is close.

    Examples:
        >>> closest("premise", ["premises", "conclusion", "kind"])
        'premises'
        >>> closest("zzz", ["premises"]) is None
        True
    """
    pool = list(candidates)
    if len(pool) > SHORTLIST:  # difflib's ratio is slow: weigh only the likeliest closely
        grams = _pairs(word)
        pool = heapq.nlargest(SHORTLIST, pool, key=lambda name: len(grams & _pairs(name)))
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return matches[0] if matches else None


def _pairs(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i : i + 2] for i in range(len(padded) - 1)}


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """Return a hint ``did you mean `x`?`` for a misspelt ``word``, or None.

    Examples:
        >>> did_you_mean("crisis_matureed", ["crisis_matured", "peasant_revolt"])
        'did you mean `crisis_matured`?'
    """
    match = closest(word, candidates)
    return None if match is None else f"did you mean `{match}`?"


def closest_file(path: Path) -> Path | None:
    """Return the file beside the missing ``path`` whose name is most like its own, or None.

    The folder is listed once while it stays unchanged, however many of its files are
    missing; see :data:`MAX_NAMES` for how many names are compared.
    """
    by_suffix = _files_by_suffix(path.parent)
    if by_suffix is None:
        return None
    names: list[str] = []
    if sum(len(group) for group in by_suffix.values()) <= MAX_NAMES:
        for group in by_suffix.values():
            names += group
    else:
        names = by_suffix.get(os.path.splitext(path.name)[1].lower(), [])
        if len(names) > MAX_NAMES:
            return None
    match = closest(path.name, names)
    return None if match is None else path.parent / match


# folder -> (its mtime, its inode, when it was listed, its file names by lowercase suffix)
_listings: dict[str, tuple[int, int, int, dict[str, list[str]] | None]] = {}
_KEPT_LISTINGS = 8


def _files_by_suffix(folder: Path) -> dict[str, list[str]] | None:
    """The names of the files in ``folder`` by suffix, or None when it cannot be listed
    or holds more than :data:`MAX_LISTED` entries."""
    key = os.path.abspath(folder)
    try:
        info = os.stat(key)
    except (OSError, ValueError):
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    cached = _listings.get(key)
    now = time.time_ns()
    if cached is not None and cached[:2] == (info.st_mtime_ns, info.st_ino):
        mtime, _, listed_at, by_suffix = cached
        if listed_at - mtime >= _TICK_NS or now - listed_at < _TICK_NS:
            return by_suffix
    listed_at = now
    groups: dict[str, list[str]] = {}
    too_many = False
    try:
        with os.scandir(key) as entries:
            for count, entry in enumerate(entries):
                if count >= MAX_LISTED:
                    too_many = True
                    break
                try:
                    if entry.is_file():
                        suffix = os.path.splitext(entry.name)[1].lower()
                        groups.setdefault(suffix, []).append(entry.name)
                except OSError:
                    continue
    except OSError:
        return None
    for group in groups.values():
        group.sort()  # the same hint whatever order the folder lists its files in
    by_suffix = None if too_many else groups
    _listings.pop(key, None)
    _listings[key] = (info.st_mtime_ns, info.st_ino, listed_at, by_suffix)
    while len(_listings) > _KEPT_LISTINGS:
        del _listings[next(iter(_listings))]
    return by_suffix
