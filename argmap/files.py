"""Reading text files safely and writing them atomically."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from argmap.errors import Location, MapFileError, Problem
from argmap.suggest import closest

MAX_BYTES = 256 * 1024 * 1024
"""The largest map file argmap reads (256 MiB): a larger one fails at once."""


def read_text(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> str:
    """Return the UTF-8 text of ``path``, refusing binary and oversized files.

    Raises:
        MapFileError: the file is missing, a folder, unreadable, too large, binary
            or not UTF-8; the problem says which, where, and what to do.
    """
    file = Path(path)
    where = Location(str(file))
    try:
        info = file.stat()
        size = info.st_size
    except FileNotFoundError:
        hint = None
        if file.parent.is_dir():
            siblings = [p.name for p in file.parent.iterdir() if p.is_file()]
            match = closest(file.name, siblings)
            hint = None if match is None else f"did you mean `{file.parent / match}`?"
        raise MapFileError(
            Problem("file-not-found", "the file does not exist", where, hint=hint)
        ) from None
    except OSError as err:
        raise MapFileError(
            Problem("unreadable-file", f"cannot read the file: {err.strerror}", where)
        ) from err
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
        with file.open("rb") as stream:
            data = stream.read(max_bytes + 1)
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
                _byte_location(file, data, nul),
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
                _byte_location(file, data, err.start),
                hint="save the file as UTF-8",
            )
        ) from None
    # Universal newlines, as Python's text files read them.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _byte_location(file: Path, data: bytes, offset: int) -> Location:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Location(str(file), data.count(b"\n", 0, offset) + 1, column)


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
