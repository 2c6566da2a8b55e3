/**
 * Error localisation (the Fellegi–Holt principle): the cheapest set of cells of tables 三 and 四
 * whose values can change, to non-negative integers, so that every 勾稽关系 holds. One wrong number
 * breaks two or three rules at once; the repair names the cell instead of the rules.
 *
 * Pure: it reads the derivations (derive.ts) and the cells they name, nothing else.
 *
 * The search, per connected group of rules (table 三 is one, each group of table 四 is one):
 *   - every rule is a linear equality  Σ a·x = 0  with a = ±1 (the stated total +1, addends −1,
 *     subtrahends +1); with the written values v the residual is r = Σ a·v;
 *   - a repair is a change δ with A·δ = −r and v + δ ≥ 0 integral; its support S is the set of
 *     cells changed. A cheapest support S has two properties used to prune: every broken rule
 *     has a cell in S, and no holding rule has exactly one cell in S (one change alone cannot keep a
 *     sum). Candidates are enumerated by a depth-first search that always branches on the open rule
 *     with the fewest choices, each choice forbidding the earlier ones (so no set is visited twice);
 *     iterative deepening over the cost finds every cheapest support, in increasing cost.
 *   - a candidate is checked by solving the equalities of the rules it touches over the chosen
 *     cells with exact integer (fraction-free) elimination: the solution must be unique, integral,
 *     non-negative, and change every chosen cell. A candidate that passes the two properties but
 *     not the check is extended only by cells of the rules it touches (anything else cannot make
 *     its equalities solvable).
 * The search is bounded twice: by a cost (MAX_COST) and by a number of search nodes (NODE_BUDGET);
 * when either bound is hit the answer is `limit`, never a guess.
 *
 * Costs. Every written number costs 6, with one exception backed by how reports are written: a
 * stated total (总计 column, （七）总计 row, 结转下年度 row, table 四's 总计) that is written 0 while
 * its rule is broken costs 1, and so does a blank, invalid or missing cell: a skeleton (the one this
 * tool writes, and the official form) starts with every cell 0 or empty, and clerks type the figures
 * before the totals, so a 0 total over non-zero figures is a total not yet filled in — the case of
 * the issue where 新收·自然人 3 and 予以公开·自然人 2 are typed into a new report: changing the six
 * zero totals (cost 6) is cheaper than undoing the two figures (cost 12), so 结转下年度·自然人 is
 * named as 1. A written non-zero total costs the same as a figure: no evidence says totals are
 * mistyped more often than figures (the real cases in the issue are both kinds), so none is assumed.
 * Ties are never broken: all cheapest repairs are listed (up to MAX_ALTERNATIVES), none preferred.
 */
import type { Cell, Derivation } from './model';

/** A written number (figure or non-zero total). */
export const COST_DATA = 6;
/** A stated total written 0 (a total not filled in yet). */
export const COST_ZERO_TOTAL = 1;
/** A blank, invalid or missing cell. */
export const COST_UNKNOWN = 1;
/** The most expensive repair searched for (four written numbers, or 24 unfilled cells). */
export const MAX_COST = 24;
/** Search nodes per group of rules before giving up. */
export const NODE_BUDGET = 20_000;
/** Cheapest repairs listed when there are several. */
export const MAX_ALTERNATIVES = 8;

export type TableNumber = 3 | 4;

export interface CellChange {
  table: TableNumber;
  cell: Cell;
  /** The value as the sums count it (blank, invalid and missing count as 0). */
  from: number;
  /** The repaired value; null when the rules do not determine it. */
  to: number | null;
}

export interface Repair {
  changes: CellChange[];
  cost: number;
}

