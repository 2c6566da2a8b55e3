/**
 * The command-line checker: the same engine as the language server, for people who audit
 * hundreds of reports.
 *
 *   xxgk check [--format text|json] [--locale zh|en] [--verbose] [--jobs N] PATH...
 *   xxgk dump FILE
 *   xxgk fix FILE [-o OUT | --write] [--fill-blanks]   (cliFix.ts)
 *
 * Exit status: 0 no errors, 1 errors found, 2 bad usage or a file that cannot be read.
 * Everything it says is a message of report/messages.ts, in the --locale asked for (cliText.ts).
 *
 * Many files are checked by the main thread and worker threads (dist/checkWorker.js; one thread
 * per core in all), each file's output made where it was checked and put back in file order, so the output is the same as checking
 * them one by one. Progress goes to stderr, only when stderr is a terminal.
 */
import { existsSync, readdirSync, type Dirent, realpathSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Worker, isMainThread } from 'node:worker_threads';
import { loadReport, loadReportSync, isReportFile, sourceKind, type LoadedReport } from './io/load';
import type { SourceKind } from './io/document';
import { analyze, localize, type Cell, type Locale, type Report } from './report/index';
import { acrossYears, assemble, checkFile, checkFileAsync, type CheckOptions, type FileOutcome } from './cliCheck';
import { runFix } from './cliFix';
import { CliError, UsageError, cliLocale, failure, usage } from './cliText';

export { acrossYears, assemble, checkFile, checkFileAsync, type CheckOptions, type FileOutcome } from './cliCheck';

/**
 * Files to check: the files named, and the report files (.xxgk .txt .html .htm .mht .mhtml .docx .pdf) found below
 * the folders named, in a stable order. A folder reached twice (a symlink loop, or two links to one
 * folder) is walked once.
 */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (p: string, top: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      if (!top) return; // a dangling link below a folder
      throw new CliError('cli.noSuchPath', { path: p });
    }
    if (st.isDirectory()) {
      let real: string;
      try {
        real = realpathSync(p);
      } catch {
        return;
      }
      if (seen.has(real)) return;
      seen.add(real);
      let entries: Dirent[];
      try {
        entries = readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        if (top) throw new CliError('cli.cannotReadFolder', { path: p });
        return;
      }
      for (const e of entries) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        const f = join(p, e.name);
        // A plain file needs no stat of its own (a link, a folder or anything else does).
        if (e.isFile()) {
          if (isReportFile(f)) out.push(f);
        } else walk(f, false);
      }
    } else if (top || isReportFile(p)) {
      out.push(p);
    }
  };
  for (const p of paths) walk(p, true);
  return out;
}

/** The value of a cell in the dump: integers as numbers, blanks as null, anything else as its text. */
function dumpValue(c: Cell): number | string | null {
  switch (c.value.kind) {
    case 'int':
      return c.value.value;
    case 'blank':
    case 'missing':
      return null;
    case 'decimal':
      return c.value.text + (c.value.unit ?? '');
    default:
      return c.raw;
  }
}

export function dumpModel(report: Report) {
  const table2: Record<string, Record<string, number | string | null>> = {};
  for (const sub of report.table2?.subtables ?? []) {
    for (const row of sub.rows) table2[row.key] = Object.fromEntries(row.cells.map((c) => [c.colKey, dumpValue(c)]));
  }
  const table3 = report.table3 ? Object.fromEntries(Object.entries(report.table3.rows).map(([k, r]) => [k, r.cells.map(dumpValue)])) : null;
  const table4 = report.table4 ? Object.fromEntries(Object.entries(report.table4.rows).map(([k, r]) => [k, r.cells.map(dumpValue)])) : null;
  return {
    title: report.title?.text ?? null,
    body: report.body,
    year: report.year,
    format: report.format,
    sections: report.sections.map((s) => ({
      number: s.number,
      heading: s.heading.text,
      line: s.heading.range.start.line,
      status: s.heading.status,
      duplicate: s.duplicate,
      empty: s.empty,
    })),
    table2: report.table2 ? table2 : null,
    table3,
    table4,
  };
}

interface CheckCommand {
  options: CheckOptions;
  jobs: number | null;
  files: string[];
}

