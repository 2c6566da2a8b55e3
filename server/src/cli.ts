/**
 * The command-line checker: the same engine as the language server, for people who audit
 * hundreds of reports.
 *
 *   xxgk check [--format text|json] [--locale zh|en] [--verbose] [--jobs N] PATH...
 *   xxgk dump FILE
 *   xxgk fix FILE [-o OUT | --write] [--fill-blanks]   (cliFix.ts)
 *
 * Exit status: 0 no errors, 1 errors found, 2 bad usage or a file that cannot be read.
 *
 * Many files are checked by worker threads (dist/checkWorker.js, one per core), each file's output
 * made where it was checked and put back in file order, so the output is the same as checking
 * them one by one. Progress goes to stderr, only when stderr is a terminal.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { Worker, isMainThread } from 'node:worker_threads';
import { analyze, displayWidth, type Cell, type Locale, type Report, type ReportDiagnostic } from './report/index';
import { FIX_USAGE, runFix } from './cliFix';

const USAGE = `用法 / usage:
  xxgk check [--format text|json] [--locale zh|en] [--verbose] [--jobs N] PATH...
      检查报告文件或文件夹（递归查找 .xxgk 和 .txt 文件）
      check report files or folders (recursing over .xxgk and .txt files)
      --jobs N: 并行检查的线程数（默认为 CPU 核数，1 为不并行）/ worker threads (default: one per core; 1: none)
  xxgk dump FILE
      以 JSON 输出解析得到的报告模型 / print the parsed report model as JSON
${FIX_USAGE}
退出码 / exit status: 0 无错误 no errors, 1 有错误 errors found, 2 用法错误或文件无法读取 bad usage or unreadable file`;

export class UsageError extends Error {}

/** Read a report file: UTF-8 (with or without BOM), or GB18030 as Chinese Windows saves it. */
export function readReport(path: string): string {
  const bytes = readFileSync(path);
  if (bytes.includes(0)) throw new Error(`不是文本文件 / not a text file: ${path}`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw new Error(`无法识别文件编码（不是 UTF-8 或 GB18030）/ unknown encoding (neither UTF-8 nor GB18030): ${path}`);
    }
  }
}

/** Files to check: the files named, and .xxgk/.txt files found below the folders named, in a stable order. */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string, top: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new Error(`找不到文件或文件夹 / no such file or folder: ${p}`);
    }
    if (st.isDirectory()) {
      const entries = readdirSync(p).sort();
      for (const e of entries) {
        if (e.startsWith('.') || e === 'node_modules') continue;
        walk(join(p, e), false);
      }
    } else if (top || /\.(xxgk|txt)$/i.test(p)) {
      out.push(p);
    }
  };
  for (const p of paths) walk(p, true);
  return out;
}

interface FileResult {
  path: string;
  year: number | null;
  format: string | null;
  diagnostics: ReportDiagnostic[];
  error?: string;
  text?: string;
}

function jsonDiagnostic(d: ReportDiagnostic) {
  const o: Record<string, unknown> = { code: d.code, severity: d.severity, message: d.message, range: d.range };
  if (d.expected !== undefined) o.expected = d.expected;
  if (d.actual !== undefined) o.actual = d.actual;
  return o;
}

function caretLine(line: string, start: number, end: number): string {
  // Tabs keep their place so the caret lines up under the text as a terminal shows it.
  const prefix = line.slice(0, start).replace(/[^\t]/gu, (c) => ' '.repeat(displayWidth(c)));
  const width = Math.max(1, displayWidth(line.slice(start, Math.max(end, start + 1))));
  return prefix + '^' + '~'.repeat(width - 1);
}

const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告', information: '提示', hint: '提示' };

/** What checking one file gives: its share of the output and its counts, made where it was checked. */
export interface FileOutcome {
  /** Text format: the file's lines of output (possibly none); JSON format: the file's JSON object, serialized. */
  out: string;
  errors: number;
  warnings: number;
  unreadable: boolean;
}

export interface CheckOptions {
  format: 'text' | 'json';
  locale: Locale;
  verbose: boolean;
  cwd: string;
}

