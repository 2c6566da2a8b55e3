/**
 * Reading a table out of a section's lines, whatever the layout: one cell per line (Word → web
 * page), tab-separated rows, |-separated rows, space-aligned rows from PDF text (labels wrapping
 * around the numbers), or every cell on its own line with no mark where a row ends.
 *
 * The region is first cut into tokens (label fragments and value cells, each with its range),
 * then the format's row list (labels and their number of cells) tells the rows apart: each run of
 * values belongs to the row whose label best matches the text just before it; fragments left
 * over are the tail of the previous row's label, group heads, header cells, or unknown text,
 * which is reported, never dropped silently.
 */
import type { Cell, Label, LabelStatus, ParseProblem, Range, Row } from './model';
import { comparePositions } from './ranges';
import {
  isPageNumber,
  isPipeRule,
  endsInBlankCell,
  isBoxRule,
  makeTok,
  range,
  separatorOf,
  splitCells,
  splitWords,
  tokOf,
  type RawCell,
  type Separator,
  type Tok,
} from './lines';
import { INVISIBLE, editDistance, isBlank, normalizeLabel, readValue, similarity, similarityBound, squeeze, type ValueKind } from './text';
import { pushAll, replaceFrom } from './arrays';

export type Layout = 'cells' | 'web' | 'rows';

/** Spaces, Markdown marks and a bar before a caption's 表. */
const CAPTION_LEAD = new RegExp(`^[\\s${INVISIBLE}#*>|]+`);

/** A table's caption (表三：… , ## 表二 …, 附表1), repeated by converters before table fragments: not a row. */
export function isCaptionLine(line: string): boolean {
  // (Every caption has 表.)
  if (line.length > 80 || !line.includes('表')) return false;
  const t = line.replace(CAPTION_LEAD, '');
  return /^(?:附?表\s*[一二三四五六七八九十\d]+|附表)(?:[\s:：、.．]|$)/.test(t) && !/[|｜│┃].*[|｜│┃]/.test(t.replace(/[|｜│┃]\s*$/, ''));
}

/** Header cells converters invent for table fragments (| 类别 | 数据1 | … | 总计 |): structure. */
const INVENTED_HEADER = /^(?:类别|项目|序号|数据\d{1,2}|列\d{1,2})$/;

/**
 * What stands around a table and is none of it (a label's key, normalizeLabel): notes and units
 * (注：…, 说明：…, （单位：件）, 金额单位：万元), a source or statistics-period line (数据来源：…,
 * 统计时间：…), a date (2023-01-20, 2023年1月20日), and a PDF page's running header at a page break:
 * the body's or its site's name (示例县人民政府, …门户网站), the report's title.
 */
const AROUND_TABLE =
  /^(?:\(?(?:注|说明|备注|(?:金额|计量|数量|统计)?单位|数据来源|资料来源|来源|统计(?:时间|期限|截止|范围|口径)|填报|制表|审核)|(?:19|20)\d{2}(?:[-./年]\d{1,2}(?:[-./月]\d{1,2}日?)?)$|.{2,30}(?:人民政府|办公室|办公厅|委员会|办事处|门户网站|政府网站|网站)$|.{0,40}(?:政府信息公开|政务公开).{0,12}年度报告$)/;

/** Whether a label's key (normalizeLabel) is text around a table (AROUND_TABLE) or a converter's invented header. */
const notOfTable = (n: string): boolean => AROUND_TABLE.test(n) || INVENTED_HEADER.test(n);

/** A line with nothing on it; a tab makes it a (blank) cell instead. */
function isBlankLine(line: string): boolean {
  return !line.includes('\t') && isBlank(line);
}

/** A line of one cell led by a tab (\t予以公开), with something after the tab when `written`. */
function isTabCell(line: string, written: boolean): boolean {
  return line.charCodeAt(0) === 9 && (!written || line.length > 1) && line.indexOf('\t', 1) < 0;
}

export interface Group {
  texts: Tok[];
  run: Tok[] | null;
}

const MAX_TOKEN_CHARS = 400;

/** Cut lines [from, to) into tokens, with 'break' where the layout ends a row. */
export function tokenize(lines: string[], from: number, to: number, widths: readonly number[] = []): { groups: Group[]; layout: Layout } {
  let nonBlank = 0;
  let cellLines = 0;
  let singles = 0;
  let spaced = 0;
  // Tab-led cell lines each between empty lines are a web copy of a page that indents every
  // paragraph, not one cell per line (where a row's cells stand on adjacent lines).
  let isolated = 0;
  // Pipe rows that end in a blank cell: on every row (rules aside), that is an empty column (a
  // Markdown converter's, `| 0 |  |`) and no cell of the table. (Told until a row ends otherwise.)
  let blankLast = 0;
  let lastColumn = true;
  // (Each line's separator, found once: the rows below use it again.)
  const seps: Separator[] = new Array(to - from);
  for (let i = from; i < to; i++) {
    const l = lines[i];
    // (A tab and spaces is a cell line here: blank, it is a merged cell between empty lines.)
    const cellLine = isTabCell(l, true);
    if (cellLine && (i + 1 >= to || lines[i + 1] === '') && (i === from || lines[i - 1] === '')) isolated++;
    // Lines of only spaces and tabs (merged cells, separators in web copies) say nothing of the layout.
    if (isBlank(l)) continue;
    nonBlank++;
    const sep = (seps[i - from] = separatorOf(l));
    // (A table's box-drawn rules between its rows say nothing of the layout either.)
    if (sep === 'none' && isBoxRule(l)) {
      nonBlank--;
      continue;
    }
    if (sep === 'pipe' && lastColumn) {
      if (endsInBlankCell(l)) blankLast++;
      else if (!isPipeRule(l)) lastColumn = false;
    }
    if (cellLine) cellLines++;
    else if (sep === 'none') singles++;
    // Numbers side by side, runs of spaces apart: a space-aligned row (PDF text), which a web copy
    // never has, however many of its labels stand on lines of their own.
    else if (sep === 'single' || (sep === 'space' && /\d[ \u00a0]{2,}\d/.test(l))) spaced++;
  }
  const layout: Layout =
    nonBlank > 0 && cellLines * 2 >= nonBlank && cellLines >= 3 && isolated * 2 < cellLines
      ? 'cells'
      : nonBlank >= 12 && singles + cellLines >= nonBlank * 0.7 && spaced < 3
        ? 'web'
        : 'rows';
  if (layout === 'web') return { groups: group(tokenizeWeb(lines, from, to, seps, widths), layout), layout };
  const emptyLastColumn = layout === 'rows' && lastColumn && blankLast >= 2;

  const items = new Grouper(layout);
  const words = (i: number, c: RawCell, line: string) => {
    for (const w of splitWords(i, c, line)) items.push(w);
  };
  let prevWasCell = false;
  tabChain = { from: -1, to: -1, blank: false };
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (isBlankLine(line)) {
      if (layout === 'cells') items.push('break');
      prevWasCell = false;
      continue;
    }
    if (isPageNumber(line) || isPipeRule(line) || isCaptionLine(line)) {
      prevWasCell = false;
      continue;
    }
    // One cell per line: a line without a leading tab right after a cell line continues that cell.
    if (layout === 'cells' && prevWasCell && !line.includes('\t')) {
      const last = items.last;
      if (last && last !== 'break') {
        const c = splitCells(line, 'none')[0];
        const r = range(i, c.start, i, c.end);
        if (last.text.length < MAX_TOKEN_CHARS) last.text += c.text;
        (last.pieces ??= [last.range]).push(r);
        last.range = { start: last.range.start, end: r.end };
        if (last.kind === 'empty' || last.kind === 'blank') last.kind = c.kind;
        else if (last.kind === 'value' && c.kind === 'text') last.kind = 'text';
        continue;
      }
    }
    const sep = seps[i - from] ?? separatorOf(line);
    const cells = splitCells(line, sep);
    if (sep === 'tab' && line.startsWith('\t') && cells.length > 1 && cells[0].kind === 'empty') cells.shift();
    if (emptyLastColumn && sep === 'pipe' && cells.length > 1) cells.pop();
    prevWasCell = layout === 'cells' && isTabCell(line, false);
    if (cells.length === 1) {
      const c = cells[0];
      if (c.kind === 'text') words(i, c, line);
      // One cell per line: tab-only lines among values, or two or more of them between empty lines
      // after a label, are blank cells (innerText of `<td><br></td>`, where each cell ends its own
      // line); next to a text cell they are the empty cells of a merged label or header.
      else if (c.kind === 'empty' && layout === 'cells' && line.includes('\t') && tabOnlyBlank(lines, i, from, to))
        items.push(tokOf(i, c, 'blank'));
      else if (c.kind !== 'empty' || layout === 'cells') items.push(tokOf(i, c));
      continue;
    }
    // A run starts at the first value, or at a blank cell (a row whose cells were left empty).
    let seenText = false;
    let firstValue = -1;
    for (let k = 0; k < cells.length && firstValue < 0; k++) {
      const c = cells[k];
      if (c.kind === 'text') seenText = true;
      else if (c.kind === 'value' || (c.kind === 'blank' && seenText)) firstValue = k;
    }
    if (firstValue < 0) {
      // Nothing but tabs (and spaces) on the line: a row of blank cells, when a label stands before it.
      if (sep === 'tab' && !cells.some((c) => c.kind === 'text')) for (const c of cells) items.push(tokOf(i, c, 'blank'));
      for (const c of cells) if (c.kind === 'text') words(i, c, line);
      items.push('break');
      continue;
    }
    let lastText = -1;
    for (let k = 0; k < firstValue; k++) if (cells[k].kind === 'text') lastText = k;
    for (let k = 0; k <= lastText; k++) if (cells[k].kind === 'text') words(i, cells[k], line);
    for (let k = lastText + 1; k < cells.length; k++) {
      const c = cells[k];
      // Inside a run of values, anything written is a value (damaged or not).
      items.push(tokOf(i, c, c.kind === 'text' ? 'value' : c.kind));
    }
    items.push('break');
  }

  return { groups: items.finish(), layout };
}

