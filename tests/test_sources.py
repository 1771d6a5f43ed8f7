"""Source files: a path no file can have, and a path that leads out of the map's folder.

A map names the files of its sources. Read from someone else (a student, a pull request),
it must not make argmap read, quote or search any other file on the machine, and a path
that no file system can open is a located error, never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from argmap.formats import dumps
from argmap.models import Claim, Inference, Source

SECRET = "the password is swordfish"

MAP = {
    "argmap": 1,
    "title": "t",
    "thesis": "act",
    "sources": [{"id": "s", "title": "T", "path": "texts/t.txt"}],
    "claims": [
        {"id": "act", "text": "We must act.", "source": "s", "quote": "We must act now."},
        {"id": "crisis", "text": "It has matured.", "source": "s", "quote": "swordfish"},
    ],
    "inferences": [{"id": "i", "premises": ["crisis"], "conclusion": "act"}],
}


def _folder(tmp_path: Path) -> Path:
    """A map's folder with its text, and a secret file beside the folder."""
    folder = tmp_path / "maps"
    (folder / "texts").mkdir(parents=True)
    (folder / "texts" / "t.txt").write_text("The crisis has matured. We must act now.\n")
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    return folder


def _map_file(folder: Path, path: str, format: str = "json") -> Path:
    text, _ = dumps(argmap.ArgumentMap.model_validate(MAP), format)
    assert isinstance(text, str)
    # The path goes in as the format escapes it, so that NUL and surrogates survive.
    escaped = json.dumps(path)[1:-1]
    text = text.replace("texts/t.txt", escaped)
    suffix = {"json": ".json", "aif": ".aif", "argdown": ".argdown", "sadface": ".sadface"}
    file = folder / f"map{suffix[format]}"
    file.write_text(text, encoding="utf-8", errors="surrogatepass")
    return file


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out + err


# ------------------------------------------------------------------ paths no file can have


@pytest.mark.parametrize("bad", ["x\0.txt", "x\udc80.txt", "\ud800"])
@pytest.mark.parametrize("format", ["json", "aif", "argdown"])
def test_a_path_no_file_can_have_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], format: str, bad: str
) -> None:
    file = _map_file(_folder(tmp_path), bad, format)
    with pytest.raises(argmap.InvalidMapError) as caught:
        argmap.read(file)
    [problem] = caught.value.problems
    assert problem.location is not None
    assert problem.location.file == str(file)
    assert problem.location.line is not None
    # (Argdown's frontmatter is YAML, whose parser refuses a surrogate's escape itself.)
    assert any(word in problem.message for word in ("NUL", "surrogate", "Unicode"))
    assert "Value error" not in problem.message
    code, out = _check(capsys, str(file))
    assert code == 2
    assert "Traceback" not in out
    assert "could not be loaded" in out or "could not be checked" in out


