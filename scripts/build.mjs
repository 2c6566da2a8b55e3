// Bundles the extension client, the language server, the CLI and its worker into dist/ with esbuild.
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const entries = [
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'server/src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/checkWorker.ts', out: 'checkWorker' },
  // The PDF reader (pdfjs-dist) is a bundle of its own, loaded only when a PDF is read.
  { in: 'server/src/io/pdf.ts', out: 'pdfReader', external: ['@napi-rs/canvas'] },
];
/** `require('./pdf')` in io/load.ts becomes `require('./pdfReader.js')`, next to the bundle. */
const lazyPdf = {
  name: 'lazy-pdf',
  setup(b) {
    b.onResolve({ filter: /^\.\/pdf$/ }, (args) =>
      args.importer.endsWith('load.ts') ? { path: './pdfReader.js', external: true } : undefined,
    );
  },
};
mkdirSync('dist', { recursive: true });
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
        plugins: e.out === 'pdfReader' ? [] : [lazyPdf],
        // pdfjs asks import.meta.url for a require(): give it the bundle's own URL.
        define: e.out === 'pdfReader' ? { 'import.meta.url': 'importMetaUrl' } : undefined,
        banner:
          e.out === 'pdfReader'
            ? { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" }
            : e.banner
              ? { js: e.banner }
              : undefined,
        logLevel: 'warning',
      }),
    ),
);
