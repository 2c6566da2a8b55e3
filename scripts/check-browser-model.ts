/**
 * Checks the generator's model of the browser's text (reportGen.ts innerTextOf / clipboardOf, through
 * webGen.ts webBlocks) against real Chromium on random variant pages: for every variant of
 * webGen.ts WEB_VARIANTS and SEEDS seeds each (randomWebCase: random page options, charsets, no
 * blank cell, a few or many, whole blank rows), the page is opened in headless Chromium, and its `document.body.innerText` and select-all + Ctrl+C
 * text must be byte-identical to the model's (scripts/browserCopy.ts takes them). Any difference is printed (where it starts) and makes
 * the exit code 1. Not run by `npm test` (it needs a browser); the property tests of
 * test/unit/web-variants.test.ts read the model's texts on many more seeds.
 *
 *   node --import tsx scripts/check-browser-model.ts [SEEDS=6] [FIRST_SEED=1] [path/to/chromium]
 */
import { WEB_VARIANTS, randomWebCase, webCasePage, webCaseText } from '../test/unit/webGen';
import { browserCopies } from './browserCopy';

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
  const cases = Object.keys(WEB_VARIANTS).flatMap((variant) =>
    Array.from({ length: seeds }, (_, k) => {
      const seed = first + k * 7919 + variant.length * 104729;
      const c = randomWebCase(seed, variant);
      return { name: `${variant}-${seed}`, html: webCasePage(c), c };
    }),
  );
  let same = 0;
  let differ = 0;
  await browserCopies(process.argv[4] ?? '/usr/bin/chromium', cases, ({ name, c }, inner, copied) => {
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
  });
  console.log(`${cases.length} pages, ${same} texts identical to the model's, ${differ} different`);
  if (differ) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
