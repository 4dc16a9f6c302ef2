import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { SETTING_KEYS, environmentOption, getterFromObject, toInitializationOptions } from '../settings';

const root = join(__dirname, '..', '..');

test('defaults send nothing but the diagnostic delay', () => {
  const get = getterFromObject({
    environment: '',
    model: { path: '' },
    budget: { conditionMs: null, workflowMs: null },
    diagnosticDelay: 200,
    server: { pythonPath: '' },
    trace: { server: 'off' },
  });
  assert.deepEqual(toInitializationOptions(get), { diagnosticDelay: 200 });
});

test('every server setting is mapped', () => {
  const get = getterFromObject({
    environment: ['home.yaml', 'garden.yaml'],
    model: { path: '/models/smol.gguf' },
    budget: { conditionMs: 300, workflowMs: 2500 },
    diagnosticDelay: 0,
  });
  assert.deepEqual(toInitializationOptions(get), {
    environment: ['home.yaml', 'garden.yaml'],
    diagnosticDelay: 0,
    model: { path: '/models/smol.gguf' },
    budget: { conditionMs: 300, workflowMs: 2500 },
  });
});

test('environment: a string or a list; blanks dropped', () => {
  assert.equal(environmentOption(' home.yaml '), 'home.yaml');
  assert.deepEqual(environmentOption(['a.yaml', '', '  ', 'b.json']), ['a.yaml', 'b.json']);
  assert.equal(environmentOption([]), undefined);
  assert.equal(environmentOption(['']), undefined);
  assert.equal(environmentOption(7), undefined);
});

test('invalid numbers are left out (the server keeps its defaults)', () => {
  const get = getterFromObject({ diagnosticDelay: 20_000, budget: { conditionMs: -1, workflowMs: Number.NaN } });
  assert.deepEqual(toInitializationOptions(get), {});
  const partial = getterFromObject({ budget: { workflowMs: 1000 } });
  assert.deepEqual(toInitializationOptions(partial), { budget: { workflowMs: 1000 } });
});

test('package.json contributes exactly the documented settings', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const contributed = Object.keys(pkg.contributes.configuration.properties).sort();
  assert.deepEqual(contributed, SETTING_KEYS.map((k) => `wfl.${k}`).sort());
  const env = pkg.contributes.configuration.properties['wfl.environment'];
  assert.deepEqual(env.type, ['string', 'array']);
  // The settings' defaults map to what the server expects.
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries<{ default: unknown }>(pkg.contributes.configuration.properties)) {
    const path = key.slice('wfl.'.length).split('.');
    let target = defaults;
    for (const part of path.slice(0, -1)) {
      target = (target[part] ??= {}) as Record<string, unknown>;
    }
    target[path[path.length - 1]] = schema.default;
  }
  assert.deepEqual(toInitializationOptions(getterFromObject(defaults)), { diagnosticDelay: 200 });
});
