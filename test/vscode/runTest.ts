/**
 * Runs the extension-host suite in a real VS Code 1.100 downloaded by @vscode/test-electron
 * (needs access to VS Code's download server; see docs/editor.md). `npm run test:vscode`.
 */
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: resolve(__dirname, 'suite/index.js'),
      launchArgs: [resolve(root, 'test/fixtures/server'), '--disable-extensions', '--disable-workspace-trust', '--locale', 'zh-cn'],
    });
  } catch (error) {
    console.error('VS Code tests failed:', error);
    process.exit(1);
  }
}

void main();
