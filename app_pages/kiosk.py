"""Anjungan / Kiosk: the trade-fair touch screen (attract loop, explorer, idle return); see ovop_ui.modes.kiosk.screens."""

from ovop_ui.modes.kiosk.screens import render_kiosk

render_kiosk()
