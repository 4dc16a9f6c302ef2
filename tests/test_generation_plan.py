"""The plan a request may be decoded under: values from the request, every path checks, the GBNF
rendering is accepted by llama.cpp, and the token-trie decoder walks it correctly."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import msgspec
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wfl.grammar.checker import check
from wfl.grammar.index import EnvIndex
from wfl.grammar.parser import parse
from wfl.inference.backends.trie import build_tries, decode
from wfl.inference.constrain import Shortlist, Shortlisted, build_plan, request_values, stated_value_prior
from wfl.inference.gbnf import GrammarError
from wfl.inference.plan import END, Plan
from wfl.inference.shortlist import everything
from wfl.schemas.diagnostics import Severity
from wfl.schemas.environment import Action, Environment, Node

from .conftest import DATA


def _generated(index: EnvIndex, request: str) -> str:
    """The workflow written for `request` without a model: the plan's most likely path."""
    from wfl.inference.pipeline import Generator

    return Generator(index, None).generate(request).text


def _checked_generated(index: EnvIndex, request: str) -> str:
    """`_generated`, asserting that what it wrote checks clean against the environment."""
    text = _generated(index, request)
    assert not check(parse(text).file, index)
    return text


def test_request_values_take_times_durations_and_numbers():
    values = request_values("Close the blinds at 22:00 and after 10 minutes if it is above 26.5 degrees")
    assert values.clocks == ("22:00",)
    assert values.durations == ("10 min",)
    assert values.numbers == ("26.5",)
    assert request_values("um 6.45 Uhr, alle 2 Stunden").clocks == ("06:45",)
    assert request_values("um 6.45 Uhr, alle 2 Stunden").durations == ("2 h",)
    assert request_values("every day at 7 pm").clocks == ("19:00",)
    assert request_values("at sunset").sun and request_values("every hour").repeat
    assert request_values("Turn off the TV at midnight").clocks == ("00:00",)
    assert request_values("Mittags die Rollos schließen").clocks == ("12:00",)


def test_a_threshold_goes_the_way_the_request_says():
    values = request_values("stop charging above 90% and resume below 30%")
    assert (values.above, values.below) == (("90",), ("30",))
    assert request_values("Wenn die Temperatur unter 18 Grad fällt").below == ("18",)
    # Holding until a threshold is crossed switches one way on one side and back on the other.
    until = request_values("Turn on the bathroom fan until the humidity drops below 60%")
    assert (until.above, until.below, until.above_switches) == (("60",), ("60",), 1)
    assert request_values("Turn off the fan until the humidity rises above 70%").above_switches == 1
    # A comparative says the way too.
    assert request_values("when it is colder than 10 degrees outside").below == ("10",)
    assert request_values("wenn es wärmer als 25 Grad ist").above == ("25",)
    assert request_values("als het kouder dan 5 graden is").below == ("5",)
    falls = request_values("When the bathroom humidity drops below 60%, turn off the fan")
    assert stated_value_prior("when bathroom_humidity.humidity < 60", falls) > 0
    assert stated_value_prior("when bathroom_humidity.humidity > 60", falls) < 0
    assert stated_value_prior("bathroom_humidity.humidity > 60", request_values("humidity above 60")) > 0


def _shortlist(index: EnvIndex, ids: list[str]) -> Shortlist:
    nodes = []
    for i, node_id in enumerate(ids):
        node = index.nodes[node_id]
        nodes.append(
            Shortlisted(node=node_id, properties=tuple(node.properties)[:3], actions=tuple(node.actions)[:5],
                        events=tuple(node.events), score=100 - 5 * i)
        )
    return Shortlist(nodes=nodes)


def _walk(plan: Plan, rng: random.Random) -> str:
    state, out = plan.start, []
    while state != END:
        step = rng.choice(plan.states[state])
        out.append(step.text)
        state = step.next
    return "".join(out)


@given(seed=st.integers(0, 2**32 - 1))
def test_every_path_through_a_plan_is_a_workflow_that_checks(example_index, seed):
    rng = random.Random(seed)
    ids = rng.sample(sorted(example_index.nodes), 5)
    request = rng.choice(["at 07:30 for 5 min above 21", "when it is dark", "every 10 minutes below 3.5"])
    try:
        plan = build_plan(_shortlist(example_index, ids), example_index, request_values(request))
    except GrammarError as exc:
        assert "no shortlisted node has an action" in str(exc)  # nothing it could call
        return
    text = 'workflow generated "test" {' + _walk(plan, rng)
    parsed = parse(text)
    problems = [d for d in parsed.diagnostics + check(parsed.file, example_index) if d.severity == Severity.ERROR]
    assert not problems, (text, problems)


def test_condition_plan_paths_are_comparisons(example_index):
    plan = build_plan(_shortlist(example_index, ["kitchen_temperature", "front_door", "alarm_panel"]), example_index,
                      request_values("warmer than 24"), "condition")
    rng = random.Random(1)
    for _ in range(50):
        expr = _walk(plan, rng).strip()
        parsed = parse(f"workflow w {{\n  every 1 h\n  if {expr}\n  do hallway_light.turn_on()\n}}")
        assert not [d for d in parsed.diagnostics + check(parsed.file, example_index) if d.severity == Severity.ERROR], expr


def test_a_plan_without_actions_waits_and_calls_nothing(example_index):
    watched = Shortlist(nodes=[Shortlisted(node="kitchen_temperature", properties=("temperature",), watch_score=50.0)])
    plan = build_plan(watched, example_index, request_values("when it is warmer than 24"))
    rng = random.Random(3)
    for _ in range(30):
        assert "do " not in _walk(plan, rng)
    assert plan.most_likely().lstrip().startswith("when kitchen_temperature.temperature")
    # Nothing named at all: no trigger is made up either.
    nothing = build_plan(Shortlist(), example_index, request_values("in case the other one failed"))
    assert nothing.most_likely() == "\n}"


def _home(name: str) -> EnvIndex:
    from wfl.ha.importer import import_files

    return EnvIndex(import_files(DATA / "ha" / name / "states.json", DATA / "ha" / name / "services.json"))


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("At sunset set the cube mode to 'lights'", "at sunset\n  do cube_mode.select_option(option: \"lights\")"),
        ('Set the cube mode to "volume" at 8:00', "at 08:00\n  do cube_mode.select_option(option: \"volume\")"),
        ("Set the cube mode to Lights at 8:00", "at 08:00\n  do cube_mode.select_option(option: \"Lights\")"),
    ],
)
def test_an_option_the_request_quotes_is_selected(request_text, wanted):
    # The home's selects list no options (a string state): the words quoted, or the word the mode
    # is set to, say which one.
    assert wanted in _checked_generated(_home("basnijholt"), request_text)