/**
 * Groups of label text and the run of cells after it, made as the items come (a long table's
 * tokens are never gathered in one array first: each row's stay with their group). The last item
 * is held back until the next comes, since it may still grow (a cell continued on the next line).
 */
class Grouper {
  readonly groups: Group[] = [];
  // (The text and the cells of the group being gathered; emptied and used again for the next.)
  private readonly texts: Tok[] = [];
  private readonly run: Tok[] = [];
  /** The item given last, not yet grouped. */
  last: Tok | 'break' | undefined = undefined;

  constructor(private readonly layout: Layout) {}

  push(item: Tok | 'break'): void {
    if (this.last !== undefined) this.take(this.last);
    this.last = item;
  }

  /** The groups, once every item is given. */
  finish(): Group[] {
    if (this.last !== undefined) this.take(this.last);
    this.last = undefined;
    this.closeRun();
    if (this.texts.length) this.groups.push({ texts: this.texts.slice(), run: null });
    this.texts.length = 0;
    return this.groups;
  }

  private take(it: Tok | 'break'): void {
    if (it === 'break') this.closeRun();
    else if (it.kind === 'text') {
      this.closeRun();
      this.texts.push(it);
    } else if (it.kind === 'empty' && this.layout === 'web') {
      // (Merged cells say nothing in a web copy: its separators and blank lines mark the cells.)
    } else this.run.push(it);
  }

  private closeRun(): void {
    const run = this.run;
    if (run.length === 0) return;
    // A run of blanks with nothing before it is an empty header cell, not a row of values (nor is
    // one after text around the table: a unit line above table 四's blank corner cell, a space or
    // a no-break space in a web copy); one separator between two texts separates header cells; a
    // label and two or more separators with nothing between them is a row whose cells were all left blank.
    let seps = 0;
    let blanks = false;
    let inferred = 0;
    let values = false;
    for (const t of run) {
      if (t.kind === 'sep') seps++;
      else if (t.kind === 'value') values = true;
      else if (t.kind === 'blank' && !t.inferred) blanks = true;
      if (t.inferred) inferred++;
    }
    const texts = this.texts;
    if (!values && texts.length > 0 && notOfTable(joinNorm(texts))) {
      run.length = 0;
      return;
    }
    // (A group keeps copies of the two lists, of their length: a list grown by push holds room
    // for some sixteen more, which a table of many rows would keep to its end.)
    if (values || (texts.length > 0 && (seps >= 2 || inferred >= 2 || (blanks && seps === 0)))) {
      this.groups.push({ texts: texts.slice(), run: run.slice() });
      texts.length = 0;
    }
    run.length = 0;
  }
}

/** Groups of label text and the run of cells after it, of items already gathered. */
function group(items: (Tok | 'break')[], layout: Layout): Group[] {
  const g = new Grouper(layout);
  for (const it of items) g.push(it);
  return g.finish();
}

/**
 * A table copied from a web page, every cell on its own line. Two copies of one page differ:
 * innerText puts a lone-tab line between the cells of a row (a cell written without <p> keeps its
 * tabs on its own line: `\t10\t`), so each separator starts a cell and two separators with nothing
 * between them stand for a blank cell; Ctrl+C keeps no tab, cells and rows are one empty line apart,
 * and a blank cell leaves only extra empty lines. Lines holding only spaces or no-break spaces are
 * blank cells in both. Rows are told apart later by their labels and their number of cells.
 */
function tokenizeWeb(lines: string[], from: number, to: number, seps: Separator[], widths: readonly number[]): (Tok | 'break')[] {
  let sepLines = 0;
  const gaps = new Map<number, number>();
  let gap = -1;
  for (let i = from; i < to; i++) {
    const l = lines[i];
    if (l === '') {
      if (gap >= 0) gap++;
      continue;
    }
    if (l.includes('\t') && isBlank(l)) sepLines++;
    if (gap > 0) gaps.set(gap, (gaps.get(gap) ?? 0) + 1);
    gap = 0;
  }
  const sepMode = sepLines >= 3;
  // The usual number of empty lines between two cells (Ctrl+C: one).
  let usual = 1;
  let most = 0;
  for (const [g, n] of gaps) if (n > most || (n === most && g < usual)) [usual, most] = [g, n];
  const items: (Tok | 'break')[] = [];
  // Ctrl+C of a page whose cells are paragraphs (`<td><p>5</p></td>`) sets a cell's text and an empty
  // line; of one whose cells each end in a line break (`<td>5<br></td>`), the text and a line break
  // only, a blank cell one empty line. So after a cell, `usual` empty lines are a blank cell or
  // nothing. The first way never sets two cells on lines right after each other: a row's stretch
  // of cells (from one text to the next) where two touch is read the second way. So is one without,
  // when the table has such rows and the first way gives a number of cells the format's rows do not
  // have (the second way gives more: a page of line-broken cells with every cell of the row after
  // a blank one). Any other is read the first way; a row misread by it gets too few cells, reported.
  // (The format's numbers of cells: `widths`.)
  const stretches: { maybes: number[]; cells: number; touching: boolean }[] = [];
  let stretch: { maybes: number[]; cells: number; touching: boolean } | null = null;
  const cellTok = (t: Tok) => {
    stretch ??= { maybes: [], cells: 0, touching: false };
    stretch.cells++;
    items.push(t);
  };
  const endStretch = () => {
    if (stretch) stretches.push(stretch);
    stretch = null;
  };
  /** The blank cells that a gap of empty lines after a cell stands for (the last `usual` of them maybe none). */
  const afterCell = (at0: number, gapLines: number, last = Infinity) => {
    if (!stretch) return;
    if (gapLines === 0) stretch.touching = true;
    for (let k = 0; k < gapLines; k++) {
      const at = Math.min(last, at0 + k);
      const r = range(at, 0, at, 0);
      if (k >= gapLines - usual) stretch.maybes.push(items.length);
      else stretch.cells++;
      items.push(makeTok('', 'blank', r, undefined, true));
    }
  };
  let empties = 0;
  let lastContent = -1;
  let lastKind: 'text' | 'cell' | null = null;
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (line === '') {
      empties++;
      continue;
    }
    const gapBefore = empties;
    empties = 0;
    if (isPageNumber(line) || isPipeRule(line) || isCaptionLine(line)) continue;
    // Ctrl+C: empty lines after a cell (see above), before a cell of spaces (`<p>&nbsp;</p>`) as before any other.
    if (!sepMode && isBlank(line) && !line.includes('\t')) {
      if (lastKind === 'cell') afterCell(lastContent + 1, gapBefore);
      // (after a label: the row's first cells left blank, before one of spaces)
      else if (lastKind === 'text')
        for (let k = 0; k < gapBefore - usual; k++) {
          const r = range(lastContent + 1 + k, 0, lastContent + 1 + k, 0);
          cellTok(makeTok('', 'blank', r, undefined, true));
        }
    }
    if (isBlank(line)) {
      if (line.includes('\t') && sepMode) {
        // One separator per tab: an empty <td> leaves its tab right after the one before (\t\t).
        for (let k = line.indexOf('\t'); k >= 0; k = line.indexOf('\t', k + 1)) {
          const r = range(i, k + 1, i, k + 1);
          items.push(makeTok('', 'sep', r));
        }
      } else {
        // A space or a no-break space where a cell's text would be: a blank cell.
        const r = range(i, 0, i, line.length);
        cellTok(makeTok('', 'blank', r));
      }
      lastKind = 'cell';
      lastContent = i;
      continue;
    }
    // (A tab before a paragraph's text, the line's only one, is its indent (a pre-wrap page), no separator.)
    const indented = line.startsWith('\t') && line.indexOf('\t', 1) < 0 && cellAt0(line).kind === 'text';
    // (A row in single spaces among cell lines, as a PDF copy may have: its cells, without separators.)
    const single = seps[i - from] === 'single';
    const pieces = line.includes('\t') && !indented ? splitCells(line, 'tab') : single ? splitCells(line, 'single') : [cellAt0(line)];
    // Ctrl+C: extra empty lines between two cells stand for blank cells (a `<p> </p>` leaves one more).
    const first = pieces.find((c) => c.kind !== 'empty' && c.kind !== 'blank');
    // (after a label only when a value follows, or a row's worth of space: extra space between
    // header texts is only space)
    if (!sepMode && lastKind === 'cell') afterCell(lastContent + 1, gapBefore);
    else if (!sepMode && lastContent >= 0 && gapBefore > usual && ((first && first.kind !== 'text') || gapBefore > usual + 2)) {
      for (let k = 0; k < gapBefore - usual; k++) {
        const at = lastContent + 1 + k;
        const r = range(at, 0, at, 0);
        cellTok(makeTok('', 'blank', r, undefined, true));
      }
    }
    // A row's cells on one line (cells written without <p>: Ctrl+C keeps the tabs between them).
    const between = pieces.length > 2 || (pieces.length === 2 && pieces[0].kind !== 'empty');
    for (let k = 0; k < pieces.length; k++) {
      const c = pieces[k];
      if (k > 0 && !single && (sepMode || between)) {
        // Each tab separates the cells around it (a cell written without <p> keeps its tabs: \t10\t).
        const r = range(i, c.start, i, c.start);
        items.push(makeTok('', 'sep', r));
      }
      // (Without separators a leading tab is a paragraph's indent.)
      if (c.kind === 'empty') continue;
      if (c.kind === 'blank') {
        // A blank cell written in a row on one line (\t \t): it stands where its spaces are.
        if (pieces.length > 1 && (sepMode || between)) cellTok(tokOf(i, c));
        continue;
      }
      if (c.kind === 'text') {
        endStretch();
        items.push(...splitWords(i, c, line));
        lastKind = 'text';
      } else {
        cellTok(tokOf(i, c));
        lastKind = 'cell';
      }
    }
    lastContent = i;
  }
  // Blank cells at the very end of the table: the extra empty lines before the next heading (after
  // a label, a row's worth of them: its cells all left blank).
  if (!sepMode && lastKind === 'cell') afterCell(lastContent + 1, empties, to - 1);
  else if (!sepMode && lastContent >= 0 && empties > usual + 2)
    for (let k = 0; k < empties - usual; k++) {
      const at = Math.min(to - 1, lastContent + 1 + k);
      const r = range(at, 0, at, 0);
      cellTok(makeTok('', 'blank', r, undefined, true));
    }
  endStretch();
  if (sepMode) return items;
  // A stretch whose cells touch is read the second way (unless only the first way gives the row's
  // number of cells: a value typed into a blank cell's line); another, when the table has such
  // stretches (its page writes every cell so) and the first way does not give the row's cells.
  const fits = (s: (typeof stretches)[number]) => widths.includes(s.cells) && !widths.includes(s.cells + s.maybes.length);
  const broken = stretches.map((s) => s.touching && !fits(s));
  const lineBreaks = broken.includes(true);
  const dropped = new Set<number>();
  stretches.forEach((s, k) => {
    if (!broken[k] && !(lineBreaks && !s.touching && !widths.includes(s.cells))) for (const at of s.maybes) dropped.add(at);
  });
  return dropped.size ? items.filter((_, k) => !dropped.has(k)) : items;
}

