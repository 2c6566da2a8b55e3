/** What is wrong with a report read from an original: cells read otherwise than written, and false diagnostics. */
import { loadReportSync } from '../../server/src/io/load';
import { analyze } from '../../server/src/report/index';
import type { FormatVersion } from '../../server/src/report/model';

/** Rules that judge the values themselves, not the reading: random values are right to meet them. */
export const REVIEWER_RULES = new Set(['rule-making', 'table2-total', 'fee-conflict', 'text-figure', 'text-claim', 'text-year']);

const fromFull = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/**
 * Each cell of the report read from `bytes` (a file named `file`) that differs from `values` (row key →
 * cells), a format other than `format`, and every error or warning but the reviewer rules'.
 */
export function misreads(file: string, bytes: Uint8Array, format: FormatVersion, values: Record<string, string[]>): string[] {
  const loaded = loadReportSync(file, 'zh', bytes);
  const { report, diagnostics } = analyze(loaded.text);
  const read: Record<string, string[]> = {};
  for (const [k, r] of Object.entries(report.table3?.rows ?? {})) read[k] = r.cells.map((c) => fromFull(c.raw));
  for (const [k, r] of Object.entries(report.table4?.rows ?? {})) read[k] = r.cells.map((c) => fromFull(c.raw));
  for (const sub of report.table2?.subtables ?? []) for (const r of sub.rows) read[r.key] = r.cells.map((c) => fromFull(c.raw));
  const out: string[] = [];
  if (report.format !== format) out.push(`format ${report.format}`);
  for (const [k, want] of Object.entries(values))
    if (JSON.stringify(read[k]) !== JSON.stringify(want))
      out.push(`${k}: read ${JSON.stringify(read[k])}, written ${JSON.stringify(want)}`);
  for (const d of diagnostics)
    if ((d.severity === 'error' || d.severity === 'warning') && !REVIEWER_RULES.has(d.code))
      out.push(`${d.code} line ${d.range.start.line}: ${d.message}`);
  return out;
}
