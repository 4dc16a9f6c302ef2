/**
 * Activates the real extension (out/extension.js, with vscode-languageclient) inside a fake `vscode`
 * module (fakeVscode.ts) against the real server: diagnostics reach the diagnostic collection, the
 * commands are registered (and a server command with the same id would not clash), the model state
 * reaches the status item, "Generate workflow from description" runs the server's model and opens
 * the workflow, restart works, and a bad interpreter gets a clear message.
 * Skipped when the repository's .venv (or $WFL_PYTHON) is missing.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import * as fake from './fakeVscode';

const repo = join(__dirname, '..', '..', '..', '..');
const python = process.env.WFL_PYTHON ?? join(repo, '.venv', 'bin', 'python');
const examples = join(repo, 'examples');
const skip = !existsSync(python) ? `no interpreter at ${python}` : !existsSync(join(examples, 'home.yaml')) ? 'no examples' : false;

const vscodeModule = new Proxy(fake as Record<string, unknown>, {
  get: (target, key) => (key in target ? target[key as string] : typeof key === 'string' && /^[A-Z]/.test(key) ? fake.Stub : undefined),
});
type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Loader };
const originalLoad = moduleInternals._load;

interface Extension {
  activate(context: unknown): Promise<void>;
  deactivate(): Promise<void>;
}
let extension: Extension;
let dir: string;

before(() => {
  moduleInternals._load = function (this: unknown, request: string, parent: unknown, isMain: boolean) {
    return request === 'vscode' ? vscodeModule : originalLoad.call(this, request, parent, isMain);
  };
  extension = require('../extension') as Extension;
  dir = mkdtempSync(join(tmpdir(), 'wfl-activate-'));
});

after(() => {
  moduleInternals._load = originalLoad;
  rmSync(dir, { recursive: true, force: true });
});

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}\n${fake.recorded.output.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function context() {
  return { subscriptions: [] as Array<{ dispose(): unknown }>, extensionPath: join(__dirname, '..', '..') };
}

function dispose(ctx: ReturnType<typeof context>): void {
  ctx.subscriptions.forEach((s) => s.dispose());
}

test('activates, starts the server and shows its diagnostics', { skip, timeout: 120_000 }, async () => {
  writeFileSync(join(dir, 'home.yaml'), readFileSync(join(examples, 'home.yaml')));
  writeFileSync(join(dir, 'wfl.toml'), 'environment = "home.yaml"\n');
  const file = join(dir, 'a.wfl');
  const text = 'workflow a {\n  when kitchen_motion.motion becomes true\n  do kitchen_ligth.turn_on()\n}\n';
  writeFileSync(file, text);
  const doc = fake.textDocument(fake.Uri.file(file), 'wfl', text);
  fake.workspace.workspaceFolders = [{ uri: fake.Uri.file(dir), name: 'home', index: 0 }];
  fake.workspace.textDocuments = [doc];
  fake.window.tabGroups.all = [{ tabs: [{ input: new fake.TabInputText(doc.uri) }] }];
  Object.assign(fake.recorded.settings, {
    'wfl.server.pythonPath': python,
    'wfl.environment': '',
    'wfl.diagnosticDelay': 0,
    'wfl.trace.server': 'off',
  });

  const ctx = context();
  await extension.activate(ctx);
  try {
    assert.deepEqual([...fake.recorded.commands.keys()].filter((c) => c.startsWith('wfl.')).sort(), [
      'wfl.generate',
      'wfl.restartServer',
      'wfl.showOutput',
    ]);
    assert.ok(fake.recorded.output.some((line) => line.includes(`using ${python} (from setting)`)), fake.recorded.output.join('\n'));

    const uri = doc.uri.toString();
    await until(
      () => (fake.recorded.diagnostics.get(uri) ?? []).some((d) => d.code === 'unknown-node'),
      'the unknown-node diagnostic',
    );
    const typo = fake.recorded.diagnostics.get(uri)!.find((d) => d.code === 'unknown-node')!;
    assert.match(typo.message, /did you mean `kitchen_light`/);
    assert.equal(typo.range.start.line, 2);

    // The settings sync sends the same shape as the initialization options: one load, not two.
    const loads = fake.recorded.output.filter((line) => /environment .*home\.yaml: \d+ nodes/.test(line));
    assert.equal(loads.length, 1, fake.recorded.output.join('\n'));

    // The model state reaches the status item: the server loads the model in the background.
    const item = fake.recorded.statusItems.find((s) => s.id === 'wfl.modelState');
    assert.ok(item);
    await until(() => item.visible && item.text.includes('$(check)'), 'the model ready in the status item', 60_000);

    // Generation: the description goes to the server's wfl.generate; with no wfl editor active the
    // workflow comes back as text and opens in a new document.
    const opened: string[] = [];
    const open = fake.workspace.openTextDocument;
    fake.workspace.openTextDocument = async (opts: { language: string; content: string }) => {
      opened.push(opts.content);
      return open(opts);
    };
    fake.recorded.inputBoxValue = 'turn on the kitchen light at 07:00';
    try {
      await fake.commands.executeCommand('wfl.generate');
    } finally {
      fake.workspace.openTextDocument = open;
      fake.recorded.inputBoxValue = undefined;
    }
    assert.equal(opened.length, 1, JSON.stringify(fake.recorded.messages));
    assert.match(opened[0], /workflow turn_on_the_kitchen[\s\S]*kitchen_light\.turn_on\(/);

    // Restart: a new server publishes the diagnostics again.
    fake.recorded.diagnostics.clear();
    await fake.commands.executeCommand('wfl.restartServer');
    await until(() => (fake.recorded.diagnostics.get(uri) ?? []).length > 0, 'diagnostics after a restart');
    assert.deepEqual(fake.recorded.messages.filter((m) => m.level === 'error'), []);
  } finally {
    await extension.deactivate();
    dispose(ctx);
  }
});

test('a Python without wfl gets a clear message, not a crash loop', { skip, timeout: 30_000 }, async () => {
  fake.recorded.messages.length = 0;
  fake.recorded.settings['wfl.server.pythonPath'] = join(dir, 'no-such-python');
  const ctx = context();
  await extension.activate(ctx);
  try {
    const errors = fake.recorded.messages.filter((m) => m.level === 'error');
    assert.equal(errors.length, 1, JSON.stringify(fake.recorded.messages));
    assert.match(errors[0].text, /cannot start the language server: .*no-such-python.* was not found/);
    await fake.commands.executeCommand('wfl.generate');
    assert.ok(fake.recorded.messages.some((m) => m.level === 'warning' && m.text.includes('not running')));
  } finally {
    await extension.deactivate();
    dispose(ctx);
  }
});
