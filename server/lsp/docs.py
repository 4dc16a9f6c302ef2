"""Markdown descriptions of nodes, properties, actions and parameters (hover, completion resolve,
signature help). Pure functions of the environment's types."""

from __future__ import annotations

from wfl.grammar import printer, units
from wfl.schemas.environment import (
    Action,
    EnumType,
    Event,
    Node,
    NumberType,
    TimeType,
    ValueType,
    type_name,
)


def _num(value: float) -> str:
    return printer.number(value)


def type_summary(t: ValueType) -> str:
    """`number °C (-10..50)`, `enum: on | off`, `boolean`: one line."""
    if isinstance(t, NumberType):
        parts = ["number"]
        if t.unit:
            parts.append(t.unit)
        text = " ".join(parts)
        if t.min is not None or t.max is not None:
            low = _num(t.min) if t.min is not None else ""
            high = _num(t.max) if t.max is not None else ""
            text += f" ({low}..{high})"
        return text
    if isinstance(t, EnumType):
        shown = [printer.enum_member(v) for v in t.values[:8]]
        more = " | …" if len(t.values) > 8 else ""
        return "enum: " + " | ".join(shown) + more
    if isinstance(t, TimeType) and t.has_date:
        return "time (with date)"
    return type_name(t)


def value_type_markdown(t: ValueType, heading: str) -> str:
    lines = [f"**{heading}**: `{type_summary(t)}`"]
    if t.description:
        lines.append("")
        lines.append(t.description)
    if isinstance(t, NumberType):
        details = []
        if t.unit:
            known = units.lookup(t.unit)
            details.append(f"unit: {t.unit}" + (f" ({known.dimension})" if known else ""))
        if t.min is not None:
            details.append(f"min: {_num(t.min)}")
        if t.max is not None:
            details.append(f"max: {_num(t.max)}")
        if t.step is not None:
            details.append(f"step: {_num(t.step)}")
        if details:
            lines.append("")
            lines.append(", ".join(details))
    if isinstance(t, EnumType) and t.values:
        lines.append("")
        lines.append("values: " + ", ".join(f"`{printer.enum_member(v)}`" for v in t.values))
    if t.aliases:
        lines.append("")
        lines.append("aliases: " + ", ".join(t.aliases))
    return "\n".join(lines)


def node_markdown(node: Node, *, full: bool = True) -> str:
    title = f"**{node.id}**" + (f" — {node.name}" if node.name else "")
    lines = [title]
    facts = []
    if node.area:
        facts.append(f"area: {node.area}")
    if node.kind:
        facts.append(f"kind: {node.kind}")
    if node.source:
        facts.append(f"source: `{node.source}`")
    if facts:
        lines.append("")
        lines.append(" · ".join(facts))
    if node.description:
        lines.append("")
        lines.append(node.description)
    if node.aliases:
        lines.append("")
        lines.append("aliases: " + ", ".join(node.aliases))
    if node.properties:
        lines.append("")
        lines.append("properties:")
        for name, t in node.properties.items():
            lines.append(f"- `{name}`: {type_summary(t)}")
    if node.actions and full:
        lines.append("")
        lines.append("actions:")
        for name, action in node.actions.items():
            lines.append(f"- `{action_signature(name, action)}`")
    if node.events and full:
        lines.append("")
        lines.append("events: " + ", ".join(f"`{e}`" for e in node.events))
    return "\n".join(lines)


def param_label(name: str, t: ValueType) -> str:
    return f"{name}{'?' if t.optional else ''}: {type_summary(t)}"


def action_signature(name: str, action: Action) -> str:
    return f"{name}(" + ", ".join(param_label(p, t) for p, t in action.params.items()) + ")"


def action_markdown(node_id: str, name: str, action: Action) -> str:
    lines = [f"```wfl\n{node_id}.{action_signature(name, action)}\n```"]
    if action.description:
        lines.append(action.description)
    if action.params:
        lines.append("")
        for p, t in action.params.items():
            desc = f" — {t.description}" if t.description else ""
            lines.append(f"- `{p}`{' (optional)' if t.optional else ''}: {type_summary(t)}{desc}")
    if action.aliases:
        lines.append("")
        lines.append("aliases: " + ", ".join(action.aliases))
    return "\n".join(lines)


def property_markdown(node_id: str, name: str, t: ValueType) -> str:
    return value_type_markdown(t, f"{node_id}.{name}")


def event_markdown(node_id: str, name: str, event: Event) -> str:
    lines = [f"**{node_id}.{name}** (event)"]
    if event.description:
        lines.append("")
        lines.append(event.description)
    if event.aliases:
        lines.append("")
        lines.append("aliases: " + ", ".join(event.aliases))
    return "\n".join(lines)


def plain(markdown: str) -> str:
    """A rough plain-text form for clients without markdown."""
    return markdown.replace("**", "").replace("```wfl\n", "").replace("\n```", "").replace("`", "")
