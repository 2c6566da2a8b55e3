/**
 * Wrong cells planted in consistent reports, for the repair tests and the repair benchmark: k cells
 * of tables 三/四 changed to other non-negative values, in any layout reportGen writes, and how the
 * repair's answer compares with the truth.
 */
import { FORMATS, analyze, type Derivation, type FormatVersion } from '../../server/src/report/index';
import { DEFAULT_COSTS, cellCost, findRepair, type Costs, type RepairOptions, type RepairResult } from '../../server/src/report/repair';
import { consistentValues, reportWith, type Layout, type Rand } from './reportGen';

export interface Planted {
  table: 3 | 4;
  rowKey: string;
  colKey: string;
  /** The true value and the one written instead. */
  from: number;
  to: number;
}

export interface PlantedReport {
  format: FormatVersion;
  year: number;
  text: string;
  original: string;
  planted: Planted[];
}

/** A consistent report with k distinct cells changed (each to a different non-negative value). */
export function plantErrors(format: FormatVersion, rand: Rand, k: number, layout: Layout = 'canonical'): PlantedReport {
  const year = format === '2019' ? 2019 + rand(1) : 2021 + rand(4);
  const { t3, t4 } = consistentValues(format, rand);
  const original = reportWith(format, year, t3, t4, layout).text;
  const spec = FORMATS[format];
  const all: { table: 3 | 4; rowKey: string; col: number; colKey: string }[] = [];
  for (const r of spec.table3.rows) spec.table3.columns.forEach((c, col) => all.push({ table: 3, rowKey: r.key, col, colKey: c.key }));
  for (const g of spec.table4.groups) spec.table4.columns.forEach((c, col) => all.push({ table: 4, rowKey: g.key, col, colKey: c.key }));
  const w3 = Object.fromEntries(Object.entries(t3).map(([key, xs]) => [key, [...xs]]));
  const w4 = Object.fromEntries(Object.entries(t4).map(([key, xs]) => [key, [...xs]]));
  const planted: Planted[] = [];
  const used = new Set<number>();
  while (planted.length < k) {
    const i = rand(all.length - 1);
    if (used.has(i)) continue;
    used.add(i);
    const c = all[i];
    const values = c.table === 3 ? w3[c.rowKey] : w4[c.rowKey];
    const from = values[c.col];
    // Typical slips: off by a little, a digit lost or doubled, or a value from elsewhere.
    const kind = rand(3);
    let to = kind === 0 ? from + 1 + rand(4) : kind === 1 ? Math.max(0, from - 1 - rand(4)) : kind === 2 ? from * 10 + rand(9) : rand(60);
    if (to === from) to = from + 1;
    values[c.col] = to;
    planted.push({ table: c.table, rowKey: c.rowKey, colKey: c.colKey, from, to });
  }
  // (The narrative is the original's: only the tables' cells are planted.)
  const text = reportWith(format, year, w3, w4, layout, '\n', '示例县示例镇人民政府', t3.o2?.[6] ?? 0).text;
  return { format, year, text, original, planted };
}

export type Outcome =
  /** The unique cheapest repair is exactly the planted changes, back to their true values. */
  | 'exact'
  /** Several cheapest repairs; the planted one is among them. */
  | 'ambiguous'
  /** A cheaper repair than the planted changes exists (the planted change is not identifiable). */
  | 'smaller'
  /** The search hit its bound. */
  | 'limit'
  /** Anything else: a bug. */
  | 'wrong';

/** How a repair's answer compares with what was planted (cost from the same weights). */
export function judge(p: PlantedReport, result: RepairResult, plantedCost: number): { outcome: Outcome; detail: string } {
  const truth = new Map(p.planted.map((x) => [`${x.table}:${x.rowKey}:${x.colKey}`, x.from]));
  const matches = (changes: { table: number; cell: { rowKey: string; colKey: string }; to: number | null }[]) =>
    changes.length === truth.size && changes.every((c) => truth.get(`${c.table}:${c.cell.rowKey}:${c.cell.colKey}`) === c.to);
  if (result.components.some((c) => c.status === 'limit')) return { outcome: 'limit', detail: '' };
  const cost = result.components.reduce((s, c) => s + c.repairs[0].cost, 0);
  const describe = () =>
    result.components
      .map(
        (c) =>
          `${c.status}: ` + c.repairs.map((r) => r.changes.map((x) => `${x.cell.rowKey}.${x.cell.colKey}→${x.to}`).join(' ')).join(' | '),
      )
      .join('; ');
  if (cost < plantedCost) return { outcome: 'smaller', detail: describe() };
  if (cost > plantedCost) return { outcome: 'wrong', detail: `cost ${cost} > planted ${plantedCost}: ${describe()}` };
  // Same cost: in every group, the planted changes of that group are a cheapest repair.
  const keyOf = (table: number, cell: { rowKey: string; colKey: string }) => `${table}:${cell.rowKey}:${cell.colKey}`;
  const truthOf = (c: RepairResult['components'][number]) =>
    p.planted.filter((x) => x.table === c.table && (c.table === 3 || x.rowKey === c.broken[0].total.rowKey));
  const same = (r: RepairResult['components'][number]['repairs'][number], t: Planted[]) =>
    r.changes.length === t.length &&
    r.changes.every((x) => t.some((y) => keyOf(y.table, y) === keyOf(x.table, x.cell) && (x.to === null || x.to === y.from)));
  if (result.components.every((c) => c.status === 'unique'))
    return result.components.every((c) => same(c.repairs[0], truthOf(c)) && c.repairs[0].changes.every((x) => x.to !== null)) &&
      matches(result.components.flatMap((c) => c.repairs[0].changes))
      ? { outcome: 'exact', detail: '' }
      : { outcome: 'wrong', detail: describe() };
  const among = result.components.every((c) => c.more || c.repairs.some((r) => same(r, truthOf(c))));
  return among ? { outcome: 'ambiguous', detail: describe() } : { outcome: 'wrong', detail: describe() };
}

/** Parse a planted report and repair it; the time of the repair alone (ms). */
export function repairPlanted(p: PlantedReport, options: RepairOptions = {}): { result: RepairResult; ms: number; plantedCost: number } {
  const { derivations } = analyze(p.text);
  const t = process.hrtime.bigint();
  const result = findRepair(derivations, options);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { result, ms, plantedCost: plantedCostOf(p, derivations, options.costs) };
}

/** The cost of the planted changes under the repair's costs (as the cells are written in the planted report). */
export function plantedCostOf(
  p: PlantedReport,
  derivations: ReturnType<typeof analyze>['derivations'],
  costs: Costs = DEFAULT_COSTS,
): number {
  const cells = new Map<string, { cell: Derivation['total']; total: boolean }>();
  for (const d of derivations) {
    const table = d.rule === 'sum-review' ? 4 : 3;
    for (const c of [...d.addends.map((a) => a.cell), ...d.subtrahends.map((a) => a.cell)]) {
      const k = `${table}:${c.rowKey}:${c.colKey}`;
      if (!cells.has(k)) cells.set(k, { cell: c, total: false });
    }
    cells.set(`${table}:${d.total.rowKey}:${d.total.colKey}`, { cell: d.total, total: true });
  }
  return p.planted.reduce((s, x) => {
    const c = cells.get(`${x.table}:${x.rowKey}:${x.colKey}`);
    return s + (c ? cellCost(c.cell, c.total, costs) : costs.data);
  }, 0);
}
