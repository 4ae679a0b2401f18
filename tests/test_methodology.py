"""The Metodologi page discloses the live model: its tables are built from model, scoring and
pipeline definitions, so a changed rule shows up here without a second copy."""

from __future__ import annotations

import pytest

from ovop_core import methodology, pipeline
from ovop_core.model import CRITERIA, GATE_ITEMS, PRESETS, STAR_EDGES, SUB_ITEMS
from ovop_core.scoring import stars_by_score

LANGS = ("id", "en")


@pytest.mark.parametrize("lang", LANGS)
def test_every_preset_has_a_weight_column_summing_to_100(lang):
    weights = methodology.weights(lang)
    assert weights["key"].tolist() == list(CRITERIA)
    for version in PRESETS:
        assert weights[version].sum() == pytest.approx(100.0)


@pytest.mark.parametrize("lang", LANGS)
def test_every_sub_item_has_three_anchors_in_both_languages(lang):
    items = methodology.sub_items(lang)
    assert items["key"].tolist() == [s.key for s in SUB_ITEMS]
    for level in ("level_1", "level_2", "level_3"):
        assert (items[level].str.len() > 0).all()
    # points within a criterion sum to its default weight, as the detailed format assumes
    assert items.groupby("criterion")["points"].sum().tolist() == [20, 15, 30, 20, 15]


def test_anchor_texts_differ_between_languages_where_they_are_words():
    ids, ens = methodology.sub_items("id"), methodology.sub_items("en")
    assert ids.loc[ids["key"] == "k2a", "level_3"].item() == "desain warisan sendiri"
    assert ens.loc[ens["key"] == "k2a", "level_3"].item() == "own heritage design"


def test_the_band_table_agrees_with_the_star_function_at_every_edge():
    bands = methodology.bands()
    assert bands["low"].tolist()[1:] == list(STAR_EDGES)
    for row in bands.itertuples():
        assert stars_by_score([row.low])[0] == row.stars  # the low edge belongs to the band
        if not row.high_inclusive:
            assert stars_by_score([row.high])[0] == row.stars + 1  # the high edge does not


@pytest.mark.parametrize("lang", LANGS)
def test_every_gate_is_listed_with_its_star(lang):
    gates = methodology.gates(lang)
    assert list(zip(gates["stars"], gates["key"])) == [(g.star, g.key) for g in GATE_ITEMS]
    assert (gates["requirement"].str.len() > 0).all()


def test_the_gates_table_says_herbal_needs_bpom_and_non_halal_products_are_exempt_from_halal():
    gates = methodology.gates("id").set_index("key")
    assert gates.loc["permit", "categories"] == "herbal, minuman, pangan"
    assert "P-IRT/BPOM" in gates.loc["permit", "requirement"]
    assert "herbal: belum ada izin edar BPOM" in gates.loc["permit", "requirement"]
    assert "bukan halal" in gates.loc["halal", "requirement"]
    assert gates.loc["brand", "categories"] == "semua kategori"


def test_stage_rules_carry_the_live_thresholds():
    rules = methodology.stage_rules("en")
    assert len(rules) == len(pipeline.STAGES)
    assert f"{pipeline.SELECTION_SCORE:g}" in rules.loc[2, "entry_condition"]
    assert str(pipeline.MIN_ASSESSORS) in rules.loc[3, "entry_condition"]
    assert str(pipeline.REEVALUATION_MONTHS) in rules.loc[6, "entry_condition"]
    assert rules["official_star"].tolist() == [False, False, False, True, True, True, True]
    # stages 0–3 stall after their own threshold (6/6/6/3); 4 and 5 wait, never stall
    assert [f"{m} months" in rules.loc[s, "time_in_stage"] for s, m in pipeline.DEFAULT_STALLED_MONTHS.items()] == [
        True
    ] * 4
    assert rules.loc[4, "time_in_stage"] == rules.loc[5, "time_in_stage"] == "waiting for re-evaluation (never stalled)"


def test_provenance_separates_public_rules_from_the_synthesis():
    frame = methodology.provenance("id")
    assert frame["public"].any() and (~frame["public"]).any()
    assert frame.loc[frame["part"].str.contains("30/50/70/90"), "public"].all()


@pytest.mark.parametrize(
    ("lang", "heading", "gate_word"), [("id", "Gerbang bukti", "NIB"), ("en", "Evidence gates", "NIB")]
)
def test_the_methodology_page_names_the_model_in_use_and_shows_every_section(monkeypatch, lang, heading, gate_word):
    from streamlit.testing.v1 import AppTest

    from ovop_core.model import DEFAULT_MODEL

    monkeypatch.delenv("OVOP_MODE", raising=False)
    monkeypatch.delenv("OVOP_DATA_FILE", raising=False)
    at = AppTest.from_file("../app.py", default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("app_pages/method.py").run()
    assert not at.exception and not at.error
    assert DEFAULT_MODEL.version in at.markdown[1].value  # "Model in use: ovop-…"
    assert heading in [s.value for s in at.subheader]
    assert len(at.subheader) == 6 and len(at.table) == 6
    gates = at.table[2].value.reset_index()
    assert gates.iloc[:, 1].str.contains(gate_word).any()
