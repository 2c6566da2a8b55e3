/**
 * Batch checking with worker threads (`node dist/cli.js check` on many files): the same output,
 * byte for byte and in the same order, as checking the files one by one in one thread; no
 * progress on stdout or on a stderr that is not a terminal; the CLI's exit codes kept.
 * Needs `npm run build` (npm test builds first).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from '../../server/src/cli';
import { ROOT } from './helpers';
import { LAYOUTS, consistentReport, seeded } from './reportGen';
import { cmsHtml, consistentValues, reportParts, wordDocx } from './ioGen';

const CLI = join(ROOT, 'dist', 'cli.js');
let dir: string;

function cli(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
}

describe('batch checking with worker threads', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'xxgk-batch-'));
    // 300 reports in nested folders: most consistent, some with a broken total, one unreadable.
    for (let i = 0; i < 300; i++) {
      const sub = join(dir, 'reports', `g${i % 7}`);
      mkdirSync(sub, { recursive: true });
      let { text } = consistentReport(i % 3 ? '2021' : '2019', seeded(i + 1), LAYOUTS[i % LAYOUTS.length]);
      if (i % 5 === 0) text = text.replace(/(（七）总计[^\n]*?)(\d+)(\s*\n)/, (_, a, n, b) => `${a}${Number(n) + 1}${b}`);
      writeFileSync(join(sub, `r${i}.${i % 2 ? 'txt' : 'xxgk'}`), text);
    }
    writeFileSync(join(dir, 'reports', 'g0', 'binary.xxgk'), Buffer.from([0, 1, 2, 3]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same text and JSON output, in the same order, as one thread', () => {
    for (const format of ['text', 'json']) {
      const parallel = cli(['check', '--format', format, 'reports']);
      const single = cli(['check', '--format', format, '--jobs', '1', 'reports']);
      const inProcess = run(['check', '--format', format, 'reports'], dir);
      assert.equal(parallel.status, 2, 'an unreadable file: exit 2');
      assert.equal(parallel.stdout, single.stdout);
      assert.equal(parallel.stdout, inProcess.stdout + '\n');
      assert.equal(parallel.stderr, '', 'no progress when stderr is not a terminal');
      if (format === 'json') {
        const json = JSON.parse(parallel.stdout);
        assert.equal(json.files.length, 301);
        const paths = json.files.map((f: { path: string }) => f.path);
        assert.deepEqual(paths, [...paths].sort(), 'files in a stable (sorted) order');
      }
    }
  });

  it('gives the same output for web pages, Word and PDF files and unreadable originals as one thread', async () => {
    // Workers send each file's output back in chunks, smaller towards the end: the order and the bytes must not depend on it.
    const originals = join(dir, 'originals');
    mkdirSync(originals);
    const real = join(ROOT, 'test', 'fixtures', 'real');
    for (let i = 0; i < 30; i++) {
      const year = 2019 + (i % 5);
      const format = year <= 2020 ? '2019' : '2021';
      const parts = reportParts(`某某县第${i % 6}人民政府`, year, format, consistentValues(format, i + 3));
      // Some pages with a cell left open, some with CR LF line ends.
      const html = i % 4 ? cmsHtml(parts) : cmsHtml(parts).replace('</td>', '');
      writeFileSync(join(originals, `p${i}.html`), i % 3 ? html : html.replace(/\n/g, '\r\n'));
      if (i % 2) writeFileSync(join(originals, `w${i}.docx`), await wordDocx(parts));
    }
    for (const f of ['pingtan-2019.html', 'pingtan-2021.html', 'huaian-2024.pdf']) copyFileSync(join(real, f), join(originals, f));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'pdf', 'generated-2021.pdf'), join(originals, 'generated-2021.pdf'));
    writeFileSync(join(originals, 'truncated.pdf'), readFileSync(join(real, 'huaian-2024.pdf')).subarray(0, 2000));
    writeFileSync(join(originals, 'old.docx'), 'not a zip');
    writeFileSync(join(originals, 'binary.html'), Buffer.from([0, 1, 2, 3]));
    // More than PARALLEL_FROM files: the workers check them.
    for (const format of ['text', 'json']) {
      const parallel = cli(['check', '--format', format, '--jobs', '2', 'originals']);
      const single = cli(['check', '--format', format, '--jobs', '1', 'originals']);
      assert.equal(parallel.status, 2, 'unreadable files: exit 2');
      assert.equal(parallel.stdout, single.stdout);
      if (format === 'json') assert.equal(JSON.parse(parallel.stdout).files.length, 30 + 15 + 4 + 3);
    }
  });

  it('keeps the exit codes: 1 for errors, 0 for none, 2 for bad usage', () => {
    rmSync(join(dir, 'reports', 'g0', 'binary.xxgk'));
    assert.equal(cli(['check', 'reports']).status, 1);
    assert.equal(cli(['check', 'reports/g1/r1.txt']).status, 0);
    assert.equal(cli(['check', '--jobs', '0', 'reports']).status, 2);
    assert.equal(cli(['check', '--jobs', 'many', 'reports']).status, 2);
    const r = cli(['check', '--jobs=2', '--format=json', 'reports']);
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout).files.length, 300);
  });
});
