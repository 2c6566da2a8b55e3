/**
 * Originals as other bodies' CMSs, Word and PDF exporters lay them out (issues 9 and 12): one
 * consistent report (ioGen.ts reportParts) written as
 * - a PDF (pdfkit, the box font test/fixtures/fonts/test-cjk.ttf): numbers centred, right- or
 *   left-aligned; label columns narrow enough that labels wrap onto two or three lines, set at the
 *   top, the middle or the bottom of their cell; numbers' baselines off by up to a point; small or
 *   large type; a landscape page; cell borders or none; the text drawn row by row, column by column
 *   or backwards; table 三 broken across a page, its header repeated or not; page numbers in their
 *   common forms; a running head on every page; a caption line over a table;
 * - a web page: `<th>`/`<thead>`, `<font>` and nested `<span style>`, whitespace and newlines inside
 *   cells, `<br>` in labels, Word's markup (`class=MsoNormal`, `<o:p></o:p>`), `<caption>`,
 *   `<colgroup>`, the article in a layout table, a page of navigation, a sidebar and a footer around
 *   it, GBK with its `<meta>`;
 * - a Word file: empty paragraphs in cells, labels in several runs or broken by a line break,
 *   caption paragraphs, table 三 in two tables (its header repeated or not), full-width digits,
 *   the tables in a one-cell layout table, header rows marked to repeat.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import type { TemplateCell } from '../../server/src/io/official';
import { rng, type Part } from './ioGen';
import { ROOT } from './helpers';

export const CJK_FONT = join(ROOT, 'test', 'fixtures', 'fonts', 'test-cjk.ttf');

/** Characters drawn besides the report's own (the font holds them: scripts/make-cjk-font-fixture.py reads this file). */
export const EXTRA_TEXT =
  '第页共表二三四：主动公开政府信息情况收到和处理申请行政复议诉讼首页政务公开当前位置版权所有主办单位联系电话网站标识码备号相关阅读打印关闭';

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

// ---------------------------------------------------------------- PDF

export interface PdfVariant {
  /** The tables' type size. */
  size: number;
  numAlign: 'center' | 'right' | 'left';
  labelAlign: 'left' | 'center';
  /** 'narrow': the label columns so narrow that long labels wrap onto two or three lines. */
  labelCols: 'wide' | 'narrow';
  /** Where a wrapped label stands in its cell (its values stay in the middle). */
  labelValign: 'middle' | 'top' | 'bottom';
  /** Each number's baseline moved by up to a point. */
  jitter: boolean;
  borders: boolean;
  landscape: boolean;
  /** The order the text is drawn in (a reader must not depend on it). */
  order: 'rows' | 'columns' | 'reverse';
  pageNumber: 'none' | 'dash' | 'di' | 'diGong' | 'slash' | 'bare';
  /** The report's title small at the top of every page after the first. */
  runningHead: boolean;
  /** Table 三 broken across a page before one of its result rows: its header repeated on the new page, or not. */
  break3: 'none' | 'repeat' | 'plain';
  /** A header repeated when a table runs onto the next page by itself. */
  repeatHeader: boolean;
  /** A caption line (表三：…) over tables 三 and 四. */
  captions: boolean;
  /** The width of a value column. */
  valueWidth: number;
}

export const PDF_BASE: PdfVariant = {
  size: 9,
  numAlign: 'center',
  labelAlign: 'left',
  labelCols: 'wide',
  labelValign: 'middle',
  jitter: false,
  borders: true,
  landscape: false,
  order: 'rows',
  pageNumber: 'dash',
  runningHead: false,
  break3: 'none',
  repeatHeader: true,
  captions: false,
  valueWidth: 40,
};

