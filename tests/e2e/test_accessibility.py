"""Accessibility in Chromium: every page and mode (normal, present, kiosk), in Indonesian and English,
passes axe-core at WCAG 2.1 AA with no violation, in the page and in every frame (the folium map,
the present mode's keyboard frame); the map's regions open without a mouse; the kiosk's touch
targets are at least 48 × 48 px.

axe-core is vendored (``vendor/axe-core-*/``: CI reaches no npm registry) and injected into each
frame; each frame is checked on its own, so a violation names the frame it is in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .browser import open_page, running_app, screenshot, wait_ready

AXE = Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Rules left out, each with the selector it is left out for and why: none. (An entry would read
# ``"rule-id": ("css selector", "why it cannot be fixed from the app")``.)
EXCLUDED: dict[str, tuple[str, str]] = {}
REGION_LIST = '[class*="st-key-map_region_list_"]'
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# Slides stay put while axe reads them; the explorer does not time out during a test.
ENV = {"OVOP_KIOSK_SLIDE_SECONDS": "600", "OVOP_KIOSK_IDLE_SECONDS": "600"}
LANGS = ("id", "en")
MIN_TARGET = 48

RUN_AXE = """async ([tags, excluded]) => {
    const options = {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'], iframes: false};
    const result = await axe.run(document, options);
    const kept = (rule, node) => {
        if (!(rule in excluded)) return true;
        const element = document.querySelector(node.target[0]);
        return !(element && element.matches(excluded[rule][0]));
    };
    return result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.filter(n => kept(v.id, n)).map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
    })).filter(v => v.nodes.length);
}"""
# The app's own CSS has been applied (it arrives after the page's content: st.html loads lazily).
STYLED = """() => [...document.querySelectorAll('style')]
    .some(s => s.textContent.includes('[data-testid="stCaptionContainer"]'))"""
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@dataclass(frozen=True)
class View:
    """One page or state of the app: how to reach it and what shows it is there."""

    name: str
    path: str
    ready: str
    map: bool = False
    taps: tuple[tuple[str, str], ...] = ()  # (button to press, what shows the next state)


VIEWS = [
    View("overview", "/?", ".js-plotly-plot"),
    View("map", "/map?", "h1", map=True),
    View("map-province", "/map?prov=33&", "h1", map=True),
    View("map-kabkota", "/map?prov=33&kab=33.11&", "h1", map=True),
    View("pipeline", "/pipeline?", ".js-plotly-plot"),
    View("whatif", "/whatif?", ".js-plotly-plot"),
    View("method", "/method?", "h1"),
    View("data", "/data?", "h1"),
    *(View(f"present-{step}", f"/?mode=present&step={step}&", ".js-plotly-plot", step < 3) for step in (1, 2, 3, 4)),
    View("kiosk-loop", "/?mode=kiosk&", "h1.kiosk-title"),
    View("kiosk-explore", "/?mode=kiosk&", "h1.kiosk-title", True, ((".st-key-kiosk_explore button", ".kiosk-head"),)),
    View(
        "kiosk-province",
        "/?mode=kiosk&",
        "h1.kiosk-title",
        taps=((".st-key-kiosk_explore button", ".kiosk-head"), (".st-key-kiosk_prov_33 button", ".kiosk-card")),
    ),
]


@pytest.fixture(scope="module")
def a11y_url():
    with running_app(env=ENV) as base:
        yield base


def settle(page, view: View) -> None:
    """Wait until the view is drawn, its script run has ended and the app's CSS applies."""
    wait_ready(page, view.ready, timeout=60_000)
    for button, shown in view.taps:
        page.wait_for_selector(IDLE, timeout=60_000)  # a tap during a rerun can land on a button being redrawn
        page.click(button)
        wait_ready(page, shown, timeout=60_000)
    if view.map:
        page.frame_locator(MAP_FRAME).first.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function(STYLED, timeout=60_000)
    page.wait_for_timeout(300)


def violations(page) -> dict[str, list[dict]]:
    """axe-core's violations per frame (the page first), frames without a document skipped."""
    found = {}
    for index, frame in enumerate(page.frames):
        if frame.is_detached() or frame.url in ("", "about:blank"):
            continue
        frame.add_script_tag(path=str(AXE))
        result = frame.evaluate(RUN_AXE, [TAGS, EXCLUDED])
        if result:
            found[f"frame {index} {frame.url.split('?')[0]}"] = result
    return found


