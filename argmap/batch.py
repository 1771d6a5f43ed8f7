"""Many maps at once: the map files named on a command line, folders walked for them.

Examples:
    >>> found = collect(["examples/texts", "examples/crisis_core.yaml"])
    >>> [str(p) for p in found.files], found.skipped  # the .txt in texts/ is not a map
    (['examples/crisis_core.yaml'], 1)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
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
R = TypeVar("R")


def progress(
    items: Iterable[T],
    what: str,
    *,
    total: int | None = None,
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
    if total is None:
        items = list(items)
        total = len(items)
    if total < 2 or out is None or not out.isatty():
        yield from items
        return
    from tqdm import tqdm  # only when a bar can be seen

    with tqdm(total=total, desc=what, unit="file", file=out, leave=False, delay=delay) as bar:
        for item in items:
            yield item
            bar.update()


def default_jobs() -> int:
    """The number of processes a batch uses unless told: the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def run_each(
    work: Callable[[T], R],
    items: Sequence[T],
    what: str,
    *,
    jobs: int = 1,
    scheduler: str | None = None,
    stream: TextIO | None = None,
) -> list[R]:
    """Return ``[work(item) for item in items]``, in their order, with a progress bar.

    ``work`` runs in this process when ``jobs`` is 1 (or there is one item), else in a pool
    of ``jobs`` processes; with ``scheduler`` (the address of a Dask ``distributed``
    scheduler, e.g. ``tcp://10.0.0.5:8786``) on that cluster's workers, as a Dask bag. In
    both of the latter, ``work`` and the items go to other processes: ``work`` must be a
    module-level function or an instance of a module-level class (picklable), and what it
    returns must be picklable too. Each item is worked on independently, so the results
    are the same whichever way they were computed.

    Examples:
        >>> run_each(str.upper, ["a", "b"], "shouting", jobs=2)
        ['A', 'B']
    """
    if scheduler is not None:
        return _on_dask(work, items, scheduler)
    if jobs <= 1 or len(items) < 2:
        return [work(item) for item in progress(items, what, stream=stream)]
    import gc
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # (Windows' pool takes 61 processes at most; more processes than cores only wait.)
    workers = min(jobs, len(items), 61, 4 * default_jobs())
    # Many small maps: send them in chunks, so that a process is not paid for per file, but
    # small enough chunks that every process has work until the end.
    chunk = max(1, min(256, len(items) // (workers * 4)))
    # fork on Linux: the workers start with argmap imported, in milliseconds. (macOS's
    # Python no longer forks by default, as a forked process may crash there.)
    fork = sys.platform == "linux"
    context = multiprocessing.get_context("fork" if fork else None)
    # Frozen, the objects the workers inherit are never walked by their collector, so their
    # memory pages are not copied (as the gc module's documentation advises before a fork).
    freeze = fork and gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_quiet_worker)
    try:
        done = pool.map(work, items, chunksize=chunk)
        return list(progress(done, what, total=len(items), stream=stream))
    except BrokenProcessPool:
        from argmap.errors import ArgmapError, Problem

        raise ArgmapError(
            Problem(
                "worker-died",
                f"a process working on the files ended abruptly ({what}; out of memory?)",
                None,
                hint="run again with --jobs 1 to see which file, or with fewer jobs",
            )
        ) from None
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if freeze:
            gc.unfreeze()


def _quiet_worker() -> None:
    """In a worker: leave Ctrl-C to the parent, which stops the pool (no worker prints a
    traceback of its own)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _on_dask(work: Callable[[T], R], items: Sequence[T], scheduler: str) -> list[R]:
    """Run ``work`` over ``items`` as a Dask bag on the cluster at ``scheduler``."""
    from argmap.errors import MapFileError, Problem

    try:
        import dask.bag
        from distributed import Client
    except ImportError:
        raise MapFileError(
            Problem(
                "missing-dependency",
                "--scheduler runs the work on a Dask cluster, and Dask is not installed",
                None,
                hint="pip install 'argmap[dask]'",
            )
        ) from None
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except OSError as err:
        raise MapFileError(
            Problem(
                "no-scheduler",
                f"cannot reach the Dask scheduler at {scheduler}: {err}",
                None,
                hint="start one with `dask scheduler` and workers with `dask worker ADDRESS`, "
                "each with argmap installed",
            )
        ) from None
    with client:
        parts = max(1, min(len(items), 8 * max(1, len(client.nthreads()))))
        bag = dask.bag.from_sequence(items, npartitions=parts).map(work)
        results: list[R] = bag.compute(scheduler=client.get)
    return results


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
