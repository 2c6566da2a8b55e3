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
    // Requests closed for an unpaid fee notice: section 六 says so (fee-silent otherwise).
    if (s.number === 6 && (t3.o2?.[6] ?? 0) > 0) lines.push(`本年度发出收费通知${t3.o2[6]}件，申请人均未按要求缴纳费用。`);
    parts.push(lines.join(eol));
  }
  return { text: parts.join(eol + eol) + eol, format, year, t3, t4 };
}

function tableLines(n: 3 | 4, format: FormatVersion, values: Values, layout: Layout, eol: string): string[] {
  if (layout === 'canonical') return [writeTable(n, format, values, eol)];
  return layoutTable(tableRows(n, format, values), layout);
}

// ---- layout families: one consistent report rendered as real reports come ---------------------

/**
 * Every layout family real reports come in (../fixtures/real shows most of them):
 * - innerText: the web page's text as a browser's innerText gives it, every cell a paragraph,
 *   lone-tab lines between the cells of a row, empty lines between rows; blank cells leave nothing
 *   between their separators;
 * - clipboard: a select-all + Ctrl+C of the page: no tab, every cell and row one empty line apart;
 *   a blank cell leaves only two more empty lines;
 * - tabIndented: a page that indents every paragraph with a tab (headings and narrative included),
 *   copied with Ctrl+C;
 * - captions: tables under captions (表二 …) and a narrative that numbers its own account
 *   (四、政府信息公开申请情况), a closing line 无其他需要报告的事项 under 六;
 * - converter: a PDF→Markdown converter: `#` headings at random levels, captions repeated before
 *   table fragments, each group of table 三 as its own `|` table with an invented header
 *   (| 类别 | 数据1 | … |), some labels detached from their `| 0 | 0 | …` row, page marks;
 * - pdf: pdftotext -layout: space-aligned rows, long labels wrapped around their numbers,
 *   page numbers and the header repeated at a page break.
 */
export type Family = 'pipes' | 'innerText' | 'clipboard' | 'tabIndented' | 'captions' | 'converter' | 'pdf';
export const FAMILIES: Family[] = ['pipes', 'innerText', 'clipboard', 'tabIndented', 'captions', 'converter', 'pdf'];

/** Values of tables 三/四 as cell texts: '' is a blank cell. */
export interface TableTexts {
  t3: Record<string, string[]>;
  t4: Record<string, string[]>;
}

export function textsOf(v: { t3: Record<string, number[]>; t4: Record<string, number[]> }): TableTexts {
  const s = (m: Record<string, number[]>) => Object.fromEntries(Object.entries(m).map(([k, xs]) => [k, xs.map(String)]));
  return { t3: s(v.t3), t4: s(v.t4) };
}

const CAPTIONS: Record<2 | 3 | 4, string> = {
  2: '表二：主动公开政府信息情况',
  3: '表三：收到和处理政府信息公开申请情况',
  4: '表四：政府信息公开行政复议、行政诉讼情况',
};

/** A whole report in a layout family (tables 二, 三, 四 in that family). */
export function renderFamily(format: FormatVersion, year: number, values: TableTexts, family: Family, rand: Rand): string {
  const body = '示例县示例镇人民政府';
  const out: string[] = [];
  const para = (s: string) => out.push(s);
  const heading = (h: string) => {
    if (family === 'converter') para(`${'#'.repeat(1 + rand(3))} ${h}`);
    else if (family === 'tabIndented') para('\t' + h);
    else para(h);
  };
  if (family === 'converter' || family === 'captions') para('正文');
  if (family === 'innerText' || family === 'clipboard') {
    // A title split over two lines, as on the 2019 page.
    para(`${body}${year}年`);
    para('政府信息公开工作年度报告');
  } else heading(`${body}${year}年政府信息公开工作年度报告`);
  for (const s of SECTIONS) {
    heading(s.heading);
    if (s.kind === 'narrative') {
      const text = `${year}年，本机关依法做好政府信息公开工作，共收到申请若干件，均已按时答复。`;
      para(family === 'tabIndented' ? '\t' + text : text);
      if (family === 'captions' && s.number === 1) {
        // The narrative's own numbering, with titles of its own.
        para('一、基本情况');
        para('本机关认真贯彻《条例》。');
        para('四、政府信息公开申请情况');
        para('本年度依法答复申请。');
      }
      const unpaid = Number(values.t3.o2?.[6] ?? 0);
      if (s.number === 6 && unpaid > 0) para(`本年度发出收费通知${unpaid}件，申请人均未按要求缴纳费用。`);
      if (family === 'captions' && s.number === 6) para('无其他需要报告的事项');
      continue;
    }
    const n = (s.kind === 'table2' ? 2 : s.kind === 'table3' ? 3 : 4) as 2 | 3 | 4;
    if (family === 'captions' || family === 'converter') para(`${family === 'converter' ? '## ' : ''}${CAPTIONS[n]}`);
    const rows = tableRows(n, format, n === 3 ? values.t3 : n === 4 ? values.t4 : {});
    for (const l of familyTable(rows, family, n, rand)) out.push(l);
  }
  return out.join('\n\n') + '\n';
}

