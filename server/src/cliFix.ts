/**
 * `xxgk fix FILE [-o OUT | --write] [--fill-blanks] [--locale zh|en]`: applies the safe fixes and
 * prints exactly the cells (and labels) it changes, one line each.
 *
 * Safe fixes: the unique cheapest repair of each table's sums (repair.ts; an ambiguous table or one
 * whose search hit its bound is left alone and said so), official wording for labels and headings
 * that have it, and with --fill-blanks blank cells of tables 三 and 四 set to 0. Every edit replaces
 * exactly a cell's (or label's) text, never whitespace around it or narrative; a missing cell is
 * inserted only where its separator can be written safely (report/cellWrite.ts), otherwise refused with
 * a message. Without -o or --write nothing is written (the changes are only printed).
 *
 * Exit status: 0 done (or nothing to fix), 1 something could not be fixed (ambiguous, refused),
 * 2 bad usage, an unreadable file, or a file that cannot be rewritten as it was read.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { readTextTables } from './io/html';
import { isAbsolute, join } from 'node:path';
import { analyze, localize, type Locale, type ReportDiagnostic } from './report/index';
import { findRepair, uniqueRepairEdits } from './report/repair';
import { cellName } from './report/repairDiagnostics';
import { applyEdits, comparePositions, splitLines } from './report/ranges';
import { writeCell, type TextChange } from './report/cellWrite';
import { CliError, UsageError, cliLocale, failure } from './cliText';

interface FixArgs {
  file: string;
  out: string | null;
  fillBlanks: boolean;
  locale: Locale;
}

function parseFix(rest: string[], cwd: string): FixArgs {
  let out: string | null = null;
  let write = false;
  let fillBlanks = false;
  let locale: Locale = 'zh';
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '-o' || a === '--output') {
      out = rest[++i];
      if (out === undefined) throw new UsageError('cli.needsFileName', { option: a });
    } else if (a.startsWith('--output=')) out = a.slice('--output='.length);
    else if (a === '--write' || a === '-w') write = true;
    else if (a === '--fill-blanks') fillBlanks = true;
    else if (a === '--locale' || a.startsWith('--locale=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v !== 'zh' && v !== 'en') throw new UsageError('cli.localeValue', { value: v });
      locale = v;
    } else if (a.startsWith('-')) throw new UsageError('cli.unknownOption', { option: a });
    else files.push(a);
  }
  if (files.length !== 1) throw new UsageError('cli.oneFile', { command: 'fix' });
  if (out !== null && write) throw new UsageError('fix.excludes');
  const abs = (p: string) => (isAbsolute(p) ? p : join(cwd, p));
  const file = abs(files[0]);
  return { file, out: write ? file : out === null ? null : abs(out), fillBlanks, locale };
}

/** The file's text as it will be written back: UTF-8 only (a BOM is kept); otherwise a CliError. */
function readUtf8(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new CliError('fix.cannotRead', { path });
  }
  if (bytes.includes(0)) throw new CliError('fix.notText', { path });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CliError('fix.notUtf8', { path });
  }
  // Tables written as HTML markup are read through it (xxgk check); a fix is written into the
  // canonical text, which convert makes: this file's markup is not rewritten.
  if (readTextTables(text)) throw new CliError('fix.markup', { path });
  return text;
}

interface Planned {
  change: TextChange;
  line: string;
}

const errorCount = (ds: ReportDiagnostic[]) => ds.filter((d) => d.severity === 'error').length;

