"""Reading and writing map files; the format comes from the file's suffix or is named.

Examples:
    >>> FORMATS["yaml"].suffixes
    ('.yaml', '.yml')
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, cast

from argmap.conversion import ConversionLossError, ConversionReport
from argmap.errors import InvalidMapError, Location, MapFileError, Problem
from argmap.files import MAX_BYTES, read_text, write_bytes_atomic, write_text_atomic
from argmap.formats import native
from argmap.models import ArgumentMap, Origin, integrity_problems
from argmap.suggest import did_you_mean


class FormatReader(Protocol):
    """A module that reads another tool's format: text in, a map and a report out."""

    def from_text(
        self, text: str, *, file: str | Path | None = None
    ) -> tuple[ArgumentMap, ConversionReport]:
        """Return the map the text holds and what reading it kept, changed or dropped."""
        ...


class FormatWriter(Protocol):
    """A module that writes another tool's format: a map in, text (or bytes) and a report out."""

    def to_text(self, amap: ArgumentMap) -> tuple[str | bytes, ConversionReport]:
        """Return the map as text of the format and what writing it could not hold."""
        ...


@dataclass(frozen=True)
class Format:
    """A file format argmap reads or writes, and the module that does it.

    The module of another tool's format is a :class:`FormatReader` if the format is
    ``readable`` and a :class:`FormatWriter` if it is ``writable``; argmap's own YAML and
    JSON (``native``) are read and written by :mod:`argmap.formats.native`.
    """

    name: str
    suffixes: tuple[str, ...]
    description: str
    module: str
    """The module under ``argmap.formats`` that reads and writes it."""
    readable: bool = True
    writable: bool = True

    @property
    def native(self) -> bool:
        """Whether this is argmap's own format, which keeps everything."""
        return self.module == "native"

    def reader(self) -> FormatReader:
        """Return the module that reads this format (imported on first use).

        Raises:
            TypeError: argmap does not read this format with ``from_text``.
        """
        module = importlib.import_module(f"argmap.formats.{self.module}")
        if not (self.readable and not self.native and callable(getattr(module, "from_text", None))):
            raise TypeError(f"argmap.formats.{self.module} does not read {self.description}")
        return cast(FormatReader, module)

    def writer(self) -> FormatWriter:
        """Return the module that writes this format (imported on first use).

        Raises:
            TypeError: argmap does not write this format with ``to_text``.
        """
        module = importlib.import_module(f"argmap.formats.{self.module}")
        if not (self.writable and not self.native and callable(getattr(module, "to_text", None))):
            raise TypeError(f"argmap.formats.{self.module} does not write {self.description}")
        return cast(FormatWriter, module)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("yaml", (".yaml", ".yml"), "argmap YAML (native)", "native"),
        Format("json", (".json",), "argmap JSON (native)", "native"),
        Format("aif", (".aif", ".aif.json"), "AIF JSON (AIFdb, OVA)", "aif"),
        Format("argdown", (".argdown", ".ad"), "Argdown", "argdown"),
        Format(
            "microtexts",
            (".arggraph.xml", ".xml"),
            "arg-microtexts XML (Potsdam arggraph)",
            "microtexts",
            writable=False,
        ),
        Format("sadface", (".sadface", ".sadface.json"), "SADFace JSON", "sadface"),
        Format("kialo", (".kialo", ".kialo.txt"), "Kialo text export", "kialo", writable=False),
        Format("mermaid", (".mmd", ".mermaid"), "Mermaid flowchart", "mermaid", readable=False),
        Format("graphml", (".graphml",), "GraphML", "graphml", readable=False),
    )
}
"""The formats by name. A longer suffix wins: ``x.aif.json`` is AIF, ``x.json`` argmap JSON."""


def find_format(path: str | Path, format: str | None = None, *, reading: bool = False) -> Format:
    """Return the format named ``format``, or else the one of ``path``'s suffix.

    The format is never guessed from the content.

    Raises:
        MapFileError: the name or the suffix is not one argmap knows, or argmap cannot
            read (``reading``) or write (else) that format.

    Examples:
        >>> find_format("maps/crisis.yml").name
        'yaml'
    """
    if format is not None:
        if format in FORMATS:
            return _able(FORMATS[format], path, reading)
        raise MapFileError(
            Problem(
                "unknown-format",
                f"unknown format `{format}`",
                Location(str(path)),
                hint=did_you_mean(format, FORMATS) or _known_formats(reading, named=True),
            )
        )
    name = Path(path).name.lower()
    suffix = Path(path).suffix.lower()
    matches = [
        (len(s), candidate)
        for candidate in FORMATS.values()
        for s in candidate.suffixes
        if name.endswith(s) and len(name) > len(s)
    ]
    if matches:
        return _able(max(matches, key=lambda match: match[0])[1], path, reading)
    what = f"the suffix `{suffix}`" if suffix else "a file without a suffix"
    raise MapFileError(
        Problem(
            "unknown-format",
            f"cannot tell the format of {what}",
            Location(str(path)),
            hint=_known_formats(reading),
        )
    )


