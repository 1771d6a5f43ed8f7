"""Parse YAML and JSON into plain data, remembering where every piece stands.

The parsers return the data (dicts, lists, strings, numbers, booleans, None)
and a :class:`Positions` tree, so that an error about ``inferences[2].conclusion``
can name its line and column.

YAML is read with the YAML 1.2 core schema: ``no``, ``on`` and ``1917-09-29``
stay text (PyYAML's YAML 1.1 rules would make them booleans and dates). Aliases
are allowed, but not so many that they expand a small file into a huge one.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from json.scanner import make_scanner
from typing import Any

import yaml

from argmap.errors import Location, Problem
from argmap.files import lone_surrogate

# A position tree: a leaf is a packed position (int); a container is a tuple of its
# packed position and its children (a dict for a mapping, a list for a sequence).
# In a mapping, the position of an entry is that of its key; in a sequence, that of the item.
PosNode = int | tuple[int, "dict[str, PosNode] | list[PosNode]"]

MAX_DEPTH = 64
"""How deeply containers may nest in a map file."""

MAX_ALIAS_EXPANSION = 1_000_000
"""How much YAML aliases may add to a document, counted in characters of text plus one
per node, beyond ten times the file's own size: a guard against alias bombs."""


class Positions:
    """Where each piece of a parsed document stands in its text.

    Examples:
        >>> data, positions, problems = parse_yaml("claims:\\n  - id: a\\n    text: A\\n")
        >>> positions.locate(("claims", 0, "text"))
        (3, 5)
        >>> positions.locate(("claims", 7))  # no such item: the nearest ancestor
        (1, 1)
    """

    def __init__(self, root: PosNode, to_line_col: Callable[[int], tuple[int, int]]) -> None:
        self._root = root
        self._to_line_col = to_line_col

    def locate(self, path: Sequence[str | int]) -> tuple[int, int] | None:
        """Return the 1-based (line, column) of ``path``, or of its nearest ancestor."""
        node: PosNode = self._root
        for part in path:
            if isinstance(node, int):
                break
            children = node[1]
            if isinstance(children, dict):
                if not isinstance(part, str) or part not in children:
                    break
                node = children[part]
            else:
                if not isinstance(part, int) or not 0 <= part < len(children):
                    break
                node = children[part]
        packed = node if isinstance(node, int) else node[0]
        line, column = self._to_line_col(packed)
        return line + 1, column + 1


def _packed_of(node: PosNode) -> int:
    return node if isinstance(node, int) else node[0]


# YAML 1.2 core schema resolution of plain scalars.
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_MAYBE_NOT_TEXT = frozenset("-+.0123456789nNtTfF~")
_TAG = "tag:yaml.org,2002:"


def resolve_plain(value: str) -> Any:
    if value and value[0] not in _MAYBE_NOT_TEXT:
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return _SPECIAL_FLOAT.get(value, value)


def _resolve_tagged(value: str, tag: str) -> Any:
    name = tag.removeprefix(_TAG)
    if name == "str" or tag == "!":
        return value
    if name in ("int", "float", "bool", "null"):
        resolved = resolve_plain(value)
        wanted: Any = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}[name]
        if isinstance(resolved, wanted) and not (name != "bool" and isinstance(resolved, bool)):
            return float(resolved) if name == "float" else resolved
        raise ValueError(f"`{value}` is not a valid !!{name}")
    raise ValueError(f"the YAML tag `{tag}` is not supported here")


class _Frame:
    __slots__ = ("anchor", "children", "data", "key", "key_pos", "pos", "size")

    def __init__(self, data: dict[str, Any] | list[Any], pos: int, anchor: str | None) -> None:
        self.data = data
        self.anchor = anchor
        self.children: dict[str, PosNode] | list[PosNode] = {} if isinstance(data, dict) else []
        self.pos = pos
        self.size = 1
        self.key: str | _Skip | None = None
        self.key_pos = 0


class _Skip:
    """Marks a mapping entry whose key was unusable: its value is dropped."""


_SKIP = _Skip()


