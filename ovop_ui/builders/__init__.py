"""Pure builders (no Streamlit): Plotly figures, folium maps, tables and the region brief."""
