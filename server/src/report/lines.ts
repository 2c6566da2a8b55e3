/** Splitting a document into lines and table lines into cells, keeping every position. */
import type { Range } from './model';
import { INVISIBLE, isSpaceCode, isTrimSpace, looksLikeValue } from './text';

export interface SourceLines {
  lines: string[];
  eol: '\n' | '\r\n' | '\r';
}

/** What ends a line: nothing (the last line), \n, \r\n or \r. */
const NONE = 0;
const LF = 1;
const CRLF = 2;
const CR = 3;
export const EOL_TEXT: readonly string[] = ['', '\n', '\r\n', '\r'];

/**
 * A text split into lines as LSP counts them (\r\n, \r and \n each end a line), with what ends
 * each line. The text itself is joined again only when asked for: an editor's document kept as
 * lines (service/documents.ts) is edited and analysed without ever being one string.
 */
export class SplitText implements SourceLines {
  private joined: string | undefined;

  constructor(
    readonly lines: string[],
    /** What ends each line (NONE, LF, CRLF, CR); null when every line but the last ends with \n. */
    readonly ends: Uint8Array | null,
    /** How many lines end with \n, \r\n and \r. */
    readonly lf: number,
    readonly crlf: number,
    readonly cr: number,
    /** The text's length in UTF-16 units. */
    readonly length: number,
    text?: string,
  ) {
    this.joined = text;
  }

  /** The end-of-line most lines use. */
  get eol(): SourceLines['eol'] {
    const { lf, crlf, cr } = this;
    return crlf >= lf && crlf >= cr && crlf > 0 ? '\r\n' : cr > lf ? '\r' : '\n';
  }

  get text(): string {
    if (this.joined === undefined) this.joined = this.ends ? this.slice(0, this.lines.length) : this.lines.join('\n');
    return this.joined;
  }

  /** What ends line i: 0 nothing, 1 \n, 2 \r\n, 3 \r. */
  endOf(i: number): number {
    return this.ends ? this.ends[i] : i < this.lines.length - 1 ? LF : NONE;
  }

  /** Lines [from, to) with what ends each. */
  slice(from: number, to: number): string {
    let out = '';
    for (let i = from; i < to; i++) out += this.lines[i] + EOL_TEXT[this.endOf(i)];
    return out;
  }
}

/** Lines as LSP counts them: \r\n, \r and \n each end a line. */
export function splitLines(text: string): SplitText {
  // Most documents end their lines with \n alone: the native split is several times faster.
  if (!text.includes('\r')) {
    const lines = text.split('\n');
    return new SplitText(lines, null, lines.length - 1, 0, 0, text.length, text);
  }
  const lines: string[] = [];
  const ends: number[] = [];
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lines.push(text.slice(start, i));
      ends.push(LF);
      lf++;
      start = i + 1;
    } else if (c === 13) {
      lines.push(text.slice(start, i));
      if (text.charCodeAt(i + 1) === 10) {
        i++;
        crlf++;
        ends.push(CRLF);
      } else {
        cr++;
        ends.push(CR);
      }
      start = i + 1;
    }
  }
  lines.push(text.slice(start));
  ends.push(NONE);
  return new SplitText(lines, Uint8Array.from(ends), lf, crlf, cr, text.length, text);
}

/** A place in a text as LSP gives it (line and UTF-16 character). */
export interface LinePosition {
  line: number;
  character: number;
}

/**
 * Where a position stands as LSP's documents take it: a line past the end is the end of the text,
 * a line before the start its start, a character past the line's end that end.
 */
export function clampPosition(split: SplitText, p: LinePosition): LinePosition {
  const n = split.lines.length;
  if (p.line >= n) return { line: n - 1, character: split.lines[n - 1].length };
  if (p.line < 0) return { line: 0, character: 0 };
  return { line: p.line, character: Math.max(0, Math.min(p.character, split.lines[p.line].length)) };
}

/**
 * `previous` with the text between two positions (clamped as clampPosition says, either order)
 * replaced by `text`, split from `previous`'s lines: the lines around the edit are split again,
 * and every other line is the same string as before (so that comparing it with the last
 * analysis' line costs nothing).
 *
 * One unchanged line on each side is split again with the changed ones, since an edit can join or
 * part an end-of-line with its neighbour (a \n typed after a \r): the boundaries of the part split
 * again then stand between characters the edit did not touch, in both texts.
 */
