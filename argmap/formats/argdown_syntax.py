"""A reader of Argdown text into Argdown's own model: statements, arguments, relations.

The scanner is hand-written and linear: one pass strips comments and finds data
elements, one pass splits the lines into blocks and elements. Its model follows what the
official Argdown tool (``@argdown/core`` 1.7) exports as JSON: equivalence classes by
title ("Untitled N" for statements without one), arguments with their premise-conclusion
structures, and relations after Argdown's own transformations (a relation of a
reconstructed argument is one of its main conclusion; an undercut of a reconstructed
argument hits its last inference; strict mode turns relations between statements into
entailment and contrariness).

One thing argmap reads differently: a statement whose data is argmap's mark of a
restatement (``{argmap: {restates: ...}}``, written for an inference of kind rephrase) is a
member of its equivalence class like any other, but its tags and data are its own, not
merged into the class's, and it does not give the class its place or section.

Examples:
    >>> doc = parse("[a]: A.\\n  + [b]: B.\\n")
    >>> [(r.from_, r.to, r.type) for r in doc.relations]
    [('b', 'a', 'support')]
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from argmap.errors import InvalidMapError, Location, Problem
from argmap.formats.positions import Positions
from argmap.formats.yaml_loader import parse_yaml

Kind = Literal["statement", "argument", "inference"]
Action = Literal["changed", "dropped"]
RelationType = Literal["support", "attack", "undercut", "contradictory", "contrary", "entails"]

# ruff: noqa: RUF001 - the shortcodes map to look-alike characters on purpose
SHORTCODES: dict[str, str] = {
    "A": "∀",
    "E": "∃",
    "O": "𝗢",
    "P": "𝗣",
    "->": "→",
    "<->": "↔",
    "~": "¬",
    "^": "∧",
    "v": "∨",
    "v_": "⊻",
    "<>": "◇",
    "[]": "◻",
    "happy": "😀",
    "smiley": "☺",
    "laugh": "😆",
    "lol": "😆",
    "rofl": "🤣",
    "joy": "😂",
    "heart": "❤",
    "?": "❓",
    "question": "❓",
    "love": "😍",
    "wink": "😉",
    "shush": "🤫",
    "meh": "😐",
    "eye-roll": "🙄",
    "sad": "😢",
    "disappointed": "😞",
    "scream": "😱",
    "+1": "👍",
    "up": "👍",
    "-1": "👎",
    "down": "👎",
    "think": "🤔",
    "star": "⭐",
    "y": "✔",
    "agree": "✔",
    "n": "❌",
    "disagree": "❌",
}
"""Argdown's default shortcodes, written ``.name.`` or ``:name:`` (``:smile:`` differs a bit)."""

MAX_NESTING = 200
"""How deep relations may nest below one element."""

RESTATES = "restates"
"""The key of argmap's data that marks a statement restating another: ``{argmap: {restates:
<id>, id: <its own id>, ...}}``, a member of the equivalence class of what it restates."""


def restating(data: dict[str, Any]) -> bool:
    """Whether a statement's data marks it as argmap's restatement of another.

    Examples:
        >>> restating({"argmap": {"restates": "t", "id": "t-2"}}), restating({"argmap": {}})
        (True, False)
    """
    mark = data.get("argmap") if data else None
    return isinstance(mark, dict) and RESTATES in mark


@dataclass(slots=True)
class Definition:
    """One statement of an equivalence class as written, ``[title]: text #tag {data}``."""

    text: str
    tags: list[str]
    data: dict[str, Any]
    line: int
    column: int
    section: str | None
    restating: bool = False
    """Whether argmap's data marks it as a restatement (see :data:`RESTATES`)."""


@dataclass
class Statement:
    """An equivalence class: the statements that share a title."""

    title: str
    members: list[str] = field(default_factory=list)
    """The texts of the statements defined with this title, in order."""
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None
    line: int = 0
    column: int = 0
    untitled: bool = False
    """Whether Argdown gave it its title ("Untitled N")."""
    definitions: list[Definition] = field(default_factory=list)
    """The statements defined with this title, in order: the texts of ``members``, each
    with its own tags, data and place."""
    mentioned: tuple[int, int] | None = None
    """The line and column of its first mention (definition or reference) that is not a
    restatement marked by argmap."""


@dataclass
class Inference:
    """The inference line(s) before a conclusion: rules and data."""

    rules: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    line: int = 0


@dataclass
class PcsStep:
    """A numbered statement of a premise-conclusion structure."""

    number: int
    title: str
    """The title of its equivalence class."""
    role: Literal["premise", "intermediary-conclusion", "main-conclusion"] = "premise"
    inference: Inference | None = None
    """For a conclusion, the inference that leads to it."""
    line: int = 0


@dataclass
class Argument:
    """An argument: descriptions, and maybe a premise-conclusion structure."""

    title: str
    descriptions: list[str] = field(default_factory=list)
    pcs: list[PcsStep] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None
    line: int = 0
    column: int = 0


@dataclass
class Relation:
    """A relation between statements (by title), arguments (by title) or an inference."""

    from_: str
    to: str
    type: RelationType
    from_kind: Kind = "statement"
    to_kind: Kind = "statement"
    conclusion_index: int | None = None
    """For a relation to an inference: the 0-based pcs index of its conclusion."""
    line: int = 0
    column: int = 0

    def key(self) -> tuple[str, str, str, str, str, int | None]:
        """Return what makes two relations the same relation."""
        return (self.from_kind, self.from_, self.type, self.to_kind, self.to, self.conclusion_index)


@dataclass
class Section:
    """A heading and the part of the document below it."""

    id: str
    title: str
    level: int
    parent: str | None = None
    tags: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    line: int = 0


@dataclass
class ArgdownDocument:
    """What an Argdown text says, in Argdown's own terms."""

    statements: dict[str, Statement] = field(default_factory=dict)
    arguments: dict[str, Argument] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    frontmatter: dict[str, Any] | None = None
    frontmatter_positions: Positions | None = None
    """Where the frontmatter's keys and values are, its lines counted from ``frontmatter_line``."""
    frontmatter_line: int = 0
    """The line of the opening ``===``, where the frontmatter's YAML text starts."""
    strict: bool = False
    notes: list[tuple[Action, str, str, int]] = field(default_factory=list)
    """Things the parse accepted but changed or left out: (action, what, detail, line)."""

    def frontmatter_location(self, path: tuple[str | int, ...]) -> tuple[int, int]:
        """Return the (line, column) of a path in the frontmatter, or of the frontmatter."""
        at = self.frontmatter_positions.locate(path) if self.frontmatter_positions else None
        if at is None:
            return self.frontmatter_line or 1, 1
        return self.frontmatter_line + at[0] - 1, at[1]