def test_llama_cpp_accepts_every_rendered_grammar():
    """An invalid GBNF grammar aborts the process in llama.cpp, so load the grammars of real homes
    (every node shortlisted: the largest grammars we make) in a child process and check it lives."""
    pytest.importorskip("llama_cpp")
    grammars = []
    for home in ("basnijholt", "miggi92", "smcnab1"):
        index = _home(home)
        grammars.append(build_plan(everything(index), index, request_values("at 7:30 above 20 for 5 min")).grammar().render())
    example = EnvIndex(__import__("wfl.schemas.loader", fromlist=["x"]).load_environment(DATA.parent.parent / "examples" / "home.yaml").environment)
    grammars.append(build_plan(everything(example), example, request_values("below 3")).grammar().render())
    code = (
        "import json, sys\n"
        "from llama_cpp import LlamaGrammar\n"
        "for g in json.load(sys.stdin):\n"
        "    LlamaGrammar.from_string(g, verbose=False)\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], input=json.dumps(grammars), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


# ---------------------------------------------------------------- the trie decoder, with a fake model


def _chars(text: str) -> list[int]:
    return [ord(c) for c in text]


class FakeModel:
    """Prefers the characters of `wanted`, in order; counts its evaluations."""

    def __init__(self, wanted: str) -> None:
        self.wanted = wanted
        self.position = 0
        self.calls = 0
        self.seen: list[int] = []

    def logits(self, tokens):
        self.calls += 1
        self.seen += list(tokens)
        scores = np.zeros(0x3000)
        produced = "".join(chr(t) for t in self.seen[self.prompt:])
        if produced == self.wanted[: len(produced)] and len(produced) < len(self.wanted):
            scores[ord(self.wanted[len(produced)])] = 10.0
        return scores


def _run(plan: Plan, wanted: str, **kwargs):
    model = FakeModel(wanted)
    prompt = _chars("PROMPT")
    model.prompt = len(prompt)
    out = decode(plan, build_tries(plan, _chars), model.logits, list(prompt), max_tokens=200,
                 should_stop=lambda: None, **kwargs)
    return "".join(chr(t) for t in out.tokens), out, model


def _plan() -> Plan:
    plan = Plan(start="trigger")
    plan.add("trigger", " when a on", "call")
    plan.add("trigger", " when a on for 5 min", "call")
    plan.add("trigger", " when b off", "call")
    plan.add("call", " do x()", "more")
    plan.add("call", " do y()", "more")
    plan.add("more", " do y()")
    plan.add("more", ".")
    return plan


def test_decoder_follows_the_model_among_allowed_paths():
    text, out, model = _run(_plan(), " when a on for 5 min do y().")
    assert text == " when a on for 5 min do y()."
    assert out.stopped == "stop"
    # Choices only where paths diverge: a/b, end-or-" for", x/y, y-or-".": forced runs cost no call.
    assert model.calls == out.choices == 4


def test_decoder_stops_a_step_when_the_next_state_wins():
    text, _, _ = _run(_plan(), " when a on do x() do y()")
    assert text == " when a on do x() do y()"


def test_ending_a_step_is_weighed_by_its_own_prior_not_the_next_states():
    # "when a on for 5 min" (prior 1) against ending at "when a on" (prior 0): the next state's
    # priors (3 for " do x()") rank its own steps, not whether this step ends.
    plan = Plan(start="trigger")
    plan.add("trigger", " when a on", "call", prior=0.0)
    plan.add("trigger", " when a on for 5 min", "call", prior=1.0)
    plan.add("call", " do x()", prior=3.0)
    plan.add("call", " do y()", prior=-3.0)
    text, out, model = _run(plan, "", decisive_margin=0.5)
    assert text == " when a on for 5 min do x()" and model.calls == 0
    # The ending step ahead: it ends, and the next state's best step follows.
    plan.states["trigger"][0] = msgspec.structs.replace(plan.states["trigger"][0], prior=2.0)
    text, _, _ = _run(plan, "", decisive_margin=0.5)
    assert text == " when a on do x()"


def test_decoder_never_leaves_the_plan_whatever_the_model_wants():
    rng = random.Random(0)
    plan = _plan()
    allowed = {_walk(plan, rng) for _ in range(500)}
    for wanted in (" when c maybe; rm -rf /", "", " when b off do z()", " when a on for 7 min"):
        text, out, _ = _run(plan, wanted)
        assert text in allowed and out.stopped == "stop"


def test_priors_break_the_models_indifference():
    plan = Plan(start="s")
    plan.add("s", " left", prior=-2.0)
    plan.add("s", " right", prior=0.0)
    text, _, _ = _run(plan, "")  # the fake model has no preference
    assert text == " right"


def test_a_decisive_prior_is_taken_without_asking_the_model():
    plan = Plan(start="s")
    plan.add("s", " left", prior=0.0)
    plan.add("s", " right", prior=-3.0)
    text, out, model = _run(plan, " right", decisive_margin=2.0)
    assert text == " left" and model.calls == 0
    # Within the margin the model is asked, and here its preference outweighs the prior.
    text, out, model = _run(plan, " right", decisive_margin=4.0)
    assert text == " right" and model.calls == 1


def test_the_model_chooses_the_kind_and_the_priors_the_node_of_that_kind():
    plan = Plan(start="s")
    plan.add("s", " do a()", prior=0.0, kind="media_player")
    plan.add("s", " do b()", prior=0.0, kind="media_player")
    plan.add("s", " do c()", prior=-2.5, kind="switch")
    # Near the top only one kind: retrieval tells its nodes apart, without asking the model...
    text, _, model = _run(plan, " do b()", decisive_margin=0.1)
    assert text == " do a()" and model.calls == 0
    # ...and where kinds compete, the model's choice of kind stands, and its best node is taken.
    plan.add("s", " do d()", prior=-0.5, kind="switch")
    text, _, model = _run(plan, " do c()", decisive_margin=0.1)
    assert text == " do d()" and model.calls == 1
    text, _, model = _run(plan, " do b()", decisive_margin=0.1)
    assert text == " do a()" and model.calls == 1


def test_plan_steps_say_the_kind_of_node_they_are_about(example_index):
    plan = build_plan(
        _shortlist(example_index, ["hallway_light", "front_door"]), example_index, request_values("Turn on the hallway light")
    )
    kinds = {step.text: step.kind for steps in plan.states.values() for step in steps}
    assert kinds["\n  do hallway_light.turn_on()"] == example_index.nodes["hallway_light"].kind
    assert kinds["\n  when front_door.open becomes true"] == example_index.nodes["front_door"].kind
    assert kinds["\n}"] == ""


def test_prompt_tokens_wait_for_the_first_question_to_the_model():
    plan = Plan(start="s")
    plan.add("s", " a", "t", prior=0.0)
    plan.add("s", " b", "t", prior=-5.0)
    plan.add("t", " x", prior=0.0)
    plan.add("t", " y", prior=0.0)
    text, _, model = _run(plan, " a y", decisive_margin=1.0)
    assert text == " a y" and model.calls == 1
    assert model.seen == _chars("PROMPT a ")  # the prompt, the decided and the forced tokens, in one batch


def test_decoder_honours_stop_requests_before_calling_the_model():
    plan = _plan()
    calls = []
    out = decode(plan, build_tries(plan, _chars), lambda t: calls.append(t) or np.zeros(0x3000), [1, 2],
                 max_tokens=100, should_stop=lambda: "cancelled")
    assert out.stopped == "cancelled" and not calls


def test_a_call_repeated_in_one_do_block_is_said_once():
    from wfl.inference.pipeline import without_repeated_calls

    body = "  when a.on becomes true\n  do b.stop()\n     b.stop()\n     c.start()\n     b.stop()\n}"
    assert without_repeated_calls(body) == "  when a.on becomes true\n  do b.stop()\n     c.start()\n}"
    assert without_repeated_calls("  at 07:00\n  do b.stop()\n}") == "  at 07:00\n  do b.stop()\n}"


def test_a_request_to_follow_a_state_offers_switching_both_ways(example_index):
    request = "Sync the hallway light with the front door"
    values = request_values(request)
    assert values.follow and request_values("Schaltet das Licht an und aus").follow
    assert request_values("Scan the NFC tag to enable or disable cat detection").follow
    assert request_values("Zet de lamp aan of uit met de knop").follow
    assert not request_values("Turn on the hall light").follow
    for request_text in ("Handle night lights based on illumination", "Stua: Veksle infoskjerm ved bevegelse",
                         "Controlo da Luz da Despensa com a Porta", "Internett: veksle av/på"):
        assert request_values(request_text).follow, request_text
    # "spiegeln" is to mirror a state; a "Spiegellicht" is the mirror's light.
    assert request_values("Spiegelt den Zustand der Tür auf das Licht").follow
    assert not request_values("Schalter - Dusche - Spiegellicht").follow
    plan = build_plan(_shortlist(example_index, ["hallway_light", "front_door"]), example_index, values)
    best = plan.most_likely()
    assert "\n  if front_door." in best and "do hallway_light.turn_on()\n  else hallway_light.turn_off()" in best
    parsed = parse("workflow w {" + best)
    assert not parsed.diagnostics and not [d for d in check(parsed.file, example_index) if d.severity == Severity.ERROR]


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # Managing or controlling one thing by another switches it both ways...
        ("Controls the hallway light based on the hallway motion",
         "if hallway_motion.occupancy == true\n  do hallway_light.turn_on()\n  else hallway_light.turn_off()"),
        ("Handles the office light depending on office presence",
         "if office_presence.occupancy == true\n  do office_light.turn_on()\n  else office_light.turn_off()"),
        # ...but a numeric sensor without a stated threshold stays the trigger, and a request that
        # says which way to switch switches that way.
        ("Manages the bathroom fan depending on the bathroom humidity",
         "when bathroom_humidity.humidity changes\n  do bathroom_fan.turn_on()\n}"),
        ("Turn on the hallway light based on the hallway motion", "do hallway_light.turn_on()\n}"),
    ],
)
def test_managing_one_thing_by_another_switches_it_both_ways(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


def test_ending_a_name_or_going_on_with_it_is_the_priors_choice():
    plan = Plan(start="s")
    plan.add("s", " do alarm.arm()", prior=-0.5)
    plan.add("s", " do alarmo.arm()", prior=0.0)
    # The model wants the shorter name, and would outvote the small prior lead...
    text, _, _ = _run(plan, " do alarm.arm()")
    assert text == " do alarm.arm()"
    # ...but between ending a name and continuing it, only the prior speaks.
    text, _, _ = _run(plan, " do alarm.arm()", piece=chr)
    assert text == " do alarmo.arm()"
    # Between two ways of going on, the model still chooses.
    plan = Plan(start="s")
    plan.add("s", " do alarm_a.arm()", prior=-0.5)
    plan.add("s", " do alarm_b.arm()", prior=0.0)
    text, _, _ = _run(plan, " do alarm_a.arm()", piece=chr)
    assert text == " do alarm_a.arm()"


def test_which_action_a_call_makes_is_the_priors_choice():
    plan = Plan(start="s")
    plan.add("s", "\n  do mode.select_option()", prior=0.0)
    plan.add("s", "\n  do mode.select_first()", prior=-0.8)
    text, _, model = _run(plan, "\n  do mode.select_first()", piece=chr)
    assert text == "\n  do mode.select_option()" and model.calls == 0
    # Which node is still the model's to say.
    plan = Plan(start="s")
    plan.add("s", "\n  do lamp.turn_on()", prior=0.0)
    plan.add("s", "\n  do fan.turn_on()", prior=-0.8)
    text, _, model = _run(plan, "\n  do fan.turn_on()", piece=chr)
    assert text == "\n  do fan.turn_on()" and model.calls == 1


def test_what_the_workflow_waits_for_is_the_priors_choice():
    plan = Plan(start="trigger")
    plan.add("trigger", "\n  when motion.state becomes true", "call", prior=0.0)
    plan.add("trigger", "\n  when sun.state changes", "call", prior=-0.4)
    plan.add("call", "\n  do lamp.turn_on()", prior=0.0)
    # The model would wait for the sun (the 135M model's triggers scored 0.38 against the priors'
    # 0.43 on the three homes): what starts the workflow is not asked of it.
    text, _, model = _run(plan, "\n  when sun.state changes\n  do lamp.turn_on()", piece=chr)
    assert text == "\n  when motion.state becomes true\n  do lamp.turn_on()" and model.calls == 0
    # A condition asked for alone is still the model's to choose.
    plan = Plan(start="condition")
    plan.add("condition", "motion.state == true\n", prior=0.0)
    plan.add("condition", "sun.state == below_horizon\n", prior=-0.4)
    text, _, model = _run(plan, "sun.state == below_horizon\n", piece=chr)
    assert text == "sun.state == below_horizon\n" and model.calls == 1


def _paths(plan: Plan, state: str | None = None) -> list[str]:
    state = plan.start if state is None else state
    if state == END:
        return [""]
    return [step.text + rest for step in plan.states[state] for rest in _paths(plan, step.next)]


def test_a_workflow_never_sets_the_state_its_trigger_waits_for(example_index):
    """`when hallway_light.state becomes on / do hallway_light.turn_on()` does nothing."""
    plan = build_plan(_shortlist(example_index, ["hallway_light"]), example_index, request_values("Turn on the hall light"))
    # Nor, unless the request refers back to its target ("… if it is on"), switches it back at
    # once: `when hallway_light.state becomes off / do hallway_light.turn_on()` fights its trigger.
    assert not [p for p in _paths(plan) if "when hallway_light.state becomes" in p]
    values = request_values("Turn the hall light off if it is on")
    assert values.refers_back
    plan = build_plan(_shortlist(example_index, ["hallway_light"]), example_index, values)
    paths = _paths(plan)
    assert any("when hallway_light.state becomes on\n  do hallway_light.turn_off()" in p for p in paths)
    assert any("when hallway_light.state becomes off\n  do hallway_light.turn_on()" in p for p in paths)
    assert not [p for p in paths if "when hallway_light.state becomes on\n  do hallway_light.turn_on()" in p]
    assert not [p for p in paths if "when hallway_light.state becomes off\n  do hallway_light.turn_off()" in p]
    # The trigger starts behind by what its calls lose, so the priors' choice is another one.
    assert "becomes on\n  do hallway_light.turn_on()" not in plan.most_likely()


def test_no_node_that_acts_undoes_or_repeats_what_its_trigger_waits_for(example_index):
    """Whichever node the model writes the call on: `when tv.state becomes off / do tv.turn_off()`
    does nothing, and `when tv.state changes / do tv.turn_on()` fights the change it waits for."""
    plan = build_plan(
        _shortlist(example_index, ["living_room_speaker", "living_room_tv"]),
        example_index,
        request_values("turn off the speaker when the tv turns off"),
    )
    after = {step.text: step.next for step in plan.states["trigger"]}
    assert "\n  do living_room_speaker.turn_off()" in _first_calls(plan, after["\n  when living_room_tv.state becomes off"])
    node = "living_room_tv"
    assert not {f"\n  do {node}.turn_on()", f"\n  do {node}.turn_off()"} & _first_calls(plan, after[f"\n  when {node}.state changes"])
    assert f"\n  do {node}.turn_off()" not in _first_calls(plan, after[f"\n  when {node}.state becomes off"])
    # What the request acts on is no trigger unless the request refers back to it.
    assert not [text for text in after if "when living_room_speaker." in text]


def _first_calls(plan: Plan, state: str) -> set[str]:
    """The calls a workflow may start its `do` block with from `state` (after a trigger)."""
    out = set()
    for step in plan.states[state]:
        if step.text.startswith("\n  do "):
            out.add(step.text)
        elif step.next.startswith("first-call"):
            out |= {s.text for s in plan.states[step.next]}
    return out


def test_choosing_a_source_switches_the_player_on_first():
    import msgspec

    from wfl.schemas.environment import Environment

    node = {"id": "speakers", "kind": "media_player", "properties": {"state": {"type": "enum", "values": ["on", "off"]}},
            "actions": {"turn_on": {}, "select_source": {"params": {"source": {"type": "string", "optional": True}}}}}
    index = EnvIndex(msgspec.convert({"nodes": [node]}, Environment))
    shortlist = Shortlist(nodes=[Shortlisted(node="speakers", properties=("state",), actions=("select_source", "turn_on"), score=100)])
    plan = build_plan(shortlist, index, request_values("switch the music to the speakers"))
    calls = [s.text for s in plan.states["condition-or-call"] if "select_source" in s.text]
    assert calls == ["\n  do speakers.turn_on()\n     speakers.select_source()"]
    parsed = parse("workflow w {" + plan.most_likely())
    assert not [d for d in check(parsed.file, index) if d.severity == Severity.ERROR]


def test_a_trigger_only_a_no_op_could_follow_is_left_out():
    import msgspec

    from wfl.schemas.environment import Environment

    node = {"id": "scene_lamp", "kind": "light", "properties": {"state": {"type": "enum", "values": ["on", "off"]}},
            "actions": {"turn_on": {}}}
    index = EnvIndex(msgspec.convert({"nodes": [node]}, Environment))
    shortlist = Shortlist(nodes=[Shortlisted(node="scene_lamp", properties=("state",), actions=("turn_on",), score=100)])
    plan = build_plan(shortlist, index, request_values("turn on the lamp if it is off"))
    triggers = [s.text for s in plan.states["trigger"]]
    assert "\n  when scene_lamp.state becomes off" in triggers
    assert "\n  when scene_lamp.state becomes on" not in triggers
    assert all(plan.states.values())
    assert "root ::=" in plan.grammar().render()


# ------------------------------------------------------- what the waiting clause says of its trigger


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # "it" is the light itself: the workflow watches its own target, for the stated time.
        ("Turn off the hallway light if it has been on for 10 minutes",
         "when hallway_light.state becomes on for 10 min\n  do hallway_light.turn_off()"),
        ("Lock the front door if it is unlocked for 5 minutes",
         "when front_door_lock.state becomes unlocked for 5 min\n  do front_door_lock.lock()"),
        # The waiting clause's words pick the value: closing is `false`, opening `true`.
        ("Turn off the hallway light when the front door closes",
         "when front_door.open becomes false\n  do hallway_light.turn_off()"),
        ("Turn on the hallway light when the front door opens",
         "when front_door.open becomes true\n  do hallway_light.turn_on()"),
        # Words for absence wait for a presence sensor's `false`.
        ("Turn off the hallway light when there is no motion in the hallway",
         "when hallway_motion.occupancy becomes false\n  do hallway_light.turn_off()"),
    ],
)
def test_the_waiting_clause_picks_what_is_watched_and_its_value(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # Each command is called, with the actions its own verbs ask for.
        ("turn off the TV and close the living room blinds at 22:00",
         "at 22:00\n  do living_room_tv.turn_off()\n     living_room_blinds.close_cover()"),
        ("When everyone leaves, turn off the kitchen light, lock the front door and start the robot vacuum",
         "when family.state becomes not_home\n  do kitchen_light.turn_off()\n     front_door_lock.lock()\n     robot_vacuum.start()"),
        # Sunset is not sunrise; a value's own word names it ("armed"), and so does a word for it.
        ("close the bedroom blinds and turn on the bedside lamp at sunset",
         "at sunset\n  do bedroom_blinds.close_cover()\n     bedside_lamp.turn_on()"),
        ("turn off the tv when the alarm is armed", "when alarm_panel.state becomes armed_"),
        ("start the robot vacuum when nobody is home", "when family.state becomes not_home\n  do robot_vacuum.start()"),
        ("turn on the hallway light when Anna arrives", "when anna.state becomes home\n  do hallway_light.turn_on()"),
    ],
)
def test_commands_values_and_sun_events_are_taken_at_their_word(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # The event is named first, the state that must hold then after "and": trigger, then condition.
        ("Turn on the kitchen ceiling light when motion is detected and the light level is below 50 lux",
         "when kitchen_motion.motion becomes true\n  if kitchen_light_level.illuminance < 50\n  do kitchen_light.turn_on()"),
        # A room nobody is in is its presence sensor's `false`, not the people being away.
        ("Turn off the office light when nobody is in the office for 15 minutes",
         "when office_presence.occupancy becomes false for 15 min\n  do office_light.turn_off()"),
        # A time said before what it waits on is how long that holds.
        ("Turn off the bathroom fan 5 minutes after the humidity drops below 60%",
         "when bathroom_humidity.humidity < 60 for 5 min\n  do bathroom_fan.turn_off()"),
        # A time of day the request names by a helper's name is reached, not changed.
        ("Open the bedroom blinds at wake-up time", "at alarm_clock.time\n  do bedroom_blinds.open_cover()"),
        ("Turn on the night light at Mia's bedtime", "at kids_bedtime.time\n  do kids_night_light.turn_on()"),
        # A set one command of several acts on is that command's, with that command's verb.
        ("When the smoke detector goes off, turn on all lights and unlock the front door",
         "do kitchen_light.turn_on()\n     kitchen_counter_light.turn_on()"),
        ("When the smoke detector goes off, turn on all lights and unlock the front door",
         "desk_lamp.turn_on()\n     front_door_lock.unlock()\n}"),
        ("At 23:00 lock the front door and turn off all lights",
         "at 23:00\n  do front_door_lock.lock()\n     kitchen_light.turn_off()"),
        # Watering is starting: held for a time, it is stopped then.
        ("Water the lawn for 20 minutes at 6:00 when the soil moisture is below 30%",
         "do sprinkler.open_valve()\n     wait 20 min\n     sprinkler.close_valve()"),
        # What happens said in the passive is the event; "it's dark" the state then.
        ("Turn on the hallway light when motion is detected and it's dark",
         "when hallway_motion.occupancy becomes true\n  if sun.state == below_horizon\n  do hallway_light.turn_on()"),
        ("Turn on the hallway light when motion is detected and dark", "when hallway_motion.occupancy becomes true"),
        # A price below a number with a dot is a threshold, not a clock time (00:20).
        ("Start charging the car when electricity price is below 0.20",
         "when grid.price < 0.2\n  do ev_charger.start_charging()"),
        ("Wenn der Strompreis unter 0.25 fällt, Wallbox starten", "when grid.price < 0.25"),
        ("Turn on the kitchen light at 7.30", "at 07:30\n  do kitchen_light.turn_on()"),
        # On at one time and off at another: the way back is the second workflow's, and the plug
        # named for a radiator is the radiator the command names.
        ("Turn on the towel radiator at 6:30 and off at 7:30",
         "at 06:30\n  do towel_heater.turn_on()\n}\n\nworkflow turn_on_the_towel_back"),
        # Sending a robot home docks it, for all the "vacuum" in its name.
        ("Send the robot mower home when it starts raining", "do robot_mower.dock()"),
        ("Send the robot vacuum home when someone arrives", "do robot_vacuum.return_to_base()"),
        ("Vacuum the living room when nobody is home", "do robot_vacuum.start()"),
        # "Notify" opens a command of its own, as "send" does.
        ("If there is a water leak, close the sprinkler valve and notify Anna's phone",
         "do sprinkler.close_valve()\n     phone.notify(message: \"There is a water leak\")"),
        # A later command that names its node by a pronoun, or names only a setting, sets the
        # earlier command's node, after switching it on.
        ("At 7:00 turn on the kids speaker and set its volume to 20%",
         "at 07:00\n  do kids_speaker.turn_on()\n     kids_speaker.volume_set(volume_level: 0.2)\n}"),
        ("Turn on the living room speaker at 8:00 and set the volume to 25%",
         "do living_room_speaker.turn_on()\n     living_room_speaker.volume_set(volume_level: 0.25)\n}"),
        # A command that sets something of what the request waits on, named by "its" or not at all.
        ("When the living room speaker starts playing, set its volume to 25%",
         "when living_room_speaker.state becomes playing\n  do living_room_speaker.volume_set(volume_level: 0.25)"),
        ("When the TV turns on, set the volume to 20%",
         "when living_room_tv.state becomes on\n  do living_room_tv.volume_set(volume_level: 0.2)"),
        # A level after "to" is no time to switch back at; "dim" opens a command.
        ("Turn on the living room light and dim it to 30% at sunset",
         "at sunset\n  do living_room_light.turn_on(brightness_pct: 30)\n}"),
        ("Turn off the TV and dim the kitchen light to 30% at 22:00",
         "at 22:00\n  do living_room_tv.turn_off()\n     kitchen_light.turn_on(brightness_pct: 30)\n}"),
        # The "on" of "on mondays" is no switching on.
        ("Turn the coffee maker off at 7:30 on mondays", "at 07:30 on mon\n  do coffee_maker.turn_off()"),
        ("Set the living room light to 60% at sunset on weekends",
         "at sunset on weekends\n  do living_room_light.turn_on(brightness_pct: 60)\n}"),
        ("Schalte die Kaffeemaschine an Wochenenden um 8 Uhr aus", "at 08:00 on weekends\n  do coffee_maker.turn_off()"),
        # A level said as its top is 100%.
        ("Turn on the hallway light at full brightness at 22:00", "do hallway_light.turn_on(brightness_pct: 100)"),
        ("Zet de lamp in de hal om 22 uur aan op volle sterkte", "do hallway_light.turn_on(brightness_pct: 100)"),
        ("Schalte das Flurlicht um 22 Uhr mit voller Helligkeit ein", "do hallway_light.turn_on(brightness_pct: 100)"),
        # An alarm's mode, said as a mode, is what it is armed in, or what is waited for or checked.
        ("Zet het alarm om 23:30 op nacht", "at 23:30\n  do alarm_panel.arm_night()"),
        ("Set the alarm to night mode at 23:30", "at 23:30\n  do alarm_panel.arm_night()"),
        ("Schalte die Alarmanlage um 23 Uhr in den Nachtmodus", "do alarm_panel.arm_night()"),
        ("Set the alarm to home mode when Anna arrives", "when anna.state becomes home\n  do alarm_panel.arm_home()"),
        ("Arm the alarm at 23:00", "do alarm_panel.arm_away()"),
        ("When the front door opens while the alarm system is armed away, turn on the hallway light",
         "when front_door.open becomes true\n  if alarm_panel.state == armed_away\n  do hallway_light.turn_on()"),
        ("Als de voordeur opengaat terwijl het alarm op afwezig staat, doe de lamp in de hal aan",
         "when front_door.open becomes true\n  if alarm_panel.state == armed_away\n  do hallway_light.turn_on()"),
        ("Als het alarm op afwezig gaat, doe de lamp in de hal uit", "when alarm_panel.state becomes armed_away"),
        ("Turn on the garden lights at sunset unless the alarm is armed away", "if alarm_panel.state != armed_away"),
        # "Unless" denies who must be home too; a comma may follow the marker.
        ("Pause the living room speaker at 22:00 unless somebody is home", "at 22:00\n  if family.state == not_home"),
        ("Schalte um 22 Uhr das Licht im Flur aus, es sei denn, jemand ist zu Hause",
         "at 22:00\n  if family.state == not_home\n  do hallway_light.turn_off()"),
        # One person leaving is the event, another's absence what must hold then.
        ("Turn off the hallway light when Anna leaves, but only if Ben is not home",
         "when anna.state becomes not_home\n  if ben.state == not_home\n  do hallway_light.turn_off()"),
        # "Her light" is the light of who the request waits on.
        ("when mia gets home turn on her light", "when mia.state becomes home\n  do kids_light.turn_on()"),
        # At a time, two states joined by "and" are both checked.
        ("start the vacuum at 10 if nobody is home and vacation mode is off",
         "at 10:00\n  if family.state == not_home and vacation_mode.state == off\n  do robot_vacuum.start()"),
        # A place heated to a number is heated to that many degrees.
        ("heat the living room to 22 at 7", "at 07:00\n  do living_room_thermostat.set_temperature(temperature: 22)"),
        ("Heize das Wohnzimmer um 7 Uhr auf 22", "do living_room_thermostat.set_temperature(temperature: 22)"),
        # The kind of press; where someone comes from; two hours alone that bound a window.
        ("when the hall button is double pressed turn off the hallway light", "on hallway_switch.double_press"),
        ("when mia comes home from school turn on the kids light", "when mia.state becomes home\n  do kids_light.turn_on()"),
        ("when there is motion in the kitchen between 6 and 9 turn on the counter lights",
         "when kitchen_motion.motion becomes true\n  if clock.time >= 06:00 and clock.time < 09:00"),
        # A range of days; a sensor that is clear; "we're away"; a warning is a notification.
        ("Turn on the coffee maker at 6:30 Monday to Friday", "at 06:30 on weekdays\n  do coffee_maker.turn_on()"),
        ("Zet de koffiezetter om 7 uur aan, maandag t/m woensdag", "at 07:00 on mon, tue, wed"),
        ("When the hallway presence sensor is clear for 5 minutes, turn off the hallway light",
         "when hallway_motion.occupancy becomes false for 5 min"),
        ("Turn on the hallway light when the front door opens and we're away",
         "when front_door.open becomes true\n  if family.state == not_home"),
        ("If the grid power goes over 3000 W, send me a warning", "when house_power.power > 3000\n  do phone.notify("),
        ("When the freezer power drops below 5 watts, notify me that the freezer is off",
         "when freezer.power < 5\n  do phone.notify(message: \"The freezer is off\")"),
        ("notify me that the dishwasher is done", "when dishwasher.status becomes finished\n  do phone.notify("),
        # Two named nodes joined by "and" are both called; each command's level is its own.
        ("At 20:00 turn on the desk lamp and the kitchen light", "do kitchen_light.turn_on()\n     desk_lamp.turn_on()\n}"),
        ("When the TV turns on, switch off the kitchen light and set the floor lamp to 15%",
         "do kitchen_light.turn_off()\n     floor_lamp.turn_on(brightness_pct: 15)\n}"),
        ("At 22:00 dim the living room light to 20% and close the living room blinds",
         "do living_room_light.turn_on(brightness_pct: 20)\n     living_room_blinds.close_cover()\n}"),
        # Each node a command names is called; a thermostat turned off beside a plug keeps its mode call.
        ("At 23:00 turn off the desk lamp, the hallway light and the coffee maker",
         "do desk_lamp.turn_off()\n     hallway_light.turn_off()\n     coffee_maker.turn_off()\n}"),
        ("At 23:00 turn off the desk lamp and the hallway light and close the bedroom blinds",
         "do desk_lamp.turn_off()\n     hallway_light.turn_off()\n     bedroom_blinds.close_cover()\n}"),
        ("turn off the bedroom thermostat and the coffee maker at 23:00",
         "do bedroom_thermostat.set_hvac_mode(hvac_mode: off)\n     coffee_maker.turn_off()\n}"),
        # "Except if" denies its state; cutting power switches off; a mirror named is no verb, and
        # what follows waits for what it follows.
        ("turn on the coffee maker at 6:30 except if vacation mode is on",
         "at 06:30\n  if vacation_mode.state == off\n  do coffee_maker.turn_on()"),
        ("Cut the power to the coffee maker at 22:00", "at 22:00\n  do coffee_maker.turn_off()"),
        ("When the front door opens, turn on the bathroom mirror light",
         "when front_door.open becomes true\n  do bathroom_light.turn_on()\n}"),
        ("the desk lamp follows the office ceiling light", "when office_light.state changes\n  if office_light.state == on\n  do desk_lamp.turn_on()"),
        ("make the floor lamp mirror the living room ceiling light", "when living_room_light.state changes"),
        # A switch said to be pressed is the button, however its name is shortened; "all lights"
        # are every light, wherever the button is.
        ("When the hallway wall switch is double pressed, turn on the hallway light", "on hallway_switch.double_press\n  do hallway_light.turn_on()"),
        ("When the hallway switch is held, turn on the hallway light", "on hallway_switch.long_press\n  do hallway_light.turn_on()"),
        ("when the hallway switch is held, turn off all lights", "on hallway_switch.long_press\n  do kitchen_light.turn_off()"),
        # A time alone before the condition; a set on for a while is each off again after.
        ("At 22:00, if vacation mode is on, turn on the hallway light for 10 minutes",
         "if vacation_mode.state == on\n  do hallway_light.turn_on()\n     wait 10 min\n     hallway_light.turn_off()"),
        ("At 22:00 turn on the kitchen lights for 10 minutes",
         "wait 10 min\n     kitchen_light.turn_off()\n     kitchen_counter_light.turn_off()\n}"),
        ("Alle 22:00 accendi la luce del corridoio per 10 minuti", "do hallway_light.turn_on()\n     wait 10 min\n     hallway_light.turn_off()"),
        # French, Portuguese, Spanish and Italian: degrees, hours, thresholds, modes, the household,
        # the alarm, locks, a speaker that starts playing, rain; "no" before a place is "in the".
        ("Colocar o termostato da sala em 21 graus às 7h", "at 07:00\n  do living_room_thermostat.set_temperature(temperature: 21)"),
        ("Imposta il radiatore della camera a 19 gradi alle 23:00", "do bedroom_thermostat.set_temperature(temperature: 19)\n}"),
        ("Ligar a cafeteira às 6 da manhã", "at 06:00\n  do coffee_maker.turn_on()\n}"),
        ("Accendi la luce della cucina alle 7", "at 07:00"),
        ("Quando la temperatura in cucina scende sotto i 18 gradi, accendi la luce della cucina", "when kitchen_temperature.temperature < 18"),
        ("Cuando la temperatura de la cocina baje de 18 grados, enciende la luz de la cocina", "when kitchen_temperature.temperature < 18"),
        ("Pon el termostato del salón en modo calor a las 6", "do living_room_thermostat.set_hvac_mode(hvac_mode: heat)"),
        ("Metti il termostato del soggiorno in modalità riscaldamento alle 14:00", "do living_room_thermostat.set_hvac_mode(hvac_mode: heat)"),
        ("Apaga el termostato del salón cuando no quede nadie en casa", "when family.state becomes not_home"),
        ("Enciende la luz del pasillo al atardecer si hay alguien en casa", "at sunset\n  if family.state == home"),
        ("Cuando Anna salga de casa, apaga la luz del pasillo", "when anna.state becomes not_home"),
        ("Desarma la alarma a las 7:00", "do alarm_panel.disarm()"),
        ("Arma la alarma en modo noche a las 23:30", "do alarm_panel.arm_night()"),
        ("Armar o alarme no modo noite às 23:30", "do alarm_panel.arm_night()"),
        ("Ligar a cafeteira todo dia às 6h", "at 06:00\n  do coffee_maker.turn_on()\n}"),
        ("Destrancar a porta da frente às 8h", "at 08:00\n  do front_door_lock.unlock()\n}"),
        ("Quando a caixa de som da sala começar a tocar, colocar o volume em 25%", "when living_room_speaker.state becomes playing"),
        ("Quando começar a chover, fechar as persianas da sala", "when weather.condition becomes rainy"),
        ("Quando houver movimento no corredor, acender a luz do corredor", "when hallway_motion.occupancy becomes true"),
        ("Avvisami quando la porta d'ingresso si apre", "when front_door.open becomes true\n  do phone.notify("),
        ("Avísame cuando se abra la puerta principal", "do phone.notify("),
        ("Spegni la macchina del caffè alle 21:30 tranne nel weekend", "at 21:30 on weekdays"),
        ("Enciende la luz del pasillo al ponerse el sol", "at sunset\n  do hallway_light.turn_on()"),
        ("Si la puerta principal se queda abierta 10 minutos, apaga la luz del pasillo", "when front_door.open becomes true for 10 min"),
        ("Turn off the hallway light if the hallway sensor doesn't detect motion for 10 minutes",
         "when hallway_motion.occupancy becomes false for 10 min"),
        ("Apagar a luz do corredor se o sensor do corredor não detectar movimento por 10 minutos",
         "when hallway_motion.occupancy becomes false for 10 min"),
        ("Quando a porta da frente abrir e o alarme estiver armado, acender a luz do corredor",
         "when front_door.open becomes true\n  if alarm_panel.state == armed_home"),
        ("Quand la porte d'entrée s'ouvre et que l'alarme est armée, allume la lumière du couloir", "if alarm_panel.state == armed_home"),
        # A level another command states is not this one's; covers lowered and raised in Romance
        # languages, a volume lowered is no cover; "alle 19" is at 19:00, not "all".
        ("At 22:00 turn on the kitchen light and set the living room blinds to 30%",
         "do kitchen_light.turn_on()\n     living_room_blinds.set_cover_position(position: 30)\n}"),
        ("Accendi la luce della cucina e abbassa le tapparelle del soggiorno al 30%",
         "do kitchen_light.turn_on()\n     living_room_blinds.set_cover_position(position: 30)\n}"),
        ("Abbassa le tapparelle della camera alle 21", "at 21:00\n  do bedroom_blinds.close_cover()"),
        ("Sube las persianas del salón a las 8", "at 08:00\n  do living_room_blinds.open_cover()"),
        ("Baisse le volume du salon à 15% à 21h30", "do living_room_speaker.volume_set(volume_level: 0.15)"),
        ("Accendi la lampada da terra alle 19", "at 19:00\n  do garden_lights.turn_on()\n}"),
        # "Unless it's the weekend" is weekdays; a night light is no night; an hour with its part of
        # the day after "after"; two places' speakers; numbers of one series.
        ("Turn off the coffee maker at 21:30 unless it's the weekend", "at 21:30 on weekdays"),
        ("Turn off the night light every morning at 7", "at 07:00\n  do kids_night_light.turn_off()"),
        ("When the front door opens after 8 in the evening, turn on the hallway light",
         "when front_door.open becomes true\n  if clock.time >= 20:00"),
        ("Turn off the kids room speaker and the living room speaker at 23:00",
         "do kids_speaker.turn_off()\n     living_room_speaker.turn_off()\n}"),
        # Someone out is away; a quoted text sent is a notification; a switch that turns on is
        # what is waited for; two blinds of a room are its blinds.
        ("Close the garage door at 22:30 unless Ben is out", "at 22:30\n  if ben.state == home"),
        ("When the front door opens while Anna is out, notify me", "when front_door.open becomes true\n  if anna.state == not_home"),
        ('Send me "Ben is out" when Ben leaves', 'when ben.state becomes not_home\n  do phone.notify(message: "Ben is out")'),
        ("When the garage light switch turns on, turn on the hallway light for 5 minutes",
         "when garage_light.state becomes on\n  do hallway_light.turn_on()\n     wait 5 min"),
        ("When nobody has been home for 30 minutes, turn off the TV", "when family.state becomes not_home for 30 min"),
        # The sun shining is day; a light's fade; "Schliess"; French playback; the target's own
        # state waited on by a pronoun; a time that opens the request is no command.
        ("When motion is detected in the hallway while the sun is shining, turn on the hallway light",
         "when hallway_motion.occupancy becomes true\n  if sun.state == above_horizon"),
        ("Turn on the hallway light at 20% with a 5 second transition at 8 pm", "do hallway_light.turn_on(brightness_pct: 20, transition: 5)"),
        ("Schliess das Garagentor um 22 Uhr", "do garage_door.close_cover()"),
        ("Quand la télé du salon se met en lecture, allume le lampadaire", "when living_room_tv.state becomes playing"),
        ("Coupe le son de la télé du salon à 23h", "do living_room_tv.volume_mute(is_volume_muted: true)"),
        ("Turn off the TV if it is paused for 20 minutes", "when living_room_tv.state becomes paused for 20 min\n  do living_room_tv.turn_off()"),
        ("Éteins la télé du salon si elle est en pause depuis 20 minutes",
         "when living_room_tv.state becomes paused for 20 min\n  do living_room_tv.turn_off()"),
        # A notification asked for after another command; "it" in a command of several is what is
        # waited on; the words of a message "alert me that …" asks for.
        ("At 22:00 turn off the TV and let me know", "do living_room_tv.turn_off()\n     phone.notify("),
        ("At 22:00 turn off the TV and send me a notification", 'do living_room_tv.turn_off()\n     phone.notify(message: "Turn off the TV")'),
        ("If the tv is on for 3 hours, turn it off and notify me", "do living_room_tv.turn_off()\n     phone.notify("),
        ("When the garage door is open for 10 minutes, close it and send me a message", "do garage_door.close_cover()\n     phone.notify("),
        ("If the freezer draws less than 10 W for 30 minutes, alert me that the freezer may be off",
         'do phone.notify(message: "The freezer may be off")'),
        # Lights that turn off with nothing to turn off are what is waited on; a sun event after
        # "after" is a time; a share of a volume; an evening hour alone after "after"; unplugged.
        ("When the garden lights turn off, turn on the hallway light", "when garden_lights.state becomes off\n  do hallway_light.turn_on()"),
        ("When the garden lights turn on, turn them off again after 10 minutes",
         "when garden_lights.state becomes on for 10 min\n  do garden_lights.turn_off()"),
        ("Half an hour after sunset close the bedroom blinds", "at sunset + 30 min\n  do bedroom_blinds.close_cover()"),
        ("When the living room TV volume goes above 50%, set the TV volume to 20%", "when living_room_tv.volume_level > 0.5"),
        ("When the living room TV turns on after 23, set its volume to 20%", "when living_room_tv.state becomes on\n  if clock.time >= 23:00"),
        ("When the car gets unplugged, turn on the garage light", "when car.plugged becomes false"),
        ("Start charging at 01:00 if the car is plugged in", "at 01:00\n  if car.plugged == true\n  do ev_charger.start_charging()"),
        ("When the TV starts playing after 7pm, dim the living room ceiling light to 25% and turn off the floor lamp",
         "if clock.time >= 19:00\n  do living_room_light.turn_on(brightness_pct: 25)\n     floor_lamp.turn_off()"),
        # Italian: a command after its clause with no comma; someone (not) at home.
        ("Quando non c'è più nessuno in casa spegni la luce del corridoio", "when family.state becomes not_home\n  do hallway_light.turn_off()"),
        ("Alle 23 spegni la luce del corridoio se Anna è a casa", "at 23:00\n  if anna.state == home"),
        ("Alle 23 spegni la luce del corridoio se Anna non è a casa", "at 23:00\n  if anna.state == not_home"),
        # Someone in a room is its presence sensor's; each command's words say its own modes.
        ("When the front door opens while someone is in the kitchen, turn on the kitchen light",
         "when front_door.open becomes true\n  if kitchen_motion.motion == true"),
        ("When everyone leaves, turn off the TV and put the living room heating on eco",
         "do living_room_tv.turn_off()\n     living_room_thermostat.set_preset_mode(preset_mode: eco)"),
        ("Apaga la luz del pasillo a la una", "at 01:00\n  do hallway_light.turn_off()"),
        ("Spegni la TV del soggiorno all'una", "at 01:00"),
        # Each device of a list gets the level the list is set to, one named in its area's words too.
        ("At 8pm dim the floor lamp, the bedside lamp and the desk lamp to 20%",
         "do floor_lamp.turn_on(brightness_pct: 20)\n     bedside_lamp.turn_on(brightness_pct: 20)\n     desk_lamp.turn_on(brightness_pct: 20)"),
        ("At 8pm set the floor lamp, the bedside lamp and the kids room light to 20%",
         "do kids_light.turn_on(brightness_pct: 20)\n     bedside_lamp.turn_on(brightness_pct: 20)\n     floor_lamp.turn_on(brightness_pct: 20)"),
        # The plural of a kind at a level sets each of them, not the first alone.
        ("Turn on the kitchen lights at 30% at sunset",
         "do kitchen_light.turn_on(brightness_pct: 30)\n     kitchen_counter_light.turn_on(brightness_pct: 30)"),
        # A number a command sets is no threshold to check; one a state rises to is.
        ("At 10 pm set the temperature to 20 degrees", "at 22:00\n  do bedroom_thermostat.set_temperature(temperature: 20)"),
        ("When the kitchen temperature rises to 25 degrees, turn on the bathroom fan", "when kitchen_temperature.temperature >= 25"),
        ("Wenn die Temperatur auf 25 Grad steigt, schalte den Ventilator ein", "when kitchen_temperature.temperature > 25"),
        # A time a node holds, said with the commands, starts the workflow; what the request checks is a condition.
        ("At wake-up time, if vacation mode is off, open the bedroom blinds",
         "at alarm_clock.time\n  if vacation_mode.state == off\n  do bedroom_blinds.open_cover()"),
        ("At Mia's bedtime turn off her light", "at kids_bedtime.time\n  do kids_light.turn_off()"),
        # Each thermostat of a list is set to its own temperature, with or without "degrees".
        ("At 22:30 set the bedroom radiator to 18 and the living room thermostat to 20",
         "do bedroom_thermostat.set_temperature(temperature: 18)\n     living_room_thermostat.set_temperature(temperature: 20)"),
        # An activity started or stopped names what does it ("start mowing": the mower), beside a notification too.
        ("When the car battery reaches 80%, stop charging and send me a message",
         "do ev_charger.stop_charging()\n     phone.notify("),
        ("At 10:00 start mowing", "at 10:00\n  do robot_mower.start_mowing()"),
        # A device run (or run at a level) and switched off some time later: on, the wait, off.
        ("At 7:00 run the coffee maker and switch it off 30 minutes later",
         "do coffee_maker.turn_on()\n     wait 30 min\n     coffee_maker.turn_off()"),
        ("Every day at 9:00 run the bathroom fan at 40% and switch it off 30 minutes later",
         "do bathroom_fan.turn_on(percentage: 40)\n     wait 30 min\n     bathroom_fan.turn_off()"),
        ("Schalte um 8 Uhr das Flurlicht ein und 20 Minuten später wieder aus",
         "do hallway_light.turn_on()\n     wait 20 min\n     hallway_light.turn_off()"),
        # A value only the target has ("unlocked") waits on the target, not on the door's contact.
        ("When the front door has been unlocked for 10 minutes, lock it",
         "when front_door_lock.state becomes unlocked for 10 min\n  do front_door_lock.lock()"),
        # "its battery" in the waiting clause is the battery of what the request acts on.
        ("Send the robot vacuum home when its battery is below 20%",
         "when robot_vacuum.battery_level < 20\n  do robot_vacuum.return_to_base()"),
        # A robot back at its dock or base is docked; "its" there is its own.
        ("When the robot vacuum is back at its dock, turn off the hallway light", "when robot_vacuum.state becomes docked"),
        ("When the robot vacuum returns to its base, turn off the hallway light", "when robot_vacuum.state becomes docked"),
        ("Wenn der Staubsauger angedockt ist, schalte das Flurlicht aus", "when robot_vacuum.state becomes docked"),
        # Portuguese: "passar dos 25", "abaixo dos 60" are thresholds; "passados 5 minutos" switches back;
        # "e estiver escuro" is night; "dias de trabalho" weekdays; "não estiver em casa" away.
        ("Quando a temperatura do quarto das crianças passar dos 25 graus, põe o termóstato da sala a 19 graus",
         "when kids_temperature.temperature > 25\n  do living_room_thermostat.set_temperature(temperature: 19)"),
        ("Quando a humidade da casa de banho descer abaixo dos 60%, desliga o ventilador",
         "when bathroom_humidity.humidity < 60\n  do bathroom_fan.turn_off()"),
        ("Liga a luz do corredor quando houver movimento no corredor e desliga-a passados 5 minutos",
         "do hallway_light.turn_on()\n     wait 5 min\n     hallway_light.turn_off()"),
        ("Quando a porta da frente abrir e estiver escuro, acende a luz do corredor", "if sun.state == below_horizon"),
        ("Às 7h liga a máquina de café nos dias de trabalho", "at 07:00 on weekdays"),
        ("Às 22h, se o Ben não estiver em casa, fecha a porta da garagem", "if ben.state == not_home"),
        # People listed together: either of them changing starts it, and each is checked.
        ("When Anna and Ben have both left, lock the front door",
         "when anna.state becomes not_home or ben.state becomes not_home\n  if anna.state == not_home and ben.state == not_home"),
        ("At 22:00, if Anna and Ben are not home, close the garage door",
         "at 22:00\n  if anna.state == not_home and ben.state == not_home\n  do garage_door.close_cover()"),
        # Norwegian and Swedish: "klokka 22", days, the sun, durations, covers, degrees, rain, the household.
        ("Lukk garasjeporten klokka 22 hvis den er åpen",
         "at 22:00\n  if garage_door.state == open\n  do garage_door.close_cover()"),
        ("Slå av coffee maker kl 22:00 på hverdager", "at 22:00 on weekdays\n  do coffee_maker.turn_off()"),
        ("Slå på garden lights ved solnedgang", "at sunset"),
        ("Trekk ned living room blinds kl 12:00", "do living_room_blinds.close_cover()"),
        ("Skru ned temperaturen på living room thermostat til 18 grader kl 23:00",
         "at 23:00\n  do living_room_thermostat.set_temperature(temperature: 18)"),
        ("Slå av coffee maker når den har vært på i 45 minutter", "when coffee_maker.state becomes on for 45 min"),
        ("Rull opp living room blinds når det begynner å regne", "when weather.condition becomes rainy"),
        ("Lås ytterdøra når alle har dratt hjemmefra", "when family.state becomes not_home\n  do front_door_lock.lock()"),
        ("Slå på hallway light når ytterdøra åpnes og det er mørkt ute",
         "when front_door.open becomes true\n  if sun.state == below_horizon"),
        ("Tänd hallway light klockan 7 på morgonen", "at 07:00"),
        # "set volume" with no node of its own sets the one the command before named.
        ("At 7:30 turn on the kids speaker and set volume to 25%",
         "do kids_speaker.turn_on()\n     kids_speaker.volume_set(volume_level: 0.25)"),
        # German: "die Garagentür aufgeht" is the garage door; "es klingelt" the doorbell.
        ("Wenn die Garagentür aufgeht, schalte das Flurlicht an", "when garage_door.state becomes open"),
        ("Wenn jemand an der Haustür klingelt, schalte das Flurlicht an", "on doorbell.ring"),
        # Devices named before their verbs, each with its own: "the blinds open and the other blinds go to 70%".
        ("at 6:45 the bedroom blinds open and the living room blinds go to 70%",
         "do bedroom_blinds.open_cover()\n     living_room_blinds.set_cover_position(position: 70)"),
        # Each part of a list names its own device, however many words their names share.
        ("At 22:00 turn off the kids light and the kids night light", "kids_night_light.turn_off()\n     kids_light.turn_off()"),
        ("Turn off the kitchen ceiling light and the office ceiling light at 23:30",
         "office_light.turn_off()\n     kitchen_light.turn_off()"),
        ("Turn off the bedroom light and the bedside lamp at 23:00", "bedside_lamp.turn_off()\n     bedroom_light.turn_off()"),
        # "on the driveway" says where, not a way: no motion there is the sensor's false.
        ("Turn off the garden lights when there's no motion on the driveway for 10 minutes",
         "when garden_motion.motion becomes false for 10 min"),
        # The sun going down is sunset; everyone gone is the household away.
        ("When the sun goes down, turn on the floor lamp", "at sunset\n  do floor_lamp.turn_on()"),
        ("Wenn die Sonne untergeht, schalte die Stehlampe ein", "at sunset"),
        ("When the sun comes up, open the bedroom blinds", "at sunrise\n  do bedroom_blinds.open_cover()"),
        ("Doe de voordeur op slot als iedereen weg is", "when family.state becomes not_home\n  do front_door_lock.lock()"),
        ("Schließ die Haustür ab, wenn alle weg sind", "when family.state becomes not_home"),
        # A fade over some seconds is a transition; "fade out" switches off.
        ("fade out floor lamp over 30 sec at 23:45", "do floor_lamp.turn_off(transition: 30)"),
        ("turn off the kitchen light over 30 seconds at 23:45", "do kitchen_light.turn_off(transition: 30)"),
        # A mode and a temperature together; a colder-than is a temperature; "its" typed for "it's".
        ("set thermostat to heat 21 at 6:30", "set_temperature(temperature: 21, hvac_mode: heat)"),
        ("when its colder than 17 inside put the living room thermostat on heat",
         "when kitchen_temperature.temperature < 17\n  do living_room_thermostat.set_hvac_mode(hvac_mode: heat)"),
        ("when its hotter than 25 outside close the living room blinds", "when outdoor_temperature.temperature > 25"),
        # Each part of the waiting clause says its own person's way: Ben comes, Anna must be away.
        ("When Ben gets home, turn on the living room light if Anna is not home",
         "when ben.state becomes home\n  if anna.state == not_home"),
        ("When Ben gets home, turn on the living room light unless Anna is home",
         "when ben.state becomes home\n  if anna.state == not_home"),
        # An occasion said is its flag on ("unless we are on holiday"); "à fond" is full; "im home" is coming home.
        ("Start the robot vacuum at 11am unless we are on holiday", "at 11:00\n  if vacation_mode.state == off"),
        ("At 7:00 open the bedroom blinds when we are on vacation", "if vacation_mode.state == on"),
        ("Allume la lumière du couloir à fond à 20h", "do hallway_light.turn_on(brightness_pct: 100)"),
        ("when im home turn on the hallway light", "when family.state becomes home"),
        # A time a command sets a helper to is its value, not a time to start at.
        ("At 21:00 set the wake-up time to 6:30", "at 21:00\n  do alarm_clock.set_datetime(time: 06:30)"),
        # A device's own word for an action picks it over a way to switch off ("stop" a speaker).
        ("At 23:00 turn off the office light and stop the music on the living room speaker",
         "do office_light.turn_off()\n     living_room_speaker.media_stop()"),
        # French hours with "h" and no minutes are clock times; a French transition is a fade.
        ("Allume la lumière du couloir quand la porte d'entrée s'ouvre après 22h", "if clock.time >= 22:00"),
        ("Allume la lumière du couloir quand la porte d'entrée s'ouvre entre 22h et 6h",
         "if clock.time >= 22:00 or clock.time < 06:00"),
        ("Allume la lumière du couloir à 20% avec une transition de 5 secondes à 20h",
         "do hallway_light.turn_on(brightness_pct: 20, transition: 5)"),
        # "All the garden lights", where a switch named as lights is the garden's, is that switch.
        ("Turn off all the garden lights at 23:00", "at 23:00\n  do garden_lights.turn_off()\n}"),
        # French "stores" are blinds.
        ("Ouvre les stores du salon à 30% à 8h", "do living_room_blinds.set_cover_position(position: 30)"),
        # "le mode absence" is the away flag, not the household away.
        ("Si la porte d'entrée s'ouvre alors que le mode absence est activé, allume la lumière du couloir",
         "if vacation_mode.state == on"),
        # "At least", "at most", "reaches" take the number in; "no more than" is at most.
        ("When the living room temperature is at least 24 degrees turn on the fan",
         "when living_room_thermostat.current_temperature >= 24"),
        ("At 8:00 turn off the fan if the bathroom humidity is at most 40%", "if bathroom_humidity.humidity <= 40"),
        ("if the bathroom humidity is no more than 40% turn off the fan at 8:00", "if bathroom_humidity.humidity <= 40"),
        ("When the car battery reaches 80%, stop charging", "when car.battery >= 80"),
        # A quantity the named room has no sensor for is measured where the home has one.
        ("when the living room humidity reaches 70% turn on the fan", "when bathroom_humidity.humidity >= 70"),
        # A denial after the event, with no comma, is a condition of its own.
        ("turn on the hallway light when the front door opens unless vacation mode is on",
         "when front_door.open becomes true\n  if vacation_mode.state == off\n"),
        ("Enciende la cafetera a las 9:00 salvo que esté activado el modo vacaciones", "if vacation_mode.state == off"),
        # Time windows: an hour alone after a named time, articles, a denied window, midnight as an end.
        ("when there is motion in the kitchen between midnight and 6, turn on the kitchen light",
         "when kitchen_motion.motion becomes true\n  if clock.time < 06:00\n"),
        ("Si hay movimiento en el pasillo entre las 0:00 y las 6:00, enciende la luz del pasillo",
         "when hallway_motion.occupancy becomes true\n  if clock.time < 06:00\n"),
        ("Turn on the hallway light when there is motion in the hallway, unless it's between 8 am and 6 pm",
         "if clock.time >= 18:00 or clock.time < 08:00"),
        ("When there's motion in the hallway after sunset but before 23:00, turn on the hall light",
         "if sun.state == below_horizon and clock.time < 23:00"),
        ("When there's motion in the hallway after 22:00 but before midnight, turn on the hall light",
         "when hallway_motion.occupancy becomes true\n  if clock.time >= 22:00\n"),
        # A single command naming its node by a pronoun waits on that node.
        ("When the hallway light turns on after 22:00, dim it to 20%", "when hallway_light.state becomes on\n  if clock.time >= 22:00"),
        ("Règle le volume de la télé à 35 % dès qu'elle s'allume", "when living_room_tv.state becomes on"),
        ("Regla el volumen de la tele al 35 % cuando se encienda", "when living_room_tv.state becomes on"),
        # A state held "for at least" a time is held that long.
        ("When the front door has been open for at least 10 minutes, turn on the hallway light",
         "when front_door.open becomes true for 10 min"),
        ("Quando l'umidità del bagno supera il 70% per almeno 5 minuti accendi la ventola",
         "when bathroom_humidity.humidity > 70 for 5 min"),
        # The sun's state said as a condition, or denied.
        ("when motion is detected in the hallway turn on the hallway light if the sun is down", "if sun.state == below_horizon"),
        ("when motion is detected in the hallway turn on the hallway light unless the sun is up", "if sun.state == below_horizon"),
        ("when motion is detected in the hallway turn on the hallway light but not during the day", "if sun.state == below_horizon"),
        # Playing, standby, an alarm going off.
        ("As soon as the TV plays something, turn on the floor lamp at 10%", "when living_room_tv.state becomes playing"),
        ("Wenn der Lautsprecher im Wohnzimmer anfängt zu spielen, mach das Deckenlicht im Wohnzimmer aus",
         "when living_room_speaker.state becomes playing"),
        ("Quand la télé passe en veille, allume le lampadaire", "when living_room_tv.state becomes standby"),
        ("When the alarm goes off, turn on the hallway light", "when alarm_panel.state becomes triggered"),
        ("Cuando salte la alarma, enciende la luz del pasillo", "when alarm_panel.state becomes triggered"),
        # A later command of verbs alone is what the node set before does next.
        ("At 07:00 set the kids speaker volume to 25% and start playing",
         "do kids_speaker.volume_set(volume_level: 0.25)\n     kids_speaker.media_play()\n}"),
        # "bei Sonnenuntergang" is all "bei" waits for; the command goes on after it.
        ("Mach bei Sonnenuntergang die Rollos im Schlafzimmer runter", "at sunset\n  do bedroom_blinds.close_cover()\n}"),
        # Start times said together: either one starts it ("um 7 und um 18 Uhr" is not a switch back).
        ("Turn on the coffee maker every day at 7:00 and at 18:00", "at 07:00 or at 18:00\n  do coffee_maker.turn_on()\n}"),
        ("Schalte die Kaffeemaschine jeden Tag um 7 und um 18 Uhr ein", "at 07:00 or at 18:00\n  do coffee_maker.turn_on()\n}"),
        # A verb of locking said apart ("schließ … ab") locks, beside another command.
        ("Um 23 Uhr schließ die Haustür ab und mach das Flurlicht aus",
         "do front_door_lock.lock()\n     hallway_light.turn_off()\n}"),
        ("Schließ die Haustür auf wenn Anna nach Hause kommt", "do front_door_lock.unlock()"),
        ("When the front door has been unlocked for 10 minutes and nobody is home, lock it and send me a notification",
         "do front_door_lock.lock()\n     phone.notify("),
        # Days excluded in a list are all excluded; "weekdays except Friday" keeps the rest.
        ("Spegni la macchina del caffè alle 8 tranne il sabato e la domenica", "at 08:00 on weekdays\n"),
        ("Turn off the coffee maker at 8 on weekdays except Friday", "at 08:00 on mon, tue, wed, thu\n"),
        # Italian mode and transition words.
        ("Alle 14 metti il termostato del soggiorno in modalità automatica", "do living_room_thermostat.set_hvac_mode(hvac_mode: auto)"),
        ("Alle 7 accendi la luce della cucina al 50% con una transizione di 30 secondi",
         "do kitchen_light.turn_on(brightness_pct: 50, transition: 30)"),
        ("A las 7 enciende la luz de la cocina al 50% con una transición de 30 segundos",
         "do kitchen_light.turn_on(brightness_pct: 50, transition: 30)"),
        # Half and quarter hours in Romance languages.
        ("Éteins la lumière du couloir à 8h et demie", "at 08:30\n"),
        ("Éteins la lumière du couloir à minuit et quart", "at 00:15\n"),
        # I and we, at home or not, after an event; "heimkommen"; a bell rung "an der Haustür".
        ("When the front door opens and I'm not home, turn on the hallway light", "if family.state == not_home"),
        ("Wenn die Haustür aufgeht und ich nicht zu Hause bin, mach das Flurlicht an", "if family.state == not_home"),
        ("At 22:30 turn off the TV if we're home", "if family.state == home"),
        ("Wenn ich heimkomme, mach das Flurlicht an", "when family.state becomes home"),
        ("Wenn es an der Haustür klingelt, mach das Flurlicht an", "on doorbell.ring\n  do hallway_light.turn_on()"),
        # Switching back: "wait 5 minutes, then", after a leading "Every day at", "a los 5 minutos".
        ("When the front door opens, turn on the hallway light, wait 5 minutes, then turn it off",
         "when front_door.open becomes true\n  do hallway_light.turn_on()\n     wait 5 min\n     hallway_light.turn_off()"),
        ("Every day at 23:00, turn on the towel heater and turn it off again after 2 hours",
         "do towel_heater.turn_on()\n     wait 2 h\n     towel_heater.turn_off()"),
        ("Cuando se abra la puerta principal, enciende la luz del pasillo y apágala a los 5 minutos",
         "do hallway_light.turn_on()\n     wait 5 min\n     hallway_light.turn_off()"),
        ("Turn on vacation mode at 18:00 and disable it at 23:00", "at 23:00\n  do vacation_mode.turn_off()"),
        # A value between two numbers with a unit.
        ("At 06:00, if the outdoor temperature is between 6 and 8 degrees, turn on the towel heater",
         "if outdoor_temperature.temperature > 6 and outdoor_temperature.temperature < 8\n"),
        ("When the bathroom humidity is between 40 and 60% turn off the fan",
         "when bathroom_humidity.humidity > 40 and bathroom_humidity.humidity < 60\n  do bathroom_fan.turn_off()\n}"),
        # Swedish: "släck" switches off; playing, pausing, full strength, plural days.
        ("Släck köket klockan 23", "at 23:00\n  do kitchen_light.turn_off()"),
        ("När living room speaker börjar spela, dimma floor lamp till 40 %", "when living_room_speaker.state becomes playing"),
        ("Tänd floor lamp på full styrka klockan 7", "do floor_lamp.turn_on(brightness_pct: 100)"),
        ("Tänd desk lamp klockan 21 på söndagar", "at 21:00 on sun\n"),
        # Dutch: hours with "u", "uur" as a span, the bell rung, "en het is donker", a threshold held "voor".
        ("zet de koffiezetter om 6u30 aan", "at 06:30\n"),
        ("zet de koffiezetter om 20u uit en om 7u weer aan", "at 07:00\n  do coffee_maker.turn_on()"),
        ("als de koffiezetter langer dan een uur aan staat, zet hem uit", "when coffee_maker.state becomes on for 1 h"),
        ("Als de towel radiator aangaat, zet hem na 2 uur weer uit", "when towel_heater.state becomes on for 2 h"),
        ("als iemand aanbelt, doe het licht in de gang aan", "on doorbell.ring\n  do hallway_light.turn_on()"),
        ("pauzeer de speaker in de woonkamer als de deurbel gaat", "on doorbell.ring\n  do living_room_speaker.media_pause()"),
        ("als de voordeur opengaat en het is donker, doe het licht in de gang aan", "if sun.state == below_horizon"),
        ("als de bathroom humidity meer dan 70% is voor 3 minuten, doe de ventilator aan",
         "when bathroom_humidity.humidity > 70 for 3 min"),
        # Set back to a value of its own at a time of its own; days said with switching back are its own.
        ("Set the living room thermostat to 17 degrees at 22:00 and back to 21 at 6:00",
         "at 06:00\n  do living_room_thermostat.set_temperature(temperature: 21)"),
        ("Set the kids speaker volume to 20% at 20:00 and back to 50% at 7:00", "at 07:00\n  do kids_speaker.volume_set(volume_level: 0.5)"),
        ("Close the bedroom blinds every day at 22:00 and open them again at 7:00 on weekdays",
         "at 22:00\n  do bedroom_blinds.close_cover()\n}\n\nworkflow"),
        # The first command says the way of the threshold said first.
        ("When the bathroom humidity goes above 70%, turn on the bathroom fan, and turn it off when it drops below 60%",
         "if bathroom_humidity.humidity > 70\n  do bathroom_fan.turn_on()\n  else bathroom_fan.turn_off()"),
        # "heat mode" names no helper called "… mode"; "it" is the thermostat.
        ("When the living room temperature drops below 18 degrees, set it to heat mode",
         "do living_room_thermostat.set_hvac_mode(hvac_mode: heat)"),
        # Switched on with a volume: on, then the volume.
        ("At 7:00 turn on the kids speaker with volume 20%", "do kids_speaker.turn_on()\n     kids_speaker.volume_set(volume_level: 0.2)"),
        # No motion, nobody, said in Portuguese and Spanish; "still home" is home.
        ("Quando não houver movimento na cozinha por 5 minutos, apaga a luz da cozinha", "when kitchen_motion.motion becomes false for 5 min"),
        ("Quando não tiver ninguém no escritório por 15 minutos, desliga a Desk lamp",
         "when office_presence.occupancy becomes false for 15 min"),
        ("When Ben leaves home, turn off the desk lamp unless Anna is still home", "if anna.state == not_home"),
        # "If <state> when <event>": the event starts it, the state is checked.
        ("If the TV is on when the doorbell rings, pause it",
         "on doorbell.ring\n  if living_room_tv.state == on\n  do living_room_tv.media_pause()"),
        # A reminder to act on "it" names what the request waits on.
        ("If the garage door is open at 22:00, remind me to close it", 'phone.notify(message: "Close the garage door")'),
        # Swedish hours after an event, a window "mellan … och …", everyone gone, "om … är på".
        ("Tänd hallway light när hallway motion upptäcker rörelse, men bara efter klockan 18",
         "when hallway_motion.occupancy becomes true\n  if clock.time >= 18:00\n"),
        ("Tänd hallway light när hallway motion upptäcker rörelse mellan 18 och 23", "if clock.time >= 18:00 and clock.time < 23:00"),
        ("Stäng av hallway light när alla har lämnat hemmet", "when family.state becomes not_home"),
        ("Stäng av living room tv klockan 23 om vacation mode är på", "at 23:00\n  if vacation_mode.state == on\n"),
        # A percentage of a level kept from 0 to 255.
        ("When the kitchen light is above 80% brightness, dim it to 50%", "when kitchen_light.brightness > 204"),
        # A white said by its warmth sets the colour temperature; a colour said switches on.
        ("At 21:00 set the bedroom light to 30% warm white", "do bedroom_light.turn_on(brightness_pct: 30, color_temp_kelvin: 2700)"),
        ("Um 21 Uhr das Schlafzimmerlicht auf warmweiß stellen", "do bedroom_light.turn_on(color_temp_kelvin: 2700)"),
        ("When the doorbell rings, turn the floor lamp blue and pause the TV",
         "do floor_lamp.turn_on()\n     living_room_tv.media_pause()"),
        # Italian first person, German "führ … aus"; "it" is no person checked.
        ("Quando spengo la macchina del caffè, spegni la luce della cucina", "when coffee_maker.state becomes off"),
        ("When the desk lamp has been on for 2 hours and nobody is in the office, turn it off",
         "if office_presence.occupancy == false\n  do desk_lamp.turn_off()"),
        # "movimento no sensor" is motion; in step with the household, someone home is on.
        ("Quando tiver movimento no sensor da cozinha, acende a luz da cozinha", "when kitchen_motion.motion becomes true"),
        ("Turn on the hallway light when someone comes home and turn it off when everyone leaves",
         "if family.state == home\n  do hallway_light.turn_on()\n  else hallway_light.turn_off()"),
        # "all thermostats" beside another command is every thermostat.
        ("When vacation mode turns on, set all thermostats to 16 degrees and turn off the TV",
         "do living_room_thermostat.set_temperature(temperature: 16)\n     bedroom_thermostat.set_temperature(temperature: 16)\n     living_room_tv.turn_off()"),
        # "its" in a first command is what the request waits on; the level is that node's.
        ("When the kids speaker starts playing, set its volume to 20% and turn on the night light",
         "do kids_speaker.volume_set(volume_level: 0.2)\n     kids_night_light.turn_on()\n}"),
        # Kilowatts said of a power in watts.
        ("When the house power is above 2 kW, turn off the towel heater", "when house_power.power > 2000\n"),
        # A first command naming only a kind is its best node; the next command is called too.
        ("At 21:00 set the heating to 18 degrees and turn on the desk lamp",
         "do bedroom_thermostat.set_temperature(temperature: 18)\n     desk_lamp.turn_on()"),
        # French "vous" forms; the "end" of "le week-end" switches nothing off.
        ("Fermez les stores du salon à 22h", "do living_room_blinds.close_cover()"),
        ("Désactivez le mode vacances à 8h", "do vacation_mode.turn_off()"),
        ("Ouvrez les stores du salon à 8h le week-end", "at 08:00 on weekends\n  do living_room_blinds.open_cover()"),
        # Latin American "vos" forms; an enclitic written without its accent.
        ("a las 7 prendé la luz del pasillo y apagá la cafetera", "do hallway_light.turn_on()\n     coffee_maker.turn_off()"),
        ("enciende las luces del jardín al atardecer y apagalas al amanecer", "at sunrise\n  do garden_lights.turn_off()"),
        # A wait before the only commands opens the block; "after 10 minutes" stays a time held.
        ("When the bathroom light turns off, wait 10 minutes, then turn off the bathroom fan.",
         "when bathroom_light.state becomes off\n  do wait 10 min\n     bathroom_fan.turn_off()\n}"),
        ("Wenn das Badlicht ausgeht, schalte den Badlüfter 10 Minuten später aus", "do wait 10 min\n     bathroom_fan.turn_off()\n}"),
        ("When the bathroom light turns off, turn off the bathroom fan after 10 minutes", "becomes off for 10 min\n  do bathroom_fan.turn_off()"),
        # Days denied with "es sei denn, es ist …", "tenzij het … is"; "during the week" is weekdays.
        ("Schalte das Flurlicht um 20 Uhr ein, es sei denn, es ist Wochenende.", "at 20:00 on weekdays\n"),
        ("Doe het ganglicht om 7 uur aan, tenzij het weekend is", "at 07:00 on weekdays\n"),
        ("Turn on the hallway light at 6:30 during the week", "at 06:30 on weekdays\n"),
        # "but not if" and "a não ser que" deny; Dutch "aangaat" switches on.
        ("at 23:00 turn off the hallway light, but not if the tv is on", "if living_room_tv.state == off\n"),
        ("Liga as luzes do jardim ao pôr do sol, a não ser que o modo férias esteja ligado", "if vacation_mode.state == off\n"),
        ("Zet de vloerlamp aan als de tv aangaat", "when living_room_tv.state becomes on\n"),
        # Music played and started; music that starts is played, music that stops is not; the
        # room's speaker plays it, not the room's light.
        ("Spiele um 9 Uhr Musik auf dem Wohnzimmerlautsprecher ab.", "do living_room_speaker.media_play()"),
        ("Start the music in the kids room at 9", "do kids_speaker.media_play()"),
        ("When music starts in the living room, set the volume to 30%", "when living_room_speaker.state becomes playing\n"),
        ("When the music stops in the living room, turn on the floor lamp", "when living_room_speaker.state becomes off\n"),
        ("Wenn im Kinderzimmer länger als 45 Minuten Musik läuft, pausiere den Lautsprecher",
         "when kids_speaker.state becomes playing for 45 min\n  do kids_speaker.media_pause()"),
        # What a notification asks the user to do is its message; "to" a recipient is not.
        ("when it starts raining send me a message to bring in the laundry", 'phone.notify(message: "Bring in the laundry")'),
        ("When the dishwasher is finished, notify me to empty it", 'phone.notify(message: "Empty the dishwasher")'),
        ("When the doorbell rings, send a notification to my phone", 'phone.notify(message: "The doorbell rings")'),
        # Everyone who "has left" before a command without a comma; halfway in Portuguese; rain
        # said in Spanish, and denied; a dishwasher that finishes, said in Portuguese.
        ("when everyone has left turn off the tv", "when family.state becomes not_home\n  do living_room_tv.turn_off()"),
        ("Ao nascer do sol abre os estores da sala até metade", "do living_room_blinds.set_cover_position(position: 50)"),
        ("a las 20 prendé la luz del pasillo si está lloviendo", "if weather.condition == rainy\n"),
        ("a las 20 prendé la luz del pasillo si no llueve", "if weather.condition != rainy\n"),
        ("Quando a máquina da loiça terminar, liga a luz da cozinha", "when dishwasher.status becomes finished\n"),
        # Kept in step the other way round: switched off when what is waited for comes.
        ("Turn off the garden lights when I get home and turn them back on when I leave",
         "if family.state == home\n  do garden_lights.turn_off()\n  else garden_lights.turn_on()"),
        # Amounts and clock times said in words; a level stated for keeping in step.
        ("At 22:00 dim the floor lamp to twenty percent.", "do floor_lamp.turn_on(brightness_pct: 20)"),
        ("Turn off the TV at eleven pm.", "at 23:00\n  do living_room_tv.turn_off()"),
        ("Turn on the hallway light at 30% when motion is detected in the hallway and turn it off when motion stops",
         "do hallway_light.turn_on(brightness_pct: 30)\n  else hallway_light.turn_off()"),
        # Norwegian and Swedish: unlocking, wind, humidity, denied states after the time of day.
        ("Lås opp inngangsdøren klokka 7", "do front_door_lock.unlock()"),
        ("Lukk living room blinds når det blåser", "when weather.condition becomes windy\n"),
        ("Slå på bathroom fan når luftfuktigheten er over 70 %", "when bathroom_humidity.humidity > 70\n"),
        ("Slå på garden lights ved solnedgang, med mindre vacation mode er på", "at sunset\n  if vacation_mode.state == off\n"),
        ("Tänd garden lights vid solnedgång utom när vacation mode är på", "at sunset\n  if vacation_mode.state == off\n"),
        # "as long as" and "provided that" say what must hold; a threshold kept in step with.
        ("Turn on the garden lights at sunset as long as vacation mode is off.", "at sunset\n  if vacation_mode.state == off\n"),
        ("Turn on the garden lights at sunset provided that vacation mode is off.", "at sunset\n  if vacation_mode.state == off\n"),
        ("Keep the bathroom fan on as long as the humidity is above 70%.",
         "when bathroom_humidity.humidity changes\n  if bathroom_humidity.humidity > 70\n  do bathroom_fan.turn_on()\n  else bathroom_fan.turn_off()"),
        # "send me a message that …"; asked to be told by whom ("mir Bescheid geben", "gi meg
        # beskjed"): a notification that says what the other commands did.
        ("When the front door opens, send me a message that someone came in", 'phone.notify(message: "Someone came in")'),
        ("Um 22 Uhr Flurlicht aus und mir Bescheid geben", 'do hallway_light.turn_off()\n     phone.notify(message: "Flurlicht aus")'),
        ("Slå av hallway light klokka 23 og gi meg beskjed", "do hallway_light.turn_off()\n     phone.notify("),
        # "alle lichten"; "the off button on the remote"; what "I" do is what is waited for.
        ("Doe alle lichten uit om 23:00", "do kitchen_light.turn_off()\n     kitchen_counter_light.turn_off()\n     living_room_light.turn_off()"),
        ("When the off button on the bedside remote is pressed, turn off the bedroom light.", "on bedside_remote.off_press\n"),
        ("When I double press the hallway wall switch, turn off the hallway light.",
         "on hallway_switch.double_press\n  do hallway_light.turn_off()\n}"),
        # People listed as alternatives: either of them.
        ("When Anna or Ben comes home, turn on the hallway light",
         "when anna.state becomes home or ben.state becomes home\n  do hallway_light.turn_on()"),
        ("At 22:00 turn off the hallway light if Anna or Ben is home", "if anna.state == home or ben.state == home\n"),
        # Motion in a room that has a presence sensor and no motion sensor.
        ("When there is no motion in the office for 15 minutes, turn off the desk lamp",
         "when office_presence.occupancy becomes false for 15 min\n  do desk_lamp.turn_off()"),
        # The plural of thermostats is each of them, whatever level is set.
        ("Set the thermostats to 21 degrees at 6",
         "do living_room_thermostat.set_temperature(temperature: 21)\n     bedroom_thermostat.set_temperature(temperature: 21)"),
        # The value said as written, not one whose words are there apart.
        ("If the front door opens while the home alarm is armed away, turn on the hallway light", "if alarm_panel.state == armed_away\n"),
        # The sun gone down, in German and Dutch; a part of the day that limits an event is its hours.
        ("Küchenlicht um 20 Uhr an, wenn die Sonne schon untergegangen ist", "at 20:00\n  if sun.state == below_horizon\n"),
        ("When there's motion in the kitchen in the morning, turn on the coffee maker",
         "when kitchen_motion.motion becomes true\n  if clock.time >= 06:00 and clock.time < 12:00\n"),
        ("Close the blinds in the evening", "at sunset\n"),
        # A bare hour beside a clock time is one too.
        ("Turn on the garden lights at 7 and turn them off at 22:00", "at 07:00\n  do garden_lights.turn_on()\n}"),
        # Dutch and German object pronouns name what is waited on.
        ("Als het licht in de hal aangaat, zet het op 10%", "when hallway_light.state becomes on\n  do hallway_light.turn_on(brightness_pct: 10)"),
        ("Wenn das Flurlicht angeht, dimme es auf 10%", "when hallway_light.state becomes on\n"),
        # Dutch "openstaat" written as one word holds for the time said.
        ("Als de voordeur een kwartier openstaat, doe het licht in de hal aan", "when front_door.open becomes true for 15 min\n"),
        # The subject of the waiting clause is what is acted on: Dutch "hij", Portuguese and
        # Spanish saying none ("quando estiver ligada").
        ("Zet het volume van de kinderkamerspeaker op 15% als hij begint te spelen", "when kids_speaker.state becomes playing\n"),
        ("Desliga a luz da casa de banho quando estiver ligada durante 10 minutos",
         "when bathroom_light.state becomes on for 10 min\n  do bathroom_light.turn_off()"),
        # French "s'il …" opens a clause; "pendant" after it says how long it holds.
        ("Éteins la lumière du couloir s'il n'y a plus de mouvement pendant 5 minutes",
         "when hallway_motion.occupancy becomes false for 5 min\n  do hallway_light.turn_off()\n}"),
        # Starting said in Spanish.
        ("cuando se abra la puerta de entrada, arrancá la aspiradora", "do robot_vacuum.start()"),
        # Dutch "schakel … in" and "activeer" switch on.
        ("Schakel om 7 uur de koffiezetter in", "at 07:00\n  do coffee_maker.turn_on()"),
        ("Activeer het alarm als er niemand thuis is", "do alarm_panel.arm_away()"),
        # A later command that opens with a setting sets it on the earlier command's node.
        ("Um 7 Uhr Kinderzimmer Lautsprecher einschalten und Lautstärke auf 15%",
         "do kids_speaker.turn_on()\n     kids_speaker.volume_set(volume_level: 0.15)"),
        # Setting said "mets", "pon"; the French "en" of a state joins no commands.
        ("Mets les stores du salon à 20% quand il fait plus de 30 degrés dehors", "do living_room_blinds.set_cover_position(position: 20)"),
        ("Pon las persianas del salón al 30% a las 12", "do living_room_blinds.set_cover_position(position: 30)"),
        ("Mettez la musique du salon en pause quand la porte d'entrée s'ouvre", "do living_room_speaker.media_pause()"),
        # A call with no way back of its own is switched back the way the later command says.
        ("Set the living room blinds to 30% at 12:00 and open them at 18:00", "at 18:00\n  do living_room_blinds.open_cover()\n}"),
        # Phone shorthand: a pronoun run onto "is" without its apostrophe, "n" and "&" for "and".
        ("start the robot vacuum at 10:00 if nobodys home", "at 10:00\n  if family.state == not_home\n  do robot_vacuum.start()"),
        ("when noones home turn off the hallway light", "when family.state becomes not_home\n  do hallway_light.turn_off()"),
        ("at 22:00 turn off the hallway light only if someones home", "if family.state == home\n  do hallway_light.turn_off()"),
        ("turn on the garden lights at sunset n off at 11pm", "at 23:00\n  do garden_lights.turn_off()"),
        ("turn off the tv & the speaker at 23:30", "do living_room_tv.turn_off()\n     living_room_speaker.turn_off()"),
        # A later command that waits: the wait between the calls, the later step on the same nodes its own.
        ("at 7:00 turn on the hallway light, wait 5 minutes and turn off the kitchen light",
         "do hallway_light.turn_on()\n     wait 5 min\n     kitchen_light.turn_off()"),
        ("When Anna gets home, turn on the hallway light and open the living room blinds after 20 minutes",
         "when anna.state becomes home\n  do hallway_light.turn_on()\n     wait 20 min\n     living_room_blinds.open_cover()"),
        ("at 7:00 start the coffee maker and after 10 minutes turn off the kitchen light",
         "do coffee_maker.turn_on()\n     wait 10 min\n     kitchen_light.turn_off()"),
        ("When Anna gets home, turn on the living room light at 70% and dim it to 30% after 20 minutes",
         "when anna.state becomes home\n  do living_room_light.turn_on(brightness_pct: 70)\n     wait 20 min\n     living_room_light.turn_on(brightness_pct: 30)"),
        ("at 7:00 turn on the hallway light, wait 5 minutes and dim it to 20%",
         "do hallway_light.turn_on()\n     wait 5 min\n     hallway_light.turn_on(brightness_pct: 20)"),
        # A wait said in words ("a minute later") is read as the request's values read it.
        ("Pause the robot vacuum when Anna gets home and send it back to the dock a minute later",
         "do robot_vacuum.pause()\n     wait 1 min\n     robot_vacuum.return_to_base()"),
        ("at 7:00 set the bedroom blinds to 30% and open them fully 15 minutes later",
         "do bedroom_blinds.set_cover_position(position: 30)\n     wait 15 min\n     bedroom_blinds.open_cover()"),
        # "For the next hour" is a span; the last of several commands held for a while is switched back then.
        ("At 7:00 turn on the kitchen light for the next hour", "do kitchen_light.turn_on()\n     wait 1 h\n     kitchen_light.turn_off()"),
        ("At 7:00 start the coffee maker and turn on the kitchen light for 10 minutes",
         "do coffee_maker.turn_on()\n     kitchen_light.turn_on()\n     wait 10 min\n     kitchen_light.turn_off()"),
        ("At 7:00 close the blinds and run the sprinkler for 10 minutes", "sprinkler.open_valve()\n     wait 10 min\n     sprinkler.close_valve()"),
        # A sun event said with a state starts it; the state is checked.
        ("If the garage door is still open 30 minutes after sunset, close it",
         "at sunset + 30 min\n  if garage_door.state == open\n  do garage_door.close_cover()"),
        ("At sunset, turn on the hallway light if it is off", "at sunset\n  if hallway_light.state == off\n  do hallway_light.turn_on()"),
        # Portuguese days without "-feira", the sun setting, an alarm going off; coming into a room.
        ("Toda sexta às 20h liga a cafeteira", "at 20:00 on fri\n  do coffee_maker.turn_on()"),
        ("Nas segundas às 7h liga a cafeteira", "at 07:00 on mon\n  do coffee_maker.turn_on()"),
        ("Liga as luzes do jardim quando o sol se pôr", "at sunset\n  do garden_lights.turn_on()"),
        ("Quando o alarme disparar, liga a luz do corredor", "when alarm_panel.state becomes triggered\n  do hallway_light.turn_on()"),
        ("When I enter the office, turn on the office light", "when office_presence.occupancy becomes true\n  do office_light.turn_on()"),
        ("Quando eu entrar no escritório, liga a luz do escritório", "when office_presence.occupancy becomes true\n  do office_light.turn_on()"),
        ("Wenn ich das Büro betrete, schalte das Licht im Büro ein", "when office_presence.occupancy becomes true\n  do office_light.turn_on()"),
        # A later command that names only an amount sets what the first one switched on.
        ("Às 22h liga o termostato do quarto e coloca em 20 graus",
         "do bedroom_thermostat.turn_on()\n     bedroom_thermostat.set_temperature(temperature: 20)"),
        # German and Dutch clauses that end with being hold their span; leaving said "weggehen", "se vaya".
        ("Wenn jemand 5 Minuten im Büro ist, mach die Schreibtischlampe an", "when office_presence.occupancy becomes true for 5 min"),
        ("Schalte den Urlaubsmodus ein, wenn ich 24 Stunden nicht zu Hause war", "when family.state becomes not_home for 24 h"),
        ("Wenn ich weggehe, mach das Flurlicht aus", "when family.state becomes not_home\n  do hallway_light.turn_off()"),
        ("Cuando Ben se vaya, apaga la luz del pasillo", "when ben.state becomes not_home\n  do hallway_light.turn_off()"),
        ("Cuando Mia llegue a casa, enciende la luz del pasillo", "when mia.state becomes home\n  do hallway_light.turn_on()"),
        ("A las 8:30, si Ben no está en casa, apaga la luz del pasillo", "at 08:30\n  if ben.state == not_home\n  do hallway_light.turn_off()"),
        # The "auf" of a level switches nothing on.
        ("Stell den Lautsprecher im Kinderzimmer um 20 Uhr auf 30 % Lautstärke", "at 20:00\n  do kids_speaker.volume_set(volume_level: 0.3)\n}"),
        # The word for the heating is no heat mode; the Spanish garage.
        ("Apaga la calefacción del salón a las 23:00", "at 23:00\n  do living_room_thermostat.turn_off()"),
        ("Apaga la luz del garaje a las 23:00", "at 23:00\n  do garage_light.turn_off()"),
        # Italian: switching back at an hour alone, "si superano i 26 gradi", "se è già buio".
        ("Accendi la luce del corridoio al tramonto e spegnila alle 23", "at 23:00\n  do hallway_light.turn_off()"),
        ("Quando in cucina si superano i 26 gradi, accendi il termostato del soggiorno",
         "when kitchen_temperature.temperature > 26\n  do living_room_thermostat.turn_on()"),
        ("Accendi la luce del soggiorno al 40% quando si accende la TV, ma solo se è già buio", "if sun.state == below_horizon"),
        # The target named again with a setting waits on itself; the words of a range of hours name nothing.
        ("when the TV turns on after 23:00, set the TV volume to 20%",
         "when living_room_tv.state becomes on\n  if clock.time >= 23:00\n  do living_room_tv.volume_set(volume_level: 0.2)"),
        ("quand il y a du mouvement dans la cuisine entre 6h et 9h, allume les lumières sous les placards",
         "when kitchen_motion.motion becomes true\n  if clock.time >= 06:00 and clock.time < 09:00"),
        ("cuando haya movimiento en la cocina entre las 6 y las 9, enciende la luz de la cocina",
         "when kitchen_motion.motion becomes true\n  if clock.time >= 06:00 and clock.time < 09:00"),
        # Switching back later is no verb to call next.
        ("à 8h allume la lumière de la salle de bain à 20% puis éteins-la 20 minutes plus tard",
         "do bathroom_light.turn_on(brightness_pct: 20)\n     wait 20 min\n     bathroom_light.turn_off()\n}"),
        # Asking to be told, in the verbs that carry whom to tell.
        ("préviens-moi quand la porte d'entrée s'ouvre", "when front_door.open becomes true\n  do phone.notify("),
        ("quand la porte d'entrée s'ouvre, alerte-moi", "do phone.notify("),
        ("envoie un message sur mon téléphone quand la porte d'entrée s'ouvre", "do phone.notify("),
        ("Mándame un mensaje si la ventana del salón está abierta más de 10 minutos",
         "when living_room_window.open becomes true for 10 min\n  do phone.notify("),
        ("manda-me uma mensagem quando a porta da frente abrir", "do phone.notify("),
        # Leaving and coming home said in the first person in Italian.
        ("quando esco di casa spegni la luce del corridoio", "when family.state becomes not_home\n  do hallway_light.turn_off()"),
        ("quando torno a casa accendi la luce del corridoio", "when family.state becomes home\n  do hallway_light.turn_on()"),
        # A compound of two short words: "gang" (hallway) and "lamp".
        ("doe de ganglamp om 23 uur uit", "at 23:00\n  do hallway_light.turn_off()"),
        ("als er beweging is in de gang, doe de ganglamp aan", "do hallway_light.turn_on()"),
        # "Bei" + the event and its place, then what the command acts on; motion alone is its sensor's true.
        ("Bei Bewegung im Flur das Licht an", "when hallway_motion.occupancy becomes true\n  do hallway_light.turn_on()"),
        ("Bei Bewegung in der Küche Küchenlicht an", "when kitchen_motion.motion becomes true\n  do kitchen_light.turn_on()"),
        ("Bij beweging in de gang het licht aan", "when hallway_motion.occupancy becomes true\n  do hallway_light.turn_on()"),
        # A Dutch or German clause that ends with its verb, then the command's imperative, no comma between.
        ("als de voordeur langer dan 10 minuten openstaat stuur me een bericht",
         "when front_door.open becomes true for 10 min\n  do phone.notify("),
        ("wenn die Haustür aufgeht schick mir eine Nachricht", "when front_door.open becomes true\n  do phone.notify("),
        # "the vacuum" after an article is the robot, not the verb that starts it.
        ("send the vacuum home when the front door opens", "when front_door.open becomes true\n  do robot_vacuum.return_to_base()"),
        ("vacuum the kitchen at 10", "at 10:00\n  do robot_vacuum.start()"),
        # The number a heating is set to after the Romance "to" is degrees, not the hour.
        ("mets le chauffage du salon à 21 quand la température du salon passe sous 18 degrés",
         "when living_room_thermostat.current_temperature < 18\n  do living_room_thermostat.set_temperature(temperature: 21)"),
        ("mets le chauffage à 19 à 22h", "at 22:00\n  do bedroom_thermostat.set_temperature(temperature: 19)"),
        # A Spanish or Portuguese clause with no comma ends where the imperative starts, unless a
        # clitic or a subject makes that verb what happens.
        ("Cuando llegue a casa enciende la luz del pasillo", "when family.state becomes home\n  do hallway_light.turn_on()"),
        ("cuando me vaya de casa apaga la luz del pasillo", "when family.state becomes not_home\n  do hallway_light.turn_off()"),
        ("quando alguém abre a porta da frente desliga a luz do corredor",
         "when front_door.open becomes true\n  do hallway_light.turn_off()"),
        # A person named in the condition is checked, not the household.
        ("When the front door opens, turn on the hallway light if Ben is not home",
         "when front_door.open becomes true\n  if ben.state == not_home\n  do hallway_light.turn_on()"),
        ("When the front door opens, turn on the hallway light unless Anna is home", "if anna.state == not_home"),
        ("at sunset turn the floor lamp to 30% and the bedside lamp to 10%",
         "do floor_lamp.turn_on(brightness_pct: 30)\n     bedside_lamp.turn_on(brightness_pct: 10)\n}"),
        ("at 7:00 set the bedroom blinds to 50% and the living room blinds to 80%",
         "do bedroom_blinds.set_cover_position(position: 50)\n     living_room_blinds.set_cover_position(position: 80)\n}"),
        # What must hold when the event happens, said by its quantity or by a name the event does not say.
        ("when there's motion in the kitchen and it's darker than 30 lux, turn on the counter lights",
         "when kitchen_motion.motion becomes true\n  if kitchen_light_level.illuminance < 30\n  do kitchen_counter_light.turn_on()"),
        ("when the office co2 goes above 1200 ppm and the window is closed, notify me",
         "when office_co2.co2 > 1200\n  if office_window.open == false"),
        # The text a notification is dictated; "tell me" is a command of its own.
        ("when the doorbell rings, send me a message saying someone is at the door",
         "on doorbell.ring\n  do phone.notify(message: \"Someone is at the door\")"),
        ("at 23:00 close the garage door and tell me",
         "do garage_door.close_cover()\n     phone.notify(message: \"Close the garage door\")"),
        # A time before the verb that runs for a while; "dock it" is the watched robot's.
        ("at 6:00 water the lawn for 10 minutes unless it's raining",
         "do sprinkler.open_valve()\n     wait 10 min\n     sprinkler.close_valve()"),
        ("when the mower battery is below 20% dock it", "when robot_mower.battery < 20\n  do robot_mower.dock()"),
        ("when the vacuum battery is below 20% dock it", "when robot_vacuum.battery_level < 20\n  do robot_vacuum.return_to_base()"),
        # A robot that finishes its work is docked; stuck is its error.
        ("when the vacuum finishes cleaning, notify me", "when robot_vacuum.state becomes docked"),
        ("when the vacuum is stuck, notify me", "when robot_vacuum.state becomes error"),
        ("if it's not raining at 10, start the mower", "at 10:00\n  if weather.condition != rainy\n  do robot_mower.start_mowing()"),
        # A wait said after its span; an empty house is nobody home.
        ("Turn on the bathroom light at 8:00, then turn it off 20 minutes later",
         "do bathroom_light.turn_on()\n     wait 20 min\n     bathroom_light.turn_off()"),
        ("when the house has been empty for 30 minutes, turn off the desk lamp",
         "when family.state becomes not_home for 30 min\n  do desk_lamp.turn_off()"),
        # A unit run on to its number; "cheaper than" is below; full speed is 100%.
        ("when the PC power is less than 30W, turn off the desk lamp", "when desk_power.power < 30\n  do desk_lamp.turn_off()"),
        ("start charging the car when electricity is cheaper than 0.15", "when grid.price < 0.15"),
        ("at 8:00 turn on the bathroom fan at full speed", "do bathroom_fan.set_percentage(percentage: 100)"),
        # A command without a comma after the clause it waits on.
        ("when the doorbell rings mute the tv", "on doorbell.ring\n  do living_room_tv.volume_mute(is_volume_muted: true)"),
        ("when the doorbell rings notify me", "on doorbell.ring\n  do phone.notify(message: \"The doorbell rings\")"),
        # A state said to hold still is checked; a mode named for being away is that mode.
        ("At 9 pm turn off the coffee maker if it's still on", "at 21:00\n  if coffee_maker.state == on\n  do coffee_maker.turn_off()"),
        ("If the front door opens while away mode is on, turn on the hallway light",
         "when front_door.open becomes true\n  if vacation_mode.state == on\n  do hallway_light.turn_on()"),
        # An hour alone is a clock time; the part of the day says after noon.
        ("Turn on the coffee maker at 7", "at 07:00\n  do coffee_maker.turn_on()"),
        ("every night at 10 lock the front door", "at 22:00\n  do front_door_lock.lock()"),
        ("Zet de koffiezetter aan om 16u", "at 16:00\n  do coffee_maker.turn_on()"),
        # A place a node is only in (the desk lamp's office) does not make two names one.
        ("Turn off the desk lamp and the office ceiling light at 7 pm on weekdays",
         "at 19:00 on weekdays\n  do office_light.turn_off()\n     desk_lamp.turn_off()\n}"),
        # Two names joined by "and", the first ending with its own noun, are two nodes.
        ("Turn on the hallway light and the desk lamp at sunset",
         "at sunset\n  do hallway_light.turn_on()\n     desk_lamp.turn_on()\n}"),
        # A property the command names is the target's, not the watched node's.
        ("Set the living room speaker volume to 30% when the TV turns on",
         "when living_room_tv.state becomes on\n  do living_room_speaker.volume_set(volume_level: 0.3)"),
        # Quoted words are the text sent: nothing in them is acted on or waited for.
        ("When the garage door opens, notify Anna's phone \"Turn off the kitchen light\"",
         "when garage_door.state becomes open\n  do phone.notify(message: \"Turn off the kitchen light\")\n}"),
        # A state the request denies must not hold: `!=` its value.
        ("Start the mower every Saturday at 10 am if it's not raining",
         "at 10:00 on sat\n  if weather.condition != rainy\n  do robot_mower.start_mowing()"),
        ("Open the blinds at 8:00 wenn es nicht regnet", "if weather.condition != rainy"),
        ("Start the mower at 10:00 if it is raining", "if weather.condition == rainy"),
        # Switched on from one time until another: on at the first, back at the second.
        ("Turn on the garden lights from sunset to 23:00",
         "at sunset\n  do garden_lights.turn_on()\n}\n\nworkflow turn_on_the_garden_back \"Turn on the garden lights "
         "from sunset to 23:00 (switching back)\" {\n  at 23:00\n  do garden_lights.turn_off()"),
        ("Turn on the garden lights at sunset until midnight", "at 00:00\n  do garden_lights.turn_off()"),
        ("Close the blinds from 22:00 to 7:00",
         "at 07:00\n  do living_room_blinds.open_cover()\n     bedroom_blinds.open_cover()"),
        # "Make sure" a state holds is a command to bring it about.
        ("Make sure the garage door is closed at 23:00", "at 23:00\n  do garage_door.close_cover()\n}"),
        ("Stelle sicher, dass die Haustür um 22 Uhr abgeschlossen ist", "at 22:00\n  do front_door_lock.lock()\n}"),
        # After the last motion is when motion has stopped, that long.
        ("Turn off the kitchen lights 5 minutes after the last motion", "when kitchen_motion.motion becomes false for 5 min"),
        ("Schalte das Küchenlicht 5 Minuten nach der letzten Bewegung aus",
         "when kitchen_motion.motion becomes false for 5 min\n  do kitchen_light.turn_off()"),
        # A boolean named by its state: the car's `plugged`, not its battery.
        ("When the car is plugged in, start charging", "when car.plugged becomes true\n  do ev_charger.start_charging()"),
        # A room said empty is its presence sensor's; German and Dutch say how long before the state.
        ("Turn off the desk lamp if the office is empty for 15 minutes",
         "when office_presence.occupancy becomes false for 15 min\n  do desk_lamp.turn_off()"),
        ("Schalte das Licht im Büro aus, wenn das Büro 10 Minuten leer ist",
         "when office_presence.occupancy becomes false for 10 min\n  do office_light.turn_off()"),
        ("Als de voordeur 5 minuten open staat, stuur me een bericht", "when front_door.open becomes true for 5 min"),
        ("Schalte das Licht im Büro 10 Minuten an",
         "do office_light.turn_on()\n     wait 10 min\n     office_light.turn_off()"),
        # Two commands that switch opposite ways each say their way: no switching back and forth.
        ("When the sun sets, turn on the garden lights and close the living room blinds",
         "at sunset\n  do garden_lights.turn_on()\n     living_room_blinds.close_cover()\n}"),
        # Hours the waiting clause is limited to stay a window.
        ("Turn on the hallway light when motion is detected from 22:00 to 6:00",
         "if clock.time >= 22:00 or clock.time < 06:00\n  do hallway_light.turn_on()\n}"),
    ],
)
def test_how_people_say_when_and_what(example_index, request_text, wanted):
    assert wanted in _checked_generated(example_index, request_text)


