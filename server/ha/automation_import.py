"""Home Assistant automations back into workflows: the inverse of `export.py` for what it writes.

It exists so that round trips (workflow -> automation YAML -> workflow) can prove the exporter
loses nothing, and to read automations wfl wrote earlier. Entity ids resolve to nodes through the
environment's `source` fields. Automations outside the exported subset raise
`AutomationImportError`; this is not a general importer of hand-written automations.

What reads back differently from how it may have been written (each means the same automation):
a state trigger with `to:` is always `becomes` (`when x == v` and `when flag` export the same way),
days come back as `weekdays`/`weekends` or three-letter days, times without `:00` seconds, numbers in
the property's unit, and top-level `and`s as separate `if` conditions.
"""

from __future__ import annotations

import re

from wfl.grammar.days import WEEK
from wfl.schemas.environment import BooleanType, Environment, Node, NumberType
from wfl.schemas.workflow import (
    And,
    Arg,
    AtTrigger,
    BecomesTrigger,
    Call,
    ChangesTrigger,
    Compare,
    Duration,
    EventTrigger,
    EveryTrigger,
    Expr,
    Not,
    Number,
    Or,
    Ref,
    SunEvent,
    Time,
    Trigger,
    Wait,
    WhenTrigger,
    Workflow,
)

from .clock import import_clock
from .export_triggers import EVENT_ENTITY_KINDS, PRESS_ENTITY_KINDS
from .mapping import Places, entity_id
from .template_parse import parse_template
from .values import literal_for, parse_ha_duration, wfl_time

_TIME = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")
_PATTERN_SIZES = {"seconds": 1, "minutes": 60, "hours": 3600}


class AutomationImportError(ValueError):
    """The automation uses something the exporter never writes."""


def import_automation(automation: dict, env: Environment) -> Workflow:
    try:
        return _Importer(Places(env)).automation(automation)
    except AutomationImportError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise AutomationImportError(f"cannot import automation {automation.get('id')!r}: {error}") from error