function parseCheck(rest: string[], cwd: string): CheckCommand {
  let format = 'text';
  let locale: Locale = 'zh';
  let verbose = false;
  let jobs: number | null = null;
  let previous: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      const v = eq >= 0 ? a.slice(eq + 1) : rest[++i];
      if (v === undefined) throw new UsageError('cli.needsValue', { option: name });
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) format = value('--format');
    else if (a === '--locale' || a.startsWith('--locale=')) locale = value('--locale') as Locale;
    else if (a === '--jobs' || a.startsWith('--jobs=') || a === '-j') {
      const v = value('--jobs');
      jobs = Number(v);
      if (!/^\d+$/.test(v) || jobs < 1) throw new UsageError('cli.jobsValue', { value: v });
    } else if (a === '--previous' || a.startsWith('--previous=')) {
      const v = value('--previous');
      previous = v.startsWith('/') ? v : join(cwd, v);
      if (!existsSync(previous)) throw new UsageError('cli.previousMissing', { path: v });
    } else if (a === '--verbose' || a === '-v') verbose = true;
    else if (a.startsWith('-')) throw new UsageError('cli.unknownOption', { option: a });
    else paths.push(a);
  }
  if (format !== 'text' && format !== 'json') throw new UsageError('cli.formatValue', { value: format });
  if (locale !== 'zh' && locale !== 'en') throw new UsageError('cli.localeValue', { value: locale });
  if (!paths.length) throw new UsageError('cli.noFiles');
  const files = collectFiles(paths.map((p) => resolve(cwd, p)));
  const crossYear = !!previous || files.length > 1;
  return { options: { format, locale, verbose, cwd, crossYear, ...(previous ? { previous } : {}) }, jobs, files };
}

function parseFileCommand(command: string, rest: string[], cwd: string): { path: string; out: string | null } {
  const files: string[] = [];
  let out: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    if (command === 'convert' && (rest[i] === '-o' || rest[i] === '--output')) {
      out = rest[++i] ?? null;
      if (out === null) throw new UsageError('cli.needsFileName', { option: rest[i - 1] });
    } else if (rest[i].startsWith('-')) throw new UsageError('cli.unknownOption', { option: rest[i] });
    else files.push(rest[i]);
  }
  if (files.length !== 1) throw new UsageError('cli.oneFile', { command });
  return { path: resolve(cwd, files[0]), out: out === null ? null : resolve(cwd, out) };
}

/** dump: the model as JSON; convert: the canonical text, to stdout or the file named. */
function fileCommand(
  command: string,
  loaded: LoadedReport,
  out: string | null,
  locale: Locale,
): { code: number; stdout: string; stderr: string } {
  if (command === 'dump') return { code: 0, stdout: JSON.stringify(dumpModel(analyze(loaded.text).report), null, 2), stderr: '' };
  if (out === null) return { code: 0, stdout: loaded.text.replace(/\n$/, ''), stderr: '' };
  try {
    writeFileSync(out, loaded.text);
  } catch (e) {
    return { code: 2, stdout: '', stderr: localize('cli.cannotWrite', { path: out, reason: (e as Error).message }, locale) };
  }
  return { code: 0, stdout: '', stderr: '' };
}

/** `export FILE --to docx|html [-o OUT]`: the report (any kind the tool reads) in the official layout. */
async function exportCommand(rest: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const locale = cliLocale(rest);
  let to: string | null = null;
  let out: string | null = null;
  const files: string[] = [];
  try {
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i];
      if (a === '--to' || a.startsWith('--to=')) to = a.includes('=') ? a.slice(5) : (rest[++i] ?? null);
      else if (a === '-o' || a === '--output') out = rest[++i] ?? null;
      else if (a.startsWith('-')) throw new UsageError('cli.unknownOption', { option: a });
      else files.push(a);
    }
    if (files.length !== 1) throw new UsageError('cli.oneFile', { command: 'export' });
    if (to !== 'docx' && to !== 'html') throw new UsageError('cli.toValue');
  } catch (e) {
    return failure(e, locale);
  }
  const path = resolve(cwd, files[0]);
  let loaded: LoadedReport;
  try {
    loaded = await loadReport(path);
  } catch (e) {
    return { code: 2, stdout: '', stderr: (e as Error).message };
  }
  const { toDocx, toHtml } = await import('./io/export');
  const target = resolve(cwd, out ?? path.replace(/(\.[^.\\/]*)?$/, `.${to}`));
  if (target === path) return { code: 2, stdout: '', stderr: localize('cli.overwrite', { path }, locale) };
  try {
    writeFileSync(target, to === 'html' ? toHtml(loaded.text) : await toDocx(loaded.text));
  } catch (e) {
    return { code: 2, stdout: '', stderr: localize('cli.cannotWrite', { path: target, reason: (e as Error).message }, locale) };
  }
  return { code: 0, stdout: relative(cwd, target) || target, stderr: '' };
}

