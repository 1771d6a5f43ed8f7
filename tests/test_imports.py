"""Start-up: a command imports what it needs and no more; the public API still resolves.

The time itself is measured by ``python -m benchmarks.startup``, never asserted here: these
tests assert the work (the modules a command imports), which no machine's load changes.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

import argmap
from tests.conftest import ROOT

WORKED = "examples/crisis_has_matured.yaml"

# What drawing, comparing and the other formats need, and `argmap check` does not.
NOT_FOR_CHECK = (
    "networkx",
    "graphviz",
    "rapidfuzz",
    "argmap.graph",
    "argmap.stats",
    "argmap.render",
    "argmap.report",
    "argmap.comparison",
)
# The formats package and the modules that read argmap's own YAML and JSON.
NATIVE_FORMATS = {
    "argmap.formats",
    "argmap.formats.native",
    "argmap.formats.positions",
    "argmap.formats.yaml_loader",
    "argmap.formats.json_loader",
}


def modules_after(argv: list[str]) -> tuple[int, list[str]]:
    """Run the ``argmap`` command in a fresh interpreter; return its exit code and the
    modules it had imported when it ended."""
    code = (
        "import contextlib, io, json, sys\n"
        "from argmap.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main({argv!r})\n"
        "print(json.dumps([code, sorted(sys.modules)]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    exit_code, modules = json.loads(done.stdout.splitlines()[-1])
    return exit_code, modules


def within(modules: list[str], names: tuple[str, ...]) -> list[str]:
    """The modules that are one of ``names`` or inside one of them."""
    return [m for m in modules if any(m == n or m.startswith(n + ".") for n in names)]


def other_formats(modules: list[str]) -> list[str]:
    return [m for m in modules if m.startswith("argmap.formats") and m not in NATIVE_FORMATS]


def test_check_imports_neither_drawing_nor_comparison_nor_other_formats() -> None:
    exit_code, modules = modules_after(["check", WORKED])
    assert exit_code == 0
    assert "argmap.checks" in modules  # (the command did run)
    assert within(modules, NOT_FOR_CHECK) == []
    assert other_formats(modules) == []


def test_stats_imports_networkx_but_not_drawing_comparison_or_other_formats() -> None:
    exit_code, modules = modules_after(["stats", WORKED])
    assert exit_code == 0
    assert "networkx" in modules  # depth and top conclusions are graph queries
    unneeded = tuple(
        n for n in NOT_FOR_CHECK if n not in ("networkx", "argmap.graph", "argmap.stats")
    )
    assert within(modules, unneeded) == []
    assert other_formats(modules) == []


def test_every_public_name_imports_from_a_fresh_interpreter() -> None:
    code = (
        "import types\n"
        "from argmap import *\n"
        "import argmap\n"
        "missing = [n for n in argmap.__all__ if n not in globals()]\n"
        "modules = [n for n in argmap.__all__\n"
        "           if isinstance(getattr(argmap, n), types.ModuleType)]\n"
        "print(missing, modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[] []"


@pytest.mark.parametrize("name", ["render", "stats"])
def test_a_function_stays_itself_when_its_module_is_imported(name: str) -> None:
    code = (
        f"import argmap, argmap.{name}\n"
        f"from argmap.{name} import {name}\n"
        f"print(callable(argmap.{name}), argmap.{name}.__module__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", f"argmap.{name}"]


def type_checking_imports() -> dict[str, str]:
    """The names that ``argmap/__init__.py`` imports for type checkers, and from where."""
    tree = ast.parse((ROOT / "argmap" / "__init__.py").read_text(encoding="utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If)
        and isinstance(node.test, ast.Name)
        and node.test.id == "TYPE_CHECKING"
    )
    return {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    }


def test_the_lazy_names_the_typed_imports_and_all_agree() -> None:
    lazy = argmap._MODULES
    assert lazy == type_checking_imports()
    assert set(lazy) | {"__version__"} == set(argmap.__all__)


@pytest.mark.parametrize("name", sorted(argmap.__all__))
def test_a_public_name_is_what_its_module_defines(name: str) -> None:
    if name == "__version__":
        return
    lazy = argmap._MODULES
    module = __import__(lazy[name], fromlist=[name])
    assert getattr(argmap, name) is getattr(module, name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        argmap.nonesuch  # noqa: B018
