"""Loading the registry and the boundaries for the app, cached in the UI layer (the core stays cache-free)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from ovop_core import rounds
from ovop_core.catalog import Both
from ovop_core.model import CRITERIA, PRESETS, ScoringModel, custom_model, get_model
from ovop_core.registry import read_registry
from ovop_core.summary import Labels, analysed_table
from ovop_ui.builders import maps
from ovop_ui.data_access.demo import DEMO_CSV, demo_frame, synthetic_frame

log = logging.getLogger("ovop")
SHOWN_PROBLEMS = 3  # the file's first problems named on screen; the log gets more


@dataclass(frozen=True)
class DataProblem:
    """Why the app is not showing the data the operator configured.

    Kept as data (a catalog id plus the details in every language), not as a sentence, so each
    visitor reads it in their own language; ``views.data_problems`` renders it.
    """

    key: str  # i18n key under "data.problem."
    file: str = ""
    n: int = 0
    details: Both = Both((), ())  # the file's first problems, per language


ILLUSTRATIVE = ("data.demo", "data.synthetic")  # sources whose scores are not real assessments


@dataclass(frozen=True)
class Dataset:
    """The registry the app shows. ``frame`` is "now" (the newest round, ``ovop_core.rounds.current``)
    and is what every view reads; ``history`` holds every round, for the rounds views and exports.
    Build it with ``Dataset.of`` so the two always agree."""

    frame: pd.DataFrame  # canonical registry, the current round
    label: str  # i18n key describing where the data comes from
    version: str  # cache key: changes whenever the data changes
    problems: tuple[DataProblem, ...] = ()  # what went wrong on the way to the data shown
    history: pd.DataFrame | None = None  # every round (None: the same as ``frame``)
    store_version: int | None = None  # the store version shown (None: a file, or demo data without a store)

    @classmethod
    def of(
        cls, all_rounds: pd.DataFrame, label: str, version: str, problems: tuple = (), store_version: int | None = None
    ) -> Dataset:
        """A dataset from a registry that may hold several rounds: "now" is its newest round."""
        return cls(rounds.current(all_rounds), label, version, tuple(problems), all_rounds, store_version)

    @property
    def all_rounds(self) -> pd.DataFrame:
        """Every round of the registry (the frame itself when it has no rounds)."""
        return self.frame if self.history is None else self.history

    def labels(self, model_version: str) -> Labels:
        """What the figures shown from this dataset rest on (the data source and the model)."""
        return Labels(model_version=model_version, source=self.label, illustrative=self.label in ILLUSTRATIVE)


@st.cache_data(max_entries=2, show_spinner=False)
def _load_file(path: str, mtime: float) -> tuple[pd.DataFrame | None, DataProblem | None]:
    """The operator's registry file, or why it cannot be used.

    Never raises: a bad file must not take every page down. The outcome is cached per file
    version, so an invalid file is read (and logged) once, not on every click.
    """
    try:
        result = read_registry(path)
    except Exception:
        log.exception("OVOP_DATA_FILE %s cannot be read; falling back to the data store", path)
        return None, DataProblem("data.problem.file_unreadable", file=path)
    if result.ok:
        return result.frame.drop(columns=["_row"]), None
    errors = result.errors
    log.error(
        "OVOP_DATA_FILE %s does not validate (%d errors); falling back to the data store. First errors: %s",
        path,
        len(errors),
        " | ".join(errors["message_en"].head(20).astype(str)),
    )
    shown = errors.head(SHOWN_PROBLEMS)
    return None, DataProblem(
        "data.problem.file_invalid",
        file=path,
        n=max(len(errors), 1),
        details=Both(tuple(shown["message_id"].astype(str)), tuple(shown["message_en"].astype(str))),
    )


_LOGGED: set[str] = set()


def _log_once(key: str, message: str, *args: object, exc_info: bool = False) -> None:
    """Log a lasting failure once per process, not on every rerun of every session."""
    if key in _LOGGED:
        return
    if len(_LOGGED) > 100:  # bounded: a long-running kiosk must not grow memory
        _LOGGED.clear()
    _LOGGED.add(key)
    log.error(message, *args, exc_info=exc_info)


def _custom_file() -> tuple[Dataset | None, DataProblem | None]:
    """The registry named by ``OVOP_DATA_FILE``, or why it is not used (None, None when unset)."""
    custom = os.environ.get("OVOP_DATA_FILE", "").strip()
    if not custom:
        return None, None
    path = Path(custom)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        _log_once(f"missing:{custom}", "OVOP_DATA_FILE %s does not exist; falling back to the data store", custom)
        return None, DataProblem("data.problem.file_missing", file=custom)
    frame, problem = _load_file(custom, mtime)
    if frame is None:
        return None, problem
    return Dataset.of(frame, "data.file", f"file-{custom}-{mtime}"), None


def current_dataset() -> Dataset:
    """What the app shows: the file named by ``OVOP_DATA_FILE``, else the store's current version.

    Every failure on the way falls back to the next source (a bad file to the store, a broken
    store to the bundled demo data) and is kept in ``Dataset.problems``, so pages can say why
    in the visitor's language while the server log holds the details. This never raises.
    """
    custom, problem = _custom_file()
    if custom is not None:
        return custom
    problems = (problem,) if problem else ()
    from ovop_ui.data_access.store import (  # the store needs the demo data to seed itself
        load_current,
        store,
    )

    opened = store()
    if opened is not None:
        try:
            frame, version = load_current(opened)
            label = "data.demo" if version.is_demo else "data.stored"
            return Dataset.of(frame, label, f"store-{version.id}", problems, store_version=version.id)
        except Exception:
            _log_once(
                f"store:{opened!r}",
                "the data store %r cannot be read; showing the bundled demo data",
                opened,
                exc_info=True,
            )
    problems += (DataProblem("data.problem.store"),)
    if DEMO_CSV.exists():
        try:
            return Dataset.of(demo_frame(), "data.demo", f"demo-{DEMO_CSV.stat().st_mtime}", problems)
        except Exception:
            _log_once("demo", "the bundled demo file %s cannot be read", DEMO_CSV, exc_info=True)
    return Dataset.of(synthetic_frame(), "data.synthetic", "synthetic-1000-7", problems)


@st.cache_data(max_entries=8, show_spinner=False)
def scored_table(_frame: pd.DataFrame, version: str, model_version: str, today: str) -> pd.DataFrame:
    """``ovop_core.summary.analysed_table`` (scores, pipeline status, region names) for a dataset
    version, cached (the frame is not hashed: ``version`` stands for it)."""
    return analysed_table(_frame, get_model(model_version), today)


@st.cache_data(max_entries=6, show_spinner=False)
def _scored_with_weights(_frame: pd.DataFrame, version: str, weights: tuple, today: str) -> pd.DataFrame:
    return analysed_table(_frame, custom_model(dict(zip(CRITERIA, weights))), today)


def scored_for_model(dataset: Dataset, model: ScoringModel, today: str) -> pd.DataFrame:
    """``scored_table`` for a preset or a custom weight set (custom sets cached by their weights)."""
    if model.version in PRESETS:
        return scored_table(dataset.frame, dataset.version, model.version, today)
    weights = tuple(float(model.weights[c]) for c in CRITERIA)
    return _scored_with_weights(dataset.frame, dataset.version, weights, today)


@st.cache_data(max_entries=4, show_spinner=False)
def _history_table(_frame: pd.DataFrame, version: str, model_version: str, weights: tuple, today: str) -> pd.DataFrame:
    model = get_model(model_version) if model_version in PRESETS else custom_model(dict(zip(CRITERIA, weights)))
    return analysed_table(_frame, model, today)


def scored_history(dataset: Dataset, model: ScoringModel, today: str) -> pd.DataFrame:
    """``analysed_table`` of every round (one vectorised call) with the model shown, for the rounds
    views; cached per dataset version and model like ``scored_table``."""
    weights = tuple(float(model.weights[c]) for c in CRITERIA)
    return _history_table(dataset.all_rounds, dataset.version, model.version, weights, today)


def today() -> str:
    return str(pd.Timestamp.today().date())


@st.cache_resource(max_entries=40, show_spinner=False)
def geojson(path: str) -> dict:
    """A boundary file, parsed once per process and shared read-only by every session."""
    return maps.load_geojson(Path(path))
