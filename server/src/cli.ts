/**
 * The command-line checker: the same engine as the language server, for people who audit
 * hundreds of reports.
 *
 *   xxgk check [--format text|json] [--locale zh|en] [--verbose] PATH...
 *   xxgk dump FILE
 *
 * Exit status: 0 no errors, 1 errors found, 2 bad usage or a file that cannot be read.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyze, type Cell, type Locale, type Report, type ReportDiagnostic } from './report/index';

const USAGE = `用法 / usage:
  xxgk check [--format text|json] [--locale zh|en] [--verbose] PATH...
      检查报告文件或文件夹（递归查找 .xxgk 和 .txt 文件）
      check report files or folders (recursing over .xxgk and .txt files)
  xxgk dump FILE
      以 JSON 输出解析得到的报告模型 / print the parsed report model as JSON
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
  const prefix = line.slice(0, start).replace(/[^\t]/g, (c) => (isWide(c) ? '  ' : ' '));
  const width = Math.max(1, [...line.slice(start, Math.max(end, start + 1))].reduce((w, c) => w + (isWide(c) ? 2 : 1), 0));
  return prefix + '^' + '~'.repeat(Math.max(0, width - 1));
}

function isWide(c: string): boolean {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(c);
}

const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '警告', information: '提示', hint: '提示' };

function textReport(results: FileResult[], locale: Locale, verbose: boolean, cwd: string): string {
  const out: string[] = [];
  let errors = 0;
  let warnings = 0;
  let failedFiles = 0;
  for (const r of results) {
    const shown = relative(cwd, r.path) || r.path;
    if (r.error) {
      out.push(`${shown}: ${locale === 'zh' ? '错误' : 'error'}: ${r.error}`);
      continue;
    }
    const lines = r.text!.split(/\r\n|\r|\n/);
    let fileErrors = 0;
    for (const d of r.diagnostics) {
      if (d.severity === 'error') (errors++, fileErrors++);
      else if (d.severity === 'warning') warnings++;
      if (!verbose && (d.severity === 'information' || d.severity === 'hint')) continue;
      const sev = locale === 'zh' ? SEVERITY_ZH[d.severity] : d.severity;
      out.push(`${shown}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${sev} ${d.code}: ${d.message}`);
      const src = lines[d.range.start.line] ?? '';
      if (src.length <= 300) {
        const end = d.range.end.line === d.range.start.line ? d.range.end.character : src.length;
        out.push('    ' + src.replace(/\t/g, '\t'));
        out.push('    ' + caretLine(src, d.range.start.character, end));
      }
    }
    if (fileErrors) failedFiles++;
  }
  const files = results.length;
  const unreadable = results.filter((r) => r.error).length;
  out.push(
    locale === 'zh'
      ? `检查了 ${files} 个文件：${errors} 个错误，${warnings} 个警告；${failedFiles} 个文件有错误${unreadable ? `，${unreadable} 个文件无法读取` : ''}`
      : `${files} file(s) checked: ${errors} error(s), ${warnings} warning(s); ${failedFiles} file(s) with errors${unreadable ? `, ${unreadable} unreadable` : ''}`,
  );
  return out.join('\n');
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

export function run(argv: string[], cwd = process.cwd()): { code: number; stdout: string; stderr: string } {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    return { code: command ? 0 : 2, stdout: command ? USAGE : '', stderr: command ? '' : USAGE };
  }
  try {
    if (command === 'check') {
      let format = 'text';
      let locale: Locale = 'zh';
      let verbose = false;
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
        else if (a === '--verbose' || a === '-v') verbose = true;
        else if (a.startsWith('-')) throw new UsageError(`未知选项 / unknown option: ${a}`);
        else paths.push(a);
      }
      if (format !== 'text' && format !== 'json') throw new UsageError(`--format 只能是 text 或 json / must be text or json: ${format}`);
      if (locale !== 'zh' && locale !== 'en') throw new UsageError(`--locale 只能是 zh 或 en / must be zh or en: ${locale}`);
      if (!paths.length) throw new UsageError('没有指定要检查的文件 / no files given');
      const files = collectFiles(paths.map((p) => (p.startsWith('/') ? p : join(cwd, p))));
      const results: FileResult[] = files.map((path) => {
        let text: string;
        try {
          text = readReport(path);
        } catch (e) {
          return { path, year: null, format: null, diagnostics: [], error: (e as Error).message };
        }
        const { report, diagnostics } = analyze(text, { locale });
        return { path, year: report.year, format: report.format, diagnostics, text };
      });
      const anyError = results.some((r) => r.diagnostics.some((d) => d.severity === 'error'));
      const unreadable = results.some((r) => r.error);
      const code = unreadable ? 2 : anyError ? 1 : 0;
      if (format === 'json') {
        const json = {
          files: results.map((r) => ({
            path: relative(cwd, r.path) || r.path,
            year: r.year,
            format: r.format,
            diagnostics: r.diagnostics.map(jsonDiagnostic),
            ...(r.error ? { error: r.error } : {}),
          })),
        };
        return { code, stdout: JSON.stringify(json), stderr: '' };
      }
      return { code, stdout: textReport(results, locale, verbose, cwd), stderr: '' };
    }
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
    if (e instanceof UsageError) return { code: 2, stdout: '', stderr: `${e.message}\n\n${USAGE}` };
    return { code: 2, stdout: '', stderr: (e as Error).message };
  }
}

if (require.main === module) {
  const r = run(process.argv.slice(2));
  if (r.stdout) process.stdout.write(r.stdout + '\n');
  if (r.stderr) process.stderr.write(r.stderr + '\n');
  process.exitCode = r.code;
}
