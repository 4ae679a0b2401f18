"""Pipeline stages and the rules for moving on (DESIGN.md §6).

Each stage has an entry condition. For a product in stage s the core checks the entry condition
of stage s+1 and, when it is not met, says why in plain words (id and en), e.g. "skor 47,3 < 50",
"belum ada NIB", "baru 2 penilai (perlu 3)". Stage 6 (re-evaluation) is the last stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .model import CRITERIA
from .scoring import snap

SELECTION_SCORE = 50.0
MIN_ASSESSORS = 3
REEVALUATION_MONTHS = 36
DEFAULT_STALLED_MONTHS = 12
_DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Stage:
    number: int
    name_id: str
    name_en: str


STAGES: tuple[Stage, ...] = (
    Stage(0, "Identifikasi potensi", "Identified"),
    Stage(1, "Pengusulan", "Proposed"),
    Stage(2, "Seleksi", "Selected"),
    Stage(3, "Penilaian & penetapan", "Assessed & rated"),
    Stage(4, "Pembinaan", "Coached"),
    Stage(5, "Promosi & pasar global", "Promoted / go global"),
    Stage(6, "Evaluasi ulang", "Re-evaluation due"),
)
LAST_STAGE = STAGES[-1].number


def _fmt_score(values: pd.Series, lang: str) -> pd.Series:
    # Truncate, not round: 49.97 must read "49,9 < 50", never the contradictory "50,0 < 50".
    shown = np.floor(snap(values.to_numpy(dtype="float64")) * 10) / 10
    text = pd.Series(np.char.mod("%.1f", shown), index=values.index, dtype=object)
    return text.str.replace(".", ",", regex=False) if lang == "id" else text


def _join(parts: list[pd.Series]) -> pd.Series:
    """Join non-empty reason fragments with "; ", element-wise."""
    out = parts[0]
    for part in parts[1:]:
        sep = np.where((out != "") & (part != ""), "; ", "")
        out = out + sep + part
    return out


def pipeline_status(
    scored: pd.DataFrame,
    today: date | pd.Timestamp | None = None,
    stalled_months: float = DEFAULT_STALLED_MONTHS,
    reasons: bool = True,
) -> pd.DataFrame:
    """Per product: next stage, whether it may enter it, why not, stalled and re-evaluation flags.

    ``scored`` is the output of ``scoring.score_table``. Returns a frame on the same index with
    ``next_stage`` (<NA> at the last stage), ``eligible_next_stage``, ``blocking_reason_id``/
    ``_en`` ("" when eligible or at the last stage), ``months_in_stage``, ``stalled`` (longer
    than ``stalled_months`` in the stage) and ``reeval_due`` (stage ≥ 3 entered 36+ months ago).
    ``reasons=False`` skips the texts (the what-if engine only needs eligibility).
    """
    today = pd.Timestamp(today if today is not None else date.today()).normalize()
    idx = scored.index
    stage = scored["stage"].astype("int64")
    since = pd.to_datetime(scored["stage_since"]) if "stage_since" in scored else pd.Series(pd.NaT, index=idx)
    score = scored["score"]
    stars = scored["stars"].astype("int64")
    assessors = scored["assessors"].fillna(0).astype("int64") if "assessors" in scored else pd.Series(0, index=idx)
    complete = scored[list(CRITERIA)].notna().all(axis=1)
    nib = scored["nib"].astype(bool)
    export = scored["export"].astype(bool)
    due_date = since + pd.DateOffset(months=REEVALUATION_MONTHS)
    reeval_reached = since.notna() & (due_date <= today)

    # Entry condition of stage s+1, per stage s (DESIGN.md §6).
    passes = {
        0: complete & nib,
        1: complete & (snap(score) >= SELECTION_SCORE),
        2: assessors >= MIN_ASSESSORS,
        3: stars >= 1,
        4: stars.isin([4, 5]) | (stars.isin([2, 3]) & export),
        5: reeval_reached,
    }
    eligible = pd.Series(False, index=idx)
    for s, ok in passes.items():
        eligible |= (stage == s) & ok

    empty = pd.Series("", index=idx, dtype=object)
    texts = {"id": empty, "en": empty}
    for lang in ("id", "en") if reasons and len(idx) else ():
        def when(mask: pd.Series, text: pd.Series | str) -> pd.Series:
            return pd.Series(np.where(mask, text, ""), index=idx, dtype=object)

        incomplete = "nilai kriteria belum lengkap" if lang == "id" else "criterion scores incomplete"
        no_nib = "belum ada NIB" if lang == "id" else "no NIB (business identity number)"
        low = ("skor " if lang == "id" else "score ") + _fmt_score(score, lang) + " < 50"
        n = assessors.astype(str)
        few = ("baru " + n + " penilai (perlu 3)") if lang == "id" else ("only " + n + " assessors (3 needed)")
        unrated = "bintang belum ditetapkan" if lang == "id" else "no star rating yet"
        star_txt = "★" + stars.astype(str)
        promo = (
            star_txt + "; perlu ★4–5, atau ★2–3 dengan bukti ekspor"
            if lang == "id"
            else star_txt + "; needs ★4–5, or ★2–3 with documented export"
        )
        month = due_date.dt.strftime("%Y-%m").fillna("")
        not_yet = ("evaluasi ulang mulai " + month) if lang == "id" else ("re-evaluation from " + month)
        no_date = "tanggal tahap belum diisi" if lang == "id" else "stage date missing"

        parts = [
            when((stage == 0) & ~complete, incomplete),
            when((stage == 0) & ~nib, no_nib),
            when((stage == 1) & ~complete, incomplete),
            when((stage == 1) & complete & (snap(score) < SELECTION_SCORE), low),
            when((stage == 2) & (assessors < MIN_ASSESSORS), few),
            when((stage == 3) & (stars < 1), unrated),
            when((stage == 4) & (stars < 1), unrated),
            when((stage == 4) & (stars >= 1) & ~passes[4], promo),
            when((stage == 5) & since.isna(), no_date),
            when((stage == 5) & since.notna() & ~reeval_reached, not_yet),
        ]
        texts[lang] = _join(parts)

    months = (today - since).dt.days / _DAYS_PER_MONTH
    return pd.DataFrame(
        {
            "next_stage": (stage + 1).where(stage < LAST_STAGE).astype("Int64"),
            "eligible_next_stage": eligible,
            "blocking_reason_id": texts["id"],
            "blocking_reason_en": texts["en"],
            "months_in_stage": months,
            "stalled": (months > stalled_months).fillna(False).astype(bool),
            "reeval_due": (stage.between(3, 5) & reeval_reached).astype(bool),
        },
        index=idx,
    )
