/**
 * Writing a value into a cell named by its row and column keys, in the layout the row is written
 * in. Every edit is checked afterwards by parsing the result (see `changedCells`): a cell the edit
 * does not name must read as before.
 * - A cell between `|` bars is rewritten whole, padded so that its display width, and so the
 *   column alignment, stays as it was.
 * - A cell with text (or a blank line standing for one) has that text replaced.
 * - A blank cell with no width gets the value only where no character touches it.
 * - A missing cell (the row has fewer cells than the format) is inserted after the last cell the
 *   row has, with the separator the row already uses between its cells — never glued onto a
 *   neighbour. Only the first missing cell of a row can be inserted (a later one has no place yet).
 */
import type { TextEdit } from 'vscode-languageserver';
import { displayWidth, type Cell, type Position, type Range, type Report, type Row } from '../report';
import { comparePositions } from '../report/ranges';

export type TableNumber = 2 | 3 | 4;

/** A cell's identity: table, row key and column key (row keys are unique across a report's tables). */
export interface CellKey {
  table: TableNumber;
  row: string;
  col: string;
}

export const cellId = (k: CellKey) => `${k.table}:${k.row}:${k.col}`;

/** Every cell of the report, by identity (first occurrence of a row). */
export function cellsById(report: Report): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const add = (table: TableNumber, row: Row) => {
    for (const c of row.cells) {
      const id = cellId({ table, row: c.rowKey, col: c.colKey });
      if (!cells.has(id)) cells.set(id, c);
    }
  };
  for (const sub of report.table2?.subtables ?? []) for (const row of sub.rows) add(2, row);
  for (const row of Object.values(report.table3?.rows ?? {})) add(3, row);
  for (const row of Object.values(report.table4?.rows ?? {})) add(4, row);
  return cells;
}

export function rowOf(report: Report, key: CellKey): Row | undefined {
  if (key.table === 3) return report.table3?.rows[key.row];
  if (key.table === 4) return report.table4?.rows[key.row];
  for (const sub of report.table2?.subtables ?? []) for (const row of sub.rows) if (row.key === key.row) return row;
  return undefined;
}

export function findCell(report: Report, key: CellKey): Cell | undefined {
  return rowOf(report, key)?.cells.find((c) => c.colKey === key.col);
}

/** The text between two positions (any line terminator counts as one '\n'). */
function between(lines: string[], a: Position, b: Position, eol: string): string {
  if (a.line === b.line) return (lines[a.line] ?? '').slice(a.character, b.character);
  const parts = [(lines[a.line] ?? '').slice(a.character)];
  for (let l = a.line + 1; l < b.line; l++) parts.push(lines[l] ?? '');
  parts.push((lines[b.line] ?? '').slice(0, b.character));
  return parts.join(eol);
}

const isSeparatorText = (s: string) => s.length > 0 && /^[\s|\u3000]*$/u.test(s);
const touches = (ch: string | undefined) => ch !== undefined && ch !== '' && !/[\s|\u3000]/u.test(ch);

/** The edit writing `value` into the cell, or null when it cannot be written without touching another cell. */
export function writeCell(lines: string[], report: Report, key: CellKey, value: string): TextEdit | null {
  const row = rowOf(report, key);
  const index = row?.cells.findIndex((c) => c.colKey === key.col) ?? -1;
  if (!row || index < 0) return null;
  const cell = row.cells[index];
  if (cell.value.kind === 'missing') return insertMissing(lines, report, row, index, value);
  const range = cell.range;
  const line = lines[range.start.line] ?? '';
  if (range.start.line === range.end.line) {
    const left = line.lastIndexOf('|', range.start.character - 1);
    const right = line.indexOf('|', range.end.character);
    if (left >= 0 && right >= 0) {
      const before = line.slice(left + 1, range.start.character);
      const after = line.slice(range.end.character, right);
      if (before.trim() === '' && after.trim() === '') return pipeCell(line, range.start.line, left, right, before, after, value);
    }
  }
  if (comparePositions(range.start, range.end) === 0) {
    if (touches(line[range.start.character - 1]) || touches(line[range.start.character])) return null;
  }
  return { range, newText: value };
}

function pipeCell(line: string, lineNo: number, left: number, right: number, before: string, after: string, value: string): TextEdit {
  const width = displayWidth(line.slice(left + 1, right));
  const textWidth = displayWidth(value);
  let cell: string;
  if (textWidth + 2 <= width) {
    // Numbers keep the side they were aligned to (right-aligned when more padding precedes them).
    const rightAligned = before.length > after.length;
    const fill = ' '.repeat(width - textWidth - 2);
    cell = rightAligned ? ` ${fill}${value} ` : ` ${value}${fill} `;
  } else {
    cell = ` ${value} `;
  }
  return { range: { start: { line: lineNo, character: left + 1 }, end: { line: lineNo, character: right } }, newText: cell };
}

function insertMissing(lines: string[], report: Report, row: Row, index: number, value: string): TextEdit | null {
  if (index === 0 || row.cells[index - 1].value.kind === 'missing') return null;
  const last = row.cells[index - 1];
  // The separator the row uses: between its last two cells, or between its label and its first cell.
  const previousEnd: Position | undefined =
    index >= 2 ? row.cells[index - 2].range.end : row.label ? row.label.pieces[row.label.pieces.length - 1].end : undefined;
  if (!previousEnd || last.range.start.line < previousEnd.line) return null;
  const separator = between(lines, previousEnd, last.range.start, report.eol);
  if (!isSeparatorText(separator)) return null;
  const at: Range = { start: last.range.end, end: last.range.end };
  const lastLine = lines[at.start.line] ?? '';
  if (last.range.end.character < lastLine.length && separator.includes('|')) {
    // `| 4 | 1 |` → the new cell goes after the closing bar: `| 4 | 1 | 5 |`.
    const bar = lastLine.indexOf('|', last.range.end.character);
    if (bar >= 0 && lastLine.slice(last.range.end.character, bar).trim() === '') {
      const pos = { line: at.start.line, character: bar + 1 };
      const pad = /\s/.test(separator) ? ' ' : '';
      return { range: { start: pos, end: pos }, newText: `${pad}${value}${pad}|` };
    }
  }
  return { range: at, newText: separator + value };
}

/**
 * Which cells an edit changed, comparing the report before with the report of the edited text:
 * cells whose text differs, and cells that are gone. Cells that did not exist before (a row or a
 * section inserted) are not counted.
 */
export function changedCells(before: Report, after: Report): { changed: Map<string, string>; lost: string[] } {
  const a = cellsById(before);
  const b = cellsById(after);
  const changed = new Map<string, string>();
  const lost: string[] = [];
  for (const [id, cell] of a) {
    const now = b.get(id);
    if (!now) lost.push(id);
    else if (now.raw !== cell.raw || (now.value.kind === 'missing') !== (cell.value.kind === 'missing')) changed.set(id, now.raw);
  }
  return { changed, lost };
}
