import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { probeInterpreter } from '../probe';

test('a missing interpreter is reported as not found', async () => {
  const result = await probeInterpreter('/nonexistent/python-for-wfl-test');
  assert.equal(result.ok, false);
  assert.match(result.reason ?? '', /not found/);
});

const venvPython = join(__dirname, '..', '..', '..', '..', '.venv', 'bin', 'python');

test('the repository venv has wfl (when it exists)', { skip: !existsSync(venvPython) && 'no .venv' }, async () => {
  const result = await probeInterpreter(venvPython);
  assert.equal(result.ok, true, result.reason);
  assert.match(result.version ?? '', /^\d+\.\d+/);
});

test('an interpreter without wfl is explained', { skip: !existsSync('/usr/bin/python3') && 'no system python3' }, async () => {
  const result = await probeInterpreter('/usr/bin/python3');
  if (result.ok) {
    return; // wfl happens to be installed system-wide
  }
  assert.match(result.reason ?? '', /not installed|failed/);
});