def test_but_leaves_a_member_out_of_all(example_index):
    text = _checked_generated(example_index, "turn off all lights but the night light at 22:00")
    assert "kids_night_light" not in text and text.count("turn_off()") == 11
    text = _checked_generated(example_index, "turn off all lights but keep the hallway light on at 22:00")
    assert "hallway_light" not in text and text.count("turn_off()") == 11


def test_a_level_after_to_is_no_time_to_switch_back(example_index):
    assert "switching back" not in _checked_generated(example_index, "Turn on the living room light and dim it to 30% at sunset")
    assert "switching back" in _checked_generated(example_index, "Turn on the garden lights from sunset to 23:00")


def test_a_screens_notifier_is_no_command_to_notify_everyone():
    # smcnab1 has one notifier, its bedroom TV's: "notify everyone" names no person's phone.
    text = _generated(_home("smcnab1"), "Automation to disarm the alarm and notify everyone from trigger notification")
    assert ".alarm_disarm()" in text and "bedroom_tv_notify" not in text


def test_a_waiting_clause_splits_into_its_event_and_the_state_then():
    from wfl.inference.clauses import watch_parts

    assert watch_parts("motion is detected and the light level is below 50 lux") == (
        "motion is detected", "the light level is below 50 lux")
    assert watch_parts("the door opens and nobody is home") == ("the door opens", "nobody is home")
    # More of the same, a subject of two (the plural verb), or a state held for a time: whole.
    assert watch_parts("motion in the kitchen and hallway")[1] == ""
    assert watch_parts("temperature and humidity are high")[1] == ""
    assert watch_parts("it is half sleeping mode and there is no activity for more than an hour")[1] == ""
    # The state said first, the event after.
    assert watch_parts("the kids room window is open and the temperature drops below 18") == (
        "the temperature drops below 18", "the kids room window is open")
    assert watch_parts("the window is open for 10 minutes and it rains")[1] == ""
    # "Is" run onto its subject states too; an event said in the passive ("is detected") does not.
    assert watch_parts("motion is detected and it's dark") == ("motion is detected", "it's dark")
    assert watch_parts("the door opens and there's nobody home") == ("the door opens", "there's nobody home")
    assert watch_parts("motion is detected and dark")[1] == ""


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # The household, named by no word of the request, is checked when the door opens.
        ("When the front door opens and nobody is home, turn on the hallway light",
         "when front_door.open becomes true\n  if family.state == not_home\n  do hallway_light.turn_on()"),
        ("When the front door opens while nobody is home, notify me",
         "when front_door.open becomes true\n  if family.state == not_home\n  do phone.notify("),
        ("Turn on the hallway light when motion is detected, but only if someone is home",
         "when hallway_motion.occupancy becomes true\n  if family.state == home\n  do hallway_light.turn_on()"),
        ("Turn off all lights when the front door closes and nobody is home",
         "when front_door.open becomes false\n  if family.state == not_home\n  do kitchen_light.turn_off()"),
        ("Wenn die Haustür aufgeht und niemand zu Hause ist, schalte das Flurlicht ein",
         "when front_door.open becomes true\n  if family.state == not_home\n  do hallway_light.turn_on()"),
        # "it" and "them" are what is checked; each part's words say its own value.
        ("When the front door opens and the hallway light is off, turn it on",
         "when front_door.open becomes true\n  if hallway_light.state == off\n  do hallway_light.turn_on()"),
        ("When motion is detected in the garage and the garage light is off, switch it on",
         "when garage_motion.motion becomes true\n  if garage_light.state == off\n  do garage_light.turn_on()"),
        ("When the front door opens and the kitchen lights are off, turn them on",
         "when front_door.open becomes true\n  if kitchen_light.state == off\n  do kitchen_light.turn_on()"),
    ],
)
def test_what_must_hold_when_the_event_happens_is_checked(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


def test_a_waiting_clause_joins_its_state_with_while_if_and_a_plural_after_an_article():
    from wfl.inference.clauses import split_clauses, watch_parts

    assert watch_parts("the front door opens while nobody is home") == ("the front door opens", "nobody is home")
    assert watch_parts("Bas leaves if nobody is home") == ("Bas leaves", "nobody is home")
    assert watch_parts("the door opens and the kitchen lights are off") == ("the door opens", "the kitchen lights are off")
    # Clauses apart are joined as parts: "…, but only if someone is home".
    watch = split_clauses("Turn on the hall light when motion is detected, but only if someone is home").watch
    assert watch_parts(watch) == ("motion is detected", "someone is home")


def test_a_state_said_before_the_event_is_its_condition(example_index):
    assert (
        "when kids_temperature.temperature < 18\n  if kids_window.open == true\n  do phone.notify("
    ) in _checked_generated(example_index, "When the kids room window is open and the temperature drops below 18, notify me")


def test_a_time_trigger_names_the_helper_it_waits_for():
    from wfl.inference.evaluate import trigger_entities

    automation = {"trigger": [{"platform": "time", "at": "input_datetime.wakeup"}, {"platform": "time", "at": "07:00:00"}]}
    assert trigger_entities(automation) == {"input_datetime.wakeup"}


def test_commands_split_where_a_verb_opens_the_next():
    from wfl.inference.clauses import split_commands

    assert split_commands("Close the blinds, turn off the lights and start the vacuum") == [
        "Close the blinds", "turn off the lights", "start the vacuum"]
    assert split_commands("turn off the tv and the speaker") == ["turn off the tv and the speaker"]
    assert split_commands("Schließt die Rollläden und schaltet das Licht aus") == [
        "Schließt die Rollläden", "schaltet das Licht aus"]
    # A description in the third person opens its commands as the imperative does.
    assert split_commands("Turns off all lights and sets heating to Eco") == ["Turns off all lights", "sets heating to Eco"]
    assert split_commands("turn off the lights and switches") == ["turn off the lights and switches"]
    # A part naming another kind shares the command's verb, and the particle that ends it.
    assert split_commands("At midnight turn off all lights and the ceiling fan") == [
        "At midnight turn off all lights", "turn off the ceiling fan"]
    assert split_commands("Schalte die Lichter und den Fernseher im Schlafzimmer aus") == [
        "Schalte die Lichter aus", "Schalte den Fernseher im Schlafzimmer aus"]
    # Each part ends with its own way: two commands with no verb before them.
    assert split_commands("Um 23 Uhr Bettlicht aus und Schlafzimmerrollladen runter") == [
        "Um 23 Uhr Bettlicht aus", "Schlafzimmerrollladen runter"]
    assert split_commands("doe de keukenlamp uit en de screens omlaag") == ["doe de keukenlamp uit", "de screens omlaag"]
    # Of the same kind, or opening with a word that may be a verb, it is more of the same command.
    assert split_commands("turn off the bed light and the computer light") == ["turn off the bed light and the computer light"]
    assert split_commands("Disattiva la modalità silenziosa e ripristina la luce") == [
        "Disattiva la modalità silenziosa and ripristina la luce"]


def test_a_kind_named_as_a_noun_asks_for_no_action_against_the_way_said():
    from wfl.inference.verbs import verb_scores

    vacuum = {name: Action() for name in ("start", "stop", "return_to_base", "pause")}
    off = verb_scores("Turn off the vacuum at 23:00", vacuum, node_name="Roborock", node_kind="vacuum")
    assert off["start"] == 0.0 and off["stop"] > 0
    assert verb_scores("Vacuum the kitchen at 10:00", vacuum, node_name="Roborock", node_kind="vacuum")["start"] > 0


def test_a_script_named_for_switching_off_is_run_by_starting_it():
    from wfl.inference.verbs import verb_scores

    script = {name: Action() for name in ("turn_on", "turn_off", "toggle")}
    for request in ("Run Power off all at 2:00", "Execute the script Power off all", "Start Power off all"):
        scores = verb_scores(request, script, node_name="Power off all", node_kind="script")
        assert scores["turn_on"] > scores["turn_off"], request


def _generator_for(nodes: list[dict]):
    """The generate function of a home made of `nodes`, without a model."""
    from wfl.inference.pipeline import Generator

    return Generator(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)), None).generate


