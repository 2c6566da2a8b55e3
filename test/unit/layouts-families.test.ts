/**
 * Tests by family: one consistent report rendered in every layout family real reports come in
 * (reportGen.ts renderFamily) reads back the same values with no error and no warning; a changed
 * cell is found; a blank cell — even one that leaves no text of its own — is read as blank, reported
 * where it stands, and filling it there gives the clean report back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, FORMATS, type FormatVersion, type Report, type ReportDiagnostic } from '../../server/src/report/index';
import { FAMILIES, consistentValues, renderFamily, seeded, textsOf, type Family, type TableTexts } from './reportGen';

const RUNS = Number(process.env.FC_RUNS ?? 12);

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

const loud = (ds: ReportDiagnostic[]) => ds.filter((d) => d.severity === 'error' || d.severity === 'warning');
const show = (ds: ReportDiagnostic[]) => ds.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`);

/** Replace a range of the text (LSP positions) by new text. */
function edit(text: string, r: ReportDiagnostic['range'], by: string): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((s, l) => s + l.length + 1, 0) + p.character;
  return text.slice(0, offset(r.start)) + by + text.slice(offset(r.end));
}

const arb = fc.record({ format: fc.constantFrom<FormatVersion>('2019', '2021'), seed: fc.nat(1_000_000) });

/** Families where a blank cell can be told from no cell at all (not space-aligned PDF text). */
const BLANKABLE: Family[] = FAMILIES.filter((f) => f !== 'pdf');

describe('every layout family reads back the same report', () => {
  for (const family of FAMILIES) {
    it(`${family}: same values, six sections, the title, no error or warning`, () => {
      fc.assert(
        fc.property(arb, ({ format, seed }) => {
          const v = textsOf(consistentValues(format, seeded(seed + 1)));
          const year = format === '2019' ? 2020 : 2022;
          const text = renderFamily(format, year, v, family, seeded(seed + 7));
          const { report, diagnostics } = analyze(text);
          assert.deepEqual(read(report), v);
          assert.deepEqual(show(loud(diagnostics)), []);
          assert.deepEqual(
            report.sections.map((s) => [s.number, s.duplicate]),
            [1, 2, 3, 4, 5, 6].map((n) => [n, false]),
          );
          assert.equal(report.body, '示例县示例镇人民政府');
          assert.equal(report.year, year);
          assert.equal(report.format, format);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${family}: a changed cell of table 三 is read as changed and its row total is found wrong`, () => {
      fc.assert(
        fc.property(arb, fc.nat(), fc.nat(6), ({ format, seed }, r, c) => {
          const v = textsOf(consistentValues(format, seeded(seed + 1)));
          const keys = FORMATS[format].table3.rows.map((x) => x.key);
          const key = keys[r % keys.length];
          v.t3[key][c] = String(Number(v.t3[key][c]) + 1);
          const { report, diagnostics } = analyze(renderFamily(format, format === '2019' ? 2020 : 2022, v, family, seeded(seed + 7)));
          assert.deepEqual(read(report), v);
          assert.ok(
            diagnostics.some((d) => d.code === 'sum-row' && d.data?.row === key),
            `${key}[${c}]: ${show(diagnostics).join('; ')}`,
          );
        }),
        { numRuns: RUNS },
      );
    });
  }

  for (const family of BLANKABLE) {
    it(`${family}: a blank cell is read, reported where it stands, and filling it there gives the clean report`, () => {
      fc.assert(
        fc.property(arb, fc.nat(), fc.nat(6), fc.boolean(), ({ format, seed }, r, c, inT4) => {
          const clean = textsOf(consistentValues(format, seeded(seed + 1)));
          const v = structuredClone(clean);
          const keys = inT4 ? ['review', 'direct', 'post'] : FORMATS[format].table3.rows.map((x) => x.key);
          const key = keys[r % keys.length];
          const table = inT4 ? v.t4 : v.t3;
          const col = c % table[key].length;
          const was = table[key][col];
          table[key][col] = '';
          const text = renderFamily(format, format === '2019' ? 2020 : 2022, v, family, seeded(seed + 7));
          const { report, diagnostics } = analyze(text);
          assert.deepEqual(read(report), v);
          const blanks = diagnostics.filter((d) => d.code === 'cell-blank');
          assert.equal(blanks.length, 1, show(diagnostics).join('; '));
          const fixed = edit(text, blanks[0].range, was);
          const again = analyze(fixed);
          assert.deepEqual(read(again.report), clean);
          assert.deepEqual(show(loud(again.diagnostics)), []);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${family}: a row whose cells are all blank is read`, () => {
      const format: FormatVersion = '2021';
      const v = textsOf(consistentValues(format, seeded(3)));
      v.t3.d2 = ['', '', '', '', '', '', ''];
      const { report, diagnostics } = analyze(renderFamily(format, 2022, v, family, seeded(4)));
      assert.deepEqual(read(report).t3.d2, v.t3.d2);
      assert.equal(diagnostics.filter((d) => d.code === 'cell-blank').length, 7);
      assert.ok(
        !diagnostics.some((d) => d.code === 'row-missing' || d.code === 'row-unknown' || d.code === 'cell-count'),
        show(diagnostics).join('; '),
      );
    });
  }
});
