"""Warnings that compare an incoming file with the stored registry (issue 10, LibreOffice findings)."""

import pandas as pd

from ovop_core.import_checks import against_stored


def frame(rows: list[tuple[str, str]], first_row: int = 2) -> pd.DataFrame:
    return pd.DataFrame(
        {"_row": range(first_row, first_row + len(rows)), "product_id": [r[0] for r in rows],
         "name": [r[1] for r in rows], "producer": [""] * len(rows)}
    )  # fmt: skip


STORED = frame([("P1", "Phở Hà Nội"), ("0012", "Kopi Gayo"), ("P3", "Apa? Kue")])


def test_a_name_that_lost_letters_to_windows_1252_is_warned_with_both_spellings():
    found = against_stored(frame([("P1", "Ph? H? N?i")]), STORED)
    assert found[["row", "column", "code", "severity"]].values.tolist() == [[2, "name", "lossy_encoding", "warning"]]
    assert "'Phở Hà Nội'" in found["message_en"].iloc[0] and "CSV UTF-8" in found["message_id"].iloc[0]


def test_a_real_question_mark_or_a_real_rename_is_not_warned():
    assert against_stored(frame([("P3", "Apa? Kue"), ("P1", "Pho? Baru")]), STORED).empty


def test_an_id_that_lost_its_leading_zeros_is_warned_with_the_stored_id():
    found = against_stored(frame([("12", "Kopi Gayo"), ("13", "Teh")], first_row=5), STORED)
    assert found[["row", "column", "value", "code"]].values.tolist() == [[5, "product_id", "12", "leading_zero_lost"]]
    assert "'0012' is stored" in found["message_en"].iloc[0] and "'0012' tersimpan" in found["message_id"].iloc[0]
