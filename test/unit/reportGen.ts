/**
 * Consistent reports from random numbers, for the property tests, the adversarial tests and the
 * benchmark: table 三 and 四 values that satisfy every 勾稽关系, written in the canonical layout
 * (canonical.ts) and converted to the other layouts the parser reads.
 */
import { FORMATS, SECTIONS, type FormatVersion } from '../../server/src/report/index';
import { tableRows, writeTable, type Values } from '../../server/src/report/canonical';

export type Layout = 'canonical' | 'tabs' | 'cellPerLine' | 'pdf';
export const LAYOUTS: Layout[] = ['canonical', 'tabs', 'cellPerLine', 'pdf'];

/** A source of random integers in [0, max] (fast-check's or a seeded one). */
export type Rand = (max: number) => number;

export function seeded(seed: number): Rand {
  let s = seed >>> 0 || 1;
  return (max) => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s % (max + 1);
  };
}

/** Values for tables 三 and 四 where every total adds up. */
export function consistentValues(
  format: FormatVersion,
  rand: Rand,
  max = 50,
): { t3: Record<string, number[]>; t4: Record<string, number[]> } {
  const spec = FORMATS[format].table3;
  const withTotal = (six: number[]) => [...six, six.reduce((a, b) => a + b, 0)];
  const six = () => Array.from({ length: 6 }, () => rand(max));
  const t3: Record<string, number[]> = {};
  const resultKeys = spec.rows.filter((r) => r.groups.length > 0 && r.key !== 'total').map((r) => r.key);
  for (const k of resultKeys) t3[k] = withTotal(six());
  const total = [0, 1, 2, 3, 4, 5].map((c) => resultKeys.reduce((s, k) => s + t3[k][c], 0));
  t3.total = withTotal(total);
  const forward = six();
  const fresh = total.map((t, c) => rand(t + forward[c]));
  const carry = total.map((t, c) => t + forward[c] - fresh[c]);
  t3.new = withTotal(fresh);
  t3.carry = withTotal(carry);
  t3.forward = withTotal(forward);
  for (const r of spec.rows) if (!t3[r.key]) t3[r.key] = withTotal(six());
  const t4: Record<string, number[]> = {};
  for (const g of FORMATS[format].table4.groups) {
    const four = Array.from({ length: 4 }, () => rand(max));
    t4[g.key] = [...four, four.reduce((a, b) => a + b, 0)];
  }
  return { t3, t4 };
}

const asText = (v: Record<string, number[]>): Values => Object.fromEntries(Object.entries(v).map(([k, xs]) => [k, xs.map(String)]));

/** A table's rows (cell lists) written in a layout. */
export function layoutTable(rows: string[][], layout: Layout): string[] {
  switch (layout) {
    case 'canonical': {
      const widths: number[] = [];
      for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
      return rows.map((r) => '| ' + r.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |');
    }
    case 'tabs':
      return rows.map((r) => r.map((c) => c.trim()).join('\t'));
    case 'cellPerLine':
      return rows.flatMap((r) => [...r.map((c) => '\t' + c.trim()), '']);
    case 'pdf':
      return rows.map((r) => r.map((c) => c.trim()).join('    '));
  }
}

export interface GeneratedReport {
  text: string;
  format: FormatVersion;
  year: number;
  t3: Record<string, number[]>;
  t4: Record<string, number[]>;
}

/** A whole report whose totals all add up; tables 三/四 in the given layout (table 二 canonical). */
export function consistentReport(
  format: FormatVersion,
  rand: Rand,
  layout: Layout = 'canonical',
  eol = '\n',
  body = '示例县示例镇人民政府',
): GeneratedReport {
  const year = format === '2019' ? 2019 + rand(1) : 2021 + rand(4);
  const { t3, t4 } = consistentValues(format, rand);
  return reportWith(format, year, t3, t4, layout, eol, body);
}

/** A whole report with the given values of tables 三/四 (rowKey → 7 or 5 numbers), in a layout. */
export function reportWith(
  format: FormatVersion,
  year: number,
  t3: Record<string, number[]>,
  t4: Record<string, number[]>,
  layout: Layout = 'canonical',
  eol = '\n',
  body = '示例县示例镇人民政府',
): GeneratedReport {
  const parts = [`${body}${year}年政府信息公开工作年度报告`];
  for (const s of SECTIONS) {
    const lines = [s.heading];
    if (s.kind === 'narrative') lines.push(`${year}年，本机关依法做好政府信息公开工作。本段为生成的示例文字。`);
    else if (s.kind === 'table2') lines.push(writeTable(2, format, {}, eol));
    else if (s.kind === 'table3') lines.push(...tableLines(3, format, asText(t3), layout, eol));
    else lines.push(...tableLines(4, format, asText(t4), layout, eol));
    parts.push(lines.join(eol));
  }
  return { text: parts.join(eol + eol) + eol, format, year, t3, t4 };
}

function tableLines(n: 3 | 4, format: FormatVersion, values: Values, layout: Layout, eol: string): string[] {
  if (layout === 'canonical') return [writeTable(n, format, values, eol)];
  return layoutTable(tableRows(n, format, values), layout);
}
