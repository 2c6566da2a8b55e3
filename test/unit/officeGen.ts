/**
 * Word documents as an office suite writes them, and the PDFs it exports: the generated report as
 * .docx (ioGen.ts wordDocx: equal column widths, so long labels wrap over several lines in narrow
 * cells, every cell's text at its top as Word sets it by default; or numberedDocx: the headings and
 * labels numbered by Word's lists), exported to PDF by LibreOffice (scripts/make-office-fixtures.ts
 * makes test/fixtures/office from OFFICE_FIXTURES; the tests rebuild the values from the seed).
 */
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, type Table, VerticalAlignTable } from 'docx';
import type { FormatVersion } from '../../server/src/report/model';
import type { TemplateCell } from '../../server/src/io/official';
import { consistentValues, docxTable, reportParts, type Part } from './ioGen';

export interface OfficeFixture {
  name: string;
  format: FormatVersion;
  seed: number;
  /**
   * How the .docx is written: plain text; numbered by Word's lists, each number and its text a tab apart;
   * or numbered with Word's own indents for a Chinese list (the text's lines at a hanging indent after the
   * number), every cell's text in the middle of its cell and the numbers centred (a table set 居中); or
   * typed as the template words it, in the template's column widths (table 三's label columns narrow),
   * its header rows repeated on each page and no row broken across one, every cell's text centred.
   */
  docx: 'plain' | 'numbered' | 'hanging' | 'template';
}

export const OFFICE_FIXTURES: OfficeFixture[] = [
  { name: 'office-2019', format: '2019', seed: 1, docx: 'plain' },
  { name: 'office-2021', format: '2021', seed: 2, docx: 'plain' },
  { name: 'office-2019-numbered', format: '2019', seed: 3, docx: 'numbered' },
  { name: 'office-2021-numbered', format: '2021', seed: 4, docx: 'numbered' },
  { name: 'office-2019-hanging', format: '2019', seed: 5, docx: 'hanging' },
  { name: 'office-2021-hanging', format: '2021', seed: 6, docx: 'hanging' },
  { name: 'office-2019-template', format: '2019', seed: 7, docx: 'template' },
  { name: 'office-2021-template', format: '2021', seed: 8, docx: 'template' },
];

/**
 * A report typed as the template words it (no lists), its tables in the template's column widths: table
 * 三's three label columns narrow (三、本年度办理结果 and （三）不予公开 a few characters a line), the
 * header rows repeated at the top of each page and no row broken across one (Word's 重复标题行, and
 * 允许跨页断行 off), every cell's text centred across and down.
 */
export async function templateDocx(parts: Part[]): Promise<Uint8Array> {
  const WIDTH = 9000;
  const cell = (t: string) => new Paragraph({ text: t, alignment: AlignmentType.CENTER });
  const children: (Paragraph | Table)[] = parts.map((part) => {
    if (part.kind === 'p') return new Paragraph(part.text!);
    const grid = part.grid!;
    const cols = grid[grid.length - 1].reduce((t, c) => t + c.colSpan, 0);
    const labels = grid.length > 20 ? [540, 720, 1980] : [cols > 3 ? 1980 : 2700];
    const each = Math.floor((WIDTH - labels.reduce((a, b) => a + b, 0)) / (cols - labels.length));
    const columnWidths = [...labels, ...Array<number>(cols - labels.length).fill(each)];
    return docxTable(grid, cell, { verticalAlign: VerticalAlignTable.CENTER, columnWidths, pageRows: true });
  });
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The fixture's values and the report's parts. */
export function officeCase(f: OfficeFixture) {
  const values = consistentValues(f.format, f.seed * 31 + 7);
  const parts = reportParts('某某县人民政府', f.format === '2019' ? 2020 : 2022, f.format, values);
  return { values, parts };
}

/**
 * A report as Word writes one numbered by its lists (the docx library writes numbering.xml as Word
 * does): the section headings one list (一、), table 三's first-level labels another, its second-level
 * labels （一）…（七） a third going on across the table's cells, each group's items 1.… a list
 * restarted for each group; the text of each paragraph without its number.
 */
export async function numberedDocx(parts: Part[], hanging = false): Promise<Uint8Array> {
  const HEAD = /^([一二三四五六七八九十]+)、(.+)$/;
  const ITEM = /^（([一二三四五六七八九十]+)）(.+)$/;
  const DIGIT = /^([1-9])\.(\D.*)$/;
  let group = 0;
  const para = (t: string, inCell: boolean) => {
    let m = HEAD.exec(t);
    if (m) return new Paragraph({ text: m[2], numbering: { reference: inCell ? 'rows' : 'heads', level: 0 } });
    m = inCell ? ITEM.exec(t) : null;
    if (m) return new Paragraph({ text: m[2], numbering: { reference: 'items', level: 0 } });
    m = inCell ? DIGIT.exec(t) : null;
    if (m) {
      if (m[1] === '1') group++;
      return new Paragraph({ text: m[2], numbering: { reference: 'digits', level: 0, instance: group } });
    }
    return new Paragraph(t);
  };
  const cell = (t: string, c: TemplateCell) =>
    hanging && !c.header ? new Paragraph({ text: t, alignment: AlignmentType.CENTER }) : para(t, true);
  const children: (Paragraph | Table)[] = parts.map((part) =>
    part.kind === 'p' ? para(part.text!, false) : docxTable(part.grid!, cell, hanging ? { verticalAlign: VerticalAlignTable.CENTER } : {}),
  );
  // (Word's indents for a list of 一、: the number at the paragraph's left, its text and the text's next
  // lines two characters in, 420 twips)
  const indent = hanging ? { style: { paragraph: { indent: { left: 420, hanging: 420 } } } } : {};
  const level = (format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
    level: 0,
    format,
    text,
    alignment: AlignmentType.LEFT,
    ...indent,
  });
  const doc = new Document({
    numbering: {
      config: [
        { reference: 'heads', levels: [level(LevelFormat.CHINESE_COUNTING, '%1、')] },
        { reference: 'rows', levels: [level(LevelFormat.CHINESE_COUNTING, '%1、')] },
        { reference: 'items', levels: [level(LevelFormat.CHINESE_COUNTING, '（%1）')] },
        { reference: 'digits', levels: [level(LevelFormat.DECIMAL, '%1.')] },
      ],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
