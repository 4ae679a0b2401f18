"""Assessment rounds (DESIGN.md §3 ``round``, §11): "now" is the newest round, and how rounds compare.

Tables are tiny; every product is a non-food one with all gate evidence (``make_products``), so its
star is its star by score: k=60 → ★3, k=40 → ★2, k=75 → ★4, k=95 → ★5.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ovop_core import rounds
from ovop_core.model import get_model
from ovop_core.summary import analysed_table
from tests.conftest import make_products as _make_products

TODAY = "2026-11-01"


def make_products(*rows: dict) -> pd.DataFrame:
    """``conftest.make_products`` with a ``round`` per row (nullable Int64, as the reader gives it)."""
    frame = _make_products(*({k: v for k, v in row.items() if k != "round"} for row in rows))
    frame["round"] = pd.array([row.get("round") for row in rows], dtype="Int64")
    return frame


def _history() -> pd.DataFrame:
    """Two rounds in Aceh Tengah (11.04) and one product in Kota Semarang (33.74).

    2025: A ★3 official, B ★2 official, C ★4 official, D ★3 estimate (stage 1, in 33.74).
    2026: A ★4 (gained), B ★2 (same), C ★3 (lost), D gone, E ★5 official (new); C rated in 2022
    (re-evaluation due 36 months later, before TODAY).
    """
    return make_products(
        dict(product_id="A", round=2025, k=60, stage=3),
        dict(product_id="B", round=2025, k=40, stage=3),
        dict(product_id="C", round=2025, k=80, stage=4),
        dict(product_id="D", round=2025, k=60, stage=1, region_code="33.74"),
        dict(product_id="A", round=2026, k=75, stage=3),
        dict(product_id="B", round=2026, k=40, stage=3),
        dict(product_id="C", round=2026, k=60, stage=4, rated_on="2022-01-01"),
        dict(product_id="E", round=2026, k=95, stage=5),
    )


def test_current_is_the_newest_round_only():
    now = rounds.current(_history())
    assert now["product_id"].tolist() == ["A", "B", "C", "E"]
    assert set(now["round"]) == {2026}
    assert now.index.tolist() == [0, 1, 2, 3]


def test_a_registry_without_rounds_is_all_now():
    frame = make_products(dict(product_id="A"), dict(product_id="B"))
    assert rounds.current(frame) is frame
    assert rounds.rounds_of(frame) == [] and rounds.newest(frame) is None
    no_column = frame.drop(columns=["round"])
    assert rounds.current(no_column) is no_column


def test_recognised_trend_counts_official_three_stars_per_round():
    trend = rounds.recognised_trend(_history())
    # 2025: A ★3 and C ★4 (B is ★2, D an estimate); 2026: A ★4, C ★3, E ★5.
    assert trend.to_dict() == {2025: 2, 2026: 3}
    assert trend.index.name == "round" and trend.dtype == "int64"


def test_recognised_trend_of_a_region_keeps_rounds_without_recognised_products_as_zero():
    assert rounds.recognised_trend(_history(), "33").to_dict() == {2025: 0, 2026: 0}
    assert rounds.recognised_trend(_history(), "11.04").to_dict() == {2025: 2, 2026: 3}


def test_recognised_trend_takes_a_scored_table_as_it_is():
    table = analysed_table(_history(), get_model("ovop-2026.2"), TODAY)
    table.loc[table["product_id"] == "B", "recognised"] = True  # the table's own column is what counts
    assert rounds.recognised_trend(table).to_dict() == {2025: 3, 2026: 4}


def test_recognised_trend_without_rounds_is_empty():
    assert rounds.recognised_trend(make_products(dict(k=60, stage=3))).empty


def test_stars_by_round_counts_each_star_per_round():
    stars = rounds.stars_by_round(_history())
    assert stars.loc[2025].tolist() == [0, 0, 1, 2, 1, 0]
    assert stars.loc[2026].tolist() == [0, 0, 1, 1, 1, 1]
    assert rounds.stars_by_round(_history(), "33").loc[2026].tolist() == [0] * 6


def test_stars_by_round_counts_not_rated_products_in_column_zero():
    frame = make_products(dict(round=2025, k=(60, 60, None, 60, 60)), dict(round=2025, product_id="X", k=60))
    assert rounds.stars_by_round(frame).loc[2025].tolist() == [1, 0, 0, 1, 0, 0]


def test_since_last_round_names_gained_lost_new_gone_and_due():
    changes = rounds.since_last_round(analysed_table(_history(), get_model("ovop-2026.2"), TODAY))
    assert (changes.previous, changes.newest) == (2025, 2026)
    assert changes.gained[["product_id", "stars_before", "stars_after"]].values.tolist() == [["A", 3, 4]]
    assert changes.lost[["product_id", "stars_before", "stars_after"]].values.tolist() == [["C", 4, 3]]
    assert changes.new["product_id"].tolist() == ["E"]
    assert changes.gone["product_id"].tolist() == ["D"]
    assert changes.reeval_due["product_id"].tolist() == ["C"]
    assert changes.counts == {"gained": 1, "lost": 1, "new": 1, "gone": 1, "reeval_due": 1}


def test_since_last_round_in_a_region_lists_only_its_products():
    table = analysed_table(_history(), get_model("ovop-2026.2"), TODAY)
    semarang = rounds.since_last_round(table, "33.74")
    assert semarang.counts == {"gained": 0, "lost": 0, "new": 0, "gone": 1, "reeval_due": 0}
    aceh = rounds.since_last_round(table, "11.04")
    assert aceh.counts == {"gained": 1, "lost": 1, "new": 1, "gone": 0, "reeval_due": 1}


def test_since_last_round_compares_only_the_two_newest_rounds():
    older = make_products(dict(product_id="A", round=2024, k=95, stage=3))
    table = pd.concat([older, _history()], ignore_index=True)
    changes = rounds.since_last_round(analysed_table(table, get_model("ovop-2026.2"), TODAY))
    assert changes.previous == 2025
    assert changes.gained["product_id"].tolist() == ["A"]  # against 2025's ★3, not 2024's ★5


def test_a_product_that_became_rated_neither_gained_nor_lost():
    frame = make_products(
        dict(product_id="A", round=2025, k=(60, 60, None, 60, 60)),
        dict(product_id="A", round=2026, k=60),
    )
    changes = rounds.since_last_round(analysed_table(frame, get_model("ovop-2026.2"), TODAY))
    assert changes.counts["gained"] == 0 and changes.counts["lost"] == 0


@pytest.mark.parametrize("n_rounds", [0, 1])
def test_since_last_round_needs_two_rounds(n_rounds):
    frame = make_products(*[dict(round=2026, k=60)] * n_rounds) if n_rounds else make_products(dict(k=60))
    assert rounds.since_last_round(analysed_table(frame, get_model("ovop-2026.2"), TODAY)) is None
