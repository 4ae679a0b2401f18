"""One translation system: every user-facing text is a message id in the gettext catalogs.

The catalogs (``ovop_core/locale/<lang>/LC_MESSAGES/ovop.po``, compiled to ``.mo``) hold the same
ids with the same placeholders in Indonesian and English; every id the code names exists; and no
text bypasses them — no ``if lang == "id"`` with words in its branches, no ``x_id``/``x_en`` text
pairs, no ``{"id": …, "en": …}`` word dicts, no Indonesian sentence in a code literal.
"""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path
from string import Formatter

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ovop_core.catalog import LANGS, LOCALE_DIR, Message, catalog, message_ids, translate

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    [ROOT / "app.py"] + [p for folder in ("app_pages", "ovop_ui", "ovop_core") for p in (ROOT / folder).rglob("*.py")]
)
IDS = sorted(message_ids())

# Word-bearing literals that are not texts for people to read, with the reason.
NOT_TEXTS = {
    "ovop_core/schema.py": "the file format: Indonesian column aliases and accepted cell values the reader parses",
    "ovop_core/registry/columns.py": "the file format: header aliases the reader recognises",
}
# Dicts keyed by language that hold no translatable text, with the reason.
LANGUAGE_DATA = {
    "LANG_NAMES": "each language's name in its own words, the same whatever the UI language",
    "BOOLEAN_CHOICES": "yes/no cell values of the file format, which the reader parses",
    "_BOOL_TEXT": "yes/no cell values of the file format, which the reader parses",
    "_RUPIAH_SCALES": "number-scale abbreviations of the number formatter (Babel has no short rupiah scales)",
    "_LOCALE": "Babel locale codes",
    "_DATE_LOCALE": "Babel locale codes",
}
# Code that still words texts in pairs, waiting for its conversion (path → why); the tests below
# skip these files and fail once a file here has nothing left to convert.
PENDING: dict[str, str] = {}


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def placeholders(text: str) -> set[tuple[str, str]]:
    return {(name, spec) for _, name, spec, _ in Formatter().parse(text) if name is not None}


def po_file(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "ovop.po"


# --- the catalogs -------------------------------------------------------------------------------


def test_both_catalogs_hold_the_same_ids():
    assert len(IDS) > 500
    assert set(catalog("id")) == set(catalog("en"))


@pytest.mark.parametrize("key", IDS)
def test_a_message_has_words_and_the_same_placeholders_in_both_languages(key):
    text_id, text_en = catalog("id")[key], catalog("en")[key]
    assert text_id.strip() and text_en.strip()
    assert placeholders(text_id) == placeholders(text_en)


@pytest.mark.parametrize("lang", LANGS)
def test_the_committed_mo_is_a_fresh_compile_of_the_po(lang):
    with po_file(lang).open("rb") as f:
        parsed = read_po(f)
    fresh = io.BytesIO()
    write_mo(fresh, parsed)
    assert po_file(lang).with_suffix(".mo").read_bytes() == fresh.getvalue(), "run `make catalogs`"


@pytest.mark.parametrize("lang", LANGS)
def test_the_po_declares_its_language_and_no_fuzzy_or_empty_entry(lang):
    with po_file(lang).open("rb") as f:
        parsed = read_po(f)
    assert str(parsed.locale) == lang
    assert [m.id for m in parsed if m.id and (m.fuzzy or not m.string)] == []


def test_a_message_renders_in_the_callers_language_and_falls_back_to_indonesian():
    message = Message("kpi.regions_help", n_prov=38)
    assert message.render("id") == "di 38 provinsi"
    assert message.render("en") == "in 38 provinces"
    assert translate("kpi.products", "xx") == "Produk"
    assert translate("no.such.id", "en") == "no.such.id"
    nested = Message("registry.wrong_file_type", what=Message("registry.kind.pdf"))
    assert nested.render("en") == "This file is a PDF document, not a registry; upload a .csv, .xlsx or .ods file."


# --- the code against the catalogs --------------------------------------------------------------

CALLS = {"translate", "t", "Message"}  # functions whose first argument is a message id
ID_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
NAMESPACES = {key.split(".", 1)[0] for key in IDS}
FILE_SUFFIXES = (".py", ".po", ".mo", ".csv", ".xlsx", ".ods", ".json", ".html", ".svg", ".toml", ".txt")


def _named_ids(tree: ast.AST) -> tuple[set[str], set[str]]:
    """(ids, id prefixes of f-strings) named as the first argument of ``translate``/``t``/``Message``."""
    ids, prefixes = set(), set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in CALLS:
            continue
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            ids.add(first.value)
        elif isinstance(first, ast.JoinedStr) and first.values and isinstance(first.values[0], ast.Constant):
            prefixes.add(first.values[0].value)
    return ids, prefixes


def _id_like_literals(tree: ast.AST) -> set[str]:
    """Literals shaped like a message id of a known namespace (``"kpi.products"``), wherever they are
    (the pieces of an f-string aside: their prefixes are checked with the calls)."""
    pieces = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and id(node) not in pieces
        and isinstance(node.value, str)
        and ID_SHAPE.match(node.value)
        and node.value.split(".", 1)[0] in NAMESPACES
        and not node.value.endswith(FILE_SUFFIXES)
    }