/**
 * The command line, in this thread (the tests' entry point; the executable uses runCli): every format
 * is read, a PDF in the PDF reader's thread while this one waits (io/pdfHost.ts); only `export` is
 * asynchronous (runCli).
 */
export function run(argv: string[], cwd = process.cwd()): { code: number; stdout: string; stderr: string } {
  const [command, ...rest] = argv;
  const locale = cliLocale(rest);
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    const text = usage(locale);
    return { code: command ? 0 : 2, stdout: command ? text : '', stderr: command ? '' : text };
  }
  try {
    if (command === 'check') {
      const { options, files } = parseCheck(rest, cwd);
      const outcomes = files.map((f) => checkFile(f, options));
      acrossYears(files, outcomes, options);
      return { ...assemble(outcomes, options), stderr: '' };
    }
    if (command === 'fix') return runFix(rest, cwd);
    if (command === 'export') return failure(new CliError('cli.exportAsync'), locale);
    if (command === 'dump' || command === 'convert') {
      const { path, out } = parseFileCommand(command, rest, cwd);
      let loaded: LoadedReport;
      try {
        loaded = loadReportSync(path);
      } catch (e) {
        return { code: 2, stdout: '', stderr: (e as Error).message };
      }
      return fileCommand(command, loaded, out, locale);
    }
    throw new UsageError('cli.unknownCommand', { command });
  } catch (e) {
    return failure(e, locale);
  }
}

/** With --jobs N: below this many files one thread is quicker than starting workers. */
const PARALLEL_FROM = 48;

/**
 * What checking a file costs one thread, in milliseconds, by kind: so much a file and so much a MB
 * (measured on a folder check from a cold start, code not yet optimised: text 0.6 ms for a 4.5 kB
 * report, a web page 3-4 ms, a Word file 4 ms, a PDF 10-20 ms).
 */
const COST: Record<SourceKind, { file: number; mb: number }> = {
  text: { file: 0.2, mb: 100 },
  html: { file: 1, mb: 200 },
  docx: { file: 1, mb: 250 },
  pdf: { file: 3, mb: 110 },
};
/**
 * Work (ms of one thread) that makes one more thread worth it: a worker takes some 60 ms to start
 * (its bundle loaded) and its first few hundred files run slower while its code is optimised; below
 * that it would cost more than it saves.
 */
export const WORK_PER_THREAD = 500;

/** A file's estimated cost (ms of one thread), from its kind and size. */
export function fileCost(path: string, bytes: number): number {
  const c = COST[sourceKind(path)];
  return c.file + (bytes / 1e6) * c.mb;
}

/**
 * How many threads (the main one included) to check these files with, at most `jobs`: one for each
 * WORK_PER_THREAD ms of estimated work (kinds and sizes of the files: 48 small text reports are
 * quicker in one thread, 48 PDFs are not). Sizes are looked up only until the estimate reaches
 * every thread's worth; a file that cannot be looked up counts by its kind alone.
 */