export interface ComponentRepair {
  table: TableNumber;
  /** unique: one cheapest repair; ambiguous: several; limit: a bound was hit before an answer. */
  status: 'unique' | 'ambiguous' | 'limit';
  /** Why the search stopped, for `limit`. */
  limit?: 'cost' | 'nodes' | 'overflow';
  /** The broken rules of this group. */
  broken: Derivation[];
  /** Every cheapest repair found (at most MAX_ALTERNATIVES), in a stable order. */
  repairs: Repair[];
  /** More cheapest repairs exist than are listed. */
  more: boolean;
  /** Search nodes visited. */
  nodes: number;
}

export interface RepairResult {
  /** Groups of rules with at least one broken rule, table 三 first. */
  components: ComponentRepair[];
}

export interface Costs {
  /** A written number. */
  data: number;
  /** A stated total written 0. */
  zeroTotal: number;
  /** A blank, invalid or missing cell. */
  unknown: number;
}

export const DEFAULT_COSTS: Costs = { data: COST_DATA, zeroTotal: COST_ZERO_TOTAL, unknown: COST_UNKNOWN };

/** The cost of changing a cell; `isTotal`: the cell is the stated total of some rule. */
export function cellCost(cell: Cell, isTotal: boolean, costs: Costs = DEFAULT_COSTS): number {
  if (cell.value.kind !== 'int') return costs.unknown;
  return isTotal && cell.value.value === 0 ? costs.zeroTotal : costs.data;
}

export interface RepairOptions {
  maxCost?: number;
  nodeBudget?: number;
  maxAlternatives?: number;
  /** Cost of each kind of cell (defaults: COST_DATA, COST_ZERO_TOTAL, COST_UNKNOWN). */
  costs?: Costs;
}

/** The key identifying a cell across features: `table:row:col`. */
export function cellKey(table: TableNumber, cell: Cell): string {
  return `${table}:${cell.rowKey}:${cell.colKey}`;
}

const tableOf = (d: Derivation): TableNumber => (d.rule === 'sum-review' ? 4 : 3);
const valueOf = (c: Cell) => (c.value.kind === 'int' ? c.value.value : 0);

interface Problem {
  table: TableNumber;
  cells: Cell[];
  cost: number[];
  value: number[];
  /** rules[r] = cell indices and coefficients. */
  ruleCells: number[][];
  ruleCoef: number[][];
  residual: number[];
  cellRules: number[][];
  derivations: Derivation[];
}

class Overflow extends Error {}

/** Every cheapest repair of the report's sum rules, per group of rules that has a broken rule. */
export function findRepair(derivations: Derivation[], options: RepairOptions = {}): RepairResult {
  const components: ComponentRepair[] = [];
  // Every rule holds (the usual case): no group has a residual, nothing to search.
  if (derivations.every((d) => d.holds)) return { components };
  for (const p of problems(derivations, options)) {
    if (p.residual.every((r) => r === 0)) continue;
    components.push(solve(p, options));
  }
  return { components };
}