def report(found: dict[str, list[dict]]) -> str:
    lines = []
    for frame, items in found.items():
        for item in items:
            lines.append(f"{frame}: {item['id']} ({item['impact']}) {item['help']}")
            lines += [
                f"    {node['target']}\n      {node['summary']}".replace("\n", "\n      ") for node in item["nodes"]
            ]
    return "\n".join(lines)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("view", VIEWS, ids=lambda v: v.name)
def test_every_view_passes_axe_core_at_wcag_21_aa(browser, a11y_url, view: View, lang: str):
    context, page, _ = open_page(browser, f"{a11y_url}{view.path}lang={lang}")
    try:
        settle(page, view)
        found = violations(page)
        assert not found, f"axe-core {view.name} ({lang}):\n{report(found)}"
    finally:
        context.close()


def test_the_vendored_axe_core_is_the_version_the_readme_names():
    readme = (AXE.parent / "README.md").read_text(encoding="utf-8")
    version = AXE.parent.name.removeprefix("axe-core-")
    assert AXE.read_text(encoding="utf-8").startswith(f"/*! axe v{version}")
    assert f"axe-core {version}" in readme and (AXE.parent / "LICENSE").exists()
    assert json.dumps(EXCLUDED) == "{}" or all(len(reason) > 20 for _, reason in EXCLUDED.values())


def focus_and_choose(page, selector: str, text: str) -> None:
    """Choose ``text`` in a selectbox with the keyboard only: focus, type, Enter."""
    # Enter picks the first option of the filtered list: wait until the list is filtered to ``text``
    # (under load Enter came before the filter and chose nothing, or the keys reached the box before
    # it took them and no list opened: then type again).
    option = page.locator('[role="option"]').first.filter(has_text=text)
    for attempt in range(3):
        page.locator(f"{selector} input").focus()
        page.keyboard.press("Control+A")
        page.keyboard.type(text, delay=20)
        try:
            option.wait_for(timeout=15_000)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    page.keyboard.press("Enter")


def shows(page, text: str, timeout: float = 30_000) -> None:
    """Wait until the main area says ``text``: the URL changes as the rerun starts, and until the rerun
    reaches the profile the previous view's elements stay on screen (seen under load)."""
    page.wait_for_function(
        "(text) => document.querySelector('[data-testid=\"stMain\"]').innerText.includes(text)",
        arg=text,
        timeout=timeout,
    )


@pytest.mark.parametrize("lang", LANGS)
def test_the_map_opens_a_province_and_a_kabkota_without_a_mouse(browser, a11y_url, lang: str):
    context, page, _ = open_page(browser, f"{a11y_url}/map?lang={lang}")
    try:
        country, province = f"{REGION_LIST}[class*='_map_id_']", f"{REGION_LIST}[class*='_map_33_']"
        wait_ready(page, country)
        focus_and_choose(page, country, "Jawa Tengah")
        page.wait_for_function("() => /[?&]prov=33(&|$)/.test(location.search)", timeout=30_000)
        wait_ready(page, province)
        shows(page, "Jawa Tengah")
        focus_and_choose(page, province, "Cilacap")
        page.wait_for_function("() => /[?&]kab=33\\.01(&|$)/.test(location.search)", timeout=30_000)
        wait_ready(page, '[data-testid="stMetric"]')
        shows(page, "Cilacap")
        screenshot(page, f"a11y-map-keyboard-{lang}")
    finally:
        context.close()


# Every visible control; a 1 × 1 px one is the screen-reader-only pattern (Streamlit's "Skip to main
# content" link, shown only when it has the keyboard focus), not something a finger can touch.
SMALL_TARGETS = """(min) => [...document.querySelectorAll('button, a[href], [role="button"], input, select')]
    .map((el) => [el, el.getBoundingClientRect()])
    .filter(([el, r]) => r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden')
    .filter(([el, r]) => r.width < min || r.height < min)
    .map(([el, r]) => `${el.tagName} ${JSON.stringify(el.innerText || el.getAttribute('aria-label') || '')}`
        + ` ${Math.round(r.width)}×${Math.round(r.height)}`)"""


@pytest.mark.parametrize("view", [v for v in VIEWS if v.name.startswith("kiosk")], ids=lambda v: v.name)
def test_every_kiosk_touch_target_is_at_least_48_px(browser, a11y_url, view: View):
    context, page, _ = open_page(browser, f"{a11y_url}{view.path}lang=id", size=(1280, 800))
    try:
        settle(page, view)
        small = page.evaluate(SMALL_TARGETS, MIN_TARGET)
        assert small == [], f"touch targets under {MIN_TARGET} px in {view.name}: {small}"
    finally:
        context.close()