const isTabOnly = (l: string) => l.includes('\t') && isBlank(l);
const TAB_VALUE = /^\t[ \u00a0]*[\d０-９][\d０-９,，.]*[ \u00a0]*$/;
let tabChain = { from: -1, to: -1, blank: false };

/** Whether the run of tab-only lines that line i is in stands for blank cells (see tokenize). */
function tabOnlyBlank(lines: string[], i: number, from: number, to: number): boolean {
  if (i >= tabChain.from && i < tabChain.to) return tabChain.blank;
  let a = i;
  while (a > from && isTabOnly(lines[a - 1])) a--;
  let b = i + 1;
  while (b < to && isTabOnly(lines[b])) b++;
  const before = a > from ? lines[a - 1] : '';
  const after = b < to ? lines[b] : '';
  const text = (l: string) => l.includes('\t') && !isBlank(l) && !TAB_VALUE.test(l);
  const blank = !text(before) && !text(after) && (TAB_VALUE.test(before) || TAB_VALUE.test(after) || b - a >= 2);
  tabChain = { from: a, to: b, blank };
  return blank;
}

function cellAt0(line: string): RawCell {
  return splitCells(line, 'none')[0];
}

/** A row of the format, as the matcher needs it. */
export interface TemplateRow {
  key: string;
  label: string;
  norm: string;
  /** Known variant wordings, normalised. */
  variants: string[];
  /** Other wordings taken as the official one, normalised (table 四's group names alone). */
  aliases: string[];
  kinds: ValueKind[];
  colKeys: string[];
  /** Taken only when its text is the label itself (a row outside the format, read when it is there). */
  strict?: boolean;
}

export interface Template {
  rows: TemplateRow[];
  /** Group heads, captions and header cells (normalised): fragments of these are structure, not data. */
  structure: string[];
  /** Header labels with known variants: official → normalised variants. */
  headerVariants: { official: string; variants: string[] }[];
  tableName: string;
  /** Each row's last cell is the sum of the others (table 四's groups). */
  rowTotals?: boolean;
  /**
   * Sums that hold in every column (table 三, whose rows' last cells are also their totals): the
   * cells of the rows named, each times its coefficient, add up to zero.
   */
  sums?: { key: string; coef: number }[][];
}

export interface MatchedRow {
  t: TemplateRow;
  index: number;
  pieces: Tok[];
  run: Tok[];
}

export interface AssembleResult {
  rows: MatchedRow[];
  headers: Label[];
  problems: ParseProblem[];
  firstRange: Range | null;
  lastRange: Range | null;
}

const THRESHOLD = 0.55;
/** scoreLabel's floor for a row seen before (a score of at least 0.9): any floor below 0.9 leaves those scores as they are. */
const DUP_FLOOR = 0.89;

/**
 * Whether a fragment (normalised) is a piece of the template's structure wording. Fragments are
 * mostly the format's own words, the same in every report: the answers are kept per template, up
 * to a bound.
 */
function isStructure(tpl: Template, n: string): boolean {
  let known = STRUCTURE_PIECES.get(tpl.structure);
  if (!known) STRUCTURE_PIECES.set(tpl.structure, (known = new Map()));
  let hit = known.get(n);
  if (hit === undefined) {
    if (known.size >= FRAGMENT_CACHE_SIZE) known.clear();
    known.set(n, (hit = tpl.structure.some((s) => s.includes(n))));
  }
  return hit;
}
const STRUCTURE_PIECES = new WeakMap<string[], Map<string, boolean>>();
const FRAGMENT_CACHE_SIZE = 4096;

/** The header label a normalised text is a known variant of (the first one listed), by a map built once per template. */
function headerVariantOf(tpl: Template, n: string): Template['headerVariants'][number] | undefined {
  let byVariant = HEADER_VARIANTS.get(tpl.headerVariants);
  if (!byVariant) {
    byVariant = new Map();
    for (const h of tpl.headerVariants) for (const v of h.variants) if (!byVariant.has(v)) byVariant.set(v, h);
    HEADER_VARIANTS.set(tpl.headerVariants, byVariant);
  }
  return byVariant.get(n);
}
const HEADER_VARIANTS = new WeakMap<Template['headerVariants'], Map<string, Template['headerVariants'][number]>>();

/** How well a candidate label (normalised) names a template row. */
export function scoreLabel(cand: string, t: TemplateRow, floor = 0): number {
  if (cand.length === 0) return 0;
  if (cand === t.norm) return 1;
  if (t.strict) return 0;
  if (t.aliases.includes(cand)) return 0.99;
  if (t.variants.includes(cand)) return 0.97;
  // A fragment of the label (a wrapped label's piece); too short a piece says nothing by itself.
  if (t.norm.includes(cand) && cand.length >= Math.min(4, t.norm.length)) return 0.5 + 0.45 * (cand.length / t.norm.length);
  for (const v of t.variants) if (v.includes(cand) && cand.length >= 4) return 0.5 + 0.4 * (cand.length / v.length);
  if (cand.includes(t.norm)) return 0.6 + 0.3 * (t.norm.length / cand.length);
  // One or two characters lost or doubled in a short label (typing, OCR): close by edits even when
  // bigrams differ (longer labels keep enough bigrams for similarity()).
  const len = Math.max(cand.length, t.norm.length);
  // (Not equal, so at least one edit: skip the count when even one edit cannot beat the floor.)
  const edits = len <= 12 && 0.9 * (1 - 1 / len) > floor ? editDistance(cand, t.norm, 2) : 3;
  const byEdits = edits <= 2 && edits < len / 2 ? 0.9 * (1 - edits / len) : 0;
  if (Math.max(byEdits, 0.9 * similarityBound(cand.length, t.norm.length)) <= floor) return 0;
  return Math.max(byEdits, 0.9 * similarity(cand, t.norm));
}

