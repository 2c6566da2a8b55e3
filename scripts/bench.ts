/**
 * npm run bench — prints speed and memory figures with their targets, then a one-screen summary
 * of every figure. Not a test: figures vary with the machine; read them, compare them with the
 * targets and with earlier runs.
 *
 * Sections: the engine (per report; one report grown to n and 10n lines of three kinds; 10 MB; heap after a GC), batch checking
 * (`node dist/cli.js check` on 10,000 generated reports in a temp dir: reports/s, MB/s, peak
 * memory, with worker threads and in one thread), the language server (bench-server.ts).
 * BENCH_BATCH=N changes the number of generated reports; BENCH_SKIP=engine,batch,server skips sections.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { buildSync } from 'esbuild';
import { grownReport } from './bench-server';
import { LAYOUTS, consistentReport, seeded } from '../test/unit/reportGen';

const ROOT = join(__dirname, '..');

/**
 * The engine as it ships: server/src/report bundled by esbuild as scripts/build.mjs bundles the
 * server and the CLI (the sources run through tsx carry its helpers, e.g. a __name call for each
 * function made inside another, which cost about a fifth of a report's time and ship nowhere).
 */
function shippedEngine(): typeof import('../server/src/report/index') {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-engine-'));
  try {
    const outfile = join(dir, 'engine.js');
    buildSync({
      entryPoints: [join(ROOT, 'server', 'src', 'report', 'index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
    });
    return createRequire(__filename)(outfile) as typeof import('../server/src/report/index');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const { analyze, createAnalysisCache } = shippedEngine();
const SAMPLES = join(ROOT, 'test', 'fixtures', 'samples');
const EXAMPLES = join(ROOT, 'examples');

interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ok?: boolean;
}
const figures: Figure[] = [];
/** Whether a value meets a target written as '< 5', '> 0', '≥ 2000' (null when the target is not of that form). */
function meets(value: number, target?: string): boolean | undefined {
  const m = /^\s*(<|>|≤|≥|<=|>=)\s*([\d.]+)/.exec(target ?? '');
  if (!m) return undefined;
  const t = Number(m[2]);
  return m[1] === '<' ? value < t : m[1] === '>' ? value > t : m[1] === '≤' || m[1] === '<=' ? value <= t : value >= t;
}

const record = (f: Figure) => {
  if (f.ok === undefined) f.ok = meets(f.value, f.target);
  figures.push(f);
  const mark = f.ok === undefined ? ' ' : f.ok ? '✓' : '✗';
  console.log(`${mark} ${f.name.padEnd(58)} ${f.value.toFixed(f.value < 10 ? 3 : 1).padStart(10)} ${f.unit.padEnd(8)} ${f.target ?? ''}`);
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeOnce(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function reports(): { name: string; text: string }[] {
  const dirs = [SAMPLES, EXAMPLES].filter(existsSync);
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => /\.(txt|xxgk)$/.test(f))
      .sort()
      .map((f) => ({ name: f, text: readFileSync(join(d, f), 'utf8') })),
  );
}

function engine() {
  console.log('\n# engine: parse + check (+ derivations), per report');
  const all = reports();
  for (const r of all) {
    for (let i = 0; i < 50; i++) analyze(r.text);
    const times = Array.from({ length: 300 }, () => timeOnce(() => analyze(r.text)));
    const m = median(times);
    record({
      name: `median ${r.name.slice(0, 40)} (${(r.text.length / 1024).toFixed(1)} KiB)`,
      value: m,
      unit: 'ms',
      target: '< 1 ms',
      ok: m < 1,
    });
  }

  growth();
  heap();
  keystroke();
}

/**
 * The engine's part of a keystroke in a 200 KB report (bench-server.ts measures the whole round
 * trip): a digit of table 三 typed and undone, and a character typed in a narrative paragraph,
 * analysed from scratch and with the document's cache (what the language server does).
 */
function keystroke() {
  console.log('\n# engine: a keystroke in a 200 KB report, without and with the document cache');
  const text = grownReport(200);
  const lines = text.split('\n');
  const cellLine = lines.findIndex((l) => /予以公开/.test(l) && /\d/.test(l));
  const proseLine = lines.findIndex((l) => l.startsWith('（100）'));
  const edited = (line: number, at: number, ch: string) =>
    lines.map((l, i) => (i === line ? l.slice(0, at) + ch + l.slice(at + (ch === '' ? 0 : 1)) : l)).join('\n');
  const digit = lines[cellLine].search(/\d/);
  const edits: Record<string, [string, string]> = {
    'a table 三 cell': [edited(cellLine, digit, lines[cellLine][digit] === '9' ? '8' : '9'), text],
    'a narrative paragraph': [edited(proseLine, 6, '了'), text],
  };
  const fresh = timeMedian(text, 21);
  record({ name: `200 KB report (${lines.length} lines): analysis from scratch`, value: fresh, unit: 'ms' });
  for (const [what, [a, b]] of Object.entries(edits)) {
    const cache = createAnalysisCache();
    analyze(b, { cache });
    const times = Array.from({ length: 41 }, (_, i) => timeOnce(() => analyze(i % 2 ? b : a, { cache })));
    record({ name: `200 KB report: keystroke in ${what}, with the cache`, value: median(times), unit: 'ms' });
  }
}

/**
 * One report that grows: the same generated report with n, then 10n, units of one kind added at one
 * place. Linear work gives a time ratio near 10; the goal is under 12. Each run reads a text of its
 * own (the units carry the run's number): the engine keeps a few bounded caches across analyses
 * (normalised labels, heading candidates), which the same text read again at n would find full of
 * its own labels and at 10n would not hold, timing the small report warm and the large one cold.
 */
const GROWTHS: { name: string; grow: (text: string, n: number, run: number) => string }[] = [
  {
    name: '(a) short lines inside table section 三, then a number',
    grow: (text, n, run) =>
      insertAfter(
        text,
        '三、收到和处理政府信息公开申请情况',
        Array.from({ length: n }, (_, i) => `说明${run}-${i % 10}`).join('\n') + '\n5',
      ),
  },
  {
    name: '(b) narrative paragraphs in section 一',
    grow: (text, n, run) =>
      insertAfter(
        text,
        '一、总体情况',
        Array.from({ length: n }, (_, i) => `（${i % 5}）本机关依法做好政府信息公开工作，第${run}次共收到申请${i}件，均已按时答复。`).join(
          '\n\n',
        ),
      ),
  },
  {
    name: '(c) table rows in table 三',
    grow: (text, n, run) =>
      insertAfter(
        text,
        '| 四、结转下年度继续办理',
        Array.from({ length: n }, (_, i) => `| 自定义事项${run}-${i} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |`).join('\n'),
        true,
      ),
  },
];

/** The text with `extra` put on the lines after the line holding `marker` (before it with `before`). */
function insertAfter(text: string, marker: string, extra: string, before = false): string {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`bench: no ${marker} in the generated report`);
  if (before) return text.slice(0, at) + extra + '\n' + text.slice(at);
  const eol = text.indexOf('\n', at);
  return text.slice(0, eol + 1) + extra + '\n' + text.slice(eol + 1);
}

function timeMedian(text: string, reps: number): number {
  analyze(text);
  return median(Array.from({ length: reps }, () => timeOnce(() => analyze(text))));
}

/**
 * The mean time of an analysis of each text after one more to warm up: the collector's work
 * included, which a median leaves out for a small input (its garbage is collected in a few of its
 * runs) and not for a large one (collected in every run).
 */
function timeMean(warm: string, texts: string[]): number {
  analyze(warm);
  return (
    timeOnce(() => {
      for (const t of texts) analyze(t);
    }) / texts.length
  );
}

function growth() {
  console.log(
    '\n# engine: one report that grows (mean time at n over 50 runs and at 10n over 5: the same volume, each run a text of its own; linear ≈ 10×)',
  );
  const base = consistentReport('2021', seeded(7)).text;
  const n = 2000;
  for (const g of GROWTHS) {
    const texts = (count: number, size: number) => Array.from({ length: count + 1 }, (_, run) => g.grow(base, size, run));
    const [smallWarm, ...small] = texts(50, n);
    const [largeWarm, ...large] = texts(5, 10 * n);
    const ts = timeMean(smallWarm, small);
    const tl = timeMean(largeWarm, large);
    record({ name: `${g.name}: ${n} (${(small[0].length / 1024).toFixed(0)} KiB)`, value: ts, unit: 'ms' });
    record({ name: `${g.name}: ${10 * n} (${(large[0].length / 1024).toFixed(0)} KiB)`, value: tl, unit: 'ms' });
    record({ name: `${g.name}: time ratio 10n ÷ n`, value: tl / ts, unit: '×', target: '< 12' });
  }
}

/** Heap held by one analysed 10 MB report (one report that grows, not copies), measured after a GC. */
function heap() {
  console.log('\n# engine: 10 MB of one report, and the heap its result holds');
  const base = consistentReport('2021', seeded(11)).text;
  const unitLen = 80;
  const text = GROWTHS[1].grow(base, Math.ceil(10e6 / 3 / unitLen), 0);
  const mb = Buffer.byteLength(text) / 1e6;
  if (!global.gc) console.log('  (run with node --expose-gc for heap figures)');
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let result: unknown;
  const t = timeOnce(() => {
    result = analyze(text);
  });
  global.gc?.();
  const after = process.memoryUsage().heapUsed;
  record({ name: `${mb.toFixed(1)} MB report (narrative grown)`, value: t, unit: 'ms', target: '< 1000 ms' });
  if (global.gc) record({ name: 'heap held by the result after a GC, per MB of input', value: (after - before) / 1e6 / mb, unit: 'MB/MB' });
  void result;
}

/** Writes `count` generated reports (both formats, every layout, one in ten with a broken total) under dir. */
function generateReports(dir: string, count: number): number {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const sub = join(dir, `batch-${Math.floor(i / 1000)}`);
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    let { text } = consistentReport(i % 3 === 0 ? '2019' : '2021', seeded(i + 1), LAYOUTS[i % LAYOUTS.length]);
    // The first figure after the 总计 row's label, in whichever layout: one more breaks its row's sum and its column's.
    if (i % 10 === 0) text = text.replace(/(（七）总计\D*?)(\d+)/, (_, a, n) => `${a}${Number(n) + 1}`);
    const path = join(sub, `report-${String(i).padStart(5, '0')}.xxgk`);
    writeFileSync(path, text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

/** Runs the bundled CLI; wall time and the process's peak RSS (workers included: they are threads). */
function runCli(
  args: string[],
  cwd: string,
  preload: string,
): { ms: number; maxRssMiB: number; status: number | null; stdoutBytes: number } {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, join(ROOT, 'dist', 'cli.js'), ...args], { cwd, maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  const kib = Number(/XXGK_MAXRSS (\d+)/.exec(r.stderr.toString())?.[1] ?? NaN);
  return { ms, maxRssMiB: kib / 1024, status: r.status, stdoutBytes: r.stdout.length };
}

function batch() {
  const count = Number(process.env.BENCH_BATCH ?? 10_000);
  console.log(`\n# batch: node dist/cli.js check on ${count} generated reports (${availableParallelism()} cores)`);
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) return console.log('  (no dist/cli.js: npm run build first)');
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-'));
  try {
    const bytes = generateReports(dir, count);
    const preload = join(dir, 'maxrss.js');
    writeFileSync(
      preload,
      "process.on('exit', () => require('fs').writeSync(2, 'XXGK_MAXRSS ' + process.resourceUsage().maxRSS + '\\n'));\n",
    );
    const mb = bytes / 1e6;
    // Warm the page cache, then measure.
    runCli(['check', '--format', 'json', '.'], dir, preload);
    const runs = ['text', 'json'].map((format) => ({ format, ...runCli(['check', '--format', format, '.'], dir, preload) }));
    for (const r of runs) {
      const perSecond = (count * 1000) / r.ms;
      record({ name: `batch ${r.format}: reports per second (worker threads)`, value: perSecond, unit: 'rep/s', target: '≥ 2000' });
      record({ name: `batch ${r.format}: MB per second`, value: (mb * 1000) / r.ms, unit: 'MB/s' });
      record({ name: `batch ${r.format}: peak RSS (${mb.toFixed(0)} MB of reports)`, value: r.maxRssMiB, unit: 'MiB', target: '< 1024' });
    }
    const single = runCli(['check', '--format', 'json', '--jobs', '1', '.'], dir, preload);
    record({ name: 'batch json: reports per second, one thread (--jobs 1)', value: (count * 1000) / single.ms, unit: 'rep/s' });
    record({ name: 'batch: speed-up of worker threads over one thread', value: single.ms / runs[1].ms, unit: '×' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function summary() {
  console.log('\n# summary');
  const width = Math.min(60, Math.max(...figures.map((f) => f.name.length)));
  for (const f of figures) {
    const mark = f.ok === undefined ? ' ' : f.ok ? '✓' : '✗';
    const value = f.value.toFixed(f.value < 10 ? 2 : 0).padStart(9);
    console.log(`${mark} ${f.name.slice(0, width).padEnd(width)} ${value} ${f.unit.padEnd(6)} ${f.target ?? ''}`);
  }
}

async function main() {
  const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
  console.log(`node ${process.version}, ${availableParallelism()} cores`);
  if (!skip.has('engine')) engine();
  if (!skip.has('batch')) batch();
  const serverBench = join(__dirname, 'bench-server.ts');
  if (!skip.has('server') && existsSync(serverBench) && existsSync(join(ROOT, 'dist', 'server.js'))) {
    console.log('\n# language server over stdio');
    const mod = await import(serverBench);
    const res: Record<string, { value: number; unit: string; target?: string }> = await mod.benchServer();
    for (const [name, f] of Object.entries(res)) record({ name, value: f.value, unit: f.unit, target: f.target });
  }
  if (!skip.has('io')) await (await import('./bench-io')).benchIo();
  summary();
  const failed = figures.filter((f) => f.ok === false);
  console.log(`\n${figures.length} figures; ${figures.filter((f) => f.ok).length} within target, ${failed.length} outside`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
// After the rest: the narrative rules' figures (bench-narrative.ts), then the repair's (bench-repair.ts, runs on import).
process.once('beforeExit', () => void import('./bench-narrative').then((m) => m.benchNarrative()).then(() => import('./bench-repair')));