/** A table's rows (cell lists; '' a blank cell) in a family; one string may hold several lines. */
function familyTable(rows: string[][], family: Family, n: 2 | 3 | 4, rand: Rand): string[] {
  switch (family) {
    case 'pipes':
    case 'captions':
      return [layoutTable(rows, 'canonical').join('\n')];
    case 'innerText':
      // Cells a paragraph apart with a lone tab between; rows three empty lines apart.
      return [
        rows
          .map((r) =>
            r
              .map((c) => c.trim())
              .map((c, k) => (k === 0 ? c : c === '' ? '\t' : `\t\n\n${c}`))
              .join('\n\n'),
          )
          .join('\n\n\n\n'),
      ];
    case 'clipboard':
    case 'tabIndented': {
      const ind = family === 'tabIndented' ? '\t' : '';
      // A blank cell: two more empty lines where its paragraph was.
      return [
        rows
          .map((r) =>
            r.map((c) => c.trim()).reduce((acc, c, k) => (k === 0 ? ind + c : c === '' ? acc + '\n\n' : acc + '\n\n' + ind + c), ''),
          )
          .join('\n\n'),
      ];
    }
    case 'converter': {
      const lines: string[] = [];
      const header = (k: number) => `| 类别 | ${Array.from({ length: k - 2 }, (_, i) => `数据${i + 1}`).join(' | ')} | 总计 |`;
      const rule = (k: number) => '|' + Array.from({ length: k }, () => '---').join('|') + '|';
      let fragment = 0;
      for (const r of rows) {
        const cells = r.map((c) => c.trim());
        if (cells.length === 1) {
          // A group head or caption: it starts a new fragment with an invented header.
          lines.push(cells[0]);
          if (n === 3) {
            if (fragment++ % 2 === 1) lines.push(`## ${CAPTIONS[3]}`, `— ${2 + rand(5)} —`);
            lines.push(header(8), rule(8));
          }
          continue;
        }
        if (rand(3) === 0 && cells[0] !== '' && /\d|^$/.test(cells[1] ?? '')) {
          // A label detached from its numbers.
          lines.push(cells[0], `| ${cells.slice(1).join(' | ')} |`);
        } else lines.push(`| ${cells.join(' | ')} |`);
      }
      return [lines.join('\n')];
    }
    case 'pdf': {
      const lines: string[] = [];
      rows.forEach((r, i) => {
        const cells = r.map((c) => c.trim());
        const label = cells[0];
        const nums = cells.slice(1).map((c) => c || ' ');
        if (n === 3 && i === Math.floor(rows.length / 2)) lines.push('', '-4-', '');
        if (nums.length && label.length > 16 && rand(1) === 0) {
          // The label wraps: its first part above the numbers, the rest below.
          const cut = 8 + rand(label.length - 12);
          lines.push('      ' + label.slice(0, cut), '                    ' + nums.join('       '), '      ' + label.slice(cut));
        } else lines.push([label, ...nums].join('       '));
      });
      return [lines.join('\n')];
    }
  }
}
