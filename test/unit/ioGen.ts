/** Originals made by the tests: consistent reports rendered as government CMSs write web pages and as Word writes .docx. */
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, type TableVerticalAlign } from 'docx';
import { FORMATS, SECTIONS } from '../../server/src/report/formatData';
import type { FormatVersion } from '../../server/src/report/model';
import { table2Grid, table3Grid, table4Grid, type TemplateCell, type Values } from '../../server/src/io/official';

/** A small deterministic generator (mulberry32). */
export function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values for every table, with every sum rule holding. */
export function consistentValues(format: FormatVersion, seed: number): Values {
  const r = rng(seed);
  const n = (max: number) => Math.floor(r() * max);
  const v: Values = {};
  const spec = FORMATS[format];
  for (const sub of spec.table2)
    for (const row of sub.rows)
      v[row.key] = sub.columns.map((c) =>
        /收费金额/.test(c.label)
          ? `${n(900)}.${n(99)}`
          : /金额/.test(c.label)
            ? `${n(9000)}.5万元`
            : /增\/减/.test(c.label)
              ? String(n(9) - 4)
              : String(n(500)),
      );
  const items = spec.table3.rows.filter((x) => !['new', 'carry', 'total', 'forward'].includes(x.key));
  const cols: number[][] = { new: [], carry: [], total: [], forward: [] } as never;
  const col = (key: string) => (v[key] ??= Array(7).fill('0'));
  for (let c = 0; c < 6; c++) {
    let total = 0;
    for (const it of items) {
      const x = r() < 0.4 ? n(30) : 0;
      col(it.key)[c] = String(x);
      total += x;
    }
    const carry = n(5);
    const forward = n(Math.min(6, total + carry + 1));
    col('total')[c] = String(total);
    col('carry')[c] = String(carry);
    col('forward')[c] = String(forward);
    col('new')[c] = String(total + forward - carry < 0 ? 0 : total + forward - carry);
    if (total + forward - carry < 0) col('forward')[c] = String(carry - total);
  }
  void cols;
  for (const row of spec.table3.rows) col(row.key)[6] = String(v[row.key].slice(0, 6).reduce((s, x) => s + Number(x), 0));
  for (const k of ['review', 'direct', 'post']) {
    const four = [n(9), n(5), n(5), n(3)];
    v[k] = [...four.map(String), String(four.reduce((a, b) => a + b, 0))];
  }
  return v;
}

const NARRATIVE: Record<number, string[]> = {
  1: ['（一）主动公开。全年主动公开政府信息1234条。', '（二）依申请公开。依法办理政府信息公开申请。'],
  5: ['存在的问题：公开的及时性有待提高。下一步将加强培训。'],
  6: ['本年度未收取信息处理费。'],
};

export interface Part {
  kind: 'p' | 'table';
  text?: string;
  grid?: TemplateCell[][];
}

export function reportParts(body: string, year: number, format: FormatVersion, values: Values): Part[] {
  const parts: Part[] = [{ kind: 'p', text: `${body}${year}年政府信息公开工作年度报告` }];
  for (const s of SECTIONS) {
    parts.push({ kind: 'p', text: s.heading });
    if (s.kind === 'narrative') for (const t of NARRATIVE[s.number]) parts.push({ kind: 'p', text: t });
    else
      parts.push({
        kind: 'table',
        grid: s.number === 2 ? table2Grid(format, values) : s.number === 3 ? table3Grid(format, values) : table4Grid(format, values),
      });
  }
  return parts;
}

/** A web page as CMSs write it: cells wrapped in <p>, &nbsp; padding, <p> </p> blank paragraphs, labels split over <p>s. */
export function cmsHtml(parts: Part[], opts: { charset?: string } = {}): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const out = [
    `<!DOCTYPE html><html><head><meta charset="${opts.charset ?? 'utf-8'}"><title>年度报告</title></head><body><div class="article">`,
  ];
  for (const p of parts) {
    if (p.kind === 'p') out.push(`<p style="text-indent:2em">&nbsp;&nbsp;${esc(p.text!)}</p>\n<p> </p>`);
    else {
      out.push('<table border="1" cellspacing="0"><tbody>');
      for (const row of p.grid!) {
        out.push('<tr>');
        for (const c of row) {
          const attrs = `${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}`;
          // Long labels wrapped into two paragraphs, numbers padded with &nbsp;
          const body =
            c.text.length > 8 && !/\d$/.test(c.text)
              ? `<p>${esc(c.text.slice(0, 4))}</p><p>${esc(c.text.slice(4))}</p>`
              : `<p>&nbsp;${esc(c.text)}</p>`;
          out.push(`<td${attrs} valign="center">${body}</td>`);
        }
        out.push('</tr>\n');
      }
      out.push('</tbody></table>');
    }
  }
  out.push('</div></body></html>');
  return out.join('');
}

