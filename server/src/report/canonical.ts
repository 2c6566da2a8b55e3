/**
 * The canonical layout: what the tool itself writes (skeletons, inserted sections and rows,
 * converted tables). One table row per line, cells between `|`, padded so the columns line up
 * by display width (a CJK character takes two columns); table 三's hierarchy shown by indenting
 * labels two spaces a level. See docs/markup.md.
 */
import { FORMATS, SECTIONS, type FormatSpec } from './formatData';
import type { FormatVersion, Report } from './model';
import { displayWidth, padEnd } from './text';

export type Values = Record<string, string[]>;

const INDENT = '  ';

/** Lines of cells, padded per column (each column as wide as its widest cell), as `| a | b |` rows. */
export function alignRows(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return rows.map((r) => '| ' + r.map((c, i) => padEnd(c, widths[i])).join(' | ') + ' |');
}

function zeros(n: number): string[] {
  return Array.from({ length: n }, () => '0');
}

/** The rows (as cell lists) of a table in the canonical layout. */
export function tableRows(n: 2 | 3 | 4, format: FormatVersion, values: Values = {}): string[][] {
  const spec: FormatSpec = FORMATS[format];
  const out: string[][] = [];
  if (n === 2) {
    for (const sub of spec.table2) {
      out.push([sub.caption]);
      out.push(['信息内容', ...sub.columns.map((c) => c.label)]);
      for (const r of sub.rows) out.push([r.label, ...(values[r.key] ?? zeros(sub.columns.length))]);
    }
  } else if (n === 3) {
    out.push([spec.table3.noteCell, ...spec.table3.columns.map((c) => c.label)]);
    const seen = new Set<string>();
    for (const r of spec.table3.rows) {
      r.groups.forEach((g, depth) => {
        if (!seen.has(g)) {
          seen.add(g);
          out.push([INDENT.repeat(depth) + g]);
        }
      });
      out.push([INDENT.repeat(r.depth) + r.label, ...(values[r.key] ?? zeros(7))]);
    }
  } else {
    out.push(['', ...spec.table4.columns.map((c) => c.label)]);
    for (const g of table4RowLabels()) out.push([g.label, ...(values[g.key] ?? zeros(5))]);
  }
  return out;
}

/** Table 四's rows as the canonical layout names them (the form itself has one unlabelled row). */
export function table4RowLabels(): { key: 'review' | 'direct' | 'post'; label: string }[] {
  return [
    { key: 'review', label: '行政复议' },
    { key: 'direct', label: '行政诉讼（未经复议直接起诉）' },
    { key: 'post', label: '行政诉讼（复议后起诉）' },
  ];
}

/**
 * Table 三's first column is at most this many display columns wide in the canonical layout: a
 * longer label (or the 勾稽关系 note) goes on over the next lines, in the first cell alone, as
 * the parser reads wrapped labels anyway. So the table is about 130 columns wide and fits a
 * 1600 px window beside the Explorer even when Chinese is not exactly twice as wide as Latin.
 */
export const TABLE3_LABEL_WIDTH = 48;

/** Where a label may be cut: after 、，；： or before （ (never inside a word of the official wording). */
export function wrapLabel(text: string, width: number): string[] {
  const chars = [...text];
  const pieces: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let used = 0;
    let end = start;
    let lastBreak = -1;
    while (end < chars.length && used + displayWidth(chars[end]) <= width) {
      used += displayWidth(chars[end]);
      if ('、，；：'.includes(chars[end])) lastBreak = end + 1;
      if (chars[end] === '（' && end > start) lastBreak = end;
      end++;
    }
    if (end < chars.length && lastBreak > start) end = lastBreak;
    pieces.push(chars.slice(start, end).join(''));
    start = end;
  }
  return pieces;
}

