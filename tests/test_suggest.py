"""Did-you-mean suggestions, and the work they may do."""

from __future__ import annotations

import difflib
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap import suggest
from argmap.errors import InvalidMapError, MapFileError
from argmap.files import read_text
from argmap.suggest import closest, closest_file


@pytest.fixture(autouse=True)
def _no_listings_kept() -> Iterator[None]:
    suggest._listings.clear()
    yield
    suggest._listings.clear()


def _age(folder: Path, seconds: float = 3600) -> None:
    """Make ``folder`` look unchanged for a while (an hour), as a folder usually is."""
    then = time.time() - seconds
    os.utime(folder, (then, then))


class _Counts:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.listings = 0
        self.compared: list[int] = []  # names given to `closest`, per call
        self.weighed: list[int] = []  # names difflib compares closely, per call
        scandir, real_closest = os.scandir, suggest.closest
        get_close_matches = difflib.get_close_matches

        def counting_scandir(path: Any = ".") -> Any:
            if Path(path) == folder:
                self.listings += 1
            return scandir(path)

        def counting_closest(word: str, candidates: Sequence[str], **kw: Any) -> str | None:
            self.compared.append(len(candidates))
            return real_closest(word, candidates, **kw)

        def counting_matches(word: str, possibilities: Sequence[str], **kw: Any) -> list[str]:
            self.weighed.append(len(possibilities))
            return get_close_matches(word, possibilities, **kw)

        monkeypatch.setattr(os, "scandir", counting_scandir)
        monkeypatch.setattr(suggest, "closest", counting_closest)
        monkeypatch.setattr(difflib, "get_close_matches", counting_matches)


def _map_with_sources(folder: Path, paths: list[str]) -> Path:
    lines = ["argmap: 1", "title: T", "sources:"]
    lines += [f"  - {{id: s{i}, title: S, path: {p}}}" for i, p in enumerate(paths)]
    path = folder / "map.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_many_missing_sources_list_their_folder_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    for i in range(2_400):
        (texts / f"note_{i:04d}.md").touch()
    for i in range(600):
        (texts / f"source_{i:04d}.txt").touch()
    _age(texts)
    counts = _Counts(monkeypatch, texts)
    path = _map_with_sources(tmp_path, [f"texts/sorce_{i:04d}.txt" for i in range(300)])
    with pytest.raises(InvalidMapError) as caught:
        argmap.read(path)
    problems = list(caught.value.problems)
    assert [p.code for p in problems] == ["file-not-found"] * 300
    assert problems[7].hint == f"did you mean `{texts / 'source_0007.txt'}`?"
    assert counts.listings == 1
    # 3,000 files: only the 600 with the suffix .txt are compared, and closely only a few
    assert counts.compared == [600] * 300
    assert max(counts.weighed) <= suggest.SHORTLIST


def test_a_folder_too_large_to_compare_gets_no_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(suggest.MAX_NAMES + 1):
        (tmp_path / f"source_{i:04d}.txt").touch()
    _age(tmp_path)
    counts = _Counts(monkeypatch, tmp_path)
    for i in range(50):
        with pytest.raises(MapFileError) as caught:
            read_text(tmp_path / f"sorce_{i:04d}.txt")
        assert caught.value.problems[0].hint is None
    assert counts.listings == 1
    assert counts.compared == []


def test_a_folder_that_changes_is_listed_again(tmp_path: Path) -> None:
    (tmp_path / "crisis.txt").touch()
    _age(tmp_path)
    assert closest_file(tmp_path / "crysis.txt") == tmp_path / "crisis.txt"
    (tmp_path / "theses.txt").touch()
    _age(tmp_path, 1800)  # (the folder's time changes with it)
    assert closest_file(tmp_path / "thesis.txt") == tmp_path / "theses.txt"


def test_a_change_in_the_same_tick_shows_soon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "crisis.txt").touch()
    before = os.stat(tmp_path).st_mtime_ns
    assert closest_file(tmp_path / "crysis.txt") == tmp_path / "crisis.txt"
    (tmp_path / "theses.txt").touch()
    os.utime(tmp_path, ns=(before, before))  # a coarse clock: the folder's time is as it was
    real_time_ns = time.time_ns
    monkeypatch.setattr(time, "time_ns", lambda: real_time_ns() + 3 * 10**9)
    assert closest_file(tmp_path / "thesis.txt") == tmp_path / "theses.txt"


def test_missing_folder_gets_no_hint(tmp_path: Path) -> None:
    assert closest_file(tmp_path / "nowhere" / "crisis.txt") is None


def test_closest_weighs_a_long_list_cheaply() -> None:
    names = [f"source_{i:04d}.txt" for i in range(3_000)]
    assert closest("sorce_1234.txt", names) == "source_1234.txt"
    assert closest("a", ["b", "a"] * 20) == "a"
    assert closest("premise", ["premises", *(f"x{i}" for i in range(100))]) == "premises"
