/**
 * `npm run test:e2e`: the packaged extension in a real VS Code (code-server 4.100.3, driven in
 * headless Chromium through playwright-core), then the language server under headless Neovim.
 *
 *   1. scripts/e2e-setup.sh installs (or reuses) Debian's chromium and neovim and code-server;
 *   2. `npm run package` builds the .vsix, which is installed into a fresh profile;
 *   3. the workbench tests (vscodeTests.ts), a screenshot each under test-results/;
 *   4. the Neovim tests (neovim.lua).
 * The last line is "N passed, N failed"; the exit code is non-zero on any failure.
 * Environment: E2E_HOME (default .e2e/) holds the installs and the last run's profile and logs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { FIXTURES } from './fixtures';
import { freePort, log, outcomes, record, recordNotRun, run, waitForOutput, withTimeout } from './harness';
import { NEOVIM_TESTS, runNeovim } from './neovim';
import { UI_TESTS, type UiFacts } from './vscodeTests';
import { Workbench } from './workbench';

const ROOT = resolve(__dirname, '../..');
const E2E_HOME = resolve(process.env.E2E_HOME ?? join(ROOT, '.e2e'));
const RESULTS = join(ROOT, 'test-results');
const RUN = join(E2E_HOME, 'run');
const PROFILE = join(RUN, 'user-data');
const EXTENSIONS = join(RUN, 'extensions');
const WORKSPACE = join(RUN, 'workspace');
const CODE_SERVER_LOG = join(RUN, 'code-server.log');
const VSCODE_LOGS = join(RESULTS, 'vscode-logs');
const UI_TEST_TIMEOUT = 120_000;
/** E2E_ONLY=vscode or E2E_ONLY=neovim runs one half (while working on it); unset runs both. */
const ONLY = process.env.E2E_ONLY;

const shown = (path: string) => relative(process.cwd(), path) || '.';

/** A run folder and a short TMPDIR (VS Code puts Unix sockets there); nothing goes to $HOME. */
function prepareRunFolder(): NodeJS.ProcessEnv {
  rmSync(RUN, { recursive: true, force: true });
  for (const dir of [PROFILE, EXTENSIONS, WORKSPACE, join(PROFILE, 'User')]) mkdirSync(dir, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  for (const old of readdirSync(RESULTS)) if (/^(vscode|neovim)-.*\.png$/.test(old)) rmSync(join(RESULTS, old));
  rmSync(VSCODE_LOGS, { recursive: true, force: true });
  const tmp = mkdtempSync('/tmp/xxgk-');
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  const env = {
    ...process.env,
    TMPDIR: tmp,
    XDG_CONFIG_HOME: join(RUN, 'xdg/config'),
    XDG_DATA_HOME: join(RUN, 'xdg/data'),
    XDG_CACHE_HOME: join(RUN, 'xdg/cache'),
    XDG_STATE_HOME: join(RUN, 'xdg/state'),
    XDG_RUNTIME_DIR: tmp,
  };
  Object.assign(process.env, { TMPDIR: tmp }); // playwright and chromium put their profile in os.tmpdir()
  writeFileSync(
    join(PROFILE, 'User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        'editor.hover.delay': 150,
        'chat.commandCenter.enabled': false,
        'window.confirmBeforeClose': 'never',
        // the language server's traffic lands in its output channel, copied to test-results/vscode-logs
        'xxgk.trace.server': 'messages',
      },
      null,
      2,
    ),
  );
  // workspace settings, which a test may change while VS Code runs (it watches the file)
  mkdirSync(join(WORKSPACE, '.vscode'), { recursive: true });
  // Each test looks at its own file's problems: the workspace's other reports are listed only by the test that turns it on.
  writeFileSync(join(WORKSPACE, '.vscode/settings.json'), JSON.stringify({ 'xxgk.diagnosticMode': 'openFilesOnly' }) + '\n');
  for (const test of UI_TESTS) if (test.file) copyFileSync(join(FIXTURES, test.file.fixture), join(WORKSPACE, test.file.name));
  return env;
}