def _syntax_problem(err: yaml.YAMLError, text: str) -> Problem:
    if isinstance(err, yaml.reader.ReaderError):  # a character YAML does not allow
        # libyaml counts this position in bytes of UTF-8, the pure-Python reader in characters
        at = err.position
        if yaml.__with_libyaml__:
            at = len(text.encode("utf-8")[:at].decode("utf-8", errors="ignore"))
        line = text.count("\n", 0, at)
        column = at - (text.rfind("\n", 0, at) + 1)
        return Problem(
            "syntax-error",
            f"YAML does not allow the control character U+{err.character:04X} here",
            Location(None, line + 1, column + 1),
            hint="remove it, or write it as an escape in double quotes",
        )
    lines = _LineIndex(text)
    mark, message, hint = _explain_syntax_error(err, text, lines)
    location = None
    if mark is not None:
        line, column = lines(mark.index)
        location = Location(None, line + 1, column + 1)
    return Problem("syntax-error", f"YAML syntax error: {message}", location, hint=hint)


def _explain_syntax_error(
    err: yaml.YAMLError, text: str, lines: _LineIndex
) -> tuple[Any, str, str | None]:
    """The mark to locate a YAML error at, its message and its hint.

    PyYAML gives two marks: where the construct it was reading began (the context)
    and where it gave up (the problem). For a quote or bracket left open the problem
    is the end of the file, far from the mistake: the message then points at the
    opening and says where reading stopped.
    """
    problem: str = getattr(err, "problem", None) or str(err)
    context: str = getattr(err, "context", None) or ""
    begun: Any = getattr(err, "context_mark", None)
    stopped: Any = getattr(err, "problem_mark", None)

    def at(mark: Any) -> str:
        line, column = lines(mark.index)
        return f"line {line + 1}, column {column + 1}"

    if begun is None or stopped is None or begun.index >= stopped.index:
        mark = stopped or begun
        return mark, f"{problem} ({context})" if context else problem, _hint(problem, text, mark)
    ends = not text[stopped.index :].strip()
    if "quoted scalar" in context and ("end of stream" in problem or "document" in problem):
        quote = text[begun.index]
        if ends:
            stop = f"the file ends at {at(stopped)}"
        else:  # a line of `---` or `...` ends the document, quotes or not
            marker = text[stopped.index : stopped.index + 3]
            stop = f"the `{marker}` at {at(stopped)} ends the document first"
        escape = '`\\"`' if quote == '"' else "`''`"
        return (
            begun,
            f"the quote opened at {at(begun)} is never closed; {stop}",
            f"close it with `{quote}`; inside it, write a `{quote}` as {escape}",
        )
    if context in ("while parsing a flow mapping", "while parsing a flow sequence"):
        bracket, closer = ("{", "}") if "mapping" in context else ("[", "]")
        found = text[stopped.index : stopped.index + 1].strip()
        if ends or not _closes(text, begun.index):
            if ends:
                stop = f"the file ends at {at(stopped)}"
            else:
                stop = f"at {at(stopped)}, `,` or `{closer}` was expected"
            return (
                begun,
                f"the `{bracket}` opened at {at(begun)} is never closed; {stop}",
                f"close it with `{closer}`; inside `{bracket}...{closer}`, text that holds "
                "`: `, `,` or `#` must be in quotes",
            )
        found = f"found `{found}` where" if found else "here"
        return (
            stopped,
            f"{found} `,` or `{closer}` was expected, inside the `{bracket}` opened at {at(begun)}",
            f"inside `{bracket}...{closer}`, text that holds `: `, `,` or `#` must be in quotes; "
            "or is a `,` missing?",
        )
    if context == "while scanning a simple key":  # the line of the key has no `:`
        return (
            begun,
            f"the key at {at(begun)} is not followed by `:`",
            _hint(problem, text, stopped),
        )
    if context in ("while parsing a block mapping", "while parsing a block collection"):
        kind, parts = ("mapping", "keys") if "mapping" in context else ("list", "items")
        column = lines(begun.index)[1]
        line_start = text.rfind("\n", 0, stopped.index) + 1
        hint = None
        if not text[line_start : stopped.index].strip() and stopped.index - line_start != column:
            hint = f"check the indentation: the {parts} of this {kind} start at column {column + 1}"
        message = f"{problem} (in the {kind} that starts at {at(begun)})"
        return stopped, message, hint or _hint(problem, text, stopped)
    return (
        stopped,
        f"{problem} ({context} that starts at {at(begun)})" if context else problem,
        _hint(problem, text, stopped),
    )


