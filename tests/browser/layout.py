"""Every page the browser tests visit, at a desk and on a phone: a screenshot at 1280 and
390 px wide into var/screenshots/ (git-ignored), and a check that at 390 px the document
is no wider than the viewport. Content inside a scrolling container (a wide table in its
.guild-table-wrapper) scrolls there and does not widen the document, so it passes."""

import re
from pathlib import Path
from typing import Any

from django.conf import settings

from tests.browser.conftest import wait_for_components

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 390, "height": 844}

# The document's width, and (when it overflows) the outermost elements sticking out of
# the viewport that no scrolling ancestor contains: what to fix.
OVERFLOW = """() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    const culprits = [];
    if (scrollWidth > width) {
        const contained = (el) => {
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX))
                    return true;
            }
            return false;
        };
        for (const el of document.body.querySelectorAll('*')) {
            if (el.getBoundingClientRect().right <= width + 0.5 || contained(el)) continue;
            const parent = el.parentElement;
            if (parent && parent.getBoundingClientRect().right > width + 0.5) continue;
            const id = el.id ? '#' + el.id : '';
            const cls = typeof el.className === 'string' && el.className
                ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
            culprits.push(`${el.tagName.toLowerCase()}${id}${cls} right=${
                Math.round(el.getBoundingClientRect().right)}`);
            if (culprits.length >= 8) break;
        }
    }
    return {width, scrollWidth, culprits};
}"""


def shot_name(url: str, label: str) -> str:
    """A file name from the page's path and the test's label (who is looking)."""
    path = re.sub(r"^https?://[^/]+", "", url)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-") or "root"
    return f"{slug}--{re.sub(r'[^A-Za-z0-9]+', '-', label).strip('-')}"[:180]


def layout_problem(page: Any, label: str) -> str | None:
    """Screenshot the page at 1280 and 390 px; what overflows at 390 px, or None. Leaves
    the page at 1280 px. `label` tells screenshots of the same URL apart (role, step)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = shot_name(page.url, label)
    wait_for_components(page)
    page.screenshot(path=str(SCREENSHOTS / f"{name}--1280.png"), full_page=True)
    page.set_viewport_size(NARROW)
    try:
        page.evaluate("() => new Promise((r) => requestAnimationFrame(() => r(true)))")
        page.screenshot(path=str(SCREENSHOTS / f"{name}--390.png"), full_page=True)
        overflow = page.evaluate(OVERFLOW)
    finally:
        page.set_viewport_size(WIDE)
    if overflow["scrollWidth"] <= overflow["width"]:
        return None
    return (
        f"{page.url} is {overflow['scrollWidth']} px wide in a {overflow['width']} px "
        f"viewport; sticking out: {', '.join(overflow['culprits']) or '(none found)'}"
    )


def check_layout(page: Any, label: str) -> None:
    """Screenshot the page at both widths and fail if it overflows at 390 px."""
    problem = layout_problem(page, label)
    assert problem is None, problem
