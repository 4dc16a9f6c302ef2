"""The pipeline end to end with the real embedded model, its budget and fallbacks, the CLI, and the
evaluation metrics."""

from __future__ import annotations

import json
import threading

import msgspec
import pytest

from wfl.cli import main
from wfl.grammar.checker import check
from wfl.grammar.parser import parse
from wfl.inference.backends import BackendError
from wfl.inference.evaluate import Gold, action_pairs, score, trigger_entities
from wfl.inference.pipeline import NOTHING_TO_ACT_ON, Generator, workflow_name
from wfl.inference.prompt import PREFIX
from wfl.inference.settings import GenerationSettings, open_backend
from wfl.schemas.diagnostics import Severity

from .conftest import DATA, EXAMPLES

HOMES = ("basnijholt", "miggi92", "smcnab1")


@pytest.fixture(scope="module")
def backend():
    loaded = open_backend(GenerationSettings())
    yield loaded
    loaded.close()


@pytest.fixture(scope="module")
def generator(example_index, backend):
    return Generator(example_index, backend)


def _errors(text, index):
    parsed = parse(text)
    return [d for d in parsed.diagnostics + check(parsed.file, index) if d.severity == Severity.ERROR]


def test_generates_a_checked_workflow_with_the_default_model(generator, example_index):
    result = generator.generate("turn on the hallway light when motion is detected in the hallway", deadline_s=60)
    assert not result.fallback, result.reason
    assert not _errors(result.text, example_index)
    assert "hallway_light.turn_on()" in result.text
    assert result.prompt_tokens > 0 and result.completion_tokens > 0
    assert {"ner", "retrieval", "prompt", "generate", "check", "total"} <= set(result.timings_ms)


def test_a_long_do_block_is_not_cut_off(generator, example_index):
    """Turning everything off writes sixteen calls: more than the least room an answer gets."""
    result = generator.generate("When I leave home, turn everything off", deadline_s=60)
    assert not result.fallback, result.reason
    assert not _errors(result.text, example_index)
    assert result.text.count(".turn_off()") >= 12 and result.attempts == 1


def test_warming_up_caches_the_prompt_prefix_for_the_next_request(example_index):
    """A request the priors decide alone never asks the model; the warm-up must fill the cache
    itself, or the first request that does ask pays for the whole prefix."""
    fresh = open_backend(GenerationSettings())
    try:
        generator = Generator(example_index, fresh)
        generator.warm_up()
        prefix_tokens = fresh.count_tokens(PREFIX)
        result = generator.generate("something for the evening in the living room", deadline_s=60)
        assert result.evaluated_tokens <= result.prompt_tokens - prefix_tokens + 2, result
    finally:
        fresh.close()


def test_a_stated_time_becomes_the_trigger(generator):
    result = generator.generate("Close the garage door at 22:00", deadline_s=60)
    assert "at 22:00" in result.text and "garage_door.close_cover()" in result.text, result.text


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        (
            "Turn on the hallway light when motion is detected and turn it off when motion stops",
            "  when hallway_motion.occupancy changes\n  if hallway_motion.occupancy == true\n"
            "  do hallway_light.turn_on()\n  else hallway_light.turn_off()\n",
        ),
        (
            "Turn on the hallway light when motion is detected, then turn it off after 2 minutes",
            "  when hallway_motion.occupancy becomes true\n"
            "  do hallway_light.turn_on()\n     wait 2 min\n     hallway_light.turn_off()\n",
        ),
        (
            # Two thresholds: one way above the upper, the other below the lower, nothing between.
            "Turn the bathroom fan on above 70% humidity and off below 60%",
            "  when bathroom_humidity.humidity > 70 or bathroom_humidity.humidity < 60\n"
            "  if bathroom_humidity.humidity > 70\n  do bathroom_fan.turn_on()\n  else bathroom_fan.turn_off()\n",
        ),
    ],
)
def test_a_request_that_switches_back_gets_the_way_back(generator, example_index, request_text, wanted):
    # The most common home automation: with the model and without it (the fallback).
    for result in (generator.generate(request_text, deadline_s=60), Generator(example_index, None).generate(request_text)):
        assert wanted in result.text, result.text
        assert not _errors(result.text, example_index)


def test_a_falling_threshold_is_crossed_downwards(example_index):
    result = Generator(example_index, None).generate("When the bathroom humidity drops below 60%, turn off the fan")
    assert "when bathroom_humidity.humidity < 60" in result.text and "bathroom_fan.turn_off()" in result.text


def test_condition_generation(generator, example_index):
    result = generator.generate("the front door is open", target="condition", deadline_s=60)
    assert not result.fallback, result.reason
    assert not _errors(f"workflow w {{\n  every 1 h\n  if {result.text}\n  do hallway_light.turn_on()\n}}", example_index)


