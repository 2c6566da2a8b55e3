/**
 * 整理为规范格式: rewrites tables 二, 三 and 四, in whatever layout they were pasted (tabs, one cell per
 * line, PDF columns, Markdown), into the canonical layout the engine's writer produces, with the
 * values exactly as written. Only the lines of a table are replaced, from its first header line to
 * its last cell; the narrative is never touched. A line inside a table with nothing of the table on
 * it (a PDF's page number, a note) is kept, as written, right below the rewritten table; a table
 * whose cells are mixed with other text (damaged OCR) is left as it is and named in `skipped`: the
 * rewrite never drops a character the user wrote.
 */
import type { TextEdit } from 'vscode-languageserver';
import { FORMATS, writeTable, type FormatVersion, type Report } from '../report';
import { valuesOf } from '../report/canonical';
import type { Analysis } from './analysis';
import { splitLines } from '../report/ranges';

export interface TidyResult {
  edits: TextEdit[];
  /** Tables that were already canonical. */
  unchanged: number[];
  /** Tables left as they are, with the first text that is not part of the table. */
  skipped: { table: number; text: string }[];
  /** Lines inside a table with nothing of the table on them (page numbers, notes): moved below the table, as written. */
  kept: { table: number; lines: string[] }[];
  /** Tables not found in the text. */
  missing: number[];
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
/** What a table line splits into: cells, by bars, tabs and runs of spaces. */
const TOKEN_SPLIT = /[|\t\u3000]| {2,}/;
const RULER = /^[-:=+_.]*$/;

/** Every wording a table of this format may be written with (labels, headers, captions), normalised. */
function vocabulary(report: Report, format: FormatVersion, n: 2 | 3 | 4, canonical: string): string {
  const spec = FORMATS[format];
  const words: string[] = [canonical];
  if (n === 2)
    for (const sub of spec.table2) words.push(sub.caption, '信息内容', ...sub.columns.map((c) => c.label), ...sub.rows.map((r) => r.label));
  if (n === 3) {
    const t = spec.table3;
    words.push(
      t.noteCell,
      t.columnHeader,
      t.legalPersonGroup,
      ...t.columns.map((c) => c.label),
      ...t.groupHeads,
      ...t.rows.map((r) => r.label),
    );
    for (const h of report.table3?.headers ?? []) words.push(h.text);
    for (const r of Object.values(report.table3?.rows ?? {})) if (r.label) words.push(r.label.text);
  }
  if (n === 4) {
    const t = spec.table4;
    words.push(...t.columns.map((c) => c.label), ...t.groups.map((g) => g.label), ...t.groups.map((g) => g.parent ?? ''));
    for (const h of report.table4?.headers ?? []) words.push(h.text);
  }
  if (n === 2) for (const sub of report.table2?.subtables ?? []) for (const r of sub.rows) if (r.label) words.push(r.label.text);
  return words.map(norm).join('\u0000');
}

function rawValues(report: Report, n: 2 | 3 | 4): Set<string> {
  const out = new Set<string>();
  for (const cells of Object.values(valuesOf(report, n))) for (const c of cells) out.add(norm(c));
  return out;
}

const accounted = (piece: string, vocab: string, values: Set<string>) => {
  const token = norm(piece);
  if (!token || RULER.test(token) || values.has(token) || vocab.includes(token)) return true;
  // a cell written with single spaces between pieces ("1 0", "第二十条 第（一）项")
  return piece.split(/\s+/).every((p) => !norm(p) || values.has(norm(p)) || vocab.includes(norm(p)) || RULER.test(norm(p)));
};

/** The first piece of text on `line` that is not a cell value or table wording, or null. */
function foreignText(line: string, vocab: string, values: Set<string>): string | null {
  for (const piece of line.split(TOKEN_SPLIT)) if (!accounted(piece, vocab, values)) return piece.trim();
  return null;
}

/** A line with nothing of the table on it (a page number of a PDF, a note): kept, below the table. */
function wholeLineForeign(line: string, vocab: string, values: Set<string>): boolean {
  const pieces = line.split(TOKEN_SPLIT).filter((p) => norm(p));
  return pieces.length > 0 && pieces.every((p) => !accounted(p, vocab, values));
}

export function tidy(analysis: Analysis): TidyResult {
  const { report, text } = analysis;
  const result: TidyResult = { edits: [], unchanged: [], skipped: [], kept: [], missing: [] };
  const format = report.format;
  const lines = splitLines(text);
  const tables = { 2: report.table2, 3: report.table3, 4: report.table4 } as const;
  for (const n of [2, 3, 4] as const) {
    const table = tables[n];
    const section = report.sections.find((s) => s.kind === `table${n}` && !s.duplicate);
    if (!table || !format) {
      result.missing.push(n);
      continue;
    }
    const canonical = writeTable(n, format, valuesOf(report, n), report.eol, true);
    const vocab = vocabulary(report, format, n, canonical);
    const values = rawValues(report, n);
    // Header lines above the first cell belong to the table; the section's narrative above them does not.
    // (Not the heading's line when the section's text begins there.)
    const top = section ? section.bodyRange.start.line + (section.bodyRange.start.character > 0 ? 1 : 0) : table.range.start.line;
    let first = table.range.start.line;
    while (first - 1 >= top && (lines[first - 1].trim() === '' || foreignText(lines[first - 1], vocab, values) === null)) first--;
    while (first < table.range.start.line && lines[first].trim() === '') first++;
    const last = table.range.end.line;
    let foreign: string | null = null;
    const kept: string[] = [];
    for (let i = first; i <= last && foreign === null; i++) {
      if (wholeLineForeign(lines[i], vocab, values)) kept.push(lines[i]);
      else foreign = foreignText(lines[i], vocab, values);
    }
    if (foreign !== null) {
      result.skipped.push({ table: n, text: foreign });
      continue;
    }
    if (kept.length) result.kept.push({ table: n, lines: kept });
    const old = lines.slice(first, last + 1).join(report.eol);
    const newText = [canonical, ...kept].join(report.eol);
    if (old === newText) {
      result.unchanged.push(n);
      continue;
    }
    result.edits.push({
      range: { start: { line: first, character: 0 }, end: { line: last, character: lines[last].length } },
      newText,
    });
  }
  return result;
}
