"""`python -m ovop_core validate|score|whatif|summary` (DESIGN.md §7).

Exit codes: 0 success, 2 bad input (problems are printed, never a traceback), 1 unexpected
failure. Output tables go to ``--out`` or stdout as CSV; messages and problems go to stderr,
except ``validate``'s problem lines, which are its output.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from datetime import date

import pandas as pd

from . import regions, rounds, summary
from .catalog import Message, translate
from .export import neutralise_formulas
from .interventions import INTERVENTIONS
from .model import DEFAULT_MODEL, PRESETS, get_model
from .pipeline import pipeline_status
from .registry import RegistryResult, read_registry
from .scenario import Scenario, ScenarioError, add_cli_arguments
from .scoring import score_table
from .whatif import run_whatif

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """Raised for input the user must fix; printed as one line in the user's language, exit 2."""

    def __init__(self, message: Message | str):
        super().__init__(message)
        self.message = message

    def text(self, lang: str) -> str:
        return self.message.render(lang) if isinstance(self.message, Message) else str(self.message)


def _lang(args) -> str:
    return args.lang or os.environ.get("OVOP_LANG", "id")


def _load(path: str, lang: str, now_only: bool = True) -> pd.DataFrame:
    """The validated registry without its row numbers: "now" (the newest round, ``rounds.current``) for the
    commands that describe the present, every row for ``score``, which only adds columns to each row."""
    if not os.path.exists(path):
        raise BadInput(Message("cli.file_not_found", path=path))
    result = read_registry(path)
    if not result.ok:
        _print_problems(result, lang, sys.stderr)
        raise BadInput(Message("cli.file_rejected", path=path, n=len(result.errors)))
    frame = result.frame.drop(columns=["_row"])
    return rounds.current(frame) if now_only else frame


def _print_problems(result: RegistryResult, lang: str, stream, severity: str = "error") -> None:
    """One CSV line per problem: row,column,message (quoted when needed)."""
    writer = csv.writer(stream, lineterminator="\n")
    table = result.problems[result.problems["severity"] == severity]
    prefix = "" if severity == "error" else translate("data.report.warning", lang) + ": "
    for row, column, message in zip(table["row"], table["column"], table[f"message_{lang}"]):
        writer.writerow([row, column, prefix + message])


def _write_table(frame: pd.DataFrame, out: str | None) -> None:
    """CSV to ``out`` or stdout; text a spreadsheet would run as a formula gets a leading ``'``,
    exactly as in the app's exports (``export.neutralise_formulas``; the reader strips it again)."""
    frame = neutralise_formulas(frame)
    if out:
        frame.to_csv(out, index=False)
    else:
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, lineterminator="\n")
        sys.stdout.write(buffer.getvalue())


def cmd_validate(args) -> int:
    lang = _lang(args)
    if not os.path.exists(args.file):
        raise BadInput(Message("cli.file_not_found", path=args.file))
    result = read_registry(args.file)
    _print_problems(result, lang, sys.stderr, severity="warning")
    if result.ok:
        n, warned = len(result.frame), len(result.warnings)
        if not warned:
            print(translate("cli.file_valid", lang, path=args.file, n=n), file=sys.stderr)
        else:
            print(translate("cli.file_valid_warnings", lang, path=args.file, n=n, warned=warned), file=sys.stderr)
        return EXIT_OK
    _print_problems(result, lang, sys.stdout)
    return EXIT_BAD_INPUT


def cmd_score(args) -> int:
    lang = _lang(args)
    frame = _load(args.file, lang, now_only=False)  # every round: each row is scored on its own
    scored = score_table(frame, _model(args.model))
    status = pipeline_status(scored, _today(args))
    out = scored.drop(columns=["cap_reason_id", "cap_reason_en"])
    out["score"] = out["score"].round(6)
    out["cap_reason"] = scored[f"cap_reason_{lang}"]
    out["eligible_next_stage"] = status["eligible_next_stage"]
    out["blocking_reason"] = status[f"blocking_reason_{lang}"]
    out["stage_since"] = pd.to_datetime(out["stage_since"]).dt.strftime("%Y-%m-%d")
    if not rounds.has_rounds(out):  # the output is a registry again: an empty round column would not be
        out = out.drop(columns=["round"])
    _write_table(out, args.out)
    return EXIT_OK


