"""`python -m ovop_core` contracts (DESIGN.md §7): exit codes, output columns, no tracebacks."""

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ovop_core.demo import synthetic_registry
from ovop_core.export import write_csv
from ovop_core.model import DEFAULT_MODEL
from ovop_core.registry import read_registry
from ovop_core.scenario import Scenario, Target
from ovop_core.summary import analysed_table, summarise
from ovop_core.whatif import run_whatif

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ovop_core", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def registry_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "registry.csv"
    write_csv(synthetic_registry(300, seed=11), path)
    return path


@pytest.fixture
def bad_csv(tmp_path) -> Path:
    path = tmp_path / "bad.csv"
    path.write_text(
        "product_id,name,category,region_code,stage,k1,k2,k3,k4,k5\n"
        "A1,Kopi,minuman,11.04,1,50,50,50,50,50\n"
        "A2,Teh,makanan,11.04,1,50,50,50,50,50\n"
        "A3,Gula,pangan,99.99,1,50,50,150,50,50\n",
        encoding="utf-8",
    )
    return path


def test_validate_clean_file_exits_0(registry_csv):
    run = cli("validate", str(registry_csv))
    assert run.returncode == 0
    assert run.stdout == ""


def test_validate_bad_file_exits_2_with_one_line_per_problem(bad_csv):
    run = cli("validate", str(bad_csv), "--lang", "en")
    assert run.returncode == 2
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("3,category,")
    assert lines[1].startswith("4,region_code,")
    assert lines[2].startswith("4,k3,")
    assert "Traceback" not in run.stderr


def test_validate_reports_a_stage_contradiction_as_a_warning_on_stderr_and_exits_0(tmp_path):
    # Stage 3 needs 3 assessors (DESIGN.md §6); real registries are messy, so this is a warning.
    path = tmp_path / "messy.csv"
    path.write_text(
        "product_id,name,category,region_code,stage,k1,k2,k3,k4,k5,nib,assessors\n"
        "A1,Tenun,kerajinan,11.04,3,60,60,60,60,60,ya,2\n",
        encoding="utf-8",
    )
    run = cli("validate", str(path), "--lang", "en")
    assert run.returncode == 0
    assert run.stdout == ""
    assert "2,assessors,\"warning: Row 2, column 'assessors': stage 3 but only 2 assessor(s)" in run.stderr
    assert "1 products, no errors, " in run.stderr


def test_validate_warnings_are_labelled_in_the_chosen_language(tmp_path):
    path = tmp_path / "messy.csv"
    path.write_text(
        "product_id,name,category,region_code,stage,k1,k2,k3,k4,k5,nib,assessors\n"
        "A1,Tenun,kerajinan,11.04,3,60,60,60,60,60,ya,2\n",
        encoding="utf-8",
    )
    run = cli("validate", str(path))  # Indonesian by default
    assert run.returncode == 0
    assert '2,assessors,"peringatan: ' in run.stderr
    assert "warning:" not in run.stderr


def test_validate_missing_file_exits_2_without_traceback(tmp_path):
    run = cli("validate", str(tmp_path / "nope.csv"))
    assert run.returncode == 2
    assert "Traceback" not in run.stderr


def test_score_adds_the_result_columns(registry_csv, tmp_path):
    out = tmp_path / "scored.csv"
    run = cli("score", str(registry_csv), "--out", str(out))
    assert run.returncode == 0, run.stderr
    scored = pd.read_csv(out)
    for col in (
        "score",
        "stars_by_score",
        "stars",
        "official",
        "recognised",
        "cap_reason",
        "eligible_next_stage",
        "blocking_reason",
    ):
        assert col in scored.columns
    assert len(scored) == 300
    assert (scored["model_version"] == "ovop-2026.2").all()