export function editLines(previous: SplitText, from: LinePosition, to: LinePosition, text: string): SplitText {
  let a = clampPosition(previous, from);
  let b = clampPosition(previous, to);
  if (a.line > b.line || (a.line === b.line && a.character > b.character)) [a, b] = [b, a];
  const { lines } = previous;
  const n = lines.length;
  const first = Math.max(0, a.line - 1);
  const last = Math.min(n - 1, b.line + 1);
  // The part split again: lines first..last with their ends, the edit made in it.
  const before = previous.slice(first, a.line) + lines[a.line].slice(0, a.character);
  const after = lines[b.line].slice(b.character) + EOL_TEXT[previous.endOf(b.line)] + previous.slice(b.line + 1, last + 1);
  const mid = splitLines(before + text + after);
  // (A part that ends with an end-of-line splits into one more, empty piece: the next line's start.)
  const midCount = last < n - 1 ? mid.lines.length - 1 : mid.lines.length;
  let { lf, crlf, cr } = previous;
  let removed = 0;
  for (let i = first; i <= last; i++) {
    const e = previous.endOf(i);
    removed += lines[i].length + EOL_TEXT[e].length;
    if (e === LF) lf--;
    else if (e === CRLF) crlf--;
    else if (e === CR) cr--;
  }
  lf += mid.lf;
  crlf += mid.crlf;
  cr += mid.cr;
  const out = lines.slice(0, first);
  for (let i = 0; i < midCount; i++) out.push(mid.lines[i]);
  for (let i = last + 1; i < n; i++) out.push(lines[i]);
  let ends: Uint8Array | null = null;
  if (cr || crlf) {
    ends = new Uint8Array(out.length).fill(LF);
    if (previous.ends) {
      ends.set(previous.ends.subarray(0, first), 0);
      ends.set(previous.ends.subarray(last + 1), first + midCount);
    }
    if (mid.ends) ends.set(mid.ends.subarray(0, midCount), first);
    ends[out.length - 1] = NONE;
  }
  return new SplitText(out, ends, lf, crlf, cr, previous.length - removed + mid.length);
}

export function range(line: number, start: number, endLine: number, end: number): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

/**
 * text: a label fragment; value: a cell with something written; blank: a cell with nothing in it
 * (spaces only, or a blank cell a web copy left no text for); empty: a merged cell; sep: a
 * separator line of a web copy (innerText writes a lone tab between the cells of a row).
 */
export type CellKind = 'text' | 'value' | 'blank' | 'empty' | 'sep';

/**
 * A piece of a table: a label fragment or a cell, where it is, and what it looks like. Its place is
 * kept as four numbers and a `range` object made only when asked for (a new one each time): a long
 * table makes hundreds of thousands of tokens, most of whose ranges nobody reads, and every token is
 * held until its table is assembled. What few tokens have (pieces over several lines, a blank cell
 * inferred from the layout) is kept apart, so that a token is eight fields (it was ten).
 */
export class Tok {
  text: string;
  kind: CellKind;
  /** normalizeLabel(text), once computed. */
  norm: string | undefined;
  // (where it starts and ends: line and character)
  private l0: number;
  private c0: number;
  private l1: number;
  private c1: number;
  private more: TokMore | undefined;

  constructor(text: string, kind: CellKind, startLine: number, startChar: number, endLine: number, endChar: number) {
    this.text = text;
    this.kind = kind;
    this.norm = undefined;
    this.l0 = startLine;
    this.c0 = startChar;
    this.l1 = endLine;
    this.c1 = endChar;
    this.more = undefined;
  }

  /** Where the token is: a range made anew on each call. */
  get range(): Range {
    return range(this.l0, this.c0, this.l1, this.c1);
  }

  set range(r: Range) {
    this.l0 = r.start.line;
    this.c0 = r.start.character;
    this.l1 = r.end.line;
    this.c1 = r.end.character;
  }

  /**
   * Where each physical piece is, when that is not just `range` (undefined): several when a cell
   * continues over lines.
   */
  get pieces(): Range[] | undefined {
    return this.more?.pieces;
  }