def cmd_whatif(args) -> int:
    lang = _lang(args)
    frame = _load(args.file, lang)
    scenario = _scenario(args)
    result = run_whatif(frame, scenario, today=_today(args), level=args.level)
    products = result.products.drop(columns=["cap_reason_after_id", "cap_reason_after_en"])
    products["cap_reason_after"] = result.products[f"cap_reason_after_{lang}"]
    for col in ("score", "score_after"):
        products[col] = products[col].round(6)
    if args.out:
        _write_table(products, args.out)
    if args.json or not args.out:
        report = result.summary()
        report["scenario"] = scenario.to_dict()
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return EXIT_OK


_COUNT_COLUMNS = ("n_products", "n_rated", "not_rated", "n_desa", "n_recognised", "n_potential", "rank")


def cmd_summary(args) -> int:
    """The region index of a level (CSV, or JSON with ``--json``), or with ``--region`` one region's
    summary as every mode of the app shows it (JSON): KPIs, stars, rank among peers, top products.

    Regions are ranked by ``--rank-by`` (DESIGN.md §4); the index names the rule in a ``rank_rule``
    column and the rule's sentence goes to stderr, so the ranking never comes without its rule."""
    lang = _lang(args)
    rank_by = _rank_rule(args.rank_by, lang)
    frame = _load(args.file, lang)
    model = _model(args.model)
    if args.region:
        try:
            code = summary.normalise_code(args.region)
        except ValueError:
            raise BadInput(Message("cli.unknown_region", code=args.region)) from None
        table = summary.analysed_table(frame, model, _today(args))
        region = summary.summarise(table, code, top_n=args.top, rank_by=rank_by)
        json.dump(region.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    index = summary.peers(score_table(frame, model), args.level, rank_by=rank_by)
    index["rank_rule"] = rank_by
    # Counts are whole numbers ("no data" regions leave them empty): never "16.0" products.
    counts = [c for c in index.columns if c in _COUNT_COLUMNS or c.startswith("stars_")]
    index[counts] = index[counts].round().astype("Int64")
    print(regions.rank_rule_text(rank_by, lang), file=sys.stderr)
    if args.json:
        records = json.loads(index.to_json(orient="records"))
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _write_table(index, None)
    return EXIT_OK


def _budget(text: str) -> int:
    """Rupiah as written by a person: 500000000, 500.000.000, 500,000,000 or 500_000_000."""
    digits = text.strip().removeprefix("Rp").strip()
    for sep in (".", ",", "_", " "):
        groups = digits.split(sep)
        if len(groups) > 1 and groups[0].isdigit() and all(len(g) == 3 and g.isdigit() for g in groups[1:]):
            digits = "".join(groups)
    if not digits.isdigit() or len(digits) > 16:
        raise BadInput(Message("cli.bad_budget", value=text))
    return int(digits)


def cmd_plan(args) -> int:
    """The budget plan (DESIGN.md §11): the chosen products as CSV (or everything as JSON with
    ``--json``); the sentence to read aloud and the totals go to stderr."""
    from .costs import DEFAULT_COSTS, CostsError, read_costs
    from .planning import PlanError, next_step, plan_budget, plan_sentences

    lang = _lang(args)
    budget = _budget(args.budget)
    frame = _load(args.file, lang)
    model = _model(args.model)
    try:
        region = summary.normalise_code(args.region) if args.region else ""
    except ValueError:
        raise BadInput(Message("cli.unknown_region", code=args.region)) from None
    names = tuple(n.strip() for n in args.intervene.split(",") if n.strip()) if args.intervene else None
    try:
        costs = read_costs(args.costs or DEFAULT_COSTS)
        plan = plan_budget(frame, budget, costs, names, region, model)
        more = next_step(frame, plan, costs, region, model)
    except (CostsError, PlanError) as exc:
        raise BadInput(exc.message) from None
    report = plan.to_dict()
    report["next_100_juta"] = more
    report["region"] = region
    report["model"] = model.version
    for name, category in costs.unpriced(plan.interventions if names else INTERVENTIONS):
        warning = Message("plan.unpriced", intervention=name, category=category, path=costs.name)
        print(f"{translate('data.report.warning', lang)}: {warning.render(lang)}", file=sys.stderr)
    for line in plan_sentences(plan, more, lang):
        print(line, file=sys.stderr)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        chosen = plan.chosen.drop(columns=["crosses", "official"])
        chosen["interventions"] = chosen["interventions"].map("+".join)
        for col in ("score_before", "score_after"):
            chosen[col] = chosen[col].round(6)
        _write_table(chosen, args.out)
    return EXIT_OK


def _rank_rule(rule: str, lang: str) -> str:
    try:
        return regions.check_rank_rule(rule)
    except ValueError:
        choices = ", ".join(regions.RANK_RULES)
        raise BadInput(Message("cli.unknown_rank_rule", rule=repr(rule), choices=choices)) from None


def _scenario(args) -> Scenario:
    try:
        return Scenario.from_cli_args(args)
    except ScenarioError as exc:
        raise BadInput(str(exc)) from None


def _model(version: str):
    try:
        return get_model(version)
    except KeyError as exc:
        raise BadInput(str(exc.args[0])) from None


def _today(args) -> date | None:
    if not getattr(args, "today", None):
        return None
    try:
        return date.fromisoformat(args.today)
    except ValueError:
        raise BadInput(Message("cli.bad_today", value=repr(args.today))) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m ovop_core", description="OVOP registry tools")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p, model: bool = True):
        p.add_argument("file", help="registry CSV or XLSX")
        p.add_argument("--lang", choices=["id", "en"], help="message language (default: id, or $OVOP_LANG)")
        if model:
            p.add_argument("--model", default=DEFAULT_MODEL.version, help=f"scoring preset: {', '.join(PRESETS)}")

    p = sub.add_parser("validate", help="check a registry; exit 2 and one line per problem if not clean")
    common(p, model=False)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("score", help="add score, stars, cap reason and pipeline eligibility")
    common(p)
    p.add_argument("--out", help="output CSV (default: stdout)")
    p.add_argument("--today", help="reference date YYYY-MM-DD for stage ages (default: today)")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("whatif", help="run a what-if scenario")
    common(p)
    add_cli_arguments(p, model=False)
    p.add_argument("--level", choices=list(regions.LEVELS), default="province", help="regions compared in the JSON")
    p.add_argument("--out", help="per-product results CSV")
    p.add_argument("--json", action="store_true", help="print the JSON summary (default when no --out)")
    p.add_argument("--today", help="reference date YYYY-MM-DD for eligibility (default: today)")
    p.set_defaults(func=cmd_whatif)

    p = sub.add_parser("summary", help="region index, or one region's summary (--region)")
    common(p)
    p.add_argument("--level", choices=list(regions.LEVELS), default="province")
    p.add_argument(
        "--rank-by",
        default=regions.DEFAULT_RANK_RULE,
        help=f"rank rule among peers: {', '.join(regions.RANK_RULES)} (default: {regions.DEFAULT_RANK_RULE})",
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("--region", help="a province, kab/kota or kecamatan code: print that region's summary as JSON")
    p.add_argument("--top", type=int, default=summary.TOP_N, help="top products listed with --region")
    p.add_argument("--today", help="reference date YYYY-MM-DD for stage eligibility (default: today)")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("plan", help="choose products and interventions under a budget (DESIGN.md §11)")
    common(p)
    p.add_argument("--budget", required=True, help="budget in Rupiah, e.g. 500000000 or 500.000.000")
    p.add_argument("--costs", help="unit costs CSV: intervention,category,cost_idr,source (default: data/costs.csv)")
    p.add_argument("--intervene", help=f"interventions that may be bought (default: all): {','.join(INTERVENTIONS)}")
    p.add_argument("--region", help="a province or kab/kota code: plan for its products only")
    p.add_argument("--out", help="chosen products CSV (default: stdout)")
    p.add_argument("--json", action="store_true", help="print the plan as JSON")
    p.set_defaults(func=cmd_plan)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    try:
        return args.func(args)
    except BadInput as exc:
        print(f"{translate('cli.error', _lang(args))}: {exc.text(_lang(args))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the one place that turns a crash into exit 1
        print(f"unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILURE
