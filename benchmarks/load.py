"""`make load`: many visitors at once on one server (issue 7; not part of CI).

    python -m benchmarks.load [--sessions 25] [--minutes 2] [--ramp-seconds 5] [--think-seconds 0]

Starts the app once, then opens one Debian Chromium (the executable and offline flags of
``tests/e2e/browser.py``) with one browser context per session, driven concurrently through
Playwright's async API. Each session loops until the time is up: open the overview (``/``) and wait
until it is rendered (the five KPI cards and a drawn plotly chart), then open the map (``/map``) and
wait until the 38 province polygons are drawn; after each page it lets the script run and the map
frame finish loading (and stays ``--think-seconds``) before moving on. Time to rendered is measured
from the navigation to the condition being met; a page not rendered in 30 s counts as > 30 s.

A failure is a page not rendered within 30 s, a console or page error, a request leaving localhost,
a failed request, an HTTP status ≥ 400 (less the harmless 404 probes of a deep link, as
``Watch.harmless``), or a traceback in the server log. At the end it prints the pages rendered, the
median and 95th percentile time to a rendered page (overall and per page), the failures by kind and
the server's resident memory and the CPU used by the server, by this Chromium and by the whole
machine, with the targets (no failure; p95 ≤ 5 s) marked met or missed. The browsers share the
machine with the server: on few cores they, not the server, set the pace. Exit status 1 when a
target is missed. The server log is kept in ``artifacts/load-server.log``.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import statistics
import sys
import time
from collections import Counter
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.browser import MAP_FRAME, OVERVIEW_VISIBLE, PROVINCES_DRAWN
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, Watch, running_server

PAGES = {"overview": "/", "map": "/map"}
TIMEOUT_MS = 30_000
TARGET_P95 = 5.0
POLL_MS = 100
# Before leaving a page: the script run has finished and every component frame has loaded, its
# stylesheets included (the map's leaflet.css can arrive after the polygons are drawn; leaving
# before would abort it and count as a failed request the visitor never caused).
SETTLED = """() => !document.querySelector('[data-testid="stStatusWidget"]')
    && [...document.querySelectorAll('iframe')].every(f => {
        const doc = f.contentDocument;
        return !!doc && doc.readyState === 'complete'
            && [...doc.querySelectorAll('link[rel="stylesheet"]')].every(l => !!l.sheet);
    })"""
MB = 1024 * 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent busy (all cores, not idle or waiting), from /proc/stat."""
    with open("/proc/stat", encoding="ascii") as stat:
        fields = [int(n) for n in stat.readline().split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(root: int) -> float:
    """CPU time of every live descendant of a process, with their reaped children: here the
    Playwright driver and the Chromium it launched (renderers included)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                    children.setdefault(int(stat.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
            except OSError:
                pass
    total, stack = 0, list(children.get(root, []))
    while stack:
        pid = stack.pop()
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
                total += sum(int(n) for n in stat.read().rsplit(")", 1)[1].split()[11:15])
        except OSError:
            pass
        stack += children.get(pid, [])
    return total / os.sysconf("SC_CLK_TCK")


def rss_bytes(pid: int) -> int:
    """Resident set size of a process, from /proc/<pid>/status VmRSS."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


@contextmanager
def normal_server(log_path: Path, timeout: float = 60):
    """The app in its normal mode, yielding (process, base URL) so its memory can be read."""
    with running_server(timeout=timeout, log_path=log_path, clean_env=True) as server:
        yield server.process, server.base


@dataclass
class Results:
    times: dict[str, list[float]] = field(default_factory=lambda: {name: [] for name in PAGES})
    timeouts: Counter = field(default_factory=Counter)  # per page: not rendered within 30 s
    failures: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    abandoned: Counter = field(default_factory=Counter)  # noise of leaving a timed-out page (not failures)

    def fail(self, kind: str, detail: str) -> None:
        self.failures[kind] += 1
        shown = self.examples.setdefault(kind, [])
        if len(shown) < 3:
            shown.append(detail[:300])


async def open_page(page, base: str, name: str) -> float:
    """Navigate to a page; seconds until it is rendered. Raises on a timeout."""
    deadline = time.perf_counter() + TIMEOUT_MS / 1000

    def left() -> float:
        return max(1.0, (deadline - time.perf_counter()) * 1000)

    start = time.perf_counter()
    await page.goto(base + PAGES[name], wait_until="commit", timeout=TIMEOUT_MS)
    if name == "overview":
        await page.wait_for_function(OVERVIEW_VISIBLE, timeout=left(), polling=POLL_MS)
    else:
        await page.wait_for_selector(MAP_FRAME, timeout=left())
        await page.wait_for_function(PROVINCES_DRAWN, timeout=left(), polling=POLL_MS)
    return time.perf_counter() - start


async def abandon(page, watch: Watch, page_errors: list[str], results: Results) -> None:
    """Leave a page that timed out. The requests it still had under way end as net::ERR_ABORTED
    (with their console messages): counted apart, as the timeout is the failure already counted."""
    marks = len(watch.failed), len(watch.console_errors), len(page_errors)
    with suppress(Exception):  # the next navigation will tell
        await page.goto("about:blank", timeout=TIMEOUT_MS)
        await asyncio.sleep(0.5)
    for entries, mark, kind in zip(
        (watch.failed, watch.console_errors, page_errors), marks, ("failed requests", "console errors", "page errors")
    ):
        results.abandoned[kind] += len(entries) - mark
        del entries[mark:]


async def session(
    number: int, browser, base: str, stop_at: float, delay: float, think: float, results: Results
) -> None:
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    await asyncio.sleep(delay)
    context = await browser.new_context(viewport={"width": 1920, "height": 1080})
    page = await context.new_page()
    watch = Watch()
    watch.attach(context, page)
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        while time.perf_counter() < stop_at:
            for name in PAGES:
                if time.perf_counter() >= stop_at:
                    break
                step = "render"
                try:
                    results.times[name].append(await open_page(page, base, name))
                    step = "settle"  # a visitor reads the page: let it finish loading before leaving
                    await page.wait_for_function(SETTLED, timeout=TIMEOUT_MS, polling=POLL_MS)
                    if think:
                        await asyncio.sleep(think)
                except PlaywrightTimeout as error:
                    if step == "render":
                        results.timeouts[name] += 1
                    kind = "timeout (> 30 s)" if step == "render" else "not settled in 30 s"
                    results.fail(kind, f"session {number}, {name}: {str(error).splitlines()[0]}")
                    await abandon(page, watch, page_errors, results)
                except Exception as error:  # noqa: BLE001 - recorded, and the session goes on
                    results.fail(
                        "navigation error",
                        f"session {number}, {name}: {type(error).__name__}: " + (str(error).splitlines() or [""])[0],
                    )
                    await abandon(page, watch, page_errors, results)
    finally:
        await context.close()
    for entry in watch.outside:
        results.fail("outside request", f"session {number}: {entry}")
    for entry in watch.relevant_console_errors():
        results.fail("console error", f"session {number}: {entry}")
    for entry in page_errors:
        results.fail("page error", f"session {number}: {entry}")
    for entry in watch.failed:
        results.fail("failed request", f"session {number}: {entry}")
    for entry in watch.unexpected_http_errors():
        results.fail("HTTP ≥ 400", f"session {number}: {entry}")


async def warm_up(browser, base: str) -> None:
    """One visit before the clock starts (the server's caches), not counted."""
    context = await browser.new_context(viewport={"width": 1920, "height": 1080})
    page = await context.new_page()
    try:
        for name in PAGES:
            await open_page(page, base, name)
            await page.wait_for_function(SETTLED, timeout=TIMEOUT_MS, polling=POLL_MS)
    finally:
        await context.close()


async def sample_rss(pid: int, samples: list[int], every: float = 2.0) -> None:
    while True:
        try:
            samples.append(rss_bytes(pid))
        except (OSError, RuntimeError):
            return
        await asyncio.sleep(every)


async def drive(base: str, pid: int, args) -> tuple[Results, float, dict]:
    from playwright.async_api import async_playwright

    results = Results()
    stats: dict = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            await warm_up(browser, base)
            stats["rss_warm"] = rss_bytes(pid)
            samples: list[int] = []
            sampler = asyncio.create_task(sample_rss(pid, samples))
            before = cpu_seconds(pid), tree_cpu_seconds(os.getpid()), machine_busy_seconds()
            stats["load_start"] = os.getloadavg()[0]
            started = time.perf_counter()
            stop_at = started + args.minutes * 60
            step = args.ramp_seconds / args.sessions if args.sessions else 0
            await asyncio.gather(
                *(
                    session(i + 1, browser, base, stop_at, i * step, args.think_seconds, results)
                    for i in range(args.sessions)
                )
            )
            elapsed = time.perf_counter() - started
            after = cpu_seconds(pid), tree_cpu_seconds(os.getpid()), machine_busy_seconds()
            stats["load_end"] = os.getloadavg()[0]
            stats["cpu_server"], stats["cpu_chromium"], stats["cpu_machine"] = ((b - a) for a, b in zip(before, after))
            sampler.cancel()
            stats["rss_peak"] = max(samples, default=0)
        finally:
            await browser.close()
    return results, elapsed, stats


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def server_tracebacks(log_path: Path) -> list[str]:
    """The last line of every traceback in the server log."""
    out, inside = [], False
    lines = log_path.read_text(errors="replace").splitlines()
    for line in lines:
        if line.startswith("Traceback"):
            inside = True
        elif inside and line and not line.startswith((" ", "\t")):
            out.append(line.strip())
            inside = False
    return out


def _seconds(value: float) -> str:
    return "> 30 s" if value == math.inf else f"{value:.2f} s"


def report(args, results: Results, elapsed: float, stats: dict) -> bool:
    """Print the figures with the targets; True when every target is met."""
    cores = os.cpu_count()
    rendered = sum(len(results.times[name]) for name in PAGES)
    failures = sum(results.failures.values())
    print(
        f"sessions            {args.sessions} (one Chromium, one context each; started over "
        f"{args.ramp_seconds:g} s; {args.think_seconds:g} s on each page once loaded)"
    )
    print(f"duration            {elapsed:.0f} s (asked {args.minutes * 60:.0f} s; pages under way at the end finish)")
    print(
        f"pages rendered      {rendered}  ("
        + ", ".join(f"{name} {len(results.times[name])}" for name in PAGES)
        + f"; {rendered / elapsed * 60:.0f} per minute)"
    )
    print()
    print("time to rendered page, from navigation (a page not rendered in 30 s counts as > 30 s):")
    print(f"  {'':<12}{'n':>6}{'median':>10}{'p95':>10}{'max':>10}   target")
    ok = True
    rows = [("all pages", [t for name in PAGES for t in results.times[name]], sum(results.timeouts.values()))]
    rows += [(name, results.times[name], results.timeouts[name]) for name in PAGES]
    for label, values, timeouts in rows:
        values = values + [math.inf] * timeouts
        if not values:
            print(f"  {label:<12}{0:>6}{'-':>10}{'-':>10}{'-':>10}   p95 ≤ {TARGET_P95:g} s: missed (no page)")
            ok = False
            continue
        p95 = percentile(values, 95)
        met = p95 <= TARGET_P95
        ok &= met
        print(
            f"  {label:<12}{len(values):>6}{_seconds(statistics.median_low(values)):>10}{_seconds(p95):>10}"
            f"{_seconds(max(values)):>10}   p95 ≤ {TARGET_P95:g} s: {'met' if met else 'missed'}"
        )
    print()
    print(f"failures            {failures}   target: none — {'met' if failures == 0 else 'missed'}")
    for kind, count in results.failures.most_common():
        print(f"  {kind:<20}{count}")
        for example in results.examples.get(kind, []):
            print(f"      e.g. {example}")
    if sum(results.abandoned.values()):
        print(
            "  (leaving the timed-out pages aborted further: "
            + ", ".join(f"{n} {kind}" for kind, n in results.abandoned.items() if n)
            + "; not counted)"
        )
    print()
    print(
        f"server RSS          start {stats['rss_start'] / MB:.0f} MB, after one warm-up visit "
        f"{stats['rss_warm'] / MB:.0f} MB, peak {stats['rss_peak'] / MB:.0f} MB, end {stats['rss_end'] / MB:.0f} MB "
        f"(since warm-up {(stats['rss_end'] - stats['rss_warm']) / MB:+.0f} MB)"
    )
    per_page = f" ({stats['cpu_server'] / rendered:.2f} CPU s per rendered page)" if rendered else ""
    print(
        f"{f'CPU, of {cores} cores':<20}server {stats['cpu_server'] / elapsed:.2f}{per_page}, "
        f"this Chromium {stats['cpu_chromium'] / elapsed:.2f}, whole machine busy "
        f"{stats['cpu_machine'] / elapsed:.2f} (load average {stats['load_start']:.1f} at the start, "
        f"{stats['load_end']:.1f} at the end)"
    )
    return ok and failures == 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=25)
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument(
        "--ramp-seconds",
        type=float,
        default=5.0,
        help="start the sessions evenly over this many seconds (0: all at once)",
    )
    parser.add_argument(
        "--think-seconds",
        type=float,
        default=0.0,
        help="stay this long on each page once it has loaded (0: straight on)",
    )
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.minutes <= 0:
        parser.error("--sessions must be ≥ 1 and --minutes > 0")
    if not shutil.which(CHROMIUM):
        print(f"{CHROMIUM} is missing: install Debian's chromium", file=sys.stderr)
        return 2
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        print("Playwright for Python is not installed (requirements-dev.txt)", file=sys.stderr)
        return 2

    (ROOT / "artifacts").mkdir(exist_ok=True)
    log_path = ROOT / "artifacts" / "load-server.log"
    with normal_server(log_path) as (process, base):
        rss_start = rss_bytes(process.pid)
        results, elapsed, stats = asyncio.run(drive(base, process.pid, args))
        stats["rss_start"], stats["rss_end"] = rss_start, rss_bytes(process.pid)
    for entry in server_tracebacks(log_path):
        results.fail("server traceback", entry)
    return 0 if report(args, results, elapsed, stats) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
