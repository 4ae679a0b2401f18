"""Every page in every mode and language renders headless without an exception or an error box.

The smoke test of the OpenMS template, over the whole app: normal mode's six pages, present mode
and kiosk mode, in Indonesian and English. Each run also checks that the page drew something a
visitor can read (a title, a metric or a slide), so a page that silently renders nothing fails.
"""

from __future__ import annotations

import re

import pytest
from app_helpers import open_app
from streamlit.testing.v1 import AppTest

NORMAL = ["app_pages/overview.py", "app_pages/map.py", "app_pages/pipeline.py", "app_pages/whatif.py",
          "app_pages/method.py", "app_pages/data.py"]  # fmt: skip
CASES = [("normal", page) for page in NORMAL] + [("present", None), ("kiosk", None)]


def visible_text(at: AppTest) -> str:
    parts = [el.value for el in (*at.title, *at.header, *at.subheader, *at.markdown, *at.caption)]
    parts += [m.label for m in at.metric]
    parts += [re.sub(r"<[^>]+>", " ", h.value) for h in at.html]  # the kiosk draws its slides as HTML
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("mode", "page"), CASES, ids=[f"{m}-{(p or m).split('/')[-1]}" for m, p in CASES])
def test_every_page_and_mode_renders_cleanly(monkeypatch, mode, page, lang):
    at = open_app(monkeypatch, mode, page, lang=lang)
    assert not at.error, [e.value for e in at.error]
    assert len(visible_text(at)) > 40
