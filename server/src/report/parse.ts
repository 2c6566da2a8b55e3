/**
 * The parser: report text in, report model out. Total (any string gives a model) and linear in
 * the size of the input: each line is looked at a bounded number of times, and the matching
 * work per table row is bounded by the format's row count.
 */
import { table4RowLabels, writeRow } from './canonical';
import { FORMATS, LABEL_VARIANTS, SECTIONS, formatForYear, type FormatSpec } from './formatData';
import { makeTok, range, splitLines, type SourceLines, type Tok } from './lines';
import { reuseLines, reuseTable, type AnalysisCache } from './memo';
import type { FormatVersion, Label, ParseProblem, Range, Report, Row, Section, SubTable2, Table2, Table3, Table4 } from './model';
import {
  assemble,
  cellsOf,
  fitRun,
  placeBlanks,
  rowOf,
  tokenize,
  type Layout,
  type Template,
  type TemplateRow,
  type Group,
} from './tables';
import { INVISIBLE, isSpaceCode, isTrimSpace, normalizeLabel, similarity, similarityBound, trimAll, type ValueKind } from './text';
import { pushAll, replaceFrom } from './arrays';

export interface ParseOptions {
  /** Force a format version instead of detecting it from the tables. */
  format?: 'auto' | FormatVersion;
  /** What earlier analyses of this document found in its lines and tables (memo.ts). */
  cache?: AnalysisCache;
}

const NUMERALS = '一二三四五六';
/** A numbering not the form's: an Arabic numeral, or a Chinese one in brackets. */
const OTHER_NUMBERING = /^(?:[1-6１-６]\s*[、.．]|[（(][一二三四五六][)）])\s*/;
const HEADING_MAX = 120;

/** A line that may be a section heading, with how well it names each section. */
interface Candidate {
  line: number;
  /** The numeral written (1–6), 0 for none. */
  numeral: number;
  /** Where the heading's text is on its line, and the text. */
  start: number;
  text: string;
  /** Score for each section number 1..6 (index 0 unused); -Infinity where the line cannot head that section. */
  score: number[];
  /** Wording similarity per section (for the status and the confident-heading test). */
  wording: number[];
  /** Where the section's text begins on the heading's line when it follows the title there (inlineHeading). */
  body?: number;
}

interface HeadingHit {
  line: number;
  number: Section['number'];
  label: Label;
  /** Part of the best ordered assignment (else a clear heading found besides it). */
  chosen: boolean;
  /** Where the section's text begins on the heading's line, when it follows the title there. */
  body?: number;
}

const sectionNorms = SECTIONS.map((s) => ({
  spec: s,
  titles: [s.title, ...s.variants.map((v) => v.replace(/^[一二三四五六]、/, ''))].map(normalizeLabel),
}));

/** The first two characters of every section title: an unnumbered heading starts with one of them. */
const TITLE_STARTS = new Set(sectionNorms.flatMap((n) => n.titles.map((t) => t.slice(0, 2))));
/** Their first characters' codes. */
const TITLE_FIRSTS = new Set([...TITLE_STARTS].map((t) => t.charCodeAt(0)));

/** A CJK unified ideograph of the basic block (normalizeLabel keeps it as it is). */
function isIdeograph(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}

/** Captions of the tables (表二, 表3, 附表1 …): never section headings. */
const CAPTION = /^(?:附?表\s*[一二三四五六七八九十\d]+|附表|附件)/;

/** First characters that may begin Markdown or list marks: # [ - * + > 【. */
function isMarkStart(c: number): boolean {
  return c === 35 || c === 91 || c === 45 || c === 42 || c === 43 || c === 62 || c === 0x3010;
}

/** Spaces of every kind, the invisible ones too, at the start of a string. */
const LEADING_SPACES = new RegExp(`^[\\s${INVISIBLE}]+`);

/** Strip what Markdown, Word, list marks and paragraph indents (tabs, spaces) put in front of a heading. */
function headingText(line: string, tabs = false): { text: string; start: number } | null {
  if (line.length > HEADING_MAX) return null;
  let s = 0;
  // (Spaces of every kind and the invisible characters a web page leaves before a paragraph.)
  let lead = 0;
  while (lead < line.length && isSpaceCode(line.charCodeAt(lead))) lead++;
  if (lead === line.length) return null;
  // Most lines start with text: no marks to strip.
  if (!isMarkStart(line.charCodeAt(lead))) {
    const text = line.slice(lead).trimEnd();
    // A tab inside the text separates table cells: not a heading.
    return !tabs && text.includes('\t') ? null : { text, start: lead };
  }
  const strip = (re: RegExp) => {
    const m = re.exec(line.slice(s));
    if (m) s += m[0].length;
    return !!m;
  };
  strip(LEADING_SPACES);
  for (let k = 0; k < 4; k++) {
    const moved =
      strip(/^\[bookmark:[^\]]*\]/i) ||
      strip(/^#{1,6}\s*/) ||
      strip(/^(?:[-*+>]\s+)/) ||
      strip(/^\*\*/) ||
      strip(/^【/) ||
      strip(LEADING_SPACES);
    if (!moved) break;
  }
  const text = line.slice(s).trimEnd().replace(/\*\*$/, '').replace(/】$/, '');
  if (text === '' || (!tabs && text.includes('\t'))) return null;
  return { text, start: s };
}

/** Whether a character code is a section numeral 一 to 六. */
function isNumeralCode(c: number): boolean {
  return c === 0x4e00 || c === 0x4e8c || c === 0x4e09 || c === 0x56db || c === 0x4e94 || c === 0x516d;
}

/**
 * Lines candidateOf() refuses, told from a few characters before any text is copied (most lines of
 * a table): a line of text (no mark in front) whose last character is a digit (but for a numbered
 * one: a heading with its text after it, wrapped after a figure), or whose first two are ideographs
 * that are no numeral and begin no title (ideographs are their own normal form).
 */
function cannotHead(line: string): boolean {
  let lead = 0;
  while (lead < line.length && isTrimSpace(line.charCodeAt(lead))) lead++;
  const first = line.charCodeAt(lead);
  if (lead === line.length || isMarkStart(first)) return false;
  let end = line.length;
  while (isTrimSpace(line.charCodeAt(end - 1))) end--;
  const last = line.charCodeAt(end - 1);
  if ((last >= 48 && last <= 57) || (last >= 0xff10 && last <= 0xff19)) return !isNumeralCode(first);
  return (
    isIdeograph(first) && !isNumeralCode(first) && isIdeograph(line.charCodeAt(lead + 1)) && !TITLE_STARTS.has(line.slice(lead, lead + 2))
  );
}

/**
 * Whether a line's start (after spaces, the invisible ones too) may begin a heading: a mark
 * (headingText strips it), a numeral, a title's first character or a character NFKC may make one
 * (a PDF's Kangxi radical or compatibility ideograph), or another numbering (1、, （一）: OTHER_NUMBERING)
 * before one. Not a line of text that starts with a figure (2023年，…), nor the narrative's own
 * numbered items (（二）规范建设…, 3.政府信息管理情况…).
 */
function mayStartHeading(line: string): boolean {
  let i = 0;
  while (i < line.length && isSpaceCode(line.charCodeAt(i))) i++;
  const c = line.charCodeAt(i);
  if (isMarkStart(c) || isNumeralCode(c) || TITLE_FIRSTS.has(c) || isCompatibility(c)) return true;
  let j: number;
  if (c === 0xff08 || c === 40) {
    // （一）
    const d = line.charCodeAt(i + 2);
    if (!isNumeralCode(line.charCodeAt(i + 1)) || (d !== 0xff09 && d !== 41)) return false;
    j = i + 3;
  } else if ((c >= 49 && c <= 54) || (c >= 0xff11 && c <= 0xff16)) {
    // 1、 1. 1．
    j = i + 1;
    while (j < line.length && isSpaceCode(line.charCodeAt(j))) j++;
    const d = line.charCodeAt(j);
    if (d !== 0x3001 && d !== 46 && d !== 0xff0e) return false;
    j++;
  } else return false;
  while (j < line.length && isSpaceCode(line.charCodeAt(j))) j++;
  const t = line.charCodeAt(j);
  // (A mark after the numbering too: 1、**总体情况**.)
  return TITLE_FIRSTS.has(t) || isCompatibility(t) || isMarkStart(t);
}

