"""Drawing maps: golden DOT, real Graphviz output, hostile labels, options, the CLI."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import ArgumentMap, Claim, Evidence, Inference
from argmap.cli import main
from argmap.render import GraphvizNotFoundError, render, render_bytes, to_dot
from tests.conftest import EXAMPLES

GOLDEN = Path(__file__).parent / "golden"
EXAMPLE_MAPS = {
    "crisis_core": EXAMPLES / "crisis_core.yaml",
    "crisis_has_matured": EXAMPLES / "crisis_has_matured.yaml",
    "flawed_student_map": EXAMPLES / "exercises" / "flawed_student_map.yaml",
}
HOSTILE = (
    "Quotes \"double\" 'single' <b>tags</b> & amps {braces} [brackets] back\\slash\\n "
    "Кризис назрел 危机 🙂 ✊"
)
SVG = "{http://www.w3.org/2000/svg}"


def svg_text(svg: bytes) -> str:
    """All the text an SVG shows, joined with spaces."""
    root = ET.fromstring(svg)
    return " ".join(el.text or "" for el in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("name", EXAMPLE_MAPS)
def test_golden_dot(name: str, update_golden: bool) -> None:
    dot = to_dot(argmap.read(EXAMPLE_MAPS[name]))
    golden = GOLDEN / f"{name}.dot"
    if update_golden:
        golden.write_text(dot, encoding="utf-8")
    assert dot == golden.read_text(encoding="utf-8")


def test_dot_is_deterministic() -> None:
    amap = argmap.read(EXAMPLE_MAPS["flawed_student_map"])
    assert to_dot(amap) == to_dot(argmap.read(EXAMPLE_MAPS["flawed_student_map"]))


def test_visual_grammar_in_the_dot() -> None:
    dot = to_dot(argmap.read(EXAMPLE_MAPS["flawed_student_map"]), legend=False)
    thesis = next(line for line in dot.splitlines() if line.startswith('  "insurrection_now" ['))
    assert 'peripheries="2"' in thesis
    evidence = next(line for line in dot.splitlines() if line.startswith('  "moscow_vote" ['))
    assert 'shape="note"' in evidence
    assert "STATISTIC" in evidence
    implicit = next(line for line in dot.splitlines() if line.startswith('  "revolution_ripe" ['))
    assert "dashed" in implicit
    assert "implicit" in implicit
    attack = next(line for line in dot.splitlines() if 'id="step-cavalry_objection"' in line)
    assert 'arrowhead="tee"' in attack
    assert 'style="bold"' in attack
    linked = [line for line in dot.splitlines() if '-> "crisis_means_act"' in line]
    assert len(linked) == 2  # two linked premises meet in the step's node
    assert "⚠ unsupported-claim" in dot
    assert "⚠ circular-support" in dot
    # one badge line per item, whatever the number of its findings
    moscow = next(line for line in dot.splitlines() if line.startswith('  "army_with_us" ['))
    assert moscow.count("⚠") == 1
    assert "unsupported-claim, quote-not-found" in moscow
    # the steps an unsupported claim leaves ungrounded are not marked: the claim is
    assert "ungrounded-step" not in dot


def test_warrants_are_cut_unless_full_text_is_asked_for() -> None:
    warrant = "A crisis that has matured must be seized at once, " * 3
    amap = argmap.ArgumentMap(
        title="T",
        claims=[
            argmap.Claim(id="a", text="A.", assumed=True),
            argmap.Claim(id="b", text="B."),
            argmap.Claim(id="c", text="C."),
        ],
        inferences=[
            argmap.Inference(id="i", premises=["a"], conclusion="b", warrant=warrant.strip()),
            argmap.Inference(id="r", premises=["b"], conclusion="c", kind="rephrase"),
        ],
    )
    cut = to_dot(amap, findings=False)
    whole = to_dot(amap, findings=False, full_text=True)
    step = next(line for line in cut.splitlines() if 'id="step-i"' in line)
    label = step.split("label=", 1)[1]
    assert label.count("<BR/>") == 1
    assert "…" in label
    assert step.split("tooltip=", 1)[1].count("seized") == 3 + 1  # the tooltip has it whole
    step = next(line for line in whole.splitlines() if 'id="step-i"' in line)
    label = step.split("label=", 1)[1]
    assert "…" not in label
    assert label.count("seized") == 3
    restated = next(line for line in cut.splitlines() if 'id="step-r"' in line)
    assert 'style="dotted"' in restated
    assert "restates" in restated
    assert 'tooltip="r: restates `b`"' in restated
    assert "restates (rephrase)" in cut  # the legend


def label_lines(dot: str, ident: str) -> list[str]:
    """The text lines of an item's label in DOT (its small lines left out)."""
    line = next(line for line in dot.splitlines() if line.startswith(f'  "{ident}" ['))
    label = line.split("label=<", 1)[1].split(">, tooltip=", 1)[0]
    return [part for part in label.split("<BR/>") if not part.startswith("<FONT")]


