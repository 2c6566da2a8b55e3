/**
 * Runs neovim.lua under headless Neovim against dist/server.js and turns its "ok"/"not ok"
 * lines into test outcomes.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROKEN_TOTAL, CORRECT_TOTAL_VALUE, FIXTURES, GRANTED_LABEL, rowTotal } from './fixtures';
import { run, withTimeout, type Outcome } from './harness';

export const NEOVIM_TESTS = [
  'diagnostics: sum-row from source xxgk, in Chinese, on the broken row',
  'hover: the broken total shows its derivation',
  'code action: the quick fix sets the total and the diagnostics clear',
];

export async function runNeovim(server: string, runDir: string, env: NodeJS.ProcessEnv): Promise<Outcome[]> {
  const dir = join(runDir, 'neovim');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'broken.xxgk');
  copyFileSync(join(FIXTURES, BROKEN_TOTAL), file);
  const total = rowTotal(BROKEN_TOTAL, GRANTED_LABEL);
  const logFile = join(dir, 'nvim.log');
  const started = Date.now();
  const result = await withTimeout('neovim', 120_000, () =>
    run('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${join(__dirname, 'neovim.lua')}`], {
      cwd: dir,
      env: {
        ...env,
        XXGK_SERVER: server,
        XXGK_FILE: file,
        XXGK_LINE: String(total.line),
        XXGK_CHARACTER: String(total.character),
        XXGK_EXPECTED: CORRECT_TOTAL_VALUE,
      },
    }),
  ).catch((e: Error) => ({ code: null, stdout: '', stderr: e.message }));
  writeFileSync(logFile, `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
  const seconds = (Date.now() - started) / 1000;
  const lines = result.stdout.split(/\r?\n/);
  for (const l of lines) if (l.startsWith('  ')) console.log(`       nvim${l}`);
  return NEOVIM_TESTS.map((name) => {
    const line = lines.find((l) => l === `ok ${name}` || l.startsWith(`not ok ${name}`));
    const passed = line === `ok ${name}`;
    return {
      name: `neovim ${name}`,
      passed,
      seconds,
      error: passed ? undefined : (line ?? `no result (nvim exit ${result.code}): ${result.stderr.slice(-500)}`),
      artefacts: passed ? [] : [logFile],
    };
  });
}
