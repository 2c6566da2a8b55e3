/**
 * Makes the browser fixtures (test/fixtures/browser): what a real browser gives for a report's web
 * page, for generated pages in the government-CMS style (reportGen.ts renderHtml, BROWSER_FIXTURES:
 * merged cells, `<td><p>…</p></td>`, blank cells as `<p> </p>`, `<p>&nbsp;</p>` or an empty `<td>`,
 * paragraphs and text cells indented by text-indent:2em, &emsp;&emsp;, ideographic spaces, &nbsp;
 * runs or a tab in a pre-wrap paragraph)
 * and the variant pages of webGen.ts (WEB_FIXTURES: `<br>` in cells, layout tables, CSS layouts,
 * `<thead>`/`<th>`, repeated header rows, merged blank cells, full-width digits, Word's markup, GBK
 * pages served without a charset so that the browser finds it from the meta, the BOM or the bytes),
 * and for the real pages in test/fixtures/real/*.html. Each page is opened in headless Chromium
 * (Debian's /usr/bin/chromium, driven by playwright-core) and two texts are taken:
 * - NAME.innertext.txt: `document.body.innerText`;
 * - NAME.clipboard.txt: a real select-all + copy (Ctrl+A, Ctrl+C), read back from the clipboard.
 * For the generated pages they are saved (with the page); for the real pages they are compared with
 * the published forms beside them in test/fixtures/real, and any difference is reported.
 * The outputs are committed; the tests read them and need neither this script nor a browser.
 *
 *   node --import tsx scripts/make-browser-fixtures.ts [path/to/chromium]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BROWSER_FIXTURES, browserFixtureValues, renderHtml } from '../test/unit/reportGen';
import { WEB_FIXTURES, webFixturePage } from '../test/unit/webGen';
import { browserCopies } from './browserCopy';

const OUT = join(import.meta.dirname, '..', 'test', 'fixtures', 'browser');
const REAL = join(import.meta.dirname, '..', 'test', 'fixtures', 'real');

async function main(): Promise<void> {
  const pages: { name: string; html: string | Uint8Array; dir: string; real: boolean }[] = [];
  for (const f of BROWSER_FIXTURES) {
    const html = renderHtml(f.format, f.year, browserFixtureValues(f), f.opts);
    writeFileSync(join(OUT, `${f.name}.html`), html);
    pages.push({ name: f.name, html, dir: OUT, real: false });
  }
  for (const f of WEB_FIXTURES) {
    const bytes = webFixturePage(f);
    writeFileSync(join(OUT, `${f.name}.html`), bytes);
    pages.push({ name: f.name, html: bytes, dir: OUT, real: false });
  }
  for (const file of readdirSync(REAL).filter((n) => n.endsWith('.html'))) {
    pages.push({ name: basename(file, '.html'), html: readFileSync(join(REAL, file), 'utf8'), dir: REAL, real: true });
  }
  let differ = 0;
  await browserCopies(process.argv[2] ?? '/usr/bin/chromium', pages, (p, inner, copied) => {
    if (copied === '') throw new Error(`${p.name}: nothing was copied`);
    for (const [kind, text] of [
      ['innertext', inner],
      ['clipboard', copied],
    ]) {
      const file = join(p.dir, `${p.name}.${kind}.txt`);
      if (!p.real) writeFileSync(file, text);
      else if (readFileSync(file, 'utf8') !== text) {
        differ++;
        console.log(`${p.name}: the browser's ${kind} differs from ${file}`);
      }
    }
    console.log(`${p.name}: innerText ${inner.length} chars, clipboard ${copied.length} chars${p.real ? ' (compared)' : ''}`);
  });
  if (differ) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
