/**
 * Checks the generator's model of the browser's text (reportGen.ts innerTextOf / clipboardOf, through
 * webGen.ts webBlocks) against real Chromium on random variant pages: for every variant of
 * webGen.ts WEB_VARIANTS and SEEDS seeds each (randomWebCase: random page options, charsets, no
 * blank cell, a few or many, whole blank rows), the page is opened in headless Chromium as
 * scripts/make-browser-fixtures.ts does, and its `document.body.innerText` and select-all + Ctrl+C
 * text must be byte-identical to the model's. Any difference is printed (where it starts) and makes
 * the exit code 1. Not run by `npm test` (it needs a browser); the property tests of
 * test/unit/web-variants.test.ts read the model's texts on many more seeds.
 *
 *   node --import tsx scripts/check-browser-model.ts [SEEDS=6] [FIRST_SEED=1] [path/to/chromium]
 */
import { chromium } from 'playwright-core';
import { WEB_VARIANTS, randomWebCase, webCasePage, webCaseText } from '../test/unit/webGen';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where two texts part, with some text around. */
function difference(want: string, got: string): string {
  let i = 0;
  while (i < want.length && want[i] === got[i]) i++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 40));
  return `at ${i}: browser ${around(want)}, model ${around(got)}`;
}

async function main(): Promise<void> {
  const seeds = Number(process.argv[2] ?? 6);
  const first = Number(process.argv[3] ?? 1);
  const pages = new Map<string, Uint8Array>();
  const cases = Object.keys(WEB_VARIANTS).flatMap((variant) =>
    Array.from({ length: seeds }, (_, k) => {
      const seed = first + k * 7919 + variant.length * 104729;
      const c = randomWebCase(seed, variant);
      const name = `${variant}-${seed}`;
      pages.set(name, webCasePage(c));
      return { name, c };
    }),
  );
  const browser = await chromium.launch({ executablePath: process.argv[4] ?? '/usr/bin/chromium', headless: true, args: FLAGS });
  let same = 0;
  let differ = 0;
  try {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    // A page of its own (secure) origin, so that the clipboard can be read; served as bytes without
    // a charset, so that the browser finds it (from the meta, the BOM or the bytes) as for a saved page.
    await page.route('https://fixture.test/**', (route, request) => {
      const bytes = pages.get(new URL(request.url()).pathname.slice(1));
      if (!bytes) return route.abort();
      return route.fulfill({ status: 200, contentType: 'text/html', body: Buffer.from(bytes) });
    });
    for (const { name, c } of cases) {
      await page.goto(`https://fixture.test/${name}`);
      const inner = String(await page.evaluate('document.body.innerText'));
      await page.evaluate("navigator.clipboard.writeText('')");
      await page.click('body');
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+C');
      const copied = String(await page.evaluate('navigator.clipboard.readText()'));
      for (const [how, text] of [
        ['innerText', inner],
        ['clipboard', copied],
      ] as const) {
        const model = webCaseText(c, how);
        if (model === text) same++;
        else {
          differ++;
          console.log(
            `${name} (${c.format}, ${JSON.stringify(c.opts)}, ${c.charset ?? 'utf-8'}, ${c.blanks.length} blanks) ${how}: ${difference(text, model)}`,
          );
        }
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`${cases.length} pages, ${same} texts identical to the model's, ${differ} different`);
  if (differ) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
