/**
 * The extension's contract with the real server, without VS Code: start `<python> -m wfl serve`
 * the way the extension does (serverCommand), initialize with the options the settings produce
 * (toInitializationOptions), send `workspace/didChangeConfiguration` in the shape that
 * `synchronize.configurationSection: 'wfl'` sends, and check diagnostics arrive. Skipped when the
 * repository's .venv (or $WFL_PYTHON) is missing.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';

import * as rpc from 'vscode-languageserver-protocol/node';

import { serverSupportsGenerate } from '../generate';
import { serverCommand } from '../interpreter';
import { getterFromObject, toInitializationOptions } from '../settings';

const repo = join(__dirname, '..', '..', '..', '..');
const python = process.env.WFL_PYTHON ?? join(repo, '.venv', 'bin', 'python');
const examples = join(repo, 'examples');
const skip = !existsSync(python) ? `no interpreter at ${python}` : !existsSync(join(examples, 'home.yaml')) ? 'no examples' : false;

test('the server accepts the extension’s options and settings', { skip, timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wfl-vscode-'));
  const { command, args } = serverCommand(python);
  const child = spawn(command, args, { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const connection = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin),
  );
  const diagnostics = new Map<string, rpc.Diagnostic[][]>();
  const waiters: Array<() => void> = [];
  connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
    diagnostics.set(params.uri, [...(diagnostics.get(params.uri) ?? []), params.diagnostics]);
    waiters.splice(0).forEach((w) => w());
  });
  const modelStates: unknown[] = [];
  connection.onNotification('wfl/modelState', (params: unknown) => {
    modelStates.push(params);
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', () => [{}]);
  connection.listen();

  async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) {
        throw new Error(`timed out waiting for ${what}; server stderr:\n${stderr}`);
      }
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  try {
    writeFileSync(join(dir, 'home.yaml'), readFileSync(join(examples, 'home.yaml')));
    const settings = { environment: 'home.yaml', diagnosticDelay: 0, model: { path: '' }, budget: { conditionMs: null, workflowMs: 1500 } };
    const initializationOptions = toInitializationOptions(getterFromObject(settings));
    assert.deepEqual(initializationOptions, { environment: 'home.yaml', diagnosticDelay: 0, budget: { workflowMs: 1500 } });
    const result = await connection.sendRequest(rpc.InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).toString(),
      workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'tmp' }],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
      initializationOptions,
    });
    assert.equal(result.serverInfo?.name, 'wfl');
    // Generation is offered only by servers that advertise it; this one's answer decides the UI.
    const generates = serverSupportsGenerate(result.capabilities);
    assert.equal(generates, (result.capabilities.executeCommandProvider?.commands ?? []).includes('wfl.generate'));
    await connection.sendNotification(rpc.InitializedNotification.type, {});
    // What `synchronize.configurationSection: 'wfl'` sends: the whole section, nested.
    await connection.sendNotification(rpc.DidChangeConfigurationNotification.type, {
      settings: { wfl: { ...settings, server: { pythonPath: python }, trace: { server: 'off' } } },
    });

    const uri = pathToFileURL(join(dir, 'a.wfl')).toString();
    const text = 'workflow a {\n  when kitchen_motion.motion becomes true\n  do kitchen_ligth.turn_on()\n}\n';
    await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'wfl', version: 1, text },
    });
    await until(
      () => (diagnostics.get(uri) ?? []).some((list) => list.some((d) => d.code === 'unknown-node')),
      'an unknown-node diagnostic',
    );
    const last = diagnostics.get(uri)!.at(-1)!;
    const typo = last.find((d) => d.code === 'unknown-node')!;
    assert.match(String(typo.message), /kitchen_light/);
    assert.deepEqual(typo.range.start, { line: 2, character: 5 });
    await connection.sendRequest(rpc.ShutdownRequest.type);
    await connection.sendNotification(rpc.ExitNotification.type);
  } finally {
    connection.dispose();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
