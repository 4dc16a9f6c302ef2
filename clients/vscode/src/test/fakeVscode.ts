/**
 * A small stand-in for the `vscode` module: enough of the API for the extension and
 * vscode-languageclient to activate, start the real server, sync a document and show diagnostics,
 * without a VS Code download. It records what the extension shows (messages, status bar, output)
 * so tests can assert on it. Anything not modelled is a no-op returning a disposable.
 */

import { pathToFileURL, fileURLToPath } from 'node:url';

type Listener<T> = (value: T) => unknown;

export class Disposable {
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  constructor(private readonly onDispose: () => unknown = () => undefined) {}
  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private listeners = new Set<Listener<T>>();
  event = (listener: Listener<T>): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) {
      l(value);
    }
  }
  dispose(): void {
    this.listeners.clear();
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query = '',
    readonly fragment = '',
  ) {}
  static parse(value: string): Uri {
    const url = new URL(value);
    return new Uri(url.protocol.replace(/:$/, ''), url.host, decodeURIComponent(url.pathname), url.search.replace(/^\?/, ''), url.hash.replace(/^#/, ''));
  }
  static file(path: string): Uri {
    return Uri.parse(pathToFileURL(path).toString());
  }
  get fsPath(): string {
    return this.scheme === 'file' ? fileURLToPath(this.toString()) : this.path;
  }
  with(change: { scheme?: string; path?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, this.authority, change.path ?? this.path, this.query, this.fragment);
  }
  toString(): string {
    return this.scheme === 'file' ? pathToFileURL(this.path).toString() : `${this.scheme}://${this.authority}${this.path}`;
  }
  toJSON(): unknown {
    return { scheme: this.scheme, path: this.path };
  }
}

export class Position {
  constructor(readonly line: number, readonly character: number) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    if (typeof a === 'number') {
      this.start = new Position(a, b as number);
      this.end = new Position(c as number, d as number);
    } else {
      this.start = a;
      this.end = b as Position;
    }
  }
  get isEmpty(): boolean {
    return this.start.line === this.end.line && this.start.character === this.end.character;
  }
}

export class Selection extends Range {}

export class Diagnostic {
  code?: unknown;
  source?: string;
  tags?: number[];
  relatedInformation?: unknown[];
  constructor(readonly range: Range, readonly message: string, readonly severity = 0) {}
}

export class DiagnosticRelatedInformation {
  constructor(readonly location: unknown, readonly message: string) {}
}

export class Location {
  constructor(readonly uri: Uri, readonly range: Range | Position) {}
}

export class MarkdownString {
  constructor(public value = '', public supportThemeIcons = false) {}
  isTrusted?: boolean;
  supportHtml?: boolean;
  appendMarkdown(v: string): this {
    this.value += v;
    return this;
  }
  appendText(v: string): this {
    this.value += v;
    return this;
  }
  appendCodeblock(v: string): this {
    this.value += v;
    return this;
  }
}

export class CancellationError extends Error {}

export class CancellationTokenSource {
  private emitter = new EventEmitter<void>();
  token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}
export class RelativePattern {
  constructor(readonly base: unknown, readonly pattern: string) {}
}
export class TabInputText {
  constructor(readonly uri: Uri) {}
}
export class TabInputTextDiff {
  constructor(readonly original: Uri, readonly modified: Uri) {}
}
export class TabInputCustom {
  constructor(readonly uri: Uri, readonly viewType: string) {}
}
export class TabInputNotebook {
  constructor(readonly uri: Uri, readonly notebookType: string) {}
}
export class WorkspaceEdit {
  readonly edits: unknown[] = [];
  replace(uri: Uri, range: Range, text: string): void {
    this.edits.push({ uri, range, text });
  }
  insert(uri: Uri, position: Position, text: string): void {
    this.edits.push({ uri, position, text });
  }
  set(uri: Uri, edits: unknown[]): void {
    this.edits.push({ uri, edits });
  }
}

