"""Layering rules of DESIGN.md §2: the core imports no UI framework and loops over no rows."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = sorted((ROOT / "ovop_core").glob("*.py"))
FORBIDDEN = {"streamlit", "plotly", "folium", "streamlit_folium", "branca"}


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_core_module_imports_no_ui_framework(path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            assert name.split(".")[0] not in FORBIDDEN, f"{path.name} imports {name}"


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_core_module_never_iterates_rows(path):
    text = path.read_text()
    for pattern in (".iterrows(", ".itertuples(", ".apply(lambda row", "axis=1).apply"):
        assert pattern not in text, f"{path.name} uses {pattern}"


def test_app_layers_do_not_import_upwards():
    for path in (ROOT / "ovop_ui").glob("*.py"):
        assert "from pages" not in path.read_text() and "import pages" not in path.read_text()
    for path in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "ovop_ui").glob("*.py"), *CORE]:
        assert "from tools" not in path.read_text() and "import tools" not in path.read_text()
