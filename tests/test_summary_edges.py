"""The region summary's JSON (DESIGN.md §4, §7: `summary --json`) found untested by mutation testing.

A tiny table with a hand-computed summary: every figure under its own key, the rank with its rule,
the top products with id, name, score (6 decimals) and star.
"""

import pandas as pd
from conftest import make_products

from ovop_core.model import OVOP_2026
from ovop_core.summary import RANK_RULE, analysed_table, summarise


def test_the_summary_json_names_every_figure_the_rank_and_the_top_products():
    # P001: every k 60, stage 4, 3 assessors → official ★3 (recognised); may move on (★3 + export).
    # P002: every k 45.5 → ★2 at stage 0; may move on (scores and NIB). Both in Aceh (11.04).
    frame = make_products(
        {"name": "Tenun A", "k": 60, "stage": 4, "assessors": 3, "workers": 4.0},
        {"name": "Tenun B", "k": 45.5},
    )
    data = summarise(analysed_table(frame, OVOP_2026, pd.Timestamp("2026-11-29")), "11", top_n=2).to_dict()
    kpis = data.pop("kpis")
    assert {k: data[k] for k in ("code", "level", "model_version", "rank_rule", "stars")} == {
        "code": "11",
        "level": "province",
        "model_version": "ovop-2026.2",
        "rank_rule": RANK_RULE,
        "stars": {"not_rated": 0, "1": 0, "2": 1, "3": 1, "4": 0, "5": 0},
    }
    assert data["name"] and data["rank"] == {"position": 1, "total": 1, "level": "province", "rule": RANK_RULE}
    assert {k: kpis[k] for k in kpis if k != "n_desa"} == {
        "n_products": 2,
        "n_kabkota": 1,
        "n_provinces": 1,
        "mean_score": 52.75,
        "n_recognised": 1,
        "share_recognised": 0.5,
        "n_eligible": 2,
        "n_rated": 2,
        "not_rated": 0,
        "n_potential": 0,
        "revenue_idr": None,
        "workers": 4.0,
    }
    assert data["top_products"] == [
        {"product_id": "P001", "name": "Tenun A", "score": 60.0, "stars": 3},
        {"product_id": "P002", "name": "Tenun B", "score": 45.5, "stars": 2},
    ]
