/**
 * Makes the generated PDF fixtures (test/fixtures/pdf/*.pdf): consistent reports (ioGen.ts) laid out
 * as Word prints them — title, headings, wrapped narrative, ruled tables in the official layout with
 * merged cells (row-spanning group heads centred on their rows, wrapped labels and header cells),
 * tables broken across pages with their header rows repeated, page numbers `- N -` — in a CJK font
 * from Debian (fonts-wqy-zenhei or fonts-wqy-microhei: `apt-get install fonts-wqy-zenhei`).
 * The PDFs are committed; the tests read them and need neither this script nor the font.
 *
 *   node --import tsx scripts/make-pdf-fixtures.ts
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { TemplateCell } from '../server/src/io/official';
import { PDF_FIXTURES, consistentValues, reportParts, type Part } from '../test/unit/ioGen';

const FONTS = [
  ['/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 'WenQuanYiZenHei'],
  ['/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', 'WenQuanYiMicroHei'],
];

const PAGE = { width: 595, height: 842, margin: 64 };

function render(parts: Part[], tableSize: number): Promise<Buffer> {
  const [fontPath, family] = FONTS.find(([p]) => existsSync(p)) ?? [];
  if (!fontPath) throw new Error('No CJK font: apt-get install fonts-wqy-zenhei');
  const doc = new PDFDocument({ size: 'A4', margin: PAGE.margin, autoFirstPage: true, bufferPages: true, info: { Title: 'fixture' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.font(fontPath, family);
  // Pages are broken here, never by pdfkit (it would move text drawn low on a page to a new one).
  doc.page.margins.bottom = 0;
  const width = PAGE.width - 2 * PAGE.margin;
  const bottom = PAGE.height - PAGE.margin;
  let pageNo = 1;
  const pageNumber = () => {
    doc.fontSize(10).text(`- ${pageNo} -`, 0, PAGE.height - 40, { width: PAGE.width, align: 'center', lineBreak: false });
  };
  const newPage = () => {
    pageNumber();
    doc.addPage();
    doc.page.margins.bottom = 0;
    pageNo++;
    doc.y = PAGE.margin;
  };
  for (const p of parts) {
    if (p.kind === 'p') {
      const heading = /^[一二三四五六]、/.test(p.text!);
      const title = parts[0] === p;
      doc.fontSize(title ? 18 : heading ? 15 : 13);
      const h = doc.heightOfString(p.text!, { width, indent: title || heading ? 0 : 26 });
      if (doc.y + h > bottom) newPage();
      doc.text(p.text!, PAGE.margin, doc.y, { width, align: title ? 'center' : 'left', indent: title || heading ? 0 : 26, lineGap: 4 });
      doc.moveDown(0.4);
      continue;
    }
    drawTable(doc, p.grid!, width, tableSize, bottom, newPage);
    doc.moveDown(0.6);
  }
  pageNumber();
  doc.end();
  return new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
}

/** Column widths: label columns wide, value columns equal. */
function columnWidths(grid: TemplateCell[][], width: number): number[] {
  let cols = 0;
  for (const c of grid[grid.length - 1]) cols += c.colSpan;
  const valueCols = grid[grid.length - 1].filter((c) => !c.header).length;
  const labelCols = cols - valueCols;
  if (labelCols <= 0) return Array(cols).fill(width / cols);
  const valueW = Math.min(44, (width * 0.6) / Math.max(1, valueCols));
  const rest = width - valueW * valueCols;
  const label = labelCols === 3 ? [rest * 0.12, rest * 0.16, rest * 0.72] : Array(labelCols).fill(rest / labelCols);
  return [...label, ...Array(valueCols).fill(valueW)];
}

interface Placed {
  cell: TemplateCell;
  row: number;
  col: number;
}

