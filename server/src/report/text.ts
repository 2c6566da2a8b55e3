/** Text helpers: normalisation for comparing labels, display width, similarity, values. */
import { eastAsianWidth } from 'get-east-asian-width';
import type { CellValue } from './model';

/**
 * Whether a UTF-16 code unit is a space of some kind: what \s matches (and String.prototype.trim
 * removes: ASCII, no-break, ideographic and other Unicode spaces, line ends, BOM), or an invisible
 * character web pages and Word leave in text (zero-width space, non-joiner and joiner, word joiner,
 * soft hyphen). A test on the code, for loops over a line's characters.
 */
export function isSpaceCode(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  if (c > 0x3000) return c === 0xfeff;
  return (
    c === 0xa0 ||
    c === 0x3000 ||
    c === 0xad ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2060 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f
  );
}

/**
 * The invisible characters isSpaceCode counts as spaces and \s does not (zero-width space,
 * non-joiner and joiner, word joiner, soft hyphen), as the inside of a regular expression's
 * character class: `[\s${INVISIBLE}]` is any space of isSpaceCode's (\s has the rest).
 */
export const INVISIBLE = '\\u200b-\\u200d\\u2060\\u00ad';

/** Any run of spaces of isSpaceCode's at the start or the end of a string. */
const EDGE_SPACES = new RegExp(`^[\\s${INVISIBLE}]+|[\\s${INVISIBLE}]+$`, 'g');

/** Whether String.prototype.trim removes this code unit (what \s matches: isSpaceCode but the invisible characters). */
export function isTrimSpace(c: number): boolean {
  return c !== 0x200b && c !== 0x200c && c !== 0x200d && c !== 0x2060 && c !== 0xad && isSpaceCode(c);
}

/** Whether a string is empty or only spaces (isSpaceCode), without making a trimmed copy. */
export function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpaceCode(s.charCodeAt(i))) return false;
  return true;
}

/** Trim spaces of every kind (ASCII, no-break, ideographic, zero-width, BOM). */
export function trimAll(s: string): string {
  // Most cells and labels have nothing to trim: no copy then.
  if (s.length > 0 && !isSpaceCode(s.charCodeAt(0)) && !isSpaceCode(s.charCodeAt(s.length - 1))) return s;
  // String.prototype.trim already removes \s (ASCII, no-break and ideographic spaces, BOM); only
  // the invisible characters need more.
  const t = s.trim();
  if (t.length > 0 && (isSpaceCode(t.charCodeAt(0)) || isSpaceCode(t.charCodeAt(t.length - 1)))) return t.replace(EDGE_SPACES, '');
  return t;
}

/** Characters NFKC leaves as they are (ASCII, CJK ideographs, common CJK punctuation): most labels are only these. */
// eslint-disable-next-line no-control-regex -- the ASCII range, control characters included
const NFKC_STABLE = /^[\x00-\x7f\u4e00-\u9fff\u3001\u3002\u3008-\u3011\u2018\u2019\u201c\u201d\u2014]*$/;

/**
 * A label's comparison key: full-width forms folded (NFKC), every space removed, quotes and
 * numbering marks unified (1、 1． 1. → 1.). Two labels with the same key differ at most in
 * punctuation.
 */
export function normalizeLabel(s: string): string {
  if (isPlainLabel(s)) return s;
  // Labels with something to fold are mostly the official wordings (their full-width brackets) and
  // their fragments, the same in every report: their keys are kept, up to a bound.
  if (s.length > NORM_CACHE_MAX_CHARS) return foldLabel(s);
  let n = NORMS.get(s);
  if (n === undefined) {
    if (NORMS.size >= NORM_CACHE_SIZE) NORMS.clear();
    NORMS.set(s, (n = foldLabel(s)));
  }
  return n;
}

const NORMS = new Map<string, string>();
const NORM_CACHE_SIZE = 4096;
const NORM_CACHE_MAX_CHARS = 80;

function foldLabel(s: string): string {
  return (
    squeeze(NFKC_STABLE.test(s) ? s : s.normalize('NFKC'))
      // (Markdown converters' emphasis and line breaks inside a cell: **（一）予以公开**, 部分公开<br>（区分…）.)
      .replace(/\*\*|<br\s*\/?>/gi, '')
      .replace(/[“”"‘’'「」]/g, '"')
      .replace(/^(\d+)[、.,]/, '$1.')
      .replace(/(^|[^\d])(\d+)、/g, '$1$2.')
  );
}

/**
 * Whether normalizeLabel() leaves `s` as it is: NFKC-stable (NFKC_STABLE) with no space, quote,
 * 「」, 、 or comma, tested code by code (most label fragments: ASCII and ideographs only).
 */
function isPlainLabel(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00) {
      if (c <= 0x9fff) continue;
      return false;
    }
    if (c < 0x80) {
      // (ASCII but spaces, quotes, the comma, * and < (**bold**, <br>))
      if (c === 32 || (c >= 9 && c <= 13) || c === 34 || c === 39 || c === 44 || c === 42 || c === 60) return false;
      continue;
    }
    // (the period, the angle and lenticular brackets, the em dash; not 、 and not 「」)
    if (c === 0x3002 || c === 0x2014 || (c >= 0x3008 && c <= 0x3011 && c !== 0x300c && c !== 0x300d)) continue;
    return false;
  }
  return true;
}

