"""Problems of a file's layout rather than of a value: title rows, merges, ragged rows, formulas."""

from __future__ import annotations

from .header import canonical
from .problems import Problems
from .raw_table import RawTable


def report_layout(raw: RawTable, problems: Problems) -> None:
    """Report what the table readers noticed about the layout (none of it stops validation)."""
    if raw.header_moved:
        problems.add([raw.header_row], "", [""], "header_not_first", severity="warning", row=raw.header_row)
    for ref, spanned in raw.merged_header:
        names = [raw.header[p] for p in spanned if p < len(raw.header)]
        listed = ", ".join(f"'{n}'" for n in names)
        column = names[0] if names and names[0] else ref
        problems.add([raw.header_row], column, [ref], "merged_header", ref=ref, columns=listed)
    if raw.ragged_rows:
        problems.add(raw.ragged_rows, "", [""] * len(raw.ragged_rows), "ragged_row")
    if raw.formulas is not None and not raw.formulas.empty:
        for pos, found in raw.formulas.groupby("position", sort=True):
            if pos >= len(raw.header) or canonical(raw.header[pos]) is None:
                continue  # an ignored column may hold formulas
            problems.add(found["row"], raw.header[pos], found["formula"], "formula")
