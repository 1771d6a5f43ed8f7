"""Headless Chromium for the report's browser tests: Debian's, driven by Playwright.

Playwright's own browser download is never used: the browser is the executable at
ARGMAP_CHROMIUM (by default /usr/bin/chromium, which `.ci/ensure-chromium` installs).
Where it is missing the tests fail with the way to install it, except for a user who
is not root and so could not have let `make test` install it: those are skipped.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page

CHROMIUM = Path(os.environ.get("ARGMAP_CHROMIUM") or "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1600, "height": 1000}


def _unavailable(reason: str) -> None:
    message = f"{reason}: run `bash .ci/ensure-chromium` (as root), or `make test`"
    if os.geteuid() != 0:
        pytest.skip(f"{message}; skipped since this user could not install it")
    pytest.fail(message, pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Chromium, launched once for the session."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)) and not shutil.which(
        str(CHROMIUM)
    ):
        _unavailable(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (the dev extra has it)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=ARGS, headless=True
        )
        yield launched
        launched.close()


@dataclass
class Opened:
    """A page of the report open in the browser, and what it did while open."""

    page: Page
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def view(self) -> tuple[float, float, float]:
        """How the drawing is moved: its offset (x, y) in the pane, and its scale."""
        transform = self.page.eval_on_selector("#drawing", "(svg) => svg.style.transform")
        found = re.fullmatch(r"translate\((.+)px, (.+)px\) scale\((.+)\)", transform)
        assert found is not None, transform
        x, y, k = (float(found[n]) for n in (1, 2, 3))
        return x, y, k

    def in_view(self, selector: str) -> bool:
        """Whether the first element matching ``selector`` is wholly visible on screen."""
        return bool(
            self.page.eval_on_selector(
                selector,
                """(el) => {
                    const r = el.getBoundingClientRect();
                    let box = el.parentElement;
                    while (box && getComputedStyle(box).overflowY === "visible") {
                        box = box.parentElement;
                    }
                    const c = box ? box.getBoundingClientRect() : {top: 0, bottom: innerHeight};
                    return r.height > 0 && r.top >= Math.max(c.top, 0) - 1
                        && r.bottom <= Math.min(c.bottom, innerHeight) + 1;
                }""",
            )
        )


@pytest.fixture
def open_report(browser: Browser) -> Iterator[Callable[[Path], Opened]]:
    """Open a report file from disk; afterwards, assert it made no request, error or dialog."""
    opened: list[Opened] = []
    contexts = []

    def open_(path: Path) -> Opened:
        context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
        contexts.append(context)
        page = context.new_page()
        result = Opened(page, path.resolve().as_uri())

        def console(message: ConsoleMessage) -> None:
            if message.type in ("error", "warning"):
                result.errors.append(f"console {message.type}: {message.text}")

        def dialog(opened_dialog: Dialog) -> None:
            result.dialogs.append(opened_dialog.message)
            opened_dialog.dismiss()

        page.on("request", lambda request: result.requests.append(request.url))
        page.on("console", console)
        page.on("pageerror", lambda error: result.errors.append(f"page error: {error}"))
        page.on("dialog", dialog)
        page.goto(result.url)
        page.wait_for_selector("html[data-ready]", state="attached")
        opened.append(result)
        return result

    yield open_
    for result in opened:
        assert result.requests == [result.url], "the page asked for more than itself"
        assert result.errors == []
        assert result.dialogs == []
    for context in contexts:
        context.close()
