"""The kiosk in Chromium on touch-size screens: the loop runs by itself, a tap explores, idle returns,
the lock holds, nothing of Streamlit's chrome shows, every touch target is big, nothing leaves localhost.

Screenshots go to artifacts/screenshots/kiosk-*.png.
"""

from __future__ import annotations

import time

import pytest

from .browser import Watch, running_app, screenshot, wait_ready

ENV = {
    "OVOP_MODE": "kiosk",
    "OVOP_MODE_LOCKED": "1",
    "OVOP_KIOSK_SLIDE_SECONDS": "2",
    "OVOP_KIOSK_IDLE_SECONDS": "6",
}
SCREENS = {"fhd": {"width": 1920, "height": 1080}, "wxga": {"width": 1280, "height": 800}}
TITLE = "h1.kiosk-title"
MIN_TARGET = 48
# The frontend's own message when a typed URL names a page the kiosk does not register.
PAGE_NOT_FOUND = "The page that you have requested does not seem to exist"


@pytest.fixture(scope="module")
def kiosk_url():
    with running_app(env=ENV) as base:
        yield base


@pytest.fixture(params=list(SCREENS))
def touch_page(request, browser):
    context = browser.new_context(viewport=SCREENS[request.param], has_touch=True, is_mobile=False)
    page = context.new_page()
    watch = Watch()
    watch.attach(context, page)
    page.screen_name = request.param
    yield page, watch
    context.close()


def slide_title(page) -> str:
    return page.locator(TITLE).first.inner_text(timeout=10_000)


def wait_for_other_title(page, before: str, timeout: float = 12) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.locator(TITLE).count():
            now = page.locator(TITLE).first.inner_text()
            if now and now != before:
                return now
        time.sleep(0.25)
    raise AssertionError(f"the slide stayed on {before!r} for {timeout} s")


SMALL_TARGETS = """(min) => [...document.querySelectorAll('button')]
    .map((b) => [b, b.getBoundingClientRect()])
    .filter(([b, r]) => r.width > 0 && r.height > 0 && getComputedStyle(b).visibility !== 'hidden')
    .filter(([b, r]) => r.width < min || r.height < min)
    .map(([b, r]) => `${JSON.stringify(b.innerText)} ${Math.round(r.width)}×${Math.round(r.height)}`)"""


def small_targets(page) -> list[str]:
    """Visible buttons smaller than MIN_TARGET px in either direction (measured in one go: the
    kiosk may change view while we measure)."""
    return page.evaluate(SMALL_TARGETS, MIN_TARGET)


def assert_no_chrome(page) -> None:
    for selector in (
        'header[data-testid="stHeader"]',
        '[data-testid="stToolbar"]',
        '[data-testid="stSidebar"]',
        '[data-testid="stSidebarCollapsedControl"]',
        '[data-testid="stMainMenu"]',
        ".stDeployButton",
        '[data-testid="stDialog"]',
    ):
        assert not any(el.is_visible() for el in page.locator(selector).all()), selector


def assert_offline_and_quiet(watch: Watch, allow: tuple[str, ...] = ()) -> None:
    assert not watch.outside, watch.outside
    assert not watch.unexpected_http_errors(), watch.unexpected_http_errors()
    errors = [e for e in watch.relevant_console_errors() if not any(a in e for a in allow)]
    assert not errors, errors


def test_the_loop_advances_by_itself_without_chrome_and_with_big_targets(kiosk_url, touch_page):
    page, watch = touch_page
    page.goto(f"{kiosk_url}/")
    wait_ready(page, TITLE)
    first = slide_title(page)
    second = wait_for_other_title(page, first, timeout=8)
    third = wait_for_other_title(page, second, timeout=8)
    assert len({first, second, third}) == 3
    time.sleep(0.5)  # let the map image decode
    screenshot(page, f"kiosk-loop-{page.screen_name}")
    # Text and map of a slide belong together (one element: they change at the same moment).
    if page.locator(".kiosk-slide.product .kiosk-place").count():
        province = page.locator(".kiosk-place").first.inner_text().split(" · ")[-1]
        assert province in page.locator(".kiosk-map-caption").first.inner_text()
    # The slide shows the region on a locally drawn map, the stars as text and the explore button.
    assert page.locator('img.kiosk-map[src^="data:image/svg+xml"]').count() >= 1
    explore = page.locator(".st-key-kiosk_explore button")
    assert explore.is_visible()
    box = explore.bounding_box()
    assert box["height"] >= 90 and box["width"] >= SCREENS[page.screen_name]["width"] / 2
    assert_no_chrome(page)
    assert not small_targets(page), small_targets(page)
    assert_offline_and_quiet(watch)


