/**
 * The report model: what the parser makes of a report's text. No LSP or vscode import here:
 * positions follow LSP's conventions (0-based line, UTF-16 character) so every feature can use
 * them as they are.
 */

import type { RuleCode, Severity } from './rules';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type FormatVersion = '2019' | '2021';

/** What a cell holds, after reading its raw text. */
export type CellValue =
  /** A whole number (counts; 本年增/减 may be negative). */
  | { kind: 'int'; value: number }
  /** An exact decimal kept as its text (ASCII digits; never a binary float), with the unit written in the cell (null if none). */
  | { kind: 'decimal'; text: string; unit: '元' | '万元' | null }
  /** Nothing written (or only spaces): reported as cell-blank, counts as 0 in sums. */
  | { kind: 'blank' }
  /** Text that is not a number of the right kind: reported as cell-invalid, counts as 0 in sums. */
  | { kind: 'invalid'; reason: InvalidReason }
  /** The row has fewer cells than the format needs: reported as cell-count, counts as 0 in sums. */
  | { kind: 'missing' };

export type InvalidReason =
  | 'placeholder' // / - — 无 …
  | 'ocr-letter' // Cyrillic or Latin O for 0, l for 1
  | 'split-digits' // "1 0"
  | 'negative' // a count below 0
  | 'fraction' // a count with decimals
  | 'too-large'
  | 'unit' // a unit where none belongs, or a wrong unit
  | 'not-a-number';

export interface Cell {
  /** Row and column keys of format.json (table 四: row = review | direct | post). */
  rowKey: string;
  colKey: string;
  /** The cell's text as written (trimmed); '' for blank or missing cells. */
  raw: string;
  /** Where the text is; for a blank cell the place where a number belongs; for a missing one, the row's end. */
  range: Range;
  value: CellValue;
}

/** How a row label, heading or column header compares with the official wording. */
export type LabelStatus =
  /** The official wording (whitespace and line wraps do not matter). */
  | 'official'
  /** Only brackets, numbering marks (1、 1． 1.), quotes or full-width forms differ. */
  | 'punctuation'
  /** A known variant wording (format.json labelVariants / headingVariants). */
  | 'variant'
  /** Recognised, but the wording differs otherwise (damage, typo, partial label). */
  | 'differs';

export interface Label {
  /** The label as written, its pieces joined (a label wrapped over lines is one label). */
  text: string;
  /** The official wording. */
  official: string;
  status: LabelStatus;
  /** From the first piece's start to the last piece's end. */
  range: Range;
  /** Each piece of the label as written (one unless the label wraps over lines or cells). */
  pieces: Range[];
}

export interface Row {
  key: string;
  /** The label as found; null when the row has no label of its own (table 四's unlabelled data row). */
  label: Label | null;
  cells: Cell[];
  /** From the label (or first cell) to the last cell. */
  range: Range;
  /** Cells beyond the format's count (reported as cell-count). */
  extraCells: { raw: string; range: Range }[];
}

export interface SubTable2 {
  /** Index into the format's table2 list. */
  index: number;
  caption: string;
  captionRange: Range | null;
  /** Column headers as found, matched to the format's columns (null where none was found). */
  headers: (Label | null)[];
  rows: Row[];
}

export interface Table2 {
  range: Range;
  subtables: SubTable2[];
}

export interface Table3 {
  range: Range;
  /** Rows found, keyed by format row key (first occurrence). */
  rows: Record<string, Row>;
  /** Header labels found (e.g. 社会组织 for 社会公益组织), for label checks. */
  headers: Label[];
}

export interface Table4 {
  range: Range;
  /** review, direct, post: five cells each (maintained, corrected, other, pending, total). */
  rows: Record<string, Row>;
  headers: Label[];
}

export type SectionKind = 'narrative' | 'table2' | 'table3' | 'table4';

export interface Section {
  number: 1 | 2 | 3 | 4 | 5 | 6;
  kind: SectionKind;
  heading: Label;
  /** The heading line's whole range. */
  headingLineRange: Range;
  /**
   * From the line after the heading to the end of the section's last line; from where the text
   * begins on the heading's line when it follows the title there (一、总体情况。2023年，…).
   */
  bodyRange: Range;
  /** True when the section's text (tables aside) holds nothing but whitespace. */
  empty: boolean;
  /** A second heading for a section already seen. */
  duplicate: boolean;
}

/** Something the parser saw and could not read, or read with a doubt; the rules turn these into diagnostics. */
export interface ParseProblem {
  code: 'row-unknown' | 'cell-count' | 'row-missing' | 'section-order';
  range: Range;
  /** Message id and arguments (see messages.ts). */
  messageId: string;
  args: Record<string, string | number>;
  data?: Record<string, unknown>;
  /** Lower than the code's own severity (a reading the parser made with a doubt, not an error). */
  severity?: 'information';
}

export interface Report {
  /** Line count of the source, and the length (UTF-16) of each line, for range checks and edits. */
  lineLengths: number[];
  /** The line terminator the source mostly uses. */
  eol: '\n' | '\r\n' | '\r';
  title: { text: string; range: Range } | null;
  /** The issuing body (e.g. 甘河子镇人民政府), from the title. */
  body: string | null;
  year: number | null;
  yearSource: 'title' | 'text' | null;
  format: FormatVersion | null;
  formatSource: 'tables' | 'year' | 'option' | null;
  /** The line whose wording gave the format away (formatSource 'tables'), else null. */
  formatEvidence: Range | null;
  /** Sections in document order (duplicates included, flagged). */
  sections: Section[];
  table2: Table2 | null;
  table3: Table3 | null;
  table4: Table4 | null;
  problems: ParseProblem[];
}

export type { RuleCode, Severity };

export interface RelatedInfo {
  range: Range;
  message: string;
  /** Where the range is when it is in another file (last year's report); absent: the report itself. */
  uri?: string;
}

export interface ReportDiagnostic {
  code: RuleCode;
  severity: Severity;
  message: string;
  range: Range;
  related: RelatedInfo[];
  /** Sum rules: the computed sum and the stated total, as exact decimal strings. */
  expected?: string;
  actual?: string;
  /** Machine-readable facts for quick fixes (e.g. the official label, the section to insert). */
  data?: Record<string, unknown>;
}

/** One addend of a total. */
export interface Addend {
  cell: Cell;
  rowLabel: string;
  columnLabel: string;
  /** The value counted (blank, invalid and missing cells count as 0). */
  value: number;
}

/** One 勾稽关系 instance: a stated total and what it should equal. Computed once, shared by every feature. */
export interface Derivation {
  rule: 'sum-balance' | 'sum-results' | 'sum-row' | 'sum-review';
  /** The stated total cell (sum-balance: the 结转下年度 cell of that column). */
  total: Cell;
  /** Cells added up to give the expected value. */
  addends: Addend[];
  /** Cells subtracted (sum-balance: forward = new + carry − total). */
  subtrahends: Addend[];
  expected: number;
  stated: number;
  holds: boolean;
  /** Whether the stated value is itself a readable number (not blank/invalid/missing). */
  statedReadable: boolean;
}

/** A row's cell by column key (undefined when the row has no such column). */
export function cellOf(row: Row, colKey: string): Cell | undefined {
  return row.cells.find((c) => c.colKey === colKey);
}
