"""End-to-end tests of the language server's features, over stdio with pytest-lsp, once with the
recorded capabilities of VS Code (push diagnostics, UTF-16) and once with Neovim's (pull
diagnostics, UTF-8 positions)."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities
from wfl.grammar.formatter import format_text

from .test_lsp_support import (
    CLIENTS,
    SERVER,
    accept_registrations,
    apply_edits,
    diagnostics,
    edit,
    make_workspace,
    open_doc,
    position_of,
    replace_all,
    uri_of,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return make_workspace(tmp_path_factory.mktemp("ws"))


@pytest_lsp.fixture(config=SERVER, scope="module", params=CLIENTS)
async def client(lsp_client: LanguageClient, request, workspace):
    accept_registrations(lsp_client)
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(request.param),
            root_uri=uri_of(workspace),
            workspace_folders=[types.WorkspaceFolder(uri=uri_of(workspace), name="ws")],
            initialization_options={"diagnosticDelay": 50, "generate": {"enabled": False}},
        )
    )
    yield
    await lsp_client.shutdown_session()


def _doc(client: LanguageClient, workspace, name: str, text: str) -> tuple[str, str]:
    """Open an unsaved document in the workspace folder; returns (uri, text)."""
    return open_doc(client, workspace / name, text), text


def _labels(result) -> list[str]:
    items = result.items if isinstance(result, types.CompletionList) else result
    return [i.label for i in sorted(items, key=lambda i: i.sort_text or i.label)]


async def _complete(
    client: LanguageClient, uri: str, position: types.Position, trigger: str | None = None
):
    context = types.CompletionContext(
        trigger_kind=types.CompletionTriggerKind.TriggerCharacter
        if trigger
        else types.CompletionTriggerKind.Invoked,
        trigger_character=trigger,
    )
    return await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=position, context=context
        )
    )


# ---------------------------------------------------------------- diagnostics


async def test_example_file_diagnostics(client: LanguageClient, workspace):
    path = workspace / "climate.wfl"
    uri = open_doc(client, path)
    items = await diagnostics(client, uri)
    assert items == []


async def test_deliberate_errors(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "broken.wfl.txt")
    items = await diagnostics(client, uri, lambda ds: len(ds) > 5)
    codes = {d.code for d in items}
    assert {
        "unknown-node",
        "unknown-property",
        "unknown-enum-value",
        "missing-parameter",
        "syntax-assign",
    } <= codes
    typo = next(d for d in items if d.code == "unknown-node")
    assert "kitchen_light" in typo.message
    assert typo.range.start.line == 9 and typo.range.start.character == 5
    assert typo.severity == types.DiagnosticSeverity.Error
    assert typo.source == "wfl"


async def test_edit_into_garbage_and_back(client: LanguageClient, workspace):
    text = (workspace / "lights.wfl").read_text(encoding="utf-8")
    uri = open_doc(client, workspace / "lights_copy.wfl", text)
    assert await diagnostics(client, uri) == []
    garbage = '}}} workflow ((( when ,, .. do . ( "unterminated\n' + text[: len(text) // 2]
    replace_all(client, uri, garbage, 2)
    broken = await diagnostics(client, uri, lambda ds: len(ds) > 0)
    assert any(d.code == "syntax" for d in broken)
    # Completion and hover still answer on the garbage.
    result = await _complete(client, uri, types.Position(line=0, character=10))
    assert result is not None
    replace_all(client, uri, text, 3)
    assert await diagnostics(client, uri, lambda ds: ds == []) == []


async def test_incremental_edits_after_non_ascii(client: LanguageClient, workspace):
    """Columns after `°C` differ between UTF-8 (Neovim) and UTF-16 (VS Code) clients."""
    text = "workflow warm {\n  when kitchen_temperature.temperature > 25 °C for 5 min\n  do bathroom_fan.turn_on()\n}\n"
    uri, _ = _doc(client, workspace, "inc.wfl", text)
    assert await diagnostics(client, uri) == []
    line = text.splitlines()[1]
    utf8 = client.capabilities.general and "utf-8" in (
        client.capabilities.general.position_encodings or []
    )
    unit = lambda s: len(s.encode("utf-8")) if utf8 else len(s)
    start = unit(line[: line.index("5 min")])
    # Replace `5 min` with `5 kg`: a duration needs a unit of time.
    edit(client, uri, 2, 1, start, start + unit("5 min"), "5 kg")
    items = await diagnostics(client, uri, lambda ds: len(ds) == 1)
    assert items[0].code == "duration-unit"
    assert items[0].range.start == types.Position(line=1, character=start)
    edit(client, uri, 3, 1, start, start + unit("5 kg"), "5 min")
    assert await diagnostics(client, uri, lambda ds: ds == []) == []


async def test_large_document_checked_off_the_loop(client: LanguageClient, workspace):
    """Above the inline limit, analysis runs in a worker thread; the answers are the same."""
    base = (workspace / "climate.wfl").read_text(encoding="utf-8")
    parts = [base.replace("workflow ", f"workflow c{i}_") for i in range(12)]
    text = "\n".join(parts) + "\nworkflow last {\n  at 07:00\n  do kitchen_ligth.turn_on()\n}\n"
    assert len(text) > 20_000
    uri, _ = _doc(client, workspace, "big.wfl", text)
    items = await diagnostics(client, uri, lambda ds: len(ds) == 1)
    assert items[0].code == "unknown-node"
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(text, "living_room_window.o"),
        )
    )
    assert "boolean" in hover.contents.value


# ---------------------------------------------------------------- completion


async def test_completion_kitchen_nodes(client: LanguageClient, workspace):
    uri, text = _doc(client, workspace, "c1.wfl", "workflow a {\n  when kitchen_\n}\n")
    result = await _complete(client, uri, position_of(text, "kitchen_"))
    labels = _labels(result)
    assert labels[:6] and all(label.startswith("kitchen_") for label in labels[:6])
    assert "kitchen_temperature" in labels and "kitchen_light" in labels
    first = result.items[0]
    assert first.text_edit is not None and first.filter_text == "kitchen_"


async def test_completion_fuzzy_words(client: LanguageClient, workspace):
    uri, text = _doc(client, workspace, "c2.wfl", "workflow a {\n  if kitch temp\n}\n")
    result = await _complete(client, uri, position_of(text, "kitch temp"))
    assert _labels(result)[0] == "kitchen_temperature"
    item = next(i for i in result.items if i.label == "kitchen_temperature")
    # The edit replaces both typed words; the filter text keeps the client from dropping the item.
    assert item.text_edit.range.start.character == 5
    assert item.filter_text == "kitch temp"
    assert result.is_incomplete


async def test_completion_properties(client: LanguageClient, workspace):
    uri, text = _doc(client, workspace, "c3.wfl", "workflow a {\n  when kitchen_temperature.\n}\n")
    result = await _complete(client, uri, position_of(text, "kitchen_temperature."), ".")
    assert _labels(result) == ["temperature"]
    resolved = await client.completion_item_resolve_async(result.items[0])
    assert "°C" in resolved.documentation.value


async def test_completion_actions_in_do(client: LanguageClient, workspace):
    uri, text = _doc(
        client, workspace, "c4.wfl", "workflow a {\n  at 07:00\n  do kitchen_light.\n}\n"
    )
    result = await _complete(client, uri, position_of(text, "kitchen_light."), ".")
    assert set(_labels(result)) == {"turn_on", "turn_off", "toggle"}


async def test_completion_enum_members(client: LanguageClient, workspace):
    uri, text = _doc(
        client,
        workspace,
        "c5.wfl",
        "workflow a {\n  if sun.state == \n  do kitchen_light.toggle()\n}\n",
    )
    result = await _complete(client, uri, position_of(text, "sun.state == "))
    assert set(_labels(result)) == {"above_horizon", "below_horizon"}


async def test_completion_units(client: LanguageClient, workspace):
    uri, text = _doc(
        client,
        workspace,
        "c6.wfl",
        "workflow a {\n  when kitchen_temperature.temperature > 25 \n}\n",
    )
    result = await _complete(client, uri, position_of(text, "> 25 "))
    assert _labels(result)[0] == "°C"


async def test_completion_parameters(client: LanguageClient, workspace):
    text = "workflow a {\n  at 07:00\n  do kitchen_light.turn_on(transition: 2 s, )\n}\n"
    uri, _ = _doc(client, workspace, "c7.wfl", text)
    result = await _complete(client, uri, position_of(text, "2 s, "), ",")
    labels = _labels(result)
    assert set(labels) == {"brightness_pct", "color_temp_kelvin"}  # not the given `transition`
    item = result.items[0]
    assert item.text_edit.new_text.startswith(item.label + ": ")


async def test_completion_in_garbage(client: LanguageClient, workspace):
    text = '}} ( "oops\n workflow { when == . do ((( \n  if \nworkflow b {\n  do \n'
    uri, _ = _doc(client, workspace, "c8.wfl", text)
    for line in range(5):
        result = await _complete(client, uri, types.Position(line=line, character=3))
        assert result is not None
    result = await _complete(client, uri, position_of(text, "  do "))
    assert "kitchen_light" in _labels(result)


async def test_completion_workflow_snippet(client: LanguageClient, workspace):
    uri, _ = _doc(client, workspace, "c9.wfl", "")
    result = await _complete(client, uri, types.Position(line=0, character=0))
    labels = _labels(result)
    assert "workflow" in labels and "workflow …" in labels


# ---------------------------------------------------------------- navigation


async def test_hover_node_and_property(client: LanguageClient, workspace):
    text = "workflow a {\n  when kitchen_temperature.temperature > 25\n  do bathroom_fan.turn_on(percentage: 50 %)\n}\n"
    uri, _ = _doc(client, workspace, "h1.wfl", text)
    doc = types.TextDocumentIdentifier(uri=uri)
    node = await client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=position_of(text, "kitchen_t"))
    )
    assert "Kitchen temperature" in node.contents.value and "temperature" in node.contents.value
    assert "kitchen" in node.contents.value  # the area
    prop = await client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=position_of(text, ".temp"))
    )
    assert "°C" in prop.contents.value and "-10" in prop.contents.value
    action = await client.text_document_hover_async(
        types.HoverParams(text_document=doc, position=position_of(text, "turn_o"))
    )
    assert "turn_on(" in action.contents.value and "percentage" in action.contents.value


async def test_signature_help(client: LanguageClient, workspace):
    text = "workflow a {\n  at 07:00\n  do living_room_thermostat.set_temperature(\n}\n"
    uri, _ = _doc(client, workspace, "s1.wfl", text)
    help_ = await client.text_document_signature_help_async(
        types.SignatureHelpParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(text, "set_temperature("),
        )
    )
    assert help_ is not None and "temperature" in help_.signatures[0].label


async def test_definition_into_environment(client: LanguageClient, workspace):
    text = (
        "workflow a {\n  when kitchen_motion.motion becomes true\n  do kitchen_light.turn_on()\n}\n"
    )
    uri, _ = _doc(client, workspace, "d1.wfl", text)
    result = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_of(text, "kitchen_li"),
        )
    )
    assert len(result) == 1
    location = result[0]
    assert location.uri == uri_of(workspace / "home.yaml")
    lines = (workspace / "home.yaml").read_text(encoding="utf-8").splitlines()
    line = lines[location.range.start.line]
    assert line.strip() == "- id: kitchen_light"
    assert line[location.range.start.character : location.range.end.character] == "kitchen_light"


async def test_references_and_rename(client: LanguageClient, workspace):
    first = "workflow a {\n  when hallway_motion.occupancy becomes true\n  do hallway_light.turn_on()\n}\n"
    second = (
        "workflow b {\n  at 23:00\n  do hallway_light.turn_off()\n     hallway_light.toggle()\n}\n"
    )
    uri1, _ = _doc(client, workspace, "r1.wfl", first)
    uri2, _ = _doc(client, workspace, "r2.wfl", second)
    doc = types.TextDocumentIdentifier(uri=uri1)
    position = position_of(first, "hallway_li")
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc,
            position=position,
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    by_uri = {}
    for ref in refs:
        by_uri.setdefault(ref.uri, []).append(ref)
    assert len(by_uri[uri1]) == 1 and len(by_uri[uri2]) == 2
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc, position=position)
    )
    assert prepared is not None
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=doc, position=position, new_name="hall_light")
    )
    changes = edit.changes
    assert apply_edits(first, changes[uri1]).count("hall_light.") == 1
    assert apply_edits(second, changes[uri2]).count("hall_light.") == 2
    # The node's id in the environment file is renamed too, so the workflows keep checking.
    assert uri_of(workspace / "home.yaml") in changes


async def test_symbols(client: LanguageClient, workspace):
    text = (workspace / "lights.wfl").read_text(encoding="utf-8")
    uri, _ = _doc(client, workspace, "sym.wfl", text)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    names = [s.name for s in symbols]
    assert names[:2] == ["hallway_night_light", "evening_lights"]
    assert symbols[0].children and symbols[0].children[0].name.startswith(
        "when hallway_motion.occupancy"
    )
    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="kitchtemp"))
    assert found[0].name == "kitchen_temperature"


# ---------------------------------------------------------------- editing


async def test_formatting(client: LanguageClient, workspace):
    text = "workflow   messy{\nwhen kitchen_motion.motion   becomes true\n   do kitchen_light.turn_on( brightness_pct:40 % ) ; wait 2 min\n}"
    uri, _ = _doc(client, workspace, "f1.wfl", text)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert apply_edits(text, edits) == format_text(text).text
    # No edits while the document has syntax errors.
    broken_uri, _ = _doc(
        client, workspace, "f2.wfl", "workflow messy {\n when kitchen_motion.motion ==\n}\n"
    )
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=broken_uri),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert not edits


async def test_quick_fix_applies(client: LanguageClient, workspace):
    text = "workflow typo {\n  when kitchen_motion.motion becomes true\n  do kitchen_ligth.turn_on()\n}\n"
    uri, _ = _doc(client, workspace, "q1.wfl", text)
    items = await diagnostics(client, uri, lambda ds: any(d.code == "unknown-node" for d in ds))
    typo = next(d for d in items if d.code == "unknown-node")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=typo.range,
            context=types.CodeActionContext(diagnostics=[typo]),
        )
    )
    fix = next(a for a in actions if a.title == "Replace with `kitchen_light`")
    assert fix.kind == types.CodeActionKind.QuickFix
    fixed = apply_edits(text, fix.edit.changes[uri])
    assert "do kitchen_light.turn_on()" in fixed
    replace_all(client, uri, fixed, 2)
    assert await diagnostics(client, uri, lambda ds: ds == []) == []


async def test_quick_fix_missing_parameter(client: LanguageClient, workspace):
    text = "workflow cold {\n  at 06:30\n  do living_room_thermostat.set_temperature(hvac_mode: heat)\n}\n"
    uri, _ = _doc(client, workspace, "q2.wfl", text)
    items = await diagnostics(
        client, uri, lambda ds: any(d.code == "missing-parameter" for d in ds)
    )
    missing = next(d for d in items if d.code == "missing-parameter")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=missing.range,
            context=types.CodeActionContext(diagnostics=[missing]),
        )
    )
    fixed = apply_edits(text, actions[0].edit.changes[uri])
    assert "set_temperature(hvac_mode: heat, temperature: " in fixed
    replace_all(client, uri, fixed, 2)
    assert await diagnostics(client, uri, lambda ds: ds == []) == []


# ---------------------------------------------------------------- presentation


async def test_semantic_tokens_folding_inlay_hints(client: LanguageClient, workspace):
    text = (
        "# one\n# two\nworkflow warm {\n  when kitchen_temperature.temperature > 25\n"
        "  do bathroom_fan.turn_on(percentage: 40)\n}\n"
    )
    uri, _ = _doc(client, workspace, "p1.wfl", text)
    doc = types.TextDocumentIdentifier(uri=uri)
    tokens = await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=doc)
    )
    assert tokens.data and len(tokens.data) % 5 == 0
    folds = await client.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=doc)
    )
    kinds = {(f.start_line, f.kind) for f in folds}
    assert (0, types.FoldingRangeKind.Comment) in kinds and (
        2,
        types.FoldingRangeKind.Region,
    ) in kinds
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=doc,
            range=types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=6, character=0)
            ),
        )
    )
    labels = [h.label for h in hints]
    assert labels == ["°C", "%"]
    assert hints[0].position == position_of(text, "> 25")
