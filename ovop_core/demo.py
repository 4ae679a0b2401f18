"""Synthetic registries for tests and benchmarks: seeded, deterministic, any size.

Products are spread over the real 514 kab/kota, all six categories and seven stages, with a
mix of simple (k1…k5) and detailed (sub-item) rows and evidence that grows with quality, so
that every gate and cap reason occurs. The numbers are invented; never present them as real.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from . import regions
from .model import CATEGORIES, CRITERIA, FOOD_CATEGORIES, MAX_LEVEL, SUB_ITEMS
from .schema import COLUMN_ORDER

REFERENCE_DATE = date(2026, 11, 1)
_CATEGORY_WORDS = {
    "pangan": "Keripik",
    "minuman": "Kopi",
    "tekstil": "Tenun",
    "rumah_tangga": "Anyaman",
    "kerajinan": "Ukiran",
    "herbal": "Minyak",
}


def synthetic_registry(
    n: int,
    seed: int = 2026,
    detailed_share: float = 0.2,
    reference: date = REFERENCE_DATE,
) -> pd.DataFrame:
    """A canonical registry frame of ``n`` invented products (same columns as ``read_registry``)."""
    rng = np.random.default_rng(seed)
    kab = regions.kabkota()
    pick = rng.integers(0, len(kab), n)
    code = kab["code"].to_numpy()[pick]
    category = np.array(CATEGORIES, dtype=object)[rng.integers(0, len(CATEGORIES), n)]
    food = np.isin(category, list(FOOD_CATEGORIES))

    # A latent "maturity" drives scores and evidence together, as it does in real programmes.
    maturity = rng.beta(4.0, 4.0, n)
    k = {c: np.clip(100 * maturity + rng.normal(0, 12, n), 0, 100).round(1) for c in CRITERIA}
    stage = rng.choice(7, size=n, p=[0.16, 0.18, 0.17, 0.16, 0.18, 0.09, 0.06]).astype("int8")
    # Stage 0 products are often not yet scored.
    unscored = (stage == 0) & (rng.random(n) < 0.5)
    for c in CRITERIA:
        k[c] = np.where(unscored, np.nan, k[c])

    detailed = (rng.random(n) < detailed_share) & ~unscored
    levels = {}
    for item in SUB_ITEMS:
        raw = np.clip(np.round(maturity * MAX_LEVEL + rng.normal(0, 0.7, n)), 0, MAX_LEVEL)
        levels[item.key] = np.where(detailed, raw, np.nan)

    def chance(base: float, slope: float) -> np.ndarray:
        return rng.random(n) < np.clip(base + slope * maturity, 0, 1)

    nib = chance(0.35, 0.8)
    permit_roll = rng.random(n)
    permit = np.where(
        food,
        np.where(permit_roll < 0.25 + 0.6 * maturity, np.where(permit_roll < 0.12, "bpom", "pirt"), "none"),
        np.where(permit_roll < 0.25 * maturity, "sni", "none"),
    ).astype(object)
    days_ago = rng.integers(0, 6 * 365, n)
    since = pd.Timestamp(reference) - pd.to_timedelta(days_ago, unit="D")
    number = np.arange(1, n + 1)
    word = pd.Series(category).map(_CATEGORY_WORDS).to_numpy(dtype=object)
    kab_name = kab["name"].str.replace(r"^(Kabupaten|Kota) ", "", regex=True).to_numpy()[pick]

    frame = pd.DataFrame(
        {
            "product_id": pd.Series(number).map("SYN-{:07d}".format).to_numpy(),
            "name": word + " " + kab_name.astype(object) + " " + pd.Series(number % 97).astype(str).to_numpy(),
            "producer": "IKM " + pd.Series(number % 5000).map("{:04d}".format).to_numpy(dtype=object),
            "category": category,
            "region_code": code,
            "province": np.array([c[:2] for c in kab["code"]], dtype=object)[pick],
            "stage": stage,
            "stage_since": since.to_numpy(),
            **k,
            **levels,
            "nib": nib,
            "permit": permit,
            "halal": food & chance(0.05, 0.75),
            "brand": chance(0.0, 0.9),
            "export": chance(-0.35, 0.7),
            "assessors": rng.integers(0, 6, n).astype("float64"),
            "revenue_idr": np.round(rng.lognormal(18.5, 1.2, n), -3),
            "workers": rng.integers(1, 60, n).astype("float64"),
        }
    )
    # Drawn after everything else, so that the columns above stay what they were for a seed.
    frame["place_code"] = code
    frame["non_halal"] = food & ~frame["halal"].to_numpy() & (rng.random(n) < 0.03)
    rated = (stage >= 3) & ~unscored
    rated_on = since + pd.to_timedelta(rng.integers(0, 90, n), unit="D")
    frame["rated_on"] = rated_on.where(rated & (rated_on <= pd.Timestamp(reference))).to_numpy()
    return frame[COLUMN_ORDER]
