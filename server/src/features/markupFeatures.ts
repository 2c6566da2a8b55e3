/**
 * The editor's features on a document read through its table markup (markup.ts): hovers, inlay
 * hints, the outline, folding and completion are those of the converted reading, with positions
 * carried both ways between the document and the converted text.
 * - Document → converted: a position in a cell's text in the markup (from its first character to
 *   the cell's end tag) is that cell's in the converted row; a position on a line outside the
 *   tables is the same character of that line, kept verbatim there.
 * - Converted → document: a cell's character is the same character of its text in the markup (an
 *   empty cell's place is just inside its tag); a character of a line kept verbatim is its own.
 * The converted rows' padding and bars are nowhere in the document: a range's start there goes to
 * the next cell, its end to the cell before. A section's or table's range that starts or ends in a
 * table's markup takes the whole `<table>…</table>`.
 */
import {
  SymbolKind,
  type CompletionItem,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type InlayHint,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver';
import { lineColumn } from '../io/html';
import { completion } from './completion';
import { hover } from './hover';
import { inlayHints } from './inlayHints';
import type { MarkupView } from './markup';
import { documentSymbols, foldingRanges } from './symbols';

/** A cell of the converted text and where its text is in the document. */
interface CellPlace {
  /** The offset of the cell's first character in the document (an empty cell's: its tag's). */
  at: number;
  /** Its line in the converted text and its text there, [start, end). */
  line: number;
  start: number;
  end: number;
}

/** A line of the converted text kept verbatim from a line of the document (from `column` there, 0-based). */
interface LinePlace {
  line: number;
  column: number;
  length: number;
}

interface Places {
  /** The cells, by their offset in the document (the first cell read from a place, when several are). */
  cells: CellPlace[];
  /** Per line of the document: the converted lines kept from it. */
  lines: Map<number, LinePlace[]>;
  /** Per converted line: the document line it comes from (-1 for a separator). */
  from: number[];
  /** The converted text's lines. */
  text: string[];
}

const places = new WeakMap<MarkupView, Places>();

/** A location's offset in the document (null for none of a text file). */
function offsetOf(view: MarkupView, loc: { kind: string; line?: number; column?: number } | undefined): number | null {
  if (loc?.kind !== 'text' || loc.line === undefined || loc.column === undefined) return null;
  const start = view.starts[loc.line - 1];
  return start === undefined ? null : start + loc.column - 1;
}

function placesOf(view: MarkupView): Places {
  const known = places.get(view);
  if (known) return known;
  const text = view.doc.text.split('\n');
  const cells: CellPlace[] = [];
  const lines = new Map<number, LinePlace[]>();
  const from: number[] = [];
  view.doc.lines.forEach((m, line) => {
    from.push(m ? lineColumn(view.starts, offsetOf(view, m.loc) ?? 0).line - 1 : -1);
    if (!m) return;
    if (m.cells) {
      for (const c of m.cells) {
        const at = offsetOf(view, c.loc);
        if (at !== null) cells.push({ at, line, start: c.start, end: c.end });
      }
      return;
    }
    const at = offsetOf(view, m.loc);
    if (at === null) return;
    const { line: docLine, column } = lineColumn(view.starts, at);
    const list = lines.get(docLine - 1) ?? [];
    list.push({ line, column: column - 1, length: text[line]?.length ?? 0 });
    lines.set(docLine - 1, list);
  });
  // By place; of several cells read from one place (a merged cell written in each column it spans,
  // a row named by its header placed at its first value) the one whose text is there, else the
  // first with text.
  const score = (c: CellPlace) => {
    const own = text[c.line].slice(c.start, c.end);
    return own && view.text.startsWith(own, c.at) ? 2 : own ? 1 : 0;
  };
  const ranked = cells.map((c, i) => ({ c, i, s: score(c) }));
  ranked.sort((a, b) => a.c.at - b.c.at || b.s - a.s || a.i - b.i);
  const unique = ranked.filter((r, i) => i === 0 || ranked[i - 1].c.at !== r.c.at).map((r) => r.c);
  const made = { cells: unique, lines, from, text };
  places.set(view, made);
  return made;
}

/** A cell's tag, or the end of its row, table or section of rows: where a cell's content ends. */
const CELL_END = /<\/?(?:t[dhr]|table|thead|tbody|tfoot)(?=[\s>/])/gi;

/** Where the content of the cell whose text (or tag, for an empty cell) starts at `at` ends. */
function cellEnd(text: string, at: number, limit: number): number {
  CELL_END.lastIndex = text[at] === '<' ? text.indexOf('>', at) + 1 || at + 1 : at;
  const m = CELL_END.exec(text);
  return m && m.index < limit ? m.index : limit;
}

/** The table markup [from, to) that holds an offset, if any. */
function tableAt(view: MarkupView, offset: number): [number, number] | undefined {
  return view.tables.find(([a, b]) => offset >= a && offset < b);
}

const offsetAt = (view: MarkupView, p: Position): number => {
  const start = view.starts[Math.min(p.line, view.starts.length - 1)] ?? 0;
  const next = view.starts[p.line + 1] ?? view.text.length + 1;
  return Math.min(start + p.character, Math.max(start, next - 1));
};

function positionAt(view: MarkupView, offset: number): Position {
  const { line, column } = lineColumn(view.starts, offset);
  return { line: line - 1, character: column - 1 };
}

/** The converted text's position of a document's, or null where the converted text has none (a tag, the space between cells). */
export function toConverted(view: MarkupView, p: Position): Position | null {
  const { cells, lines } = placesOf(view);
  const text = view.text;
  const offset = offsetAt(view, p);
  const table = tableAt(view, offset);
  if (table) {
    // The last cell read from at or before the offset, if the offset is still in it.
    let lo = 0;
    let hi = cells.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cells[mid].at <= offset) lo = mid;
      else hi = mid - 1;
    }
    const c = cells[lo];
    if (!c || c.at > offset || c.at < table[0] || offset > cellEnd(text, c.at, table[1])) return null;
    return { line: c.line, character: c.start + Math.min(offset - c.at, c.end - c.start) };
  }
  const piece = lines.get(p.line)?.find((l) => p.character >= l.column && p.character <= l.column + l.length);
  return piece ? { line: piece.line, character: p.character - piece.column } : null;
}

