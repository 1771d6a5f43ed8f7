"""The HTML report as a page: what it holds, its escaping, its CSP, render and the CLI.

What the page does in a browser is tested in tests/browser/ (headless Chromium).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap import ArgumentMap, Claim, Evidence, Inference, Source
from argmap.cli import main
from argmap.report import comparison_html, highlight, script_json, to_html
from argmap.report.page import CSP
from tests.conftest import CORE_MAP, EXAMPLES

pytestmark = pytest.mark.graphviz

SCRIPT_BREAKERS = "</script><script>alert(1)</script> <!-- <img src=x onerror=alert(2)>"


def hostile_map() -> ArgumentMap:
    """A map whose every text tries to break out of where the page puts it."""
    text = f"Plain words. {SCRIPT_BREAKERS} javascript:alert(3) \u2028 and & more."
    return ArgumentMap(
        title="<b>bold</b> </title><script>alert(4)</script>",
        thesis="top",
        sources=[
            Source(id="src", title="<i>T</i>", author="<img src=y onerror=alert(5)>", text=text)
        ],
        claims=[
            Claim(id="top", text=SCRIPT_BREAKERS, source="src", quote=SCRIPT_BREAKERS),
            Claim(
                id="base",
                text="javascript:alert(6)",
                note="<a href='javascript:alert(7)'>x</a>",
                tags=["<svg onload=alert(8)>"],
            ),
        ],
        evidence=[
            Evidence(
                id="ev",
                kind="quotation",
                text="\u2029 ]]> --> '\" &amp;",
                source="src",
                quote="Plain words.",
                cites="<script>alert(9)</script>",
            )
        ],
        inferences=[
            Inference(
                id="step",
                premises=["base", "ev"],
                conclusion="top",
                warrant="</script><script>alert(10)</script>",
                scheme="<style>*{display:none}</style>",
            )
        ],
    )


class _Tags(HTMLParser):
    """Counts the elements of a page and collects the text of its scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.blocks: dict[str, list[str]] = {"script": [], "style": []}
        self._inside: str | None = None
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        if tag in self.blocks:
            self._inside = tag
            self.blocks[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside is not None:
            self.blocks[self._inside][-1] += data


def parse(page: str) -> _Tags:
    tags = _Tags()
    tags.feed(page)
    return tags


def page_data(page: str) -> Any:
    """The JSON data block of a page."""
    found = re.search(r'id="argmap-data">(.*?)</script>', page, re.DOTALL)
    assert found is not None
    return json.loads(found[1])


def sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


def test_the_page_holds_the_map_the_text_and_the_findings() -> None:
    amap = argmap.read(EXAMPLES / "crisis_has_matured.yaml")
    page = to_html(amap)
    assert page.startswith("<!DOCTYPE html>")
    assert '<svg id="drawing"' in page
    assert "<?xml" not in page
    assert "<!DOCTYPE svg" not in page
    for finding in argmap.check(amap):
        assert f'data-ids="{" ".join(finding.ids)}"' in page
    found = [q for q in argmap.locate_quotes(amap) if q.found]
    for lookup in found:
        assert re.search(rf'data-items="[^"]*\b{re.escape(lookup.item)}\b', page), lookup.item
    data = page_data(page)
    ids = {item["id"] for item in data["items"]}
    assert ids == {node.id for node in amap.nodes()}


def test_the_csp_forbids_every_request_and_allows_only_the_page_s_own_code() -> None:
    page = to_html(argmap.read(CORE_MAP))
    tags = parse(page)
    (script,) = [s for s in tags.blocks["script"] if not s.startswith("{")]
    (style,) = tags.blocks["style"]
    assert f"script-src 'sha256-{sha256(script)}'" in CSP
    assert f"style-src 'sha256-{sha256(style)}'" in CSP
    assert "default-src 'none'" in CSP
    assert "connect-src" not in CSP
    assert "unsafe" not in CSP
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    # Nothing to fetch: no src or href attribute anywhere, no URL but the SVG namespaces.
    assert not [name for name, _ in tags.attributes if name in ("src", "href", "xlink:href")]
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_no_label_adds_markup_or_script() -> None:
    page = to_html(hostile_map())
    tags = parse(page)
    assert tags.tags.count("script") == 2  # the data and the page's script
    assert tags.tags.count("style") == 1
    assert "img" not in tags.tags
    assert "i" not in tags.tags
    assert "b" not in tags.tags
    assert "onerror" not in {name for name, _ in tags.attributes}
    assert page.count("</script>") == 2
    assert "\u2028" not in page.split('id="argmap-data">')[1].split("</script>")[0]
    # The data block reads back as the texts themselves.
    block = tags.blocks["script"][0]
    data = json.loads(block)
    texts = {item["id"]: item for item in data["items"]}
    assert texts["top"]["text"] == SCRIPT_BREAKERS
    assert texts["step"]["warrant"] == "</script><script>alert(10)</script>"


def test_script_json_escapes_what_could_end_the_script() -> None:
    value = {"a": "</script><!--", "b": "&\u2028\u2029", "c": ">"}
    text = script_json(value)
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == value


def test_highlight_marks_overlapping_spans_and_escapes_the_rest() -> None:
    text = "one <two> three & four"
    marked = highlight(text, [(0, 9, "a"), (4, 15, "b"), (18, 22, "c"), (30, 40, "off")])
    assert marked == (
        '<mark class="q" data-items="a">one </mark>'
        '<mark class="q" data-items="a b">&lt;two&gt;</mark>'
        '<mark class="q" data-items="b"> three</mark> &amp; '
        '<mark class="q" data-items="c">four</mark>'
    )
    assert highlight(text, []) == "one &lt;two&gt; three &amp; four"


def test_a_quote_with_an_ellipsis_is_marked_part_by_part() -> None:
    text = "we should wait. No: we should, and now, cooperate."
    amap = ArgumentMap(
        title="t",
        sources=[Source(id="s", title="S", text=text)],
        claims=[Claim(id="c", text="Cooperate.", source="s", quote="we should ... cooperate")],
    )
    page = to_html(amap)
    assert re.findall(r'<mark class="q" data-items="c">([^<]*)</mark>', page) == [
        "we should",
        "cooperate",
    ]


def test_a_missing_quote_and_an_unreadable_source_are_said(tmp_path: Path) -> None:
    amap = ArgumentMap(
        title="t",
        sources=[Source(id="s", title="S", text="some text"), Source(id="f", title="F", path="no")],
        claims=[
            Claim(id="c", text="C.", source="s", quote="other words"),
            Claim(id="d", text="D.", source="f", quote="x"),
        ],
    )
    page = to_html(amap)
    data = page_data(page)
    by_id = {item["id"]: item for item in data["items"]}
    assert "quoteMissing" in by_id["c"]
    assert "quoteMissing" in by_id["d"]
    assert '<p class="missing">' in page


def test_findings_false_lists_none() -> None:
    page = to_html(argmap.read(EXAMPLES / "crisis_has_matured.yaml"), findings=False)
    assert 'id="notes"' not in page
    assert "argmap check finds nothing" in page


def test_render_writes_the_report_by_its_suffix(tmp_path: Path) -> None:
    out = argmap.render(argmap.read(CORE_MAP), tmp_path / "core.html", theme="print")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_render_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    assert main(["render", str(CORE_MAP), "-o", str(out), "--direction", "LR"]) == 0
    assert f"wrote {out}" in capsys.readouterr().err
    assert "The Crisis Has Matured" in out.read_text(encoding="utf-8")


def test_the_comparison_page_lists_the_differences_on_the_student_s_map() -> None:
    student_file = EXAMPLES / "exercises" / "compare" / "class" / "ben.yaml"
    student = argmap.read(student_file)
    result = argmap.compare(
        student, argmap.read(EXAMPLES / "exercises" / "compare" / "reference.yaml")
    )
    page = comparison_html(student, result)
    assert "compared with the reference" in page
    assert page.count('class="note sev-difference"') == len(result.differences)
    for difference in result.differences:
        if difference.student:
            assert f'data-ids="{difference.student}"' in page
    assert {item["id"] for item in page_data(page)["items"]} == {n.id for n in student.nodes()}


def test_cli_compare_writes_html_feedback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = EXAMPLES / "exercises" / "compare"
    args = ["compare", str(folder / "class"), "-r", str(folder / "reference.yaml")]
    args += ["--feedback-dir", str(tmp_path), "--feedback-format", "html"]
    main(args)
    assert "feedback files" in capsys.readouterr().err
    written = sorted(p.name for p in tmp_path.iterdir())
    assert "ben.html" in written
    assert "Differences" in (tmp_path / "ben.html").read_text(encoding="utf-8")
