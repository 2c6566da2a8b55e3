/**
 * The statistics tables as the official template lays them out: merged header cells (申请人情况 over
 * the seven columns, 法人或其他组织 over five; 行政复议 / 行政诉讼 › 未经复议直接起诉 | 复议后起诉 over table
 * 四's fifteen), row hierarchy as row-spanning label cells (三、本年度办理结果, （三）不予公开 …), table 四 as
 * its one row of fifteen numbers. Used to write Word and web pages out, and by the tests to make
 * originals as government sites and Word write them.
 */
import { FORMATS } from '../report/formatData';
import type { FormatVersion } from '../report/model';

export interface TemplateCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  /** A header cell (`<th>`); `scope` for accessibility. */
  header?: 'col' | 'row' | 'colgroup' | 'rowgroup';
}

export type Values = Record<string, string[]>;

const cell = (text: string, colSpan = 1, rowSpan = 1, header?: TemplateCell['header']): TemplateCell => ({
  text,
  colSpan,
  rowSpan,
  header,
});

/** Table 二: caption rows across, 信息内容 header rows, data rows; every row as wide as the widest sub-table. */
export function table2Grid(format: FormatVersion, values: Values): TemplateCell[][] {
  const spec = FORMATS[format].table2;
  const width = Math.max(...spec.map((s) => s.columns.length));
  const rows: TemplateCell[][] = [];
  for (const sub of spec) {
    rows.push([cell(sub.caption, width + 1, 1, 'colgroup')]);
    const span = (i: number) => (i === sub.columns.length - 1 ? width - sub.columns.length + 1 : 1);
    rows.push([cell('信息内容', 1, 1, 'col'), ...sub.columns.map((c, i) => cell(c.label, span(i), 1, 'col'))]);
    for (const r of sub.rows)
      rows.push([cell(r.label, 1, 1, 'row'), ...sub.columns.map((_, i) => cell(values[r.key]?.[i] ?? '0', span(i)))]);
  }
  return rows;
}

/** Table 三: three header rows, then the rows with their group heads spanning their items. */
export function table3Grid(format: FormatVersion, values: Values): TemplateCell[][] {
  const spec = FORMATS[format].table3;
  const cols = spec.columns;
  const rows: TemplateCell[][] = [
    [cell(spec.noteCell, 3, 3, 'col'), cell(spec.columnHeader, 7, 1, 'colgroup')],
    [cell(cols[0].label, 1, 2, 'col'), cell(spec.legalPersonGroup, 5, 1, 'colgroup'), cell(cols[6].label, 1, 2, 'col')],
    cols.slice(1, 6).map((c) => cell(c.label, 1, 1, 'col')),
  ];
  const data = spec.rows;
  const opened = new Set<string>();
  data.forEach((r) => {
    const row: TemplateCell[] = [];
    // Each group the row belongs to opens on its first row, spanning all the group's rows.
    r.groups.forEach((g, depth) => {
      if (opened.has(g)) return;
      opened.add(g);
      const span = data.filter((x) => x.groups[depth] === g).length;
      row.push(cell(g, 1, span, 'rowgroup'));
    });
    row.push(cell(r.label, 3 - r.depth, 1, 'row'));
    for (let i = 0; i < 7; i++) row.push(cell(values[r.key]?.[i] ?? '0'));
    rows.push(row);
  });
  return rows;
}

/** Table 四: 行政复议 (5) and 行政诉讼 (10, in two groups of 5) over one row of fifteen numbers. */
export function table4Grid(format: FormatVersion, values: Values): TemplateCell[][] {
  const spec = FORMATS[format].table4;
  const labels = spec.columns.map((c) => c.label);
  const [review, direct, post] = spec.groups;
  const parent = direct.parent ?? '行政诉讼';
  return [
    [cell(review.label, 5, 1, 'colgroup'), cell(parent, 10, 1, 'colgroup')],
    [...labels.map((l) => cell(l, 1, 2, 'col')), cell(direct.label, 5, 1, 'colgroup'), cell(post.label, 5, 1, 'colgroup')],
    [...labels, ...labels].map((l) => cell(l, 1, 1, 'col')),
    (['review', 'direct', 'post'] as const).flatMap((k) => labels.map((_, i) => cell(values[k]?.[i] ?? '0'))),
  ];
}
