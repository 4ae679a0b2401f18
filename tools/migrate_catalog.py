"""Move bilingual texts written in the code into the gettext catalogs, and compile them.

Dev-time only (never imported by the app). The ``.po`` files under ``ovop_core/locale`` are the
source of truth; this script MERGES into them the texts still written the old way:

- the UI catalog dict ``CATALOG`` in ``ovop_ui/text/i18n.py`` (ids kept as they are),
- ``MESSAGES`` / ``FILE_KINDS`` in ``ovop_core/registry/messages.py`` (ids ``registry.<key>``,
  ``registry.kind.<kind>``),
- ``--pairs FILE.py``: a module with ``PAIRS = {id: (indonesian, english)}`` (hand conversions),

read from the working tree or, with ``--rev REV``, from a git revision (e.g. ``main`` after a
rebase, to pick up texts other branches added in the old style). A text found in a legacy source
replaces the catalog's text of the same id; ids only in the catalog are kept. Then every ``.po``
is rewritten sorted by id and compiled to ``.mo`` (``make catalogs`` runs ``--compile-only``).

    python tools/migrate_catalog.py [--rev main] [--pairs extra.py] [--compile-only]
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import io
import runpy
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "ovop_core" / "locale"
LANGS = ("id", "en")
DOMAIN = "ovop"
LANGUAGE_NAMES = {"id": "Indonesian", "en": "English"}
HEADER_COMMENT = """\
# OVOP Dashboard: every user-facing text of core and UI, in {language}.
# msgid = the message id, msgstr = the text; placeholders are str.format names ({{name}}).
# Keep the ids and placeholders the same in every language; `make catalogs` compiles the .mo."""
FIXED_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)  # stable headers: a re-run changes nothing


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def source(path: str, rev: str | None) -> str | None:
    if rev is None:
        file = ROOT / path
        return file.read_text(encoding="utf-8") if file.exists() else None
    done = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else None


def assigned_dict(text: str, name: str):
    """The literal dict assigned to ``name`` (also inside a call such as ``MappingProxyType({...})``)."""
    for node in ast.walk(ast.parse(text)):
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        if any(isinstance(t, ast.Name) and t.id == name for t in targets) and node.value is not None:
            for inner in ast.walk(node.value):
                if isinstance(inner, ast.Dict):
                    return ast.literal_eval(inner)
    return None


def legacy_pairs(rev: str | None) -> dict[str, tuple[str, str]]:
    pairs: dict[str, tuple[str, str]] = {}
    ui = source("ovop_ui/text/i18n.py", rev)
    catalog = assigned_dict(ui, "CATALOG") if ui else None
    if catalog:
        for key in catalog["id"].keys() | catalog["en"].keys():
            pairs[key] = (catalog["id"].get(key, ""), catalog["en"].get(key, ""))
    registry = source("ovop_core/registry/messages.py", rev)
    for name, prefix in (("MESSAGES", "registry."), ("FILE_KINDS", "registry.kind.")):
        found = assigned_dict(registry, name) if registry else None
        for key, (text_id, text_en) in (found or {}).items():
            pairs[prefix + key] = (text_id, text_en)
    return pairs


def read_catalogs() -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = {lang: {} for lang in LANGS}
    for lang in LANGS:
        if po_path(lang).exists():
            with po_path(lang).open("rb") as f:
                for message in read_po(f, locale=lang, domain=DOMAIN):
                    if message.id:
                        texts[lang][message.id] = message.string
    return texts


def write_catalogs(texts: dict[str, dict[str, str]]) -> None:
    for lang in LANGS:
        catalog = Catalog(
            locale=lang,
            domain=DOMAIN,
            project="OVOP Dashboard",
            version="1",
            creation_date=FIXED_DATE,
            revision_date=FIXED_DATE,
            fuzzy=False,
            header_comment=HEADER_COMMENT.format(language=LANGUAGE_NAMES[lang]),
            msgid_bugs_address="-",
            last_translator="OVOP Dashboard",
            language_team=LANGUAGE_NAMES[lang],
        )
        for key in sorted(texts[lang]):
            flags = ("python-brace-format",) if "{" in texts[lang][key] else ()
            catalog.add(key, texts[lang][key], flags=flags)
        po_path(lang).parent.mkdir(parents=True, exist_ok=True)
        with po_path(lang).open("wb") as f:
            write_po(f, catalog, width=100, sort_output=True, omit_header=False)


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes of one ``.po`` file (the test compares them with the committed ``.mo``)."""
    with po.open("rb") as f:
        catalog = read_po(f)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def compile_all() -> None:
    for lang in LANGS:
        po_path(lang).with_suffix(".mo").write_bytes(compile_po(po_path(lang)))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", help="read the legacy sources from this git revision")
    parser.add_argument("--pairs", action="append", default=[], help="a .py file defining PAIRS")
    parser.add_argument("--compile-only", action="store_true")
    args = parser.parse_args(argv)
    if not args.compile_only:
        texts = read_catalogs()
        pairs = legacy_pairs(args.rev)
        for extra in args.pairs:
            pairs.update(runpy.run_path(extra)["PAIRS"])
        for key, (text_id, text_en) in pairs.items():
            texts["id"][key], texts["en"][key] = text_id, text_en
        write_catalogs(texts)
        print(f"{len(pairs)} texts merged; {len(texts['id'])} ids in the catalog")
    compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
