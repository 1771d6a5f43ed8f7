"""Reading text files safely and writing them atomically."""

from __future__ import annotations

import functools
import os
import re
import stat
import tempfile
import tomllib
from pathlib import Path

from argmap.errors import ConfigError, Location, MapFileError, Problem
from argmap.suggest import closest_file

MAX_BYTES = 256 * 1024 * 1024
"""The largest map file argmap reads (256 MiB): a larger one fails at once."""


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> str:
    """Return the UTF-8 text of ``path``, refusing binary and oversized files.

    Raises:
        MapFileError: the file is missing, a folder, unreadable, too large, binary
            or not UTF-8; the problem says which, where, and what to do.
    """
    name = _path_text(path)  # (no Path object: a corpus is read file by file)
    where = Location(name)
    try:
        info = os.stat(name)
        size = info.st_size
    except FileNotFoundError:
        file = Path(name)
        match = closest_file(file)  # (lists the folder once for many missing files)
        hint = None if match is None else f"did you mean `{match}`?"
        raise MapFileError(
            Problem("file-not-found", "the file does not exist", where, hint=hint)
        ) from None
    except OSError as err:
        raise MapFileError(
            Problem("unreadable-file", f"cannot read the file: {err.strerror}", where)
        ) from err
    except (ValueError, UnicodeError):  # a NUL or a lone surrogate: no file has that name
        raise MapFileError(
            Problem(
                "unreadable-file",
                "no file can have this name: it holds a NUL character or a lone surrogate",
                Location(repr(name)[1:-1]),
            )
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise MapFileError(Problem("unreadable-file", "this is a folder, not a file", where))
    if not stat.S_ISREG(info.st_mode):  # a device, a pipe, a socket: it may never end
        raise MapFileError(
            Problem("unreadable-file", "this is not a regular file (a device or a pipe?)", where)
        )
    if size > max_bytes:
        raise MapFileError(
            Problem(
                "file-too-large",
                f"the file is {size / 2**20:.0f} MiB; argmap reads map files up to "
                f"{max_bytes / 2**20:.0f} MiB",
                where,
                hint="split the map into smaller files",
            )
        )
    try:
        with open(name, "rb") as stream:
            # (the size stat() gave, not max_bytes: reading n bytes allocates n first, and
            # 256 MiB for a 2 KB file cost 90 µs, most of the time of reading it)
            data = stream.read(size + 1)
            if len(data) > size:  # the file grew after stat(): read on, up to the limit
                data += stream.read(max(max_bytes + 1 - len(data), 0))
    except OSError as err:
        raise MapFileError(
            Problem("unreadable-file", f"cannot read the file: {err.strerror}", where)
        ) from err
    if len(data) > max_bytes:  # the file grew after stat()
        raise MapFileError(Problem("file-too-large", "the file is too large", where))
    nul = data.find(b"\0")
    if nul >= 0:
        raise MapFileError(
            Problem(
                "binary-file",
                "this is a binary file, not a text map file",
                _byte_location(name, data, nul),
                hint="a map file is YAML or JSON text",
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise MapFileError(
            Problem(
                "not-utf8",
                f"the file is not UTF-8 text (byte 0x{data[err.start]:02x})",
                _byte_location(name, data, err.start),
                hint="save the file as UTF-8",
            )
        ) from None
    # Universal newlines, as Python's text files read them.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _path_text(path: str | os.PathLike[str]) -> str:
    """``str(Path(path))``, without making a Path when the text is already as Path gives it.

    Examples:
        >>> _path_text("maps/a.yaml"), _path_text("./maps//a.yaml"), _path_text("")
        ('maps/a.yaml', 'maps/a.yaml', '.')
    """
    name = os.fspath(path)
    if not name or "//" in name or "/." in name or name.startswith(".") or name.endswith("/"):
        return str(Path(name))
    return name


def _byte_location(file: str, data: bytes, offset: int) -> Location:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Location(file, data.count(b"\n", 0, offset) + 1, column)


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 so that the file is never left half-written."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that the file is never left half-written.

    The data goes to a temporary file in the same folder, which then replaces ``path``;
    an existing file keeps its permissions.

    Raises:
        MapFileError: the file cannot be written (the folder is missing, no permission, ...).
    """
    file = Path(os.path.realpath(path))  # replace what a link points to, not the link

    def failed(err: OSError) -> MapFileError:
        return MapFileError(
            Problem(
                "unwritable-file",
                f"cannot write the file: {err.strerror or err}",
                Location(str(file)),
            )
        )

    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):
            raise MapFileError(
                Problem(
                    "unwritable-file",
                    "this is not a regular file (a device, a pipe, a folder?)",
                    Location(str(path)),
                )
            )
        mode = info.st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as err:
        raise failed(err) from err
    try:
        fd, temp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    except OSError as err:
        raise failed(err) from err
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, file)
    except BaseException as err:
        Path(temp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise failed(err) from err
        raise


def find_pyproject(start: Path) -> Path | None:
    """Return the nearest ``pyproject.toml`` with a ``[tool.argmap]`` table, from ``start`` up.

    Checking a corpus asks this once per map: the folders are walked with strings, not
    Path objects, and a file's answer is kept while its size and time stay the same.
    """
    folder = os.path.realpath(start)
    while True:
        path = os.path.join(folder, "pyproject.toml")
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            info = None
        if (
            info is not None
            and stat.S_ISREG(info.st_mode)
            and _has_argmap_table(path, (info.st_ino, info.st_mtime_ns, info.st_size))
        ):
            return Path(path)
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


@functools.lru_cache(maxsize=256)
def _has_argmap_table(path: str, version: tuple[int, int, int]) -> bool:
    """Whether the ``pyproject.toml`` at ``path`` has a ``[tool.argmap]`` table.

    ``version`` (the file's inode, time and size) is part of the key: an edited or
    replaced file is read again.

    Raises:
        ConfigError: it is not valid TOML and mentions ``tool.argmap`` (not cached).
    """
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError):
        return False  # not ours to judge
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        if "tool.argmap" in text:  # ours, and broken: say so rather than skip it
            raise ConfigError(
                Problem(
                    "invalid-config",
                    f"pyproject.toml is not valid TOML: {err}",
                    Location(path),
                )
            ) from err
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "argmap" in tool


def confining_folder(map_folder: Path) -> Path:
    """Return the folder whose files a map in ``map_folder`` may read as its sources.

    That is the project's top folder, where the nearest ``pyproject.toml`` with a
    ``[tool.argmap]`` table stands, or else the map's own folder; either way resolved,
    links followed. A map from elsewhere (a student, a pull request) then cannot make
    argmap read, quote or search any other file on the machine.
    """
    try:
        pyproject = find_pyproject(map_folder)
    except ConfigError:  # a broken pyproject.toml is reported by the checks
        pyproject = None
    return Path(os.path.realpath(pyproject.parent if pyproject else map_folder))


def outside_problem(file: Path, folder: Path, map_folder: Path) -> Problem | None:
    """Return why ``file`` may not be read as a source of a map confined to ``folder``.

    None when ``file``, links followed, is ``folder`` or lies below it.
    """
    where = Location(str(file))
    try:
        real = os.path.realpath(file)
    except (ValueError, OSError) as err:
        return Problem("unreadable-file", f"cannot read the file: {err}", where)
    if real == str(folder) or real.startswith(os.path.join(str(folder), "")):
        return None
    own = Path(os.path.realpath(map_folder)) == folder
    within = (
        f"the map's folder `{folder}`" if own else f"the project `{folder}` (its pyproject.toml)"
    )
    return Problem(
        "source-outside",
        f"the file lies outside {within}, and argmap reads a map's sources only from there "
        "and below",
        where,
        hint="put the text in the map's folder or below it, or make the folder that holds "
        "both an argmap project (a pyproject.toml with a [tool.argmap] table); if you trust "
        "this map, pass --allow-outside-sources (allow_outside_sources=True in Python)",
    )


SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone surrogate: a code point of UTF-16's pairs, standing alone, which is no character."""


def lone_surrogate(text: str, file: str | None = None) -> Problem | None:
    """Return a located problem for the first lone surrogate in ``text``, or None.

    Text read from a file never holds one (it would not be UTF-8), but text given as a
    Python ``str`` may, and parsers that encode it (libyaml, expat) then raise.

    Examples:
        >>> print(lone_surrogate("ok\\nno \\udc80", "m.yaml"))
        m.yaml:2:4: the text holds a lone surrogate (U+DC80), which is no character
    """
    found = SURROGATE.search(text)
    if found is None:
        return None
    start = found.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Problem(
        "invalid-text",
        f"the text holds a lone surrogate (U+{ord(found.group()):04X}), which is no character",
        Location(file, line, column),
    )
