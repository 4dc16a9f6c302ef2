"""End-to-end tests of how the language server finds, watches and reloads the environment."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

from .test_lsp_support import (
    CLIENTS,
    SERVER,
    accept_registrations,
    diagnostics,
    make_workspace,
    open_doc,
    position_of,
    uri_of,
    wait_until,
)

pytestmark = pytest.mark.asyncio

NEW_NODE = """
  - id: garage_heater
    name: Garage heater
    area: garage
    properties:
      state: {type: enum, values: ["on", "off"]}
    actions:
      turn_on: {}
"""

USES_NEW_NODE = "workflow frost {\n  every 10 min\n  if garage_heater.state == off\n  do garage_heater.turn_on()\n}\n"
USES_OLD_NODE = "workflow lamp {\n  at 07:00\n  do kitchen_light.turn_on()\n}\n"


@pytest.fixture
def workspace(tmp_path):
    return make_workspace(tmp_path / "ws")


@pytest_lsp.fixture(config=SERVER, params=CLIENTS)
async def client(lsp_client: LanguageClient, request, workspace):
    lsp_client.registrations = accept_registrations(lsp_client)  # type: ignore[attr-defined]
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities(request.param),
            root_uri=uri_of(workspace),
            initialization_options={"diagnosticDelay": 20, "generate": {"enabled": False}},
        )
    )
    yield
    await lsp_client.shutdown_session()


def _changed(client: LanguageClient, path) -> None:
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri_of(path), type=types.FileChangeType.Changed)]
        )
    )


def _codes(items) -> set:
    return {d.code for d in items}


async def test_reload_on_watched_file_change(client: LanguageClient, workspace):
    home = workspace / "home.yaml"
    uri = open_doc(client, workspace / "frost.wfl", USES_NEW_NODE)
    items = await diagnostics(client, uri, lambda ds: "unknown-node" in _codes(ds))
    assert "garage_heater" in items[0].message

    if client.capabilities.workspace.did_change_watched_files.dynamic_registration:
        # The server asked to be told about changes of the environment file and wfl.toml.
        registrations = client.registrations  # type: ignore[attr-defined]
        assert registrations and registrations[0].method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        patterns = str(registrations[0].register_options)
        assert "home.yaml" in patterns and "wfl.toml" in patterns

    home.write_text(home.read_text(encoding="utf-8") + NEW_NODE, encoding="utf-8")
    _changed(client, home)
    # Pull clients ask again; push clients get the re-checked document.
    assert await diagnostics(client, uri, lambda ds: ds == []) == []


async def test_broken_environment_keeps_last_good_index(client: LanguageClient, workspace):
    home = workspace / "home.yaml"
    home_uri = uri_of(home)
    uri = open_doc(client, workspace / "lamp.wfl", USES_OLD_NODE)
    assert await diagnostics(client, uri) == []

    good = home.read_text(encoding="utf-8")
    home.write_text(
        good.replace(
            "  - id: kitchen_light\n", "  - id: kitchen_light\n    colour: [unclosed\n", 1
        ),
        encoding="utf-8",
    )
    _changed(client, home)
    env_items = await wait_until(lambda: client.diagnostics.get(home_uri))
    assert env_items[0].severity == types.DiagnosticSeverity.Error
    assert env_items[0].code.startswith("env-")

    # The old index is still in use: the document stays clean, and completion and hover work.
    assert await diagnostics(client, uri) == []
    text = "workflow x {\n  when kitchen_\n}\n"
    other = open_doc(client, workspace / "x.wfl", text)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=other),
            position=position_of(text, "kitchen_"),
        )
    )
    assert "kitchen_light" in [i.label for i in result.items]

    # Fixed again: the environment's diagnostics are cleared.
    home.write_text(good + NEW_NODE, encoding="utf-8")
    _changed(client, home)
    await wait_until(
        lambda: home_uri in client.diagnostics and len(client.diagnostics[home_uri]) == 0
    )
    frost = open_doc(client, workspace / "frost.wfl", USES_NEW_NODE)
    assert await diagnostics(client, frost) == []


async def test_missing_environment_file(client: LanguageClient, workspace):
    home = workspace / "home.yaml"
    uri = open_doc(client, workspace / "lamp.wfl", USES_OLD_NODE)
    assert await diagnostics(client, uri) == []
    home.unlink()
    _changed(client, home)
    env_items = await wait_until(lambda: client.diagnostics.get(uri_of(home)))
    assert env_items[0].code == "env-io"
    assert await diagnostics(client, uri) == []


async def test_configuration_change_switches_environment(client: LanguageClient, workspace):
    other = workspace / "other.yaml"
    other.write_text("nodes:\n" + NEW_NODE, encoding="utf-8")
    uri = open_doc(client, workspace / "lamp.wfl", USES_OLD_NODE)
    assert await diagnostics(client, uri) == []
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"wfl": {"environment": ["other.yaml"]}})
    )
    items = await diagnostics(client, uri, lambda ds: "unknown-node" in _codes(ds))
    assert "kitchen_light" in items[0].message
    # Back to wfl.toml when the setting is removed.
    client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"wfl": {}})
    )
    assert await diagnostics(client, uri, lambda ds: ds == []) == []


async def test_broken_config_keeps_environment(client: LanguageClient, workspace):
    config = workspace / "wfl.toml"
    uri = open_doc(client, workspace / "lamp.wfl", USES_OLD_NODE)
    assert await diagnostics(client, uri) == []
    config.write_text("environment = [unclosed\n", encoding="utf-8")
    _changed(client, config)
    items = await wait_until(lambda: client.diagnostics.get(uri_of(config)))
    assert items[0].code == "config"
    assert await diagnostics(client, uri) == []
    config.write_text('environment = "home.yaml"\n', encoding="utf-8")
    _changed(client, config)
    await wait_until(
        lambda: (
            uri_of(config) in client.diagnostics and len(client.diagnostics[uri_of(config)]) == 0
        )
    )


@pytest_lsp.fixture(config=SERVER)
async def optioned(lsp_client: LanguageClient, tmp_path):
    accept_registrations(lsp_client)
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "env").mkdir()
    (folder / "env" / "garage.yaml").write_text("nodes:\n" + NEW_NODE, encoding="utf-8")
    lsp_client.folder = folder  # type: ignore[attr-defined]
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual_studio_code"),
            root_uri=uri_of(folder),
            initialization_options={
                "environment": "env/garage.yaml",
                "diagnosticDelay": 20,
                "generate": {"enabled": False},
            },
        )
    )
    yield
    await lsp_client.shutdown_session()


async def test_initialization_options_name_the_environment(optioned: LanguageClient):
    folder = optioned.folder  # type: ignore[attr-defined]
    uri = open_doc(optioned, folder / "frost.wfl", USES_NEW_NODE)
    assert await diagnostics(optioned, uri) == []
    lamp = open_doc(optioned, folder / "lamp.wfl", USES_OLD_NODE)
    items = await diagnostics(optioned, lamp, lambda ds: len(ds) > 0)
    assert items[0].code == "unknown-node"