/** Reads, checks and formats one file (in the main thread or in a worker). */
export function checkFile(path: string, options: CheckOptions): FileOutcome {
  let result: FileResult;
  try {
    const text = readReport(path);
    const { report, diagnostics } = analyze(text, { locale: options.locale });
    // Suspect cells first: the cause before the broken sums it explains.
    diagnostics.sort((a, b) => Number(b.code === 'cell-suspect') - Number(a.code === 'cell-suspect'));
    result = { path, year: report.year, format: report.format, diagnostics, text };
  } catch (e) {
    result = { path, year: null, format: null, diagnostics: [], error: (e as Error).message };
  }
  let errors = 0;
  let warnings = 0;
  for (const d of result.diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  const out =
    options.format === 'json'
      ? JSON.stringify(jsonFile(result, options.cwd))
      : fileText(result, options.locale, options.verbose, options.cwd).join('\n');
  return { out, errors, warnings, unreadable: !!result.error };
}

function jsonFile(r: FileResult, cwd: string) {
  return {
    path: relative(cwd, r.path) || r.path,
    year: r.year,
    format: r.format,
    diagnostics: r.diagnostics.map(jsonDiagnostic),
    ...(r.error ? { error: r.error } : {}),
  };
}

function fileText(r: FileResult, locale: Locale, verbose: boolean, cwd: string): string[] {
  const out: string[] = [];
  const shown = relative(cwd, r.path) || r.path;
  if (r.error) {
    out.push(`${shown}: ${locale === 'zh' ? '错误' : 'error'}: ${r.error}`);
    return out;
  }
  let lines: string[] | null = null;
  for (const d of r.diagnostics) {
    if (!verbose && (d.severity === 'information' || d.severity === 'hint')) continue;
    const sev = locale === 'zh' ? SEVERITY_ZH[d.severity] : d.severity;
    out.push(`${shown}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev} ${d.code}: ${d.message}`);
    lines ??= r.text!.split(/\r\n|\r|\n/);
    const src = lines[d.range.start.line] ?? '';
    if (src.length <= 300) {
      const end = d.range.end.line === d.range.start.line ? d.range.end.character : src.length;
      out.push('    ' + src);
      out.push('    ' + caretLine(src, d.range.start.character, end));
    }
  }
  return out;
}

/** The whole output of `check` from the outcomes in file order, and the exit status. */
export function assemble(outcomes: FileOutcome[], options: CheckOptions): { code: number; stdout: string } {
  let errors = 0;
  let warnings = 0;
  let failedFiles = 0;
  let unreadable = 0;
  for (const o of outcomes) {
    errors += o.errors;
    warnings += o.warnings;
    if (o.errors) failedFiles++;
    if (o.unreadable) unreadable++;
  }
  const code = unreadable ? 2 : errors ? 1 : 0;
  if (options.format === 'json') return { code, stdout: `{"files":[${outcomes.map((o) => o.out).join(',')}]}` };
  const files = outcomes.length;
  const out = outcomes.map((o) => o.out).filter((o) => o !== '');
  out.push(
    options.locale === 'zh'
      ? `检查了 ${files} 个文件：${errors} 个错误，${warnings} 个警告；${failedFiles} 个文件有错误${unreadable ? `，${unreadable} 个文件无法读取` : ''}`
      : `${files} file(s) checked: ${errors} error(s), ${warnings} warning(s); ${failedFiles} file(s) with errors${unreadable ? `, ${unreadable} unreadable` : ''}`,
  );
  return { code, stdout: out.join('\n') };
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
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (name: string) => {
      const eq = a.indexOf('=');
      const v = eq >= 0 ? a.slice(eq + 1) : rest[++i];
      if (v === undefined) throw new UsageError(`${name} 需要一个值 / needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) format = value('--format');
    else if (a === '--locale' || a.startsWith('--locale=')) locale = value('--locale') as Locale;
    else if (a === '--jobs' || a.startsWith('--jobs=') || a === '-j') {
      const v = value('--jobs');
      jobs = Number(v);
      if (!/^\d+$/.test(v) || jobs < 1) throw new UsageError(`--jobs 需要一个正整数 / must be a positive whole number: ${v}`);
    } else if (a === '--verbose' || a === '-v') verbose = true;
    else if (a.startsWith('-')) throw new UsageError(`未知选项 / unknown option: ${a}`);
    else paths.push(a);
  }
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format 只能是 text 或 json / must be text or json: ${format}`);
  if (locale !== 'zh' && locale !== 'en') throw new UsageError(`--locale 只能是 zh 或 en / must be zh or en: ${locale}`);
  if (!paths.length) throw new UsageError('没有指定要检查的文件 / no files given');
  const files = collectFiles(paths.map((p) => (p.startsWith('/') ? p : join(cwd, p))));
  return { options: { format, locale, verbose, cwd }, jobs, files };
}

function failure(e: unknown): { code: number; stdout: string; stderr: string } {
  if (e instanceof UsageError) return { code: 2, stdout: '', stderr: `${e.message}\n\n${USAGE}` };
  return { code: 2, stdout: '', stderr: (e as Error).message };
}

/** The command line, in this thread (the tests' entry point; the executable uses runCli). */
export function run(argv: string[], cwd = process.cwd()): { code: number; stdout: string; stderr: string } {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    return { code: command ? 0 : 2, stdout: command ? USAGE : '', stderr: command ? '' : USAGE };
  }
  try {
    if (command === 'check') {
      const { options, files } = parseCheck(rest, cwd);
      return {
        ...assemble(
          files.map((f) => checkFile(f, options)),
          options,
        ),
        stderr: '',
      };
    }
    if (command === 'fix') return runFix(rest, cwd);
    if (command === 'dump') {
      if (rest.length !== 1) throw new UsageError('dump 需要一个文件 / dump takes one file');
      const path = rest[0].startsWith('/') ? rest[0] : join(cwd, rest[0]);
      let text: string;
      try {
        text = readReport(path);
      } catch (e) {
        return { code: 2, stdout: '', stderr: (e as Error).message };
      }
      const { report } = analyze(text);
      return { code: 0, stdout: JSON.stringify(dumpModel(report), null, 2), stderr: '' };
    }
    throw new UsageError(`未知命令 / unknown command: ${command}`);
  } catch (e) {
    return failure(e);
  }
}

/** Below this many files one thread is quicker than starting workers. */
const PARALLEL_FROM = 48;
/** Files per message to a worker: big enough to keep messaging cheap, small enough to balance the load. */
const CHUNK = 64;

export interface Progress {
  (done: number, total: number): void;
}

/**
 * Checks files with worker threads (the bundled dist/checkWorker.js next to this file), handing out
 * chunks as workers become free; outcomes are put back in file order.
 */
export async function checkParallel(
  files: string[],
  options: CheckOptions,
  jobs: number,
  workerFile: string,
  progress?: Progress,
): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: Math.min(jobs, Math.ceil(files.length / CHUNK)) }, () => new Worker(workerFile));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const give = () => {
              if (next >= files.length) return resolve();
              const start = next;
              next = Math.min(files.length, next + CHUNK);
              worker.postMessage({ start, paths: files.slice(start, next), options });
            };
            worker.on('message', (m: { start: number; outcomes: FileOutcome[] }) => {
              m.outcomes.forEach((o, i) => (outcomes[m.start + i] = o));
              done += m.outcomes.length;
              progress?.(done, files.length);
              give();
            });
            worker.once('error', reject);
            worker.once('exit', (code) => (next < files.length || code !== 0 ? reject(new Error(`worker exited (${code})`)) : resolve()));
            give();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}