class _Importer:
    def __init__(self, places: Places) -> None:
        self.places = places

    def automation(self, data: dict) -> Workflow:
        name = str(data.get("id") or data.get("alias") or "")
        triggers: list[tuple[Trigger, dict]] = [(self.trigger(t), t) for t in _listed(data, "trigger", "triggers")]
        conditions = self.restrictions(_listed(data, "condition", "conditions"), triggers)
        actions = _listed(data, "action", "actions")
        else_actions: list = []
        if len(actions) == 1 and "if" in actions[0] and "else" in actions[0]:
            branch = actions[0]
            conditions += branch["if"]
            actions, else_actions = branch.get("then") or [], branch.get("else") or []
        return Workflow(
            name=name,
            description=data.get("description") or None,
            triggers=_expand_events([t for t, _ in triggers]),
            conditions=[self.condition(c) for c in conditions],
            actions=[self.action(a) for a in actions],
            else_actions=[self.action(a) for a in else_actions],
        )

    # ------------------------------------------------------------ triggers

    def trigger(self, t: dict) -> Trigger:
        platform = t.get("platform") or t.get("trigger")
        held = Duration(seconds=parse_ha_duration(t["for"])) if "for" in t else None
        if platform == "state":
            return self.state_trigger(t, held)
        if platform == "numeric_state":
            return WhenTrigger(expr=self.numeric(t), for_=held)
        if platform == "template":
            return WhenTrigger(expr=parse_template(t["value_template"], self.places), for_=held)
        if platform == "time":
            at = str(t["at"])
            if _TIME.match(at):
                return AtTrigger(time=Time(value=wfl_time(at)))
            return AtTrigger(time=self.ref(at, None))
        if platform == "sun":
            offset = parse_ha_duration(t["offset"]) if "offset" in t else 0
            return AtTrigger(time=SunEvent(event=t["event"], offset=offset))
        if platform == "time_pattern":
            return EveryTrigger(interval=Duration(seconds=_pattern_seconds(t)))
        if platform == "event":
            node = self.node(t["event_data"]["entity_id"])
            return EventTrigger(node=node.id, event=t["event_type"])
        raise AutomationImportError(f"unsupported trigger platform {platform!r}")

    def state_trigger(self, t: dict, held: Duration | None) -> Trigger:
        entity = _one(t["entity_id"])
        node = self.node(entity)
        kind = node.kind or entity.split(".", 1)[0]
        if (kind in EVENT_ENTITY_KINDS or kind in PRESS_ENTITY_KINDS) and "not_from" in t and "to" not in t:
            event = None if kind in EVENT_ENTITY_KINDS else _press_event(node)
            return EventTrigger(node=node.id, event=event)
        attribute = t.get("attribute")
        ref = self.ref(entity, attribute)
        prop = self.places.property_at(node, attribute)[1]  # type: ignore[index]
        keys = {k for k in ("to", "from", "not_from", "not_to") if k in t}
        if keys == set() or (keys == {"to"} and t["to"] is None):
            return ChangesTrigger(ref=ref, for_=held)
        if keys == {"to"}:
            return BecomesTrigger(ref=ref, value=literal_for(t["to"], prop), for_=held)
        if keys == {"from"}:
            expr: Expr = Compare(op="!=", left=ref, right=literal_for(t["from"], prop))
        elif keys == {"to", "not_from"}:
            expr = Compare(op="in", left=ref, right=literal_for(t["to"], prop))
        elif keys == {"from", "not_to"}:
            expr = Compare(op="not in", left=ref, right=literal_for(t["from"], prop))
        else:
            raise AutomationImportError(f"unsupported state trigger keys {sorted(keys)}")
        return WhenTrigger(expr=expr, for_=held)

    def restrictions(self, conditions: list[dict], triggers: list[tuple[Trigger, dict]]) -> list[dict]:
        """Apply day and event-type conditions to their triggers; return the remaining (`if`) conditions."""
        remaining = []
        for condition in conditions:
            targets = self.restricted(condition, triggers)
            if targets is None:
                remaining.append(condition)
                continue
            restriction = condition["conditions"][1] if condition.get("condition") == "or" else condition
            for trigger in targets:
                _restrict(trigger, restriction)
        return remaining

    def restricted(self, condition: dict, triggers: list[tuple[Trigger, dict]]) -> list[Trigger] | None:
        """The triggers `condition` restricts, or None when it is an ordinary condition."""
        kind = condition.get("condition")
        if kind == "time" and set(condition) == {"condition", "weekday"}:
            # Days on times of day are the `at` trigger's own `on …`; on anything else, the clock's.
            ats = [t for t, _ in triggers if isinstance(t, AtTrigger)]
            return ats if ats and len(ats) == len(triggers) else None
        if kind == "state" and condition.get("attribute") == "event_type":
            entity = condition.get("entity_id")
            ours = [t for t, raw in triggers if isinstance(t, EventTrigger) and raw.get("entity_id") == entity]
            return ours if ours and len(ours) == len(triggers) else None
        if kind == "or" and len(condition.get("conditions", [])) == 2:
            guard, _ = condition["conditions"]
            inner = guard.get("conditions") or [{}]
            if guard.get("condition") == "not" and len(inner) == 1 and inner[0].get("condition") == "trigger":
                ids = set(_listify(inner[0]["id"]))
                return [t for t, raw in triggers if raw.get("id") in ids]
        return None

    # ------------------------------------------------------------ conditions

    def condition(self, c: dict) -> Expr:
        kind = c.get("condition")
        if kind == "state":
            attribute = c.get("attribute")
            ref = self.ref(_one(c["entity_id"]), attribute)
            prop = self.prop(ref)
            value = c["state"]
            if isinstance(prop, BooleanType) and not isinstance(value, list):
                return ref if value in ("on", True) else Not(operand=ref)
            op = "in" if isinstance(value, list) else "=="
            return Compare(op=op, left=ref, right=literal_for(value, prop))
        if kind == "numeric_state":
            return self.numeric(c)
        if kind == "template":
            return parse_template(c["value_template"], self.places)
        if kind == "time":
            try:
                return import_clock(c, self.places)
            except ValueError as e:
                raise AutomationImportError(str(e)) from None
        if kind in ("and", "or"):
            operands = [self.condition(x) for x in c["conditions"]]
            return And(operands=operands) if kind == "and" else Or(operands=operands)
        if kind == "not":
            inner = [self.condition(x) for x in c["conditions"]]
            if len(inner) == 1 and isinstance(inner[0], Compare) and inner[0].op in ("==", "in"):
                return Compare(op="!=" if inner[0].op == "==" else "not in", left=inner[0].left, right=inner[0].right)
            return Not(operand=inner[0] if len(inner) == 1 else Or(operands=inner))
        raise AutomationImportError(f"unsupported condition {kind!r}")

    def numeric(self, c: dict) -> Expr:
        ref = self.ref(_one(c["entity_id"]), c.get("attribute"))
        prop = self.prop(ref)
        unit = prop.unit if isinstance(prop, NumberType) else None
        bounds = [
            Compare(op=op, left=ref, right=Number(value=c[key], unit=unit))
            for key, op in (("above", ">"), ("below", "<"))
            if key in c
        ]
        if not bounds:
            raise AutomationImportError("numeric_state without above or below")
        return bounds[0] if len(bounds) == 1 else And(operands=bounds)

    # ------------------------------------------------------------ actions

    def action(self, a: dict):
        if "delay" in a:
            return Wait(duration=Duration(seconds=parse_ha_duration(a["delay"])))
        service = a.get("service") or a.get("action")
        if not isinstance(service, str):
            raise AutomationImportError(f"unsupported action {sorted(a)}")
        entity = (a.get("target") or {}).get("entity_id")
        node = self.node(_one(entity)) if entity else self.service_node(service)
        found = self.places.action_of_service(node, service)
        if found is None:
            raise AutomationImportError(f"node `{node.id}` has no action calling `{service}`")
        name, declared = found
        args = []
        for key, value in (a.get("data") or {}).items():
            param = declared.params.get(key)
            if isinstance(value, str) and value.strip().startswith("{{"):
                args.append(Arg(name=key, value=parse_template(value, self.places)))
            else:
                args.append(Arg(name=key, value=literal_for(value, param)))
        return Call(node=node.id, action=name, args=args)

    def service_node(self, service: str) -> Node:
        for node in self.places.nodes.values():
            if entity_id(node) in (None, service) and self.places.action_of_service(node, service):
                return node
        raise AutomationImportError(f"no node calls `{service}` without a target")

    # ------------------------------------------------------------ names

    def node(self, entity: str) -> Node:
        node = self.places.node_of_entity(entity)
        if node is None:
            raise AutomationImportError(f"no node of the environment has the entity id `{entity}`")
        return node

    def ref(self, entity: str, attribute: str | None) -> Ref:
        node = self.node(entity)
        found = self.places.property_at(node, attribute)
        if found is None:
            where = f"attribute `{attribute}`" if attribute else "state"
            raise AutomationImportError(f"node `{node.id}` has no property for the {where} of `{entity}`")
        return Ref(node=node.id, property=found[0])

    def prop(self, ref: Ref):
        return self.places.nodes[ref.node].properties[ref.property]  # type: ignore[index]


