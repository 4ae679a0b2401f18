"""Present mode in a real browser at 1920×1080, offline: no chrome, keyboard steps, the brief downloads."""

from __future__ import annotations

import re
from pathlib import Path

from .browser import Watch, screenshot, wait_ready

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
NEXT, PREV = ".st-key-present_next button:visible", ".st-key-present_prev button:visible"


def step_of(page) -> str:
    match = re.search(r"[?&]step=(\d)", page.url)
    return match.group(1) if match else ""


def wait_step(page, step: int) -> None:
    page.wait_for_function(f"() => /[?&]step={step}(&|$)/.test(location.search)", timeout=20_000)
    page.wait_for_selector(f'.st-key-present_counter :text("{step} / 4")', timeout=20_000)
    wait_ready(page, "h1")


def heading(page) -> str:
    return page.locator("h1").first.inner_text().strip()


def assert_no_chrome(page) -> None:
    for selector in (
        '[data-testid="stSidebar"]',
        '[data-testid="stHeader"]',
        '[data-testid="stToolbar"]',
        '[data-testid="stSidebarCollapsedControl"]',
        '[data-testid="stMainMenu"]',
    ):
        locator = page.locator(selector)
        assert locator.count() == 0 or not locator.first.is_visible(), selector


def test_present_mode_steps_with_the_keyboard_and_downloads_the_brief(browser, app_url, tmp_path: Path):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = context.new_page()
    watch = Watch()
    watch.attach(context, page)
    page.on("pageerror", lambda error: watch.console_errors.append(str(error)))
    page.goto(f"{app_url}/?mode=present&lang=id")
    wait_ready(page, '[data-testid="stMetric"]')

    # 1 Indonesia: KPIs, the province map drawn offline, the ranking; no Streamlit chrome.
    assert heading(page) == "Indonesia"
    assert_no_chrome(page)
    page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    page.wait_for_selector(".js-plotly-plot .barlayer .point", timeout=30_000)
    assert page.locator('[data-testid="stMetric"]').count() == 5
    buttons = page.locator(f"{NEXT}, {PREV}")
    assert all(box["height"] >= 56 for box in (b.bounding_box() for b in buttons.all()))
    page.wait_for_timeout(800)
    screenshot(page, "present-1-indonesia")

    # ArrowRight → 2 the province, ArrowLeft → back to 1, ArrowRight again.
    page.keyboard.press("ArrowRight")
    wait_step(page, 2)
    province = heading(page)  # the province with most products, as no ``prov=`` was given
    assert province not in ("", "Indonesia")
    page.keyboard.press("ArrowLeft")
    wait_step(page, 1)
    assert heading(page) == "Indonesia"
    page.keyboard.press("ArrowRight")
    wait_step(page, 2)
    page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    page.wait_for_selector(".js-plotly-plot .barlayer .point", timeout=30_000)
    page.wait_for_timeout(800)
    screenshot(page, "present-2-province")

    # PageDown → 3 the pipeline: the plotly funnel is drawn.
    page.keyboard.press("PageDown")
    wait_step(page, 3)
    assert heading(page) == f"Tahapan produk: {province}"
    page.wait_for_selector(".js-plotly-plot .funnellayer .point", timeout=30_000)
    page.wait_for_timeout(500)
    screenshot(page, "present-3-pipeline")

    # A click on Next leaves the focus on it: Space must still advance exactly one slide.
    page.click(PREV)
    wait_step(page, 2)
    page.click(NEXT)
    wait_step(page, 3)
    page.keyboard.press("Space")
    wait_step(page, 4)
    page.wait_for_timeout(1000)
    assert step_of(page) == "4"
    assert heading(page) == "Bagaimana jika…"
    page.wait_for_selector(".js-plotly-plot .heatmaplayer", timeout=30_000)
    assert "sertifikat halal" in page.locator(".st-key-present_sentence").inner_text()
    page.mouse.move(960, 20)  # no button tooltip in the picture
    page.wait_for_timeout(500)
    screenshot(page, "present-4-whatif")
    page.keyboard.press("ArrowRight")  # the last slide stays
    page.wait_for_timeout(800)
    assert step_of(page) == "4"

    # The region brief: a self-contained HTML file for the province, with the scenario.
    with page.expect_download(timeout=60_000) as info:
        page.click(".st-key-present_download button:visible")
    download = info.value
    assert download.suggested_filename.startswith("ringkasan-wilayah-")
    assert download.suggested_filename.endswith(".html")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    document = saved.read_text(encoding="utf-8")
    assert document.startswith("<!DOCTYPE html>") and document.rstrip().endswith("</html>")
    assert f"Ringkasan wilayah: {province}" in document and "sertifikat halal" in document
    # Self-contained: nothing is loaded from elsewhere (product pictures are inline data: URIs).
    assert not re.search(r"<(script|iframe)[^>]+src=|<img[^>]+src=\"(?!data:image/)|<link[^>]+href=", document)
    assert re.search(r'<img[^>]+src="data:image/(jpeg|svg\+xml);base64,', document)

    # It opens without a network and draws its charts.
    brief = context.new_page()
    brief.on("pageerror", lambda error: watch.console_errors.append(str(error)))
    brief.goto(saved.as_uri())
    brief.wait_for_selector(".js-plotly-plot .main-svg", timeout=20_000)
    assert brief.locator("svg.map path.region").count() > 0

    assert watch.outside == [] or all(u.startswith("file:") for u in watch.outside), watch.outside
    assert watch.relevant_console_errors() == [], watch.console_errors
    # A map iframe removed by a slide change while it still loads is aborted: that is not an error.
    assert [f for f in watch.failed if "net::ERR_ABORTED" not in f or "127.0.0.1" not in f] == [], watch.failed
    assert watch.unexpected_http_errors() == [], watch.http_errors
    context.close()
