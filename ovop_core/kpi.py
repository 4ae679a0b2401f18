"""Headline figures for a (filtered) registry: the KPI row of the overview."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Kpis:
    n_products: int
    n_kabkota: int  # kab/kota with at least one product
    n_provinces: int
    mean_score: float  # NaN when no product is scored
    n_recognised: int  # ★≥3
    share_recognised: float  # of all products; NaN when there are none
    n_eligible: int  # may move on to the next stage


def compute_kpis(scored: pd.DataFrame, status: pd.DataFrame) -> Kpis:
    """``scored`` from ``score_table``; ``status`` from ``pipeline_status`` on the same rows."""
    n = len(scored)
    recognised = int(scored["recognised"].sum())
    return Kpis(
        n_products=n,
        n_kabkota=int(scored["region_code"].nunique()),
        n_provinces=int(scored["province"].nunique()),
        mean_score=float(scored["score"].mean()) if n else float("nan"),
        n_recognised=recognised,
        share_recognised=recognised / n if n else float("nan"),
        n_eligible=int(status["eligible_next_stage"].sum()),
    )

