/**
 * 检查工作区所有年度报告: checks every report file of the workspace that would open as a report
 * (recognise.ts decides, with the same function and the same decoding as opening does) and lists
 * their problems. A file's problems stay listed until it is open as a report, when the language
 * server's own diagnostics for it take over (so nothing is listed twice and nothing vanishes).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { Diagnostic } from 'vscode-languageclient';
import { CHECK_TEXTS_REQUEST, type CheckTextsParams } from '../../server/src/features/protocol';
import { LANGUAGE, isReportFile, readLikeEditor } from './recognise';

export function workspaceProblems(context: vscode.ExtensionContext): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('xxgk-workspace');
  const handOver = (document: vscode.TextDocument) => {
    if (document.languageId === LANGUAGE) collection.delete(document.uri);
  };
  context.subscriptions.push(collection, vscode.workspace.onDidOpenTextDocument(handOver));
  return collection;
}

export async function checkWorkspace(client: LanguageClient, collection: vscode.DiagnosticCollection): Promise<number> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking annual reports…'), cancellable: true },
    async (progress, token) => {
      const files = await vscode.workspace.findFiles('**/*.{xxgk,txt}', '**/node_modules/**', undefined, token);
      const openDocuments = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
      let reports = 0;
      let problems = 0;
      collection.clear();
      for (let i = 0; i < files.length && !token.isCancellationRequested; i += 20) {
        const batch: CheckTextsParams['documents'] = [];
        for (const uri of files.slice(i, i + 20)) {
          const open = openDocuments.get(uri.toString());
          let text: string;
          try {
            text = open ? open.getText() : (await readLikeEditor(uri)).text;
          } catch {
            continue; // deleted meanwhile, or unreadable: nothing to list
          }
          if (open?.languageId === LANGUAGE || isReportFile(uri, text)) batch.push({ uri: uri.toString(), text });
        }
        if (!batch.length) continue;
        const results = await client.sendRequest<{ uri: string; diagnostics: Diagnostic[] }[]>(
          CHECK_TEXTS_REQUEST,
          { documents: batch },
          token,
        );
        for (const result of results) {
          reports++;
          problems += result.diagnostics.length;
          // An open report has the server's own diagnostics.
          if (openDocuments.get(result.uri)?.languageId === LANGUAGE) continue;
          collection.set(vscode.Uri.parse(result.uri), await client.protocol2CodeConverter.asDiagnostics(result.diagnostics));
        }
        progress.report({ increment: (100 * Math.min(20, files.length - i)) / files.length });
      }
      void vscode.window.showInformationMessage(vscode.l10n.t('Checked {0} annual reports: {1} problems.', reports, problems));
      if (problems) void vscode.commands.executeCommand('workbench.actions.view.problems');
      return reports;
    },
  );
}
