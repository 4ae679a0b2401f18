"""The Streamlit-facing layer of the OVOP Dashboard, grouped by role.

``shell`` (frame, sidebar, session and URL state), ``data_access`` (dataset, store, uploads),
``text`` (catalog, formats, sentences), ``builders`` (pure figures, maps, tables, brief),
``widgets`` (shared Streamlit pieces), ``modes`` (kiosk, present).
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # data/, static/ and app.py live here
