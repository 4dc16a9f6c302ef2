"""Workflows as Home Assistant automations (the entries of `automations.yaml`).

Each workflow becomes one automation: `id` (the workflow name, so re-exporting updates the same
automation), `alias` (the description, else the name), `description`, `mode: single`, `trigger`,
`condition`, `action`. Entity ids, attributes and services come from the environment's `source`
fields (see `mapping.py`); literals are converted to the property's or parameter's unit.

Key spelling: the classic `trigger:`/`condition:`/`action:` lists with `platform:` in triggers and
`service:` in calls. Every Home Assistant version accepts these; the newer spellings (`triggers:`,
`trigger: state`, `action: light.turn_on`, 2024.8+) are rejected by older installations.

Semantics kept: a `when` fires when its expression becomes true (see `export_triggers.py`);
`if` clauses are and-ed; with an `else` branch they move into one `if/then/else` action, because
top-level conditions would stop the automation before the `else` could run. Restrictions that belong
to one trigger (`at 07:00 on weekdays`, an event entity's event type) stay top-level conditions; when
only some triggers carry them the triggers get ids and the restriction reads
`not triggered by these, or <restriction>`. Adjacent `on` triggers of one event entity share one
trigger with a list of event types.

Never raises on a broken tree: what cannot be exported is left out and reported as a Diagnostic
(code `export-...`) at the span of the offending node. An automation exported with errors is
incomplete (a dropped condition makes it fire more often): callers must not deploy it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Literal, TypeVar

import msgspec
import yaml

from wfl.schemas.diagnostics import Diagnostic, Severity
from wfl.schemas.environment import Environment
from wfl.schemas.workflow import File, Workflow

from .export_actions import export_action
from .export_conditions import export_condition
from .export_triggers import ExportedTrigger, export_trigger
from .mapping import ExportProblem, Places
from .shape import flatten_and

T = TypeVar("T")
R = TypeVar("R")


class ExportResult(msgspec.Struct):
    automations: list[dict]
    diagnostics: list[Diagnostic]


def export_workflow(workflow: Workflow, env: Environment) -> ExportResult:
    return _export([workflow], Places(env))


def export_file(file: File, env: Environment) -> ExportResult:
    return _export(file.workflows, Places(env))


def dump_automations(automations: list[dict], fmt: Literal["yaml", "json"] = "yaml") -> str:
    """The automations as `automations.yaml` holds them (a YAML list), or as a JSON array."""
    if fmt == "json":
        return json.dumps(automations, indent=2, ensure_ascii=False) + "\n"
    if fmt != "yaml":
        raise ValueError(f"unknown format {fmt!r}: use 'yaml' or 'json'")
    return yaml.dump(
        automations, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1 << 16
    )


class _Dumper(yaml.SafeDumper):
    """safe_dump without `&id001` anchors: Home Assistant users read and edit this file."""

    def ignore_aliases(self, data: object) -> bool:
        return True


# ---------------------------------------------------------------- assembly


def _export(workflows: list[Workflow], places: Places) -> ExportResult:
    automations: list[dict] = []
    diagnostics: list[Diagnostic] = []
    seen: set[str] = set()
    for wf in workflows:
        if not wf.name:
            diagnostics.append(Diagnostic(code="export-invalid", message="a workflow needs a name", span=wf.span))
            continue
        if wf.name in seen:
            diagnostics.append(
                Diagnostic(
                    code="export-duplicate-id",
                    message=f"another workflow is already named `{wf.name}`; automation ids must be unique",
                    span=wf.name_span,
                )
            )
            continue
        seen.add(wf.name)
        automations.append(_Automation(places, diagnostics).build(wf))
    return ExportResult(automations, diagnostics)


class _Automation:
    """One workflow's export; collects the diagnostics of the parts it has to leave out."""

    def __init__(self, places: Places, diagnostics: list[Diagnostic]) -> None:
        self.places = places
        self.diagnostics = diagnostics

    def build(self, wf: Workflow) -> dict:
        triggers, restrictions = _restrict(self.each(export_trigger, wf.triggers))
        conditions = self.each(export_condition, flatten_and(wf.conditions))
        actions = self.each(export_action, wf.actions)
        else_actions = self.each(export_action, wf.else_actions)
        if not wf.triggers:
            self.warn("export-no-trigger", f"workflow `{wf.name}` has no trigger: it only runs when started by hand", wf.name_span)
        if wf.else_actions and not wf.conditions:
            self.warn("export-unreachable-else", "`else` without `if` never runs; it was left out", wf.else_actions[0].span)
        if wf.else_actions and wf.conditions:
            actions = [{"if": conditions, "then": actions, "else": else_actions}]
            conditions = []
        return {
            "id": wf.name,
            "alias": wf.description or wf.name,
            "description": wf.description or "",
            "mode": "single",
            "trigger": triggers,
            "condition": restrictions + conditions,
            "action": actions,
        }

    def each(self, export: Callable[[T, Places], R], items: list[T]) -> list[R]:
        out = []
        for item in items:
            try:
                out.append(export(item, self.places))
            except ExportProblem as problem:
                self.diagnostics.append(
                    Diagnostic(code=problem.code, message=problem.message, span=problem.span, data=problem.data)
                )
        return out

    def warn(self, code: str, message: str, span: tuple[int, int]) -> None:
        self.diagnostics.append(Diagnostic(code=code, message=message, span=span, severity=Severity.WARNING))


def _merge_events(exported: list[ExportedTrigger]) -> list[ExportedTrigger]:
    """`on remote.single or on remote.double`: one trigger on the entity, a list of event types."""
    merged: list[ExportedTrigger] = []
    for item in exported:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.trigger == item.trigger
            and last.restriction is not None
            and item.restriction is not None
            and last.restriction.get("attribute") == item.restriction.get("attribute") == "event_type"
        ):
            states = last.restriction["state"]
            states = states if isinstance(states, list) else [states]
            if item.restriction["state"] not in states:
                states = [*states, item.restriction["state"]]
            merged[-1] = ExportedTrigger(last.trigger, {**last.restriction, "state": states})
        else:
            merged.append(item)
    return merged


def _restrict(exported: list[ExportedTrigger]) -> tuple[list[dict], list[dict]]:
    """Triggers, and the conditions that apply their restrictions (see the module docstring)."""
    exported = _merge_events(exported)
    triggers = [e.trigger for e in exported]
    restrictions = [e.restriction for e in exported]
    if all(r is None for r in restrictions):
        return triggers, []
    if all(r == restrictions[0] for r in restrictions):
        return triggers, [restrictions[0]]  # type: ignore[list-item]
    groups: list[tuple[dict, list[str]]] = []
    for index, (trigger, restriction) in enumerate(zip(triggers, restrictions)):
        if restriction is None:
            continue
        trigger["id"] = f"trigger_{index + 1}"
        for known, ids in groups:
            if known == restriction:
                ids.append(trigger["id"])
                break
        else:
            groups.append((restriction, [trigger["id"]]))
    conditions = [
        {
            "condition": "or",
            "conditions": [
                {"condition": "not", "conditions": [{"condition": "trigger", "id": ids}]},
                restriction,
            ],
        }
        for restriction, ids in groups
    ]
    return triggers, conditions
