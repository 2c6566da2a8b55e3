/**
 * The repair (report/repair.ts) as the editor uses it: the repair choices of the group of rules a
 * diagnostic is about (codeActions.ts turns them into fixes) and the hover of a suspect cell. The
 * repair is recomputed from the analysis (never trusted from the diagnostic's data, which a client
 * sends back as it likes), once per analysis.
 */
import { localize, type Derivation, type Position } from '../report';
import { findRepair, repairEdits, type CellEdit, type ComponentRepair, type RepairResult } from '../report/repair';
import { cellName, suspectHover } from '../report/repairDiagnostics';
import type { Analysis } from './analysis';
import { rangeContains } from '../report/ranges';
import type { LocaleSetting } from './settings';

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

/** One way to repair the group of rules a diagnostic is about. */
export interface RepairChoice {
  /** The unique cheapest repair (preferred), or one of several equally cheap ones (never preferred). */
  unique: boolean;
  /** 1-based number of the alternative. */
  n: number;
  changes: CellEdit[];
  /** The changes in words, for the action's title. */
  describe(locale: LocaleSetting): string;
}

/**
 * The repairs of the group of rules a (current) diagnostic is about: the unique one, or every
 * alternative; none when the search hit its bound or a value is not determined.
 */
export function repairChoices(analysis: Analysis, code: string, data: Record<string, unknown>): RepairChoice[] {
  const result = repairOf(analysis);
  let comp = componentOf(result, data, code);
  if (!comp && code === 'repair-ambiguous' && data.table === 4)
    comp = result.components.find((c) => c.table === 4 && c.status === 'ambiguous');
  if (!comp || comp.status === 'limit') return [];
  const unique = comp.status === 'unique';
  const repairs = unique ? comp.repairs.slice(0, 1) : comp.repairs;
  const choices: RepairChoice[] = [];
  repairs.forEach((r, i) => {
    const changes = repairEdits(r);
    if (!changes.length) return;
    const describe = (locale: LocaleSetting) =>
      changes
        .map((e) => localize('repair.change', { cell: cellName(analysis.report, e.table, e.cell), value: e.value }, locale))
        .join(localize('repair.and', {}, locale));
    choices.push({ unique, n: i + 1, changes, describe });
  });
  return choices;
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
