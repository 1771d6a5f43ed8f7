"""Each layer imports only from the layers below it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "argmap"

# Lower numbers are lower layers. A module may import argmap modules of its own layer
# or below.
LAYERS = {
    "argmap.errors": 0,
    "argmap.themes": 0,
    "argmap.suggest": 0,
    "argmap.schemes": 0,
    "argmap.gcpause": 0,
    "argmap.conversion": 0,
    "argmap.ids": 0,
    "argmap.files": 1,
    "argmap.models": 2,
    "argmap.fastpath": 2,
    "argmap.validation": 2,
    "argmap.graph": 3,
    "argmap.quotes": 3,
    "argmap.formats": 3,
    "argmap.batch": 3,
    "argmap.builder": 4,
    "argmap.checks": 4,
    "argmap.stats": 4,
    "argmap.evaluation": 4,
    "argmap.comparison": 5,
    "argmap.render": 5,
    "argmap.report": 5,
    "argmap.cli": 6,
    "argmap.__main__": 7,
    "argmap": 7,
}
# Imports inside a function that deliberately reach up, each with its reason.
ALLOWED_UPWARD = {
    (
        "argmap.models",
        "argmap.graph",
    ),  # ArgumentMap.to_networkx(), a convenience the issue asks for
    ("argmap.cli", "argmap"),  # `argmap --version` reads argmap.__version__
    ("argmap.models", "argmap.render"),  # ArgumentMap._repr_mimebundle_ draws in notebooks
}


def layer_of(module: str) -> int:
    while module not in LAYERS:
        module = module.rpartition(".")[0]
    return LAYERS[module]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.name)
def test_imports_go_down(path: Path) -> None:
    name = module_name(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported = [node.module]
        elif isinstance(node, ast.Import):
            imported = [alias.name for alias in node.names]
        else:
            continue
        for target in imported:
            if not target.startswith("argmap") or (name, target) in ALLOWED_UPWARD:
                continue
            assert layer_of(target) <= layer_of(name), f"{name} imports {target}"


def short_name(module: str) -> str:
    """``argmap.models`` as the README names it: ``models``; the package stays ``argmap``."""
    return module.removeprefix("argmap.")


def test_every_module_has_a_layer_of_its_own() -> None:
    """A new module is placed deliberately, not taken for the package's top layer."""
    for path in PACKAGE.rglob("*.py"):
        name = module_name(path)
        top = ".".join(name.split(".")[:2])
        assert top in LAYERS, f"{name}: add {top} to LAYERS (and to the README's table)"


def test_the_readme_states_the_layers_and_the_exceptions() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d) \| (.+) \|$", readme, re.MULTILINE)
    listed = {name: int(layer) for layer, cells in rows for name in re.findall(r"`(\w+)`", cells)}
    assert listed == {short_name(module): layer for module, layer in LAYERS.items()}
    for low, high in ALLOWED_UPWARD:
        assert f"`{short_name(low)}` → `{short_name(high)}`" in readme, (low, high)
