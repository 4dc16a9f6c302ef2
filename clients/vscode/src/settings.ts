/**
 * The `wfl.*` settings and how they reach the server.
 *
 * They are sent twice, in the same shape: as `initializationOptions` when the server starts
 * (`toInitializationOptions`), and, through `synchronize.configurationSection: 'wfl'`, as the `wfl`
 * section of `workspace/didChangeConfiguration` whenever they change. The server reads
 * `environment` and `diagnosticDelay` today; `model` and `budget` are passed on for the generation
 * pipeline. `server.pythonPath` and `trace.server` belong to the client only.
 *
 * Pure module (no `vscode` import).
 */

/** Every setting the extension contributes (package.json `contributes.configuration`). */
export const SETTING_KEYS = [
  'environment',
  'model.path',
  'budget.conditionMs',
  'budget.workflowMs',
  'diagnosticDelay',
  'server.pythonPath',
  'trace.server',
] as const;

/** Settings whose change needs a server restart (the rest are synchronized while it runs). */
export const RESTART_KEYS = ['server.pythonPath'] as const;

export interface InitializationOptions {
  environment?: string | string[];
  diagnosticDelay?: number;
  model?: { path?: string };
  budget?: { conditionMs?: number; workflowMs?: number };
}

export type Getter = (key: string) => unknown;

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function nonNegative(value: unknown, max = Number.MAX_SAFE_INTEGER): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max
    ? value
    : undefined;
}

/** `wfl.environment`: one file, or a list merged in order; empty means "use wfl.toml". */
export function environmentOption(value: unknown): string | string[] | undefined {
  if (Array.isArray(value)) {
    const files = value.map(nonEmptyString).filter((v): v is string => v !== undefined);
    return files.length > 0 ? files : undefined;
  }
  return nonEmptyString(value);
}

/** The server's `initializationOptions` from the `wfl` settings (unset and invalid values are left out). */
export function toInitializationOptions(get: Getter): InitializationOptions {
  const options: InitializationOptions = {};
  const environment = environmentOption(get('environment'));
  if (environment !== undefined) {
    options.environment = environment;
  }
  const delay = nonNegative(get('diagnosticDelay'), 10_000);
  if (delay !== undefined) {
    options.diagnosticDelay = delay;
  }
  const modelPath = nonEmptyString(get('model.path'));
  if (modelPath !== undefined) {
    options.model = { path: modelPath };
  }
  const conditionMs = nonNegative(get('budget.conditionMs'));
  const workflowMs = nonNegative(get('budget.workflowMs'));
  if (conditionMs !== undefined || workflowMs !== undefined) {
    options.budget = {};
    if (conditionMs !== undefined) {
      options.budget.conditionMs = conditionMs;
    }
    if (workflowMs !== undefined) {
      options.budget.workflowMs = workflowMs;
    }
  }
  return options;
}

/** A getter over a plain nested object (`{model: {path: 'x'}}` answers `model.path`). */
export function getterFromObject(settings: Record<string, unknown>): Getter {
  return (key) => {
    let current: unknown = settings;
    for (const part of key.split('.')) {
      if (current === null || typeof current !== 'object') {
        return undefined;
      }
      current = (current as Record<string, unknown>)[part];
    }
    return current;
  };
}
