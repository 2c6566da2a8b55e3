/**
 * What pdftotext (poppler-utils 22.12) gives for the generated PDFs (test/fixtures/pdf, made by
 * scripts/make-pdf-fixtures.ts): -layout (space-aligned rows) and -raw (cells one space apart, as a
 * PDF viewer's copy). Every cell of tables 二, 三 and 四 is read as the seed made it, and every
 * rendering gets the diagnostics the -layout text gets (those the generated values earn: 规章 of a
 * county, fees).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type Report } from '../../server/src/report/index';
import { PDF_FIXTURES, consistentValues } from './ioGen';
import { ROOT } from './helpers';

const DIR = join(ROOT, 'test', 'fixtures', 'pdf');
const MODES = ['layout', 'raw'] as const;

function cellTexts(report: Report): Record<string, string[]> {
  const rows = [
    ...(report.table2?.subtables.flatMap((s) => s.rows) ?? []),
    ...Object.values(report.table3?.rows ?? {}),
    ...Object.values(report.table4?.rows ?? {}),
  ];
  return Object.fromEntries(rows.map((r) => [r.key, r.cells.map((c) => c.raw)]));
}

const loud = (text: string) =>
  analyze(text)
    .diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning')
    .map((d) => `${d.code} ${d.message}`);

describe('pdftotext of the generated PDFs, in each of its modes', () => {
  for (const f of PDF_FIXTURES)
    for (const mode of MODES) {
      const name = f.file.replace(/\.pdf$/, `.${mode}.txt`);
      it(`${name}: every cell as the seed made it, the title, and the diagnostics of -layout`, () => {
        const text = readFileSync(join(DIR, name), 'utf8');
        const { report } = analyze(text);
        assert.deepEqual(cellTexts(report), consistentValues(f.format, f.seed));
        assert.equal(report.body, f.body);
        assert.equal(report.year, f.year);
        assert.deepEqual(loud(text), loud(readFileSync(join(DIR, f.file.replace(/\.pdf$/, '.layout.txt')), 'utf8')));
      });
    }
});
