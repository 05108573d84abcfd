"""Strings of the council's view pages."""

STRINGS: dict[str, tuple[str, str]] = {
    "overview.total": ("Pasākumi kopā", "Measures in total"),
}
