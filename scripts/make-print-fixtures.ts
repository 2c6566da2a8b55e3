/**
 * Makes the print fixtures (test/fixtures/print): web pages of consistent reports, as government
 * CMSs write them (test/unit/originalsGen.ts reportHtml), printed to PDF by a real browser — the
 * PDF a reviewer gets from 打印 → 另存为 PDF, or a body publishes after printing its page. Headless
 * Chromium (Debian's /usr/bin/chromium, driven by playwright-core) lays the page out and writes the
 * PDF (Skia's PDF backend: each table cell's text where the browser's table layout put it, borders
 * as paths, wrapped header cells, a table broken across pages with or without its <thead> repeated,
 * and with the browser's own header and footer: date, title, address, page n/m). The test font
 * (test/fixtures/fonts/test-cjk.ttf) is the page's font, so that a PDF embeds a few kilobytes of
 * glyphs and not a system font. Some pages are also saved as the browser saves a page as one file
 * (MHTML, Page.captureSnapshot). PRINT_FIXTURES in test/unit/printGen.ts says what each is;
 * the tests rebuild the values from its seed, and need neither this script nor a browser.
 *
 *   node --import tsx scripts/make-print-fixtures.ts [NAME…]
 *
 * makes the fixtures named (all of them without a name); CHROMIUM names the browser when it is not
 * /usr/bin/chromium.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CJK_FONT, HTML_VARIANTS, reportHtml } from '../test/unit/originalsGen';
import { PRINT_FIXTURES, printCase } from '../test/unit/printGen';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'print');
const SITE = 'http://www.example.gov.cn/zwgk/ndbg/';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const font = readFileSync(CJK_FONT).toString('base64');
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !PRINT_FIXTURES.some((f) => f.name === n));
  if (unknown.length) throw new Error(`no such fixture: ${unknown.join(', ')}`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: FLAGS });
  try {
    const page = await browser.newPage();
    // (Served from an address like a body's site: the browser's footer prints it.)
    let html = '';
    await page.route(`${SITE}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    for (const f of PRINT_FIXTURES.filter((g) => !names.length || names.includes(g.name))) {
      const { parts } = printCase(f);
      html = reportHtml(parts, HTML_VARIANTS[f.variant]);
      await page.goto(`${SITE}${f.name}.html`);
      await page.addStyleTag({
        content: `@font-face { font-family: XxgkTest; src: url(data:font/ttf;base64,${font}); } * { font-family: XxgkTest !important; }`,
      });
      await page.evaluate('document.fonts.ready');
      const pdf = await page.pdf({
        format: f.paper,
        landscape: f.landscape,
        scale: f.scale,
        displayHeaderFooter: f.headerFooter,
        margin: f.headerFooter ? { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } : undefined,
      });
      writeFileSync(join(OUT, `${f.name}.pdf`), pdf);
      console.log(`${f.name}.pdf: ${(pdf.length / 1024).toFixed(0)} KB`);
      if (f.mhtml) {
        // The page as the browser saves it as one file (网页，单个文件): MHTML, the page quoted-printable.
        const cdp = await page.context().newCDPSession(page);
        const { data } = (await cdp.send('Page.captureSnapshot', { format: 'mhtml' })) as { data: string };
        writeFileSync(join(OUT, `${f.name}.mhtml`), data);
        console.log(`${f.name}.mhtml: ${(data.length / 1024).toFixed(0)} KB`);
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