/** The variants one at a time, then a few together. */
export const PDF_VARIANTS: Record<string, Partial<PdfVariant>> = {
  base: {},
  right: { numAlign: 'right' },
  left: { numAlign: 'left', labelAlign: 'center' },
  narrow: { labelCols: 'narrow' },
  narrowTop: { labelCols: 'narrow', labelValign: 'top' },
  narrowBottom: { labelCols: 'narrow', labelValign: 'bottom' },
  jitter: { jitter: true },
  noBorders: { borders: false },
  small: { size: 7, valueWidth: 30 },
  large: { size: 11, valueWidth: 46 },
  landscape: { landscape: true, valueWidth: 60 },
  columns: { order: 'columns' },
  reverse: { order: 'reverse' },
  pageDi: { pageNumber: 'di' },
  pageDiGong: { pageNumber: 'diGong' },
  pageSlash: { pageNumber: 'slash' },
  pageBare: { pageNumber: 'bare' },
  runningHead: { runningHead: true },
  break3: { break3: 'repeat' },
  break3Plain: { break3: 'plain' },
  noRepeat: { repeatHeader: false, break3: 'plain' },
  captions: { captions: true },
  mixed1: { labelCols: 'narrow', labelValign: 'top', numAlign: 'right', jitter: true, break3: 'repeat', pageNumber: 'diGong' },
  mixed2: { size: 8, order: 'columns', borders: false, captions: true, break3: 'plain', runningHead: true },
  mixed3: { landscape: true, labelCols: 'narrow', labelValign: 'bottom', order: 'reverse', pageNumber: 'bare', valueWidth: 56 },
};

/** A random variant (for hunting with FC_RUNS). */
export function randomPdfVariant(seed: number): PdfVariant {
  const r = rng(seed * 7919 + 1);
  return {
    size: pick(r, [7, 8, 9, 10, 11]),
    numAlign: pick(r, ['center', 'right', 'left'] as const),
    labelAlign: pick(r, ['left', 'left', 'center'] as const),
    labelCols: pick(r, ['wide', 'narrow'] as const),
    labelValign: pick(r, ['middle', 'top', 'bottom'] as const),
    jitter: r() < 0.5,
    borders: r() < 0.7,
    landscape: r() < 0.2,
    order: pick(r, ['rows', 'columns', 'reverse'] as const),
    pageNumber: pick(r, ['none', 'dash', 'di', 'diGong', 'slash', 'bare'] as const),
    runningHead: r() < 0.3,
    break3: pick(r, ['none', 'repeat', 'plain'] as const),
    repeatHeader: r() < 0.7,
    captions: r() < 0.3,
    valueWidth: 30 + Math.floor(r() * 24),
  };
}

interface Op {
  page: number;
  /** Sort keys: row order and column order. */
  row: number;
  col: number;
  text?: { s: string; x: number; y: number; size: number };
  rect?: { x: number; y: number; w: number; h: number };
  line?: { x0: number; x1: number; y: number };
}

interface Placed {
  cell: TemplateCell;
  row: number;
  col: number;
}

const CAPTION: Record<number, string> = { 3: '表三：收到和处理政府信息公开申请情况', 4: '表四：政府信息公开行政复议、行政诉讼情况' };

