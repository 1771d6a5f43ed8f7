"""The YAML and JSON readers that remember where everything stands."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from argmap.formats.json_loader import JsonItemPositions, json_positions, load_json
from argmap.formats.yaml_loader import parse_yaml, resolve_plain


def test_yaml_core_schema() -> None:
    data, _, problems = parse_yaml(
        "a: 1\nb: -2.5\nc: true\nd: False\ne: ~\nf: null\ng: 0x1F\nh: 0o17\ni: .inf\n"
        "j: no\nk: 1917-09-29\nl: '1'\nm: !!str 2\nn: !!float 3\no: 1_000\n"
    )
    assert problems == []
    assert data == {
        "a": 1,
        "b": -2.5,
        "c": True,
        "d": False,
        "e": None,
        "f": None,
        "g": 31,
        "h": 15,
        "i": float("inf"),
        "j": "no",
        "k": "1917-09-29",
        "l": "1",
        "m": "2",
        "n": 3.0,
        "o": "1_000",
    }


def test_yaml_positions_point_at_keys_and_items() -> None:
    text = "title: T\nclaims:\n  - id: a\n    text: A\n  - {id: b, text: B}\n"
    _data, positions, _ = parse_yaml(text)
    assert positions.locate(("title",)) == (1, 1)
    assert positions.locate(("claims",)) == (2, 1)
    assert positions.locate(("claims", 0)) == (3, 5)
    assert positions.locate(("claims", 0, "text")) == (4, 5)
    assert positions.locate(("claims", 1, "text")) == (5, 13)
    assert positions.locate(("claims", 1, "nope")) == (5, 5)
    assert positions.locate(()) == (1, 1)


def test_unsupported_tag_is_reported() -> None:
    _, _, problems = parse_yaml("a: !!python/object:os.system x\n")
    assert [p.code for p in problems] == ["syntax-error"]
    assert "not supported" in problems[0].message


def test_json_positions() -> None:
    text = '{\n  "claims": [\n    {"id": "a", "text": "A \\" [x]"},\n    {"id": "b"}\n  ]\n}'
    positions, problems = json_positions(text)
    assert problems == []
    assert positions.locate(("claims", 0, "text")) == (3, 17)
    assert positions.locate(("claims", 1)) == (4, 5)
    assert positions.locate(("claims", 1, "id")) == (4, 6)


def test_plain_text_resolves_to_itself() -> None:
    for text in ["peasant revolt", "no", "yes", "on", "1917-09-29"]:
        assert resolve_plain(text) is text


# YAML allows no raw control characters but tab and line breaks.
texts = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(texts, json_values, max_size=5))
def test_json_style_yaml_reads_as_json_does(document: dict[str, object]) -> None:
    """YAML 1.2 is a superset of JSON: flow-style YAML reads as JSON does.

    (Not JSON's surrogate-pair escapes, which libyaml refuses: argmap reads JSON files
    with the json module.)
    """
    text = json.dumps(document, indent=1, ensure_ascii=False)
    data, _, problems = parse_yaml(text)
    assert problems == []
    assert data == document


@given(st.dictionaries(st.text(max_size=8), json_values, max_size=5))
def test_every_json_key_is_located(document: dict[str, object]) -> None:
    text = json.dumps(document, indent=1)
    positions, problems = json_positions(text)
    assert problems == []
    lines = text.split("\n")
    for key in document:
        line, column = positions.locate((key,))  # type: ignore[misc]
        assert lines[line - 1][column - 1 :].startswith(json.dumps(key))


def test_control_character_is_located_in_characters_not_bytes() -> None:
    _, _, problems = parse_yaml("a: кризис\nb: кризис\x7f\n")
    assert len(problems) == 1
    assert problems[0].location is not None
    assert (problems[0].location.line, problems[0].location.column) == (2, 10)
    assert "U+007F" in problems[0].message


def test_unicode_line_separators_do_not_shift_lines() -> None:
    """Text pasted from Word or PDFs holds U+2028 or NEL; editors count only \\n as a line."""
    text = 'title: "a\u2028b\x85c"\nclaims:\n  - {id: a, txt: A}\n'
    _, positions, problems = parse_yaml(text)
    assert problems == []
    assert positions.locate(("claims", 0, "txt")) == (3, 13)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ('text: "Peace\u2028Land"\n', {"text": "Peace\u2028Land"}),
        ("text: Peace\u2028Land\n", {"text": "Peace\u2028Land"}),
        ("text: |\n  Peace\u2029Land\n", {"text": "Peace\u2029Land\n"}),
        ('text: "Peace\x85Land"\n', {"text": "Peace\x85Land"}),  # libyaml folded it to " "
        ('{"\u2028": null, "k": ["a\u2028"]}', {"\u2028": None, "k": ["a\u2028"]}),
    ],
)
def test_unicode_line_separators_are_text_as_yaml_1_2_says(
    document: str, expected: dict[str, object]
) -> None:
    data, positions, problems = parse_yaml(document)
    assert problems == []
    assert data == expected
    assert positions.locate(("text",) if "text" in expected else ("k", 0)) is not None


json_scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
json_items = st.dictionaries(
    st.text(max_size=4), json_scalars | st.lists(json_scalars, max_size=3), max_size=4
)
json_maps = st.dictionaries(
    st.text(max_size=6),
    json_scalars | st.lists(json_items | json_scalars, max_size=4) | json_items,
    max_size=5,
)


def every_path(value: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    paths = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            paths += every_path(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            paths += every_path(item, (*path, i))
    return paths


@given(json_maps, st.sampled_from([None, 0, 2]), st.booleans())
def test_item_positions_agree_with_every_token(
    document: dict[str, object], indent: int | None, ascii_only: bool
) -> None:
    text = json.dumps(document, indent=indent, ensure_ascii=ascii_only)
    quick = JsonItemPositions(text)
    data, while_parsing, problems = load_json(text, items=True)  # found as it parses
    assert data == document
    assert problems == []
    full, _ = json_positions(text)
    for path in every_path(document):
        assert quick.locate(path) == full.locate(path), path
        assert while_parsing is not None
        assert while_parsing.locate(path) == full.locate(path)
    assert quick.locate(("no such key", 3)) == full.locate(("no such key", 3))


@pytest.mark.parametrize(
    "text",
    [
        '{"a": [1,]}',
        '{"a": [1 2]}',
        '{"a": 1,}',
        '{"a": 1 "b": 2}',
        '{"a": [1, 2',
        '{"a" 1}',
        '{"a": 1} x',
        '{"a": [NaN]}',
        '{"a": [1e999]}',
        '{"a": 1, "a": 2}',
        '{"a": [{"b": 1, "b": 2}]}',
        "\ufeff{}",
        "[1, 2]",
        '"text"',
    ],
)
def test_items_found_while_parsing_change_no_error(text: str) -> None:
    """Parsing item by item gives the same data and problems as parsing whole."""
    whole, _, whole_problems = load_json(text)
    by_items, _, problems = load_json(text, items=True)
    assert by_items == whole
    assert problems == whole_problems


@given(json_maps, st.sampled_from([None, 0, 2]), st.sampled_from(["", " ", "\n\t "]))
def test_items_found_while_parsing_give_the_same_data(
    document: dict[str, object], indent: int | None, around: str
) -> None:
    """Item by item, the data is json.loads's, value for value and type for type."""
    text = around + json.dumps(document, indent=indent) + around
    data, positions, problems = load_json(text, items=True)
    assert problems == []
    assert isinstance(positions, JsonItemPositions)  # parsed item by item, not whole
    assert json.dumps(data) == json.dumps(json.loads(text))  # (1, 1.0 and True told apart)


