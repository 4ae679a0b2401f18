"""The Data page (AppTest): roles decide what exists, edits preview live, the store refuses stale edits."""

import datetime

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ovop_core import rounds
from ovop_core.auth import Throttle, hash_password
from ovop_core.store import Store
from ovop_core.throttle import Limit
from ovop_core.users import User

APP = "../app.py"
PASSWORD_HASH = hash_password("rahasia-aceh")


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch):
    """Every test gets an empty data folder (seeded with the demo data on first use)."""
    monkeypatch.setenv("OVOP_DATA_DIR", str(tmp_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path
    st.cache_resource.clear()
    st.cache_data.clear()


def open_data(user: User | None = None, lang="en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.secrets["auth_users"] = {"dinas_aceh": {"password_hash": PASSWORD_HASH, "role": "editor", "regions": ["11"]}}
    at.run()
    if user is not None:
        at.session_state["_signed_in_user"] = user
    at.switch_page("app_pages/data.py").run()
    assert not at.exception
    return at


def sections(at) -> list[str]:
    control = next(el for el in at.get("button_group") if el.proto.id and "data_section" in el.proto.id)
    return [o.content for o in control.proto.options]


def test_a_viewer_sees_history_and_export_but_no_import_or_edit():
    at = open_data()
    assert sections(at) == ["Version history", "Templates & export"]
    assert not at.get("file_uploader")
    assert not any(b.key and b.key.startswith("edit_") for b in at.button)


@pytest.mark.parametrize("lang,expected", [("id", "Impor"), ("en", "Import")])
def test_an_editor_gets_import_and_edit(lang, expected):
    at = open_data(User("dinas_aceh", "editor", ("11",)), lang)
    assert expected in sections(at)


def test_sign_in_with_the_configured_hash_and_throttle_after_failures():
    at = open_data()
    at.text_input(key="auth_username").input("dinas_aceh")
    at.text_input(key="auth_password").input("salah")
    at.get("form_submit_button")[0].click().run()
    assert any("Wrong user name or password" in e.value for e in at.error)
    for _ in range(3):
        at.text_input(key="auth_username").input("dinas_aceh")
        at.text_input(key="auth_password").input("salah")
        at.get("form_submit_button")[0].click().run()
    assert any("Too many failed attempts" in e.value for e in at.error)


def test_failures_in_another_browser_session_do_not_lock_this_one_out(monkeypatch):
    """Without a known IP address (as here) the client is the browser session."""
    monkeypatch.setattr(
        "ovop_ui.shell.session.Throttle", lambda: Throttle(pair=Limit(free=1, base_seconds=60.0, max_seconds=60.0))
    )
    stranger = open_data()
    for _ in range(2):
        stranger.text_input(key="auth_username").input("dinas_aceh")
        stranger.text_input(key="auth_password").input("salah")
        stranger.get("form_submit_button")[0].click().run()
    assert any("Try again in 60 seconds" in e.value for e in stranger.error)
    owner = open_data()
    owner.text_input(key="auth_username").input("dinas_aceh")
    owner.text_input(key="auth_password").input("rahasia-aceh")
    owner.get("form_submit_button")[0].click().run()
    assert any("dinas\\_aceh" in c.value for c in owner.caption)  # escaped (inert markdown)


def test_sign_in_succeeds_with_the_right_password():
    at = open_data()
    at.text_input(key="auth_username").input("dinas_aceh")
    at.text_input(key="auth_password").input("rahasia-aceh")
    at.get("form_submit_button")[0].click().run()
    assert any("dinas\\_aceh" in c.value for c in at.caption)  # the name is shown escaped (inert markdown)
    assert "Import" in sections(at)


def test_editing_previews_the_score_live_and_saves_a_new_version(own_store):
    at = open_data(User("dinas_aceh", "editor", ("11",)))
    at.segmented_control(key="data_section").set_value("edit").run()
    product = at.selectbox(key="edit_product").value
    inputs = [n for n in at.number_input if n.key and n.key.endswith("_k3")]
    if not inputs:  # a detailed-format product: switch it to the simple format first
        at.toggle(key=next(tg.key for tg in at.toggle if tg.key.endswith("_detailed"))).set_value(False).run()
        inputs = [n for n in at.number_input if n.key and n.key.endswith("_k3")]
    before = next(m.value for m in at.metric if m.label == "Score")
    inputs[0].set_value(100.0 if inputs[0].value < 100 else 0.0).run()
    after = next(m.value for m in at.metric if m.label == "Score")
    assert after != before
    save = next(b for b in at.button if b.key and b.key.endswith("_save"))
    save.click().run()
    assert not at.exception
    assert any("Saved as version #2" in s.value for s in at.success)
    store = Store.from_env()
    assert store.current_version().author == "dinas_aceh"
    row = rounds.current(store.load()).set_index("product_id").loc[product]
    assert row["revision"] >= 2


def test_an_editor_only_sees_products_of_their_regions():
    at = open_data(User("dinas_aceh", "editor", ("11",)))
    at.segmented_control(key="data_section").set_value("edit").run()
    options = at.selectbox(key="edit_product").options
    store = Store.from_env()
    frame = rounds.current(store.load()).set_index("product_id")
    ids = [o.rsplit(" · ", 1)[-1] for o in options]
    assert ids and (frame.loc[ids, "province"] == "11").all()


def test_a_stale_edit_is_refused_with_a_clear_message():
    at = open_data(User("dinas_aceh", "editor", ("11",)))
    at.segmented_control(key="data_section").set_value("edit").run()
    product = at.selectbox(key="edit_product").value
    store = Store.from_env()
    revision = int(rounds.current(store.load()).set_index("product_id").loc[product, "revision"])
    store.update_product(product, {"assessors": 7.0}, expected_revision=revision, user=User("admin", "admin"))
    version = store.current_version().id
    save = next(b for b in at.button if b.key and b.key.endswith("_save"))
    save.click().run()
    assert at.error, "a stale save must be refused"
    assert store.current_version().id == version


def test_admin_can_roll_back():
    at = open_data(User("admin", "admin"))
    store = Store.from_env()
    first = store.current_version().id
    frame = store.load().drop(columns=["revision"])
    store.import_frame(frame.head(10), User("admin", "admin"), note="tiny", mode="replace")
    at.run()
    at.segmented_control(key="data_section").set_value("history").run()
    at.selectbox(key="data_rollback_id").set_value(first).run()
    at.checkbox(key="data_rollback_confirm").check().run()
    next(b for b in at.button if b.key == "data_rollback_go").click().run()
    assert not at.exception
    assert store.current_version().n_rows == len(frame)
    assert store.current_version().action == "rollback"


def test_an_editor_marks_a_product_non_halal_and_sets_its_rating_date(own_store):
    at = open_data(User("dinas_aceh", "editor", ("11",)))
    at.segmented_control(key="data_section").set_value("edit").run()
    product = at.selectbox(key="edit_product").value
    non_halal = next(tg for tg in at.toggle if tg.key.endswith("_non_halal"))
    halal = next(tg for tg in at.toggle if tg.key.endswith("_halal") and not tg.key.endswith("_non_halal"))
    halal.set_value(False).run()
    non_halal = next(tg for tg in at.toggle if tg.key.endswith("_non_halal"))
    non_halal.set_value(True).run()
    rated = next(d for d in at.date_input if d.key.endswith("_rated_on"))
    rated.set_value(datetime.date(2025, 6, 30)).run()
    next(b for b in at.button if b.key and b.key.endswith("_save")).click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    row = rounds.current(Store.from_env().load()).set_index("product_id").loc[product]
    assert bool(row["non_halal"]) and not bool(row["halal"])
    assert pd.Timestamp(row["rated_on"]) == pd.Timestamp("2025-06-30")
