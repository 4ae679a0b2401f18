"""The region read model (``ovop_core.summary``) on tiny tables with hand-computed figures.

The table: Jawa Tengah has two products at 80 in Kabupaten Pekalongan (33.26), one at 40 and one
not rated (k3 missing) in Kota Semarang (33.74); Bali one at 90; Aceh one at 55. All are
non-food crafts with every gate's evidence, so stars follow the score (★4, ★4, ★2, –, ★5, ★3).
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from conftest import make_products

from ovop_core import summary
from ovop_core.model import DEFAULT_MODEL, OCOP_2023
from ovop_core.summary import analysed_table, scope, summarise, top_products

TODAY = "2026-11-29"


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    # Rows deliberately out of id order, and names in the opposite order of the ids.
    return make_products(
        {"product_id": "P002", "name": "Apel", "region_code": "33.26", "k": 80},
        {"product_id": "P004", "name": "Belum", "region_code": "33.74", "k": (60, 60, None, 60, 60)},
        {"product_id": "P001", "name": "Zebra", "region_code": "33.26", "k": 80},
        {"product_id": "P003", "name": "Cabai", "region_code": "33.74", "k": 40},
        {"product_id": "P005", "name": "Dodol", "region_code": "51.71", "k": 90},
        {"product_id": "P006", "name": "Emping", "region_code": "11.04", "k": 55},
    ).drop(columns=["_row", "place_code"])  # a table without place codes: desa "not reported"


@pytest.fixture(scope="module")
def table(frame) -> pd.DataFrame:
    return analysed_table(frame, DEFAULT_MODEL, TODAY)


def test_the_analysed_table_carries_scores_pipeline_status_and_region_names(table):
    row = table.set_index("product_id").loc["P002"]
    assert row["score"] == 80.0 and row["stars"] == 4
    assert bool(row["eligible_next_stage"])  # stage 0 → 1: five criteria and a NIB
    assert (row["region_name"], row["province_name"]) == ("Kabupaten Pekalongan", "Jawa Tengah")
    assert not table.set_index("product_id").loc["P004", "eligible_next_stage"]  # k3 missing


@pytest.mark.parametrize(
    "code,ids",
    [
        ("", ["P002", "P004", "P001", "P003", "P005", "P006"]),
        ("33", ["P002", "P004", "P001", "P003"]),
        ("33.26", ["P002", "P001"]),
        ("51.71", ["P005"]),
        ("34", []),
    ],
)
def test_scope_selects_a_province_a_kabkota_or_the_whole_country_in_table_order(table, code, ids):
    assert scope(table, code)["product_id"].tolist() == ids


def test_province_kpis_are_counted_by_hand(table):
    k = summarise(table, "33").kpis
    assert (k.n_products, k.n_kabkota, k.n_provinces) == (4, 2, 1)
    assert k.mean_score == pytest.approx((80 + 80 + 40) / 3)  # the not-rated product has no score to average
    # Every product is at stage 0: its ★4 is an estimate, so none is recognised (official ★≥3).
    assert (k.n_recognised, k.share_recognised) == (0, 0.0)
    assert k.n_eligible == 3
    assert (k.n_rated, k.not_rated, k.n_potential) == (3, 1, 2)  # the two ★4 estimates are potential
    assert math.isnan(k.revenue_idr) and math.isnan(k.workers)  # nobody reports them
    assert math.isnan(k.n_desa)  # no place codes


def test_kpis_count_recognised_of_rated_products_economics_and_desa():
    frame = make_products(
        {"region_code": "33.26", "k": 80, "stage": 3, "revenue_idr": 1000, "workers": 4},
        {"region_code": "33.26", "k": 40, "stage": 3, "revenue_idr": 500},
        {"region_code": "33.26", "k": (60, None, 60, 60, 60), "stage": 3},
        {"region_code": "33.74", "k": 60, "stage": 1},
    ).drop(columns=["_row"])
    frame["place_code"] = ["33.26.01.2001", "33.26.01.2001", "33.26.02", "33.74.01.1001"]
    k = summarise(analysed_table(frame, DEFAULT_MODEL, TODAY), "33").kpis
    assert (k.n_products, k.n_rated, k.not_rated) == (4, 3, 1)
    assert (k.n_recognised, k.n_potential) == (1, 1)
    assert k.share_recognised == pytest.approx(1 / 3)  # of the 3 rated, not of all 4
    assert (k.revenue_idr, k.workers) == (1500, 4)
    assert k.n_desa == 2  # 33.26.01.2001 (twice) and 33.74.01.1001; a kecamatan code is no desa


def test_star_counts_keep_the_not_rated_products(table):
    assert summarise(table, "33").stars == (1, 0, 1, 0, 2, 0)
    assert summarise(table, "").stars == (1, 0, 1, 1, 2, 1)


def test_top_products_are_best_score_first_then_product_id_with_not_rated_last(table):
    assert summarise(table, "33").top["product_id"].tolist() == ["P001", "P002", "P003", "P004"]
    national = summarise(table, "", top_n=3).top
    assert national["product_id"].tolist() == ["P005", "P001", "P002"]


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, None])
def test_a_short_top_list_is_the_head_of_the_full_order(table, n):
    full = top_products(table)["product_id"].tolist()
    assert top_products(table, n)["product_id"].tolist() == full[:n]


def test_the_top_order_does_not_depend_on_row_order(table):
    shuffled = table.sample(frac=1.0, random_state=3)
    assert top_products(shuffled)["product_id"].tolist() == top_products(table)["product_id"].tolist()


def test_a_province_is_ranked_by_recognised_products_by_default_and_ties_share_the_better_rank(table):
    rank = summarise(table, "33").rank
    # Every product is at stage 0, so no province has a recognised product: the three with
    # products tie at rank 1; the provinces without products have no rank.
    assert (rank.position, rank.total, rank.level, rank.rule) == (1, 3, "province", "recognised")
    assert rank.rule_text("id") == "Peringkat menurut jumlah produk terakui (★≥3 resmi)"


def test_a_province_is_ranked_by_adjusted_mean_when_asked(table):
    # National mean of rated products (80+80+40+90+55)/5 = 69. Bali (90+690)/11 = 70.9,
    # Jawa Tengah (200+690)/13 = 68.5, Aceh (55+690)/11 = 67.7.
    region = summarise(table, "33", rank_by="adjusted_mean")
    assert (region.rank.position, region.rank.total, region.rank.rule) == (2, 3, "adjusted_mean")
    assert region.rank_rule == "adjusted_mean"
    assert region.rank_rule_text("en").startswith("Ranked by adjusted mean score")


def test_an_unknown_rank_rule_is_refused(table):
    with pytest.raises(ValueError, match="unknown rank rule"):
        summarise(table, "33", rank_by="mean_score")


def test_a_kabkota_is_ranked_among_the_kabkota_of_its_province(table):
    # Within Jawa Tengah, by adjusted mean: Pekalongan (160+690)/12 = 70.8, Semarang (40+690)/11 = 66.4;
    # nationally Kota Denpasar would be ahead of both.
    pekalongan = summarise(table, "33.26", rank_by="adjusted_mean")
    semarang = summarise(table, "33.74", rank_by="adjusted_mean")
    assert (pekalongan.rank.position, pekalongan.rank.total, pekalongan.rank.level) == (1, 2, "kabkota")
    assert semarang.rank.position == 2
    assert set(pekalongan.peers["province"]) == {"33"}
    ranked = pekalongan.peers.dropna(subset=["rank"])
    assert ranked.set_index("code")["rank"].to_dict() == {"33.26": 1.0, "33.74": 2.0}


def test_the_country_has_no_rank_and_subregions_are_the_regions_one_level_down(table):
    country = summarise(table, "")
    assert country.rank is None and country.peers is None
    assert len(country.subregions) == 38
    assert country.subregions.set_index("code").loc["51", "rank"] == 1
    province = summarise(table, "33")
    assert set(province.subregions["province"]) == {"33"}
    kabkota = summarise(table, "33.26")
    assert set(kabkota.subregions["kabkota"]) == {"33.26"} and len(kabkota.subregions) == 19  # its kecamatan
    assert summarise(table, "33.26").without_kecamatan == 2  # no place codes: none of its products has one


def test_a_region_without_products_has_zero_counts_no_mean_and_no_rank(table):
    empty = summarise(table, "34")
    assert not empty.has_products
    assert (empty.kpis.n_products, empty.kpis.n_recognised, empty.kpis.n_eligible) == (0, 0, 0)
    assert math.isnan(empty.kpis.mean_score) and math.isnan(empty.kpis.share_recognised)
    assert empty.rank.position is None and empty.rank.total == 3
    assert empty.top.empty and empty.name == "Daerah Istimewa Yogyakarta"


def test_undotted_codes_are_read_and_unknown_codes_refused(table):
    assert summarise(table, "3326").code == "33.26"
    with pytest.raises(ValueError, match="unknown region code"):
        summarise(table, "99.99")


def test_labels_name_the_model_the_table_was_scored_with(frame, table):
    assert summarise(table, "33").labels.model_version == DEFAULT_MODEL.version
    assert summarise(analysed_table(frame, OCOP_2023, TODAY), "33").labels.model_version == "ocop-2023"
    given = summary.Labels(model_version="x", source="data.demo", illustrative=True)
    assert summarise(table, "33", labels=given).labels is given


def test_provinces_with_products_are_listed_by_name(table):
    assert summary.provinces_with_products(table)["name"].tolist() == ["Aceh", "Bali", "Jawa Tengah"]


def test_the_default_province_is_the_preferred_one_when_it_has_products_else_the_one_with_most(table):
    assert summary.default_province(table) == "33"  # four products
    assert summary.default_province(table, "51") == "51"
    assert summary.default_province(table, "34") == "33"  # no products in DI Yogyakarta
    assert summary.default_province(table.iloc[0:0], "33") == ""


def test_a_tie_for_most_products_goes_to_the_lowest_province_code():
    tie = make_products({"region_code": "51.71"}, {"region_code": "11.04"}).drop(columns=["_row"])
    assert summary.default_province(analysed_table(tie, DEFAULT_MODEL, TODAY)) == "11"


def test_the_summary_as_json(table):
    data = json.loads(json.dumps(summarise(table, "33", top_n=2).to_dict()))
    assert data["kpis"]["n_products"] == 4 and data["kpis"]["mean_score"] == pytest.approx(66.666667)
    assert data["stars"] == {"not_rated": 1, "1": 0, "2": 1, "3": 0, "4": 2, "5": 0}
    assert data["rank"] == {"position": 1, "total": 3, "level": "province", "rule": "recognised"}
    assert data["rank_rule"] == "recognised"
    assert {k: data["kpis"][k] for k in ("n_rated", "not_rated", "n_potential", "revenue_idr", "n_desa")} == {
        "n_rated": 3,
        "not_rated": 1,
        "n_potential": 2,
        "revenue_idr": None,
        "n_desa": None,
    }
    assert [p["product_id"] for p in data["top_products"]] == ["P001", "P002"]
    assert summarise(table, "34").to_dict()["kpis"]["mean_score"] is None


def test_economy_cards_say_not_reported_instead_of_zero():
    from ovop_ui.text.summary_text import economy_cards

    frame = make_products({"k": 60}).drop(columns=["_row", "place_code"])
    kpis = summary.compute_kpis(analysed_table(frame, DEFAULT_MODEL, TODAY))
    cards = economy_cards(kpis, "id")
    assert cards["workers"][1:] == ("–", "tidak dilaporkan")
    assert cards["desa"][1:] == ("–", "kode desa belum tercatat")


def test_economy_cards_sum_what_producers_reported():
    from ovop_ui.text.summary_text import economy_cards

    frame = make_products({"k": 60, "workers": 12, "revenue_idr": 2_500_000_000}, {"k": 50, "workers": 3})
    kpis = summary.compute_kpis(analysed_table(frame.drop(columns=["_row"]), DEFAULT_MODEL, TODAY))
    cards = economy_cards(kpis, "en")
    assert cards["workers"][1] == "15" and cards["revenue"][1] == "Rp 2.5 B"