def test_every_message_id_the_code_names_exists():
    known, named, unknown = set(IDS), 0, []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        ids, prefixes = _named_ids(tree)
        named += len(ids)
        unknown += [f"{rel(path)}: {key}" for key in sorted(ids - known)]
        unknown += [f"{rel(path)}: {p}…" for p in sorted(prefixes) if not any(k.startswith(p) for k in known)]
    assert named > 300, "the scan finds the calls"
    assert unknown == []


TEMPLATE_CALL = re.compile(r"""\bt\(\s*["']([^"']+)["']""")


def test_every_message_id_an_html_template_names_exists():
    """Jinja templates (``ovop_ui/templates``) word their texts with ``t("id")`` too."""
    files = sorted((ROOT / "ovop_ui" / "templates").glob("*.*")) if (ROOT / "ovop_ui" / "templates").is_dir() else []
    named = {(f.name, key) for f in files for key in TEMPLATE_CALL.findall(f.read_text(encoding="utf-8"))}
    assert [f"{name}: {key}" for name, key in sorted(named) if key not in set(IDS)] == []


def test_every_id_shaped_literal_is_a_message_in_the_catalog():
    """Ids handed around as data (a label key in a table of widgets) exist too."""
    unknown = []
    for path in SOURCES:
        if rel(path) in PENDING:
            continue
        literals = _id_like_literals(ast.parse(path.read_text(encoding="utf-8")))
        unknown += [f"{rel(path)}: {key}" for key in sorted(literals - set(IDS) - _module_names())]
    assert unknown == []


def _module_names() -> set[str]:
    return {rel(p)[:-3].replace("/", ".").removesuffix(".__init__") for p in SOURCES}


# --- nothing bypasses the catalogs --------------------------------------------------------------

WORDS = re.compile(r"[A-Za-z]{2}")
LANG_CODES = {"id", "en"}
INDONESIAN = re.compile(
    r"\b(yang|tidak|belum|dengan|untuk|harus|sudah|atau|dari|pada|bukan|baris|kolom|berkas|dibatasi|"
    r"wilayah|tahap|produk)\b",
    re.IGNORECASE,
)


def _docstrings(tree: ast.AST) -> set[int]:
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _worded(nodes, docstrings: set[int] = frozenset()) -> list[str]:
    """String literals with words (not a language code) inside ``nodes``."""
    found = []
    for top in nodes:
        for node in ast.walk(top):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                if WORDS.search(node.value) and node.value not in LANG_CODES:
                    found.append(node.value)
    return found


def _tests_language(test: ast.AST) -> bool:
    """``lang == "id"``, ``"en" != lang``, ``lang in ("id", …)`` or a flag named ``id_``/``is_id``."""
    for node in ast.walk(test):
        if isinstance(node, ast.Name) and node.id in {"id_", "is_id", "is_en", "en_"}:
            return True
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for operand in operands:
                values = operand.elts if isinstance(operand, (ast.Tuple, ast.Set, ast.List)) else [operand]
                if any(isinstance(v, ast.Constant) and v.value in LANG_CODES for v in values):
                    return True
    return False


def language_branches(source: str) -> list[str]:
    """Texts chosen by a branch on the language instead of a catalog lookup."""
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.IfExp, ast.If)) and _tests_language(node.test):
            branches = [node.body, node.orelse] if isinstance(node, ast.IfExp) else [*node.body, *node.orelse]
            found += [f"line {node.lineno}: {text!r}" for text in _worded(branches)]
    return found


# ``frame.assign(cap_reason_id=…)`` / ``columns.update(cap_reason_id=…)`` name table columns: the
# scored table carries its reasons rendered once per language (vectorised), not as attributes.
TABLE_CALLS = {"assign", "update"}