def test_a_nul_path_in_sadface_metadata_is_kept_aside_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SADFace keeps metadata argmap cannot use in `extra` and says so; the map has no text."""
    file = _map_file(_folder(tmp_path), "x\0.txt", "sadface")
    amap = argmap.read(file)
    assert amap.conversion is not None
    assert amap.conversion.lossy is False
    assert amap.sources[0].path is None
    code, out = _check(capsys, str(file))
    assert code == 1
    assert "has no text" in out


def test_a_path_built_in_python_is_refused_too() -> None:
    with pytest.raises(ValueError, match="NUL"):
        Source(id="s", title="T", path="a\0b")


def test_reading_a_nul_path_is_an_error_not_a_crash(tmp_path: Path) -> None:
    """Even a Source made without validation (model_construct) gets an ArgmapError."""
    source = Source.model_construct(id="s", title="T", path="a\0b.txt")
    with pytest.raises(argmap.MapFileError, match="NUL"):
        source.load_text(tmp_path)


# ------------------------------------------------------------------ confinement


@pytest.mark.parametrize("path", ["../secret.txt", "texts/../../secret.txt", "ABSOLUTE"])
def test_a_source_outside_the_maps_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str
) -> None:
    folder = _folder(tmp_path)
    path = str(tmp_path / "secret.txt") if path == "ABSOLUTE" else path
    file = _map_file(folder, path)
    with pytest.raises(argmap.InvalidMapError) as caught:
        argmap.read(file)
    [problem] = caught.value.problems
    assert problem.code == "source-outside"
    assert problem.location is not None
    assert problem.location.line is not None
    assert str(folder) in problem.message
    assert problem.hint is not None
    assert "--allow-outside-sources" in problem.hint
    code, out = _check(capsys, str(file))
    assert code == 2
    assert "password" not in out
    # Trusted, it is read, and its quote found there.
    amap = argmap.read(file, allow_outside_sources=True)
    assert [f.ids for f in argmap.check(amap) if f.rule == "quote-not-found"] == [("act",)]
    assert _check(capsys, "--allow-outside-sources", str(file))[0] == 1  # act is not there


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "texts" / "link.txt").symlink_to(tmp_path / "secret.txt")
    with pytest.raises(argmap.InvalidMapError) as caught:
        argmap.read(_map_file(folder, "texts/link.txt"))
    assert [p.code for p in caught.value.problems] == ["source-outside"]


def test_a_project_lets_its_maps_read_its_texts(tmp_path: Path) -> None:
    """A course folder marked by pyproject.toml's [tool.argmap]: students' maps in a
    subfolder read the texts of a sibling folder, but nothing above the course."""
    course = tmp_path / "course"
    (course / "texts").mkdir(parents=True)
    (course / "texts" / "t.txt").write_text("The crisis has matured. We must act now.\n")
    (course / "students").mkdir()
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    (course / "pyproject.toml").write_text("[tool.argmap]\n")
    amap = argmap.read(_map_file(course / "students", "../texts/t.txt"))
    assert amap.source_text("s") is not None
    with pytest.raises(argmap.InvalidMapError) as caught:
        argmap.read(_map_file(course / "students", "../../secret.txt"))
    [problem] = caught.value.problems
    assert problem.code == "source-outside"
    assert "project" in problem.message


def test_foreign_formats_are_confined_when_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """AIF, Argdown and SADFace read their sources when checked: the same fence holds,
    and no passage of the file is shown as the closest to a quote (no oracle)."""
    folder = _folder(tmp_path)
    for format in ("aif", "argdown", "sadface"):
        file = _map_file(folder, "../secret.txt", format)
        amap = argmap.read(file)
        with pytest.raises(argmap.MapFileError, match="outside"):
            amap.source_text("s")
        findings = [f for f in argmap.check(amap) if f.rule == "quote-not-found"]
        assert len(findings) == 2, format
        assert all("outside" in f.message for f in findings)
        code, out = _check(capsys, str(file))
        assert code == 1
        assert "password" not in out
        trusted = argmap.read(file, allow_outside_sources=True)
        assert trusted.source_text("s") == SECRET + "\n"


def test_a_map_built_in_python_reads_any_path(tmp_path: Path) -> None:
    """Whoever builds a map in Python chose its paths: they are not fenced."""
    (tmp_path / "t.txt").write_text("We must act now.")
    amap = argmap.ArgumentMap(
        title="t",
        sources=[Source(id="s", title="T", path=str(tmp_path / "t.txt"))],
        claims=[
            Claim(id="a", text="Act.", source="s", quote="We must act now."),
            Claim(id="b", text="B."),
        ],
        inferences=[Inference(id="i", premises=["b"], conclusion="a")],
    )
    assert amap.source_text("s") == "We must act now."


# ------------------------------------------------------------------ writing


@pytest.mark.parametrize("command", ["render", "convert"])
def test_writing_onto_a_quoted_text_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    folder = _folder(tmp_path)
    file = _map_file(folder, "texts/t.txt")
    text = folder / "texts" / "t.txt"
    before = text.read_bytes()
    args = ["-o", str(text), "--format", "dot"] if command == "render" else [str(text)]
    args += ["--to", "json"] if command == "convert" else []
    assert main([command, str(file), *args]) == 2
    assert "source `s`" in capsys.readouterr().err
    assert text.read_bytes() == before


def test_a_map_written_away_from_its_texts_says_how_to_read_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path)
    file = _map_file(folder, "texts/t.txt")
    (folder / "out").mkdir()
    assert main(["convert", str(file), str(folder / "out" / "m.yaml"), "-q"]) == 0
    assert "--allow-outside-sources" in capsys.readouterr().err
    assert main(["convert", str(file), str(folder / "m2.yaml"), "-q"]) == 0
    assert "note" not in capsys.readouterr().err  # beside its texts: nothing to say
    assert main(["check", str(folder / "out" / "m.yaml")]) == 2
    assert main(["check", "--allow-outside-sources", str(folder / "out" / "m.yaml")]) == 1


@pytest.mark.parametrize(
    "text",
    [
        "===\udc80\ntitle: x\n===\n[a]: b\n",  # found by tests/test_fuzz.py
        '[a]: b {x: "\udc80"}\n',
    ],
)
def test_a_lone_surrogate_in_argdown_text_is_located(text: str) -> None:
    """From text (not a file, which would not be UTF-8), YAML's parser could not encode it."""
    from argmap.formats import argdown

    with pytest.raises(argmap.InvalidMapError, match="lone surrogate") as caught:
        argdown.from_text(text, file="x.argdown")
    assert all(p.location is not None and p.location.line for p in caught.value.problems)