/** A Kangxi radical or a CJK compatibility ideograph (NFKC makes it a basic one). */
function isCompatibility(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x2fdf) || (c >= 0xf900 && c <= 0xfaff);
}

/** How well a line names each section (null when it names none). */
function candidateOf(line: string): Omit<Candidate, 'line'> | null {
  if (cannotHead(line) || !mayStartHeading(line)) return null;
  // (A heading's title stands within the first HEADING_MAX characters: a longer line may be one
  // with its text after it.)
  const h = headingText(line.length > HEADING_MAX ? line.slice(0, HEADING_MAX) : line, true);
  if (!h) return null;
  const whole = line.length <= HEADING_MAX && !h.text.includes('\t') ? wholeLine(h) : null;
  const inline = inlineStart(h.text);
  if (!whole && !inline) return null;
  // The comparison with every title: the same lines come in every report (headings, numbered
  // labels), so what it found is kept by the line's text, up to a bound, and shared (findSections
  // copies what it changes). (Only lines that get this far: table rows and sentences, refused
  // above at little cost, never fill it.)
  let c = CANDIDATES.get(line);
  if (c === undefined) {
    const asWhole = whole ? compared(whole.h, whole.numeral, whole.rest) : null;
    // (A heading with its text after it on the line: when its title part names a section better.)
    c = (inline && inlineHeading(h, inline, asWhole ? bestWording(asWhole) : 0)) || asWhole;
    if (CANDIDATES.size >= CANDIDATE_CACHE_SIZE) CANDIDATES.clear();
    CANDIDATES.set(line, c);
  }
  return c;
}

/** A line that may be a heading as a whole (its heading text `h`): its numeral and the rest normalised (null when it is none). */
function wholeLine(h: { text: string; start: number }): { h: { text: string; start: number }; numeral: number; rest: string } | null {
  // A heading names a section and ends in words: table rows, dates and page numbers end in digits.
  const last = h.text.charCodeAt(h.text.length - 1);
  if ((last >= 48 && last <= 57) || (last >= 0xff10 && last <= 0xff19)) return null;
  if (CAPTION.test(h.text)) return null;
  const numbered = isNumeralCode(h.text.charCodeAt(0));
  if (!numbered && h.text.length > 30) return null;
  const m = numbered ? /^([一二三四五六])\s*[、.．,，:：]?\s*(.+)$/.exec(h.text) : null;
  if (numbered && !m) return null;
  const numeral = m ? NUMERALS.indexOf(m[1]) + 1 : 0;
  // Another numbering (1、总体情况, （一）总体情况) is the narrative's own as often as the heading's: it
  // counts for nothing, the line taken as a heading without a numeral (its wording must be clear).
  const other = m ? null : OTHER_NUMBERING.exec(h.text);
  const rest = normalizeLabel(m ? m[2] : other ? h.text.slice(other[0].length) : h.text).replace(/[:：。]$/, '');
  if (rest.length < 3 || rest.length > 40) return null;
  // A sentence, not a heading (无其他需要报告的事项。 is a statement under 六, not a second 六), nor
  // a heading with its text after it (一、总体情况良好，2023年…: a figure after a comma or colon;
  // inlineHeading reads the title part when it is close to a title).
  if (/[。；;]|[,:].*\d/.test(rest)) return null;
  // Without a numeral only a line that starts like a title is compared (below): most lines start like none.
  if (!numeral && !TITLE_STARTS.has(rest.slice(0, 2))) return null;
  return { h, numeral, rest };
}

/** The best wording of the sections a candidate may head. */
function bestWording(c: Omit<Candidate, 'line'>): number {
  let best = 0;
  for (let n = 1; n <= 6; n++) if (c.score[n] !== -Infinity) best = Math.max(best, c.wording[n]);
  return best;
}

/** How far into a line a heading's title may reach when the section's text follows it there. */
const INLINE_REACH = 60;
/** The title part's wording must be this close to a title (or a variant): a sentence that starts like one is no heading. */
const INLINE_WORDING = 0.85;
/** A heading alone on its line is the likelier one of two for a section. */
const INLINE_PENALTY = 0.1;
/** The places a title part may end at that are tried, at most. */
const INLINE_SPLITS = 4;

/** What may end a heading's title when text follows on its line: punctuation, a space, a digit (一、总体情况2023年，…). */
function isTitleEnd(c: number): boolean {
  return (
    c === 0x3002 || // 。
    c === 0xff1a || // ：
    c === 58 || // :
    c === 0xff0c || // ，
    c === 44 || // ,
    c === 0xff1b || // ；
    c === 59 || // ;
    c === 0xff01 || // ！
    c === 0xff1f || // ？
    (c >= 48 && c <= 57) ||
    (c >= 0xff10 && c <= 0xff19) ||
    isSpaceCode(c)
  );
}

function isDigitCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/**
 * Where a heading text's title would begin, and its numeral, when the text may be a heading with
 * its section's text after it (inlineHeading): numbered, or starting like a title after another
 * numbering or none, with a title end (isTitleEnd) and something after it within reach. Null for
 * most lines, told without copying any text.
 */
function inlineStart(t: string): { numeral: number; from: number } | null {
  let numeral = 0;
  let from: number;
  if (isNumeralCode(t.charCodeAt(0))) {
    const m = /^([一二三四五六])\s*[、.．,，:：]?\s*/.exec(t)!;
    numeral = NUMERALS.indexOf(m[1]) + 1;
    from = m[0].length;
  } else {
    // (Another numbering starts with a digit or a bracket, a title with its first character.)
    const c = t.charCodeAt(0);
    if (!TITLE_FIRSTS.has(c) && !isDigitCode(c) && c !== 0xff08 && c !== 40) return null;
    const other = OTHER_NUMBERING.exec(t);
    from = other ? other[0].length : 0;
    if (!TITLE_STARTS.has(t.slice(from, from + 2))) return null;
  }
  if (CAPTION.test(t)) return null;
  for (let e = from + 2; e < t.length - 1 && e - from <= INLINE_REACH; e++) if (isTitleEnd(t.charCodeAt(e))) return { numeral, from };
  return null;
}

/**
 * A heading with the section's text after it on its line (一、总体情况。2023年，我局…, 五、存在的主要问题
 * 及改进情况：…; PDFs and Word documents run them together): the line starts with a section's title
 * or a close variant (INLINE_WORDING), numbered as usual, followed by punctuation, a space or a digit
 * and then text. The candidate's text is the title part alone (its range is what a fix of the heading
 * may replace); `body` is where the text after it begins. Null when the line is none, or when the
 * line as a whole names a section at least as well (`whole`: that wording).
 */
