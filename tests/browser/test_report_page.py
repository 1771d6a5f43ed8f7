"""The HTML report in headless Chromium: clicks, search, pan and zoom, hostile labels, a big map.

Every test also asserts (in the ``open_report`` fixture) that the page asked for nothing
but itself, logged no error and opened no dialog.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

import argmap
from argmap.report import comparison_html, to_html
from benchmarks.generate import generate_map
from tests.browser.conftest import Opened
from tests.conftest import CORE_MAP, EXAMPLES, ROOT
from tests.test_report import hostile_map

pytestmark = [pytest.mark.graphviz, pytest.mark.browser]

Open = Callable[[Path], Opened]
WORKED = EXAMPLES / "crisis_has_matured.yaml"
SCREENSHOT = ROOT / "build" / "report-crisis_has_matured.png"


@pytest.fixture(scope="module")
def worked_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "crisis_has_matured.html"
    argmap.render(argmap.read(WORKED), path)
    return path


@pytest.fixture(scope="module")
def core_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "crisis_core.html"
    argmap.render(argmap.read(CORE_MAP), path)
    return path


def selected(opened: Opened) -> str | None:
    return opened.page.get_attribute("body", "data-selected")


def test_clicking_a_box_marks_its_quote_and_scrolls_it_into_view(
    open_report: Open, worked_report: Path
) -> None:
    opened = open_report(worked_report)
    page = opened.page
    # A claim whose quote stands far down the letter, out of view at first.
    quote = 'mark[data-items~="congress_gives_nothing"]'
    assert not opened.in_view(quote)
    page.click('#map [data-id="congress_gives_nothing"]')
    assert selected(opened) == "congress_gives_nothing"
    assert page.get_attribute('#map [data-id="congress_gives_nothing"]', "class") == (
        "node item selected"
    )
    marked = page.locator("mark.q.current")
    assert marked.count() >= 1
    assert all(
        "congress_gives_nothing" in (m.get_attribute("data-items") or "").split()
        for m in marked.all()
    )
    assert opened.in_view("mark.q.current")
    assert "The Congress of Soviets will give nothing" in page.inner_text("#detail")


def test_clicking_a_passage_selects_its_box(open_report: Open, worked_report: Path) -> None:
    opened = open_report(worked_report)
    page = opened.page
    before = opened.view()
    page.locator('mark[data-items~="peasant_revolt"]').first.click()
    assert selected(opened) == "peasant_revolt"
    assert "selected" in (page.get_attribute('#map [data-id="peasant_revolt"]', "class") or "")
    assert opened.view() != before  # the map moved to show the box
    assert opened.in_view('#map [data-id="peasant_revolt"]')


def test_clicking_a_finding_selects_its_item(open_report: Open, worked_report: Path) -> None:
    opened = open_report(worked_report)
    page = opened.page
    first = page.locator("#notes .note").first
    ids = (first.get_attribute("data-ids") or "").split()
    first.click()
    assert selected(opened) == ids[0]
    assert "active" in (first.get_attribute("class") or "")
    assert opened.in_view(f'#map [data-id="{ids[0]}"]')
    assert "unsupported-claim" in page.inner_text("#detail")


def test_the_search_box_finds_ids_and_texts(open_report: Open, worked_report: Path) -> None:
    opened = open_report(worked_report)
    page = opened.page
    page.fill("#search", "railway")
    results = page.locator("#results li")
    expect(page.locator("#results")).to_be_visible()
    assert results.count() >= 1
    assert page.locator("#map .item.match").count() == results.count()
    assert page.locator("#map .item.dim").count() > 50
    first = results.first.get_attribute("data-id")
    page.press("#search", "Enter")
    assert selected(opened) == first
    assert opened.in_view(f'#map [data-id="{first}"]')
    page.fill("#search", "")
    expect(page.locator("#map .item.dim")).to_have_count(0)
    page.fill("#search", "no such words anywhere")
    expect(page.locator("#results")).to_have_text("Nothing matches.")


def test_the_detail_panel_shows_the_whole_item(open_report: Open, core_report: Path) -> None:
    opened = open_report(core_report)
    page = opened.page
    page.click('#map [data-id="revolt_means_crisis"]')  # a step drawn as one arrow
    detail = page.inner_text("#detail")
    assert "A peasant revolt in a peasant country under a republic proves" in detail
    assert "peasant_revolt" in detail
    assert "crisis_matured" in detail
    page.click('#map [data-id="dyelo_naroda"]')
    detail = page.inner_text("#detail")
    assert "Dyelo Naroda, 29 September 1917" in detail  # cites
    assert "So far practically nothing has been done" in detail  # the quote
    page.click("#detail button:text-is('revolt_shown')")  # a link to its step
    assert selected(opened) == "revolt_shown"
    assert "argument from sign" in page.inner_text("#detail")


def test_a_note_and_tags_stand_in_the_panel(open_report: Open, tmp_path: Path) -> None:
    builder = argmap.MapBuilder("Notes", thesis="c")
    builder.claim("c", "A claim.", note="The analyst's note.", tags=["mine"], assumed=True)
    path = tmp_path / "notes.html"
    argmap.render(builder.build(), path)
    opened = open_report(path)
    opened.page.click('#map [data-id="c"]')
    detail = opened.page.inner_text("#detail")
    assert "The analyst's note." in detail
    assert "mine" in detail
    assert "assumed" in detail


def test_wheel_keys_drag_and_fit_move_the_view(open_report: Open, worked_report: Path) -> None:
    opened = open_report(worked_report)
    page = opened.page
    fitted = opened.view()
    box = page.locator("#map").bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.wheel(0, -400)
    page.wait_for_function(
        f"!document.querySelector('#drawing').style.transform.endsWith('({fitted[2]})')"
    )
    wheeled = opened.view()
    assert wheeled[2] > fitted[2]  # zoomed in about the pointer
    page.focus("#map")
    page.keyboard.press("+")
    zoomed = opened.view()
    assert zoomed[2] > wheeled[2]
    page.keyboard.press("-")
    unzoomed = opened.view()
    assert unzoomed[2] < zoomed[2]
    page.keyboard.press("ArrowRight")
    assert opened.view()[0] < unzoomed[0]
    before = opened.view()
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 60, steps=5)
    page.mouse.up()
    dragged = opened.view()
    assert dragged[0] == pytest.approx(before[0] + 120, abs=6)
    assert dragged[1] == pytest.approx(before[1] + 60, abs=6)
    assert selected(opened) is None  # a drag is not a click
    page.click("#fit")
    assert opened.view() == pytest.approx(fitted, abs=0.01)
    page.click("#zoom-in")
    assert opened.view()[2] > fitted[2]


def test_a_hostile_map_runs_no_script_and_adds_no_element(
    open_report: Open, tmp_path: Path
) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(to_html(hostile_map()), encoding="utf-8")
    opened = open_report(path)
    page = opened.page
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.scripts.length") == 2
    assert page.inner_text("h1") == "<b>bold</b> </title><script>alert(4)</script>"
    for ident in ("top", "base", "ev", "step"):
        page.click(f'#map [data-id="{ident}"]')
    assert "</script><script>alert(10)</script>" in page.inner_text("#detail")
    page.fill("#search", "<img")
    page.press("#search", "Enter")
    page.locator("mark.q").first.click()
    assert page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert page.evaluate("document.scripts.length") == 2
    assert page.evaluate("document.querySelectorAll('a[href]').length") == 0


def test_the_worked_example_as_a_person_sees_it(open_report: Open, worked_report: Path) -> None:
    """Writes build/report-crisis_has_matured.png, for a person to look at."""
    opened = open_report(worked_report)
    page = opened.page
    page.locator('#notes .note[data-ids^="congress_gives_nothing"]').click()
    assert selected(opened) == "congress_gives_nothing"
    assert opened.in_view("mark.q.current")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    print(f"\nscreenshot of the report: {SCREENSHOT}")


def test_a_map_of_2000_statements_opens_and_responds(open_report: Open, tmp_path: Path) -> None:
    amap = generate_map(1670, seed=3)
    statements = len(amap.claims) + len(amap.evidence)
    assert 1950 <= statements <= 2050
    path = tmp_path / "big.html"
    started = time.perf_counter()
    argmap.render(amap, path)
    written = time.perf_counter() - started
    started = time.perf_counter()
    opened = open_report(path)  # returns once the script has run: the page is interactive
    interactive = time.perf_counter() - started
    page = opened.page
    target = amap.claims[len(amap.claims) // 2].id
    started = time.perf_counter()
    page.fill("#search", target)
    page.press("#search", "Enter")
    page.wait_for_function(f"document.body.dataset.selected === {target!r}")
    searched = time.perf_counter() - started
    page.fill("#search", "")  # (the search hides the findings on other items)
    started = time.perf_counter()
    page.locator("#notes .note").first.click()
    page.keyboard.press("0")
    page.evaluate("new Promise(requestAnimationFrame)")
    clicked = time.perf_counter() - started
    size = path.stat().st_size / 1e6
    print(
        f"\n{statements} statements, {len(amap.inferences)} inferences, {size:.1f} MB: "
        f"written in {written:.1f} s, interactive {interactive:.2f} s after opening, "
        f"search and select {searched * 1000:.0f} ms, a finding and fit {clicked * 1000:.0f} ms"
    )


def test_a_difference_selects_the_student_s_item(open_report: Open, tmp_path: Path) -> None:
    folder = EXAMPLES / "exercises" / "compare"
    student = argmap.read(folder / "class" / "ben.yaml")
    result = argmap.compare(student, argmap.read(folder / "reference.yaml"))
    path = tmp_path / "ben.html"
    path.write_text(comparison_html(student, result), encoding="utf-8")
    opened = open_report(path)
    ident = next(d.student for d in result.differences if d.student)
    opened.page.locator(f'#notes .note[data-ids="{ident}"]').first.click()
    assert selected(opened) == ident
    assert opened.in_view(f'#map [data-id="{ident}"]')


def test_two_fingers_pinch_to_zoom(open_report: Open, core_report: Path) -> None:
    opened = open_report(core_report)
    page = opened.page
    box = page.locator("#map").bounding_box()
    assert box is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    before = opened.view()

    def touch(kind: str, finger: int, dx: float) -> None:
        init = {"pointerId": finger, "pointerType": "touch", "isPrimary": finger == 1}
        init |= {"clientX": x + dx, "clientY": y, "bubbles": True}
        page.dispatch_event("#map", kind, init)

    touch("pointerdown", 1, -20)
    touch("pointerdown", 2, 20)
    for spread in (30, 50, 80):  # the fingers move apart
        touch("pointermove", 1, -spread)
        touch("pointermove", 2, spread)
    touch("pointerup", 1, -80)
    touch("pointerup", 2, 80)
    assert opened.view()[2] > before[2] * 2