def test_a_long_text_is_cut_into_lines_and_a_long_label_ends_in_an_ellipsis() -> None:
    """A one-word megabyte (once seconds of textwrap) gives a box of 30 lines at most."""
    word = "x" * 1_000_000
    amap = ArgumentMap(
        title="T",
        claims=[Claim(id="a", text=word)],
        evidence=[Evidence(id="e", kind="quotation", text=f"see {word}", cites="y" * 1_000_000)],
    )
    dot = to_dot(amap, findings=False, legend=False)
    claim = label_lines(dot, "a")
    assert len(claim) == 30
    assert claim[:-1] == ["x" * 28] * 29
    assert claim[-1] == "x" * 28 + " …"
    evidence = label_lines(dot, "e")
    assert len(evidence) == 30
    assert evidence[0] == "see " + "x" * 24  # a long word fills the line, as textwrap did
    assert evidence[-1].endswith(" …")
    assert len(dot) < 2 * len(word) + 10_000  # the tooltips hold the texts whole, once each

    whole = to_dot(amap, findings=False, legend=False, full_text=True)
    claim = label_lines(whole, "a")
    assert len(claim) == 1_000_000 // 28 + 1
    assert {len(line) for line in claim[:-1]} == {28}
    assert "".join(claim) == word


def test_a_long_word_is_not_cut_inside_a_character() -> None:
    accented = "e\u0301" * 20  # e and a combining acute accent
    family = "\U0001f469\u200d\U0001f467"  # woman, joiner, girl: one emoji
    amap = ArgumentMap(
        title="T", claims=[Claim(id="a", text=accented), Claim(id="b", text=family * 5)]
    )
    dot = to_dot(amap, width=5, findings=False, legend=False)
    assert label_lines(dot, "a") == ["e\u0301" * 2] * 10
    assert label_lines(dot, "b") == [family] * 5


def test_the_readme_picture_is_of_the_current_map() -> None:
    """docs/crisis_has_matured.svg is regenerated with `make docs` when the map changes."""
    svg = (EXAMPLES.parent / "docs" / "crisis_has_matured.svg").read_bytes()
    titles = {el.text for el in ET.fromstring(svg).iter(f"{SVG}title")}
    amap = argmap.read(EXAMPLE_MAPS["crisis_has_matured"])
    assert {c.id for c in amap.claims} <= titles


@pytest.mark.graphviz
@pytest.mark.parametrize("name", EXAMPLE_MAPS)
def test_svg_shows_every_item(name: str) -> None:
    amap = argmap.read(EXAMPLE_MAPS[name])
    svg = render_bytes(amap, "svg")
    titles = {el.text for el in ET.fromstring(svg).iter(f"{SVG}title")}
    for node in amap.nodes():
        if len(getattr(node, "premises", ())) <= 1 and isinstance(node, Inference):
            continue  # a one-premise step is drawn as an edge
        assert node.id in titles, node.id
    assert amap.title in svg_text(svg)


@pytest.mark.graphviz
def test_png_and_pdf(tmp_path: Path) -> None:
    amap = argmap.read(EXAMPLE_MAPS["crisis_core"])
    png = render(amap, tmp_path / "map.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width > 400
    assert height > 300
    pdf = render(amap, tmp_path / "map.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    dot = render(amap, tmp_path / "map.dot").read_text(encoding="utf-8")
    assert dot == to_dot(amap)


@pytest.mark.graphviz
def test_hostile_labels_render_as_written() -> None:
    amap = ArgumentMap(
        title="T <&> {x}",
        thesis="c",
        claims=[Claim(id="c", text=HOSTILE), Claim(id="d", text="Line one\nline two")],
        evidence=[Evidence(id="e", kind="report", text='A "report" & <more>', cites='X\\"Y')],
        inferences=[
            Inference(id="i", premises=["e", "d"], conclusion="c", scheme='sign "quoted" & <b>')
        ],
    )
    svg = render_bytes(amap, "svg", width=200)
    shown = svg_text(svg)
    for piece in [
        '"double"',
        "'single'",
        "<b>tags</b>",
        "& amps",
        "{braces}",
        "[brackets]",
        "back\\slash\\n",
        "Кризис назрел",
        "危机",
        "🙂",
        'A "report" & <more>',
        'X\\"Y',
        "Line one",
        "line two",
        "T <&> {x}",
    ]:
        assert piece in shown, piece


@pytest.mark.graphviz
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30).filter(
        lambda t: t.strip() != ""
    )
)
def test_any_text_is_drawn_safely(text: str) -> None:
    amap = ArgumentMap(title=text, claims=[Claim(id="a", text=text, note=text)])
    shown = svg_text(render_bytes(amap, "svg", width=100, legend=False))
    for word in text.split():
        assert word in shown.replace("\xa0", " ")