export function plannedThreads(files: string[], jobs: number, size: (path: string) => number = fileSize): number {
  const enough = jobs * WORK_PER_THREAD;
  let work = 0;
  for (const f of files) {
    work += fileCost(f, size(f));
    if (work >= enough) break;
  }
  return Math.max(1, Math.min(jobs, files.length, Math.floor(work / WORK_PER_THREAD)));
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** With --jobs N: at most one thread for each this many files. */
const MIN_PER_THREAD = 16;

export interface Progress {
  (done: number, total: number): void;
}

/**
 * A worker's outcomes go back to the main thread this many at a time, or sooner once RESULTS_MS
 * have passed since its last message (messages stay few, the progress line moves), and at once when
 * no file is left to claim.
 */
const RESULTS_AT_ONCE = 16;
const RESULTS_MS = 50;

/** What a parallel check did, for the tests and for tracing (XXGK_TRACE=1 prints it on stderr). */
export interface ParallelStats {
  threads: number;
  /** Files checked by each thread, the main one first. */
  files: number[];
  /** Messages of outcomes the workers sent back. */
  chunks: number;
  /** Milliseconds from the start until each worker was ready (its bundle loaded). */
  readyMs: number[];
  /** Milliseconds the main thread waited for the workers after its last file. */
  mainWaitMs: number;
  /**
   * Milliseconds each thread's event loop was busy (the main one first, from the start of the check;
   * a worker's from its start): its checking, messaging and, in the main thread, coordinating.
   */
  busyMs: number[];
}

/** The batch job a worker is given once it is ready (checkWorker.ts): every file, and the counter each thread claims the next one by. */
export interface BatchJob {
  paths: string[];
  options: CheckOptions;
  /** [0]: the index of the next file to claim (Atomics.add), shared by every thread. */
  next: Int32Array;
  resultsAtOnce: number;
  resultsMs: number;
}

/** A worker's message: ready (its bundle loaded), outcomes of files by index, or done (no file left to claim, every outcome sent). */
export type BatchMessage = { ready: true } | { indices: number[]; outcomes: FileOutcome[] } | { done: true };

/**
 * Checks files with the main thread and threads - 1 worker threads (the bundled dist/checkWorker.js
 * next to this file): the main thread checks too (it has the engine loaded already; a worker is one
 * more thread to start and to warm up). Every thread claims the next file from one shared counter
 * (Atomics), one file at a time: a worker only once it says it is ready (its bundle loaded: no file
 * waits in a thread still starting while others could check it), none waits for another to hand it
 * work, and at the end no thread waits for more than the files the others are checking. Outcomes come
 * back from a worker a few at a time and are put back in file order.
 */
export async function checkParallel(
  files: string[],
  options: CheckOptions,
  threads: number,
  workerFile: string,
  progress?: Progress,
  stats?: ParallelStats,
): Promise<FileOutcome[]> {
  const started = performance.now();
  const mainLoop = performance.eventLoopUtilization();
  const outcomes: FileOutcome[] = new Array(files.length);
  const anyPdf = files.some((f) => sourceKind(f) === 'pdf');
  let done = 0;
  threads = Math.max(1, Math.min(threads, files.length));
  const next = new Int32Array(new SharedArrayBuffer(4));
  const claim = () => {
    const i = Atomics.add(next, 0, 1);
    return i < files.length ? i : -1;
  };
  const workers = Array.from({ length: threads - 1 }, () => new Worker(workerFile, { workerData: { batch: true } }));
  const counts = new Array<number>(threads).fill(0);
  const readyMs: number[] = [];
  let chunks = 0;
  let failed: unknown = null;
  const finished = (n: number) => {
    done += n;
    progress?.(done, files.length);
  };
  const inMain = async () => {
    for (let i = claim(); i >= 0 && failed === null; i = claim()) {
      outcomes[i] = anyPdf ? await checkFileAsync(files[i], options) : checkFile(files[i], options);
      counts[0]++;
      finished(1);
      // Let the workers' outcomes in (and the progress line move).
      if (workers.length) await new Promise((r) => setImmediate(r));
    }
  };
  let mainDone: number;
  const whenMainDone: (() => void)[] = [];
  try {
    const inWorkers = workers.map(
      (worker, w) =>
        new Promise<void>((resolve, reject) => {
          /** Given the job (it claims files from then on) and not yet done with it. */
          let working = false;
          let ready = false;
          worker.on('message', (m: BatchMessage) => {
            if ('ready' in m) {
              ready = true;
              readyMs[w] = performance.now() - started;
              if (failed !== null || Atomics.load(next, 0) >= files.length) return resolve();
              working = true;
              const job: BatchJob = { paths: files, options, next, resultsAtOnce: RESULTS_AT_ONCE, resultsMs: RESULTS_MS };
              worker.postMessage(job);
              return;
            }
            if ('done' in m) {
              working = false;
              return resolve();
            }
            m.indices.forEach((i, k) => (outcomes[i] = m.outcomes[k]));
            chunks++;
            counts[w + 1] += m.indices.length;
            finished(m.indices.length);
          });
          const fail = (e: unknown) => {
            failed = e;
            reject(e as Error);
          };
          worker.once('error', fail);
          worker.once('exit', (code) => (working || code !== 0 ? fail(new CliError('cli.workerExited', { code })) : resolve()));
          // A worker not ready when the main thread has checked everything else is not waited for.
          whenMainDone.push(() => {
            if (!ready) resolve();
          });
        }),
    );
    const inAll = Promise.all(inWorkers);
    inAll.catch(() => undefined); // (awaited below: a worker failing meanwhile is no unhandled rejection)
    await inMain();
    mainDone = performance.now();
    for (const f of whenMainDone) f();
    await inAll;
  } finally {
    if (stats)
      stats.busyMs = [
        performance.eventLoopUtilization(mainLoop).active,
        ...workers.map((w) => w.performance.eventLoopUtilization().active),
      ];
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (stats)
    Object.assign(stats, {
      threads,
      files: counts,
      chunks,
      readyMs,
      mainWaitMs: performance.now() - mainDone,
    });
  return outcomes;
}

/** A progress line on stderr, redrawn at most ten times a second; only on a terminal. */
function terminalProgress(locale: Locale): { progress?: Progress; clear: () => void } {
  const stream = process.stderr;
  if (!stream.isTTY) return { clear: () => undefined };
  let last = 0;
  let shown = false;
  const started = Date.now();
  return {
    progress: (done, total) => {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      const rate = done / Math.max(0.001, (now - started) / 1000);
      const args = { done, total, percent: Math.round((100 * done) / total), rate: Math.round(rate) };
      stream.write(`\r\x1b[K${localize('cli.progress', args, locale)}`);
    },
    clear: () => {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

/** The executable's entry: `check` over many files goes to worker threads, `export` is asynchronous; everything else is run(). */
export async function runCli(
  argv: string[],
  cwd = process.cwd(),
  workerFile = join(__dirname, 'checkWorker.js'),
): Promise<{ code: number; stdout: string; stderr: string }> {
  const locale = cliLocale(argv);
  if (argv[0] === 'export') return exportCommand(argv.slice(1), cwd);
  if (argv[0] !== 'check') return run(argv, cwd);
  let command: CheckCommand;
  try {
    command = parseCheck(argv.slice(1), cwd);
  } catch (e) {
    return failure(e, locale);
  }
  const anyPdf = command.files.some((f) => sourceKind(f) === 'pdf');
  // --jobs N: N threads once there are PARALLEL_FROM files; by default as many as the work is worth.
  const threads =
    command.jobs !== null
      ? command.files.length >= PARALLEL_FROM
        ? Math.min(command.jobs, Math.ceil(command.files.length / MIN_PER_THREAD))
        : 1
      : plannedThreads(command.files, Math.max(1, availableParallelism()));
  const { progress, clear } = terminalProgress(locale);
  try {
    let outcomes: FileOutcome[];
    if (threads > 1 && existsSync(workerFile)) {
      const stats = process.env.XXGK_TRACE ? ({} as ParallelStats) : undefined;
      outcomes = await checkParallel(command.files, command.options, threads, workerFile, progress, stats);
      if (stats) process.stderr.write(`xxgk: ${JSON.stringify(stats)}\n`);
    } else {
      outcomes = [];
      for (const [i, f] of command.files.entries()) {
        outcomes.push(anyPdf ? await checkFileAsync(f, command.options) : checkFile(f, command.options));
        progress?.(i + 1, command.files.length);
      }
    }
    clear();
    acrossYears(command.files, outcomes, command.options);
    return { ...assemble(outcomes, command.options), stderr: '' };
  } catch (e) {
    clear();
    return failure(e, locale);
  }
}

if (require.main === module && isMainThread) {
  void runCli(process.argv.slice(2)).then((r) => {
    if (r.stdout) process.stdout.write(r.stdout + '\n');
    if (r.stderr) process.stderr.write(r.stderr + '\n');
    process.exitCode = r.code;
  });
}