def test_a_rain_sensor_is_what_raining_says():
    nodes = [
        {"id": "rain_sensor", "name": "Rain sensor", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}},
        {"id": "bedroom_blinds", "name": "Bedroom blinds", "kind": "cover",
         "properties": {"state": {"type": "enum", "values": ["open", "closed"]}}, "actions": {"open_cover": {}, "close_cover": {}}},
    ]
    generate = _generator_for(nodes)
    assert "if rain_sensor.state == false" in generate("at 6:45 open the bedroom blinds unless it is raining").text
    assert "if rain_sensor.state == false" in generate("at 6:45 open the bedroom blinds only if it's not raining").text
    assert "if rain_sensor.state == true" in generate("at 6:45 close the bedroom blinds if it is raining").text
    assert "when rain_sensor.state becomes true" in generate("When it starts raining, close the bedroom blinds").text
    # Said in another language: the sensor is named for the rain all the same.
    assert "when rain_sensor.state becomes true" in generate("Quando começar a chover, fecha as persianas do quarto").text
    assert "when rain_sensor.state becomes true" in generate("Wenn es anfängt zu regnen, schließe die Rollos im Schlafzimmer").text
    assert "if rain_sensor.state == false" in generate("Abre as persianas do quarto às 7h a não ser que esteja chovendo").text


