"""Open every plan page of the built HTML documentation in headless Chromium and check it.

Usage::

    python tools/browser_check.py BUILT_HTML_DIR [--screenshots DIR] [--width 1280]

For each page under ``_generated/plans/`` (and the index), the check fails when:

* the page scrolls sideways (the document is wider than the window), or any element inside the
  article is cut off on the right (its content wider than its box: a table, a quote, a figure);
* the visible text shows a Python representation (``TargetKind.``, ``Phrase(``,
  ``<ComparisonKind`` and the like) instead of a human label;
* an image is missing or did not load;
* a criterion of the plan has no anchor of its exact reference spelling
  (``lai-chau-city-2024-C4``).

A full-page screenshot of each page, at a desktop and a phone width, is written to the
screenshots folder. Chromium and its driver come from the system (``/usr/bin/chromium``,
``/usr/bin/chromedriver``, Debian's ``chromium`` and ``chromium-driver``); Selenium drives them
and downloads nothing. Exit status 0 when every page passes, 1 otherwise, 2 when the browser
cannot start.
"""

from __future__ import annotations

import argparse
import base64
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

# Text that only a Python repr or a dumped data structure would put on a page.
RAW_REPR = re.compile(
    r"(?:TargetKind|ComparisonKind|Reading|Severity|Level|Precision|Op)\.[A-Z_]{2,}"
    r"|<[A-Z][A-Za-z]+\.[A-Z_]+: |\b(?:Phrase|SourceRef|PartialDate|When|Target|Finding|"
    r"Deadline|Comparison|Requirement|Criterion|Fraction)\(|\bmessage_vi: |\bphrase_vi="
)

# Measured in the page: the document's overflow, cut-off elements, broken images, anchors.
PROBE = r"""
const doc = document.documentElement;
const out = {scrollWidth: doc.scrollWidth, clientWidth: doc.clientWidth, cut: [], images: []};
const label = (el) => (el.innerText || el.src || '').replace(/\s+/g, ' ').slice(0, 80);
const main = document.querySelector('article') || document.body;
for (const el of main.querySelectorAll('table, pre, .source-passage, .criterion-text, figure, img, p, .table-wrapper')) {
  if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') {
    out.cut.push(el.tagName + '.' + el.className + ': ' + label(el));
  }
  const box = el.getBoundingClientRect();
  if (box.right > doc.clientWidth + 1) {
    out.cut.push('beyond the window: ' + el.tagName + '.' + el.className + ': ' + label(el));
  }
}
for (const img of document.images) {
  if (!img.complete || img.naturalWidth === 0) out.images.push(img.getAttribute('src'));
}
out.text = document.body.innerText;
out.ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);
return out;
"""

CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def start_browser(binary: str, driver: str, profile: str) -> Any:
    """A headless Chromium driven by the system's chromedriver (Selenium fetches nothing)."""
    from selenium import webdriver  # noqa: PLC0415 - a tool's own dependency
    from selenium.webdriver.chrome.service import Service  # noqa: PLC0415

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (*CHROME_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(executable_path=driver), options=options)


def criterion_anchors(page: Path) -> list[str]:
    """The criterion anchors a plan page must have, from the plan the page is named after."""
    import vn_drugfree_criteria as vdc  # noqa: PLC0415

    plan_id = page.stem
    if plan_id not in vdc.list_plans():
        return []
    return [f"{plan_id}-{c.id}" for c in vdc.get_plan(plan_id).criteria]


def check_page(browser: Any, page: Path, shots: Path, widths: tuple[int, ...]) -> list[str]:
    """Every problem found on one page, at each window width; screenshots written."""
    problems: list[str] = []
    for width in widths:
        browser.set_window_size(width, 900)
        browser.get(page.resolve().as_uri())
        found = browser.execute_script(PROBE)
        if found["scrollWidth"] > found["clientWidth"] + 1:
            problems.append(
                f"{width}px: the page scrolls sideways "
                f"({found['scrollWidth']} px of content in {found['clientWidth']} px)"
            )
        problems += [f"{width}px: cut off: {c}" for c in found["cut"]]
        problems += [f"missing image {src}" for src in found["images"]]
        for match in sorted({m.group(0) for m in RAW_REPR.finditer(found["text"])}):
            problems.append(f"raw Python representation on the page: {match!r}")
        missing = [a for a in criterion_anchors(page) if a not in found["ids"]]
        problems += [f"no anchor #{a}" for a in missing]
        (shots / f"{page.stem}-{width}.png").write_bytes(full_page_png(browser))
    return sorted(set(problems), key=problems.index)


def full_page_png(browser: Any) -> bytes:
    """A screenshot of the whole page (its first 16,000 CSS pixels), not only the window."""
    size = browser.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 16000)}
    shot = browser.execute_cdp_cmd(
        "Page.captureScreenshot",
        {"format": "png", "captureBeyondViewport": True, "clip": {**clip, "scale": 1}},
    )
    return base64.b64decode(shot["data"])


def main(argv: list[str] | None = None) -> int:
    """Check the pages; print one line per page and one per problem."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path, help="the built HTML folder (sphinx-build -b html)")
    parser.add_argument("--screenshots", type=Path, default=Path("screenshots"))
    parser.add_argument("--widths", default="1280,420", help="window widths in CSS pixels")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args(argv)
    pages = sorted((args.html / "_generated" / "plans").glob("*.html"))
    pages.append(args.html / "index.html")
    if len(pages) < 2:
        print(f"no plan pages under {args.html}", file=sys.stderr)
        return 1
    args.screenshots.mkdir(parents=True, exist_ok=True)
    widths = tuple(int(w) for w in args.widths.split(","))
    with tempfile.TemporaryDirectory() as profile:
        try:
            browser = start_browser(args.chromium, args.chromedriver, profile)
        except Exception as exc:
            print(f"cannot start {args.chromium} with {args.chromedriver}: {exc}", file=sys.stderr)
            return 2
        try:
            failed = 0
            for page in pages:
                problems = check_page(browser, page, args.screenshots, widths)
                failed += bool(problems)
                print(f"{'FAIL' if problems else 'ok  '} {page.relative_to(args.html)}")
                for p in problems:
                    print(f"     {p}")
        finally:
            browser.quit()
    print(f"{len(pages)} pages, {failed} failed; screenshots in {args.screenshots}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
