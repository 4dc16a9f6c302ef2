"""Natural-language generation in the language server: the pure functions of `wfl.lsp.generate`,
the model state machine with a stand-in generator, then end to end over stdio with pytest-lsp
against the real server and the real default model (SmolLM2-135M through llama-cpp-python), and
once with a model file that does not exist.

The end-to-end tests accept the marked fallback wherever the model may run out of time on a busy
machine; what they pin down is the protocol: offered actions, resolve, edits, versions, progress,
cancellation and `wfl/modelState`."""

from __future__ import annotations

import asyncio
import re
import threading
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcRequestCancelled
from pytest_lsp import LanguageClient, client_capabilities
from wfl.grammar.checker import check
from wfl.grammar.parser import parse
from wfl.lsp import generate as gen
from wfl.lsp.analysis import analyze
from wfl.schemas.diagnostics import Diagnostic, Severity

from .test_lsp_support import (
    SERVER,
    accept_registrations,
    apply_edits,
    make_workspace,
    open_doc,
    replace_all,
    uri_of,
    wait_until,
)

REQUEST = "turn on the hallway light when motion is detected in the hallway"
UNDECIDED_REQUEST = "something for the evening in the living room"
"""A request retrieval's priors do not decide, so the model is asked at every choice (about 1 s):
the tests of changes and cancellation during generation need it still running 50 ms in. A request
the priors decide is answered in milliseconds."""
GENERATED = (
    'workflow x "x" {\n  when hallway_motion.occupancy becomes true\n'
    "  do hallway_light.turn_on()\n}"
)
MARK = "— check this"


# ================================================================= pure functions


def _out(text: str, fallback: bool = False, reason: str | None = None, diagnostics=()):
    return gen.Outcome(text=text, fallback=fallback, reason=reason, diagnostics=list(diagnostics))


def _analysis(text: str, index=None):
    return analyze("file:///t.wfl", 1, text, index)


def _sites(text: str, needle: str, index=None, end_needle: str | None = None):
    """(title, site) of each generation action for the cursor at `needle` (or the selection from
    `needle` to the end of `end_needle`)."""
    lo = text.index(needle)
    hi = text.index(end_needle) + len(end_needle) if end_needle else lo
    actions = gen.generation_actions(_analysis(text, index), (lo, hi))
    return [(a.title, gen.Site.from_data(a.data)[2]) for a in actions]


def _apply(text: str, edits) -> str:
    for (start, end), new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


DOC = """# Lights.

# turn on the hallway light
# when motion is detected
workflow a {
  when hallway_motion.occupancy becomes true
  if it is dark and nobody is home
  # a comment inside
  do hallway_light.turn_on()
}
turn off the tv at midnight
workflow b {
  when it is dark
  if # somebody is home
  do hallway_light.turn_on()
}
workflow c {
  when hallway_motion.occupancy becomes true
  if
  # nobody is home
  do hallway_light.turn_on()
}
workflow d {
  at 07:00
  if kitchen_lihgt.state == on
  do hallway_light.turn_on()
}
"""


def test_comment_block_is_one_request(example_index):
    for needle in ("# turn on", "# when motion"):
        [(title, site)] = _sites(DOC, needle, example_index)
        assert title == "Generate workflow from this comment"
        assert site.target == "workflow" and site.mode == "after"
        assert site.request == "turn on the hallway light when motion is detected"
        assert DOC[: site.start].endswith("# when motion is detected")


def test_no_workflow_action_inside_a_workflow_or_on_code(example_index):
    assert _sites(DOC, "# a comment inside", example_index) == []
    assert _sites(DOC, "do hallway_light", example_index) == []
    assert _sites(DOC, "workflow b", example_index) == []
    # A selection that reaches into a workflow is not a description.
    assert _sites(DOC, "# turn on", example_index, "becomes true") == []
    # Nor a whole document (the robustness tests ask for code actions on 2 MB).
    assert gen.generation_actions(_analysis(DOC, example_index), (0, len(DOC))) == []


