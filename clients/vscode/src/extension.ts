import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  WorkspaceEdit as LspWorkspaceEdit,
} from 'vscode-languageclient/node';

import {
  GENERATE_COMMAND,
  NO_GENERATION_MESSAGE,
  generateArguments,
  interpretResult,
  serverSupportsGenerate,
  textToInsert,
  validateDescription,
} from './generate';
import { Interpreter, PythonExtensionApi, interpreterFromPythonApi, resolveInterpreter, serverCommand } from './interpreter';
import { INITIAL_MODEL_STATE, MODEL_STATE_NOTIFICATION, ModelState, parseModelState, statusView } from './modelState';
import { probeInterpreter, withoutOwnCommands } from './probe';
import { RESTART_KEYS, environmentOption, toInitializationOptions } from './settings';

const CLIENT_ID = 'wfl';
const CLIENT_NAME = 'wfl language server';
/** Commands this extension registers; a server command of the same id must not be registered again. */
const OWN_COMMANDS = new Set([GENERATE_COMMAND, 'wfl.restartServer', 'wfl.showOutput']);

let client: LanguageClient | undefined;
let interpreter: Interpreter | undefined;
let output: vscode.LogOutputChannel;
let status: vscode.StatusBarItem;
let dynamicCommands = new Set<string>();
let starting: Promise<void> | undefined;
/** `wfl.environment` as sent in the initialization options of the running server. */
let startEnvironment: string | string[] | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('wfl', { log: true });
  status = vscode.window.createStatusBarItem('wfl.modelState', vscode.StatusBarAlignment.Right, 100);
  status.name = 'wfl model';
  status.command = 'wfl.showOutput';
  showModelState(INITIAL_MODEL_STATE);
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('wfl.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('wfl.restartServer', () => restart()),
    vscode.commands.registerCommand(GENERATE_COMMAND, () => generate()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      const environment = environmentOption(vscode.workspace.getConfiguration('wfl').get('environment'));
      // The server prefers settings, then initialization options, then wfl.toml: once an
      // environment was set at start, only a restart returns to wfl.toml when it is cleared.
      const cleared = startEnvironment !== undefined && environment === undefined;
      if (cleared || RESTART_KEYS.some((key) => event.affectsConfiguration(`wfl.${key}`))) {
        void restart();
      }
    }),
  );
  watchPythonExtension(context);
  starting = start();
  await starting;
}

export async function deactivate(): Promise<void> {
  await stop();
}

// ------------------------------------------------------------------ server lifecycle

async function pythonApi(): Promise<PythonExtensionApi | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
  if (!extension) {
    return undefined;
  }
  return extension.isActive ? extension.exports : await extension.activate();
}

function workspaceFolderPath(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

async function start(): Promise<void> {
  const config = vscode.workspace.getConfiguration('wfl');
  const folder = vscode.workspace.workspaceFolders?.[0];
  interpreter = await resolveInterpreter({
    configured: config.get('server.pythonPath'),
    pythonExtension: async () => interpreterFromPythonApi(await pythonApi(), folder?.uri),
    expand: { workspaceFolder: workspaceFolderPath(), home: process.env.HOME ?? process.env.USERPROFILE, env: process.env },
  });
  output.appendLine(`wfl: using ${interpreter.command} (from ${interpreter.source})`);
  const probe = await probeInterpreter(interpreter.command, 15_000, workspaceFolderPath());
  if (!probe.ok) {
    output.appendLine(`wfl: cannot start the server: ${probe.reason}`);
    // Not awaited: activation must not wait for the user to dismiss the message.
    void vscode.window
      .showErrorMessage(`wfl: cannot start the language server: ${probe.reason}.`, 'Set Python Path', 'Show Output')
      .then((choice) => {
        if (choice === 'Set Python Path') {
          void vscode.commands.executeCommand('workbench.action.openSettings', 'wfl.server.pythonPath');
        } else if (choice === 'Show Output') {
          output.show(true);
        }
      });
    return;
  }
  output.appendLine(`wfl: server version ${probe.version}`);

  const { command, args } = serverCommand(interpreter.command);
  const serverOptions: ServerOptions = { command, args, options: { cwd: workspaceFolderPath() } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'wfl' },
      { scheme: 'untitled', language: 'wfl' },
    ],
    synchronize: { configurationSection: 'wfl' },
    initializationOptions: toInitializationOptions((key) => config.get(key)),
    middleware: {
      workspace: {
        // Send the section in the same shape as the initialization options (unset values left
        // out), so that an empty `wfl.environment` does not make the server reload for nothing.
        didChangeConfiguration: async () => {
          const current = vscode.workspace.getConfiguration('wfl');
          await next.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { wfl: toInitializationOptions((key) => current.get(key)) },
          });
        },
      },
    },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  startEnvironment = clientOptions.initializationOptions.environment;
  const next = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  dynamicCommands = new Set();
  skipOwnCommands(next);
  next.onNotification(MODEL_STATE_NOTIFICATION, (params: unknown) => {
    const state = parseModelState(params);
    if (state) {
      showModelState(state);
    }
  });
  next.onDidChangeState((event) => {
    if (event.newState === State.Stopped) {
      showModelState(INITIAL_MODEL_STATE);
    }
  });
  client = next;
  try {
    await next.start();
  } catch (error) {
    output.appendLine(`wfl: the server failed to start: ${String(error)}`);
    void vscode.window.showErrorMessage('wfl: the language server failed to start; see "wfl: Show server output".');
  }
}

