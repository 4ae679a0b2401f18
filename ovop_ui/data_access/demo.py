"""The bundled demo registry: what a new store is seeded with and what the app falls back to.

Its own module so that the data store (which seeds itself with it) and the dataset loader (which
falls back to it) both depend on it, and not on each other.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ovop_core.demo import synthetic_registry
from ovop_core.registry import read_registry
from ovop_ui import PROJECT_ROOT

ROOT = PROJECT_ROOT
DEMO_CSV = ROOT / "data" / "products_demo.csv"


@st.cache_data(max_entries=2, show_spinner=False)
def _load_demo(path: str, mtime: float) -> pd.DataFrame:
    result = read_registry(path)
    if not result.ok:
        raise ValueError(f"registry {path} does not validate: {result.errors['message_en'].head(3).tolist()}")
    return result.frame.drop(columns=["_row"])


@st.cache_data(max_entries=1, show_spinner=False)
def synthetic_frame() -> pd.DataFrame:
    return synthetic_registry(1000, seed=7)


def demo_frame() -> pd.DataFrame:
    """The bundled demo registry (a generated sample if the file is missing): seeds a new store."""
    if DEMO_CSV.exists():
        return _load_demo(str(DEMO_CSV), DEMO_CSV.stat().st_mtime)
    return synthetic_frame()
