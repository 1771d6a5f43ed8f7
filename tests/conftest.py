"""Shared fixtures: the example maps and a way to write a map file and read it."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

import argmap

# Property tests are not timed: a shared or slow machine must not fail them (speed is
# measured by benchmarks/, never by tests).
settings.register_profile("argmap", deadline=None)
settings.load_profile("argmap")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORE_MAP = EXAMPLES / "crisis_core.yaml"
CORPUS_DIR = Path(os.environ.get("ARGMAP_CORPUS_DIR") or ROOT.parent / "shared" / "data")
"""Real argument maps of other tools (not ours to copy into the repo): the shared data
folder beside the clone, or the folder that ARGMAP_CORPUS_DIR names."""


def corpus_files(*parts: str, pattern: str) -> list[Path]:
    """The files of a corpus folder matching ``pattern``, to parametrize tests with: none
    when the corpus is not on this machine (a test calling :func:`corpus` then says so)."""
    folder = CORPUS_DIR.joinpath(*parts)
    return sorted(folder.rglob(pattern)) if folder.is_dir() else []


def corpus(*parts: str) -> Path:
    """Return a folder of the real-data corpus; skip the test when it is not on this machine.

    Point ``ARGMAP_CORPUS_DIR`` at a copy of the shared data folder to run these tests
    elsewhere.
    """
    folder = CORPUS_DIR.joinpath(*parts)
    if not folder.is_dir():
        pytest.skip(f"{folder} is missing: set ARGMAP_CORPUS_DIR to the shared data folder")
    return folder


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden files (expected outputs) from what the code produces now",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether to rewrite golden files instead of comparing with them."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A folder holding a copy of the example source text under ``texts/``."""
    shutil.copytree(EXAMPLES / "texts", tmp_path / "texts")
    return tmp_path


@pytest.fixture
def write_map(workdir: Path) -> Callable[..., Path]:
    """Write map text (dedented) to a file in ``workdir`` and return its path."""

    def write(text: str, name: str = "map.yaml") -> Path:
        path = workdir / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture
def problems_of(write_map: Callable[..., Path]) -> Callable[..., list[argmap.Problem]]:
    """Write a map file, read it, and return the problems it was refused for."""

    def problems(text: str, name: str = "map.yaml") -> list[argmap.Problem]:
        path = write_map(text, name)
        with pytest.raises(argmap.ArgmapError) as caught:
            argmap.read(path)
        return list(caught.value.problems)

    return problems


def calls_made(action: Callable[[], object]) -> int:
    """Return how many function calls (Python and built-in) ``action`` makes.

    The work an operation does, counted the same on any machine, however loaded: tests
    compare it between inputs of two sizes to show that the work grows linearly, where a
    timing would say more about the machine than about the code. It cannot see work done
    inside one call of a built-in (``x in a_list``, ``str.find`` in a loop count one call
    each): a test of linearity should make such work show up as calls, or say why the
    built-ins it relies on are linear.
    """
    count = 0

    def profile(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return count


def assert_linear(action: Callable[[int], object], n: int, factor: int = 4) -> None:
    """Assert that ``action(factor * n)`` makes at most about ``factor`` times the calls of
    ``action(n)``: the work grows with the input, not with its square."""
    small = calls_made(lambda: action(n))
    large = calls_made(lambda: action(factor * n))
    assert large <= 1.5 * factor * small, f"{small} calls at {n}, {large} at {factor * n}"
