"""User-supplied text is shown as text in a real browser, never run as HTML."""

from pathlib import Path

from ovop_core.demo import synthetic_registry
from ovop_core.export import write_csv
from ovop_core.model import SUB_ITEM_KEYS

from .browser import Watch, running_app, wait_ready

XSS = "<img src=x onerror=alert(1)>"


def test_a_product_named_like_html_is_shown_as_text(browser, tmp_path: Path):
    frame = synthetic_registry(60, seed=8)
    frame.loc[0, ["name", "region_code", "province"]] = [XSS, "51.07", "51"]
    frame.loc[0, ["k1", "k2", "k3", "k4", "k5"]] = 99.0  # top product: shown on the overview too
    frame.loc[0, list(SUB_ITEM_KEYS)] = float("nan")
    path = tmp_path / "registry.csv"
    write_csv(frame, path)
    dialogs = []
    with running_app(env={"OVOP_DATA_FILE": str(path)}) as base:
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        watch = Watch()
        watch.attach(context, page)
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for url in (f"{base}/?lang=en", f"{base}/map?lang=en&prov=51&kab=51.07"):
            page.goto(url)
            wait_ready(page, '[data-testid="stDataFrame"]')
            page.wait_for_timeout(1500)
            assert page.locator("img[src='x']").count() == 0
            if "map" not in url:  # the overview's product picker shows the top product's name
                assert page.get_by_text(XSS, exact=False).count() >= 1
        page.get_by_text("Region profile").first.wait_for()
        context.close()
    assert dialogs == []
    assert watch.outside == []
