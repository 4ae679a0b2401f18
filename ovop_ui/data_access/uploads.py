"""An uploaded registry file, read and validated once per upload (not on every click).

Reading and validating 100k rows takes seconds of CPU; the Data page's import section reruns on
every widget change, so the result is kept in the session, keyed by the upload. Only the latest
upload is kept, so a session holds at most one file's result.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from ovop_core.import_checks import against_stored
from ovop_core.registry import RegistryResult, read_registry

_KEY = "_data_upload_result"


def _identity(upload) -> tuple[str, str, int]:
    """Streamlit's id for this upload (a new one for every upload, even of the same file)."""
    file_id = getattr(upload, "file_id", None) or hashlib.sha256(upload.getvalue()).hexdigest()
    return str(file_id), str(upload.name), int(upload.size)


def read_upload(upload, stored: pd.DataFrame | None = None) -> RegistryResult:
    """``read_registry`` of ``upload``, computed on its first run and reused until another upload.

    With ``stored`` (the current registry), warnings that need it are added to the report:
    letters lost to Windows-1252 and ids that lost their leading zeros (``import_checks``).
    """
    identity = _identity(upload)
    kept = st.session_state.get(_KEY)
    if kept is not None and kept[0] == identity:
        return kept[1]
    st.session_state.pop(_KEY, None)  # free the previous file's rows before reading the new one
    result = read_registry(upload.getvalue(), name=upload.name)
    if stored is not None and result.frame is not None and len(result.frame):
        extra = against_stored(result.frame, stored)
        if not extra.empty:
            result.problems = (
                pd.concat([result.problems, extra], ignore_index=True)
                .sort_values(["row", "severity"], kind="stable")
                .reset_index(drop=True)
            )
    st.session_state[_KEY] = (identity, result)
    return result


def forget_upload() -> None:
    """Drop the kept result (the upload was removed, or the import section left)."""
    st.session_state.pop(_KEY, None)
