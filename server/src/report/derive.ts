/**
 * Every 勾稽关系 of the format, computed once: which cells make each total, their values, the
 * sum and the stated value. The diagnostics, hovers, quick fixes and inlay hints all read these,
 * so they cannot disagree.
 */
import { FORMATS } from './formatData';
import type { Addend, Cell, Derivation, Report, Row } from './model';

/** A cell's value as sums count it: blank, invalid and missing cells count as 0. */
export function countOf(cell: Cell): number {
  return cell.value.kind === 'int' ? cell.value.value : 0;
}

function rowLabel(row: Row, official: string): string {
  return row.label?.official ?? official;
}

export function derive(report: Report): Derivation[] {
  const out: Derivation[] = [];
  const spec = FORMATS[report.format ?? '2021'];
  const t3 = report.table3;
  if (t3) {
    const cols = spec.table3.columns;
    const labelOf = (key: string) => spec.table3.rows.find((r) => r.key === key)?.label ?? key;
    const addend = (row: Row, col: number): Addend => ({
      cell: row.cells[col],
      rowLabel: rowLabel(row, labelOf(row.key)),
      columnLabel: cols[col].label,
      value: countOf(row.cells[col]),
    });
    const make = (rule: Derivation['rule'], total: Cell, addends: Addend[], subtrahends: Addend[] = []): Derivation => {
      const expected = addends.reduce((s, a) => s + a.value, 0) - subtrahends.reduce((s, a) => s + a.value, 0);
      const stated = countOf(total);
      return {
        rule,
        total,
        addends,
        subtrahends,
        expected,
        stated,
        holds: expected === stated,
        statedReadable: total.value.kind === 'int',
      };
    };
    // sum-row: every data row, 总计 = the six applicant columns.
    for (const r of spec.table3.rows) {
      const row = t3.rows[r.key];
      if (!row) continue;
      out.push(
        make(
          'sum-row',
          row.cells[6],
          [0, 1, 2, 3, 4, 5].map((c) => addend(row, c)),
        ),
      );
    }
    // sum-results: （七）总计 = every result row, per column.
    const resultKeys = spec.table3.rows.filter((r) => r.groups.length > 0 && r.key !== 'total').map((r) => r.key);
    const total = t3.rows['total'];
    if (total && resultKeys.every((k) => t3.rows[k])) {
      for (let c = 0; c < 7; c++)
        out.push(
          make(
            'sum-results',
            total.cells[c],
            resultKeys.map((k) => addend(t3.rows[k], c)),
          ),
        );
    }
    // sum-balance: new + carry = total + forward, stated on forward.
    const [nw, carry, forward] = [t3.rows['new'], t3.rows['carry'], t3.rows['forward']];
    if (nw && carry && total && forward) {
      for (let c = 0; c < 7; c++) {
        out.push(make('sum-balance', forward.cells[c], [addend(nw, c), addend(carry, c)], [addend(total, c)]));
      }
    }
  }
  const t4 = report.table4;
  if (t4) {
    for (const g of spec.table4.groups) {
      const row = t4.rows[g.key];
      if (!row) continue;
      const groupLabel = g.parent ? `${g.parent}（${g.label}）` : g.label;
      const addends = [0, 1, 2, 3].map((c) => ({
        cell: row.cells[c],
        rowLabel: groupLabel,
        columnLabel: spec.table4.columns[c].label,
        value: countOf(row.cells[c]),
      }));
      const expected = addends.reduce((s, a) => s + a.value, 0);
      const stated = countOf(row.cells[4]);
      out.push({
        rule: 'sum-review',
        total: row.cells[4],
        addends,
        subtrahends: [],
        expected,
        stated,
        holds: expected === stated,
        statedReadable: row.cells[4].value.kind === 'int',
      });
    }
  }
  return out;
}