/** The document's offset of a converted position: `start` takes the next place the document has, `end` the one before. */
function toDocument(view: MarkupView, p: Position, bias: 'start' | 'end'): number | null {
  const text = view.text;
  const lines = view.doc.lines;
  let m = lines[p.line];
  let ch = p.character;
  if (!m) {
    // A separator line: the start of the next line read, or the end of the one before.
    for (let k = 1; k <= 3 && !m; k++) {
      const l = bias === 'start' ? p.line + k : p.line - k;
      m = lines[l];
      ch = bias === 'start' ? 0 : Infinity;
    }
    if (!m) return null;
  }
  if (!m.cells) {
    const at = offsetOf(view, m.loc);
    if (at === null) return null;
    let lineEnd = (view.starts[lineColumn(view.starts, at).line] ?? text.length + 1) - 1;
    if (text[lineEnd - 1] === '\r' && text[lineEnd] === '\n') lineEnd--;
    return Math.max(at, Math.min(at + ch, lineEnd));
  }
  const cells = m.cells;
  if (!cells.length) return null;
  let k = cells.findIndex((c) => ch >= c.start && ch <= c.end);
  if (k < 0) {
    if (ch < cells[0].start) k = 0;
    else if (ch > cells[cells.length - 1].end) k = cells.length - 1;
    else {
      const next = cells.findIndex((c) => c.start > ch);
      k = bias === 'start' ? next : next - 1;
    }
    ch = k === 0 && ch < cells[0].start ? cells[0].start : bias === 'start' || ch < cells[k].start ? cells[k].start : cells[k].end;
  }
  const c = cells[k];
  const at = offsetOf(view, c.loc);
  if (at === null) return null;
  // An empty cell's place: just inside its tag.
  if (text[at] === '<') return text.indexOf('>', at) + 1 || at;
  // Its text runs to the next tag (entities and white space of the markup counted as they stand).
  let run = text.indexOf('<', at);
  if (run < 0) run = text.length;
  return at + Math.min(ch - c.start, run - at);
}

/** A converted range in the document; null when an end has no place there. */
export function toDocumentRange(view: MarkupView, r: Range): Range | null {
  const start = toDocument(view, r.start, 'start');
  const end = toDocument(view, r.end, 'end');
  if (start === null || end === null) return null;
  return { start: positionAt(view, start), end: positionAt(view, Math.max(start, end)) };
}

/** A section's or table's range in the document, each end that falls in a table's markup taking the whole table. */
function blockRange(view: MarkupView, r: Range): Range | null {
  let start = toDocument(view, r.start, 'start');
  let end = toDocument(view, r.end, 'end');
  if (start === null || end === null) return null;
  start = tableAt(view, start)?.[0] ?? start;
  const last = tableAt(view, end) ?? tableAt(view, end - 1);
  end = Math.max(start, last?.[1] ?? end);
  return { start: positionAt(view, start), end: positionAt(view, end) };
}

const contains = (outer: Range, inner: Range) =>
  (outer.start.line < inner.start.line || (outer.start.line === inner.start.line && outer.start.character <= inner.start.character)) &&
  (inner.end.line < outer.end.line || (inner.end.line === outer.end.line && inner.end.character <= outer.end.character));

// ---- the features

/** The hover of the converted reading at the document's position, its range placed in the document. */
export function markupHover(view: MarkupView, position: Position): Hover | null {
  const at = toConverted(view, position);
  const h = at && hover(view.converted, at);
  if (!h) return null;
  const range = h.range && toDocumentRange(view, h.range);
  return range ? { ...h, range } : { contents: h.contents };
}

