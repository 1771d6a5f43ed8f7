"""Pause Python's cyclic garbage collector while building large acyclic structures."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of the block.

    Parsing and validating a large map allocates millions of objects that form no
    cycles; the collector would walk them all again and again (a 100,000-claim map
    loads three times faster without it). Reference counting still frees memory.

    Examples:
        >>> with gc_paused():
        ...     gc.isenabled()
        False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
