"""`make soak`: the kiosk left running, as on a trade-fair stand (not part of CI).

    python -m benchmarks.soak [--minutes 30] [--slide-seconds 8] [--idle-seconds 20] [--touch-every 30]

Starts the app in locked kiosk mode, opens it in Debian's Chromium (touch screen, 1920×1080) and
lets the attract loop run. Every ``--touch-every`` seconds a visitor comes by: touches "explore",
picks a province, and either goes back and home, or walks away and lets the idle timeout return
the kiosk to the loop. The server's resident memory (psutil when installed, else /proc VmRSS) is
sampled after a warm-up and every minute; at the end the growth is printed against the target
(≤ 50 MB), with every page error, console error, outside request and server traceback seen.
Exit status 1 when the target is missed or anything went wrong.
"""

from __future__ import annotations

import argparse
import sys
import time

from tests.e2e.browser import ROOT, Watch, launch, running_server, wait_ready

TARGET_MB = 50.0
TITLE = "h1.kiosk-title"
PROVINCES = ("33", "51", "11", "35", "73", "94", "64", "12", "53", "32")
MB = 1024 * 1024


def rss_bytes(pid: int) -> int:
    """Resident set size of a process: psutil when available, else /proc/<pid>/status VmRSS."""
    try:
        import psutil

        return int(psutil.Process(pid).memory_info().rss)
    except ImportError:
        pass
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def visit(page, province: str, walk_away: bool, idle_seconds: float) -> str:
    """One visitor; returns what went wrong ("" when nothing)."""
    step = "explore"
    try:
        page.tap(".st-key-kiosk_explore button", timeout=15_000)
        page.wait_for_selector(".kiosk-head h1", timeout=15_000)
        step = "province"
        page.tap(f".st-key-kiosk_prov_{province} button", timeout=15_000)
        page.wait_for_selector(".kiosk-card", timeout=15_000)
        if walk_away:  # the idle timeout brings the loop back
            step = "idle return"
            page.wait_for_selector(TITLE, timeout=(idle_seconds + 15) * 1000)
        else:
            step = "back"
            page.tap(".st-key-kiosk_back button", timeout=15_000)
            page.wait_for_selector(f".st-key-kiosk_prov_{province}", timeout=15_000)
            step = "home"
            page.tap(".st-key-kiosk_home button", timeout=15_000)
            page.wait_for_selector(TITLE, timeout=15_000)
        return ""
    except Exception as error:  # reported, and the soak goes on
        return f"visitor at province {province}, step {step}: {type(error).__name__}: {str(error).splitlines()[0]}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--slide-seconds", type=float, default=8.0)
    parser.add_argument("--idle-seconds", type=float, default=20.0)
    parser.add_argument("--touch-every", type=float, default=30.0)
    args = parser.parse_args(argv)
    env = {
        "OVOP_MODE": "kiosk",
        "OVOP_MODE_LOCKED": "1",
        "OVOP_KIOSK_SLIDE_SECONDS": f"{args.slide_seconds:g}",
        "OVOP_KIOSK_IDLE_SECONDS": f"{args.idle_seconds:g}",
    }
    (ROOT / "artifacts").mkdir(exist_ok=True)
    log_path = ROOT / "artifacts" / "soak-server.log"
    with running_server(env, log_path=log_path) as server:
        problems, samples, visits, slides_seen = _soak(args, server.process, server.base)
    # Read the log once the server has stopped, so everything it wrote is there.
    tracebacks = log_path.read_text(errors="replace").count("Traceback")
    if tracebacks:
        problems.append(f"{tracebacks} traceback(s) in {log_path}")
    return _verdict(problems, samples, visits, slides_seen)


def _soak(args, process, base: str) -> tuple[list[str], list[tuple[float, int]], int, set[str]]:
    """Run the kiosk for ``args.minutes`` with a visitor every ``args.touch_every`` seconds."""
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    samples: list[tuple[float, int]] = []
    slides_seen: set[str] = set()
    visits = 0
    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context(viewport={"width": 1920, "height": 1080}, has_touch=True)
        page = context.new_page()
        watch = Watch()
        watch.attach(context, page)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.goto(f"{base}/")
        wait_ready(page, TITLE)
        # Warm-up: one visit so caches and the map component are loaded before the first sample.
        problems.extend(p for p in [visit(page, PROVINCES[0], False, args.idle_seconds)] if p)
        start = time.monotonic()
        samples.append((0.0, rss_bytes(process.pid)))
        print(
            f"soak: {args.minutes:g} min, slide {args.slide_seconds:g} s, idle {args.idle_seconds:g} s, "
            f"a visitor every {args.touch_every:g} s; server pid {process.pid}, "
            f"RSS at start {samples[0][1] / MB:.1f} MB",
            flush=True,
        )
        end = start + args.minutes * 60
        next_touch = start + args.touch_every
        next_sample = start + 60
        while time.monotonic() < end:
            if page.locator(TITLE).count():
                slides_seen.add(page.locator(TITLE).first.inner_text())
            if page.locator('[data-testid="stException"], [data-testid="stAlertContainer"]').count():
                problems.append("an error element is on screen")
                break
            moment = time.monotonic()
            if moment >= next_touch:
                visits += 1
                problem = visit(page, PROVINCES[visits % len(PROVINCES)], visits % 2 == 0, args.idle_seconds)
                if problem:
                    problems.append(problem)
                next_touch = time.monotonic() + args.touch_every
            if moment >= next_sample:
                samples.append((moment - start, rss_bytes(process.pid)))
                print(
                    f"  {samples[-1][0] / 60:5.1f} min  RSS {samples[-1][1] / MB:7.1f} MB  "
                    f"visits {visits}  slides seen {len(slides_seen)}",
                    flush=True,
                )
                next_sample += 60
            time.sleep(1.0)
        samples.append((time.monotonic() - start, rss_bytes(process.pid)))
        problems.extend(f"outside request: {url}" for url in watch.outside)
        problems.extend(f"console error: {error}" for error in watch.relevant_console_errors())
        problems.extend(f"http error: {error}" for error in watch.unexpected_http_errors())
        context.close()
        browser.close()
    return problems, samples, visits, slides_seen


def _verdict(problems: list[str], samples: list[tuple[float, int]], visits: int, slides_seen: set[str]) -> int:
    first, last = samples[0][1], samples[-1][1]
    peak = max(rss for _, rss in samples)
    growth = (last - first) / MB
    print(f"soak: {samples[-1][0] / 60:.1f} min, {visits} visitors, {len(slides_seen)} different slides seen")
    print(
        f"server RSS: start {first / MB:.1f} MB, end {last / MB:.1f} MB, peak {peak / MB:.1f} MB, "
        f"growth {growth:+.1f} MB (target ≤ {TARGET_MB:.0f} MB)"
    )
    for problem in problems:
        print(f"problem: {problem}")
    print("soak: OK" if growth <= TARGET_MB and not problems else "soak: FAILED")
    return 0 if growth <= TARGET_MB and not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