/** Runs `xxgk fix`; returns what the command line prints and its exit status. */
export function runFix(rest: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let args: FixArgs;
  let text: string;
  try {
    args = parseFix(rest, cwd);
    text = readUtf8(args.file);
  } catch (e) {
    if (e instanceof CliError) return failure(e, cliLocale(rest), 'fix');
    throw e;
  }
  const t = (id: string, values: Record<string, string | number> = {}) => localize(id, values, args.locale);
  const { report, derivations, diagnostics } = analyze(text, { locale: args.locale });
  const lines = splitLines(text);
  const where = (r: TextChange['range']) => `${r.start.line + 1}:${r.start.character + 1}`;
  const planned: Planned[] = [];
  const notes: string[] = [];
  const touched = new Set<string>();

  // 1. The repair of the sums, table by table.
  const repair = findRepair(derivations);
  for (const comp of repair.components) {
    const table = t(`table.${comp.table}.short`).trim();
    if (comp.status === 'ambiguous') notes.push(t('fix.ambiguous', { table }));
    if (comp.status === 'limit') notes.push(t('fix.limit', { table }));
  }
  for (const e of uniqueRepairEdits(repair)) {
    const name = `「${cellName(report, e.table, e.cell)}」`;
    const edit = writeCell(lines, report, { table: e.table, row: e.rowKey, col: e.colKey }, String(e.value));
    touched.add(`${e.table}:${e.rowKey}:${e.colKey}`);
    if (!edit.ok) {
      notes.push(t(`fix.refused.${edit.reason}`, { cell: name, value: e.value }));
      continue;
    }
    const before = e.cell.raw || t('value.blank');
    planned.push({ change: edit.change, line: `${where(edit.change.range)}: ${name} ${before} → ${e.value}` });
  }
  // 2. Blank cells to 0, only when asked.
  if (args.fillBlanks) {
    for (const [table, t3or4] of [
      [3, report.table3],
      [4, report.table4],
    ] as const) {
      for (const row of Object.values(t3or4?.rows ?? {})) {
        for (const cell of row.cells) {
          if (cell.value.kind !== 'blank' || touched.has(`${table}:${cell.rowKey}:${cell.colKey}`)) continue;
          const edit = writeCell(lines, report, { table, row: cell.rowKey, col: cell.colKey }, '0');
          if (edit.ok)
            planned.push({
              change: edit.change,
              line: `${where(edit.change.range)}: 「${cellName(report, table, cell)}」 ${t('value.blank')} → 0`,
            });
        }
      }
    }
  }
  // 3. Official wording of labels and headings written in one piece.
  for (const d of diagnostics) {
    const data = (d.data ?? {}) as { official?: unknown; replaceable?: unknown };
    if ((d.code === 'label-variant' || d.code === 'section-heading') && data.replaceable === true && typeof data.official === 'string') {
      const old = (lines[d.range.start.line] ?? '').slice(d.range.start.character, d.range.end.character);
      if (d.range.start.line !== d.range.end.line || old === data.official) continue;
      planned.push({ change: { range: d.range, newText: data.official }, line: `${where(d.range)}: 「${old}」 → 「${data.official}」` });
    }
  }
  planned.sort(
    (a, b) => a.change.range.start.line - b.change.range.start.line || a.change.range.start.character - b.change.range.start.character,
  );

  for (let i = 1; i < planned.length; i++)
    if (comparePositions(planned[i].change.range.start, planned[i - 1].change.range.end) < 0) throw new Error('overlapping edits');
  const fixed = applyEdits(
    text,
    planned.map((p) => p.change),
  );
  // Never make things worse: the fixed text must not have more errors.
  const after = analyze(fixed, { locale: args.locale }).diagnostics;
  if (errorCount(after) > errorCount(diagnostics)) {
    return {
      code: 2,
      stdout: planned.map((p) => p.line).join('\n'),
      stderr: t('fix.worse'),
    };
  }
  const out: string[] = planned.map((p) => p.line);
  if (!planned.length) out.push(t('fix.nothing'));
  out.push(...notes);
  if (args.out && planned.length) {
    try {
      writeFileSync(args.out, fixed);
    } catch (e) {
      return { code: 2, stdout: out.join('\n'), stderr: t('cli.cannotWrite', { path: args.out, reason: (e as Error).message }) };
    }
    out.push(t('fix.written', { path: args.out, count: planned.length }));
  } else if (planned.length) out.push(t('fix.dryRun', { count: planned.length }));
  return { code: notes.length ? 1 : 0, stdout: out.join('\n'), stderr: '' };
}
