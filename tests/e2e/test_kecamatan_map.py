"""The fourth map level in a real browser: a kab/kota's kecamatan, a click into one, its products as
points at their desa with text-only tooltips, offline (issue 13)."""

from pathlib import Path

import pytest

from ovop_core.demo import synthetic_registry
from ovop_core.export import write_csv
from ovop_core.model import SUB_ITEM_KEYS

from .browser import Watch, running_app, screenshot, settled_point, wait_ready

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
XSS = "<img src=x onerror=alert(1)>"
# Kab. Sukoharjo (33.11), kecamatan Weru (33.11.01): two products at desa, one at the kab/kota only.
PLACES = (("Gamelan Uji", "33.11.01.2003"), (XSS, "33.11.01.2001"), ("Jamu Uji", "33.11"))


COUNT_POINTS = "() => document.querySelectorAll('path.ovop-point').length"
# The centre of every point that a pointer there would really reach (not under the legend).
POINT_CENTRES = """() => [...document.querySelectorAll('path.ovop-point')].map(p => {
    const r = p.getBoundingClientRect();
    return [r.x + r.width / 2, r.y + r.height / 2, p];
}).filter(([x, y, p]) => document.elementFromPoint(x, y) === p).map(([x, y]) => [x, y])"""
# The product name of every open point tooltip (its first line, set as text).
TOOLTIP_NAMES = "() => [...document.querySelectorAll('.leaflet-tooltip strong')].map(s => s.textContent)"


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Path:
    frame = synthetic_registry(40, seed=3)
    for row, (name, place) in enumerate(PLACES):
        frame.loc[row, ["name", "region_code", "province", "place_code"]] = [name, "33.11", "33", place]
        frame.loc[row, ["k1", "k2", "k3", "k4", "k5"]] = 80.0
        frame.loc[row, list(SUB_ITEM_KEYS)] = float("nan")
    path = tmp_path_factory.mktemp("kecamatan") / "registry.csv"
    write_csv(frame, path)
    return path


@pytest.mark.parametrize("lang,size", [("id", (1920, 1080)), ("en", (1280, 800))])
def test_a_click_on_a_kecamatan_shows_its_profile_and_its_products_as_points(browser, registry, lang, size):
    dialogs = []
    with running_app(env={"OVOP_DATA_FILE": str(registry)}) as base:
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        page = context.new_page()
        watch = Watch()
        watch.attach(context, page)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{base}/map?lang={lang}&prov=33&kab=33.11")
        wait_ready(page, MAP_FRAME)
        frame = page.frame_locator(MAP_FRAME).first
        frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
        assert frame.locator("path.leaflet-interactive").count() >= 12  # Sukoharjo's 12 kecamatan
        page.locator(MAP_FRAME).first.scroll_into_view_if_needed()
        point = settled_point(page, "331101", tries=30, pause_ms=200)
        assert point, "kecamatan Weru is not clickable"
        box = page.locator(MAP_FRAME).first.bounding_box()
        page.mouse.click(box["x"] + point[0], box["y"] + point[1])

        title = "Profil wilayah: Weru" if lang == "id" else "Region profile: Weru"
        try:
            page.get_by_text(title).wait_for(timeout=30_000)
        except Exception:
            screenshot(page, f"map-kecamatan-click-failed-{lang}")
            raise
        page.wait_for_function("() => location.search.includes('kec=33.11.01')", timeout=10_000)
        wait_ready(page, MAP_FRAME)
        points = page.frame_locator(MAP_FRAME).first.locator("path.ovop-point")
        points.first.wait_for(timeout=30_000)
        page.locator(MAP_FRAME).first.scroll_into_view_if_needed()
        assert points.count() == 2  # the kab/kota-depth product has no point
        page.wait_for_timeout(1500)  # let the new map settle (it refits on resize)
        inner = next(f for f in page.frames if "streamlit_folium" in f.url and f.evaluate(COUNT_POINTS))
        box = page.locator(MAP_FRAME).first.bounding_box()
        names = []
        centres = inner.evaluate(POINT_CENTRES)
        assert len(centres) == 2, "a point is covered (the legend sits below the map, never over it)"
        for x, y in centres:
            page.mouse.move(box["x"] + x - 40, box["y"] + y - 40)
            page.mouse.move(box["x"] + x, box["y"] + y, steps=5)
            page.wait_for_timeout(300)
            names += inner.evaluate(TOOLTIP_NAMES)
        assert set(names) == {XSS, "Gamelan Uji"}, names  # the name as text, never as a tag
        assert page.frame_locator(MAP_FRAME).first.locator("img[src='x']").count() == 0
        back = "Kembali ke Kabupaten Sukoharjo" if lang == "id" else "Back to Kabupaten Sukoharjo"
        assert page.get_by_role("button", name=back).is_visible()
        screenshot(page, f"map-kecamatan-{lang}-{size[0]}x{size[1]}")
        context.close()
    assert dialogs == []
    assert watch.outside == [], watch.outside
    assert watch.failed == [], watch.failed
