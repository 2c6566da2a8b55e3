/**
 * Checking files for the command line, one by one: each file read, checked and formatted where it is
 * checked (in the main thread, or in a worker thread: checkWorker.ts imports this module, not cli.ts,
 * so that a worker loads neither the Word writer of `export` nor `fix`), the comparison across
 * years, and the output in file order.
 */
import { relative } from 'node:path';
import { formatLocation, locate, type SourceDocument, type SourceLocation } from './io/document';
import { loadReport, loadReportSync, sourceKind, type LoadedReport } from './io/load';
import { analyze, displayWidth, localize, parseReport, type Locale, type ReportDiagnostic } from './report/index';
import { checkAcrossYears, matchPrevious, summarize, type YearSummary } from './report/crossYear';
import { CliError } from './cliText';

interface FileResult {
  path: string;
  year: number | null;
  format: string | null;
  diagnostics: ReportDiagnostic[];
  error?: string;
  text?: string;
  /** For an original (web page, Word, PDF): the converted text's map back into it. */
  doc?: SourceDocument;
  /** What the comparison across years needs (only when options.crossYear). */
  summary?: YearSummary | null;
}

function jsonDiagnostic(d: ReportDiagnostic, doc?: SourceDocument) {
  const o: Record<string, unknown> = { code: d.code, severity: d.severity, message: d.message, range: d.range };
  const where = doc && locate(doc, d.range);
  if (where) o.location = where;
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

/** What checking one file gives: its share of the output and its counts, made where it was checked. */
export interface FileOutcome {
  /** Text format: the file's lines of output (possibly none); JSON format: the file's JSON object, serialized. */
  out: string;
  errors: number;
  warnings: number;
  unreadable: boolean;
  /**
   * What the comparison across years needs (only when options.crossYear): the summary; for the text
   * format, where its lines quote the file, an original's converted text (a plain text file is read
   * again instead, only when quoted: its length tells whether it is still the text checked).
   */
  summary?: YearSummary | null;
  text?: string;
  textLength?: number;
}

export interface CheckOptions {
  format: 'text' | 'json';
  locale: Locale;
  verbose: boolean;
  cwd: string;
  /** Compare each report with last year's (several files, or --previous). */
  crossYear?: boolean;
  /** Last year's report, named with --previous. */
  previous?: string;
}

function checkLoaded(path: string, loaded: LoadedReport, options: CheckOptions): FileResult {
  const { report, diagnostics } = analyze(loaded.text, { locale: options.locale });
  // Suspect cells first: the cause before the broken sums it explains.
  diagnostics.sort((a, b) => Number(b.code === 'cell-suspect') - Number(a.code === 'cell-suspect'));
  let summary: YearSummary | undefined;
  if (options.crossYear) {
    summary = summarize(report, loaded.text);
    // Section 五's letters worked out now (a worker's summary is copied with them anyway): the
    // summary then holds no reference to the text, which is let go with the file's result.
    void summary.section5?.text;
  }
  return {
    path,
    year: report.year,
    format: report.format,
    diagnostics: [...loaded.diagnostics, ...diagnostics],
    text: loaded.text,
    doc: loaded.doc,
    ...(summary ? { summary } : {}),
  };
}

/** Reads, checks and formats one file (in the main thread or in a worker; a PDF in the PDF reader's thread, this one waiting). */
export function checkFile(path: string, options: CheckOptions): FileOutcome {
  let result: FileResult;
  try {
    result = checkLoaded(path, loadReportSync(path, options.locale), options);
  } catch (e) {
    result = { path, year: null, format: null, diagnostics: [], error: (e as Error).message };
  }
  return outcome(result, options);
}

/** Reads, checks and formats one file, a PDF without blocking this thread. */
export async function checkFileAsync(path: string, options: CheckOptions): Promise<FileOutcome> {
  if (sourceKind(path) !== 'pdf') return checkFile(path, options);
  let result: FileResult;
  try {
    result = checkLoaded(path, await loadReport(path, options.locale), options);
  } catch (e) {
    result = { path, year: null, format: null, diagnostics: [], error: (e as Error).message };
  }
  return outcome(result, options);
}

function outcome(result: FileResult, options: CheckOptions): FileOutcome {
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
  return {
    out,
    errors,
    warnings,
    unreadable: !!result.error,
    // The text only where the comparison's own lines may quote it (text format), and only an
    // original's: a plain text file is read again when it is quoted (few are), not kept in memory
    // nor sent back from a worker.
    ...(options.crossYear
      ? {
          summary: result.summary ?? null,
          ...(options.format === 'text' && result.text !== undefined
            ? sourceKind(result.path) === 'text'
              ? { textLength: result.text.length }
              : { text: result.text }
            : {}),
        }
      : {}),
  };
}

/**
 * Each report against last year's (the --previous file, or the same body's report for the year
 * before among the files checked): the diagnostics are added to the file's output after its own.
 */
export function acrossYears(files: string[], outcomes: FileOutcome[], options: CheckOptions): void {
  if (!options.crossYear) return;
  let previousOf: (number | null)[];
  let named: YearSummary | null = null;
  if (options.previous) {
    let text: string;
    try {
      ({ text } = loadReportSync(options.previous));
    } catch {
      // (There when the command began: deleted or made unreadable since.)
      throw new CliError('cli.previousMissing', { path: relative(options.cwd, options.previous) || options.previous });
    }
    named = summarize(parseReport(text), text);
    previousOf = outcomes.map(() => -1);
  } else previousOf = matchPrevious(outcomes.map((o) => o.summary));
  outcomes.forEach((o, i) => {
    const p = previousOf[i];
    if (p === null || !o.summary) return;
    const prevPath = p === -1 ? options.previous! : files[p];
    const prev = p === -1 ? named! : outcomes[p].summary!;
    const ds = checkAcrossYears(o.summary, prev, relative(options.cwd, prevPath) || prevPath, options.locale);
    if (!ds.length) return;
    for (const d of ds) {
      if (d.severity === 'error') o.errors++;
      else if (d.severity === 'warning') o.warnings++;
    }
    if (options.format === 'json') {
      const file = JSON.parse(o.out) as { diagnostics: unknown[] };
      file.diagnostics.push(
        ...ds.map((d) => ({ ...jsonDiagnostic(d), related: d.related.map((r) => ({ path: r.uri, range: r.range, message: r.message })) })),
      );
      o.out = JSON.stringify(file);
    } else {
      const { text, note } = quotable(files[i], o, options.locale);
      const lines = ds.flatMap((d) => {
        const own = fileText(
          { path: files[i], year: null, format: null, diagnostics: [d], text },
          options.locale,
          options.verbose,
          options.cwd,
        );
        // Where last year's figure is: the other file, line and column.
        const where = d.related
          .filter((r) => r.uri)
          .map((r) => `    ↳ ${r.uri}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message}`);
        return own.length ? [...own, ...where] : [];
      });
      if (lines.length && note) lines.push(`    ${note}`);
      o.out = [o.out, ...lines].filter((x) => x !== '').join('\n');
    }
  });
}

/**
 * The text the comparison's lines of a file quote: an original's, kept; a plain text file's, read
 * again. A file deleted or changed since it was checked is not quoted: a note says why.
 */
function quotable(path: string, o: FileOutcome, locale: Locale): { text?: string; note?: string } {
  if (o.text !== undefined || o.textLength === undefined) return { text: o.text };
  let text: string;
  try {
    text = loadReportSync(path, locale).text;
  } catch (e) {
    return { note: localize('cli.quoteUnreadable', { reason: (e as Error).message }, locale) };
  }
  return text.length === o.textLength ? { text } : { note: localize('cli.quoteChanged', {}, locale) };
}

function jsonFile(r: FileResult, cwd: string) {
  return {
    path: relative(cwd, r.path) || r.path,
    year: r.year,
    format: r.format,
    diagnostics: r.diagnostics.map((d) => jsonDiagnostic(d, r.doc)),
    ...(r.error ? { error: r.error } : {}),
  };
}

function fileText(r: FileResult, locale: Locale, verbose: boolean, cwd: string): string[] {
  const out: string[] = [];
  const shown = relative(cwd, r.path) || r.path;
  if (r.error) {
    out.push(`${shown}: ${localize('cli.severity.error', {}, locale)}: ${r.error}`);
    return out;
  }
  let lines: string[] | null = null;
  for (const d of r.diagnostics) {
    if (!verbose && (d.severity === 'information' || d.severity === 'hint')) continue;
    const sev = localize(`cli.severity.${d.severity}`, {}, locale);
    const where: SourceLocation | undefined = r.doc && locate(r.doc, d.range);
    const place = where ? formatLocation(where, locale) : `${d.range.start.line + 1}:${d.range.start.character + 1}`;
    out.push(`${shown}:${place}: ${sev} ${d.code}: ${d.message}`);
    if (r.text === undefined) continue;
    lines ??= r.text.split(/\r\n|\r|\n/);
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
  const t = (id: string, args: Record<string, number>) => localize(id, args, options.locale);
  out.push(
    t('cli.summary', { files, errors, warnings, failed: failedFiles }) +
      (unreadable ? t('cli.summary.unreadable', { count: unreadable }) : ''),
  );
  return { code, stdout: out.join('\n') };
}
