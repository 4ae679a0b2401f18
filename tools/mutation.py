"""Mutation testing of the core's rule modules (dev-time, `make mutation`; not in CI).

mutmut 3 reads one global configuration (``[tool.mutmut]`` in pyproject.toml) and runs one test
selection for everything it mutates. Running a rule module's mutants against the whole suite would
take hours on a two-core machine, so this driver runs mutmut once per module, each in its own
scratch copy of the project whose pyproject.toml names only that module and only its test files.
It then prints one table: mutants, killed, survived, % killed, and % killed with "message text"
mutants aside (``is_message_text``: a mutant that changes nothing but words a person reads).

A full run of a module takes 10–40 minutes on one core. After tests are added, ``--recheck``
runs only the last run's survivors again (with the current tests) and keeps every other verdict:
adding tests can kill a mutant, never revive one. It refuses when the core's source changed
since that run by a file added or removed. The mutants of the module's changed functions are made
afresh and all tried (the others keep their verdicts); another core module that changed since is
copied in and named on stderr (its change could in principle revive a killed mutant: a full run
is the stricter check).

    .venv/bin/python tools/mutation.py                  # every rule module
    .venv/bin/python tools/mutation.py scoring pipeline # some of them
    .venv/bin/python tools/mutation.py --survivors scoring  # also print each survivor's diff
    .venv/bin/python tools/mutation.py --recheck --survivors scoring  # the survivors again
    .venv/bin/python tools/mutation.py --recheck --only _plain whatif  # some of them (a lower bound)
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRATCH = Path(os.environ.get("OVOP_MUTATION_DIR", "/tmp/ovop-mutation"))

# Each rule module with the test files that state its rules (the rest of the suite is not run).
TESTS = {
    "scoring": ["tests/test_scoring.py", "tests/test_scoring_edges.py", "tests/test_model.py"],
    "model": [
        "tests/test_model.py",
        "tests/test_model_edges.py",
        "tests/test_scoring.py",
        "tests/test_scoring_edges.py",
    ],
    "whatif": [
        "tests/test_whatif.py",
        "tests/test_whatif_edges.py",
        "tests/test_scenario_encoding.py",
        "tests/test_whatif_outcome.py",
    ],
    "interventions": [
        "tests/test_whatif.py",
        "tests/test_interventions_edges.py",
        "tests/test_scenario_encoding.py",
        "tests/test_whatif_outcome.py",
    ],
    "pipeline": [
        "tests/test_pipeline.py",
        "tests/test_pipeline_edges.py",
        "tests/test_funnel.py",
        "tests/test_contradictions.py",
    ],
    "summary": [
        "tests/test_summary.py",
        "tests/test_summary_edges.py",
        "tests/test_kecamatan.py",
        "tests/test_regions.py",
    ],
    "regions": ["tests/test_regions.py", "tests/test_kecamatan.py", "tests/test_summary.py"],
    # The CLI's plan tests (tests/test_cli_plan.py) run `python -m ovop_core` in a subprocess,
    # which mutmut's per-function test selection cannot see: they would only cost time here.
    "planning": ["tests/test_planning.py", "tests/test_planning_edges.py", "tests/test_costs.py"],
    "costs": ["tests/test_costs.py", "tests/test_planning.py"],
}

# mutmut's status names, grouped for the table (a timeout counts as killed: the mutant was detected).
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
RESULTS = "results.json"  # a finished run's verdicts, in the module's scratch copy
# A mutant is stopped (a timeout, i.e. killed) after 2 × this × (its tests' time in the stats run
# + 1 s) CPU seconds. mutmut's default, 15, let each endless-loop mutant of the planner's greedy
# fill run five minutes on a shared machine; the tests' times are wall clock under load, so 2
# (4 × their time) still leaves a slow but finishing mutant ample CPU.
TIMEOUT_MULTIPLIER = 2.0


def prepare(module: str, tests: list[str]) -> Path:
    """A scratch copy of the project whose mutmut configuration names one module and its tests."""
    work = SCRATCH / module
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copytree(ROOT / "ovop_core", work / "ovop_core", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests", work / "tests", ignore=shutil.ignore_patterns("__pycache__", "e2e"))
    shutil.copytree(ROOT / "data", work / "data")  # the demo registry some rule tests read
    # Some rule tests also check how the UI words a figure (never mutated, only imported).
    shutil.copytree(ROOT / "ovop_ui", work / "ovop_ui", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pytest.ini", work / "pytest.ini")
    write_config(work, module, tests)
    return work


def write_config(work: Path, module: str, tests: list[str]) -> None:
    """mutmut's configuration in ``work``: mutate ``module`` only, run only ``tests``."""
    selection = ", ".join(json.dumps(t) for t in tests)
    (work / "pyproject.toml").write_text(
        "[tool.mutmut]\n"
        'source_paths = ["ovop_core"]\n'
        f'only_mutate = ["ovop_core/{module}.py"]\n'
        'also_copy = ["pytest.ini", "data", "ovop_ui"]\n'
        f"pytest_add_cli_args_test_selection = [{selection}]\n"
        "track_dependencies = false\n"
        "use_git_change_detection = false\n"
        f"timeout_multiplier = {TIMEOUT_MULTIPLIER}\n",
        encoding="utf-8",
    )


