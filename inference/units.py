"""The unit a request states with a threshold ("über 40000 Lux", "below 500 watts", "above 1000
ppm"), and which quantity it measures, so that the threshold is crossed by a property measured in
it (an illuminance, a power), not by a temperature or a cover's position that happens to be
numeric. Units as Home Assistant writes them on the property (`lx`, `W`, `kW`, `ppm`, `°C`, `%`)."""

from __future__ import annotations

import re

_SAID_UNITS = [
    ("illuminance", r"lux|lx"),
    ("energy", r"kwh|wh"),
    ("power", r"kw|w|watts?|kilowatts?"),
    ("concentration", r"ppm|ppb|µg/m³|ug/m3"),
    ("temperature", r"°\s*[cf]?|degrees?|grad|graden|graad|degrés|graus|grados|gradi"),
    ("pressure", r"hpa|mbar"),
    ("voltage", r"v|volts?"),
    ("percent", r"%|percent|prozent|procent|pourcent|por ?cento|por ?ciento|per ?cento"),
]
_AFTER_NUMBER = [(quantity, re.compile(rf"\s*(?:{pattern})(?![\w/])", re.IGNORECASE)) for quantity, pattern in _SAID_UNITS]
_PROPERTY_UNITS = {
    "lx": "illuminance", "lux": "illuminance",
    "w": "power", "kw": "power", "mw": "power",
    "wh": "energy", "kwh": "energy", "mwh": "energy",
    "ppm": "concentration", "ppb": "concentration", "µg/m³": "concentration",
    "°c": "temperature", "°f": "temperature", "°": "temperature", "c": "temperature", "f": "temperature",
    "hpa": "pressure", "mbar": "pressure", "pa": "pressure",
    "v": "voltage", "mv": "voltage",
    "%": "percent",
}


def quantity_after(text: str, end: int) -> str | None:
    """The quantity of the unit that follows a number ending at `end` in `text`, if any."""
    for quantity, pattern in _AFTER_NUMBER:
        if pattern.match(text, end):
            return quantity
    return None


def quantity_of(unit: str | None) -> str | None:
    """The quantity a property's unit measures."""
    return _PROPERTY_UNITS.get(unit.strip().lower()) if unit else None
