import assert from 'node:assert/strict';
import { test } from 'node:test';

import { INITIAL_MODEL_STATE, MODEL_STATES, parseModelState, statusView } from '../modelState';

test('the status item is hidden until the server reports a model', () => {
  assert.deepEqual(INITIAL_MODEL_STATE, { state: 'off' });
  assert.equal(statusView(INITIAL_MODEL_STATE).visible, false);
});

test('every known state has a view', () => {
  for (const state of MODEL_STATES) {
    const view = statusView({ state });
    assert.equal(view.visible, state !== 'off', state);
    if (state !== 'off') {
      assert.match(view.text, /wfl/);
    }
  }
  assert.equal(statusView({ state: 'fallback' }).severity, 'warning');
  assert.match(statusView({ state: 'loading' }).text, /~spin/);
});

test('details go to the tooltip; unknown states are shown as they are', () => {
  assert.match(statusView({ state: 'ready', detail: 'SmolLM2-135M' }).tooltip, /SmolLM2-135M/);
  assert.equal(statusView({ state: 'warming' }).text, 'wfl model: warming');
});

test('malformed notifications are ignored', () => {
  assert.deepEqual(parseModelState({ state: 'ready', detail: 'x' }), { state: 'ready', detail: 'x' });
  assert.deepEqual(parseModelState({ state: 'loading', detail: 3 }), { state: 'loading' });
  assert.equal(parseModelState({ state: '' }), undefined);
  assert.equal(parseModelState(null), undefined);
  assert.equal(parseModelState('ready'), undefined);
});
