/**
 * Blank cells in PDF text that writes nothing for them (pdftotext -raw, its reading order: the
 * pdfRaw and pdfOrder families): the row is one number short. Where the table's sums (each row's
 * total, table 三's column sums) leave one column the blank can be in, the cell is read as blank
 * (cell-blank, on its row) and writing the value there gives the clean report back; otherwise the
 * row's cell count is reported. Never a cell read wrong without a report.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, parseReport, type FormatVersion, type Report } from '../../server/src/report/index';
import { writeCell } from '../../server/src/report/cellWrite';
import { applyEdits, splitLines } from '../../server/src/report/ranges';
import { FAMILY_OPTIONS, consistentValues, renderFamily, seeded, textsOf, type TableTexts } from './reportGen';

const RUNS = Number(process.env.FC_RUNS ?? 1);

function read(report: Report): TableTexts {
  const rows = (t: Report['table3'] | Report['table4']) =>
    Object.fromEntries(
      Object.entries(t?.rows ?? {}).map(([k, r]) => [
        k,
        r.cells.map((c) => (c.value.kind === 'int' ? String(c.value.value) : c.value.kind === 'blank' ? '' : `?${c.raw}`)),
      ]),
    );
  return { t3: rows(report.table3), t4: rows(report.table4) };
}

interface Blank {
  table: 3 | 4;
  row: string;
  col: number;
}

/** A consistent report in the family with the cells named left blank. */
function render(family: 'pdfRaw' | 'pdfOrder', format: FormatVersion, seed: number, picks: [boolean, number, number][]) {
  const clean = textsOf(consistentValues(format, seeded(seed + 1)));
  const v = structuredClone(clean);
  const blanks: Blank[] = [];
  for (const [inT4, r, c] of picks) {
    const t = inT4 ? v.t4 : v.t3;
    const keys = Object.keys(t);
    const row = keys[r % keys.length];
    const col = c % t[row].length;
    if (t[row][col] === '') continue;
    t[row][col] = '';
    blanks.push({ table: inT4 ? 4 : 3, row, col });
  }
  const text = renderFamily(format, format === '2019' ? 2020 : 2022, v, family, seeded(seed + 7), FAMILY_OPTIONS[seed % 4]);
  return { clean, v, blanks, text };
}

const DOUBT = new Set(['cell-count', 'row-unknown', 'row-missing']);

/** Read as blank and fixable, or reported: which (and fails on a cell read wrong without a report). */
function check(
  family: 'pdfRaw' | 'pdfOrder',
  format: FormatVersion,
  seed: number,
  picks: [boolean, number, number][],
): 'read' | 'reported' {
  const { clean, v, blanks, text } = render(family, format, seed, picks);
  const { report, diagnostics } = analyze(text);
  const doubts = diagnostics.filter((d) => DOUBT.has(d.code));
  const got = read(report);
  if (doubts.length) return 'reported';
  assert.deepEqual(got, v, 'no doubt reported: every cell as written, the blanks blank');
  const marks = diagnostics.filter((d) => d.code === 'cell-blank');
  assert.equal(marks.length, blanks.length);
  // Writing each value where its blank was read gives the clean report back.
  let fixed = text;
  for (const b of blanks) {
    const before = parseReport(fixed);
    const col = (b.table === 3 ? before.table3 : before.table4)!.rows[b.row].cells[b.col].colKey;
    const was = (b.table === 3 ? clean.t3 : clean.t4)[b.row][b.col];
    const w = writeCell(splitLines(fixed), before, { table: b.table, row: b.row, col }, was);
    assert.ok(w.ok, `${b.row}.${b.col} written`);
    fixed = applyEdits(fixed, [w.change]);
  }
  const again = analyze(fixed);
  assert.deepEqual(read(again.report), clean);
  assert.deepEqual(
    again.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.code} ${d.message}`),
    [],
  );
  return 'read';
}

const pick = fc.tuple(fc.boolean(), fc.nat(), fc.nat(6));
const arb = fc.record({ format: fc.constantFrom<FormatVersion>('2019', '2021'), seed: fc.nat(1_000_000) });

describe('blank cells of PDF text that writes nothing for them', () => {
  for (const family of ['pdfRaw', 'pdfOrder'] as const) {
    it(`${family}: one or two blanks in tables 三 and 四 are read as blank and fixable, or the row is reported`, () => {
      fc.assert(
        fc.property(arb, fc.array(pick, { minLength: 1, maxLength: 2 }), ({ format, seed }, picks) => {
          check(family, format, seed, picks);
        }),
        { numRuns: 40 * RUNS },
      );
    });

    it(`${family}: a blank in table 三 is placed by the sums nine times in ten or more`, () => {
      let n = 0;
      let readBlank = 0;
      for (let seed = 0; seed < 40; seed++)
        for (const format of ['2019', '2021'] as const) {
          n++;
          if (check(family, format, seed, [[false, seed * 7, seed * 3]]) === 'read') readBlank++;
        }
      assert.ok(readBlank >= 0.9 * n, `${readBlank} of ${n}`);
    });
  }
});
