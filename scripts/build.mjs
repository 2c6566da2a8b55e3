// Bundles the extension client, the language server, the CLI and its worker into dist/ with esbuild;
// copies the CMaps the PDF reader needs into dist/cmaps/.
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const production = process.argv.includes('--production');
const entries = [
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'server', external: ['pdfjs-dist/package.json'] },
  { in: 'server/src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node', external: ['pdfjs-dist/package.json'] },
  { in: 'server/src/checkWorker.ts', out: 'checkWorker', external: ['pdfjs-dist/package.json'] },
  // The PDF reader: the script of the thread PDFs are read in (io/pdfHost.ts starts it on the first
  // PDF). pdfjs-dist is looked up only when dist/cmaps/ is missing (running from the sources); pdfjs
  // itself is the next bundle, loaded by the reader for a file its fast reader leaves to pdfjs.
  { in: 'server/src/io/pdfWorker.ts', out: 'pdfReader', external: ['pdfjs-dist/package.json'] },
  { in: 'server/src/io/pdfjsText.ts', out: 'pdfjsText', external: ['@napi-rs/canvas'] },
];
mkdirSync('dist', { recursive: true });

/**
 * pdfjs's packed CMaps for Chinese fonts that are not embedded (their encodings: UniGB-UCS2-H,
 * GBK-EUC-H, UniCNS-UTF16-H, B5pc-H, … and the CID-to-Unicode maps Adobe-GB1-UCS2, Adobe-CNS1-UCS2).
 * Japanese and Korean ones are left out (they would double the size; reports are in Chinese).
 */
const CMAP_RE = /^(Adobe-(GB1|CNS1)-|Uni(GB|CNS)-|GB|CNS|B5|ETen|HKscs|HKdla|HKdlb|HKgccs|HKm314|HKm471)/;
const cmapSource = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'cmaps');
rmSync('dist/cmaps', { recursive: true, force: true });
mkdirSync('dist/cmaps');
for (const f of readdirSync(cmapSource))
  if (f.endsWith('.bcmap') && CMAP_RE.test(f)) copyFileSync(join(cmapSource, f), join('dist/cmaps', f));
await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) =>
      build({
        entryPoints: [e.in],
        outfile: `dist/${e.out}.js`,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        sourcemap: !production,
        minify: production,
        external: e.external ?? [],
        // pdfjs asks import.meta.url for a require(): give it the bundle's own URL.
        define: e.out === 'pdfjsText' ? { 'import.meta.url': 'importMetaUrl' } : undefined,
        banner:
          e.out === 'pdfjsText'
            ? { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" }
            : e.banner
              ? { js: e.banner }
              : undefined,
        logLevel: 'warning',
      }),
    ),
);
