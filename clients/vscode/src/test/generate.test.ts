import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  GENERATE_COMMAND,
  generateArguments,
  interpretResult,
  serverSupportsGenerate,
  textToInsert,
  validateDescription,
} from '../generate';
import { withoutOwnCommands } from '../probe';

test('generation is offered only when the server advertises wfl.generate', () => {
  assert.equal(serverSupportsGenerate(undefined), false);
  assert.equal(serverSupportsGenerate({}), false);
  assert.equal(serverSupportsGenerate({ executeCommandProvider: { commands: ['other'] } }), false);
  assert.equal(serverSupportsGenerate({ executeCommandProvider: { commands: [GENERATE_COMMAND] } }), true);
  assert.equal(serverSupportsGenerate({}, new Set([GENERATE_COMMAND])), true);
});

test('the request argument carries the description, document and position', () => {
  assert.deepEqual(generateArguments('  lights on at sunset ', 'file:///a.wfl', { line: 3, character: 0 }), [
    { description: 'lights on at sunset', uri: 'file:///a.wfl', position: { line: 3, character: 0 } },
  ]);
  assert.deepEqual(generateArguments('x y z'), [{ description: 'x y z' }]);
});

test('results: nothing, text, or a workspace edit', () => {
  assert.deepEqual(interpretResult(null), { kind: 'none' });
  assert.deepEqual(interpretResult(undefined), { kind: 'none' });
  assert.deepEqual(interpretResult('  '), { kind: 'none' });
  assert.deepEqual(interpretResult('workflow a {}'), { kind: 'text', text: 'workflow a {}' });
  assert.deepEqual(interpretResult({ text: 'workflow a {}', detail: 'fallback' }), {
    kind: 'text',
    text: 'workflow a {}',
    detail: 'fallback',
  });
  const edit = { changes: { 'file:///a.wfl': [] } };
  assert.deepEqual(interpretResult({ edit }), { kind: 'edit', edit });
});

test('inserted workflows get their own lines', () => {
  assert.equal(textToInsert('workflow a {}', ''), 'workflow a {}\n');
  assert.equal(textToInsert('workflow a {}\n', '}'), '\nworkflow a {}\n');
});

test('descriptions must say something', () => {
  assert.ok(validateDescription(' '));
  assert.equal(validateDescription('lights on at sunset'), undefined);
});

test('server commands that the extension registers itself are not registered twice', () => {
  assert.deepEqual(withoutOwnCommands(['wfl.generate', 'wfl.other'], new Set(['wfl.generate'])), ['wfl.other']);
  assert.deepEqual(withoutOwnCommands(undefined, new Set()), []);
});