def _hint(problem: str, text: str, mark: Any) -> str | None:
    """A hint for the YAML error ``problem`` found at ``mark``."""
    char = text[mark.index : mark.index + 1] if mark is not None else ""
    if char == "\t":
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        before = text[text.rfind("\n", 0, mark.index) + 1 : mark.index] if mark else ""
        if ": " in before:  # a second `key: value` on one line: text with a colon
            return "put text that contains `: ` in quotes"
        return "check the indentation: this line is indented more than its neighbours"
    if "expected ',' or '}'" in problem or "expected ',' or ']'" in problem:
        return "inside `{...}` or `[...]`, text that holds `: `, `,` or `#` must be in quotes"
    if "found unexpected ':'" in problem or "could not find expected ':'" in problem:
        return "check the indentation, and quote text that contains `:` or `#`"
    if "found character" in problem and "cannot start any token" in problem:
        return "put text that starts with `@`, `` ` `` or `%` in quotes"
    return None


# What may open or close a flow collection, or start text in which brackets do not count.
_FLOW_MARK = re.compile(r"""[\[\]{}"'#]""")
_QUOTE_END = {
    '"': re.compile(r'(?:[^"\\]++|\\.)*+"', re.DOTALL),
    "'": re.compile(r"(?:[^']++|'')*+'"),
}


def _closes(text: str, start: int) -> bool:
    """Whether the ``[`` or ``{`` at ``start`` is closed by its own bracket later on.

    One pass, skipping quoted text and comments (a quote or ``#`` counts only where
    YAML lets one begin).
    """
    if text[start : start + 1] not in ("[", "{"):
        return True  # not a bracket after all: take the problem's own mark
    expected: list[str] = []
    at = start
    while (found := _FLOW_MARK.search(text, at)) is not None:
        char, at = found.group(), found.end()
        after_space = found.start() == 0 or text[found.start() - 1] in " \t\n\r"
        if char in ("[", "{"):
            expected.append("]" if char == "[" else "}")
        elif char in ("]", "}"):
            if not expected or expected.pop() != char:
                return False
            if not expected:
                return True
        elif char == "#":
            if after_space:  # a comment, to the end of its line
                at = text.find("\n", at) + 1 or len(text)
        elif after_space or text[found.start() - 1] in "[]{},:":
            quoted = _QUOTE_END[char].match(text, at)
            if quoted is None:  # the rest of the text is in quotes
                return False
            at = quoted.end()
    return False


def parse_yaml(text: str) -> tuple[Any, Positions, list[Problem]]:
    """Parse one YAML document into plain data, its positions and its problems.

    On a syntax error the data is None and the problems hold that error. As YAML 1.2
    says, only ``\\n`` and ``\\r`` break lines: U+2028, U+2029 and U+0085 (pasted from
    word processors) are characters of the text, not line breaks as libyaml takes them.

    Examples:
        >>> data, _, problems = parse_yaml("date: 1917-09-29\\nassumed: true\\nanswer: no\\n")
        >>> data, problems
        ({'date': '1917-09-29', 'assumed': True, 'answer': 'no'}, [])
        >>> parse_yaml('text: "Peace\\u2028Land"\\n')[0]
        {'text': 'Peace\\u2028Land'}
    """
    surrogate = lone_surrogate(text)
    if surrogate is not None:  # (from a str, not a file: libyaml cannot encode it)
        return None, Positions(0, _LineIndex(text)), [replace(surrogate, code="syntax-error")]
    if (
        not any(c in text for c in _BREAKS)
        or any(c in text for c in _STAND_INS)
        or _STAND_IN_ESCAPE.search(text)
    ):
        return _parse_yaml(text)
    # libyaml would break lines there (and fold them inside quotes): hide them, one
    # character for one so that every offset stays, and put them back in the data
    data, positions, problems = _parse_yaml(text.translate(_HIDE))
    problems = [replace(p, message=p.message.translate(_SHOW)) for p in problems]
    restored, collisions = _restore(data)
    for key in collisions:
        problems.append(
            Problem(
                "duplicate-key",
                f"`{key}` is given twice in a mapping (once with an escape)",
                Location(None, 1, 1),
                hint="remove one of them",
            )
        )
    return restored, positions, problems