# Scanning: comments out, data and links kept whole, one logical line per line of text.


_Line = tuple[int, str, int]
"""A logical line: the 1-based line of the text where it starts, its text, its indentation.

A tuple rather than a class: a large text has a million of them.
"""


class _Next:
    """The next index of a substring at or after a position, for positions that only grow."""

    def __init__(self, text: str, sub: str) -> None:
        self.text, self.sub, self.found = text, sub, -2

    def at(self, pos: int) -> int:
        if self.found != -1 and self.found < pos:
            self.found = self.text.find(self.sub, pos)
        return self.found


def _brace_matches(text: str) -> dict[int, int]:
    """Pair each ``{`` with its ``}``, within blocks (an empty line ends every open brace)."""
    # Only the blocks that hold a brace are scanned, each from its first brace: a regex
    # scan of every character of the text cost more than the rest of the reading.
    matches: dict[int, int] = {}
    n = len(text)
    start = text.find("{")
    while start != -1:
        blank = _BLANK_LINE.search(text, start)
        end = blank.start() if blank is not None else n
        before = start
        while before > 0 and text[before - 1] == "\\":
            before -= 1
        if (start - before) % 2:  # an escaped brace: the scan starts after it
            start += 1
        stack: list[int] = []
        for m in _BRACE_TOKEN.finditer(text, start, end):
            at = m.start()
            c = text[at]
            if c == "{":
                stack.append(at)
            elif c == "}" and stack:
                matches[stack.pop()] = at
        start = text.find("{", end)
    return matches


