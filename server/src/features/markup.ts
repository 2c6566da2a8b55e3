/**
 * Reports whose tables are HTML markup, open in the editor (PDF→Markdown converters write tables
 * with merged cells as `<table>` with rowspan/colspan). The engine reads `|`, tab and PDF rows, not
 * markup: such a document is checked through its markup instead — converted as the CLI reads it
 * (io/html.ts readTextTables), analysed, and every diagnostic placed back at its line and column in
 * the document — with a `table-markup` note on each table. Its edits would be made on the converted
 * text, not on this one: the only actions offered convert tables in place (each `<table>…</table>`
 * replaced by its canonical rows, the text around it untouched), after which the document is an
 * ordinary report with every fix. Its hovers, inlay hints, outline, folding and completion are the
 * converted reading's too, placed at their cells (markupFeatures.ts).
 */
import type { CodeAction, CodeActionParams, Diagnostic, Range, TextEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import { CELL_TAG, canonicalMarkupTable, lineColumn, lineStarts, markupTables, readTextTables } from '../io/html';
import { locate, rangeAt, type SourceDocument } from '../io/document';
import { RULES } from '../report/rules';
import { localize, type SplitText } from '../report';
import { analyzeText, type Analysis } from './analysis';
import { DIAGNOSTIC_SOURCE, documentDiagnostics, toLspDiagnostic } from './diagnostics';

/** Whether a content may hold table markup (its lines looked at, not joined). */
export function mayHoldMarkup(content: string | SplitText): boolean {
  if (typeof content === 'string') return CELL_TAG.test(content);
  for (const line of content.lines) if (line.indexOf('<') >= 0 && CELL_TAG.test(line)) return true;
  return false;
}

export interface MarkupView {
  /** The tables' markup, outermost ones, as offsets [start, end) in the document's text. */
  tables: [number, number][];
  /** The document's text and its line starts (for positions of those offsets). */
  text: string;
  starts: number[];
  /** The document read through its markup, with the map back. */
  doc: SourceDocument;
  /** The analysis of that reading. */
  converted: Analysis;
}

const views = new WeakMap<Analysis, MarkupView | null>();

/** The document read through its table markup, or null when it holds none (an ordinary report). */
export function markupView(analysis: Analysis): MarkupView | null {
  if (!analysis.markupHint) return null;
  const known = views.get(analysis);
  if (known !== undefined) return known;
  const text = analysis.text;
  const tables = markupTables(text);
  const doc = tables.length ? readTextTables(text, tables) : null;
  const view = doc
    ? {
        tables,
        text,
        starts: lineStarts(text),
        doc,
        converted: {
          uri: analysis.uri,
          version: analysis.version,
          text: doc.text,
          settings: analysis.settings,
          ...analyzeText(doc.text, analysis.settings, analysis.markupCache),
        },
      }
    : null;
  views.set(analysis, view);
  return view;
}

/** An offset's position (0-based line and character). */
function positionAt(starts: number[], offset: number) {
  const { line, column } = lineColumn(starts, offset);
  return { line: line - 1, character: column - 1 };
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A range of the converted text placed in the document: where its cell or line came from. */
function placed(doc: SourceDocument, range: Range): Range {
  const loc = locate(doc, range);
  return loc?.kind === 'text' ? rangeAt(loc, range) : ZERO;
}

/** A result made from the converted reading (the report preview), every `range` in it placed in the document. */
export function placeRanges<T>(view: MarkupView, data: T): T {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      out[k] = k === 'range' && x && typeof x === 'object' && 'start' in x ? placed(view.doc, x as Range) : walk(x);
    return out;
  };
  return walk(data) as T;
}

/** The diagnostics of a document read through its markup: the converted reading's, placed back, and a note on each table. */
export function markupDiagnostics(analysis: Analysis, view: MarkupView): Diagnostic[] {
  const uri = analysis.uri;
  const items: Diagnostic[] = documentDiagnostics(view.converted).map((d) => ({
    ...d,
    range: placed(view.doc, d.range),
    relatedInformation: d.relatedInformation?.map((r) =>
      r.location.uri === uri ? { ...r, location: { uri, range: placed(view.doc, r.location.range) } } : r,
    ),
  }));
  const severity = analysis.settings.severity['table-markup'] ?? RULES['table-markup'].severity;
  if (severity !== 'off') {
    const starts = view.starts;
    for (const [from] of view.tables) {
      const tagEnd = analysis.text.indexOf('>', from) + 1;
      items.push(
        toLspDiagnostic(uri, {
          code: 'table-markup',
          severity,
          message: localize('table-markup', {}, analysis.settings.locale),
          range: { start: positionAt(starts, from), end: positionAt(starts, tagEnd > from ? tagEnd : from) },
          related: [],
        }),
      );
    }
  }
  return items.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The edit that converts the table markup text[from, to) in place: its canonical rows, on lines of their own. */
function conversion(text: string, starts: number[], [from, to]: [number, number]): TextEdit {
  let rows = canonicalMarkupTable(text, from, to, starts);
  if (from > 0 && text[from - 1] !== '\n' && text[from - 1] !== '\r') rows = '\n' + rows;
  if (to < text.length && text[to] !== '\n' && text[to] !== '\r') rows += '\n';
  return { range: { start: positionAt(starts, from), end: positionAt(starts, to) }, newText: rows };
}

/**
 * The actions of a document read through its markup: converting the table a `table-markup` note is
 * on (found again in the current text: a stale note whose place holds no table gets none), and
 * every table at once. No other fix: it would be made for the converted text.
 */
export function markupActions(analysis: Analysis, view: MarkupView, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(`${o}.`))) return [];
  const text = analysis.text;
  const starts = view.starts;
  const uri = analysis.uri;
  const locale = analysis.settings.locale;
  const actions: CodeAction[] = [];
  const notes = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === 'table-markup');
  for (const d of notes) {
    const at = d.range.start;
    const table = view.tables.find(([from]) => {
      const p = positionAt(starts, from);
      return p.line === at.line && p.character === at.character;
    });
    if (!table) continue;
    actions.push({
      title: localize('action.convertMarkup', {}, locale),
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [uri]: [conversion(text, starts, table)] } },
    });
  }
  // Every table at once, beside the one of a current note.
  if (view.tables.length > 1 && actions.length)
    actions.push({
      title: localize('action.convertMarkupAll', {}, locale),
      kind: CodeActionKind.QuickFix,
      diagnostics: notes,
      edit: { changes: { [uri]: view.tables.map((t) => conversion(text, starts, t)) } },
    });
  return actions;
}

/** 整理为规范格式 on such a document: every table's markup converted in place (run it again to align the rest). */
export function markupTidyEdits(analysis: Analysis, view: MarkupView): TextEdit[] {
  return view.tables.map((t) => conversion(analysis.text, view.starts, t));
}