/** Groups the rules into connected problems (rules sharing a cell are in one group). */
function problems(derivations: Derivation[], options: RepairOptions): Problem[] {
  const costs = options.costs ?? DEFAULT_COSTS;
  // Cells by table, row key and column key (what cellKey names), without writing the key out.
  const index: Record<TableNumber, Map<string, Map<string, number>>> = { 3: new Map(), 4: new Map() };
  const cells: { table: TableNumber; cell: Cell }[] = [];
  const totals = new Set<number>();
  const ruleLists: { d: Derivation; idx: number[]; coef: number[] }[] = [];
  const at = (table: TableNumber, c: Cell) => {
    let row = index[table].get(c.rowKey);
    if (!row) index[table].set(c.rowKey, (row = new Map()));
    let i = row.get(c.colKey);
    if (i === undefined) {
      i = cells.length;
      row.set(c.colKey, i);
      cells.push({ table, cell: c });
    }
    return i;
  };
  for (const d of derivations) {
    const table = tableOf(d);
    totals.add(at(table, d.total));
    const idx: number[] = [];
    const coef: number[] = [];
    const add = (c: Cell, a: number) => {
      const i = at(table, c);
      const j = idx.indexOf(i);
      if (j >= 0) coef[j] += a;
      else {
        idx.push(i);
        coef.push(a);
      }
    };
    add(d.total, 1);
    for (const a of d.addends) add(a.cell, -1);
    for (const s of d.subtrahends) add(s.cell, 1);
    const kept = idx.map((i, j) => [i, coef[j]]).filter(([, a]) => a !== 0);
    ruleLists.push({ d, idx: kept.map((x) => x[0]), coef: kept.map((x) => x[1]) });
  }
  // Union-find over cells to split the rules into groups.
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (const r of ruleLists) for (const i of r.idx.slice(1)) parent[find(i)] = find(r.idx[0]);
  const groups = new Map<number, typeof ruleLists>();
  for (const r of ruleLists) {
    if (!r.idx.length) continue;
    const g = find(r.idx[0]);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(r);
  }
  const out: Problem[] = [];
  for (const rules of groups.values()) {
    const local = new Map<number, number>();
    const p: Problem = {
      table: cells[rules[0].idx[0]].table,
      cells: [],
      cost: [],
      value: [],
      ruleCells: [],
      ruleCoef: [],
      residual: [],
      cellRules: [],
      derivations: [],
    };
    for (const r of rules) {
      const li = r.idx.map((i) => {
        let l = local.get(i);
        if (l === undefined) {
          l = p.cells.length;
          local.set(i, l);
          const { cell } = cells[i];
          p.cells.push(cell);
          p.value.push(valueOf(cell));
          p.cost.push(cellCost(cell, totals.has(i), costs));
          p.cellRules.push([]);
        }
        return l;
      });
      const ri = p.ruleCells.length;
      li.forEach((l) => p.cellRules[l].push(ri));
      p.ruleCells.push(li);
      p.ruleCoef.push(r.coef);
      p.residual.push(li.reduce((s, l, j) => s + r.coef[j] * p.value[l], 0));
      p.derivations.push(r.d);
    }
    out.push(p);
  }
  out.sort((a, b) => a.table - b.table);
  return out;
}

