"""Hostile files are refused before they are expanded in memory (issue 10, defects 1–2; DESIGN §3).

Each file is built by ``tests/data/make_hostile_files.py``; before the workbook guard, the far cell
made the CLI abort (exit 134) and the giant cell took gigabytes. The CLI test also measures the
child's peak memory, so "refused before it is expanded" is checked, not assumed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ovop_core import limits
from ovop_core.registry import read_registry

DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(DATA))
import make_hostile_files as hostile  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]

CASES = {
    "far_cell_XFD1048576": (hostile.far_cell_xlsx, "too_many_columns"),
    "far_cell_XFD10000": (lambda: hostile.far_cell_xlsx("XFD10000"), "too_many_columns"),
    "far_cell_without_dimension": (lambda: hostile.far_cell_xlsx("A1048576", dimension=""), "too_many_rows"),
    "far_column_without_dimension": (lambda: hostile.far_cell_xlsx("GS3", dimension=""), "too_many_columns"),
    "cell_pointing_below_its_row": (hostile.misplaced_cell_xlsx, "too_many_rows"),
    "cells_without_references": (hostile.unreferenced_cells_xlsx, "too_many_columns"),
    "giant_shared_string": (lambda: hostile.giant_shared_string_xlsx(5 << 20), "cell_too_long"),
    "giant_string_in_small_runs": (lambda: hostile.giant_shared_string_xlsx(5 << 20, runs=200), "cell_too_long"),
    "giant_inline_cell": (lambda: hostile.giant_inline_cell_xlsx(200_000), "cell_too_long"),
    "declared_zip_bomb": (lambda: hostile.declared_bomb_xlsx(2 << 30), "sheet_too_large"),
    "size_lie_in_zip_directory": (hostile.lying_size_xlsx, "corrupt_xlsx"),
    "ods_value_repeated_across_columns": (hostile.ods_far_repeated_cell, "too_many_columns"),
    "ods_valued_row_repeated": (hostile.ods_repeated_rows, "too_many_rows"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_hostile_workbook_is_refused_with_the_limit_named(name):
    build, code = CASES[name]
    result = read_registry(build(), name=f"{name}.xlsx")
    assert result.frame is None
    assert result.problems["code"].tolist() == [code]
    problem = result.problems.iloc[0]
    assert problem["message_id"] and problem["message_en"] and problem["message_id"] != problem["message_en"]


def test_the_far_cell_message_names_the_cell_and_the_limit():
    problem = read_registry(hostile.far_cell_xlsx("GS3", dimension="")).problems.iloc[0]
    assert "GS3" in problem["message_en"] and "200 columns" in problem["message_en"]
    assert "GS3" in problem["message_id"] and "200 kolom" in problem["message_id"]


def test_a_declared_sheet_size_beyond_the_limits_is_named():
    problem = read_registry(hostile.far_cell_xlsx()).problems.iloc[0]
    assert "A1:XFD1048576" in problem["message_en"] and "16,384 columns" in problem["message_en"]
    assert "16.384 kolom" in problem["message_id"]


def test_more_rows_than_the_limit_are_refused_and_the_limit_itself_is_read():
    over = read_registry(hostile.many_rows_xlsx(limits.MAX_DATA_ROWS + limits.HEADER_SEARCH_ROWS + 1))
    assert over.problems["code"].tolist() == ["too_many_rows"]
    assert "500,000" in over.problems["message_en"].iloc[0]
    under = read_registry(hostile.many_rows_xlsx(2000))
    assert under.frame is not None and len(under.frame) == 2000


def test_an_ods_registry_is_read_like_an_xlsx():
    result = read_registry(hostile.ods_registry(3), name="registri.ods")
    assert result.frame is not None and result.frame["product_id"].tolist() == ["P0", "P1", "P2"]
    assert result.frame["region_code"].tolist() == ["33.20"] * 3


def test_libreoffice_trailing_empty_repeats_are_harmless():
    result = read_registry(hostile.ods_trailing_empty_rows())
    assert result.frame is not None and len(result.frame) == 1


# --- CSV -------------------------------------------------------------------------------------------

CSV_HEADER = ",".join(hostile.HEADER) + "\n"


def test_a_csv_with_more_data_rows_than_the_limit_is_refused():
    row = ",".join(hostile.ROW[1:]) + "\n"
    data = (CSV_HEADER + "".join(f"P{i},{row}" for i in range(limits.MAX_DATA_ROWS + 1))).encode()
    result = read_registry(data)
    assert result.frame is None and result.problems["code"].tolist() == ["too_many_rows"]


def test_a_csv_header_wider_than_the_limit_is_refused():
    header = CSV_HEADER.strip() + "," + ",".join(f"extra{i}" for i in range(limits.MAX_COLUMNS)) + "\n"
    result = read_registry((header + ",".join(hostile.ROW) + "\n").encode())
    assert result.problems["code"].tolist() == ["too_many_columns"]
    assert "Row 1" in result.problems["message_en"].iloc[0]


def test_a_csv_line_flooded_with_separators_is_refused_before_it_is_split():
    data = (CSV_HEADER + ",".join(hostile.ROW) + "\n" + "," * 5_000_000 + "\n").encode()
    result = read_registry(data)
    assert result.problems["code"].tolist() == ["too_many_columns"]
    assert result.problems["row"].tolist() == [3]


# --- the command line, as a separate process ---------------------------------------------------------


# Runs `python -m ovop_core ARGS` and, on exit, writes the process's own peak memory to stderr. The
# kernel's VmHWM starts afresh with the new program; ``ru_maxrss`` of a child would carry the peak of
# the (large) pytest process it was spawned from, so it cannot tell whether the CLI stayed small.
_CLI_WITH_PEAK = """
import atexit, runpy, sys
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("PEAK_KB " + line.split()[1] + "\\n")
atexit.register(peak)
sys.argv = ["ovop_core", *sys.argv[1:]]
runpy.run_module("ovop_core", run_name="__main__", alter_sys=True)
"""


def test_the_cli_refuses_the_far_cell_file_with_exit_2_and_small_memory(tmp_path):
    path = hostile.write(tmp_path / "far.xlsx", hostile.far_cell_xlsx())
    done = subprocess.run(
        [sys.executable, "-c", _CLI_WITH_PEAK, "validate", str(path), "--lang", "en"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "too_many_columns" not in done.stdout  # the message, not the code
    assert "XFD1048576" in done.stdout and "200 columns" in done.stdout
    peak_mb = int(done.stderr.split("PEAK_KB ")[1].split()[0]) / 1024
    assert peak_mb < 1500
