"""Anjungan / Kiosk: the trade-fair touch screen (attract loop, explorer, idle return); see ovop_ui.kiosk."""

from ovop_ui.kiosk import render_kiosk

render_kiosk()