def test_plain_text_line_and_selection(example_index):
    [(title, site)] = _sites(DOC, "turn off the tv", example_index)
    assert title == "Generate workflow from this text"
    assert (site.mode, site.request) == ("replace", "turn off the tv at midnight")
    assert DOC[site.start : site.end] == "turn off the tv at midnight"
    [(title, site)] = _sites(DOC, "turn off", example_index, "the tv")
    assert title == "Generate workflow from the selection"
    assert DOC[site.start : site.end] == "turn off the tv"
    # Neovim sends whole lines: selected comment lines keep the comment.
    [(title, site)] = _sites(DOC, "# turn on", example_index, "is detected")
    assert title == "Generate workflow from this comment" and site.mode == "after"


def test_condition_sites(example_index):
    [(title, site)] = _sites(DOC, "it is dark and", example_index)
    assert title == "Generate condition from `it is dark and nobody is home`"
    assert (site.target, site.keyword, site.mode) == ("condition", "if", "condition")
    assert DOC[site.start : site.end] == "it is dark and nobody is home"
    [(_, site)] = _sites(DOC, "when it is dark", example_index)
    assert site.keyword == "when" and DOC[site.start : site.end] == "it is dark"
    [(_, site)] = _sites(DOC, "# somebody", example_index)
    assert site.request == "somebody is home"
    assert DOC[site.start : site.end] == "# somebody is home"
    for needle in ("  if\n", "# nobody"):
        [(_, site)] = _sites(DOC, needle, example_index)
        assert site.mode == "condition-after" and site.request == "nobody is home"
        assert DOC[site.start : site.end] == "\n  # nobody is home"
    # A misspelt node name gets quick fixes, not a rewrite; a valid clause gets nothing.
    assert _sites(DOC, "kitchen_lihgt", example_index) == []
    assert _sites(DOC, "when hallway_motion", example_index) == []


def test_edits_after_comment_and_replacements(example_index):
    [(_, site)] = _sites(DOC, "# turn on", example_index)
    out = _apply(DOC, gen.build_edits(DOC, site, _out(GENERATED)))
    assert "# when motion is detected\nworkflow x" in out
    assert "}\n\nworkflow a {" in out  # a blank line before what follows
    [(_, new)] = gen.build_edits(DOC, site, _out(GENERATED, True, "deadline passed"))
    assert f"\n# wfl: fallback (deadline passed) {MARK}\nworkflow x" in new
    # Replacing a line of text.
    [(_, site)] = _sites(DOC, "turn off the tv", example_index)
    out = _apply(DOC, gen.build_edits(DOC, site, _out(GENERATED)))
    assert '}\n\nworkflow x "x" {' in out and "}\nworkflow b {" in out
    # A comment as the last line of a file without a final line break.
    text = "# turn on the light"
    site = gen.workflow_site(text, parse(text), (3, 3))
    assert _apply(text, gen.build_edits(text, site, _out(GENERATED))) == (
        f"{text}\n{GENERATED}\n"
    )


def test_generated_text_with_errors_is_marked():
    text = "# turn on the light\n"
    site = gen.workflow_site(text, parse(text), (3, 3))
    problem = Diagnostic(code="unknown-node", message="unknown node `x`", span=(0, 1))
    [(_, new)] = gen.build_edits(text, site, _out(GENERATED, diagnostics=[problem]))
    assert new.startswith(
        f"\n# wfl: generated text has problems (unknown node `x` [unknown-node]) {MARK}\n"
    )
    warning = Diagnostic(code="never-true", message="m", span=(0, 1), severity=Severity.WARNING)
    [(_, new)] = gen.build_edits(text, site, _out(GENERATED, diagnostics=[warning]))
    assert new == f"\n{GENERATED}"  # the line break after the comment follows it


