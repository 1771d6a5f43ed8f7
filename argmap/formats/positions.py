"""Where each piece of a parsed document stands in its text: the position indexes.

The loaders of YAML (:mod:`argmap.formats.yaml_loader`) and JSON
(:mod:`argmap.formats.json_loader`) return the data with a :class:`Positions` tree, so
that an error about ``inferences[2].conclusion`` can name its line and column; a reader of
another format gives its map an :class:`ItemPlaces`, which finds each item by its id.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Any

# A position tree: a leaf is a packed position (int); a container is a tuple of its
# packed position and its children (a dict for a mapping, a list for a sequence).
# In a mapping, the position of an entry is that of its key; in a sequence, that of the item.
PosNode = int | tuple[int, "dict[str, PosNode] | list[PosNode]"]

MAX_DEPTH = 64
"""How deeply containers may nest in a map file."""


class Positions:
    """Where each piece of a parsed document stands in its text.

    Examples:
        >>> from argmap.formats.yaml_loader import parse_yaml
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


def packed_of(node: PosNode) -> int:
    return node if isinstance(node, int) else node[0]


class LineIndex:
    """Turns character offsets into (line, column), both 0-based; lines end at ``\n`` only.

    Most documents are never asked, and many once or twice (a finding about the whole
    map): the first few calls count the line breaks before the offset, and only then are
    all the line starts found (checking a corpus of small maps spent a tenth of its time
    finding every line of each file for one place).

    Examples:
        >>> lines = LineIndex("ab\\ncd\\ne")
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
