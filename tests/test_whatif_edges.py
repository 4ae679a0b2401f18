"""Edges of the what-if result (DESIGN.md §5, §7) found by mutation testing (`make mutation`).

Tiny tables, results computed by hand: the JSON summary the CLI prints names every figure of
DESIGN.md §7 under its own key.
"""

import pandas as pd
from conftest import make_products

from ovop_core.scenario import Scenario, Target
from ovop_core.summary import RANK_RULE
from ovop_core.whatif import run_whatif

TODAY = pd.Timestamp("2026-11-29")


def test_the_json_summary_names_every_figure_under_its_own_key():
    # P1: pangan with P-IRT, every k 60, stage 4 → official ★3 (recognised), untargeted.
    # P2: kerajinan, every k 45 → ★2 at stage 0; quality +20 → k3 65 → 45 + 0.3·20 = 51 → ≈★3.
    frame = make_products(
        {"category": "pangan", "permit": "pirt", "stage": 4, "assessors": 3},
        {"k": 45},
    ).drop(columns=["_row"])
    result = run_whatif(frame, Scenario(quality=20, target=Target(categories=("kerajinan",))), today=TODAY)
    summary = result.summary()
    regions = summary.pop("regions")
    matrix = [[0] * 5 for _ in range(5)]
    matrix[1][2] = 1  # ★2 → ★3
    assert summary == {
        "n_products": 2,
        "n_targeted": 1,
        "recognised_before": 1,
        "recognised_after": 1,
        "potential_before": 0,
        "potential_after": 1,
        "applied": {},
        "not_applied": {},
        "not_applied_reasons": {},
        "newly_eligible": 0,
        "gates_still_blocking": {"nib": 0, "permit": 0, "brand": 0, "halal": 0, "export": 0},
        "transition_matrix": matrix,
        "not_rated": 0,
        "level": "province",
        "rank_by": RANK_RULE,
    }
    # Regions are keyed by their code, which is not repeated inside.
    assert regions["11"]["n_products"] == 2 and "code" not in regions["11"]