def test_a_connection_that_goes_down_is_off():
    nodes = [
        {"id": "internet", "name": "Internet connection", "kind": "binary_sensor", "properties": {"state": {"type": "boolean"}}},
        {"id": "router_plug", "name": "Router plug", "kind": "switch",
         "properties": {"state": {"type": "enum", "values": ["on", "off"]}}, "actions": {"turn_on": {}, "turn_off": {}}},
    ]
    assert "when internet.state becomes false" in _generator_for(nodes)("Se a internet cair, desliga a tomada do roteador").text


def test_lights_and_another_kind_with_one_verb_are_each_called():
    nodes = [
        {"id": n, "name": n.replace("_", " ").title(), "kind": "light", "properties": {"state": {"type": "boolean"}},
         "actions": {"turn_on": {}, "turn_off": {}}}
        for n in ("bed_light", "desk_light")
    ] + [
        {"id": "roborock", "name": "Roborock", "kind": "vacuum", "properties": {"state": {"type": "enum", "values": ["cleaning", "docked"]}},
         "actions": {"start": {}, "stop": {}, "return_to_base": {}}},
        {"id": "ceiling_fan", "name": "Ceiling fan", "kind": "fan", "properties": {"state": {"type": "boolean"}},
         "actions": {"turn_on": {}, "turn_off": {}}},
    ]
    from wfl.inference.pipeline import Generator

    generate = Generator(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)), None).generate
    text = generate("Turn off all lights and the vacuum at 23:00").text
    assert all(call in text for call in ("bed_light.turn_off()", "desk_light.turn_off()", "roborock.stop()")), text
    text = generate("At midnight turn off all lights and the ceiling fan").text
    assert all(call in text for call in ("bed_light.turn_off()", "desk_light.turn_off()", "ceiling_fan.turn_off()")), text


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # A level stated with its unit sets the parameter in that unit, optional ones too.
        ("when the hallway motion sensor detects motion, turn on the hallway light at 50% brightness",
         "do hallway_light.turn_on(brightness_pct: 50)"),
        ("dim the bedroom light to 20 percent at 22:00", "at 22:00\n  do bedroom_light.turn_on(brightness_pct: 20)"),
        ("set the living room light to 2700 K at sunset", "do living_room_light.turn_on(color_temp_kelvin: 2700)"),
        # Halfway is 50%, and a required parameter it fills chooses the action the verb asks for.
        ("Open the living room blinds halfway at sunrise", "at sunrise\n  do living_room_blinds.set_cover_position(position: 50)"),
        ("Wohnzimmer Rollladen halb schliessen um 20 Uhr", "do living_room_blinds.set_cover_position(position: 50)"),
        ("Lower the bedroom blinds to 40% at noon", "at 12:00\n  do bedroom_blinds.set_cover_position(position: 40)"),
        # A mode the command names is set by the action that takes it, not by the first mode's
        # setter; a mode said in the waiting clause is not the one set.
        ("Set the living room thermostat to eco when everyone leaves",
         "when family.state becomes not_home\n  do living_room_thermostat.set_preset_mode(preset_mode: eco)"),
        ("Set the bedroom radiator to heat when the bedroom window closes",
         "do bedroom_thermostat.set_hvac_mode(hvac_mode: heat)"),
        # Until a threshold is crossed: on one side, back on the other.
        ("Turn on the bathroom fan until the humidity drops below 60%",
         "if bathroom_humidity.humidity > 60\n  do bathroom_fan.turn_on()\n  else bathroom_fan.turn_off()"),
        # A threshold is no level.
        ("turn on the bathroom fan when the humidity is above 70%",
         "when bathroom_humidity.humidity > 70\n  do bathroom_fan.turn_on()\n}"),
    ],
)
def test_a_level_the_request_states_is_passed_to_the_call(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # Night or day alone says when: the sun is the trigger.
        ("turn on the garden lights after sunset", "at sunset\n  do garden_lights.turn_on()"),
        ("turn on the garden lights when it gets dark", "at sunset\n  do garden_lights.turn_on()"),
        # Something else starts it: the sun is a condition.
        ("turn on the kitchen light when motion is detected after sunset",
         "when kitchen_motion.motion becomes true\n  if sun.state == below_horizon\n  do kitchen_light.turn_on()"),
        ("close the bedroom blinds at 22:00 if it is dark",
         "at 22:00\n  if sun.state == below_horizon\n  do bedroom_blinds.close_cover()"),
        ("open the bedroom blinds when the alarm clock rings, but only after sunrise",
         "if sun.state == above_horizon\n  do bedroom_blinds.open_cover()"),
    ],
)
def test_night_or_day_is_the_trigger_alone_and_a_condition_beside_another(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


def test_a_home_without_a_sun_offers_no_daylight_condition(example_index):
    from wfl.inference.constrain import daylight_condition
    from wfl.schemas.environment import Environment

    values = request_values("turn on the kitchen light when motion is detected after sunset")
    assert values.daylight == "below_horizon" and values.daylight_only
    assert daylight_condition(example_index, values) == ("sun", "sun.state == below_horizon")
    sunless = EnvIndex(Environment(nodes=[n for n in example_index.nodes.values() if n.kind != "sun"]))
    assert daylight_condition(sunless, values) is None


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("when the smoke detector goes off, turn on the hallway light", "when kitchen_smoke.smoke becomes true"),
        ("when the kitchen light goes off, turn off the kitchen counter light", "when kitchen_light.state becomes off"),
    ],
)
def test_a_detector_that_goes_off_sounds_and_a_light_switches_off(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("Turn on the floor lamp at sunset and off at 23:00", "at sunset\n  do floor_lamp.turn_on()"),
        ("turn on the floor lamp at 7 pm and turn it off at midnight", "at 19:00\n  do floor_lamp.turn_on()"),
    ],
)
def test_the_time_to_switch_back_is_not_the_time_to_start(example_index, request_text, wanted):
    from wfl.inference.pipeline import Generator

    assert request_values(request_text).later_times
    assert wanted in Generator(example_index, None).generate(request_text).text


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # The time starts it; how things must be then is a condition.
        ("start the robot vacuum every day at 10:00 when nobody is home",
         "at 10:00\n  if family.state == not_home\n  do robot_vacuum.start()"),
        ("close the bedroom blinds at 22:00 if the bedroom window is closed",
         "at 22:00\n  if bedroom_window.open == false\n  do bedroom_blinds.close_cover()"),
        # "it" is the target.
        ("at 23:00 turn off the floor lamp if it is on", "at 23:00\n  if floor_lamp.state == on\n  do floor_lamp.turn_off()"),
        # A time the waiting clause names is still the trigger alone.
        ("when it is 7:00 turn on the coffee maker", "at 07:00\n  do coffee_maker.turn_on()"),
        # The sun the command names starts it too; the condition comes before a group's calls.
        ("close the blinds at sunset if nobody is home",
         "at sunset\n  if family.state == not_home\n  do living_room_blinds.close_cover()\n     bedroom_blinds.close_cover()"),
        ("turn off all lights at 23:00 if nobody is home", "at 23:00\n  if family.state == not_home\n  do kitchen_light.turn_off()"),
        ("turn on the hallway light when the sun sets", "at sunset\n  do hallway_light.turn_on()"),
    ],
)
def test_a_stated_time_is_the_trigger_and_the_stated_state_its_condition(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("open the bedroom blinds at 7:00 on weekdays", "at 07:00 on weekdays\n  do bedroom_blinds.open_cover()"),
        ("turn on the coffee maker at 6:45 on mondays and fridays", "at 06:45 on mon, fri\n  do coffee_maker.turn_on()"),
        ("close the bedroom blinds at sunset on weekends", "at sunset on weekends\n  do bedroom_blinds.close_cover()"),
        ("Mach die Kaffeemaschine werktags um 6:45 an", "at 06:45 on weekdays"),
        ("Schalte die Kaffeemaschine an Arbeitstagen um 6 Uhr ein", "at 06:00 on weekdays"),
        ("Schakel het licht in de slaapkamer uit om 23:00 op doordeweekse dagen", "at 23:00 on weekdays"),
        ("Zet de koffiezetter om 7 uur aan als het een werkdag is", "at 07:00 on weekdays"),
        ("Turn off the coffee maker at 21:30, but only if it is a workday", "at 21:30 on weekdays"),
        ("turn off the garden lights at 11:30 pm", "at 23:30\n  do garden_lights.turn_off()"),
    ],
)
def test_the_days_a_request_names_limit_its_time(example_index, request_text, wanted):
    assert wanted in _checked_generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # What the request waits for is what the notification says; the office light is only
        # where the sensor is.
        ("when CO2 in the office goes above 1000 ppm, notify me",
         'when office_co2.co2 > 1000\n  do phone.notify(message: "CO2 in the office goes above 1000 ppm")\n}'),
        ("when the doorbell rings, send a notification to Anna's phone",
         'on doorbell.ring\n  do phone.notify(message: "The doorbell rings")\n}'),
        # The request's own words, quoted, are the message.
        ('when the garage door opens, notify me "The garage is open"', 'do phone.notify(message: "The garage is open")'),
        # "left open" is a state, not a command to open it.
        ("when the front door is left open for 10 minutes, notify Anna",
         'when front_door.open becomes true for 10 min\n  do phone.notify(message: "The front door is left open for 10 minutes")'),
        # A notification and a command: both.
        ("if the leak sensor detects water, notify me and close the sprinkler valve",
         'do phone.notify(message: "The leak sensor detects water")\n     sprinkler.close_valve()'),
        ("remind me to take out the bins at 19:00 on fridays",
         'at 19:00 on fri\n  do phone.notify(message: "Take out the bins")'),
        # What a reminder reminds of is its text, not a command; "colder than" is below.
        # "Tell me", "let us know", "sag mir Bescheid": a notification when it happens.
        ("Tell me when the freezer uses more than 200 W",
         'when freezer.power > 200\n  do phone.notify(message: "The freezer uses more than 200 W")'),
        ("Let us know when the dishwasher is finished",
         'when dishwasher.status becomes finished\n  do phone.notify(message: "The dishwasher is finished")'),
        ("Sag mir Bescheid, wenn die Spülmaschine fertig ist", "when dishwasher.status becomes finished\n  do phone.notify("),
        ("Laat me weten als de vaatwasser klaar is", "when dishwasher.status becomes finished\n  do phone.notify("),
        ("Remind me to close the kitchen window when it is colder than 10 degrees outside",
         'when outdoor_temperature.temperature < 10\n  do phone.notify(message: "Close the kitchen window")\n}'),
    ],
)
def test_a_request_to_notify_sends_a_notification(example_index, request_text, wanted):
    assert wanted in _checked_generated(example_index, request_text)


