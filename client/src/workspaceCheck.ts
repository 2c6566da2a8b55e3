/**
 * 检查工作区所有年度报告: the server owns the workspace's reports (server/src/features/workspace.ts)
 * and their problems are its workspace diagnostics; this command asks it to read the folders again
 * (files changed without a watcher event) and says what it found. Opening a Word or PDF original
 * from the Problems panel, which VS Code cannot show as text, offers to import it (导入年度报告).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { WORKSPACE_RESCAN_REQUEST, type WorkspaceReport } from '../../server/src/features/protocol';

export async function checkWorkspace(client: LanguageClient): Promise<number> {
  const reports = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking annual reports…') },
    () => client.sendRequest<WorkspaceReport[]>(WORKSPACE_RESCAN_REQUEST, null),
  );
  const problems = reports.reduce((n, r) => n + r.errors + r.warnings + r.others, 0);
  void vscode.window.showInformationMessage(vscode.l10n.t('Checked {0} annual reports: {1} problems.', reports.length, problems));
  if (problems) void vscode.commands.executeCommand('workbench.actions.view.problems');
  return reports.length;
}

const BINARY_ORIGINAL = /\.(docx|pdf|mht|mhtml)$/i;

/** When a Word or PDF file with report problems is opened in a tab (e.g. from the Problems panel), offers to import it. */
export function offerImport(): vscode.Disposable {
  const offered = new Set<string>();
  return vscode.window.tabGroups.onDidChangeTabs((e) => {
    for (const tab of e.opened) {
      const input = tab.input;
      const uri = input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom ? input.uri : undefined;
      if (!uri || !BINARY_ORIGINAL.test(uri.path) || offered.has(uri.toString())) continue;
      const problems = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'xxgk');
      if (!problems.length) continue;
      offered.add(uri.toString());
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      void vscode.window
        .showInformationMessage(
          vscode.l10n.t(
            '{0} is a published original: its {1} problems say where to look in it. Import it as an editable report?',
            name,
            problems.length,
          ),
          vscode.l10n.t('Import Annual Report'),
        )
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('xxgk.importReport', uri);
        });
    }
  });
}
