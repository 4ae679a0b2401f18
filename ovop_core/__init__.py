"""OVOP Dashboard domain core: scoring, pipeline, what-if, regions and registry I/O.

Pure Python (pandas/numpy); no Streamlit, Plotly or Folium. See DESIGN.md for the model.
"""

__version__ = "0.1.0"