/** How a PDF→Markdown converter (or a person pasting a table's source) writes a report whose tables have merged cells. */
export type MarkupFlavor = 'mineru' | 'pandoc' | 'pasted';
export const MARKUP_FLAVORS: MarkupFlavor[] = ['mineru', 'pandoc', 'pasted'];

/**
 * A text report whose tables are HTML markup: `mineru` — `#` headings, paragraphs between blank
 * lines, each table on one line (`<table><tr><td rowspan="3" colspan="3">…`); `pandoc` — CRLF line
 * ends, tables over many lines with <thead>/<tbody>, <th> for the header rows and cells wrapped in
 * <p>; `pasted` — plain paragraphs, a table's source pasted as an editor indents it, `&nbsp;` padding.
 */
export function markupText(parts: Part[], flavor: MarkupFlavor): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const out: string[] = [];
  for (const p of parts) {
    if (p.kind === 'p') {
      const heading = /^[一二三四五六]、/.test(p.text!);
      out.push(flavor === 'mineru' && heading ? `# ${p.text}` : p.text!, '');
      continue;
    }
    const grid = p.grid!;
    const heads = flavor === 'pandoc' ? grid.findIndex((row) => row.some((c) => /^\d/.test(c.text))) : 0;
    const cell = (c: TemplateCell, tag: string) => {
      const attrs = `${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}`;
      const body = flavor === 'pandoc' ? `<p>${esc(c.text)}</p>` : flavor === 'pasted' ? `&nbsp;${esc(c.text)}&nbsp;` : esc(c.text);
      return `<${tag}${attrs}>${body}</${tag}>`;
    };
    if (flavor === 'mineru') {
      out.push('<table>' + grid.map((row) => '<tr>' + row.map((c) => cell(c, 'td')).join('') + '</tr>').join('') + '</table>', '');
    } else if (flavor === 'pandoc') {
      out.push('<table>');
      grid.forEach((row, i) => {
        if (i === 0 && heads > 0) out.push('<thead>');
        if (i === Math.max(heads, 0)) out.push('<tbody>');
        out.push('<tr>', ...row.map((c) => cell(c, i < heads ? 'th' : 'td')), '</tr>');
        if (i === heads - 1) out.push('</thead>');
      });
      out.push('</tbody>', '</table>', '');
    } else {
      out.push('<table border="1">');
      for (const row of grid) out.push('  <tr>', ...row.map((c) => '    ' + cell(c, 'td')), '  </tr>');
      out.push('</table>', '');
    }
  }
  return out.join(flavor === 'pandoc' ? '\r\n' : '\n');
}

/** How a Word table is set beyond its cells' text. */
export interface DocxTableStyle {
  /** Every cell's text across its height (Word's default: at its top). */
  verticalAlign?: TableVerticalAlign;
  /** The columns' widths in twips (Word's default: equal). */
  columnWidths?: number[];
  /** The header rows repeated at the top of each page (重复标题行), no row broken across a page (允许跨页断行 off). */
  pageRows?: boolean;
}

/**
 * A Word table of a grid of template cells, merged as the grid says (gridSpan, vMerge restart and
 * continue, as Word writes them), each cell's text the paragraph `paragraph` makes.
 */
export function docxTable(
  grid: TemplateCell[][],
  paragraph: (text: string, cell: TemplateCell) => Paragraph,
  style: DocxTableStyle = {},
): Table {
  const { verticalAlign, columnWidths, pageRows } = style;
  const heads = grid.findIndex((row) => row.some((c) => !c.header));
  return new Table({
    columnWidths,
    rows: grid.map(
      (row, i) =>
        new TableRow({
          tableHeader: pageRows && i < heads ? true : undefined,
          cantSplit: pageRows ? true : undefined,
          children: row.map(
            (c) =>
              new TableCell({
                columnSpan: c.colSpan > 1 ? c.colSpan : undefined,
                rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined,
                verticalAlign,
                children: [paragraph(c.text, c)],
              }),
          ),
        }),
    ),
  });
}

export async function wordDocx(parts: Part[]): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  for (const p of parts) {
    if (p.kind === 'p') children.push(new Paragraph({ children: [new TextRun(p.text!)] }));
    else children.push(docxTable(p.grid!, (t) => new Paragraph(t)));
  }
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The fixtures: name → report. Made by scripts/make-pdf-fixtures.ts; the tests rebuild the values from the same seeds. */
export const PDF_FIXTURES: { file: string; body: string; year: number; format: FormatVersion; seed: number; tableSize: number }[] = [
  { file: 'generated-2021.pdf', body: '某某县人民政府', year: 2022, format: '2021', seed: 101, tableSize: 9 },
  { file: 'generated-2019.pdf', body: '某某市某某区人民政府', year: 2020, format: '2019', seed: 202, tableSize: 9 },
  { file: 'generated-2021-large.pdf', body: '某某省某某厅', year: 2023, format: '2021', seed: 303, tableSize: 11 },
];
