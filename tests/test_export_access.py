"""Revenue and workers in the Data page's export are an editor/admin right (issue 10, defect 10)."""

import pytest
from app_helpers import fresh_data
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from ovop_core.registry import read_registry
from ovop_core.users import User
from ovop_ui.data_access.dataset import demo_frame
from ovop_ui.shell.access import export_frame

APP = "../app.py"


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch):
    yield from fresh_data(tmp_path, monkeypatch)


@pytest.fixture
def downloads(monkeypatch):
    """The bytes behind every download button the page draws, by file name."""
    files: dict[str, bytes] = {}
    real = MemoryMediaFileStorage.load_and_get_id

    def keep(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes) and filename:
            files[filename] = path_or_data
        return real(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return files


def open_export(user: User | None, lang="en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    if user is not None:
        at.session_state["_signed_in_user"] = user
    at.switch_page("app_pages/data.py").run()
    at.segmented_control(key="data_section").set_value("export").run()
    assert not at.exception
    return at


def exported(files: dict[str, bytes], ext: str):
    name = next(n for n in files if n.startswith("registri-ovop-") and n.endswith(ext))
    result = read_registry(files[name], name=name)
    assert result.ok, result.errors.head().to_dict("records")
    return result.frame


def test_the_demo_data_has_economic_figures_to_withhold():
    demo = demo_frame()
    assert demo["revenue_idr"].notna().sum() > 100 and demo["workers"].notna().sum() > 100


@pytest.mark.parametrize("ext", [".csv", ".xlsx"])
def test_a_viewer_downloads_the_registry_without_revenue_and_workers(downloads, ext):
    at = open_export(None)
    frame = exported(downloads, ext)
    assert len(frame) == len(demo_frame())
    assert frame["revenue_idr"].isna().all() and frame["workers"].isna().all()
    assert frame["k1"].notna().any()  # everything else is there
    assert any("revenue and workers columns are left empty" in c.value for c in at.caption)


@pytest.mark.parametrize("user", [User("dinas_aceh", "editor", ("11",)), User("admin", "admin")])
def test_editors_and_admins_download_the_economic_columns(downloads, user):
    at = open_export(user)
    frame = exported(downloads, ".csv").set_index(["product_id", "round"])  # every round is exported
    demo = demo_frame().set_index(["product_id", "round"])
    assert frame["revenue_idr"].notna().sum() == demo["revenue_idr"].notna().sum()
    assert (frame["workers"].dropna() == demo.loc[frame["workers"].dropna().index, "workers"]).all()
    assert not any("left empty" in c.value for c in at.caption)


def test_the_viewer_caption_is_in_indonesian_too(downloads):
    at = open_export(None, lang="id")
    assert any("Kolom omzet dan tenaga kerja dikosongkan" in c.value for c in at.caption)


def test_export_frame_leaves_the_dataset_itself_untouched():
    demo = demo_frame()
    before = demo["revenue_idr"].notna().sum()
    export_frame(demo, User("", "viewer"))
    assert demo["revenue_idr"].notna().sum() == before
