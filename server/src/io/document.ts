/**
 * What every reader of a published original (web page, Word, PDF) produces: the report as text in
 * the canonical layout (docs/markup.md) — narrative paragraphs verbatim, one a line, tables as
 * `| … |` rows — and, for every line and cell of that text, where it came from in the original, so
 * that a diagnostic on the text can say where to look in the file the user has.
 */
import { localize, type Locale } from '../report/messages';
import type { Range } from '../report/model';
import { displayWidth } from '../report/text';

export type SourceKind = 'text' | 'html' | 'docx' | 'pdf';

/** A place in an original, in the terms its user can find it by. Numbers are 1-based. */
export type SourceLocation =
  | { kind: 'html'; line: number; column: number }
  /** In a text file read through its markup (tables written as HTML): the file's line and column. */
  | { kind: 'text'; line: number; column: number }
  | { kind: 'docx'; table: number; row: number; column: number }
  | { kind: 'docx'; paragraph: number }
  | { kind: 'pdf'; page: number; rowLabel?: string; columnName?: string };

/** One cell of a table as a reader found it, with its span in the source grid. */
export interface SourceCell {
  text: string;
  loc: SourceLocation;
  rowSpan: number;
  colSpan: number;
}

export type Block =
  { kind: 'paragraph'; text: string; loc: SourceLocation } | { kind: 'table'; rows: SourceCell[][] } | { kind: 'rows'; rows: OutRow[] };

/** A row ready to write: cells with their origins. */
export interface OutRow {
  cells: { text: string; loc: SourceLocation }[];
}

interface LineMap {
  loc: SourceLocation;
  cells?: { start: number; end: number; loc: SourceLocation }[];
}

/** The report read from an original: canonical text plus the map back. */
export interface SourceDocument {
  kind: SourceKind;
  text: string;
  /** Per line of `text`: where it came from (undefined for blank separator lines). */
  lines: (LineMap | undefined)[];
}

/** A cell's text made safe for a `|` row: one line, no `|` of its own. */
export function cellText(s: string): string {
  if (!CELL_UNSAFE.test(s)) return s.trim();
  return s
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\|/g, '｜')
    .trim();
}

const CELL_UNSAFE = /[\r\n\t|]/;

/** Writes blocks as canonical text with the location map. */
export function writeDocument(kind: SourceKind, blocks: Block[]): SourceDocument {
  const out: string[] = [];
  const lines: (LineMap | undefined)[] = [];
  const blank = () => {
    if (out.length && out[out.length - 1] !== '') {
      out.push('');
      lines.push(undefined);
    }
  };
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      const text = b.text.indexOf('\n') < 0 && b.text.indexOf('\r') < 0 ? b.text : b.text.replace(/[\r\n]+/g, ' ');
      if (!text.trim()) continue;
      out.push(text);
      lines.push({ loc: b.loc });
      continue;
    }
    const rows = b.kind === 'rows' ? b.rows : gridRows(b.rows);
    if (!rows.length) continue;
    blank();
    for (const group of splitByWidth(rows)) {
      // Each cell's text and display width once; the columns as wide as their widest cell (alignRows's layout).
      const texts = group.map((r) => r.cells.map((c) => cellText(c.text)));
      const widths: number[] = [];
      const cellWidths = texts.map((t) =>
        t.map((c, k) => {
          const w = displayWidth(c);
          widths[k] = Math.max(widths[k] ?? 0, w);
          return w;
        }),
      );
      group.forEach((r, i) => {
        const cells: { start: number; end: number; loc: SourceLocation }[] = [];
        let line = '|';
        r.cells.forEach((c, k) => {
          const t = texts[i][k];
          cells.push({ start: line.length + 1, end: line.length + 1 + t.length, loc: c.loc });
          line += ' ' + t + ' '.repeat(Math.max(0, widths[k] - cellWidths[i][k])) + ' |';
        });
        out.push(line);
        lines.push({ loc: r.cells[0]?.loc, cells });
      });
    }
    blank();
  }
  while (out.length && out[out.length - 1] === '') {
    out.pop();
    lines.pop();
  }
  return { kind, text: out.join('\n') + '\n', lines };
}

/** Rows aligned together: runs of rows with the same number of cells (a caption row breaks a run). */
function splitByWidth(rows: OutRow[]): OutRow[][] {
  const out: OutRow[][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last[0].cells.length === r.cells.length) last.push(r);
    else out.push([r]);
  }
  return out;
}

