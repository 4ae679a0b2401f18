"""User-supplied text never renders as markdown (issue 10, defect 8).

File names, product ids, usernames and store messages that embed them reach Streamlit elements
that render markdown (alerts, captions, metric values). They must show literally: no bold, no
links, no :red[colour], no :material/icon: or emoji shortcodes.
"""

import re

import pytest
from app_helpers import fresh_data, open_data_page
from streamlit.testing.v1 import AppTest

from ovop_core.store import Store
from ovop_core.users import User
from ovop_ui.text.format import md_escape

APP = "../app.py"
HOSTILE = "**x**[link](http://e.vil):red[y].csv"
EDITOR = User("dinas_aceh", "editor", ("11",))
HEADER = "product_id,name,category,region_code,stage,k1,k2,k3,k4,k5,nib,permit,halal,brand,export"


def unescaped(text: str, ch: str) -> list[int]:
    """Positions of ``ch`` not preceded by a backslash."""
    return [m.start() for m in re.finditer(rf"(?<!\\){re.escape(ch)}", text)]


@pytest.mark.parametrize("ch", list("\\`*_{}[]()#+-.!|<>~$:&"))
def test_every_markdown_character_is_escaped(ch):
    escaped = md_escape(f"a{ch}b")
    assert escaped.startswith(f"a\\{ch}")


def test_the_hostile_name_keeps_no_live_markdown():
    escaped = md_escape(HOSTILE)
    for ch in "[]()*":
        assert not unescaped(escaped, ch), ch
    assert escaped.replace("\\", "").replace("\u2060", "") == HOSTILE  # shows exactly as typed


@pytest.mark.parametrize("text", [":material/home:", ":streamlit:", ":fire:", ":red[x]", ":red-background[x]"])
def test_shortcodes_and_directives_cannot_match_after_escaping(text):
    escaped = md_escape(text)
    # Streamlit matches these on the parsed text, where backslash escapes are already resolved.
    parsed = re.sub(r"\\(.)", r"\1", escaped)
    assert not re.search(r":[\w+-][\w+-]*:", parsed)
    assert not re.search(r":material/", parsed)
    assert not re.search(r":[a-z-]+\[", parsed)


def test_line_breaks_cannot_start_a_new_block():
    assert "\n" not in md_escape("Kopi\n# Judul\r\n- item")


# --- the Data page -----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def own_store(tmp_path, monkeypatch):
    yield from fresh_data(tmp_path, monkeypatch)


def open_import(user: User = EDITOR) -> AppTest:
    return open_data_page(user)


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader(key="data_upload").set_value((name, content, "text/csv")).run()
    assert not at.exception
    return at


def test_a_rejected_file_name_reaches_the_error_escaped():
    at = upload(open_import(), HOSTILE, b"product_id,name\nP1,Kopi\n")
    messages = [e.value for e in at.error if "refused" in e.value]
    assert messages, [e.value for e in at.error]
    assert messages[0].startswith(md_escape(HOSTILE) + " was refused")
    assert not unescaped(messages[0], "[") and not unescaped(messages[0], "*")


def test_a_clean_file_name_reaches_the_success_escaped():
    content = f"{HEADER}\nP-ACEH-1,Kopi Gayo,minuman,11.04,1,60,60,60,60,60,ya,none,ya,ya,tidak\n".encode()
    at = upload(open_import(), HOSTILE, content)
    assert at.success, [e.value for e in at.error]
    assert at.success[0].value.startswith(md_escape(HOSTILE) + ": 1 products")
    assert not unescaped(at.success[0].value, "[")


def test_a_store_refusal_naming_a_hostile_product_id_is_escaped():
    product_id = "[p](http://e.vil)"
    content = f"{HEADER}\n{product_id},Tenun,tekstil,51.07,1,60,60,60,60,60,ya,none,tidak,ya,tidak\n".encode()
    at = upload(open_import(), "bali.csv", content)
    assert at.success, [e.value for e in at.error]
    at.button(key="data_import_go").click().run()
    assert not at.exception
    refusals = [e.value for e in at.error if "outside your regions" in e.value]
    assert refusals, [e.value for e in at.error]
    assert md_escape(product_id) in refusals[0]
    assert not unescaped(refusals[0], "[") and not unescaped(refusals[0], "(")


def test_the_signed_in_name_and_the_version_author_are_escaped():
    store = Store.from_env()
    store.migrate()
    from ovop_ui.data_access.dataset import demo_frame

    store.ensure_seeded(demo_frame())
    author = User("**boss**_[x](http://e.vil)", "admin")
    store.import_frame(demo_frame().head(5), author, note="tiny", mode="replace")
    at = open_import(author)
    by = next(m for m in at.metric if m.label == "By")
    assert by.value == md_escape(author.username)
    assert any(md_escape(author.username) in c.value for c in at.sidebar.caption)
