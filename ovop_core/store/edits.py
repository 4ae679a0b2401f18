"""An edit to one product, checked by the registry's own rules before it is stored, and previewed.

The product is laid out as a one-row registry table in memory — the columns and cell texts an
export would write (``export.registry_file_frame``), with the changed cells as the text a person
would type (``"ya"``, ``"72,5"``) — and validated by ``registry.validate_raw_table``, so an edit is
held to exactly the rules, and gets exactly the messages ("Row 2, column 'k3': …"), of an
imported file. ``preview_edit`` runs the edited product through the same scoring and pipeline
rules as everything else, so the editor sees the score and star the save would give.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..catalog import LANGS, Both, Message
from ..export import header_for, registry_file_frame
from ..model import DEFAULT_MODEL, ScoringModel
from ..pipeline import pipeline_status
from ..registry import RawTable, RegistryResult, validate_raw_table
from ..scoring import score_table
from .errors import StoreError, ValidationFailed
from .frames import conform, public_frame
from .schema import STORED

NOT_EDITABLE = frozenset({"product_id", "province", "revision"})
_EDIT_ROW = 2  # the row a one-row file's product sits on, below its header (as messages name it)


def check_editable(changes: dict) -> None:
    """Refuse changes to the key, to derived columns and to columns the registry does not have."""
    bad = sorted(set(changes) & NOT_EDITABLE)
    unknown = sorted(set(changes) - set(STORED) - NOT_EDITABLE)
    if bad or unknown:
        names = ", ".join(bad + unknown)
        raise StoreError(Message("store.fixed_columns", names=names))


def validated_row(current: pd.DataFrame, changes: dict) -> pd.DataFrame:
    """``current`` (one stored row) with ``changes`` applied, as stored columns plus its ``seq``;
    ``ValidationFailed`` with the reader's problems when the result is not a valid product."""
    result = _read_edited(public_frame(current), changes)
    if not result.ok:
        raise ValidationFailed(result.errors)
    edited = conform(result.frame)
    edited["seq"] = current["seq"].to_numpy()
    return edited


def _read_edited(product: pd.DataFrame, changes: Mapping) -> RegistryResult:
    """``product`` (one row of the registry frame) with ``changes`` written in, read back as a file."""
    sheet = registry_file_frame(product.drop(columns=["revision"], errors="ignore"))
    for col, value in changes.items():
        # A file has one region column; the place is the region code at its given depth.
        target = "region_code" if col == "place_code" else col
        sheet[header_for(target, "en")] = [_cell_text(value)]
    raw = RawTable(
        header=[str(h) for h in sheet.columns],
        cells=_cells(sheet),
        row_numbers=pd.Series([_EDIT_ROW], dtype="int64"),
        kind="csv",
    )
    return validate_raw_table(raw, "edit.csv")


@dataclass(frozen=True, eq=False)
class EditPreview:
    """One product's score and star before and after an edit, and whether the store would take it.

    Scores are NaN and stars 0 for a product that is not rated (a criterion missing). The reasons
    come worded in every language, as the scored table's reason columns hold them.
    """

    score_before: float
    score_after: float
    stars_before: int
    stars_after: int
    eligible_next_stage: bool  # after the edit
    cap_reasons: Both  # why the star after the edit is held below its score's band ("" when not)
    blocking_reasons: Both  # what keeps the edited product from its next stage ("" when nothing)
    problems: pd.DataFrame  # the errors the store would refuse the edit for (``PROBLEM_COLUMNS``)

    @property
    def score_change(self) -> float | None:
        """Score after − before; None when the product is not rated before or after."""
        if np.isnan(self.score_before) or np.isnan(self.score_after):
            return None
        return self.score_after - self.score_before

    def cap_reason(self, lang: str) -> str:
        return self.cap_reasons.pick(lang)

    def blocking_reason(self, lang: str) -> str:
        return self.blocking_reasons.pick(lang)


def preview_edit(
    product: pd.DataFrame,
    changes: Mapping,
    model: ScoringModel = DEFAULT_MODEL,
    today: dt.date | pd.Timestamp | None = None,
) -> EditPreview:
    """What saving ``changes`` to ``product`` (one row of the registry frame, as ``Store.load``
    gives it) would do to its score, star and next stage, scored by ``model`` with the pipeline
    dated ``today`` (None: the real today); ``problems`` holds the registry errors the store
    would refuse the edit for, naming the column, exactly as ``Store.update_product`` would.

    ``changes`` are typed values, as the editor's widgets give them (a float for ``k3``, a bool for
    ``halal``, a timestamp for ``stage_since``); a value its column cannot hold raises ``ValueError``.
    """
    before = product.drop(columns=["revision"], errors="ignore").reset_index(drop=True)
    after = before.copy()
    for col, value in changes.items():
        after[col] = [value]
    after = after.astype(before.dtypes.to_dict())
    scored_before, scored_after = score_table(before, model), score_table(after, model)
    status = pipeline_status(scored_after, None if today is None else pd.Timestamp(today))
    return EditPreview(
        score_before=float(scored_before["score"].iloc[0]),
        score_after=float(scored_after["score"].iloc[0]),
        stars_before=int(scored_before["stars"].iloc[0]),
        stars_after=int(scored_after["stars"].iloc[0]),
        eligible_next_stage=bool(status["eligible_next_stage"].iloc[0]),
        cap_reasons=_per_language(scored_after, "cap_reason"),
        blocking_reasons=_per_language(status, "blocking_reason"),
        problems=_read_edited(product, changes).errors.reset_index(drop=True),
    )


def _per_language(table: pd.DataFrame, stem: str) -> Both:
    """The first row's text in the table's per-language columns ``<stem>_<lang>``."""
    return Both(*(str(table[f"{stem}_{lang}"].iloc[0]) for lang in LANGS))


def _cells(sheet: pd.DataFrame) -> pd.DataFrame:
    """Cells as the CSV reader would give them, columns numbered by position: ``str`` of each value
    (``repr`` digits for floats, so numbers come back exactly), empty when missing, stripped the
    way the registry reader strips. One row: whole-frame element maps cost less than per column."""
    text = sheet.astype(object).map(str).where(sheet.notna(), "").map(str.strip)
    text.columns = range(sheet.shape[1])
    return text.reset_index(drop=True)


def _cell_text(value) -> str:
    """A changed value as the text a person would type in the file."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime, pd.Timestamp)):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)
