"""Parse YAML into plain data, remembering where every piece stands.

YAML is read with the YAML 1.2 core schema: ``no``, ``on`` and ``1917-09-29``
stay text (PyYAML's YAML 1.1 rules would make them booleans and dates). Aliases
are allowed, but not so many that they expand a small file into a huge one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import yaml

from argmap.errors import Location, Problem
from argmap.files import lone_surrogate
from argmap.formats.positions import MAX_DEPTH, LineIndex, Positions, PosNode, packed_of

MAX_ALIAS_EXPANSION = 1_000_000
"""How much YAML aliases may add to a document, counted in characters of text plus one
per node, beyond ten times the file's own size: a guard against alias bombs."""


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
    lines = LineIndex(text)
    mark, message, hint = _explain_syntax_error(err, text, lines)
    location = None
    if mark is not None:
        line, column = lines(mark.index)
        location = Location(None, line + 1, column + 1)
    return Problem("syntax-error", f"YAML syntax error: {message}", location, hint=hint)


def _explain_syntax_error(
    err: yaml.YAMLError, text: str, lines: LineIndex
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
        return None, Positions(0, LineIndex(text)), [replace(surrogate, code="syntax-error")]
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
    lines = LineIndex(text)  # libyaml's own lines also break at U+2028, U+2029 and U+0085
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
            first_line = lines(packed_of(children[key]))[0] + 1
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