  set pieces(p: Range[] | undefined) {
    if (p || this.more) (this.more ??= { pieces: undefined, inferred: false }).pieces = p;
  }

  /** A blank cell the layout left no text for (inferred from separators or extra empty lines). */
  get inferred(): boolean {
    return this.more?.inferred ?? false;
  }

  set inferred(b: boolean) {
    if (b || this.more) (this.more ??= { pieces: undefined, inferred: false }).inferred = b;
  }

  /** The line the token starts on (range.start.line, without making the range). */
  get line(): number {
    return this.l0;
  }

  /** The line the token ends on (range.end.line, without making the range). */
  get lastLine(): number {
    return this.l1;
  }

  /** From this token's start to `last`'s end (a new range). */
  to(last: Tok): Range {
    return range(this.l0, this.c0, last.l1, last.c1);
  }
}

/** What few tokens have. */
interface TokMore {
  pieces: Range[] | undefined;
  inferred: boolean;
}

/** A token at a range (every token made by Tok's constructor: all have one shape). */
export function makeTok(text: string, kind: CellKind, r: Range, pieces: Range[] | undefined = undefined, inferred = false): Tok {
  const t = new Tok(text, kind, r.start.line, r.start.character, r.end.line, r.end.character);
  t.pieces = pieces;
  t.inferred = inferred;
  return t;
}

export interface RawCell {
  text: string;
  start: number;
  end: number;
  kind: CellKind;
}

const SPACE_RUN = /(?:[ \u00a0]{2,}|\u3000+)/g;
const ANY_SPACE = /[ \u00a0\u3000]+/g;
// (After spaces, the invisible ones too: a web page's zero-width space before a converter's rule.)
const PIPE_RULE = new RegExp(`^[\\s${INVISIBLE}]*[|｜│┃]?\\s*:?-{2,}:?\\s*(?:[|｜│┃]\\s*:?-{2,}:?\\s*)*[|｜│┃]?\\s*$`);
/** A table's rule drawn with box-drawing characters: ├──┼──┤, ┌──┬──┐, ━━━. */
const BOX_RULE = new RegExp(
  `^[\\s${INVISIBLE}\\u2500-\\u257f]*[\\u2500\\u2501\\u2504\\u2505\\u2508\\u2509\\u254c\\u254d\\u2550][\\s\\u2500-\\u257f]*$`,
);

/**
 * A pipe table's column separators: the ASCII bar; the full-width ｜ (typed with a Chinese input
 * method) and the box-drawing │ ┃ (a table drawn with lines, a terminal's or a converter's: the
 * heavy one outside, the light one inside) alike. A line with an ASCII bar has no other: in
 * Markdown the others are a cell's text.
 */
export function isBarCode(c: number): boolean {
  return c === 124 || c === 0xff5c || c === 0x2502 || c === 0x2503;
}

/** Whether a line has a bar other than the ASCII one (and none of those: otherBars). */
function otherBars(line: string): boolean {
  return line.indexOf('|') < 0 && (line.indexOf('｜') >= 0 || line.indexOf('│') >= 0 || line.indexOf('┃') >= 0);
}

/** The index of the first bar (isBarCode, as otherBars says) in line at or after `from`, -1 when none. */
export function nextBar(line: string, from = 0): number {
  if (!otherBars(line)) return line.indexOf('|', from);
  for (let i = from; i < line.length; i++) if (isBarCode(line.charCodeAt(i))) return i;
  return -1;
}

/** The index of the last bar (isBarCode, as otherBars says) in line before index `before`, -1 when none. */
export function lastBar(line: string, before = line.length): number {
  if (!otherBars(line)) return line.lastIndexOf('|', before - 1);
  for (let i = Math.min(before, line.length) - 1; i >= 0; i--) if (isBarCode(line.charCodeAt(i))) return i;
  return -1;
}
// (Digits ASCII or full-width: -４-.)
const PAGE_NUMBER =
  /^\s*(?:[-－—–]\s*[\d０-９]{1,4}\s*[-－—–]|第\s*[\d０-９]{1,4}\s*页(?:\s*[,，]?\s*共\s*[\d０-９]{1,4}\s*页)?|[\d０-９]{1,4}\s*[/／]\s*[\d０-９]{1,4})\s*$/;

