/** Splitting a document into lines and table lines into cells, keeping every position. */
import type { Range } from './model';
import { isSpaceCode, isTrimSpace, looksLikeValue } from './text';

export interface SourceLines {
  lines: string[];
  eol: '\n' | '\r\n' | '\r';
}

/** A text split into lines, with what splitting it again after a change needs (splitAfterChange). */
export interface SplitText extends SourceLines {
  text: string;
  /** Each line's end-of-line length (1 or 2; 0 for the last line); null when every line ends with \n alone. */
  breaks: Uint8Array | null;
  /** How many lines end with \n, \r\n and \r. */
  lf: number;
  crlf: number;
  cr: number;
}

/** A change of a text: `base`'s characters [start, end) replaced by `text`. */
export interface TextChange {
  base: string;
  start: number;
  end: number;
  text: string;
}

/** The end-of-line most lines use. */
function majority(lf: number, crlf: number, cr: number): SourceLines['eol'] {
  return crlf >= lf && crlf >= cr && crlf > 0 ? '\r\n' : cr > lf ? '\r' : '\n';
}

/** Lines as LSP counts them: \r\n, \r and \n each end a line. */
export function splitLines(text: string): SplitText {
  // Most documents end their lines with \n alone: the native split is several times faster.
  if (!text.includes('\r')) {
    const lines = text.split('\n');
    return { text, lines, eol: '\n', breaks: null, lf: lines.length - 1, crlf: 0, cr: 0 };
  }
  const lines: string[] = [];
  const breaks: number[] = [];
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lines.push(text.slice(start, i));
      breaks.push(1);
      lf++;
      start = i + 1;
    } else if (c === 13) {
      lines.push(text.slice(start, i));
      if (text.charCodeAt(i + 1) === 10) {
        i++;
        crlf++;
        breaks.push(2);
      } else {
        cr++;
        breaks.push(1);
      }
      start = i + 1;
    }
  }
  lines.push(text.slice(start));
  breaks.push(0);
  return { text, lines, eol: majority(lf, crlf, cr), breaks: Uint8Array.from(breaks), lf, crlf, cr };
}

/**
 * The lines of `text`, which is `previous.text` with `change` made, from `previous`'s lines: the
 * lines around the change are split again, and every other line is the same string as before (so
 * that comparing it with the last analysis' line costs nothing). Null when `text` cannot be that.
 *
 * One unchanged line on each side is split again with the changed ones, since a change can join
 * or part an end-of-line with its neighbour (a \n typed after a \r): the boundaries of the part
 * split again then stand between characters the change did not touch, in both texts.
 */
export function splitAfterChange(previous: SplitText, text: string, change: TextChange): SplitText | null {
  const old = previous.text;
  const { start, end } = change;
  if (start < 0 || end < start || end > old.length || text.length !== old.length - (end - start) + change.text.length) return null;
  const { lines, breaks } = previous;
  const n = lines.length;
  const brk = (i: number) => (breaks ? breaks[i] : i < n - 1 ? 1 : 0);
  // first: the line before the one holding `start`; last: the line after the one holding the last changed character.
  let first = 0;
  let at = 0;
  let next = lines[0].length + brk(0);
  while (first < n - 1 && next <= start) {
    first++;
    at = next;
    next += lines[first].length + brk(first);
  }
  let last = first;
  const lastChanged = Math.max(start, end - 1);
  while (last < n - 1 && next <= lastChanged) {
    last++;
    next += lines[last].length + brk(last);
  }
  if (first > 0) {
    first--;
    at -= lines[first].length + brk(first);
  }
  if (last < n - 1) {
    last++;
    next += lines[last].length + brk(last);
  }
  const regionEnd = Math.min(next, old.length);
  const mid = splitLines(old.slice(at, start) + change.text + old.slice(end, regionEnd));
  // (A part that ends with an end-of-line splits into one more, empty piece: the next line's start.)
  const midCount = last < n - 1 ? mid.lines.length - 1 : mid.lines.length;
  let { lf, crlf, cr } = previous;
  for (let i = first, pos = at; i <= last; pos += lines[i].length + brk(i), i++) {
    const b = brk(i);
    if (b === 2) crlf--;
    else if (b === 1 && old.charCodeAt(pos + lines[i].length) === 13) cr--;
    else if (b === 1) lf--;
  }
  lf += mid.lf;
  crlf += mid.crlf;
  cr += mid.cr;
  const out = lines.slice(0, first);
  for (let i = 0; i < midCount; i++) out.push(mid.lines[i]);
  for (let i = last + 1; i < n; i++) out.push(lines[i]);
  let newBreaks: Uint8Array | null = null;
  if (cr || crlf) {
    newBreaks = new Uint8Array(out.length);
    if (breaks) {
      newBreaks.set(breaks.subarray(0, first), 0);
      newBreaks.set(breaks.subarray(last + 1), first + midCount);
    } else newBreaks.fill(1);
    if (mid.breaks) newBreaks.set(mid.breaks.subarray(0, midCount), first);
    else newBreaks.fill(1, first, first + midCount);
    newBreaks[out.length - 1] = 0;
  }
  return { text, lines: out, eol: majority(lf, crlf, cr), breaks: newBreaks, lf, crlf, cr };
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

/** A piece of a table: a label fragment or a cell, where it is, and what it looks like. */
export interface Tok {
  text: string;
  kind: CellKind;
  range: Range;
  /** Where each physical piece is (several when a cell continues over lines). */
  pieces: Range[];
  /** normalizeLabel(text), once computed. */
  norm: string | undefined;
  /** A blank cell the layout left no text for (inferred from separators or extra empty lines). */
  inferred: boolean;
}

/** A token (every token made here, so that all have one shape: the code reading them stays fast). */
export function makeTok(text: string, kind: CellKind, r: Range, pieces: Range[] = [r], inferred = false): Tok {
  return { text, kind, range: r, pieces, norm: undefined, inferred };
}

export interface RawCell {
  text: string;
  start: number;
  end: number;
  kind: CellKind;
}

const SPACE_RUN = /(?:[ \u00a0]{2,}|\u3000+)/g;
const ANY_SPACE = /[ \u00a0\u3000]+/g;
const PIPE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/;
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
  return PAGE_NUMBER.test(line);
}

export function isPipeRule(line: string): boolean {
  return line.length < 2000 && line.includes('-') && PIPE_RULE.test(line);
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
  if (sep === 'tab' || sep === 'pipe') {
    const ch = sep === 'tab' ? '\t' : '|';
    let a = 0;
    for (let i = line.indexOf(ch); i >= 0; i = line.indexOf(ch, a)) {
      cells.push(cellAt(line, a, i));
      a = i + 1;
    }
    cells.push(cellAt(line, a, line.length));
    if (sep === 'pipe') {
      const written = (c: RawCell) => c.kind === 'text' || c.kind === 'value';
      if (line.trimStart().startsWith('|') && cells.length && !written(cells[0])) cells.shift();
      if (line.trimEnd().endsWith('|') && cells.length && !written(cells[cells.length - 1])) cells.pop();
    }
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
    const r = range(lineNo, s, lineNo, s + m[0].length);
    out.push(makeTok(m[0], 'text', r));
  }
  return out;
}

export function tokOf(lineNo: number, c: RawCell, kind: CellKind = c.kind): Tok {
  const r = range(lineNo, c.start, lineNo, c.end);
  return makeTok(c.text, kind, r);
}