def test_a_tap_explores_a_province_and_idle_returns_to_the_loop(kiosk_url, touch_page):
    page, watch = touch_page
    name = page.screen_name
    page.goto(f"{kiosk_url}/")
    wait_ready(page, TITLE)
    page.tap(".st-key-kiosk_explore button")
    page.wait_for_selector(".kiosk-head h1", timeout=15_000)
    assert page.locator(TITLE).count() == 0  # the loop has stopped
    # The province map is drawn offline inside the component's frame.
    paths = page.frame_locator("iframe").first.locator("path.leaflet-interactive")
    paths.first.wait_for(timeout=20_000)
    assert paths.count() >= 30
    time.sleep(1)
    screenshot(page, f"kiosk-explore-{name}")
    assert_no_chrome(page)
    assert not small_targets(page), small_targets(page)

    page.locator(".st-key-kiosk_prov_33 button").tap()
    page.wait_for_selector(".kiosk-card", timeout=15_000)
    assert "Jawa Tengah" in page.locator(".kiosk-head h1").inner_text()
    assert page.locator(".kiosk-card").count() == 12
    assert "★" in page.locator(".kiosk-card").first.inner_text()
    screenshot(page, f"kiosk-province-{name}")
    assert not small_targets(page), small_targets(page)

    # Nobody touches the screen: back to the loop after the idle time (6 s, checked every 2 s).
    page.wait_for_selector(TITLE, timeout=20_000)
    page.wait_for_selector(".kiosk-card", state="detached", timeout=10_000)  # gone once the run ends
    title = slide_title(page)
    wait_for_other_title(page, title, timeout=8)  # and it rotates again
    assert_offline_and_quiet(watch)


def test_a_tap_on_the_map_opens_that_province(kiosk_url, browser):
    context = browser.new_context(viewport=SCREENS["fhd"], has_touch=True)
    page = context.new_page()
    watch = Watch()
    watch.attach(context, page)
    try:
        page.goto(f"{kiosk_url}/")
        wait_ready(page, TITLE)
        page.tap(".st-key-kiosk_explore button")
        frame = page.frame_locator("iframe").first
        paths = frame.locator("path.leaflet-interactive")
        paths.first.wait_for(timeout=20_000)
        time.sleep(1.5)  # the map fits itself to the frame once it has its size
        # The map frame may take longer to load than this test's 6 s idle time: touch the screen
        # (the current language button) to restart it, then tap quickly.
        page.tap(".st-key-kiosk_lang_id button")
        time.sleep(1.0)
        # The biggest province under the centre of its own box.
        frame = page.locator("iframe").first.element_handle().content_frame()
        index = frame.evaluate(BIGGEST_HIT)
        assert index >= 0
        paths.nth(index).tap()
        page.wait_for_selector(".kiosk-card", timeout=15_000)
        assert "Produk unggulan" in page.locator(".kiosk-head h1").inner_text()
        page.tap(".st-key-kiosk_back button")
        page.wait_for_selector(".kiosk-head h1:has-text('Jelajahi')", timeout=15_000)
        page.tap(".st-key-kiosk_home button")
        page.wait_for_selector(TITLE, timeout=15_000)
        assert_offline_and_quiet(watch)
    finally:
        context.close()


BIGGEST_HIT = """() => {
    const paths = [...document.querySelectorAll('path.leaflet-interactive')];
    let best = -1, area = 0;
    paths.forEach((p, i) => {
        const r = p.getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        if (hit === p && r.width * r.height > area) { best = i; area = r.width * r.height; }
    });
    return best;
}"""


def test_the_language_buttons_switch_the_kiosk_to_english(kiosk_url, browser):
    context = browser.new_context(viewport=SCREENS["wxga"], has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{kiosk_url}/")
        wait_ready(page, TITLE)
        page.tap(".st-key-kiosk_lang_en button")
        page.wait_for_selector(".st-key-kiosk_explore button:has-text('Touch to explore')", timeout=15_000)
        page.wait_for_selector(".kiosk-kicker:has-text('Regional')", timeout=15_000)
        screenshot(page, "kiosk-loop-en-wxga")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/?mode=normal", "/data", "/data?mode=normal", "/map?mode=present"])
def test_the_locked_kiosk_cannot_reach_import_or_editing(kiosk_url, browser, path):
    context = browser.new_context(viewport=SCREENS["wxga"], has_touch=True)
    page = context.new_page()
    watch = Watch()
    watch.attach(context, page)
    try:
        page.goto(f"{kiosk_url}{path}")
        wait_ready(page, TITLE)
        time.sleep(1.5)
        assert page.locator('[data-testid="stFileUploader"], input[type="file"]').count() == 0
        assert page.locator("input, textarea").count() == 0
        assert page.get_by_text("Impor", exact=False).count() == 0
        assert page.locator(".st-key-kiosk_explore button").is_visible()
        assert_no_chrome(page)  # not even Streamlit's "Page not found" dialog
        if path.startswith("/data"):
            screenshot(page, "kiosk-locked-data")
        assert_offline_and_quiet(watch, allow=(PAGE_NOT_FOUND,))
    finally:
        context.close()
