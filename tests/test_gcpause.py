"""The pause of the garbage collector while maps are built."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from argmap.gcpause import LARGE, gc_paused


class Node:
    """An object the collector tracks, that can stand in a cycle."""

    def __init__(self) -> None:
        self.other: Node | None = None


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def _in_generation(obj: object, generation: int) -> bool:
    return any(o is obj for o in gc.get_objects(generation=generation))


def test_what_a_large_block_built_goes_to_the_oldest_generation() -> None:
    with gc_paused():
        assert not gc.isenabled()
        built = [Node() for _ in range(LARGE + 1)]
    assert gc.isenabled()
    assert _in_generation(built[0], 2)
    assert _in_generation(built[-1], 2)
    assert gc.get_freeze_count() == 0


def test_a_small_block_leaves_the_collector_as_it_was() -> None:
    with gc_paused():
        built = Node()
    assert _in_generation(built, 0)


def test_the_programs_own_garbage_cycles_are_collected_not_moved() -> None:
    """A cycle the program dropped before a map was read must not end up in the oldest
    generation, where only a full collection (which may never come) would free it."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    del a, b
    with gc_paused():
        built = [Node() for _ in range(LARGE + 1)]
    assert gone() is None
    assert _in_generation(built[0], 2)


def test_cycles_made_in_the_block_are_still_collected() -> None:
    with gc_paused():
        a, b = Node(), Node()
        a.other, b.other = b, a
        gone = weakref.ref(a)
        del a, b
        _ = [Node() for _ in range(LARGE + 1)]
    assert gone() is not None  # a cycle: reference counting alone cannot free it
    gc.collect()
    assert gone() is None


def test_objects_the_program_froze_stay_frozen() -> None:
    frozen = Node()
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with gc_paused():
            _ = [Node() for _ in range(LARGE + 1)]
        assert gc.get_freeze_count() == count
        assert not any(o is frozen for o in gc.get_objects())  # (frozen ones are not listed)
    finally:
        gc.unfreeze()
    assert _in_generation(frozen, 2)


def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()
