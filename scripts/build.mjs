// Bundles the extension client, the language server, the CLI and its worker into dist/ with esbuild.
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const entries = [
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'server/src/cli.ts', out: 'cli', banner: '#!/usr/bin/env node' },
  { in: 'server/src/checkWorker.ts', out: 'checkWorker' },
];
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
        banner: e.banner ? { js: e.banner } : undefined,
        logLevel: 'warning',
      }),
    ),
);