/** A report as a PDF, laid out in the variant's way; `seed` moves the page break and the jitter. */
export function reportPdf(parts: Part[], v: PdfVariant, seed: number): Promise<Buffer> {
  const r = rng(seed);
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, info: { Title: 'report' } });
  doc.registerFont('T', readFileSync(CJK_FONT));
  doc.font('T');
  const [W, H] = v.landscape ? [842, 595] : [595, 842];
  const margin = v.landscape ? 56 : 64;
  const textWidth = W - 2 * margin;
  const top = margin + (v.runningHead ? 18 : 0);
  const bottom = H - margin;
  const ops: Op[] = [];
  let page = 0;
  let y = top;
  let order = 0;
  const width = (s: string, size: number) => doc.fontSize(size).widthOfString(s);
  /** Greedy line breaking by characters (a run of digits kept whole). */
  const wrap = (s: string, w: number, size: number, indent = 0): string[] => {
    const lines: string[] = [];
    let cur = '';
    for (const tok of s.match(/\d+(\.\d+)?|./gsu) ?? []) {
      const avail = w - (lines.length ? 0 : indent);
      if (cur && width(cur + tok, size) > avail) {
        lines.push(cur);
        cur = tok;
      } else cur += tok;
    }
    if (cur || !lines.length) lines.push(cur);
    return lines;
  };
  const text = (s: string, x: number, yy: number, size: number, row: number, col: number) =>
    ops.push({ page, row, col, text: { s, x, y: yy, size } });
  const newPage = () => {
    page++;
    y = top;
  };

  const paragraph = (p: string, size: number, align: 'left' | 'center', indent: number) => {
    const lh = size * 1.6;
    for (const [k, l] of wrap(p, textWidth, size, indent).entries()) {
      if (y + lh > bottom) newPage();
      const x = align === 'center' ? margin + (textWidth - width(l, size)) / 2 : margin + (k ? 0 : indent);
      text(l, x, y, size, order++, 0);
      y += lh;
    }
    y += size * 0.4;
  };

  const table = (grid: TemplateCell[][], n: number) => {
    const size = v.size;
    const pad = 3;
    const lh = size * 1.3;
    const taken: boolean[][] = grid.map(() => []);
    const placed: Placed[] = [];
    grid.forEach((row, ri) => {
      let c = 0;
      for (const cell of row) {
        while (taken[ri][c]) c++;
        for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) (taken[ri + dr] ??= [])[c + dc] = true;
        placed.push({ cell, row: ri, col: c });
        c += cell.colSpan;
      }
    });
    const nCols = Math.max(...taken.map((t) => t.length));
    const last = grid[grid.length - 1];
    const valueCols = last.filter((c) => !c.header).reduce((s, c) => s + c.colSpan, 0);
    const labelCols = nCols - valueCols;
    let widths: number[];
    if (labelCols <= 0) widths = Array(nCols).fill(Math.min(textWidth / nCols, v.valueWidth * 1.2));
    else {
      const valueW = Math.min(v.valueWidth, (textWidth * 0.7) / valueCols);
      const rest = (textWidth - valueW * valueCols) * (v.labelCols === 'narrow' ? 0.5 : 1);
      const label = labelCols === 3 ? [rest * 0.12, rest * 0.16, rest * 0.72] : Array(labelCols).fill(rest / labelCols);
      widths = [...label, ...Array(valueCols).fill(valueW)];
    }
    const tableW = widths.reduce((a, b) => a + b, 0);
    const x0 = margin + (textWidth - tableW) / 2;
    const colX = (c: number) => x0 + widths.slice(0, c).reduce((a, b) => a + b, 0);
    const cellW = (p: Placed) => widths.slice(p.col, p.col + p.cell.colSpan).reduce((a, b) => a + b, 0);
    const linesOf = (p: Placed) => wrap(p.cell.text, cellW(p) - 2 * pad, size);
    const heights = grid.map(() => lh + 2 * pad);
    for (const p of placed) if (p.cell.rowSpan === 1) heights[p.row] = Math.max(heights[p.row], linesOf(p).length * lh + 2 * pad);
    for (const p of placed)
      if (p.cell.rowSpan > 1) {
        const need = linesOf(p).length * lh + 2 * pad;
        const have = heights.slice(p.row, p.row + p.cell.rowSpan).reduce((a, b) => a + b, 0);
        if (need > have) heights[p.row + p.cell.rowSpan - 1] += need - have;
      }
    const headerRows = grid.findIndex((row) => row.some((c) => !c.header));
    const rowTop: number[] = [];
    const rowPage: number[] = [];
    const base = order;
    order += grid.length + 1;
    /** A cell's box and its text's lines (the cell's own by default; `valign` forced for a cell's part after a page break). */
    const drawCell = (p: Placed, pg: number, topY: number, h: number, withText: boolean, only?: string[], forced?: 'top') => {
      const w = cellW(p);
      if (v.borders) ops.push({ page: pg, row: base + p.row, col: p.col, rect: { x: colX(p.col), y: topY, w, h } });
      if (!withText) return;
      const lines = only ?? linesOf(p);
      const th = lines.length * lh;
      const isValue = !p.cell.header;
      const valign = forced ?? (isValue || p.cell.header !== 'row' ? 'middle' : v.labelValign);
      let ty = valign === 'top' ? topY + pad : valign === 'bottom' ? topY + h - pad - th : topY + (h - th) / 2;
      if (isValue && v.jitter) ty += r() * 2 - 1;
      const align = isValue ? v.numAlign : p.cell.header === 'row' ? v.labelAlign : 'center';
      lines.forEach((l, k) => {
        const lw = width(l, size);
        const x = align === 'left' ? colX(p.col) + pad : align === 'right' ? colX(p.col) + w - pad - lw : colX(p.col) + (w - lw) / 2;
        ops.push({ page: pg, row: base + p.row + k * 0.01, col: p.col, text: { s: l, x, y: ty + k * lh + (lh - size) / 2, size } });
      });
    };
    const drawHeader = () => {
      for (let ri = 0; ri < headerRows; ri++) {
        rowTop[ri] = y;
        rowPage[ri] = page;
        y += heights[ri];
      }
      for (const p of placed.filter((q) => q.row < headerRows))
        drawCell(
          p,
          page,
          rowTop[p.row],
          heights.slice(p.row, p.row + p.cell.rowSpan).reduce((a, b) => a + b, 0),
          true,
        );
    };
    // The forced break: before a result row of table 三, a few rows in.
    const forced = n === 3 && v.break3 !== 'none' ? headerRows + 3 + Math.floor(r() * (grid.length - headerRows - 6)) : -1;
    const partHeight = (rs: number[]) => rowTop[rs[rs.length - 1]] + heights[rs[rs.length - 1]] - rowTop[rs[0]];
    /** A cell's rows by page, in page order. */
    const partsOf = (p: Placed) => {
      const byPage = new Map<number, number[]>();
      for (let k = 0; k < p.cell.rowSpan; k++) byPage.set(rowPage[p.row + k], [...(byPage.get(rowPage[p.row + k]) ?? []), p.row + k]);
      return [...byPage];
    };
    /** Lines of a cell's text its parts on each page hold (none when the text fits in its part holding most rows). */
    const roomOf = (p: Placed, parts: [number, number[]][]) => {
      const main = [...parts].sort((a, b) => b[1].length - a[1].length)[0];
      if (parts.length === 1 || linesOf(p).length * lh + 2 * pad <= partHeight(main[1]) + 0.01) return null;
      return parts.map(([, rs]) => Math.max(0, Math.floor((partHeight(rs) - 2 * pad + 0.01) / lh)));
    };
    // Rows to pages; a cell broken across pages whose parts do not hold its text makes its last row taller
    // (as a browser or Word grows a row to its cells' text), and the rows go to pages again.
    const start = { page, y, ops: ops.length };
    for (let round = 0; ; round++) {
      page = start.page;
      y = start.y;
      ops.length = start.ops;
      if (y + heights.slice(0, headerRows + 1).reduce((a, b) => a + b, 0) > bottom) newPage();
      drawHeader();
      for (let ri = headerRows; ri < grid.length; ri++) {
        if (y + heights[ri] > bottom || ri === forced) {
          newPage();
          if (ri === forced ? v.break3 === 'repeat' : v.repeatHeader) drawHeader();
        }
        rowTop[ri] = y;
        rowPage[ri] = page;
        y += heights[ri];
      }
      let grew = false;
      for (const p of placed.filter((q) => q.row >= headerRows && q.cell.rowSpan > 1)) {
        const room = roomOf(p, partsOf(p));
        const short = room ? linesOf(p).length - room.reduce((a, b) => a + b, 0) : 0;
        if (short > 0 && round < 8) {
          heights[p.row + p.cell.rowSpan - 1] += short * lh;
          grew = true;
        }
      }
      if (!grew) break;
    }
    // A cell spanning rows on two pages: its border on both, its text on the page holding most of its
    // rows; when it does not fit there, its lines flow from the top of the first part on into the next
    // (as a browser or Word breaks a cell: never text outside its cell).
    for (const p of placed.filter((q) => q.row >= headerRows)) {
      const parts = partsOf(p);
      const main = [...parts].sort((a, b) => b[1].length - a[1].length)[0][0];
      const room = roomOf(p, parts);
      let rest = linesOf(p);
      parts.forEach(([pg, rs], k) => {
        const h = partHeight(rs);
        if (!room) return drawCell({ ...p, row: rs[0] }, pg, rowTop[rs[0]], h, pg === main);
        const held = k === parts.length - 1 ? rest.length : room[k];
        drawCell({ ...p, row: rs[0] }, pg, rowTop[rs[0]], h, held > 0, rest.slice(0, held), 'top');
        rest = rest.slice(held);
      });
    }
    y += size;
  };

  for (const p of parts) {
    if (p.kind === 'p') {
      const title = p === parts[0];
      const heading = /^[一二三四五六]、/.test(p.text!);
      paragraph(p.text!, title ? 18 : heading ? 15 : 13, title ? 'center' : 'left', title || heading ? 0 : 26);
    } else {
      const n = p.grid!.length < 6 ? 4 : p.grid![0].length === 2 && p.grid!.length > 20 ? 3 : 2;
      if (v.captions && n !== 2) paragraph(CAPTION[n], 12, 'center', 0);
      table(p.grid!, n);
    }
  }
  const pages = page + 1;
  const title = parts[0].text!;
  for (let pg = 0; pg < pages; pg++) {
    const no = {
      none: '',
      dash: `- ${pg + 1} -`,
      di: `第${pg + 1}页`,
      diGong: `第${pg + 1}页 共${pages}页`,
      slash: `${pg + 1}/${pages}`,
      bare: `${pg + 1}`,
    }[v.pageNumber];
    if (no) ops.push({ page: pg, row: 1e9, col: 0, text: { s: no, x: (W - width(no, 10)) / 2, y: H - 40, size: 10 } });
    if (v.runningHead && pg > 0) {
      ops.push({ page: pg, row: -1, col: 0, text: { s: title, x: (W - width(title, 9)) / 2, y: 30, size: 9 } });
      ops.push({ page: pg, row: -1, col: 1, line: { x0: margin, x1: W - margin, y: 44 } });
    }
  }
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));
  const key =
    v.order === 'columns'
      ? (a: Op, b: Op) => a.col - b.col || a.row - b.row
      : v.order === 'reverse'
        ? (a: Op, b: Op) => b.row - a.row || b.col - a.col
        : (a: Op, b: Op) => a.row - b.row || a.col - b.col;
  for (let pg = 0; pg < pages; pg++) {
    doc.addPage({ size: [W, H], margin: 0 });
    const mine = ops.filter((o) => o.page === pg);
    doc.lineWidth(0.5);
    for (const o of mine) {
      if (o.rect) doc.rect(o.rect.x, o.rect.y, o.rect.w, o.rect.h).stroke();
      if (o.line) doc.moveTo(o.line.x0, o.line.y).lineTo(o.line.x1, o.line.y).stroke();
    }
    // Text in the variant's order; the table's text by its own key, the rest (paragraphs) by row.
    for (const o of mine.filter((q) => q.text).sort(key))
      doc.fontSize(o.text!.size).text(o.text!.s, o.text!.x, o.text!.y, { lineBreak: false });
  }
  doc.end();
  return done;
}