def dump(module: str) -> None:
    """Print {mutant: [status, diff]} as JSON; runs inside the scratch copy (mutmut reads its cwd)."""
    from mutmut.__main__ import SourceFileMutationData, get_diff_for_mutant, status_by_exit_code

    path = Path("ovop_core") / f"{module}.py"
    data = SourceFileMutationData(path=path)
    data.load()
    out = {}
    for name, code in data.exit_code_by_key.items():
        status = status_by_exit_code[code]
        out[name] = [status, get_diff_for_mutant(name, path=path)]
    print(json.dumps(out))


def _literals(line: str) -> list[str]:
    """The string literals of one source line (empty when the line does not parse alone)."""
    try:
        tree = ast.parse(line.strip().rstrip(",").rstrip("(").rstrip("[").rstrip("{") or "None")
    except SyntaxError:
        return []
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def is_message_text(diff: str) -> bool:
    """True when the mutant changes nothing but words a person reads.

    That is: one line changed, and either one string literal on it changed and nothing else,
    where the literal is a sentence (it contains a space) or part of an exception's message (a
    ``raise`` line); or a raised exception's message was replaced by ``None`` (the same error
    type at the same place, without its words). Not message text: a catalog id (a mutated
    ``"pipeline.reason.low_score"`` shows the raw id instead of the catalog's sentence, in every
    language), a column name or key, and a separator that builds a value (the " " of "Agustus
    2029", the "; " between two reasons), which DESIGN.md §6 makes part of the rule's output.
    """
    minus = [ln[1:] for ln in diff.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    plus = [ln[1:] for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    if len(minus) != 1 or len(plus) != 1:
        return False
    before_line, after_line = minus[0], plus[0]
    raising = before_line.lstrip().startswith("raise ")
    if raising and re.fullmatch(r"\s*raise \w+\(None\)", after_line):
        return bool(_literals(before_line))
    before, after = _literals(before_line), _literals(after_line)
    if not before or len(before) != len(after):
        return False
    changed = [(b, a) for b, a in zip(before, after) if b != a]
    if len(changed) != 1:
        return False
    # Nothing but the literal changed: same line once both literals are blanked out.
    b, a = changed[0]
    if before_line.replace(repr(b)[1:-1], "") != after_line.replace(repr(a)[1:-1], ""):
        return False
    if re.fullmatch(r"[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+", b):  # a catalog id, even in an error
        return False
    return raising or " " in b.strip()


def _functions(source: str) -> dict[str, str]:
    """Each function's mutant-name stem (mutmut's ``x_name``, ``xǁClassǁname``) and its code."""
    out = {}
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out[f"x_{node.name}"] = ast.dump(node)
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    out[f"x\u01c1{node.name}\u01c1{item.name}"] = ast.dump(item)
    return out


def _changed_functions(work: Path, module: str) -> list[str]:
    """The functions of ``module`` whose code differs from the run in ``work`` (whose mutants must
    be tried again). Another core module that changed is copied in and said on stderr."""
    ours, theirs = ROOT / "ovop_core", work / "ovop_core"
    files = {p.relative_to(ours) for p in ours.rglob("*.py")} | {p.relative_to(theirs) for p in theirs.rglob("*.py")}
    target = Path(f"{module}.py")
    for rel in sorted(files - {target}):
        a, b = ours / rel, theirs / rel
        if not (a.exists() and b.exists() and a.read_bytes() == b.read_bytes()):
            if not (a.exists() and b.exists()):
                raise SystemExit(f"{module}: ovop_core/{rel} was added or removed; run the module in full")
            # Another module changed (a fix found by another module's mutants): the tests now run
            # against it, and the killed verdicts are kept; a full run is the stricter check.
            sys.stderr.write(f"{module}: ovop_core/{rel} changed since the run; killed verdicts kept\n")
            shutil.copy(a, b)
            shutil.copy(a, work / "mutants" / "ovop_core" / rel)
    now = _functions((ours / target).read_text(encoding="utf-8"))
    then = _functions((theirs / target).read_text(encoding="utf-8"))
    return sorted(name for name, code in now.items() if then.get(name) != code)


def _mutmut(work: Path, workers: int, names: list[str]) -> float:
    """Run ``mutmut run`` in ``work`` (only ``names`` when given); the seconds it took."""
    mutmut = Path(sys.executable).with_name("mutmut")
    start = time.monotonic()
    proc = subprocess.run(
        [str(mutmut), "run", "--max-children", str(workers), *names], cwd=work, capture_output=True, text=True
    )
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
    return time.monotonic() - start


def _load(work: Path, module: str) -> dict[str, list[str]]:
    """{mutant: [status, diff]} as mutmut recorded them in ``work``."""
    dumped = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--dump", module],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(dumped.stdout.strip().splitlines()[-1])


def _checked(status: str) -> bool:
    return status in KILLED or status == "survived"


def run(module: str, workers: int, show: bool, mode: str = "full", only: tuple[str, ...] = ()) -> dict:
    """Run mutmut on one module (``mode`` "full"), rerun the last run's survivors ("recheck"), or
    read the last run's results ("report"), and count."""
    work = SCRATCH / module
    results = work / RESULTS
    if mode == "full":
        work = prepare(module, TESTS[module])
        results = work / RESULTS
        seconds = _mutmut(work, workers, [])
        saved = {"seconds": seconds, "mutants": _load(work, module)}
        results.write_text(json.dumps(saved), encoding="utf-8")
    elif mode == "recheck":
        if not results.exists():
            raise SystemExit(f"{module}: no finished run to recheck in {work}")
        saved = json.loads(results.read_text(encoding="utf-8"))
        changed = _changed_functions(work, module)
        if changed:  # mutate the module as it is now: mutmut makes its mutants afresh
            shutil.copy(ROOT / "ovop_core" / f"{module}.py", work / "ovop_core" / f"{module}.py")
            for stale in (work / "mutants" / "ovop_core").glob(f"{module}.py*"):
                stale.unlink()
        stems = tuple(f"ovop_core.{module}.{stem}__mutmut_" for stem in changed)
        kept = {n: v for n, v in saved["mutants"].items() if not n.startswith(stems)}
        survivors = [n for n, (s, _) in kept.items() if s not in KILLED]  # survived, or not tried
        if only:  # a quicker recheck: the rest keep "survived", so the figure is a lower bound
            survivors = [n for n in survivors if any(fnmatch.fnmatch(n, f"*{pattern}*") for pattern in only)]
        names = survivors + [f"{p}*" for p in stems]
        shutil.rmtree(work / "tests")
        shutil.copytree(ROOT / "tests", work / "tests", ignore=shutil.ignore_patterns("__pycache__", "e2e"))
        write_config(work, module, TESTS[module])
        if names:
            saved["seconds"] += _mutmut(work, workers, names)
            fresh = _load(work, module)
            kept.update({n: v for n, v in fresh.items() if n in names or n.startswith(stems)})
        saved["mutants"] = kept
        results.write_text(json.dumps(saved), encoding="utf-8")
    else:
        # A finished run's saved verdicts, overlaid with what a running (re)check has decided.
        live = _load(work, module)
        saved = json.loads(results.read_text(encoding="utf-8")) if results.exists() else {"mutants": {}}
        merged = dict(saved["mutants"])
        merged.update({n: v for n, v in live.items() if _checked(v[0]) or n not in merged})
        saved = {"seconds": saved.get("seconds", float("nan")), "mutants": merged}
    mutants, seconds = saved["mutants"], saved["seconds"]
    killed = [n for n, (s, _) in mutants.items() if s in KILLED]
    survived = [n for n, (s, _) in mutants.items() if s == "survived"]
    unchecked = [n for n, (s, _) in mutants.items() if not _checked(s)]
    text = {n for n, (_, d) in mutants.items() if is_message_text(d)}
    if show:
        for name in survived:
            status, diff = mutants[name]
            tag = " (message text)" if name in text else ""
            print(f"# {name}: {status}{tag}\n{diff}")
    return {
        "module": module,
        "mutants": len(mutants),
        "killed": len(killed),
        "survived": len(survived),
        "unchecked": len(unchecked),
        "text_killed": len([n for n in killed if n in text]),
        "text": len(text & set(killed + survived)),
        "seconds": seconds,
    }


def pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}" if whole else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", help=f"some of: {', '.join(TESTS)} (default: all)")
    parser.add_argument("--workers", type=int, default=1, help="mutmut --max-children (default 1)")
    parser.add_argument("--survivors", action="store_true", help="print the diff of every survivor")
    parser.add_argument("--report", action="store_true", help="only print the table of the last (or a running) run")
    parser.add_argument(
        "--recheck", action="store_true", help="rerun only the last run's survivors, with the current tests"
    )
    parser.add_argument(
        "--only", action="append", default=[], help="with --recheck: only the survivors whose name contains this"
    )
    parser.add_argument("--dump", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.dump:
        dump(args.dump)
        return 0
    unknown = sorted(set(args.modules) - set(TESTS))
    if unknown:
        parser.error(f"unknown module(s): {', '.join(unknown)}")
    rows = []
    for module in args.modules or list(TESTS):
        mode = "report" if args.report else "recheck" if args.recheck else "full"
        rows.append(run(module, args.workers, args.survivors, mode, tuple(args.only)))
        r = rows[-1]
        sys.stderr.write(f"{module}: {r['mutants']} mutants in {r['seconds']:.0f} s\n")
    # Percentages are of the checked mutants (a run cut short leaves some unchecked).
    header = (
        f"{'module':<14}{'mutants':>8}{'killed':>8}{'survived':>9}{'unchecked':>10}"
        f"{'% killed':>10}{'% w/o text':>12}{'time':>8}"
    )
    lines = [header, "-" * len(header)]
    for r in rows:
        checked = r["killed"] + r["survived"]
        lines.append(
            f"{r['module']:<14}{r['mutants']:>8}{r['killed']:>8}{r['survived']:>9}{r['unchecked']:>10}"
            f"{pct(r['killed'], checked):>10}{pct(r['killed'] - r['text_killed'], checked - r['text']):>12}"
            f"{r['seconds']:>7.0f}s"
        )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