def test_a_key_written_once_escaped_and_once_raw_is_a_duplicate() -> None:
    _, _, problems = parse_yaml('"k\\L": 1\nk\u2028: 2\n')
    assert [p.code for p in problems] == ["duplicate-key"]
    assert "k\u2028" in problems[0].message  # the key as written, not its stand-in


@pytest.mark.parametrize(
    ("text", "where"),
    [('{"a": "NaN",\n "b": NaN}', (2, 7)), ('{"a": [1,\n  1e999]}', (2, 3))],
)
def test_numbers_json_has_not_are_located(text: str, where: tuple[int, int]) -> None:
    _, _, problems = load_json(text)
    assert problems[0].location is not None
    assert (problems[0].location.line, problems[0].location.column) == where
    assert problems[0].hint is not None


# A YAML syntax error is located where the broken construct starts, when that is the mistake.

UNCLOSED: list[tuple[str, tuple[int, int | None], str]] = [
    # (text, (line, column), words of the message)
    (
        'argmap: 1\ntitle: "The crisis\nclaims: []\nthesis: a\n',
        (2, 8),
        "the quote opened at line 2, column 8 is never closed; the file ends at line 5, column 1",
    ),
    (
        "argmap: 1\ntitle: 'Lenin''s theses\nclaims: []\n",
        (2, 8),
        "the quote opened at line 2, column 8 is never closed; the file ends at line 4, column 1",
    ),
    (
        'title: "x\u2028y"\nthesis: "open\n',  # U+2028 breaks no line
        (2, 9),
        "the quote opened at line 2, column 9 is never closed; the file ends at line 3, column 1",
    ),
    (
        'title: "The crisis\n---\nthesis: a\n',
        (1, 8),
        "the quote opened at line 1, column 8 is never closed; the `---` at line 2, column 1",
    ),
    (
        "argmap: 1\nclaims: [{id: a, text: A}\ninferences: []\n",
        (2, 9),
        "the `[` opened at line 2, column 9 is never closed",
    ),
    (
        "argmap: 1\nclaims:\n  - {id: a, text: A\n  - {id: b, text: B}\n",
        (3, 5),
        "the `{` opened at line 3, column 5 is never closed",
    ),
    (
        "argmap: 1\npremises: [a, b",
        (2, 11),
        "the `[` opened at line 2, column 11 is never closed; the file ends at line 2, column 16",
    ),
    (
        "argmap: 1\nclaims\n  - a\n",  # a key without its colon
        (2, 1),
        "the key at line 2, column 1 is not followed by `:`",
    ),
]

