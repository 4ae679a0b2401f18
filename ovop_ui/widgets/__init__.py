"""Shared Streamlit widgets (the map widget, region profile, notices and tables, the scenario form,
the product editor) and the page sections drawn with them (``whatif_panels``, ``pipeline_panels``,
``data_import``, ``data_sections``), so that page scripts only read widgets, call the core and render."""
