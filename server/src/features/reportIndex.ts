/** Look-ups on the report model shared by several features. */
import { FORMATS, type Cell, type FormatVersion, type Report, type Row } from '../report';
import { rangeContains } from '../report/ranges';
import type { Position } from '../report';

export type TableNumber = 2 | 3 | 4;

export interface LocatedRow {
  table: TableNumber;
  row: Row;
}

/** Every row the parser found, in tables 二, 三 and 四. */
export function allRows(report: Report): LocatedRow[] {
  const rows: LocatedRow[] = [];
  for (const sub of report.table2?.subtables ?? []) for (const row of sub.rows) rows.push({ table: 2, row });
  for (const row of Object.values(report.table3?.rows ?? {})) rows.push({ table: 3, row });
  for (const row of Object.values(report.table4?.rows ?? {})) rows.push({ table: 4, row });
  return rows;
}

export function rowAtLabel(report: Report, position: Position): LocatedRow | undefined {
  return allRows(report).find(
    ({ row }) => row.label && (row.label.pieces.length ? row.label.pieces : [row.label.range]).some((r) => rangeContains(r, position)),
  );
}

/** The format in force for a report: what the engine decided, else the newest. */
export function formatOf(report: Report): FormatVersion {
  return report.format ?? '2021';
}

/** Official labels of a cell's row and column, for hovers and hints. */
export function cellLabels(report: Report, cell: Cell): { row: string; column: string } {
  const spec = FORMATS[formatOf(report)];
  const t3row = spec.table3.rows.find((r) => r.key === cell.rowKey);
  if (t3row) {
    const column = spec.table3.columns.find((c) => c.key === cell.colKey)?.label ?? cell.colKey;
    return { row: t3row.label, column };
  }
  const group = spec.table4.groups.find((g) => g.key === cell.rowKey);
  if (group) {
    const column = spec.table4.columns.find((c) => c.key === cell.colKey)?.label ?? cell.colKey;
    return { row: group.parent ? `${group.parent}·${group.label}` : group.label, column };
  }
  return { row: cell.rowKey, column: cell.colKey };
}
