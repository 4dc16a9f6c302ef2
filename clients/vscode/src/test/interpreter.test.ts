import assert from 'node:assert/strict';
import { test } from 'node:test';

import { defaultPython, expandPath, interpreterFromPythonApi, resolveInterpreter, serverCommand } from '../interpreter';

test('the wfl.server.pythonPath setting comes first', async () => {
  let asked = false;
  const result = await resolveInterpreter({
    configured: '/opt/venv/bin/python',
    pythonExtension: () => {
      asked = true;
      return '/usr/bin/python3.12';
    },
  });
  assert.deepEqual(result, { command: '/opt/venv/bin/python', source: 'setting' });
  assert.equal(asked, false, 'the Python extension is not consulted when the setting is set');
});

test('then the Python extension’s active interpreter', async () => {
  const result = await resolveInterpreter({ configured: '  ', pythonExtension: async () => '/home/me/.venv/bin/python' });
  assert.deepEqual(result, { command: '/home/me/.venv/bin/python', source: 'python-extension' });
});

test('then python3 (python on Windows)', async () => {
  assert.deepEqual(await resolveInterpreter({ platform: 'linux' }), { command: 'python3', source: 'default' });
  assert.deepEqual(await resolveInterpreter({ configured: '', pythonExtension: async () => undefined, platform: 'darwin' }), {
    command: 'python3',
    source: 'default',
  });
  assert.equal(defaultPython('win32'), 'python');
});

test('a failing Python extension falls through to the default', async () => {
  const result = await resolveInterpreter({
    pythonExtension: async () => {
      throw new Error('not ready');
    },
    platform: 'linux',
  });
  assert.deepEqual(result, { command: 'python3', source: 'default' });
});

test('non-string settings are ignored', async () => {
  const result = await resolveInterpreter({ configured: 42, platform: 'linux' });
  assert.equal(result.source, 'default');
});

test('variables in the configured path are expanded', async () => {
  const ctx = { workspaceFolder: '/ws', home: '/home/me', env: { VENV: '/venvs/a' } };
  assert.equal(expandPath('${workspaceFolder}/.venv/bin/python', ctx), '/ws/.venv/bin/python');
  assert.equal(expandPath('~/.venv/bin/python', ctx), '/home/me/.venv/bin/python');
  assert.equal(expandPath('${userHome}/py', ctx), '/home/me/py');
  assert.equal(expandPath('${env:VENV}/bin/python', ctx), '/venvs/a/bin/python');
  assert.equal(expandPath('${unknown}/python', ctx), '${unknown}/python');
  assert.equal(expandPath('${workspaceFolder}/x', {}), '${workspaceFolder}/x');
  const result = await resolveInterpreter({ configured: '${workspaceFolder}/.venv/bin/python', expand: ctx });
  assert.equal(result.command, '/ws/.venv/bin/python');
});

test('the server runs as `python -m wfl serve`', () => {
  assert.deepEqual(serverCommand('/x/python'), { command: '/x/python', args: ['-m', 'wfl', 'serve'] });
});

test('the Python extension API: environments API, resolved', async () => {
  const api = {
    environments: {
      getActiveEnvironmentPath: () => ({ id: 'a', path: '/envs/a' }),
      resolveEnvironment: async () => ({ executable: { uri: { fsPath: '/envs/a/bin/python' } } }),
    },
  };
  assert.equal(await interpreterFromPythonApi(api), '/envs/a/bin/python');
});

test('the Python extension API: unresolvable path, then the legacy settings API', async () => {
  const unresolved = {
    environments: { getActiveEnvironmentPath: () => ({ path: '/envs/b/bin/python' }), resolveEnvironment: async () => undefined },
  };
  assert.equal(await interpreterFromPythonApi(unresolved), '/envs/b/bin/python');
  const legacy = { settings: { getExecutionDetails: () => ({ execCommand: ['/legacy/python'] }) } };
  assert.equal(await interpreterFromPythonApi(legacy), '/legacy/python');
  const conda = { settings: { getExecutionDetails: () => ({ execCommand: ['conda', 'run', '-n', 'x', 'python'] }) } };
  assert.equal(await interpreterFromPythonApi(conda), undefined);
  assert.equal(await interpreterFromPythonApi(undefined), undefined);
});
