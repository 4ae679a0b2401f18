"""The two special modes of the app: the trade-fair kiosk and the presenter's slides."""