# Aceh: one official ★5 at 90. Jawa Barat: official 60, 60 and 40 (★3, ★3, ★2) and one not rated.
# recognised: Jawa Barat 2 > Aceh 1; share of rated: Aceh 1/1 > Jawa Barat 2/3;
# adjusted mean: national (90+60+60+40)/4 = 62.5, Aceh (90+625)/11 = 65.0 > Jawa Barat (160+625)/13 = 60.38.
RANKED_ROWS = (
    "product_id,name,category,region_code,stage,k1,k2,k3,k4,k5,nib,permit,halal,brand,export,assessors\n"
    "A1,Tenun,kerajinan,11.04,3,90,90,90,90,90,ya,none,tidak,ya,ya,3\n"
    "B1,Batik,kerajinan,32.01,3,60,60,60,60,60,ya,none,tidak,ya,ya,3\n"
    "B2,Anyaman,kerajinan,32.01,3,60,60,60,60,60,ya,none,tidak,ya,ya,3\n"
    "B3,Gerabah,kerajinan,32.01,3,40,40,40,40,40,ya,none,tidak,ya,ya,3\n"
    "B4,Ukiran,kerajinan,32.01,1,40,,40,40,40,ya,none,tidak,ya,ya,0\n"
)
ESTIMATE_ROW = "B5,Keripik,pangan,32.01,1,60,60,60,60,60,ya,pirt,tidak,ya,ya,0\n"


@pytest.fixture
def ranked_csv(tmp_path) -> Path:
    path = tmp_path / "ranked.csv"
    path.write_text(RANKED_ROWS)
    return path


def test_score_says_which_stars_are_official_and_recognised(tmp_path):
    path = tmp_path / "official.csv"
    path.write_text(RANKED_ROWS + ESTIMATE_ROW)
    run = cli("score", str(path))
    assert run.returncode == 0, run.stderr
    scored = pd.read_csv(pd.io.common.StringIO(run.stdout)).set_index("product_id")
    assert scored.loc["B1", ["stars", "official", "recognised"]].tolist() == [3, True, True]
    assert scored.loc["B3", ["stars", "official", "recognised"]].tolist() == [2, True, False]
    # Stage 1: its ★3 is an estimate, so neither official nor recognised.
    assert scored.loc["B5", ["stars", "official", "recognised"]].tolist() == [3, False, False]


@pytest.mark.parametrize(
    "rule, ranks",
    [("recognised", {"32": 1, "11": 2}), ("share", {"11": 1, "32": 2}), ("adjusted_mean", {"11": 1, "32": 2})],
)
def test_summary_ranks_by_the_rule_asked_for_and_names_it(ranked_csv, rule, ranks):
    run = cli("summary", str(ranked_csv), "--rank-by", rule, "--json", "--lang", "en")
    assert run.returncode == 0, run.stderr
    rows = {r["code"]: r for r in json.loads(run.stdout)}
    assert {code: rows[code]["rank"] for code in ranks} == ranks
    assert rows["91"]["rank"] is None  # no products: no rank
    assert {r["rank_rule"] for r in rows.values()} == {rule}
    assert run.stderr.startswith("Ranked by")
    jabar = rows["32"]
    assert (jabar["n_rated"], jabar["not_rated"], jabar["n_recognised"]) == (3, 1, 2)
    assert jabar["share_recognised"] == pytest.approx(2 / 3)
    assert jabar["adjusted_mean"] == pytest.approx(785 / 13)


def test_summary_ranks_by_recognised_products_by_default(ranked_csv):
    run = cli("summary", str(ranked_csv))
    table = pd.read_csv(pd.io.common.StringIO(run.stdout)).set_index("code")
    assert (table.loc[32, "rank"], table.loc[11, "rank"]) == (1, 2)
    assert run.stderr.strip() == "Peringkat menurut jumlah produk terakui (★≥3 resmi)"


def test_summary_of_one_region_ranks_it_by_the_rule_asked_for(ranked_csv):
    run = cli("summary", str(ranked_csv), "--region", "11", "--rank-by", "share")
    assert json.loads(run.stdout)["rank"] == {"position": 1, "total": 2, "level": "province", "rule": "share"}


