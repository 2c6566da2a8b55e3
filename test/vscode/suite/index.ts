/** Mocha entry point loaded by the extension host (extensionTestsPath). */
import { resolve } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 60_000 });
  mocha.addFile(resolve(__dirname, 'extension.test.js'));
  return new Promise((done, fail) => {
    mocha.run((failures) => (failures ? fail(new Error(`${failures} VS Code test(s) failed`)) : done()));
  });
}
