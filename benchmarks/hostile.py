"""Peak memory and time of reading files, each in a fresh process (issue 10; DESIGN §3 limits).

    python -m benchmarks.hostile            # all cases
    python -m benchmarks.hostile one PATH   # (internal) read one file, print seconds and peak MB

Targets: a hostile file (far cell, 1 GiB cell, zip bomb, too many rows) refused within 10 s and
1.5 GB; a legitimate 500,000-row file read and validated within 2 GB. Each case runs in its own
process so that one case's peak does not hide another's.
"""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "data"))


def _one(path: str) -> None:
    from ovop_core.registry import read_registry

    start = time.perf_counter()
    result = read_registry(path)
    seconds = time.perf_counter() - start
    codes = sorted(set(result.errors["code"])) if not result.ok else []
    rows = 0 if result.frame is None else len(result.frame)
    peak = _peak_mb()
    print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": rows, "codes": codes}))


def _peak_mb() -> float:
    """This process's peak resident memory. ``ru_maxrss`` survives ``exec`` (it would report the
    parent's peak), the kernel's VmHWM is reset with the new address space."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fast_registry_xlsx(n: int) -> bytes:
    """A valid ``n``-row registry XLSX written as XML strings (openpyxl needs ~40 min for 500k rows)."""
    import make_hostile_files as h

    from ovop_core.demo import synthetic_registry
    from ovop_core.export import registry_file_frame

    frame = registry_file_frame(synthetic_registry(n, seed=1), "en").astype(object).fillna("").astype(str)
    frame = frame.apply(lambda col: col.str.replace("&", "&amp;").str.replace("<", "&lt;"))
    cols = list(frame.columns)
    letters = [h.letters(i + 1) for i in range(len(cols))]
    out = io.BytesIO()
    base = zipfile.ZipFile(io.BytesIO(h.xlsx("")))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in base.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info.filename, base.read(info.filename))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write((h.SHEET_OPEN + "<sheetData>").encode())
            part.write(h.sheet_row(1, cols).encode())
            for start in range(0, n, 20_000):
                block = frame.iloc[start : start + 20_000]
                rownum = (block.index + 2).astype(str).to_series(index=block.index)
                xml = '<row r="' + rownum + '">'
                for letter, col in zip(letters, cols):
                    xml = xml + f'<c r="{letter}' + rownum + '" t="inlineStr"><is><t>' + block[col] + "</t></is></c>"
                part.write(("".join((xml + "</row>").tolist())).encode())
            part.write(b"</sheetData></worksheet>")
    return out.getvalue()


def cases(tmp: Path) -> list[tuple[str, Path]]:
    import make_hostile_files as h

    from ovop_core.demo import synthetic_registry
    from ovop_core.export import write_csv

    made = [
        ("far cell XFD1048576 (1.9 KB XLSX)", h.far_cell_xlsx()),
        ("far cell XFD10000", h.far_cell_xlsx("XFD10000")),
        ("1 GiB cell (shared string)", h.giant_shared_string_xlsx(1 << 30)),
        ("declared zip bomb (2 GiB sheet XML)", h.declared_bomb_xlsx(2 << 30)),
        ("600,000 rows XLSX", h.many_rows_xlsx(600_000)),
        ("legit 100,000-row XLSX", fast_registry_xlsx(100_000)),
        ("legit 500,000-row XLSX", fast_registry_xlsx(500_000)),
    ]
    out = []
    for i, (label, data) in enumerate(made):
        path = tmp / f"case{i}{'-legit' if 'legit' in label else ''}.xlsx"
        path.write_bytes(data)
        out.append((f"{label} [{len(data) / 1e6:.1f} MB]", path))
    csv_path = tmp / "legit-500k.csv"
    write_csv(synthetic_registry(500_000, seed=1), csv_path)
    out.append((f"legit 500,000-row CSV [{csv_path.stat().st_size / 1e6:.0f} MB]", csv_path))
    return out


def run() -> list[tuple[str, str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for label, path in cases(Path(tmp)):
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.hostile", "one", str(path)],
                cwd=ROOT, capture_output=True, text=True, timeout=900,
            )  # fmt: skip
            if done.returncode != 0:
                rows.append(("file", label, f"exit {done.returncode}", done.stderr.strip().splitlines()[-1:]))
                continue
            figures = json.loads(done.stdout.strip().splitlines()[-1])
            legit = "legit" in label
            outcome = f"{figures['rows']:,} rows read" if legit else "refused: " + ", ".join(figures["codes"])
            target = "≤ 2 GB" if legit else "≤ 10 s, ≤ 1.5 GB"
            rows.append(
                ("file", f"{label}: {outcome}", f"{figures['seconds']:.2f} s, {figures['peak_mb']:.0f} MB", target)
            )
    return rows


if __name__ == "__main__":
    if sys.argv[1:2] == ["one"]:
        _one(sys.argv[2])
    else:
        for row in run():
            print(f"{row[0]:>10}  {row[1]:<72} {row[2]:>18}  {row[3]}")
