/**
 * The VS Code client: starts the language server over IPC and registers the two commands.
 * Everything about reports happens in the server; the commands ask it through custom requests.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { RestartPolicy } from './restartPolicy';
import type { Diagnostic } from 'vscode-languageclient';
import {
  CHECK_TEXTS_REQUEST,
  SKELETON_REQUEST,
  type CheckTextsParams,
  type SkeletonParams,
  type SkeletonResult,
} from '../../server/src/features/protocol';

let client: LanguageClient | undefined;

/**
 * A .txt file is a report when its name or its title says so, as the manifest's filenamePatterns
 * and firstLine do; the title may be split over two lines or follow blank lines, so the first
 * three non-blank lines count here.
 */
const REPORT_NAME = /政府信息公开.*年度报告/;
const REPORT_FIRST_LINE = /政府信息公开工作年度报告|政府信息公开工作/;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'xxgk' }],
    synchronize: { configurationSection: 'xxgk' },
    errorHandler: restartingErrorHandler(new RestartPolicy()),
  };
  client = new LanguageClient('xxgk', vscode.l10n.t('Annual Report Language Server'), serverOptions, clientOptions);
  const workspaceProblems = vscode.languages.createDiagnosticCollection('xxgk-workspace');
  context.subscriptions.push(
    workspaceProblems,
    // An opened report gets its problems from the server directly; drop the command's copy.
    vscode.workspace.onDidOpenTextDocument((document) => workspaceProblems.delete(document.uri)),
    vscode.commands.registerCommand('xxgk.newReport', () => newReport()),
    vscode.commands.registerCommand('xxgk.checkWorkspace', () => checkWorkspace(workspaceProblems)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/**
 * Restarts a server that died, a bounded number of times (RestartPolicy), saying so once: one
 * message when it is first restarted, one when it is given up; the client's own messages are
 * suppressed (handled) so none repeats per crash.
 */
function restartingErrorHandler(policy: RestartPolicy): ErrorHandler {
  return {
    // Write/read errors on a live connection: keep going for a few, then let it close (and restart).
    error: (_error, _message, count) => ({
      action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown,
      handled: true,
    }),
    closed: () => {
      const decision = policy.closed();
      if (decision.notify === 'restarted') {
        void vscode.window.showWarningMessage(vscode.l10n.t('The annual report language server stopped unexpectedly and was restarted.'));
      } else if (decision.notify === 'gaveUp') {
        void vscode.window.showErrorMessage(
          vscode.l10n.t(
            'The annual report language server stopped {0} times in a few minutes and will not be restarted. Reload the window to start it again.',
            policy.maxRestarts + 1,
          ),
        );
      }
      return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
    },
  };
}

async function newReport(): Promise<vscode.TextDocument | undefined> {
  if (!client) return undefined;
  const body = await vscode.window.showInputBox({
    title: vscode.l10n.t('New Annual Report'),
    prompt: vscode.l10n.t('Name of the reporting body, e.g. 示例县示例镇人民政府'),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : vscode.l10n.t('Enter the name of the reporting body.')),
  });
  if (body === undefined) return undefined;
  const lastYear = new Date().getFullYear() - 1;
  const yearText = await vscode.window.showInputBox({
    title: vscode.l10n.t('New Annual Report'),
    prompt: vscode.l10n.t('Report year'),
    value: String(lastYear),
    ignoreFocusOut: true,
    validateInput: (value) => (/^(19|20)\d\d$/.test(value.trim()) ? undefined : vscode.l10n.t('Enter a year such as {0}.', lastYear)),
  });
  if (yearText === undefined) return undefined;
  const params: SkeletonParams = { body: body.trim(), year: Number(yearText.trim()) };
  const skeleton = await client.sendRequest<SkeletonResult>(SKELETON_REQUEST, params);
  const document = await vscode.workspace.openTextDocument({ language: 'xxgk', content: skeleton.text });
  await vscode.window.showTextDocument(document);
  return document;
}

function isReport(uri: vscode.Uri, text: string): boolean {
  if (uri.path.endsWith('.xxgk')) return true;
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  if (REPORT_NAME.test(name)) return true;
  const title = text
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '')
    .slice(0, 3)
    .join('');
  return REPORT_FIRST_LINE.test(title);
}

async function checkWorkspace(collection: vscode.DiagnosticCollection): Promise<number> {
  const languageClient = client;
  if (!languageClient) return 0;
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking annual reports…'), cancellable: true },
    async (progress, token) => {
      const files = await vscode.workspace.findFiles('**/*.{xxgk,txt}', '**/node_modules/**', undefined, token);
      const open = new Set(vscode.workspace.textDocuments.filter((d) => d.languageId === 'xxgk').map((d) => d.uri.toString()));
      const decoder = new TextDecoder('utf-8');
      let reports = 0;
      let problems = 0;
      collection.clear();
      for (let i = 0; i < files.length && !token.isCancellationRequested; i += 20) {
        const batch: CheckTextsParams['documents'] = [];
        for (const uri of files.slice(i, i + 20)) {
          const text = decoder.decode(await vscode.workspace.fs.readFile(uri));
          if (isReport(uri, text)) batch.push({ uri: uri.toString(), text });
        }
        if (!batch.length) continue;
        const results = await languageClient.sendRequest<{ uri: string; diagnostics: Diagnostic[] }[]>(
          CHECK_TEXTS_REQUEST,
          { documents: batch },
          token,
        );
        for (const result of results) {
          reports++;
          problems += result.diagnostics.length;
          if (open.has(result.uri)) continue;
          collection.set(vscode.Uri.parse(result.uri), await languageClient.protocol2CodeConverter.asDiagnostics(result.diagnostics));
        }
        progress.report({ increment: (100 * Math.min(20, files.length - i)) / files.length });
      }
      void vscode.window.showInformationMessage(vscode.l10n.t('Checked {0} annual reports: {1} problems.', reports, problems));
      if (problems) void vscode.commands.executeCommand('workbench.actions.view.problems');
      return reports;
    },
  );
}