/** Where a range of the document's text comes from: the cell it starts in, else its line. */
export function locate(doc: SourceDocument, range: Range): SourceLocation | undefined {
  const m = doc.lines[range.start.line];
  if (!m) {
    for (let l = range.start.line + 1; l < Math.min(doc.lines.length, range.start.line + 3); l++)
      if (doc.lines[l]) return doc.lines[l]!.loc;
    return undefined;
  }
  const ch = range.start.character;
  const cell = m.cells?.find((c) => ch >= c.start - 2 && ch <= c.end + 1);
  if (cell) return cell.loc;
  // A line of a text file, verbatim: the character where the range starts.
  if (m.loc.kind === 'text' && !m.cells) return { kind: 'text', line: m.loc.line, column: m.loc.column + ch };
  return m.loc;
}

/**
 * The range in a text file itself of a range of its converted text, located by `locate` at
 * line:column `loc` (1-based): as wide as the range on one line, else empty.
 */
export function rangeAt(loc: { line: number; column: number }, range: Range): Range {
  const start = { line: loc.line - 1, character: loc.column - 1 };
  const width = range.end.line === range.start.line ? range.end.character - range.start.character : 0;
  return { start, end: { line: start.line, character: start.character + width } };
}

/** A location as a user reads it: `第12行第5列`, `表2 第3行第4列`, `第4页「行政许可」·「本年处理决定数量」`. */
export function formatLocation(loc: SourceLocation, locale: Locale = 'zh'): string {
  switch (loc.kind) {
    case 'html':
      return localize('location.html', { line: loc.line, column: loc.column }, locale);
    case 'text':
      return `${loc.line}:${loc.column}`;
    case 'docx':
      return 'paragraph' in loc
        ? localize('location.docx.paragraph', { paragraph: loc.paragraph }, locale)
        : localize('location.docx.cell', { table: loc.table, row: loc.row, column: loc.column }, locale);
    case 'pdf': {
      const page = localize('location.pdf', { page: loc.page }, locale);
      const parts = [loc.rowLabel, loc.columnName].filter((s): s is string => !!s).map((s) => `「${s}」`);
      return parts.length ? `${page} ${parts.join('·')}` : page;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Grid tables (web pages, Word): spans expanded, header blocks reduced to one row of column
// names, group heads (cells spanning several rows at the left) written as label-only rows before
// their first row, a row of values spanning several column groups split into one row per group.

const VALUE_RE = /^[+\-−－]?\s*[\d０-９][\d０-９,，.．\s]*(万元|元)?$|^[/／\-—–－无]$/u;

function isValue(text: string): boolean {
  return VALUE_RE.test(text.trim());
}

/** Nothing but white space (\s: no-break and ideographic spaces included). */
function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** A cell in the grid: one object for every grid place the cell covers, its text classified once. */
interface Slot {
  cell: SourceCell;
  /** The row the cell starts in. */
  top: number;
  left: number;
  blank: boolean;
  /** A number (or a `/`, `无` in a value's place), not a label. */
  value: boolean;
}

function expand(rows: SourceCell[][]): Slot[][] {
  const grid: Slot[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (grid[r][c]) c++;
      const rs = Math.max(1, Math.min(cell.rowSpan, rows.length - r));
      const cs = Math.max(1, Math.min(cell.colSpan, 1000));
      const blank = isBlank(cell.text);
      const slot: Slot = { cell, top: r, left: c, blank, value: !blank && isValue(cell.text) };
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) grid[r + dr][c + dc] ??= slot;
      c += cs;
    }
  });
  return grid;
}

/** Distinct cells of a grid row, left to right, each once. */
function distinct(row: Slot[], from = 0, to = row.length): Slot[] {
  const out: Slot[] = [];
  for (let c = from; c < to; c++) {
    const s = row[c];
    if (s && out[out.length - 1]?.cell !== s.cell) out.push(s);
  }
  return out;
}

/** A row with a value of its own (a cell starting in it): any place of the row tells, without listing its distinct cells. */
function isDataRow(row: Slot[], r: number): boolean {
  for (let c = 0; c < row.length; c++) {
    const s = row[c];
    if (s && s.top === r && s.value) return true;
  }
  return false;
}

