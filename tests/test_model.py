"""The scoring model as data (DESIGN.md §4): weights, sub-items, presets and weight validation."""

import math

import pytest

from ovop_core.model import (
    CRITERIA,
    DEFAULT_MODEL,
    PRESETS,
    SUB_ITEMS,
    InvalidWeightsError,
    custom_model,
    get_model,
    validate_weights,
)

VALID = {"k1": 20, "k2": 15, "k3": 30, "k4": 20, "k5": 15}


@pytest.mark.parametrize("version", ["ovop-2026.2", "ocop-2023"])
def test_preset_weights_sum_to_100(version):
    assert sum(get_model(version).weights.values()) == 100


@pytest.mark.parametrize("version", ["ovop-2026.2", "ocop-2023"])
def test_preset_weights_name_exactly_the_five_criteria(version):
    assert set(get_model(version).weights) == {"k1", "k2", "k3", "k4", "k5"}


def test_both_presets_are_registered_under_their_version_names():
    assert set(PRESETS) == {"ovop-2026.2", "ocop-2023"}
    assert get_model("ovop-2026.2").version == "ovop-2026.2"
    assert get_model("ocop-2023").version == "ocop-2023"


def test_default_model_is_ovop_2026_2():
    assert DEFAULT_MODEL.version == "ovop-2026.2"


def test_the_retired_ovop_2026_1_is_not_a_preset_and_maps_to_its_successor():
    # Its gates were wrong (P-IRT for herbal, no non-halal exemption); old links and stored
    # results naming it are scored with ovop-2026.2, and the results name ovop-2026.2.
    assert "ovop-2026.1" not in PRESETS
    assert get_model("ovop-2026.1") is DEFAULT_MODEL


def test_ovop_2026_weights_are_those_of_the_design():
    assert dict(get_model("ovop-2026.2").weights) == {"k1": 20, "k2": 15, "k3": 30, "k4": 20, "k5": 15}


def test_ocop_2023_maps_parts_to_40_25_35():
    w = get_model("ocop-2023").weights
    assert w["k1"] + w["k5"] == 40  # A: production organisation
    assert w["k4"] + w["k2"] == 25  # B: marketing & story
    assert w["k3"] == 35  # C: product quality


def test_unknown_preset_is_a_key_error_naming_the_known_presets():
    with pytest.raises(KeyError, match="ovop-2026.2, ocop-2023"):
        get_model("ovop-1999")


@pytest.mark.parametrize("criterion", ["k1", "k2", "k3", "k4", "k5"])
def test_sub_item_points_of_a_criterion_sum_to_its_ovop_2026_weight(criterion):
    points = sum(s.points for s in SUB_ITEMS if s.criterion == criterion)
    assert points == get_model("ovop-2026.2").weights[criterion]


def test_sub_item_points_are_those_of_the_design_table():
    assert {s.key: s.points for s in SUB_ITEMS} == {
        "k1a": 6, "k1b": 4, "k1c": 5, "k1d": 5,
        "k2a": 6, "k2b": 5, "k2c": 4,
        "k3a": 10, "k3b": 6, "k3c": 7, "k3d": 7,
        "k4a": 8, "k4b": 6, "k4c": 6,
        "k5a": 5, "k5b": 5, "k5c": 5,
    }  # fmt: skip


def test_sub_item_points_sum_to_100_overall():
    assert sum(s.points for s in SUB_ITEMS) == 100


def test_criteria_are_k1_to_k5_in_order():
    assert CRITERIA == ("k1", "k2", "k3", "k4", "k5")


def test_validate_weights_accepts_weights_summing_to_100():
    validate_weights(VALID)  # no exception


def test_validate_weights_accepts_fractional_weights_summing_to_100():
    validate_weights({"k1": 20.5, "k2": 14.5, "k3": 30, "k4": 20, "k5": 15})


def test_validate_weights_rejects_a_sum_of_99_with_messages_in_both_languages():
    with pytest.raises(InvalidWeightsError) as err:
        validate_weights(dict(VALID, k1=19))
    assert "100" in err.value.text("id") and "99" in err.value.text("id")
    assert "100" in err.value.text("en") and "99" in err.value.text("en")


def test_validate_weights_shows_a_fractional_sum_with_a_decimal_comma_in_indonesian():
    with pytest.raises(InvalidWeightsError) as err:
        validate_weights(dict(VALID, k1=19.5))
    assert "99,5" in err.value.text("id")
    assert "99.5" in err.value.text("en")


def test_validate_weights_rejects_a_sum_above_100():
    with pytest.raises(InvalidWeightsError):
        validate_weights(dict(VALID, k3=31))


def test_validate_weights_rejects_a_negative_weight_even_when_the_sum_is_100():
    with pytest.raises(InvalidWeightsError) as err:
        validate_weights({"k1": -10, "k2": 45, "k3": 30, "k4": 20, "k5": 15})
    assert err.value.text("id")
    assert "negative" in err.value.text("en")


def test_validate_weights_rejects_a_missing_criterion():
    weights = {"k1": 20, "k2": 15, "k3": 45, "k4": 20}
    with pytest.raises(InvalidWeightsError) as err:
        validate_weights(weights)
    assert err.value.text("id") and err.value.text("en")


def test_validate_weights_rejects_an_extra_key():
    with pytest.raises(InvalidWeightsError):
        validate_weights(dict(VALID, k6=0))


def test_validate_weights_rejects_a_nan_weight():
    # A NaN weight makes the sum NaN, which is not 100.
    with pytest.raises(InvalidWeightsError):
        validate_weights(dict(VALID, k1=math.nan))


def test_validate_weights_rejects_an_infinite_weight():
    with pytest.raises(InvalidWeightsError):
        validate_weights(dict(VALID, k1=math.inf))


def test_invalid_weights_error_is_a_value_error_with_the_english_message():
    with pytest.raises(ValueError) as err:
        validate_weights(dict(VALID, k1=19))
    assert str(err.value) == err.value.text("en")


def test_custom_model_with_valid_weights_records_them_in_its_version():
    model = custom_model({"k1": 25, "k2": 15, "k3": 25, "k4": 20, "k5": 15})
    assert dict(model.weights) == {"k1": 25, "k2": 15, "k3": 25, "k4": 20, "k5": 15}
    assert "k1=25" in model.version and "k3=25" in model.version
    assert model.version not in PRESETS


def test_custom_model_rejects_weights_not_summing_to_100():
    with pytest.raises(InvalidWeightsError) as err:
        custom_model(dict(VALID, k2=10))
    assert "95" in err.value.text("id") and "95" in err.value.text("en")


def test_custom_model_rejects_a_negative_weight():
    with pytest.raises(InvalidWeightsError):
        custom_model({"k1": 50, "k2": -5, "k3": 25, "k4": 15, "k5": 15})


def test_custom_model_rejects_missing_keys():
    with pytest.raises(InvalidWeightsError):
        custom_model({"k1": 50, "k2": 50})


def test_a_model_does_not_change_when_its_input_dict_is_changed_later():
    weights = dict(VALID)
    model = custom_model(weights)
    weights["k1"] = 99
    assert model.weights["k1"] == 20


def test_model_weights_cannot_be_mutated():
    with pytest.raises(TypeError):
        get_model("ovop-2026.2").weights["k1"] = 50
