/**
 * Writing a repaired value into the text: exactly the cell's range is replaced (a blank cell's
 * range is where its number belongs). A missing cell (the row has too few cells) has no place of
 * its own: it is inserted with its separator after the row's last cell, and only when that is safe
 * — the cells before it are all there, on one line, separated alike (`|` bars, tabs or a run of
 * spaces); otherwise the edit is refused with a reason. Pure: used by the command line and the
 * language server alike.
 */
import type { Range, Report, Row } from './model';
import type { CellEdit } from './repair';

export interface TextChange {
  range: Range;
  newText: string;
}

export type CellTextEdit = { ok: true; change: TextChange } | { ok: false; reason: 'missing-layout' | 'no-row' };

function rowOf(report: Report, edit: Pick<CellEdit, 'table' | 'rowKey'>): Row | undefined {
  return edit.table === 3 ? report.table3?.rows[edit.rowKey] : report.table4?.rows[edit.rowKey];
}

/** The text change that writes `value` into a cell, computed from the current text (its lines). */
export function cellTextEdit(report: Report, lines: string[], edit: Pick<CellEdit, 'table' | 'rowKey' | 'colKey' | 'value'>): CellTextEdit {
  const row = rowOf(report, edit);
  const index = row?.cells.findIndex((c) => c.colKey === edit.colKey) ?? -1;
  if (!row || index < 0) return { ok: false, reason: 'no-row' };
  const cell = row.cells[index];
  const digits = String(edit.value);
  if (cell.value.kind !== 'missing') return { ok: true, change: { range: cell.range, newText: digits } };
  // A missing cell: only the first missing one of its row, after cells on one line.
  const present = row.cells.slice(0, index);
  if (present.length < 2 || present.some((c) => c.value.kind === 'missing')) return { ok: false, reason: 'missing-layout' };
  const last = present[present.length - 1];
  const prev = present[present.length - 2];
  const line = last.range.end.line;
  if (prev.range.end.line !== line || last.range.start.line !== line || prev.range.start.line !== line) {
    return { ok: false, reason: 'missing-layout' };
  }
  const text = lines[line] ?? '';
  const gap = text.slice(prev.range.end.character, last.range.start.character);
  const after = text.slice(last.range.end.character);
  const bar = /^(\s*)\|/.exec(after);
  if (bar && /^\s*\|\s*$/.test(gap)) {
    // `| a | b |`: a new cell after the bar that closes the last one.
    const at = { line, character: last.range.end.character + bar[0].length };
    return { ok: true, change: { range: { start: at, end: at }, newText: ` ${digits} |` } };
  }
  if (/^(\t+| {2,}|\u3000+)$/.test(gap) && !/\S/.test(after)) {
    // A separator already there (a trailing tab) is used, not doubled.
    if (after.startsWith(gap)) {
      const at = { line, character: last.range.end.character + gap.length };
      return { ok: true, change: { range: { start: at, end: at }, newText: digits } };
    }
    const at = last.range.end;
    return { ok: true, change: { range: { start: at, end: at }, newText: gap + digits } };
  }
  return { ok: false, reason: 'missing-layout' };
}