def test_condition_edits():
    text = "workflow a {\n  when x.y changes\n  if it is dark\n  do x.z()\n}\n"
    at = (text.index("it is"),) * 2
    assert gen.condition_site(text, parse(text), [], at) is None  # no errors: nothing to fix
    a = _analysis(text)
    site = gen.condition_site(text, a.parsed, a.diagnostics, at)
    out = _apply(text, gen.build_edits(text, site, _out("sun.state == below_horizon")))
    assert out == text.replace("it is dark", "sun.state == below_horizon")
    marked = gen.build_edits(text, site, _out("a.b == on", True, "deadline passed"))
    clause = text.index("  if")
    assert marked[0] == ((clause, clause), f"  # wfl: fallback (deadline passed) {MARK}\n")
    # Nothing generated: no edit.
    assert gen.build_edits(text, site, _out("", True, "deadline")) is None
    # `when` takes no top-level `or`: parenthesised.
    when = "workflow a {\n  when it is dark\n  do x.z()\n}\n"
    a = _analysis(when)
    site = gen.condition_site(when, a.parsed, a.diagnostics, (when.index("it is"),) * 2)
    [(_, new)] = gen.build_edits(when, site, _out("a.b == on or c.d == off"))
    assert new == "(a.b == on or c.d == off)"


def test_insertion_site_and_standalone_text():
    text = "workflow a {\n  at 07:00\n  do x.y()\n}\n# end"
    site = gen.insertion_site(text, parse(text), text.index("do x"), "  some   words ")
    assert site.start == text.index("}") + 1 and site.request == "some words"
    [(_, new)] = gen.build_edits(text, site, _out(GENERATED))
    assert new == "\n\n" + GENERATED  # after the workflow holding the position
    at_end = gen.insertion_site(text, parse(text), len(text), "x")
    [(_, new)] = gen.build_edits(text, at_end, _out(GENERATED))
    assert new == "\n" + GENERATED + "\n"
    empty_line = "workflow a {\n  at 07:00\n}\n\n"
    site = gen.insertion_site(empty_line, parse(empty_line), len(empty_line) - 1, "x")
    [(_, new)] = gen.build_edits(empty_line, site, _out(GENERATED))
    assert new == "\n" + GENERATED  # a blank line after the `}` above
    blank = "# notes\n\n"
    site = gen.insertion_site(blank, parse(blank), len(blank) - 1, "x")
    [(_, new)] = gen.build_edits(blank, site, _out(GENERATED))
    assert new == GENERATED
    assert gen.standalone_text(_out(GENERATED, True, "no model loaded")).startswith(
        f"# wfl: fallback (no model loaded) {MARK}\nworkflow x"
    )


def test_only_filter_and_data_round_trip(example_index):
    a = _analysis(DOC, example_index)
    at = DOC.index("# turn on")
    assert gen.generation_actions(a, (at, at), [types.CodeActionKind.QuickFix]) == []
    assert gen.generation_actions(a, (at, at), ["refactor"])
    [action] = gen.generation_actions(a, (at, at), ["refactor.rewrite"])
    assert action.edit is None and action.kind == types.CodeActionKind.RefactorRewrite
    uri, version, site = gen.Site.from_data(action.data)
    assert (uri, version) == ("file:///t.wfl", 1) and site.request.startswith("turn on")
    assert gen.Site.from_data({"kind": "something else"}) is None
    assert gen.Site.from_data(None) is None


def test_settings_layers(tmp_path: Path):
    resolved = gen.resolve_settings([])
    assert resolved.enabled and resolved.settings.model == "default"
    client = gen.client_layer(
        {"model": {"path": "models/m.gguf"}, "budget": {"workflowMs": 5000, "conditionMs": 1500}}
    )
    assert client == {
        "model": "models/m.gguf",
        "workflow_deadline": 5.0,
        "condition_deadline": 1.5,
    }
    resolved = gen.resolve_settings(
        [
            ("wfl.toml", {"model": "toml.gguf", "threads": 2}, tmp_path / "toml"),
            ("initializationOptions", client, tmp_path),
            ("settings", {}, tmp_path),
        ]
    )
    assert resolved.settings.model == str(tmp_path / "models/m.gguf")
    assert resolved.settings.threads == 2 and resolved.settings.workflow_deadline == 5.0
    # An invalid layer is skipped and reported; the others stay.
    resolved = gen.resolve_settings(
        [
            ("wfl.toml", {"threads": 3}, None),
            ("initializationOptions", {"backend": "nope", "threads": 9}, None),
        ]
    )
    assert resolved.settings.threads == 3 and "initializationOptions" in resolved.problems[0]
    # Off switches; a later layer can switch it on again.
    layer = gen.client_layer({"generate": {"enabled": False}})
    assert not gen.resolve_settings([("i", layer, None)]).enabled
    off = gen.resolve_settings([("i", {"backend": "off"}, None)])
    assert not off.enabled and off.off_reason == "turned off in i"
    both = [("a", {"enabled": False}, None), ("b", {"enabled": True}, None)]
    assert gen.resolve_settings(both).enabled


