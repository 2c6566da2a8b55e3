/**
 * The one cell writer (report/cellWrite.ts) over every layout family real reports come in
 * (reportGen.ts renderFamily), with LF and CRLF line ends: writing a value into a present, a blank
 * or a missing cell of tables 二, 三 and 四 changes that cell and no other, the text read again holds
 * the new value there, and nothing outside the row's lines changes. In `|` rows the line keeps its
 * display width when the value fits the cell (the columns stay aligned).
 *
 * Runs are sized to keep `npm test` quick on two cores; set FC_RUNS to multiply them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FORMATS, displayWidth, parseReport, type FormatVersion } from '../../server/src/report/index';
import { cellId, cellsById, changedCells, writeCell, type CellKey } from '../../server/src/report/cellWrite';
import { applyEdits, splitLines } from '../../server/src/report/ranges';
import { FAMILIES, consistentValues, renderFamily, seeded, textsOf, type Family } from './reportGen';

const SCALE = Number(process.env.FC_RUNS ?? 1);
const SEED = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), includeErrorInReport: true, ...SEED });

type State = 'present' | 'blank' | 'missing';

interface Case {
  family: Family;
  format: FormatVersion;
  seed: number;
  state: State;
  crlf: boolean;
  /** Which row and column, as fractions of the choices (so that one case fits every format). */
  pick: [number, number];
  value: number;
}

/** A report of the family with the target cell in the state asked for, and the cell's key. */
function render(c: Case): { text: string; key: CellKey } {
  const rand = seeded(c.seed);
  const values = textsOf(consistentValues(c.format, rand));
  const at = <T>(xs: T[], f: number) => xs[Math.min(xs.length - 1, Math.floor(f * xs.length))];
  let key: CellKey;
  if (c.state === 'present' && c.pick[0] < 0.2) {
    // Table 二 (written with zeros): any of its cells.
    const cells = FORMATS[c.format].table2.flatMap((sub) =>
      sub.rows.flatMap((r) => sub.columns.map((col) => ({ row: r.key, col: col.key }))),
    );
    key = { table: 2, ...at(cells, c.pick[1]) };
  } else {
    const table: 3 | 4 = c.pick[0] < 0.6 ? 3 : 4;
    const rows = table === 3 ? values.t3 : values.t4;
    const columns = (table === 3 ? FORMATS[c.format].table3 : FORMATS[c.format].table4).columns;
    const row = at(Object.keys(rows), c.pick[1]);
    // A missing cell is the row's last: the row has one cell fewer than the format.
    const ci = c.state === 'missing' ? columns.length - 1 : at([...columns.keys()], (c.pick[0] * 7) % 1);
    if (c.state === 'blank') rows[row][ci] = '';
    if (c.state === 'missing') rows[row] = rows[row].slice(0, ci);
    key = { table, row, col: columns[ci].key };
  }
  const text = renderFamily(c.format, 2023, values, c.family, rand);
  return { text: c.crlf ? text.replace(/\n/g, '\r\n') : text, key };
}

/** How the cell reads before: a count, or table 二's procurement amount (a decimal). */
const KIND: Record<State, string[]> = { present: ['int', 'decimal'], blank: ['blank'], missing: ['missing'] };

/**
 * Text with no bars between cells (PDF text, a web page's paragraphs) may have written nothing for
 * a blank cell: a row one number short is read with a blank cell where the table's sums place it
 * (here the row's last), and written there.
 */
const UNMARKED: Family[] = FAMILIES.filter((f) => f !== 'pipes' && f !== 'captions' && f !== 'converter');
const kindsOf = (c: Case) => (c.state === 'missing' && UNMARKED.includes(c.family) ? ['missing', 'blank'] : KIND[c.state]);

/**
 * pdftotext -raw and its reading order (pdfRaw, pdfOrder) cannot always say which row a short row's
 * numbers belong to (a block of rows' labels, then all their numbers, one fewer): there the reading
 * reports the table's cell count, and the writer refuses the cell rather than write into a
 * neighbour's number. `doubtful` lets a case end so, and only so.
 */
