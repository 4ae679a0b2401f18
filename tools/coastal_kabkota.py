"""Derive which kab/kota touch the sea: tools/data/coastal_kabkota.csv, read by the demo data generator.

    python tools/coastal_kabkota.py

A kab/kota touches the sea when part of its polygon edge is on the country's outline. The committed
boundaries (data/geo/kabkota/*.geojson) were simplified with topology preserved, so neighbours share
their edges vertex for vertex: an edge segment used by one polygon only is on the outline, one used by
two is an inner border. Outline shorter than ``MIN_OUTLINE_DEG`` (about 5 km) is a river mouth or a
sliver of the approximate boundaries, not a coast.

The outline also runs along the land borders with Malaysia, Papua New Guinea and Timor-Leste, and the
approximate boundaries reach the sea at a few river mouths; the reviewed exceptions below correct that.
They were found by comparing the result with the same test on the real kab/kota polygons of
cahyadsn/wilayah_boundaries (../shared/geo-source), where the only differences were these cases and
highland Papua kab/kota whose neighbours are missing there. Dev-time tool only.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ovop_core import regions  # noqa: E402

SOURCE = ROOT / "data" / "geo" / "kabkota"  # one FeatureCollection per province
TARGET = ROOT / "tools" / "data" / "coastal_kabkota.csv"
MIN_OUTLINE_DEG = 0.045
KM_PER_DEG = 111.0

# Outline that is not sea (reviewed).
NOT_COASTAL: dict[str, str] = {
    "61.03": "land border with Malaysia only (Sanggau)",
    "61.05": "land border with Malaysia only (Sintang)",
    "61.06": "land border with Malaysia only (Kapuas Hulu)",
    "64.11": "land border with Malaysia only (Mahakam Ulu)",
    "65.02": "land border with Malaysia only (Malinau)",
    "91.11": "land border with Papua New Guinea only (Keerom)",
    "93.02": "land border with Papua New Guinea only (Boven Digoel)",
    "95.02": "land border with Papua New Guinea only (Pegunungan Bintang)",
    "16.06": "river mouth of the approximate boundaries; no coast in the real boundaries (Musi Banyuasin)",
    "31.73": "river mouth of the approximate boundaries; no coast in the real boundaries (Jakarta Barat)",
    "36.71": "river mouth of the approximate boundaries; no coast in the real boundaries (Kota Tangerang)",
    "61.71": "on the Kapuas river; no coast in the real boundaries (Kota Pontianak)",
    "63.03": "river mouth of the approximate boundaries; no coast in the real boundaries (Banjar)",
}
# Sea without outline (reviewed).
COASTAL: dict[str, str] = {
    "31.01": "Kepulauan Seribu: small islands, no polygon in the approximate boundaries",
}


def outline_lengths(geojson: dict) -> dict[str, float]:
    """Dotted kab/kota code → length (degrees) of its polygon edges that no other polygon shares."""
    uses: Counter = Counter()
    segments: dict[str, list[tuple]] = {}
    for feature in geojson["features"]:
        code = regions.to_dotted(feature["properties"]["kode"])
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for ring in (ring for polygon in polygons for ring in polygon):
            for a, b in zip(ring, ring[1:]):
                segment = tuple(sorted((tuple(a), tuple(b))))
                uses[segment] += 1
                segments.setdefault(code, []).append(segment)
    return {code: sum(math.dist(*s) for s in segs if uses[s] == 1) for code, segs in segments.items()}


def coastal_table() -> str:
    features = [
        f for p in sorted(SOURCE.glob("*.geojson")) for f in json.loads(p.read_text(encoding="utf-8"))["features"]
    ]
    lengths = outline_lengths({"type": "FeatureCollection", "features": features})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "name", "outline_km", "coastal", "reviewed"])
    for code, name in zip(regions.kabkota()["code"], regions.kabkota()["name"]):
        length = lengths.get(code)
        coastal = length is not None and length >= MIN_OUTLINE_DEG
        reason = NOT_COASTAL.get(code) or COASTAL.get(code) or ""
        coastal = (coastal and code not in NOT_COASTAL) or code in COASTAL
        km = "" if length is None else f"{length * KM_PER_DEG:.1f}"
        writer.writerow([code, name, km, "ya" if coastal else "tidak", reason])
    return out.getvalue()


def main() -> int:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(coastal_table(), encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)} written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
