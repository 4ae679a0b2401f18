"""A what-if scenario as text: link parameters and CLI flags, both owned by the core's ``Scenario``."""

from __future__ import annotations

import pytest

from ovop_core.model import DEFAULT_MODEL, OCOP_2023, custom_model
from ovop_core.scenario import QUERY_KEYS, Scenario, ScenarioError, Target

FULL = Scenario(
    quality=10,
    market=5,
    interventions=("halal", "nib"),
    target=Target(regions=("33", "51.71"), categories=("pangan",), stages=(1, 2), stars=(2,), top_n=40),
    model=OCOP_2023,
)


def test_a_scenario_becomes_short_link_parameters():
    assert FULL.to_query() == {
        "q": "10",
        "m": "5",
        "iv": "halal,nib",
        "tr": "33,51.71",
        "tc": "pangan",
        "ts": "1,2",
        "tst": "2",
        "top": "40",
        "model": "ocop-2023",
    }


def test_defaults_are_left_out_of_the_link():
    assert Scenario().to_query() == dict.fromkeys(QUERY_KEYS, "")
    custom = custom_model({"k1": 20, "k2": 20, "k3": 20, "k4": 20, "k5": 20})
    assert Scenario(quality=5, model=custom).to_query()["model"] == ""  # weights do not travel in a link


def test_a_link_reads_back_as_the_same_scenario():
    back = Scenario.from_query(FULL.to_query())
    assert back.to_query() == FULL.to_query()
    assert (back.quality, back.market, back.target.top_n, back.model.version) == (10, 5, 40, "ocop-2023")


def test_a_link_is_parsed_leniently_to_what_the_page_can_show():
    sc = Scenario.from_query(
        {
            "q": "12.4",
            "m": "400",
            "iv": "halal,visa,halal",
            "tr": "3326,99,33",
            "tc": "pangan,mobil",
            "ts": "3,9",
            "tst": "0,5",
            "top": "nan",
            "model": "nope",
        }
    )
    assert (sc.quality, sc.market) == (10, 50)  # snapped to the slider's step, clamped to 0–MAX_LEVER (50)
    assert sc.interventions == ("halal",)
    assert sc.target == Target(regions=("33.26", "33"), categories=("pangan",), stages=(3,), stars=(5,))
    assert sc.model.version == DEFAULT_MODEL.version


@pytest.mark.parametrize("value", ["nan", "inf", "", "x" * 10_000, "-1e309"])
def test_a_hostile_link_opens_the_default_scenario(value):
    assert Scenario.from_query(dict.fromkeys(QUERY_KEYS, value)).to_query() == Scenario().to_query()


def test_a_scenario_becomes_cli_flags_and_back():
    args = FULL.to_cli_args()
    assert args == [
        "--model",
        "ocop-2023",
        "--quality",
        "10",
        "--market",
        "5",
        "--intervene",
        "halal,nib",
        "--region",
        "33,51.71",
        "--category",
        "pangan",
        "--stage",
        "1,2",
        "--stars",
        "2",
        "--top",
        "40",
    ]
    assert Scenario.from_cli_args(args).to_cli_args() == args
    assert Scenario().to_cli_args() == ["--model", DEFAULT_MODEL.version]


def test_the_link_and_the_flags_describe_the_same_scenario():
    from_link = Scenario.from_query(FULL.to_query())
    assert Scenario.from_cli_args(from_link.to_cli_args()).to_query() == FULL.to_query()


@pytest.mark.parametrize(
    "args,message",
    [
        (["--region", "99"], "unknown region code: 99"),
        (["--category", "mobil"], "unknown category: mobil"),
        (["--quality", "55"], "quality must be between 0 and 50"),
        (["--market", "nan"], "market must be between 0 and 50"),
        (["--top", "-1"], "top N must not be negative"),
        (["--intervene", "visa"], "unknown intervention"),
        (["--stage", "9"], "stages are whole numbers 0–6"),
        (["--model", "nope"], "unknown model"),
        (["--colour", "red"], "unrecognized arguments"),
    ],
)
def test_bad_flags_are_a_scenario_error_that_says_why(args, message):
    with pytest.raises(ScenarioError, match=message):
        Scenario.from_cli_args(args)


def test_the_cli_json_names_every_part_of_the_scenario():
    assert FULL.to_dict() == {
        "model": "ocop-2023",
        "quality": 10,
        "market": 5,
        "interventions": ["halal", "nib"],
        "regions": ["33", "51.71"],
        "categories": ["pangan"],
        "stages": [1, 2],
        "stars": [2],
        "top": 40,
    }