@pytest.mark.parametrize("lang, words", [("id", "--rank-by tidak dikenal"), ("en", "unknown --rank-by")])
def test_summary_with_an_unknown_rank_rule_exits_2_naming_the_rules(ranked_csv, lang, words):
    run = cli("summary", str(ranked_csv), "--rank-by", "mean_score", "--lang", lang)
    assert run.returncode == 2
    assert words in run.stderr and "recognised, adjusted_mean, share" in run.stderr
    assert "Traceback" not in run.stderr


def test_score_with_ocop_preset_and_stdout(registry_csv):
    run = cli("score", str(registry_csv), "--model", "ocop-2023")
    assert run.returncode == 0
    assert "ocop-2023" in run.stdout.splitlines()[1]


def test_score_unknown_model_is_bad_input(registry_csv):
    run = cli("score", str(registry_csv), "--model", "nope")
    assert run.returncode == 2
    assert "unknown model" in run.stderr and "Traceback" not in run.stderr


def test_score_rejects_a_bad_file_with_exit_2(bad_csv):
    run = cli("score", str(bad_csv))
    assert run.returncode == 2
    assert "Baris 3" in run.stderr


def test_whatif_json_matches_the_engine(registry_csv, tmp_path):
    out = tmp_path / "whatif.csv"
    run = cli(
        "whatif",
        str(registry_csv),
        "--quality",
        "10",
        "--market",
        "5",
        "--intervene",
        "halal,nib",
        "--region",
        "33,51",
        "--top",
        "20",
        "--out",
        str(out),
        "--json",
        "--today",
        "2026-11-29",
    )
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    frame = read_registry(registry_csv).frame.drop(columns=["_row"])
    expected = run_whatif(
        frame,
        Scenario(10, 5, ("halal", "nib"), Target(regions=("33", "51"), top_n=20)),
        today=pd.Timestamp("2026-11-29"),
    )
    assert summary["transition_matrix"] == expected.transition_matrix.to_numpy().tolist()
    assert summary["recognised_before"] == expected.recognised_before
    assert summary["recognised_after"] == expected.recognised_after
    for field in ("not_rated", "potential_before", "potential_after"):
        assert summary[field] == getattr(expected, field)
    assert summary["applied"] == expected.applied and set(summary["applied"]) == {"halal", "nib"}
    assert summary["not_applied"] == expected.not_applied
    assert sum(map(sum, summary["transition_matrix"])) + summary["not_rated"] == summary["n_targeted"]
    assert len(summary["transition_matrix"]) == 5 and all(len(r) == 5 for r in summary["transition_matrix"])
    assert set(summary["regions"]) >= {"33", "51"}
    assert {"rank_before", "rank_after", "mean_score_before"} <= set(summary["regions"]["33"])
    products = pd.read_csv(out)
    assert {"score", "stars", "score_after", "stars_after", "targeted"} <= set(products.columns)
    assert products["targeted"].sum() == expected.n_targeted


@pytest.mark.parametrize(
    "args",
    [
        ("--quality", "55"),
        ("--market", "nan"),
        ("--top", "-1"),
        ("--level", "desa"),
        ("--intervene", "visa"),
        ("--region", "99"),
        ("--category", "mobil"),
        ("--stage", "9"),
    ],
)
def test_whatif_bad_arguments_exit_2(registry_csv, args):
    # Levers are 0–50 (55 is out), interventions, regions, categories and stages must be known.
    run = cli("whatif", str(registry_csv), *args)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and run.stderr.strip()


def test_whatif_compares_regions_at_the_level_asked(registry_csv):
    run = cli("whatif", str(registry_csv), "--quality", "10", "--level", "kabkota", "--today", "2026-11-29")
    assert run.returncode == 0, run.stderr
    summary = json.loads(run.stdout)
    assert summary["level"] == "kabkota" and len(summary["regions"]) == 514 and "33.74" in summary["regions"]


