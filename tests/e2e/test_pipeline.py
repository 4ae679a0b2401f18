"""The pipeline page in a real browser, offline: funnel drawn, title shown, nothing fetched outside."""

import pytest

from .browser import assert_clean, open_page, screenshot, wait_ready


@pytest.mark.parametrize(
    "lang,size,title,labels",
    [
        ("id", (1920, 1080), "Tahapan Produk", ["Corong tahapan", "Siap naik tahap", "Terhambat", "Wilayah × tahap"]),
        ("id", (1280, 800), "Tahapan Produk", ["Corong tahapan", "Tertahan lama", "Unduh untuk notulen"]),
        ("en", (1280, 800), "Product pipeline", ["Pipeline funnel", "Can move on", "Regions × stages"]),
    ],
)
def test_pipeline_page_shows_the_funnel_offline(browser, app_url, lang, size, title, labels):
    context, page, watch = open_page(browser, f"{app_url}/pipeline?lang={lang}", size)
    wait_ready(page, '[data-testid="stMetric"]')
    page.wait_for_selector(".js-plotly-plot .funnellayer .point", timeout=30_000)
    page.wait_for_selector(".js-plotly-plot .heatmaplayer .hm", timeout=30_000)
    assert page.locator("h1").first.inner_text().strip() == title
    text = page.inner_text('[data-testid="stMain"]')
    for label in labels:
        assert label in text
    assert len(page.locator('[data-testid="stMetric"]').all()) == 5
    page.wait_for_function(  # the downloads sit below the charts and tables: the page may still be drawing
        "() => document.querySelectorAll('[data-testid=\"stDownloadButton\"]').length >= 4", timeout=30_000
    )
    assert page.locator('[data-testid="stDownloadButton"]').count() == 4
    screenshot(page, f"pipeline-{lang}-{size[0]}x{size[1]}")
    assert_clean(watch)
    context.close()


def test_pipeline_page_for_a_province_shows_its_regencies(browser, app_url):
    context, page, watch = open_page(browser, f"{app_url}/pipeline?lang=id&prov=51", (1920, 1080))
    wait_ready(page, '[data-testid="stMetric"]')
    page.wait_for_selector(".js-plotly-plot .funnellayer .point", timeout=30_000)
    page.wait_for_selector(".js-plotly-plot .heatmaplayer", timeout=30_000)
    ticks = page.locator(".js-plotly-plot .ytick text").evaluate_all("els => els.map(e => e.textContent)")
    assert any("Kabupaten Karangasem" in tick for tick in ticks), ticks
    assert not any("Jawa Timur" in tick for tick in ticks)
    screenshot(page, "pipeline-id-bali-1920x1080")
    assert_clean(watch)
    context.close()