function check(c: Case, doubtful = false): void {
  const { text, key } = render(c);
  const before = parseReport(text);
  const id = cellId(key);
  const cell = cellsById(before).get(id);
  const lines = splitLines(text);
  const reported = before.problems.some((p) => p.code === 'cell-count' || p.code === 'row-unknown');
  if (doubtful && reported && (!cell || !kindsOf(c).includes(cell.value.kind))) {
    // The row was read with a neighbour's numbers, or not at all: reported, and never written.
    if (cell) assert.equal(writeCell(lines, before, key, '1').ok, false, `${c.family}: ${id}, read doubtfully, is not written`);
    return;
  }
  assert.ok(cell, `${id} is read`);
  assert.ok(kindsOf(c).includes(cell.value.kind), `${c.family}: ${id} reads as ${c.state}, not ${cell.value.kind}`);
  // A value other than the one written there, so that the change shows.
  const n = cell.raw === String(c.value) ? c.value + 1 : c.value;
  const value = String(n);
  const write = writeCell(lines, before, key, value);
  if (doubtful && !write.ok && reported && (write.reason === 'row-doubtful' || write.reason === 'missing-layout')) return;
  assert.ok(write.ok, `${c.family}: writing ${id} refused (${write.ok ? '' : write.reason})`);
  const fixed = applyEdits(text, [write.change]);
  const after = parseReport(fixed);
  const { changed, lost } = changedCells(before, after);
  assert.deepEqual(lost, [], 'no cell lost');
  assert.deepEqual([...changed], [[id, value]], `${c.family}: only ${id} changes, to ${value}`);
  const now = cellsById(after).get(id)!;
  const amount = cell.value.kind === 'decimal';
  assert.deepEqual(
    now.value,
    amount ? { kind: 'decimal', text: value, unit: null } : { kind: 'int', value: n },
    'read again as the value written',
  );
  // Nothing before the row, nor after the place the value goes, changes.
  const row = [
    before.table2?.subtables.flatMap((s) => s.rows),
    Object.values(before.table3?.rows ?? {}),
    Object.values(before.table4?.rows ?? {}),
  ]
    .flat()
    .find((r) => r?.cells.includes(cell))!;
  const out = splitLines(fixed);
  const added = out.length - lines.length;
  assert.deepEqual(out.slice(0, row.range.start.line), lines.slice(0, row.range.start.line), 'lines before the row');
  const tail = write.change.range.end.line + 1;
  assert.deepEqual(out.slice(tail + added), lines.slice(tail), 'lines after the edit');
  const line = lines[cell.range.start.line];
  const fits = displayWidth(value) + 2 <= displayWidth(cellBetweenBars(line, cell.range.start.character));
  if (c.state !== 'missing' && line.trimStart().startsWith('|') && fits) {
    assert.equal(displayWidth(out[cell.range.start.line]), displayWidth(line), `${c.family}: the | row keeps its width`);
  }
}

/** The text between the bars around a character of a `|` line. */
function cellBetweenBars(line: string, at: number): string {
  return line.slice(line.lastIndexOf('|', at - 1) + 1, line.indexOf('|', at));
}

const cases = (states: State[], families: Family[]) =>
  fc.record({
    family: fc.constantFrom(...families),
    format: fc.constantFrom<FormatVersion>('2019', '2021'),
    seed: fc.nat(),
    state: fc.constantFrom(...states),
    crlf: fc.boolean(),
    pick: fc.tuple(
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    ),
    value: fc.oneof(fc.nat(9), fc.nat(99999)),
  });

/**
 * pdftotext -raw and its reading order (pdfRaw, pdfOrder) write no blank cell (a blank cell leaves
 * nothing, the row is one number short): they have no blank cells to write into; their missing
 * cells are written, or refused where the reading reports that it cannot tell the rows apart (check).
 */
const EDITABLE: Family[] = FAMILIES.filter((f) => f !== 'pdfRaw' && f !== 'pdfOrder');

describe('the cell writer over the layout families', () => {
  it('a present or missing cell: only it changes, and it reads as the value written', () => {
    fc.assert(
      fc.property(cases(['present', 'missing'], EDITABLE), (c) => check(c)),
      runs(120),
    );
  });

  it('a present cell of pdftotext -raw or reading-order text: only it changes, and it reads as the value written', () => {
    fc.assert(
      fc.property(cases(['present'], ['pdfRaw', 'pdfOrder']), (c) => check(c)),
      runs(60),
    );
  });

  it('a missing cell of pdftotext -raw or reading-order text: only it changes, or it is refused where the reading reports a doubt', () => {
    fc.assert(
      fc.property(cases(['missing'], ['pdfRaw', 'pdfOrder']), (c) => check(c, c.family === 'pdfOrder')),
      runs(60),
    );
  });

  // pdftotext -layout writes a blank cell as spaces, which cannot be told from the spaces between
  // cells: that family has no blank cells to write into.
  const withBlanks = EDITABLE.filter((f) => f !== 'pdf');
  it(`a blank cell (${withBlanks.join(', ')}): only it changes, and it reads as the value written`, () => {
    fc.assert(
      fc.property(cases(['blank'], withBlanks), (c) => check(c)),
      runs(80),
    );
  });

  it('two cells missing: the first is inserted, the second has no place yet; a cell not in the report is refused', () => {
    for (const family of EDITABLE) {
      const rand = seeded(3);
      const values = textsOf(consistentValues('2021', rand));
      values.t3.granted = values.t3.granted.slice(0, 5);
      const text = renderFamily('2021', 2023, values, family, rand);
      const report = parseReport(text);
      const lines = splitLines(text);
      const [other, total] = FORMATS['2021'].table3.columns.slice(5).map((c) => ({ table: 3 as const, row: 'granted', col: c.key }));
      const first = writeCell(lines, report, other, '77');
      assert.ok(first.ok, family);
      assert.deepEqual([...changedCells(report, parseReport(applyEdits(text, [first.change]))).changed], [[cellId(other), '77']], family);
      assert.deepEqual(writeCell(lines, report, total, '77'), { ok: false, reason: 'missing-layout' }, family);
      assert.deepEqual(writeCell(lines, report, { table: 3, row: 'nonesuch', col: 'total' }, '1'), { ok: false, reason: 'no-cell' });
    }
  });

  it('every family and state is reached', () => {
    for (const family of FAMILIES)
      for (const state of (EDITABLE.includes(family)
        ? ['present', 'missing', ...(family === 'pdf' ? [] : ['blank'])]
        : ['present']) as State[])
        for (const crlf of [false, true]) check({ family, format: '2021', seed: 5, state, crlf, pick: [0.7, 0.3], value: 123 });
  });
});