_BREAKS = "\u2028\u2029\x85"
_STAND_INS = "\ufdd0\ufdd1\ufdd2"  # noncharacters: no text holds them
_HIDE = str.maketrans(_BREAKS, _STAND_INS)
_STAND_IN_ESCAPE = re.compile(r"\\(?:u|U0000)[fF][dD][dD][0-2]")
_SHOW = str.maketrans(_STAND_INS, _BREAKS)


def _restore(data: Any) -> tuple[Any, list[str]]:
    """``data`` with the hidden characters put back in every string (keys too), and the
    keys that, put back, collide with another key of their mapping."""
    collisions: list[str] = []
    if isinstance(data, str):
        return data.translate(_SHOW), collisions
    if not isinstance(data, dict | list):
        return data, collisions
    root: list[Any] = [data]
    stack: list[tuple[Any, Any, Any]] = [(root, 0, data)]
    while stack:
        parent, slot, value = stack.pop()
        if isinstance(value, dict):
            fixed: dict[str, Any] = {}
            for key, item in value.items():
                shown = key.translate(_SHOW) if isinstance(key, str) else key
                if shown in fixed:
                    collisions.append(shown)
                fixed[shown] = item
            parent[slot] = fixed
            for key, item in fixed.items():
                if isinstance(item, str):
                    fixed[key] = item.translate(_SHOW)
                elif isinstance(item, dict | list):
                    stack.append((fixed, key, item))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    value[i] = item.translate(_SHOW)
                elif isinstance(item, dict | list):
                    stack.append((value, i, item))
    return root[0], collisions


def _parse_yaml(text: str) -> tuple[Any, Positions, list[Problem]]:
    problems: list[Problem] = []
    lines = _LineIndex(text)  # libyaml's own lines also break at U+2028, U+2029 and U+0085
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, PosNode, int]] = {}
    root: tuple[Any, PosNode] | None = None
    documents = 0
    expansion = 0

    def located(code: str, message: str, pos: int, hint: str | None = None) -> Problem:
        line, column = lines(pos)
        return Problem(code, message, Location(None, line + 1, column + 1), hint=hint)

    def add(value: Any, node: PosNode, size: int, pos: int) -> None:
        """Put a finished node into its parent (or make it the document)."""
        nonlocal root
        if not stack:
            root = (value, node)
            return
        parent = stack[-1]
        parent.size += size
        if isinstance(parent.data, list):
            parent.data.append(value)
            parent.children.append(node)  # type: ignore[union-attr]
            return
        if parent.key is None:  # this node is a key
            if isinstance(value, str):
                parent.key = value
            elif isinstance(value, bool | int | float) or value is None:
                parent.key = "null" if value is None else str(value).lower()
            else:
                problems.append(
                    located("syntax-error", "a key must be a name, not a list or mapping", pos)
                )
                parent.key = _SKIP
            parent.key_pos = pos
            return
        key, parent.key = parent.key, None
        if isinstance(key, _Skip):
            return
        children = parent.children
        assert isinstance(children, dict)
        if key in children:
            first_line = lines(_packed_of(children[key]))[0] + 1
            problems.append(
                located(
                    "duplicate-key",
                    f"`{key}` is given twice in this mapping (first at line {first_line})",
                    parent.key_pos,
                    hint="remove one of them",
                )
            )
            return
        parent.data[key] = value
        children[key] = parent.key_pos if isinstance(node, int) else (parent.key_pos, node[1])

    def packed(event: Any) -> int:
        mark = event.start_mark
        return int(mark.index)

    try:
        event: Any
        for event in yaml.parse(
            text, Loader=yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
        ):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                pos = packed(event)
                if event.tag is None:
                    value: Any = event.value if event.style else resolve_plain(event.value)
                else:
                    try:
                        value = _resolve_tagged(event.value, event.tag)
                    except ValueError as err:
                        problems.append(located("syntax-error", str(err), pos))
                        value = event.value
                if event.anchor is not None:
                    anchors[event.anchor] = (value, pos, len(event.value) + 1)
                add(value, pos, len(event.value) + 1, pos)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.tag not in (None, "!", _TAG + "map", _TAG + "seq"):
                    problems.append(
                        located(
                            "syntax-error",
                            f"the YAML tag `{event.tag}` is not supported here",
                            packed(event),
                        )
                    )
                if len(stack) >= MAX_DEPTH:
                    problems.append(
                        located(
                            "too-deep",
                            f"the data is nested more than {MAX_DEPTH} levels deep",
                            packed(event),
                        )
                    )
                    return None, Positions(0, lines), problems
                stack.append(
                    _Frame(
                        {} if kind is yaml.MappingStartEvent else [], packed(event), event.anchor
                    )
                )
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                node: PosNode = (frame.pos, frame.children)
                if frame.anchor is not None:
                    anchors[frame.anchor] = (frame.data, node, frame.size)
                add(frame.data, node, frame.size, frame.pos)
            elif kind is yaml.AliasEvent:
                pos = packed(event)
                if event.anchor not in anchors:
                    problems.append(
                        located(
                            "syntax-error",
                            f"the alias `*{event.anchor}` has no anchor "
                            f"`&{event.anchor}` before it",
                            pos,
                        )
                    )
                    add(None, pos, 1, pos)
                    continue
                value, node, size = anchors[event.anchor]
                expansion += size
                if expansion > MAX_ALIAS_EXPANSION + 10 * len(text):
                    problems.append(
                        located(
                            "alias-bomb",
                            "YAML aliases expand this file more than tenfold",
                            pos,
                            hint="write the data out instead of repeating it with aliases",
                        )
                    )
                    return None, Positions(0, lines), problems
                add(value, node, size, pos)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(
                        located(
                            "syntax-error",
                            "the file holds more than one YAML document",
                            packed(event),
                            hint="a map file holds one map: remove the `---`",
                        )
                    )
                    break
    except yaml.YAMLError as err:
        return None, Positions(0, lines), [_syntax_problem(err, text)]
    if root is None:
        return None, Positions(0, lines), problems
    return root[0], Positions(root[1], lines), problems


