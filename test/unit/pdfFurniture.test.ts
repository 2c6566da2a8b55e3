/**
 * Page furniture in PDFs: a running head repeated at the top of the pages (with the page number or
 * not) is dropped, but not a line that appears once, nor a table row repeated at the same place.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import PDFDocument from 'pdfkit';
import { loadReportSync } from '../../server/src/io/load';
import { CJK_FONT } from './originalsGen';

const TITLE = '某某县人民政府2022年政府信息公开工作年度报告';

/** `pages` pages (three by default); on the later ones a running head (`head(n)`) and a table row at the bottom. */
function furniturePdf(head: (page: number) => string, pages = 3): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: true });
  doc.registerFont('T', readFileSync(CJK_FONT));
  doc.font('T');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));
  const at = (s: string, x: number, y: number, size: number) => doc.fontSize(size).text(s, x, y, { lineBreak: false });
  for (let n = 1; n <= pages; n++) {
    doc.addPage({ size: [595, 842], margin: 0 });
    if (n === 1) {
      at('主办单位联系电话', 64, 30, 9);
      at(TITLE, 100, 100, 18);
    } else {
      at(head(n), 150, 30, 9);
      at(n === 2 ? '一、总体情况' : '二、主动公开政府信息情况', 64, 100, 15);
      at('行政许可', 64, 780, 10.5);
      at(String(220 + n), 300, 780, 10.5);
      at(String(n), 380, 780, 10.5);
      at(String(476 + n), 460, 780, 10.5);
    }
  }
  doc.end();
  return done;
}

const count = (text: string, s: string) => text.split(s).length - 1;

describe('PDF page furniture', () => {
  for (const [name, head] of [
    ['the same running head', () => TITLE],
    ['a running head with the page number', (n: number) => `${TITLE} 第${n}页`],
  ] as const)
    it(`${name} on the later pages is dropped; a line once at a page's top and the table rows repeated at its bottom are kept`, async () => {
      const text = loadReportSync('f.pdf', 'zh', new Uint8Array(await furniturePdf(head))).text;
      assert.equal(count(text, TITLE), 1, text);
      assert.equal(count(text, '主办单位联系电话'), 1, text);
      assert.equal(count(text, '行政许可'), 2, text);
      for (const v of ['222', '478', '223', '479']) assert.ok(text.includes(v), `${v} in\n${text}`);
    });

  it('a running head with its page number on the second page of two (once: a smaller copy of the title) is dropped', async () => {
    const text = loadReportSync('f.pdf', 'zh', new Uint8Array(await furniturePdf((n) => `${TITLE} 第${n}页`, 2))).text;
    assert.equal(count(text, TITLE), 1, text);
    assert.ok(!text.includes('第2页'), text);
  });

  it('a line at the top of one later page only is kept', async () => {
    const text = loadReportSync('f.pdf', 'zh', new Uint8Array(await furniturePdf((n) => (n === 2 ? '主办单位' : '联系电话')))).text;
    assert.ok(text.includes('主办单位') && text.includes('联系电话'), text);
  });
});
