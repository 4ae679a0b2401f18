"""Layering rules of DESIGN.md §2, checked on the source itself.

app.py and app_pages/ -> ovop_ui/ -> ovop_core/: arrows point down only, no cycle inside a layer,
the core imports no UI framework and loops over no rows, no module grows past 500 lines (the
translation catalog aside), and page scripts stay thin. A failing test names the module and the
import that broke the rule.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"app_pages": 2, "app": 2, "ovop_ui": 1, "ovop_core": 0}
FORBIDDEN_IN_CORE = {"streamlit", "plotly", "folium", "streamlit_folium", "branca"}
DEV_ONLY = {"tools", "tests", "benchmarks"}
MAX_LINES = 500
MAX_PAGE_LINES = 100
# Tables, figures and maps are built in ovop_ui (builders, widgets), never in a page script.
FORBIDDEN_IN_PAGES = {"pandas", "numpy", "plotly", "folium", "streamlit_folium", "branca"}
CATALOGS: set[str] = set()  # no long Python catalogs: the texts live in ovop_core/locale/*.po


def _modules() -> dict[str, Path]:
    """Dotted module name → file, for the app's three layers (subpackages included)."""
    found = {"app": ROOT / "app.py"}
    for package in ("app_pages", "ovop_ui", "ovop_core"):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue  # Alembic's frozen snapshots
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()
CORE = sorted(p for name, p in MODULES.items() if name.startswith("ovop_core"))
PAGES = sorted(p for name, p in MODULES.items() if name.startswith("app_pages."))


def _imports(name: str, path: Path) -> list[str]:
    """Every module ``path`` imports (module level or inside functions), relative imports resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            out.append(base)
            out += [f"{base}.{alias.name}" for alias in node.names]  # `from pkg import module`
    return out


def _project_imports(name: str, path: Path) -> set[str]:
    return {m for m in _imports(name, path) if m in MODULES and m != name}


def _layer(name: str) -> int:
    return LAYERS[name.split(".")[0]]


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_imports_no_ui_framework(path):
    name = next(n for n, p in MODULES.items() if p == path)
    for module in _imports(name, path):
        assert module.split(".")[0] not in FORBIDDEN_IN_CORE, f"{path.name} imports {module}"


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_never_iterates_rows(path):
    text = path.read_text(encoding="utf-8")
    for pattern in (".iterrows(", ".itertuples(", ".apply(lambda row", "axis=1).apply"):
        assert pattern not in text, f"{path.name} uses {pattern}"


def test_no_module_imports_from_a_higher_layer_or_dev_code():
    wrong = []
    for name, path in MODULES.items():
        for module in _imports(name, path):
            top = module.split(".")[0]
            if top in DEV_ONLY or (module in MODULES and _layer(module) > _layer(name)):
                wrong.append(f"{name} imports {module}")
    assert wrong == []


def test_no_import_cycle_inside_the_app():
    graph = {name: _project_imports(name, path) for name, path in MODULES.items()}
    # A package's __init__ re-exporting its own modules is not a cycle of meaning.
    graph = {n: {m for m in deps if not n.startswith(m + ".")} for n, deps in graph.items()}
    cycles, state = [], {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for dep in sorted(graph[node]):
            if state.get(dep) == "open":
                cycles.append(" -> ".join(trail[trail.index(dep) :] + [dep]))
            elif dep not in state:
                visit(dep, [*trail, dep])
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == []


@pytest.mark.parametrize("name", sorted(MODULES), ids=str)
def test_no_module_grows_past_500_lines(name):
    path = MODULES[name]
    if str(path.relative_to(ROOT)) in CATALOGS:
        pytest.skip("translation catalog")
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by concern"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_a_page_script_stays_within_100_lines(path):
    """A page reads its widgets, calls the core and renders through ovop_ui (DESIGN.md §2). A page
    past ~100 lines has grown rendering sections or domain rules of its own: a count, a filter or
    a decision written there is neither unit-tested nor shared with the other modes that show the
    same thing. Move sections into ovop_ui (widgets/, modes/) and rules into ovop_core."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_PAGE_LINES, (
        f"app_pages/{path.name} has {lines} lines: move sections to ovop_ui, rules to ovop_core"
    )


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_a_page_script_builds_no_table_figure_or_map_itself(path):
    """Pages import no pandas, numpy, plotly or folium: what they show is built by ovop_ui from what
    the core computed, so a page cannot quietly grow its own version of a table or a count."""
    name = f"app_pages.{path.stem}"
    used = sorted({m for m in _imports(name, path) if m.split(".")[0] in FORBIDDEN_IN_PAGES})
    assert used == [], f"app_pages/{path.name} imports {used}"


def test_page_scripts_live_in_app_pages_not_pages():
    """While a folder named pages/ sits beside the entry script, Streamlit (1.67) switches the process
    to its old multipage mode, and a deep-linked first request runs the page without app.py's frame
    (no sidebar, language or filters). The page scripts therefore live in app_pages/."""
    assert not (ROOT / "pages").exists()
    assert sorted(p.name for p in (ROOT / "app_pages").glob("*.py"))
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    assert '"app_pages/' in app and '"pages/' not in app


def test_ui_modules_are_grouped_by_role():
    """ovop_ui/ holds packages by role (shell, data_access, text, builders, widgets, modes), no loose modules.

    A flat folder of two dozen files hid which module a mode owns and which one every page shares.
    """
    loose = sorted(p.name for p in (ROOT / "ovop_ui").glob("*.py") if p.name != "__init__.py")
    assert loose == []
    groups = sorted(p.name for p in (ROOT / "ovop_ui").iterdir() if (p / "__init__.py").exists())
    assert groups == ["builders", "data_access", "modes", "shell", "text", "widgets"]
