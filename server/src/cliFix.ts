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
import { isAbsolute, join } from 'node:path';
import { analyze, type Locale, type ReportDiagnostic } from './report/index';
import { findRepair, uniqueRepairEdits } from './report/repair';
import { cellName } from './report/repairDiagnostics';
import { applyEdits, comparePositions, splitLines } from './report/ranges';
import { writeCell, type TextChange } from './report/cellWrite';

export const FIX_USAGE = `  xxgk fix FILE [-o OUT | --write] [--fill-blanks] [--locale zh|en]
      按最少改动修正合计错误（唯一时）、改为规范表述；--fill-blanks 把空白单元格填 0；列出改动的每个单元格
      apply the unique smallest repair of the sums and the official wording (--fill-blanks: blank cells to 0);
      prints every cell changed; -o writes to OUT, --write rewrites FILE, neither: only print`;

interface FixArgs {
  file: string;
  out: string | null;
  fillBlanks: boolean;
  locale: Locale;
}

class FixUsage extends Error {}

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
      if (out === undefined) throw new FixUsage(`${a} 需要一个文件名 / needs a file name`);
    } else if (a.startsWith('--output=')) out = a.slice('--output='.length);
    else if (a === '--write' || a === '-w') write = true;
    else if (a === '--fill-blanks') fillBlanks = true;
    else if (a === '--locale' || a.startsWith('--locale=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v !== 'zh' && v !== 'en') throw new FixUsage(`--locale 只能是 zh 或 en / must be zh or en: ${v}`);
      locale = v;
    } else if (a.startsWith('-')) throw new FixUsage(`未知选项 / unknown option: ${a}`);
    else files.push(a);
  }
  if (files.length !== 1) throw new FixUsage('fix 需要一个文件 / fix takes one file');
  if (out !== null && write) throw new FixUsage('-o 与 --write 不能同时使用 / -o and --write exclude each other');
  const abs = (p: string) => (isAbsolute(p) ? p : join(cwd, p));
  const file = abs(files[0]);
  return { file, out: write ? file : out === null ? null : abs(out), fillBlanks, locale };
}

/** The file's text as it will be written back: UTF-8 only (a BOM is kept), else null. */
function readUtf8(path: string): { text: string | null; error?: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return { text: null, error: `找不到文件或无法读取 / cannot read: ${path}` };
  }
  if (bytes.includes(0)) return { text: null, error: `不是文本文件 / not a text file: ${path}` };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    return {
      text: null,
      error: `只能修正 UTF-8 文件（此文件不是 UTF-8，改写会改变其编码）/ only UTF-8 files can be fixed (rewriting this one would change its encoding): ${path}`,
    };
  }
}

interface Planned {
  change: TextChange;
  line: string;
}

const errorCount = (ds: ReportDiagnostic[]) => ds.filter((d) => d.severity === 'error').length;

/** Runs `xxgk fix`; returns what the command line prints and its exit status. */
export function runFix(rest: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  let args: FixArgs;
  try {
    args = parseFix(rest, cwd);
  } catch (e) {
    if (e instanceof FixUsage) return { code: 2, stdout: '', stderr: `${e.message}\n\n${FIX_USAGE}` };
    throw e;
  }
  const zh = args.locale === 'zh';
  const read = readUtf8(args.file);
  if (read.text === null) return { code: 2, stdout: '', stderr: read.error! };
  const text = read.text;
  const { report, derivations, diagnostics } = analyze(text, { locale: args.locale });
  const lines = splitLines(text);
  const where = (r: TextChange['range']) => `${r.start.line + 1}:${r.start.character + 1}`;
  const planned: Planned[] = [];
  const notes: string[] = [];
  const touched = new Set<string>();

  // 1. The repair of the sums, table by table.
  const repair = findRepair(derivations);
  for (const comp of repair.components) {
    if (comp.status === 'ambiguous')
      notes.push(
        zh
          ? `表${comp.table === 3 ? '三' : '四'}：有多种同样少的改法，未修改（见 xxgk check）`
          : `table ${comp.table}: several equally small repairs, left as it is (see xxgk check)`,
      );
    if (comp.status === 'limit')
      notes.push(
        zh
          ? `表${comp.table === 3 ? '三' : '四'}：错误太多，无法确定填错的单元格，未修改`
          : `table ${comp.table}: too many errors to name the wrong cells, left as it is`,
      );
  }
  for (const e of uniqueRepairEdits(repair)) {
    const name = `「${cellName(report, e.table, e.cell)}」`;
    const edit = writeCell(lines, report, { table: e.table, row: e.rowKey, col: e.colKey }, String(e.value));
    touched.add(`${e.table}:${e.rowKey}:${e.colKey}`);
    if (!edit.ok) {
      notes.push(
        zh
          ? `${name}应为 ${e.value}，但这一行缺少单元格，无法安全插入：请手工填写`
          : `${name} should be ${e.value}, but its row lacks cells and it cannot be inserted safely: write it by hand`,
      );
      continue;
    }
    const before = e.cell.raw || (zh ? '（空）' : '(blank)');
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
              line: `${where(edit.change.range)}: 「${cellName(report, table, cell)}」 ${zh ? '（空）' : '(blank)'} → 0`,
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
      stderr: zh ? '修正后错误反而增多，未写入任何文件' : 'the fixes would add errors: nothing written',
    };
  }
  const out: string[] = planned.map((p) => p.line);
  if (!planned.length) out.push(zh ? '没有可以安全修正的内容' : 'nothing that can be fixed safely');
  out.push(...notes);
  if (args.out && planned.length) {
    try {
      writeFileSync(args.out, fixed);
    } catch (e) {
      return { code: 2, stdout: out.join('\n'), stderr: (e as Error).message };
    }
    out.push(zh ? `已写入 ${args.out}（${planned.length} 处修改）` : `written to ${args.out} (${planned.length} change(s))`);
  } else if (planned.length) {
    out.push(
      zh
        ? `共 ${planned.length} 处修改；未写入（用 -o 文件 或 --write 写入）`
        : `${planned.length} change(s); nothing written (use -o FILE or --write)`,
    );
  }
  return { code: notes.length ? 1 : 0, stdout: out.join('\n'), stderr: '' };
}