/**
 * The label with whitespace (isSpaceCode) removed only: equal keys mean the wording and punctuation
 * are the official ones. (A loop over the codes: a regex replace costs several times more on
 * Chinese text.)
 */
export function squeeze(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (isSpaceCode(s.charCodeAt(i))) {
      if (i > from) out += s.slice(from, i);
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * Punctuation of East Asian "ambiguous" width that Chinese monospace fonts (Noto Sans Mono CJK SC,
 * Sarasa Mono SC, the fonts the [xxgk] editor defaults list) draw two columns wide: curly quotes
 * (危及“三安全一稳定”), the em dash and the ellipsis. Measured in the editor by test/e2e.
 */
const WIDE_IN_CHINESE_FONTS = new Set([0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026]);

/**
 * Columns a string takes in a monospace editor with a Chinese font: East Asian wide and full-width
 * characters take two, and so does the punctuation of WIDE_IN_CHINESE_FONTS.
 */
export function displayWidth(s: string): number {
  let width = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x7f) {
      if (c >= 0x20) width++;
      continue;
    }
    // A character of a surrogate pair (or a lone surrogate) by its code point; any other by the table.
    if (c >= 0xd800 && c <= 0xdfff) {
      const cp = s.codePointAt(i)!;
      if (cp > 0xffff) i++;
      width += codePointWidth(cp);
      continue;
    }
    let w = BMP_WIDTHS[c];
    if (w === 0) BMP_WIDTHS[c] = w = codePointWidth(c) + 1;
    width += w - 1;
  }
  return width;
}

/** The width of one code point: 0 for controls, the zero-width space and combining marks. */
function codePointWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xad) return 0;
  if (cp >= 0x300 && cp <= 0x36f) return 0; // combining marks
  return WIDE_IN_CHINESE_FONTS.has(cp) ? 2 : eastAsianWidth(cp);
}

/** Widths of the BMP's code units as codePointWidth gives them, plus one; 0 until first asked for. */
const BMP_WIDTHS = new Uint8Array(0x10000);

/** Pad a string with spaces to a display width. */
export function padEnd(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

/**
 * Dice coefficient over character bigrams: 1 for equal strings, 0 for nothing shared. `b` is the
 * reference wording (a label or heading of the format: a bounded set, whose bigrams are kept);
 * `a` is the text compared with it (its bigrams are kept for the next calls with the same text).
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  // Bigrams as numbers, sorted, then counted by merging: no maps, no strings allocated.
  const ga = candidateBigrams(a);
  const gb = referenceBigrams(b);
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < ga.length && j < gb.length) {
    if (ga[i] === gb[j]) {
      shared++;
      i++;
      j++;
    } else if (ga[i] < gb[j]) i++;
    else j++;
  }
  return (2 * shared) / (ga.length + gb.length);
}

/** Bigrams of the format's wordings, computed once each (the set is bounded: format.json's labels and headings). */
const REFERENCE = new Map<string, Float64Array>();

function referenceBigrams(s: string): Float64Array {
  let g = REFERENCE.get(s);
  if (!g) {
    g = computeBigrams(s);
    // (A guard, should a caller pass text as the reference: the cache stays bounded.)
    if (REFERENCE.size >= 4096) REFERENCE.clear();
    REFERENCE.set(s, g);
  }
  return g;
}

/** The last candidate's bigrams: one text is compared with every label in turn. */
let lastCandidate = '';
let lastBigrams: Float64Array = new Float64Array(0);

function candidateBigrams(s: string): Float64Array {
  if (s !== lastCandidate) {
    lastCandidate = s;
    lastBigrams = computeBigrams(s);
  }
  return lastBigrams;
}

function computeBigrams(s: string): Float64Array {
  const g = new Float64Array(s.length - 1);
  for (let k = 0; k < g.length; k++) g[k] = s.charCodeAt(k) * 65536 + s.charCodeAt(k + 1);
  return g.sort();
}

/**
 * Levenshtein distance when it is at most `max`, else max + 1. Short labels with one character
 * missing or doubled share few bigrams, but are one edit away.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > ROW_A.length) return max + 1;
  let prev = ROW_A;
  let cur = ROW_B;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[b.length];
}
const ROW_A = new Uint16Array(64);
const ROW_B = new Uint16Array(64);

/** The most similarity() can give for strings of these lengths. */
export function similarityBound(la: number, lb: number): number {
  if (la < 2 || lb < 2) return la === lb ? 1 : 0;
  return (2 * (Math.min(la, lb) - 1)) / (la - 1 + (lb - 1));
}

/** Placeholders people write instead of a number. */
const PLACEHOLDER = /^(?:[/／\\\-—–－_~～…]+|无|空|暂无|不涉及|N\/?A)$/i;
/** Letters OCR reads for digits: Latin/Cyrillic/Greek O and o, l and I for 1. */
const OCR_DIGIT = /^[0-9OoОоΟοlI|]+$/u;

const VALUE_IDEOGRAPHS = '万元件个项条无空暂不涉及';

/** Whether a cell's text looks like a value (a number, a damaged number or a placeholder), not a label. */
export function looksLikeValue(text: string): boolean {
  // Most label fragments have an ideograph (NFKC keeps it) that no value or placeholder has: only
  // the units 万元 元 件 个 项 条 and the placeholders 无 空 暂无 不涉及 have ideographs.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff && !VALUE_IDEOGRAPHS.includes(text[i])) return false;
  }
  if (/^\d{1,12}$/.test(text)) return true;
  const t = trimAll(text).normalize('NFKC');
  if (t === '') return false;
  if (PLACEHOLDER.test(t)) return true;
  if (/^[+\-−]?\d[\d,\s]*(?:\.\d+)?\s*(?:万元|元|件|个|项|条|%)?$/u.test(t)) return true;
  if (/^[+\-−]?\.\d+$/.test(t)) return true;
  if (OCR_DIGIT.test(t) && /[0-9OoОоΟο]/u.test(t) && t.length <= 6) return true;
  return false;
}