def test_a_lone_surrogate_in_microtexts_text_is_located() -> None:
    """Found by tests/test_fuzz.py: expat could not encode it."""
    from argmap.formats import microtexts

    with pytest.raises(argmap.InvalidMapError, match="lone surrogate") as caught:
        microtexts.from_text("<arggraph>\n<edu id='e1'>a\udc80</edu></arggraph>", file="x.xml")
    [problem] = caught.value.problems
    assert problem.location == argmap.Location("x.xml", 2, 15)


def test_the_text_beside_a_microtexts_file_may_not_be_a_link_out(tmp_path: Path) -> None:
    """The reader takes the ``.txt`` beside the XML as the source: a link from there to
    another file is not followed (it would bring that file into the map, and into
    whatever is written from it)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text(SECRET + " root\n")
    xml = folder / "m.xml"
    xml.write_text(
        '<arggraph id="m"><edu id="e1">root</edu><adu id="a1" type="pro"/>'
        '<edge id="c1" src="e1" trg="a1" type="seg"/></arggraph>'
    )
    (folder / "m.txt").symlink_to(tmp_path / "secret.txt")
    amap = argmap.read(xml)
    assert "password" not in argmap.formats.dumps(amap, "yaml")[0]
    assert amap.conversion is not None
    assert any("leads out of its folder" in n.what for n in amap.conversion)
    (folder / "m.txt").unlink()
    (folder / "m.txt").write_text("root\n")  # a real file beside it is read, as before
    assert argmap.read(xml).sources[0].text == "root\n"


def test_a_copy_of_the_examples_works_anywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An instructor copies examples/ out of the repository: the exercises, whose maps read
    ../texts/, still read their text (examples/pyproject.toml makes the folder a project)."""
    import shutil

    from tests.conftest import EXAMPLES

    copy = tmp_path / "course"
    shutil.copytree(EXAMPLES, copy)
    code, out = _check(capsys, str(copy / "exercises" / "compare"))
    assert "source-outside" not in out
    assert "could not be checked" not in out
    assert code == 1  # the students' findings, not unreadable maps
    assert main(["compare", str(copy / "exercises/compare/class"), "-r",
                 str(copy / "exercises/compare/reference.yaml")]) == 0  # fmt: skip