export function isPageNumber(line: string): boolean {
  if (line.length >= 200) return false;
  // Every page number starts, after its spaces, with a digit, a dash or 第: most lines do not.
  let i = 0;
  while (i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  const c = line.charCodeAt(i);
  if (!((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19) || c === 45 || c === 0xff0d || c === 0x2014 || c === 0x2013 || c === 0x7b2c))
    return false;
  // (From its first character: \s in PAGE_NUMBER is no invisible character, isSpaceCode's are.)
  return PAGE_NUMBER.test(i > 0 ? line.slice(i) : line);
}

export function isPipeRule(line: string): boolean {
  if (line.length >= 2000) return false;
  // (Told by the first character after spaces, the invisible ones too: a bar, a dash, a colon or a box-drawing one.)
  let i = 0;
  while (i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  const c = line.charCodeAt(i);
  // (│---│---│: a Markdown rule with box-drawing bars.)
  if (c >= 0x2500 && c <= 0x257f && BOX_RULE.test(line)) return true;
  return (isBarCode(c) || c === 45 || c === 58) && line.includes('-') && PIPE_RULE.test(line);
}

/** A rule drawn with box-drawing characters (├──┼──┤): no row, and no line of a web copy's one-cell lines. */
export function isBoxRule(line: string): boolean {
  // (Its first character after spaces is one: most lines are told by it.)
  let i = 0;
  while (i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  const c = line.charCodeAt(i);
  return c >= 0x2500 && c <= 0x257f && line.length < 2000 && BOX_RULE.test(line);
}

/**
 * tab, pipe: cells between those; space: between runs of spaces (pdftotext -layout); single: between
 * single spaces, a row whose numbers stand one space apart (pdftotext -raw, a PDF viewer's copy).
 */
export type Separator = 'tab' | 'pipe' | 'space' | 'single' | 'none';

export function separatorOf(line: string): Separator {
  if (line.includes('\t')) return 'tab';
  const bar = line.indexOf('|');
  if (bar >= 0) {
    // (the first thing on the line after its spaces — what trim() removes: not a zero-width one —, or one of two bars)
    let lead = 0;
    while (lead < bar && isTrimSpace(line.charCodeAt(lead))) lead++;
    if (lead === bar || line.indexOf('|', bar + 1) >= 0) return 'pipe';
  } else {
    // The other bars (isBarCode) begin the row (after spaces, the invisible ones too): ｜ a ｜ b ｜.
    let lead = 0;
    while (lead < line.length && isSpaceCode(line.charCodeAt(lead))) lead++;
    if (lead < line.length && isBarCode(line.charCodeAt(lead))) return 'pipe';
  }
  if (/\S(?:[ \u00a0]{2,}|\u3000+)\S/.test(line)) return 'space';
  return endsInSpacedValues(line) ? 'single' : 'none';
}

/**
 * Whether a line ends in a value one space after the word before it (`…数量 132 130 91`, `行政许可 293`,
 * `2 3 0 1`): a row whose cells stand one space apart.
 */
function endsInSpacedValues(line: string): boolean {
  let end = line.length;
  while (end > 0 && isSpaceCode(line.charCodeAt(end - 1))) end--;
  const start = wordStart(line, end);
  // (One space before it, after a word: a run of spaces is the space-aligned layout.)
  return start >= 2 && !isSpaceCode(line.charCodeAt(start - 2)) && looksLikeValue(line.slice(start, end));
}

/** Where the word ending at `end` starts (after the space before it, or at 0). */
function wordStart(line: string, end: number): number {
  let start = end;
  while (start > 0 && !isSpaceCode(line.charCodeAt(start - 1))) start--;
  return start;
}

/** The cell of line[a, b): its text without the spaces around it (isSpaceCode), where that text is, and its kind. */
function cellAt(line: string, a: number, b: number): RawCell {
  if (a === b) return { text: '', start: a, end: a, kind: 'empty' };
  let start = a;
  while (start < b && isSpaceCode(line.charCodeAt(start))) start++;
  if (start === b) return { text: '', start: a, end: b, kind: 'blank' };
  let end = b;
  while (isSpaceCode(line.charCodeAt(end - 1))) end--;
  const text = line.slice(start, end);
  return { text, start, end, kind: looksLikeValue(text) ? 'value' : 'text' };
}

/** The cells of one line, by the separator the line uses. */
export function splitCells(line: string, sep: Separator = separatorOf(line)): RawCell[] {
  const cells: RawCell[] = [];
  if (sep === 'tab' || (sep === 'pipe' && !otherBars(line))) {
    const ch = sep === 'tab' ? '\t' : '|';
    let a = 0;
    for (let i = line.indexOf(ch); i >= 0; i = line.indexOf(ch, a)) {
      cells.push(cellAt(line, a, i));
      a = i + 1;
    }
    cells.push(cellAt(line, a, line.length));
    if (sep === 'pipe') outerBars(line, cells);
    return cells;
  }
  if (sep === 'pipe') {
    // (｜ │ ┃ as bars: isBarCode.)
    let a = 0;
    for (let i = 0; i < line.length; i++)
      if (isBarCode(line.charCodeAt(i))) {
        cells.push(cellAt(line, a, i));
        a = i + 1;
      }
    cells.push(cellAt(line, a, line.length));
    outerBars(line, cells);
    return cells;
  }
  if (sep === 'space' || sep === 'single') {
    const run = sep === 'space' ? SPACE_RUN : ANY_SPACE;
    let a = 0;
    run.lastIndex = 0;
    for (let m = run.exec(line); m; m = run.exec(line)) {
      const c = cellAt(line, a, m.index);
      if (c.kind !== 'empty' && c.kind !== 'blank') cells.push(c);
      a = m.index + m[0].length;
    }
    const c = cellAt(line, a, line.length);
    if (c.kind !== 'empty' && c.kind !== 'blank') cells.push(c);
    return cells;
  }
  return [cellAt(line, 0, line.length)];
}

/**
 * Whether a pipe row ends in a blank cell between bars (`| 0 |  |`: a Markdown converter's empty
 * last column when it is on every row of a table).
 */
export function endsInBlankCell(line: string): boolean {
  let end = line.length;
  while (end > 0 && isSpaceCode(line.charCodeAt(end - 1))) end--;
  if (end === 0 || !isBarCode(line.charCodeAt(end - 1))) return false;
  let k = end - 1;
  while (k > 0 && isSpaceCode(line.charCodeAt(k - 1))) k--;
  // (A bar before the blank, and a cell before that one: more than the row's outer bars.)
  return k > 0 && isBarCode(line.charCodeAt(k - 1)) && lastBar(line, k - 1) >= 0;
}

/** A pipe row's cells less the nothing before its first bar and after its last one. */
function outerBars(line: string, cells: RawCell[]): void {
  const written = (c: RawCell) => c.kind === 'text' || c.kind === 'value';
  // (After its spaces, the invisible ones too: a web page's zero-width space before the row.)
  let lead = 0;
  while (lead < line.length && isSpaceCode(line.charCodeAt(lead))) lead++;
  if (isBarCode(line.charCodeAt(lead)) && cells.length && !written(cells[0])) cells.shift();
  let end = line.length;
  while (end > 0 && isTrimSpace(line.charCodeAt(end - 1))) end--;
  if (end > 0 && isBarCode(line.charCodeAt(end - 1)) && cells.length && !written(cells[cells.length - 1])) cells.pop();
}

/** Split a text cell at spaces into several label fragments (labels wrap and are re-joined later). */
export function splitWords(lineNo: number, c: RawCell, line: string): Tok[] {
  // Most cells are one word (their text has no space inside: \s, not the zero-width one).
  let spaced = false;
  for (let i = 0; i < c.text.length && !spaced; i++) spaced = isTrimSpace(c.text.charCodeAt(i));
  if (!spaced) return [tokOf(lineNo, c, 'text')];
  const out: Tok[] = [];
  const re = /[^\s\u00a0\u3000]+/gu;
  const seg = line.slice(c.start, c.end);
  for (let m = re.exec(seg); m; m = re.exec(seg)) {
    const s = c.start + m.index;
    out.push(new Tok(m[0], 'text', lineNo, s, lineNo, s + m[0].length));
  }
  return out;
}

export function tokOf(lineNo: number, c: RawCell, kind: CellKind = c.kind): Tok {
  return new Tok(c.text, kind, lineNo, c.start, lineNo, c.end);
}