/** The reduced rows of a grid table. */
export function gridRows(src: SourceCell[][]): OutRow[] {
  const grid = expand(src);
  // Where values start, as most data rows say: a row whose first value is not a number (`x`, `/`)
  // would otherwise take it for part of its label.
  const data = grid.map(isDataRow);
  const starts = new Map<number, number>();
  grid.forEach((row, r) => {
    if (!data[r]) return;
    const start = valueStart(row);
    starts.set(start, (starts.get(start) ?? 0) + 1);
  });
  tableStart = [...starts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? Infinity;
  // A row whose every value is blank is a data row too (not a header): its label, then nothing but
  // blank cells where the other rows have their values.
  grid.forEach((row, r) => {
    if (!data[r] && tableStart < row.length) data[r] = blankValues(row, r);
  });
  isData = data;
  const out: OutRow[] = [];
  let header: number[] = [];
  const flushHeader = (nextData: number | null) => {
    if (!header.length) return;
    if (nextData === null || header.length === 1) {
      for (const r of header) out.push(plainRow(grid[r], r));
    } else {
      out.push(leafHeader(grid, header, grid[nextData], nextData));
    }
    header = [];
  };
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    const cells = distinct(row);
    if (!cells.length) continue;
    if (!data[r]) {
      const own = cells.filter((s) => s.top === r);
      if (!own.length || own.every((s) => s.blank)) continue;
      // A caption: one cell across the whole row.
      if (cells.length === 1) {
        flushHeader(null);
        out.push(plainRow(row, r));
        continue;
      }
      header.push(r);
      continue;
    }
    flushHeader(r);
    out.push(...dataRows(grid, r));
  }
  flushHeader(null);
  return out;
}

/** A label (text only before where the table's values start), then blank cells over every value column, one of them the row's own. */
function blankValues(row: Slot[], r: number): boolean {
  let label = false;
  for (let c = 0; c < tableStart; c++) {
    const s = row[c];
    if (s && !s.blank) {
      if (s.left + s.cell.colSpan > tableStart) return false;
      label = true;
    }
  }
  if (!label) return false;
  let own = false;
  for (let c = tableStart; c < row.length; c++) {
    const s = row[c];
    if (!s || !s.blank) return false;
    if (s.top === r) own = true;
  }
  return own;
}

function plainRow(row: Slot[], r: number): OutRow {
  return {
    cells: distinct(row)
      .filter((s) => s.top === r && !s.blank)
      .map((s) => ({ text: s.cell.text, loc: s.cell.loc })),
  };
}

let tableStart = Infinity;
/** Which rows of the table being reduced are data rows. */
let isData: boolean[] = [];

/** Where a data row's values start: after its last label cell (no later than where the table's values start). */
function rowValueStart(row: Slot[]): number {
  const own = valueStart(row);
  return own > tableStart && row[tableStart] && row[tableStart].left === tableStart ? tableStart : own;
}

function valueStart(row: Slot[]): number {
  let last = -1;
  row.forEach((s, c) => {
    if (s && !s.blank && !s.value) last = c;
  });
  let c = last + 1;
  if (last >= 0) c = row[last].left + row[last].cell.colSpan;
  return Math.min(c, row.length);
}

/** The column names over the values of `data` (the lowest non-blank header cell over each), after the label area's own text. */
function leafHeader(grid: Slot[][], header: number[], data: Slot[], dataRow: number): OutRow {
  const start = rowValueStart(data);
  const cells: OutRow['cells'] = [];
  const labelArea = new Set<SourceCell>();
  for (const r of header) for (let c = 0; c < start; c++) if (grid[r][c] && !grid[r][c].blank) labelArea.add(grid[r][c].cell);
  const label = [...labelArea];
  let values = distinct(data, start);
  if (start > 0) cells.push({ text: label.map((c) => c.text.trim()).join(''), loc: label[0]?.loc ?? data[0].cell.loc });
  else {
    const groups = columnGroups(
      grid,
      dataRow,
      values.map((v) => v.left),
    );
    if (groups) {
      values = values.slice(groups[0].from, groups[0].to);
      cells.push({ text: '', loc: data[0].cell.loc });
    }
  }
  for (const s of values) {
    let name: SourceCell | undefined;
    for (let i = header.length - 1; i >= 0 && !name; i--) {
      const h = grid[header[i]][s.left];
      if (h && !h.blank) name = h.cell;
    }
    cells.push({ text: name?.text ?? '', loc: name?.loc ?? s.cell.loc });
  }
  return { cells };
}

