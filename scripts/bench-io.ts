/**
 * Reading originals (`npm run bench` runs it at the end; alone: npm run build && node --import tsx
 * scripts/bench-io.ts). Goals (issue 12): 1,000 web pages/s and 200 PDFs/s on two cores.
 *
 * For each format, on the real fixtures and generated reports: reports read per second in one thread
 * (read only, then read + check), and a folder check by the CLI's worker threads (every core).
 * Each figure is given per second of wall time and per second of CPU time (all threads of the
 * process): on a machine shared with other work the wall figure falls, the CPU figure much less; on
 * an idle machine a thread's two figures agree.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReport, loadReportSync } from '../server/src/io/load';
import { readPdf, readPdfWith } from '../server/src/io/pdf';
import { analyze } from '../server/src/report/index';
import type { ParallelStats } from '../server/src/cli';
import { consistentValues, cmsHtml, reportParts, wordDocx, PDF_FIXTURES } from '../test/unit/ioGen';

const ROOT = join(__dirname, '..');
const REAL = join(ROOT, 'test', 'fixtures', 'real');
/** Runs of each folder check (XXGK_BENCH_REPEAT; the medians are printed). */
const REPEAT = Number(process.env.XXGK_BENCH_REPEAT) || 3;

interface Input {
  name: string;
  bytes: Uint8Array;
}

function line(name: string, n: number, wallMs: number, cpuMs: number, goal?: number) {
  const wall = (n * 1000) / wallMs;
  const cpu = (n * 1000) / cpuMs;
  const mark = goal === undefined ? ' ' : wall >= goal ? '✓' : '✗';
  console.log(
    `${mark} ${name.padEnd(52)} ${wall.toFixed(0).padStart(6)}/s  ${cpu.toFixed(0).padStart(6)}/CPU-s${goal ? `  (goal ${goal}/s)` : ''}`,
  );
}

