"""Why a store operation was refused or failed, in words for people (Indonesian and English).

Every refusal is a ``StoreError``: the UI shows ``message_id`` or ``message_en`` as it is, and
the subclasses carry what a caller may act on (the offending products, the stale revision, the
registry problems).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from ..registry import PROBLEM_COLUMNS


class StoreError(Exception):
    """A store operation was refused or failed; ``message_id``/``message_en`` are for people."""

    def __init__(self, message_id: str, message_en: str):
        super().__init__(message_en)
        self.message_id = message_id
        self.message_en = message_en


class PermissionDenied(StoreError):
    """The user's role or regions do not allow this write; ``product_ids`` names the products."""

    def __init__(self, message_id: str, message_en: str, product_ids: Sequence[str] = ()):
        super().__init__(message_id, message_en)
        self.product_ids = list(product_ids)


class StaleEditError(StoreError):
    """The product changed since the editor opened it (optimistic concurrency)."""

    def __init__(
        self, product_id: str, expected_revision: int, current_revision: int, changed_by: str, changed_at: dt.datetime
    ):
        when = changed_at.strftime("%Y-%m-%d %H:%M UTC")
        who = changed_by or "?"
        super().__init__(
            f"Produk {product_id} sudah diubah oleh {who} pada {when} sejak Anda membukanya "
            f"(revisi {expected_revision} → {current_revision}). Muat ulang produk lalu ulangi perubahan Anda.",
            f"Product {product_id} was changed by {who} at {when} since you opened it "
            f"(revision {expected_revision} → {current_revision}). Reload the product and apply your change again.",
        )
        self.product_id = product_id
        self.expected_revision = expected_revision
        self.current_revision = current_revision
        self.changed_by = changed_by
        self.changed_at = changed_at


class ValidationFailed(StoreError):
    """The data would not pass registry validation; ``problems`` has ``registry.PROBLEM_COLUMNS``."""

    def __init__(self, problems: pd.DataFrame):
        shown = problems.head(5)
        more = len(problems) - len(shown)
        tail_id = f" (dan {more} masalah lain)" if more > 0 else ""
        tail_en = f" (and {more} more problems)" if more > 0 else ""
        super().__init__(
            "Data tidak disimpan karena tidak valid: " + "; ".join(shown["message_id"]) + tail_id,
            "Not saved, the data is not valid: " + "; ".join(shown["message_en"]) + tail_en,
        )
        self.problems = problems.reset_index(drop=True)


class ProductNotFound(StoreError):
    def __init__(self, product_id: str):
        super().__init__(
            f"Produk {product_id} tidak ada dalam versi data saat ini.",
            f"Product {product_id} is not in the current dataset version.",
        )
        self.product_id = product_id


class VersionNotFound(StoreError):
    def __init__(self, version_id: int):
        super().__init__(f"Versi data {version_id} tidak ada.", f"Dataset version {version_id} does not exist.")
        self.version_id = version_id


def problem_rows(column: str, value, code: str, message_id: str, message_en: str, rows=None) -> pd.DataFrame:
    """Problems in the reader's shape (``PROBLEM_COLUMNS``), for a ``ValidationFailed`` the store
    raises itself; one per row in ``rows`` (default: row 0, the whole table)."""
    rows = [0] if rows is None else list(rows)
    values = value if isinstance(value, list) else [value] * len(rows)
    return pd.DataFrame(
        {
            "row": rows,
            "column": column,
            "value": values,
            "code": code,
            "severity": "error",
            "message_id": message_id,
            "message_en": message_en,
        }
    )[PROBLEM_COLUMNS]
