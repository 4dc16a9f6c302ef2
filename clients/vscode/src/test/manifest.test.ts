import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

test('activation, entry point and engine', () => {
  assert.ok(pkg.activationEvents.includes('onLanguage:wfl'));
  assert.match(pkg.engines.vscode, /^\^1\.\d+\.\d+$/);
  assert.equal(pkg.main, './dist/extension.js');
  assert.ok(pkg.license, 'license is set (vsce asks otherwise)');
  // No public repository yet: packaging must not stop to ask about the missing field.
  assert.ok(pkg.repository || /--allow-missing-repository/.test(pkg.scripts.package), 'vsce will not prompt');
  // @types/vscode must not be newer than the engine (vsce refuses to package otherwise).
  const types = pkg.devDependencies['@types/vscode'].replace(/^[~^]/, '');
  const engine = pkg.engines.vscode.replace(/^[~^]/, '');
  assert.equal(types.split('.').slice(0, 2).join('.'), engine.split('.').slice(0, 2).join('.'));
});

test('the language, grammar, snippets and language configuration', () => {
  const [language] = pkg.contributes.languages;
  assert.equal(language.id, 'wfl');
  assert.deepEqual(language.extensions, ['.wfl']);
  const config = JSON.parse(readFileSync(join(root, language.configuration), 'utf8'));
  assert.equal(config.comments.lineComment, '#');
  assert.ok(config.autoClosingPairs.some((p: { open: string }) => p.open === '"'));
  for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')']]) {
    assert.ok(config.brackets.some((b: string[]) => b[0] === open && b[1] === close));
  }
  const snippets = JSON.parse(readFileSync(join(root, pkg.contributes.snippets[0].path), 'utf8'));
  const prefixes = Object.values<{ prefix: string }>(snippets).map((s) => s.prefix);
  for (const wanted of ['workflow', 'when', 'at', 'every', 'on', 'if', 'do', 'doelse', 'else', 'wait']) {
    assert.ok(prefixes.includes(wanted), `snippet ${wanted}`);
  }
  assert.ok(existsSync(join(root, pkg.contributes.grammars[0].path)));
});

test('commands', () => {
  const commands = pkg.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual(commands, ['wfl.generate', 'wfl.restartServer', 'wfl.showOutput']);
  for (const c of pkg.contributes.commands) {
    assert.equal(c.category, 'wfl');
  }
});

test('schema validation contributions point at the bundled copy of the environment schema', () => {
  const urls = [...pkg.contributes.jsonValidation, ...pkg.contributes.yamlValidation].map((v: { url: string }) => v.url);
  assert.ok(urls.length >= 2);
  for (const url of urls) {
    assert.equal(url, './schemas/environment.schema.json');
  }
  const copy = join(root, 'schemas', 'environment.schema.json');
  assert.ok(existsSync(copy), 'npm run compile copies the schema');
  const source = join(root, '..', '..', 'schemas', 'environment.schema.json');
  if (existsSync(source)) {
    assert.equal(readFileSync(copy, 'utf8'), readFileSync(source, 'utf8'), 'the bundled schema is current');
  }
  JSON.parse(readFileSync(copy, 'utf8'));
});