/**
 * vscode-languageclient registers a VS Code command for every command the server advertises, which
 * throws for ids this extension already registers (`wfl.generate`): drop those and remember them.
 */
function skipOwnCommands(lc: LanguageClient): void {
  type Registration = { id: string; registerOptions: { commands?: string[] } };
  const feature = (lc as unknown as { getFeature(method: string): { register(data: Registration): void } | undefined })
    .getFeature(ExecuteCommandRequest.method);
  if (!feature) {
    return;
  }
  const register = feature.register.bind(feature);
  feature.register = (data: Registration) => {
    for (const command of data.registerOptions.commands ?? []) {
      dynamicCommands.add(command);
    }
    register({ ...data, registerOptions: { ...data.registerOptions, commands: withoutOwnCommands(data.registerOptions.commands, OWN_COMMANDS) } });
  };
}

async function stop(): Promise<void> {
  const current = client;
  client = undefined;
  if (current) {
    try {
      await current.stop(2_000);
    } catch (error) {
      output.appendLine(`wfl: stopping the server: ${String(error)}`);
    }
    await current.dispose().catch(() => undefined);
  }
  showModelState(INITIAL_MODEL_STATE);
}

async function restart(): Promise<void> {
  if (starting) {
    await starting.catch(() => undefined);
  }
  output.appendLine('wfl: restarting the server');
  await stop();
  starting = start();
  await starting;
}

function watchPythonExtension(context: vscode.ExtensionContext): void {
  const extension = vscode.extensions.getExtension('ms-python.python');
  if (!extension) {
    return;
  }
  void Promise.resolve(extension.isActive ? extension.exports : extension.activate()).then(
    (api: { environments?: { onDidChangeActiveEnvironmentPath?: vscode.Event<unknown> } } | undefined) => {
      const event = api?.environments?.onDidChangeActiveEnvironmentPath;
      if (event) {
        context.subscriptions.push(
          event(() => {
            if (interpreter?.source === 'python-extension') {
              void restart();
            }
          }),
        );
      }
    },
    () => undefined,
  );
}

function showModelState(model: ModelState): void {
  if (!status) {
    return;
  }
  const view = statusView(model);
  status.text = view.text;
  status.tooltip = view.tooltip;
  status.backgroundColor = view.severity === 'warning' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  if (view.visible) {
    status.show();
  } else {
    status.hide();
  }
}

// ------------------------------------------------------------------ generation

async function generate(): Promise<void> {
  if (starting) {
    await starting.catch(() => undefined);
  }
  const lc = client;
  if (!lc || !lc.isRunning()) {
    void vscode.window.showWarningMessage('wfl: the language server is not running (see "wfl: Show server output").');
    return;
  }
  if (!serverSupportsGenerate(lc.initializeResult?.capabilities, dynamicCommands)) {
    void vscode.window.showInformationMessage(NO_GENERATION_MESSAGE);
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).replace(/^\s*#\s?/gm, '') : '';
  const description = await vscode.window.showInputBox({
    title: 'wfl: Generate workflow from description',
    prompt: 'Describe the workflow in plain words',
    placeHolder: 'turn on the hallway light when someone comes home after sunset',
    value: selected.trim(),
    ignoreFocusOut: true,
    validateInput: validateDescription,
  });
  if (description === undefined) {
    return;
  }
  const target = editor && editor.document.languageId === 'wfl' ? editor : undefined;
  let position: vscode.Position | undefined;
  if (target) {
    const line = target.selection.end.line;
    const text = target.document.lineAt(line).text;
    position = text.trim() === '' ? new vscode.Position(line, 0) : new vscode.Position(line, text.length);
  }
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'wfl: generating a workflow…', cancellable: true },
    (_progress, token) =>
      lc.sendRequest(
        ExecuteCommandRequest.type,
        {
          command: GENERATE_COMMAND,
          arguments: generateArguments(
            description,
            target?.document.uri.toString(),
            position ? { line: position.line, character: position.character } : undefined,
          ),
        },
        token,
      ),
  ).then(
    (value) => value as unknown,
    (error: unknown) => {
      void vscode.window.showErrorMessage(`wfl: generation failed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    },
  );
  const outcome = interpretResult(result);
  if (outcome.kind === 'edit') {
    const edit = await lc.protocol2CodeConverter.asWorkspaceEdit(outcome.edit as LspWorkspaceEdit);
    await vscode.workspace.applyEdit(edit);
  } else if (outcome.kind === 'text') {
    if (target && position) {
      const lineText = target.document.lineAt(position.line).text;
      await target.edit((builder) => builder.insert(position!, textToInsert(outcome.text, lineText)));
    } else {
      const doc = await vscode.workspace.openTextDocument({ language: 'wfl', content: outcome.text });
      await vscode.window.showTextDocument(doc);
    }
  }
  if (outcome.kind !== 'none' && outcome.detail) {
    void vscode.window.showInformationMessage(`wfl: ${outcome.detail}`);
  }
}