def test_summary_lists_every_region_with_no_data_as_null(registry_csv):
    run = cli("summary", str(registry_csv), "--level", "province", "--json")
    assert run.returncode == 0
    rows = json.loads(run.stdout)
    assert len(rows) == 38
    run = cli("summary", str(registry_csv), "--level", "kabkota")
    table = pd.read_csv(pd.io.common.StringIO(run.stdout))
    assert len(table) == 514
    empty = table[table["n_products"] == 0]
    assert not empty.empty and empty["mean_score"].isna().all()


def test_summary_counts_are_whole_numbers_and_empty_for_regions_without_data(registry_csv):
    rows = json.loads(cli("summary", str(registry_csv), "--json").stdout)
    with_data = next(r for r in rows if r["has_data"])
    assert all(isinstance(with_data[c], int) for c in ("n_rated", "n_recognised", "n_potential", "stars_3", "rank"))
    without = next(r for r in rows if not r["has_data"])
    assert without["n_recognised"] is None and without["rank"] is None
    table = pd.read_csv(pd.io.common.StringIO(cli("summary", str(registry_csv)).stdout), dtype=str)
    counts = table[["n_products", "n_rated", "n_recognised", "n_potential", "stars_3", "rank"]]
    assert not counts.stack().str.contains(".", regex=False).any()  # "16", never "16.0" products


@pytest.mark.parametrize(
    ("lang", "words"), [("id", "kode wilayah tidak dikenal: 99.99"), ("en", "unknown region code: 99.99")]
)
def test_summary_of_an_unknown_region_exits_2_in_the_users_language(registry_csv, lang, words):
    run = cli("summary", str(registry_csv), "--region", "99.99", "--lang", lang)
    assert run.returncode == 2 and words in run.stderr and "Traceback" not in run.stderr


def test_summary_of_one_region_prints_the_read_model(registry_csv):
    run = cli("summary", str(registry_csv), "--region", "3374", "--top", "5", "--today", "2026-11-29")
    assert run.returncode == 0, run.stderr
    frame = read_registry(registry_csv).frame.drop(columns=["_row"])
    expected = summarise(analysed_table(frame, DEFAULT_MODEL, "2026-11-29"), "33.74", top_n=5).to_dict()
    assert json.loads(run.stdout) == expected
    assert expected["rank"]["level"] == "kabkota" and len(expected["top_products"]) <= 5
    unknown = cli("summary", str(registry_csv), "--region", "99", "--lang", "en")
    assert unknown.returncode == 2 and "unknown region code: 99" in unknown.stderr


def test_no_command_is_a_usage_error():
    run = cli()
    assert run.returncode == 2


@pytest.fixture
def formula_csv(tmp_path) -> Path:
    """A registry whose names and producers a spreadsheet would run as formulas."""
    path = tmp_path / "formula.csv"
    path.write_text(
        "product_id,name,producer,category,region_code,stage,k1,k2,k3,k4,k5,nib,permit,halal,brand,export\n"
        "A1,\"=cmd|' /C calc'!A0\",@SUM(1),kerajinan,11.04,1,50,50,50,50,50,ya,none,tidak,ya,tidak\n"
        "A2,+62 Kopi,-2+3,kerajinan,11.04,1,50,50,50,50,50,ya,none,tidak,ya,tidak\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("command", ["score", "whatif"])
def test_cli_outputs_are_formula_safe_and_read_back_unchanged(formula_csv, tmp_path, command):
    out = tmp_path / f"{command}.csv"
    done = cli(command, str(formula_csv), "--out", str(out), *(["--quality", "5"] if command == "whatif" else []))
    assert done.returncode == 0, done.stderr
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert written["name"].tolist() == ["'=cmd|' /C calc'!A0", "'+62 Kopi"]
    if command == "score":
        assert written["producer"].tolist() == [
            "'@SUM(1)",
            "'-2+3",
        ]  # the score output is a registry again: the guard comes off on import
        back = read_registry(out)
        assert back.ok and back.frame["name"].tolist() == ["=cmd|' /C calc'!A0", "+62 Kopi"]