def test_notify_me_uses_a_notifier_that_reaches_a_person():
    """A notifier on a screen in a room ("Bedroom TV") is no way to notify "me"; named, it is used."""
    env = msgspec.convert(
        {
            "nodes": [
                {"id": "bedroom_tv_notify", "name": "Bedroom TV", "kind": "notify",
                 "actions": {"send_message": {"params": {"message": {"type": "string"}}}}},
                {"id": "kitchen_light", "name": "Kitchen light", "kind": "light", "area": "kitchen",
                 "actions": {"turn_on": {}, "turn_off": {}}},
                {"id": "kitchen_smoke", "name": "Kitchen smoke detector", "kind": "binary_sensor", "area": "kitchen",
                 "properties": {"smoke": {"type": "boolean"}}},
            ]
        },
        Environment,
    )
    index = EnvIndex(env)
    assert "bedroom_tv_notify" not in _generated(index, "when the kitchen smoke detector detects smoke, notify me")
    assert "do bedroom_tv_notify.send_message(" in _generated(
        index, "when the kitchen smoke detector detects smoke, send a notification to the bedroom TV"
    )


@pytest.mark.parametrize(
    ("request_text", "field", "wanted"),
    [
        ("turn on the porch light for an hour", "undo_after", "1 h"),
        ("if nobody moved for half an hour", "held", ("30 min",)),
        ("after two hours of inactivity", "held", ("2 h",)),
        ("wenn länger als eine Viertelstunde offen", "held", ("15 min",)),
        ("alle zwei Stunden", "durations", ("2 h",)),
        ("erinnere mich um 20 Uhr", "clocks", ("20:00",)),
        ("zet om 8 uur de koffie aan", "clocks", ("08:00",)),
        ("at 7 o'clock", "clocks", ("07:00",)),
        ("open the blinds 30 minutes before sunrise", "sun_shifts", ("sunrise - 30 min",)),
        ("turn off the garden lights an hour after sunset", "sun_shifts", ("sunset + 1 h",)),
        ("Rollladen eine halbe Stunde vor Sonnenaufgang öffnen", "sun_shifts", ("sunrise - 30 min",)),
        # A time after sunset is a time, not a limit to the night.
        ("turn off the garden lights an hour after sunset", "daylight", None),
        ("turn off the garden lights an hour after sunset", "durations", ()),
    ],
)
def test_request_values_read_times_said_in_words(request_text, field, wanted):
    assert getattr(request_values(request_text), field) == wanted


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("open the bedroom blinds 30 minutes before sunrise", "at sunrise - 30 min\n  do bedroom_blinds.open_cover()"),
        ("turn off the garden lights an hour after sunset", "at sunset + 1 h\n  do garden_lights.turn_off()"),
    ],
)
def test_a_time_before_or_after_the_sun_is_the_trigger(example_index, request_text, wanted):
    assert wanted in _checked_generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("Bedroom blinds in the evening", "at sunset\n  do bedroom_blinds.close_cover()"),
        ("open the bedroom blinds in the morning", "at sunrise\n  do bedroom_blinds.open_cover()"),
        ("Rollladen Schlafzimmer abends schließen", "at sunset\n  do bedroom_blinds.close_cover()"),
        ("fermer les volets de la chambre le soir", "at sunset\n  do bedroom_blinds.close_cover()"),
    ],
)
def test_the_part_of_the_day_a_command_names_starts_it_by_the_sun(example_index, request_text, wanted):
    assert wanted in _checked_generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("close the blinds in the evening", ("sunset",)),
        ("Climate Control aan (ochtend)", ("sunrise",)),
        # In the waiting clause it limits when something else starts the workflow.
        ("turn on the hallway light when motion is detected in the evening", ()),
        # Night limits when ("at night" is the sun below the horizon); a night light is a name.
        ("turn on the night light", ()),
        ("Switch Good Night Right", ()),
        # "morgen" and "mañana" also mean tomorrow; a stated time or sun event comes first.
        ("morgen die Heizung an", ()),
        ("close the blinds in the evening at 21:00", ()),
        ("close the blinds in the evening at sunset", ("sunset",)),
    ],
)
def test_a_part_of_the_day_is_its_sun_event_only_where_it_starts_the_command(request_text, wanted):
    assert request_values(request_text).sun_events == wanted


def test_a_switch_named_without_a_way_is_kept_in_step_with_what_leads_it_there(example_index):
    # "Garden lights": on while there is motion in the garden, off when it ends.
    assert (
        "when garden_motion.motion changes\n  if garden_motion.motion == true\n"
        "  do garden_lights.turn_on()\n  else garden_lights.turn_off()"
    ) in _checked_generated(example_index, "Garden lights")
    # Nothing in the vacation flag's place or words leads it: no TV keeps it in step.
    assert "else vacation_mode" not in _checked_generated(example_index, "Vacation mode")
    # A way said, or a press to switch over, is no keeping in step.
    assert "else garden_lights" not in _checked_generated(example_index, "Garden lights on")
    assert request_values("Zolder schakelaar").says_a_way
    assert not request_values("Bett Belegung").says_a_way


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("Every morning at 7 open the bedroom blinds", ("07:00",)),
        ("every evening at 8 close the blinds", ("20:00",)),
        ("Jeden Abend um 9 die Rollläden schließen", ("21:00",)),
        ("turn on the porch light at night at 11", ("23:00",)),
        ("every night at 10 lock the front door", ("22:00",)),
        ("at night at 2 turn off the garden lights", ("02:00",)),
        # Without a part of the day an hour alone is the hour as said: the workflow shows it.
        ("turn off the lights at 11", ("11:00",)),
        # A level or a duration is no hour.
        ("every evening dim the floor lamp to 30% at 7 %", ()),
        ("every evening turn off the light at 10 minutes after sunset", ()),
    ],
)
def test_a_bare_hour_is_read_by_the_part_of_the_day(request_text, wanted):
    assert request_values(request_text).clocks == wanted


def test_a_stated_level_chooses_the_action_it_sets(example_index):
    # "to 50%" is the blinds' position, not a plain close; a light's level still rides on turn_on.
    assert "do living_room_blinds.set_cover_position(position: 50)" in _checked_generated(
        example_index, "Lower the living room blinds to 50% when the sun is up"
    )
    assert "do floor_lamp.turn_on(brightness_pct: 30)" in _checked_generated(example_index, "Dim the floor lamp to 30% at 20:00")
    assert "do living_room_blinds.close_cover()" in _checked_generated(example_index, "Lower the living room blinds at 20:00")
    # A volume goes from 0 to 1: "20%" and "volume to 30" are shares of it, never out of its range.
    assert "do kids_speaker.volume_set(volume_level: 0.2)" in _checked_generated(
        example_index, "Set the kids room speaker volume to 20% at Mia's bedtime"
    )
    assert "do living_room_speaker.volume_set(volume_level: 0.3)" in _checked_generated(
        example_index, "Set the living room speaker volume to 30 when Anna comes home"
    )


def test_a_time_the_waiting_clause_names_is_reached(example_index):
    # "When I wake up" is the wake-up time the home keeps, though a helper can be set.
    assert "at alarm_clock.time\n  do desk_lamp.turn_on()" in _checked_generated(example_index, "Turn on the desk lamp when I wake up")


def test_a_condition_that_repeats_the_trigger_is_dropped():
    from wfl.inference.pipeline import without_restated_condition

    assert without_restated_condition("  when a.x becomes on\n  if a.x == on\n  do b.stop()\n}") == "  when a.x becomes on\n  do b.stop()\n}"
    assert without_restated_condition("  when a.t > 30 for 5 min\n  if a.t > 30\n  do b.stop()\n}") == "  when a.t > 30 for 5 min\n  do b.stop()\n}"
    kept = [
        "  when a.x becomes on\n  if a.x == off\n  do b.stop()\n}",  # another value
        "  when a.t > 30\n  if c.t > 30\n  do b.stop()\n}",  # another node
        "  when a.x becomes on\n  if a.x == on\n  do b.stop()\n  else b.start()\n}",  # the else needs it
        "  when a.x changes\n  if a.x == on\n  do b.stop()\n}",
    ]
    for body in kept:
        assert without_restated_condition(body) == body


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("when it starts raining, close the living room blinds",
         "when weather.condition becomes rainy\n  do living_room_blinds.close_cover()"),
        ("wenn es regnet, schließe die Rollläden im Wohnzimmer", "when weather.condition becomes rainy\n"),
        # The 14th of the weather's conditions is still offered when said.
        ("close the living room blinds when it is windy", "when weather.condition becomes windy\n"),
        ("keep the garden lights on while it is foggy",
         "when weather.condition changes\n  if weather.condition == fog\n  do garden_lights.turn_on()\n  else garden_lights.turn_off()"),
        # "mower" is what mows, not a word for mowing.
        ("stop the mower when it rains", "when weather.condition becomes rainy\n  do robot_mower.pause()"),
    ],
)
def test_the_weather_is_what_a_request_about_rain_waits_for(example_index, request_text, wanted):
    assert wanted in _checked_generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # The household's group is home while anyone is.
        ("set the living room thermostat to 21 degrees when someone comes home",
         "when family.state becomes home\n  do living_room_thermostat.set_temperature(temperature: 21)"),
        ("when everybody has left, arm the alarm", "when family.state becomes not_home\n"),
        # "The thermostat" is the one in the place the request waits on.
        ("when the living room window is open, turn the thermostat off",
         "when living_room_window.open becomes true\n  do living_room_thermostat.turn_off()"),
        # Named in full, the towel radiator; "radiator" alone would make it a heater.
        ("turn on the towel radiator at 6:30 and turn it off at 7:30", "at 06:30\n  do towel_heater.turn_on()"),
    ],
)
def test_who_is_home_and_which_device_a_request_means(example_index, request_text, wanted):
    assert wanted in _checked_generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "first", "second"),
    [
        ("turn on the towel radiator every weekday at 6:30 and turn it off at 7:30",
         "at 06:30 on weekdays\n  do towel_heater.turn_on()\n}",
         "at 07:30 on weekdays\n  do towel_heater.turn_off()\n}"),
        ("turn on the garden lights at sunset and off at 23:00",
         "at sunset\n  do garden_lights.turn_on()\n}", "at 23:00\n  do garden_lights.turn_off()\n}"),
        ("turn on the hallway light at 30% at 19:00 and off at 22:30",
         "at 19:00\n  do hallway_light.turn_on(brightness_pct: 30)\n}", "at 22:30\n  do hallway_light.turn_off()\n}"),
        ("open the bedroom blinds at 7:00 and close them at 21:00",
         "at 07:00\n  do bedroom_blinds.open_cover()\n}", "at 21:00\n  do bedroom_blinds.close_cover()\n}"),
        ("Turns on the garden lights at sunset, off at sunrise",
         "at sunset\n  do garden_lights.turn_on()\n}", "at sunrise\n  do garden_lights.turn_off()\n}"),
    ],
)
def test_switching_back_at_another_time_is_a_second_workflow(example_index, request_text, first, second):
    text = _generated(example_index, request_text)
    parsed = parse(text).file
    assert [wf.name.endswith("_back") for wf in parsed.workflows] == [False, True]
    assert first in text and second in text and text.index(first) < text.index(second)
    assert not check(parsed, example_index)


