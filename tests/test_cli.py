"""The `wfl` command line, run as a user runs it: a separate process, real files, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import DATA, EXAMPLES


def wfl(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "wfl", *args], capture_output=True, text=True, input=stdin, cwd=cwd, check=False
    )


def test_check_examples_is_clean():
    result = wfl("check", str(EXAMPLES))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "5 files checked, 0 problems" in result.stderr


def test_check_reports_located_diagnostics_and_exit_1(tmp_path):
    broken = tmp_path / "broken.wfl"
    shutil.copy(EXAMPLES / "broken.wfl.txt", broken)
    result = wfl("check", "--env", str(EXAMPLES / "home.yaml"), str(broken))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{broken}:10:6: error: unknown node `kitchen_ligth`; did you mean `kitchen_light`" in lines[0]
    assert lines[0].endswith("[unknown-node]")
    codes = [line.rsplit("[", 1)[1].rstrip("]") for line in lines]
    for code in ("unknown-property", "unknown-enum-value", "unit-mismatch", "missing-parameter", "never-true",
                 "duplicate-workflow", "syntax-assign", "unknown-action", "unknown-event", "out-of-range", "not-boolean"):
        assert code in codes


def test_usage_and_io_errors_exit_2(tmp_path):
    assert wfl("check", str(tmp_path / "missing.wfl")).returncode == 2
    assert wfl("frobnicate").returncode == 2
    assert wfl("check", "--env", str(tmp_path / "nope.yaml"), str(EXAMPLES / "lights.wfl")).returncode == 2


def test_every_command_has_help():
    for command in (["check"], ["fmt"], ["parse"], ["export-ha"], ["env", "import-ha"], ["env", "schema"], ["env", "check"], ["serve"]):
        result = wfl(*command, "--help")
        assert result.returncode == 0 and "usage: wfl" in result.stdout, command


def test_fmt_check_and_rewrite(tmp_path):
    messy = tmp_path / "messy.wfl"
    messy.write_text("workflow a {when x.y > 5 do  x.z()}\n", encoding="utf-8")
    assert wfl("fmt", "--check", str(messy)).returncode == 1
    assert wfl("fmt", str(messy)).returncode == 0
    assert messy.read_text(encoding="utf-8") == "workflow a {\n  when x.y > 5\n  do x.z()\n}\n"
    assert wfl("fmt", "--check", str(messy)).returncode == 0
    piped = wfl("fmt", "-", stdin="workflow b { every 5 min do a.b() }")
    assert piped.stdout == "workflow b {\n  every 5 min\n  do a.b()\n}\n"
    broken = wfl("fmt", "-", stdin="workflow b { every 5 do a.b() }")
    assert broken.returncode == 1 and "<stdin>:1:20: error:" in broken.stdout


def test_parse_json_is_canonical():
    result = wfl("parse", "--json", str(EXAMPLES / "lights.wfl"))
    assert result.returncode == 0
    tree = json.loads(result.stdout)
    first = tree["workflows"][0]
    assert first["triggers"][0]["ref"] == {"kind": "ref", "node": "hallway_motion", "property": "occupancy"}
    assert "span" not in json.dumps(tree)
    with_spans = json.loads(wfl("parse", "--json", "--spans", str(EXAMPLES / "lights.wfl")).stdout)
    assert "span" in with_spans["workflows"][0]


def test_env_schema_prints_the_committed_schema():
    result = wfl("env", "schema")
    committed = (Path(__file__).resolve().parent.parent / "schemas" / "environment.schema.json").read_text(encoding="utf-8")
    assert result.returncode == 0 and result.stdout == committed


@pytest.mark.parametrize("home", ["basnijholt", "miggi92", "smcnab1"])
def test_import_ha_then_check_and_export(tmp_path, home):
    env_path = tmp_path / "home.yaml"
    result = wfl(
        "env", "import-ha",
        "--states", str(DATA / "ha" / home / "states.json"),
        "--services", str(DATA / "ha" / home / "services.json"),
        "-o", str(env_path),
    )
    assert result.returncode == 0, result.stderr
    states = json.loads((DATA / "ha" / home / "states.json").read_text(encoding="utf-8"))
    env = yaml.safe_load(env_path.read_text(encoding="utf-8"))
    assert sorted(n["source"] for n in env["nodes"]) == sorted(s["entity_id"] for s in states)
    assert wfl("env", "check", str(env_path)).returncode == 0
    # a workflow over the first light and the first binary sensor, exported back to Home Assistant
    light = next(n for n in env["nodes"] if n["kind"] == "light")
    sensor = next(n for n in env["nodes"] if n["kind"] == "binary_sensor")
    prop = next(iter(sensor["properties"]))
    flow = tmp_path / "flow.wfl"
    flow.write_text(
        f"workflow on_motion {{\n  when {sensor['id']}.{prop} becomes true\n  do {light['id']}.turn_on()\n}}\n",
        encoding="utf-8",
    )
    assert wfl("check", "--env", str(env_path), str(flow)).returncode == 0
    exported = wfl("export-ha", "--env", str(env_path), str(flow))
    assert exported.returncode == 0, exported.stdout + exported.stderr
    automation = yaml.safe_load(exported.stdout)[0]
    assert automation["trigger"][0]["entity_id"] == sensor["source"]
    assert automation["action"][0]["service"] == "light.turn_on"
    assert automation["action"][0]["target"] == {"entity_id": light["source"]}


def test_export_ha_json(tmp_path):
    out = tmp_path / "automations.json"
    result = wfl("export-ha", str(EXAMPLES / "climate.wfl"), "--json", "-o", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    automations = json.loads(out.read_text(encoding="utf-8"))
    assert {a["id"] for a in automations} >= {"steamy_bathroom"}
