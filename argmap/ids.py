"""Ids: what a valid id holds, how long it may be, and how a reader makes one from a foreign name.

Every reader of another tool's format makes ids from what that format gives (node ids,
titles, texts) with :func:`make_id`, so that each is valid, unique and no longer than
:data:`MAX_ID_LENGTH`; each reader only chooses the style of its suffixes and fallbacks.

Examples:
    >>> make_id("my claim!", {"my_claim_"})
    'my_claim_-2'
    >>> make_id("my claim!", set(), tidy=True), make_id("!!", set(), tidy=True, fallback="x")
    ('my_claim', 'x')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container
from typing import Annotated, Final

from pydantic import StringConstraints, TypeAdapter, ValidationError

ID_PATTERN: Final = r"^\w[\w-]*$"
"""What an id holds: letters (of any script), digits, ``_`` and ``-``; no leading ``-``."""

MAX_ID_LENGTH: Final = 128
"""The longest id a map holds."""

MAX_BASE_LENGTH: Final = MAX_ID_LENGTH - 8
"""The longest id made from a foreign name: the rest is room for a suffix (``-2``, ``-con``)."""

_ID = re.compile(r"\w[\w-]*")
_NOT_ID_CHAR = re.compile(r"[^\w-]")
_NOT_ID_RUN = re.compile(r"[^\w-]+")


def is_id(text: str) -> bool:
    """Tell whether ``text`` is a valid id: the pattern, and at most :data:`MAX_ID_LENGTH` long.

    Exactly as the models tell: beyond ASCII, pydantic's ``\\w`` is not Python's (it takes
    combining marks, Python takes ``²``), so there pydantic is asked.

    Examples:
        >>> is_id("crisis_matured"), is_id("-x"), is_id("a b"), is_id("x" * 129)
        (True, False, False, False)
        >>> is_id("cafe\u0301"), is_id("x²")
        (True, False)
    """
    if len(text) > MAX_ID_LENGTH:
        return False
    if text.isascii():
        return _ID.fullmatch(text) is not None
    try:
        _unicode_ids().validate_python(text)
    except ValidationError:
        return False
    return True


@functools.cache
def _unicode_ids() -> TypeAdapter[str]:
    return TypeAdapter(Annotated[str, StringConstraints(pattern=ID_PATTERN)])


def make_id(
    text: str,
    *taken: Container[str],
    fallback: str = "id",
    joiner: str = "-",
    lead: str = "",
    tidy: bool = False,
    counters: dict[str, int] | None = None,
) -> str:
    """Return a valid id made from ``text`` that none of ``taken`` holds.

    A valid id is kept as it is. Otherwise each character an id cannot hold becomes
    ``_`` (with ``tidy``, each run of them, and none are left at the ends); a leading
    ``-`` goes, or is kept behind ``lead``; the result is cut to :data:`MAX_BASE_LENGTH`,
    and is ``fallback`` if nothing is left. An id already taken gets ``joiner`` and the
    first free number from 2 on (cut to leave room for it). ``counters`` remembers the
    last number of each id, so that many items of one name cost no more than a few.
    The caller adds the id to what is taken.

    Examples:
        >>> make_id("-a b", set(), joiner="_", lead="n"), make_id("a", {"a", "a_2"}, joiner="_")
        ('n-a_b', 'a_3')
    """
    if is_id(text):
        base = text
    else:
        base = _NOT_ID_RUN.sub("_", text).strip("_") if tidy else _NOT_ID_CHAR.sub("_", text)
        if base.startswith("-"):
            base = lead + base if lead else base.lstrip("-")
        base = base[:MAX_BASE_LENGTH] or fallback
    if not any(base in t for t in taken):
        return base
    stem = base[:MAX_BASE_LENGTH]
    n = counters.get(base, 2) if counters is not None else 2
    while any(f"{stem}{joiner}{n}" in t for t in taken):
        n += 1
    if counters is not None:
        counters[base] = n + 1
    return f"{stem}{joiner}{n}"