export const DiagnosticSeverity = { Error: 0, Warning: 1, Information: 2, Hint: 3 };
export const DiagnosticTag = { Unnecessary: 1, Deprecated: 2 };
export const StatusBarAlignment = { Left: 1, Right: 2 };
export const ProgressLocation = { SourceControl: 1, Window: 10, Notification: 15 };
export const LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 };
export const ConfigurationTarget = { Global: 1, Workspace: 2, WorkspaceFolder: 3 };
export const version = '1.91.0';

/** Everything a test can look at or steer. */
export const recorded = {
  messages: [] as Array<{ level: 'info' | 'warning' | 'error'; text: string }>,
  output: [] as string[],
  statusItems: [] as FakeStatusBarItem[],
  diagnostics: new Map<string, Diagnostic[]>(),
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  settings: {} as Record<string, unknown>,
  inputBoxValue: undefined as string | undefined,
};

class FakeStatusBarItem {
  text = '';
  tooltip: unknown;
  command: unknown;
  name = '';
  backgroundColor: unknown;
  visible = false;
  constructor(readonly id: string) {}
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {
    this.visible = false;
  }
}

function outputChannel(name: string) {
  const log = (text: string) => recorded.output.push(`[${name}] ${text}`);
  const levelChange = new EventEmitter<number>();
  return {
    name,
    logLevel: LogLevel.Info,
    onDidChangeLogLevel: levelChange.event,
    append: log,
    appendLine: log,
    replace: log,
    trace: log,
    debug: log,
    info: log,
    warn: log,
    error: (e: unknown) => log(String(e)),
    clear: () => undefined,
    show: () => undefined,
    hide: () => undefined,
    dispose: () => undefined,
  };
}

const events = {
  openDoc: new EventEmitter<unknown>(),
  closeDoc: new EventEmitter<unknown>(),
  changeDoc: new EventEmitter<unknown>(),
  saveDoc: new EventEmitter<unknown>(),
  willSave: new EventEmitter<unknown>(),
  config: new EventEmitter<unknown>(),
  folders: new EventEmitter<unknown>(),
  tabs: new EventEmitter<unknown>(),
  visibleEditors: new EventEmitter<unknown>(),
  activeEditor: new EventEmitter<unknown>(),
};

/** A text document as the extension and the client see it. */
export function textDocument(uri: Uri, languageId: string, text: string, docVersion = 1) {
  const lines = text.split('\n');
  return {
    uri,
    fileName: uri.fsPath,
    languageId,
    version: docVersion,
    isDirty: false,
    isClosed: false,
    isUntitled: false,
    eol: 1,
    lineCount: lines.length,
    getText: () => text,
    lineAt: (line: number) => ({ text: lines[line] ?? '' }),
    save: async () => true,
  };
}

export const workspace = {
  workspaceFolders: [] as Array<{ uri: Uri; name: string; index: number }>,
  textDocuments: [] as unknown[],
  notebookDocuments: [] as unknown[],
  getConfiguration: (section?: string) => ({
    get: (key: string, fallback?: unknown) => {
      const full = section ? `${section}.${key}` : key;
      if (full in recorded.settings) {
        return recorded.settings[full];
      }
      // A whole section asked for (`wfl.model`): collect its keys.
      const prefix = `${full}.`;
      const nested: Record<string, unknown> = {};
      let found = false;
      for (const [k, v] of Object.entries(recorded.settings)) {
        if (k.startsWith(prefix)) {
          found = true;
          let target = nested;
          const parts = k.slice(prefix.length).split('.');
          for (const p of parts.slice(0, -1)) {
            target = (target[p] ??= {}) as Record<string, unknown>;
          }
          target[parts[parts.length - 1]] = v;
        }
      }
      return found ? nested : fallback;
    },
    has: (key: string) => `${section}.${key}` in recorded.settings,
    inspect: () => undefined,
    update: async () => undefined,
  }),
  onDidOpenTextDocument: events.openDoc.event,
  onDidCloseTextDocument: events.closeDoc.event,
  onDidChangeTextDocument: events.changeDoc.event,
  onDidSaveTextDocument: events.saveDoc.event,
  onWillSaveTextDocument: events.willSave.event,
  onDidChangeConfiguration: events.config.event,
  onDidChangeWorkspaceFolders: events.folders.event,
  createFileSystemWatcher: () => {
    const e = new EventEmitter<unknown>();
    return { onDidCreate: e.event, onDidChange: e.event, onDidDelete: e.event, dispose: () => undefined };
  },
  applyEdit: async () => true,
  openTextDocument: async (opts: { language: string; content: string }) =>
    textDocument(Uri.parse('untitled:///generated.wfl'), opts.language, opts.content),
  getWorkspaceFolder: () => workspace.workspaceFolders[0],
};