def test_the_grammar_path_accepts_the_same_language(example_index, backend):
    generator = Generator(example_index, backend, decoder="grammar")
    result = generator.generate("switch on the garage light", deadline_s=120)
    assert not result.fallback, result.reason
    assert not _errors(result.text, example_index)


def test_past_the_deadline_the_fallback_is_marked_and_still_checks(generator, example_index):
    result = generator.generate("turn off the kitchen light at 23:30", deadline_s=0.0)
    assert result.fallback and "deadline" in result.reason
    assert not _errors(result.text, example_index)
    assert "at 23:30" in result.text and "kitchen" in result.text


def test_cancellation_stops_generation(generator):
    cancel = threading.Event()
    cancel.set()
    result = generator.generate("turn on the floor lamp", cancel=cancel, deadline_s=60)
    assert result.fallback and result.reason == "cancelled"


class BrokenBackend:
    name = "broken"

    def complete(self, *args, **kwargs):
        raise BackendError("the server went away")

    def count_tokens(self, text):
        return len(text) // 4

    def close(self):
        pass


def test_a_failing_backend_degrades_to_the_fallback(example_index):
    result = Generator(example_index, BrokenBackend()).generate("turn on the floor lamp")
    assert result.fallback and "server went away" in result.reason
    assert "floor_lamp.turn_on()" in result.text


def test_no_model_at_all_still_answers(example_index):
    result = Generator(example_index, None).generate("open the bedroom blinds at sunrise")
    assert result.fallback and "bedroom_blinds" in result.text


def test_a_request_that_names_nothing_calls_nothing(generator, example_index):
    result = generator.generate("in case the other one failed, at 22:00", deadline_s=60)
    assert result.fallback and result.reason == NOTHING_TO_ACT_ON
    assert "do " not in result.text and "at 22:00" in result.text
    assert not _errors(result.text, example_index)


def test_a_request_that_reports_an_event_waits_for_it_and_calls_nothing(generator, example_index):
    result = generator.generate("Garage door opened", deadline_s=60)
    assert result.fallback and result.reason == NOTHING_TO_ACT_ON
    assert "when garage_door.state becomes open" in result.text and "do " not in result.text
    # With a command after it, the event is what the command waits for.
    result = generator.generate("Garage door opened, turn on the hall light", deadline_s=60)
    assert "when garage_door.state becomes open" in result.text and "hallway_light.turn_on()" in result.text
    assert not _errors(result.text, example_index)


def test_a_missing_model_file_is_a_clear_error(tmp_path):
    with pytest.raises(BackendError, match="no such model file"):
        open_backend(GenerationSettings(model=str(tmp_path / "nope.gguf")))


def test_workflow_names_are_identifiers():
    assert workflow_name("Turn on the hall light!") == "turn_on_the_hall"
    assert workflow_name("12:00") == "generated"
    assert workflow_name("Schließt Rolladen") == "schließt_rolladen"


# ---------------------------------------------------------------- CLI


def test_cli_generate_formats(capsys):
    env = str(EXAMPLES / "home.yaml")
    assert main(["generate", "--env", env, "--deadline", "60", "--format", "json", "Close the garage door at 22:00"]) == 0
    tree = json.loads(capsys.readouterr().out)
    calls = [a for a in tree["workflows"][0]["actions"] if a.get("kind") == "call"]
    assert calls and calls[0]["node"] == "garage_door" and calls[0]["action"] == "close_cover"
    assert main(["generate", "--env", env, "--deadline", "60", "--format", "ha", "Close the garage door at 22:00"]) == 0
    assert "cover.close_cover" in capsys.readouterr().out


