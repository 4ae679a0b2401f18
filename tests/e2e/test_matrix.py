"""Every page in normal, kiosk and present mode at projector, laptop and phone sizes (laptop and phone
in both languages): clean, offline, no sideways scroll."""

import pytest

from .browser import Watch, screenshot, wait_ready

PAGES = {
    "overview": "/?",
    "map": "/map?",
    "pipeline": "/pipeline?",
    "whatif": "/whatif?",
    "data": "/data?",
    "kiosk": "/?mode=kiosk&",
    "present": "/?mode=present&",
}
SIZES = {"1920x1080": (1920, 1080), "1280x800": (1280, 800), "390x844": (390, 844)}
READY = {
    "overview": '[data-testid="stMetric"]',
    "map": 'iframe[title="streamlit_folium.st_folium"]',
    "pipeline": ".js-plotly-plot",
    "whatif": '[data-testid="stAlert"]',
    "data": '[data-testid="stMetric"]',
    "kiosk": '[data-testid="stButton"]',
    "present": '[data-testid="stMetric"]',
}
NO_SIDEWAYS_SCROLL = """() => {
    const main = document.querySelector('[data-testid="stMain"]') || document.documentElement;
    return [main.scrollWidth, main.clientWidth, document.documentElement.scrollWidth, window.innerWidth];
}"""


# Both languages where a longer text can push a page sideways (laptop and phone); the projector's
# width is checked in Indonesian, the default (each page load costs CI time on two cores).
CASES = [
    (name, lang, size)
    for name in PAGES
    for size in SIZES
    for lang in ("id", "en")
    if size != "1920x1080" or lang == "id"
]


@pytest.mark.parametrize(("name", "lang", "size"), CASES, ids=["-".join(case) for case in CASES])
def test_page_is_clean_offline_and_fits(browser, app_url, name, lang, size):
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=width < 600, has_touch=width < 600
    )
    page = context.new_page()
    watch = Watch()
    watch.attach(context, page)
    page.goto(f"{app_url}{PAGES[name]}lang={lang}")
    wait_ready(page, READY[name], timeout=45_000)
    page.wait_for_timeout(800)
    assert not page.locator('[data-testid="stException"]').count()
    main_scroll, main_width, doc_scroll, viewport = page.evaluate(NO_SIDEWAYS_SCROLL)
    assert doc_scroll <= viewport + 1, f"the page scrolls sideways at {size}"
    assert main_scroll <= main_width + 1, f"the main area scrolls sideways at {size}"
    screenshot(page, f"matrix-{name}-{lang}-{size}")
    assert watch.outside == [], watch.outside
    assert watch.relevant_console_errors() == [], watch.console_errors
    assert watch.unexpected_http_errors() == [], watch.http_errors
    context.close()
