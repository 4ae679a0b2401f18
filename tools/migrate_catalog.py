"""Move bilingual texts written in the code into the gettext catalogs, and compile them.

Dev-time only (never imported by the app). The ``.po`` files under ``ovop_core/locale`` are the
source of truth; this script MERGES into them the texts still written the old way:

- the UI catalog dict ``CATALOG`` in ``ovop_ui/text/i18n.py`` (ids kept as they are),
- ``MESSAGES`` / ``FILE_KINDS`` in ``ovop_core/registry/messages.py`` (ids ``registry.<key>``,
  ``registry.kind.<kind>``) and ``RANK_RULE_TEXT`` in ``ovop_core/regions.py`` (``rank.rule.<rule>``),
- the domain names and reasons of ``ovop_core/model.py`` and ``ovop_core/pipeline.py``, while they
  are still written as pairs: ``CRITERION_NAMES``/``CATEGORY_NAMES`` (``criterion.<k>``,
  ``category.<code>``), ``SubItem(...)`` (``subitem.<key>``), ``GateItem(...)``
  (``gate.missing.<key>[.<category>]``), ``ScoringModel(...)`` descriptions
  (``model.description.<variable>``), ``Stage(...)`` (``stage.<n>``), ``StageRule(...)``
  (``pipeline.reason.<kind>``; an English ``{assessor_word}`` becomes ``.one``/``.many`` ids) and
  ``MONTH_NAMES`` (``month.<1-12>``),
- ``--pairs FILE.py``: a module with ``PAIRS = {id: (indonesian, english)}`` (hand conversions),

read from the working tree or, with ``--rev REV``, from a git revision (e.g. ``main`` after a
rebase, to pick up texts other branches added in the old style). A text found in a legacy source
replaces the catalog's text of the same id; ids only in the catalog are kept. With ``--base REV``
only the texts that differ between ``--base`` and ``--rev`` are taken (e.g. ``--rev main --base
<main before the merges>``: exactly what the merged branches added or changed). Then every ``.po``
is rewritten sorted by id and compiled to ``.mo`` (``make catalogs`` runs ``--compile-only``).

    python tools/migrate_catalog.py [--rev main] [--pairs extra.py] [--dry-run] [--compile-only]
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


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None  # an f-string or a name: converted by hand


def calls(text: str, func: str, fields: tuple[str, ...]):
    """The literal arguments of every call ``func(...)`` as dicts keyed by ``fields`` (positional
    arguments in order, keywords by name), with the name the call is assigned to under ``"="``."""
    tree = ast.parse(text)
    assigned = {
        id(node.value): node.targets[0].id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == func:
            args = dict(zip(fields, (_literal(a) for a in node.args)))
            args.update({k.arg: _literal(k.value) for k in node.keywords if k.arg})
            args["="] = assigned.get(id(node))
            yield args


def domain_pairs(model: str | None, pipeline: str | None) -> dict[str, tuple[str, str]]:
    pairs: dict[str, tuple[str, str]] = {}
    if model:
        for name, prefix in (("CRITERION_NAMES", "criterion."), ("CATEGORY_NAMES", "category.")):
            for key, texts in (assigned_dict(model, name) or {}).items():
                pairs[prefix + key] = (texts["id"], texts["en"])
        for item in calls(model, "SubItem", ("key", "criterion", "points", "name_id", "name_en")):
            if isinstance(item.get("name_id"), str) and isinstance(item.get("name_en"), str):
                pairs[f"subitem.{item['key']}"] = (item["name_id"], item["name_en"])
        gate_fields = ("key", "star", "categories", "missing_id", "missing_en", "missing_by_category")
        for gate in calls(model, "GateItem", gate_fields):
            if isinstance(gate.get("missing_id"), str) and isinstance(gate.get("missing_en"), str):
                pairs[f"gate.missing.{gate['key']}"] = (gate["missing_id"], gate["missing_en"])
            worded = gate.get("missing_by_category")
            for category, (text_id, text_en) in (worded if isinstance(worded, dict) else {}).items():
                pairs[f"gate.missing.{gate['key']}.{category}"] = (text_id, text_en)
        for preset in calls(model, "ScoringModel", ("version", "weights", "description_id", "description_en")):
            if isinstance(preset.get("description_id"), str) and isinstance(preset.get("description_en"), str):
                name = (preset["="] or "custom").lower()
                pairs[f"model.description.{name}"] = (preset["description_id"], preset["description_en"])
    if pipeline:
        for stage in calls(pipeline, "Stage", ("number", "name_id", "name_en")):
            if isinstance(stage.get("name_id"), str) and isinstance(stage.get("name_en"), str):
                pairs[f"stage.{stage['number']}"] = (stage["name_id"], stage["name_en"])
        for rule in calls(pipeline, "StageRule", ("kind", "stages", "blocks", "reason_id", "reason_en")):
            if not (isinstance(rule.get("reason_id"), str) and isinstance(rule.get("reason_en"), str)):
                continue
            key, text_id, text_en = f"pipeline.reason.{rule['kind']}", rule["reason_id"], rule["reason_en"]
            if "{assessor_word}" in text_en:  # English grammatical number: one id per form
                pairs[key + ".one"] = (text_id, text_en.replace("{assessor_word}", "assessor"))
                pairs[key + ".many"] = (text_id, text_en.replace("{assessor_word}", "assessors"))
            else:
                pairs[key] = (text_id, text_en)
        months = assigned_dict(pipeline, "MONTH_NAMES") or {}
        for number, (text_id, text_en) in enumerate(zip(months.get("id", ()), months.get("en", ())), start=1):
            pairs[f"month.{number}"] = (text_id, text_en)
    return pairs


# Dicts of {key: (indonesian, english)} in the code: (path, variable, id prefix).
PAIR_DICTS = (
    ("ovop_core/registry/messages.py", "MESSAGES", "registry."),
    ("ovop_core/registry/messages.py", "FILE_KINDS", "registry.kind."),
    ("ovop_core/regions.py", "RANK_RULE_TEXT", "rank.rule."),
    ("ovop_core/methodology.py", "_GATE_EXEMPTIONS", "method.gate_exemption."),
)


def legacy_pairs(rev: str | None) -> dict[str, tuple[str, str]]:
    pairs: dict[str, tuple[str, str]] = {}
    ui = source("ovop_ui/text/i18n.py", rev)
    catalog = assigned_dict(ui, "CATALOG") if ui else None
    if catalog:
        for key in catalog["id"].keys() | catalog["en"].keys():
            pairs[key] = (catalog["id"].get(key, ""), catalog["en"].get(key, ""))
    for path, name, prefix in PAIR_DICTS:
        text = source(path, rev)
        found = assigned_dict(text, name) if text else None
        for key, (text_id, text_en) in (found or {}).items():
            pairs[prefix + key] = (text_id, text_en)
    pairs.update(domain_pairs(source("ovop_core/model.py", rev), source("ovop_core/pipeline.py", rev)))
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
    parser.add_argument("--base", help="with --rev: take only the texts that differ from this revision's")
    parser.add_argument("--drop", action="append", default=[], help="remove this id (a text no code names any more)")
    parser.add_argument("--dry-run", action="store_true", help="print the ids that would change, write nothing")
    args = parser.parse_args(argv)
    if not args.compile_only:
        texts = read_catalogs()
        pairs = legacy_pairs(args.rev)
        if args.base:  # a three-way merge: only what the revision changed since the base
            base = legacy_pairs(args.base)
            pairs = {k: v for k, v in pairs.items() if base.get(k) != v}
        for extra in args.pairs:
            pairs.update(runpy.run_path(extra)["PAIRS"])
        changed = sorted(k for k, (a, b) in pairs.items() if (texts["id"].get(k), texts["en"].get(k)) != (a, b))
        if args.dry_run:
            print("\n".join(f"{k}: {pairs[k]}" for k in changed))
            return 0
        for key, (text_id, text_en) in pairs.items():
            texts["id"][key], texts["en"][key] = text_id, text_en
        for key in args.drop:
            for lang in LANGS:
                texts[lang].pop(key, None)
        write_catalogs(texts)
        print(f"{len(changed)} ids new or changed")
        print(f"{len(pairs)} texts merged; {len(texts['id'])} ids in the catalog")
    compile_all()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
