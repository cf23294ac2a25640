"""Leaflet templates (HTML + CSS), editable by a unit's IT person."""
