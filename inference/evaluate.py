"""Scoring generated automations against what a home's owner really built.

The metrics are those of tests/data/ha/README.md, computed on Home Assistant automations (plain
dicts, as the exporter writes them and as the cases hold them), so any generator can be scored:

- action pairs: (service, entity_id) pairs the actions call vs `gold.action_pairs`, micro-averaged
  F1 over all cases (`action_pair_f1`, the headline); the same for entity ids alone
  (`action_entity_f1`); the share of cases with at least one real action entity (`action_hit_rate`);
- trigger entities: entity ids the triggers name vs `gold.trigger_entities`, micro F1 over the cases
  that have any (`trigger_entity_f1`);
- exact: the share of cases whose action pairs equal the gold set (`exact_rate`).

A case without an answer counts as an empty automation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from msgspec import Struct

_ENTITY_ID = re.compile(r"^[a-z_]+\.[a-z0-9_]+$")
_NESTED = ("action", "actions", "sequence", "then", "else", "default", "parallel")


class Gold(Struct, kw_only=True):
    trigger_entities: list[str] = []
    condition_entities: list[str] = []
    action_entities: list[str] = []
    services: list[str] = []
    action_pairs: list[tuple[str, str]] = []


class Counts(Struct):
    true_positive: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, predicted: set, expected: set) -> None:
        self.true_positive += len(predicted & expected)
        self.predicted += len(predicted)
        self.expected += len(expected)

    def f1(self) -> float:
        if self.predicted + self.expected == 0:
            return 0.0
        return 2 * self.true_positive / (self.predicted + self.expected)


class Scores(Struct, kw_only=True):
    cases: int
    action_pair_f1: float
    action_entity_f1: float
    action_hit_rate: float
    trigger_entity_f1: float
    exact_rate: float


def _entity_ids(value: object) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def action_pairs(automation: dict | None) -> set[tuple[str, str]]:
    """Every (service, entity_id) the automation's actions call, however deeply nested."""
    pairs: set[tuple[str, str]] = set()
    if automation:
        for step in _steps(automation.get("action", automation.get("actions", []))):
            service = step.get("service") or step.get("action")
            if not isinstance(service, str):
                continue
            entities: list[str] = []
            for holder in (step, step.get("target") or {}, step.get("data") or {}):
                if isinstance(holder, dict):
                    entities += _entity_ids(holder.get("entity_id"))
            for entity in entities:
                pairs.add((service, entity))
    return pairs


def _steps(actions: object) -> Iterable[dict]:
    """Every step, with those inside sequences, branches, choices and repeats."""
    if isinstance(actions, dict):
        actions = [actions]
    if not isinstance(actions, list):
        return
    for step in actions:
        if not isinstance(step, dict):
            continue
        yield step
        for key in _NESTED:  # "action" is also the new name of "service": only nest lists and dicts
            if isinstance(step.get(key), (list, dict)):
                yield from _steps(step[key])
        for option in step.get("choose") or []:
            if isinstance(option, dict):
                yield from _steps(option.get("sequence"))
        if isinstance(step.get("repeat"), dict):
            yield from _steps(step["repeat"].get("sequence"))


def trigger_entities(automation: dict | None) -> set[str]:
    found: set[str] = set()
    if automation:
        triggers = automation.get("trigger", automation.get("triggers", []))
        for trigger in triggers if isinstance(triggers, list) else [triggers]:
            if isinstance(trigger, dict):
                found.update(_entity_ids(trigger.get("entity_id")))
                # A time trigger names the helper whose time it waits for (`at: input_datetime.wakeup`).
                found.update(e for e in _entity_ids(trigger.get("at")) if _ENTITY_ID.match(e))
    return found


def score(predictions: list[dict | None], golds: list[Gold]) -> Scores:
    pairs, entities, triggers = Counts(), Counts(), Counts()
    hits = exact = 0
    for automation, gold in zip(predictions, golds, strict=True):
        predicted_pairs = action_pairs(automation)
        expected_pairs = {tuple(p) for p in gold.action_pairs}
        pairs.add(predicted_pairs, expected_pairs)
        predicted_entities = {e for _, e in predicted_pairs}
        expected_entities = set(gold.action_entities) or {e for _, e in expected_pairs}
        entities.add(predicted_entities, expected_entities)
        hits += bool(predicted_entities & expected_entities)
        exact += predicted_pairs == expected_pairs
        if gold.trigger_entities:
            triggers.add(trigger_entities(automation), set(gold.trigger_entities))
    n = len(golds)
    return Scores(
        cases=n,
        action_pair_f1=round(pairs.f1(), 3),
        action_entity_f1=round(entities.f1(), 3),
        action_hit_rate=round(hits / n, 3) if n else 0.0,
        trigger_entity_f1=round(triggers.f1(), 3),
        exact_rate=round(exact / n, 3) if n else 0.0,
    )
