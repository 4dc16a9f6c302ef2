/**
 * Which Python runs the language server: `wfl.server.pythonPath` first, then the Python
 * extension's active interpreter, then `python3` (`python` on Windows).
 *
 * Pure module (no `vscode` import) so the order can be unit-tested.
 */

export type InterpreterSource = 'setting' | 'python-extension' | 'default';

export interface Interpreter {
  command: string;
  source: InterpreterSource;
}

export interface ExpandContext {
  /** File system path of the first workspace folder, when there is one. */
  workspaceFolder?: string;
  /** The user's home folder. */
  home?: string;
  /** Environment variables, for `${env:NAME}`. */
  env?: Record<string, string | undefined>;
}

export interface InterpreterInputs {
  /** The value of `wfl.server.pythonPath` (may be empty or unset). */
  configured?: unknown;
  /** Asks the Python extension for its active interpreter; undefined when it is not installed. */
  pythonExtension?: () => Promise<string | undefined> | string | undefined;
  /** The platform, for the default command (`process.platform`). */
  platform?: string;
  expand?: ExpandContext;
}

export function defaultPython(platform: string = process.platform): string {
  return platform === 'win32' ? 'python' : 'python3';
}

/**
 * Expands `${workspaceFolder}`, `${userHome}`, `${env:NAME}` and a leading `~` the way VS Code users
 * expect them in path settings. Unknown variables are left as they are.
 */
export function expandPath(value: string, ctx: ExpandContext = {}): string {
  let out = value.trim();
  out = out.replace(/\$\{(workspaceFolder|workspaceRoot|userHome|env:([A-Za-z_][A-Za-z0-9_]*))\}/g,
    (whole, name: string, envName?: string) => {
      if (envName !== undefined) {
        return ctx.env?.[envName] ?? '';
      }
      if (name === 'userHome') {
        return ctx.home ?? whole;
      }
      return ctx.workspaceFolder ?? whole;
    });
  if (ctx.home && (out === '~' || out.startsWith('~/') || out.startsWith('~\\'))) {
    out = ctx.home + out.slice(1);
  }
  return out;
}

/** Resolves the interpreter in the documented order. Never throws. */
export async function resolveInterpreter(inputs: InterpreterInputs): Promise<Interpreter> {
  const configured = typeof inputs.configured === 'string' ? inputs.configured.trim() : '';
  if (configured) {
    return { command: expandPath(configured, inputs.expand), source: 'setting' };
  }
  if (inputs.pythonExtension) {
    try {
      const fromExtension = await inputs.pythonExtension();
      if (typeof fromExtension === 'string' && fromExtension.trim()) {
        return { command: fromExtension.trim(), source: 'python-extension' };
      }
    } catch {
      // The Python extension failed or is still starting: fall through to the default.
    }
  }
  return { command: defaultPython(inputs.platform), source: 'default' };
}

/** The server command line for an interpreter: `<python> -m wfl serve`. */
export function serverCommand(python: string): { command: string; args: string[] } {
  return { command: python, args: ['-m', 'wfl', 'serve'] };
}

/** Minimal shape of the `ms-python.python` extension API that is used here. */
export interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath?(resource?: unknown): { id?: string; path?: string } | undefined;
    resolveEnvironment?(
      env: { id?: string; path?: string } | string,
    ): Promise<{ executable?: { uri?: { fsPath?: string } | undefined } } | undefined>;
  };
  settings?: {
    getExecutionDetails?(resource?: unknown): { execCommand?: string[] | undefined } | undefined;
  };
}

/**
 * The active interpreter from the Python extension's API: the `environments` API
 * (`getActiveEnvironmentPath` + `resolveEnvironment`) or, for old versions, `settings.getExecutionDetails`.
 */
export async function interpreterFromPythonApi(
  api: PythonExtensionApi | undefined,
  resource?: unknown,
): Promise<string | undefined> {
  if (!api) {
    return undefined;
  }
  const envs = api.environments;
  if (envs?.getActiveEnvironmentPath) {
    const active = envs.getActiveEnvironmentPath(resource);
    if (active) {
      if (envs.resolveEnvironment) {
        try {
          const resolved = await envs.resolveEnvironment(active);
          const executable = resolved?.executable?.uri?.fsPath;
          if (executable) {
            return executable;
          }
        } catch {
          // fall back to the unresolved path
        }
      }
      if (active.path) {
        return active.path;
      }
    }
  }
  const exec = api.settings?.getExecutionDetails?.(resource)?.execCommand;
  // A longer command (`conda run -n env python`) cannot be used as a plain executable: skip it.
  if (exec && exec.length === 1 && exec[0]) {
    return exec[0];
  }
  return undefined;
}
