"""Start the app on a free localhost port and drive it in Debian's Chromium through Playwright.

Every request to a host other than localhost is blocked and recorded, and Chromium itself is told
to resolve no outside host, so a test fails on any attempt to reach the internet.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts" / "screenshots"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running app: its URL, process, when it was launched and how long until it answered."""

    base: str
    process: subprocess.Popen
    launched_at: float  # time.perf_counter() just before the process was started
    seconds_to_health: float


@contextmanager
def running_server(
    env: dict | None = None,
    timeout: float = 60,
    log_path: Path | None = None,
    poll: float = 0.2,
    clean_env: bool = False,
    tree: Path = ROOT,
    hermetic: bool = False,
):
    """Start the app of the checkout ``tree`` on a free localhost port; yield a ``Server``; stop it
    afterwards. The one launcher of the e2e tests, the benchmarks, the soak and the screenshot tool.

    ``clean_env`` drops the caller's OVOP_MODE* settings (benchmarks want the normal mode);
    ``hermetic`` drops every OVOP_* setting of the caller, so only ``env`` configures the app.
    """
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(tree / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    dropped = "OVOP_" if hermetic else "OVOP_MODE" if clean_env else None
    base_env = {k: v for k, v in os.environ.items() if not (dropped and k.startswith(dropped))}
    if log_path is None:
        log_path = ROOT / "artifacts" / f"server-{port}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "w") as log:
        launched = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=tree, env={**base_env, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
        )
        base = f"http://127.0.0.1:{port}"
        try:
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    pass
                if process.poll() is not None or time.perf_counter() - launched > timeout:
                    raise RuntimeError(f"the app did not start (exit code {process.poll()}); see {log_path}")
                time.sleep(poll)
            yield Server(base, process, launched, time.perf_counter() - launched)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# A point inside region ``code``'s polygon (map-frame coordinates) that really hits it, found through
# the Leaflet layer of the map frame on ever finer grids; null if the region is not drawn or covered.
POINT_IN_REGION = """(code) => {
    const layer = Object.keys(window).filter(k => k.startsWith('geo_json_') && window[k] && window[k].eachLayer)
        .map(k => window[k])[0];
    let path = null;
    if (layer) layer.eachLayer(l => { if (String(l.feature.properties.kode) === code) path = l._path; });
    if (!path) return null;
    const r = path.getBoundingClientRect();
    for (let n = 2; n <= 32; n *= 2) for (let i = 1; i < n; i++) for (let j = 1; j < n; j++) {
        const x = r.x + r.width * i / n, y = r.y + r.height * j / n;
        if (document.elementFromPoint(x, y) === path) return [x, y];
    }
    return null;
}"""


def settled_point(page, code: str, tries: int = 20, pause_ms: int = 150):
    """Where to click region ``code`` once its map has stopped moving (it refits on resize), in the
    coordinates of the map frame that draws it; None when no map frame draws it within ``tries`` pauses
    (under load the frame that draws it can arrive after the page reports ready)."""
    frame = None
    for _ in range(tries):
        frames = [f for f in page.frames if "streamlit_folium" in f.url and not f.is_detached()]
        frame = next((f for f in frames if f.evaluate(POINT_IN_REGION, code)), None)
        if frame is not None:
            break
        page.wait_for_timeout(pause_ms)
    if frame is None:
        return None
    point = frame.evaluate(POINT_IN_REGION, code)
    for _ in range(tries):
        page.wait_for_timeout(pause_ms)
        again = frame.evaluate(POINT_IN_REGION, code)
        if again == point and point is not None:
            break
        point = again
    return point


@contextmanager
def running_app(env: dict | None = None, timeout: float = 60):
    """Yield the base URL of a freshly started app; stops it afterwards."""
    with running_server(env, timeout) as server:
        yield server.base


@dataclass
class Watch:
    """What the page tried to do that it should not: outside requests, console errors, failures."""

    outside: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)

    def attach(self, context, page) -> None:
        """Record every outside request of the page and its frames (Chromium refuses to resolve them).

        A Playwright route handler would be the obvious way, but it stops component iframes from
        loading in this Chromium; the resolver rules in ``CHROMIUM_ARGS`` do the blocking instead.
        """

        def on_request(request):
            url = request.url
            host = urlparse(url).hostname or ""
            if not url.startswith(("data:", "blob:", "about:")) and host not in LOCAL_HOSTS:
                self.outside.append(url)

        context.on("request", on_request)
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("requestfailed", lambda req: self.failed.append(f"{req.url} {req.failure}"))
        page.on("response", lambda resp: resp.status >= 400 and self.http_errors.append(f"{resp.status} {resp.url}"))

    def harmless(self, entry: str) -> bool:
        # On a deep link the frontend first probes /<page>/_stcore/health and host-config (404).
        return entry.startswith("404 ") and entry.endswith(("/_stcore/health", "/_stcore/host-config"))

    def unexpected_http_errors(self) -> list[str]:
        return [e for e in self.http_errors if not self.harmless(e)]

    def relevant_console_errors(self) -> list[str]:
        """Console errors, less one "Failed to load resource" per harmless probe."""
        allowance = sum(self.harmless(e) for e in self.http_errors)
        out = []
        for error in self.console_errors:
            if allowance and error.startswith("Failed to load resource") and "404" in error:
                allowance -= 1
                continue
            out.append(error)
        return out


def open_page(browser, url: str, size=(1920, 1080)):
    """A fresh browser context at ``size`` with a ``Watch`` attached, already on ``url``."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    watch = Watch()
    watch.attach(context, page)
    page.goto(url)
    return context, page, watch


def assert_clean(watch: Watch) -> None:
    """Nothing left localhost, no console error, no failed request, no unexpected HTTP error."""
    assert watch.outside == [], f"requests left localhost: {watch.outside}"
    assert watch.relevant_console_errors() == [], watch.console_errors
    assert watch.failed == [], watch.failed
    assert watch.unexpected_http_errors() == [], watch.http_errors


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def wait_ready(page, selector: str = "h1", timeout: float = 30_000) -> None:
    """Wait for the app shell, for the page's own content, then for the script run to finish."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout)
    page.wait_for_selector(selector, timeout=timeout)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