function normOf(t: Tok): string {
  return (t.norm ??= normalizeLabel(t.text.length > MAX_TOKEN_CHARS ? t.text.slice(0, MAX_TOKEN_CHARS) : t.text));
}

function joinNorm(toks: Tok[]): string {
  let s = '';
  for (const t of toks) {
    s += normOf(t);
    if (s.length > MAX_TOKEN_CHARS) break;
  }
  return s;
}

function spanOf(toks: Tok[]): Range {
  return toks[0].to(toks[toks.length - 1]);
}

export function labelStatus(written: string, official: string, variants: string[], aliases: string[] = []): LabelStatus {
  if (written === official || squeeze(written) === squeeze(official)) return 'official';
  const n = normalizeLabel(written);
  if (n === normalizeLabel(official)) return 'punctuation';
  if (aliases.includes(n)) return 'official';
  if (variants.includes(n)) return 'variant';
  return 'differs';
}

export function makeLabel(pieces: Tok[], official: string, variants: string[], aliases: string[] = []): Label {
  let text = '';
  const all: Range[] = [];
  for (const p of pieces) {
    text += p.text;
    if (p.pieces) for (const r of p.pieces) all.push(r);
    else all.push(p.range);
  }
  return { text, official, status: labelStatus(text, official, variants, aliases), range: spanOf(pieces), pieces: all };
}

