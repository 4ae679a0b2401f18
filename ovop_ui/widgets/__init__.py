"""Shared Streamlit widgets: the map widget, region profile, notices and tables, the scenario form, the editor."""
