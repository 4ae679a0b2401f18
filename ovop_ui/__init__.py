"""Streamlit-aware helpers and pure figure/map builders for the OVOP Dashboard."""
