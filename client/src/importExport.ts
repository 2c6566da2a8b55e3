/**
 * 导入年度报告（Word/PDF/网页）… and 导出为 Word/网页: the conversions run in the bundled command-line
 * tool (dist/cli.js, forked as a Node process), so the readers and writers (htmlparser2, fflate, pdfjs,
 * docx) never enter the client bundle. Import opens the canonical text as a new report; export writes
 * the current report in the official layout where the user says.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import * as vscode from 'vscode';

/** Runs the bundled CLI; resolves with its exit code and output (a minute at most). */
function runCli(context: vscode.ExtensionContext, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = fork(context.asAbsolutePath('dist/cli.js'), args, { silent: true });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: 2, stdout, stderr: stderr || e.message });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({
        code: code ?? 2,
        stdout,
        stderr: stderr || (code === null ? vscode.l10n.t('The conversion took too long and was stopped.') : ''),
      });
    });
  });
}

/** Imports `given` (e.g. an original opened from the Problems panel), or a file the user picks. */
async function importReport(context: vscode.ExtensionContext, given?: vscode.Uri): Promise<void> {
  const picked = given
    ? [given]
    : await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: vscode.l10n.t('Import'),
        filters: {
          [vscode.l10n.t('Published reports (Word, PDF, web page)')]: ['docx', 'pdf', 'html', 'htm', 'mht', 'mhtml'],
          [vscode.l10n.t('Text with HTML tables (Markdown from a PDF converter)')]: ['md', 'markdown', 'txt'],
        },
      });
  const file = picked?.[0];
  if (!file) return;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0}…', basename(file.fsPath)) },
    () => runCli(context, ['convert', file.fsPath]),
  );
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not import {0}: {1}', basename(file.fsPath), result.stderr.trim()));
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'xxgk', content: result.stdout });
  await vscode.window.showTextDocument(doc);
}

async function exportReport(context: vscode.ExtensionContext): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'xxgk') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open an annual report to export it.'));
    return;
  }
  const choice = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Word document (.docx)'), to: 'docx' },
      { label: vscode.l10n.t('Web page (.html)'), to: 'html' },
    ],
    { placeHolder: vscode.l10n.t('Export the report in the official layout as') },
  );
  if (!choice) return;
  const doc = editor.document;
  const base = doc.isUntitled ? vscode.l10n.t('annual report') : basename(doc.uri.fsPath, extname(doc.uri.fsPath));
  const folder = doc.isUntitled ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(doc.uri, '..');
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${base}.${choice.to}`) : undefined,
    filters: { [choice.label]: [choice.to] },
  });
  if (!target) return;
  // The text as it is in the editor (saved or not) goes through a temporary file.
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-export-'));
  try {
    const source = join(dir, 'report.xxgk');
    writeFileSync(source, doc.getText());
    const result = await runCli(context, ['export', source, '--to', choice.to, '-o', target.fsPath]);
    if (result.code !== 0) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the report: {0}', result.stderr.trim()));
      return;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const open = vscode.l10n.t('Open');
  if ((await vscode.window.showInformationMessage(vscode.l10n.t('Exported to {0}', basename(target.fsPath)), open)) === open) {
    await vscode.env.openExternal(target);
  }
}

/** The two commands, for extension.ts to register. */
export function importExportCommands(context: vscode.ExtensionContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('xxgk.importReport', (uri?: unknown) =>
      importReport(context, uri instanceof vscode.Uri ? uri : undefined),
    ),
    vscode.commands.registerCommand('xxgk.exportReport', () => exportReport(context)),
  ];
}