# JSON


class _LineIndex:
    """Turns character offsets into (line, column), both 0-based; lines end at ``\n`` only.

    Most documents are never asked, and many once or twice (a finding about the whole
    map): the first few calls count the line breaks before the offset, and only then are
    all the line starts found (checking a corpus of small maps spent a tenth of its time
    finding every line of each file for one place).

    Examples:
        >>> lines = _LineIndex("ab\\ncd\\ne")
        >>> [lines(offset) for offset in (0, 4, 6, 6, 6, 6, 6, 6, 6, 3)]
        [(0, 0), (1, 1), (2, 0), (2, 0), (2, 0), (2, 0), (2, 0), (2, 0), (2, 0), (1, 0)]
    """

    _COUNTED = 8
    """Calls answered by counting, before the line starts are found."""

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._starts: list[int] = []
        self._calls = 0

    def __call__(self, offset: int) -> tuple[int, int]:
        text = self._text
        if text is not None:
            self._calls += 1
            if self._calls <= self._COUNTED:
                return text.count("\n", 0, offset), offset - (text.rfind("\n", 0, offset) + 1)
            self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
            self._text = None
        line = bisect.bisect_right(self._starts, offset) - 1
        return line, offset - self._starts[line]


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def json_positions(text: str) -> tuple[Positions, list[Problem]]:
    """Find where each value of a valid JSON document stands, and its duplicate keys.

    Examples:
        >>> positions, problems = json_positions('{"claims": [\\n  {"id": "a", "id": "b"}]}')
        >>> positions.locate(("claims", 0, "id")), [p.message for p in problems]
        ((2, 4), ['`id` is given twice in this mapping (first at line 2)'])
    """
    lines = _LineIndex(text)
    problems: list[Problem] = []
    # Each frame: [children, position, pending key, pending key offset]
    stack: list[list[Any]] = []
    root: PosNode = 0
    expect_key = False
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        start = match.start()
        first = token[0]
        if first in ",:":
            continue
        if first in "}]":
            children, pos, _, _ = stack.pop()
            _place(stack, (pos, children), problems, lines) if stack else None
            if not stack:
                root = (pos, children)
            expect_key = bool(stack) and isinstance(stack[-1][0], dict)
            continue
        if expect_key and first == '"':
            stack[-1][2] = json.loads(token) if "\\" in token else token[1:-1]
            stack[-1][3] = start
            expect_key = False
            continue
        if first in "{[":
            stack.append([{} if first == "{" else [], start, None, 0])
            expect_key = first == "{"
            continue
        if stack:
            _place(stack, start, problems, lines)
            expect_key = isinstance(stack[-1][0], dict)
        else:
            root = start
    return Positions(root, lines), problems