async function rate(name: string, inputs: Input[], read: (i: Input) => Promise<unknown> | unknown, seconds: number, goal?: number) {
  for (const i of inputs) await read(i); // warm up (the PDF reader loads on first use)
  let n = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    for (const i of inputs) {
      await read(i);
      n++;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  line(name, n, performance.now() - start, (cpu.user + cpu.system) / 1000, goal);
}

/**
 * One folder check of the files in `dir` as the executable runs it, in a process of its own (every
 * thread cold, as a user's run is): wall time from the process's start and CPU time of all its
 * threads, both measured by the process itself when the check is done (the output's printing left out).
 */
interface FolderRun {
  wall: number;
  cpu: number;
  files: number;
  /** What each thread did (XXGK_TRACE's line: ParallelStats), when the check ran in several. */
  trace?: ParallelStats;
}

function folderRun(dir: string): FolderRun {
  const cli = JSON.stringify(join(ROOT, 'dist', 'cli.js'));
  const script = `require(${cli}).runCli(['check', '--format', 'json', process.argv[1]]).then((r) => {
    const wall = performance.now(), cpu = process.cpuUsage(), files = JSON.parse(r.stdout).files;
    const unreadable = files.filter((f) => f.error);
    console.log(JSON.stringify({ wall, cpu: (cpu.user + cpu.system) / 1000, files: files.length, unreadable: unreadable.length, error: unreadable[0]?.error }));
  });`;
  const r = spawnSync(process.execPath, ['-e', script, dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, XXGK_TRACE: '1' },
  });
  if (r.status !== 0) throw new Error(`folder check failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout) as FolderRun & { unreadable: number; error?: string };
  if (m.unreadable) throw new Error(`${m.unreadable} of ${m.files} files unreadable: ${m.error}`);
  const trace = /^xxgk: (\{.*\})$/m.exec(r.stderr);
  return { wall: m.wall, cpu: m.cpu, files: m.files, ...(trace ? { trace: JSON.parse(trace[1]) as ParallelStats } : {}) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/**
 * `xxgk check DIR` as the executable runs it (the bundled CLI, dist/cli.js, whose main thread checks
 * too, and its bundled worker threads; a fresh process each time), on `copies` and 4 × `copies` copies of the inputs, each run
 * REPEAT times (medians). Printed: the whole run's rate at `copies` (start-up included), and what
 * the two sizes tell apart — time(N) = start-up + N × per file: the steady rate (the goal is judged
 * on it) and the start-up (workers spawned, bundles loaded, first files checked cold), in wall and
 * CPU time.
 */
async function folder(name: string, inputs: Input[], copies: number, goal?: number) {
  const sizes = [copies, 4 * copies];
  const dirs = sizes.map((k) => {
    const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-io-'));
    let n = 0;
    for (let c = 0; c < k; c++)
      for (const i of inputs) writeFileSync(join(dir, `${c}-${n++ % inputs.length}-${i.name.split('/').pop()}`), i.bytes);
    return dir;
  });
  // The two sizes in turn (a machine whose load changes meanwhile weighs on both alike).
  const each: FolderRun[][] = [[], []];
  try {
    for (let r = 0; r < REPEAT; r++) dirs.forEach((dir, k) => each[k].push(folderRun(dir)));
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
  const runs = each.map((e) => ({ wall: median(e.map((x) => x.wall)), cpu: median(e.map((x) => x.cpu)), files: e[0].files }));
  const [a, b] = runs;
  const threads = availableParallelism();
  line(`${name}: whole run (${a.files} files, ${threads} threads)`, a.files, a.wall, a.cpu);
  // time(N) = start + N × per file, from N and 4N files.
  const perWall = (b.wall - a.wall) / (b.files - a.files);
  const perCpu = (b.cpu - a.cpu) / (b.files - a.files);
  line(`${name}: steady (from ${a.files} and ${b.files} files)`, 1, perWall, perCpu, goal);
  console.log(
    `  ${name}: start-up ${(a.wall - a.files * perWall).toFixed(0)} ms wall, ${(a.cpu - a.files * perCpu).toFixed(0)} ms CPU; ` +
      `per file ${perWall.toFixed(2)} ms wall, ${perCpu.toFixed(2)} ms CPU (medians of ${REPEAT} runs)`,
  );
  // Each thread's busy time per file it checked, at 4N (the median run's by wall time).
  const t = [...each[1]].sort((x, y) => x.wall - y.wall)[each[1].length >> 1].trace;
  if (t?.busyMs)
    console.log(
      `  ${name}: at ${b.files} files, busy per file checked: ` +
        t.files.map((n, i) => `${i ? 'worker' : 'main'} ${n ? (t.busyMs[i] / n).toFixed(2) : '-'} ms (${n} files)`).join(', ') +
        `; worker ready after ${t.readyMs.map((ms) => ms.toFixed(0)).join(', ')} ms`,
    );
}

/** `only: 'folder'` (scripts/bench-io.ts folder): the folder checks alone. */
export async function benchIo(only?: string) {
  console.log('\n# reading originals (reports/s: wall time, and CPU time of all threads)');
  const real = (f: string): Input => ({ name: join(REAL, f), bytes: new Uint8Array(readFileSync(join(REAL, f))) });
  const made = [2019, 2020, 2021, 2022].map((y) =>
    reportParts('某某县人民政府', y, y <= 2020 ? '2019' : '2021', consistentValues(y <= 2020 ? '2019' : '2021', y)),
  );
  const pages = [
    real('pingtan-2019.html'),
    real('pingtan-2021.html'),
    ...made.map((p, i) => ({ name: `g${i}.html`, bytes: new TextEncoder().encode(cmsHtml(p)) })),
  ];
  const docx = await Promise.all(made.map(async (p, i) => ({ name: `g${i}.docx`, bytes: await wordDocx(p) })));
  const pdfs = [
    real('huaian-2024.pdf'),
    ...PDF_FIXTURES.map((f) => ({ name: f.file, bytes: new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', 'pdf', f.file))) })),
  ];
  if (only !== 'folder') await reads(pages, docx, pdfs);
  await folder('folder check, web pages', pages, 200, 1000);
  await folder('folder check, Word', docx, 100);
  await folder('folder check, PDF', pdfs, 20, 200);
}

async function reads(pages: Input[], docx: Input[], pdfs: Input[]) {
  const readSync = (i: Input) => loadReportSync(i.name, 'zh', i.bytes).text;
  const readCheck = async (i: Input) => analyze((await loadReport(i.name, 'zh', i.bytes)).text).diagnostics.length;
  await rate('web pages: read (2 real, 4 generated)', pages, readSync, 2);
  await rate('web pages: read + check', pages, readCheck, 2);
  await rate('Word .docx: read (4 generated)', docx, readSync, 2);
  await rate('Word .docx: read + check', docx, readCheck, 2);
  // Which reader reads each file (the fast one, or pdfjs when the file needs what it does not support).
  for (const i of pdfs) {
    const r = await readPdfWith(i.bytes, i.name);
    console.log(`  ${i.name.split('/').pop()}: ${r.reader === 'fast' ? 'fast reader' : `pdfjs (${r.reason})`}`);
  }
  await rate('PDF: read in this thread (huaian-2024 + 3 generated)', pdfs, (i) => readPdf(i.bytes, i.name), 4);
  await rate('PDF: read in this thread, fast reader only', pdfs, (i) => readPdf(i.bytes, i.name, { reader: 'fast' }), 4);
  await rate('PDF: read in this thread, pdfjs only (the fallback)', pdfs, (i) => readPdf(i.bytes, i.name, { reader: 'pdfjs' }), 4);
  await rate('PDF: read in the reader thread (as the tool does)', pdfs, (i) => loadReport(i.name, 'zh', i.bytes), 4);
  await rate('PDF: read + check', pdfs, readCheck, 4);
}

if (require.main === module) void benchIo(process.argv[2]);
