"""The command line works on "now": the newest round of a registry with rounds (DESIGN.md §3, §7)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
from conftest import GOOD_ROW, make_csv

ROOT = Path(__file__).resolve().parents[1]


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ovop_core", *args], cwd=ROOT, capture_output=True, text=True, timeout=180
    )


def test_score_scores_every_round_and_summary_uses_only_the_newest(tmp_path):
    # P001 is ★2 in 2025 (k 40) and ★3 in 2026 (k 60, stage 3, recognised); P002 only in 2025.
    path = tmp_path / "rounds.csv"
    low = {f"k{i}": "40" for i in range(1, 6)}
    path.write_bytes(
        make_csv(
            dict(product_id="P001", round="2025", stage="3", **low),
            dict(product_id="P002", round="2025"),
            dict(product_id="P001", round="2026", stage="3"),
            columns=[*GOOD_ROW, "round"],
        )
    )
    out = tmp_path / "scored.csv"
    done = cli("score", str(path), "--out", str(out))
    assert done.returncode == 0, done.stderr
    scored = pd.read_csv(out, dtype=str, keep_default_na=False)
    # score adds columns to every row of the file, each round's row scored on its own values.
    assert scored[["product_id", "round", "stars", "recognised"]].values.tolist() == [
        ["P001", "2025", "2", "False"],
        ["P002", "2025", "3", "False"],  # stage 2: ★3 estimated, not recognised
        ["P001", "2026", "3", "True"],
    ]
    summary = cli("summary", str(path), "--json")
    assert summary.returncode == 0, summary.stderr
    kpis = json.loads(summary.stdout)
    text = json.dumps(kpis)
    assert '"n_products": 1' in text and '"n_recognised": 1' in text