function dataRows(grid: Slot[][], r: number): OutRow[] {
  const row = grid[r];
  const start = rowValueStart(row);
  const labels = distinct(row, 0, start).filter((s) => !s.blank);
  const out: OutRow[] = [];
  // Group heads that start in this row become label-only rows before it; those from rows above were written there.
  for (const s of labels.slice(0, -1)) if (s.top === r) out.push({ cells: [{ text: s.cell.text, loc: s.cell.loc }] });
  const label = labels[labels.length - 1];
  const slots = distinct(row, start);
  const values: OutRow['cells'] = [];
  // Where each of `values` stands in the grid (its first column).
  const lefts: number[] = [];
  for (const s of slots) {
    const text = s.top === r ? s.cell.text : '';
    // A cell merged across columns the header names one by one (a merged blank) is a cell in each
    // of them: its text in the first, the others blank (so never read shifted).
    const columns = s.cell.colSpan > 1 ? headedColumns(grid, r, s.left, s.left + s.cell.colSpan) : [s.left];
    columns.forEach((c, k) => {
      values.push({ text: k === 0 ? text : '', loc: s.cell.loc });
      lefts.push(c);
    });
  }
  if (!label) {
    const groups = columnGroups(grid, r, lefts);
    if (groups) {
      for (const g of groups) out.push({ cells: [{ text: g.name, loc: values[g.from].loc }, ...values.slice(g.from, g.to)] });
      return out;
    }
  }
  values.unshift(label ? { text: label.cell.text, loc: label.cell.loc } : { text: '', loc: row[0].cell.loc });
  out.push({ cells: values });
  return out;
}

/**
 * The columns the header over columns [from, to) of row r names apart, each by the first column
 * under its name: the distinct header cells over them, each column's the lowest with text in the
 * rows above that are not data rows, starting where the values start ([from] alone when one
 * header cell covers them all, or there is no header).
 */
function headedColumns(grid: Slot[][], r: number, from: number, to: number): number[] {
  const names = new Set<SourceCell>();
  const columns: number[] = [];
  for (let c = from; c < to; c++)
    for (let h = r - 1; h >= 0; h--) {
      const s = grid[h][c];
      // (A header cell stands over the values alone: a group head's row spanning labels and values is none.)
      if (s && !s.blank && s.left >= tableStart && !isData[h]) {
        if (!names.has(s.cell)) columns.push(c);
        names.add(s.cell);
        break;
      }
    }
  if (!columns.length) return [from];
  // (The merged cell's own text stands in its first column, whatever header is over it.)
  columns[0] = from;
  return columns;
}

/**
 * A row of values without a label whose columns fall under several spanning headers with the same
 * column names (table 四: 行政复议 / 行政诉讼 › 未经复议直接起诉 / 复议后起诉): the groups, each named by
 * its headers (`行政诉讼（未经复议直接起诉）`).
 */
function columnGroups(grid: Slot[][], r: number, lefts: number[]): { name: string; from: number; to: number }[] | null {
  const chain = (c: number) => {
    const names: SourceCell[] = [];
    for (let h = 0; h < r; h++) {
      const s = grid[h][c];
      if (s && !s.blank && !names.includes(s.cell)) names.push(s.cell);
    }
    return names;
  };
  const chains = lefts.map(chain);
  const groups: { name: string; from: number; to: number; key: SourceCell[] }[] = [];
  chains.forEach((ch, i) => {
    const key = ch.slice(0, -1);
    const last = groups[groups.length - 1];
    if (last && last.key.length === key.length && last.key.every((k, j) => k === key[j])) last.to = i + 1;
    else groups.push({ name: key.map((k) => k.text.trim()).join('\u0000'), from: i, to: i + 1, key });
  });
  if (groups.length < 2 || groups.some((g) => !g.key.length || g.to - g.from !== groups[0].to - groups[0].from)) return null;
  return groups.map((g) => {
    const [top, ...rest] = g.name.split('\u0000');
    return { name: rest.length ? `${top}（${rest.join('')}）` : top, from: g.from, to: g.to };
  });
}