def test_options() -> None:
    amap = argmap.read(EXAMPLE_MAPS["flawed_student_map"])
    assert 'rankdir="LR"' in to_dot(amap, direction="LR")
    assert "⚠" not in to_dot(amap, findings=False, legend=False)
    printed = to_dot(amap, theme="print")
    assert "#c62828" not in printed
    assert "#2e7d32" not in printed
    assert "#d55e00" in to_dot(amap, theme="colorblind")
    focused = to_dot(amap, focus="congress_gives_nothing", depth=1, legend=False)
    assert '"waiting_is_idiocy"' in focused
    assert '"insurrection_now"' not in focused
    with pytest.raises(ValueError, match="unknown theme"):
        to_dot(amap, theme="neon")
    with pytest.raises(argmap.MapFileError, match="not in the map"):
        to_dot(amap, focus="nowhere")


def test_missing_graphviz_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    amap = argmap.read(EXAMPLE_MAPS["crisis_core"])
    with pytest.raises(GraphvizNotFoundError) as caught:
        render_bytes(amap, "svg")
    hint = caught.value.problems[0].hint or ""
    assert "apt-get install graphviz" in hint
    assert "brew install graphviz" in hint
    assert "winget install graphviz" in hint
    render(amap, tmp_path / "map.dot")  # DOT needs no Graphviz
    assert main(["render", str(EXAMPLE_MAPS["crisis_core"]), "-o", str(tmp_path / "m.svg")]) == 2
    assert main(["render", str(EXAMPLE_MAPS["crisis_core"]), "-o", str(tmp_path / "m.mmd")]) == 0
    bundle = amap._repr_mimebundle_()
    assert set(bundle) == {"text/plain"}


@pytest.mark.graphviz
def test_notebook_shows_the_diagram() -> None:
    bundle = argmap.read(EXAMPLE_MAPS["crisis_core"])._repr_mimebundle_()
    assert bundle["image/svg+xml"].lstrip().startswith("<?xml")


