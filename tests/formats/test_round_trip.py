"""Property: any valid map survives writing and reading back, in YAML and JSON."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap
from tests.strategies import maps


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(maps(), st.sampled_from(["yaml", "json"]))
def test_read_write_round_trip(amap: ArgumentMap, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"map.{suffix}"
        argmap.write(amap, path)
        assert argmap.read(path) == amap
