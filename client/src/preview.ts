/**
 * 报表预览: tables 二, 三 and 四 drawn as the official template draws them, beside the editor, like
 * Markdown's preview. The language server computes the tables (xxgk/preview, one request per
 * document version); the webview only draws them. Every value cell is coloured by its state; hovering
 * one shows its row, column and derivation; clicking one selects it in the text; the cell under the
 * cursor is outlined and kept in view; the preview follows the active report and its edits.
 *
 * The webview loads nothing: its Content-Security-Policy allows only this file's nonce'd style and
 * script, no remote content, no other origin.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_REQUEST, type PreviewData, type UriParams } from '../../server/src/features/protocol';
import { LANGUAGE } from './recognise';

type FromWebview = { type: 'reveal'; range: { start: { line: number; character: number }; end: { line: number; character: number } } };

export class ReportPreview implements vscode.Disposable {
  static readonly viewType = 'xxgk.preview';
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor?.document.languageId === LANGUAGE && editor.document !== this.document) {
          this.document = editor.document;
          this.refresh(0);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document === this.document) this.refresh(120);
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.panel && e.textEditor.document === this.document) this.postCursor(e.selections[0].active);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d === this.document) this.document = undefined;
      }),
    );
  }

  dispose(): void {
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
    if (this.timer) clearTimeout(this.timer);
  }

  /** Opens (or reveals) the preview beside the active report. */
  show(): void {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== LANGUAGE) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open an annual report to preview its tables.'));
      return;
    }
    this.document = editor.document;
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      this.panel = vscode.window.createWebviewPanel(
        ReportPreview.viewType,
        vscode.l10n.t('Report Preview'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: false },
      );
      this.panel.webview.html = html(nonce());
      this.panel.webview.onDidReceiveMessage((m: FromWebview) => void this.reveal(m));
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible) this.refresh(0);
      });
    }
    this.refresh(0);
  }

  private refresh(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const panel = this.panel;
    const document = this.document;
    if (!panel || !document) return;
    const mine = ++this.generation;
    let data: PreviewData | null;
    try {
      data = await this.client.sendRequest<PreviewData | null>(PREVIEW_REQUEST, { uri: document.uri.toString() } satisfies UriParams);
    } catch {
      return; // cancelled by a newer edit, or the server restarting: the next update draws it
    }
    if (mine !== this.generation || !data || panel !== this.panel) return;
    panel.title = vscode.l10n.t('Preview: {0}', document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1));
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
    void panel.webview.postMessage({ type: 'data', data, cursor: editor?.selection.active });
  }

  private postCursor(position: vscode.Position): void {
    void this.panel?.webview.postMessage({ type: 'cursor', cursor: { line: position.line, character: position.character } });
  }

  /** A click on a cell: select its text in the report's editor. */
  private async reveal(message: FromWebview): Promise<void> {
    if (message?.type !== 'reveal' || !this.document) return;
    const { start, end } = message.range;
    const range = new vscode.Range(start.line, start.character, end.line, end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    const editor = await vscode.window.showTextDocument(this.document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: range,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

function nonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64');
}

function html(n: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${n}'; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${n}">${STYLE}</style>
</head>
<body>
<header id="title"></header>
<div id="legend"></div>
<main id="tables"></main>
<div id="tip" role="tooltip"></div>
<script nonce="${n}">${SCRIPT}</script>
</body>
</html>`;
}

const STYLE = `
body { font-family: var(--vscode-font-family), "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; font-size: 13px; color: var(--vscode-foreground); padding: 8px 16px 32px; }
header { font-size: 1.2em; font-weight: 600; margin: 4px 0 8px; }
header small { font-weight: normal; opacity: .75; margin-left: 1em; }
h2 { font-size: 1.05em; margin: 20px 0 6px; }
table { border-collapse: collapse; margin-bottom: 8px; }
th, td { border: 1px solid var(--vscode-editorWidget-border, #888); padding: 3px 6px; }
th { background: var(--vscode-editorWidget-background); font-weight: normal; text-align: center; }
td.label { text-align: left; max-width: 22em; }
td.value { text-align: right; min-width: 2.5em; font-variant-numeric: tabular-nums; cursor: pointer; }
td.label.linked { cursor: pointer; }
td.value:hover, td.label.linked:hover { outline: 1px solid var(--vscode-focusBorder); }
.consistent { background: rgba(46, 160, 67, .16); }
.suspect { background: rgba(210, 153, 34, .38); }
.broken { background: rgba(248, 81, 73, .45); font-weight: 700; }
.blank { background: repeating-linear-gradient(45deg, transparent 0 4px, rgba(128,128,128,.25) 4px 8px); }
.unreadable { background: rgba(163, 113, 247, .40); }
.absent { background: rgba(128, 128, 128, .12); color: var(--vscode-disabledForeground); }
td.current { outline: 2px solid var(--vscode-focusBorder); outline-offset: -2px; }
#legend span { display: inline-block; padding: 1px 8px; margin: 0 6px 4px 0; border: 1px solid var(--vscode-editorWidget-border, #888); }
#tip { position: fixed; display: none; white-space: pre-line; max-width: 32em; padding: 4px 8px; z-index: 10;
  background: var(--vscode-editorHoverWidget-background); color: var(--vscode-editorHoverWidget-foreground);
  border: 1px solid var(--vscode-editorHoverWidget-border); pointer-events: none; }
`;

const SCRIPT = `
(function () {
  const vscode = acquireVsCodeApi();
  const tip = document.getElementById('tip');
  const cells = [];
  const before = (a, b) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function draw(data, cursor) {
    const title = document.getElementById('title');
    title.textContent = data.title;
    title.appendChild(el('small', '', data.format));
    const legend = document.getElementById('legend');
    legend.textContent = '';
    for (const [state, name] of Object.entries(data.legend)) legend.appendChild(el('span', state, name));
    const main = document.getElementById('tables');
    main.textContent = '';
    cells.length = 0;
    for (const t of data.tables) {
      main.appendChild(el('h2', '', t.caption));
      const table = el('table');
      table.dataset.table = String(t.number);
      for (const [part, rows] of [['thead', t.head], ['tbody', t.body]]) {
        if (!rows.length) continue;
        const section = el(part);
        for (const row of rows) {
          const tr = el('tr');
          for (const c of row) {
            const td = el(c.kind === 'head' ? 'th' : 'td', c.kind === 'head' ? '' : c.kind + (c.state ? ' ' + c.state : '') + (c.range ? ' linked' : ''), c.text);
            if (c.rowspan) td.rowSpan = c.rowspan;
            if (c.colspan) td.colSpan = c.colspan;
            if (c.state) td.dataset.state = c.state;
            if (c.title) td.dataset.tip = c.title;
            if (c.range) { td.dataset.line = String(c.range.start.line); cells.push({ td, range: c.range }); td.addEventListener('click', () => vscode.postMessage({ type: 'reveal', range: c.range })); }
            tr.appendChild(td);
          }
          section.appendChild(tr);
        }
        table.appendChild(section);
      }
      main.appendChild(table);
    }
    if (cursor) follow(cursor, false);
  }
  function follow(cursor, scroll) {
    let found;
    for (const c of cells) {
      const on = before(c.range.start, cursor) && before(cursor, c.range.end);
      c.td.classList.toggle('current', on && !found);
      if (on && !found) found = c.td;
    }
    if (found && scroll) found.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
  document.addEventListener('mouseover', (e) => {
    const td = e.target.closest && e.target.closest('td[data-tip]');
    if (!td) { tip.style.display = 'none'; return; }
    tip.textContent = td.dataset.tip;
    tip.style.display = 'block';
    const box = td.getBoundingClientRect();
    tip.style.left = Math.max(4, Math.min(box.left, window.innerWidth - tip.offsetWidth - 4)) + 'px';
    tip.style.top = (box.bottom + 4 + tip.offsetHeight > window.innerHeight ? box.top - tip.offsetHeight - 4 : box.bottom + 4) + 'px';
  });
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m.type === 'data') { draw(m.data, m.cursor); vscode.setState({ version: m.data.version }); document.body.dataset.version = String(m.data.version); }
    else if (m.type === 'cursor') follow(m.cursor, true);
  });
})();
`;
