"""Boundary payloads against the budgets of DESIGN.md §10 (GeoJSON as written in data/geo).

Each level is loaded on demand, so the figure that matters is the largest single file a view
sends: the province layer, the largest province's kab/kota file and the largest kab/kota's
kecamatan file (the worst case of each level).
"""

from __future__ import annotations

from pathlib import Path

GEO = Path(__file__).resolve().parents[1] / "data" / "geo"
KB = 1000
BUDGETS = {"province": 200 * KB, "kabkota": 150 * KB, "kecamatan": 100 * KB}


def _largest(folder: Path) -> tuple[str, int, int]:
    """(file name, bytes, number of files) of the largest GeoJSON in ``folder``."""
    sizes = {p.name: p.stat().st_size for p in folder.glob("*.geojson")}
    name = max(sorted(sizes), key=sizes.__getitem__)
    return name, sizes[name], len(sizes)


def run() -> list[tuple[str, str, str, str]]:
    """Rows (size column, what, figure, target) in the style of benchmarks.run."""
    rows = []
    prov = (GEO / "id_provinsi.geojson").stat().st_size
    rows.append(
        ("geo", "province layer id_provinsi.geojson", f"{prov / KB:.0f} KB", f"≤ {BUDGETS['province'] // KB} KB")
    )
    for level, folder in (("kabkota", GEO / "kabkota"), ("kecamatan", GEO / "kecamatan")):
        name, size, n = _largest(folder)
        what = f"largest of {n} {level}/ files ({name})"
        rows.append(("geo", what, f"{size / KB:.0f} KB", f"≤ {BUDGETS[level] // KB} KB"))
    return rows
