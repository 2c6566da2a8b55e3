/**
 * Every 勾稽关系 of the format, computed once: which cells make each total, their values, the
 * sum and the stated value. The diagnostics, hovers, quick fixes and inlay hints all read these,
 * so they cannot disagree. Cells are addressed by row and column keys (format.json), never by
 * position.
 */
import { FORMATS } from './formatData';
import { cellOf, type Addend, type Cell, type Derivation, type Report, type Row } from './model';

/** A cell's value as sums count it: blank, invalid and missing cells count as 0. */
export function countOf(cell: Cell): number {
  return cell.value.kind === 'int' ? cell.value.value : 0;
}

/** The column key of every table's total column (format.json). */
export const TOTAL_COLUMN = 'total';

/** The rows a sum rule adds up in table 三 (the result rows), for a format and the rows a report has. */
export function resultRowKeys(report: Report): string[] {
  const spec = FORMATS[report.format ?? '2021'];
  return spec.table3.rows.filter((r) => r.groups.length > 0 && r.key !== 'total').map((r) => r.key);
}

function make(rule: Derivation['rule'], total: Cell, addends: Addend[], subtrahends: Addend[] = []): Derivation {
  const expected = addends.reduce((s, a) => s + a.value, 0) - subtrahends.reduce((s, a) => s + a.value, 0);
  const stated = countOf(total);
  return { rule, total, addends, subtrahends, expected, stated, holds: expected === stated, statedReadable: total.value.kind === 'int' };
}

export function derive(report: Report): Derivation[] {
  const out: Derivation[] = [];
  const spec = FORMATS[report.format ?? '2021'];
  const t3 = report.table3;
  if (t3) {
    const cols = spec.table3.columns;
    const colLabel = new Map(cols.map((c) => [c.key, c.label]));
    const labelOf = (key: string) =>
      spec.table3.rows.find((r) => r.key === key)?.label ?? FORMATS['2019'].table3.rows.find((r) => r.key === key)?.label ?? key;
    const addend = (row: Row, colKey: string): Addend | null => {
      const cell = cellOf(row, colKey);
      if (!cell) return null;
      return { cell, rowLabel: row.label?.official ?? labelOf(row.key), columnLabel: colLabel.get(colKey) ?? colKey, value: countOf(cell) };
    };
    const all = <T>(xs: (T | null)[]): T[] | null => (xs.every((x) => x !== null) ? (xs as T[]) : null);
    const parts = cols.filter((c) => c.key !== TOTAL_COLUMN).map((c) => c.key);
    // sum-row: every data row, 总计 = the six applicant columns.
    for (const row of Object.values(t3.rows)) {
      const total = cellOf(row, TOTAL_COLUMN);
      const addends = all(parts.map((k) => addend(row, k)));
      if (total && addends) out.push(make('sum-row', total, addends));
    }
    // sum-results: （七）总计 = every result row, per column (a 2019 （六）其他处理 row stands for the 2021 group).
    const total = t3.rows['total'];
    const resultRows = resultRows3(report);
    if (total && resultRows) {
      for (const c of cols) {
        const cell = cellOf(total, c.key);
        const addends = all(resultRows.map((r) => addend(r, c.key)));
        if (cell && addends) out.push(make('sum-results', cell, addends));
      }
    }
    // sum-balance: new + carry = total + forward, stated on forward.
    const [nw, carry, forward] = [t3.rows['new'], t3.rows['carry'], t3.rows['forward']];
    if (nw && carry && total && forward) {
      for (const c of cols) {
        const cell = cellOf(forward, c.key);
        const a = all([addend(nw, c.key), addend(carry, c.key)]);
        const s = all([addend(total, c.key)]);
        if (cell && a && s) out.push(make('sum-balance', cell, a, s));
      }
    }
  }
  const t4 = report.table4;
  if (t4) {
    const parts = spec.table4.columns.filter((c) => c.key !== TOTAL_COLUMN);
    for (const g of spec.table4.groups) {
      const row = t4.rows[g.key];
      const total = row && cellOf(row, TOTAL_COLUMN);
      if (!row || !total) continue;
      const groupLabel = g.parent ? `${g.parent}（${g.label}）` : g.label;
      const addends = parts.map((c) => {
        const cell = cellOf(row, c.key)!;
        return { cell, rowLabel: groupLabel, columnLabel: c.label, value: countOf(cell) };
      });
      out.push(make('sum-review', total, addends));
    }
  }
  return out;
}

