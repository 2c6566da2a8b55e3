/**
 * Consistent reports from random numbers, for the property tests, the adversarial tests and the
 * benchmark: table 三 and 四 values that satisfy every 勾稽关系, written in the canonical layout
 * (canonical.ts) and converted to the other layouts the parser reads.
 */
import { FORMATS, SECTIONS, type FormatVersion } from '../../server/src/report/index';
import { table4RowLabels, tableRows, writeTable, type Values } from '../../server/src/report/canonical';
import { writeNumeral, type NumeralStyle } from '../../server/src/report/narrativeText';

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

/**
 * A whole report with the given values of tables 三/四 (rowKey → 7 or 5 numbers), in a layout.
 * `unpaid`: the fee notices section 六 says were sent (table 三's o2 total unless given: a report
 * with errors planted in its tables keeps the narrative of the one it was made from).
 */
export function reportWith(
  format: FormatVersion,
  year: number,
  t3: Record<string, number[]>,
  t4: Record<string, number[]>,
  layout: Layout = 'canonical',
  eol = '\n',
  body = '示例县示例镇人民政府',
  unpaid = t3.o2?.[6] ?? 0,
): GeneratedReport {
  const parts = [`${body}${year}年政府信息公开工作年度报告`];
  for (const s of SECTIONS) {
    const lines = [s.heading];
    if (s.kind === 'narrative') lines.push(`${year}年，本机关依法做好政府信息公开工作。本段为生成的示例文字。`);
    else if (s.kind === 'table2') lines.push(writeTable(2, format, {}, eol));
    else if (s.kind === 'table3') lines.push(...tableLines(3, format, asText(t3), layout, eol));
    else lines.push(...tableLines(4, format, asText(t4), layout, eol));
    // Requests closed for an unpaid fee notice: section 六 says so (fee-silent otherwise).
    if (s.number === 6 && unpaid > 0) lines.push(`本年度发出收费通知${unpaid}件，申请人均未按要求缴纳费用。`);
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
 * - innerText, clipboard: a government CMS page (renderHtml: the form's tables with merged cells,
 *   every cell's text in <p>, blank cells as <p> </p>, <p>&nbsp;</p> or an empty <td>) as Chromium
 *   gives it: document.body.innerText (lone-tab separator lines between cells, a blank cell two
 *   separators with nothing between) or a select-all + Ctrl+C (no tab, paragraphs an empty line
 *   apart, a blank cell one more empty line); innerTextOf and clipboardOf are checked byte by byte
 *   against the real browser on test/fixtures/browser;
 * - indented: such a page whose paragraphs and label cells are indented the way CMS editors do it
 *   (text-indent:2em, &emsp;&emsp;, U+3000 U+3000, &nbsp; runs, a tab in a pre-wrap paragraph), as Chromium
 *   gives it (the CSS indent leaves no character; the others stay before the text, &nbsp; as a
 *   plain space on the clipboard);
 * - captions: tables under captions (表二 …) and a narrative that numbers its own account
 *   (四、政府信息公开申请情况), a closing line 无其他需要报告的事项 under 六;
 * - converter: a PDF→Markdown converter: `#` headings at random levels, captions repeated before
 *   table fragments, each group of table 三 as its own `|` table with an invented header
 *   (| 类别 | 数据1 | … |), some labels detached from their `| 0 | 0 | …` row, page marks;
 * - pdf: pdftotext -layout: space-aligned rows, long labels wrapped around their numbers,
 *   page numbers and the header repeated at a page break;
 * - pdfRaw: pdftotext -raw (and a PDF viewer's copy): a row's label and numbers one space apart on
 *   one line, a long label wrapped with its numbers on a line of their own after it, header cells and
 *   the pieces of narrow merged cells each on a line, a page number and the header rows repeated at
 *   a page break (as ../fixtures/pdf/*.raw.txt, made from the generated PDFs);
 * - pdfOrder: pdftotext in its default reading order: every cell a paragraph of its own (an empty line
 *   after it); for stretches of rows of table 三 the labels of several rows first, then all their
 *   numbers; now and then a row's label after the table, its numbers left alone between their
 *   neighbours (as ../fixtures/real/huaian-2024.pdftotext-default.txt).
 */
export type Family = 'pipes' | 'innerText' | 'clipboard' | 'indented' | 'captions' | 'converter' | 'pdf' | 'pdfRaw' | 'pdfOrder';
export const FAMILIES: Family[] = ['pipes', 'innerText', 'clipboard', 'indented', 'captions', 'converter', 'pdf', 'pdfRaw', 'pdfOrder'];

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

/**
 * How table 三's merged cells come out (crossed with every family):
 * - heads: 'rows' sets each group head （三）不予公开 (and 三、本年度办理结果) on a line of its own
 *   above its items; 'inline' puts it before its first item's label, in the same row, as a web
 *   page's row-spanning cell gives it;
 * - vertical: 三、本年度办理结果 is set vertically (one character a line in a web copy, or a line of
 *   its own in the middle of the result rows with its characters split by spaces:
 *   `三 、本 年 度办 理 结果`).
 * Left out, each family has its own: the web families (innerText, clipboard) inline, the others rows.
 */
export interface FamilyOptions {
  heads?: 'rows' | 'inline';
  vertical?: boolean;
  /** pdf: where every row's label stands beside its numbers (pdfRow); left out, at random per row. */
  pdfLabels?: PdfLabel;
  /**
   * pdfOrder: where every row's label stands (left out, at random per row), whether table 三 breaks
   * across a page, and how many of table 四's last numbers stand after the page's number at the end.
   */
  pdfOrder?: { placement?: OrderPlacement; pageBreak?: boolean; tail?: number };
}

export const FAMILY_OPTIONS: Required<Pick<FamilyOptions, 'heads' | 'vertical'>>[] = [
  { heads: 'rows', vertical: false },
  { heads: 'inline', vertical: false },
  { heads: 'rows', vertical: true },
  { heads: 'inline', vertical: true },
];

/** A whole report in a layout family (tables 二, 三, 四 in that family). */
export function renderFamily(
  format: FormatVersion,
  year: number,
  values: TableTexts,
  family: Family,
  rand: Rand,
  options: FamilyOptions = {},
): string {
  if (family === 'innerText' || family === 'clipboard' || family === 'indented') {
    // A web page as a browser gives it (innerTextOf and clipboardOf follow real Chromium byte by
    // byte). A clipboard copy keeps nothing of an empty <td>: those pages are tested on their own.
    const how = family === 'indented' ? (['innerText', 'clipboard'] as const)[rand(1)] : family;
    const blank = how === 'clipboard' ? (['space', 'nbsp'] as const)[rand(1)] : HTML_BLANKS[rand(2)];
    // (Table 四 as a row per group when a row is short: the form's one row cannot show where a cell is missing.)
    const labelled4 = Object.values(values.t4).some((r) => r.length < 5) || rand(1) === 0;
    const opts: HtmlOptions = {
      blank,
      vertical: !!options.vertical,
      groupRows: options.heads === 'rows',
      splitTitle: rand(1) === 0,
      labelled4,
      indent: family === 'indented' ? HTML_INDENTS[rand(HTML_INDENTS.length - 1)] : undefined,
    };
    return browserText(format, year, values, opts, how) + '\n';
  }
  const body = BODY;
  const out: string[] = [];
  const tail: string[] = [];
  const para = (s: string) => out.push(s);
  const heading = (h: string) => {
    if (family === 'converter') para(`${'#'.repeat(1 + rand(3))} ${h}`);
    else para(h);
  };
  if (family === 'converter' || family === 'captions') para('正文');
  heading(`${body}${year}年政府信息公开工作年度报告`);
  for (const s of SECTIONS) {
    heading(s.heading);
    if (s.kind === 'narrative') {
      const text = `${year}年，本机关依法做好政府信息公开工作，共收到申请若干件，均已按时答复。`;
      para(text);
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
    let rows = tableRows(n, format, n === 3 ? values.t3 : n === 4 ? values.t4 : {});
    if (n === 3) rows = mergedCells(rows, format, options, rand, family === 'pdf' || family === 'pdfRaw');
    for (const l of familyTable(rows, family, n, rand, options.pdfLabels, options.pdfOrder)) out.push(l);
    const k = options.pdfOrder?.tail ?? 0;
    if (family === 'pdfOrder' && n === 4 && k > 0) {
      // The table's last k numbers after the text below it and the page's number (as pdftotext gave
      // ../fixtures/pdf/generated-2021-large.default.txt).
      const cells = out.pop()!.split('\n\n');
      out.push(cells.slice(0, -k).join('\n\n'));
      tail.push(`-${2 + rand(5)}-`, ...cells.slice(-k));
    }
  }
  return [...out, ...tail].join('\n\n') + '\n';
}

/** Table 三's rows (tableRows) with its merged cells set as the options say. */
function mergedCells(rows: string[][], format: FormatVersion, options: FamilyOptions, rand: Rand, pdf: boolean): string[][] {
  const spec = FORMATS[format].table3;
  const top = spec.rows.find((r) => r.groups.length)!.groups[0];
  const heads = new Set(spec.rows.flatMap((r) => r.groups));
  const isHead = (r: string[]) => r.length === 1 && heads.has(r[0].trim());
  let out = rows.map((r) => r.slice());
  if (options.heads === 'inline') {
    // Each head goes before the label of the row after it (its first item, or its first subgroup's head).
    const merged: string[][] = [];
    let pending: string[] = [];
    for (const r of out) {
      if (isHead(r) && (r[0].trim() !== top || !options.vertical)) pending.push(r[0].trim());
      else {
        merged.push(pending.length && r.length > 1 ? [...pending, r[0].trim(), ...r.slice(1)] : r);
        pending = [];
      }
    }
    out = merged;
  }
  if (options.vertical) {
    out = out.filter((r) => !(r.length === 1 && r[0].trim() === top));
    const labels = new Set(spec.rows.filter((x) => x.groups[0] === top).map((x) => x.label));
    const results = out.flatMap((r, i) => (r.length > 1 && r.some((c) => labels.has(c.trim())) ? [i] : []));
    if (pdf) {
      // pdftotext: the characters of the vertical cell down the left of the result rows, each on a
      // line of its own or before a row's label (as in ../fixtures/real/huaian-2024.pdftotext.txt).
      const chars = [...top];
      const from = Math.max(0, Math.floor((results.length - chars.length) / 2));
      for (let k = chars.length - 1; k >= 0; k--) {
        const i = results[Math.min(results.length - 1, from + k)];
        if (rand(1) === 0) out[i] = [chars[k], ...out[i]];
        else out.splice(i, 0, [chars[k]]);
      }
    } else {
      // 三、本年度办理结果 leaves its place for a line of its own in the middle of the result rows.
      const at = results[Math.floor(results.length / 2)];
      const split = [...top].map((ch, k) => (k > 0 && rand(1) === 0 ? ' ' : '') + ch).join('');
      out.splice(at, 0, [split.includes(' ') ? split : [...top].join(' ')]);
    }
  }
  return out;
}

/** A table's rows (cell lists; '' a blank cell) in a family; one string may hold several lines. */
function familyTable(
  rows: string[][],
  family: Exclude<Family, 'innerText' | 'clipboard' | 'indented'>,
  n: 2 | 3 | 4,
  rand: Rand,
  pdfLabels?: PdfLabel,
  order?: FamilyOptions['pdfOrder'],
): string[] {
  switch (family) {
    case 'pipes':
    case 'captions':
      return [layoutTable(rows, 'canonical').join('\n')];
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
        if (n === 3 && i === Math.floor(rows.length / 2)) lines.push('', '-4-', '');
        lines.push(
          ...pdfRow(
            r.map((c) => c.trim()),
            n,
            rand,
            pdfLabels,
          ),
        );
      });
      return [lines.join('\n')];
    }
    case 'pdfOrder':
      return [
        n === 3
          ? readingOrder(rows, rand, order?.placement, order?.pageBreak)
          : rows.flatMap((r) => r.map((c) => c.trim()).filter((c) => c !== '')).join('\n\n'),
      ];
    case 'pdfRaw': {
      const header = rows.slice(
        0,
        Math.max(
          0,
          rows.findIndex((r) => r.slice(1).some((c) => /^\d+$/.test(c.trim()))),
        ),
      );
      const lines: string[] = [];
      rows.forEach((r, i) => {
        // A page break: its number, then the header rows again.
        if (n === 3 && i === Math.floor(rows.length / 2)) lines.push(`- ${1 + rand(5)} -`, ...header.flatMap((h) => rawRow(h, rand)));
        lines.push(...rawRow(r, rand));
      });
      return [lines.join('\n')];
    }
  }
}

/**
 * Where pdftotext's reading order sets a row's label among the paragraphs of table 三 (readingOrder):
 * - line: just before its numbers;
 * - block: the labels of a stretch of two to four rows first, then all their numbers;
 * - after: after the page's part of the table (before its page number, or after the table), its
 *   numbers left alone between those of the rows around it;
 * - below: right after its numbers (a label standing lower in its row than the numbers);
 * - wrap: its first part before its numbers, the rest after them (a label wrapped around them).
 */
export type OrderPlacement = 'line' | 'block' | 'after' | 'below' | 'wrap';
export const ORDER_PLACEMENTS: OrderPlacement[] = ['line', 'block', 'after', 'below', 'wrap'];

/**
 * Table 三 in pdftotext's reading order: a paragraph per cell, each row's label placed as
 * OrderPlacement says (at random per row, mixed within the table, unless one is forced: a row that
 * cannot take it stands as a line); at the page break in the middle of the table, the labels left
 * for the page's end, the page's number (`-N-`) and the header rows again, a paragraph per cell.
 */
function readingOrder(rows: string[][], rand: Rand, forced?: OrderPlacement, pageBreak = true): string {
  const out: string[] = [];
  let after: string[] = [];
  const numbers = (r: string[]) => r.length > 1 && r.slice(1).every((c) => /^\d+$/.test(c.trim()));
  const header = rows.slice(
    0,
    Math.max(
      0,
      rows.findIndex((r) => numbers(r)),
    ),
  );
  const breakAt = pageBreak ? Math.floor(rows.length / 2) : -1;
  let moved = -2;
  let broken = false;
  for (let i = 0; i < rows.length;) {
    if (!broken && breakAt >= 0 && i >= breakAt) {
      broken = true;
      const page = 1 + rand(5);
      out.push(...after, rand(1) ? `-${page}-` : `- ${page} -`, ...repeatedHeader(header, rand));
      after = [];
    }
    const r = rows[i].map((c) => c.trim()).filter((c) => c !== '');
    const place: OrderPlacement = forced ?? (['line', 'line', 'block', 'after', 'below', 'wrap'] as const)[rand(5)];
    let k = 0;
    const end = broken || breakAt < 0 ? rows.length : breakAt;
    while (k < 4 && i + k < end && numbers(rows[i + k]) && rows[i + k][0].trim() !== '') k++;
    if (place === 'block' && k >= 2) {
      const block = rows.slice(i, i + (k = 2 + rand(k - 2)));
      out.push(...block.map((b) => b[0].trim()), ...block.flatMap((b) => b.slice(1).map((c) => c.trim())));
      i += k;
      continue;
    }
    const label = r[0];
    const nums = r.slice(1);
    // (Only after a row of numbers, as in that report: after a group head's text the numbers could
    // as well be the next row's, with its label below them, as -layout text has it.)
    if (place === 'after' && numbers(rows[i]) && moved < i - 1 && i > 0 && numbers(rows[i - 1])) {
      after.push(label);
      out.push(...nums);
      moved = i;
    } else if (place === 'below' && numbers(rows[i])) out.push(...nums, label);
    else if (place === 'wrap' && numbers(rows[i]) && label.length >= 8) {
      const cut = 4 + rand(label.length - 8);
      out.push(label.slice(0, cut), ...nums, label.slice(cut));
    } else out.push(...r);
    i++;
  }
  // A long label's paragraph may wrap into lines of its own.
  const labels = new Set(rows.filter(numbers).map((r) => r[0].trim()));
  const wrap = (p: string) => (p.length >= 10 && labels.has(p) && rand(2) === 0 ? wrapped(p, 2 + rand(1), rand).join('\n') : p);
  return [...out, ...after].map(wrap).join('\n\n');
}

/**
 * The header rows again at a page break, as pdftotext's reading order gives them: a paragraph per
 * cell, or the cells cut in pieces with the pieces of a line's neighbouring cells side by side
 * (`自然人 商业企 科研机`).
 */
function repeatedHeader(header: string[][], rand: Rand): string[] {
  const cells = header.flatMap((h) => h.map((c) => c.trim()).filter((c) => c !== ''));
  if (rand(1) === 0) return cells;
  const out: string[] = [];
  for (let i = 0; i < cells.length;) {
    const k = Math.min(cells.length - i, 1 + rand(3));
    const parts = cells.slice(i, i + k).map((c) => (c.length >= 4 ? wrapped(c, 2, rand) : [c]));
    const lines = Math.max(...parts.map((x) => x.length));
    const text = Array.from({ length: lines }, (_, l) =>
      parts
        .map((x) => x[l])
        .filter((x) => x !== undefined)
        .join(' '),
    );
    out.push(text.join('\n'));
    i += k;
  }
  return out;
}

/**
 * A table row as pdftotext -raw gives it: label and numbers one space apart; a long label (over 16
 * characters) may wrap, its numbers then on a line of their own; a row without numbers (header
 * cells, a group head) a line per cell, long cells in pieces of two to six characters.
 */
function rawRow(row: string[], rand: Rand): string[] {
  const cells = row.map((c) => c.trim()).filter((c) => c !== '');
  const first = cells.findIndex((c, k) => k > 0 && /^[+-]?\d/.test(c));
  if (first < 0) return cells.flatMap((c) => (c.length > 6 && rand(1) === 0 ? wrapped(c, 2 + rand(1), rand) : [c]));
  const label = cells[first - 1];
  const before = cells.slice(0, first - 1);
  const values = cells.slice(first).join(' ');
  if (label.length > 16 && rand(1) === 0) {
    const cut = 8 + rand(label.length - 12);
    return [[...before, label.slice(0, cut)].join(' '), label.slice(cut), values];
  }
  return [[...before, label, values].join(' ')];
}

const PDF_GAP = '       ';

/** Where pdfRow sets a row's label (around: only a label longer than 16 characters; top: 4 or more). */
export type PdfLabel = 'line' | 'around' | 'top' | 'below' | 'above';
export const PDF_LABELS: PdfLabel[] = ['line', 'around', 'top', 'below', 'above'];
const PDF_LABEL_ODDS: PdfLabel[] = ['around', 'top', 'below', 'above', 'line', 'line', 'line'];

/**
 * A table row as pdftotext -layout sets it. A cell's label is centred in its row, which is taller
 * than the label when a neighbouring merged cell or the label's own lines make it so, and the
 * numbers may stand at the row's top: the label beside its numbers on their line; wrapped around
 * them (its first part above, the rest below); its first line beside the numbers and the rest
 * below (top-aligned); wholly below the numbers; or wholly above them, a blank line between. A
 * group head or a vertical cell's character before the label stays on the numbers' line (its own
 * column). Random per row.
 */
function pdfRow(cells: string[], n: 2 | 3 | 4, rand: Rand, forced?: PdfLabel): string[] {
  const first = cells.findIndex((c, k) => k > 0 && /^\d*$/.test(c));
  // (Table 二's rows are as tall as their labels: only a label that wraps leaves its numbers' line.)
  if (first < 0 || (n === 2 && cells[first - 1].length < 8)) return [cells.join(PDF_GAP)];
  const label = cells[first - 1];
  const before = cells.slice(0, first - 1);
  const values = cells.slice(first).map((c) => c || ' ');
  const nums = [...before, ...values].join(PDF_GAP);
  const indent = (s: string) => '      ' + s;
  const place = forced ?? PDF_LABEL_ODDS[rand(PDF_LABEL_ODDS.length - 1)];
  if (place === 'around' && label.length > 16) {
    const cut = 8 + rand(label.length - 12);
    return [indent(label.slice(0, cut)), '                    ' + nums, indent(label.slice(cut))];
  }
  if (place === 'top' && label.length >= 4) {
    const [head, ...rest] = wrapped(label, 2 + rand(1), rand);
    return [indent([...before, head, ...values].join(PDF_GAP)), ...rest.map(indent)];
  }
  if (place === 'below') return ['                    ' + nums, ...wrapped(label, 1 + rand(2), rand).map(indent)];
  if (place === 'above') return [...wrapped(label, 1 + rand(2), rand).map(indent), '', '                    ' + nums];
  return [cells.map((c) => c || ' ').join(PDF_GAP)];
}

/** A label wrapped into at most `parts` lines of four characters or more (a short label does not wrap). */
function wrapped(label: string, parts: number, rand: Rand): string[] {
  const out: string[] = [];
  let rest = label;
  for (let k = Math.min(parts, Math.floor(label.length / 4)); k > 1; k--) {
    const width = Math.max(4, Math.min(rest.length - 4 * (k - 1), Math.round(rest.length / k) + rand(2) - 1));
    out.push(rest.slice(0, width));
    rest = rest.slice(width);
  }
  return [...out, rest];
}

// ---- web pages: a report as a government CMS publishes it, and what a browser gives for it ----

/** How a page writes a blank cell: `<p> </p>`, `<p>&nbsp;</p>`, or an empty `<td>`. */
export type HtmlBlank = 'space' | 'nbsp' | 'empty';
export const HTML_BLANKS: HtmlBlank[] = ['space', 'nbsp', 'empty'];

export interface HtmlOptions {
  /** 'mixed': the three ways in turn, as pages edited by several hands have them. */
  blank: HtmlBlank | 'mixed';
  /** Numbers and blank cells written straight in their `<td>`, without `<p>` (labels keep theirs). */
  bare?: boolean;
  /** Merged labels of narrow columns set one character a paragraph (`<p>三</p><p>、</p>…`), as Word pages do. */
  vertical: boolean;
  /** Group heads （三）… as rows of their own above their items, not row-spanning cells beside them. */
  groupRows: boolean;
  /** The title in two paragraphs (body and year, then 政府信息公开工作年度报告). */
  splitTitle: boolean;
  /** Table 四 as a row per group, each with its label (行政复议, …), not the form's one row of fifteen. */
  labelled4?: boolean;
  /** How the paragraphs (headings, narrative) and the text cells are indented; the title is centred. */
  indent?: HtmlIndent;
  /** Text before the article outside any element (a GB18030 byte-order mark the browser keeps as U+FEFF). */
  lead?: string;
}

/**
 * How CMS editors indent a paragraph: `text-indent:2em`, `&emsp;&emsp;`, two ideographic spaces
 * (U+3000 U+3000), `&nbsp; &nbsp; ` (rich-text editors alternate them), or a tab in a `white-space:pre-wrap`
 * paragraph.
 */
export type HtmlIndent = 'css' | 'emsp' | 'ideographic' | 'nbsp' | 'tab';
export const HTML_INDENTS: HtmlIndent[] = ['css', 'emsp', 'ideographic', 'nbsp', 'tab'];

/** What an indent leaves before the paragraph's text in innerText (real Chromium, test/fixtures/browser). */
const INDENT_TEXT: Record<HtmlIndent, string> = {
  css: '',
  emsp: '\u2003\u2003',
  ideographic: '\u3000\u3000',
  nbsp: '\u00a0 \u00a0 ',
  tab: '\t',
};

const INDENT_STYLE: Partial<Record<HtmlIndent, string>> = { css: ' style="text-indent:2em"', tab: ' style="white-space:pre-wrap"' };

/** A table cell: '' is a blank cell (written in the page's way). */
export interface HCell {
  text: string;
  attrs?: string;
  vertical?: boolean;
  /** A number or a blank cell (not a label or a header). */
  value?: boolean;
  /** How a blank cell is written (set for every blank cell by article()). */
  blank?: HtmlBlank;
  /** A value cell's place: table, row key, column. */
  at?: [3 | 4, string, number];
  /** Its text written bare in the `<td>` and followed by a `<br>` (`<td>5<br></td>`, a blank `<td><br></td>`). */
  br?: boolean;
}

/**
 * A page's article: paragraphs (`\u00a0` alone is `<p>&nbsp;</p>`; indented as the page does; a `\n`
 * is a `<br>` inside the paragraph) and tables.
 */
export type Block = { p: string; indent?: boolean } | { rows: HCell[][] };

/** A paragraph or a cell's bare text: indented when the page indents it. */
interface Piece {
  text: string;
  p: boolean;
  indent?: boolean;
  /** A `<br>` after the text. */
  br?: boolean;
}

/** A cell's content as the page writes it: its paragraphs (p) or its bare text; a text cell's paragraph is indented. */
function pieces(c: HCell, opts: HtmlOptions): Piece[] {
  if (c.br) return [{ text: c.text, p: false, br: true }];
  const p = !(opts.bare && c.value);
  if (c.text === '') return c.blank === 'empty' ? [] : [{ text: c.blank === 'space' ? ' ' : '\u00a0', p }];
  // (Numbers are not indented: table 二's zeros neither.)
  const indent = !c.value && !/^\d+$/.test(c.text);
  return c.vertical && opts.vertical ? [...c.text].map((text) => ({ text, p: true })) : [{ text: c.text, p, indent }];
}

/** A paragraph's text as the browser gives it: collapsed, after what its indent leaves (\u00a0 a plain space on the clipboard). */
function indented(text: string, indent: boolean | undefined, opts: HtmlOptions, clipboard: boolean): string {
  const lead = indent && opts.indent ? INDENT_TEXT[opts.indent] : '';
  return (clipboard ? lead.replace(/\u00a0/g, ' ') : lead) + text;
}

/** Table 三 as the official form lays it out: the result rows under a row-spanning 三、本年度办理结果, each group head spanning its items. */
function table3Rows(format: FormatVersion, values: Record<string, string[]>, opts: HtmlOptions): HCell[][] {
  const spec = FORMATS[format].table3;
  const cols = spec.columns.map((c) => c.label);
  const rows: HCell[][] = [
    [
      { text: spec.noteCell, attrs: 'colspan="3" rowspan="3"' },
      { text: '申请人情况', attrs: 'colspan="7"' },
    ],
    [
      { text: cols[0], attrs: 'rowspan="2"' },
      { text: '法人或其他组织', attrs: 'colspan="5"' },
      { text: cols[6], attrs: 'rowspan="2"' },
    ],
    cols.slice(1, 6).map((text) => ({ text })),
  ];
  // Rows a group head spans: its items, and in groupRows the heads of its subgroups.
  const span = (g: string) => {
    const items = spec.rows.filter((r) => r.groups.includes(g));
    const subheads = opts.groupRows ? new Set(items.flatMap((r) => r.groups.slice(r.groups.indexOf(g) + 1))).size : 0;
    return items.length + subheads;
  };
  const seen = new Set<string>();
  for (const r of spec.rows) {
    const heads: HCell[] = [];
    r.groups.forEach((g, depth) => {
      if (seen.has(g)) return;
      seen.add(g);
      if (depth > 0 && opts.groupRows) rows.push([{ text: g, attrs: 'colspan="9"' }]);
      else heads.push({ text: g, attrs: `rowspan="${span(g)}"`, vertical: depth === 0 });
    });
    const wide = opts.groupRows ? 3 - Math.min(r.depth, 1) : 3 - r.depth;
    const label: HCell = { text: r.label, attrs: wide > 1 ? `colspan="${wide}"` : undefined };
    rows.push([...heads, label, ...(values[r.key] ?? []).map((text, k): HCell => ({ text, value: true, at: [3, r.key, k] }))]);
  }
  return rows;
}

/** Table 四 as the form lays it out: three groups of five columns, one row of fifteen values. */
function table4Rows(format: FormatVersion, values: Record<string, string[]>): HCell[][] {
  const spec = FORMATS[format].table4;
  const heads = (attrs?: string) => spec.columns.map((c) => ({ text: c.label, attrs, vertical: true }));
  return [
    [
      { text: '行政复议', attrs: 'colspan="5"' },
      { text: '行政诉讼', attrs: 'colspan="10"' },
    ],
    [...heads('rowspan="2"'), ...spec.groups.filter((g) => g.parent).map((g) => ({ text: g.label, attrs: 'colspan="5"' }))],
    [...heads(), ...heads()],
    spec.groups.flatMap((g) => (values[g.key] ?? []).map((text, k): HCell => ({ text, value: true, at: [4, g.key, k] }))),
  ];
}

/** Table 四 as a row per group under the five column heads. */
function labelledTable4(format: FormatVersion, values: Record<string, string[]>): HCell[][] {
  return [
    [{ text: '' }, ...FORMATS[format].table4.columns.map((c) => ({ text: c.label }))],
    ...table4RowLabels().map((g) => [
      { text: g.label },
      ...(values[g.key] ?? []).map((text, k): HCell => ({ text, value: true, at: [4, g.key, k] })),
    ]),
  ];
}

/** Table 二: each item's caption row, its header row and its rows (all zero). */
function table2Rows(format: FormatVersion): HCell[][] {
  const rows: HCell[][] = [];
  for (const sub of FORMATS[format].table2) {
    const n = sub.columns.length;
    const attrs = (k: number) => (n === 1 ? 'colspan="3"' : n === 2 && k === 1 ? 'colspan="2"' : undefined);
    rows.push([{ text: sub.caption, attrs: 'colspan="4"' }]);
    rows.push([{ text: '信息内容' }, ...sub.columns.map((c, k) => ({ text: c.label, attrs: attrs(k) }))]);
    for (const r of sub.rows) rows.push([{ text: r.label }, ...sub.columns.map((_, k) => ({ text: '0', attrs: attrs(k) }))]);
  }
  return rows;
}

const BODY = '示例县示例镇人民政府';

export function article(format: FormatVersion, year: number, values: TableTexts, opts: HtmlOptions): Block[] {
  const blocks: Block[] = opts.splitTitle
    ? [{ p: `${BODY}${year}年` }, { p: '政府信息公开工作年度报告' }]
    : [{ p: `${BODY}${year}年政府信息公开工作年度报告` }];
  for (const s of SECTIONS) {
    blocks.push({ p: s.heading, indent: true });
    if (s.kind === 'narrative')
      blocks.push({ p: `${year}年，本机关依法做好政府信息公开工作，共收到申请若干件，均已按时答复。`, indent: true });
    else if (s.kind === 'table2') blocks.push({ rows: table2Rows(format) });
    else if (s.kind === 'table3') blocks.push({ rows: table3Rows(format, values.t3, opts) });
    else blocks.push({ p: '\u00a0' }, { rows: opts.labelled4 ? labelledTable4(format, values.t4) : table4Rows(format, values.t4) });
  }
  let n = 0;
  for (const b of blocks)
    if ('rows' in b)
      for (const r of b.rows) for (const c of r) if (c.text === '') c.blank = opts.blank === 'mixed' ? HTML_BLANKS[n++ % 3] : opts.blank;
  return blocks;
}

export const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\u00a0/g, '&nbsp;')
    .replace(/\u2003/g, '&emsp;');

/** A whole report as a government web page: `<p>` paragraphs, the form's tables with merged cells, every cell's text in `<p>`. */
export function renderHtml(format: FormatVersion, year: number, values: TableTexts, opts: HtmlOptions): string {
  // An indented paragraph as the page writes it: its style, what its indent writes before the text.
  const para = (text: string, indent: boolean | undefined) =>
    indent && opts.indent
      ? `<p${INDENT_STYLE[opts.indent] ?? ''}>${escapeHtml(INDENT_TEXT[opts.indent] + text)}</p>`
      : `<p>${escapeHtml(text)}</p>`;
  const html = article(format, year, values, opts).map((b) => {
    if ('p' in b) return para(b.p, b.indent);
    const trs = b.rows.map(
      (r) =>
        '<tr>' +
        r
          .map(
            (c) =>
              `<td${c.attrs ? ' ' + c.attrs : ''}>${pieces(c, opts)
                .map((t) => (t.p ? para(t.text, t.indent) : escapeHtml(t.text)))
                .join('')}</td>`,
          )
          .join('') +
        '</tr>',
    );
    return `<div align="center"><table border="1" cellspacing="0"><tbody>${trs.join('')}</tbody></table></div>`;
  });
  const title = `${BODY}${year}年政府信息公开工作年度报告`;
  return `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<div class="article_content">${html.join('')}</div>\n</body>\n</html>\n`;
}

/**
 * What Chromium's `innerText` gives for the page (the HTML standard's algorithm): a paragraph asks
 * for two line breaks before and after it, a table or a div for one, runs of asks become the
 * largest; a tab follows every cell but the last of its row, a line break every row but the last.
 * A `<p> </p>` leaves only its asks, so a blank cell is two tab separators with nothing between;
 * an empty `<td>` leaves its tab right after the one before (`\t\t`). test/fixtures/browser checks
 * this against the real browser byte by byte.
 */
export function innerTextOf(blocks: Block[], opts: HtmlOptions): string {
  const items: (string | number)[] = opts.lead ? [opts.lead] : [];
  const collapse = (t: string) => t.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
  // (A `<br>` in a paragraph is a line break of its own; the text on each side of it collapsed.)
  const para = (t: string, indent?: boolean) => items.push(2, indented(t.split('\n').map(collapse).join('\n'), indent, opts, false), 2);
  for (const b of blocks) {
    if ('p' in b) {
      para(b.p, b.indent);
      continue;
    }
    items.push(1);
    b.rows.forEach((r, i) => {
      r.forEach((c, k) => {
        for (const t of pieces(c, opts)) {
          if (t.p) para(t.text, t.indent);
          else items.push(collapse(t.text), t.br ? '\n' : '');
        }
        if (k < r.length - 1) items.push('\t');
      });
      if (i < b.rows.length - 1) items.push('\n');
    });
    items.push(1);
  }
  const kept = items.filter((x) => x !== '');
  while (typeof kept[0] === 'number') kept.shift();
  while (typeof kept[kept.length - 1] === 'number') kept.pop();
  let out = '';
  let ask = 0;
  for (const x of kept) {
    if (typeof x === 'number') ask = Math.max(ask, x);
    else {
      out += '\n'.repeat(ask) + x;
      ask = 0;
    }
  }
  return out;
}

/**
 * What Chromium puts on the clipboard for a select-all + Ctrl+C of the page (as observed on
 * test/fixtures/browser): a paragraph starts on a line of its own and is followed by an empty
 * line; one with no text (`<p> </p>`) by a line break only (one more empty line); `<p>&nbsp;</p>`
 * gives a line holding a space; a cell that does not start a line gets a tab before it (so bare
 * `<td>` cells of a row stand on one line, tab-separated); a row that does not end a line gets a
 * line break; an empty `<td>` among paragraphs, or a bare blank cell at the start of a line,
 * leaves nothing at all (listed in lost).
 */
export function clipboardOf(blocks: Block[], opts: HtmlOptions, lost: [3 | 4, string, number][] = []): string {
  let out = opts.lead ?? '';
  const atStart = () => out === '' || out.endsWith('\n');
  const text = (t: string) =>
    t
      .split('\n')
      .map((l) => l.replace(/^[ \t\n]+|[ \t\n]+$/g, '').replace(/\u00a0/g, ' '))
      .join('\n');
  const para = (t: string, indent?: boolean) => {
    if (!atStart()) out += '\n';
    out += text(t) === '' ? '\n' : indented(text(t), indent, opts, true) + '\n\n';
  };
  for (const b of blocks) {
    if ('p' in b) {
      para(b.p, b.indent);
      continue;
    }
    for (const r of b.rows) {
      r.forEach((c, k) => {
        const before = out.length;
        if (k > 0 && !atStart()) out += '\t';
        for (const t of pieces(c, opts)) {
          if (t.p) para(t.text, t.indent);
          else out += text(t.text) + (t.br ? '\n' : '');
        }
        // (A cell that left nothing: not even a tab or a line break.)
        if (c.at && out.length === before) lost.push(c.at);
      });
      if (!atStart()) out += '\n';
    }
  }
  return out.replace(/\n+$/, '');
}

/** The page's text as a browser gives it. */
export function browserText(
  format: FormatVersion,
  year: number,
  values: TableTexts,
  opts: HtmlOptions,
  how: 'innerText' | 'clipboard',
): string {
  const blocks = article(format, year, values, opts);
  return how === 'innerText' ? innerTextOf(blocks, opts) : clipboardOf(blocks, opts);
}

/** The generated pages made into browser fixtures (test/fixtures/browser): values rebuilt from the seed, some cells blank. */
export interface BrowserFixture {
  name: string;
  format: FormatVersion;
  year: number;
  seed: number;
  /** How many cells of tables 三 and 四 are left blank (and one whole row of table 三, when allBlankRow). */
  blanks: number;
  allBlankRow?: string;
  opts: HtmlOptions;
}

export const BROWSER_FIXTURES: BrowserFixture[] = [
  {
    name: 'gen-2021-space',
    format: '2021',
    year: 2022,
    seed: 11,
    blanks: 12,
    allBlankRow: 'd2',
    opts: { blank: 'space', vertical: true, groupRows: false, splitTitle: false },
  },
  {
    name: 'gen-2021-nbsp',
    format: '2021',
    year: 2023,
    seed: 12,
    blanks: 9,
    opts: { blank: 'nbsp', vertical: false, groupRows: true, splitTitle: true },
  },
  {
    name: 'gen-2019-empty',
    format: '2019',
    year: 2020,
    seed: 13,
    blanks: 10,
    allBlankRow: 'n3',
    opts: { blank: 'empty', vertical: true, groupRows: false, splitTitle: false },
  },
  {
    name: 'gen-2019-space',
    format: '2019',
    year: 2020,
    seed: 14,
    blanks: 6,
    opts: { blank: 'space', vertical: false, groupRows: true, splitTitle: true },
  },
  {
    name: 'gen-2021-mixed',
    format: '2021',
    year: 2024,
    seed: 15,
    blanks: 12,
    allBlankRow: 'o2',
    opts: { blank: 'mixed', vertical: true, groupRows: false, splitTitle: false },
  },
  {
    name: 'gen-2021-bare',
    format: '2021',
    year: 2022,
    seed: 16,
    blanks: 10,
    allBlankRow: 'u2',
    opts: { blank: 'mixed', bare: true, vertical: false, groupRows: false, splitTitle: false },
  },
  {
    name: 'gen-2019-bare',
    format: '2019',
    year: 2020,
    seed: 17,
    blanks: 8,
    opts: { blank: 'space', bare: true, vertical: true, groupRows: true, splitTitle: true },
  },
  {
    name: 'gen-2021-indent-css',
    format: '2021',
    year: 2023,
    seed: 18,
    blanks: 8,
    opts: { blank: 'space', vertical: true, groupRows: false, splitTitle: false, indent: 'css' },
  },
  {
    name: 'gen-2019-indent-emsp',
    format: '2019',
    year: 2020,
    seed: 19,
    blanks: 7,
    opts: { blank: 'nbsp', vertical: false, groupRows: true, splitTitle: true, indent: 'emsp', labelled4: true },
  },
  {
    name: 'gen-2021-indent-ideographic',
    format: '2021',
    year: 2024,
    seed: 20,
    blanks: 9,
    allBlankRow: 'd2',
    opts: { blank: 'space', vertical: false, groupRows: false, splitTitle: false, indent: 'ideographic' },
  },
  {
    name: 'gen-2019-indent-nbsp',
    format: '2019',
    year: 2020,
    seed: 21,
    blanks: 6,
    opts: { blank: 'mixed', vertical: true, groupRows: true, splitTitle: false, indent: 'nbsp', labelled4: true },
  },
  {
    name: 'gen-2021-indent-tab',
    format: '2021',
    year: 2022,
    seed: 22,
    blanks: 8,
    opts: { blank: 'space', vertical: false, groupRows: true, splitTitle: true, indent: 'tab' },
  },
];

/** The blank cells of a fixture's page that leave nothing on the clipboard (table, row key, column). */
export function lostOnClipboard(f: BrowserFixture): [3 | 4, string, number][] {
  const lost: [3 | 4, string, number][] = [];
  clipboardOf(article(f.format, f.year, browserFixtureValues(f), f.opts), f.opts, lost);
  return lost;
}

export function browserFixtureValues(f: BrowserFixture): TableTexts {
  const rand = seeded(f.seed);
  const v = textsOf(consistentValues(f.format, rand));
  const cells: [Record<string, string[]>, string, number][] = [];
  for (const t of [v.t3, v.t4]) for (const [k, xs] of Object.entries(t)) xs.forEach((_, c) => cells.push([t, k, c]));
  for (let n = 0; n < f.blanks; n++) {
    const [t, k, c] = cells[rand(cells.length - 1)];
    t[k][c] = '';
  }
  if (f.allBlankRow) v.t3[f.allBlankRow] = v.t3[f.allBlankRow].map(() => '');
  return v;
}

/** A narrative's token: a literal character, or a figure as a whole (with its text when it is not a count). */
export type NarrativeToken = { text: string; figure?: { value: number; style: NumeralStyle; text?: string } };

export const pick = <T>(rand: Rand, xs: T[]): T => xs[rand(xs.length - 1)];

/** A narrative written as tokens: `lit` adds literal characters, `num` a count in a random numeral style. */
export function narrativeWriter(rand: Rand): { tokens: NarrativeToken[]; lit: (s: string) => void; num: (value: number) => void } {
  const tokens: NarrativeToken[] = [];
  const lit = (s: string) => {
    for (const ch of s) tokens.push({ text: ch });
  };
  const num = (value: number) => {
    const styles: NumeralStyle[] = ['arabic', 'arabic', 'fullwidth', 'chinese'];
    if (value >= 1000) styles.push('grouped');
    const style = pick(rand, styles);
    tokens.push({ text: writeNumeral(value, style), figure: { value, style } });
  };
  return { tokens, lit, num };
}

/**
 * Narrative tokens (literal characters, figures as whole tokens) written out, wrapped now and then as
 * PDF text is (continuation lines without indent, never at a sentence or clause end nor beside a
 * space); where each figure stands.
 */
export function renderTokens(
  tokens: { text: string; figure?: unknown }[],
  rand: Rand,
  wrap: boolean,
): { text: string; places: { line: number; start: number; end: number }[] } {
  let text = '';
  let line = 0;
  let col = 0;
  const places: { line: number; start: number; end: number }[] = [];
  tokens.forEach((t, i) => {
    if (t.figure) places.push({ line, start: col, end: col + t.text.length });
    text += t.text;
    col += t.text.length;
    const next = tokens[i + 1];
    if (wrap && next && !/[。；，]/.test(t.text) && rand(24) === 0 && next.text !== ' ' && t.text !== ' ') {
      text += '\n';
      line++;
      col = 0;
    }
  });
  return { text, places };
}