_INTERESTING = re.compile(r"[\\{/<\[\n]")
_SLOW = re.compile(r"[\\{/<\[]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_BRACE_TOKEN = re.compile(r"\\.|[{}]")
_AS_WRITTEN = re.compile(
    r"(?:[^\\{/<\[\n]++|\\[^\n]?|/(?![/*])|<(?!!--)|\[(?=[^\[\]\n]*+\](?!\()))*+"
)
"""Text that the scanner keeps as written: no comment, data element or link starts in it.

A ``[`` is plain when the first ``]`` after it, before another ``[``, is not followed by
``(``; it is left to the scanner otherwise (the look-ahead stops at the next ``[``, so
that a line of many ``[`` is not read again for each).
"""
_UNUSUAL = re.compile(r"[\\{]|/[/*]|<!--|\]\(")
"""What may make a line other than as written: escapes, data, comments, links."""


class _Blocks:
    """The blocks of logical lines made so far, and the block being made."""

    __slots__ = ("block", "blocks")

    def __init__(self) -> None:
        self.blocks: list[list[_Line]] = []
        self.block: list[_Line] = []

    def add(self, number: int, content: str) -> None:
        """Add a line to the block, or end the block at an empty line."""
        if content.strip():
            self.block.append((number, content, len(content) - len(content.lstrip(" \t"))))
        elif self.block:
            self.blocks.append(self.block)
            self.block = []

    def add_lines(self, lines: list[str], line: int) -> int:
        """Add lines as they are, the first numbered ``line``; return the next line's number."""
        block, blocks = self.block, self.blocks
        for content in lines:  # self.add(line, content), inlined
            if content.strip():
                indent = len(content) - len(content.lstrip(" \t"))
                block.append((line, content, indent))
            elif block:
                blocks.append(block)
                block = []
            line += 1
        self.block = block
        return line

    def end_line(self, number: int, pieces: list[str], had_comment: bool) -> None:
        """Add the line made of ``pieces``, unless it held only a comment."""
        joined = "".join(pieces)
        if not (had_comment and not joined.strip()):
            self.add(number, joined)

    def done(self) -> list[list[_Line]]:
        """Return the blocks, the last one included."""
        if self.block:
            self.blocks.append(self.block)
            self.block = []
        return self.blocks


def _usual_until(text: str, pos: int) -> int:
    """The start of the line, at or after ``pos``, of the first thing `_UNUSUAL` finds."""
    found = _UNUSUAL.search(text, pos)
    # up to the start of the line of the first unusual thing
    until = len(text) if found is None else text.rfind("\n", pos, found.start()) + 1
    return pos if until < pos else until  # (on this very line)


def _link_end(text: str, i: int, eol: int, next_close: _Next, next_paren: _Next) -> int:
    """Return the end of the link ``[text](target)`` at ``i``, or -1 if none starts there."""
    bracket = next_close.at(i + 1)
    if bracket != -1 and bracket < eol and text.startswith("(", bracket + 1):
        paren = next_paren.at(bracket + 2)
        if paren != -1 and paren < eol and paren > bracket + 2:
            return paren + 1
    return -1


def _written_end(
    text: str, pos: int, eol: int, braces: dict[int, int], close: _Next, paren: _Next
) -> int:
    """How far from ``pos`` the line ending at ``eol`` is kept as written.

    Data elements and links closed on the line are kept as written; ``eol`` if all of it is.
    """
    as_written = _AS_WRITTEN.match
    p = pos
    while True:
        written = as_written(text, p, eol)
        assert written is not None  # the pattern matches the empty string
        p = written.end()
        if p == eol:
            return p
        c = text[p]
        if c == "{":
            end = braces.get(p, -1)
            if end == -1:
                p += 1
                continue
            if end < eol:
                p = end + 1
                continue
        elif c == "[":
            end = _link_end(text, p, eol, close, paren)
            p = p + 1 if end == -1 else end
            continue
        return p


def _special(
    text: str,
    i: int,
    braces: dict[int, int],
    next_newline: _Next,
    next_close: _Next,
    next_paren: _Next,
) -> tuple[str | None, int, int, bool]:
    """Read what `_INTERESTING` found at ``i`` (not a newline).

    Returns the piece of the line it makes (None for a comment), the position after it,
    the newlines it spans and whether it is a comment.
    """
    c = text[i : i + 1]
    if c == "\\":
        after = text[i + 1 : i + 2]
        if after == "\n":  # a backslash at the end of a line stays
            return "\\", i + 1, 0, False
        return text[i : i + 2], (i + 2 if after else i + 1), 0, False
    if c == "{" and i in braces:
        end = braces[i] + 1
        region = text[i:end]
        return region, end, region.count("\n"), False
    if c == "/" and text.startswith("//", i):
        eol = next_newline.at(i)
        return None, len(text) if eol == -1 else eol, 0, True
    if (c == "/" and text.startswith("/*", i)) or (c == "<" and text.startswith("<!--", i)):
        close = "*/" if c == "/" else "-->"
        end = text.find(close, i + 2)
        if end == -1:
            return c, i + 1, 0, False
        return None, end + len(close), text.count("\n", i, end), True
    if c == "[":
        eol = next_newline.at(i)
        end = _link_end(text, i, len(text) if eol == -1 else eol, next_close, next_paren)
        return (c, i + 1, 0, False) if end == -1 else (text[i:end], end, 0, False)
    return c, i + 1, 0, False


def _logical_blocks(text: str, first_line: int) -> list[list[_Line]]:
    """Split ``text`` into blocks of lines without comments, at empty lines.

    A data element or comment may join lines. Blocks are never empty.
    """
    braces = _brace_matches(text)
    next_close = _Next(text, "]")
    next_paren = _Next(text, ")")
    next_newline = _Next(text, "\n")
    out = _Blocks()
    pieces: list[str] = []
    start_line = line = first_line
    had_comment = False
    pos = 0
    n = len(text)
    # The look-ups of the fast paths below have their own _Next: after they give up on a
    # line, the loop reads the line again from its start.
    fast_close = _Next(text, "]")
    fast_paren = _Next(text, ")")
    find = text.find
    newline = -1  # the first newline at or after the position of the line fast path
    usual_until = -1  # the lines before this position hold nothing unusual

    while pos < n:
        if not pieces and not had_comment and start_line == line:
            # Lines with nothing unusual in them are kept as they are, many at a time.
            if usual_until < pos:
                usual_until = _usual_until(text, pos)
            if usual_until > pos:
                end = usual_until - 1 if usual_until < n or text.endswith("\n") else n
                line = start_line = out.add_lines(text[pos:end].split("\n"), line)
                pos = end + 1
                continue
        if not pieces:
            # Most other lines hold no comment and no data element over several lines:
            # they are kept as written, found with a regex and the steps of _written_end.
            if newline < pos:
                newline = find("\n", pos)
                newline = n if newline == -1 else newline
            eol = newline
            if _written_end(text, pos, eol, braces, fast_close, fast_paren) == eol:
                plain = text[pos:eol]
                if plain.strip():
                    # after a comment over several lines, a line with more than plain
                    # text is numbered from the comment (as the loop below does)
                    number = (
                        line
                        if start_line == line or _SLOW.search(text, pos, eol) is None
                        else start_line
                    )
                    out.add(number, plain)
                elif not had_comment:
                    out.add(line, "")
                had_comment = False
                line += 1
                start_line = line
                pos = eol + 1
                continue
        m = _INTERESTING.search(text, pos)
        if m is None:
            pieces.append(text[pos:])
            break
        i = m.start()
        if i > pos:
            pieces.append(text[pos:i])
        if text[i] == "\n":
            out.end_line(start_line, pieces, had_comment)
            pieces = []
            had_comment = False
            line += 1
            start_line = line
            pos = i + 1
            continue
        piece, pos, spanned, comment = _special(
            text, i, braces, next_newline, next_close, next_paren
        )
        if piece is not None:
            pieces.append(piece)
        line += spanned
        had_comment = had_comment or comment
    out.end_line(start_line, pieces, had_comment)
    return out.done()


# Text of statements: emphasis, links, tags, mentions, escapes, shortcodes.

_TAG_CHAR = re.compile(r"[a-zA-z0-9\-\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF]+")
_SHORTCODE = re.compile(r"[.:][^\s.:]{1,12}[.:]")
_LINK = re.compile(r"\[([^\]\n]+?)\]\(([^)\n]+?)\)")
_TEXT_SPECIAL = re.compile(r"[\\#*_\[.:]")
_PUNCT_AFTER = set(" \t\n\r)}_.,!?;:-*")


def _link_at(
    text: str, i: int, closing: _Next, parens: _Next, line_ends: _Next
) -> tuple[int, int] | None:
    """Where the link ``[text](target)`` starting at ``i`` has its ``]``, and where it ends.

    What ``_LINK.match(text, i)`` finds, from the next ``]``, ``)`` and line break (each
    sought once for the whole text, as positions only grow): the regex alone read on to
    the end of the line at every ``[``, quadratic in a line of many of them.
    """
    line_end = line_ends.at(i)
    line_end = len(text) if line_end < 0 else line_end
    close = closing.at(i + 1)
    if not i + 1 < close < line_end or not text.startswith("(", close + 1):
        return None
    end = parens.at(close + 2)
    return (close, end + 1) if close + 2 < end < line_end else None


def inline_text(content: str) -> tuple[str, list[str]]:
    """Return the plain text of Argdown statement content and its tags.

    Emphasis markers, link targets and escapes go; tags are taken out of the text;
    shortcodes become their characters; white space is collapsed.

    Examples:
        >>> inline_text("A **bold** claim .^. [more](https://x.org) #tag #(long tag)")
        ('A bold claim ∧ more', ['tag', 'long tag'])
    """
    out: list[str] = []
    tags: list[str] = []
    stack: list[tuple[str, int]] = []
    pos, n = 0, len(content)
    closing, parens, line_ends = _Next(content, "]"), _Next(content, ")"), _Next(content, "\n")
    while pos < n:
        m = _TEXT_SPECIAL.search(content, pos)
        if m is None:
            out.append(content[pos:])
            break
        i = m.start()
        if i > pos:
            out.append(content[pos:i])
        c = content[i]
        pos = i + 1
        if c == "\\":
            if i + 1 < n:
                out.append(content[i + 1])
                pos = i + 2
        elif c == "#":
            if content.startswith("#(", i) and (close := content.find(")", i + 2)) > i + 2:
                tag = content[i + 2 : close]
                pos = close + 1
            elif t := _TAG_CHAR.match(content, i + 1):
                tag = t.group()
                pos = t.end()
            else:
                out.append(c)
                continue
            if tag not in tags:
                tags.append(tag)
        elif c == "[":
            link = _link_at(content, i, closing, parens, line_ends)
            if link is not None:
                out.append(content[i + 1 : link[0]])
                pos = link[1]
            else:
                out.append(c)
        elif c in ".:":
            code = _SHORTCODE.match(content, i)
            if code and code.group()[-1] == c and code.group()[1:-1] in SHORTCODES:
                out.append(SHORTCODES[code.group()[1:-1]])
                pos = code.end()
            else:
                out.append(c)
        else:  # * or _
            marker = content[i : i + 2] if content.startswith(c * 2, i) else c
            after = content[i + len(marker) : i + len(marker) + 1]
            before = content[i - 1] if i > 0 else " "
            pos = i + len(marker)
            if (
                stack
                and stack[-1][0] == marker
                and not before.isspace()
                and (after == "" or after in _PUNCT_AFTER)
            ):
                _, at = stack.pop()
                out[at] = ""
                continue
            if after and not after.isspace():
                stack.append((marker, len(out)))
            out.append(marker)
    return " ".join("".join(out).split()), tags


# Parsing blocks.

_RELATION = re.compile(r"(\+>|->|<\+|\+|<-|-|><|_>|<_|_(?=\s))")
_NUMBER = re.compile(r"\((\d+)\)")
_LIST_ITEM = re.compile(r"(?:\d+\.|\*)(?=\s)")
_HEADING = re.compile(r"(#+) ")
_DATA_BLOCK = re.compile(r"\{\s*\n")
_PCS_REFERENCE = re.compile(r"\((\d+)\)([ \t]*)\[(?!-)([^\[\]\n]+)\][ \t]*\Z")
"""A numbered statement that only refers to one: ``(1) [title]``."""
_PLAIN_INFERENCE = re.compile(r"-{4,}[ \t]*\Z")
"""An inference line without rules or data: ``----``."""
_BRACE = re.compile(r"[{}]")


@dataclass(slots=True)
class _Unit:
    kind: Literal["text", "relation", "number", "inference", "list", "heading"]
    line: int
    column: int
    indent: int
    head: str
    """The relation symbol, the number, the heading's hashes."""
    lines: list[str]


_UNIT_HEAD = re.compile(f"(--)|({_RELATION.pattern})|{_NUMBER.pattern}|({_LIST_ITEM.pattern})")
"""How a unit begins, in the order tried: inference line, relation, number, list item."""
_UNIT_KINDS: dict[int, Literal["inference", "relation", "number", "list"]] = {
    1: "inference",
    2: "relation",
    4: "number",
    5: "list",
}
"""The unit a group of ``_UNIT_HEAD`` begins (group 3 is inside the relation's)."""


Member = tuple[Kind, str, int | None]
"""A relation member: its kind, title and, for an inference, its conclusion's index."""


_ARGMAP_DATA = "{argmap: "
"""How the data that argmap's writer adds begins: `{argmap: {...JSON...}}`."""


_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters YAML does not allow in a document."""
_FAST_NESTING = 32
"""Data with more brackets than this goes through YAML, which limits nesting."""


def _not_json(constant: str) -> Any:
    raise ValueError(constant)  # NaN, Infinity: JSON has none; YAML reads them as text


def _no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise ValueError("a key is given twice")  # YAML says where
    return result


_JSON = json.JSONDecoder(object_pairs_hook=_no_repeats, parse_constant=_not_json)
"""Made once: ``json.loads`` with these options makes a decoder on every call."""


def _json_data(text: str) -> dict[str, Any] | None:
    """``text`` as a JSON object, or None if it is not one (then YAML reads it)."""
    if (
        not text.startswith("{")
        or "\\u" in text  # escapes may make what YAML refuses (lone surrogates)
        or _NOT_YAML.search(text)
        or text.count("{") + text.count("[") > _FAST_NESTING
    ):
        return None  # YAML says what is wrong, and applies its depth limit
    try:
        value = _JSON.decode(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


class _Parser:
    def __init__(self, file: str | None) -> None:
        self.file = file
        self.doc = ArgdownDocument()
        self.problems: list[Problem] = []
        self.untitled = 0
        self.section: Section | None = None
        self.pcs_argument: Argument | None = None
        self.last_inference: Member | None = None
        self.relation_keys: set[tuple[str, str, str, str, str, int | None]] = set()

    def problem(self, code: str, message: str, line: int, column: int, hint: str | None) -> None:
        self.problems.append(Problem(code, message, Location(self.file, line, column), hint=hint))

    def new_title(self) -> str:
        self.untitled += 1
        return f"Untitled {self.untitled}"

    # data

    def data(self, text: str, line: int, column: int) -> dict[str, Any]:
        if text.startswith(_ARGMAP_DATA):  # argmap's own data, written as JSON: quickly
            fast = _json_data(text[len(_ARGMAP_DATA) : -1])
            if fast is not None:
                return {"argmap": fast}
        inner = text[1:-1]
        block = _DATA_BLOCK.match(text)
        source = inner if block else "{" + inner.replace("\n", " ") + "}"
        try:
            value, _, problems = parse_yaml(source)
        except RecursionError:
            value, problems = None, [Problem("too-deep", "the data is nested too deeply")]
        if problems:
            first = problems[0]
            where = first.location
            at_line = line + (where.line - 1 if where and where.line else 0)
            self.problem(
                "invalid-data",
                f"the data element cannot be read: {first.message}",
                at_line,
                column,
                first.hint or "data is YAML inside `{...}`, e.g. `{source: Kant}`",
            )
            return {}
        if not isinstance(value, dict):
            self.problem(
                "invalid-data",
                "the data element is not a mapping",
                line,
                column,
                "write keys and values, e.g. `{source: Kant}`",
            )
            return {}
        return value

    def split_data(self, content: str, line: int, column: int) -> tuple[str, dict[str, Any]]:
        """Return the content without its trailing `{...}` data element, and the data."""
        stripped = content.rstrip()
        if not stripped.endswith("}"):
            return content, {}
        depth = 0
        # the braces from the end back to the one that opens the data element
        for i in reversed([m.start() for m in _BRACE.finditer(stripped)]):
            if i and stripped[i - 1] == "\\":
                continue
            if stripped[i] == "}":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    data_line = line + stripped.count("\n", 0, i)
                    return stripped[:i], self.data(stripped[i:], data_line, column)
        return content, {}

    # elements

    def element(self, line: int, column: int, text: str) -> Member | None:
        """Parse the statement or argument at the start of ``text``; return it as a member.

        ``text`` starts on ``line`` at ``column``.
        """
        body = text.lstrip()
        column += len(text) - len(body)
        opening = body[:1]
        if (opening == "[" or opening == "<") and body[1:2] != "-":
            close = "]" if opening == "[" else ">"
            newline = body.find("\n")
            end = body.find(close, 0, newline) if newline >= 0 else body.find(close)
            what = "statement" if opening == "[" else "argument"
            if end == -1:
                first_line = body if newline < 0 else body[:newline]
                self.problem(
                    "unclosed-title",
                    f"the {what} title `{first_line[:40]}` is not closed",
                    line,
                    column,
                    f"end the title with `{close}`, e.g. `{body[0]}Title{close}: text`",
                )
                return None
            if end > 1:
                title = body[1:end]
                rest = body[end + 1 :]
                if rest.startswith(":"):
                    return self.definition(what, title, rest[1:], line, column)
                if not rest or rest.isspace():  # most references: the title alone
                    if what == "statement":
                        return self.add_statement(title, None, [], {}, line, column, False)
                    return self.add_argument(title, None, [], {}, line, column)
                return self.reference(what, title, rest, line, column)
        content, data = self.split_data(body, line, column)
        statement_text, tags = inline_text(content)
        if not statement_text:
            self.problem(
                "empty-element",
                "a relation or number with no statement or argument after it",
                line,
                column,
                "write a statement text, `[title]` or `<title>` after it",
            )
            return None
        return self.add_statement(self.new_title(), statement_text, tags, data, line, column, True)

    def definition(self, what: str, title: str, rest: str, line: int, column: int) -> Member | None:
        content, data = self.split_data(rest, line, column)
        text, tags = inline_text(content)
        if not text and what == "statement":
            self.problem(
                "empty-statement",
                f"`[{title}]:` has no text",
                line,
                column,
                f"write the statement after the colon, or refer to it as `[{title}]`",
            )
            return None
        if what == "statement":
            return self.add_statement(title, text, tags, data, line, column, False)
        return self.add_argument(title, text, tags, data, line, column)

    def reference(self, what: str, title: str, rest: str, line: int, column: int) -> Member | None:
        content, data = self.split_data(rest, line, column)
        text, tags = inline_text(content)
        if text:
            mark = f"[{title}]" if what == "statement" else f"<{title}>"
            self.problem(
                "text-after-reference",
                f"text after the {what} reference `{mark}`: `{text[:40]}`",
                line,
                column,
                f"to define the {what}, write `{mark}: {text[:20]}...`; a reference "
                "takes only #tags and {data}",
            )
            return None
        if what == "statement":
            return self.add_statement(title, None, tags, data, line, column, False)
        return self.add_argument(title, None, tags, data, line, column)

    def add_statement(
        self,
        title: str,
        text: str | None,
        tags: list[str],
        data: dict[str, Any],
        line: int,
        column: int,
        untitled: bool,
    ) -> Member:
        ec = self.doc.statements.get(title)
        if ec is None:
            ec = Statement(title, line=line, column=column, untitled=untitled)
            self.doc.statements[title] = ec
        section = self.section.id if self.section else None
        if text is not None and data and restating(data):  # its tags and data are its own
            ec.members.append(text)
            ec.definitions.append(Definition(text, tags, data, line, column, section, True))
            if ec.mentioned is None:
                ec.line = ec.column = 0  # the class has no place of its own yet
            return ("statement", title, None)
        if ec.mentioned is None:
            ec.mentioned = (line, column)
            if ec.line == 0:
                ec.line, ec.column = line, column
        if text is not None:
            ec.members.append(text)
            definitions = ec.definitions
            definitions.append(Definition(text, tags, data, line, column, section))
            if len(definitions) == 1 or all(d.restating for d in definitions[:-1]):  # the first
                ec.line, ec.column = line, column
                if ec.section is None:
                    ec.section = section
        if tags:
            _merge(ec.tags, tags)
        if data:
            self.merge_data(ec.data, data, f"[{title}]", line)
        return ("statement", title, None)

    def add_argument(
        self,
        title: str,
        text: str | None,
        tags: list[str],
        data: dict[str, Any],
        line: int,
        column: int,
    ) -> Member:
        argument = self.doc.arguments.get(title)
        if argument is None:
            argument = Argument(title, line=line, column=column)
            self.doc.arguments[title] = argument
        if text:
            argument.descriptions.append(text)
            if argument.section is None and self.section is not None:
                argument.section = self.section.id
        if tags:
            _merge(argument.tags, tags)
        if data:
            self.merge_data(argument.data, data, f"<{title}>", line)
        return ("argument", title, None)

    def merge_data(self, into: dict[str, Any], data: dict[str, Any], name: str, line: int) -> None:
        """Add the data of one mention of an element to the element's, as Argdown does."""
        if not into:  # the first data of the element: nothing to overwrite
            into.update(data)
            return
        for key, value in data.items():
            if key in into and into[key] != value:
                self.doc.notes.append(
                    (
                        "changed",
                        "data keys given different values for one element: the last value kept",
                        f"{name} {key}",
                        line,
                    )
                )
            into[key] = value

    # relations

    def relate(self, symbol: str, parent: Member, child: Member, line: int, column: int) -> None:
        if symbol in ("+>", "->", "_>", "><"):
            source, target = parent, child
        else:
            source, target = child, parent
        kind: RelationType = {
            "+": "support",
            "<+": "support",
            "+>": "support",
            "-": "attack",
            "<-": "attack",
            "->": "attack",
            "><": "contradictory",
            "_": "undercut",
            "<_": "undercut",
            "_>": "undercut",
        }[symbol]  # type: ignore[assignment]
        if kind == "contradictory" and (source[0] != "statement" or target[0] != "statement"):
            self.problem(
                "invalid-relation",
                "`><` (contradiction) holds between statements, not arguments",
                line,
                column,
                "use `-` or `->` to attack an argument",
            )
            return
        in_pcs = self.pcs_argument is not None and self.last_inference is not None
        if kind == "undercut" and target[0] == "statement" and in_pcs:
            assert self.last_inference is not None
            target = self.last_inference
        if source[0] == "inference":
            self.problem(
                "invalid-relation",
                "an inference can only be undercut (`<_`)",
                line,
                column,
                "attach other relations to a statement or argument",
            )
            return
        self.add_relation(
            Relation(source[1], target[1], kind, source[0], target[0], target[2], line, column)
        )

    def add_relation(self, relation: Relation) -> None:
        key = relation.key()
        if key in self.relation_keys:
            return
        if relation.type == "contradictory":
            mirror = ("statement", relation.to, "contradictory", "statement", relation.from_, None)
            if mirror in self.relation_keys:
                return
        self.relation_keys.add(key)
        self.doc.relations.append(relation)

    def tree(
        self, units: list[_Unit], start: int, root: Member | None, in_pcs: bool, base: int = 0
    ) -> int:
        """Parse the relation units from ``start`` below ``root``; return the next unit's index.

        A relation must be indented more than ``base`` (a list item's indentation).
        """
        levels = [base]
        parents: list[Member | None] = [None]
        last = root
        i = start
        while i < len(units) and units[i].kind == "relation":
            unit = units[i]
            i += 1
            if unit.indent > levels[-1]:
                if len(levels) > MAX_NESTING:
                    self.problem(
                        "too-deep",
                        f"relations nest more than {MAX_NESTING} levels deep",
                        unit.line,
                        unit.column,
                        "flatten the tree: refer to the element by its title elsewhere",
                    )
                    return len(units)
                levels.append(unit.indent)
                parents.append(last)
            else:
                while len(levels) > 1 and unit.indent < levels[-1]:
                    levels.pop()
                    parents.pop()
            parent = parents[-1]
            if len(levels) == 1 or parent is None:
                if len(levels) == 1:
                    self.problem(
                        "unattached-relation",
                        f"the relation `{unit.head}` has nothing to attach to",
                        unit.line,
                        unit.column,
                        "indent it below the statement or argument it belongs to, "
                        "with no empty line between",
                    )
                last = None
                continue
            if parent[0] == "inference" and unit.head not in ("<_", "_"):
                self.problem(
                    "invalid-relation",
                    f"`{unit.head}` below an inference: an inference can only be undercut",
                    unit.line,
                    unit.column,
                    "write `<_ <argument>` or `<_ [statement]` below the inference line",
                )
                last = None
                continue
            child = self.element(unit.line, unit.column + len(unit.head), "\n".join(unit.lines))
            if child is not None:
                if parent[0] == "inference":
                    self.add_relation(
                        Relation(
                            child[1],
                            parent[1],
                            "undercut",
                            child[0],
                            "inference",
                            parent[2],
                            unit.line,
                            unit.column,
                        )
                    )
                else:
                    self.relate(unit.head, parent, child, unit.line, unit.column)
            last = child
        return i

    # blocks

    def block(self, lines: list[_Line], previous: Member | None) -> Member | None:
        if _PCS_REFERENCE.match(lines[0][1], lines[0][2]) and self.simple_pcs(lines, previous):
            return None
        if len(lines) == 1:  # most blocks: one statement or argument, as below but shorter
            number, text, indent = lines[0]
            if _UNIT_HEAD.match(text, indent) is None and (indent or _HEADING.match(text) is None):
                root = self.element(number, indent + 1, text[indent:])
                return root if root is not None and root[0] == "argument" else None
        units: list[_Unit] = []
        open_inference = False
        for number, text, indent in lines:
            if open_inference:
                units[-1].lines.append(text)
                open_inference = _inference_end(text) < 0
                continue
            m = _UNIT_HEAD.match(text, indent)
            if m is None:
                if units:  # text continues the unit above
                    units[-1].lines.append(text)
                else:
                    units.append(_Unit("text", number, indent + 1, indent, "", [text[indent:]]))
                continue
            kind = _UNIT_KINDS[m.lastindex or 0]
            head = "--" if kind == "inference" else m.group(m.lastindex or 0)
            rest = text[indent + 2 :] if kind == "inference" else text[m.end() :]
            units.append(_Unit(kind, number, indent + 1, indent, head, [rest]))
            open_inference = kind == "inference" and _inference_end(rest) < 0
        first = units[0]
        if first.kind == "text" and first.indent == 0 and (h := _HEADING.match(first.lines[0])):
            self.heading(first, len(h.group(1)), "\n".join(first.lines)[h.end() :], units[1:])
            return None
        if first.kind == "number":
            self.pcs(units, previous)
            return None
        if first.kind in ("relation", "inference"):
            what = "relation" if first.kind == "relation" else "inference line"
            self.problem(
                "unattached-relation" if first.kind == "relation" else "stray-inference",
                f"the {what} `{first.head}` starts a block: it has nothing to attach to",
                first.line,
                first.column,
                "remove the empty line above it"
                if first.kind == "relation"
                else "an inference line (----) goes between numbered statements (1), (2), ...",
            )
            return None
        if first.kind == "list":
            self.list_items(units)
            return None
        root = self.element(first.line, first.column, "\n".join(first.lines))
        i = self.tree(units, 1, root, False)
        for unit in units[i:]:
            self.unexpected(unit)
            break
        return root if root is not None and root[0] == "argument" else None

    def list_items(self, units: list[_Unit]) -> None:
        """Parse a list: items of one kind (``*`` or ``1.``) lined up, each a statement or
        an argument with its relations below it.

        Argdown has no nested lists, and an item of the other kind starts no new list
        without an empty line: ``@argdown/core`` refuses both, and so does argmap.
        """
        first = units[0]
        ordered = first.head != "*"
        kind, other = ("ordered", "unordered") if ordered else ("unordered", "ordered")
        i = 0
        while i < len(units):
            unit = units[i]
            i += 1
            if unit.kind != "list":
                self.unexpected(unit)
                continue
            if unit.indent != first.indent:
                deeper = unit.indent > first.indent
                self.problem(
                    "nested-list" if deeper else "misaligned-list",
                    f"the list item `{unit.head}` is indented "
                    + ("more" if deeper else "less")
                    + f" than the list's first item (column {first.column})"
                    + (": Argdown has no nested lists" if deeper else ""),
                    unit.line,
                    unit.column,
                    f"line it up with the first item at column {first.column}"
                    + (
                        ", or make it a relation of the item above (`+ `, `- `, ...)"
                        if deeper
                        else ", or leave an empty line before it to start a new list"
                    ),
                )
                i = self.tree(units, i, None, False, unit.indent)  # skip its relations
                continue
            if (unit.head != "*") != ordered:
                self.problem(
                    "mixed-list",
                    f"the {other} list item `{unit.head}` in an {kind} list "
                    f"(the first item is `{first.head}`)",
                    unit.line,
                    unit.column,
                    "leave an empty line before it to start a new list, or write "
                    + ("`1.`, `2.`, ..." if ordered else "`*`")
                    + " like the items above it",
                )
                i = self.tree(units, i, None, False, unit.indent)
                continue
            item = self.element(unit.line, unit.column + len(unit.head), "\n".join(unit.lines))
            i = self.tree(units, i, item, False, unit.indent)

    def unexpected(self, unit: _Unit) -> None:
        what = {
            "number": f"the numbered statement `({unit.head})`",
            "inference": "an inference line",
            "list": "a list item",
            "relation": "a relation",
            "text": "text",
            "heading": "a heading",
        }[unit.kind]
        self.problem(
            "unexpected-element",
            f"{what} cannot follow the element above it in the same block",
            unit.line,
            unit.column,
            "leave an empty line before it",
        )

    def heading(self, unit: _Unit, level: int, content: str, rest: list[_Unit]) -> None:
        content, data = self.split_data(content, unit.line, unit.column)
        title, tags = inline_text(content)
        number = len(self.doc.sections) + 1
        parent = self.section
        while parent is not None and parent.level >= level:
            parent = next((s for s in self.doc.sections if s.id == parent.parent), None)
        section = Section(
            f"s{number}", title, level, parent.id if parent else None, tags, data, unit.line
        )
        self.doc.sections.append(section)
        self.section = section
        if rest:
            self.unexpected(rest[0])

    def pcs(self, units: list[_Unit], previous: Member | None) -> None:
        first = units[0]
        if previous is not None:
            argument = self.doc.arguments[previous[1]]
            if argument.pcs:
                self.problem(
                    "second-pcs",
                    f"the argument <{argument.title}> already has a premise-conclusion structure",
                    first.line,
                    first.column,
                    "give this one its own title in a line `<Title>` above it",
                )
                return
        else:
            title = self.new_title()
            argument = Argument(title, line=first.line, column=first.column)
            self.doc.arguments[title] = argument
        if self.section is not None:
            argument.section = self.section.id
        steps: list[PcsStep] = []
        self.pcs_argument = argument
        self.last_inference = None
        pending: Inference | None = None
        expected = 1
        i = 0
        ok = True
        while i < len(units):
            unit = units[i]
            if unit.kind == "number":
                number = int(unit.head) if len(unit.head) < 10 else 0
                if number != expected:
                    self.doc.notes.append(
                        (
                            "changed",
                            "PCS numbers that are not 1, 2, 3, ... renumbered",
                            f"({unit.head}) read as ({expected})",
                            unit.line,
                        )
                    )
                member = self.element(
                    unit.line, unit.column + len(unit.head), "\n".join(unit.lines)
                )
                if member is None or member[0] != "statement":
                    if member is not None:
                        self.problem(
                            "argument-in-pcs",
                            "a premise-conclusion structure holds statements, not arguments",
                            unit.line,
                            unit.column,
                            "write the statement, or `[title]` to reuse one",
                        )
                    ok = False
                    i = self.skip_relations(units, i + 1)
                    continue
                step = PcsStep(expected, member[1], line=unit.line)
                if pending is not None:
                    step.role = "intermediary-conclusion"
                    step.inference = pending
                    self.last_inference = ("inference", argument.title, len(steps))
                    pending = None
                steps.append(step)
                expected += 1
                i += 1
                if i < len(units) and units[i].kind == "relation":
                    i = self.tree(units, i, member, True)
            elif unit.kind == "inference":
                if not steps or pending is not None:
                    self.problem(
                        "misplaced-inference",
                        "an inference line must follow a numbered statement",
                        unit.line,
                        unit.column,
                        "put at least one premise (1) before it, and one statement between "
                        "two inference lines",
                    )
                    ok = False
                pending = self.inference(unit)
                index = len(steps)
                i += 1
                if i < len(units) and units[i].kind == "relation":
                    i = self.tree(units, i, ("inference", argument.title, index), True)
            else:
                self.unexpected(unit)
                ok = False
                i += 1
        self.pcs_argument = None
        self.last_inference = None
        if not ok:
            return
        if pending is not None or not steps or steps[-1].inference is None:
            last = units[-1]
            self.problem(
                "missing-conclusion",
                "the premise-conclusion structure does not end in a conclusion",
                last.line,
                last.column,
                "end it with an inference line (----) and the conclusion, e.g. `(3) ...`",
            )
            return
        steps[-1].role = "main-conclusion"
        argument.pcs = steps

    def simple_pcs(self, lines: list[_Line], previous: Member | None) -> bool:
        """Read a premise-conclusion structure of references and inference lines alone.

        What :meth:`block` and :meth:`pcs` do with such a block (the most common in a
        large file), without their units; False, having done nothing, for any other block.
        """
        # First the shape: (n) [title] lines, and inference lines each after one of them,
        # the last line a conclusion; no relations, no text over several lines.
        kinds: list[str] = []
        heads: list[re.Match[str] | None] = []
        open_inference = False
        last = ""  # the kind of the last step line: "number" or "inference"
        before_last = ""
        for _, text, indent in lines:
            if open_inference:
                kinds.append("more")
                heads.append(None)
                open_inference = _inference_end(text) < 0
                continue
            m = _PCS_REFERENCE.match(text, indent)
            if m is not None:
                kind = "number"
            elif text.startswith("--", indent) and last == "number":
                m = _PLAIN_INFERENCE.match(text, indent)
                kind = "plain" if m is not None else "inference"
                if m is None:
                    open_inference = _inference_end(text[indent + 2 :]) < 0
            else:  # text, a relation, or an inference line not after a number
                return False
            kinds.append(kind)
            heads.append(m)
            before_last, last = last, "number" if kind == "number" else "inference"
        if open_inference or last != "number" or before_last != "inference":
            return False
        if previous is not None:
            argument = self.doc.arguments[previous[1]]
            if argument.pcs:
                return False  # a problem: said by pcs()
        else:
            title = self.new_title()
            argument = Argument(title, line=lines[0][0], column=lines[0][2] + 1)
            self.doc.arguments[title] = argument
        if self.section is not None:
            argument.section = self.section.id
        steps: list[PcsStep] = []
        pending: Inference | None = None
        unit: _Unit | None = None
        expected = 1
        statements = self.doc.statements
        for (number, text, indent), kind, m in zip(lines, kinds, heads, strict=True):
            if kind == "more":
                assert unit is not None
                unit.lines.append(text)
                continue
            if unit is not None:  # an inference line with rules, now whole
                pending = self.inference(unit)
                unit = None
            if kind == "number":
                assert m is not None
                digits = m.group(1)
                if (int(digits) if len(digits) < 10 else 0) != expected:
                    self.doc.notes.append(
                        (
                            "changed",
                            "PCS numbers that are not 1, 2, 3, ... renumbered",
                            f"({digits}) read as ({expected})",
                            number,
                        )
                    )
                title = m.group(3)
                ec = statements.get(title)
                if ec is None or ec.mentioned is None:  # as add_statement() does for a reference
                    column = indent + 1 + len(digits) + len(m.group(2))  # as element() counts
                    if ec is None:
                        statements[title] = Statement(
                            title, line=number, column=column, mentioned=(number, column)
                        )
                    else:
                        ec.mentioned = (number, column)
                        if ec.line == 0:
                            ec.line, ec.column = number, column
                if pending is None:
                    steps.append(PcsStep(expected, title, "premise", None, number))
                else:
                    steps.append(
                        PcsStep(expected, title, "intermediary-conclusion", pending, number)
                    )
                    pending = None
                expected += 1
            elif kind == "plain":
                pending = Inference([], {}, number)
            else:
                unit = _Unit("inference", number, indent + 1, indent, "--", [text[indent + 2 :]])
        steps[-1].role = "main-conclusion"
        argument.pcs = steps
        return True

    def skip_relations(self, units: list[_Unit], i: int) -> int:
        while i < len(units) and units[i].kind == "relation":
            i += 1
        return i

    def inference(self, unit: _Unit) -> Inference:
        text = "\n".join(unit.lines)
        end = _inference_end(text)
        body = text[:end] if end >= 0 else text
        if end < 0:
            self.problem(
                "unclosed-inference",
                "the inference line is not closed",
                unit.line,
                unit.column,
                "write `----` alone, or `--` rules {data} `--` on lines of their own",
            )
        after = text[end:].lstrip("-") if end >= 0 else ""
        if after.strip():
            self.problem(
                "unexpected-element",
                f"text after the inference line: `{after.strip()[:40]}`",
                unit.line,
                unit.column,
                "put the conclusion on a new line, numbered, e.g. `(3) ...`",
            )
        if body.isspace() or not body:  # `----`: no rules, no data
            return Inference([], {}, unit.line)
        body, data = self.split_data(body, unit.line, unit.column)
        rules = [inline_text(rule)[0] for rule in split_rules(body)]
        return Inference([r for r in rules if r], data, unit.line)

    # the document

    def parse(self, text: str) -> ArgdownDocument:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        first_line = 1
        front = re.match(r"\s*===+", text)
        if front:
            close = re.compile(r"===+").search(text, front.end())
            if close is not None:
                yaml_text = text[front.end() : close.start()]
                at_line = text.count("\n", 0, front.end()) + 1
                data, positions, problems = parse_yaml(yaml_text)
                if problems:
                    p = problems[0]
                    at = at_line + (p.location.line - 1 if p.location and p.location.line else 0)
                    self.problem(
                        "invalid-frontmatter",
                        f"the frontmatter cannot be read: {p.message}",
                        at,
                        1,
                        p.hint,
                    )
                elif isinstance(data, dict):
                    self.doc.frontmatter = data
                    self.doc.frontmatter_positions = positions
                    self.doc.frontmatter_line = at_line
                    model = data.get("model")
                    self.doc.strict = isinstance(model, dict) and model.get("mode") == "strict"
                elif data is not None:
                    self.problem(
                        "invalid-frontmatter",
                        "the frontmatter is "
                        + ("a list" if isinstance(data, list) else "a single value")
                        + ", not a mapping of settings",
                        at_line + 1,
                        1,
                        "write `key: value` lines between the `===` lines, e.g. `title: My map`",
                    )
                first_line = text.count("\n", 0, close.end()) + 1
                text = text[close.end() :]
        previous: Member | None = None
        for block in _logical_blocks(text, first_line):
            previous = self.block(block, previous)
        self.transform()
        return self.doc

    def transform(self) -> None:
        """Apply Argdown's transformations of relations of reconstructed arguments."""
        doc = self.doc
        relations: list[Relation] = []
        seen: set[tuple[str, str, str, str, str, int | None]] = set()
        for relation in doc.relations:
            if relation.from_kind == "argument":
                argument = doc.arguments.get(relation.from_)
                if argument is not None and argument.pcs:
                    relation.from_kind, relation.from_ = "statement", argument.pcs[-1].title
            if relation.to_kind == "argument" and relation.type == "undercut":
                argument = doc.arguments.get(relation.to)
                if argument is not None and argument.pcs:
                    relation.to_kind, relation.conclusion_index = "inference", len(argument.pcs) - 1
            if (relation.from_kind, relation.from_) == (relation.to_kind, relation.to):
                doc.notes.append(
                    (
                        "dropped",
                        "relations of an element to itself dropped (as Argdown does)",
                        f"{relation.from_} {relation.type} {relation.to}",
                        relation.line,
                    )
                )
                continue
            if relation.key() in seen:
                continue
            seen.add(relation.key())
            relations.append(relation)
        if doc.strict:
            strict: list[Relation] = []
            contrary: set[frozenset[str]] = set()
            for relation in relations:
                if relation.from_kind == relation.to_kind == "statement":
                    if relation.type == "support":
                        relation.type = "entails"
                    elif relation.type == "attack":
                        pair = frozenset((relation.from_, relation.to))
                        if pair in contrary:
                            continue
                        contrary.add(pair)
                        relation.type = "contrary"
                strict.append(relation)
            relations = strict
        premises: dict[str, set[str]] = {
            a.title: {s.title for s in a.pcs if s.role == "premise"}
            for a in doc.arguments.values()
            if a.pcs
        }
        against: dict[str, set[str]] = {}
        for r in relations:
            if r.from_kind == r.to_kind == "statement":
                if r.type in ("attack", "contrary", "contradictory"):
                    against.setdefault(r.from_, set()).add(r.to)
                if r.type in ("contrary", "contradictory"):
                    against.setdefault(r.to, set()).add(r.from_)
        doc.relations = []
        for r in relations:
            if (
                r.from_kind == "statement"
                and r.type == "attack"
                and r.to_kind == "argument"
                and r.to in premises
                and against.get(r.from_, set()) & premises[r.to]
            ):
                doc.notes.append(
                    (
                        "changed",
                        "attacks on an argument by a statement that attacks one of its premises "
                        "read as the attack on the premise (as Argdown does)",
                        f"{r.from_} attack {r.to}",
                        r.line,
                    )
                )
            else:
                doc.relations.append(r)


def _merge(into: list[str], new: list[str]) -> None:
    for item in new:
        if item not in into:
            into.append(item)


def _inference_end(text: str) -> int:
    """Return where the closing hyphens of an inference (text after its opening ``--``) start."""
    pos = 0
    while True:
        i = text.find("--", pos)
        if i == -1:
            return -1
        if i > 0 and text[i - 1] == "\\":
            pos = i + 2
            continue
        return i


def parse(text: str, file: str | None = None) -> ArgdownDocument:
    """Parse Argdown text into its statements, arguments, relations and sections.

    Raises:
        InvalidMapError: with every problem found, each with its line and column.

    Examples:
        >>> doc = parse("<a>\\n\\n(1) P.\\n----\\n(2) [C]: C.\\n")
        >>> [(s.number, s.title, s.role) for s in doc.arguments["a"].pcs]
        [(1, 'Untitled 1', 'premise'), (2, 'C', 'main-conclusion')]
    """
    parser = _Parser(file)
    doc = parser.parse(text)
    if parser.problems:
        raise InvalidMapError(parser.problems)
    return doc


def split_rules(text: str) -> list[str]:
    r"""Split inference rules at commas that are not escaped.

    Examples:
        >>> split_rules(r"a, b\, c")
        ['a', ' b\\, c']
    """
    rules: list[str] = []
    start = i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == ",":
            rules.append(text[start:i])
            start = i + 1
        i += 1
    rules.append(text[start:])
    return rules
