/**
 * Which documents are reports, decided as the workspace check decides it (one function,
 * `isReportFile`): `.xxgk` files, names like the manifest's filenamePatterns, and — with
 * `xxgk.detect` on — `.txt` and untitled documents whose content the engine recognises
 * (server/src/report/detect.ts). Such documents are switched to the `xxgk` language when they open
 * (an untitled one also when text is pasted into it); a report file that is not UTF-8 but reads as
 * GB18030 is first reopened in that encoding, so what is checked is what the clerk wrote.
 */
import * as vscode from 'vscode';
import { REPORT_NAME, isReportName } from '../../server/src/features/recognition';
import { decodeGuessed, guessEncoding } from './encoding';

export const LANGUAGE = 'xxgk';

export function detectEnabled(uri?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('xxgk', uri).get<boolean>('detect', true);
}

const baseName = (uri: vscode.Uri) => uri.path.slice(uri.path.lastIndexOf('/') + 1);

/** Whether a file or untitled document with this name and text is a report (opened as one, and checked by the workspace check). */
export function isReportFile(uri: vscode.Uri, text: string, detect = detectEnabled(uri)): boolean {
  return isReportName(baseName(uri), text, detect, uri.scheme === 'untitled');
}

export class Recogniser implements vscode.Disposable {
  /** Documents this extension switched (or found switched), so a user's switching back is respected. */
  private readonly decided = new Set<string>();
  /** Documents switched because of their content (not their name): the status item says so. */
  readonly byContent = new Set<string>();
  private readonly reopening = new Set<string>();
  /** Files already tried in another encoding (once each). */
  private readonly reencoded = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  readonly onDidRecognise = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidOpenTextDocument((d) => void this.consider(d)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // An untitled document becomes a report when one is pasted into it.
        if (e.document.uri.scheme === 'untitled' && e.contentChanges.length) void this.consider(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme === 'untitled') this.decided.delete(d.uri.toString());
      }),
    ];
    for (const d of vscode.workspace.textDocuments) void this.consider(d);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private async consider(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const garbled = () =>
      document.uri.scheme !== 'untitled' && !document.isDirty && !this.reencoded.has(key) && document.getText().includes('\ufffd');
    if (document.languageId === LANGUAGE) {
      this.decided.add(key);
      if (garbled()) {
        this.reencoded.add(key);
        await this.reopenInEncoding(document);
      }
      return;
    }
    if (this.decided.has(key) || this.reopening.has(key)) return;
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'untitled' && document.uri.scheme !== 'vscode-remote') return;
    const name = baseName(document.uri).toLowerCase();
    if (document.uri.scheme !== 'untitled' && !name.endsWith('.txt') && !name.endsWith('.xxgk')) return;
    if (!detectEnabled(document.uri)) return;
    let text = document.getText();
    if (garbled()) {
      this.reencoded.add(key);
      const reopened = await this.reopenInEncoding(document);
      if (reopened) text = reopened.getText();
      document = reopened ?? document;
    }
    if (!isReportFile(document.uri, text)) return;
    this.decided.add(key);
    if (!REPORT_NAME.test(name) && !name.endsWith('.xxgk')) this.byContent.add(key);
    const switched = await vscode.languages.setTextDocumentLanguage(document, LANGUAGE);
    this.changed.fire(switched);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Recognised as an annual report by its content (setting xxgk.detect)'), 8000);
  }

  /** A report file shown with replacement characters because it is GB18030: reopened in that encoding. */
  private async reopenInEncoding(document: vscode.TextDocument): Promise<vscode.TextDocument | undefined> {
    const key = document.uri.toString();
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(document.uri);
    } catch {
      return undefined;
    }
    const encoding = guessEncoding(bytes);
    if (encoding !== 'gb18030') return undefined;
    if (!isReportFile(document.uri, decodeGuessed(bytes, encoding))) return undefined;
    this.reopening.add(key);
    try {
      const reopened = await vscode.workspace.openTextDocument(document.uri, { encoding: 'gb18030' });
      const name = baseName(document.uri);
      void vscode.window
        .showInformationMessage(
          vscode.l10n.t('{0} is not UTF-8: it was reopened in the GB18030 encoding (GBK, GB2312).', name),
          vscode.l10n.t('Reopen with Another Encoding'),
        )
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.editor.changeEncoding');
        });
      return reopened;
    } catch (e) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          '{0} looks like a GB18030 (GBK) file but could not be reopened in that encoding: {1}',
          baseName(document.uri),
          String(e),
        ),
      );
      return undefined;
    } finally {
      this.reopening.delete(key);
    }
  }
}