export type ValueKind = 'count' | 'signed' | 'amount-unit' | 'amount-wan';

const MAX = 1e12;

/** Read a cell's text as a value of the column's kind. Never guesses: damage is reported, not repaired. */
export function readValue(raw: string, kind: ValueKind): CellValue {
  // Most cells are plain digits.
  if (/^\d{1,12}$/.test(raw)) {
    return kind === 'count' || kind === 'signed' ? { kind: 'int', value: Number(raw) } : { kind: 'decimal', text: raw, unit: null };
  }
  const t = trimAll(raw)
    .normalize('NFKC')
    .replace(/[\s]+/g, (m) => (m.length ? ' ' : ''));
  if (t === '') return { kind: 'blank' };
  if (PLACEHOLDER.test(t)) return { kind: 'invalid', reason: 'placeholder' };
  if (/^\d+(?: \d+)+$/.test(t)) return { kind: 'invalid', reason: 'split-digits' };
  if (OCR_DIGIT.test(t.replace(/ /g, '')) && /[OoОоΟοlI|]/u.test(t)) return { kind: 'invalid', reason: 'ocr-letter' };
  if (kind === 'count' || kind === 'signed') {
    const m = /^([+\-−])?(\d{1,3}(?:,\d{3})+|\d+)$/.exec(t);
    if (m) {
      const n = Number(m[2].replace(/,/g, ''));
      if (n > MAX) return { kind: 'invalid', reason: 'too-large' };
      if (m[1] === '-' || m[1] === '−') {
        if (kind === 'count' && n !== 0) return { kind: 'invalid', reason: 'negative' };
        return { kind: 'int', value: n === 0 ? 0 : -n };
      }
      if (m[1] === '+' && kind === 'count') return { kind: 'invalid', reason: 'not-a-number' };
      return { kind: 'int', value: n };
    }
    if (/^[+\-−]?\d*\.\d+$/.test(t)) return { kind: 'invalid', reason: 'fraction' };
    if (/^\d+\s*(?:万元|元|件|个|项|条|%)$/.test(t)) return { kind: 'invalid', reason: 'unit' };
    return { kind: 'invalid', reason: 'not-a-number' };
  }
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万元|元)?$/.exec(t);
  if (!m) {
    if (/^-/.test(t)) return { kind: 'invalid', reason: 'negative' };
    return { kind: 'invalid', reason: 'not-a-number' };
  }
  const digits = m[1].replace(/,/g, '') + (m[2] ?? '');
  if (Number(m[1].replace(/,/g, '')) > MAX) return { kind: 'invalid', reason: 'too-large' };
  const unit = (m[3] as '元' | '万元' | undefined) ?? null;
  if (kind === 'amount-wan') {
    if (unit === '元') return { kind: 'invalid', reason: 'unit' };
    return { kind: 'decimal', text: digits, unit };
  }
  return { kind: 'decimal', text: digits, unit };
}

/** Whether a decimal's text is zero (0, 0.00, …). */
export function isZeroText(text: string): boolean {
  return /^0+(?:\.0*)?$/.test(text);
}
