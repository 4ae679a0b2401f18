"""Bring your own data in a real browser: sign in, upload a bad file (report, nothing stored), then a good one."""

import sys
import urllib.request
from pathlib import Path

from ovop_core.auth import hash_password
from ovop_core.demo import synthetic_registry
from ovop_core.export import write_csv

from .browser import Watch, running_app, screenshot, wait_ready

DATA = Path(__file__).resolve().parents[1] / "data"
BAD = DATA / "bad" / "unknown_region.csv"
sys.path.insert(0, str(DATA))
import make_hostile_files as hostile  # noqa: E402


def account_env(tmp_path, name: str, password: str, role: str, regions: str = "") -> dict:
    """A secrets file with one account, and the env that points a server at it and at its own data."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        f"[auth_users.{name}]\n"
        f'password_hash = "{hash_password(password)}"\nrole = "{role}"\n'
        + (f"regions = {regions}\n" if regions else ""),
        encoding="utf-8",
    )
    return {"STREAMLIT_SECRETS_FILES": str(secrets), "OVOP_DATA_DIR": str(tmp_path / "data")}


def sign_in(page, name: str, password: str) -> None:
    page.get_by_text("Sign in (editor/admin)").click()
    page.get_by_role("textbox", name="User name").fill(name)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_text("Signed in as").wait_for(timeout=30_000)


def test_an_editor_uploads_a_bad_then_a_good_registry(browser, tmp_path):
    env = account_env(tmp_path, "dinas_aceh", "rahasia-aceh", "editor", '["11"]')
    good = synthetic_registry(12, seed=31)
    good["region_code"], good["province"] = "11.04", "11"
    good["product_id"] = [f"ACEH-{i:03d}" for i in range(len(good))]
    good_path = tmp_path / "registri_aceh.csv"
    write_csv(good, good_path)
    with running_app(env=env) as base:
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        watch = Watch()
        watch.attach(context, page)
        page.goto(f"{base}/data?lang=en")
        wait_ready(page, '[data-testid="stMetric"]')
        assert page.locator('[data-testid="stFileUploader"]').count() == 0  # a viewer cannot import
        sign_in(page, "dinas_aceh", "rahasia-aceh")
        page.locator("button", has_text="Import").first.click()
        page.wait_for_selector('[data-testid="stFileUploader"]', timeout=30_000)

        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(BAD))
        page.get_by_text("rejected").first.wait_for(timeout=30_000)
        assert page.get_by_role("button", name="Import as a new version").count() == 0
        screenshot(page, "data-import-rejected-en")

        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(good_path))
        page.get_by_text("12 products, no errors").wait_for(timeout=30_000)
        page.get_by_role("button", name="Import as a new version").click()
        page.get_by_text("Saved as version #2").wait_for(timeout=30_000)
        screenshot(page, "data-import-saved-en")
        assert watch.outside == []
        assert watch.relevant_console_errors() == [], watch.console_errors
        context.close()


def test_the_far_cell_workbook_is_refused_in_the_page_and_the_server_keeps_answering(browser, tmp_path):
    """The 1.9 KB XLSX with one cell at XFD1048576 used to abort the server for every user."""
    env = account_env(tmp_path, "admin", "rahasia-admin", "admin")
    far = hostile.write(tmp_path / "registri_far.xlsx", hostile.far_cell_xlsx())
    with running_app(env=env) as base:
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        watch = Watch()
        watch.attach(context, page)
        page.goto(f"{base}/data?lang=en")
        wait_ready(page, '[data-testid="stMetric"]')
        sign_in(page, "admin", "rahasia-admin")
        page.locator("button", has_text="Import").first.click()
        page.wait_for_selector('[data-testid="stFileUploader"]', timeout=30_000)
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(far))
        page.locator("[data-testid=stAlert]", has_text="XFD1048576 (16,384 columns").first.wait_for(timeout=30_000)
        assert page.get_by_role("button", name="Import as a new version").count() == 0
        screenshot(page, "data-import-far-cell-en")

        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=10) as answer:
            assert answer.status == 200
        other = context.new_page()
        other.goto(f"{base}/?lang=en")
        wait_ready(other, '[data-testid="stMetric"]')
        assert other.locator('[data-testid="stMetric"]').count() > 0
        assert watch.outside == []
        context.close()