/** Assign runs of values to the template's rows, in order. */
export function assemble(groups: Group[], tpl: Template): AssembleResult {
  const rows: MatchedRow[] = [];
  const headers: Label[] = [];
  const problems: ParseProblem[] = [];
  let p = 0;
  let last: MatchedRow | null = null;
  // The first and the last thing read (a token's range is made only for these two).
  const seen: { first: Tok | null; last: Tok | null } = { first: null, last: null };
  const see = (t: Tok) => {
    seen.first ??= t;
    seen.last = t;
  };

  // Values with no label before them and unknown text, for the rows read by the table's order (fillByOrder).
  const orphans: Orphan[] = [];
  const strays: Stray[] = [];
  const unknown = (toks: Tok[], messageId = 'row-unknown', extra: Record<string, string | number> = {}) => {
    // One problem per line of unknown text.
    let i = 0;
    while (i < toks.length) {
      let j = i + 1;
      while (j < toks.length && toks[j].line === toks[i].lastLine) j++;
      const part = toks.slice(i, j);
      const text = part.map((t) => t.text).join(' ');
      const problem: ParseProblem = {
        code: 'row-unknown',
        range: spanOf(part),
        messageId,
        args: { text: text.length > 60 ? text.slice(0, 60) + '…' : text, table: tpl.tableName, ...extra },
      };
      problems.push(problem);
      strays.push({ toks: part, problem });
      i = j;
    }
  };

  // A header cell split over two cells of one line (采则 | 内总金额): recognise the pair as one variant.
  const claimed = new Set<Tok>();
  const joinedHeader = (toks: Tok[], k: number): boolean => {
    if (claimed.has(toks[k])) return true;
    const next = toks[k + 1];
    if (!next || next.line !== toks[k].line) return false;
    const n = normalizeLabel(toks[k].text + next.text);
    const hv = headerVariantOf(tpl, n);
    if (!hv) return false;
    headers.push(makeLabel([toks[k], next], hv.official, hv.variants));
    claimed.add(next);
    return true;
  };

  /** Whether a fragment continues the previous row's label (a label wrapped below its numbers). */
  const continuesLast = (n: string): boolean => {
    if (!last) return false;
    const current = joinNorm(last.pieces);
    if (current === last.t.norm) return false;
    const joined = current + n;
    const t = last.t;
    return t.norm.includes(joined) || t.variants.some((o) => o.includes(joined)) || t.aliases.some((o) => o.includes(joined));
  };

  /**
   * A lone character right after text on its line that ends a row's wording with it: a label justified
   * with a space inside (…大量反复申 请), its character no piece of the table's structure then.
   */
  const endsRowWording = (before: Tok | undefined, tok: Tok, n: string) => {
    if (n.length !== 1 || before === undefined || before.lastLine !== tok.line) return false;
    const joined = normOf(before) + n;
    return tpl.rows.some((r) => r.norm.endsWith(joined));
  };
  const leftovers = (toks: Tok[]) => {
    const unknownToks: Tok[] = [];
    for (const tok of toks) {
      see(tok);
      const n = normOf(tok);
      if (n === '') continue;
      if (continuesLast(n)) {
        last!.pieces.push(tok);
        continue;
      }
      const hv = headerVariantOf(tpl, n);
      if (hv) {
        headers.push(makeLabel([tok], hv.official, hv.variants));
        continue;
      }
      if (isStructure(tpl, n) && !endsRowWording(unknownToks[unknownToks.length - 1], tok, n)) continue;
      if (notOfTable(n)) continue;
      unknownToks.push(tok);
    }
    if (unknownToks.length) unknown(unknownToks.filter((tok, k) => !joinedHeader(unknownToks, k)));
  };

  /** The best row at or after `from` for a candidate label (labelStart), farther rows a little less. */
  const rowFor = (cand: string, from: number): { j: number; score: number } => {
    let best = { j: -1, score: 0 };
    for (let j = from; j < tpl.rows.length; j++) {
      const penalty = 0.01 * (j - from);
      const sc = labelStart(cand, tpl.rows[j], Math.max(best.score, THRESHOLD) + penalty) - penalty;
      if (sc > best.score) best = { j, score: sc };
    }
    return best;
  };

  /**
   * A run of values with no label before it, waiting for the text after it; or one whose text
   * before it is a group head that is also a row outside the format (the 2019 row （六）其他处理 in a
   * 2021 table), taken as that row unless its group's first item names it from below.
   */
  let pending: { run: Tok[]; legacy?: { j: number; pieces: Tok[] } } | null = null;
  const settle = (run: Tok[], legacy: { j: number; pieces: Tok[] } | undefined) => {
    if (legacy) return matchRow(legacy.j, legacy.pieces, run);
    const problem: ParseProblem = {
      code: 'row-unknown',
      range: spanOf(run),
      messageId: 'row-unknown.unlabelled',
      args: { table: tpl.tableName },
    };
    problems.push(problem);
    orphans.push({ run, at: rows.length, problem });
  };
  const matchRow = (j: number, pieces: Tok[], run: Tok[]) => {
    const m: MatchedRow = { t: tpl.rows[j], index: j, pieces, run };
    rows.push(m);
    last = m;
    p = j + 1;
    for (const t of pieces) see(t);
  };

  /**
   * PDF text sets a label wholly below its numbers when the row is taller than the label (a
   * neighbouring merged cell, a label of three lines, numbers at the row's top): the fragments after
   * a pending run are its label when they name a row in order. They are split between it and the
   * next run (the rest, a label above its numbers) where the two labels score best together, each
   * in the template's row order; on a tie the pending run takes them (a run without a label is no
   * row at all, the next run may still find its label below it). Returns how many fragments it took.
   */
  const takeBelow = (texts: Tok[], next: boolean, rowsAfter = 1): number => {
    const { run, legacy } = pending!;
    pending = null;
    // (The next run holds the cells of several rows: the text before it is their block of labels.)
    if (rowsAfter > 1) {
      settle(run, legacy);
      return 0;
    }
    // The next run's label from fragment `from` on: the text just before it (the best suffix, as in the main loop).
    const nextScore = (from: number, after: number) => {
      let r = 0;
      for (let t = from; next && t < texts.length; t++) r = Math.max(r, rowFor(joinNorm(texts.slice(t)), after).score);
      return r >= THRESHOLD ? r : 0;
    };
    let best = { s: 0, j: -1, score: nextScore(0, p) };
    for (let s = 1; s <= Math.min(texts.length, 12); s++) {
      const mine = rowFor(joinNorm(texts.slice(0, s)), p);
      if (mine.score < THRESHOLD || (legacy && (mine.j !== legacy.j + 1 || mine.score < 0.9))) continue;
      const score = mine.score + nextScore(s, mine.j + 1);
      if (score >= best.score) best = { s, j: mine.j, score };
    }
    if (best.j < 0) {
      settle(run, legacy);
      return 0;
    }
    matchRow(best.j, texts.slice(0, best.s), run);
    return best.s;
  };

  // (Where the strays of the text after the last run begin.)
  let trail = -1;
  for (const [k, g] of groups.entries()) {
    if (!g.run) {
      const rest = pending ? g.texts.slice(takeBelow(g.texts, false)) : g.texts;
      if (k === groups.length - 1) trail = strays.length;
      leftovers(rest);
      continue;
    }
    let texts = g.texts;
    // A wrapped label's last piece, below its numbers (PDF text), continues the row before (not
    // across a run that has no label).
    let lead = 0;
    while (!pending && lead < texts.length && continuesLast(normOf(texts[lead]))) {
      last!.pieces.push(texts[lead]);
      see(texts[lead]);
      lead++;
    }
    // Pieces of a group head or a merged label set between a label's wrapped pieces ((六)其 … 他处理)
    // are structure: left out of the label (unless the rows about to come have that wording; a lone
    // character of a vertical cell, 三 or 本, on the numbers' line is structure even so).
    const coming = (n: string) => {
      for (let j = p; j < p + 4 && j < tpl.rows.length; j++) if (tpl.rows[j].norm.includes(n)) return true;
      return false;
    };
    const runLine = g.run[0].line;
    texts = texts.slice(lead).filter((tok, k, all) => {
      const n = normOf(tok);
      if (n === '' || !isStructure(tpl, n)) return true;
      if (n.length > 1 || tok.line !== runLine) return coming(n);
      // A lone character is the label's when it makes the wording of a row to come with the text
      // next to it on its line: a label written with spaces inside a word (3.其 他, （七）总\u3000计,
      // 行 政 复 议).
      const before = all[k - 1];
      const after = all[k + 1];
      return (
        (before !== undefined && before.line === tok.line && coming(normOf(before) + n)) ||
        (after !== undefined && after.line === tok.line && coming(n + normOf(after)))
      );
    });
    if (pending) texts = texts.slice(takeBelow(texts, true, Math.floor(writtenCells(g.run).length / (tpl.rows[p]?.colKeys.length ?? 1))));
    // Normalised suffixes of the text before the run, longest last: suffix[s] = texts[s..] joined.
    const lo = Math.max(0, texts.length - 12);
    const suffix: string[] = [];
    let acc = '';
    for (let s = texts.length - 1; s >= lo; s--) {
      acc = normOf(texts[s]) + acc;
      suffix[s] = acc.length > MAX_TOKEN_CHARS ? acc.slice(0, MAX_TOKEN_CHARS) : acc;
    }
    // A vertical cell's character on a line of its own after the label (（五）不予处理's 理) is structure
    // when the label before it names the next row exactly.
    const tail = exactBeforeLoneChars(texts, lo, tpl, p);
    if (tail < texts.length) {
      texts = texts.slice(0, tail);
      suffix.length = tail;
    }
    let best = { j: -1, s: texts.length, score: 0 };
    // The common case first: the text names the next row exactly.
    if (p < tpl.rows.length) {
      for (let s = texts.length - 1; s >= lo; s--) {
        if (suffix[s] === tpl.rows[p].norm) best = { j: p, s, score: 1 };
      }
    }
    if (best.score < 1) {
      for (let s = lo; s < texts.length; s++) {
        const cand = suffix[s];
        for (let j = p; j < tpl.rows.length; j++) {
          const penalty = 0.01 * (j - p);
          const sc = scoreLabel(cand, tpl.rows[j], Math.max(best.score, THRESHOLD) + penalty) - penalty;
          if (sc > best.score) best = { j, s, score: sc };
        }
      }
    }
    // A wrapped label's first piece that begins the labels of several rows names the first of them.
    if (best.j > p && best.score < 0.9) best.j = firstBeginning(suffix[best.s], tpl.rows, p, best.j);
    // (The run's first and last cells: what the run's range would be, none made unless a problem needs it.)
    const runFirst = g.run[0];
    const runLast = g.run[g.run.length - 1];
    const seeRun = () => {
      see(runFirst);
      see(runLast);
    };
    if (best.j >= 0 && tpl.rows[best.j].strict && tpl.structure.includes(suffix[best.s])) {
      // The head's first item may name the run from above the head (set in a column of its own,
      // on the numbers' line) or from below the run.
      let k = best.s - 1;
      while (k >= lo && labelStart(joinNorm(texts.slice(k, best.s)), tpl.rows[best.j + 1]) < THRESHOLD) k--;
      if (k >= lo) {
        leftovers(texts.slice(0, k));
        matchRow(best.j + 1, texts.slice(k, best.s), g.run);
      } else {
        leftovers(texts.slice(0, best.s));
        pending = { run: g.run, legacy: { j: best.j, pieces: texts.slice(best.s) } };
      }
      seeRun();
      continue;
    }
    if (best.j >= 0 && best.score >= THRESHOLD) {
      // A row skipped over whose label stands alone (a copy that lost every cell of it: Ctrl+C of
      // empty <td>s, or one blank merged across the row) is that row with no cells, reported as
      // such, not an unknown text; its label on one line, or on two (broken by a <br>).
      let from = 0;
      for (let s = 0; s < best.s && best.j > p; s++) {
        const alone = labelAlone([texts[s]], s + 1 < best.s ? [texts[s + 1]] : null, tpl, p, best.j);
        if (!alone) continue;
        leftovers(texts.slice(from, s));
        const w = alone.pieces.length;
        rows.push(aloneRow(tpl, alone.j, alone.pieces));
        see(texts[s]);
        p = alone.j + 1;
        from = s + w;
        s += w - 1;
      }
      leftovers(texts.slice(from, best.s));
      const m: MatchedRow = { t: tpl.rows[best.j], index: best.j, pieces: texts.slice(best.s), run: g.run };
      rows.push(m);
      last = m;
      p = best.j + 1;
      see(m.pieces[0]);
      seeRun();
      continue;
    }
    // A row seen before, or text the format does not have.
    // (Only the text just before the run can name its row: the same suffixes as above, so that a
    // long stretch of text before one run costs its length once, not its square.)
    let dup = -1;
    for (let s = lo; s < texts.length && dup < 0; s++) {
      const cand = suffix[s];
      // (A floor just under 0.9: scores that cannot reach it are not worked out, the rest are the same.)
      for (let j = 0; j < p; j++) if (scoreLabel(cand, tpl.rows[j], DUP_FLOOR) >= 0.9) dup = j;
      if (dup >= 0) {
        leftovers(texts.slice(0, s));
        const label = texts.slice(s);
        problems.push({
          code: 'row-unknown',
          range: label[0].to(runLast),
          messageId: 'row-unknown.duplicate',
          args: { label: tpl.rows[dup].label, table: tpl.tableName },
        });
      }
    }
    if (dup >= 0) {
      seeRun();
      continue;
    }
    // Fragments that continue the previous label stay with it, structure is skipped; the rest is reported with its values.
    const rest: Tok[] = [];
    for (const tok of texts) {
      if (rest.length === 0) {
        const n = normOf(tok);
        if (continuesLast(n)) {
          last!.pieces.push(tok);
          continue;
        }
        if (n === '' || isStructure(tpl, n)) continue;
      }
      rest.push(tok);
    }
    if (rest.length) {
      const text = rest.map((t) => t.text).join('');
      problems.push({
        code: 'row-unknown',
        range: rest[0].to(runLast),
        messageId: 'row-unknown',
        args: { text: text.length > 60 ? text.slice(0, 60) + '…' : text, table: tpl.tableName },
      });
      see(rest[0]);
    } else if (g.run.some((t) => t.kind === 'value')) pending = { run: g.run };
    seeRun();
  }
  if (pending) settle(pending.run, pending.legacy);
  fillByOrder(rows, orphans, strays, tpl, problems);
  // The text after the table's last run may hold labels alone too (a last row all blank, its blanks
  // merged into one cell a copy keeps nothing of): rows after the last one read, each with no cell.
  if (trail >= 0) {
    let q = 0;
    for (const m of rows) q = Math.max(q, m.index + 1);
    const left = strays.slice(trail).filter((x) => problems.includes(x.problem));
    const solved = new Set<ParseProblem>();
    for (let a = 0; a < left.length && q < tpl.rows.length; a++) {
      const alone = labelAlone(left[a].toks, a + 1 < left.length ? left[a + 1].toks : null, tpl, q, tpl.rows.length);
      if (!alone) continue;
      rows.push(aloneRow(tpl, alone.j, alone.pieces));
      for (const x of left.slice(a, a + alone.lines)) solved.add(x.problem);
      see(alone.pieces[alone.pieces.length - 1]);
      q = alone.j + 1;
      a += alone.lines - 1;
    }
    if (solved.size)
      replaceFrom(
        problems,
        0,
        problems.filter((x) => !solved.has(x)),
      );
  }
  // Labels set apart from their numbers (pdftotext's reading order) may defeat the reading above:
  // the whole table read again by its order, taken only when every row and every text is accounted for.
  if (problems.some((x) => x.code === 'row-unknown') || rows.some((m) => labelOnly(m) || writtenCells(m.run).length > m.t.colKeys.length)) {
    const alt = readByOrder(groups, tpl);
    if (alt) return alt;
  }
  return { rows, headers, problems, firstRange: seen.first?.range ?? null, lastRange: seen.last?.range ?? null };
}

/**
 * A table whose numbers come in the table's row order while its labels stand anywhere among them
 * (pdftotext's default reading order: labels in blocks, below their numbers, after the table):
 * each row of the format is named by text somewhere in the table (its label, or its pieces in
 * order with lone structure characters between them), and the numbers, in order, are exactly the
 * cells of the rows so named. Null unless every row is named, the numbers fill them exactly, and
 * every other text is structure (a header cell, a group head, a note) — then nothing is read by
 * position alone and nothing is dropped.
 */