MISPLACED: list[tuple[str, tuple[int, int | None], str]] = [
    # the construct is closed: the problem's own place is the useful one
    (
        "claims: [\n  {id: a, text: A},\n  {id: b, text: B}\n  {id: c, text: C}\n]\n",
        (4, 3),
        "where `,` or `]` was expected, inside the `[` opened at line 1, column 9",
    ),
    (
        "claims: [{id: a text: A}]\n",
        (1, 21),
        "where `,` or `}` was expected, inside the `{` opened at line 1, column 10",
    ),
    (
        'claims: [{id: a, text: "see [1] and }"} {id: b}]  # ]\n',  # brackets in quotes
        (1, 41),
        "found `{` where `,` or `]` was expected, inside the `[` opened at line 1, column 9",
    ),
    (
        "argmap: 1\nsources:\n  s:\n    title: S\n   path: s.txt\n",
        (5, 4),
        "(in the mapping that starts at line 3, column 3)",
    ),
    (
        "claims:\n  - id: a\n    text: A\n   - id: b\n",
        (4, 4),
        "(in the list that starts at line 2, column 3)",
    ),
    (
        'title: "bad \\q escape"\n',
        (1, None),
        "(while ",
    ),
]


@pytest.mark.parametrize("libyaml", [True, False], ids=["libyaml", "pure-python"])
@pytest.mark.parametrize(
    ("text", "place", "words"),
    UNCLOSED + MISPLACED,
    ids=[
        "double-quote",
        "single-quote",
        "quote-after-u2028",
        "quote-cut-by-document-marker",
        "flow-sequence",
        "flow-mapping-in-list",
        "flow-sequence-at-end",
        "key-without-colon",
        "missing-comma-in-sequence",
        "missing-comma-in-mapping",
        "missing-comma-after-quoted-brackets",
        "block-mapping-indentation",
        "block-list-indentation",
        "unknown-escape",
    ],
)
def test_yaml_syntax_error_points_where_the_construct_breaks(
    text: str,
    place: tuple[int, int | None],
    words: str,
    libyaml: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if libyaml and not yaml.__with_libyaml__:
        pytest.skip("this PyYAML was built without libyaml, its C parser (PyPI wheels have it)")
    monkeypatch.setattr(yaml, "__with_libyaml__", libyaml)
    data, _, problems = parse_yaml(text)
    assert data is None
    assert [p.code for p in problems] == ["syntax-error"]
    problem = problems[0]
    assert problem.location is not None
    line, column = place
    assert problem.location.line == line
    if column is not None:
        assert problem.location.column == column
    assert words in problem.message
    assert problem.message.startswith("YAML syntax error: ")


def test_unclosed_quote_hint_says_how_to_close_and_escape() -> None:
    _, _, problems = parse_yaml('title: "The crisis\n')
    assert problems[0].hint == 'close it with `"`; inside it, write a `"` as `\\"`'
    _, _, problems = parse_yaml("title: 'The crisis\n")
    assert problems[0].hint == "close it with `'`; inside it, write a `'` as `''`"


def test_block_mapping_indentation_hint_names_the_column() -> None:
    _, _, problems = parse_yaml("argmap: 1\nsources:\n  s:\n    title: S\n   path: s.txt\n")
    assert problems[0].hint == "check the indentation: the keys of this mapping start at column 3"