def test_config_reads_the_generate_table(tmp_path: Path):
    from wfl.config import load_config

    path = tmp_path / "wfl.toml"
    path.write_text('environment = "home.yaml"\n\n[generate]\nmodel = "m.gguf"\nthreads = 2\n')
    assert load_config(path).generate == {"model": "m.gguf", "threads": 2}


class _Result:
    def __init__(self, text: str, fallback: bool, reason: str | None) -> None:
        self.text, self.fallback, self.reason, self.diagnostics = text, fallback, reason, []


@pytest.mark.asyncio
async def test_model_states_with_a_stand_in(monkeypatch):
    """`off` when disabled; `generating`, then `fallback` and back to the base state."""
    monkeypatch.setattr(gen, "FALLBACK_HOLD_S", 0.05)
    states: list[tuple[str, str | None]] = []
    service = gen.ModelService(lambda state, detail: states.append((state, detail)))
    disabled = gen.resolve_settings([("test", {"enabled": False}, None)])
    await service.configure(disabled, lambda: None)
    assert states[-1][0] == "off" and "turned off in test" in states[-1][1]
    # The same settings again: nothing reloads.
    assert service.configure(disabled, lambda: None) is None

    answers = iter(
        [_Result("x.y == on", False, None), _Result(GENERATED, True, "no model loaded")]
    )

    def fake(request, target, index, deadline, cancel, clause="if"):
        return next(answers)

    monkeypatch.setattr(service, "_generate", fake)
    outcome = await service.generate("it is dark", "condition", object(), threading.Event())
    assert outcome.text == "x.y == on" and not outcome.fallback
    assert [s for s, _ in states[-2:]] == ["generating", "off"]
    outcome = await service.generate(REQUEST, "workflow", object(), threading.Event())
    assert outcome.fallback and states[-1] == ("fallback", "no model loaded")
    await asyncio.sleep(0.2)
    assert states[-1][0] == "off"
    # A cancelled request does not report a fallback.
    cancel = threading.Event()
    cancel.set()
    monkeypatch.setattr(service, "_generate", lambda *a: _Result("", True, "cancelled"))
    outcome = await service.generate(REQUEST, "workflow", object(), cancel)
    assert outcome.cancelled and states[-1][0] == "off"
    service.shutdown()


# ================================================================= end to end

e2e = pytest.mark.asyncio(loop_scope="module")

GENERATE_OPTIONS = {"workflow_deadline": 6.0, "condition_deadline": 4.0}
"""Longer deadlines than the defaults: the tests check the plumbing, not the model's speed on a
busy machine (the pipeline retries until the deadline only when an answer does not check)."""


class Recorder:
    def __init__(self) -> None:
        self.states: list[dict] = []
        self.applied: list[types.ApplyWorkspaceEditParams] = []
        self.init: types.InitializeResult | None = None


def _record(client: LanguageClient) -> Recorder:
    recorder = Recorder()

    @client.feature(gen.MODEL_STATE)
    def model_state(ls, params):
        if not isinstance(params, dict):
            params = {k: getattr(params, k) for k in ("state", "detail") if hasattr(params, k)}
        recorder.states.append(params)

    @client.feature(types.WORKSPACE_APPLY_EDIT)
    def apply_edit(ls, params: types.ApplyWorkspaceEditParams):
        recorder.applied.append(params)
        return types.ApplyWorkspaceEditResult(applied=True)

    return recorder


