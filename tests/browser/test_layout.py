"""The council's room: no label on top of another, nothing drawn outside its chart, nothing a reader
needs cut off with "…", every page link answering, on every page in both languages and on every
meeting slide at 1920×1080 and 1280×720. Checked from what Chromium actually drew.

Screenshots of every page and every slide land in artifacts/screenshots/layout/ for a person to
look at (they were looked at before this was resolved).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ogp_monitor.i18n import t
from tests.browser.conftest import (
    SCREENSHOTS,
    TEST_PASSWORD,
    goto,
    screenshot_full,
    wait_charts,
    wait_ready,
)
from tests.browser.test_views import VIEW_PAGES

LAYOUT = SCREENSHOTS / "layout"
SIZES = {"1080p": (1920, 1080), "720p": (1280, 720)}

# Every text of every Plotly chart, as drawn: two boxes that share more than 1.5 px both ways
# overlap; a box outside its chart's own box is cut off or drawn over something else.
OVERLAPS = """() => {
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach((chart, ci) => {
    const box = chart.getBoundingClientRect();
    const texts = [...chart.querySelectorAll('svg text')].filter(t => {
      if (!(t.textContent || '').trim()) return false;
      const cs = getComputedStyle(t);
      if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return false;
      const r = t.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    }).map(t => ({t: t.textContent.trim(), r: t.getBoundingClientRect()}));
    for (const a of texts) {
      if (a.r.left < box.left - 1 || a.r.right > box.right + 1 || a.r.top < box.top - 1 || a.r.bottom > box.bottom + 1)
        out.push(`chart ${ci}: "${a.t}" is drawn outside the chart`);
    }
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const a = texts[i].r, b = texts[j].r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 1.5 && h > 1.5) out.push(`chart ${ci}: "${texts[i].t}" overlaps "${texts[j].t}"`);
    }
  });
  return out;
}"""

# Visible elements whose text the browser cut with an ellipsis (metric labels, select values, tabs...).
TRUNCATED = """() => [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    if (r.width < 2 || r.right < 0 || r.left > innerWidth) return false;
    const cs = getComputedStyle(e);
    return cs.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth && (e.textContent || '').trim();
  }).map(e => (e.getAttribute('data-testid') || e.tagName) + ': ' + e.textContent.trim().slice(0, 80))"""


def assert_laid_out(page, where: str) -> None:
    wait_ready(page)
    wait_charts(page)
    assert page.evaluate(OVERLAPS) == [], where
    assert page.evaluate(TRUNCATED) == [], where
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


@pytest.mark.parametrize("lang", ["lv", "en"])
@pytest.mark.parametrize("stem", sorted(VIEW_PAGES))
def test_every_chart_of_every_page_has_room_for_its_labels(app_server, browser, stem, lang):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        goto(page, app_server, f"/{VIEW_PAGES[stem]}" + ("?lang=en" if lang == "en" else ""))
        expect(page.locator("h1").first).to_be_visible()
        assert_laid_out(page, f"{stem} ({lang})")
        LAYOUT.mkdir(parents=True, exist_ok=True)
        screenshot_full(page, LAYOUT / f"{stem}_{lang}_1440.png")
    finally:
        context.close()


@pytest.mark.parametrize("size", sorted(SIZES))
def test_every_meeting_slide_fits_the_screen_and_reads_from_the_back(app_server, browser, size):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        goto(page, app_server, "/sede?mode=meeting")
        # the slides are paged for this screen once the browser has told the page its size
        expect(page.locator(f".st-key-slides_for_{width}x{height}")).to_be_attached()
        wait_ready(page)
        caption = page.get_by_text(re.compile(r"Slaids 1 no \d+"))
        expect(caption).to_be_visible()
        n = int(re.search(r"no (\d+)", caption.inner_text()).group(1))
        assert n >= 8  # paged: no slide squeezes more than it can show
        LAYOUT.mkdir(parents=True, exist_ok=True)
        for i in range(1, n + 1):
            if i > 1:
                page.get_by_role("button", name=t("meeting.next")).click()
                expect(page.get_by_text(f"Slaids {i} no {n}")).to_be_visible()
            assert_laid_out(page, f"slide {i} at {size}")
            for chart in page.locator(".js-plotly-plot").all():
                box = chart.bounding_box()
                assert box["y"] + box["height"] <= height + 1, f"slide {i} at {size}: the chart runs off the screen"
            title = page.locator(".st-key-slide_title h2")
            if title.count():
                assert title.evaluate("e => e.scrollWidth <= e.clientWidth"), f"slide {i}: the title is cut"
                if size == "1080p" and title.inner_text().startswith(t("meeting.slide_institutions")):
                    bars = page.locator(".js-plotly-plot .barlayer .point path").all()
                    thick = [b.bounding_box()["height"] for b in bars if b.bounding_box()]
                    thick = [h for h in thick if h > 0.5]  # the legend-only traces draw no bar
                    assert min(thick) >= 14, f"slide {i}: bars {min(thick):.1f} px thin"
            page.screenshot(path=LAYOUT / f"slide_{i:02d}_{size}.png")
    finally:
        context.close()


def test_the_overview_answers_at_its_own_name(app_server, page):
    goto(page, app_server, "/parskats?lang=en")
    expect(page.locator("h1").first).to_have_text("Overview")
    assert_laid_out(page, "/parskats")


@pytest.mark.parametrize("path, lang, title", [("/augsupielade", "lv", "Augšupielāde"),
                                              ("/vesture?lang=en", "en", "History")])
def test_an_analyst_page_opened_signed_out_signs_in_and_comes_back(app_server, page, path, lang, title):
    goto(page, app_server, path)
    expect(page.get_by_text(t("login.only_analysts", lang))).to_be_visible()  # the sign-in, in the link's language
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.get_by_role("textbox", name=re.compile(re.escape(t("login.name", lang)[:10]))).fill("Anna Bērziņa")
    page.get_by_role("textbox", name=t("login.password", lang), exact=True).fill(TEST_PASSWORD)
    page.get_by_role("button", name=t("login.submit", lang)).click()
    expect(page.locator("h1").first).to_have_text(title)  # the page itself, not the sign-in page
    wait_ready(page)
    expect(page.get_by_text(t("login.only_analysts", lang))).to_have_count(0)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_slide_controls_keep_their_labels_with_the_sidebar_open(app_server, browser, lang):
    """At 1280×720 with the sidebar open the controls used to read "Iepri…" and "Nāka…"."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    try:
        goto(page, app_server, "/sede?mode=meeting" + ("&lang=en" if lang == "en" else ""))
        expect(page.locator(".st-key-slides_for_1280x720")).to_be_attached()
        wait_ready(page)
        page.locator("[data-testid='stExpandSidebarButton'], [data-testid='stSidebarCollapsedControl'] button").first.click()
        expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "false")
        page.wait_for_function("() => document.querySelector('[data-testid=stSidebar]').getBoundingClientRect().right > 250")
        for name in (t("meeting.prev", lang), t("meeting.next", lang)):
            button = page.get_by_role("button", name=name)
            expect(button).to_be_visible()
            cut = button.evaluate("b => [...b.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1)"
                                  ".map(e => e.textContent.trim())")
            assert cut == [], f"{name!r} is cut at 1280×720 with the sidebar open"
        assert page.evaluate(TRUNCATED) == []
    finally:
        context.close()
