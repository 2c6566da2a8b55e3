/**
 * What headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) gives for web
 * pages: `document.body.innerText`, and a real select-all + copy (Ctrl+A, Ctrl+C) read back from the
 * clipboard. Shared by scripts/make-browser-fixtures.ts and scripts/check-browser-model.ts.
 *
 * Each page is served from an origin of its own (secure, so that the clipboard can be read); a page
 * given as bytes is served without a charset, so that the browser finds it (from the meta, the BOM
 * or the bytes) as it does for a saved page, one given as a string as UTF-8.
 */
import { chromium } from 'playwright-core';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserPage {
  name: string;
  html: string | Uint8Array;
}

/** Opens each page in turn and hands its two texts to `each`. */
export async function browserCopies<P extends BrowserPage>(
  executablePath: string,
  pages: readonly P[],
  each: (page: P, innerText: string, clipboard: string) => void,
): Promise<void> {
  const byName = new Map(pages.map((p) => [p.name, p]));
  const browser = await chromium.launch({ executablePath, headless: true, args: FLAGS });
  try {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const tab = await context.newPage();
    await tab.route('https://fixture.test/**', (route, request) => {
      const p = byName.get(new URL(request.url()).pathname.slice(1));
      if (!p) return route.abort();
      if (typeof p.html !== 'string') return route.fulfill({ status: 200, contentType: 'text/html', body: Buffer.from(p.html) });
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: p.html });
    });
    for (const p of pages) {
      await tab.goto(`https://fixture.test/${p.name}`);
      // (Strings: the page's code runs in the browser, where the DOM types are.)
      const inner = String(await tab.evaluate('document.body.innerText'));
      await tab.evaluate("navigator.clipboard.writeText('')");
      await tab.click('body');
      await tab.keyboard.press('Control+A');
      await tab.keyboard.press('Control+C');
      const copied = String(await tab.evaluate('navigator.clipboard.readText()'));
      each(p, inner, copied);
    }
  } finally {
    await browser.close();
  }
}
