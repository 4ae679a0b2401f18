"""Why a store operation was refused or failed, as catalog messages (``ovop_core.catalog``).

Every refusal is a ``StoreError``: the UI shows ``exc.text(lang)`` in its language, and the
subclasses carry what a caller may act on (the offending products, the stale revision, the
registry problems).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from ..catalog import LANGS, Both, Message, MessageError
from ..registry import PROBLEM_COLUMNS


class StoreError(MessageError):
    """A store operation was refused or failed; ``text(lang)`` words it for people."""


class PermissionDenied(StoreError):
    """The user's role or regions do not allow this write; ``product_ids`` names the products."""

    def __init__(self, message: Message, product_ids: Sequence[str] = ()):
        super().__init__(message)
        self.product_ids = list(product_ids)


class StaleEditError(StoreError):
    """The product changed since the editor opened it (optimistic concurrency)."""

    def __init__(
        self, product_id: str, expected_revision: int, current_revision: int, changed_by: str, changed_at: dt.datetime
    ):
        super().__init__(
            Message(
                "store.stale_edit",
                product_id=product_id,
                who=changed_by or "?",
                when=changed_at.strftime("%Y-%m-%d %H:%M UTC"),
                expected=expected_revision,
                current=current_revision,
            )
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
        listed = Both("; ".join(shown["message_id"]), "; ".join(shown["message_en"]))
        if more > 0:
            super().__init__(Message("store.invalid_more", problems=listed, more=more))
        else:
            super().__init__(Message("store.invalid", problems=listed))
        self.problems = problems.reset_index(drop=True)


class ProductNotFound(StoreError):
    def __init__(self, product_id: str):
        super().__init__(Message("store.product_not_found", product_id=product_id))
        self.product_id = product_id


class RoundExists(StoreError):
    """Adding a round the store already holds (replace it instead, knowingly)."""

    def __init__(self, rounds: Sequence[int]):
        self.rounds = tuple(rounds)
        super().__init__(Message("store.round_exists", rounds=", ".join(str(r) for r in self.rounds)))


class VersionNotFound(StoreError):
    def __init__(self, version_id: int):
        super().__init__(Message("store.version_not_found", version=version_id))
        self.version_id = version_id


def problem_rows(column: str, value, code: str, message: Message, rows=None) -> pd.DataFrame:
    """Problems in the reader's shape (``PROBLEM_COLUMNS``, the message rendered in each language),
    for a ``ValidationFailed`` the store raises itself; one per row in ``rows`` (default: row 0)."""
    rows = [0] if rows is None else list(rows)
    values = value if isinstance(value, list) else [value] * len(rows)
    texts = {f"message_{lang}": message.render(lang) for lang in LANGS}
    return pd.DataFrame({"row": rows, "column": column, "value": values, "code": code, "severity": "error", **texts})[
        PROBLEM_COLUMNS
    ]