@pytest.mark.graphviz
def test_cli_render(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(EXAMPLE_MAPS["flawed_student_map"])
    for suffix in ("svg", "png", "pdf", "dot", "mmd", "graphml", "json", "yaml"):
        out = tmp_path / f"map.{suffix}"
        assert main(["render", source, "-o", str(out)]) == 0, suffix
        assert out.stat().st_size > 0
    exported = argmap.read(tmp_path / "map.json", allow_outside_sources=True)  # text in examples/
    assert exported.claims == argmap.read(source).claims
    assert exported.source_text("crisis") == argmap.read(source).source_text("crisis")
    assert main(["render", source, "-o", str(tmp_path / "m.txt")]) == 2
    assert "cannot write `txt`" in capsys.readouterr().err
    assert (
        main(
            [
                "render",
                source,
                "-o",
                str(tmp_path / "x"),
                "--format",
                "svg",
                "--theme",
                "print",
                "--direction",
                "LR",
                "--no-findings",
                "--no-legend",
                "--focus",
                "crisis_matured",
                "--depth",
                "1",
                "--width",
                "40",
            ]
        )
        == 0
    )
    assert (tmp_path / "x").read_bytes().lstrip().startswith(b"<?xml")


INJECTION = """
argmap: 1
title: T
thesis: a
claims:
  - id: a
    text: "Taxes should rise. C:\\\\Users\\\\Nina \\\\G \\\\N \\\\E"
    note: '<x>, label="Taxes should FALL.", fillcolor="red", tooltip=<x>'
  - id: legend_0
    text: "<b>bold</b> \\x01 ctl"
    note: '<x>]; "b" -> "a" [color="green", label=<forged support>, tooltip=<x>'
inferences:
  - {id: node1, premises: [legend_0], conclusion: a, scheme: s}
"""


@pytest.mark.graphviz
def test_no_text_can_change_the_drawing(tmp_path: Path) -> None:
    path = tmp_path / "map.yaml"
    path.write_text(INJECTION, encoding="utf-8")
    svg = render_bytes(argmap.read(path), "svg")
    shown = svg_text(svg)
    assert "Taxes should FALL." not in shown
    assert "forged support" not in shown
    assert "C:\\Users\\Nina \\G \\N \\E" in shown  # backslashes shown, never expanded
    assert "<b>bold</b> \ufffd ctl" in shown  # a control character XML forbids
    assert "Taxes should rise." in shown  # the claim named legend_0 stays a claim


TOOLTIP = (
    "C:\\Users \\N \\G \\L \\E \\T \\H \\n &#106;avascript:alert(1) &amp; "
    "<script>x</script> \"double\" 'single' ]"
)
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"


@pytest.mark.graphviz
def test_tooltips_show_the_text_as_written() -> None:
    """Graphviz expands \\N, \\G, \\L and entities in tooltips too: none of it happens."""
    amap = ArgumentMap(
        title="T",
        claims=[
            Claim(id="a", text=TOOLTIP),
            Claim(id="b", text="B.", note=f"{TOOLTIP}\nsecond line"),
            Claim(id="c", text="C."),
        ],
        evidence=[Evidence(id="e", kind="quotation", text=TOOLTIP)],
        inferences=[
            Inference(id="i", premises=["a"], conclusion="b", warrant=TOOLTIP),
            Inference(id="j", premises=["b", "e"], conclusion="c", scheme=TOOLTIP),
        ],
    )
    dot = to_dot(amap, findings=False)
    assert "&#106;" not in dot.replace("&amp;#106;", "")
    # a backslash doubled for Graphviz's expansion, then again for DOT's quotes
    assert r'tooltip="i: C:\\\\Users \\\\N \\\\G' in dot
    svg = render_bytes(amap, "svg", findings=False)
    tooltips = [text for el in ET.fromstring(svg).iter() if (text := el.get(XLINK_TITLE))]
    assert tooltips.count(TOOLTIP) == 2  # claim a, evidence e
    assert f"{TOOLTIP}\nsecond line" in tooltips  # a note
    assert f"i: {TOOLTIP}" in tooltips  # a step drawn as an edge
    assert f"j: {TOOLTIP}" in tooltips  # a step drawn as a node
    assert not any("javascript" in tooltip for tooltip in tooltips)


def test_focus_stays_small_and_fast() -> None:
    claims = [Claim(id=f"c{layer}_{k}", text="C.") for layer in range(20) for k in range(8)]
    inferences = [
        Inference(
            id=f"i{layer}_{k}",
            premises=[f"c{layer + 1}_{j}" for j in range(8)],
            conclusion=f"c{layer}_{k}",
            scheme="s",
        )
        for layer in range(19)
        for k in range(8)
    ]
    amap = ArgumentMap(title="Layers", claims=claims, inferences=inferences)
    dot = to_dot(amap, focus="c0_0", depth=10_000_000, findings=False, legend=False)
    assert '"c19_7"' in dot
    step = to_dot(amap, focus="i0_0", depth=0, findings=False, legend=False)
    assert '"c0_0"' in step
    assert '"c1_0"' in step
    assert '"c2_0"' not in step
    with pytest.raises(ValueError, match="width"):
        to_dot(amap, width=0)
    with pytest.raises(ValueError, match="depth"):
        to_dot(amap, focus="c0_0", depth=-1)


def test_cli_keeps_its_input_and_follows_links(tmp_path: Path) -> None:
    source = tmp_path / "map.yaml"
    source.write_bytes(EXAMPLE_MAPS["crisis_core"].read_bytes())
    (tmp_path / "texts").symlink_to(EXAMPLES / "texts")  # a link out: trusted here
    assert main(["render", str(source), "-o", str(source), "--allow-outside-sources"]) == 2
    assert source.read_bytes() == EXAMPLE_MAPS["crisis_core"].read_bytes()
    (tmp_path / "link.dot").symlink_to(tmp_path / "real.dot")
    assert main(["render", str(source), "-o", str(tmp_path / "link.dot")]) == 2  # source-outside
    assert (
        main(["render", str(source), "-o", str(tmp_path / "link.dot"), "--allow-outside-sources"])
        == 0
    )
    assert (tmp_path / "link.dot").is_symlink()
    assert (tmp_path / "real.dot").read_text(encoding="utf-8").startswith("digraph")
    trusted = ["--allow-outside-sources"]
    assert (
        main(["render", str(source), "-o", str(tmp_path / "x.mmd"), "--focus", "a", *trusted]) == 2
    )
    assert (
        main(["render", str(source), "-o", str(tmp_path / "x.mmd"), "--direction", "LR", *trusted])
        == 0
    )
    assert (tmp_path / "x.mmd").read_text(encoding="utf-8").splitlines()[1] == "flowchart LR"


def test_depth_goes_with_focus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(EXAMPLE_MAPS["crisis_core"])
    assert main(["render", source, "-o", str(tmp_path / "m.dot"), "--depth", "1"]) == 2
    assert "--depth goes with --focus" in capsys.readouterr().err
