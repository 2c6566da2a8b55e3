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
import { SKELETON_REQUEST, type SkeletonParams, type SkeletonResult } from '../../server/src/features/protocol';
import { ReportPreview } from './preview';
import { Recogniser } from './recognise';
import { reportStatus } from './status';
import { tidyDocument } from './tidy';
import { checkWorkspace, offerImport } from './workspaceCheck';
import { ReportsView } from './reportsView';
import { importExportCommands } from './importExport';

let client: LanguageClient | undefined;

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
  const languageClient = new LanguageClient('xxgk', vscode.l10n.t('Annual Report Language Server'), serverOptions, clientOptions);
  client = languageClient;
  const recogniser = new Recogniser();
  const preview = new ReportPreview(languageClient);
  context.subscriptions.push(
    recogniser,
    preview,
    reportStatus(languageClient, recogniser),
    new ReportsView(languageClient),
    offerImport(),
    vscode.commands.registerCommand('xxgk.newReport', () => newReport()),
    vscode.commands.registerCommand('xxgk.checkWorkspace', () => checkWorkspace(languageClient)),
    vscode.commands.registerCommand('xxgk.showPreview', () => preview.show()),
    vscode.commands.registerCommand('xxgk.tidy', () => tidyDocument(languageClient)),
    ...importExportCommands(context),
  );
  await languageClient.start();
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
