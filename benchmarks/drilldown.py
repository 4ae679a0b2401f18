"""Drill-down time on the map: click → region profile drawn, at every level (issue 13, target ≤ 1.5 s).

In Debian's Chromium (Playwright, the tooling of ``tests/e2e/browser.py``) against a freshly started
app: from Indonesia a click on a province, then on one of its kab/kota, then on one of its kecamatan.
Each time is from the mouse click until the new profile's heading is on the page and the next map
has drawn its regions (and, at a kecamatan, its product points). Between rounds the page goes back to
Indonesia with the back button, so every click is a real drill-down of a warm app.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.browser import MAP_FRAME, MARK_DRAWN, PROFILE_VISIBLE, chromium_missing
from tests.e2e.browser import ROOT, launch, running_server, settled_point, wait_ready

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # reported by chromium_missing(); the part is then skipped
    PlaywrightTimeout = TimeoutError

ROUNDS = 3
# (level, code clicked, profile heading that proves it): Jawa Tengah → Kab. Sukoharjo → Weru.
PATH = (
    ("province", "33", "Profil wilayah: Jawa Tengah"),
    ("kabkota", "3311", "Profil wilayah: Kabupaten Sukoharjo"),
    ("kecamatan", "331101", "Profil wilayah: Weru"),
)
BACK = "Kembali ke Indonesia"


POINTS_DRAWN = """() => [...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')].some(f =>
    !!f.contentDocument && f.contentDocument.querySelectorAll('path.ovop-point').length > 0)"""


def missing_layers() -> str | None:
    """Why the kecamatan level cannot be timed here (its boundary or village files are missing), or None."""
    for path in (ROOT / "data/geo/kecamatan/3311.geojson", ROOT / "data/geo/desa/33.csv"):
        if not path.exists():
            return f"{path.relative_to(ROOT)} is missing (built by `make boundaries`)"
    return None


def _wait_for_region(page, code: str, timeout: float = 30_000) -> None:
    wait_ready(page, MAP_FRAME)
    page.wait_for_function(
        """(code) => [...document.querySelectorAll('iframe[title="streamlit_folium.st_folium"]')].some(f => {
            const w = f.contentWindow;
            return !!w && Object.keys(w).some(k => k.startsWith('geo_json_') && w[k] && w[k].eachLayer
                && w[k].getLayers().some(l => String(l.feature.properties.kode) === code));
        })""",
        arg=code,
        timeout=timeout,
        polling=100,
    )


def click_region(page, code: str, title: str) -> float:
    """Seconds from a click on ``code`` until ``title`` is shown with a newly drawn map."""
    _wait_for_region(page, code)
    point = settled_point(page, code)
    if point is None:
        raise LookupError(f"region {code} is not clickable on the map")
    box = page.locator(MAP_FRAME).first.bounding_box()
    page.evaluate(MARK_DRAWN)
    start = time.perf_counter()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    page.wait_for_function(PROFILE_VISIBLE, arg=title, timeout=15_000, polling="raf")
    if len(code) == 6:
        page.wait_for_function(POINTS_DRAWN, timeout=15_000, polling="raf")
    return time.perf_counter() - start


def drill_times(browser, base: str, rounds: int = ROUNDS, notes: list[str] | None = None) -> dict[str, list[float]]:
    """Per level, the seconds of each round's click → profile drawn."""
    notes = [] if notes is None else notes
    times: dict[str, list[float]] = {level: [] for level, _, _ in PATH}
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(f"{base}/map?lang=id")
    for _ in range(rounds):
        try:
            for level, code, title in PATH:
                times[level].append(click_region(page, code, title))
        except (PlaywrightTimeout, LookupError) as error:
            notes.append(f"drill-down round left out: {error}")
        wait_ready(page, MAP_FRAME)
        page.get_by_role("button", name=BACK).click()
        page.wait_for_function("() => !document.body.innerText.includes('Profil wilayah')", timeout=30_000)
    context.close()
    return times


def kecamatan_payload() -> tuple[int, str] | None:
    """(bytes, kab/kota) of the largest kecamatan map the page can send: the JSON arguments of the
    map component for each kab/kota's kecamatan layer coloured by the demo registry (budget ≤ 100 KB,
    DESIGN.md §10); None without kecamatan layers."""
    from benchmarks.browser import payload_bytes
    from ovop_core import regions
    from ovop_core.registry import read_registry
    from ovop_core.scoring import score_table
    from ovop_ui.builders import map_points, maps

    files = sorted((map_points.GEO_DIR / "kecamatan").glob("*.geojson"))
    if not files:
        return None
    scored = score_table(read_registry(ROOT / "data" / "products_demo.csv").frame)
    index = regions.region_index(scored, "kecamatan")
    # The largest file is the largest layer sent (the index adds the same few fields to every region).
    path = max(files, key=lambda f: f.stat().st_size)
    kabkota = regions.to_dotted(path.stem)
    layer = index[index["kabkota"] == kabkota].reset_index(drop=True)
    fmap = maps.choropleth(maps.load_geojson(path), layer, "mean_score", "id")
    return payload_bytes(fmap), kabkota


def run(rounds: int = ROUNDS, notes: list[str] | None = None) -> list[tuple]:
    """Rows like ``benchmarks.core.run``: per level, the median and slowest click → profile drawn."""
    from ovop_core import regions

    notes = [] if notes is None else notes
    rows = []
    payload = kecamatan_payload()
    if payload:
        size, kabkota = payload
        what = f"map payload, largest kecamatan layer ({kabkota} {regions.region_name(kabkota)})"
        rows.append(("", what, f"{size / 1000:.0f} KB", "≤ 100 KB"))
    missing = chromium_missing() or missing_layers()
    if missing:
        notes.append(f"drill-down timings skipped: {missing}")
        return rows
    from playwright.sync_api import sync_playwright

    # A data folder of its own: the app seeds it with the demo registry, whose products in Weru
    # have desa codes; the developer's own store may hold anything.
    with (
        sync_playwright() as playwright,
        tempfile.TemporaryDirectory() as tmp,
        running_server(env={"OVOP_DATA_DIR": tmp}, log_path=Path(tmp) / "server.log", hermetic=True) as server,
    ):
        browser = launch(playwright)
        try:
            times = drill_times(browser, server.base, rounds, notes)
        finally:
            browser.close()
    for level, code, _ in PATH:
        seconds = times[level]
        if not seconds:
            notes.append(f"no drill-down click at level {level} succeeded")
            continue
        rows.append(("", f"drill-down click → profile, {level} {code} (median of {len(seconds)})", statistics.median(seconds), "≤ 1.5 s"))  # fmt: skip
        rows.append(("", f"drill-down click → profile, {level} {code} (slowest)", max(seconds), "≤ 1.5 s"))
        notes.append(f"drill-down {level} {code}: " + ", ".join(f"{s * 1000:.0f} ms" for s in seconds))
    return rows
