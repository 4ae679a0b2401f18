"""Compare two directories of screenshots pixel by pixel (dev-time; see tools/screenshots.py).

    python tools/compare_screenshots.py DIR_A DIR_B [--threshold 0.5] [--diff DIR]

For every PNG in both directories: the share of pixels that differ (any channel differs by more than
``--tolerance``, default 0), flagged when above ``--threshold`` per cent. Images of different sizes
are compared on their common top-left area and every pixel outside it counts as different (a page
that grew is a change). ``--diff DIR`` writes a picture per flagged image: B, with the differing
pixels in magenta. Exit code 1 when any image is flagged or missing on one side.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from PIL import Image


def load(path: Path) -> np.ndarray:
    return np.asarray(Image.open(path).convert("RGB"), dtype=np.int16)


def difference(a: np.ndarray, b: np.ndarray, tolerance: int = 0) -> tuple[float, np.ndarray]:
    """(per cent of differing pixels over the larger canvas, mask of differences on B's canvas)."""
    height, width = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    common = (np.abs(a[:height, :width] - b[:height, :width]) > tolerance).any(axis=2)
    total = max(a.shape[0] * a.shape[1], b.shape[0] * b.shape[1])
    outside = total - height * width
    mask = np.ones(b.shape[:2], dtype=bool)
    mask[:height, :width] = common
    return 100.0 * (int(common.sum()) + outside) / total, mask


def diff_picture(b: np.ndarray, mask: np.ndarray) -> Image.Image:
    picture = (b.astype(np.uint8) // 2 + 127).copy()  # B faded, so the magenta stands out
    picture[mask] = (255, 0, 255)
    return Image.fromarray(picture)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--threshold", type=float, default=0.5, help="flag above this per cent (default 0.5)")
    parser.add_argument("--tolerance", type=int, default=0, help="channel difference still counted as equal")
    parser.add_argument("--diff", type=Path, help="write a difference picture per flagged image here")
    args = parser.parse_args(argv)
    names = sorted({p.name for p in args.a.glob("*.png")} | {p.name for p in args.b.glob("*.png")})
    if args.diff:
        args.diff.mkdir(parents=True, exist_ok=True)
    flagged = 0
    print(f"{'image':<28} {'size A':>11} {'size B':>11} {'differ %':>9}")
    for name in names:
        pa, pb = args.a / name, args.b / name
        if not (pa.exists() and pb.exists()):
            print(f"{name:<28} missing in {'B' if pa.exists() else 'A'}  FLAG")
            flagged += 1
            continue
        a, b = load(pa), load(pb)
        share, mask = difference(a, b, args.tolerance)
        flag = share > args.threshold
        flagged += flag
        size_a, size_b = f"{a.shape[1]}x{a.shape[0]}", f"{b.shape[1]}x{b.shape[0]}"
        print(f"{name:<28} {size_a:>11} {size_b:>11} {share:>9.3f}{'  FLAG' if flag else ''}")
        if flag and args.diff:
            diff_picture(b, mask).save(args.diff / name)
    print(f"{len(names)} images, {flagged} flagged (> {args.threshold} %)")
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