async function setup(): Promise<string> {
  const result = await run('bash', [join(ROOT, 'scripts/e2e-setup.sh')], { cwd: ROOT, echo: 'setup' });
  if (result.code !== 0) throw new Error(`scripts/e2e-setup.sh failed (exit ${result.code})`);
  const codeServer = result.stdout.trim().split('\n').pop() ?? '';
  if (!existsSync(codeServer)) throw new Error(`scripts/e2e-setup.sh did not name code-server (${codeServer})`);
  return codeServer;
}

async function packageExtension(): Promise<string> {
  const result = await run('npm', ['run', 'package'], { cwd: ROOT, echo: 'package' });
  if (result.code !== 0) throw new Error(`npm run package failed (exit ${result.code})`);
  const named = /Packaged: (\S+\.vsix)/.exec(result.stdout + result.stderr)?.[1];
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const vsix = named ? resolve(ROOT, named) : join(ROOT, `${manifest.name}-${manifest.version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`npm run package made no ${shown(vsix)}`);
  return vsix;
}

async function installExtension(codeServer: string, vsix: string, env: NodeJS.ProcessEnv): Promise<void> {
  const result = await run(codeServer, ['--install-extension', vsix, '--extensions-dir', EXTENSIONS, '--user-data-dir', PROFILE], {
    env,
    echo: 'install',
  });
  if (result.code !== 0 || !/successfully installed/i.test(result.stdout + result.stderr)) {
    throw new Error(`code-server --install-extension ${shown(vsix)} failed (exit ${result.code})`);
  }
}

/** What the manifest says the UI shows (language name in the status bar, command title). */
function uiFacts(): UiFacts {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const nlsFile = join(ROOT, 'package.nls.json');
  const nls: Record<string, string> = existsSync(nlsFile) ? JSON.parse(readFileSync(nlsFile, 'utf8')) : {};
  const localized = (s: string) => s.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? key);
  const language = manifest.contributes.languages.find((l: { id: string }) => l.id === 'xxgk');
  const command = manifest.contributes.commands.find((c: { command: string }) => c.command === 'xxgk.newReport');
  const title = (id: string) => localized(manifest.contributes.commands.find((c: { command: string }) => c.command === id).title);
  return {
    languageName: language.aliases?.[0] ?? 'xxgk',
    newReportTitle: localized(command.title),
    previewTitle: title('xxgk.showPreview'),
    tidyTitle: title('xxgk.tidy'),
    settingsFile: join(WORKSPACE, '.vscode/settings.json'),
    reportsViewTitle: localized(manifest.contributes.views.explorer.find((v: { id: string }) => v.id === 'xxgk.reports').name),
  };
}

async function startCodeServer(codeServer: string, env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(
    codeServer,
    [
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      PROFILE,
      '--extensions-dir',
      EXTENSIONS,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      WORKSPACE,
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const logLines: string[] = [];
  const keep = (c: Buffer) => logLines.push(c.toString());
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('exit', () => writeFileSync(CODE_SERVER_LOG, logLines.join('')));
  await waitForOutput(child, /HTTP server listening on/, 60_000);
  return { child, url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(WORKSPACE)}` };
}

async function closeEditors(wb: Workbench): Promise<void> {
  const tabs = wb.page.locator('.tabs-container .tab');
  for (let left = await tabs.count(); left > 0; left = await tabs.count()) {
    await wb.revertAndClose();
    await wb.page.waitForFunction(
      ([sel, n]) => (globalThis as any).document.querySelectorAll(sel).length < n,
      ['.tabs-container .tab', left] as const,
      { timeout: 10_000 },
    );
  }
}

