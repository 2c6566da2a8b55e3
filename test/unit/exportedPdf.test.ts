/**
 * PDFs made by real exporters, each read cell by cell as written with no false diagnostic:
 * - web pages printed by a browser (test/fixtures/print, made by scripts/make-print-fixtures.ts in
 *   headless Chromium from the pages of printGen.ts): the PDF a reviewer saves from a body's page,
 *   with the browser's header and footer, portrait or landscape, at the page's scale or smaller;
 * - Word documents exported by an office suite (test/fixtures/office, made by
 *   scripts/make-office-fixtures.ts with LibreOffice from the .docx of officeGen.ts): every cell's
 *   text at its top or in its middle, long labels wrapped over many lines in narrow cells, headings
 *   and labels numbered by Word's lists, tables and their cells broken across pages.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadReportSync } from '../../server/src/io/load';
import { consistentValues, reportParts, type Part } from './ioGen';
import { PDF_BASE, PDF_VARIANTS, randomPdfVariant, reportPdf } from './originalsGen';
import { ROOT } from './helpers';
import { misreads } from './misreads';
import { OFFICE_FIXTURES, officeCase } from './officeGen';
import { PRINT_FIXTURES, printCase } from './printGen';

/**
 * Every paragraph of the report (title, headings, narrative) that is not in the text read from
 * the PDF, spaces aside: whatever the tables' reading, no line of the narrative is lost.
 */
function lostParagraphs(file: string, bytes: Uint8Array, parts: Part[]): string[] {
  const flat = (t: string) => t.replace(/\s+/g, '');
  const text = flat(loadReportSync(file, 'zh', bytes).text);
  return parts.filter((p) => p.kind === 'p' && !text.includes(flat(p.text!))).map((p) => p.text!);
}

const read = (dir: string, name: string) => new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', dir, `${name}.pdf`)));

/** The exported PDFs by source: where they are, and each one's format, values and parts. */
const SOURCES = [
  {
    title: 'web pages printed to PDF by a browser',
    dir: 'print',
    fixtures: PRINT_FIXTURES.map((f) => ({ name: f.name, format: f.format, ...printCase(f) })),
  },
  {
    title: 'Word documents exported to PDF by an office suite',
    dir: 'office',
    fixtures: OFFICE_FIXTURES.map((f) => ({ name: f.name, format: f.format, ...officeCase(f) })),
  },
];

for (const { title, dir, fixtures } of SOURCES)
  describe(title, () => {
    for (const f of fixtures)
      it(`${f.name}: every heading and paragraph of the narrative read`, () => {
        assert.deepEqual(lostParagraphs(`${f.name}.pdf`, read(dir, f.name), f.parts), []);
      });
    for (const f of fixtures)
      it(`${f.name}: every cell read as written, no false diagnostic`, () => {
        assert.deepEqual(misreads(`${f.name}.pdf`, read(dir, f.name), f.format, f.values), []);
      });
  });

describe('PDFs in every layout the generator draws: no line of the narrative lost', () => {
  it('every heading and paragraph read, whatever the tables’ reading (each variant, twenty random ones)', async () => {
    const variants = [
      ...Object.entries(PDF_VARIANTS),
      ...Array.from({ length: 20 }, (_, k) => [`random ${k}`, randomPdfVariant(k)] as const),
    ];
    for (const format of ['2019', '2021'] as const)
      for (const [name, v] of variants) {
        const parts = reportParts('某某县人民政府', format === '2019' ? 2020 : 2022, format, consistentValues(format, 38));
        const pdf = new Uint8Array(await reportPdf(parts, { ...PDF_BASE, ...v }, 1));
        assert.deepEqual(lostParagraphs('r.pdf', pdf, parts), [], `${format} ${name}`);
      }
  });
});