def test_a_request_without_a_time_to_switch_back_writes_one_workflow(example_index):
    for request_text in ("turn on the coffee maker at 7am", "turn on the porch light at sunset for 2 hours"):
        assert len(parse(_generated(example_index, request_text)).file.workflows) == 1
    values = request_values("schalte die Gartenlichter um 18 Uhr ein und um 23 Uhr aus")
    assert values.later_times == ("23:00",)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("turn on the office light when someone is in the office and it is dark",
         "when office_presence.occupancy becomes true\n  if sun.state == below_horizon\n  do office_light.turn_on()"),
        # The target's own power, named, is what it waits for.
        ("when the wallbox power drops below 100 W, stop charging", "when ev_charger.power < 100\n  do ev_charger.stop_charging()"),
        # The door starts it ("zu Hause" is no "closed"); who is home comes after "und".
        ("wenn die Haustür geöffnet wird und niemand zu Hause ist, Alarm auslösen", "when front_door.open becomes true\n"),
        # "Until" the lower threshold: one way above, the other below.
        ("if the bathroom humidity goes above 75%, turn on the fan until it drops below 60%",
         "when bathroom_humidity.humidity > 75 or bathroom_humidity.humidity < 60\n  if bathroom_humidity.humidity > 75\n"
         "  do bathroom_fan.turn_on()\n  else bathroom_fan.turn_off()"),
        ("zet de verwarming in de woonkamer op 20 graden om 7 uur",
         "at 07:00\n  do living_room_thermostat.set_temperature(temperature: 20)"),
        ("stelle die Heizung im Wohnzimmer um 6 Uhr auf 21 Grad",
         "at 06:00\n  do living_room_thermostat.set_temperature(temperature: 21)"),
        # A place and a kind in one word: the place still names the node (a switch, not a light).
        ("Schalte die Gartenbeleuchtung bei Sonnenuntergang ein", "at sunset\n  do garden_lights.turn_on()\n}"),
        ("zet de tuinverlichting aan bij zonsondergang", "at sunset\n  do garden_lights.turn_on()\n}"),
        ("Flurlicht an wenn Bewegung", "when hallway_motion.occupancy becomes true\n  do hallway_light.turn_on()\n}"),
    ],
)
def test_more_ways_people_say_when_and_what(example_index, request_text, wanted):
    assert wanted in _checked_generated(example_index, request_text)


def test_a_state_stated_with_its_clock_time_is_checked_before_the_call(example_index):
    text = _generated(example_index, "if the soil moisture is below 30% at 6:00, open the sprinkler valve for 20 minutes")
    assert "at 06:00\n  if soil_moisture.moisture < 30\n  do sprinkler.open_valve()\n     wait 20 min\n     sprinkler.close_valve()" in text
    assert not check(parse(text).file, example_index)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # The degrees say what is set: the thermostat, not the place's best named light or blinds.
        ("set the living room to 21 degrees when someone is home", "do living_room_thermostat.set_temperature(temperature: 21)"),
        ("Wohnzimmer auf 21 Grad um 6 Uhr", "at 06:00\n  do living_room_thermostat.set_temperature(temperature: 21)"),
        ("zet de woonkamer op 20 graden om 7 uur", "at 07:00\n  do living_room_thermostat.set_temperature(temperature: 20)"),
        # A threshold in degrees sets nothing.
        ("when the kitchen is above 25 degrees, turn on the extractor fan", "when kitchen_temperature.temperature > 25\n"),
    ],
)
def test_a_temperature_in_degrees_is_set_on_what_sets_temperatures(example_index, request_text, wanted):
    assert wanted in _checked_generated(example_index, request_text)


def test_degrees_are_no_position():
    values = request_values("set the living room to 21 degrees")
    assert values.degrees == ("21",) and request_values("open the blinds to 40%").degrees == ()


def _small_home(nodes: list[dict]) -> EnvIndex:
    return EnvIndex(msgspec.convert({"nodes": nodes}, Environment))


_COVER = {"kind": "cover", "properties": {"state": {"type": "enum", "values": ["open", "closed"]}},
          "actions": {"open_cover": {}, "close_cover": {}, "stop_cover": {}}}
_LIGHT = {"kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": {"turn_on": {}, "turn_off": {}}}


def test_a_kind_named_by_no_node_of_it_still_finds_its_nodes():
    # Covers called by their place only; "close" is no form of "closet".
    index = _small_home([
        {"id": "living_room_left", "name": "Living room left", **_COVER},
        {"id": "living_room_right", "name": "Living room right", **_COVER},
        {"id": "bedroom_left", "name": "Bedroom left", **_COVER},
        {"id": "main_stall", "name": "Main stall", **_COVER},
        {"id": "basement_closet", "name": "Basement closet", **_LIGHT},
        {"id": "office_closet", "name": "Office closet", **_LIGHT},
    ])
    text = _checked_generated(index, "Close blinds at 21:00")
    assert "closet" not in text and ".close_cover()" in text


def test_cancelling_an_alarm_disarms_it():
    panel = {"id": "house", "name": "House", "kind": "alarm_control_panel",
             "properties": {"state": {"type": "enum", "values": ["disarmed", "armed_home", "armed_away", "triggered"]}},
             "actions": {"alarm_arm_home": {}, "alarm_arm_away": {}, "alarm_disarm": {}, "alarm_trigger": {}}}
    assert "house.alarm_disarm()" in _checked_generated(_small_home([panel]), "Cancel the alarm at 7:00")


def test_a_switch_shown_as_a_light_is_not_watched_when_the_light_is_switched():
    switchable = {"turn_on": {}, "turn_off": {}}
    state = {"state": {"type": "enum", "values": ["on", "off"]}}
    nodes = [
        {"id": "lichterkette", "name": "Lichterkette", "kind": "light", "source": "light.lichterkette", "properties": state, "actions": switchable},
        {"id": "lichterkette_switch", "name": "Lichterkette switch", "kind": "switch", "source": "switch.lichterkette", "properties": state, "actions": switchable},
        {"id": "lichterkette_timer", "name": "Lichterkette timer", "kind": "timer", "source": "timer.lichterkette",
         "properties": {"state": {"type": "enum", "values": ["idle", "active"]}}, "actions": {"start": {}, "cancel": {}}},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    text = _checked_generated(index, "Schaltet die Lichterkette aus")
    assert "lichterkette_switch.state" not in text and "lichterkette.turn_off()" in text


def test_a_dashboards_button_named_as_the_request_is_what_starts_it_not_what_it_presses():
    switchable = {"turn_on": {}, "turn_off": {}}
    nodes = [
        {"id": "balcony_fan", "name": "Balcony fan", "kind": "fan", "properties": {"state": {"type": "boolean"}},
         "actions": switchable},
        {"id": "balcony_fan_low", "name": "Balcony fan low", "kind": "input_button",
         "actions": {"press": {}}, "events": {"pressed": {}}},
        {"id": "reset_counters", "name": "Reset counters", "kind": "input_button",
         "actions": {"press": {}}, "events": {"pressed": {}}},
    ]
    index = EnvIndex(msgspec.convert({"nodes": nodes}, Environment))
    text = _checked_generated(index, "Balcony Fan Low")
    assert "on balcony_fan_low.pressed\n  do balcony_fan.turn_on()" in text
    # Told to press it, a workflow does.
    assert "do reset_counters.press()" in _checked_generated(index, "Press the reset counters button at midnight")


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # Something else starts it: the hours are a condition on the built-in clock.
        ("turn on the hallway light when motion is detected after 22:00",
         "when hallway_motion.occupancy becomes true\n  if clock.time >= 22:00\n  do hallway_light.turn_on()"),
        ("when motion in the hallway between 10 pm and 6 am, turn on the hallway light at 10%",
         "when hallway_motion.occupancy becomes true\n  if clock.time >= 22:00 or clock.time < 06:00\n"),
        ("when the garage door opens before 7 am send a notification",
         "when garage_door.state becomes open\n  if clock.time < 07:00\n  do phone.notify(message: \"The garage door opens\")"),
        ("if the bathroom humidity is above 70% before 8 am, turn on the fan",
         "when bathroom_humidity.humidity > 70\n  if clock.time < 08:00\n  do bathroom_fan.turn_on()"),
        ("when the front door opens on weekdays send me a notification",
         "when front_door.open becomes true\n  if clock.weekday in [mon, tue, wed, thu, fri]\n  do phone.notify(message: \"The front door opens\")"),
        ("when motion is detected in the hallway on weekends after 23:00 turn on the hallway light",
         "if clock.time >= 23:00 and clock.weekday in [sat, sun]\n"),
        ("from 22:00 to 6:00, when the front door opens, send me a notification",
         "when front_door.open becomes true\n  if clock.time >= 22:00 or clock.time < 06:00\n"),
        ("Wenn im Flur Bewegung erkannt wird, nach 22 Uhr das Flurlicht einschalten",
         "when hallway_motion.occupancy becomes true\n  if clock.time >= 22:00\n"),
        ("Als er beweging is in de gang tussen 23:00 en 6:00, zet het ganglicht aan",
         "when hallway_motion.occupancy becomes true\n  if clock.time >= 23:00 or clock.time < 06:00\n"),
        ("quand la porte d'entrée s'ouvre après 22:00, allume la lumière du couloir",
         "when front_door.open becomes true\n  if clock.time >= 22:00\n"),
        # Nothing else starts it: the time does.
        ("turn off the garden lights after 23:00", "at 23:00\n  do garden_lights.turn_off()"),
        # Only the target is waited on, and a target does not start its own workflow: the time
        # does, and the state is checked then.
        ("If the garage door is open after 22:00, close it",
         "at 22:00\n  if garage_door.state == open\n  do garage_door.close_cover()"),
        ("turn on the coffee maker at 7:00 on weekdays", "at 07:00 on weekdays\n  do coffee_maker.turn_on()"),
    ],
)
def test_the_hours_a_request_runs_in_are_a_condition_on_the_clock(example_index, request_text, wanted):
    assert wanted in _checked_generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("only between 10 pm and 6 am", "clock.time >= 22:00 or clock.time < 06:00"),
        ("before 7:30 on weekdays", "clock.time < 07:30 and clock.weekday in [mon, tue, wed, thu, fri]"),
        ("nobody is home between 22:00 and 6:00", "family.state == not_home and (clock.time >= 22:00 or clock.time < 06:00)"),
        ("nobody is home", "family.state == not_home"),
        ("the hallway light is on after 23:00", "hallway_light.state == on and clock.time >= 23:00"),
        ("the front door is closed", "front_door.open == false"),
    ],
)
def test_a_condition_asked_for_alone_says_all_of_it(example_index, request_text, wanted):
    from wfl.inference.pipeline import Generator

    text = Generator(example_index, None).generate(request_text, target="condition").text
    assert text == wanted
    assert not check(parse(f"workflow w {{\n  when front_door.open\n  if {text}\n  do hallway_light.turn_on()\n}}\n").file, example_index)


@pytest.mark.parametrize(
    ("request_text", "after", "before"),
    [
        ("after 22:00", "22:00", None),
        ("nach 22 Uhr", "22:00", None),
        ("vor 8 Uhr", None, "08:00"),
        ("between 10 pm and 6 am", "22:00", "06:00"),
        ("zwischen 8:00 und 20:00", "08:00", "20:00"),
        ("tussen 23:00 en 6:00", "23:00", "06:00"),
        ("entre 22:00 et 6:00", "22:00", "06:00"),
        ("at 22:00", None, None),
        ("Levantar no meio da noite 23:30 às 6:10", "23:30", "06:10"),
        ("22:00 - 06:00", "22:00", "06:00"),
        ("at 7:00 and 19:00", None, None),
        ("on at sunset and off at 23:00", None, None),
    ],
)
def test_the_words_before_a_time_say_its_bound(request_text, after, before):
    from wfl.inference.constrain import _clock_mentions
    from wfl.inference.time_window import time_window

    window = time_window(request_text, _clock_mentions(request_text, []))
    assert ((window.after, window.before) if window else (None, None)) == (after, before)


def test_a_condition_for_when_never_reads_the_clock(example_index):
    """The clock cannot start a workflow: a `when` written in words gets no clock condition, and
    one that reads it anyway is reported where it would go."""
    from wfl.inference.pipeline import Generator, _verify

    generator = Generator(example_index, None)
    assert generator.generate("after 22:00", target="condition").text == "clock.time >= 22:00"
    assert "clock" not in generator.generate("after 22:00", target="condition", clause="when").text
    assert [d.code for d in _verify("clock.time >= 22:00", "condition", example_index, "when")] == ["clock-outside-if"]
    assert _verify("clock.time >= 22:00", "condition", example_index, "if") == []


def _smcnab_like_home() -> EnvIndex:
    """Nodes as the Home Assistant importer writes them: a dimmable light, a TV, an alarm panel
    named "Home alarm" and the home zone, which counts the people in it."""
    light_actions = {
        "turn_on": {"params": {"brightness_pct": {"type": "number", "unit": "%", "min": 0, "max": 100, "optional": True},
                               "transition": {"type": "number", "unit": "s", "min": 0, "optional": True}}},
        "turn_off": {"params": {"transition": {"type": "number", "unit": "s", "min": 0, "optional": True}}},
        "toggle": {},
    }
    nodes = [
        {"id": "living_room_main_light", "name": "Living room main light", "kind": "light",
         "properties": {"state": {"type": "enum", "values": ["on", "off"]}, "brightness": {"type": "number", "min": 0, "max": 255}},
         "actions": light_actions},
        {"id": "living_room_tv", "name": "Living room TV", "kind": "media_player",
         "properties": {"state": {"type": "enum", "values": ["on", "off", "playing"]}}, "actions": {"turn_on": {}, "turn_off": {}}},
        {"id": "home_alarm", "name": "Home alarm", "kind": "alarm_control_panel",
         "properties": {"state": {"type": "enum", "values": ["disarmed", "armed_home", "armed_away"]}},
         "actions": {"alarm_arm_home": {}, "alarm_arm_away": {}, "alarm_arm_night": {}, "alarm_disarm": {}}},
        {"id": "home", "name": "Home", "kind": "zone", "properties": {"state": {"type": "number", "min": 0}}},
        {"id": "battery", "name": "Phone battery", "kind": "sensor", "properties": {"battery": {"type": "number", "unit": "%"}}},
    ]
    return EnvIndex(msgspec.convert({"nodes": nodes}, Environment))


def test_a_level_the_command_states_picks_the_action_that_takes_it():
    index = _smcnab_like_home()
    text = _checked_generated(index, "Dim the living room main light to 20% when the TV turns on")
    assert "do living_room_main_light.turn_on(brightness_pct: 20)" in text
    # A level the waiting clause states is no brightness.
    text = _checked_generated(index, "Turn off the living room main light when the phone battery is at 20%")
    assert "living_room_main_light.turn_off()" in text


def test_the_nodes_own_name_says_no_way_to_act_on_it():
    index = _smcnab_like_home()
    assert "home_alarm.alarm_arm_away()" in _checked_generated(index, "Arm the home alarm when everyone leaves")


def test_the_home_zone_counts_the_household():
    index = _smcnab_like_home()
    assert "when home.state < 1\n" in _checked_generated(index, "Arm the home alarm when everyone leaves")
    assert "when home.state > 0\n" in _checked_generated(index, "Disarm the home alarm when someone comes home")
    # Everyone leaving home, or nobody home for a while, is fewer than one, held that long.
    assert "when home.state < 1\n" in _checked_generated(index, "Arm the home alarm when everyone leaves home")
    assert "when home.state < 1 for 30 min\n" in _checked_generated(index, "Arm the home alarm when nobody has been home for 30 minutes")


def test_reaching_a_level_is_crossing_it_upwards_and_dropping_to_one_downwards():
    values = request_values("Turn on the charger when the battery drops below 20% and off when it reaches 90%")
    assert (values.above, values.below, values.levels) == (("90",), ("20",), ())
    assert request_values("Notify me when the battery drops to 15%").below == ("15",)
    assert request_values("Quand la batterie atteint 80 %, éteindre le chargeur").above == ("80",)


def test_degrees_waited_for_are_not_the_temperature_set(example_index):
    text = _checked_generated(example_index, "turn on the living room thermostat when it is colder than 18 degrees")
    assert "living_room_thermostat.turn_on()" in text and "temperature: 18" not in text
    text = _checked_generated(example_index, "set the living room thermostat to 21 degrees when it is colder than 18 degrees")
    assert "living_room_thermostat.set_temperature(temperature: 21)" in text


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("Set the thermostat to 21 when Anna comes home", "set_temperature(temperature: 21)"),
        ("Set the heating to 20 at 7:00", "set_temperature(temperature: 20)"),
        ("Stell die Heizung um 6 Uhr auf 20,5", "set_temperature(temperature: 20.5)"),
    ],
)
def test_a_bare_number_a_climate_is_set_to_is_degrees(request_text, wanted):
    from wfl.inference.pipeline import Generator

    nodes = [
        {"id": "thermostat", "name": "Thermostat", "kind": "climate",
         "properties": {"state": {"type": "enum", "values": ["off", "heat"]}, "temperature": {"type": "number", "unit": "°C"}},
         "actions": {"turn_on": {}, "turn_off": {}, "set_temperature": {"params": {"temperature": {"type": "number", "unit": "°C", "optional": True}}}}},
        {"id": "anna", "name": "Anna", "kind": "person", "properties": {"state": {"type": "enum", "values": ["home", "not_home"]}}},
        {"id": "desk_lamp", "name": "Desk lamp", "kind": "light", "properties": {"state": {"type": "boolean"}, "brightness": {"type": "number", "unit": "%"}},
         "actions": {"turn_on": {"params": {"brightness_pct": {"type": "number", "unit": "%", "optional": True}}}, "turn_off": {}}},
    ]
    generate = Generator(EnvIndex(msgspec.convert({"nodes": nodes}, Environment)), None).generate
    assert wanted in generate(request_text).text
    # A level with its own unit is no temperature.
    assert "temperature: 20" not in generate("Dim the desk lamp to 20% at 22:00").text


def test_halfway_sets_an_optional_position_to_50():
    from wfl.inference.pipeline import Generator

    blind = {"id": "office_blind", "name": "Office blind", "kind": "cover",
             "properties": {"state": {"type": "enum", "values": ["open", "closed"]}},
             "actions": {"open_cover": {}, "close_cover": {},
                         "set_cover_position": {"params": {"position": {"type": "number", "unit": "%", "min": 0, "max": 100, "optional": True}}}}}
    generate = Generator(EnvIndex(msgspec.convert({"nodes": [blind]}, Environment)), None).generate
    for request in ("Open the office blind halfway at sunrise", "Close the office blind halfway at 20:00"):
        assert "do office_blind.set_cover_position(position: 50)" in generate(request).text, request
    assert "do office_blind.open_cover()" in generate("Open the office blind at sunrise").text