async def _start(lsp_client: LanguageClient, workspace: Path, generate: dict) -> None:
    accept_registrations(lsp_client)
    lsp_client.recorder = _record(lsp_client)
    lsp_client.recorder.init = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual_studio_code"),
            root_uri=uri_of(workspace),
            workspace_folders=[types.WorkspaceFolder(uri=uri_of(workspace), name="ws")],
            initialization_options={"diagnosticDelay": 20, "generate": generate},
        )
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return make_workspace(tmp_path_factory.mktemp("gen"))


@pytest_lsp.fixture(config=SERVER, scope="module")
async def client(lsp_client: LanguageClient, workspace):
    await _start(lsp_client, workspace, GENERATE_OPTIONS)
    yield
    await lsp_client.shutdown_session()


@pytest.fixture(scope="module")
def offline_workspace(tmp_path_factory):
    """The model named by `[generate]` in wfl.toml, relative to it, does not exist."""
    folder = make_workspace(tmp_path_factory.mktemp("offline"))
    config = folder / "wfl.toml"
    config.write_text(config.read_text() + '\n[generate]\nmodel = "models/missing.gguf"\n')
    return folder


@pytest_lsp.fixture(config=SERVER, scope="module")
async def offline(lsp_client: LanguageClient, offline_workspace):
    # An invalid initialization option is reported and ignored.
    await _start(lsp_client, offline_workspace, {"threads": "many"})
    yield
    await lsp_client.shutdown_session()


def _states(client: LanguageClient) -> list[str]:
    return [s.get("state") for s in client.recorder.states]


async def _ready(client: LanguageClient) -> None:
    await wait_until(lambda: {"ready", "off"} & set(_states(client)), timeout=120)


async def _generate_action(client: LanguageClient, uri: str, line: int, character: int, prefix):
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=line, character=character),
                end=types.Position(line=line, character=character),
            ),
            context=types.CodeActionContext(
                diagnostics=[], only=[types.CodeActionKind.RefactorRewrite]
            ),
        )
    )
    [action] = [a for a in actions if a.title.startswith(prefix)]
    assert action.edit is None and action.kind == types.CodeActionKind.RefactorRewrite
    return action