function drawTable(doc: PDFKit.PDFDocument, grid: TemplateCell[][], width: number, size: number, bottom: number, newPage: () => void) {
  // Place cells on the grid.
  const taken: boolean[][] = grid.map(() => []);
  const placed: Placed[] = [];
  grid.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r][c]) c++;
      for (let dr = 0; dr < cell.rowSpan; dr++) for (let dc = 0; dc < cell.colSpan; dc++) (taken[r + dr] ??= [])[c + dc] = true;
      placed.push({ cell, row: r, col: c });
      c += cell.colSpan;
    }
  });
  // table 四 has no label columns; others: widths from the last row.
  const nCols = Math.max(...taken.map((t) => t.length));
  const widths = nCols === 15 ? Array(15).fill(width / 15) : columnWidths(grid, width);
  const x0 = doc.page.margins.left;
  const colX = (c: number) => x0 + widths.slice(0, c).reduce((a, b) => a + b, 0);
  const cellW = (p: Placed) => widths.slice(p.col, p.col + p.cell.colSpan).reduce((a, b) => a + b, 0);
  doc.fontSize(size);
  const pad = 3;
  // Row heights: from single-row cells' wrapped text.
  const heights = grid.map(() => size + 2 * pad + 4);
  for (const p of placed)
    if (p.cell.rowSpan === 1)
      heights[p.row] = Math.max(heights[p.row], doc.heightOfString(p.cell.text, { width: cellW(p) - 2 * pad }) + 2 * pad);
  // Header rows: those before the first row holding a value cell.
  const headerRows = grid.findIndex((row) => row.some((c) => !c.header));
  const draw = (p: Placed, top: number, height: number) => {
    const w = cellW(p);
    doc.rect(colX(p.col), top, w, height).stroke();
    const th = doc.heightOfString(p.cell.text, { width: w - 2 * pad });
    const align = p.cell.header === 'row' ? 'left' : 'center';
    doc.text(p.cell.text, colX(p.col) + pad, top + Math.max(pad, (height - th) / 2), { width: w - 2 * pad, align });
  };
  let y = doc.y;
  const rowTop: number[] = [];
  const rowPage: number[] = [];
  let page = 0;
  const drawHeader = () => {
    for (let r = 0; r < headerRows; r++) {
      rowTop[r] = y;
      y += heights[r];
    }
    for (const p of placed.filter((q) => q.row < headerRows)) {
      const h = heights.slice(p.row, p.row + p.cell.rowSpan).reduce((a, b) => a + b, 0);
      draw(p, rowTop[p.row], h);
    }
  };
  drawHeader();
  for (let r = headerRows; r < grid.length; r++) {
    if (y + heights[r] > bottom) {
      newPage();
      page++;
      doc.fontSize(size);
      y = doc.y;
      drawHeader();
    }
    rowTop[r] = y;
    rowPage[r] = page;
    y += heights[r];
  }
  // Cells; one spanning rows on two pages has its border on both and its text on the page holding most of its rows.
  const pages = doc.bufferedPageRange();
  const onPage = (n: number) => doc.switchToPage(pages.start + pages.count - 1 - (page - n));
  for (const p of placed.filter((q) => q.row >= headerRows)) {
    const rows = Array.from({ length: p.cell.rowSpan }, (_, k) => p.row + k);
    const byPage = new Map<number, number[]>();
    for (const r of rows) byPage.set(rowPage[r], [...(byPage.get(rowPage[r]) ?? []), r]);
    const main = [...byPage].sort((a, b) => b[1].length - a[1].length)[0][0];
    for (const [pg, rs] of byPage) {
      onPage(pg);
      const h = rowTop[rs[rs.length - 1]] + heights[rs[rs.length - 1]] - rowTop[rs[0]];
      if (pg === main) draw({ ...p, row: rs[0] }, rowTop[rs[0]], h);
      else doc.rect(colX(p.col), rowTop[rs[0]], cellW(p), h).stroke();
    }
    onPage(page);
  }
  doc.x = x0;
  doc.y = y + 4;
}

async function main() {
  const dir = join(__dirname, '..', 'test', 'fixtures', 'pdf');
  mkdirSync(dir, { recursive: true });
  for (const f of PDF_FIXTURES) {
    const parts = reportParts(f.body, f.year, f.format, consistentValues(f.format, f.seed));
    const pdf = await render(parts, f.tableSize);
    writeFileSync(join(dir, f.file), pdf);
    console.log(`${f.file}: ${(pdf.length / 1024).toFixed(0)} KB`);
  }
}

if (require.main === module) void main();