export const window = {
  activeTextEditor: undefined as unknown,
  visibleTextEditors: [] as unknown[],
  tabGroups: { all: [] as Array<{ tabs: Array<{ input: unknown }> }>, onDidChangeTabs: events.tabs.event, onDidChangeTabGroups: events.tabs.event },
  onDidChangeVisibleTextEditors: events.visibleEditors.event,
  onDidChangeActiveTextEditor: events.activeEditor.event,
  createOutputChannel: (name: string) => outputChannel(name),
  createStatusBarItem: (id: string) => {
    const item = new FakeStatusBarItem(id);
    recorded.statusItems.push(item);
    return item;
  },
  showInformationMessage: async (text: string) => {
    recorded.messages.push({ level: 'info', text });
    return undefined;
  },
  showWarningMessage: async (text: string) => {
    recorded.messages.push({ level: 'warning', text });
    return undefined;
  },
  showErrorMessage: async (text: string) => {
    recorded.messages.push({ level: 'error', text });
    return undefined;
  },
  showInputBox: async () => recorded.inputBoxValue,
  showTextDocument: async () => undefined,
  withProgress: async (_options: unknown, task: (progress: unknown, token: unknown) => unknown) =>
    task({ report: () => undefined }, new CancellationTokenSource().token),
};

export const commands = {
  registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
    if (recorded.commands.has(id)) {
      // What VS Code does too.
      throw new Error(`command '${id}' already exists`);
    }
    recorded.commands.set(id, fn);
    return new Disposable(() => recorded.commands.delete(id));
  },
  executeCommand: async (id: string, ...args: unknown[]) => {
    const fn = recorded.commands.get(id);
    return fn ? fn(...args) : undefined;
  },
};

function diagnosticCollection(name: string) {
  return {
    name,
    set: (uri: Uri, diagnostics: Diagnostic[] | undefined) => {
      recorded.diagnostics.set(uri.toString(), diagnostics ?? []);
    },
    delete: (uri: Uri) => recorded.diagnostics.delete(uri.toString()),
    clear: () => recorded.diagnostics.clear(),
    get: (uri: Uri) => recorded.diagnostics.get(uri.toString()),
    has: (uri: Uri) => recorded.diagnostics.has(uri.toString()),
    forEach: () => undefined,
    dispose: () => undefined,
  };
}

export const languages = new Proxy(
  {
    createDiagnosticCollection: diagnosticCollection,
    match: (selector: Array<{ language?: string }> | { language?: string }, document: { languageId: string }) => {
      const list = Array.isArray(selector) ? selector : [selector];
      return list.some((s) => (typeof s === 'string' ? s === document.languageId : s.language === document.languageId)) ? 10 : 0;
    },
  } as Record<string, unknown>,
  {
    get: (target, key: string) => (key in target ? target[key] : () => new Disposable()),
  },
);

export const extensions = { getExtension: () => undefined, all: [] };
export const env = { language: 'en', appName: 'fake-vscode', openExternal: async () => true, machineId: 'test' };

/** Classes and enums that are only constructed or read, never used by these tests. */
export class Stub {
  constructor(...args: unknown[]) {
    Object.assign(this, { args });
  }
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Refactor = new CodeActionKind('refactor');
  static readonly RefactorRewrite = new CodeActionKind('refactor.rewrite');
  static readonly Source = new CodeActionKind('source');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other: CodeActionKind): boolean {
    return this.value === '' || other.value === this.value || other.value.startsWith(`${this.value}.`);
  }
  intersects(other: CodeActionKind): boolean {
    return this.contains(other) || other.contains(this);
  }
}

export class SemanticTokensLegend {
  constructor(readonly tokenTypes: string[], readonly tokenModifiers: string[] = []) {}
}
