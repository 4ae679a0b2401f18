"""The what-if page in a real browser: moving a lever changes the summary sentence, offline."""

from .browser import Watch, screenshot, wait_ready


def test_moving_the_quality_lever_changes_the_sentence(browser, app_url):
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    watch = Watch()
    watch.attach(context, page)
    page.goto(f"{app_url}/whatif?lang=en&iv=halal&tc=pangan")
    wait_ready(page, '[data-testid="stAlert"]')
    sentence = page.locator('[data-testid="stAlert"]').first
    first = sentence.inner_text()
    assert "If " in first and "processed food products obtain halal certification" in first
    thumb = page.get_by_role("slider").first
    thumb.focus()
    for _ in range(4):  # 4 steps of 5 points, as a person taps the arrow key
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(250)
    page.wait_for_function(
        "() => { const el = document.querySelector('[data-testid=\"stAlert\"]'); return el && el.innerText.includes('by 20 points'); }",
        timeout=30_000,
    )
    second = sentence.inner_text()
    assert "improve quality by 20 points" in second
    page.wait_for_function("() => /q=20/.test(location.search)", timeout=10_000)
    screenshot(page, "whatif-en-1920x1080")
    assert watch.outside == []
    assert watch.relevant_console_errors() == [], watch.console_errors
    context.close()
