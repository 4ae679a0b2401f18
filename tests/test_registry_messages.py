"""The registry reader's messages are worded once, and OLE containers are told apart by olefile.

Every message lives in the one catalog (``ovop_core/locale``, ids ``registry.<key>``) in Indonesian
and English; these tests keep the two in step and keep wording from creeping back into the readers.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from string import Formatter

import pandas as pd
import pytest

from ovop_core.catalog import template
from ovop_core.registry import read_registry
from ovop_core.registry.messages import Both, file_kind, message_keys, render, render_rows

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ovop_core" / "registry"
sys.path.insert(0, str(ROOT / "tests" / "data"))
from make_bad_files import ole_file  # noqa: E402


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


MESSAGES = sorted(message_keys())
FILE_KINDS = ["archive", "doc", "docx", "image", "opendocument", "pdf", "ppt", "pptx", "video", "zip"]


@pytest.mark.parametrize("key", MESSAGES)
def test_every_message_has_both_languages_with_the_same_placeholders(key):
    text_id, text_en = (template(f"registry.{key}", lang) for lang in ("id", "en"))
    assert text_id.strip() and text_en.strip() and text_id != text_en
    assert placeholders(text_id) == placeholders(text_en)


@pytest.mark.parametrize("kind", FILE_KINDS)
def test_every_file_kind_is_named_in_both_languages(kind):
    text_id, text_en = (template(f"registry.kind.{kind}", lang) for lang in ("id", "en"))
    assert text_id != text_en and placeholders(text_id) == placeholders(text_en)
    assert file_kind(kind, name="GIF").render("en").startswith(("a ", "an "))


def test_a_message_renders_per_language_numbers_and_per_row_values():
    limit = Both("500.000", "500,000")
    assert render("too_many_rows", "id", limit=limit).startswith("Berkas berisi lebih dari 500.000 baris")
    assert render("too_many_rows", "en", limit=limit).startswith("The file holds more than 500,000 data rows")
    assert render("bad_encoding", "en", row=4, byte=0x81).startswith("Row 4: the file is neither")
    assert "(unknown byte 0x81)" in render("bad_encoding", "en", row=4, byte=0x81)
    rows = render_rows("duplicate_id", "en", 2, product_id=pd.Series(["P1", "P2"]), first_row=pd.Series(["2", "5"]))
    assert rows.tolist() == ["product_id 'P1' is already used in row 2.", "product_id 'P2' is already used in row 5."]


def _literals(path: Path) -> list[str]:
    """String literals of a module, docstrings left out."""
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


INDONESIAN_WORDS = re.compile(r"\b(berkas|baris|kolom|lembar|wajib|bukan|diisi|batasnya)\b", re.IGNORECASE)


READERS = sorted(p for p in PACKAGE.glob("*.py") if p.name != "messages.py")


@pytest.mark.parametrize("path", READERS, ids=lambda p: p.name)
def test_no_reader_module_words_a_message_of_its_own(path):
    worded = [text for text in _literals(path) if INDONESIAN_WORDS.search(text)]
    assert not worded, f"{path.name} words a message outside messages.py: {worded}"


# (function name, position of the code, position of the message id) of the calls that word a problem
WORDING_CALLS = {"refusal": (0, 1), "add": (3, 4), "report": (2, 3)}


def test_every_message_a_module_names_exists():
    named = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in WORDING_CALLS:
                continue
            texts = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            code_at, message_at = WORDING_CALLS[name]
            given = len(texts) > message_at  # else the message is worded under the problem's code
            key = texts[message_at] if given else (texts[code_at] if len(texts) > code_at else None)
            if key:  # a message chosen at run time (a variable) is not checked here
                named.add(key)
    assert len(named) > 40 and named <= set(MESSAGES), named - set(MESSAGES)


# --- OLE containers (read with olefile) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("streams", "code", "word_en"),
    [
        ({"WordDocument": b"\xec\xa5", "1Table": b""}, "wrong_file_type", "old Word document (.doc)"),
        ({"PowerPoint Document": b"\x00", "Current User": b""}, "wrong_file_type", "PowerPoint presentation (.ppt)"),
        ({"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"\x01" * 64}, "password_protected", "password"),
        ({"Workbook": b"\x09\x08", "SummaryInformation": b""}, "xls_format", "(.xls, Excel 97–2003)"),
    ],
)
def test_an_ole_container_is_refused_for_what_it_holds(streams, code, word_en):
    result = read_registry(ole_file(streams), name="upload.xlsx")
    assert result.frame is None
    assert result.problems["code"].tolist() == [code]
    assert word_en in result.problems["message_en"].iloc[0]


def test_a_damaged_ole_container_naming_an_encrypted_package_is_still_password_protected():
    data = ole_file({"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"\x01" * 64})
    damaged = data[:8] + b"\xff" * 40 + data[48:]  # the header's sector size and FAT pointers are garbage
    result = read_registry(damaged)
    assert result.problems["code"].tolist() == ["password_protected"]


def test_a_truncated_ole_container_is_an_old_excel_file_never_a_traceback():
    result = read_registry(ole_file({"Workbook": b"\x09\x08"})[:600])
    assert result.frame is None
    assert result.problems["code"].tolist() == ["xls_format"]
