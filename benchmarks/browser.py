"""Browser benchmarks: cold start to a visible overview, map click to a visible profile, map payloads.

The timings drive Debian's Chromium through Playwright (the tooling of ``tests/e2e/browser.py``),
against a freshly started app; the payload sizes need no browser: they are the JSON arguments
``streamlit_folium.st_folium`` would send for the maps the map page builds.
"""

from __future__ import annotations

import json
import shutil
import statistics
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from tests.e2e.browser import CHROMIUM, ROOT, launch, running_server, settled_point, wait_ready

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # reported by chromium_missing(); the browser part is then skipped
    PlaywrightTimeout = TimeoutError

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
COLD_STARTS = 3
# Provinces clicked on the map, in order: the largest kab/kota layer (Jawa Timur) first, then a mix.
CLICKS = ("35", "12", "33", "91", "64")
PROFILE_TITLE = "Profil wilayah"
BACK = "Kembali ke Indonesia"
KB = 1000

# Overview visible: the five KPI cards and at least one drawn plotly chart.
KPIS_VISIBLE = """() => document.querySelectorAll('[data-testid="stMetric"]').length >= 5"""
OVERVIEW_VISIBLE = """() => document.querySelectorAll('[data-testid="stMetric"]').length >= 5
    && !!document.querySelector('.js-plotly-plot .main-svg')"""

# Province map visible: the 38 province polygons drawn in a map frame.
PROVINCES_DRAWN = """() => [...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')].some(f => {
    const doc = f.contentDocument;
    return !!doc && doc.querySelectorAll('path.leaflet-interactive').length === 38;
})"""

# Mark every polygon drawn now, so that the drill-down is only counted once *new* polygons appear.
MARK_DRAWN = """() => document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]').forEach(f => {
    if (f.contentDocument) f.contentDocument.querySelectorAll('path.leaflet-interactive')
        .forEach(p => p.setAttribute('data-bench-old', '1'));
})"""

# Profile visible: the "Profil wilayah: …" heading, and kab/kota polygons drawn in a new map.
PROFILE_VISIBLE = """(title) => {
    const heading = [...document.querySelectorAll('h1, h2, h3')].some(h => h.textContent.includes(title));
    const drawn = [...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')].some(f => {
        const doc = f.contentDocument;
        return !!doc && doc.querySelectorAll('path.leaflet-interactive:not([data-bench-old])').length > 0;
    });
    return heading && drawn;
}"""


def chromium_missing() -> str | None:
    """Why the browser benchmarks cannot run here, or None."""
    if not shutil.which(CHROMIUM):
        return f"{CHROMIUM} is missing (install Debian's chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (requirements-dev.txt)"
    return None


@contextmanager
def cold_app(timeout: float = 60):
    """Start the app; yield (base URL, perf_counter just before the server process was launched,
    seconds until its health check answered)."""
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_server(timeout=timeout, log_path=Path(tmp) / "server.log", poll=0.02) as server,
    ):
        yield server.base, server.launched_at, server.seconds_to_health


def cold_start_times(browser, repeat: int = COLD_STARTS) -> list[dict[str, float]]:
    """Per cold start, seconds from launching the server process until: the server answered
    (``up``), the app shell was drawn (``shell``), the five KPIs (``kpis``), and the overview
    visible, KPIs and a drawn chart (``visible``). Each start gets a fresh browser context."""
    times = []
    for _ in range(repeat):
        with cold_app() as (base, started, up):
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            page = context.new_page()
            page.goto(f"{base}/?lang=id")
            page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=60_000)
            shell = time.perf_counter() - started
            page.wait_for_function(KPIS_VISIBLE, timeout=60_000, polling="raf")
            kpis = time.perf_counter() - started
            page.wait_for_function(OVERVIEW_VISIBLE, timeout=60_000, polling="raf")
            times.append({"up": up, "shell": shell, "kpis": kpis, "visible": time.perf_counter() - started})
            context.close()
    return times


def _wait_province_map(page) -> None:
    wait_ready(page, MAP_FRAME)
    page.wait_for_function(PROVINCES_DRAWN, timeout=30_000, polling=100)


def click_times(browser, provinces=CLICKS, notes: list[str] | None = None) -> list[tuple[str, float]]:
    """(province, seconds) from a click on the province map to its profile and kab/kota map visible."""
    out = []
    notes = [] if notes is None else notes
    with cold_app() as (base, _, _):
        context = browser.new_context(viewport={"width": 1920, "height": 1080})
        page = context.new_page()
        page.goto(f"{base}/map?lang=id")
        _wait_province_map(page)
        for code in provinces:
            point = settled_point(page, code)
            if point is None:
                notes.append(f"province {code} not clickable on the map")
                continue
            box = page.locator(MAP_FRAME).first.bounding_box()
            page.evaluate(MARK_DRAWN)
            start = time.perf_counter()
            page.mouse.click(box["x"] + point[0], box["y"] + point[1])
            try:
                page.wait_for_function(PROFILE_VISIBLE, arg=PROFILE_TITLE, timeout=15_000, polling="raf")
            except PlaywrightTimeout:
                notes.append(f"click on province {code} showed no profile within 15 s (left out)")
                page.goto(f"{base}/map?lang=id")
                _wait_province_map(page)
                continue
            out.append((code, time.perf_counter() - start))
            wait_ready(page, MAP_FRAME)  # let the run finish before going back
            page.get_by_role("button", name=BACK).click()
            page.wait_for_function(
                f"() => !document.body.innerText.includes({json.dumps(PROFILE_TITLE)})", timeout=30_000
            )
            _wait_province_map(page)
        context.close()
    return out