@pytest.mark.parametrize(
    ("said", "digits"),
    [
        ("om half elf", "om 10:30"),
        ("um halb elf", "um 10:30"),
        ("at half past seven", "at 7:30"),
        ("om kwart over zeven", "om 7:15"),
        ("viertel vor 7", "6:45"),
        ("a quarter to eight", "7:45"),
        ("om half 8", "om 7:30"),
        ("om 11 uur 's avonds", "om 23:00"),
        ("um 8 Uhr abends", "um 20:00"),
        ("at 11 at night", "at 23:00"),
        ("om 12 uur 's nachts", "om 00:00"),
        ("at 7:30 in the evening", "at 19:30"),
        ("at 7 in the morning", "at 07:00"),
        ("at 11:30 pm", "at 23:30"),
        ("at 9:45 p.m.", "at 21:45"),
        ("at 12 am", "at 00:00"),
        ("half past seven pm", "19:30"),
        ("between 6 and 9", "between 06:00 and 09:00"),
        ("between 7 and 9 pm", "between 19:00 and 21:00"),
        ("between 11 and 1 pm", "between 11:00 and 13:00"),
        ("tussen 7 en 22u", "tussen 07:00 en 22:00"),
        ("zwischen 23 und 6 Uhr", "zwischen 23:00 und 06:00 Uhr"),
        ("between 20 and 25 degrees", "between 20 and 25 degrees"),
        ("between midnight and 6", "between 00:00 and 06:00"),
        ("tra mezzanotte e le 7", "tra 00:00 e 07:00"),
        ("entre las 0:00 y las 6", "entre 0:00 y 06:00"),
        ("between midnight and 6 minutes", "between midnight and 6 minutes"),
        ("à 20h et quart", "à 20:15"),
        ("a las 8 y media", "a las 08:30"),
        ("minuit trente", "00:30"),
        # A clock time in a request that says the evening, and no morning, is after noon.
        ("every evening at half past ten", "every evening at 22:30"),
        ("jeden Abend um halb elf", "jeden Abend um 22:30"),
        ("elke avond om 8 uur", "elke avond om 20:00"),
        ("every night at 10:30", "every night at 22:30"),
        ("at night at 2:30", "at night at 2:30"),
        ("every evening at 7:30 and every morning at 6:45", "every evening at 7:30 and every morning at 6:45"),
        ("every evening at 9:30 am", "every evening at 09:30"),
        # No time: a British "half 8", half an hour, a number that is no hour.
        ("half 8", "half 8"),
        ("for half an hour", "for half an hour"),
        ("activate scene 2 at night", "activate scene 2 at night"),
    ],
)
def test_a_clock_time_said_in_words_is_written_in_digits(said, digits):
    from wfl.inference.spoken_clock import clock_in_digits

    assert clock_in_digits(said) == digits


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("Turn on the hallway light at half past seven", "at 07:30\n  do hallway_light.turn_on()"),
        ("Schalte das Flurlicht um halb elf aus", "at 10:30\n  do hallway_light.turn_off()"),
        # The part of the day says the hour: no condition on the sun.
        ("Turn off the kitchen light at 11 at night", "at 23:00\n  do kitchen_light.turn_off()"),
        ("Schalte das Flurlicht um 8 Uhr abends ein", "at 20:00\n  do hallway_light.turn_on()"),
        # "om 7 uur aan" is on at 7, not on for 7 minutes.
        ("Zet de koffiezetapparaat om 7 uur aan", "at 07:00\n  do coffee_maker.turn_on()\n}"),
    ],
)
def test_a_time_said_in_words_starts_the_workflow(example_index, request_text, wanted):
    text = _generated(example_index, request_text)
    assert wanted in text and "sun.state" not in text


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("At 23:00 turn off the bathroom light and set the bedroom radiator to 18 degrees",
         "do bathroom_light.turn_off()\n     bedroom_thermostat.set_temperature(temperature: 18)\n}"),
        ("Set the bedroom radiator to 18 degrees and close the bedroom blinds at 22:00",
         "do bedroom_thermostat.set_temperature(temperature: 18)\n     bedroom_blinds.close_cover()\n}"),
        ("At 7:00 turn on the coffee maker and set the living room speaker volume to 20%",
         "do coffee_maker.turn_on()\n     living_room_speaker.volume_set(volume_level: 0.2)\n}"),
    ],
)
def test_a_command_that_sets_a_stated_value_keeps_the_other_commands(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


@pytest.mark.parametrize(
    "request_text", ["Set all thermostats to 16 degrees when vacation mode turns on", "Stell alle Thermostate um 22 Uhr auf 16 Grad"]
)
def test_all_of_a_kind_set_to_a_stated_value_are_each_set(example_index, request_text):
    text = _generated(example_index, request_text)
    assert "living_room_thermostat.set_temperature(temperature: 16)" in text
    assert "bedroom_thermostat.set_temperature(temperature: 16)" in text


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("Set the living room thermostat to auto mode at 6 am", "do living_room_thermostat.set_hvac_mode(hvac_mode: auto)"),
        ("Stell das Wohnzimmerthermostat um 6 Uhr auf Automatik", "do living_room_thermostat.set_hvac_mode(hvac_mode: auto)"),
        ("Schalte das Thermostat im Wohnzimmer um 8 Uhr in den Heizmodus", "do living_room_thermostat.set_hvac_mode(hvac_mode: heat)"),
        # "heat" as a verb names no mode.
        ("heat the living room to 22 degrees at 6:00", "do living_room_thermostat.set_temperature(temperature: 22)\n}"),
        # Both stated: the call that sets both.
        ("Set the living room thermostat to 21 degrees in heat mode at 6:00",
         "do living_room_thermostat.set_temperature(temperature: 21, hvac_mode: heat)\n}"),
    ],
)
def test_a_mode_the_command_names_is_set_by_its_setter(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


def test_a_mode_is_named_as_a_mode_not_as_a_verb_or_an_adverb():
    from wfl.inference.verbs import mode_said

    assert mode_said("heat", ["switch", "the", "heating", "to", "heat", "mode"])
    assert mode_said("heat", ["in", "den", "heizmodus"])
    assert mode_said("auto", ["auf", "automatik"])
    assert not mode_said("heat", ["heat", "the", "bathroom", "to", "22"])
    assert not mode_said("auto", ["klima", "automatisch", "ausschalten"])


@pytest.mark.parametrize(
    "request_text",
    [
        "Turn on the garden lights at sunset unless vacation mode is on",
        "Schalte die Gartenbeleuchtung bei Sonnenuntergang ein, außer wenn der Urlaubsmodus an ist",
        "Turn on the garden lights at sunset if vacation mode is not on",
        "Zet de tuinverlichting bij zonsondergang aan tenzij de vakantiemodus aan staat",
        "Schalte die Gartenbeleuchtung bei Sonnenuntergang ein, außer der Urlaubsmodus ist an",
    ],
)
def test_a_state_the_request_denies_is_checked_the_other_way(example_index, request_text):
    assert "at sunset\n  if vacation_mode.state == off\n  do garden_lights.turn_on()" in _generated(example_index, request_text)


def test_a_denied_state_keeps_the_event_it_follows():
    from wfl.inference.clauses import denies_its_state, split_clauses, watch_parts

    watch = split_clauses("When the front door opens, turn on the hallway light unless vacation mode is on").watch
    event, state = watch_parts(watch)
    assert event == "the front door opens" and not denies_its_state(event.split())
    assert denies_its_state(state.split())
    assert not denies_its_state("vacation mode is on".split())


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        # Dutch puts an article between the threshold word and the number; the room's only
        # temperature is its thermostat's own, measured one; the degrees set are not the threshold's.
        ("Als de temperatuur in de woonkamer onder de 19 graden zakt, zet de thermostaat op 21 graden",
         "when living_room_thermostat.current_temperature < 19\n  do living_room_thermostat.set_temperature(temperature: 21)"),
        ("When the kids room temperature drops below 18 degrees, set the living room thermostat to 21",
         "when kids_temperature.temperature < 18\n  do living_room_thermostat.set_temperature(temperature: 21)"),
    ],
)
def test_a_threshold_of_degrees_is_crossed_by_a_temperature(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


def test_a_threshold_word_may_take_an_article():
    assert request_values("als de batterij onder de 15% zakt").below == ("15",)
    assert request_values("als het boven de 23 graden komt").above == ("23",)


@pytest.mark.parametrize(
    "request_text",
    [
        "Zet het ganglicht uit als er 5 minuten geen beweging meer is in de gang",
        "Schalte das Flurlicht aus, wenn im Flur 5 Minuten lang keine Bewegung erkannt wird",
    ],
)
def test_a_time_before_the_absence_it_waits_on_is_held(example_index, request_text):
    assert "when hallway_motion.occupancy becomes false for 5 min\n  do hallway_light.turn_off()" in _generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("When it gets darker than 50 lux in the kitchen, turn on the under-cabinet lights",
         "when kitchen_light_level.illuminance < 50\n  do kitchen_counter_light.turn_on()"),
        ("Wenn es in der Küche dunkler als 50 Lux wird, schalte die Unterschrankbeleuchtung ein",
         "when kitchen_light_level.illuminance < 50\n  do kitchen_counter_light.turn_on()"),
        ("Start charging the car when the solar panels produce more than 3000 W",
         "when solar_power.power > 3000\n  do ev_charger.start_charging()"),
    ],
)
def test_a_threshold_with_a_unit_is_crossed_by_what_it_measures(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


def test_the_unit_after_a_threshold_says_what_it_measures():
    from wfl.inference.units import quantity_of

    values = request_values("Wenn die Helligkeit draußen über 40000 Lux steigt und der Drucker unter 10 W liegt")
    assert values.threshold_units == (("40000", "illuminance"), ("10", "power"))
    assert quantity_of("lx") == "illuminance" and quantity_of("kW") == "power" and quantity_of("°C") == "temperature"
    assert request_values("at 10 when the door opens").threshold_units == ()


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("Turn off all lights and all media players at midnight", ["desk_lamp.turn_off()", "living_room_tv.turn_off()", "kids_speaker.turn_off()"]),
        # Each socket that can be switched off; the wallbox, a switch that only starts and stops charging, is left.
        ("Schalte um Mitternacht alle Lampen und alle Steckdosen aus", ["desk_lamp.turn_off()", "coffee_maker.turn_off()", "towel_heater.turn_off()"]),
    ],
)
def test_all_of_one_kind_and_all_of_another_are_each_called(example_index, request_text, wanted):
    text = _generated(example_index, request_text)
    assert all(call in text for call in wanted) and "ev_charger" not in text


@pytest.mark.parametrize(
    "request_text",
    [
        "Als de buitentemperatuur boven de 25 graden komt, doe de zonwering van de woonkamer omlaag",
        "Wenn die Außentemperatur über 25 Grad steigt, schließe die Rollläden im Wohnzimmer",
        "When it is warmer than 25 degrees outside, close the living room blinds",
    ],
)
def test_outside_is_the_outdoor_sensor_in_any_language(example_index, request_text):
    assert "when outdoor_temperature.temperature > 25\n  do living_room_blinds.close_cover()" in _generated(example_index, request_text)


@pytest.mark.parametrize(
    ("request_text", "days"),
    [
        ("Turn off the coffee maker at 21:30 except on weekends", ("weekdays",)),
        ("Schalte die Kaffeemaschine um 21:30 aus, außer am Wochenende", ("weekdays",)),
        ("Zet de koffiezetapparaat om 7:00 aan, maar niet in het weekend", ("weekdays",)),
        ("every day except sunday at 8", ("mon", "tue", "wed", "thu", "fri", "sat")),
        ("open the blinds at 7 on mondays and fridays", ("mon", "fri")),
    ],
)
def test_days_the_request_excludes_leave_the_others(request_text, days):
    assert request_values(request_text).days == days


def test_a_state_said_with_while_after_an_event_is_its_condition(example_index):
    text = _generated(example_index, "If motion is detected in the hallway while vacation mode is on, turn the hallway light on at 10% brightness")
    assert "when hallway_motion.occupancy becomes true\n  if vacation_mode.state == on\n  do hallway_light.turn_on(brightness_pct: 10)\n}" in text


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("Zet het alarm op afwezig als iedereen van huis is", "when family.state becomes not_home\n  do alarm_panel.arm_away()"),
        ("Als het in de woonkamer kouder wordt dan 18 graden, zet de thermostaat op 21 graden",
         "when living_room_thermostat.current_temperature < 18\n  do living_room_thermostat.set_temperature(temperature: 21)"),
    ],
)
def test_dutch_away_from_home_and_a_comparative_with_its_verb(example_index, request_text, wanted):
    assert wanted in _generated(example_index, request_text)


def test_a_timer_started_for_a_time_runs_that_long():
    timer = {
        "id": "tea_timer", "name": "Tea timer", "kind": "timer",
        "properties": {"state": {"type": "enum", "values": ["idle", "active", "paused"]}},
        "actions": {"start": {"params": {"duration": {"type": "duration", "optional": True}}}, "cancel": {}},
    }
    index = EnvIndex(msgspec.convert({"nodes": [timer]}, Environment))
    assert "do tea_timer.start(duration: 5 min)" in _checked_generated(index, "Start the tea timer for 5 minutes at 16:00")
    assert "do tea_timer.start(duration: 10 min)" in _checked_generated(index, "At 16:00 start the tea timer with a duration of 10 minutes")
    assert "do tea_timer.start()" in _checked_generated(index, "Start the tea timer at 16:00")


def test_a_bare_number_sets_an_optional_temperature_or_value_as_imported_homes_list_them():
    """Home Assistant's imports mark `temperature` and `value` optional and give no range."""
    env = msgspec.convert({"nodes": [
        {"id": "topeni", "name": "Topeni", "kind": "climate", "properties": {"current_temperature": {"type": "number", "unit": "°C"}},
         "actions": {"set_temperature": {"params": {"temperature": {"type": "number", "unit": "°C", "optional": True}}}}},
        {"id": "charger_current", "name": "Charger current", "kind": "input_number", "properties": {"state": {"type": "number"}},
         "actions": {"set_value": {"params": {"value": {"type": "number", "optional": True}}}}},
    ]}, Environment)
    index = EnvIndex(env)
    assert "topeni.set_temperature(temperature: 22)" in _generated(index, "At 6:00 set Topeni to 22")
    assert "charger_current.set_value(value: 10)" in _generated(index, "At 8:00 set the charger current to 10")
    # A number the request waits to cross is not the one set.
    assert "set_temperature(temperature: 21)" in _generated(index, "When the Topeni temperature drops below 18, set Topeni to 21")


@pytest.mark.parametrize(
    "request_text",
    ["Notify me when the front door opens", "Avísame cuando se abra la puerta principal", "Avvisami quando si apre la porta d'ingresso"],
)
def test_a_home_with_no_notifier_gets_no_made_up_call(example_env, request_text):
    """Asked to be told ("avísame", "avvisami": the "me" written onto the verb) in a home that has
    no notifier, the workflow waits for what was asked and calls nothing else."""
    env = msgspec.structs.replace(example_env, nodes=[n for n in example_env.nodes if n.kind != "notify"])
    text = _generated(EnvIndex(env), request_text)
    assert "when front_door.open becomes true" in text
    assert "\n  do " not in text


def test_cameras_in_the_plural_are_the_cameras(example_env):
    """"Switch off all cameras": the plural of the kind word names every camera."""
    cameras = [
        msgspec.convert(
            {"id": f"{place}_camera", "name": f"{place.title()} camera", "kind": "camera",
             "properties": {"state": {"type": "enum", "values": ["idle", "streaming", "recording"]}},
             "actions": {"turn_on": {}, "turn_off": {}}},
            Node,
        )
        for place in ("porch", "garden")
    ]
    env = msgspec.structs.replace(example_env, nodes=[*example_env.nodes, *cameras])
    text = _generated(EnvIndex(env), "Switch off all cameras at 7:30")
    assert "porch_camera.turn_off()" in text and "garden_camera.turn_off()" in text


@pytest.mark.parametrize(
    ("request_text", "colour"),
    [("Turn the porch lamp red at 21:00", "red"), ("Mach die Porch lamp um 21 Uhr blau", "blue"), ("Zet de porch lamp om 21:00 op groen", "green")],
)
def test_a_colour_said_is_the_colour_a_light_is_set_to(request_text, colour):
    """"Turn the lamp red": a light that takes a colour name is switched on in that colour."""
    lamp = {"id": "porch_lamp", "name": "Porch lamp", "kind": "light",
            "properties": {"state": {"type": "enum", "values": ["on", "off"]}},
            "actions": {"turn_on": {"params": {"color_name": {"type": "string", "optional": True}}}, "turn_off": {}}}
    index = EnvIndex(msgspec.convert({"nodes": [lamp]}, Environment))
    assert f'porch_lamp.turn_on(color_name: "{colour}")' in _generated(index, request_text)


def test_a_script_run_with_a_german_verb_said_apart_is_run():
    """"Führ um 8 Uhr Welcome home aus": "aus" closes "ausführen", it does not switch off."""
    script = {"id": "welcome_home", "name": "Welcome home", "kind": "script",
              "properties": {"state": {"type": "enum", "values": ["on", "off"]}},
              "actions": {"turn_on": {}, "turn_off": {}}}
    index = EnvIndex(msgspec.convert({"nodes": [script]}, Environment))
    assert "do welcome_home.turn_on()" in _generated(index, "Führ um 8 Uhr Welcome home aus")


def test_the_light_named_for_a_room_is_that_rooms_light():
    """In a real home, the light called "Wohnzimmer" is "the living room light", ahead of the
    thermostat and the switch named for the room with more words ("Room climate wohnzimmer",
    "Adaptive lighting sleep mode wohnzimmer") and the vacuum whose name starts like "room"."""
    from wfl.inference.pipeline import Generator

    generate = Generator(_home("miggi92"), None).generate
    for request in ("Turn on the living room light at 8", "Schalte das Wohnzimmer Licht um 8 Uhr ein"):
        assert "do wohnzimmer.turn_on()" in generate(request).text, request


@pytest.mark.parametrize(
    ("request_text", "wanted"),
    [
        ("Schalte das Bürolicht um 8 Uhr ein", "do buro.turn_on()"),
        ("Mach das Wohnzimmerlicht an wenn es dunkel wird", "do wohnzimmer.turn_on()"),
        ("Schalte die Balkonlampe um 20 Uhr ein", "do balkon.turn_on()"),
        ("Schalte das Bettlicht um 20 Uhr ein", "do bett.turn_on()"),
    ],
)
def test_a_compound_of_a_name_and_a_kind_is_that_node(request_text, wanted):
    """"Bürolicht" is the light called "Büro", as "Büro Licht" would be, not the light group
    "Lichter" that its "licht" alone names."""
    from wfl.inference.pipeline import Generator

    assert wanted in Generator(_home("miggi92"), None).generate(request_text).text


def test_each_word_of_a_compound_names_once_per_name():
    """"Buffetlampe" says "buffet" and "lampe": the light "Buffet Light" (id `buffet_licht`) has
    both, one in each of its names, and is named ahead of the "Buffet lichtstreifen"."""
    on_off = {"turn_on": {}, "turn_off": {}}
    nodes = [
        {"id": i, "name": name, "kind": "light", "properties": {"state": {"type": "boolean"}}, "actions": on_off}
        for i, name in (("lichter", "Lichter"), ("buffet_licht", "Buffet Light"), ("buffet_lichtstreifen", "Buffet lichtstreifen"))
    ]
    assert "do buffet_licht.turn_on()" in _generator_for(nodes)("Um 19 Uhr die Buffetlampe an").text


def test_one_stated_value_fills_one_parameter():
    """Home Assistant rejects `brightness_pct` beside `brightness_step_pct`, and `temperature`
    beside `target_temp_high`/`target_temp_low`: "to 30%" and "to 21 degrees" set the first."""
    percent = {"type": "number", "unit": "%", "min": 0, "max": 100, "optional": True}
    degrees = {"type": "number", "unit": "°C", "min": 7, "max": 35, "optional": True}
    nodes = [
        {"id": "bed_light", "name": "Bed light", "kind": "light", "properties": {"state": {"type": "boolean"}},
         "actions": {"turn_on": {"params": {"brightness_pct": percent, "brightness_step_pct": {**percent, "min": -100}}},
                     "turn_off": {}}},
        {"id": "heating", "name": "Heating", "kind": "climate",
         "properties": {"state": {"type": "enum", "values": ["off", "heat"]}},
         "actions": {"set_temperature": {"params": {"temperature": degrees, "target_temp_high": degrees, "target_temp_low": degrees}},
                     "turn_off": {}}},
    ]
    generate = _generator_for(nodes)
    assert "do bed_light.turn_on(brightness_pct: 30)\n" in generate("dim the bed light to 30% at 22:00").text
    assert "do heating.set_temperature(temperature: 21)\n" in generate("set the heating to 21 degrees at 6:00").text


def test_a_switching_verb_names_no_setting_named_for_switching():
    """"Heizlüfter einschalten" switches the heater's plug on, not its power-on behaviour setting
    ("Verhalten beim Einschalten"), which Zigbee and Tuya plugs all have."""
    nodes = [
        {"id": "heizlufter_schalter", "name": "Heizlüfter Schalter", "kind": "switch",
         "properties": {"state": {"type": "boolean"}}, "actions": {"turn_on": {}, "turn_off": {}}},
        {"id": "heizlufter_verhalten_beim_einschalten", "name": "Heizlüfter Verhalten beim Einschalten", "kind": "select",
         "properties": {"state": {"type": "enum", "values": ["on", "off", "previous"]}},
         "actions": {"select_option": {"params": {"option": {"type": "enum", "values": ["on", "off", "previous"]}}}}},
    ]
    assert "do heizlufter_schalter.turn_on()" in _generator_for(nodes)("Um 7 Uhr Heizlüfter einschalten").text


def test_a_notification_in_a_home_without_notifiers_calls_nothing_else():
    """Asked to be told where no notifier exists, the workflow waits and calls nothing: not the
    front door's lock, which the waiting clause names."""
    nodes = [
        {"id": "front_door", "name": "Voordeur", "kind": "binary_sensor", "properties": {"door": {"type": "boolean"}}},
        {"id": "voordeur_slot", "name": "Voordeur slot", "kind": "lock",
         "properties": {"state": {"type": "enum", "values": ["locked", "unlocked"]}},
         "actions": {"lock": {}, "unlock": {}, "open": {}}},
    ]
    result = _generator_for(nodes)("als de voordeur langer dan 10 minuten openstaat stuur me een bericht")
    assert "voordeur_slot." not in result.text


def test_coming_home_is_not_a_node_called_home():
    """"Cuando llegue a casa": the people coming home, not the alarm or the forecast called "Casa"."""
    nodes = [
        {"id": "familia", "name": "Familia", "kind": "group", "properties": {"state": {"type": "enum", "values": ["home", "not_home"]}}},
        {"id": "casa", "name": "Casa", "kind": "alarm_control_panel",
         "properties": {"state": {"type": "enum", "values": ["disarmed", "armed_away"]}},
         "actions": {"alarm_disarm": {}, "alarm_arm_away": {}}},
        {"id": "casa_weather", "name": "Casa", "kind": "weather",
         "properties": {"state": {"type": "enum", "values": ["sunny", "rainy", "clear-night"]}}},
        {"id": "recibidor", "name": "Luz recibidor", "kind": "light", "properties": {"state": {"type": "boolean"}},
         "actions": {"turn_on": {}, "turn_off": {}}},
    ]
    text = _generator_for(nodes)("Cuando llegue a casa enciende la luz del recibidor").text
    assert "when familia.state becomes home\n  do recibidor.turn_on()" in text, text


def test_a_name_written_as_one_word_says_each_of_its_words():
    """"Schlafzimmerrollladen" is `schlafzimmer_rollladen` run together: that cover in full, ahead
    of one whose names only translate its parts ("Schlafen blind vorhang")."""
    nodes = [
        {"id": i, "name": name, "kind": "cover", "properties": {"state": {"type": "enum", "values": ["open", "closed"]}},
         "actions": {"open_cover": {}, "close_cover": {}}}
        for i, name in (("schlafzimmer_rollladen", "Schlafzimmer Rollladen"), ("schlafen_blind_vorhang", "Schlafen blind vorhang"),
                        ("kuche_rollladen", "Küche Rollladen"))
    ]
    nodes.append({"id": "bett_licht", "name": "Bett Licht", "kind": "light", "properties": {"state": {"type": "boolean"}},
                  "actions": {"turn_on": {}, "turn_off": {}}})
    text = _generator_for(nodes)("Um 23 Uhr Bettlicht aus und Schlafzimmerrollladen runter").text
    assert "do bett_licht.turn_off()\n     schlafzimmer_rollladen.close_cover()" in text, text