function inlineHeading(
  h: { text: string; start: number },
  { numeral, from }: { numeral: number; from: number },
  whole: number,
): Omit<Candidate, 'line'> | null {
  if (whole >= 1) return null;
  const t = h.text;
  let best: Omit<Candidate, 'line'> | null = null;
  let bestW = whole;
  let splits = 0;
  for (let e = from + 2; e < t.length && e - from <= INLINE_REACH && splits < INLINE_SPLITS; e++) {
    if (!isTitleEnd(t.charCodeAt(e)) || isTitleEnd(t.charCodeAt(e - 1))) continue;
    splits++;
    // The text after the title part: none (一、总体情况：) is a heading alone on its line.
    let b = e;
    while (b < t.length && isTitleEnd(t.charCodeAt(b)) && !isDigitCode(t.charCodeAt(b))) b++;
    if (b === t.length) break;
    const title = t.slice(0, e).replace(/(?:\*\*|】)$/, '');
    if (title.includes('\t')) break;
    const rest = normalizeLabel(title.slice(from));
    if (rest.length < 3 || rest.length > 40) continue;
    const c = compared({ text: title, start: h.start }, numeral, rest);
    if (!c) continue;
    let w = 0;
    for (let n = 1; n <= 6; n++) {
      if (c.wording[n] < INLINE_WORDING) c.score[n] = -Infinity;
      else if (c.score[n] !== -Infinity) {
        c.score[n] -= INLINE_PENALTY;
        w = Math.max(w, c.wording[n]);
      }
    }
    if (w > bestW) {
      bestW = w;
      best = { ...c, body: h.start + b };
    }
  }
  return best;
}

const CANDIDATES = new Map<string, Omit<Candidate, 'line'> | null>();
const CANDIDATE_CACHE_SIZE = 4096;

/** candidateOf()'s scores for the heading text `h` (its numeral, and the rest normalised). */
function compared(h: { text: string; start: number }, numeral: number, rest: string): Omit<Candidate, 'line'> | null {
  const score = [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity, -Infinity];
  const wording = [0, 0, 0, 0, 0, 0, 0];
  let any = false;
  for (const { spec, titles } of sectionNorms) {
    let w = 0;
    for (const t of titles) {
      // Without a numeral only a line that starts like the title can reach the bar (below, 0.6 at most
      // against 0.85 needed; and an unnumbered line's wording is not used otherwise): skip the comparison.
      if (!numeral && rest !== t && !rest.startsWith(t.slice(0, 2))) continue;
      let sc = 0;
      if (rest === t) sc = 1;
      else {
        // Without a numeral the line must start like the title: 无其他需要报告的事项 does not.
        const contains = rest.includes(t) || t.includes(rest);
        if (contains && Math.min(rest.length, t.length) >= 4 && (numeral > 0 || rest.startsWith(t.slice(0, 2)))) sc = 0.8;
        if (similarityBound(rest.length, t.length) > Math.max(sc, 0.45)) sc = Math.max(sc, similarity(rest, t));
        if (!numeral && !rest.startsWith(t.slice(0, 2))) sc = Math.min(sc, 0.6);
      }
      w = Math.max(w, sc);
    }
    const n = spec.number;
    wording[n] = w;
    // The numeral counts for much, but a wrong or missing one is tolerated when the wording is clear.
    const ok = numeral === n ? w >= 0.45 : w >= 0.85;
    if (!ok) continue;
    score[n] = w + (numeral === n ? 0.6 : numeral === 0 ? 0 : -0.2);
    any = true;
  }
  if (!any) return null;
  return { numeral, start: h.start, text: h.text, score, wording };
}

/** Wording that shows a table has begun: table 二, 三, 四. */
const TABLE_MARKERS: Record<2 | 3 | 4, RegExp> = {
  2: /第二十条|信息内容/,
  3: /本年新收|申请人情况|勾稽关系|上年结转/,
  4: /结果维持|未经复议|复议后起诉|尚未审结/,
};
/**
 * What the section and table finders see in one line: whether it may be a heading (and how well
 * it names each section), and which tables' wording it has (TABLE_MARKERS: a table has begun;
 * TABLE_ANCHOR: where a table shows itself), as bits 1 << 2, 1 << 3, 1 << 4. A function of the
 * line's text alone: an analysis cache keeps it per line.
 */
export interface LineFacts {
  candidate: Omit<Candidate, 'line'> | null;
  markers: number;
  anchors: number;
}

/** Every wording of TABLE_MARKERS and TABLE_ANCHOR has one of these: a line without any has neither. */
const TABLE_WORDING = /第二十条|信息内容|本年新收|申请人情况|勾稽关系|上年结转|结果维持|未经复议|复议后起诉|尚未审结/;

function factsOf(line: string): LineFacts {
  let markers = 0;
  let anchors = 0;
  if (line.length < 400 && TABLE_WORDING.test(line)) {
    for (const t of [2, 3, 4] as const) if (TABLE_MARKERS[t].test(line)) markers |= 1 << t;
    if (line.length <= 200) for (const t of [2, 3, 4] as const) if (TABLE_ANCHOR[t].test(line)) anchors |= 1 << t;
  }
  const candidate = candidateOf(line);
  // (Most lines have none: they share one object.)
  return candidate || markers || anchors ? { candidate, markers, anchors } : NO_FACTS;
}

const NO_FACTS: LineFacts = { candidate: null, markers: 0, anchors: 0 };

/** Each line's facts, an empty line's without looking (the commonest line of web copies). */
function lineFacts(lines: string[], cache: AnalysisCache | undefined): LineFacts[] {
  return reuseLines(cache, lines, (l) => (l === '' ? NO_FACTS : factsOf(l)));
}

/** How far below its heading a table may start (lines; web copies put several blank lines between cells). */
const FOLLOW_WINDOW = 80;
const FOLLOW_BONUS = 0.5;
/** A section is taken only with at least this score. */
const ACCEPT = 0.75;

/**
 * The six headings: the best-scoring ORDERED assignment of section numbers to candidate lines
 * (dynamic programming over candidates × section numbers, each section used at most once).
 * Other lines that are clearly headings (their numeral and the official wording) are added after,
 * as duplicates or sections out of order, which the rules report.
 */
function findSections(lines: string[], facts: LineFacts[]): HeadingHit[] {
  const cands: Candidate[] = [];
  for (let i = 0; i < lines.length; i++) {
    const c = facts[i].candidate;
    // (A copy: the follow bonus below is this text's, the line's facts are kept for the next analysis.)
    if (c)
      cands.push({ line: i, numeral: c.numeral, start: c.start, text: c.text, score: c.score.slice(), wording: c.wording, body: c.body });
  }
  if (!cands.length) return [];
  // What follows: the lines with each table's wording, in order; candidates (in line order) walk them.
  const markerLines: Record<2 | 3 | 4, number[]> = { 2: [], 3: [], 4: [] };
  for (let i = 0; i < lines.length; i++) {
    const m = facts[i].markers;
    if (m) for (const t of [2, 3, 4] as const) if (m & (1 << t)) markerLines[t].push(i);
  }
  for (const t of [2, 3, 4] as const) {
    const at = markerLines[t];
    let k = 0;
    for (const c of cands) {
      // (the first line with the wording after the candidate's)
      while (k < at.length && at[k] <= c.line) k++;
      if (c.score[t] !== -Infinity && k < at.length && at[k] - c.line <= FOLLOW_WINDOW) c.score[t] += FOLLOW_BONUS;
    }
  }
  // best[k][n]: the best total using candidates 0..k-1 and sections 1..n; choice for the path back.
  const K = cands.length;
  const best = new Float64Array((K + 1) * 7);
  const took = new Uint8Array((K + 1) * 7); // 0 none, 1 skip candidate, 2 skip section, 3 take
  for (let k = 1; k <= K; k++) {
    const c = cands[k - 1];
    for (let n = 1; n <= 6; n++) {
      let v = best[(k - 1) * 7 + n];
      let how = 1;
      const skipSection = best[k * 7 + n - 1];
      if (skipSection > v) {
        v = skipSection;
        how = 2;
      }
      const sc = c.score[n];
      if (sc >= ACCEPT) {
        const take = best[(k - 1) * 7 + n - 1] + sc;
        if (take > v) {
          v = take;
          how = 3;
        }
      }
      best[k * 7 + n] = v;
      took[k * 7 + n] = how;
    }
  }
  const chosen = new Map<number, number>(); // candidate index → section
  let k = K;
  let n = 6;
  while (k > 0 && n > 0) {
    const how = took[k * 7 + n];
    if (how === 3) {
      chosen.set(k - 1, n);
      k--;
      n--;
    } else if (how === 2) n--;
    else k--;
  }
  const hits: HeadingHit[] = [];
  cands.forEach((c, i) => {
    let number = chosen.get(i);
    const inSpine = number !== undefined;
    if (!number) {
      // Clearly a heading (its own numeral, the official wording or a known variant): a duplicate
      // or a section out of order, reported by the rules.
      if (c.numeral === 0 || c.wording[c.numeral] < 0.9) return;
      number = c.numeral;
    }
    hits.push({ line: c.line, number: number as Section['number'], label: headingLabel(c, number), chosen: inSpine, body: c.body });
  });
  return hits;
}