/** The converted reading's inlay hints, each at its cell in the markup (one with no place there is dropped). */
export function markupInlayHints(view: MarkupView, range: Range): InlayHint[] {
  if (!view.converted.settings.inlayHints.enabled) return [];
  const whole: Range = { start: { line: 0, character: 0 }, end: { line: view.doc.lines.length, character: 0 } };
  const out: InlayHint[] = [];
  for (const h of inlayHints(view.converted, whole)) {
    const at = toDocument(view, h.position, 'end');
    if (at === null) continue;
    const position = positionAt(view, at);
    if (contains(range, { start: position, end: position })) out.push({ ...h, position });
  }
  return out;
}

const union = (a: Range, b: Range): Range => ({
  start: before(b.start, a.start) ? b.start : a.start,
  end: before(a.end, b.end) ? b.end : a.end,
});
const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** The outline of the converted reading: sections and tables over their whole markup, rows and groups over their cells. */
export function markupSymbols(view: MarkupView): DocumentSymbol[] {
  /** A symbol placed in the document (null when it has no place there), its children by `inner`. */
  const place = (s: DocumentSymbol, block: boolean, inner: (c: DocumentSymbol) => DocumentSymbol | null): DocumentSymbol | null => {
    const range = block ? blockRange(view, s.range) : toDocumentRange(view, s.range);
    if (!range) return null;
    // A table is selected where it starts (its `<table` tag); any other by its label or heading.
    const selected = s.kind === SymbolKind.Struct ? null : toDocumentRange(view, s.selectionRange);
    const selectionRange = selected ?? { start: range.start, end: range.start };
    const children = s.children?.map(inner).filter((c): c is DocumentSymbol => !!c);
    return { ...s, range: union(range, selectionRange), selectionRange, ...(children ? { children } : {}) };
  };
  const row = (s: DocumentSymbol): DocumentSymbol | null => place(s, false, row);
  const table = (s: DocumentSymbol): DocumentSymbol | null => place(s, true, row);
  return documentSymbols(view.converted)
    .map((section) => place(section, true, table))
    .filter((s): s is DocumentSymbol => !!s);
}

/** The converted reading's folding ranges, in the document's lines (a table's over its whole markup). */
export function markupFolding(view: MarkupView): FoldingRange[] {
  const out: FoldingRange[] = [];
  const seen = new Set<string>();
  for (const f of foldingRanges(view.converted)) {
    const r = blockRange(view, {
      start: { line: f.startLine, character: 0 },
      end: { line: f.endLine, character: Number.MAX_SAFE_INTEGER },
    });
    if (!r || r.end.line <= r.start.line) continue;
    const key = `${r.start.line}:${r.end.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...f, startLine: r.start.line, endLine: r.end.line });
  }
  return out;
}

/**
 * Completion on a document read through its markup: none in a table's markup (convert the table
 * to edit its rows), nor on a line of markup; on a line kept verbatim or a blank one, the section
 * headings, skeletons and labels of the section the line is in — as the converted reading has
 * them — each replacing the word typed on the line, never a whole `|` row (the table is markup).
 */
export function markupCompletion(view: MarkupView, position: Position): CompletionItem[] {
  const text = view.text;
  const offset = offsetAt(view, position);
  if (tableAt(view, offset)) return [];
  const { from, lines, text: converted } = placesOf(view);
  const lineStart = view.starts[position.line] ?? text.length;
  const lineText = text.slice(lineStart, (view.starts[position.line + 1] ?? text.length + 1) - 1).replace(/\r$/, '');
  // The converted line standing for this one: the line kept from it verbatim, else (a blank line)
  // the first read after it. A line of markup (a page's paragraphs written as `<p>`) gets none.
  let line: number;
  if (lineText.trim()) {
    const own = lines.get(position.line)?.find((l) => l.column === 0 && converted[l.line] === lineText);
    if (!own) return [];
    line = own.line;
  } else {
    line = from.findIndex((l) => l > position.line);
    if (line < 0) line = from.length;
  }
  const items = completion(view.converted, { line, character: position.character }, { line: lineText, wholeRows: false });
  const back = (r: Range): Range => ({
    start: { line: position.line, character: r.start.character },
    end: { line: position.line, character: r.end.character },
  });
  return items.map((item) =>
    item.textEdit && 'range' in item.textEdit ? { ...item, textEdit: { ...item.textEdit, range: back(item.textEdit.range) } } : item,
  );
}

/** Formatting's edits on such a document: none on a line of a table's markup (a `|` line in a cell is text). */
export function markupFormatting(view: MarkupView, edits: TextEdit[]): TextEdit[] {
  const lines = view.tables.map(([a, b]) => [lineColumn(view.starts, a).line - 1, lineColumn(view.starts, b).line - 1]);
  return edits.filter((e) => !lines.some(([a, b]) => e.range.start.line <= b && e.range.end.line >= a));
}
