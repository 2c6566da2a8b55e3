/**
 * The narrative as the figure checks read it: numerals in every form reports use (Arabic, full-width,
 * Chinese, thousands separators), and the narrative's text cut into paragraphs and sentences with
 * the position of every character, so a figure found in a sentence has its exact range in the
 * source. No LSP import.
 */
import type { Position, Range, Report } from './model';
import type { AnalysisCache } from './memo';

export type NumeralStyle = 'arabic' | 'grouped' | 'fullwidth' | 'chinese';

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** A Chinese numeral's value (二十三 → 23, 一百零五 → 105, 一〇五 → 105, 两千 → 2000); null when it is not one. */
export function parseChineseNumeral(s: string): number | null {
  if (!s) return null;
  if (s.length > 1 && /^[零〇一二三四五六七八九]+$/.test(s)) {
    // Digit by digit (一〇五), but not a run of plain words such as 一一.
    if (!/[零〇]/.test(s)) return null;
    let v = 0;
    for (const ch of s) v = v * 10 + CN_DIGIT[ch];
    return v;
  }
  let total = 0;
  let section = 0;
  let num = -1;
  let lastUnit = 100000;
  for (const ch of s) {
    if (ch in CN_DIGIT) {
      if (num >= 0 && num !== 0 && CN_DIGIT[ch] !== 0) return null; // 二三: two digits in a row
      num = CN_DIGIT[ch];
    } else if (ch in CN_UNIT) {
      const unit = CN_UNIT[ch];
      if (unit >= lastUnit) return null;
      section += (num < 0 ? 1 : num) * unit;
      if (num === 0) return null;
      lastUnit = unit;
      num = -1;
    } else if (ch === '万') {
      total += (section + Math.max(num, 0)) * 10000;
      if (total === 0) return null;
      section = 0;
      num = -1;
      lastUnit = 10000;
    } else return null;
  }
  return total + section + Math.max(num, 0);
}

const CN_DIGITS = '零一二三四五六七八九';

function chineseBelow10000(n: number, leading: boolean): string {
  const units = ['千', '百', '十', ''];
  const digits = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  let out = '';
  let zero = false;
  let started = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (started) zero = true;
      return;
    }
    if (zero) out += '零';
    zero = false;
    if (!(leading && !started && d === 1 && i === 2)) out += CN_DIGITS[d];
    out += units[i];
    started = true;
  });
  return out;
}

/** A whole number as a Chinese numeral in the usual form (10 → 十, 23 → 二十三, 105 → 一百零五). */
export function toChineseNumeral(n: number): string {
  if (n === 0) return '零';
  const high = Math.floor(n / 10000);
  const low = n % 10000;
  if (!high) return chineseBelow10000(low, true);
  let out = chineseBelow10000(high, true) + '万';
  if (low) out += (low < 1000 ? '零' : '') + chineseBelow10000(low, false);
  return out;
}

/** A number written in a style: what the quick fix puts in the sentence. */
export function writeNumeral(n: number, style: NumeralStyle): string {
  switch (style) {
    case 'chinese':
      return toChineseNumeral(n);
    case 'fullwidth':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'grouped':
      return n.toLocaleString('en-US');
    default:
      return String(n);
  }
}

/** A written number's value and style; null when it is not one. Decimals only where `decimals` allows (percentages). */
export function readNumeral(raw: string, decimals = false): { value: number; decimals: number; style: NumeralStyle } | null {
  if (/^[零〇一二两三四五六七八九十百千万]+$/.test(raw)) {
    const v = parseChineseNumeral(raw);
    return v === null ? null : { value: v, decimals: 0, style: 'chinese' };
  }
  const full = /[０-９]/.test(raw);
  const ascii = raw.replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48)));
  const grouped = ascii.includes(',');
  if (grouped && !/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(ascii)) return null;
  const plain = ascii.replace(/,/g, '');
  if (!/^\d+(\.\d+)?$/.test(plain)) return null;
  const dot = plain.indexOf('.');
  if (dot >= 0 && !decimals) return null;
  if (plain.length > 1 && plain[0] === '0' && dot !== 1) return null; // 07件: not a count
  return {
    value: Number(plain),
    decimals: dot >= 0 ? plain.length - dot - 1 : 0,
    style: full ? 'fullwidth' : grouped ? 'grouped' : 'arabic',
  };
}

/** A run of narrative text (one paragraph), made of pieces of source lines. */
export interface Paragraph {
  text: string;
  /** Each piece: where it starts in `text`, and the source line and character it comes from. */
  pieces: { at: number; line: number; char: number }[];
  /** The section the paragraph is in (0: before section 一). */
  section: number;
}

/** The range of text[start, end) in the source, or null when it crosses a line (a fix must replace one run of characters). */
export function rangeIn(p: Paragraph, start: number, end: number): Range | null {
  if (end <= start) return null;
  let k = p.pieces.length - 1;
  while (k > 0 && p.pieces[k].at > start) k--;
  const piece = p.pieces[k];
  const next = p.pieces[k + 1];
  if (next && end > next.at) return null;
  const s: Position = { line: piece.line, character: piece.char + (start - piece.at) };
  return { start: s, end: { line: s.line, character: s.character + (end - start) } };
}

