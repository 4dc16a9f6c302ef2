/**
 * "wfl: Generate workflow from description": the client side of the server command `wfl.generate`.
 *
 * Request: `workspace/executeCommand` with `command: 'wfl.generate'` and one argument
 * `{ description, uri, position }` (position: where the workflow should go, LSP coordinates).
 * Result, any of: nothing (the server applied the edit itself with `workspace/applyEdit`),
 * a string (workflow text, inserted at the position), `{ text }` (the same, with an optional
 * `{ detail }` shown to the user), or `{ edit: WorkspaceEdit }` (applied by the client).
 *
 * Pure module (no `vscode` import).
 */

export const GENERATE_COMMAND = 'wfl.generate';

export interface ExecuteCommandCapability {
  executeCommandProvider?: { commands?: string[] } | null;
}

/** Whether the server advertises `wfl.generate` (statically, or registered dynamically). */
export function serverSupportsGenerate(
  capabilities: ExecuteCommandCapability | undefined,
  dynamicallyRegistered: Iterable<string> = [],
): boolean {
  const commands = capabilities?.executeCommandProvider?.commands ?? [];
  if (commands.includes(GENERATE_COMMAND)) {
    return true;
  }
  for (const command of dynamicallyRegistered) {
    if (command === GENERATE_COMMAND) {
      return true;
    }
  }
  return false;
}

export interface GenerateArgument {
  description: string;
  uri?: string;
  position?: { line: number; character: number };
}

export function generateArguments(
  description: string,
  uri?: string,
  position?: { line: number; character: number },
): GenerateArgument[] {
  const arg: GenerateArgument = { description: description.trim() };
  if (uri !== undefined) {
    arg.uri = uri;
  }
  if (position !== undefined) {
    arg.position = position;
  }
  return [arg];
}

/** A description must say something: returns an error message, or undefined when it is fine. */
export function validateDescription(value: string): string | undefined {
  return value.trim().length < 3 ? 'Describe the workflow, e.g. "turn on the hallway light at sunset"' : undefined;
}

export type GenerateOutcome =
  | { kind: 'none' }
  | { kind: 'text'; text: string; detail?: string }
  | { kind: 'edit'; edit: unknown; detail?: string };

export function interpretResult(result: unknown): GenerateOutcome {
  if (typeof result === 'string') {
    return result.trim() ? { kind: 'text', text: result } : { kind: 'none' };
  }
  if (result !== null && typeof result === 'object') {
    const r = result as { text?: unknown; edit?: unknown; detail?: unknown };
    const detail = typeof r.detail === 'string' && r.detail ? r.detail : undefined;
    if (r.edit !== null && typeof r.edit === 'object') {
      return detail ? { kind: 'edit', edit: r.edit, detail } : { kind: 'edit', edit: r.edit };
    }
    if (typeof r.text === 'string' && r.text.trim()) {
      return detail ? { kind: 'text', text: r.text, detail } : { kind: 'text', text: r.text };
    }
  }
  return { kind: 'none' };
}

/** Text to insert at a position: a workflow gets its own lines. */
export function textToInsert(text: string, lineBefore: string): string {
  let out = text.endsWith('\n') ? text : text + '\n';
  if (lineBefore.trim() !== '') {
    out = '\n' + out;
  }
  return out;
}

export const NO_GENERATION_MESSAGE =
  'Generating workflows needs a newer wfl server: the running one does not offer the `wfl.generate` command. ' +
  'Update wfl in the interpreter the extension uses (see "wfl: Show server output").';
