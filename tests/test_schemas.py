"""The committed JSON Schemas are current, and they accept what the loader accepts."""

from __future__ import annotations

import json
from pathlib import Path

import wfl.schemas
from wfl.schemas.generate import schemas

SCHEMA_DIR = Path(wfl.schemas.__file__).parent


def test_committed_schemas_are_current():
    for name, text in schemas().items():
        committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: run `make schemas` (python -m wfl.schemas.generate)"


def test_environment_schema_describes_the_model():
    schema = json.loads((SCHEMA_DIR / "environment.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    assert {"Environment", "Node", "NumberType", "EnumType", "Action", "Event"} <= set(defs)
    assert defs["NumberType"]["properties"]["type"]["enum"] == ["number"]
    assert "id" in defs["Node"]["required"]


def test_workflow_schema_has_the_canonical_shapes():
    schema = json.loads((SCHEMA_DIR / "workflow.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    assert {"node", "property"} <= set(defs["Ref"]["properties"])
    assert {"op", "left", "right"} <= set(defs["Compare"]["properties"])
    assert {"node", "action", "args"} <= set(defs["Call"]["properties"])