function headingLabel(c: Candidate, number: number): Label {
  const spec = SECTIONS[number - 1];
  const r = range(c.line, c.start, c.line, c.start + c.text.length);
  const written = c.text;
  const m = /^[一二三四五六]\s*[、.．,，:：]?\s*(.+)$/.exec(written);
  let status: Label['status'];
  if (c.numeral !== number) status = 'differs';
  else if (written === spec.heading) status = 'official';
  else if (spec.variants.includes(written) || spec.variants.map(normalizeLabel).includes(normalizeLabel(written))) status = 'variant';
  else if (m && normalizeLabel(m[1]).replace(/[:：。]$/, '') === normalizeLabel(spec.title)) status = 'punctuation';
  else status = 'differs';
  return { text: written, official: spec.heading, status, range: r, pieces: [r] };
}

function lineRange(lines: string[], a: number, b: number): Range {
  return range(a, 0, b, lines[b]?.length ?? 0);
}

/** Page furniture and metadata that stand above a title on web pages and in PDFs: never the title. */
const FURNITURE =
  /^(?:正文|首页|当前位置|您的位置|位置|索引号|发布机构|发文机关|发布日期|成文日期|生成日期|公开方式|来源|字号|打印|关闭|分享|浏览次数|信息来源|主题分类|文号|【|>|附件)/;
const TITLE_LINE = /(?:政府信息公开|政务公开).*报告$|年度报告$/;

/**
 * The report's title: the line that ends in …年度报告 above the first section (page furniture,
 * captions and sentences are passed over), with the one or two short lines above it that begin it
 * when the title is split (平潭综合实验区2019年 / 政府信息公开工作年度报告).
 */