def _place(
    stack: list[list[Any]], node: PosNode, problems: list[Problem], lines: _LineIndex
) -> None:
    parent = stack[-1]
    children = parent[0]
    if isinstance(children, list):
        children.append(node)
        return
    key, key_pos = parent[2], parent[3]
    if key in children:
        first_line = lines(_packed_of(children[key]))[0] + 1
        line, column = lines(key_pos)
        problems.append(
            Problem(
                "duplicate-key",
                f"`{key}` is given twice in this mapping (first at line {first_line})",
                Location(None, line + 1, column + 1),
                hint="remove one of them",
            )
        )
        return
    children[key] = key_pos if isinstance(node, int) else (key_pos, node[1])


_TopIndex = dict[str, tuple[int, int, int, list[tuple[int, int]] | None]]
"""Each top-level key of a JSON object: where it stands, where its value starts and ends,
and where each element of its value starts and ends when it is a list."""

_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_JSON_COMMA = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")


def _load_by_items(
    text: str, decoder: json.JSONDecoder, *, keep: bool = True
) -> tuple[Any, _TopIndex, int] | None:
    """Parse a JSON object one top-level key, and one element of a list, at a time.

    Returns the data, where each item stands (see :class:`JsonItemPositions`) and the
    object's offset; or None if the text is not such an object, or not valid JSON: the
    caller then parses it whole to say what is wrong. The JSON module's C scanner parses
    each element, so this costs little more than ``json.loads`` and spares a second pass
    to find the items. With ``keep=False`` the elements of lists are let go as they are
    parsed (only their places are wanted).

    Examples:
        >>> data, top, root = _load_by_items('{"a": [1, {"b": 2}], "c": 3}', json.JSONDecoder())
        >>> data, top["a"][3], root
        ({'a': [1, {'b': 2}], 'c': 3}, [(7, 8), (10, 18)], 0)
    """
    scan = make_scanner(decoder)  # type: ignore[arg-type]  # (typeshed is wrong)
    skip, next_element = _JSON_SPACE.match, _JSON_COMMA.match
    hook: Callable[[list[tuple[str, Any]]], Any] = decoder.object_pairs_hook or dict  # type: ignore[truthy-function]  # (None when not given)
    top: _TopIndex = {}
    pairs: list[tuple[str, Any]] = []
    try:
        root = i = skip(text, 0).end()  # type: ignore[union-attr]
        if text[i : i + 1] != "{":
            return None
        i = skip(text, i + 1).end()  # type: ignore[union-attr]
        while text[i : i + 1] != "}":
            if pairs:  # a comma between two keys
                if text[i : i + 1] != ",":
                    return None
                i = skip(text, i + 1).end()  # type: ignore[union-attr]
            key_at = i
            if text[i : i + 1] != '"':
                return None
            key, i = scan(text, i)
            i = skip(text, i).end()  # type: ignore[union-attr]
            if text[i : i + 1] != ":":
                return None
            value_at = i = skip(text, i + 1).end()  # type: ignore[union-attr]
            items: list[tuple[int, int]] | None = None
            if text[i : i + 1] == "[":
                items, value = [], []
                i = skip(text, i + 1).end()  # type: ignore[union-attr]
                if text[i : i + 1] != "]":
                    while True:  # (the loop of a large file: one scan and one match each)
                        start = i
                        element, i = scan(text, i)
                        if keep:
                            value.append(element)
                        items.append((start, i))
                        comma = next_element(text, i)
                        if comma is None:
                            break
                        i = comma.end()
                    i = skip(text, i).end()  # type: ignore[union-attr]
                    if text[i : i + 1] != "]":
                        return None
                i += 1
            else:
                value, i = scan(text, i)
            pairs.append((key, value))
            top[key] = (key_at, value_at, i, items)  # (a key given twice: the last, as in data)
            i = skip(text, i).end()  # type: ignore[union-attr]
        if skip(text, i + 1).end() != len(text):  # type: ignore[union-attr]
            return None
    except (StopIteration, ValueError, RecursionError):  # (JSONDecodeError is a ValueError)
        return None
    return hook(pairs), top, root


