// Bundles the extension-host suite (runner and tests) into out/test/vscode/ for `npm run test:vscode`.
import { build } from 'esbuild';

await build({
  entryPoints: ['test/vscode/runTest.ts', 'test/vscode/suite/index.ts', 'test/vscode/suite/extension.test.ts'],
  outdir: 'out/test/vscode',
  outbase: 'test/vscode',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // The suite must share the host's vscode module and the runner's mocha instance.
  external: ['vscode', 'mocha', '@vscode/test-electron'],
  logLevel: 'warning',
});
