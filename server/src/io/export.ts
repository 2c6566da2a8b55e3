/**
 * Writing a report out in the official layout, ready to publish: the title, the six headings, every
 * narrative line as a paragraph (verbatim), and tables 二、三、四 laid out as the template has them
 * (official.ts: merged header cells, row-spanning group heads, table 四 as one row of fifteen).
 * HTML: one self-contained, accessible page (lang, real <th> with scope, captions). Word: the docx
 * package, merged cells as Word writes them (gridSpan, vMerge).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { valuesOf } from '../report/canonical';
import { analyze } from '../report/index';
import type { FormatVersion, Range, Report } from '../report/model';
import { table2Grid, table3Grid, table4Grid, type TemplateCell } from './official';

export type ExportPart =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; n: 2 | 3 | 4; caption: string; grid: TemplateCell[][] };

const CAPTIONS = { 2: '主动公开政府信息情况', 3: '收到和处理政府信息公开申请情况', 4: '政府信息公开行政复议、行政诉讼情况' } as const;

function inside(line: number, r: Range | undefined | null): boolean {
  return !!r && line >= r.start.line && line <= r.end.line;
}

/** The report as parts to write: what the text says, the tables from the parsed values. */
export function exportParts(text: string): { parts: ExportPart[]; report: Report } {
  const { report } = analyze(text);
  const lines = text.split(/\r\n|\r|\n/);
  const format: FormatVersion = report.format ?? ((report.year ?? 2021) <= 2020 ? '2019' : '2021');
  const parts: ExportPart[] = [];
  const sections = report.sections.filter((s) => !s.duplicate);
  const firstHeading = sections[0]?.headingLineRange.start.line ?? lines.length;
  const titleLine = report.title?.range.start.line ?? -1;
  if (report.title) parts.push({ kind: 'title', text: report.title.text.trim() });
  const tableRanges = [report.table2?.range, report.table3?.range, report.table4?.range];
  const paragraph = (l: number) => {
    const t = lines[l].trim();
    if (t && l !== titleLine && !tableRanges.some((r) => inside(l, r))) parts.push({ kind: 'paragraph', text: t });
  };
  for (let l = 0; l < firstHeading; l++) paragraph(l);
  sections.forEach((s, i) => {
    parts.push({ kind: 'heading', text: s.heading.text.trim() });
    const end = i + 1 < sections.length ? sections[i + 1].headingLineRange.start.line : lines.length;
    const n = s.kind === 'table2' ? 2 : s.kind === 'table3' ? 3 : s.kind === 'table4' ? 4 : null;
    let tableDone = false;
    for (let l = s.headingLineRange.end.line + 1; l < end; l++) {
      if (n && !tableDone && inside(l, tableRanges[n - 2])) {
        parts.push(table(n, format, report));
        tableDone = true;
      }
      paragraph(l);
    }
    if (n && !tableDone) parts.push(table(n, format, report));
  });
  return { parts, report };
}

function table(n: 2 | 3 | 4, format: FormatVersion, report: Report): ExportPart {
  const values = valuesOf(report, n);
  const grid = n === 2 ? table2Grid(format, values) : n === 3 ? table3Grid(format, values) : table4Grid(format, values);
  return { kind: 'table', n, caption: CAPTIONS[n], grid };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toHtml(text: string): string {
  const { parts } = exportParts(text);
  const first = parts[0];
  const title = first?.kind === 'title' ? first.text : '政府信息公开工作年度报告';
  const body = parts.map((p) => {
    if (p.kind === 'title') return `<h1>${esc(p.text)}</h1>`;
    if (p.kind === 'heading') return `<h2>${esc(p.text)}</h2>`;
    if (p.kind === 'paragraph') return `<p>${esc(p.text)}</p>`;
    const rows = p.grid.map(
      (row) =>
        '<tr>' +
        row
          .map((c) => {
            const span = `${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}`;
            return c.header ? `<th scope="${c.header}"${span}>${esc(c.text)}</th>` : `<td${span}>${esc(c.text)}</td>`;
          })
          .join('') +
        '</tr>',
    );
    return `<table>\n<caption>${esc(p.caption)}</caption>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
  });
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body { font-family: "SimSun", "Songti SC", serif; max-width: 60em; margin: 2em auto; padding: 0 1em; line-height: 1.8; color: #000; background: #fff; }
h1 { text-align: center; font-size: 1.5em; }
h2 { font-size: 1.15em; margin-top: 1.5em; }
p { text-indent: 2em; margin: 0.4em 0; }
table { border-collapse: collapse; margin: 1em auto; font-size: 0.9em; }
caption { position: absolute; left: -9999px; }
th, td { border: 1px solid #000; padding: 0.3em 0.5em; }
th { font-weight: normal; text-align: left; }
th[scope="col"], th[scope="colgroup"] { text-align: center; }
td { text-align: center; min-width: 3em; }
</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

export async function toDocx(text: string): Promise<Uint8Array> {
  const { parts } = exportParts(text);
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const children: (Paragraph | Table)[] = [];
  for (const p of parts) {
    if (p.kind === 'title')
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          heading: HeadingLevel.TITLE,
          children: [new TextRun({ text: p.text, bold: true })],
        }),
      );
    else if (p.kind === 'heading')
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: p.text, bold: true })] }));
    else if (p.kind === 'paragraph') children.push(new Paragraph({ indent: { firstLine: 480 }, children: [new TextRun(p.text)] }));
    else
      children.push(
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: p.grid.map(
            (row, r) =>
              new TableRow({
                tableHeader: r === 0 || undefined,
                children: row.map(
                  (c) =>
                    new TableCell({
                      borders,
                      columnSpan: c.colSpan > 1 ? c.colSpan : undefined,
                      rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined,
                      children: [
                        new Paragraph({
                          alignment: c.header === 'row' || c.header === 'rowgroup' ? AlignmentType.LEFT : AlignmentType.CENTER,
                          children: [new TextRun(c.text)],
                        }),
                      ],
                    }),
                ),
              }),
          ),
        }),
      );
  }
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
