/**
 * What pdftotext (poppler-utils 22.12) gives for the generated PDFs (test/fixtures/pdf, made by
 * scripts/make-pdf-fixtures.ts): -layout (space-aligned rows), -raw (cells one space apart, as a
 * PDF viewer's copy) and its default reading order (every cell a paragraph, labels in blocks apart
 * from their numbers, below them or after the table). Every cell of tables 二, 三 and 四 is read as
 * the seed made it, and every rendering gets the diagnostics the -layout text gets (those the
 * generated values earn: 规章 of a county, fees) — but for cells the text sets where no reading can
 * find them (DEFAULT_LOST), which are reported instead.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type Report } from '../../server/src/report/index';
import { PDF_FIXTURES, consistentValues } from './ioGen';
import { ROOT } from './helpers';

const DIR = join(ROOT, 'test', 'fixtures', 'pdf');
const MODES = ['layout', 'raw', 'default'] as const;

/**
 * Cells the default reading order puts outside their table: in generated-2021-large.default.txt the
 * last three of table 四 come after the page's number, below sections 五 and 六. They are read as the
 * table's (they make it whole, every row's total holding), and an information says where they stood.
 */
const DEFAULT_LOST: Record<string, { cells: string[]; loud: string[] }> = {};
const DEFAULT_TAIL: Record<string, number> = { 'generated-2021-large.default.txt': 1 };

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
        const lost = DEFAULT_LOST[name];
        const got = cellTexts(report);
        const want = consistentValues(f.format, f.seed);
        const wrong = Object.entries(want).flatMap(([k, vs]) => vs.flatMap((v, i) => (got[k]?.[i] === v ? [] : [`${k}.${i}`])));
        assert.deepEqual(wrong, lost?.cells ?? []);
        assert.equal(report.body, f.body);
        assert.equal(report.year, f.year);
        const expected = loud(readFileSync(join(DIR, f.file.replace(/\.pdf$/, '.layout.txt')), 'utf8'));
        const extra = loud(text).filter((d) => !expected.includes(d));
        assert.deepEqual(
          loud(text).filter((d) => !extra.includes(d)),
          expected,
        );
        assert.deepEqual([...new Set(extra.map((d) => d.split(' ')[0]))], lost?.loud ?? []);
        const tails = analyze(text).diagnostics.filter(
          (d) => d.code === 'row-unknown' && d.severity === 'information' && /页码/.test(d.message),
        );
        assert.equal(tails.length, DEFAULT_TAIL[name] ?? 0);
      });
    }
});