/**
 * The rows sum-results adds up, in format order, or null when one is missing. A 2021 table that
 * keeps the single 2019 row （六）其他处理 (key o) has that row stand for the group o1..o3.
 */
export function resultRows3(report: Report): Row[] | null {
  const t3 = report.table3;
  if (!t3) return null;
  const keys = resultRowKeys(report);
  const rows: Row[] = [];
  for (const k of keys) {
    const row = t3.rows[k];
    if (row) {
      rows.push(row);
      continue;
    }
    const stand = /^o\d$/.test(k) ? t3.rows['o'] : undefined;
    if (stand) {
      if (!rows.includes(stand)) rows.push(stand);
      continue;
    }
    return null;
  }
  return rows;
}

/** A rule that could not be evaluated (or not everywhere), and what it lacks. */
export interface SkippedRule {
  rule: 'sum-balance' | 'sum-results' | 'sum-row' | 'sum-review' | 'format-version';
  /** 3 or 4 for the sum rules; null for format-version. */
  table: 3 | 4 | null;
  /** The column keys the rule could not be evaluated for (all of the table's when it lacks a row it needs everywhere). */
  columns: string[];
  /** The rows (keys) it needs and did not find; for format-version, what it lacks ('year' | 'formatEvidence'). */
  missing: string[];
}

/**
 * Every rule that cannot be evaluated with what the report has, and why: a rule is never skipped
 * silently. (The sum rules are evaluated wherever their rows are there: blank, invalid and missing
 * cells count 0 and have their own diagnostics.)
 */
export function skippedRules(report: Report): SkippedRule[] {
  const out: SkippedRule[] = [];
  const spec = FORMATS[report.format ?? '2021'];
  const cols3 = spec.table3.columns.map((c) => c.key);
  const t3 = report.table3;
  const has3 = (k: string) => !!t3?.rows[k];
  if (!t3) {
    for (const rule of ['sum-balance', 'sum-results', 'sum-row'] as const) out.push({ rule, table: 3, columns: cols3, missing: ['table'] });
  } else {
    const balance = ['new', 'carry', 'total', 'forward'].filter((k) => !has3(k));
    if (balance.length) out.push({ rule: 'sum-balance', table: 3, columns: cols3, missing: balance });
    if (!resultRows3(report) || !has3('total')) {
      const results = [...resultRowKeys(report), 'total'].filter((k) => !has3(k) && !(/^o\d$/.test(k) && has3('o')));
      out.push({ rule: 'sum-results', table: 3, columns: cols3, missing: results });
    }
    const rows = spec.table3.rows.map((r) => r.key).filter((k) => !has3(k) && !(/^o\d$/.test(k) && has3('o')));
    if (rows.length) out.push({ rule: 'sum-row', table: 3, columns: [TOTAL_COLUMN], missing: rows });
  }
  const missing4 = spec.table4.groups.map((g) => g.key).filter((k) => !report.table4?.rows[k]);
  if (missing4.length) out.push({ rule: 'sum-review', table: 4, columns: [TOTAL_COLUMN], missing: report.table4 ? missing4 : ['table'] });
  if (!report.year) out.push({ rule: 'format-version', table: null, columns: [], missing: ['year'] });
  else if (report.formatSource !== 'tables') out.push({ rule: 'format-version', table: null, columns: [], missing: ['formatEvidence'] });
  return out;
}