function solve(p: Problem, options: RepairOptions): ComponentRepair {
  const maxCost = options.maxCost ?? MAX_COST;
  const budget = options.nodeBudget ?? NODE_BUDGET;
  const maxAlt = options.maxAlternatives ?? MAX_ALTERNATIVES;
  const n = p.cells.length;
  const m = p.ruleCells.length;
  const broken = p.residual.map((r) => r !== 0);
  const inS = new Uint8Array(n);
  const forbidden = new Uint16Array(n);
  const hits = new Int32Array(m);
  const chosen: number[] = [];
  const minCost = Math.min(...p.cost);
  const used = new Uint32Array(n);
  let stamp = 0;
  let nodes = 0;
  let exceeded = false;
  let bound = 0;
  let found: { cells: number[]; to: (number | null)[] }[] = [];
  let more = false;
  const seen = new Set<string>();

  const add = (c: number) => {
    inS[c] = 1;
    chosen.push(c);
    for (const r of p.cellRules[c]) hits[r]++;
  };
  const remove = (c: number) => {
    inS[c] = 0;
    chosen.pop();
    for (const r of p.cellRules[c]) hits[r]--;
  };

  const branch = (list: number[], cost: number) => {
    const forbade: number[] = [];
    for (const c of list) {
      if (exceeded) break;
      if (inS[c] || forbidden[c]) continue;
      if (cost + p.cost[c] <= bound) {
        add(c);
        dfs(cost + p.cost[c]);
        remove(c);
      }
      forbidden[c]++;
      forbade.push(c);
    }
    for (const c of forbade) forbidden[c]--;
  };

  const dfs = (cost: number): void => {
    if (++nodes > budget) {
      exceeded = true;
      return;
    }
    let open = 0;
    let pick = -1;
    let pickAvail = Infinity;
    // Lower bound: open rules whose available cells are disjoint need a cell each (greedy packing).
    let packed = 0;
    stamp++;
    for (let r = 0; r < m; r++) {
      const need = broken[r] ? hits[r] === 0 : hits[r] === 1;
      if (!need) continue;
      open++;
      let avail = 0;
      let cheapest = Infinity;
      let disjoint = true;
      for (const c of p.ruleCells[r]) {
        if (inS[c] || forbidden[c] || cost + p.cost[c] > bound) continue;
        avail++;
        if (p.cost[c] < cheapest) cheapest = p.cost[c];
        if (used[c] === stamp) disjoint = false;
      }
      if (avail === 0) return;
      if (disjoint) {
        packed += cheapest;
        for (const c of p.ruleCells[r]) used[c] = stamp;
        if (cost + packed > bound) return;
      }
      if (avail < pickAvail) {
        pickAvail = avail;
        pick = r;
      }
    }
    // Each cell takes part in at most three rules of these tables.
    if (cost + Math.max(packed, Math.ceil(open / 3) * minCost) > bound) return;
    if (open > 0) {
      branch(p.ruleCells[pick], cost);
      return;
    }
    const solution = check(p, chosen);
    if (solution) {
      const key = [...chosen].sort((a, b) => a - b).join(',');
      if (!seen.has(key)) {
        seen.add(key);
        if (found.length < maxAlt) found.push({ cells: [...chosen], to: solution });
        else more = true;
      }
      return;
    }
    // Not solvable as it is: only a cell of a rule it touches can change that.
    const near: number[] = [];
    for (let r = 0; r < m; r++) if (hits[r] > 0) for (const c of p.ruleCells[r]) if (!inS[c] && !near.includes(c)) near.push(c);
    near.sort((a, b) => p.cost[a] - p.cost[b] || a - b);
    branch(near, cost);
  };

  let limit: ComponentRepair['limit'];
  try {
    for (bound = minCost; bound <= maxCost; bound++) {
      dfs(0);
      if (exceeded) {
        limit = 'nodes';
        break;
      }
      if (found.length) break;
    }
    if (!found.length && !limit) limit = 'cost';
  } catch (e) {
    if (!(e instanceof Overflow)) throw e;
    limit = 'overflow';
  }
  const brokenDerivations = p.derivations.filter((_, r) => broken[r]);
  if (limit) return { table: p.table, status: 'limit', limit, broken: brokenDerivations, repairs: [], more: false, nodes };
  const before = (a: number, b: number) => {
    const x = p.cells[a].range.start;
    const y = p.cells[b].range.start;
    return x.line - y.line || x.character - y.character || a - b;
  };
  found = found.map((f) => {
    const order = f.cells.map((c, i) => [c, f.to[i]] as const).sort((a, b) => before(a[0], b[0]));
    return { cells: order.map((o) => o[0]), to: order.map((o) => o[1]) };
  });
  found.sort((a, b) => {
    for (let i = 0; i < Math.min(a.cells.length, b.cells.length); i++) if (a.cells[i] !== b.cells[i]) return before(a.cells[i], b.cells[i]);
    return a.cells.length - b.cells.length;
  });
  const repairs = found.map((f) => ({
    cost: bound,
    changes: f.cells.map((c, i) => ({ table: p.table, cell: p.cells[c], from: p.value[c], to: f.to[i] })),
  }));
  return {
    table: p.table,
    status: repairs.length === 1 && !more && repairs[0].changes.every((c) => c.to !== null) ? 'unique' : 'ambiguous',
    broken: brokenDerivations,
    repairs,
    more,
    nodes,
  };
}

const gcd = (a: number, b: number): number => {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};

const safe = (x: number) => {
  if (!Number.isSafeInteger(x)) throw new Overflow();
  return x;
};

/**
 * The new values of the chosen cells, when the rules they touch determine them and they are
 * non-negative integers that differ from the written ones; a consistent but under-determined
 * system gives nulls (several value choices: reported, never applied); null when unsolvable.
 */
