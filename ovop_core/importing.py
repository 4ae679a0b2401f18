"""One import, start to finish: read and validate a file, then store it only if it is acceptable.

The Data page and the tests use this same path, so "a bad file never changes the stored data"
is tested on the code the user runs. A file with errors is refused whole, unless the user
explicitly chose to keep only its clean rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .registry import RegistryResult, read_registry
from .store import DatasetVersion, Store
from .users import User

# merge: the file's products are added or updated, the others kept; replace: the file becomes the
# whole registry (admins only, ``store.permissions.require_admin_to_replace``); add_round: the file
# is a new assessment round, every stored round kept; replace_round: the file's round replaces the
# stored one, the other rounds kept (both admins only: the newest round is "now" for everybody).
IMPORT_MODES = ("merge", "add_round", "replace_round", "replace")


def import_modes(user: User) -> tuple[str, ...]:
    """The import modes ``user`` may choose; the store refuses the others anyway."""
    return IMPORT_MODES if user.is_admin else ("merge",)


@dataclass(frozen=True)
class ImportOutcome:
    result: RegistryResult  # every problem found in the file
    version: DatasetVersion | None  # the new version, or None when nothing was stored
    n_imported: int = 0
    n_dropped: int = 0


def import_file(
    store: Store,
    source: str | Path | bytes | BinaryIO,
    user: User,
    name: str | None = None,
    mode: str = "merge",
    drop_bad_rows: bool = False,
    note: str = "",
    result: RegistryResult | None = None,
    round: int | None = None,
) -> ImportOutcome:
    """Validate ``source`` and, when clean (or when ``drop_bad_rows`` and some rows are clean),
    store it as a new version. Store refusals (role, regions) propagate as store exceptions.

    ``result`` is ``read_registry``'s outcome for this same source when the caller already has
    it (the Data page reads an upload once to preview it): reading 100k rows again costs seconds.
    ``round`` is the assessment round given to a file without a round column (``Store.import_frame``).
    """
    if result is None:
        result = read_registry(source, name=name)
    if result.frame is None:
        return ImportOutcome(result, None)
    if result.ok:
        rows = result.frame
    elif drop_bad_rows:
        rows = result.clean_rows()
    else:
        return ImportOutcome(result, None)
    if rows.empty:
        return ImportOutcome(result, None, 0, len(result.frame))
    frame = rows.drop(columns=["_row"])
    version = store.import_frame(frame, user, note=note or result.source_name, mode=mode, round=round)
    return ImportOutcome(result, version, len(rows), len(result.frame) - len(rows))
