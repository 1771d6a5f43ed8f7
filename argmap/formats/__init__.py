"""Reading and writing map files; the format comes from the file's suffix or is named.

Examples:
    >>> FORMATS["yaml"].suffixes
    ('.yaml', '.yml')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from argmap.errors import Location, MapFileError, Problem
from argmap.files import MAX_BYTES
from argmap.formats import graphml, mermaid, native
from argmap.models import ArgumentMap
from argmap.suggest import did_you_mean


@dataclass(frozen=True)
class Format:
    """A file format argmap reads and writes."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    read: Callable[[Path, int], ArgumentMap] | None
    """None for a format argmap only writes."""
    write: Callable[[ArgumentMap, Path], None]


FORMATS: dict[str, Format] = {
    "yaml": Format(
        "yaml",
        (".yaml", ".yml"),
        "argmap YAML (native)",
        lambda path, max_bytes: native.read(path, "yaml", max_bytes=max_bytes),
        lambda amap, path: native.write(amap, path, "yaml"),
    ),
    "json": Format(
        "json",
        (".json",),
        "argmap JSON (native)",
        lambda path, max_bytes: native.read(path, "json", max_bytes=max_bytes),
        lambda amap, path: native.write(amap, path, "json"),
    ),
    "mermaid": Format(
        "mermaid", (".mmd", ".mermaid"), "Mermaid flowchart (write only)", None, mermaid.write
    ),
    "graphml": Format("graphml", (".graphml",), "GraphML (write only)", None, graphml.write),
}
"""The formats by name."""


def find_format(path: str | Path, format: str | None = None, *, reading: bool = False) -> Format:
    """Return the format named ``format``, or else the one of ``path``'s suffix.

    The format is never guessed from the content.

    Raises:
        MapFileError: the name or the suffix is not one argmap knows.

    Examples:
        >>> find_format("maps/crisis.yml").name
        'yaml'
    """
    if format is not None:
        if format in FORMATS:
            return FORMATS[format]
        raise MapFileError(
            Problem(
                "unknown-format",
                f"unknown format `{format}`",
                Location(str(path)),
                hint=did_you_mean(format, FORMATS) or _known_formats(reading),
            )
        )
    suffix = Path(path).suffix.lower()
    for candidate in FORMATS.values():
        if suffix in candidate.suffixes:
            return candidate
    what = f"the suffix `{suffix}`" if suffix else "a file without a suffix"
    raise MapFileError(
        Problem(
            "unknown-format",
            f"cannot tell the format of {what}",
            Location(str(path)),
            hint=_known_formats(reading),
        )
    )


def _known_formats(reading: bool) -> str:
    chosen = [f for f in FORMATS.values() if f.read is not None or not reading]
    listed = ", ".join(f"{f.name} ({' '.join(f.suffixes)})" for f in chosen)
    verb = "reads" if reading else "writes"
    return f"argmap {verb} {listed}: give the file one of these suffixes"


def read(path: str | Path, *, format: str | None = None, max_bytes: int = MAX_BYTES) -> ArgumentMap:
    """Read a map from a file.

    Args:
        path: the file; its suffix gives the format unless ``format`` names one.
        format: ``"yaml"`` or ``"json"``.
        max_bytes: refuse larger files (256 MiB by default).

    Raises:
        MapFileError: the file cannot be used (missing, binary, too large, unknown format).
        InvalidMapError: the map in it is wrong; ``.problems`` lists every problem, located.

    Examples:
        >>> amap = read("examples/crisis_core.yaml")
        >>> amap.thesis
        'insurrection_now'
    """
    found = find_format(path, format, reading=True)
    if found.read is None:
        readable = ", ".join(f.name for f in FORMATS.values() if f.read is not None)
        raise MapFileError(
            Problem(
                "unreadable-format",
                f"argmap writes {found.description.split(' (')[0]} but cannot read it",
                Location(str(path)),
                hint=f"argmap reads {readable}",
            )
        )
    return found.read(Path(path), max_bytes)


def write(amap: ArgumentMap, path: str | Path, *, format: str | None = None) -> None:
    """Write a map to a file, atomically: an existing file is replaced whole or not at all.

    Raises:
        MapFileError: the format is unknown or the file cannot be written.
    """
    found = find_format(path, format)
    found.write(amap, Path(path))
