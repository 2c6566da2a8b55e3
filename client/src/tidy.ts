/**
 * 整理为规范格式 (xxgk.tidy): asks the language server for the edits that rewrite the active report's
 * tables into the canonical layout (server/src/features/tidy.ts), applies them as one undoable edit,
 * and says what was done and what was left as it was.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TIDY_REQUEST, type UriParams } from '../../server/src/features/protocol';
import type { TidyResult } from '../../server/src/features/tidy';
import { LANGUAGE } from './recognise';

const NAMES: Record<number, string> = { 2: '二', 3: '三', 4: '四' };
const names = (tables: number[]) => tables.map((n) => NAMES[n] ?? String(n)).join('、');

export async function tidyDocument(client: LanguageClient): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open an annual report to tidy its tables.'));
    return false;
  }
  const document = editor.document;
  const version = document.version;
  const result = await client.sendRequest<TidyResult | null>(TIDY_REQUEST, { uri: document.uri.toString() } satisfies UriParams);
  if (!result) return false;
  if (document.version !== version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The report changed while it was being tidied; run the command again.'));
    return false;
  }
  let applied = false;
  if (result.edits.length) {
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(document.uri, client.protocol2CodeConverter.asRange(e.range), e.newText);
    applied = await vscode.workspace.applyEdit(edit);
  }
  const rewritten = result.edits.length;
  const parts: string[] = [];
  if (rewritten) parts.push(vscode.l10n.t('{0} tables rewritten in the canonical layout.', rewritten));
  if (result.unchanged.length) parts.push(vscode.l10n.t('Table {0} already canonical.', names(result.unchanged)));
  for (const k of result.kept)
    parts.push(vscode.l10n.t('Table {0}: {1} lines that are not part of it kept below it.', names([k.table]), k.lines.length));
  for (const s of result.skipped)
    parts.push(vscode.l10n.t('Table {0} left as it is: it holds other text («{1}»).', names([s.table]), s.text));
  if (result.missing.length) parts.push(vscode.l10n.t('Table {0} not found.', names(result.missing)));
  const message = parts.join(' ');
  if (result.skipped.length) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
  return applied;
}
