/**
 * Quick fixes and hovers from the repair (report/repair.ts), for codeActions.ts's providers: on a
 * suspect, a broken sum or an ambiguity note, the table's unique cheapest repair (all its cells in
 * one fix) or, when several repairs are equally small, each of them (never preferred, never taken
 * by fix-all). The repair is recomputed from the current analysis, once per analysis.
 */
import type { TextEdit } from 'vscode-languageserver';
import type { Derivation, Position, ReportDiagnostic } from '../report';
import { findRepair, repairEdits, type CellEdit, type ComponentRepair, type RepairResult } from '../report/repair';
import { cellName, suspectHover } from '../report/repairDiagnostics';
import type { Analysis } from './analysis';
import { cellId, writeCell } from './cellEdit';
import { rangeContains } from './ranges';
import type { LocaleSetting } from './settings';

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

/** A fix as codeActions.ts's providers make them, with whether it may be preferred or used by fix-all. */
export interface RepairFix {
  title: string;
  edits: TextEdit[];
  cells: Map<string, string>;
  preferred?: boolean;
  bulk?: boolean;
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

/** The group of rules a current diagnostic belongs to (by its data: table, and row for table 四). */
export function componentOf(analysis: Analysis, d: ReportDiagnostic): ComponentRepair | undefined {
  const data = d.data ?? {};
  const table = data.table;
  if (table !== 3 && table !== 4) return undefined;
  if (!(d.code === 'cell-suspect' || d.code === 'repair-ambiguous' || d.code.startsWith('sum-'))) return undefined;
  const row = d.code === 'repair-ambiguous' ? data.group : data.row;
  return repairOf(analysis).components.find(
    (c) =>
      c.table === table &&
      (table === 3 ||
        c.broken.some((x) => x.total.rowKey === row) ||
        (d.code === 'cell-suspect' && c.repairs.some((r) => r.changes.some((x) => x.cell.rowKey === row)))),
  );
}

/** Whether a group's unique repair is exactly this one cell set to this value. */
export function isRepairOf(comp: ComponentRepair, key: { table: number; row: string; col: string }, value: string): boolean {
  if (comp.status !== 'unique') return false;
  const cells = repairEdits(comp.repairs[0]);
  return (
    cells.length === 1 &&
    cells[0].table === key.table &&
    cells[0].rowKey === key.row &&
    cells[0].colKey === key.col &&
    String(cells[0].value) === value
  );
}

function fixOf(analysis: Analysis, lines: string[], cells: CellEdit[], title: string): RepairFix | null {
  const edits: TextEdit[] = [];
  const map = new Map<string, string>();
  for (const e of cells) {
    const key = { table: e.table, row: e.rowKey, col: e.colKey };
    const edit = writeCell(lines, analysis.report, key, String(e.value));
    if (!edit) return null;
    edits.push(edit);
    map.set(cellId(key), String(e.value));
  }
  return { title, edits, cells: map };
}

/** The repair fixes of a current diagnostic (none when its table has no repair, or hit the bound). */
export function repairFixes(analysis: Analysis, lines: string[], d: ReportDiagnostic, locale: LocaleSetting): RepairFix[] {
  const comp = componentOf(analysis, d);
  if (!comp || comp.status === 'limit') return [];
  const t = TITLES[locale];
  const describe = (cells: CellEdit[]) => cells.map((e) => t.change(cellName(analysis.report, e.table, e.cell), e.value)).join(t.and);
  if (comp.status === 'unique') {
    const cells = repairEdits(comp.repairs[0]);
    // The repair is this very total set to its computed sum: that fix says it already.
    const data = d.data ?? {};
    if (d.code.startsWith('sum-') && typeof data.row === 'string' && typeof data.col === 'string' && typeof d.expected === 'string')
      if (isRepairOf(comp, { table: comp.table, row: data.row, col: data.col }, d.expected)) return [];
    const fix = fixOf(analysis, lines, cells, t.repair(describe(cells)));
    return fix ? [fix] : [];
  }
  const fixes: RepairFix[] = [];
  comp.repairs.forEach((r, i) => {
    const cells = repairEdits(r);
    const fix = cells.length ? fixOf(analysis, lines, cells, t.alternative(i + 1, describe(cells))) : null;
    if (fix) fixes.push({ ...fix, preferred: false, bulk: false });
  });
  return fixes;
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
