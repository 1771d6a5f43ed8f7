"""The ``argmap`` command line: output, exit codes, and no tracebacks."""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import yaml

import argmap
from argmap import __version__
from argmap.cli import build_parser, main
from argmap.formats import FORMATS
from tests.conftest import CORE_MAP, ROOT

WriteMap = Callable[..., Path]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_clean_map(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(CORE_MAP))
    assert code == 0
    assert out.splitlines() == [
        f"{CORE_MAP}:13:5: info unquoted-claim `insurrection_now` has no quote from the text",
        "    hint: add `source:` and `quote:` with the words that state it, or mark it "
        "`implicit: true` if the text does not state it",
        f"{CORE_MAP}: 0 errors, 0 warnings, 1 info.",
    ]


def test_check_reports_every_problem_located(
    capsys: pytest.CaptureFixture[str], write_map: WriteMap
) -> None:
    path = write_map(
        """
        argmap: 1
        title: T
        claims:
          - {id: crisis_matured, text: A}
        inferences:
          - {id: i, premise: [crisis_matured], conclusion: crisis_matureed}
        """
    )
    code, out, _ = run(capsys, "check", str(path))
    assert code == 2
    assert out.splitlines() == [
        f"{path}:6:5: error missing-field inference `i` has no `premises`",
        f"{path}:6:13: error unknown-field unknown field `premise` in inference `i`",
        "    hint: did you mean `premises`?",
        f"{path}:6:40: error unknown-reference conclusion `crisis_matureed` is not defined",
        "    hint: did you mean `crisis_matured`?",
        f"{path}: could not be checked (3 problems).",
    ]


def test_check_unusable_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    binary = tmp_path / "map.yaml"
    binary.write_bytes(b"\x00\x01")
    code, out, _ = run(capsys, "check", str(binary), str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "binary-file" in out
    assert "file-not-found" in out


def test_check_several_files_exits_with_the_worst(
    capsys: pytest.CaptureFixture[str], write_map: WriteMap
) -> None:
    bad = write_map("argmap: 1\n")
    code, out, _ = run(capsys, "check", str(CORE_MAP), str(bad))
    assert code == 2
    assert "0 errors, 0 warnings, 1 info" in out
    assert "`title` is missing" in out


def test_stats_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", str(CORE_MAP))
    assert code == 0
    assert out.splitlines() == [
        "title       The Crisis Has Matured",
        "thesis      insurrection_now",
        "sources     1",
        "claims      3 (0 assumed, 0 implicit)",
        "evidence    1",
        "inferences  3 (3 support, 0 attack, 0 undercut)",
        "depth       3 steps",
        "top         insurrection_now",
        "quotes      3 found, 0 not found",
    ]
    code, out, _ = run(capsys, "stats", "--format", "json", str(CORE_MAP))
    [stats] = json.loads(out)["files"]
    assert stats["file"] == str(CORE_MAP)
    assert stats["claims"] == 3
    assert stats["depth"] == 3
    assert stats["quotes_not_found"] == 0


def test_stats_of_a_bad_map_goes_to_stderr(
    capsys: pytest.CaptureFixture[str], write_map: WriteMap
) -> None:
    code, out, err = run(capsys, "stats", str(write_map("argmap: 1\n")))
    assert (code, out) == (2, "")
    assert "`title` is missing" in err


def test_schema_validates_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    example = yaml.safe_load(CORE_MAP.read_text())
    example["sources"][0]["date"] = str(example["sources"][0]["date"])
    jsonschema.validate(example, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**example, "claimz": []}, schema)


def test_wrong_command_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["chekc", "x.yaml"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_every_command_has_help_and_is_in_the_readme() -> None:
    parser = build_parser()
    readme = (ROOT / "README.md").read_text()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():  # type: ignore[union-attr]
        assert sub.description, name
        assert f"argmap {name}" in readme, name


WRITABLE = [f for f in FORMATS.values() if f.writable]


@pytest.mark.parametrize(
    ("suffix", "name"),
    [(s, f.name) for f in WRITABLE for s in f.suffixes],
    ids=lambda value: str(value),
)
def test_render_exports_every_format_convert_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str, name: str
) -> None:
    out = tmp_path / f"map{suffix}"
    assert main(["render", str(CORE_MAP), "-o", str(out), "--allow-outside-sources"]) == 0
    if FORMATS[name].readable:  # written as that format: it reads back as that format
        back = argmap.read(out, format=name, allow_outside_sources=True)
        assert [c.id for c in back.claims] == [c.id for c in argmap.read(CORE_MAP).claims]
    named = tmp_path / "named"
    assert main(["render", str(CORE_MAP), "-o", str(named), "--format", name]) == 0
    assert named.read_bytes() == out.read_bytes()


def test_render_help_lists_every_format_it_writes() -> None:
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    text = subparsers.choices["render"].format_help()  # type: ignore[index]
    assert all(f.name in text for f in WRITABLE)


@pytest.mark.parametrize("command", [["argmap"], [sys.executable, "-m", "argmap"]])
def test_installed_command_and_module(command: list[str]) -> None:
    if command == ["argmap"]:
        command = [str(Path(sys.executable).with_name("argmap"))]
    version = subprocess.run([*command, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"argmap {__version__}"
    result = subprocess.run([*command, "check", str(CORE_MAP)], capture_output=True, text=True)
    assert result.returncode == 0


def test_the_version_is_written_once() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert project["project"]["dynamic"] == ["version"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "argmap.__version__"}
    assert importlib.metadata.version("argmap") == __version__  # as installed


def test_no_traceback_for_hostile_files(tmp_path: Path) -> None:
    bomb = ["argmap: 1", "title: T", "a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name in "bcdefghi":
        bomb.append(f"{name}: &{name} [{', '.join(['*' + chr(ord(name) - 1)] * 10)}]")
    cases = {
        "bomb.yaml": "\n".join(bomb),
        "array.json": "[1, 2]",
        "deep.json": "[" * 200_000,
        "dir.yaml": None,
    }
    for name, text in cases.items():
        path = tmp_path / name
        if text is None:
            path.mkdir()
        else:
            path.write_text(text)
        result = subprocess.run(
            [sys.executable, "-m", "argmap", "check", str(path)], capture_output=True, text=True
        )
        assert result.returncode in (1, 2), name
        assert "Traceback" not in result.stdout + result.stderr, name


def test_schema_ids_allow_every_script(capsys: pytest.CaptureFixture[str]) -> None:
    main(["schema"])
    schema = json.loads(capsys.readouterr().out)
    claim = {"id": "кризис_1917", "text": "Кризис назрел."}
    jsonschema.validate({"title": "T", "claims": [claim]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"title": "T", "claims": [{**claim, "id": "two words"}]}, schema)


@pytest.mark.parametrize(
    ("command", "verdict"),
    [
        (["check"], "could not be checked"),
        (["stats"], "could not be loaded"),
        (["render", "-o", "OUT.svg"], "could not be loaded"),
        (["convert", "OUT.json"], "could not be loaded"),
    ],
)
def test_every_command_says_a_missing_map_could_not_be_used(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: list[str], verdict: str
) -> None:
    missing = str(tmp_path / "missing.yaml")
    args = [part.replace("OUT", str(tmp_path / "out")) for part in command]
    code, out, err = run(capsys, args[0], missing, *args[1:])
    assert code == 2
    lines = (out + err).splitlines()
    assert f"{missing}: error file-not-found the file does not exist" in lines
    assert f"{missing}: {verdict} (1 problem)." in lines
    assert not list(tmp_path.glob("out*"))
