"""The unit-cost table (DESIGN.md §11): data/costs.csv and files of the same shape given with --costs."""

from __future__ import annotations

import pytest

from ovop_core.costs import ASSUMPTION, CostsError, parse_costs, read_costs
from ovop_core.interventions import INTERVENTIONS, intervention_categories

HEADER = "intervention,category,cost_idr,source\n"


def error(text: str, lang: str = "en") -> str:
    with pytest.raises(CostsError) as caught:
        parse_costs(HEADER + text, "biaya.csv")
    return caught.value.text(lang)


def test_the_shipped_costs_price_every_intervention_where_it_applies_and_name_a_source():
    costs = read_costs()
    costs.require(INTERVENTIONS)
    for name in INTERVENTIONS:
        for category in intervention_categories(name):
            assert costs.cost(name, category) > 0
    sources = costs.table["source"]
    # Each row is either a published tariff (named) or says it is an assumption.
    assert all(s.startswith(ASSUMPTION) or any(ch.isdigit() for ch in s) for s in sources)


def test_a_category_row_wins_over_the_star_row():
    costs = parse_costs(HEADER + "permit,*,100,asumsi\npermit,herbal,900,asumsi\n")
    assert costs.cost("permit", "herbal") == 900
    assert costs.cost("permit", "tekstil") == 100
    assert costs.cost("brand", "tekstil") is None


@pytest.mark.parametrize(
    ("written", "rupiah"),
    [("1500000", 1_500_000), ("1.500.000", 1_500_000), ("1,500,000", 1_500_000), ("Rp 650.000", 650_000)],
)
def test_costs_may_be_written_the_indonesian_or_the_english_way(written, rupiah):
    costs = parse_costs(HEADER + f'halal,*,"{written}",asumsi\n')
    assert costs.cost("halal", "pangan") == rupiah


def test_a_bad_cost_names_file_row_and_column_in_both_languages():
    text = "halal,*,650000,asumsi\nbrand,*,lima ratus,asumsi\n"
    assert error(text) == (
        "biaya.csv, row 3, column 'cost_idr': 'lima ratus' is not a cost in Rupiah: "
        "write a whole number from 0 to 10,000,000,000,000."
    )
    assert error(text, "id").startswith("biaya.csv, baris 3, kolom 'cost_idr': 'lima ratus' bukan biaya")


@pytest.mark.parametrize("value", ["-5", "1,5", "12.5"])
def test_negative_or_fractional_rupiah_are_refused(value):
    assert "column 'cost_idr'" in error(f'brand,*,"{value}",asumsi\n')


def test_an_unknown_intervention_or_category_is_refused_with_the_choices():
    assert error("pelatihan,*,100,asumsi\n").startswith("biaya.csv, row 2, column 'intervention': 'pelatihan'")
    message = error("brand,batik,100,asumsi\n")
    assert "row 2, column 'category': 'batik'" in message and "kerajinan" in message


def test_every_row_needs_a_source_or_the_word_asumsi():
    assert "row 2, column 'source'" in error("brand,*,100,\n")


def test_a_repeated_intervention_and_category_points_to_the_first_row():
    assert error("brand,*,100,asumsi\nbrand,*,200,asumsi\n") == (
        "biaya.csv, row 3, column 'category': this intervention and category already have a cost in row 2."
    )


def test_missing_columns_and_empty_files_are_refused():
    with pytest.raises(CostsError, match="cost_idr"):
        parse_costs("intervention,category,source\nbrand,*,x\n", "c.csv")
    with pytest.raises(CostsError, match="empty"):
        parse_costs(HEADER, "c.csv")
    with pytest.raises(CostsError, match="empty"):
        parse_costs("", "c.csv")


def test_a_plan_needing_an_unpriced_intervention_is_refused_by_name():
    costs = parse_costs(HEADER + "permit,pangan,100,asumsi\n", "c.csv")
    with pytest.raises(CostsError) as caught:
        costs.require(("permit",))
    assert "'permit' in category 'minuman'" in caught.value.text("en")


def test_a_file_that_is_not_text_or_too_big_is_refused(tmp_path):
    binary = tmp_path / "c.csv"
    binary.write_bytes(b"\xff\xfe\x00\x01" * 10)
    with pytest.raises(CostsError, match="cannot be read"):
        read_costs(binary)
    big = tmp_path / "big.csv"
    big.write_text(HEADER + "brand,*,1,asumsi\n" * 70_000)
    with pytest.raises(CostsError, match="too large"):
        read_costs(big)
    with pytest.raises(CostsError, match="cannot be read"):
        read_costs(tmp_path / "missing.csv")
