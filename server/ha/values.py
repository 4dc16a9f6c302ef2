"""Workflow values in Home Assistant's spellings, and back.

Home Assistant compares an entity's *state* as a string (booleans are "on"/"off", times
"HH:MM:SS") but an *attribute* as the JSON value it holds (true, 21.5). Durations are written
"HH:MM:SS" (negative for sun offsets), which every Home Assistant version accepts.
"""

from __future__ import annotations

from wfl.grammar import units
from wfl.schemas.environment import (
    BooleanType,
    DurationType,
    EnumType,
    NumberType,
    StringType,
    TimeType,
)
from wfl.schemas.workflow import Boolean, Duration, Expr, ListLit, Name, Number, Span, String, Time

from .mapping import ExportProblem, Location


def clean_number(value: float) -> int | float:
    """Drop float noise from unit conversion (77 °F is 25.000000000000004 °C) and `.0` from whole numbers."""
    rounded = round(float(value), 9)
    return int(rounded) if rounded.is_integer() and abs(rounded) < 1e15 else rounded


def ha_duration(seconds: float) -> str:
    """`300` -> "00:05:00", `-1800` -> "-00:30:00", `1.5` -> "00:00:01.5"."""
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    whole = int(seconds)
    fraction = round(seconds - whole, 6)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{sign}{hours:02d}:{minutes:02d}:{secs:02d}"
    if fraction:
        text += f"{fraction:.6f}".rstrip("0")[1:]
    return text


def parse_ha_duration(value: object) -> float:
    """Seconds in a Home Assistant duration: "HH:MM[:SS[.f]]", a number of seconds, or a dict."""
    if isinstance(value, bool):
        raise ValueError(f"not a duration: {value!r}")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dict):
        scale = {"days": 86400, "hours": 3600, "minutes": 60, "seconds": 1, "milliseconds": 0.001}
        return clean_number(sum(float(value.get(k, 0)) * f for k, f in scale.items()))
    if isinstance(value, str):
        text = value.strip()
        sign = -1 if text.startswith("-") else 1
        parts = text.lstrip("+-").split(":")
        if len(parts) in (2, 3):
            hours, minutes = int(parts[0]), int(parts[1])
            secs = float(parts[2]) if len(parts) == 3 else 0.0
            return clean_number(sign * (hours * 3600 + minutes * 60 + secs))
    raise ValueError(f"not a duration: {value!r}")


def ha_time(value: str) -> str:
    """A wfl time ("07:00") as Home Assistant writes times ("07:00:00")."""
    return value if value.count(":") == 2 else value + ":00"


def wfl_time(value: str) -> str:
    """A Home Assistant time ("07:00:00") as wfl writes it ("07:00"; seconds kept when not zero)."""
    parts = value.split(":")
    if len(parts) == 3 and parts[2] in ("00", "0"):
        parts = parts[:2]
    parts[0] = parts[0].zfill(2)
    return ":".join(parts)


def number_in(value: Number, unit: str | None, what: str) -> int | float:
    """A number literal in `unit` (the property's or parameter's); no conversion when either has no unit."""
    if value.unit is None or unit is None:
        return clean_number(value.value)
    converted = units.convert(value.value, value.unit, unit)
    if converted is None:
        raise ExportProblem(
            "export-unit",
            f"`{value.unit}` does not convert to `{unit}`, the unit of {what}",
            value.span,
            data={"unit": value.unit, "expected": unit},
        )
    return clean_number(converted)


def state_matchable(loc: Location) -> bool:
    """Whether equality with a literal can be a `state` trigger or condition.

    A number held in the state is a string ("25.0"), so `== 25` would miss it: those comparisons go
    through a template, which compares numbers as numbers. Durations have no fixed spelling.
    """
    if isinstance(loc.type, NumberType):
        return loc.attribute is not None
    return isinstance(loc.type, (BooleanType, EnumType, StringType, TimeType))


def match_value(value: Expr, loc: Location) -> object:
    """A literal as Home Assistant holds the value of `loc`, for `to:`, `from:` and `state:`."""
    prop, in_state, what = loc.type, loc.attribute is None, f"`{loc.node.id}.{loc.name}`"
    if isinstance(value, ListLit):
        return [match_value(item, loc) for item in value.items]
    if isinstance(prop, BooleanType) and isinstance(value, Boolean):
        return ("on" if value.value else "off") if in_state else value.value
    if isinstance(prop, (EnumType, StringType)) and isinstance(value, (Name, String)):
        return value.name if isinstance(value, Name) else value.value
    if isinstance(prop, TimeType) and isinstance(value, Time):
        return ha_time(value.value)
    if isinstance(prop, NumberType) and isinstance(value, Number) and not in_state:
        return number_in(value, prop.unit, what)
    raise _mismatch(value, what, value.span)


def _mismatch(value: Expr, what: str, span: Span) -> ExportProblem:
    return ExportProblem("export-type", f"this {value.__class__.__name__.lower()} cannot be compared with {what}", span)


def arg_value(value: Expr, param: object) -> object:
    """A literal argument of a call, in the parameter's unit and Home Assistant's spelling."""
    if isinstance(value, Number):
        return number_in(value, param.unit if isinstance(param, NumberType) else None, "the parameter")
    if isinstance(value, Duration):
        if isinstance(param, NumberType):
            unit = param.unit if param.unit and units.is_duration_unit(param.unit) else "s"
            return clean_number(units.convert(value.seconds, "s", unit) or value.seconds)
        return ha_duration(value.seconds)
    if isinstance(value, Time):
        return ha_time(value.value)
    if isinstance(value, Name):
        return value.name
    if isinstance(value, String):
        return value.value
    if isinstance(value, Boolean):
        return value.value
    if isinstance(value, ListLit):
        return [arg_value(item, param) for item in value.items]
    raise ExportProblem("export-unsupported", "this value cannot be a Home Assistant service argument", value.span)


def literal_for(value: object, prop: object) -> Expr:
    """A Home Assistant value (state string, attribute, argument) as the wfl literal of `prop`'s type."""
    if isinstance(value, list):
        return ListLit(items=[literal_for(v, prop) for v in value])
    if isinstance(value, bool):
        return Boolean(value=value)
    if isinstance(prop, BooleanType) and value in ("on", "off"):
        return Boolean(value=value == "on")
    if isinstance(value, (int, float)):
        if isinstance(prop, NumberType) and prop.unit and units.is_duration_unit(prop.unit):
            return Duration(seconds=clean_number(units.convert(value, prop.unit, "s") or value))
        return Number(value=clean_number(value), unit=prop.unit if isinstance(prop, NumberType) else None)
    if not isinstance(value, str):
        raise ValueError(f"no wfl value for {value!r}")
    if isinstance(prop, EnumType):
        return Name(name=value)
    if isinstance(prop, TimeType):
        return Time(value=wfl_time(value))
    if isinstance(prop, DurationType):
        return Duration(seconds=parse_ha_duration(value))
    return String(value=value)