export function readByOrder(groups: Group[], tpl: Template): AssembleResult | null {
  // (Too many texts to look a label up among: said before anything is gathered.)
  let textCount = 0;
  for (const g of groups) textCount += g.texts.length;
  if (textCount > 2000) return null;
  const texts: Tok[] = [];
  const cells: Tok[] = [];
  const runs: Tok[][] = [];
  for (const g of groups) {
    for (const t of g.texts) texts.push(t);
    const run = g.run ? writtenCells(g.run) : [];
    if (run.length) runs.push(run);
    for (const c of run) cells.push(c);
  }
  if (!cells.length || texts.length > 2000) return null;
  const used = new Uint8Array(texts.length);
  const named: { j: number; pieces: Tok[] }[] = [];
  let need = 0;
  for (let j = 0; j < tpl.rows.length; j++) {
    const t = tpl.rows[j];
    const pieces = findLabel(texts, used, t, tpl);
    if (!pieces) {
      if (t.strict) continue;
      return null;
    }
    named.push({ j, pieces });
    need += t.colKeys.length;
  }
  // A row outside the format whose text is a group head of this one (the 2019 （六）其他处理 in a
  // 2021 table) is that head unless the numbers need its row.
  if (need !== cells.length) {
    for (let x = named.length - 1; x >= 0; x--) {
      const t = tpl.rows[named[x].j];
      if (!t.strict || !tpl.structure.includes(t.norm)) continue;
      for (const piece of named[x].pieces) used[texts.indexOf(piece)] = 0;
      need -= t.colKeys.length;
      named.splice(x, 1);
    }
  }
  let blanks: { rows: MatchedRow[]; short: MatchedRow[]; choice: number[] } | null = null;
  if (need !== cells.length) {
    blanks = blanksByOrder(named, cells, need - cells.length, tpl);
    if (!blanks) return null;
  }
  const headers: Label[] = [];
  for (let k = 0; k < texts.length; k++) {
    if (used[k]) continue;
    const n = normOf(texts[k]);
    const hv = headerVariantOf(tpl, n);
    if (hv) headers.push(makeLabel([texts[k]], hv.official, hv.variants));
    else if (!(n === '' || isStructure(tpl, n) || notOfTable(n))) return null;
  }
  const rows: MatchedRow[] = [];
  let at = 0;
  if (blanks) {
    insertBlanks(blanks.short, blanks.choice);
    rows.push(...blanks.rows);
  } else
    for (const { j, pieces } of named) {
      const n = tpl.rows[j].colKeys.length;
      rows.push({ t: tpl.rows[j], index: j, pieces, run: cells.slice(at, at + n) });
      at += n;
    }
  const problems: ParseProblem[] = [];
  if (tpl.rowTotals && !blanks && !rows.every((m) => totalHolds(m.run))) {
    const scattered = byTotals(runs, named, tpl);
    if (!scattered) return null;
    rows.forEach((m, k) => (m.run = scattered.runs[k]));
    problems.push({
      code: 'row-unknown',
      severity: 'information',
      range: spanOf(cells),
      messageId: scattered.sure ? 'row-unknown.scattered' : 'row-unknown.scatteredGuess',
      args: { table: tpl.tableName },
    });
  }
  const all = [...texts, ...cells].sort((a, b) => comparePositions(a.range.start, b.range.start));
  return { rows, headers, problems, firstRange: all[0].range, lastRange: all[all.length - 1].range };
}

/**
 * The numbers of the rows named, in order, when they are `missing` (one to three) fewer than the
 * rows' cells: PDF text writes nothing for a blank cell. Each way to cut the numbers into rows,
 * some rows one number short, where every full row's total holds, with each way to set the short
 * rows' blanks where every sum can hold (blankChoices): taken when there is exactly one; null
 * otherwise.
 */
function blanksByOrder(
  named: { j: number; pieces: Tok[] }[],
  cells: Tok[],
  missing: number,
  tpl: Template,
): { rows: MatchedRow[]; short: MatchedRow[]; choice: number[] } | null {
  if (missing < 1 || missing > 3 || (!tpl.rowTotals && !tpl.sums)) return null;
  let found: { rows: MatchedRow[]; short: MatchedRow[]; choice: number[] } | null = null;
  let count = 0;
  const rows: MatchedRow[] = [];
  const short: MatchedRow[] = [];
  let tries = 0;
  const walk = (r: number, at: number, left: number) => {
    if (count > 1 || ++tries > 5000) return;
    if (r === named.length) {
      if (at !== cells.length || left) return;
      for (const choice of blankChoices(rows, short, tpl)) {
        if (++count > 1) return;
        found = { rows: rows.map((m) => ({ ...m, run: m.run.slice() })), short: [], choice };
        found.short = short.map((m) => found!.rows[rows.indexOf(m)]);
      }
      return;
    }
    const { j, pieces } = named[r];
    const n = tpl.rows[j].colKeys.length;
    if (totalHolds(cells.slice(at, at + n))) {
      rows.push({ t: tpl.rows[j], index: j, pieces, run: cells.slice(at, at + n) });
      walk(r + 1, at + n, left);
      rows.pop();
    }
    if (left > 0 && at + n - 1 <= cells.length) {
      const m: MatchedRow = { t: tpl.rows[j], index: j, pieces, run: cells.slice(at, at + n - 1) };
      rows.push(m);
      short.push(m);
      walk(r + 1, at + n - 1, left - 1);
      rows.pop();
      short.pop();
    }
  };
  walk(0, 0, missing);
  return count === 1 && tries <= 5000 ? found : null;
}

/** Whether a row's cells are whole numbers, the last the sum of the others. */
function totalHolds(cells: Tok[]): boolean {
  let sum = 0;
  for (let k = 0; k < cells.length; k++) {
    if (!/^\d{1,9}$/.test(cells[k].text)) return false;
    if (k < cells.length - 1) sum += Number(cells[k].text);
  }
  return cells.length > 1 && sum === Number(cells[cells.length - 1].text);
}

/**
 * The rows of a table whose numbers come as pieces of rows in no order (pdftotext's reading order
 * of table 四: a block of columns at a time): the one way to group the pieces, each group's pieces
 * in order, into rows whose totals hold. The group holding the first piece is the first row (the
 * table's top left, read first); each other group, in order, takes the row whose label stands
 * nearest before its first piece. `sure` when no other choice of rows has every label before its
 * group. Null when no grouping or more than one holds.
 */
function byTotals(runs: Tok[][], named: { j: number; pieces: Tok[] }[], tpl: Template): { runs: Tok[][]; sure: boolean } | null {
  const k = named.length;
  const n = tpl.rows[named[0].j].colKeys.length;
  if (runs.length > 9 || k > 4 || named.some((x) => tpl.rows[x.j].colKeys.length !== n)) return null;
  // Set partitions of the runs into k groups (a group's number: the order of its first run).
  const found: number[][] = [];
  const of = new Array<number>(runs.length).fill(0);
  const size = new Array<number>(k).fill(0);
  const walk = (r: number, groupsUsed: number) => {
    if (found.length > 1) return;
    if (r === runs.length) {
      if (groupsUsed !== k || size.some((x) => x !== n)) return;
      const grouped = Array.from({ length: k }, (_, g) => runs.filter((_, q) => of[q] === g).flat());
      if (grouped.every(totalHolds)) found.push(of.slice());
      return;
    }
    for (let g = 0; g <= Math.min(groupsUsed, k - 1); g++) {
      if (size[g] + runs[r].length > n) continue;
      of[r] = g;
      size[g] += runs[r].length;
      walk(r + 1, Math.max(groupsUsed, g + 1));
      size[g] -= runs[r].length;
    }
  };
  walk(0, 0);
  if (found.length !== 1) return null;
  const groupOf = found[0];
  const firstRun = (g: number) => runs[groupOf.indexOf(g)][0].range.start;
  const labelAt = (x: { pieces: Tok[] }) => x.pieces[0].range.start;
  const before = (x: { pieces: Tok[] }, g: number) => comparePositions(labelAt(x), firstRun(g)) < 0;
  // Row (in `named`) of each group: the first group the first row; the others the nearest label before them.
  const rowOfGroup: number[] = [0];
  const taken = new Set([0]);
  for (let g = 1; g < k; g++) {
    let best = -1;
    for (let x = 1; x < k; x++)
      if (!taken.has(x) && before(named[x], g) && (best < 0 || comparePositions(labelAt(named[x]), labelAt(named[best])) > 0)) best = x;
    if (best < 0) return null;
    rowOfGroup.push(best);
    taken.add(best);
  }
  // Another choice with every label before its group?
  let choices = 0;
  const perm = (g: number, free: number[]) => {
    if (g === k) return void choices++;
    for (const x of free)
      if (before(named[x], g))
        perm(
          g + 1,
          free.filter((y) => y !== x),
        );
  };
  perm(1, named.map((_, x) => x).slice(1));
  const out: Tok[][] = new Array(k);
  for (let g = 0; g < k; g++) out[rowOfGroup[g]] = runs.filter((_, q) => groupOf[q] === g).flat();
  return { runs: out, sure: choices === 1 };
}

