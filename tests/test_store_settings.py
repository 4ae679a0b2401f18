"""Settings an admin edits in the app (the unit costs), versioned in the store (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from store_helpers import ACEH_EDITOR, ADMIN, VIEWER
from test_store import empty_store  # noqa: F401 - the fixture: a migrated store on each backend

from ovop_core.store import PermissionDenied

COSTS = "intervention,category,cost_idr,source\nbrand,*,500000,PP 28/2019\n"


def test_a_setting_never_saved_reads_as_none(empty_store):  # noqa: F811
    assert empty_store.setting("costs") is None
    assert empty_store.setting_history("costs") == []


def test_each_save_is_a_new_version_and_the_newest_is_the_setting(empty_store):  # noqa: F811
    first = empty_store.save_setting("costs", COSTS, ADMIN, note="tarif 2026")
    second = empty_store.save_setting("costs", COSTS.replace("500000", "600000"), ADMIN)
    assert second.id > first.id
    current = empty_store.setting("costs")
    assert current.content.endswith("brand,*,600000,PP 28/2019\n")
    assert [v.note for v in empty_store.setting_history("costs")] == ["", "tarif 2026"]
    assert current.author == ADMIN.username and current.created_at.tzinfo is not None


@pytest.mark.parametrize("user", [VIEWER, ACEH_EDITOR])
def test_only_an_admin_changes_settings(empty_store, user):  # noqa: F811
    with pytest.raises(PermissionDenied):
        empty_store.save_setting("costs", COSTS, user)
    assert empty_store.setting("costs") is None


def test_an_unknown_setting_is_refused(empty_store):  # noqa: F811
    with pytest.raises(ValueError):
        empty_store.save_setting("weights", "x", ADMIN)