# --- payload sizes (no browser) -------------------------------------------------------------------


def st_folium_args(fmap) -> dict:
    """The arguments ``st_folium`` hands to its component for ``fmap`` (captured, not sent)."""
    import logging

    # Outside `streamlit run` (bare mode) Streamlit warns "missing ScriptRunContext": expected here.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").disabled = True
    import streamlit_folium

    captured = {}

    def capture(**kwargs):
        captured.update(kwargs)
        return None

    original = streamlit_folium._component_func
    streamlit_folium._component_func = capture
    try:
        streamlit_folium.st_folium(
            fmap,
            key="bench",
            height=480,
            width=None,
            use_container_width=True,
            returned_objects=["last_active_drawing"],
        )
    finally:
        streamlit_folium._component_func = original
    return {k: v for k, v in captured.items() if k not in ("key", "default", "on_change")}


def payload_bytes(fmap) -> int:
    """Bytes of the JSON arguments Streamlit sends to the browser for the map component."""
    return len(json.dumps(st_folium_args(fmap)).encode("utf-8"))


def payload_sizes() -> dict:
    """Province layer payload, the largest kab/kota layer payload, and the largest boundary files."""
    from ovop_core import regions
    from ovop_core.registry import read_registry
    from ovop_core.scoring import score_table
    from ovop_ui.builders import maps

    result = read_registry(ROOT / "data" / "products_demo.csv")
    scored = score_table(result.frame)
    province_index = regions.region_index(scored, "province")
    kab_index = regions.region_index(scored, "kabkota")

    province_file = maps.province_geojson_path()
    province = payload_bytes(maps.choropleth(maps.load_geojson(province_file), province_index, "mean_score", "id"))
    kab = []
    for path in sorted((maps.GEO_DIR / "kabkota").glob("*.geojson")):
        code = regions.to_dotted(path.stem)
        index = kab_index[kab_index["province"] == code].reset_index(drop=True)
        fmap = maps.choropleth(maps.load_geojson(path), index, "mean_score", "id")
        kab.append((payload_bytes(fmap), path.stat().st_size, path.stem))
    largest_payload = max(kab)
    largest_file = max(kab, key=lambda k: k[1])
    return {
        "products": len(scored),
        "province_payload": province,
        "province_file": province_file.stat().st_size,
        "kab_payload": largest_payload,  # (bytes, file bytes, province)
        "kab_file": largest_file,
    }


def _kb(n: int) -> str:
    return f"{n / KB:.0f} KB"


def run(cold_starts: int = COLD_STARTS, clicks=CLICKS, notes: list[str] | None = None) -> list[tuple]:
    """Rows like ``benchmarks.core.run``; the value is seconds, or an already formatted size.

    Remarks for the reader (a skipped part, each click's time) are appended to ``notes``.
    """
    from ovop_core import regions

    notes = [] if notes is None else notes
    rows = []
    sizes = payload_sizes()
    label = f"{sizes['products']:,}"
    kab_bytes, _, kab_code = sizes["kab_payload"]
    kab_file_bytes, kab_file_code = sizes["kab_file"][1], sizes["kab_file"][2]
    rows += [
        (label, "map payload, province layer", _kb(sizes["province_payload"]), "≤ 200 KB"),
        (
            label,
            f"map payload, kab/kota layer ({kab_code} {regions.region_name(kab_code)})",
            _kb(kab_bytes),
            "≤ 150 KB",
        ),
        ("", "file data/geo/id_provinsi.geojson", _kb(sizes["province_file"]), ""),
        ("", f"file data/geo/kabkota/{kab_file_code}.geojson (largest)", _kb(kab_file_bytes), ""),
    ]

    missing = chromium_missing()
    if missing:
        notes.append(f"browser timings skipped: {missing}")
        return rows

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            timed_starts = cold_start_times(browser, cold_starts)
            starts = [t["visible"] for t in timed_starts]
            rows += [
                (label, f"cold start → overview visible (best of {len(starts)})", min(starts), "≤ 4 s"),
                (label, f"cold start → overview visible (median of {len(starts)})", statistics.median(starts), ""),
            ]
            notes.append(
                "cold starts, seconds to server answering / app shell / 5 KPIs / chart drawn: "
                + ", ".join(" / ".join(f"{t[k]:.2f}" for k in ("up", "shell", "kpis", "visible")) for t in timed_starts)
            )
            timed = click_times(browser, clicks, notes)
        finally:
            browser.close()
    if timed:
        seconds = [s for _, s in timed]
        slowest = max(timed, key=lambda t: t[1])
        rows += [
            (
                label,
                f"map click → profile + kab/kota map (median of {len(timed)})",
                statistics.median(seconds),
                "≤ 1.5 s",
            ),
            (label, f"map click → profile, slowest ({slowest[0]} {regions.region_name(slowest[0])})", slowest[1], ""),
        ]
        notes.append("map clicks: " + ", ".join(f"{code} {s * 1000:.0f} ms" for code, s in timed))
    else:
        notes.append("no province could be clicked on the map")
    return rows
