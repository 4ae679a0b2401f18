"""The overview and the regional map in a real browser, offline, in both languages."""

import pytest

from .browser import assert_clean, open_page, screenshot, wait_ready

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

HIT_TEST = """() => {
    // The largest polygon whose bounding-box centre really lies on it: a point a person could tap.
    const paths = [...document.querySelectorAll('path.leaflet-interactive')];
    const hits = paths.map(p => {
        const r = p.getBoundingClientRect();
        const x = r.x + r.width / 2, y = r.y + r.height / 2;
        return {x, y, area: r.width * r.height, ok: document.elementFromPoint(x, y) === p};
    }).filter(h => h.ok).sort((a, b) => b.area - a.area);
    return hits.length ? [hits[0].x, hits[0].y] : null;
}"""


def click_inside_a_polygon(page):
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    point = frame.evaluate(HIT_TEST)
    assert point, "no clickable polygon found"
    box = page.locator(MAP_FRAME).first.bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])


@pytest.mark.parametrize(
    "lang,size,labels",
    [
        (
            "id",
            (1920, 1080),
            ["Produk", "Skor rata-rata", "Terakui (★≥3 resmi)", "Berpotensi (≈★≥3)", "Sebaran bintang"],
        ),
        (
            "en",
            (1280, 800),
            ["Products", "Mean score", "Recognised (official ★≥3)", "Potential (≈★≥3)", "Star distribution"],
        ),
    ],
)
def test_overview_shows_its_kpis_offline(browser, app_url, lang, size, labels):
    context, page, watch = open_page(browser, f"{app_url}/?lang={lang}", size)
    wait_ready(page, '[data-testid="stMetric"]')
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    text = page.inner_text('[data-testid="stMain"]')
    for label in labels:
        assert label in text
    # 5 headline + eligible and 3 economy cards; the page draws them in turn, so wait for all nine.
    kpis = '.st-key-overview_kpis [data-testid="stMetric"]'
    page.wait_for_function(f"() => document.querySelectorAll('{kpis}').length >= 9", timeout=30_000)
    assert len(page.locator(kpis).all()) == 9
    screenshot(page, f"overview-{lang}-{size[0]}x{size[1]}")
    assert_clean(watch)
    context.close()


@pytest.mark.parametrize("lang,size", [("id", (1920, 1080)), ("en", (1280, 800))])
def test_map_draws_provinces_and_a_click_opens_the_profile(browser, app_url, lang, size):
    context, page, watch = open_page(browser, f"{app_url}/map?lang={lang}", size)
    wait_ready(page, MAP_FRAME)
    frame = page.frame_locator(MAP_FRAME).first
    paths = frame.locator("path.leaflet-interactive")
    paths.first.wait_for(timeout=30_000)
    assert paths.count() == 38
    screenshot(page, f"map-{lang}-{size[0]}x{size[1]}")
    click_inside_a_polygon(page)
    title = "Profil wilayah" if lang == "id" else "Region profile"
    page.wait_for_selector(f"text={title}", timeout=30_000)
    wait_ready(page, MAP_FRAME)
    screenshot(page, f"map-province-{lang}-{size[0]}x{size[1]}")
    page.wait_for_function("() => /prov=\\d\\d/.test(location.search)", timeout=10_000)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    back = "Kembali ke Indonesia" if lang == "id" else "Back to Indonesia"
    assert page.get_by_role("button", name=back).is_visible()
    screenshot(page, f"map-province-{lang}-{size[0]}x{size[1]}")
    assert_clean(watch)
    context.close()
