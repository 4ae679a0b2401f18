"""Mutation testing of the core's rule modules (dev-time, `make mutation`; not in CI).

mutmut 3 reads one global configuration (``[tool.mutmut]`` in pyproject.toml) and runs one test
selection for everything it mutates. Running a rule module's mutants against the whole suite would
take hours on a two-core machine, so this driver runs mutmut once per module, each in its own
scratch copy of the project whose pyproject.toml names only that module and only its test files.
It then prints one table: mutants, killed, survived, % killed, and % killed with "message text"
mutants aside (a mutant that only changes the text of a user-facing string literal: the
literal it changes contains a space, i.e. it is a sentence, not a column name or a key).

    .venv/bin/python tools/mutation.py                  # every rule module
    .venv/bin/python tools/mutation.py scoring pipeline # some of them
    .venv/bin/python tools/mutation.py --survivors scoring  # also print each survivor's diff
"""

from __future__ import annotations

import argparse
import ast
import json
import os
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
    "model": ["tests/test_model.py", "tests/test_scoring.py", "tests/test_scoring_edges.py"],
    "whatif": ["tests/test_whatif.py", "tests/test_scenario_encoding.py", "tests/test_whatif_outcome.py"],
    "interventions": ["tests/test_whatif.py", "tests/test_scenario_encoding.py", "tests/test_whatif_outcome.py"],
    "pipeline": [
        "tests/test_pipeline.py",
        "tests/test_pipeline_edges.py",
        "tests/test_funnel.py",
        "tests/test_contradictions.py",
    ],
    "summary": ["tests/test_summary.py", "tests/test_regions.py"],
    "regions": ["tests/test_regions.py", "tests/test_summary.py"],
}

# mutmut's status names, grouped for the table (a timeout counts as killed: the mutant was detected).
KILLED = {"killed", "timeout", "caught by type check", "segfault"}


def prepare(module: str, tests: list[str]) -> Path:
    """A scratch copy of the project whose mutmut configuration names one module and its tests."""
    work = SCRATCH / module
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copytree(ROOT / "ovop_core", work / "ovop_core", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "tests", work / "tests", ignore=shutil.ignore_patterns("__pycache__", "e2e"))
    shutil.copytree(ROOT / "data", work / "data")  # the demo registry some rule tests read
    shutil.copy(ROOT / "pytest.ini", work / "pytest.ini")
    selection = ", ".join(json.dumps(t) for t in tests)
    (work / "pyproject.toml").write_text(
        "[tool.mutmut]\n"
        'source_paths = ["ovop_core"]\n'
        f'only_mutate = ["ovop_core/{module}.py"]\n'
        'also_copy = ["pytest.ini", "data"]\n'
        f"pytest_add_cli_args_test_selection = [{selection}]\n"
        "track_dependencies = false\n"
        "use_git_change_detection = false\n",
        encoding="utf-8",
    )
    return work


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
    """True when the mutant only changes a sentence (a string literal with a space in it)."""
    minus = [ln[1:] for ln in diff.splitlines() if ln.startswith("-") and not ln.startswith("---")]
    plus = [ln[1:] for ln in diff.splitlines() if ln.startswith("+") and not ln.startswith("+++")]
    if len(minus) != 1 or len(plus) != 1:
        return False
    before, after = _literals(minus[0]), _literals(plus[0])
    if not before or len(before) != len(after):
        return False
    changed = [(b, a) for b, a in zip(before, after) if b != a]
    if len(changed) != 1:
        return False
    # Nothing but the literal changed: same line once both literals are blanked out.
    b, a = changed[0]
    if minus[0].replace(repr(b)[1:-1], "") != plus[0].replace(repr(a)[1:-1], ""):
        return False
    return " " in b.strip()


def run(module: str, workers: int, show: bool, report_only: bool = False) -> dict:
    """Run mutmut on one module (or, ``report_only``, read the last run's results) and count."""
    work, seconds = SCRATCH / module, float("nan")
    if not report_only:
        work = prepare(module, TESTS[module])
        mutmut = Path(sys.executable).with_name("mutmut")
        start = time.monotonic()
        proc = subprocess.run(
            [str(mutmut), "run", "--max-children", str(workers)],
            cwd=work,
            capture_output=True,
            text=True,
        )
        seconds = time.monotonic() - start
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
    dumped = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--dump", module],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    )
    mutants = json.loads(dumped.stdout.strip().splitlines()[-1])
    killed = [n for n, (s, _) in mutants.items() if s in KILLED]
    survived = [n for n, (s, _) in mutants.items() if s == "survived"]
    unchecked = [n for n, (s, _) in mutants.items() if s not in KILLED and s != "survived"]
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
        rows.append(run(module, args.workers, args.survivors, args.report))
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
