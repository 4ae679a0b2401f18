"""`make bench`: print every benchmark's figures next to its target."""

from __future__ import annotations

import platform
import sys

from benchmarks import core


def main(argv: list[str]) -> int:
    sizes = tuple(int(a) for a in argv) or core.SIZES
    print(f"OVOP Dashboard benchmarks — Python {platform.python_version()}, {platform.machine()}")
    print(f"{'products':>10}  {'what':<48} {'time':>10}  target")
    for size, what, seconds, target in core.run(sizes):
        shown = f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
        print(f"{size:>10}  {what:<48} {shown:>10}  {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