def bilingual_pairs(source: str) -> list[str]:
    """``x_id``/``x_en`` pairs: fields of a class, attributes set on ``self``, keyword arguments
    of one call, or parameters of one function."""
    tree = ast.parse(source)
    found = []

    def pairs(names: list[str], where: str, line: int) -> None:
        stems = {n[:-3] for n in names if n.endswith("_id")} & {n[:-3] for n in names if n.endswith("_en")}
        found.extend(f"line {line}: {where} {stem}_id/{stem}_en" for stem in sorted(stems))

    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            names = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
            names += [
                t.attr
                for s in ast.walk(node)
                if isinstance(s, ast.Assign)
                for t in s.targets
                if isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) and t.value.id == "self"
            ]
            pairs(names, f"class {node.name}", node.lineno)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") not in TABLE_CALLS:
            pairs([k.arg for k in node.keywords if k.arg], "call with", node.lineno)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            pairs([a.arg for a in args.posonlyargs + args.args + args.kwonlyargs], f"def {node.name}", node.lineno)
    return found


def _language_data(tree: ast.AST) -> set[int]:
    """The nodes inside an assignment to a name of ``LANGUAGE_DATA``."""
    return {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name) and target.id in LANGUAGE_DATA
        for inner in ast.walk(node.value)
    }


def language_dicts(source: str) -> list[str]:
    """Dict literals keyed by ``"id"`` and ``"en"`` whose values hold words (a second catalog)."""
    tree = ast.parse(source)
    allowed = _language_data(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict) and id(node) not in allowed:
            keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
            if LANG_CODES <= keys and _worded(node.values):
                found.append(f"line {node.lineno}: {sorted(keys)}")
    return found


def indonesian_literals(source: str) -> list[str]:
    """Code literals (docstrings aside) that read as Indonesian sentences: words kept out of the catalog."""
    tree = ast.parse(source)
    skipped = _docstrings(tree) | _language_data(tree)
    return [
        f"line {node.lineno}: {node.value[:70]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skipped
        and INDONESIAN.search(node.value)
    ]


CHECKS = {
    "language_branches": language_branches,
    "bilingual_pairs": bilingual_pairs,
    "language_dicts": language_dicts,
    "indonesian_literals": indonesian_literals,
}
CHECKED = [p for p in SOURCES if rel(p) not in PENDING]


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_no_user_facing_text_bypasses_the_catalogs(check):
    found = []
    for path in CHECKED:
        if check == "indonesian_literals" and rel(path) in NOT_TEXTS:
            continue
        found += [f"{rel(path)}: {hit}" for hit in CHECKS[check](path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.parametrize(
    ("check", "source"),
    [
        ("language_branches", 'x = "Produk" if lang == "id" else "Product"'),
        ("language_branches", 'if lang == "en":\n    title = "Products"\n'),
        ("language_branches", 'x = "teks" if id_ else "text"'),
        ("bilingual_pairs", "class G:\n    missing_id: str\n    missing_en: str\n"),
        (
            "bilingual_pairs",
            "class E:\n    def __init__(self, a, b):\n        self.message_id = a\n        self.message_en = b\n",
        ),
        ("bilingual_pairs", "f(reason_id='belum', reason_en='not yet')"),
        ("language_dicts", 'NAMES = {"k1": {"id": "Mutu", "en": "Quality"}}'),
        ("indonesian_literals", 'GateItem("nib", 3, False, "belum ada NIB", "no NIB")'),
    ],
)
def test_each_bypass_check_catches_the_style_it_forbids(check, source):
    assert CHECKS[check](source)


@pytest.mark.parametrize(
    ("check", "source"),
    [
        ("language_branches", 'sep = ";" if lang == "id" else ","'),
        ("language_branches", 'other = "en" if lang == "id" else "id"'),
        ("bilingual_pairs", "def f(product_id, region_id):\n    return product_id\n"),
        ("language_dicts", 'LANG_NAMES = {"id": "Bahasa Indonesia", "en": "English"}'),
        ("indonesian_literals", 'def f():\n    """Baris dan kolom: a docstring may quote Indonesian."""\n'),
    ],
)
def test_the_bypass_checks_leave_separators_codes_and_docstrings_alone(check, source):
    assert CHECKS[check](source) == []


@pytest.mark.parametrize("path", sorted(PENDING))
def test_a_pending_module_still_has_texts_to_convert(path):
    """A module leaves PENDING as soon as its texts are in the catalog."""
    source = (ROOT / path).read_text(encoding="utf-8")
    assert any(check(source) for check in CHECKS.values()), f"{path} is converted: remove it from PENDING"