function check(p: Problem, chosen: number[]): (number | null)[] | null {
  const k = chosen.length;
  const rows: number[][] = [];
  const col = new Map<number, number>();
  chosen.forEach((c, i) => col.set(c, i));
  const rules = new Set<number>();
  for (const c of chosen) for (const r of p.cellRules[c]) rules.add(r);
  for (const r of rules) {
    const row = new Array<number>(k + 1).fill(0);
    p.ruleCells[r].forEach((c, j) => {
      const i = col.get(c);
      if (i !== undefined) row[i] += p.ruleCoef[r][j];
    });
    row[k] = -p.residual[r];
    rows.push(row);
  }
  // Fraction-free Gauss–Jordan elimination, rows kept small by their gcd.
  const pivots: number[] = [];
  let rank = 0;
  for (let c = 0; c < k && rank < rows.length; c++) {
    let pr = -1;
    for (let i = rank; i < rows.length; i++) if (rows[i][c] !== 0) pr = pr < 0 || Math.abs(rows[i][c]) < Math.abs(rows[pr][c]) ? i : pr;
    if (pr < 0) continue;
    [rows[rank], rows[pr]] = [rows[pr], rows[rank]];
    const piv = rows[rank];
    for (let i = 0; i < rows.length; i++) {
      if (i === rank || rows[i][c] === 0) continue;
      const f = rows[i][c];
      const row = rows[i];
      let g = 0;
      for (let j = 0; j <= k; j++) {
        row[j] = safe(row[j] * piv[c] - piv[j] * f);
        g = gcd(g, row[j]);
      }
      if (g > 1) for (let j = 0; j <= k; j++) row[j] /= g;
    }
    pivots.push(c);
    rank++;
  }
  for (let i = rank; i < rows.length; i++) if (rows[i][k] !== 0) return null;
  if (rank < k) return chosen.map(() => null);
  const to = new Array<number | null>(k);
  for (let i = 0; i < rank; i++) {
    const c = pivots[i];
    const num = rows[i][k];
    const den = rows[i][c];
    if (num % den !== 0) return null;
    const delta = num / den;
    const v = p.value[chosen[c]] + delta;
    if (delta === 0 || v < 0) return null;
    to[c] = safe(v);
  }
  return to;
}

/** The cell changes of a repair, as the editor and the command line apply them. */
export interface CellEdit {
  table: TableNumber;
  rowKey: string;
  colKey: string;
  value: number;
  cell: Cell;
}

/** The edits of a repair (only determined values; a repair with an undetermined value gives none). */
export function repairEdits(repair: Repair): CellEdit[] {
  if (repair.changes.some((c) => c.to === null)) return [];
  return repair.changes.map((c) => ({ table: c.table, rowKey: c.cell.rowKey, colKey: c.cell.colKey, value: c.to!, cell: c.cell }));
}

/** The edits of every table's unique repair (ambiguous and limited groups change nothing). */
export function uniqueRepairEdits(result: RepairResult): CellEdit[] {
  return result.components.filter((c) => c.status === 'unique').flatMap((c) => repairEdits(c.repairs[0]));
}

/** The cells of a repair that take part in a rule (what explains that broken rule). */
export function explaining(repair: Repair, d: Derivation): CellChange[] {
  const cells = new Set<Cell>([d.total, ...d.addends.map((a) => a.cell), ...d.subtrahends.map((a) => a.cell)]);
  return repair.changes.filter((c) => cells.has(c.cell));
}

/** A rule's figures with some cells replaced (the repaired values): expected and stated. */
export function evaluateWith(d: Derivation, values: Map<Cell, number>): { expected: number; stated: number; holds: boolean } {
  const v = (c: Cell) => values.get(c) ?? valueOf(c);
  const expected = d.addends.reduce((s, a) => s + v(a.cell), 0) - d.subtrahends.reduce((s, a) => s + v(a.cell), 0);
  const stated = v(d.total);
  return { expected, stated, holds: expected === stated };
}
