/**
 * The one cell writer: the text change that writes a value into a cell named by its table, row and
 * column keys, in the layout the row is written in, computed from the current text. Used by the
 * language server's quick fixes and fix-all and by the command line's `fix` alike.
 * - A cell between `|` bars is rewritten padded so that its display width, and so the column
 *   alignment, stays as it was; only the characters that change are in the edit.
 * - A cell with text (or a blank line standing for one) has that text replaced.
 * - A blank cell with no width gets the value only where no character touches it, or, where PDF
 *   text left nothing for it (set at the end of the cell before it), with the separator the row
 *   has there.
 * - A missing cell (the row has fewer cells than the format) is inserted after the last cell the
 *   row has, with the separator the row already uses between its cells (`|` bars, tabs, a run of
 *   spaces, line breaks); a separator already written after that cell (a trailing tab) is used,
 *   not doubled; nothing is ever glued onto a neighbour. Only the first missing cell of a row can
 *   be inserted (a later one has no place yet), and only when nothing of the row follows its last
 *   cell.
 * - A row read with extra cells is not written at all: its cells may be another row's; nor a cell
 *   of a table whose numbers may not be their rows' own (doubtfulTable).
 * Anything else is refused with a reason. `changedCells` compares two readings of a report, so that
 * a caller can check an edit by parsing its result.
 */
import type { Cell, Position, Range, Report, Row } from './model';
import { comparePositions } from './ranges';
import { displayWidth } from './text';
import { lastBar, nextBar } from './lines';

export interface TextChange {
  range: Range;
  newText: string;
}

/** A cell's identity: table, row key and column key (row keys are unique across a report's tables). */
export interface CellKey {
  table: 2 | 3 | 4;
  row: string;
  col: string;
}

/**
 * Why a value cannot be written: no such cell; a missing cell with no safe place; a blank cell with
 * no room; a row read with more cells than the format has (a PDF's reading order that mixed rows up:
 * which of them are its own the text does not say).
 */
export type RefusalReason = 'no-cell' | 'missing-layout' | 'no-room' | 'row-doubtful';

export type CellWrite = { ok: true; change: TextChange } | { ok: false; reason: RefusalReason };

export const cellId = (k: CellKey) => `${k.table}:${k.row}:${k.col}`;