def _restrict(trigger: Trigger, restriction: dict) -> None:
    if restriction.get("condition") == "time" and isinstance(trigger, AtTrigger):
        trigger.days = _day_words(restriction["weekday"])
    elif restriction.get("attribute") == "event_type" and isinstance(trigger, EventTrigger):
        trigger.event = restriction["state"]
    else:
        raise AutomationImportError(f"a {restriction.get('condition')} restriction on a {type(trigger).__name__}")


def _expand_events(triggers: list[Trigger]) -> list[Trigger]:
    """One trigger restricted to several event types is that many `on` triggers (see `_merge_events`)."""
    out: list[Trigger] = []
    for trigger in triggers:
        if isinstance(trigger, EventTrigger) and trigger.event is None:
            raise AutomationImportError(f"event entity trigger on `{trigger.node}` without its event type condition")
        if isinstance(trigger, EventTrigger) and isinstance(trigger.event, list):
            out.extend(EventTrigger(node=trigger.node, event=event) for event in trigger.event)
        else:
            out.append(trigger)
    return out


def _day_words(weekdays: list[str] | str) -> list[str]:
    days = [d for d in WEEK if d in _listify(weekdays)]
    if days == list(WEEK[:5]):
        return ["weekdays"]
    if days == list(WEEK[5:]):
        return ["weekends"]
    return days


def _pattern_seconds(t: dict) -> float:
    given = [(k, str(t[k])) for k in _PATTERN_SIZES if k in t]
    if len(given) != 1 or not given[0][1].startswith("/"):
        raise AutomationImportError("only `/N` time patterns on one of seconds, minutes or hours")
    key, value = given[0]
    return int(value[1:]) * _PATTERN_SIZES[key]


def _press_event(node: Node) -> str:
    """A button trigger names no event; use the node's only declared event, else `pressed`."""
    return next(iter(node.events)) if len(node.events) == 1 else "pressed"


def _listed(data: dict, *keys: str) -> list:
    for key in keys:
        if key in data:
            return _listify(data[key])
    return []


def _listify(value: object) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _one(value: object) -> str:
    items = _listify(value)
    if len(items) != 1 or not isinstance(items[0], str):
        raise AutomationImportError(f"expected one entity id, found {value!r}")
    return items[0]
