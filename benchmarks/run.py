"""`make bench`: print every benchmark's figures next to its target.

    python -m benchmarks.run [SIZE ...] [--only core|files|store|browser|drilldown]

SIZEs (products) apply to the core part; the geo part prints the boundary payloads (the province
layer, the largest kab/kota and kecamatan files) against their budgets; the files part reads hostile and large files, each in a
fresh process, and prints time and peak memory; the browser part times the app in Debian's Chromium
and measures the map payloads (skipped with a note when Chromium is missing); the store part
imports 100k products from CSV and XLSX into SQLite (and PostgreSQL when OVOP_DATABASE_URL or
OVOP_TEST_DATABASE_URL is set) and loads them back; the drilldown part times a map click → profile
drawn at the province, kab/kota and kecamatan levels.
"""

from __future__ import annotations

import argparse
import platform
import sys

from benchmarks import core

PARTS = ("core", "geo", "files", "store", "browser", "drilldown")


def _row(size, what, value, target) -> str:
    if isinstance(value, str):
        shown = value
    else:
        shown = f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"
    return f"{size:>10}  {what:<48} {shown:>10}  {target}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, help="registry sizes for the core part")
    parser.add_argument("--only", choices=PARTS, help="run one part only (default: all)")
    args = parser.parse_args(argv)
    parts = (args.only,) if args.only else PARTS
    sizes = tuple(args.sizes) or core.SIZES
    print(f"OVOP Dashboard benchmarks — Python {platform.python_version()}, {platform.machine()}")
    print(f"{'products':>10}  {'what':<48} {'time':>10}  target")
    notes: list[str] = []
    if "core" in parts:
        for row in core.run(sizes):
            print(_row(*row))
    if "geo" in parts:
        from benchmarks import geo

        for size, what, figure, target in geo.run():
            print(f"{size:>10}  {what:<48} {figure:>10}  {target}")
    if "files" in parts:
        from benchmarks import hostile

        for size, what, figures, target in hostile.run():
            print(f"{size:>10}  {what:<48} {figures:>10}  {target}")
    if "store" in parts:
        from benchmarks import store

        for row in store.run(n=100_000, xlsx=True):
            print(_row(*row))
    if "browser" in parts:
        from benchmarks import browser

        for row in browser.run(notes=notes):
            print(_row(*row))
    if "drilldown" in parts:
        from benchmarks import drilldown

        for row in drilldown.run(notes=notes):
            print(_row(*row))
    for note in notes:
        print(f"note: {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