class JsonItemPositions:
    """Where each item of a large JSON document stands, found quickly and on first use.

    The top-level keys, and each element of a top-level list, are found with the JSON
    module's own (C) scanner, which skips a whole element at once; the values inside one
    element are found by :func:`json_positions` on that element alone, when asked. For a
    map of 100,000 claims this takes a second and little memory, where scanning every
    token takes many seconds and a gigabyte. The document must be valid JSON without
    repeated keys (:func:`json_positions` finds those).

    Examples:
        >>> text = '{"title": "T",\\n "claims": [{"id": "a"},\\n  {"id": "b", "text": "B"}]}'
        >>> positions = JsonItemPositions(text)
        >>> positions.locate(("claims", 1, "text")), positions.locate(("claims",))
        ((3, 15), (2, 2))
    """

    def __init__(self, text: str, top: _TopIndex | None = None, root: int = 0) -> None:
        self._text = text
        self._lines = _LineIndex(text)
        self._top = top
        self._root = root
        self._inner: dict[tuple[str, int | None], Positions] = {}
        self._item_places: dict[str, list[tuple[int, int]]] = {}

    def _index(self) -> _TopIndex:
        """Each top-level key's offset, its value's (start, end), and its list's elements',
        found as :func:`_load_by_items` finds them while parsing, the values let go."""
        found = _load_by_items(self._text, json.JSONDecoder(), keep=False)
        if found is None:  # not an object: every path stands where the document begins
            self._root = _JSON_SPACE.match(self._text).end()  # type: ignore[union-attr]
            return {}
        self._root = found[2]
        return found[1]

    def _at(self, offset: int) -> tuple[int, int]:
        line, column = self._lines(offset)
        return line + 1, column + 1

    def locate(self, path: Sequence[str | int]) -> tuple[int, int] | None:
        """Return the 1-based (line, column) of ``path``, or of its nearest ancestor."""
        if self._top is None:
            self._top = self._index()
        if not path or not isinstance(path[0], str) or path[0] not in self._top:
            return self._at(self._root)
        key_at, value_at, value_end, items = self._top[path[0]]
        if len(path) < 2:
            return self._at(key_at)
        if items is None:  # an object or a scalar: find its values on demand
            inner = self._inner_at((path[0], None), value_at, value_end)
            found = inner.locate(path[1:])
            # (a path that is not there stands at the key, as json_positions has it)
            return self._at(key_at) if found == self._at(value_at) else found
        if not isinstance(path[1], int) or not 0 <= path[1] < len(items):
            return self._at(key_at)
        start, end = items[path[1]]
        if len(path) == 2:
            places = self._item_places.get(path[0])
            if places is None:
                places = self._item_places[path[0]] = self._places_of(items)
            return places[path[1]]
        return self._inner_at((path[0], path[1]), start, end).locate(path[2:])

    def _places_of(self, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The 1-based (line, column) of every element of a list, in one pass over its text.

        Counting the line breaks between one element and the next costs far less than
        finding every line of a large file, and findings often point at most elements.
        """
        text = self._text
        count, rfind = text.count, text.rfind
        places = []
        previous = items[0][0] if items else 0
        line = 1 + count("\n", 0, previous)
        line_start = rfind("\n", 0, previous) + 1
        for start, _ in items:
            breaks = count("\n", previous, start)
            if breaks:  # (only the text since the last item is read: one line or many)
                line += breaks
                line_start = rfind("\n", previous, start) + 1
            previous = start
            places.append((line, start - line_start + 1))
        return places

    def _inner_at(self, key: tuple[str, int | None], start: int, end: int) -> Positions:
        inner = self._inner.get(key)
        if inner is None:
            found, _ = json_positions(self._text[start:end])
            inner = Positions(found._root, lambda offset: self._lines(offset + start))
            self._inner[key] = inner
        return inner


class ItemPlaces:
    """Where each item of a map read from another format stands in its file, by item id.

    A reader gives its map this as the origin's positions, so that the findings of
    ``argmap check`` are located: ``place_of(id, rest)`` finds an item (``rest`` is the
    path inside it, e.g. ``("text",)``), ``elsewhere(path)`` anything else.

    Examples:
        >>> class Map:  # stands in for an ArgumentMap
        ...     claims = [type("Claim", (), {"id": "k1"})()]
        >>> places = ItemPlaces(Map(), lambda ident, rest: {"k1": (3, 1)}.get(ident))
        >>> places.locate(("claims", 0, "text")), places.locate(("thesis",))
        ((3, 1), None)
    """

    def __init__(
        self,
        amap: Any,
        place_of: Callable[[str, Sequence[str | int]], tuple[int, int] | None],
        elsewhere: Callable[[Sequence[str | int]], tuple[int, int] | None] | None = None,
    ) -> None:
        self.amap = amap
        self.place_of = place_of
        self.elsewhere = elsewhere

    def locate(self, path: Sequence[str | int]) -> tuple[int, int] | None:
        """Return the 1-based (line, column) of ``path``, when known."""
        if len(path) >= 2 and path[0] in ("claims", "evidence", "inferences"):
            items = getattr(self.amap, str(path[0]))
            number = path[1]
            if isinstance(number, int) and 0 <= number < len(items):
                return self.place_of(items[number].id, path[2:])
        return self.elsewhere(path) if self.elsewhere is not None else None


_HUGE_NUMBER = re.compile(r"\d{4000,}")


def load_json(
    text: str, *, repeats: bool = True, items: bool = False
) -> tuple[Any, Positions | JsonItemPositions | None, list[Problem]]:
    """Parse JSON strictly, as the files of every JSON format are read.

    JSON has no ``NaN``, ``Infinity`` or numbers too large for a float, and a key given
    twice in one object is a mistake that ``json.loads`` passes over (the last one wins):
    all of these are problems, located (without a file name) and with a hint. Finding
    repeated keys costs a second pass when there are some; ``repeats=False`` skips the
    check. Returns the data (None after a syntax error), the positions when they were
    worked out (to locate repeated keys, or with ``items=True`` where each item of the
    top-level lists stands, found while parsing), and the problems.

    Examples:
        >>> load_json('{"a": 1,\\n "a": 2}')[2][0].message
        '`a` is given twice in this mapping (first at line 1)'
        >>> load_json('{"a": NaN}')[2][0].message
        '`NaN` is not a JSON number'
    """
    repeated = False

    def pairs_to_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        result = dict(pairs)
        if len(result) != len(pairs):
            repeated = True
        return result

    def not_a_number(name: str) -> float:
        raise ValueError(f"`{name}` is not a JSON number")

    def finite(number: str) -> float:
        value = float(number)
        if value in (float("inf"), float("-inf")):
            raise ValueError(f"the number `{number[:40]}` is too large")
        return value

    def problem(message: str, offset: int | None = None, hint: str | None = None) -> Problem:
        at = _LineIndex(text)(offset) if offset is not None else None
        where = Location(None, at[0] + 1, at[1] + 1) if at is not None else Location(None)
        return Problem("syntax-error", message, where, hint=hint)

    decoder = json.JSONDecoder(
        object_pairs_hook=pairs_to_dict if repeats else None,
        parse_constant=not_a_number,
        parse_float=finite,
    )
    if items:
        found = _load_by_items(text, decoder)
        if found is not None and not repeated:
            return found[0], JsonItemPositions(text, found[1], found[2]), []
        repeated = False  # parsed again below, to find what is wrong
    try:
        if text.startswith("\ufeff"):  # as json.loads says it (the decoder is made once)
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        data = decoder.decode(text)
    except json.JSONDecodeError as err:
        hint = None
        if "Expecting property name" in err.msg or "Expecting value" in err.msg:
            hint = "look for a trailing comma, a missing value or a file cut short"
        elif "delimiter" in err.msg:
            hint = "look for a missing comma or quote just before this point"
        return None, None, [problem(f"this is not valid JSON: {err.msg}", err.pos, hint)]
    except RecursionError:
        return None, None, [Problem("too-deep", "the JSON is nested too deeply", Location(None))]
    except ValueError as err:  # NaN, Infinity, 1e999, an integer of thousands of digits
        if "JSON number" in str(err) or "too large" in str(err):
            hint = "JSON has no such number: write the value as a string, or leave it out"
            word = str(err).split("`")[1]  # the constant or the start of the number
            where = re.search(r"(?<=[:\[,])\s*(" + re.escape(word) + ")", text)
            return None, None, [problem(str(err), where.start(1) if where else None, hint)]
        huge = _HUGE_NUMBER.search(text)
        return (
            None,
            None,
            [
                problem(
                    "a number in the file has thousands of digits",
                    huge.start() if huge else None,
                    "numbers in these files are short; is the file damaged?",
                )
            ],
        )
    if not repeated:
        return data, None, []
    positions, problems = json_positions(text)
    return data, positions, problems