def _edits(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    if edit.document_changes:
        return [
            e
            for change in edit.document_changes
            if change.text_document.uri == uri
            for e in change.edits
        ]
    return list((edit.changes or {}).get(uri, []))


def _errors(text: str, index) -> list:
    parsed = parse(text)
    found = parsed.diagnostics + check(parsed.file, index)
    return [d for d in found if d.severity == Severity.ERROR]


@e2e
async def test_model_loads_in_the_background(client: LanguageClient, workspace):
    # Requests during the load are answered (llama-cpp-python points descriptor 1 at /dev/null
    # while it loads a model; the server's messages must not go there).
    uri = open_doc(client, workspace / "lights.wfl")
    ident = types.TextDocumentIdentifier(uri=uri)
    for _ in range(40):
        tokens = client.text_document_semantic_tokens_full_async(
            types.SemanticTokensParams(text_document=ident)
        )
        assert (await asyncio.wait_for(tokens, 10)).data
        if "ready" in _states(client):
            break
        await asyncio.sleep(0.01)
    await _ready(client)
    states = _states(client)
    assert states.index("loading") < states.index("ready"), client.recorder.states
    ready = next(s for s in client.recorder.states if s["state"] == "ready")
    assert "smollm2" in ready.get("detail", "") and "loaded in" in ready["detail"]
    caps = client.recorder.init.capabilities
    assert caps.code_action_provider.resolve_provider is True
    assert types.CodeActionKind.QuickFix in caps.code_action_provider.code_action_kinds
    assert gen.COMMAND in caps.execute_command_provider.commands


@e2e
async def test_workflow_from_comment(client: LanguageClient, workspace, example_index):
    await _ready(client)
    text = f"# {REQUEST}\n"
    uri = open_doc(client, workspace / "from_comment.wfl", text)
    action = await _generate_action(client, uri, 0, 4, "Generate workflow")
    before = set(client.progress_reports)
    resolved = await client.code_action_resolve_async(action)
    assert resolved.edit.document_changes[0].text_document.version == 1
    out = apply_edits(text, _edits(resolved.edit, uri))
    assert re.match(rf"# {REQUEST}\n(# wfl: fallback \(.*\) {MARK}\n)?workflow ", out), out
    assert _errors(out, example_index) == [], out
    assert "hallway_" in out
    # Work-done progress: begin ... end.
    [token] = set(client.progress_reports) - before
    kinds = [p.kind for p in client.progress_reports[token]]
    assert kinds[0] == "begin" and kinds[-1] == "end"
    assert "generating" in _states(client)


async def _condition_written(client: LanguageClient, workspace, name: str, condition: str) -> str | None:
    """The document after "Generate condition" on `if <condition>`, or None when the model ran
    out of time (and the user was told)."""
    await _ready(client)
    text = (
        f"workflow {name} {{\n  when hallway_motion.occupancy becomes true\n  if {condition}\n"
        "  do hallway_light.turn_on()\n}\n"
    )
    uri = open_doc(client, workspace / f"{name}.wfl", text)
    action = await _generate_action(client, uri, 2, 8, "Generate condition")
    seen = len(client.messages)
    resolved = await client.code_action_resolve_async(action)
    if resolved.edit is None:  # the model ran out of time: no condition, and the user is told
        assert any("no condition" in m.message for m in client.messages[seen:])
        return None
    return apply_edits(text, _edits(resolved.edit, uri))


@e2e
async def test_condition_from_text(client: LanguageClient, workspace):
    out = await _condition_written(client, workspace, "dark", "it is dark")
    if out is not None:
        assert "it is dark" not in out
        assert re.search(r"\n  if \S[^\n]*\n  do hallway_light", out), out
        assert not parse(out).diagnostics, out


@e2e
async def test_condition_on_the_clock_from_text(client: LanguageClient, workspace):
    out = await _condition_written(client, workspace, "night", "only between 10 pm and 6 am")
    if out is not None:
        assert "\n  if clock.time >= 22:00 or clock.time < 06:00\n" in out, out


@e2e
async def test_document_changed_before_resolve(client: LanguageClient, workspace):
    await _ready(client)
    text = "# turn off the kitchen light at 23:00\n"
    uri = open_doc(client, workspace / "changed.wfl", text)
    action = await _generate_action(client, uri, 0, 3, "Generate workflow")
    replace_all(client, uri, text + "\n# more\n", 2)
    seen = len(client.messages)
    resolved = await client.code_action_resolve_async(action)
    assert resolved.edit is None
    assert any("document changed" in m.message for m in client.messages[seen:])


@e2e
async def test_document_changed_while_generating(client: LanguageClient, workspace):
    await _ready(client)
    text = f"# {UNDECIDED_REQUEST}\n"
    uri = open_doc(client, workspace / "changing.wfl", text)
    action = await _generate_action(client, uri, 0, 3, "Generate workflow")
    seen = len(client.messages)
    pending = asyncio.ensure_future(client.code_action_resolve_async(action))
    await asyncio.sleep(0.05)
    replace_all(client, uri, text + "# typing on\n", 2)
    resolved = await pending
    assert resolved.edit is None
    assert any("discarded" in m.message for m in client.messages[seen:])


@e2e
async def test_generate_command_applies_the_edit(client: LanguageClient, workspace, example_index):
    await _ready(client)
    text = "workflow morning {\n  at 07:00\n  do kitchen_light.turn_on()\n}\n"
    uri = open_doc(client, workspace / "command.wfl", text)
    argument = {"description": REQUEST, "uri": uri, "position": {"line": 4, "character": 0}}
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=gen.COMMAND, arguments=[argument])
    )
    assert result is None
    [applied] = client.recorder.applied
    out = apply_edits(text, _edits(applied.edit, uri))
    assert out.startswith(text) and "\nworkflow turn_on_the_hallway" in out
    assert _errors(out, example_index) == [], out


