"""The kiosk's deck: which slides the attract loop shows, in which order, and what each one says.

Pure pandas (no Streamlit), so the rotation, the idle rule and the slide contents are tested as
plain functions; ``ovop_ui.modes.kiosk.screens`` renders them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ovop_core import regions, summary
from ovop_core.summary import RegionSummary
from ovop_ui import PROJECT_ROOT

FLAGSHIPS_CSV = PROJECT_ROOT / "data" / "flagships.csv"
PRODUCTS_PER_REGION_SLIDE = 3  # a regional highlight after every three flagship products
REGION_SLIDES = 8
FALLBACK_FLAGSHIPS = 12  # when the dataset holds none of data/flagships.csv: best product per province


@dataclass(frozen=True)
class Slide:
    kind: str  # "product" or "region"
    key: str  # product_id or province code


@dataclass(frozen=True)
class ProductView:
    product_id: str
    name: str
    region_code: str
    region_name: str
    province_code: str
    province_name: str
    category: str
    stars: int
    score: float
    story: str
    url: str = ""  # the product's page on the organiser's site (registry column ``url``), or ""


@dataclass(frozen=True)
class RegionView:
    code: str
    name: str
    n_products: int
    n_recognised: int
    mean_score: float
    top_name: str
    top_region: str
    top_stars: int


# What a visitor must never read about a named producer (DESIGN.md §8): why its star is capped,
# what blocks its next stage, which evidence it lacks.
PRIVATE_COLUMNS = ("cap_reason_id", "cap_reason_en", "missing_gates", "blocking_reason_id", "blocking_reason_en")


def public_table(table: pd.DataFrame) -> pd.DataFrame:
    """The analysed table as a kiosk may show it: official stars only, no reasons.

    A star below stage 3 is an estimate; shown to the public beside a producer's name it would
    read as a rating nobody gave, so it becomes 0 ("not yet rated"). The ranking of flagships
    and regions then follows official stars too.
    """
    out = table.drop(columns=[c for c in PRIVATE_COLUMNS if c in table.columns])
    if "official" in out.columns:
        out["stars"] = out["stars"].where(out["official"], 0).astype(table["stars"].dtype)
    return out


def load_flagships(path: Path = FLAGSHIPS_CSV) -> pd.DataFrame:
    """``product_id``, ``story_id``, ``story_en`` (empty when the file is missing)."""
    if not path.exists():
        return pd.DataFrame(columns=["product_id", "story_id", "story_en"])
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame[["product_id", "story_id", "story_en"]]


def flagship_ids(table: pd.DataFrame, flagships: pd.DataFrame) -> list[str]:
    """Flagships present in the dataset, in the file's order; else the best product of each province
    (the first of its top products, ``summary.TOP_ORDER``), best first."""
    present = flagships["product_id"][flagships["product_id"].isin(set(table["product_id"]))]
    if len(present):
        return present.tolist()
    ranked = summary.top_products(table.dropna(subset=["score"]))
    best = ranked.drop_duplicates(subset=["province"]).head(FALLBACK_FLAGSHIPS)
    return best["product_id"].astype(str).tolist()


def highlight_provinces(table: pd.DataFrame, limit: int = REGION_SLIDES) -> list[str]:
    """Provinces to highlight: the most recognised products first, then the most products."""
    index = regions.region_index(table, "province")
    index = index[index["has_data"]].sort_values(["n_recognised", "n_products", "name"], ascending=[False, False, True])
    return index["code"].head(limit).tolist()


def build_deck(table: pd.DataFrame, flagships: pd.DataFrame) -> tuple[Slide, ...]:
    """Flagship products with a regional highlight after every ``PRODUCTS_PER_REGION_SLIDE``."""
    products = [Slide("product", pid) for pid in flagship_ids(table, flagships)]
    provinces = [Slide("region", code) for code in highlight_provinces(table)]
    deck: list[Slide] = []
    for i, slide in enumerate(products):
        deck.append(slide)
        if provinces and (i + 1) % PRODUCTS_PER_REGION_SLIDE == 0:
            deck.append(provinces[(i // PRODUCTS_PER_REGION_SLIDE) % len(provinces)])
    if not products:
        deck.extend(provinces)
    return tuple(deck)


def next_index(index: int, size: int) -> int:
    """The slide after ``index`` in a deck of ``size`` (wraps; 0 for an empty deck)."""
    return (int(index) + 1) % size if size > 0 else 0


def slide_due(shown_at: float | None, at: float, seconds: float) -> bool:
    """Whether the slide shown at ``shown_at`` has had its time (a little early is fine: timers jitter)."""
    return shown_at is None or at - shown_at >= 0.8 * seconds


def is_idle(last_touch: float | None, at: float, seconds: float) -> bool:
    return last_touch is not None and at - last_touch >= seconds


def product_view(table: pd.DataFrame, flagships: pd.DataFrame, product_id: str, lang: str) -> ProductView:
    row = table.loc[table["product_id"] == product_id]
    if row.empty:
        raise KeyError(f"product {product_id!r} is not in the dataset")
    row = row.iloc[0]
    story = flagships.loc[flagships["product_id"] == product_id, f"story_{lang}"]
    code = str(row["region_code"])
    return ProductView(
        product_id=str(product_id),
        name=str(row["name"]),
        region_code=code,
        region_name=str(row.get("region_name") or regions.region_name(code) or code),
        province_code=code[:2],
        province_name=str(row.get("province_name") or regions.region_name(code[:2]) or code[:2]),
        category=str(row["category"]),
        stars=int(row["stars"]),
        score=float(row["score"]),
        story=str(story.iloc[0]) if len(story) else "",
        url=_text(row.get("url")),
    )


def _text(value: object) -> str:
    """An optional text cell as a string ("" for a missing cell, NaN or None)."""
    return value.strip() if isinstance(value, str) else ""


def region_view(region: RegionSummary) -> RegionView:
    """A province slide's figures and its best product, from the province's ``RegionSummary``."""
    k = region.kpis
    top = region.top.iloc[0] if len(region.top) else None
    return RegionView(
        code=region.code,
        name=region.name,
        n_products=k.n_products,
        n_recognised=k.n_recognised,
        mean_score=k.mean_score,
        top_name="" if top is None else str(top["name"]),
        top_region="" if top is None else str(top.get("region_name") or ""),
        top_stars=0 if top is None else int(top["stars"]),
    )