def test_cli_batch_writes_one_line_per_request(tmp_path, capsys):
    batch = tmp_path / "requests.jsonl"
    batch.write_text('{"id": "a", "request": "turn on the floor lamp at 18:00"}\n{"id": 2, "request": "lock the front door"}\n')
    assert main(["generate", "--env", str(EXAMPLES / "home.yaml"), "--deadline", "60", "--batch", str(batch)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["id"] for line in lines] == ["a", 2]
    for line in lines:
        assert {"workflow", "automation", "fallback", "timings_ms", "prompt_tokens"} <= set(line)
        assert "total" in line["timings_ms"]
    assert lines[0]["automation"]["action"][0]["service"] == "light.turn_on"


def test_cli_writes_every_automation_a_request_needs(tmp_path, capsys):
    request = "turn on the garden lights at sunset and off at 23:00"
    env = str(EXAMPLES / "home.yaml")
    assert main(["generate", "--env", env, "--deadline", "0", "--format", "ha", request]) == 1  # a marked fallback
    out = capsys.readouterr().out
    assert out.count("- id: ") == 2 and "switch.turn_on" in out and "switch.turn_off" in out
    batch = tmp_path / "requests.jsonl"
    batch.write_text(json.dumps({"id": 1, "request": request}) + "\n")
    main(["generate", "--env", env, "--deadline", "0", "--batch", str(batch)])
    line = json.loads(capsys.readouterr().out)
    assert line["automation"] == line["automations"][0] and len(line["automations"]) == 2


def test_cli_batch_reports_bad_lines(tmp_path, capsys):
    batch = tmp_path / "requests.jsonl"
    batch.write_text('{"id": 1, "request": "x"}\n{"id": 2}\n')
    assert main(["generate", "--env", str(EXAMPLES / "home.yaml"), "--batch", str(batch)]) == 2
    assert "requests.jsonl:2" in capsys.readouterr().err


def test_cli_eval_scores_a_home(tmp_path, capsys):
    env = tmp_path / "home.json"
    ha = DATA / "ha" / "smcnab1"
    assert main(["env", "import-ha", "--states", str(ha / "states.json"), "--services", str(ha / "services.json"), "-o", str(env)]) == 0
    assert main(["eval", "--env", str(env), "--cases", str(ha / "cases.jsonl"), "--limit", "4", "--json"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["cases"] == 4
    for key in ("action_pair_f1", "action_entity_f1", "trigger_entity_f1", "exact_rate", "latency_p50_ms", "latency_p95_ms", "median_prompt_tokens", "peak_rss_mb"):
        assert key in report


# ---------------------------------------------------------------- metrics


def _cases():
    for home in HOMES:
        for line in (DATA / "ha" / home / "cases.jsonl").read_text().splitlines():
            yield json.loads(line)


def test_the_real_automations_score_perfectly_and_nothing_scores_zero():
    cases = list(_cases())
    golds = [msgspec.convert(c["gold"], Gold) for c in cases]
    perfect = score([c["automation"] for c in cases], golds)
    # The gold pairs were extracted from these automations (a few templated ids aside).
    assert perfect.action_pair_f1 > 0.97 and perfect.exact_rate > 0.95
    empty = score([None] * len(cases), golds)
    assert empty.action_pair_f1 == 0 and empty.action_hit_rate == 0 and empty.exact_rate == 0


def test_action_pairs_reach_into_branches_and_both_service_spellings():
    automation = {
        "actions": [
            {"action": "light.turn_on", "target": {"entity_id": ["light.a", "light.b"]}},
            {"choose": [{"conditions": [], "sequence": [{"service": "switch.turn_off", "entity_id": "switch.x"}]}],
             "default": [{"service": "cover.open_cover", "data": {"entity_id": "cover.y"}}]},
            {"if": [], "then": [{"repeat": {"sequence": [{"service": "fan.turn_on", "entity_id": "fan.z"}]}}]},
        ],
        "triggers": [{"platform": "state", "entity_id": ["binary_sensor.m", "binary_sensor.n"]}],
    }
    assert action_pairs(automation) == {
        ("light.turn_on", "light.a"), ("light.turn_on", "light.b"), ("switch.turn_off", "switch.x"),
        ("cover.open_cover", "cover.y"), ("fan.turn_on", "fan.z"),
    }
    assert trigger_entities(automation) == {"binary_sensor.m", "binary_sensor.n"}


def test_cli_reads_the_generate_table_of_wfl_toml(tmp_path, monkeypatch, capsys):
    (tmp_path / "wfl.toml").write_text(f'environment = "{EXAMPLES / "home.yaml"}"\n\n[generate]\nmodel = "models/mine.gguf"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["generate", "turn on the floor lamp"]) == 2
    assert str(tmp_path / "models" / "mine.gguf") in capsys.readouterr().err
    (tmp_path / "wfl.toml").write_text('[generate]\nbackend = "carrier-pigeon"\n')
    assert main(["generate", "--env", str(EXAMPLES / "home.yaml"), "turn on the floor lamp"]) == 2
    assert "[generate]" in capsys.readouterr().err


def test_condition_fallback_is_a_comparison_that_checks(example_index):
    result = Generator(example_index, None).generate("the front door is open", target="condition")
    assert result.fallback and result.text.startswith("front_door.")
    assert not _errors(f"workflow w {{\n  every 1 h\n  if {result.text}\n  do hallway_light.turn_on()\n}}", example_index)


def test_a_request_the_reading_fails_on_gets_a_marked_fallback_not_an_exception(example_index, monkeypatch):
    import wfl.inference.pipeline as pipeline

    def broken(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pipeline, "find_group", broken)
    result = Generator(example_index, None).generate("Turn on the hallway light at 7", deadline_s=0)
    assert result.fallback and result.reason.startswith(pipeline.READING_FAILED)
    assert result.text.startswith('workflow turn_on_the_hallway "Turn on the hallway light at 7" {')


def test_days_after_but_not_are_when_it_runs(example_index):
    # This request once recursed without end; its days limit when it runs.
    text = Generator(example_index, None).generate(
        "Turn on the hallway light when the front door opens, but not on weekends", deadline_s=0
    ).text
    assert "when front_door.open becomes true\n  if clock.weekday in [mon, tue, wed, thu, fri]\n  do hallway_light.turn_on()" in text
