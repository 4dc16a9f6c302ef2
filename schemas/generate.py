"""Writes the committed JSON Schemas: `python -m wfl.schemas.generate`.

The schemas are generated from the msgspec models, committed so that editors validate environment
files with no set-up, and a test fails when they fall behind the models.
"""

from __future__ import annotations

import sys
from pathlib import Path

import msgspec

from wfl.schemas.environment import environment_json_schema
from wfl.schemas.workflow import workflow_json_schema

HERE = Path(__file__).parent


def schemas() -> dict[str, str]:
    """File name -> schema text, exactly as committed."""
    return {
        "environment.schema.json": _dump(environment_json_schema()),
        "workflow.schema.json": _dump(workflow_json_schema()),
    }


def _dump(schema: dict) -> str:
    return msgspec.json.format(msgspec.json.encode(schema), indent=2).decode() + "\n"


def main() -> int:
    for name, text in schemas().items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"wrote {HERE / name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