/** A progress line on stderr, redrawn at most ten times a second; only on a terminal. */
function terminalProgress(): { progress?: Progress; clear: () => void } {
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
      stream.write(`\r\x1b[K检查中 / checking ${done}/${total} (${Math.round((100 * done) / total)}%, ${Math.round(rate)}/s)`);
    },
    clear: () => {
      if (shown) stream.write('\r\x1b[K');
    },
  };
}

/** The executable's entry: `check` over many files goes to worker threads; everything else is run(). */
export async function runCli(
  argv: string[],
  cwd = process.cwd(),
  workerFile = join(__dirname, 'checkWorker.js'),
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (argv[0] !== 'check') return run(argv, cwd);
  let command: CheckCommand;
  try {
    command = parseCheck(argv.slice(1), cwd);
  } catch (e) {
    return failure(e);
  }
  const jobs = command.jobs ?? Math.max(1, availableParallelism());
  const { progress, clear } = terminalProgress();
  try {
    let outcomes: FileOutcome[];
    if (jobs > 1 && command.files.length >= PARALLEL_FROM && existsSync(workerFile)) {
      outcomes = await checkParallel(command.files, command.options, jobs, workerFile, progress);
    } else {
      outcomes = command.files.map((f, i) => {
        const o = checkFile(f, command.options);
        progress?.(i + 1, command.files.length);
        return o;
      });
    }
    clear();
    return { ...assemble(outcomes, command.options), stderr: '' };
  } catch (e) {
    clear();
    return failure(e);
  }
}

if (require.main === module && isMainThread) {
  void runCli(process.argv.slice(2)).then((r) => {
    if (r.stdout) process.stdout.write(r.stdout + '\n');
    if (r.stderr) process.stderr.write(r.stderr + '\n');
    process.exitCode = r.code;
  });
}
