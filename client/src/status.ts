/**
 * The report's status item (in the status bar, while a report is the active editor): year, format
 * and problem counts of the active report, and whether it was recognised by its content. Year and format come
 * from the language server (xxgk/summary), the counts from the diagnostics VS Code shows.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SUMMARY_REQUEST, type ReportSummary, type UriParams } from '../../server/src/features/protocol';
import { LANGUAGE, type Recogniser } from './recognise';

export function reportStatus(client: LanguageClient, recogniser: Recogniser): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('xxgk.report', vscode.StatusBarAlignment.Right, 200);
  item.name = vscode.l10n.t('Annual Report');
  item.command = { title: vscode.l10n.t('Show Problems'), command: 'workbench.actions.view.problems' };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE) {
      item.hide();
      return;
    }
    const uri = editor.document.uri;
    const mine = ++generation;
    let info: ReportSummary | null;
    try {
      info = await client.sendRequest<ReportSummary | null>(SUMMARY_REQUEST, { uri: uri.toString() } satisfies UriParams);
    } catch {
      info = null; // cancelled or the server restarting: counts only
    }
    if (mine !== generation) return;
    const diagnostics = vscode.languages.getDiagnostics(uri);
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    const others = diagnostics.length - errors - warnings;
    const parts: string[] = [];
    if (info?.year) parts.push(vscode.l10n.t('year {0}', info.year));
    if (info?.format) parts.push(vscode.l10n.t('{0} format', info.format));
    parts.push(
      diagnostics.length
        ? `$(error) ${errors} $(warning) ${warnings}${others ? ` $(info) ${others}` : ''}`
        : vscode.l10n.t('$(check) no problems'),
    );
    const byContent = recogniser.byContent.has(uri.toString());
    const what = byContent ? vscode.l10n.t('Report (recognised by content)') : vscode.l10n.t('Report');
    item.text = `$(file-text) ${what} · ${parts.join(' · ')}`;
    item.tooltip = byContent ? vscode.l10n.t('recognised by its content (xxgk.detect)') : vscode.l10n.t('annual report');
    item.backgroundColor = errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void update(), 150);
  };
  const subscriptions = [
    item,
    vscode.window.onDidChangeActiveTextEditor(soon),
    vscode.workspace.onDidOpenTextDocument(soon),
    vscode.languages.onDidChangeDiagnostics((e) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (e.uris.some((u) => u.toString() === active)) soon();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) soon();
    }),
    recogniser.onDidRecognise(soon),
  ];
  soon();
  return vscode.Disposable.from(...subscriptions, { dispose: () => timer && clearTimeout(timer) });
}