/** Whether a paragraph holds text of a source line. */
export function onLine(p: Paragraph, line: number): boolean {
  return p.pieces.some((x) => x.line === line);
}

/** Page marks a PDF leaves in the text: -4-, — 4 —, 第 4 页. */
const PAGE_MARK = /^\s*(?:[-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)\s*$/;
/** A line ending in one of these ends its paragraph's sentence. */
const SENTENCE_ENDS = '。；！？;!?：:';

/**
 * A part of the text that holds narrative: lines [from, to] of a section, less its table's lines
 * [skip.from, skip.to]; line `from` from character `char` (the text after a heading's title on its line).
 */
interface Region {
  section: number;
  from: number;
  char: number;
  to: number;
  skip: { from: number; to: number } | null;
}

/** The paragraphs of a document's last analysis, kept to find the next one's from them (paragraphs()). */
export interface ParagraphMemo {
  lines: string[];
  regions: Region[];
  paras: Paragraph[];
  /** Each paragraph's first line and the index of its region. */
  starts: Int32Array;
  regionOf: Int32Array;
}

/**
 * The narrative's paragraphs: sections 一, 五 and 六, the text of sections 二 to 四 outside their
 * tables (none when the table was not found: those lines may be table text), and the lines before
 * section 一. A line that ends without punctuation and is followed by a line with no indent
 * continues on it (text wrapped by PDF extraction); a blank line always ends a paragraph.
 *
 * With the document's cache (memo.ts), which keeps the last paragraphs, only the paragraphs around
 * the lines that changed are made again: see reuse().
 */
export function paragraphs(report: Report, lines: string[], cache?: AnalysisCache): Paragraph[] {
  const regions = regionsOf(report, lines);
  // (Regions overlap in a damaged report, a duplicate section before section 一: read from scratch.)
  const ordered = regions.every((r, k) => k === 0 || r.from > regions[k - 1].to);
  const last = ordered ? cache?.paragraphList : null;
  const out = (last && reuse(last, lines, regions)) || scanFrom(lines, regions, 0, regions.length ? regions[0].from : 0, []).out;
  if (cache && !ordered) cache.paragraphList = null;
  else if (cache) {
    const starts = new Int32Array(out.length);
    const regionOf = new Int32Array(out.length);
    let r = 0;
    for (let k = 0; k < out.length; k++) {
      const line = out[k].pieces[0].line;
      while (r < regions.length - 1 && line > regions[r].to) r++;
      starts[k] = line;
      regionOf[k] = r;
    }
    cache.paragraphList = { lines, regions, paras: out, starts, regionOf };
  }
  return out;
}

function regionsOf(report: Report, lines: string[]): Region[] {
  const regions: Region[] = [];
  const primary = report.sections.filter((s) => !s.duplicate);
  let first = lines.length;
  for (const s of primary) first = Math.min(first, s.headingLineRange.start.line);
  if (first > 0) regions.push({ section: 0, from: report.title ? report.title.range.end.line + 1 : 0, char: 0, to: first - 1, skip: null });
  for (const s of report.sections) {
    const from = s.bodyRange.start.line;
    const to = s.bodyRange.end.line;
    // (A section's text begins on its heading's line when it follows the title there; else the
    // body starts on the next line, or is the empty range at the heading line's end.)
    const char = from === s.headingLineRange.start.line ? s.bodyRange.start.character : 0;
    if (from > to || (from === s.headingLineRange.start.line && char >= (lines[from]?.length ?? 0))) continue;
    if (s.kind === 'narrative') regions.push({ section: s.number, from, char, to, skip: null });
    else {
      const table = s.kind === 'table2' ? report.table2 : s.kind === 'table3' ? report.table3 : report.table4;
      if (!table || s.duplicate) continue;
      regions.push({ section: s.number, from, char, to, skip: { from: table.range.start.line, to: table.range.end.line } });
    }
  }
  return regions;
}

/**
 * The paragraphs of regions[region..] from line `line` on (a paragraph starts there, or nothing
 * is pending), appended to `out`; `stop` is asked at each paragraph's first line, and the scan
 * ends there when it says yes (`stopped`: that line and its region).
 */
function scanFrom(
  lines: string[],
  regions: Region[],
  region: number,
  line: number,
  out: Paragraph[],
  stop?: (region: number, line: number) => boolean,
): { out: Paragraph[]; stopped: { region: number; line: number } | null } {
  for (let ri = region; ri < regions.length; ri++) {
    const r = regions[ri];
    let text = '';
    let pieces: Paragraph['pieces'] = [];
    let last = '';
    const flush = () => {
      if (text) out.push({ text, pieces, section: r.section });
      text = '';
      pieces = [];
      last = '';
    };
    for (let i = ri === region ? Math.max(line, r.from) : r.from; i <= r.to && i < lines.length; i++) {
      if (r.skip && i >= r.skip.from && i <= r.skip.to) {
        flush();
        continue;
      }
      // (The region's first line from its character: the text after a heading's title.)
      const char = i === r.from ? r.char : 0;
      const line = char ? lines[i].slice(char) : lines[i];
      const trimmed = line.trim();
      if (!trimmed) {
        flush();
        continue;
      }
      if (trimmed.length < 16 && PAGE_MARK.test(trimmed)) continue;
      // (trim() removed `lead` characters at the start: where the trimmed text begins in the line.)
      const lead = char + (trimmed.length === line.length ? 0 : line.indexOf(trimmed[0]));
      if (text && (lead > 1 || SENTENCE_ENDS.includes(last))) flush();
      if (!text && stop?.(ri, i)) return { out, stopped: { region: ri, line: i } };
      pieces.push({ at: text.length, line: i, char: lead });
      text += trimmed;
      last = trimmed[trimmed.length - 1];
    }
    flush();
  }
  return { out, stopped: null };
}

/**
 * The paragraphs of `lines` from the last ones, or null when they cannot be had so. The lines
 * that changed are a window between an unchanged head and tail. The paragraphs before the one in
 * progress at the window's start are the same; from that one's first line the regions are read
 * again, up to the first paragraph that starts after the window on a line where one started last
 * time too (the reading is in the same state there: nothing pending), and the last paragraphs from
 * there on are the same, moved by as many lines as the edit added. Region bounds must be the same
 * (moved likewise) outside the window.
 */
function reuse(last: ParagraphMemo, lines: string[], regions: Region[]): Paragraph[] | null {
  const old = last.lines;
  const n = Math.min(old.length, lines.length);
  let head = 0;
  while (head < n && old[head] === lines[head]) head++;
  let tail = 0;
  while (tail < n - head && old[old.length - 1 - tail] === lines[lines.length - 1 - tail]) tail++;
  const delta = lines.length - old.length;
  const oldEnd = old.length - tail;
  const newEnd = lines.length - tail;
  // A bound outside the window is the same line, moved by delta after it; one inside stays inside.
  const same = (a: number, b: number) => (a < head ? b === a : a >= oldEnd ? b === a + delta : b >= head && b < newEnd);
  if (regions.length !== last.regions.length) return null;
  for (let k = 0; k < regions.length; k++) {
    const a = last.regions[k];
    const b = regions[k];
    if (a.section !== b.section || a.char !== b.char || !same(a.from, b.from) || !same(a.to, b.to) || !a.skip !== !b.skip) return null;
    if (a.skip && b.skip && (!same(a.skip.from, b.skip.from) || !same(a.skip.to, b.skip.to))) return null;
  }
  const { paras, starts, regionOf } = last;
  // The last paragraph that starts before the window: read again from its first line.
  const m = lastBelow(starts, head);
  const out = paras.slice(0, Math.max(m, 0));
  const from = m >= 0 ? { region: regionOf[m], line: starts[m] } : { region: 0, line: regions.length ? regions[0].from : 0 };
  let resume = -1;
  const { stopped } = scanFrom(lines, regions, from.region, from.line, out, (ri, i) => {
    if (i < newEnd) return false;
    const k = lastBelow(starts, i - delta + 1);
    if (k < 0 || starts[k] !== i - delta || regionOf[k] !== ri) return false;
    resume = k;
    return true;
  });
  if (!stopped) return out;
  for (let k = resume; k < paras.length; k++) {
    const p = paras[k];
    out.push(
      delta === 0
        ? p
        : { text: p.text, section: p.section, pieces: p.pieces.map((x) => ({ at: x.at, line: x.line + delta, char: x.char })) },
    );
  }
  return out;
}

/** The index of the last element below `x` in ascending `a` (-1 when none). */
function lastBelow(a: Int32Array, x: number): number {
  let low = 0;
  let high = a.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (a[mid] < x) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

export interface Span {
  start: number;
  end: number;
}

/** Sentences of a paragraph: ends at 。；！？ (and their ASCII forms). */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '。' || c === '；' || c === '！' || c === '？' || c === ';' || c === '!' || c === '?') {
      if (i > start) out.push({ start, end: i });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

/** Clauses of a sentence: ends at commas, colons and brackets (a bracket's content is a clause of its own). */
export function clauses(text: string, s: Span): Span[] {
  const out: Span[] = [];
  let start = s.start;
  for (let i = s.start; i < s.end; i++) {
    const c = text[i];
    if (c === '，' || c === ',' || c === '：' || c === ':' || c === '（' || c === '）' || c === '(' || c === ')') {
      // A comma between digits groups thousands (1,259): not a clause end.
      if (c === ',' && /\d/.test(text[i - 1] ?? '') && /^\d{3}(?!\d)/.test(text.slice(i + 1, i + 5))) continue;
      if (i > start) out.push({ start, end: i });
      start = i + 1;
    }
  }
  if (start < s.end) out.push({ start, end: s.end });
  return out;
}
