/**
 * Quick fixes, fix-all and hovers from the repair (report/repair.ts): the preferred fix on a
 * suspect or a broken sum applies the table's unique cheapest repair (only when the fixed text has
 * no more errors); equally cheap alternatives are offered, none preferred; fix-all applies the
 * unique repair of every table. The repair is recomputed from the analysis (never trusted from the
 * diagnostic's data, which a client sends back as it likes), once per analysis.
 */
import type { TextEdit } from 'vscode-languageserver';
import type { Derivation, Position } from '../report';
import { findRepair, repairEdits, type CellEdit, type ComponentRepair, type RepairResult } from '../report/repair';
import { cellName, suspectHover } from '../report/repairDiagnostics';
import { cellTextEdit } from '../report/repairEdit';
import { analyzeText, type Analysis } from './analysis';
import { cellEdit } from './cellEdit';
import { applyEdits, rangeContains, splitLines } from './ranges';
import type { LocaleSetting, XxgkSettings } from './settings';

const TITLES = {
  zh: {
    repair: (what: string) => `按最少改动修正：${what}`,
    alternative: (n: number, what: string) => `改法${n}（多种同样少的改法之一）：${what}`,
    change: (cell: string, value: number) => `「${cell}」改为 ${value}`,
    and: '、',
  },
  en: {
    repair: (what: string) => `Apply the smallest repair: ${what}`,
    alternative: (n: number, what: string) => `Repair ${n} (one of several equally small): ${what}`,
    change: (cell: string, value: number) => `「${cell}」 → ${value}`,
    and: ', ',
  },
};

export interface RepairFix {
  title: string;
  edits: TextEdit[];
  preferred: boolean;
}

const cache = new WeakMap<Derivation[], RepairResult>();

/** The repair of an analysis's sum rules (those not turned off), computed once per analysis. */
export function repairOf(analysis: Pick<Analysis, 'derivations' | 'settings'>): RepairResult {
  let r = cache.get(analysis.derivations);
  if (!r) {
    const off = analysis.settings.severity;
    r = findRepair(analysis.derivations.filter((d) => off[d.rule] !== 'off'));
    cache.set(analysis.derivations, r);
  }
  return r;
}

/** Text edits writing a repair's values; null when one of them cannot be written safely. */
function textEdits(analysis: Pick<Analysis, 'report'>, lines: string[], edits: CellEdit[]): TextEdit[] | null {
  const out: TextEdit[] = [];
  for (const e of edits) {
    if (e.cell.value.kind === 'missing') {
      const r = cellTextEdit(analysis.report, lines, e);
      if (!r.ok) return null;
      out.push(r.change);
    } else out.push(cellEdit(lines, e.cell.range, String(e.value)));
  }
  return out;
}

const errors = (ds: { severity: string }[]) => ds.filter((d) => d.severity === 'error').length;

/** Which group of rules a diagnostic's data points at (table, and for table 四 the group). */
function componentOf(result: RepairResult, data: Record<string, unknown>, code: string): ComponentRepair | undefined {
  const table = data.table;
  if (table !== 3 && table !== 4) return undefined;
  if (!(code === 'cell-suspect' || code === 'repair-ambiguous' || code.startsWith('sum-'))) return undefined;
  return result.components.find((c) => {
    if (c.table !== table) return false;
    if (table === 3) return true;
    if (code === 'repair-ambiguous')
      return c.broken.some((d) => d.total.rowKey === data.row) || c.repairs.some((r) => r.changes.some((x) => x.cell.rowKey === data.row));
    return c.broken.some((d) => d.total.rowKey === data.row);
  });
}

/** The repair fixes for one diagnostic (its code and data as the client sent them back). */
export function repairFixes(
  analysis: Analysis,
  lines: string[],
  code: string,
  data: Record<string, unknown>,
  locale: LocaleSetting,
): RepairFix[] {
  const result = repairOf(analysis);
  let comp = componentOf(result, data, code);
  if (!comp && code === 'repair-ambiguous' && data.table === 4)
    comp = result.components.find((c) => c.table === 4 && c.status === 'ambiguous');
  if (!comp || comp.status === 'limit') return [];
  const t = TITLES[locale];
  const describe = (edits: CellEdit[]) => edits.map((e) => t.change(cellName(analysis.report, e.table, e.cell), e.value)).join(t.and);
  if (comp.status === 'unique') {
    const cells = repairEdits(comp.repairs[0]);
    const edits = textEdits(analysis, lines, cells);
    if (!edits) return [];
    const after = analyzeText(applyEdits(analysis.text, edits), analysis.settings);
    // A preferred fix never adds errors.
    return [{ title: t.repair(describe(cells)), edits, preferred: errors(after.diagnostics) <= errors(analysis.diagnostics) }];
  }
  const fixes: RepairFix[] = [];
  comp.repairs.forEach((r, i) => {
    const cells = repairEdits(r);
    if (!cells.length) return;
    const edits = textEdits(analysis, lines, cells);
    if (edits) fixes.push({ title: t.alternative(i + 1, describe(cells)), edits, preferred: false });
  });
  return fixes;
}

/**
 * Fix-all: the unique cheapest repair of every table (ambiguous tables and those whose search hit
 * its bound are left as they are), kept only when the fixed text has no more errors. Cancelled, it
 * changes nothing.
 */
export function repairAll(text: string, settings: XxgkSettings, token?: { readonly isCancellationRequested: boolean }): string {
  if (token?.isCancellationRequested) return text;
  const analysis = analyzeText(text, settings);
  const lines = splitLines(text);
  // Table by table: a table whose repair cannot be written safely in full is left alone.
  const edits = repairOf({ derivations: analysis.derivations, settings })
    .components.filter((c) => c.status === 'unique')
    .flatMap((c) => textEdits(analysis, lines, repairEdits(c.repairs[0])) ?? []);
  if (!edits.length || token?.isCancellationRequested) return text;
  const fixed = applyEdits(text, edits);
  return errors(analyzeText(fixed, settings).diagnostics) <= errors(analysis.diagnostics) ? fixed : text;
}

/** The hover of a suspect cell at a position: why it is suspected. */
export function suspectAt(analysis: Analysis, position: Position): { text: string; range: CellEdit['cell']['range'] } | null {
  const result = repairOf(analysis);
  for (const comp of result.components) {
    if (comp.status !== 'unique') continue;
    const change = comp.repairs[0].changes.find((c) => rangeContains(c.cell.range, position));
    if (!change) continue;
    const text = suspectHover(analysis.report, analysis.derivations, result, change.cell, analysis.settings.locale);
    if (text) return { text, range: change.cell.range };
  }
  return null;
}
