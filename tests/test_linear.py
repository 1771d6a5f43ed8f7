"""The measure of work the tests use instead of seconds (tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.conftest import assert_linear, calls_made


def _linear(n: int) -> list[int]:
    return [abs(i) for i in range(n)]


def _quadratic(n: int) -> list[int]:
    return [abs(i - j) for i in range(n) for j in range(n)]


def test_calls_are_counted() -> None:
    assert calls_made(lambda: _linear(100)) >= 100
    assert calls_made(lambda: None) <= 2


def test_linear_work_passes_and_quadratic_work_fails() -> None:
    assert_linear(_linear, 100)
    with pytest.raises(AssertionError, match="calls at"):
        assert_linear(_quadratic, 30)
