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
import { checkFile, checkParallel, collectFiles, fileCost, plannedThreads, run, type ParallelStats } from '../../server/src/cli';
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
      const parallel = cli(['check', '--format', format, '--jobs', '2', 'reports']);
      assert.equal(cli(['check', '--format', format, 'reports']).stdout, parallel.stdout, 'threads by the work: the same');
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

describe('threads chosen by the work, not by the number of files', () => {
  let own: string;
  before(() => {
    own = mkdtempSync(join(tmpdir(), 'xxgk-threads-'));
    for (let i = 0; i < 120; i++) {
      const { text } = consistentReport(i % 3 ? '2021' : '2019', seeded(i + 7), LAYOUTS[i % LAYOUTS.length]);
      writeFileSync(
        join(own, `r${String(i).padStart(3, '0')}.xxgk`),
        i % 4 ? text : text.replace(/(（七）总计\D*?)(\d+)/, (_, a, n) => `${a}${Number(n) + 1}`),
      );
    }
  });
  after(() => rmSync(own, { recursive: true, force: true }));

  it('gives a small folder one thread, and threads to a folder worth them', () => {
    const small = Array.from({ length: 60 }, (_, i) => `r${i}.xxgk`);
    // 60 text reports of 5 kB: some 40 ms of work, less than a worker costs to start (--jobs N alone used to start one from 48 files).
    assert.equal(
      plannedThreads(small, 2, () => 5000),
      1,
    );
    // As many PDFs of 150 kB: a second of work.
    assert.equal(
      plannedThreads(
        small.map((f) => f.replace('.xxgk', '.pdf')),
        2,
        () => 150_000,
      ),
      2,
    );
    // 10,000 text reports: every core, and not every file's size looked up.
    let looked = 0;
    const many = Array.from({ length: 10_000 }, (_, i) => `r${i}.txt`);
    assert.equal(
      plannedThreads(many, 4, () => (looked++, 4500)),
      4,
    );
    assert.ok(looked < many.length / 2, `${looked} sizes looked up`);
    // One big text report is one file: one thread.
    assert.equal(
      plannedThreads(['big.xxgk'], 2, () => 50e6),
      1,
    );
    assert.equal(plannedThreads([], 2), 1);
    // A file that cannot be looked up counts by its kind.
    assert.ok(fileCost('a.pdf', 0) > fileCost('a.xxgk', 0));
  });

  it('hands a worker files only once it is ready, keeps the file order and counts every file once', async () => {
    const files = collectFiles([own]);
    const options = { format: 'json' as const, locale: 'zh' as const, verbose: false, cwd: own, crossYear: true };
    const stats = {} as ParallelStats;
    const outcomes = await checkParallel(files, options, 2, join(ROOT, 'dist', 'checkWorker.js'), undefined, stats);
    assert.deepEqual(
      outcomes.map((o) => o.out),
      files.map((f) => checkFile(f, options).out),
    );
    assert.equal(stats.threads, 2);
    assert.equal(stats.files.length, 2);
    assert.equal(stats.files[0] + stats.files[1], files.length);
    assert.equal(stats.readyMs.length, stats.files[1] ? 1 : 0);
    // Each thread's busy time: the main one's, which checked files, more than nothing.
    assert.equal(stats.busyMs.length, 2);
    assert.ok(stats.busyMs.every((ms) => ms >= 0));
    if (stats.files[0]) assert.ok(stats.busyMs[0] > 0);
  });

  it('leaves no file waiting in a slow worker: each thread claims one file at a time', async () => {
    // A worker that takes a second over each file it claims: the main thread checks the others
    // meanwhile (a worker handed its files in chunks would hold a chunk's worth while the main thread waited).
    const slow = join(own, 'slow-worker.js');
    writeFileSync(
      slow,
      `const { parentPort } = require('node:worker_threads');
const { checkFile } = require(${JSON.stringify(CLI)});
parentPort.postMessage({ ready: true });
parentPort.on('message', (job) => {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = Atomics.add(job.next, 0, 1); i < job.paths.length; i = Atomics.add(job.next, 0, 1)) {
    Atomics.wait(pause, 0, 0, 1000);
    parentPort.postMessage({ indices: [i], outcomes: [checkFile(job.paths[i], job.options)] });
  }
  parentPort.postMessage({ done: true });
});`,
    );
    const files = collectFiles([own]);
    const options = { format: 'json' as const, locale: 'zh' as const, verbose: false, cwd: own, crossYear: true };
    const stats = {} as ParallelStats;
    const outcomes = await checkParallel(files, options, 2, slow, undefined, stats);
    assert.deepEqual(
      outcomes.map((o) => o.out),
      files.map((f) => checkFile(f, options).out),
    );
    assert.equal(stats.files[0] + stats.files[1], files.length);
    assert.ok(stats.files[1] <= 2, `the slow worker checked ${stats.files[1]} files`);
  });

  it('reports a worker that fails', async () => {
    const bad = join(own, 'bad-worker.js');
    // A worker that breaks on the files it is handed: told (unless the main thread checked every file before the worker was ready).
    writeFileSync(
      bad,
      "const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ ready: true }); parentPort.on('message', () => { throw new Error('worker broke'); });",
    );
    const files = collectFiles([own]);
    const options = { format: 'text' as const, locale: 'zh' as const, verbose: false, cwd: own };
    const stats = {} as ParallelStats;
    const told = await checkParallel(files, options, 2, bad, undefined, stats).then(
      (o) => o.map((x) => x.out),
      (e: Error) => e.message,
    );
    if (typeof told === 'string') assert.match(told, /worker broke/);
    else {
      assert.equal(stats.files[1], 0, 'no file checked by the broken worker');
      assert.deepEqual(
        told,
        files.map((f) => checkFile(f, options).out),
      );
    }
    // A worker that exits at once, before it is ready: the folder is still checked by the main thread or it is told.
    writeFileSync(bad, 'process.exit(3)');
    const r = await checkParallel(files, options, 2, bad).then(
      (o) => o.length,
      (e: Error) => e.message,
    );
    assert.ok(r === files.length || /3/.test(String(r)), String(r));
  });
});
