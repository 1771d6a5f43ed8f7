"""The README tells the truth: its Python runs and its command output is what argmap prints."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = (ROOT / "examples" / "crisis_has_matured.md").read_text(encoding="utf-8")


def blocks(language: str, text: str = README) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    assert len(blocks("python")) >= 3
    for code in blocks("python"):
        exec(compile(code, "README.md", "exec"), namespace)


@pytest.mark.parametrize("text", [README, GUIDE], ids=["README", "guide"])
def test_command_output_is_what_argmap_prints(text: str) -> None:
    (ROOT / "build").mkdir(exist_ok=True)  # where the examples write, as after `make demo`
    for block in blocks("text", text):
        if not block.startswith("$ argmap "):
            continue
        command, *expected = block.splitlines()
        args = command.removeprefix("$ argmap ").split()
        merged = args[-1:] == ["2>&1"]  # what the command says on stderr counts too
        result = subprocess.run(
            [sys.executable, "-m", "argmap", *args[: -1 if merged else None]],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert (result.stdout + result.stderr if merged else result.stdout).splitlines() == expected


def test_file_format_example_is_the_example_map() -> None:
    yaml_block = blocks("yaml")[0]
    example = (ROOT / "examples" / "crisis_core.yaml").read_text(encoding="utf-8")
    for line in yaml_block.splitlines():
        assert line in example.splitlines(), line


def test_rules_table_lists_every_rule() -> None:
    from argmap.checks import PROFILES, RULES, CheckSettings

    assert list(PROFILES) == ["analysis", "coursework", "corpus"]  # the table's columns
    profiles = [CheckSettings.of_profile(name) for name in PROFILES]
    for rule in RULES:
        levels = " | ".join(p.level_of(rule) for p in profiles)
        row = f"| {rule.code} | `{rule.name}` | {levels} | {rule.summary} |"
        assert row in README, rule.name
