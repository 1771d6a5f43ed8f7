"""What reading and writing SADFace share: its names and words, the ids and the schemes."""

from __future__ import annotations

import hashlib
import re
import uuid
from typing import Any

from argmap.ids import is_id, make_id
from argmap.models import InferenceKind
from argmap.quotes import SourceText

FORMAT = "sadface"
VERSION = "0.2"
"""The SADFace version this module writes."""

ATTACK_WORDS = frozenset(
    "conflict conflicts attack attacks disagree disagreement defeat defeats rebut rebuts "
    "rebuttal rebutting undercut undercuts undercutter undercutting undermine undermines "
    "undermining".split()
)
"""A scheme whose name holds one of these words (any case) attacks its conclusion."""

REPHRASE_WORDS = frozenset(
    "rephrase rephrases rephrasing restate restates restatement restating paraphrase "
    "paraphrases paraphrasing".split()
)
"""A scheme whose name holds one of these words (any case), and none of
:data:`ATTACK_WORDS`, is a rephrase: its conclusion restates its one premise."""

RELATION_NAMES = frozenset(
    {
        "support",
        "inference",
        "default support",
        "default inference",
        "attack",
        "conflict",
        "default conflict",
        "disagree",
        "disagreement",
        "defeat",
        "rebut",
        "rebuttal",
        "undercut",
        "undermine",
        "rephrase",
        "default rephrase",
        "restatement",
        "paraphrase",
    }
)
"""Scheme names that only name the relation: they give no ``scheme`` in argmap."""

EMPTY_TEXT = "(no text)"
"""The text a claim gets from an atom whose text is blank (the original is kept)."""

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "argmap.formats.sadface")
_DEFAULT_METADATA: dict[str, Any] = {"core": {}}
_WORD = re.compile(r"\w+")
_ARGMAP_KEYS = {
    "claim": ("id", "assumed", "implicit", "locutions", "tags", "note", "ignore", "extra"),
    "evidence": ("id", "evidence", "cites", "tags", "note", "ignore", "extra"),
    "inference": ("id", "warrant", "tags", "note", "ignore", "extra"),
    "source": ("id", "author", "date", "note", "ignore", "path", "extra"),
}

Path_ = tuple[str | int, ...]


# Ids


def _make_id(raw: str, fallback: str) -> str:
    """Return ``raw`` if it is a valid id, else a valid id made from it, the same each time.

    Examples:
        >>> _make_id("ae3f0c7f-9f69", "node"), _make_id("my claim!", "node")
        ('ae3f0c7f-9f69', 'my_claim_')
    """
    if is_id(raw):
        return raw
    short = raw[:100]
    fixed = "".join(c if c.isalnum() or c in "_-" else "_" for c in short).lstrip("-")
    if fixed and not is_id(fixed):
        fixed = "".join(c if c.isascii() and (c.isalnum() or c in "_-") else "_" for c in short)
        fixed = fixed.lstrip("-")
    if len(raw) > 100 or not fixed.strip("_"):
        digest = hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        fixed = f"{fixed.strip('_') or fallback}-{digest}"
    return fixed


class _Ids:
    """Hands out unique valid ids, preferring the one asked for."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._next: dict[str, int] = {}

    def take(self, wanted: str) -> str:
        ident = make_id(wanted, self.used, counters=self._next)
        self.used.add(ident)
        return ident


def _namespace(core_id: str) -> uuid.UUID:
    try:
        return uuid.UUID(core_id)
    except ValueError:
        return uuid.uuid5(_NAMESPACE, core_id)


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid.UUID(text)) == text
    except ValueError:
        return False


def _default_sid(ns: uuid.UUID, kind: str, ident: str) -> str:
    """The SADFace id argmap writes for an item: its id if that is a UUID, else a stable UUID."""
    return ident if _is_uuid(ident) else str(uuid.uuid5(ns, f"{kind}:{ident}"))


def _edge_id(ns: uuid.UUID, source: str, target: str) -> str:
    return str(uuid.uuid5(ns, f"edge:{source}->{target}"))


def _default_core_id(title: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"map:{title}"))


# Schemes


def _is_attack(name: str | None, node_type: str) -> bool:
    if node_type == "conflict":
        return True
    return bool(name) and any(w.casefold() in ATTACK_WORDS for w in _WORD.findall(name or ""))


def _is_rephrase(name: str | None) -> bool:
    return bool(name) and any(w.casefold() in REPHRASE_WORDS for w in _WORD.findall(name or ""))


def _derived_kind(name: str | None, node_type: str, to_scheme: bool) -> InferenceKind | None:
    """The kind a scheme's name and target tell, or None for support or rephrase of a step
    (argmap has no such kind)."""
    if _is_attack(name, node_type):
        return InferenceKind.UNDERCUT if to_scheme else InferenceKind.ATTACK
    if to_scheme:
        return None
    return InferenceKind.REPHRASE if _is_rephrase(name) else InferenceKind.SUPPORT


def _derived_scheme(name: str | None) -> str | None:
    if name is None or name.strip().casefold() in RELATION_NAMES or not name.strip():
        return None
    return name


def _default_name(kind: InferenceKind) -> str:
    if kind is InferenceKind.SUPPORT or kind is InferenceKind.REPHRASE:
        return kind.value
    return "attack"


def _position(source_text: SourceText | None, quote: str | None) -> tuple[int | None, int | None]:
    """The offset and length argmap writes for ``quote`` in ``source_text``."""
    if source_text is None or quote is None:
        return None, None
    span = source_text.find(quote)
    return (None, None) if span is None else (span.start, span.end - span.start)
