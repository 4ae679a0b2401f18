"""Screenshot every view of the app of a git tree, to compare two trees pixel by pixel (dev-time).

    python tools/screenshots.py --tree /work/wt-before --out /tmp/shots-before
    python tools/compare_screenshots.py /tmp/shots-before /tmp/shots-after

Starts ``streamlit run app.py`` of the tree at ``--tree`` (its own code, this venv's Python) on a
free localhost port, headless, with an empty data directory of its own (so every run shows the demo
registry, whatever the developer's store holds), and photographs in Debian's Chromium:
every page of the normal mode, the four present slides and the kiosk (loop and explorer), in ``id``
and ``en``, and the data page signed in as an admin. One app at a time.

Nothing is random between two runs on the same tree except what the browser itself does (fonts
settle, a map iframe finishes late): ``compare_screenshots.py`` on two runs of one tree measures that
noise floor. The kiosk's slide timer is set to an hour so the first slide stays in the picture.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import bcrypt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script: the launcher lives with the e2e tests

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, running_server  # noqa: E402

# Hinting off: the same text renders to the same pixels run after run, so two trees compare.
SHOT_ARGS = [*CHROMIUM_ARGS, "--font-render-hinting=none"]
VIEWPORT = {"width": 1600, "height": 1000}
LANGS = ("id", "en")
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
# What says that a page's own content is there; a page not listed waits for its title.
READY = {
    "overview": '[data-testid="stMetric"]',
    "map": MAP_FRAME,
    "pipeline": ".js-plotly-plot",
    "whatif": '[data-testid="stAlert"]',
    "data": '[data-testid="stMetric"]',
}
NORMAL_PAGE = re.compile(r'st\.Page\("app_pages/(\w+)\.py"(?P<rest>[^\n]*)')
# (name, path and query before lang=, selector) of the present and kiosk views
MODES = (
    ("present-1", "/?mode=present&step=1&", '[data-testid="stMetric"]'),
    ("present-2", "/?mode=present&step=2&", '[data-testid="stMetric"]'),
    ("present-3", "/?mode=present&step=3&", ".js-plotly-plot"),
    ("present-4", "/?mode=present&step=4&", ".js-plotly-plot"),
    ("kiosk-loop", "/?mode=kiosk&", "h1.kiosk-title"),
)
ADMIN = ("screenshot_admin", "screenshot-admin-pw")
MAX_HEIGHT = 6000
STABLE_TRIES = 8


def normal_pages(tree: Path) -> list[tuple[str, str, str]]:
    """The normal mode's pages of ``tree``, read from its ``app.py`` (a tree may have more or fewer)."""
    pages = []
    for match in NORMAL_PAGE.finditer((tree / "app.py").read_text(encoding="utf-8")):
        name, rest = match.group(1), match.group("rest")
        if name in ("kiosk", "present"):
            continue
        path = "/?" if "default=True" in rest else f"/{name}?"
        pages.append((name, path, READY.get(name, '[data-testid="stMainBlockContainer"] h1')))
    return pages


@contextmanager
def app_of(tree: Path, work: Path):
    """``streamlit run app.py`` of ``tree`` on an empty data folder with one admin; yields its base URL."""
    secrets = work / "secrets.toml"
    hashed = bcrypt.hashpw(ADMIN[1].encode(), bcrypt.gensalt(rounds=4)).decode()
    secrets.write_text(f'[auth_users.{ADMIN[0]}]\npassword_hash = "{hashed}"\nrole = "admin"\n', encoding="utf-8")
    env = {
        "OVOP_DATA_DIR": str(work / "data"),
        "OVOP_KIOSK_SLIDE_SECONDS": "3600",
        "OVOP_KIOSK_IDLE_SECONDS": "3600",
        "STREAMLIT_SECRETS_FILES": str(secrets),
        "PYTHONPATH": str(tree),
    }
    with running_server(env, timeout=90, log_path=work / "server.log", tree=tree, hermetic=True) as server:
        yield server.base


def wait_ready(page, selector: str, timeout: float = 60_000) -> None:
    """The app shell, the page's own content, the end of the script run, then the late drawers."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout)
    page.wait_for_selector(selector, timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    if page.locator(MAP_FRAME).count():
        page.frame_locator(MAP_FRAME).first.locator("path.leaflet-interactive").first.wait_for(timeout=timeout)
    page.wait_for_timeout(2500)  # plotly transitions, fonts, the map's fitBounds


CONTENT_HEIGHT = """() => Math.max(...['stMain', 'stSidebarContent'].map(
    (id) => (document.querySelector(`[data-testid="${id}"]`) || {scrollHeight: 0}).scrollHeight))"""


def fit_height(page, selector: str) -> None:
    """Streamlit scrolls inside ``stMain``, so a full-page screenshot is only the viewport: grow the
    viewport to the content instead (twice: charts may reflow at the new height)."""
    for _ in range(2):
        height = min(int(page.evaluate(CONTENT_HEIGHT)), MAX_HEIGHT)
        if height <= page.viewport_size["height"]:
            break
        page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
        wait_ready(page, selector)


def shoot(page, out: Path, name: str) -> None:
    """Screenshot once the picture holds still: two consecutive shots alike (a rerun may still fade
    stale elements, a chart may still animate)."""
    page.mouse.move(0, 0)  # no hover state, no tooltip
    previous = None
    for _ in range(STABLE_TRIES):
        page.wait_for_timeout(700)
        picture = page.screenshot(animations="disabled", caret="hide")
        if picture == previous:
            break
        previous = picture
    else:
        print(f"  {name}: still changing after {STABLE_TRIES} shots, keeping the last", flush=True)
    (out / f"{name}.png").write_bytes(picture)
    print(f"  {name}.png", flush=True)


def sign_in(page) -> None:
    page.get_by_text("Sign in (editor/admin)").click()
    page.get_by_role("textbox", name="User name").fill(ADMIN[0])
    page.get_by_role("textbox", name="Password").fill(ADMIN[1])
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_text("Signed in as").wait_for(timeout=30_000)


def run(tree: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ovop-shots-") as tmp:
        with app_of(tree, Path(tmp)) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=SHOT_ARGS)
            for lang in LANGS:
                for name, path, ready in normal_pages(tree) + list(MODES):
                    context = browser.new_context(viewport=VIEWPORT)
                    page = context.new_page()
                    page.goto(f"{base}{path}lang={lang}")
                    wait_ready(page, ready)
                    if "mode=" not in path:  # kiosk and present are made for one screen
                        fit_height(page, ready)
                    shoot(page, out, f"{name}-{lang}")
                    if name == "kiosk-loop":
                        page.locator(".st-key-kiosk_explore button").first.click()
                        wait_ready(page, '[class*="st-key-kiosk_prov_"] button')
                        shoot(page, out, f"kiosk-explore-{lang}")
                    context.close()
            context = browser.new_context(viewport=VIEWPORT)
            page = context.new_page()
            page.goto(f"{base}/data?lang=en")
            wait_ready(page, '[data-testid="stMetric"]')
            sign_in(page)
            wait_ready(page, '[data-testid="stMetric"]')
            fit_height(page, '[data-testid="stMetric"]')
            shoot(page, out, "data-admin-en")
            context.close()
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, required=True, help="a checkout of the project (app.py at its root)")
    parser.add_argument("--out", type=Path, required=True, help="directory for the PNG files")
    args = parser.parse_args(argv)
    tree = args.tree.resolve()
    if not (tree / "app.py").exists():
        parser.error(f"{tree} has no app.py")
    run(tree, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
