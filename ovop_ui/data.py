"""Loading the registry and the boundaries for the app, cached in the UI layer (the core stays cache-free)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from ovop_core import regions
from ovop_core.demo import synthetic_registry
from ovop_core.model import CRITERIA, PRESETS, ScoringModel, custom_model, get_model
from ovop_core.pipeline import pipeline_status
from ovop_core.registry import read_registry
from ovop_core.scoring import score_table

from . import maps

ROOT = Path(__file__).resolve().parent.parent
DEMO_CSV = ROOT / "data" / "products_demo.csv"


@dataclass(frozen=True)
class Dataset:
    frame: pd.DataFrame  # canonical registry
    label: str  # i18n key describing where the data comes from
    version: str  # cache key: changes whenever the data changes


@st.cache_data(max_entries=2, show_spinner=False)
def _load_demo(path: str, mtime: float) -> pd.DataFrame:
    result = read_registry(path)
    if not result.ok:
        raise ValueError(f"registry {path} does not validate: {result.errors['message_en'].head(3).tolist()}")
    return result.frame.drop(columns=["_row"])


@st.cache_data(max_entries=1, show_spinner=False)
def _synthetic() -> pd.DataFrame:
    return synthetic_registry(1000, seed=7)


def demo_frame() -> pd.DataFrame:
    """The bundled demo registry (a generated sample if the file is missing): seeds a new store."""
    if DEMO_CSV.exists():
        return _load_demo(str(DEMO_CSV), DEMO_CSV.stat().st_mtime)
    return _synthetic()


def current_dataset() -> Dataset:
    """What the app shows: the file named by ``OVOP_DATA_FILE``, else the store's current version.

    Without a usable store (read-only disk, broken database URL) the bundled demo data keeps the
    app working, and says so.
    """
    custom = os.environ.get("OVOP_DATA_FILE")
    if custom and Path(custom).exists():
        mtime = Path(custom).stat().st_mtime
        return Dataset(_load_demo(custom, mtime), "data.file", f"file-{custom}-{mtime}")
    from .data_store import (  # the store needs the demo data to seed itself
        load_current,
        store,
    )

    opened = store()
    if opened is not None:
        frame, version = load_current(opened)
        return Dataset(frame, "data.demo" if version.is_demo else "data.stored", f"store-{version.id}")
    if DEMO_CSV.exists():
        return Dataset(demo_frame(), "data.demo", f"demo-{DEMO_CSV.stat().st_mtime}")
    return Dataset(_synthetic(), "data.synthetic", "synthetic-1000-7")


@st.cache_data(max_entries=8, show_spinner=False)
def scored_table(_frame: pd.DataFrame, version: str, model_version: str, today: str) -> pd.DataFrame:
    """Scores, pipeline status and region names for a dataset version (the frame is not hashed)."""
    return _with_status_and_names(score_table(_frame, get_model(model_version)), today)


def _with_status_and_names(scored: pd.DataFrame, today: str) -> pd.DataFrame:
    out = pd.concat([scored, pipeline_status(scored, pd.Timestamp(today))], axis=1)
    names = regions.kabkota().set_index("code")
    out["region_name"] = out["region_code"].map(names["name"])
    out["province_name"] = out["region_code"].map(names["province_name"])
    return out


@st.cache_data(max_entries=6, show_spinner=False)
def _scored_with_weights(_frame: pd.DataFrame, version: str, weights: tuple, today: str) -> pd.DataFrame:
    return _with_status_and_names(score_table(_frame, custom_model(dict(zip(CRITERIA, weights)))), today)


def scored_for_model(dataset: Dataset, model: ScoringModel, today: str) -> pd.DataFrame:
    """``scored_table`` for a preset or a custom weight set (custom sets cached by their weights)."""
    if model.version in PRESETS:
        return scored_table(dataset.frame, dataset.version, model.version, today)
    weights = tuple(float(model.weights[c]) for c in CRITERIA)
    return _scored_with_weights(dataset.frame, dataset.version, weights, today)


def today() -> str:
    return str(pd.Timestamp.today().date())


@st.cache_resource(max_entries=40, show_spinner=False)
def geojson(path: str) -> dict:
    """A boundary file, parsed once per process and shared read-only by every session."""
    return maps.load_geojson(Path(path))