async function runWorkbench(codeServer: string, env: NodeJS.ProcessEnv): Promise<void> {
  const names = UI_TESTS.map((t) => `vscode ${t.name}`);
  const logsHint = [CODE_SERVER_LOG, VSCODE_LOGS];
  let vsix: string;
  try {
    vsix = await packageExtension();
    log(`packaged ${shown(vsix)}`);
    await installExtension(codeServer, vsix, env);
    log(`installed into the fresh profile ${shown(EXTENSIONS)}`);
  } catch (e) {
    return recordNotRun(names, (e as Error).message, []);
  }
  let server: { child: ChildProcess; url: string } | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer(codeServer, env);
    log(`code-server listening: ${server.url}`);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      env,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const wb = new Workbench(page);
    await page.goto(server.url);
    await wb.loaded();
    log('workbench loaded');
    const facts = uiFacts();
    for (const [index, test] of UI_TESTS.entries()) {
      const started = Date.now();
      const shot = join(RESULTS, `vscode-${index + 1}-${test.slug}.png`);
      let error: string | undefined;
      try {
        await withTimeout(test.slug, UI_TEST_TIMEOUT, () => test.body(wb, facts));
      } catch (e) {
        error = (e as Error).message.split('\n').slice(0, 6).join('\n');
      }
      await page.screenshot({ path: shot }).catch(() => undefined);
      record({
        name: `vscode ${test.name}`,
        passed: !error,
        seconds: (Date.now() - started) / 1000,
        error,
        artefacts: [shot, ...logsHint],
      });
      await page.keyboard.press('Escape');
      // toasts left by a test (e.g. the GB18030 notice) would take the next test's keys
      await wb.command('Notifications: Clear All Notifications').catch(() => undefined);
      await closeEditors(wb).catch((e: Error) => log(`could not close the editors: ${e.message.split('\n')[0]}`));
    }
  } catch (e) {
    const done = new Set(outcomes.map((o) => o.name));
    const shot = join(RESULTS, 'vscode-0-startup.png');
    if (browser)
      for (const ctx of browser.contexts()) for (const p of ctx.pages()) await p.screenshot({ path: shot }).catch(() => undefined);
    recordNotRun(
      names.filter((n) => !done.has(n)),
      (e as Error).message.split('\n')[0],
      [shot, ...logsHint],
    );
  } finally {
    await browser?.close().catch(() => undefined);
    if (server && server.child.exitCode === null) {
      const exited = new Promise((r) => server!.child.once('exit', r));
      server.child.kill('SIGTERM');
      await withTimeout('code-server to stop', 15_000, () => exited).catch(() => server!.child.kill('SIGKILL'));
    }
    const logs = join(PROFILE, 'logs');
    if (existsSync(logs)) cpSync(logs, VSCODE_LOGS, { recursive: true });
    if (existsSync(CODE_SERVER_LOG)) copyFileSync(CODE_SERVER_LOG, join(VSCODE_LOGS, 'code-server.log'));
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  let codeServer: string | undefined;
  let env: NodeJS.ProcessEnv = process.env;
  try {
    codeServer = await setup();
    log(`code-server at ${shown(codeServer)}`);
    env = prepareRunFolder();
  } catch (e) {
    recordNotRun(
      UI_TESTS.map((t) => `vscode ${t.name}`),
      (e as Error).message,
      [],
    );
  }
  if (codeServer && ONLY !== 'neovim') await runWorkbench(codeServer, env);

  const server = join(ROOT, 'dist/server.js');
  if (ONLY !== 'vscode') {
    if (existsSync(server)) for (const outcome of await runNeovim(server, RUN, env)) record(outcome);
    else
      recordNotRun(
        NEOVIM_TESTS.map((n) => `neovim ${n}`),
        `${shown(server)} does not exist (npm run package builds it)`,
        [],
      );
  }

  const failed = outcomes.filter((o) => !o.passed);
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)}s`);
  if (failed.length) {
    console.log(`\nFailed:`);
    for (const o of failed)
      console.log(
        `  ✗ ${o.name}\n      ${(o.error ?? '').split('\n')[0]}${o.artefacts.length ? `\n      see ${o.artefacts.map(shown).join(', ')}` : ''}`,
      );
    console.log(
      `VS Code logs: ${shown(VSCODE_LOGS)} (extension host: exthost*/, the language server: its output channel under window*/exthost/)`,
    );
    console.log(`Screenshots: ${shown(RESULTS)}/vscode-*.png\n`);
  }
  console.log(`${outcomes.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length ? 1 : 0;
}

void main().catch((e) => {
  console.error(e);
  console.log(`0 passed, ${UI_TESTS.length + NEOVIM_TESTS.length} failed`);
  process.exitCode = 1;
});
