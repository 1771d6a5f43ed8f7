"""Many maps at once: the map files named on a command line, folders walked for them.

Examples:
    >>> found = collect(["examples/texts", "examples/crisis_core.yaml"])
    >>> [str(p) for p in found.files], found.skipped  # the .txt in texts/ is not a map
    (['examples/crisis_core.yaml'], 1)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, TypeVar

from argmap.formats import FORMATS, Format


def map_suffixes() -> tuple[str, ...]:
    """The suffixes of the files a folder is walked for: those of the formats argmap reads.

    With ``--from`` naming a format, these files are all read as that format (another
    tool's files are often plain ``.json``).

    Examples:
        >>> ".argdown" in map_suffixes() and ".mmd" not in map_suffixes()
        True
    """
    readable: list[Format] = [f for f in FORMATS.values() if f.readable]
    return tuple(sorted({s for f in readable for s in f.suffixes}, key=lambda s: (-len(s), s)))


def is_map_file(path: Path, suffixes: Iterable[str]) -> bool:
    """Whether ``path``'s name ends with one of ``suffixes`` (and has more than a suffix)."""
    name = path.name.lower()
    return any(name.endswith(s) and len(name) > len(s) for s in suffixes)


@dataclass
class Collected:
    """The map files found, in order, and how many other files the folders held."""

    files: list[Path] = field(default_factory=list)
    skipped: int = 0
    """Files in the folders walked whose suffix is not one of a map (texts, notes, ...)."""
    folders: int = 0
    """How many of the paths given were folders."""
    empty: list[Path] = field(default_factory=list)
    """The folders given in which no map file was found (e.g. a mistyped folder of texts)."""


def collect(
    paths: Iterable[str | Path],
    *,
    exclude: Iterable[str | Path] = (),
) -> Collected:
    """Return the files to work on: each file given, and the map files in each folder given.

    A file named on the command line is always taken (its format may be named with
    ``--from``); a folder is walked (sorted, recursively, hidden files and folders left out)
    for files of the suffixes argmap reads. Files in ``exclude`` (e.g. the reference map
    inside a class folder) are left out of the folders; named on their own, they are
    taken. A file named twice is taken once, and so is a folder's other file in
    ``skipped``. A folder from which no file was taken is listed in ``empty``.
    """
    suffixes = map_suffixes()
    left_out = {Path(p).resolve() for p in exclude}
    found = Collected()
    seen: set[Path] = set()
    others: set[Path] = set()  # so that a folder given twice (or inside another) counts once

    def take(path: Path, walked: bool = True) -> bool:
        resolved = path.resolve()
        if walked and resolved in left_out:
            return False
        if resolved not in seen:
            seen.add(resolved)
            found.files.append(path)
        return True

    for given in paths:
        path = Path(given)
        if not path.is_dir():
            take(path, walked=False)  # missing or not a map: reading it says so, located
            continue
        found.folders += 1
        taken = False
        for folder, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(names):
                if name.startswith("."):
                    continue
                file = Path(folder) / name
                if is_map_file(file, suffixes):
                    taken = take(file) or taken
                else:
                    others.add(file.resolve())
        if not taken:
            found.empty.append(path)
    found.skipped = len(others)
    return found


T = TypeVar("T")


def progress(
    items: Sequence[T],
    what: str,
    *,
    stream: TextIO | None = None,
    delay: float = 0.5,
) -> Iterator[T]:
    """Yield ``items``, drawing a progress bar on ``stream`` (stderr) while the work is long.

    The bar is drawn only when the stream is a terminal, there is more than one item and
    ``delay`` seconds have passed; it is wiped when the work is done (or stopped), so a
    finished run leaves nothing on the screen and a redirected or piped stream gets nothing.
    An item counts as done when the next one is asked for.

    Examples:
        >>> import io
        >>> stream = io.StringIO()  # not a terminal
        >>> list(progress(["a.yaml", "b.yaml"], "checking", stream=stream)), stream.getvalue()
        (['a.yaml', 'b.yaml'], '')
    """
    out = sys.stderr if stream is None else stream
    if len(items) < 2 or out is None or not out.isatty():
        yield from items
        return
    from tqdm import tqdm  # only when a bar can be seen

    with tqdm(total=len(items), desc=what, unit="file", file=out, leave=False, delay=delay) as bar:
        for item in items:
            yield item
            bar.update()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summarize(
    verb: str,
    files: int,
    counts: Iterable[str] = (),
    *,
    unusable: int = 0,
    unusable_as: str = "could not be read",
    skipped: int = 0,
) -> str:
    """Return the one line that ends a run over many files.

    ``files`` counts every file worked on, those that could not be used (``unusable``)
    among them; ``skipped`` counts the other files the folders held.

    Examples:
        >>> print(summarize("checked", 3, ["1 error", "4 warnings", "0 info"], unusable=1,
        ...                 unusable_as="could not be checked", skipped=2))
        checked 3 files: 1 error, 4 warnings, 0 info; 1 could not be checked; 2 other files skipped.
        >>> summarize("measured", 1)
        'measured 1 file.'
    """
    text = f"{verb} {_plural(files, 'file')}"
    listed = ", ".join(counts)
    if listed:
        text += f": {listed}"
    if unusable:
        text += f"; {unusable} {unusable_as}"
    if skipped:
        text += f"; {_plural(skipped, 'other file')} skipped"
    return text + "."
