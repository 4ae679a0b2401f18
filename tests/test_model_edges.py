"""Edges of the scoring model's words (DESIGN.md §4, §7) found by mutation testing (`make mutation`).

Every weight error, criterion, category, sub-item and model description reads as the catalog's
sentence in Indonesian and English, never as its message id; a custom model names its weights.
"""

import pytest

from ovop_core.model import (
    GATE_ITEMS,
    SUB_ITEMS,
    InvalidWeightsError,
    category_name,
    criterion_name,
    custom_model,
    validate_weights,
)

BASE = {"k1": 20, "k2": 15, "k3": 30, "k4": 20, "k5": 15}


@pytest.mark.parametrize(
    ("weights", "words_id", "words_en"),
    [
        ({"k1": 100}, "Bobot harus tepat untuk k1, k2, k3, k4, k5.", "Weights must be given for exactly k1…k5."),
        ({**BASE, "k1": "dua puluh"}, "Bobot harus berupa angka.", "Weights must be numbers."),
        ({**BASE, "k1": float("inf")}, "Bobot harus berupa angka.", "Weights must be numbers."),
        ({**BASE, "k1": -20, "k2": 55}, "Bobot tidak boleh negatif.", "Weights must not be negative."),
    ],
)
def test_a_weight_error_says_what_is_wrong_in_both_languages(weights, words_id, words_en):
    with pytest.raises(InvalidWeightsError) as err:
        validate_weights(weights)
    assert (err.value.text("id"), err.value.text("en")) == (words_id, words_en)


def test_criteria_categories_and_sub_items_are_named_in_both_languages():
    assert (criterion_name("k3", "id"), criterion_name("k3", "en")) == ("Mutu & penampilan", "Quality & appearance")
    assert (category_name("pangan", "id"), category_name("pangan", "en")) == ("Makanan olahan", "Processed food")
    assert criterion_name("k9", "id") == "k9" and category_name("lainnya", "en") == "lainnya"  # unknown: as is
    k3b = next(s for s in SUB_ITEMS if s.key == "k3b")
    assert (k3b.name("id"), k3b.name("en")) == ("Halal atau uji keamanan", "Halal or safety test")


def test_a_custom_model_names_its_weights_and_is_described_as_custom():
    model = custom_model({"k1": 40, "k2": 10, "k3": 30, "k4": 10, "k5": 10})
    assert model.version == "custom(k1=40,k2=10,k3=30,k4=10,k5=10)"
    assert (model.describe("id"), model.describe("en")) == ("Bobot khusus", "Custom weights")


def test_the_halal_gate_binds_food_beverages_and_herbal_only_and_nib_binds_all():
    gates = {g.key: g for g in GATE_ITEMS}
    assert [c for c in ("pangan", "minuman", "herbal", "kerajinan") if gates["halal"].applies_to(c)] == [
        "pangan",
        "minuman",
        "herbal",
    ]
    assert gates["nib"].applies_to("kerajinan") and gates["nib"].applies_to("pangan")