// ---------------------------------------------------------------- HTML

export interface HtmlVariant {
  /** `<th>` for the header rows' cells, and those rows in a `<thead>`. */
  th?: boolean;
  /** Numbers in `<font>`, labels in nested `<span style>`. */
  fonts?: boolean;
  /** Newlines and indentation inside the cells, around their text. */
  spaces?: boolean;
  /** Long labels broken by `<br>`. */
  br?: boolean;
  /** Word's markup: `class=MsoNormal` paragraphs, `<o:p></o:p>`, mso- styles. */
  word?: boolean;
  /** A `<caption>` in the tables (三, 四), or a caption paragraph before them. */
  caption?: 'element' | 'paragraph';
  /** `<colgroup>` with a `<col>` a column. */
  colgroup?: boolean;
  /** The article in the right cell of a layout table beside a navigation column. */
  layout?: boolean;
  /** A navigation bar, a breadcrumb, a list of related links with dates, a footer with numbers. */
  chrome?: boolean;
  /** GBK with a `<meta>` saying gb2312. */
  gbk?: boolean;
  /**
   * The columns as the official template sizes them (table 三's label columns narrow, 6%, 8% and 22% of
   * the width, so 三、本年度办理结果 and （三）不予公开 wrap a few characters a line), every cell's text
   * centred in it across and down, as a CMS's editor sets a pasted table; 'narrow': the label columns
   * 3%, 5% and 18%, so the heads stand one character a line.
   */
  template?: boolean | 'narrow';
}