/**
 * The first unused text that names a row: tokens in order whose joined text is the label (or a
 * known variant or alias), lone structure characters between its pieces left out. Marks them used.
 */
function findLabel(texts: Tok[], used: Uint8Array, t: TemplateRow, tpl: Template): Tok[] | null {
  const targets = t.strict ? [t.norm] : [t.norm, ...t.variants, ...t.aliases];
  for (let s = 0; s < texts.length; s++) {
    if (used[s]) continue;
    const first = normOf(texts[s]);
    if (first === '') continue;
    for (const target of targets) {
      if (!target.startsWith(first)) continue;
      const picked = [s];
      let acc = first;
      for (let k = s + 1; acc !== target && k < texts.length && k < s + 12; k++) {
        if (used[k]) continue;
        const n = normOf(texts[k]);
        if (target.startsWith(acc + n) && n !== '') {
          acc += n;
          picked.push(k);
        } else if (!(n.length <= 2 && isStructure(tpl, n))) break;
      }
      if (acc !== target) continue;
      for (const k of picked) used[k] = 1;
      return picked.map((k) => texts[k]);
    }
  }
  return null;
}

/**
 * Where the text before a run ends when its last tokens are lone characters of the structure on lines of
 * their own and the text before them names row p (or one of the few after it) exactly; texts.length otherwise.
 */
function exactBeforeLoneChars(texts: Tok[], lo: number, tpl: Template, p: number): number {
  let tail = texts.length;
  while (tail > lo && normOf(texts[tail - 1]).length === 1 && isStructure(tpl, normOf(texts[tail - 1]))) tail--;
  if (tail === texts.length || tail === lo || p >= tpl.rows.length) return texts.length;
  const own = texts[tail - 1].lastLine;
  for (let k = tail; k < texts.length; k++) if (texts[k].line === own) return texts.length;
  // (Row p, or one of the next few: the label ending a block of labels, their numbers after them.)
  const to = Math.min(tpl.rows.length, p + 6);
  let longest = 0;
  for (let j = p; j < to; j++) longest = Math.max(longest, tpl.rows[j].norm.length);
  let acc = '';
  for (let s = tail - 1; s >= lo; s--) {
    acc = normOf(texts[s]) + acc;
    for (let j = p; j < to; j++) if (acc === tpl.rows[j].norm) return tail;
    if (acc.length >= longest) break;
  }
  return texts.length;
}

/** A run of values that found no label (at: how many rows were matched before it), and its problem. */
interface Orphan {
  run: Tok[];
  at: number;
  problem: ParseProblem;
}

/** Text reported as unknown (one line of it), and its problem. */
interface Stray {
  toks: Tok[];
  problem: ParseProblem;
}

/** The written cells of a run (what fitRun fits). */
function writtenCells(run: Tok[]): Tok[] {
  return cellsOf(run).filter((t) => t.kind !== 'empty');
}

/**
 * The row in [lo, hi) (not one outside the format) that a text names exactly, alone: its first
 * pieces, or those and the next ones (a label broken over two lines by a <br>). Null when none does.
 */
function labelAlone(
  one: Tok[],
  next: Tok[] | null,
  tpl: Template,
  lo: number,
  hi: number,
): { j: number; pieces: Tok[]; lines: number } | null {
  const named = (n: string) => {
    for (let j = lo; j < hi && j < tpl.rows.length; j++) if (!tpl.rows[j].strict && tpl.rows[j].norm === n) return j;
    return -1;
  };
  let j = named(joinNorm(one));
  if (j >= 0) return { j, pieces: one, lines: 1 };
  if (!next) return null;
  j = named(joinNorm([...one, ...next]));
  return j >= 0 ? { j, pieces: [...one, ...next], lines: 2 } : null;
}

/** A row of the format read from its label alone: one empty token, where the label ends, for its cells. */
function aloneRow(tpl: Template, j: number, pieces: Tok[]): MatchedRow {
  const at = pieces[pieces.length - 1].range.end;
  return { t: tpl.rows[j], index: j, pieces, run: [makeTok('', 'empty', { start: at, end: at }, [])] };
}

/** A row matched by its label alone, with no cell (a label in a block of labels, or one whose cells a copy lost). */
function labelOnly(m: MatchedRow): boolean {
  return m.run.length === 1 && m.run[0].kind === 'empty';
}

/**
 * Rows read by the table's order, where the text sets labels apart from their numbers (pdftotext's
 * reading order: a block of labels, then the numbers of all their rows; some labels after the table):
 * - a run of values no label names, between two rows read, is the rows missing between them when
 *   its cells are exactly theirs;
 * - a run with the cells of k rows is that many rows: the rows matched by their labels alone just
 *   before it, its own, then the rows missing after it;
 * - a row so read takes its label from the unknown text that names it (wherever it stands); one
 *   that finds none is reported as read by position, never silently.
 */
function fillByOrder(rows: MatchedRow[], orphans: Orphan[], strays: Stray[], tpl: Template, problems: ParseProblem[]): void {
  const long = (m: MatchedRow) => writtenCells(m.run).length >= 2 * m.t.colKeys.length;
  if (!orphans.length && !rows.some(long)) return;
  const matched = new Set(rows.map((m) => m.index));
  const placed: MatchedRow[] = [];
  const solved = new Set<ParseProblem>();
  // (A row outside the format, the 2019 （六）其他处理 in a 2021 table, is read only when named.)
  const free = (j: number, n: number) => !matched.has(j) && !tpl.rows[j].strict && tpl.rows[j].colKeys.length === n;
  const place = (at: number, js: number[], cells: Tok[], n: number) => {
    const made = js.map((j, k): MatchedRow => ({ t: tpl.rows[j], index: j, pieces: [], run: cells.slice(k * n, (k + 1) * n) }));
    rows.splice(at, 0, ...made);
    for (const m of made) matched.add(m.index);
    placed.push(...made);
  };
  // (From the last, so that each orphan's place among the rows holds.)
  for (let o = orphans.length - 1; o >= 0; o--) {
    const { run, at, problem } = orphans[o];
    const lo = at > 0 ? rows[at - 1].index : -1;
    const hi = at < rows.length ? rows[at].index : tpl.rows.length;
    const cells = writtenCells(run);
    const n = lo + 1 < hi ? tpl.rows[lo + 1].colKeys.length : 0;
    const gap: number[] = [];
    let between = 0;
    for (let j = lo + 1; j < hi; j++)
      if (!tpl.rows[j].strict) {
        between++;
        if (free(j, n)) gap.push(j);
      }
    if (!gap.length || gap.length !== between || cells.length !== gap.length * n) continue;
    place(at, gap, cells, n);
    solved.add(problem);
  }
  for (let i = 0; i < rows.length; i++) {
    const m = rows[i];
    const n = m.t.colKeys.length;
    const cells = writtenCells(m.run);
    const k = cells.length / n;
    if (k < 2 || !Number.isInteger(k)) continue;
    let e = 0;
    while (e < k - 1 && i - e > 0 && labelOnly(rows[i - e - 1]) && rows[i - e - 1].index === m.index - e - 1) e++;
    const after: number[] = [];
    for (let j = m.index + 1; after.length < k - 1 - e && j < tpl.rows.length && (tpl.rows[j].strict || free(j, n)); j++)
      if (!tpl.rows[j].strict) after.push(j);
    if (e + 1 + after.length !== k) continue;
    rows.slice(i - e, i + 1).forEach((b, c) => (b.run = cells.slice(c * n, (c + 1) * n)));
    place(i + 1, after, cells.slice((e + 1) * n), n);
    i += after.length;
  }
  labelsFromStrays(placed, strays, solved);
  for (const m of placed)
    if (!m.pieces.length)
      problems.push({
        code: 'row-unknown',
        range: spanOf(m.run),
        messageId: 'row-unknown.byOrder',
        args: { label: m.t.label, table: tpl.tableName },
      });
  if (solved.size)
    replaceFrom(
      problems,
      0,
      problems.filter((x) => !solved.has(x)),
    );
}

/** Each row read by order takes the first unknown text (up to four lines of it, in order) that names it. */
function labelsFromStrays(placed: MatchedRow[], strays: Stray[], solved: Set<ParseProblem>): void {
  for (const m of placed) {
    let best = { from: -1, to: -1, score: 0.9 };
    for (let a = 0; a < strays.length && best.from < 0; a++) {
      if (solved.has(strays[a].problem)) continue;
      const toks: Tok[] = [];
      for (let b = a; b < Math.min(a + 4, strays.length) && !solved.has(strays[b].problem); b++) {
        toks.push(...strays[b].toks);
        const sc = scoreLabel(joinNorm(toks), m.t);
        if (sc >= best.score) best = { from: a, to: b, score: sc };
      }
    }
    if (best.from < 0) continue;
    for (let k = best.from; k <= best.to; k++) {
      m.pieces.push(...strays[k].toks);
      solved.add(strays[k].problem);
    }
  }
}

