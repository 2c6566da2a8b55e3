/**
 * The reports the end-to-end tests open, and the places in them the tests point at.
 * Positions are LSP's: 0-based line, UTF-16 character (a JavaScript string index).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, 'fixtures');

/** A consistent 2021-format report: no diagnostics. */
export const CONSISTENT = 'consistent-2021.xxgk';
/** The same report with the 总计 of （一）予以公开 raised from 5 to 6: a sum-row error. */
export const BROKEN_TOTAL = 'broken-total-2021.xxgk';
/** The same report without section 五: a section-missing error. */
export const MISSING_SECTION_5 = 'missing-section5-2021.xxgk';
/** CONSISTENT's text encoded in GB18030 (as Chinese Windows saves it), bytes as written by Python's gb18030 codec. */
export const GB18030_REPORT = 'consistent-2021-gb18030.txt';
/** A 2021 report as pdftotext lays it out (a copy of test/fixtures/samples/synthetic-2021-pdf-layout.txt). */
export const PDF_LAYOUT = 'pdf-layout-2021.txt';

export const GRANTED_LABEL = '（一）予以公开';
export const BROKEN_TOTAL_VALUE = '6';
export const CORRECT_TOTAL_VALUE = '5';
/** The addends of the broken row, as the derivation should list them. */
export const GRANTED_ADDENDS = ['4', '1', '0', '0', '0', '0'];
export const SECTION_1_HEADING = '一、总体情况';
export const SECTION_5_HEADING = '五、存在的主要问题及改进情况';
export const D5_LABEL = '5.属于三类内部事务信息';
export const D6_LABEL = '属于四类过程性信息';

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export interface CellPosition {
  line: number;
  character: number;
  lineText: string;
}

/** Where the row total (the last cell) of the row labelled `label` is in fixture `name`. */
export function rowTotal(name: string, label: string): CellPosition {
  const lines = fixtureText(name).split(/\r?\n/);
  const line = lines.findIndex((l) => l.includes(label));
  if (line < 0) throw new Error(`${name}: no row labelled ${label}`);
  const lineText = lines[line];
  const match = /(\d+)\s*\|?\s*$/.exec(lineText);
  if (!match) throw new Error(`${name}:${line + 1}: no trailing number`);
  return { line, character: match.index, lineText };
}

/** The line (0-based) of the first line of fixture `name` that contains `text`. */
export function lineOf(name: string, text: string): number {
  const line = fixtureText(name)
    .split(/\r?\n/)
    .findIndex((l) => l.includes(text));
  if (line < 0) throw new Error(`${name}: no line contains ${text}`);
  return line;
}
