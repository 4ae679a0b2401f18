"""The trade-fair kiosk: its Streamlit screens, its deck of slides and their HTML."""
