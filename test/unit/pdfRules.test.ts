/**
 * The tables' drawn rules, as the fast PDF reader gives them (pdfText.ts TextPage.rules and
 * columns): the horizontal and vertical borders of a table, drawn as stroked lines (LibreOffice), thin
 * filled rectangles (Chromium's print) or stroked rectangles (pdfkit); none where a table has no
 * borders. The PDF layout reads a label's lines within the cell its rules bound, and keeps the text of
 * cells side by side apart at their borders (exportedPdf.test.ts reads the office-exported and
 * browser-printed reports through them; the tests below, the layout on drawn borders).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readTextPages, type TextPage } from '../../server/src/io/pdfText';
import { ROOT } from './helpers';
import { consistentValues, reportParts } from './ioGen';
import PDFDocument from 'pdfkit';
import { CJK_FONT, PDF_BASE, reportPdf } from './originalsGen';

/** Each page's flat list of threes (TextPage.rules or columns) as objects made by `of`. */
const threesOf = <T>(bytes: Uint8Array, list: (p: TextPage) => number[] | undefined, of: (a: number, b: number, c: number) => T) =>
  readTextPages(bytes, join(ROOT, 'dist', 'cmaps'), 20).map((p) => {
    const r = list(p) ?? [];
    const out: T[] = [];
    for (let k = 0; k + 2 < r.length; k += 3) out.push(of(r[k], r[k + 1], r[k + 2]));
    return out;
  });
const rulesOf = (bytes: Uint8Array) =>
  threesOf(
    bytes,
    (p) => p.rules,
    (x0, x1, y) => ({ x0, x1, y }),
  );
const columnsOf = (bytes: Uint8Array) =>
  threesOf(
    bytes,
    (p) => p.columns,
    (x, y0, y1) => ({ x, y0, y1 }),
  );
const fixture = (path: string) => new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', path)));

describe('PDF: the tables’ drawn rules', () => {
  for (const [path, how] of [
    ['office/office-2019.pdf', 'stroked lines'],
    ['print/print-2021-word.pdf', 'thin filled rectangles'],
    ['pdf/generated-2021.pdf', 'stroked rectangles'],
  ] as const)
    it(`${path} (${how}): a rule between every two rows of its first table, each one as long as a cell at least`, () => {
      const [first] = rulesOf(fixture(path));
      assert.ok(first.length >= 10, `${first.length} rules`);
      for (const r of first) assert.ok(r.x1 - r.x0 >= 4 && r.x1 > r.x0, JSON.stringify(r));
      // Rows of table 二 are a line or two apart: distinct rules a few points apart at least, down the page.
      const ys = [...new Set(first.map((r) => Math.round(r.y)))].sort((a, b) => b - a);
      assert.ok(ys.length >= 8, `${ys.length} distinct heights`);
    });

  for (const [path, how] of [
    ['office/office-2019.pdf', 'stroked lines'],
    ['print/print-2021-word.pdf', 'thin filled rectangles'],
    ['pdf/generated-2021.pdf', 'stroked rectangles'],
  ] as const)
    it(`${path} (${how}): the column borders of its first table, each at least a row tall, at the table's few places across`, () => {
      const [first] = columnsOf(fixture(path));
      assert.ok(first.length >= 6, `${first.length} borders`);
      for (const c of first) assert.ok(c.y1 - c.y0 >= 4, JSON.stringify(c));
      // (the borders of table 二's columns and its edges: a few places across, each drawn down many rows)
      const xs = [...new Set(first.map((c) => Math.round(c.x)))];
      assert.ok(xs.length >= 3 && xs.length <= 40, `${xs.length} places: ${xs.join(' ')}`);
    });

  it('a table drawn without borders gives none', async () => {
    const parts = reportParts('某某县人民政府', 2022, '2021', consistentValues('2021', 38));
    const bytes = new Uint8Array(await reportPdf(parts, { ...PDF_BASE, borders: false }, 1));
    for (const pages of [rulesOf(bytes), columnsOf(bytes)])
      assert.deepEqual(
        pages.map((p) => p.length),
        pages.map(() => 0),
      );
  });

  it('a page drawn with many thousands of thin lines (a drawing, not a table) gives none', async () => {
    const pdfOf = (lines: number) =>
      new Promise<Uint8Array>((resolve) => {
        const doc = new PDFDocument({ size: 'A4', compress: true });
        const chunks: Buffer[] = [];
        doc.on('data', (c: Buffer) => chunks.push(c));
        doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
        for (let k = 0; k < lines; k++)
          doc
            .moveTo(50, 50 + (k % 700))
            .lineTo(300, 50 + (k % 700))
            .lineWidth(0.5)
            .stroke();
        doc.font(readFileSync(CJK_FONT)).fontSize(9).text('一', 50, 40);
        doc.end();
      });
    assert.equal(rulesOf(await pdfOf(4000))[0].length, 4000);
    assert.equal(rulesOf(await pdfOf(6000))[0].length, 0);
  });
});