def _able(found: Format, path: str | Path, reading: bool) -> Format:
    """``found``, if argmap can read it (``reading``) or write it; else a clear error."""
    if found.readable if reading else found.writable:
        return found
    can, cannot = ("writes", "read") if reading else ("reads", "write")
    others = ", ".join(f.name for f in FORMATS.values() if (f.readable if reading else f.writable))
    raise MapFileError(
        Problem(
            "unreadable-format" if reading else "unwritable-format",
            f"argmap {can} {found.description} but cannot {cannot} it",
            Location(str(path)) if str(path) else None,
            hint=f"argmap {'reads' if reading else 'writes'} {others}",
        )
    )


def _known_formats(reading: bool, named: bool = False) -> str:
    chosen = [f for f in FORMATS.values() if (f.readable if reading else f.writable)]
    verb = "reads" if reading else "writes"
    if named:
        return f"argmap {verb} {', '.join(f.name for f in chosen)}"
    listed = ", ".join(f"{f.name} ({' '.join(f.suffixes)})" for f in chosen)
    return f"argmap {verb} {listed}: give the file one of these suffixes, or name the format"


def read(
    path: str | Path,
    *,
    format: str | None = None,
    max_bytes: int = MAX_BYTES,
    strict: bool = False,
    allow_outside_sources: bool = False,
) -> ArgumentMap:
    """Read a map from a file of argmap's own format or another tool's.

    What reading another tool's format kept, changed or dropped is in the map's
    ``conversion`` report.

    Args:
        path: the file; its suffix gives the format unless ``format`` names one.
        format: a name from :data:`FORMATS`: ``"yaml"``, ``"json"``, ``"aif"``,
            ``"argdown"``, ``"microtexts"``, ``"sadface"`` or ``"kialo"``.
        max_bytes: refuse larger files (256 MiB by default).
        strict: raise instead of dropping or changing anything.
        allow_outside_sources: read source texts from any file the map names. By
            default they must lie in the map's folder or below it, or in its project
            (the folder of the nearest ``pyproject.toml`` with ``[tool.argmap]``), so
            that a map from someone else cannot make argmap read, quote or search other
            files on the machine.

    Raises:
        MapFileError: the file cannot be used (missing, binary, too large, unknown format).
        InvalidMapError: the map in it is wrong; ``.problems`` lists every problem, located.
        ConversionLossError: ``strict`` and reading would lose something.

    Examples:
        >>> amap = read("examples/crisis_core.yaml")
        >>> amap.thesis
        'insurrection_now'
        >>> amap.conversion.lossy
        False
    """
    found = find_format(path, format, reading=True)
    if found.native:
        amap = native.read(
            path,
            found.name,  # type: ignore[arg-type]
            max_bytes=max_bytes,
            allow_outside_sources=allow_outside_sources,
        )
        report = ConversionReport(found.name, "read")
    else:
        text = read_text(path, max_bytes=max_bytes)
        amap, report = found.reader().from_text(text, file=path)
        origin = amap.origin
        if origin is None:  # relative source paths lead from the file's folder
            origin = Origin(Path(path))
        if allow_outside_sources:
            origin = replace(origin, allow_outside_sources=True)
        amap._attach(origin)
    if strict and report.lossy:
        raise ConversionLossError(report, str(path))
    return amap._attach(conversion=report)


def dumps(amap: ArgumentMap, format: str) -> tuple[str | bytes, ConversionReport]:
    """Return the map as text of the format named, and what writing it would lose.

    Examples:
        >>> text, report = dumps(read("examples/crisis_core.yaml"), "json")
        >>> text.startswith("{")
        True
    """
    found = find_format("", format)
    if found.native:
        return native.dumps(amap, found.name), ConversionReport(found.name, "write")  # type: ignore[arg-type]
    return found.writer().to_text(amap)


def write(
    amap: ArgumentMap, path: str | Path, *, format: str | None = None, strict: bool = False
) -> ConversionReport:
    """Write a map to a file, atomically: an existing file is replaced whole or not at all.

    Returns:
        What the target format could not hold (empty for argmap's own YAML and JSON).

    Raises:
        MapFileError: the format is unknown or the file cannot be written.
        InvalidMapError: the map's references went wrong after it was built.
        ConversionLossError: ``strict`` and the format cannot hold everything; nothing
            is written.
    """
    found = find_format(path, format)
    if found.native:
        native.write(amap, path, found.name)  # type: ignore[arg-type]
        return ConversionReport(found.name, "write")
    problems = integrity_problems(amap)
    if problems:
        raise InvalidMapError(problems)
    amap = native.rebase_sources(amap, Path(path).parent)
    text, report = found.writer().to_text(amap)
    if strict and report.lossy:
        raise ConversionLossError(report, str(path))
    if isinstance(text, bytes):
        write_bytes_atomic(path, text)
    else:
        write_text_atomic(path, text)
    return report
