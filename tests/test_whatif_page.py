"""The what-if page (AppTest), its sentence, and agreement with `python -m ovop_core whatif`."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from app_helpers import deferred_downloads
from streamlit.testing.v1 import AppTest

from ovop_core import rounds
from ovop_core.registry import read_registry
from ovop_core.whatif import Scenario, Target, run_whatif
from ovop_ui.text.sentences import scenario_sentence

ROOT = Path(__file__).resolve().parent.parent
APP = "../app.py"
DEMO = ROOT / "data" / "products_demo.csv"


def open_whatif(lang="id", **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/whatif.py").run()
    assert not at.exception
    return at


def metric(at, label) -> int:
    """A headline count; recognised and potential read "before → after" (the count after is returned)."""
    value = next(m.value for m in at.metric if m.label == label).split("→")[-1]
    return int(value.strip().replace(".", "").replace(",", ""))


def sentence(at) -> str:
    return at.info[0].value


@pytest.mark.parametrize("lang", ["id", "en"])
def test_page_renders_in_both_languages(lang):
    at = open_whatif(lang)
    assert not at.error
    # The domain expert's wording: coaching "interventions" (intervensi), not "levers" (tuas).
    expected = "Pilih setidaknya satu intervensi" if lang == "id" else "Choose at least one coaching intervention"
    assert expected in sentence(at)
    title = "Intervensi pembinaan" if lang == "id" else "Coaching interventions"
    assert any(title in m.value for m in at.markdown)


def test_levers_change_the_numbers_and_the_sentence():
    at = open_whatif("en")
    before = metric(at, "Recognised products (★≥3)")
    at.slider(key="wi_quality").set_value(20).run()
    at.multiselect(key="wi_intervene").set_value(["nib", "halal"]).run()
    after = metric(at, "Recognised products (★≥3)")
    assert after > before
    text = sentence(at)
    assert text.startswith("If ") and "improve quality by 20 points" in text
    assert f"from {before:,} to {after:,}" in text
    assert at.query_params["q"] in ("20", ["20"])


def test_the_page_says_where_each_intervention_applied_and_shows_potential_beside_recognised():
    at = open_whatif("en", iv="halal", tc="pangan,tekstil")
    notes = " ".join(c.value for c in at.caption)
    assert "Halal certification: applied to" in notes
    assert "not applied to" in notes and "(woven & textile" in notes
    labels = [m.label for m in at.metric]
    assert "Potential products (estimated ★≥3)" in labels
    recognised = next(m.value for m in at.metric if m.label == "Recognised products (★≥3)")
    assert "→" in recognised


def test_an_impossible_weight_set_gives_a_message_and_keeps_the_previous_results():
    at = open_whatif("en", q="10")
    at.selectbox(key="wi_model").set_value("custom").run()
    shown = metric(at, "Recognised products (★≥3)")
    text = sentence(at)
    at.number_input(key="wi_w_k3").set_value(50).run()  # weights now sum to 120
    assert any("must sum to 100" in e.value for e in at.error)
    assert metric(at, "Recognised products (★≥3)") == shown
    assert sentence(at) == text


def test_custom_weights_show_rank_stability():
    at = open_whatif("en", q="10")
    at.selectbox(key="wi_model").set_value("ocop-2023").run()
    assert any("Rank stability" in c.value for c in at.caption)


@pytest.mark.parametrize("model", ["ovop-2026.2", "ocop-2023"])
def test_the_page_names_the_model_its_scores_come_from(model):
    at = open_whatif("en", q="10")
    at.selectbox(key="wi_model").set_value(model).run()
    labels = [c.value for c in at.main.caption if "Scoring model" in c.value]  # the sidebar names the default
    assert len(labels) == 1 and f"Scoring model {model}:" in labels[0]


def test_the_page_gives_the_same_numbers_as_the_cli(tmp_path):
    params = {"q": "10", "m": "5", "iv": "halal,nib", "tr": "33", "tc": "pangan", "top": "40"}
    at = open_whatif("en", **params)
    shown = metric(at, "Recognised products (★≥3)")
    targeted = metric(at, "Target products")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "ovop_core",
            "whatif",
            str(DEMO),
            "--quality",
            "10",
            "--market",
            "5",
            "--intervene",
            "halal,nib",
            "--region",
            "33",
            "--category",
            "pangan",
            "--top",
            "40",
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["recognised_after"] == shown
    assert summary["n_targeted"] == targeted
    assert any("--top 40" in c.value for c in at.code)


def test_sentence_names_targets_actions_and_rank_move():
    frame = rounds.current(read_registry(DEMO).frame.drop(columns=["_row"]))
    sc = Scenario(10, 0, ("halal",), Target(regions=("33",), categories=("pangan",)))
    result = run_whatif(frame, sc, today=pd.Timestamp("2026-11-29"))
    text = scenario_sentence(result, sc, "id")
    assert text.startswith(f"Jika {result.n_targeted} produk makanan olahan di Jawa Tengah")
    assert "meningkatkan mutu 10 poin dan memperoleh sertifikat halal" in text
    # Recognised counts official stars only (stage >= 3); the products below stage 3 that reach an
    # estimated ★3 are named apart, as potential.
    r0, r1 = result.recognised_before, result.recognised_after
    assert (f"produk terakui tetap {r0}" if r0 == r1 else f"dari {r0} menjadi {r1}") in text
    p0, p1 = result.potential_before, result.potential_after
    assert p1 > p0 and f"produk berpotensi (perkiraan ★≥3) dari {p0} menjadi {p1} (+{p1 - p0})" in text
    assert "Jawa Tengah" in text.split(",")[-1] and text.endswith(".")


def test_the_scenario_files_are_built_on_click_and_hold_the_scenario(monkeypatch):
    """Deferred: each move of a lever reruns the page; the files are built only when asked for."""
    deferred = deferred_downloads(monkeypatch)
    open_whatif("en", iv="halal", tc="pangan", q="20")
    assert {"simulasi_produk.csv", "simulasi_ringkasan.json"} <= set(deferred)
    summary = json.loads(deferred["simulasi_ringkasan.json"]())
    assert "--intervene" in " ".join(summary["scenario"]["arguments"])
    assert "--quality" in summary["scenario"]["arguments"]
    products = deferred["simulasi_produk.csv"]().decode("utf-8-sig").splitlines()
    assert products[0].startswith("product_id") and len(products) > 1
