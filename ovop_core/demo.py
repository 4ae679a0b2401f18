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
from .schema import COLUMN_ORDER, ROUND_DTYPE
from .scoring import score_and_stars

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
    frame["round"] = pd.array([pd.NA] * n, dtype=ROUND_DTYPE)  # one registry, no rounds
    frame["url"] = ""  # no product pages: these products are not real
    return frame[COLUMN_ORDER]


# --- assessment rounds -----------------------------------------------------------------------

# How a registry changes from one yearly round to the next (DESIGN.md §11): most products stay as
# they were, some improve (better quality or market, a new certificate), a few slip, some enter
# the programme and a handful leave it. Shares of the later round's products.
NEW_SHARE = 0.05  # entered in the later round (mostly early stages, recently started)
GAIN_SHARE = 0.12  # were weaker a round earlier (quality, market, a certificate)
LOSS_SHARE = 0.06  # were stronger a round earlier
GONE_SHARE = 0.025  # left before the later round


def previous_round(
    later: pd.DataFrame, retired: pd.DataFrame, reference: date, seed: int, keep: pd.Series | None = None
) -> pd.DataFrame:
    """The round a year before ``later`` (a registry of one round): believable, seeded, vectorised.

    Products of ``later`` are carried back with their differences undone: new ones (``NEW_SHARE``,
    never those in ``keep``) are left out, gainers get lower quality and market scores (and some
    lose a certificate they gained since), losers higher ones; stages entered after the earlier
    round's ``reference`` go back one stage, and ratings set after it go back to the one before.
    ``retired`` supplies the products that were there and left (``GONE_SHARE``; their ids must not
    occur in ``later``). The result has ``later``'s columns, its round one less.
    """
    rng = np.random.default_rng(seed)
    n = len(later)
    ref = pd.Timestamp(reference)
    year = later["round"].astype("Int64").fillna(ref.year + 1) - 1
    keep = np.zeros(n, dtype=bool) if keep is None else keep.to_numpy(dtype=bool)
    stage = later["stage"].to_numpy(dtype="int64")
    since = pd.to_datetime(later["stage_since"])
    _, stars = score_and_stars(later)

    recent = since.isna().to_numpy() | (since > ref).to_numpy()
    p_new = np.where((stage <= 1) & recent, 0.30, 0.01)
    new = ~keep & (rng.random(n) < p_new * NEW_SHARE / max(float(p_new.mean()), 1e-9))
    gain = ~new & (stars >= 1) & (rng.random(n) < GAIN_SHARE / 0.9)
    lose = ~new & ~gain & (stars >= 1) & (stars <= 4) & (rng.random(n) < LOSS_SHARE / 0.8)

    out = later.copy()
    shift = np.where(gain, -rng.uniform(8, 18, n), np.where(lose, rng.uniform(10, 20, n), 0.0))
    for c in ("k3", "k4"):
        out[c] = np.clip(out[c].astype("float64") + shift, 5, 98).round(1)
    for key in ("k3c", "k3d", "k4b", "k4c"):
        step = np.where(gain, -1, np.where(lose, 1, 0))
        out[key] = np.clip(out[key].astype("float64") + step, 0, 3)
    certificate = gain & (rng.random(n) < 0.35)  # the gain came with a certificate: brand or halal
    brand_first = rng.random(n) < 0.5
    out["brand"] = out["brand"].to_numpy(dtype=bool) & ~(certificate & brand_first)
    out["halal"] = out["halal"].to_numpy(dtype=bool) & ~(certificate & ~brand_first)

    moved = (since > ref).fillna(False).to_numpy()
    out["stage"] = np.where(moved, np.maximum(stage - 1, 0), stage).astype("int8")
    out["stage_since"] = since.where(~moved, since - pd.DateOffset(years=1)).astype("datetime64[us]")
    rated = pd.to_datetime(out["rated_on"])
    earlier_rating = (rated - pd.DateOffset(years=3)).where(out["stage"].to_numpy() >= 3)
    out["rated_on"] = rated.where(rated <= ref, earlier_rating).astype("datetime64[us]")
    revenue = out["revenue_idr"].astype("float64") * rng.uniform(0.82, 1.0, n)
    out["revenue_idr"] = (np.round(revenue / 5e5) * 5e5).where(out["revenue_idr"].notna())
    out["round"] = year.astype("Int64")

    n_gone = int(round(GONE_SHARE * n))
    pick = np.sort(rng.choice(len(retired), size=min(n_gone, len(retired)), replace=False))
    gone = retired.iloc[pick].copy()
    gone["round"] = pd.array([int(year.iloc[0])] * len(gone), dtype="Int64")
    return pd.concat([out[~new], gone], ignore_index=True)[later.columns]
