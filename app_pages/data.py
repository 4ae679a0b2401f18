"""Data: version history, import with a validation report, editing one product, its photos, templates
and export.

Viewers see the history, templates and export; import and editing exist only for signed-in
editors and admins (the store checks every write again: role, regions, concurrent edits).
"""

import streamlit as st

from ovop_ui.data_access import store as data_store
from ovop_ui.data_access.dataset import current_dataset
from ovop_ui.data_access.uploads import forget_upload
from ovop_ui.shell import state
from ovop_ui.shell.session import current_user
from ovop_ui.shell.state import t
from ovop_ui.widgets import data_sections
from ovop_ui.widgets.data_editor import product_editor
from ovop_ui.widgets.data_import import import_section
from ovop_ui.widgets.photo_upload import photo_section

lang = state.current_lang()
user = current_user()
store = data_store.store()
dataset = current_dataset()

st.title(t("data.title"))
st.caption(t("data.intro"))
data_store.flash()
if store is None:
    data_sections.store_unavailable(dataset)
    st.stop()

version = store.current_version()
data_sections.version_card(version, lang)
section = data_sections.choose_section(user, lang)
if section != "import":
    forget_upload()

if section == "import":
    import_section(store, user, dataset, lang)
elif section == "edit":
    product_editor(store, user, lang)
elif section == "photos":
    photo_section(store, user, lang)
elif section == "history":
    data_sections.history_section(store, user, lang)
else:  # export & templates
    data_sections.export_section(dataset, user, version, lang)
