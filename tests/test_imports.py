"""Start-up: the public API imports what it is asked for, and every name still resolves."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

import argmap
from tests.conftest import ROOT


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


def test_render_stays_the_function_when_its_module_is_imported() -> None:
    code = (
        "import argmap, argmap.render\n"
        "from argmap.render import to_dot\n"
        "print(callable(argmap.render), argmap.render.__module__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["True", "argmap.render"]


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
        argmap.nonesuch  # type: ignore[attr-defined]  # noqa: B018
