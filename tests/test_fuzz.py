"""A mutation fuzzer over every reader: a broken file is an error a user can read, never a crash.

Each case takes a valid file of one format, breaks it with a few random edits (cuts,
copies, structural characters, NUL, lone surrogates, huge numbers, climbing paths), and
reads it from a file and from text. Reading must give a map, which argmap then checks,
draws and writes without raising, or an :class:`ArgmapError` whose every problem has a
message and names the file. Any other exception is a bug.

The budget is a number of cases, not seconds: ``ARGMAP_FUZZ_EXAMPLES`` per format (40 by
default, derandomized so that CI sees the same cases every run); ``make fuzz`` runs many
more with fresh random cases.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap.formats import FORMATS, dumps, native
from argmap.render import to_dot
from tests.conftest import EXAMPLES, ROOT

EXAMPLES_PER_FORMAT = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "40"))
RANDOM = os.environ.get("ARGMAP_FUZZ_RANDOM") == "1"

DATA = ROOT / "tests" / "data"

TOKENS = [
    '"',
    "'",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\n",
    "  ",
    "- ",
    "#",
    "&a ",
    "*a",
    "!!str ",
    "!tag ",
    "%",
    "\\",
    "\\N",
    "<",
    ">",
    "</",
    "&#106;",
    "\x00",
    "\udc80",
    "\u2028",
    "\ufeff",
    "\t",
    "null",
    "~",
    "true",
    "1e999",
    "-1",
    "0",
    "99999999999999999999",
    '""',
    "[]",
    "{}",
    "NaN",
    "id: x",
    "text: ",
    "path: ../../etc/passwd",
    "/",
    "...",
    "$ref",
    "\u0301",
    "x" * 300,
]


@cache
def seeds() -> dict[str, str]:
    """A valid text of each readable format: the worked example written in it, or a file of
    ours for the formats argmap only reads."""
    amap = argmap.read(EXAMPLES / "crisis_has_matured.yaml")
    texts: dict[str, str] = {}
    for name, found in FORMATS.items():
        if not found.readable:
            continue
        if found.writable:
            text, _ = dumps(amap, name)
            texts[name] = text if isinstance(text, str) else text.decode("utf-8")
    texts["microtexts"] = (DATA / "microtexts" / "sample.xml").read_text(encoding="utf-8")
    texts["kialo"] = (DATA / "kialo" / "energy.kialo").read_text(encoding="utf-8")
    return texts


def test_every_readable_format_has_a_seed() -> None:
    assert set(seeds()) == {name for name, found in FORMATS.items() if found.readable}


@st.composite
def mutated(draw: st.DrawFn, seed: str) -> str:
    """``seed`` with one to four edits, each at a random place."""
    text = seed
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        length = draw(st.integers(0, 40))
        edit = draw(st.sampled_from(["cut", "insert", "copy", "text"]))
        if edit == "cut":
            text = text[:at] + text[at + length :]
        elif edit == "insert":
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif edit == "copy":  # a slice again elsewhere: repeated ids, keys, elements
            start = draw(st.integers(0, len(text)))
            text = text[:at] + text[start : start + length * 4] + text[at:]
        else:
            text = text[:at] + draw(st.text(max_size=8)) + text[at + length :]
    return text


def _from_text(format: str, text: str, file: Path) -> argmap.ArgumentMap:
    found = FORMATS[format]
    if found.native:
        return native.loads(text, format, file=file)  # type: ignore[arg-type]
    return found.reader().from_text(text, file=file)[0]


def _use(amap: argmap.ArgumentMap) -> None:
    """What a user does next with a map that was read: none of it may raise."""
    argmap.check(amap)
    to_dot(amap)
    dumps(amap, "yaml")


def _assert_readable(err: argmap.ArgmapError, file: Path) -> None:
    assert err.problems, "an error with no problem in it"
    for problem in err.problems:
        assert problem.message.strip(), problem
        assert problem.location is not None, problem
        assert problem.location.file is not None, problem
        assert Path(problem.location.file).name == file.name, problem
        assert len(problem.message) < 2_000, problem.message[:200]


@pytest.mark.parametrize("format", sorted(n for n, f in FORMATS.items() if f.readable))
def test_a_broken_file_is_an_error_not_a_crash(format: str) -> None:
    seed = seeds()[format]
    suffix = FORMATS[format].suffixes[0]
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / f"fuzzed{suffix}"
        (Path(folder) / "texts").mkdir()

        @settings(
            max_examples=EXAMPLES_PER_FORMAT,
            derandomize=not RANDOM,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )
        @given(text=mutated(seed))
        def case(text: str) -> None:
            file.write_bytes(text.encode("utf-8", "surrogatepass"))
            readers: list[Callable[[], argmap.ArgumentMap]] = [
                lambda: argmap.read(file, format=format),
                lambda: _from_text(format, text, file),
            ]
            for read in readers:
                try:
                    amap = read()
                except argmap.ArgmapError as err:
                    _assert_readable(err, file)
                else:
                    _use(amap)

        case()