/** Every cell of the report, by identity (first occurrence of a row). */
export function cellsById(report: Report): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const add = (table: CellKey['table'], row: Row) => {
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

function rowOf(report: Report, key: CellKey): Row | undefined {
  if (key.table === 3) return report.table3?.rows[key.row];
  if (key.table === 4) return report.table4?.rows[key.row];
  for (const sub of report.table2?.subtables ?? []) for (const row of sub.rows) if (row.key === key.row) return row;
  return undefined;
}

const ok = (range: Range, newText: string): CellWrite => ({ ok: true, change: { range, newText } });
const refused = (reason: RefusalReason): CellWrite => ({ ok: false, reason });
const point = (p: Position): Range => ({ start: p, end: p });

/** The text from `a` to `b` (a line break is written as `eol`). */
function between(lines: string[], a: Position, b: Position, eol: string): string {
  if (a.line === b.line) return (lines[a.line] ?? '').slice(a.character, b.character);
  const parts = [(lines[a.line] ?? '').slice(a.character)];
  for (let l = a.line + 1; l < b.line; l++) parts.push(lines[l] ?? '');
  parts.push((lines[b.line] ?? '').slice(0, b.character));
  return parts.join(eol);
}

/** Up to `length` characters of text from `a` on (a line break is written as `eol`). */
function textFrom(lines: string[], a: Position, length: number, eol: string): string {
  let out = (lines[a.line] ?? '').slice(a.character);
  for (let l = a.line + 1; out.length < length && l < lines.length; l++) out += eol + lines[l];
  return out.slice(0, length);
}

/** The position `text` (lines joined by `eol`) ends at when written from `a`. */
function advance(a: Position, text: string, eol: string): Position {
  const parts = text.split(eol);
  const last = parts[parts.length - 1].length;
  return parts.length === 1 ? { line: a.line, character: a.character + last } : { line: a.line + parts.length - 1, character: last };
}

// (Bars: |, and ｜ │ ┃ alike: isBarCode.)
const isSeparatorText = (s: string) => s.length > 0 && /^[\s|｜│┃\u3000]*$/u.test(s);
const touches = (ch: string | undefined) => ch !== undefined && ch !== '' && !/[\s|｜│┃\u3000]/u.test(ch);

/** The change writing `value` into the cell, or why it cannot be written without touching another cell. */
export function writeCell(lines: string[], report: Report, key: CellKey, value: string): CellWrite {
  const row = rowOf(report, key);
  const index = row?.cells.findIndex((c) => c.colKey === key.col) ?? -1;
  if (!row || index < 0) return refused('no-cell');
  if (row.extraCells.length || doubtfulTable(report, key)) return refused('row-doubtful');
  const cell = row.cells[index];
  if (cell.value.kind === 'missing') return insertMissing(lines, report, row, index, value);
  const range = cell.range;
  const line = lines[range.start.line] ?? '';
  if (range.start.line === range.end.line) {
    const left = lastBar(line, range.start.character);
    const right = nextBar(line, range.end.character);
    if (left >= 0 && right >= 0) {
      const before = line.slice(left + 1, range.start.character);
      const after = line.slice(range.end.character, right);
      if (before.trim() === '' && after.trim() === '') return pipeCell(line, range, left, right, value);
    }
  }
  if (comparePositions(range.start, range.end) === 0) {
    if (touches(line[range.start.character - 1]) || touches(line[range.start.character]))
      return besideNeighbour(lines, report, row, index, value);
  }
  return ok(range, value);
}

/** `value` written between the bars at `left` and `right`, padded to the width the cell had. */
function pipeCell(line: string, range: Range, left: number, right: number, value: string): CellWrite {
  const old = line.slice(left + 1, right);
  const before = line.slice(left + 1, range.start.character);
  const after = line.slice(range.end.character, right);
  const width = displayWidth(old);
  const textWidth = displayWidth(value);
  let cell: string;
  if (textWidth + 2 <= width) {
    // Numbers keep the side they were aligned to (right-aligned when more padding precedes them).
    const fill = ' '.repeat(width - textWidth - 2);
    cell = before.length > after.length ? ` ${fill}${value} ` : ` ${value}${fill} `;
  } else {
    cell = ` ${value} `;
  }
  // Padding that stays as it was is left out of the edit; the old text is always in it.
  let p = 0;
  while (p < before.length && old[p] === cell[p]) p++;
  let s = 0;
  while (s < after.length && s < cell.length - p && old[old.length - 1 - s] === cell[cell.length - 1 - s]) s++;
  const lineNo = range.start.line;
  return ok(
    { start: { line: lineNo, character: left + 1 + p }, end: { line: lineNo, character: right - s } },
    cell.slice(p, cell.length - s),
  );
}

/**
 * A blank cell that PDF text left nothing for, placed right at the end of the cell before it (or
 * the start of the one after it, for a row's first cell): the value goes there with the separator
 * the row has between those two cells, written after the cell before (before the cell after).
 */
function besideNeighbour(lines: string[], report: Report, row: Row, index: number, value: string): CellWrite {
  const cell = row.cells[index].range.start;
  const prev = row.cells[index - 1];
  const next = row.cells.slice(index + 1).find((c) => comparePositions(c.range.start, c.range.end) < 0);
  // (The row's last cell: the separator before the cell before it.)
  const before = index >= 2 ? row.cells[index - 2].range.end : row.label?.pieces[row.label.pieces.length - 1].end;
  if (prev && comparePositions(prev.range.end, cell) === 0 && (next || before)) {
    const separator = next
      ? between(lines, prev.range.end, next.range.start, report.eol)
      : between(lines, before!, prev.range.start, report.eol);
    if (isSeparatorText(separator)) return ok(point(cell), separator + value);
  } else if (index === 0 && next && comparePositions(next.range.start, cell) === 0 && row.label) {
    const separator = between(lines, row.label.pieces[row.label.pieces.length - 1].end, next.range.start, report.eol);
    if (isSeparatorText(separator)) return ok(point(cell), value + separator);
  }
  return refused('no-room');
}

/**
 * Whether the numbers of the cell's table may not be their rows' own: numbers no label names, rows
 * read by their order alone, or a row read with more cells than the format has (a PDF's reading
 * order that mixed rows up). A cell written there could be another row's, or make the table read
 * otherwise, other rows' numbers with it.
 */
function doubtfulTable(report: Report, key: CellKey): boolean {
  const table = key.table === 3 ? report.table3 : key.table === 4 ? report.table4 : null;
  if (!table) return false;
  const inside = (r: Range) => comparePositions(r.start, table.range.start) >= 0 && comparePositions(r.end, table.range.end) <= 0;
  return report.problems.some(
    (p) =>
      inside(p.range) &&
      ((p.code === 'row-unknown' && DOUBTS.has(p.messageId)) ||
        (p.code === 'cell-count' && Number(p.args.found) > Number(p.args.expected))),
  );
}
const DOUBTS = new Set(['row-unknown.unlabelled', 'row-unknown.byOrder', 'row-unknown.scatteredGuess']);

function insertMissing(lines: string[], report: Report, row: Row, index: number, value: string): CellWrite {
  const refuse = refused('missing-layout');
  if (index === 0 || row.cells[index - 1].value.kind === 'missing') return refuse;
  const last = row.cells[index - 1];
  // Text of the row after its last cell would read as the missing cell: the reading and the text disagree.
  if (row.extraCells.length || comparePositions(row.range.end, last.range.end) > 0) return refuse;
  // The separator the row uses: between its last two cells, or between its label and its first cell.
  const previousEnd: Position | undefined =
    index >= 2 ? row.cells[index - 2].range.end : row.label ? row.label.pieces[row.label.pieces.length - 1].end : undefined;
  if (!previousEnd) return refuse;
  const separator = between(lines, previousEnd, last.range.start, report.eol);
  if (!isSeparatorText(separator)) return refuse;
  const end = last.range.end;
  const line = lines[end.line] ?? '';
  if (/[|｜│┃]/.test(separator)) {
    // `| 4 | 1 |` → the new cell goes after the closing bar: `| 4 | 1 | 5 |`.
    const bar = /^[^\S\r\n]*[|｜│┃]/u.exec(line.slice(end.character));
    if (bar) {
      const at = { line: end.line, character: end.character + bar[0].length };
      if (touches(line[at.character])) return refuse;
      const pad = /\s/.test(separator) ? ' ' : '';
      return ok(point(at), `${pad}${value}${pad}${bar[0][bar[0].length - 1]}`);
    }
  } else {
    // A separator already written after the cell (a trailing tab) is used, not doubled; not when
    // the next paragraph stands after it (an indented label: the value would be glued to it).
    const following = textFrom(lines, end, separator.length + 1, report.eol);
    const at = advance(end, separator, report.eol);
    if (
      following.startsWith(separator) &&
      !touches(following[separator.length]) &&
      !/[^\s|｜│┃\u3000]/u.test(lines[at.line]?.slice(at.character) ?? '')
    )
      return ok(point(at), value);
  }
  if (touches(line[end.character])) return refuse;
  return ok(point(end), separator + value);
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
