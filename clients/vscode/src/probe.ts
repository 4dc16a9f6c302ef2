/**
 * Checks, before the server starts, that the chosen interpreter can import wfl, so that a missing
 * install gives one clear message instead of a crash loop. Node-only (no `vscode` import).
 */

import { execFile } from 'node:child_process';

export interface ProbeResult {
  ok: boolean;
  /** `wfl.__version__` when ok. */
  version?: string;
  /** What went wrong, for the user, when not ok. */
  reason?: string;
}

const SCRIPT = 'import wfl, sys; sys.stdout.write(getattr(wfl, "__version__", "unknown"))';

export function probeInterpreter(python: string, timeoutMs = 15_000, cwd?: string): Promise<ProbeResult> {
  return new Promise((resolve) => {
    execFile(python, ['-c', SCRIPT], { timeout: timeoutMs, cwd, windowsHide: true }, (error, stdout, stderr) => {
      if (!error) {
        resolve({ ok: true, version: String(stdout).trim() || 'unknown' });
        return;
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        resolve({ ok: false, reason: `\`${python}\` was not found` });
      } else if (/No module named '?wfl/.test(String(stderr))) {
        resolve({ ok: false, reason: `wfl is not installed in \`${python}\` (pip install wfl)` });
      } else if ((error as { killed?: boolean }).killed) {
        resolve({ ok: false, reason: `\`${python}\` did not answer within ${timeoutMs / 1000} s` });
      } else {
        const detail = String(stderr).trim().split('\n').pop() || error.message;
        resolve({ ok: false, reason: `\`${python} -c "import wfl"\` failed: ${detail}` });
      }
    });
  });
}

/** The commands a server advertises, less those the extension registers itself (they would clash). */
export function withoutOwnCommands(commands: readonly string[] | undefined, own: ReadonlySet<string>): string[] {
  return (commands ?? []).filter((command) => !own.has(command));
}