function findTitle(lines: string[], end: number): Report['title'] {
  const limit = Math.min(end, 80);
  const clean = (i: number) =>
    trimAll(lines[i])
      .replace(/^#{1,6}\s*/, '')
      .replace(/^\*\*|\*\*$/g, '')
      // (A title in brackets: 【…年度报告】, 《…年度报告》.)
      .replace(/^[【《](.*(?:报告|年度))[】》]$/, '$1');
  const usable = (t: string) => t !== '' && t.length <= 60 && !/[。；;，,：:]$/.test(t) && !FURNITURE.test(t) && !CAPTION.test(t);
  for (let i = 0; i < limit; i++) {
    const t = clean(i);
    if (!usable(t) || !TITLE_LINE.test(t.normalize('NFKC').replace(/\s+/g, ''))) continue;
    const picked = [i];
    // A title that starts with its year or with 政府信息公开 has its body on the lines above.
    let k = i - 1;
    while (picked.length < 3 && !bodyOf(picked.map(clean).join('')) && k >= 0) {
      const above = clean(k);
      if (above === '') {
        k--;
        continue;
      }
      if (!usable(above) || /报告$/.test(above)) break;
      picked.unshift(k);
      k--;
    }
    const text = picked.map(clean).join('');
    const a = picked[0];
    const b = picked[picked.length - 1];
    const startCol = Math.max(0, lines[a].search(/[^\s\u00a0\u3000\ufeff#*]/));
    return { text, range: range(a, startCol, b, lines[b].replace(/[\s\u00a0\u3000*]+$/u, '').length) };
  }
  return null;
}

function yearOf(text: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(text.normalize('NFKC'));
  return m ? Number(m[1]) : null;
}

function bodyOf(title: string): string | null {
  const t = title.normalize('NFKC').replace(/\s+/g, '');
  const m = /^(.*?)(?:(?:19|20)\d{2}年度?|政府信息公开|政务公开)/.exec(t);
  const body = m ? m[1].replace(/^[《“"]/, '').replace(/关于$/, '') : '';
  return body.length >= 2 ? body : null;
}

// ---- format detection --------------------------------------------------------------------

const MARKERS: Record<FormatVersion, string[]> = {
  '2019': [
    '本年新制作数量',
    '本年新公开数量',
    '对外公开总数量',
    '上一年项目数量',
    '本年增/减',
    '采购项目数量',
    '采购总金额',
    '政府集中采购',
    '其他对外管理服务事项',
  ],
  '2021': [
    '本年制发件数',
    '本年废止件数',
    '本年度止件数',
    '现行有效件数',
    '本年处理决定数量',
    '本年收费金额',
    '申请人无正当理由逾期不补正',
    '申请人逾期未按收费通知',
  ],
};

const MARKER_NORMS: Record<FormatVersion, string[]> = {
  '2019': MARKERS['2019'].map(normalizeLabel),
  '2021': MARKERS['2021'].map(normalizeLabel),
};

/**
 * A marker as a pattern for a line's text as it stands: any spaces (isSpaceCode) between its
 * characters, and its ASCII characters also in their full-width forms (what NFKC folds), so that
 * it finds the marker where squeeze(NFKC(line)) has it.
 */
function markerPattern(marker: string): string {
  return [...marker]
    .map((ch) => {
      const c = ch.charCodeAt(0);
      const own = ch.replace(/[\\^$.*+?()[\]{}|/-]/, '\\$&');
      return c > 0x20 && c < 0x7f ? `[${own}\\u${(c + 0xfee0).toString(16)}]` : own;
    })
    .join('[\\s\\u200b]*');
}

const MARKER_LIST = [...MARKER_NORMS['2019'], ...MARKER_NORMS['2021']];
/** Where any marker may begin (each one then tried at that place with MARKER_AT). */
const ANY_MARKER = new RegExp(MARKER_LIST.map(markerPattern).join('|'), 'g');
const MARKER_AT = MARKER_LIST.map((m) => new RegExp(markerPattern(m), 'y'));

/**
 * How detectFormat() searches a line: 0 not at all (ASCII and spaces: NFKC makes no ideograph of
 * them), 1 as it stands (NFKC changes in it only spaces and full-width ASCII, which the markers'
 * patterns allow for; NFKC composes none of its characters), 2 in its NFKC form.
 */
function markerSearch(line: string): 0 | 1 | 2 {
  let how: 0 | 1 = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x80 || isSpaceCode(c)) continue;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff01 && c <= 0xff5e) || isStablePunctuation(c)) how = 1;
    else return 2;
  }
  return how;
}

/** Punctuation NFKC leaves as it is (as NFKC_STABLE in text.ts): 、 。 〈〉《》「」『』【】 ‘ ’ “ ” —. */
function isStablePunctuation(c: number): boolean {
  return (
    c === 0x3001 ||
    c === 0x3002 ||
    (c >= 0x3008 && c <= 0x3011) ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2014
  );
}

/** How many characters of lines detectFormat() searches at once. */
const FORMAT_CHUNK = 2000;

function detectFormat(lines: string[], regions: [number, number][]): { format: FormatVersion | null; evidence: Range | null } {
  const score: Record<FormatVersion, number> = { '2019': 0, '2021': 0 };
  const evidence: Record<FormatVersion, Range | null> = { '2019': null, '2021': null };
  const count19 = MARKER_NORMS['2019'].length;
  for (const [a, b] of regions) {
    // Markers have no spaces, quotes, digits, 、 or full-width forms: NFKC (where it changes
    // anything) and removing the spaces find them as normalizeLabel would, at the same lines (its
    // other steps only change quotes and numbering marks, one character for one). A marker stands
    // on one line, the first line that has it counts: the lines (in NFKC where it changes more than
    // markerPattern allows for) are joined in chunks, a separator no marker has between them, and
    // each chunk searched for every marker at once (ANY_MARKER), in the region's order.
    const first: (number | undefined)[] = [];
    let left = MARKER_LIST.length;
    for (let i = a; i < b && left > 0;) {
      let chunk = '';
      const chunkLines: number[] = [];
      const starts: number[] = [];
      for (; i < b && chunk.length < FORMAT_CHUNK; i++) {
        const line = lines[i];
        const how = line.length > 4000 ? 0 : markerSearch(line);
        if (how === 0) continue;
        chunkLines.push(i);
        starts.push(chunk.length);
        chunk += (how === 2 ? line.normalize('NFKC') : line) + '\u0000';
      }
      let at = 0;
      ANY_MARKER.lastIndex = 0;
      for (let m = ANY_MARKER.exec(chunk); m && left > 0; m = ANY_MARKER.exec(chunk)) {
        const p = m.index;
        while (at + 1 < starts.length && starts[at + 1] <= p) at++;
        // (Every marker that begins here: one may begin inside another's match.)
        for (let k = 0; k < MARKER_LIST.length; k++) {
          if (first[k] !== undefined) continue;
          MARKER_AT[k].lastIndex = p;
          if (MARKER_AT[k].test(chunk)) {
            first[k] = chunkLines[at];
            left--;
          }
        }
        ANY_MARKER.lastIndex = p + 1;
      }
    }
    const firstLine: Record<FormatVersion, (number | undefined)[]> = { '2019': first.slice(0, count19), '2021': first.slice(count19) };
    for (const f of ['2019', '2021'] as const) {
      for (let k = 0; k < MARKER_NORMS[f].length; k++) {
        const i = firstLine[f][k];
        if (i === undefined) continue;
        score[f]++;
        if (!evidence[f]) evidence[f] = range(i, 0, i, lines[i].length);
      }
    }
  }
  if (score['2019'] === 0 && score['2021'] === 0) return { format: null, evidence: null };
  const f: FormatVersion = score['2019'] > score['2021'] ? '2019' : '2021';
  return { format: f, evidence: evidence[f] };
}

/** Templates depend only on the format: build each once. */
function memo(build: (spec: FormatSpec, tableName: string) => Template) {
  const cache = new Map<string, Template>();
  return (spec: FormatSpec, tableName: string) => {
    const key = spec.version + tableName;
    let t = cache.get(key);
    if (!t) cache.set(key, (t = build(spec, tableName)));
    return t;
  };
}

// ---- templates ---------------------------------------------------------------------------

function variantsOf(label: string): string[] {
  const v = LABEL_VARIANTS[label] ?? [];
  return v.map(normalizeLabel);
}

function headerVariants(labels: string[]) {
  return labels.filter((l) => LABEL_VARIANTS[l]).map((official) => ({ official, variants: variantsOf(official) }));
}

const TABLE_NAME = { 2: 'table.2', 3: 'table.3', 4: 'table.4' } as const;

const template2 = memo(function template2(spec: FormatSpec, tableName: string): Template {
  const rows: TemplateRow[] = [];
  const structure: string[] = ['信息内容'];
  const cols: string[] = [];
  for (const sub of spec.table2) {
    structure.push(sub.caption);
    for (const c of sub.columns) {
      structure.push(c.label);
      cols.push(c.label);
    }
    const kinds: ValueKind[] = sub.columns.map((c) =>
      c.key === 'delta' ? 'signed' : c.key === 'amount' ? (spec.version === '2019' ? 'amount-unit' : 'amount-wan') : 'count',
    );
    for (const r of sub.rows) {
      rows.push({
        key: r.key,
        label: r.label,
        norm: normalizeLabel(r.label),
        variants: variantsOf(r.label),
        aliases: [],
        kinds,
        colKeys: sub.columns.map((c) => c.key),
      });
    }
  }
  // Headers people write with a note appended (本年收费金额（单位：万元，保留4位小数）).
  structure.push('本年收费金额(单位:万元,保留4位小数)', '本年收费金额(单位:万元,保留两位小数)');
  return {
    rows,
    structure: structure.map(normalizeLabel),
    headerVariants: headerVariants([...new Set(cols)]),
    tableName,
  };
});

/** The 2019 format's single row （六）其他处理, which some 2021 tables keep. */
const LEGACY_OTHER = FORMATS['2019'].table3.rows.find((r) => r.key === 'o')!;

const template3 = memo(function template3(spec: FormatSpec, tableName: string): Template {
  const t3 = spec.table3;
  const colKeys = t3.columns.map((c) => c.key);
  const row = (key: string, label: string): TemplateRow => ({
    key,
    label,
    norm: normalizeLabel(label),
    variants: variantsOf(label),
    aliases: [],
    kinds: colKeys.map(() => 'count' as const),
    colKeys,
  });
  const rows: TemplateRow[] = [];
  for (const r of t3.rows) {
    // A 2021 table that keeps the single 2019 row （六）其他处理: read it (key o), so that it is
    // reported and stands for its group in the sums, not lost.
    if (r.key === 'o1') rows.push({ ...row(LEGACY_OTHER.key, LEGACY_OTHER.label), strict: true });
    rows.push(row(r.key, r.label));
  }
  const structure = [
    t3.noteCell,
    t3.columnHeader,
    t3.legalPersonGroup,
    '法人或其他组织',
    ...t3.columns.map((c) => c.label),
    ...t3.groupHeads,
  ];
  return {
    rows,
    structure: structure.map(normalizeLabel),
    headerVariants: headerVariants(t3.columns.map((c) => c.label)),
    tableName,
    // (七)总计 = the results' sum; 新收 + 上年结转 = (七)总计 + 结转下年度.
    sums: [
      [
        { key: 'total', coef: -1 },
        ...t3.rows.filter((r) => r.groups.length > 0 && r.key !== 'total').map((r) => ({ key: r.key, coef: 1 })),
      ],
      [
        { key: 'new', coef: 1 },
        { key: 'carry', coef: 1 },
        { key: 'total', coef: -1 },
        { key: 'forward', coef: -1 },
      ],
    ],
  };
});

const template4 = memo(function template4(spec: FormatSpec, tableName: string): Template {
  const colKeys = spec.table4.columns.map((c) => c.key);
  const rows: TemplateRow[] = table4RowLabels().map((r) => {
    const g = spec.table4.groups.find((x) => x.key === r.key)!;
    return {
      key: r.key,
      label: r.label,
      norm: normalizeLabel(r.label),
      variants: [],
      // The form names the groups 行政复议 / 未经复议直接起诉 / 复议后起诉: those names are fine too.
      aliases: [g.label, `${g.parent ?? ''}${g.label}`].map(normalizeLabel),
      kinds: colKeys.map(() => 'count' as const),
      colKeys,
    };
  });
  const structure = [
    '行政复议',
    '行政诉讼',
    ...spec.table4.groups.map((g) => g.label),
    ...spec.table4.columns.map((c) => c.label),
    '政府信息公开行政复议、行政诉讼情况',
    '类别',
  ];
  return { rows, structure: structure.map(normalizeLabel), headerVariants: [], tableName, rowTotals: true };
});

// ---- inserting rows in the table's own layout ----------------------------------------------

function rowText(layout: Layout, sep: 'tab' | 'pipe' | 'space', label: string, n: number, key: string, format: FormatVersion, eol: string) {
  if (sep === 'pipe') return writeRow(key, format);
  if (layout === 'cells') return ['\t' + label, ...Array.from({ length: n }, () => '\t0')].join(eol);
  if (layout === 'web') return [label, ...Array.from({ length: n }, () => '0')].join(eol + eol);
  if (sep === 'space') return label + '    ' + Array.from({ length: n }, () => '0').join('    ');
  return label + '\t' + Array.from({ length: n }, () => '0').join('\t');
}

function dominantSep(lines: string[], a: number, b: number): 'tab' | 'pipe' | 'space' {
  let tab = 0;
  let pipe = 0;
  let space = 0;
  for (let i = a; i < b; i++) {
    const l = lines[i];
    if (l.includes('\t')) tab++;
    else if (/[|｜│┃]/.test(l)) pipe++;
    else if (/\S {2,}\S/.test(l)) space++;
  }
  return pipe > tab && pipe >= space ? 'pipe' : space > tab ? 'space' : 'tab';
}

function missingRows(
  tpl: Template,
  found: Map<string, Row>,
  layout: Layout,
  /** The table's separator (dominantSep), asked for only when a row is missing. */
  sepOf: () => 'tab' | 'pipe' | 'space',
  format: FormatVersion,
  eol: string,
  fallback: Range,
  lines: string[],
  problems: ParseProblem[],
) {
  tpl.rows.forEach((t, i) => {
    if (found.has(t.key)) return;
    // (The 2019 row kept in a 2021 table is read when it is there, never asked for.)
    if (format === '2021' && t.key === LEGACY_OTHER.key) return;
    // Insert after the nearest row above that is present, or before the nearest one below.
    let before: Row | undefined;
    for (let k = i - 1; k >= 0 && !before; k--) before = found.get(tpl.rows[k].key);
    let after: Row | undefined;
    for (let k = i + 1; k < tpl.rows.length && !after && !before; k++) after = found.get(tpl.rows[k].key);
    const text = rowText(layout, sepOf(), t.label, t.colKeys.length, t.key, format, eol);
    const gap = layout === 'cells' || layout === 'web' ? eol + eol : eol;
    let insertAt;
    let insertText;
    let where: Range;
    if (before) {
      const line = before.range.end.line;
      insertAt = { line, character: lines[line].length };
      insertText = gap + text;
      where = { start: before.range.start, end: before.range.end };
    } else if (after) {
      insertAt = { line: after.range.start.line, character: 0 };
      insertText = text + gap;
      where = { start: after.range.start, end: after.range.end };
    } else {
      insertAt = fallback.end;
      insertText = eol + text;
      where = fallback;
    }
    const lineEnd = { line: where.start.line, character: lines[where.start.line].length };
    problems.push({
      code: 'row-missing',
      range: { start: where.start, end: where.start.line === where.end.line ? where.end : lineEnd },
      messageId: 'row-missing',
      args: { label: t.label, table: tpl.tableName },
      data: { row: t.key, insertAt, text: insertText },
    });
  });
}

// ---- the parser --------------------------------------------------------------------------

/** The report in a text, or in its lines (analyze splits once for the parser and the narrative rules). */
export function parseReport(input: string | SourceLines, options: ParseOptions = {}): Report {
  const { lines, eol } = typeof input === 'string' ? splitLines(input) : input;
  const problems: ParseProblem[] = [];

  const facts = lineFacts(lines, options.cache);
  const hits = findSections(lines, facts);

  const sections: Section[] = [];
  // Of two headings for one section, the one of the ordered assignment is the section (else the
  // first); the other is reported as a duplicate.
  const seen = new Set<number>(hits.filter((h) => h.chosen).map((h) => h.number));
  hits.forEach((h, k) => {
    const endLine = k + 1 < hits.length ? hits[k + 1].line - 1 : lines.length - 1;
    // (The section's text may begin on the heading's line, after the title: inlineHeading.)
    const bodyRange =
      h.body !== undefined
        ? range(h.line, h.body, endLine, lines[endLine].length)
        : h.line + 1 <= endLine
          ? lineRange(lines, h.line + 1, endLine)
          : range(h.line, lines[h.line].length, h.line, lines[h.line].length);
    let empty = h.body === undefined;
    for (let i = h.line + 1; i <= endLine && empty; i++) if (trimAll(lines[i]) !== '') empty = false;
    sections.push({
      number: h.number,
      kind: SECTIONS[h.number - 1].kind,
      heading: h.label,
      headingLineRange: range(h.line, 0, h.line, lines[h.line].length),
      bodyRange,
      empty,
      duplicate: !h.chosen && seen.has(h.number),
    });
    seen.add(h.number);
  });

  const firstHeading = hits.length ? hits[0].line : lines.length;
  const title = findTitle(lines, firstHeading);
  let year = title ? yearOf(title.text) : null;
  let yearSource: Report['yearSource'] = year ? 'title' : null;
  if (!year) {
    const s1 = sections.find((s) => s.number === 1 && !s.duplicate);
    const a = s1 ? s1.bodyRange.start.line : 0;
    const b = s1 ? s1.bodyRange.end.line : Math.min(lines.length - 1, firstHeading);
    for (let i = a; i <= b && !year; i++) if (lines[i].length < 4000) year = yearOf(lines[i]);
    if (year) yearSource = 'text';
  }
  const body = title ? bodyOf(title.text) : null;

  const primary = (n: number) => sections.find((s) => s.number === n && !s.duplicate);
  const places = placeTables(lines, facts, sections, primary);
  const regionOf = (n: 2 | 3 | 4): [number, number] | null => places[n]?.region ?? null;
  const regions = [regionOf(2), regionOf(3)].filter((r): r is [number, number] => !!r);
  for (const n of [2, 3, 4] as const) {
    const pl = places[n];
    if (!pl?.outside) continue;
    const spec = SECTIONS[n - 1];
    problems.push({
      code: 'section-order',
      range: range(pl.region[0], 0, pl.region[0], lines[pl.region[0]].length),
      messageId: 'section-order.tableOutside',
      args: { table: TABLE_NAME[n], num: n, heading: spec.heading },
      data: { section: n, table: n },
    });
  }

  let format: FormatVersion | null = null;
  let formatSource: Report['formatSource'] = null;
  let formatEvidence: Range | null = null;
  if (options.format && options.format !== 'auto') {
    format = options.format;
    formatSource = 'option';
  } else {
    const d = detectFormat(lines, regions);
    if (d.format) {
      format = d.format;
      formatSource = 'tables';
      formatEvidence = d.evidence;
    } else if (year) {
      format = formatForYear(year);
      formatSource = 'year';
    }
  }
  const spec = FORMATS[format ?? '2021'];
  const fmt = spec.version;

  /** The table's section, or where the table stands when it is outside its section. */
  const home = (n: 2 | 3 | 4): { bodyRange: Range } | undefined => {
    const pl = places[n];
    if (!pl) return undefined;
    return pl.outside ? { bodyRange: lineRange(lines, pl.region[0], pl.region[1] - 1) } : primary(n);
  };
  // Tables: each read from its region's lines with the format's template (and kept per document:
  // an edit elsewhere does not read a table again).
  const read = (n: 2 | 3 | 4): TableRead => {
    const s = home(n);
    const r = regionOf(n);
    if (!s || !r) return { table: null, problems: [] };
    // (Table 四, the last: its tail may stand after a page's number further down.)
    const tail = n === 4 ? tailAfter(lines, r[1]) : null;
    const input: TableInput = { n, region: r, spec, eol, bodyRange: s.bodyRange, tail };
    const b = s.bodyRange;
    const key = [fmt, eol, r[0], b.start.line, b.start.character, b.end.line, b.end.character, tail ?? ''].join(' ');
    return reuseTable(options.cache, n, key, lines, r[0], tail ? tail[1] : r[1], () => readTable(lines, input));
  };
  const t2 = read(2);
  const t3 = read(3);
  const t4 = read(4);
  pushAll(problems, t2.problems, t3.problems, t4.problems);
  const table2 = t2.table as Table2 | null;
  const table3 = t3.table as Table3 | null;
  const table4 = t4.table as Table4 | null;

  const report: Report = {
    lineLengths: lines.map((l) => l.length),
    eol,
    title,
    body,
    year,
    yearSource,
    format,
    formatSource,
    formatEvidence,
    sections,
    table2,
    table3,
    table4,
    problems,
  };
  return report;
}

/** What reading one table needs: which table, its lines [from, to), the format, and its section's range. */
interface TableInput {
  n: 2 | 3 | 4;
  region: [number, number];
  spec: FormatSpec;
  eol: string;
  /** The table's section (or the table's own lines when it stands outside it): missing rows go in there. */
  bodyRange: Range;
  /** Lines [from, to) after the region that may hold the table's last numbers (tailAfter). */
  tail?: [number, number] | null;
}

/** A page's number written with dashes or as 第N页 (not a bare number, which could be a cell). */
const PAGE_MARK =
  /^[ \t\u3000]*(?:[-－—–][ \t\u3000]*\d{1,3}[ \t\u3000]*[-－—–]|第[ \t\u3000]*\d{1,3}[ \t\u3000]*页(?:[ \t\u3000]*[，,／/]?[ \t\u3000]*共[ \t\u3000]*\d{1,3}[ \t\u3000]*页)?)[ \t\u3000]*$/;
const LONE_NUMBER = /^[ \t\u3000]*\d{1,9}[ \t\u3000]*$/;

/**
 * pdftotext's reading order may put a page's last cells of a table after the text below it and
 * the page's number (table 四's last numbers after sections 五 and 六): the lines, after the table's
 * region, right after the first page mark there that lone numbers follow, up to the first line
 * that is neither a lone number nor empty. At most fifteen numbers; null when there are none.
 */
function tailAfter(lines: string[], from: number): [number, number] | null {
  for (let i = from; i < lines.length; i++) {
    if (!PAGE_MARK.test(lines[i])) continue;
    let j = i + 1;
    let numbers = 0;
    while (j < lines.length && (LONE_NUMBER.test(lines[j]) || lines[j].trim() === '') && numbers <= 15) {
      if (lines[j].trim() !== '') numbers++;
      j++;
    }
    if (numbers > 0 && numbers <= 15) return [i + 1, j];
  }
  return null;
}

/** The line of a region's last text when it is a bare number of one to three digits (a page's), else -1. */
function lastLoneNumber(lines: string[], [from, to]: [number, number]): number {
  let i = to - 1;
  while (i > from && lines[i].trim() === '') i--;
  return i > from && /^[ \t\u3000]*\d{1,3}[ \t\u3000]*$/.test(lines[i]) ? i : -1;
}

/** One table read, with the problems found in it: a function of its input and the lines of its region alone. */
export interface TableRead {
  table: Table2 | Table3 | Table4 | null;
  problems: ParseProblem[];
}

function readTable(lines: string[], { n, region, spec, eol, bodyRange, tail }: TableInput): TableRead {
  const problems: ParseProblem[] = [];
  const fmt = spec.version;
  const s = { bodyRange };
  const readRows = (groups: Group[], tpl: Template) => {
    const res = assemble(groups, tpl);
    // (PDF text writes nothing for a blank cell: a row one number short, not a row of bars or tabs.)
    placeBlanks(res.rows, tpl, (run) => run.every((t) => !/[|\t]/.test(lines[t.line] ?? '')));
    pushAll(problems, res.problems);
    const found = new Map<string, Row>();
    for (const m of res.rows) {
      const { cells, extras } = fitRun(m.run, m.t.key, m.t.colKeys, m.t.kinds, m.t.label, tpl.tableName, problems);
      found.set(m.t.key, rowOf(m, cells, extras));
    }
    return { found, res };
  };
  let sep: 'tab' | 'pipe' | 'space' | undefined;
  const addMissing = (tpl: Template, found: Map<string, Row>, layout: Layout) =>
    missingRows(tpl, found, layout, () => (sep ??= dominantSep(lines, region[0], region[1])), fmt, eol, bodyRange, lines, problems);
  // (The number of cells a row has: a web copy's blank cells are told by it.)
  const widths =
    n === 2
      ? spec.table2.map((t) => t.columns.length)
      : n === 3
        ? [spec.table3.columns.length]
        : [5, 15].map((k) => (k / 5) * spec.table4.columns.length);
  const { groups, layout } = tokenize(lines, region[0], region[1], widths);

  if (n === 2) {
    const tpl = template2(spec, TABLE_NAME[2]);
    const { found, res } = readRows(groups, tpl);
    if (!found.size && !res.firstRange) return { table: null, problems };
    const subtables: SubTable2[] = spec.table2.map((sub, index) => ({
      index,
      caption: sub.caption,
      captionRange: null,
      headers: res.headers.filter((h) => sub.columns.some((c) => c.label === h.official)),
      rows: sub.rows.map((r) => found.get(r.key)).filter((r): r is Row => !!r),
    }));
    const table: Table2 = { range: span(res.firstRange, res.lastRange, s), subtables };
    addMissing(tpl, found, layout);
    return { table, problems };
  }

  if (n === 3) {
    const tpl = template3(spec, TABLE_NAME[3]);
    const { found, res } = readRows(groups, tpl);
    if (!found.size && !res.firstRange) return { table: null, problems };
    const table: Table3 = { range: span(res.firstRange, res.lastRange, s), rows: Object.fromEntries(found), headers: res.headers };
    addMissing(tpl, found, layout);
    return { table, problems };
  }

  const tpl = template4(spec, TABLE_NAME[4]);
  const read4 = (groups: Group[]): Map<string, Row> => {
    const firstRun = groups.findIndex((g) => g.run);
    // (Or its only run, however short, under the form's header: the five column heads written for
    // each of the three groups — a copy that kept no trace of its blank cells, merged ones.)
    const formHeader = () => {
      const head = normalizeLabel(spec.table4.columns[0].label);
      const text = groups
        .slice(0, firstRun + 1)
        .flatMap((g) => g.texts)
        .map((t) => normalizeLabel(t.text))
        .join('');
      return text.split(head).length - 1 >= 3 && groups.slice(firstRun + 1).every((g) => !g.run);
    };
    const fullRow = firstRun >= 0 && (cellsOf(groups[firstRun].run!).filter((t) => t.kind !== 'empty').length > 5 || formHeader());
    let found: Map<string, Row>;
    if (fullRow) {
      // The form's own layout: one unlabelled row of 15 numbers (review, direct, post). Text before
      // it is header; any further run of values is something the form does not have.
      const header: Tok[] = [];
      for (let k = 0; k <= firstRun; k++) pushAll(header, groups[k].texts);
      const rest = groups.slice(firstRun + 1);
      pushAll(problems, assemble([{ texts: header, run: null }], tpl).problems);
      pushAll(problems, assemble(rest, { ...tpl, rows: [] }).problems);
      const cols = tpl.rows[0].colKeys;
      // With separators (innerText), a run that starts with one had a first cell that left no text:
      // an unlabelled row has nothing else before its first tab. It is blank, filled before that tab.
      const run = groups[firstRun].run!;
      const sep = run[0].kind === 'sep' ? run[0].range.start : null;
      const at = sep && { line: sep.line, character: Math.max(0, sep.character - 1) };
      const all = fitRun(
        at ? [makeTok('', 'blank', { start: at, end: at }, [], true), ...run] : run,
        'review',
        [...cols, ...cols, ...cols],
        Array(15).fill('count'),
        '表四数据行',
        tpl.tableName,
        problems,
      );
      found = new Map(
        tpl.rows.map((t, k): [string, Row] => {
          const cells = all.cells.slice(k * 5, k * 5 + 5).map((c) => ({ ...c, rowKey: t.key }));
          const range = { start: cells[0].range.start, end: cells[4].range.end };
          return [t.key, { key: t.key, label: null, cells, range, extraCells: k === 2 ? all.extras : [] }];
        }),
      );
    } else {
      found = readRows(groups, tpl).found;
      if (found.size) addMissing(tpl, found, layout);
    }
    return found;
  };
  const start = problems.length;
  let found = read4(groups);
  /** Whether every row of table 四 is read, five numbers whose total holds. */
  const adds = (rows: Map<string, Row>) =>
    rows.size === tpl.rows.length &&
    [...rows.values()].every((r) => {
      const v = r.cells.map((c) => (c.value.kind === 'int' ? c.value.value : NaN));
      return v.length === 5 && v[0] + v[1] + v[2] + v[3] === v[4];
    });
  const misread = (ps: ParseProblem[]) => ps.some((p) => p.code === 'cell-count' || p.code === 'row-unknown');
  // A page's bare number after the table (PDF text, the page ending under table 四): the table is
  // read without it when it is a cell too many with it and whole without it, every total holding.
  const page = lastLoneNumber(lines, region);
  if (page >= 0 && misread(problems.slice(start))) {
    const at = problems.length;
    const without = read4(tokenize(lines, region[0], page, widths).groups);
    const fresh = problems.slice(at);
    if (adds(without) && !misread(fresh)) {
      replaceFrom(problems, start, fresh);
      found = without;
    } else problems.length = at;
  }
  // The table's last numbers after a page's number further down (tailAfter): read with them when
  // the table is short without them and they make it whole, every row's total holding.
  // (Before a blank placed by the sums: numbers that make the row whole are its own.)
  const short = () =>
    problems.some((p, k) => k >= start && p.code === 'cell-count') ||
    [...found.values()].some((r) => r.cells.some((c) => c.value.kind === 'blank' || c.value.kind === 'missing'));
  if (tail && short()) {
    const at = problems.length;
    const more = tokenize(lines, tail[0], tail[1]).groups;
    const extra = more.flatMap((g) => g.run ?? []);
    const last = groups.map((g) => !!g.run).lastIndexOf(true);
    if (last >= 0 && more.every((g) => !g.texts.length) && extra.length && extra.every((t) => t.kind === 'value')) {
      const whole = read4(groups.map((g, k) => (k === last ? { ...g, run: [...g.run!, ...extra] } : g)));
      const fresh = problems.slice(at);
      if (adds(whole) && !misread(fresh)) {
        replaceFrom(problems, start, fresh);
        problems.push({
          code: 'row-unknown',
          severity: 'information',
          range: { start: extra[0].range.start, end: extra[extra.length - 1].range.end },
          messageId: 'row-unknown.tail',
          args: { table: tpl.tableName, count: extra.length },
        });
        found = whole;
      } else problems.length = at;
    }
  }
  if (!found.size) return { table: null, problems };
  const ranges = [...found.values()].map((r) => r.range);
  const first = ranges.reduce((a, b) => (cmp(a.start, b.start) <= 0 ? a : b));
  const last = ranges.reduce((a, b) => (cmp(a.end, b.end) >= 0 ? a : b));
  const table: Table4 = { range: { start: first.start, end: last.end }, rows: Object.fromEntries(found), headers: [] };
  return { table, problems };
}

/** Lines where each table shows itself by its own wording (its first caption, its note cell, its review/litigation header). */
const TABLE_ANCHOR: Record<2 | 3 | 4, RegExp> = {
  2: /^[\s|｜│┃#*]*第二十条第[（(]一[）)]项/,
  3: /^[\s|｜│┃#*]*[（(]本列数据的勾稽关系为|^[\s|｜│┃#*]*一、本年新收政府信息公开申请数量/,
  4: /结果维持|未经复议直接起诉/,
};

interface TablePlace {
  /** Lines [from, to) the table is read from. */
  region: [number, number];
  /** True when the table stands outside its own section (read there, and reported). */
  outside: boolean;
}

/**
 * Where each table is read: its section's lines, cut where another table shows itself when that
 * table is not in its own section; a table whose section is missing or does not hold it is found
 * by its own wording wherever it stands, and read from there to the next heading.
 */
function placeTables(
  lines: string[],
  facts: LineFacts[],
  sections: Section[],
  primary: (n: number) => Section | undefined,
): Record<2 | 3 | 4, TablePlace | null> {
  const bodyOf = (n: number): [number, number] | null => {
    const sec = primary(n);
    // (Not the heading's line, when the section's text begins there: a table starts below its heading.)
    const from = sec ? sec.bodyRange.start.line + (sec.bodyRange.start.character > 0 ? 1 : 0) : 0;
    return sec && !sec.empty && from <= sec.bodyRange.end.line ? [from, sec.bodyRange.end.line + 1] : null;
  };
  // Each table's anchor: its wording inside its own section if there, else the first anywhere.
  const anchors: Record<2 | 3 | 4, number> = { 2: -1, 3: -1, 4: -1 };
  const own: Record<2 | 3 | 4, number> = { 2: -1, 3: -1, 4: -1 };
  for (let i = 0; i < lines.length; i++) {
    if (!facts[i].anchors) continue;
    for (const n of [2, 3, 4] as const) {
      if (!(facts[i].anchors & (1 << n))) continue;
      if (anchors[n] < 0) anchors[n] = i;
      const b = bodyOf(n);
      if (own[n] < 0 && b && i >= b[0] && i < b[1]) own[n] = i;
    }
  }
  for (const n of [2, 3, 4] as const) if (own[n] >= 0) anchors[n] = own[n];
  const outside = (n: 2 | 3 | 4) => anchors[n] >= 0 && own[n] < 0;
  const headings = sections.map((x) => x.headingLineRange.start.line).sort((x, y) => x - y);
  const out: Record<2 | 3 | 4, TablePlace | null> = { 2: null, 3: null, 4: null };
  for (const n of [2, 3, 4] as const) {
    // Tables standing outside their sections cut whatever region they fall in.
    const cuts = ([2, 3, 4] as const).filter((m) => m !== n && outside(m)).map((m) => anchors[m]);
    const b = bodyOf(n);
    if (b && !outside(n)) {
      let end = b[1];
      for (const c of cuts) if (c > b[0] && c < end) end = c;
      out[n] = { region: [b[0], end], outside: false };
    } else if (anchors[n] >= 0) {
      const a = anchors[n];
      let end = lines.length;
      for (const h of headings) if (h > a && h < end) end = h;
      for (const m of [2, 3, 4] as const) if (m !== n && anchors[m] > a && anchors[m] < end) end = anchors[m];
      out[n] = { region: [a, end], outside: true };
    }
  }
  return out;
}

function cmp(a: { line: number; character: number }, b: { line: number; character: number }) {
  return a.line - b.line || a.character - b.character;
}

function span(a: Range | null, b: Range | null, s: { bodyRange: Range }): Range {
  if (a && b) return { start: a.start, end: b.end };
  return s.bodyRange;
}
