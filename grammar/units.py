"""Units of measure: which units measure the same quantity, and how to convert between them.

Deliberately a small table rather than a units library: workflows compare sensor readings with
literals, so what matters is recognising the spellings Home Assistant and people use (`°C`, `C`,
`degC`, `kWh`, `km/h`, `%`) and converting linear and affine (temperature) scales exactly.
A unit the table does not know is still usable: it only matches itself.
"""

from __future__ import annotations

from typing import NamedTuple


class Unit(NamedTuple):
    symbol: str
    """The canonical spelling."""
    dimension: str
    factor: float
    """Value in the dimension's base unit = value * factor + offset."""
    offset: float = 0.0


_UNITS: list[tuple[tuple[str, ...], str, float, float]] = [
    # durations (base: second)
    (("s", "sec", "secs", "second", "seconds"), "duration", 1, 0),
    (("ms", "millisecond", "milliseconds"), "duration", 0.001, 0),
    (("min", "mins", "minute", "minutes"), "duration", 60, 0),
    (("h", "hr", "hrs", "hour", "hours"), "duration", 3600, 0),
    (("d", "day", "days"), "duration", 86400, 0),
    (("week", "weeks"), "duration", 604800, 0),
    # temperature (base: kelvin)
    (("°C", "C", "degC", "celsius", "℃"), "temperature", 1, 273.15),
    (("°F", "F", "degF", "fahrenheit", "℉"), "temperature", 5 / 9, 273.15 - 32 * 5 / 9),
    (("K", "kelvin"), "temperature", 1, 0),
    # ratio
    (("%", "percent", "pct"), "ratio", 0.01, 0),
    # length (base: metre)
    (("mm",), "length", 0.001, 0),
    (("cm",), "length", 0.01, 0),
    (("m", "metre", "meter", "metres", "meters"), "length", 1, 0),
    (("km",), "length", 1000, 0),
    (("in", "inch", "inches"), "length", 0.0254, 0),
    (("ft", "foot", "feet"), "length", 0.3048, 0),
    (("yd",), "length", 0.9144, 0),
    (("mi", "mile", "miles"), "length", 1609.344, 0),
    # speed (base: m/s)
    (("m/s",), "speed", 1, 0),
    (("km/h", "kmh", "kph"), "speed", 1000 / 3600, 0),
    (("mph",), "speed", 0.44704, 0),
    (("kn", "kt", "knots"), "speed", 1852 / 3600, 0),
    # power (base: watt)
    (("W", "watt", "watts"), "power", 1, 0),
    (("kW",), "power", 1000, 0),
    (("MW",), "power", 1e6, 0),
    # energy (base: watt-hour)
    (("Wh",), "energy", 1, 0),
    (("kWh",), "energy", 1000, 0),
    (("MWh",), "energy", 1e6, 0),
    (("J",), "energy", 1 / 3600, 0),
    (("kJ",), "energy", 1000 / 3600, 0),
    # pressure (base: pascal)
    (("Pa",), "pressure", 1, 0),
    (("hPa", "mbar"), "pressure", 100, 0),
    (("kPa",), "pressure", 1000, 0),
    (("bar",), "pressure", 1e5, 0),
    (("psi",), "pressure", 6894.757, 0),
    (("inHg",), "pressure", 3386.389, 0),
    (("mmHg",), "pressure", 133.322, 0),
    # volume (base: litre)
    (("mL", "ml"), "volume", 0.001, 0),
    (("L", "l", "litre", "liter", "litres", "liters"), "volume", 1, 0),
    (("m³", "m3"), "volume", 1000, 0),
    (("gal",), "volume", 3.785411784, 0),
    (("ft³", "ft3"), "volume", 28.316846592, 0),
    # mass (base: gram)
    (("g",), "mass", 1, 0),
    (("kg",), "mass", 1000, 0),
    (("lb", "lbs"), "mass", 453.59237, 0),
    (("oz",), "mass", 28.349523125, 0),
    # electrical
    (("V",), "voltage", 1, 0),
    (("mV",), "voltage", 0.001, 0),
    (("A",), "current", 1, 0),
    (("mA",), "current", 0.001, 0),
    (("Hz",), "frequency", 1, 0),
    (("kHz",), "frequency", 1000, 0),
    # light and air
    (("lx", "lux"), "illuminance", 1, 0),
    (("µg/m³", "ug/m3", "µg/m3"), "concentration", 1, 0),
    (("ppm",), "ppm", 1, 0),
    (("ppb",), "ppm", 0.001, 0),
    (("dB", "dBm"), "decibel", 1, 0),
    # data
    (("B", "bytes"), "data", 1, 0),
    (("kB", "KB"), "data", 1e3, 0),
    (("MB",), "data", 1e6, 0),
    (("GB",), "data", 1e9, 0),
    (("TB",), "data", 1e12, 0),
    (("kbit/s",), "datarate", 1e3, 0),
    (("Mbit/s", "Mbps"), "datarate", 1e6, 0),
    (("Gbit/s", "Gbps"), "datarate", 1e9, 0),
    # angles
    (("°", "deg"), "angle", 1, 0),
]

_BY_SPELLING: dict[str, Unit] = {}
for spellings, dimension, factor, offset in _UNITS:
    canonical = spellings[0]
    for spelling in spellings:
        _BY_SPELLING[spelling] = Unit(canonical, dimension, factor, offset)

DURATION_SPELLINGS: frozenset[str] = frozenset(s for s, u in _BY_SPELLING.items() if u.dimension == "duration")


def lookup(unit: str) -> Unit | None:
    """The known unit behind a spelling, or None."""
    return _BY_SPELLING.get(unit.strip())


def canonical(unit: str) -> str:
    """The canonical spelling of a unit (`C` -> `°C`); an unknown unit spells itself."""
    known = lookup(unit)
    return known.symbol if known else unit.strip()


def is_duration_unit(unit: str) -> bool:
    return unit in DURATION_SPELLINGS


def duration_seconds(value: float, unit: str) -> float | None:
    known = lookup(unit)
    if known is None or known.dimension != "duration":
        return None
    return value * known.factor


def compatible(a: str, b: str) -> bool:
    """Whether values in unit `a` can be compared with or converted to unit `b`."""
    if canonical(a) == canonical(b):
        return True
    ua, ub = lookup(a), lookup(b)
    return ua is not None and ub is not None and ua.dimension == ub.dimension


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """`value` in `from_unit` expressed in `to_unit`, or None when they measure different things."""
    if canonical(from_unit) == canonical(to_unit):
        return value
    src, dst = lookup(from_unit), lookup(to_unit)
    if src is None or dst is None or src.dimension != dst.dimension:
        return None
    base = value * src.factor + src.offset
    return (base - dst.offset) / dst.factor


def format_duration(seconds: float) -> str:
    """A duration in the largest unit that divides it exactly: `90 s`, `5 min`, `90 min`, `2 h`."""
    if seconds < 0:
        return "-" + format_duration(-seconds)
    if seconds != int(seconds):
        return f"{_number(seconds)} s"
    total = int(seconds)
    for size, name in ((86400, "d"), (3600, "h"), (60, "min")):
        if total and total % size == 0:
            return f"{total // size} {name}"
    return f"{total} s"


def _number(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text