@e2e
async def test_cancel_resolve(client: LanguageClient, workspace):
    await _ready(client)
    text = f"# {UNDECIDED_REQUEST}\n"
    uri = open_doc(client, workspace / "cancel.wfl", text)
    action = await _generate_action(client, uri, 0, 3, "Generate workflow")
    # The first request runs; the second waits for the model thread and is cancelled.
    first = asyncio.ensure_future(client.code_action_resolve_async(action))
    await asyncio.sleep(0)
    second = asyncio.ensure_future(
        client.protocol.send_request_async(types.CODE_ACTION_RESOLVE, action, msg_id="cancel-me")
    )
    await asyncio.sleep(0.05)
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="cancel-me"))
    try:
        resolved = await asyncio.wait_for(second, 60)
    except JsonRpcRequestCancelled:
        pass
    else:
        assert resolved.edit is None
    done = await asyncio.wait_for(first, 60)
    assert done.edit is not None
    # Nothing broke: the state settles and the server still answers.
    await wait_until(lambda: _states(client)[-1] in ("ready", "fallback"), timeout=30)
    assert await _generate_action(client, uri, 0, 3, "Generate workflow")


@e2e
async def test_cancel_command(client: LanguageClient, workspace):
    """A cancelled `wfl.generate` applies nothing, even though pygls answers it at once and the
    handler goes on: the worker thread's event is set."""
    await _ready(client)
    text = "# turn off the kitchen light at 23:00\n"
    uri = open_doc(client, workspace / "cancel_command.wfl", text)
    action = await _generate_action(client, uri, 0, 3, "Generate workflow")
    applied = len(client.recorder.applied)
    first = asyncio.ensure_future(client.code_action_resolve_async(action))
    await asyncio.sleep(0)
    argument = {"description": REQUEST, "uri": uri, "position": {"line": 1, "character": 0}}
    params = types.ExecuteCommandParams(command=gen.COMMAND, arguments=[argument])
    second = asyncio.ensure_future(
        client.protocol.send_request_async(
            types.WORKSPACE_EXECUTE_COMMAND, params, msg_id="cancel-command"
        )
    )
    await asyncio.sleep(0.05)
    client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="cancel-command"))
    with pytest.raises(JsonRpcRequestCancelled):
        await asyncio.wait_for(second, 60)
    assert (await asyncio.wait_for(first, 60)).edit is not None
    await wait_until(lambda: _states(client)[-1] in ("ready", "fallback"), timeout=30)
    await asyncio.sleep(0.3)
    assert len(client.recorder.applied) == applied


@e2e
async def test_missing_model_gives_marked_fallback(offline: LanguageClient, offline_workspace):
    client, workspace = offline, offline_workspace
    await wait_until(lambda: "off" in _states(client), timeout=30)
    off = next(s for s in client.recorder.states if s["state"] == "off")
    assert str(workspace / "models" / "missing.gguf") in off.get("detail", "")
    assert any(
        m.type == types.MessageType.Warning and "initializationOptions" in m.message
        for m in client.log_messages
    ), client.log_messages
    text = f"# {REQUEST}\n"
    uri = open_doc(client, workspace / "offline.wfl", text)
    action = await _generate_action(client, uri, 0, 3, "Generate workflow")
    resolved = await client.code_action_resolve_async(action)
    out = apply_edits(text, _edits(resolved.edit, uri))
    assert out.startswith(f"# {REQUEST}\n# wfl: fallback (no model loaded) {MARK}\nworkflow ")
    assert not parse(out).diagnostics, out
    await wait_until(lambda: "fallback" in _states(client))
    # The command without a place to put the workflow: the text comes back, marked.
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(
            command=gen.COMMAND, arguments=[{"description": "turn off the tv at 23:00"}]
        )
    )
    assert result["text"].startswith(
        f"# wfl: fallback (no model loaded) {MARK}\nworkflow turn_off_the_tv"
    )
    assert result["detail"] == "fallback: no model loaded"
    assert client.recorder.applied == []