/**
 * How well a candidate names a row as the label itself (0.9 or more: a variant, a typo) or as its
 * first part, where a label wrapped around or below its numbers is cut; never only its middle or
 * its end, which other rows may share.
 */
function labelStart(cand: string, t: TemplateRow, floor = 0): number {
  const sc = scoreLabel(cand, t, floor);
  return sc >= 0.9 || [t.norm, ...t.variants].some((o) => o.startsWith(cand)) ? sc : 0;
}

/** The first row in [from, to] whose label begins with the candidate; `to` when none before it does. */
function firstBeginning(cand: string, rows: TemplateRow[], from: number, to: number): number {
  for (let j = from; j < to; j++) if (!rows[j].strict && rows[j].norm.startsWith(cand)) return j;
  return to;
}

/** Fit a run of value tokens to a row's number of cells, reporting extra and missing ones. */
export function fitRun(
  run: Tok[],
  rowKey: string,
  colKeys: string[],
  kinds: ValueKind[],
  rowLabel: string,
  tableName: string,
  problems: ParseProblem[],
): { cells: Cell[]; extras: { raw: string; range: Range }[] } {
  const n = colKeys.length;
  const r = cellsOf(run);
  // (A tab-separated row's last cell may be empty: after its tab, it is a cell while the row is not full.)
  while (r.length > n && r[r.length - 1].kind === 'empty') r.pop();
  while (r.length > n && r[0].kind === 'empty') r.shift();
  // A blank line after the row's last cell (a no-break space before the next paragraph) is not a cell.
  while (r.length > n && r[r.length - 1].kind === 'blank') r.pop();
  const cells: Cell[] = [];
  for (let k = 0; k < Math.min(n, r.length); k++) {
    const t = r[k];
    const raw = t.kind === 'blank' || t.kind === 'empty' ? '' : t.text;
    const rr = t.kind === 'empty' ? { start: t.range.start, end: t.range.start } : t.range;
    cells.push({ rowKey, colKey: colKeys[k], raw, range: rr, value: readValue(raw, kinds[k]) });
  }
  const extras = r.slice(n).map((t) => ({ raw: t.text, range: t.range }));
  const end = r.length ? r[r.length - 1].range.end : run[run.length - 1].range.end;
  for (let k = cells.length; k < n; k++) {
    cells.push({ rowKey, colKey: colKeys[k], raw: '', range: { start: end, end }, value: { kind: 'missing' } });
  }
  if (r.length !== n) {
    const found = r.length;
    const where: Range = found > n ? { start: extras[0].range.start, end: extras[extras.length - 1].range.end } : { start: end, end };
    problems.push({
      code: 'cell-count',
      range: found > n ? where : run.length ? { start: run[0].range.start, end } : where,
      messageId: 'cell-count',
      args: { row: rowLabel, found, expected: n, table: tableName },
    });
  }
  return { cells, extras };
}

/**
 * The cells of a run: with separators (innerText), one cell after each separator, a blank one where
 * nothing stands before the next separator (placed on its separator line); without, the tokens.
 */
export function cellsOf(run: Tok[]): Tok[] {
  if (!run.some((t) => t.kind === 'sep')) return run.slice();
  const out: Tok[] = [];
  let seg: Tok[] | null = null;
  let sep: Tok | null = null;
  const flush = () => {
    if (seg === null) return;
    const written = seg.filter((t) => t.kind !== 'blank');
    if (written.length) pushAll(out, written);
    else if (seg.length) out.push(seg[0]);
    else if (sep) out.push(makeTok('', 'blank', sep.range, undefined, true));
  };
  for (const t of run) {
    if (t.kind === 'sep') {
      flush();
      seg = [];
      sep = t;
    } else (seg ??= []).push(t);
  }
  flush();
  return out;
}

export function rowOf(m: MatchedRow, cells: Cell[], extras: { raw: string; range: Range }[]): Row {
  const label = m.pieces.length ? makeLabel(m.pieces, m.t.label, m.t.variants, m.t.aliases) : null;
  const first = m.pieces.length ? m.pieces[0].range.start : cells[0].range.start;
  const lastCell = extras.length ? extras[extras.length - 1].range : cells[cells.length - 1].range;
  // A label wholly below its numbers (PDF text): the row starts at its numbers (and, as a label
  // wrapped below them, its lines after the numbers are not in the row's range).
  const start = m.run.length && comparePositions(m.run[0].range.start, first) < 0 ? m.run[0].range.start : first;
  return { key: m.t.key, label, cells, range: { start, end: lastCell.end }, extraCells: extras };
}

/**
 * PDF text writes nothing for a blank cell (pdftotext -raw, its reading order): such a row is one
 * number short, and which of its columns is blank the text does not say. The table's sums may:
 * each short row (at most three) takes its blank in each of its columns in turn, the blank standing
 * for an unknown count, and where exactly one choice leaves every sum able to hold (each row's
 * total, tpl.sums per column; a blank found from a sum it alone is unknown in) the rows are read
 * so, the blank an empty cell where it stands. Any other case is left as it is (the row's cell
 * count reported). `plain`: whether a run's cells were written with nothing between them that
 * could have marked a blank (no | bars, no tabs).
 */
export function placeBlanks(rows: MatchedRow[], tpl: Template, plain: (run: Tok[]) => boolean): void {
  let short: MatchedRow[] | null = null;
  for (const m of rows) {
    const w = writtenCells(m.run).length;
    if (w === m.t.colKeys.length - 1) (short ??= []).push(m);
    else if (w !== m.t.colKeys.length || m.run.some((t) => t.kind !== 'value')) {
      if (w !== 0 || !labelOnly(m)) return;
    }
  }
  if (!short || short.length > 3 || !short.every((m) => plain(m.run) && m.run.every((t) => t.kind === 'value'))) return;
  const choices = blankChoices(rows, short, tpl);
  if (choices.length === 1) insertBlanks(short, choices[0]);
}

/** A blank cell (an empty one where it stands) put into each short row at its column of `choice`. */
function insertBlanks(short: MatchedRow[], choice: number[]): void {
  short.forEach((m, i) => {
    const cells = m.run.slice();
    const c = choice[i];
    const where = c > 0 ? cells[c - 1].range.end : cells[0].range.start;
    cells.splice(c, 0, makeTok('', 'blank', { start: where, end: where }, [], true));
    m.run = cells;
  });
}

/** The columns of the short rows' blanks (one each) with which every sum can hold; two at most. */
function blankChoices(rows: MatchedRow[], short: MatchedRow[], tpl: Template): number[][] {
  const out: number[][] = [];
  if (!tpl.rowTotals && !tpl.sums) return out;
  const num = (t: Tok) => (/^\d{1,9}$/.test(t.text) ? Number(t.text) : NaN);
  // The cells' values by row key (null: the blank, unknown), and the sums over them.
  const byKey = new Map<string, (number | null)[]>();
  for (const m of rows) if (!short.includes(m)) byKey.set(m.t.key, writtenCells(m.run).map(num));
  const sums: { key: string; coef: number; col: number }[][] = [];
  for (const m of rows) {
    const n = m.t.colKeys.length;
    sums.push(m.t.colKeys.map((_, c) => ({ key: m.t.key, coef: c === n - 1 ? -1 : 1, col: c })));
  }
  const width = rows[0]?.t.colKeys.length ?? 0;
  for (const s of tpl.sums ?? []) for (let c = 0; c < width; c++) sums.push(s.map((x) => ({ ...x, col: c })));
  const holds = (at: number[]): boolean => {
    short.forEach((m, i) => {
      const w = writtenCells(m.run).map(num);
      byKey.set(m.t.key, [...w.slice(0, at[i]), null, ...w.slice(at[i])]);
    });
    const value = (k: string, c: number) => byKey.get(k)?.[c];
    let open = sums;
    for (let progress = true; progress && open.length;) {
      progress = false;
      const next: typeof open = [];
      for (const s of open) {
        let total = 0;
        let free: { key: string; coef: number; col: number } | null = null;
        let frees = 0;
        let known = true;
        for (const x of s) {
          const v = value(x.key, x.col);
          if (v === undefined || Number.isNaN(v)) known = false;
          else if (v === null) {
            frees++;
            free = x;
          } else total += x.coef * v;
        }
        // (A sum over a row not read, or a cell that is no count, says nothing.)
        if (!known) continue;
        if (frees === 0) {
          if (total !== 0) return false;
          progress = true;
        } else if (frees === 1) {
          const v = -total / free!.coef;
          if (v < 0) return false;
          byKey.get(free!.key)![free!.col] = v;
          progress = true;
        } else next.push(s);
      }
      open = next;
    }
    return true;
  };
  const at: number[] = [];
  const walk = (i: number) => {
    if (out.length > 1) return;
    if (i === short.length) {
      if (holds(at)) out.push(at.slice());
      return;
    }
    for (let c = 0; c < short[i].t.colKeys.length; c++) {
      at[i] = c;
      walk(i + 1);
    }
  };
  walk(0);
  return out;
}