export const HTML_VARIANTS: Record<string, HtmlVariant> = {
  th: { th: true },
  fonts: { fonts: true },
  spaces: { spaces: true },
  br: { br: true },
  word: { word: true },
  caption: { caption: 'element' },
  captionP: { caption: 'paragraph' },
  colgroup: { colgroup: true },
  layout: { layout: true },
  chrome: { chrome: true },
  gbk: { gbk: true, chrome: true },
  all: { th: true, fonts: true, spaces: true, br: true, caption: 'element', colgroup: true, layout: true, chrome: true },
  wordAll: { word: true, spaces: true, caption: 'paragraph', layout: true, chrome: true, gbk: true },
  template: { template: true, chrome: true },
  templateNarrow: { template: 'narrow', th: true },
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A report as a web page in the variant's way. */
export function reportHtml(parts: Part[], v: HtmlVariant): string {
  const out: string[] = [];
  const para = (t: string) =>
    v.word
      ? `<p class=MsoNormal style='text-indent:24.0pt;mso-char-indent-count:2.0'><span style='font-family:仿宋_GB2312;mso-hansi-font-family:"Times New Roman"'>${esc(t)}<span lang=EN-US><o:p></o:p></span></span></p>`
      : `<p style="text-indent:2em;">${v.fonts ? `<span style="font-size:16px;"><span style="font-family:仿宋;">${esc(t)}</span></span>` : esc(t)}</p>`;
  const cellBody = (c: TemplateCell) => {
    const isValue = !c.header;
    let t = esc(c.text);
    if (v.br && !isValue && c.text.length > 8) t = `${esc(c.text.slice(0, 5))}<br>${esc(c.text.slice(5))}`;
    if (v.fonts)
      t = isValue
        ? `<font face="宋体" size="2">${t}</font>`
        : `<span style="font-size:12px"><span style="font-family:宋体">${t}</span></span>`;
    if (v.word)
      t = `<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US style='font-size:10.0pt'>${t}<o:p></o:p></span></p>`;
    return v.spaces ? `\n            ${t}\n          ` : t;
  };
  for (const p of parts) {
    if (p.kind === 'p') {
      out.push(para(p.text!));
      continue;
    }
    const grid = p.grid!;
    const n = grid.length < 6 ? 4 : grid[0].length === 2 && grid.length > 20 ? 3 : 2;
    if (v.caption === 'paragraph' && n !== 2) out.push(para(CAPTION[n]));
    const attrs = v.word
      ? ` class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-table-layout-alt:fixed;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'`
      : v.template
        ? ` border="1" cellspacing="0" cellpadding="4" align="center" style="width:100%;table-layout:fixed;border-collapse:collapse"`
        : ` border="1" cellspacing="0" cellpadding="0" style="width:100%"`;
    out.push(`<table${attrs}>`);
    if (v.caption === 'element' && n !== 2) out.push(`<caption>${esc(CAPTION[n])}</caption>`);
    if (v.colgroup) {
      let cols = 0;
      for (const c of grid[grid.length - 1]) cols += c.colSpan;
      out.push(`<colgroup>${'<col width="40">'.repeat(cols)}</colgroup>`);
    }
    if (v.template) {
      // (the value columns share what the label columns leave)
      let cols = 0;
      for (const c of grid[grid.length - 1]) cols += c.colSpan;
      const labels = n === 3 ? (v.template === 'narrow' ? [3, 5, 18] : [6, 8, 22]) : [cols > 3 ? 22 : 30];
      const each = (100 - labels.reduce((a, b) => a + b, 0)) / (cols - labels.length);
      const widths = [...labels, ...Array(cols - labels.length).fill(each)];
      out.push(`<colgroup>${widths.map((w) => `<col style="width:${w.toFixed(2)}%">`).join('')}</colgroup>`);
    }
    const heads = grid.findIndex((row) => row.some((c) => !c.header));
    grid.forEach((row, i) => {
      if (v.th && i === 0 && heads > 0) out.push('<thead>');
      if (v.th && i === heads) out.push('<tbody>');
      out.push(v.spaces ? '\n      <tr>' : '<tr>');
      for (const c of row) {
        const tag = v.th && i < heads ? 'th' : 'td';
        const span = `${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}`;
        const style = v.word
          ? ` width=57 valign=top style='width:42.5pt;border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'`
          : v.template
            ? ` align="center" valign="middle" style="text-align:center;vertical-align:middle"`
            : '';
        out.push(`${v.spaces ? '\n        ' : ''}<${tag}${span}${style}>${cellBody(c)}</${tag}>`);
      }
      out.push('</tr>');
      if (v.th && i === heads - 1) out.push('</thead>');
    });
    if (v.th && heads >= 0) out.push('</tbody>');
    out.push('</table>');
    if (v.word) out.push(`<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>`);
  }
  let article = `<div class="TRS_Editor">${out.join('\n')}</div>`;
  if (v.layout)
    article = `<table width="1000" border="0" cellspacing="0" cellpadding="0"><tr><td width="200" valign="top"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></td><td valign="top">${article}</td></tr></table>`;
  const chrome = v.chrome
    ? {
        head: `<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/xxgk">政府信息公开</a></li></ul></div><div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 年度报告</div>`,
        foot: `<div class="related"><h3>相关阅读</h3><ul><li><a href="/a/1">政府信息公开工作年度报告</a><span>2024-01-15</span></li><li><a href="/a/2">政务公开</a><span>2023-01-20</span></li></ul></div><div class="footer"><p>主办单位：某某县人民政府办公室 联系电话：0591-12345678</p><p>网站标识码：3501000012 闽ICP备12345678号</p><p><a href="javascript:window.print()">打印</a> <a href="javascript:window.close()">关闭</a></p></div>`,
      }
    : { head: '', foot: '' };
  const meta = v.gbk ? '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' : '<meta charset="utf-8">';
  const xmlns = v.word ? ' xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"' : '';
  return `<!DOCTYPE html>\n<html${xmlns}>\n<head>\n${meta}\n<title>${esc(parts[0].text!)}</title>\n<style>td{font-size:12px}</style>\n</head>\n<body>\n${chrome.head}\n${article}\n${chrome.foot}\n</body>\n</html>\n`;
}

// ---------------------------------------------------------------- Word

export interface DocxVariant {
  /** Empty paragraphs in cells, before and after the text. */
  emptyParas?: boolean;
  /** Labels written in several runs (Word splits them at every edit), or broken by a line break. */
  runs?: 'split' | 'break';
  /** A caption paragraph before tables 三 and 四. */
  captions?: boolean;
  /** Table 三 as two tables with a paragraph between: its header repeated in the second, or not. */
  split3?: 'repeat' | 'plain';
  /** Numbers in full-width digits. */
  fullwidth?: boolean;
  /** The whole report inside the one cell of a layout table. */
  layout?: boolean;
  /** Header rows marked to repeat on each page (w:tblHeader). */
  tblHeader?: boolean;
}

export const DOCX_VARIANTS: Record<string, DocxVariant> = {
  emptyParas: { emptyParas: true },
  runs: { runs: 'split' },
  break: { runs: 'break' },
  captions: { captions: true },
  split3: { split3: 'repeat' },
  split3Plain: { split3: 'plain' },
  fullwidth: { fullwidth: true },
  layout: { layout: true },
  tblHeader: { tblHeader: true, split3: 'repeat' },
  all: { emptyParas: true, runs: 'split', captions: true, split3: 'plain', tblHeader: true },
};

const FULL = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

export async function reportDocx(parts: Part[], v: DocxVariant, seed: number): Promise<Uint8Array> {
  const r = rng(seed);
  const cellParas = (c: TemplateCell): Paragraph[] => {
    const t = !c.header && v.fullwidth ? FULL(c.text) : c.text;
    let runs: TextRun[] = [new TextRun(t)];
    if (c.header && t.length > 4 && v.runs === 'split') runs = (t.match(/.{1,3}/gsu) ?? []).map((s) => new TextRun(s));
    if (c.header && t.length > 8 && v.runs === 'break') runs = [new TextRun(t.slice(0, 5)), new TextRun({ text: t.slice(5), break: 1 })];
    const main = new Paragraph({ children: runs });
    return v.emptyParas ? [new Paragraph(''), main, new Paragraph('')] : [main];
  };
  const tableOf = (rows: TemplateCell[][], heads: number) =>
    new Table({
      rows: rows.map(
        (row, i) =>
          new TableRow({
            tableHeader: v.tblHeader && i < heads ? true : undefined,
            children: row.map(
              (c) =>
                new TableCell({
                  columnSpan: c.colSpan > 1 ? c.colSpan : undefined,
                  rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined,
                  children: cellParas(c),
                }),
            ),
          }),
      ),
    });
  const children: (Paragraph | Table)[] = [];
  for (const p of parts) {
    if (p.kind === 'p') {
      children.push(new Paragraph({ children: [new TextRun(p.text!)] }));
      continue;
    }
    const grid = p.grid!;
    const n = grid.length < 6 ? 4 : grid[0].length === 2 && grid.length > 20 ? 3 : 2;
    if (v.captions && n !== 2) children.push(new Paragraph(CAPTION[n]));
    const heads = grid.findIndex((row) => row.some((c) => !c.header));
    if (n === 3 && v.split3) {
      // Split before a row that opens no group (a group's spanning cell stays whole in the first part).
      const at = heads + 4 + Math.floor(r() * (grid.length - heads - 8));
      let k = at;
      while (k < grid.length - 1 && grid[k].some((c) => c.rowSpan > 1)) k++;
      // A row spanned from above loses nothing: the first part's spanning cells are cut to its rows.
      const first = cutSpans(grid.slice(0, k));
      const second = reopen(grid, k);
      children.push(tableOf(first, heads), new Paragraph(''));
      children.push(tableOf(v.split3 === 'repeat' ? [...grid.slice(0, heads), ...second] : second, v.split3 === 'repeat' ? heads : 0));
    } else children.push(tableOf(grid, heads));
  }
  const body = v.layout ? [new Table({ rows: [new TableRow({ children: [new TableCell({ children: children as never })] })] })] : children;
  const doc = new Document({ sections: [{ children: body }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Rows with every spanning cell cut to end at the last of them. */
function cutSpans(rows: TemplateCell[][]): TemplateCell[][] {
  return rows.map((row, i) => row.map((c) => (i + c.rowSpan > rows.length ? { ...c, rowSpan: rows.length - i } : c)));
}

/** The rows from `k` on, each group cell spanning across row k opened again on row k with the rows it has left. */
function reopen(grid: TemplateCell[][], k: number): TemplateCell[][] {
  // Cells of earlier rows still spanning at k, left to right (their grid columns).
  const open: { col: number; cell: TemplateCell }[] = [];
  const taken: boolean[][] = grid.map(() => []);
  grid.forEach((row, ri) => {
    let c = 0;
    for (const cell of row) {
      while (taken[ri][c]) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) (taken[ri + dr] ??= [])[c + dc] = true;
      if (ri < k && ri + cell.rowSpan > k) open.push({ col: c, cell: { ...cell, rowSpan: ri + cell.rowSpan - k } });
      c += cell.colSpan;
    }
  });
  const rest = grid.slice(k).map((row) => [...row]);
  rest[0] = [...open.sort((a, b) => a.col - b.col).map((o) => o.cell), ...rest[0]];
  return rest;
}
