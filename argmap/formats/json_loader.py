"""Parse JSON strictly into plain data, remembering where every piece stands."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from json.scanner import make_scanner
from typing import Any

from argmap.errors import Location, Problem
from argmap.formats.positions import LineIndex, Positions, PosNode, packed_of

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def json_positions(text: str) -> tuple[Positions, list[Problem]]:
    """Find where each value of a valid JSON document stands, and its duplicate keys.

    Examples:
        >>> positions, problems = json_positions('{"claims": [\\n  {"id": "a", "id": "b"}]}')
        >>> positions.locate(("claims", 0, "id")), [p.message for p in problems]
        ((2, 4), ['`id` is given twice in this mapping (first at line 2)'])
    """
    lines = LineIndex(text)
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
    stack: list[list[Any]], node: PosNode, problems: list[Problem], lines: LineIndex
) -> None:
    parent = stack[-1]
    children = parent[0]
    if isinstance(children, list):
        children.append(node)
        return
    key, key_pos = parent[2], parent[3]
    if key in children:
        first_line = lines(packed_of(children[key]))[0] + 1
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
        self._lines = LineIndex(text)
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
        at = LineIndex(text)(offset) if offset is not None else None
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