/** Rows whose first cell is wider than `width`, continued over label-only rows. */
function wrapFirstCells(rows: string[][], width: number): string[][] {
  const out: string[][] = [];
  for (const r of rows) {
    if (displayWidth(r[0]) <= width) {
      out.push(r);
      continue;
    }
    const indent = /^ */.exec(r[0])![0];
    const pieces = wrapLabel(r[0].slice(indent.length), width - indent.length);
    out.push([indent + pieces[0], ...r.slice(1)]);
    for (const piece of pieces.slice(1)) out.push([indent + piece]);
  }
  return out;
}

/**
 * A whole table in the canonical layout, zero-filled unless values are given (rowKey → cell texts).
 * `wrap`: table 三's long labels continued over lines (what the editor writes: skeletons, inserted
 * sections, 整理为规范格式); without it every row is one line.
 */
export function writeTable(n: 2 | 3 | 4, format: FormatVersion, values: Values = {}, eol = '\n', wrap = false): string {
  const rows = tableRows(n, format, values);
  return alignRows(n === 3 && wrap ? wrapFirstCells(rows, TABLE3_LABEL_WIDTH) : rows).join(eol);
}

/** One canonical row of table 三 (or 二) — label indented by depth, values or zeros. */
export function writeRow(rowKey: string, format: FormatVersion, values?: string[]): string {
  const spec = FORMATS[format];
  const r3 = spec.table3.rows.find((r) => r.key === rowKey);
  if (r3) return alignRows([[INDENT.repeat(r3.depth) + r3.label, ...(values ?? zeros(7))]])[0];
  for (const sub of spec.table2) {
    const r = sub.rows.find((x) => x.key === rowKey);
    if (r) return alignRows([[r.label, ...(values ?? zeros(sub.columns.length))]])[0];
  }
  const r4 = table4RowLabels().find((r) => r.key === rowKey);
  if (r4) return alignRows([[r4.label, ...(values ?? zeros(5))]])[0];
  throw new Error(`unknown row key ${rowKey}`);
}

const PLACEHOLDER_TEXT: Record<number, string> = {
  1: '（请在此概述本年度政府信息公开工作总体情况，可分为（一）主动公开、（二）依申请公开、（三）政府信息管理、（四）平台建设、（五）监督保障。）',
  5: '（请在此填写本年度政府信息公开工作存在的主要问题及改进情况。）',
  6: '（请在此填写其他需要报告的事项，如本年度收取信息处理费的情况；没有的写明“无”。）',
};

/** A section's heading with its zero-filled table (二、三、四) or a placeholder paragraph. */
export function writeSection(n: 1 | 2 | 3 | 4 | 5 | 6, format: FormatVersion, eol = '\n'): string {
  const spec = SECTIONS[n - 1];
  if (spec.kind === 'narrative') return spec.heading + eol + PLACEHOLDER_TEXT[n];
  return spec.heading + eol + writeTable(n as 2 | 3 | 4, format, {}, eol, true);
}

/** A complete new report: title, six sections, zero-filled tables. Checks with no diagnostics. */
export function writeSkeleton(opts: { body: string; year: number; format?: FormatVersion; eol?: string }): string {
  const eol = opts.eol ?? '\n';
  const format = opts.format ?? (opts.year <= 2020 ? '2019' : '2021');
  const parts = [`${opts.body}${opts.year}年政府信息公开工作年度报告`];
  for (const s of SECTIONS) parts.push(writeSection(s.number, format, eol));
  return parts.join(eol + eol) + eol;
}

/** The values of a parsed table, as cell texts per row key (for rewriting a table canonically). */
export function valuesOf(report: Report, n: 2 | 3 | 4): Values {
  const out: Values = {};
  if (n === 2 && report.table2) {
    for (const sub of report.table2.subtables) for (const r of sub.rows) out[r.key] = r.cells.map((c) => c.raw);
  } else if (n === 3 && report.table3) {
    for (const [k, r] of Object.entries(report.table3.rows)) out[k] = r.cells.map((c) => c.raw);
  } else if (n === 4 && report.table4) {
    for (const [k, r] of Object.entries(report.table4.rows)) out[k] = r.cells.map((c) => c.raw);
  }
  return out;
}
