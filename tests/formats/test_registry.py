"""Each format's module fits the protocol its entry in FORMATS promises.

mypy checks the modules against :class:`FormatReader` and :class:`FormatWriter` where the
tables below are written; the tests check that the tables and ``FORMATS`` agree.
"""

from __future__ import annotations

import pytest

from argmap.formats import (
    FORMATS,
    FormatReader,
    FormatWriter,
    aif,
    argdown,
    graphml,
    kialo,
    mermaid,
    microtexts,
    sadface,
)

READERS: dict[str, FormatReader] = {
    "aif": aif,
    "argdown": argdown,
    "microtexts": microtexts,
    "sadface": sadface,
    "kialo": kialo,
}
WRITERS: dict[str, FormatWriter] = {
    "aif": aif,
    "argdown": argdown,
    "sadface": sadface,
    "mermaid": mermaid,
    "graphml": graphml,
}


def test_every_readable_format_has_a_reader() -> None:
    readable = {f.name for f in FORMATS.values() if f.readable and not f.native}
    assert set(READERS) == readable
    for name, module in READERS.items():
        assert FORMATS[name].reader() is module


def test_every_writable_format_has_a_writer() -> None:
    writable = {f.name for f in FORMATS.values() if f.writable and not f.native}
    assert set(WRITERS) == writable
    for name, module in WRITERS.items():
        assert FORMATS[name].writer() is module


@pytest.mark.parametrize(
    ("name", "method"),
    [("yaml", "reader"), ("json", "writer"), ("mermaid", "reader"), ("kialo", "writer")],
)
def test_no_module_for_what_argmap_does_not_do_so(name: str, method: str) -> None:
    with pytest.raises(TypeError, match="does not"):
        getattr(FORMATS[name], method)()
