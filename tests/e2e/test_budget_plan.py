"""The budget planner in a real browser: choose the question, change the budget, download the plan."""

from .browser import Watch, screenshot, wait_ready


def test_a_bigger_budget_funds_more_products_and_the_plan_downloads(browser, app_url):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, accept_downloads=True)
    page = context.new_page()
    watch = Watch()
    watch.attach(context, page)
    page.goto(f"{app_url}/whatif?lang=id")
    wait_ready(page, '[data-testid="stMetric"]')  # the coaching scenario first
    page.get_by_text("Dengan anggaran ini, produk mana?").click()
    wait_ready(page, '[data-testid="stMetric"]')
    sentence = page.locator('[data-testid="stAlert"]').first
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stAlert\"]')].some(e => e.innerText.includes('anggaran Rp 500.000.000'))",
        timeout=30_000,
    )
    before = sentence.inner_text()
    budget = page.get_by_role("spinbutton", name="Anggaran (Rp)")
    budget.fill("100000000")
    budget.press("Enter")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stAlert\"]')].some(e => e.innerText.includes('anggaran Rp 100.000.000'))",
        timeout=30_000,
    )
    assert sentence.inner_text() != before
    # The new sentence is drawn before the rest of the page: wait for the rerun to end, or the click can
    # land on the previous run's button while the page is replaced (seen at load 8 on two cores).
    wait_ready(page, '[data-testid="stDownloadButton"]')
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Unduh rencana (XLSX)").click()
    assert download.value.suggested_filename == "rencana_anggaran.xlsx"
    screenshot(page, "budget-plan-id-1920x1080")
    assert watch.outside == []
    assert watch.relevant_console_errors() == [], watch.console_errors
    context.close()
