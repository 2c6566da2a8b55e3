/**
 * PDF files by their text layer (pdfjs-dist, legacy build: runs in Node without a canvas). Text
 * items with their coordinates become lines (same baseline) and chunks (items closer than a
 * character); a table is a run of lines holding values, with the short lines around them:
 * - value columns: the x positions of the numbers, clustered over the table;
 * - row labels: the label chunk on the values' line, plus the wrapped label lines nearest to it;
 *   a label cell spanning several rows (a group head such as （三）不予公开, or a vertical
 *   三、本年度办理结果) is a block further left, written as a label-only row before the rows it spans;
 * - header: the lines above the first values, reduced to one name per value column (the lowest
 *   header text over it);
 * - page breaks: page numbers (`- 4 -`, `第4页`) dropped, a header repeated at the top of a page dropped.
 * A PDF without a text layer (a scan) is refused with 此 PDF 没有文字层.
 * The text items come from pdfText.ts's fast reader, or from pdfjs for a file it does not fully support.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeDocument, type Block, type OutRow, type SourceDocument, type SourceLocation } from './document';
import { bilingual } from '../report/messages';
import {
  PdfMissingCMap,
  PdfOverLimit,
  PdfUnsupported,
  readTextPages,
  READ_LIMITS,
  type ReadLimits,
  type TextItem,
  type TextPage,
} from './pdfText';

/** A PDF that cannot be read: the message (report/messages.ts) in both languages, then the file's name. */
export class PdfError extends Error {
  constructor(id: string, args: Record<string, string | number>, name: string) {
    super(`${bilingual(id, args)}: ${name}`);
  }
}

/** Pages read at most (a report has a few dozen). */
export const MAX_PAGES = 300;

export interface Item {
  s: string;
  x: number;
  x1: number;
  /** Top-to-bottom position over the whole document (page index × page height + distance from the page top). */
  y: number;
  size: number;
  page: number;
  /** The text before the spaces between Chinese characters were dropped (joinText), when there were any. */
  spaced?: string;
  /**
   * The pieces joined into this one on its line (toLines), when one stood a visible gap (a tenth of an em)
   * from the one before: their text and places (pieces that touch, one).
   */
  joined?: { s: string; x: number; x1: number }[];
}

type Chunk = Item;

interface Line {
  chunks: Chunk[];
  y: number;
  page: number;
  size: number;
}

/**
 * The folder of pdfjs's packed CMaps (CJK fonts that are not embedded name predefined encodings such
 * as UniGB-UCS2-H): dist/cmaps/ next to the bundle (scripts/build.mjs copies the Chinese ones
 * there), else the package's own folder (running from the sources).
 */
export function defaultCMapDir(): string {
  if (cMapDir === undefined) {
    const bundled = join(__dirname, 'cmaps');
    cMapDir = existsSync(bundled) ? bundled : join(dirname(require.resolve('pdfjs-dist/package.json')), 'cmaps');
  }
  return cMapDir;
}
/** Looked up once: every PDF of a folder asked for it (a file system lookup each). */
let cMapDir: string | undefined;

export interface PdfOptions {
  /** Where the packed CMaps are (defaultCMapDir()); null: none (fonts that need one read wrong). */
  cMapDir?: string | null;
  /**
   * Which reader: 'auto' (default) the fast one, pdfjs when the file needs what it does not support;
   * 'pdfjs' pdfjs only; 'fast' the fast one only (an unsupported file is an error: for tests).
   */
  reader?: 'auto' | 'pdfjs' | 'fast';
}

/** Which reader read a file ('pdfjs' with the reason the fast one left it). */
export type PdfReader = { reader: 'fast' } | { reader: 'pdfjs'; reason: string | null };

/** A horizontal rule drawn on a page (a table's border), in reading coordinates. */
interface Rule {
  page: number;
  x0: number;
  x1: number;
  y: number;
}

/** A vertical rule drawn on a page (a border between a table's columns), in reading coordinates (y0 above y1). */
interface VRule {
  page: number;
  x: number;
  y0: number;
  y1: number;
}

type ReadItems = { items: Item[]; pages: number; pageHeight: number; rules: Rule[]; columns: VRule[] };

/** Text items of one page in reading coordinates; whitespace-only items (pdfjs's spacing, ends of lines) dropped. */
function pageItems(items: TextItem[], p: number, view: number[], out: Item[]) {
  const pageHeight = view[3] - view[1];
  for (const it of items) {
    if (!it.str.trim()) continue;
    const [a, b, , d, e, f] = it.transform;
    const size = Math.hypot(a, b) || Math.abs(d) || 10;
    out.push({ s: it.str, x: e, x1: e + (it.width || size * it.str.length), y: (p - 1) * pageHeight + (view[3] - f), size, page: p });
  }
}

function pagesToItems(pages: TextPage[]): ReadItems {
  const items: Item[] = [];
  const rules: Rule[] = [];
  const columns: VRule[] = [];
  pages.forEach((pg, i) => {
    pageItems(pg.items, i + 1, pg.view, items);
    const r = pg.rules ?? [];
    const pageHeight = pg.view[3] - pg.view[1];
    for (let k = 0; k + 2 < r.length; k += 3)
      rules.push({ page: i + 1, x0: r[k], x1: r[k + 1], y: i * pageHeight + (pg.view[3] - r[k + 2]) });
    const c = pg.columns ?? [];
    for (let k = 0; k + 2 < c.length; k += 3)
      columns.push({ page: i + 1, x: c[k], y0: i * pageHeight + (pg.view[3] - c[k + 2]), y1: i * pageHeight + (pg.view[3] - c[k + 1]) });
  });
  const last = pages[pages.length - 1]?.view;
  return { items, pages: pages.length, pageHeight: last ? last[3] - last[1] : 842, rules, columns };
}

/** Why the fast reader left a file: its reason, and whether it was only over the limits it was given. */
export interface FastRefusal {
  reason: string;
  overLimit: boolean;
}

/** The fast reader; null when the file needs pdfjs or more than `limits` (the reason in `why`). */
function readItemsFast(data: Uint8Array, name: string, cMapDir: string | null, why: FastRefusal, limits = READ_LIMITS): ReadItems | null {
  try {
    return pagesToItems(readTextPages(data, cMapDir, MAX_PAGES, limits));
  } catch (e) {
    if (e instanceof PdfMissingCMap) throw new PdfError('pdf.missingCMap', { cmap: e.message }, name);
    // Anything else, unsupported or unforeseen (a bug here must not lose a file): pdfjs reads it.
    why.reason = e instanceof PdfUnsupported ? e.message : `error: ${(e as Error)?.message ?? String(e)}`;
    why.overLimit = e instanceof PdfOverLimit;
    return null;
  }
}

/**
 * The fast reader alone, in this thread, within `limits` (no pdfjs, nothing asynchronous): the
 * document, or null when the file needs pdfjs or more than the limits (`why` says which). A file
 * without text and a missing CMap are errors (PdfError), as readPdf gives them.
 */
export function readPdfFast(
  data: Uint8Array,
  name: string,
  limits: ReadLimits,
  why: FastRefusal,
  cMapDir = defaultCMapDir(),
): SourceDocument | null {
  const fast = readItemsFast(data, name, cMapDir, why, limits);
  return fast && layout(fast, name);
}

const NUMBER_RE = /^[+\-−－]?\s*[\d０-９][\d０-９,，]*([.．][\d０-９]+)?\s*(万元|元|%)?$|^[/／—–－]$/u;
const PAGE_NUMBER_RE = /^([-—–－]\s*\d+\s*[-—–－]|第\s*\d+\s*页(\s*[,，/／]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|\d{1,3})$/;
/** A caption of table 二's sub-tables, as the formats write them: 第二十条第（一）项. */
const SUBTABLE_CAPTION_RE = /^第二十条第[（(][一二三四五六七八九十]+[）)]项$/;
const HEADING_RE = /^[一二三四五六七八九十][、.．]\S{4,}/;

/** A list's number alone, as Word's lists set it apart from their text by a tab: 一、 （三） 1. */
const LIST_NUMBER_RE = /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、])$/u;
/** Text that begins with such a number: a numbered label of its own. */
const LISTED_RE = /^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、](?!\d))/u;

/** A section heading's numeral alone, its words set apart by Word's list (一、 then a tab, then 总体情况). */
const NUMERAL_RE = /^[一二三四五六七八九十][、.．]$/;

/** A line that begins with a section heading: in one piece, or its numeral apart from its words. */
function isHeading(l: Line): boolean {
  const first = l.chunks[0].s;
  return HEADING_RE.test(first) || (l.chunks.length > 1 && NUMERAL_RE.test(first) && HEADING_RE.test(first + l.chunks[1].s));
}

/** A narrative line a table's cell never is: a sentence of some length, ended by 。 (a short line of a paragraph before a table). */
function isSentence(s: string): boolean {
  return s.length >= 8 && s.endsWith('。');
}

function isNumber(s: string): boolean {
  return NUMBER_RE.test(s.trim());
}

/** Spaces between CJK characters are layout (`商 业 企`), not text. */
function joinText(s: string): string {
  return s.replace(/(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])/gu, '').trim();
}

/** The text items readPdf lays out, and which reader read them (tests compare the two readers item by item). */
export async function readItems(data: Uint8Array, name: string, options: PdfOptions): Promise<ReadItems & { read: PdfReader }> {
  const cMapDir = options.cMapDir === undefined ? defaultCMapDir() : options.cMapDir;
  const why: FastRefusal = { reason: '', overLimit: false };
  if (options.reader !== 'pdfjs') {
    const fast = readItemsFast(data, name, cMapDir, why);
    if (fast) return { ...fast, read: { reader: 'fast' } };
    if (options.reader === 'fast') throw new PdfError('pdf.fastOnly', { reason: why.reason }, name);
  }
  return { ...(await readItemsPdfjs(data, name, cMapDir)), read: { reader: 'pdfjs', reason: why.reason || null } };
}

async function readItemsPdfjs(data: Uint8Array, name: string, cMapDir: string | null): Promise<ReadItems> {
  // pdfjs is a bundle of its own (dist/pdfjsText.js, next to this one; pdfjsText.ts from the sources),
  // loaded by a thread for the first file that needs it; required at run time, not bundled in.
  const { readTextPagesPdfjs } = createRequire(__filename)('./pdfjsText') as typeof import('./pdfjsText');
  const read = await readTextPagesPdfjs(data, cMapDir, MAX_PAGES);
  if (read.error === 'encrypted') throw new PdfError('pdf.encrypted', {}, name);
  if (read.error === 'corrupt') throw new PdfError('pdf.corrupt', { reason: read.message }, name);
  return pagesToItems(read.pages);
}

/**
 * Whether a vertical rule runs between two pieces of text on one line (from the end of `a` to the start
 * of `b`, across the line's height): a border between two cells, which no cell's text crosses.
 * `byPage`: the rules of each page by x.
 */
function borderBetween(byPage: Map<number, VRule[]>, a: Chunk, b: Chunk): boolean {
  const list = byPage.get(b.page);
  if (!list) return false;
  const from = Math.min(a.x1, b.x) - 0.5;
  const to = Math.max(a.x1, b.x) + 0.5;
  // (the first rule at or right of `from`: a binary search, the page's rules sorted by x)
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].x < from) lo = mid + 1;
    else hi = mid;
  }
  const top = Math.min(a.y, b.y) - Math.max(a.size, b.size) * 0.7;
  const bottom = Math.max(a.y, b.y) - Math.max(a.size, b.size) * 0.1;
  for (let k = lo; k < list.length && list[k].x <= to; k++) if (list[k].y0 <= top && list[k].y1 >= bottom) return true;
  return false;
}

/** The vertical rules of each page, by x. */
function bordersByPage(columns: VRule[]): Map<number, VRule[]> {
  const borders = new Map<number, VRule[]>();
  for (const c of columns) {
    const list = borders.get(c.page);
    if (list) list.push(c);
    else borders.set(c.page, [c]);
  }
  for (const list of borders.values()) list.sort((a, b) => a.x - b.x);
  return borders;
}

/** Width of text in ems, as splitNumbers places it: a Chinese character an em, anything else about half of one. */
const ems = (q: string) => [...q].reduce((t, ch) => t + (/[\u3000-\u9fff\uff00-\uffef]/u.test(ch) ? 1 : 0.55), 0);

/**
 * Text of two cells side by side that the reader gave as one item (（ 1.本机关不: a vertical head's
 * character and the next cell's label on one baseline, a space between): split at the space where a
 * vertical rule runs through it; the first part placed from the item's start and the last to its end,
 * each as wide as its characters, the parts between where their share of the item's width puts them.
 */
function splitAtBorders(items: Item[], borders: Map<number, VRule[]>): Item[] {
  if (!borders.size) return items;
  const out: Item[] = [];
  for (const it of items) {
    if (!/\S\s+\S/.test(it.s)) {
      out.push(it);
      continue;
    }
    const list = borders.get(it.page) ?? [];
    const top = it.y - it.size * 0.7;
    const bottom = it.y - it.size * 0.1;
    const cuts = list.filter((b) => b.x > it.x + 0.5 && b.x < it.x1 - 0.5 && b.y0 <= top && b.y1 >= bottom).map((b) => b.x);
    if (!cuts.length) {
      out.push(it);
      continue;
    }
    // The spaces' places along the item (its width shared out by the characters' ems); each rule cuts
    // at the space nearest it (a space stands for a gap of any width).
    const text = it.s;
    const scale = (it.x1 - it.x) / Math.max(ems(text), 1e-6);
    const spaces: { from: number; to: number; x0: number; x1: number }[] = [];
    for (const m of text.matchAll(/\s+/g)) {
      const x0 = it.x + ems(text.slice(0, m.index)) * scale;
      spaces.push({ from: m.index, to: m.index + m[0].length, x0, x1: x0 + ems(m[0]) * scale });
    }
    const at = new Set(
      cuts.map((c) => spaces.reduce((a, b) => (Math.abs((b.x0 + b.x1) / 2 - c) < Math.abs((a.x0 + a.x1) / 2 - c) ? b : a))),
    );
    // (the first part from the item's start and the last to its end, each as wide as its characters;
    // parts between, where the shares place them)
    let start = 0;
    let x = it.x;
    let first = true;
    for (const sp of spaces.filter((q) => at.has(q))) {
      const part = text.slice(start, sp.from).trim();
      out.push({ ...it, s: part, x, x1: first ? Math.min(sp.x0, x + ems(part) * it.size) : sp.x0 });
      start = sp.to;
      x = sp.x1;
      first = false;
    }
    const last = text.slice(start).trim();
    out.push({ ...it, s: last, x: Math.max(x, it.x1 - ems(last) * it.size), x1: it.x1 });
  }
  return out.filter((it) => it.s);
}

/** An item that begins with one character, then a space, then text without spaces: 四 掌握相关政. */
const FIRST_APART_RE = /^(\S)\s+(\S+)\s*$/u;

/**
 * A vertical head's characters that the reader gave each with the text beside it on its line, in the
 * next cell (（ 1.本机关不 / 四 掌握相关政 / ） 府信息: a narrow column of single characters, the label
 * column right of it, no border drawn between): split off where three lines and more, one under the
 * other at about a line's distance, begin so at one x (the character an em wide at the item's start, the
 * rest as wide as its characters at its end). Letter-spaced text (商 业 企 业) has spaces throughout.
 */
function splitStackedFirsts(items: Item[]): Item[] {
  const apart = items.filter((it) => FIRST_APART_RE.test(it.s));
  if (apart.length < 3) return items;
  const split = columnsOfThree(apart, 0.3);
  if (!split.size) return items;
  return items.flatMap((it) => {
    if (!split.has(it)) return [it];
    const [, head, rest] = FIRST_APART_RE.exec(it.s)!;
    const x = Math.max(it.x + it.size, it.x1 - ems(rest) * it.size);
    return [
      { ...it, s: head, x1: it.x + it.size },
      { ...it, s: rest, x },
    ];
  });
}

function toLines(items: Item[], columns: VRule[] = []): Line[] {
  const borders = bordersByPage(columns);
  items = splitStackedFirsts(splitAtBorders(items, borders));
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    // (Measured from the line's first item, not the last one added: a column of vertical text beside
    // a wrapped label, 三 / 、/ 本 …, must not chain the label's first line to the values below it.)
    if (last && last.page === it.page && Math.abs(it.y - last.y) < Math.min(it.size, last.size) * 0.45) last.chunks.push({ ...it });
    else lines.push({ chunks: [{ ...it }], y: it.y, page: it.page, size: it.size });
  }
  for (const l of lines) if (l.chunks.some((c) => /\d\s+[\d+\-−－]/.test(c.s))) l.chunks = l.chunks.flatMap(splitNumbers);
  joinStrayNumbers(lines);
  const stacked = stackPieces(lines);
  for (const l of lines) {
    l.chunks.sort((a, b) => a.x - b.x);
    const merged: Chunk[] = [];
    let last: Chunk | null = null;
    for (const c of l.chunks) {
      const prev = merged[merged.length - 1];
      const gap = prev ? c.x - prev.x1 : 0;
      // Items closer than about a character are one piece of text; a number never joins its neighbour,
      // nor text on another baseline or a character of a vertical head a gap away (in the next cell).
      if (
        prev &&
        gap < Math.max(c.size, prev.size) * 0.45 &&
        !(isNumber(c.s) && isNumber(prev.s)) &&
        Math.abs(c.y - prev.y) < Math.max(c.size, prev.size) * 0.2 &&
        !(gap > Math.max(c.size, prev.size) * 0.25 && (stacked.has(c) || stacked.has(last!))) &&
        // (two vertical heads side by side, touching: their characters are never quite level, or overlap)
        !(stacked.has(c) && stacked.has(last!) && (Math.abs(c.y - last!.y) > c.size * 0.02 || gap < -c.size * 0.05)) &&
        !(borders.size && borderBetween(borders, prev, c))
      ) {
        // (its pieces kept where one stands a visible gap from the one before: splitAtColumns)
        if (gap >= c.size * 0.1) (prev.joined ??= [{ s: prev.s, x: prev.x, x1: prev.x1 }]).push({ s: c.s, x: c.x, x1: c.x1 });
        else if (prev.joined) {
          const piece = prev.joined[prev.joined.length - 1];
          piece.s += c.s;
          piece.x1 = Math.max(piece.x1, c.x1);
        }
        prev.s += (gap > c.size * 0.25 ? ' ' : '') + c.s;
        prev.x1 = Math.max(prev.x1, c.x1);
      } else merged.push({ ...c });
      last = c;
    }
    for (const c of merged) {
      const joined = joinText(c.s);
      if (joined !== c.s.trim()) c.spaced = c.s.trim();
      c.s = joined;
    }
    l.chunks = merged.filter((c) => c.s);
    l.size = Math.max(...l.chunks.map((c) => c.size), 1);
  }
  return lines.filter((l) => l.chunks.length);
}

/**
 * Numbers of cells side by side that the reader gave as one item (248 6798.5万元: shown one after the
 * other on one baseline, the gap a space): one piece each, placed along the item (a digit half an em, a
 * Chinese character an em, the rest of the width shared out as the gaps).
 */
function splitNumbers(it: Item): Item[] {
  const parts = it.s.trim().split(/\s+/);
  if (parts.length < 2 || !parts.every(isNumber)) return [it];
  const width = (q: string) => ems(q) * it.size;
  const gap = (it.x1 - it.x - parts.reduce((t, q) => t + width(q), 0)) / (parts.length - 1);
  if (gap < it.size * 0.25) return [it];
  const out: Item[] = [];
  let x = it.x;
  for (const q of parts) {
    out.push({ ...it, s: q, x, x1: x + width(q) });
    x += width(q) + gap;
  }
  return out;
}

/**
 * The pieces of text set vertically in a narrow cell (三 / 、/ 本 / 年 …): characters alone, one under the
 * other at one x, three and more at about a line's distance each.
 */
function stackPieces(lines: Line[]): Set<Item> {
  const short: Item[] = [];
  for (const l of lines)
    for (const c of l.chunks) {
      const t = c.s.length > 4 ? '' : c.s.trim();
      if ((t.length === 1 || (t.length === 2 && t.codePointAt(0)! > 0xffff)) && !isNumber(t)) short.push(c);
    }
  return columnsOfThree(short, 0.7);
}

/**
 * The pieces that stand one under the other at one x (within `reach` of their size from the column's
 * first), three and more at about a line's distance each (less than two lines apart).
 */
function columnsOfThree(pieces: Item[], reach: number): Set<Item> {
  const sorted = [...pieces].sort((a, b) => a.page - b.page || a.x - b.x);
  const out = new Set<Item>();
  for (let k = 0; k < sorted.length;) {
    let e = k + 1;
    while (e < sorted.length && sorted[e].page === sorted[k].page && sorted[e].x - sorted[k].x < sorted[k].size * reach) e++;
    const column = sorted.slice(k, e).sort((a, b) => a.y - b.y);
    for (let s = 0; s < column.length;) {
      let t = s + 1;
      while (t < column.length && column[t].y - column[t - 1].y < column[t].size * 1.9) t++;
      if (t - s >= 3) for (let m = s; m < t; m++) out.add(column[m]);
      s = t;
    }
    k = e;
  }
  return out;
}

/**
 * A row's numbers split over two lines are one line's: numbers level with the numbers of the line before
 * or after (within the distance that makes a line) and beside them join that line when it has more of
 * them. Values set a point off their baseline each (jitter), on a line begun by a character of a vertical
 * head a few points higher (果 / 26 0 0 …), are partly farther from that first piece than a line reaches.
 * (Lines in reading order; the line joined keeps its place; a line left without pieces is dropped.)
 */
function joinStrayNumbers(lines: Line[]) {
  const numbers = (l: Line) => l.chunks.filter((c) => isNumber(c.s));
  const meanY = (cs: Item[]) => cs.reduce((t, c) => t + c.y, 0) / cs.length;
  for (let k = 0; k + 1 < lines.length; k++) {
    const a = lines[k];
    const b = lines[k + 1];
    // (a line's pieces are within the line's reach of its first: lines farther apart cannot be level)
    if (a.page !== b.page || Math.abs(a.y - b.y) > Math.max(a.size, b.size) * 1.4) continue;
    const na = numbers(a);
    const nb = numbers(b);
    if (!na.length || !nb.length || Math.abs(meanY(na) - meanY(nb)) >= Math.min(a.size, b.size) * 0.45) continue;
    const [from, into, moved] = na.length < nb.length ? [a, b, na] : [b, a, nb];
    if (into.chunks.some((c) => moved.some((d) => d.x < c.x1 && d.x1 > c.x))) continue;
    into.chunks.push(...moved);
    from.chunks = from.chunks.filter((c) => !moved.includes(c));
    if (!from.chunks.length) {
      lines.splice(lines.indexOf(from), 1);
      if (from === a) k--;
    }
  }
}

/** A page number: a line alone in the top or bottom margin of its page. */
function isPageNumber(l: Line, pageHeight: number): boolean {
  if (l.chunks.length !== 1 || !PAGE_NUMBER_RE.test(l.chunks[0].s.trim())) return false;
  const top = l.y - (l.page - 1) * pageHeight;
  return top < pageHeight * 0.12 || top > pageHeight * 0.85;
}

/** A line's text for comparing page furniture: no spaces, digits as one mark (a page number in a running head). */
const furnitureText = (l: Line) =>
  l.chunks
    .map((c) => c.s)
    .join('')
    .replace(/\s+/g, '')
    .replace(/[\d０-９]+/g, '#');

/**
 * Page furniture dropped: a running head or foot repeated on the pages (the report's title, the body's
 * name, with or without the page number). Candidates are the lines at the top (bottom) of a page set
 * apart from the page's other text by a wide gap (a table's header rows are close to its rows, never
 * apart); one is furniture when another page has a candidate of the same text (digits aside) at about the
 * same height, or when it repeats, in smaller type, a line of another page, its page number aside (a head
 * repeating the title only from the second page on, in a report of two pages). A value line (a table row) is never dropped,
 * nor a line whose text appears once.
 */
function dropFurniture(lines: Line[], pageHeight: number): Line[] {
  const byPage = new Map<number, Line[]>();
  for (const l of lines) {
    const page = byPage.get(l.page);
    if (page) page.push(l);
    else byPage.set(l.page, [l]);
  }
  const candidates: { line: Line; top: number; text: string }[] = [];
  for (const ls of byPage.values()) {
    ls.sort((a, b) => a.y - b.y);
    /** The first lines (at most 3) before a gap wider than 2.5 of their size, from the page's top or (reversed) bottom. */
    const block = (seq: Line[]) => {
      for (let k = 0; k < Math.min(3, seq.length - 1); k++)
        if (Math.abs(seq[k + 1].y - seq[k].y) > seq[k].size * 2.5) return seq.slice(0, k + 1);
      return [];
    };
    const chosen = new Set([...block(ls), ...block([...ls].reverse())]);
    for (const line of chosen)
      if (!isValueLine(line)) candidates.push({ line, top: line.y - (line.page - 1) * pageHeight, text: furnitureText(line) });
  }
  if (!candidates.length) return lines;
  // The other lines by their text (a candidate's page number aside: 第#页, - # -, #/#), for the smaller copies.
  const bare = (t: string) => t.replace(/第#页(共#页)?|共#页|[-—–－]#[-—–－]|#[/／]#/g, '').replace(/^#|#$/g, '');
  const wanted = new Set(candidates.map((c) => bare(c.text)));
  const copies = new Map<string, Line[]>();
  for (const l of lines) {
    if (isValueLine(l)) continue;
    const t = bare(furnitureText(l));
    if (!wanted.has(t)) continue;
    const known = copies.get(t);
    if (known) known.push(l);
    else copies.set(t, [l]);
  }
  const drop = new Set<Line>();
  for (const c of candidates) {
    const samePlace = candidates.some(
      (o) => o.line.page !== c.line.page && o.text === c.text && Math.abs(o.top - c.top) < Math.max(3, c.line.size * 0.5),
    );
    const smallerCopy = (copies.get(bare(c.text)) ?? []).some((o) => o.page !== c.line.page && o.size > c.line.size * 1.15);
    if (samePlace || smallerCopy) drop.add(c.line);
  }
  return drop.size ? lines.filter((l) => !drop.has(l)) : lines;
}

/** The left edge of the lines' first pieces and the right edge of their last (a loop: a document's lines are many). */
function extent(lines: Line[]): { left: number; right: number } {
  let left = Infinity;
  let right = -Infinity;
  for (const l of lines) {
    left = Math.min(left, l.chunks[0].x);
    right = Math.max(right, l.chunks[l.chunks.length - 1].x1);
  }
  return { left, right };
}

/** The least x of the pieces (Infinity for none). */
function leastX(chunks: { x: number }[]): number {
  let x = Infinity;
  for (const c of chunks) x = Math.min(x, c.x);
  return x;
}

function isValueLine(l: Line): boolean {
  return l.chunks.some((c) => isNumber(c.s)) && (l.chunks.length >= 2 || l.chunks.every((c) => isNumber(c.s)));
}

function loc(page: number, rowLabel?: string, columnName?: string): SourceLocation {
  return { kind: 'pdf', page, ...(rowLabel ? { rowLabel } : {}), ...(columnName ? { columnName } : {}) };
}

/** Reads a PDF in this thread, without a time or memory limit (load.ts reads through pdfHost.ts, which has both). */
export async function readPdf(data: Uint8Array, name = '', options: PdfOptions = {}): Promise<SourceDocument> {
  return (await readPdfWith(data, name, options)).doc;
}

/** readPdf, also saying which reader read the file (tests, benchmarks). */
export async function readPdfWith(data: Uint8Array, name = '', options: PdfOptions = {}): Promise<{ doc: SourceDocument } & PdfReader> {
  const { read, ...items } = await readItems(data, name, options);
  return { doc: layout(items, name), ...read };
}

/**
 * An amount wrapped in a narrow cell, its unit on the next line (6674.5万 / 元, 6674.5 / 万元): one item,
 * midway between the two lines (where the row's other values stand, the cell's text centred on them).
 */
function joinWrappedUnits(items: Item[]): Item[] {
  const units = items.filter((it) => /^(万?元)$/.test(it.s.trim()));
  if (!units.length) return items;
  const gone = new Set<Item>();
  const joined = new Map<Item, Item>();
  const byPage = new Map<number, Item[]>();
  for (const it of items) {
    const page = byPage.get(it.page);
    if (page) page.push(it);
    else byPage.set(it.page, [it]);
  }
  for (const u of units) {
    const head = byPage
      .get(u.page)!
      .find(
        (it) =>
          it !== u &&
          !gone.has(it) &&
          it.page === u.page &&
          u.y - it.y > u.size * 0.45 &&
          u.y - it.y < u.size * 1.6 &&
          it.x < u.x1 &&
          it.x1 > u.x &&
          (/万$/.test(it.s.trim()) ? u.s.trim() === '元' : true) &&
          NUMBER_RE.test(it.s.trim().replace(/万$/, '')),
      );
    if (!head) continue;
    gone.add(head);
    gone.add(u);
    joined.set(head, {
      ...head,
      s: head.s.trim() + u.s.trim(),
      x: Math.min(head.x, u.x),
      x1: Math.max(head.x1, u.x1),
      y: (head.y + u.y) / 2,
    });
  }
  if (!joined.size) return items;
  const out: Item[] = [];
  for (const it of items)
    if (joined.has(it)) out.push(joined.get(it)!);
    else if (!gone.has(it)) out.push(it);
  return out;
}

/**
 * A sub-table's caption wrapped in a narrow cell (第二十条第 / （五）项, a page printed small): its two
 * lines, one piece each, one right under the other and overlapping it, made one line (the caption's first).
 */
function joinWrappedCaptions(lines: Line[]): Line[] {
  const out: Line[] = [];
  for (let k = 0; k < lines.length; k++) {
    const a = lines[k];
    const b = lines[k + 1];
    if (
      b &&
      a.page === b.page &&
      a.chunks.length === 1 &&
      b.chunks.length === 1 &&
      b.y - a.y < a.size * 1.6 &&
      a.chunks[0].x < b.chunks[0].x1 &&
      b.chunks[0].x < a.chunks[0].x1 &&
      !SUBTABLE_CAPTION_RE.test(a.chunks[0].s) &&
      SUBTABLE_CAPTION_RE.test(a.chunks[0].s + b.chunks[0].s)
    ) {
      const [c, d] = [a.chunks[0], b.chunks[0]];
      out.push({ ...a, chunks: [{ ...c, s: c.s + d.s, x: Math.min(c.x, d.x), x1: Math.max(c.x1, d.x1), spaced: undefined }] });
      k++;
    } else out.push(a);
  }
  return out;
}

/** The document laid out from a file's text items. */
function layout({ items, pageHeight, rules, columns }: ReadItems, name: string): SourceDocument {
  if (!items.length) throw new PdfError('pdf.noText', {}, name);
  // A page number is dropped on its own, even when it shares a baseline with a table row.
  const kept = items.filter((it) => {
    // Only the marked forms (- 4 -, 第4页): a bare number low on a page may be a table's last row.
    if (!PAGE_NUMBER_RE.test(it.s.trim()) || /^\d+$/.test(it.s.trim())) return true;
    const top = it.y - (it.page - 1) * pageHeight;
    return !(top < pageHeight * 0.1 || top > pageHeight * 0.9);
  });
  const lines = joinWrappedCaptions(
    dropFurniture(
      toLines(joinWrappedUnits(kept), columns).filter((l) => !isPageNumber(l, pageHeight)),
      pageHeight,
    ),
  );
  const { left, right } = extent(lines);
  const textWidth = Math.max(1, right - left);
  /** Narrative: one chunk that fills most of the text width or holds a sentence, or a section heading. */
  const isProse = (l: Line) =>
    (l.chunks.length === 1 &&
      !isNumber(l.chunks[0].s) &&
      (l.chunks[0].x1 - l.chunks[0].x > textWidth * 0.55 || HEADING_RE.test(l.chunks[0].s) || isSentence(l.chunks[0].s))) ||
    (l.chunks.length > 1 && isHeading(l) && !l.chunks.some((c) => isNumber(c.s)) && l.chunks[0].x - left < 40);
  const blocks: Block[] = [];
  let i = 0;
  let para: { text: string; page: number; x1: number } | null = null;
  const flush = () => {
    if (para) blocks.push({ kind: 'paragraph', text: para.text, loc: loc(para.page) });
    para = null;
  };
  while (i < lines.length) {
    // A table: from a run of short lines followed by a value line, to the next prose line.
    let j = i;
    while (j < lines.length && (!isProse(lines[j]) || wrappedLabel(lines, i, j, rules)) && !isValueLine(lines[j])) j++;
    if (j < lines.length && isValueLine(lines[j]) && j - i <= 12) {
      let end = j;
      while (end < lines.length && (!isProse(lines[end]) || wrappedLabel(lines, i, end, rules))) end++;
      flush();
      blocks.push({ kind: 'rows', rows: tableRows(lines.slice(i, end), rules, columns) });
      i = end;
      continue;
    }
    const l = lines[i];
    const text = l.chunks.map((c) => c.s).join(' ');
    // A prose line continues the paragraph when the previous line ran to the right margin and this one starts at the left.
    const continues =
      para !== null &&
      !HEADING_RE.test(text) &&
      para.x1 > right - l.size * 2.5 &&
      l.chunks[0].x - left < l.size * 0.8 &&
      !/^[（(]?[一二三四五六七八九十\d]+[）)、.．]/.test(text);
    if (continues) {
      para!.text += text;
      para!.x1 = l.chunks[l.chunks.length - 1].x1;
    } else {
      flush();
      para = { text, page: l.page, x1: l.chunks[l.chunks.length - 1].x1 };
    }
    i++;
  }
  flush();
  return writeDocument('pdf', blocks);
}

/**
 * A line that reads as a section heading (一、本年新收政府信) but is a row label wrapped in a narrow label
 * column: one piece of text, with a value line near it on its page (within a few lines, only label text
 * between: text left of the values) whose numbers are in its type size and right of it, and the label's
 * next or previous line right against it in that column, in one cell (a heading after a table is followed
 * by prose, or set apart by the table's border).
 * `from`: the first line that may be looked at backwards (the table's first).
 */
function wrappedLabel(lines: Line[], from: number, k: number, rules: Rule[]): boolean {
  const l = lines[k];
  if (l.chunks.length !== 1) return false;
  const c = l.chunks[0];
  /** The values' left edge on the nearest value line that way, when only label text stands between. */
  const valuesLeft = (step: number) => {
    for (let m = k + step; m >= from && m < lines.length && Math.abs(m - k) <= 6; m += step) {
      const o = lines[m];
      if (o.page !== l.page || Math.abs(o.y - l.y) > l.size * 4) return null;
      if (!isValueLine(o)) continue;
      const numbers = o.chunks.filter((d) => isNumber(d.s));
      const left = leastX(numbers);
      if (c.x1 > left || l.size > Math.max(...numbers.map((d) => d.size)) * 1.2) return null;
      for (let n = k + step; n !== m; n += step) if (lines[n].chunks.some((d) => d.x1 > left)) return null;
      return left;
    }
    return null;
  };
  const left = valuesLeft(1) ?? valuesLeft(-1);
  if (left === null) return false;
  // (the label's next line may be past a line of its values alone, centred between its lines)
  const wraps = (step: number) => {
    for (let m = k + step; m >= from && m < lines.length; m += step) {
      const o = lines[m];
      if (o.page !== l.page || Math.abs(o.y - l.y) >= l.size * 1.6) return false;
      const text = o.chunks.filter((d) => !isNumber(d.s));
      // (in one cell: no rule drawn between the two lines, over both: a heading under a ruled table is a border away)
      const inCell = (d: Chunk) => {
        const x = (Math.max(c.x, d.x) + Math.min(c.x1, d.x1)) / 2;
        return !rulesAround(rules, l.page, x, Math.min(l.y, o.y) + 0.5, Math.max(l.y, o.y) - 0.5).between;
      };
      if (text.length) return text.some((d) => d.x < c.x1 && d.x1 > c.x && d.x1 <= left && inCell(d));
    }
    return false;
  };
  return wraps(1) || wraps(-1);
}

interface Column {
  center: number;
  lo: number;
  hi: number;
}

/** Value columns: number centres clustered over the table. */
function valueColumns(values: Chunk[]): Column[] {
  const centers = values.map((c) => ({ c: (c.x + c.x1) / 2, size: c.size })).sort((a, b) => a.c - b.c);
  const clusters: { sum: number; n: number; max: number; min: number }[] = [];
  for (const { c, size } of centers) {
    const last = clusters[clusters.length - 1];
    if (last && c - last.max < Math.max(size * 1.5, 6)) {
      last.sum += c;
      last.n++;
      last.max = c;
    } else clusters.push({ sum: c, n: 1, max: c, min: c });
  }
  const cols = clusters.map((k) => ({ center: k.sum / k.n, lo: 0, hi: 0 }));
  cols.forEach((c, k) => {
    c.lo = k ? (cols[k - 1].center + c.center) / 2 : -Infinity;
    c.hi = k < cols.length - 1 ? (c.center + cols[k + 1].center) / 2 : Infinity;
  });
  return cols;
}

/**
 * Where the table draws its column borders, the value columns end there: between two columns, at the
 * rightmost vertical rule between their values that runs through a line of values (the border of the
 * right column's cells), not midway between their numbers (a column's name set left in a wide cell,
 * its numbers centred, is nearer the column before's numbers than its own).
 */
function borderColumns(cols: Column[], values: Chunk[], valueLines: Line[], borders: VRule[]) {
  if (cols.length < 2 || !borders.length) return;
  const through = borders.filter((b) => valueLines.some((l) => l.page === b.page && b.y0 <= l.y - l.size * 0.5 && b.y1 >= l.y));
  if (!through.length) return;
  const spans = cols.map(() => ({ x0: Infinity, x1: -Infinity }));
  for (const v of values) {
    const k = columnOf(cols, (v.x + v.x1) / 2);
    if (k < 0) continue;
    spans[k].x0 = Math.min(spans[k].x0, v.x);
    spans[k].x1 = Math.max(spans[k].x1, v.x1);
  }
  const at: number[] = [];
  for (let k = 0; k + 1 < cols.length; k++) {
    let x = NaN;
    for (const b of through) if (b.x > spans[k].x1 - 0.5 && b.x < spans[k + 1].x0 + 0.5 && !(b.x <= x)) x = b.x;
    at.push(x);
  }
  at.forEach((x, k) => {
    if (Number.isNaN(x)) return;
    cols[k].hi = x;
    cols[k + 1].lo = x;
  });
}

function columnOf(cols: Column[], x: number): number {
  return cols.findIndex((c) => x >= c.lo && x < c.hi);
}

interface Row {
  line: Line;
  label: Chunk[];
  values: Chunk[];
  extra: Chunk[];
  labelX: number;
  /** Where its values stand (the line's y is its first piece's: a piece of a vertical head may begin it). */
  y: number;
  /** A row without a label on its values' line whose label has lines right above and below it: one of those. */
  anchor?: Chunk;
}

/**
 * A table's rows: its header repeated at the top of a later page dropped, then split into parts at
 * each inner header (table 二's sub-tables: caption, 信息内容 row, rows), each part read on its own
 * columns.
 */
function tableRows(all: Line[], rules: Rule[], columns: VRule[]): OutRow[] {
  const firstValue = all.findIndex(isValueLine);
  const headerTexts = new Set(all.slice(0, firstValue).flatMap((l) => l.chunks.map((c) => c.s)));
  const valueAt = all.filter(isValueLine);
  const values = valueAt.flatMap((l) => l.chunks.filter((c) => isNumber(c.s)));
  const firstColLeft = leastX(values);
  const lines: Line[] = [];
  all.forEach((l, i) => {
    if (i < firstValue || isValueLine(l) || l.page === all[0].page || valueAt.some((v) => v.page === l.page && v.y < l.y)) {
      lines.push(l);
      return;
    }
    // At the top of a page, a line of the header repeated: dropped; when it also holds other text (the
    // first character of a vertical head beside it, on its line), only that text kept.
    const over = l.chunks.filter((c) => c.x1 > firstColLeft);
    if (over.length < 2 || !over.every((c) => headerTexts.has(c.s))) {
      if (!l.chunks.every((c) => headerTexts.has(c.s))) lines.push(l);
      return;
    }
    const rest = l.chunks.filter((c) => !headerTexts.has(c.s));
    if (rest.length) lines.push({ ...l, chunks: rest });
  });
  const overValues = (l: Line) => !isValueLine(l) && l.chunks.some((c) => c.x1 > firstColLeft + l.size * 0.5);
  // A sub-table's caption set at the left of the table (a browser's cell across the table, its text
  // left-aligned: 第二十条第（五）项), right above its column-header line: the sub-table's first line,
  // not a line of the last row's label.
  const captionOver = (l: Line, next: Line | undefined) =>
    l.chunks.length === 1 && SUBTABLE_CAPTION_RE.test(l.chunks[0].s) && !!next && overValues(next);
  const parts: Line[][] = [[]];
  let seenValues = false;
  lines.forEach((l, k) => {
    if (seenValues && (overValues(l) || captionOver(l, lines[k + 1]))) {
      parts.push([]);
      seenValues = false;
    }
    if (isValueLine(l)) seenValues = true;
    parts[parts.length - 1].push(l);
  });
  const pages = new Set(lines.map((l) => l.page));
  const bounds: Bounds = {
    ...extent(lines),
    firstColLeft,
    rules: rules.filter((r) => pages.has(r.page)),
    borders: columns.filter((c) => pages.has(c.page)),
  };
  return parts.filter((p) => p.some(isValueLine)).flatMap((p) => tablePart(p, bounds));
}

/** The whole table's extent, and where its values start. */
interface Bounds {
  left: number;
  right: number;
  firstColLeft: number;
  /** The horizontal rules drawn on the table's pages (none when the reader gives none). */
  rules: Rule[];
  /** The vertical rules drawn on them (none when the reader gives none). */
  borders: VRule[];
}

/**
 * The nearest rules above `top` (at or above it) and below `bottom` (at or below it) that cross x on
 * the page, and whether one runs between the two.
 */
function rulesAround(
  rules: Rule[],
  page: number,
  x: number,
  top: number,
  bottom: number,
): { above: number; below: number; between: boolean } {
  let above = -Infinity;
  let below = Infinity;
  let between = false;
  for (const u of rules) {
    if (u.page !== page || u.x0 > x || u.x1 < x) continue;
    if (u.y <= top) above = Math.max(above, u.y);
    else if (u.y >= bottom) below = Math.min(below, u.y);
    else between = true;
  }
  return { above, below, between };
}

/** f(row, chunk), worked out once for each chunk and row's values line (all f depends on). */
function perLine<T>(f: (r: Row, c: Chunk) => T): (r: Row, c: Chunk) => T {
  const memo = new Map<Chunk, Map<number, T>>();
  return (r, c) => {
    let byLine = memo.get(c);
    if (!byLine) memo.set(c, (byLine = new Map()));
    if (byLine.has(r.y)) return byLine.get(r.y)!;
    const v = f(r, c);
    byLine.set(r.y, v);
    return v;
  };
}

function tablePart(lines: Line[], bounds: Bounds): OutRow[] {
  const valueLines = lines.filter(isValueLine);
  const allValues = valueLines.flatMap((l) => l.chunks.filter((c) => isNumber(c.s)));
  const cols = valueColumns(allValues);
  borderColumns(cols, allValues, valueLines, bounds.borders);
  const firstColLeft = leastX(allValues);
  /** Whether a rule drawn across a piece of text's place runs between it and a line at y (a cell's border, which no cell's text crosses). */
  const acrossRule = (p: Chunk, y: number) =>
    bounds.rules.length > 0 && rulesAround(bounds.rules, p.page, (p.x + p.x1) / 2, Math.min(p.y, y) + 0.5, Math.max(p.y, y) - 0.5).between;
  // Text set vertically in a narrow merged cell (三 / 、本 / 年度 / 办理 …): stacks of short pieces at one
  // x, line after line. They belong to a spanning label cell, never to the row they happen to share a line with.
  const stacked = new Set<Chunk>();
  const stacks: Chunk[][] = [];
  const short = lines
    .flatMap((l) => l.chunks)
    .filter((c) => c.x1 <= firstColLeft && [...c.s].length <= 3)
    .sort((a, b) => a.y - b.y);
  for (const c of short) {
    const st = stacks.find((k) => {
      const last = k[k.length - 1];
      return (
        last.page === c.page &&
        Math.abs(last.x - c.x) < c.size * 0.7 &&
        c.y - last.y < c.size * 1.9 &&
        c.y > last.y &&
        // (a stack is one cell's text)
        !acrossRule(c, last.y)
      );
    });
    if (st) st.push(c);
    else stacks.push([c]);
  }
  // (In a ruled table, a stack alone in a cell that holds one row's values is that row's label wrapped
  // in a narrow cell, as Word sets it: not a head set vertically in a cell merged over several rows.)
  const valueYs = lines.filter(isValueLine).map((l) => ({ page: l.page, y: l.y }));
  const oneRowCell = (st: Chunk[]) => {
    if (!bounds.rules.length) return false;
    const first = st[0];
    const { above, below, between } = rulesAround(
      bounds.rules,
      first.page,
      (first.x + first.x1) / 2,
      first.y - first.size,
      st[st.length - 1].y,
    );
    if (between) return false;
    const held = valueYs.filter((v) => v.page === first.page && v.y > above && v.y < below);
    if (held.length !== 1) return false;
    // (not a column of three pieces and more, or of any where the page breaks the table right after or
    // before the row, with other label text right of it in the row: a vertical head's cell beside the
    // row's label, its part on a page holding one of its rows)
    const onPage = valueYs.filter((v) => v.page === first.page);
    const broken =
      (held[0] === onPage[onPage.length - 1] && valueYs.some((v) => v.page > first.page)) ||
      (held[0] === onPage[0] && valueYs.some((v) => v.page < first.page));
    const right = Math.max(...st.map((c) => c.x1)) + first.size * 0.5;
    return (
      (st.length < 3 && !broken) ||
      !lines.some(
        (l) =>
          l.page === first.page &&
          l.y > above &&
          l.y < below &&
          l.chunks.some((c) => c.x > right && c.x1 <= firstColLeft && !isNumber(c.s)),
      )
    );
  };
  for (const st of stacks)
    if ((st.length >= 3 || (st.length === 2 && st.every((c) => [...c.s].length <= 2))) && !oneRowCell(st))
      for (const c of st) stacked.add(c);
  const leftover: Chunk[] = [];
  const lineIndex = new Map(lines.map((l, k) => [l, k]));
  /**
   * Label text on the lines right around a value line (within a line's distance, the nearest line first):
   * its piece nearest the values, right of x and left of the values (not a vertical head's character, nor
   * text a rule keeps apart: another cell's, nor text in another type size: a header's, as a browser sets
   * a <thead>, nor text nearer another row's values: that row's label's).
   */
  const sameSize = (p: Chunk, line: Line) => Math.abs(p.size - line.size) <= line.size * 0.15;
  /** Whether line m is nearer another row's values than `line`, d away (a wrapped label's last line under its own values). */
  const nearerValues = (m: number, line: Line, d: number) => {
    for (const step of [1, -1])
      for (let n = m + step; n >= 0 && n < lines.length; n += step) {
        const o = lines[n];
        if (o.page !== lines[m].page || Math.abs(o.y - lines[m].y) >= d) break;
        if (o !== line && isValueLine(o)) return true;
      }
    return false;
  };
  const besideRight = (line: Line, x: number): Chunk | undefined => {
    const k = lineIndex.get(line)!;
    let best: Chunk | undefined;
    let bestD = line.size * 1.6;
    for (const step of [1, -1])
      for (let m = k + step; m >= 0 && m < lines.length; m += step) {
        const o = lines[m];
        const d = Math.abs(o.y - line.y);
        if (o.page !== line.page || d >= bestD) break;
        // (a line with text over the values is a header's, or a caption's: no label's line reaches there)
        if (isValueLine(o) || o.chunks.some((p) => p.x1 > firstColLeft + p.size * 0.5)) continue;
        let c: Chunk | undefined;
        for (const p of o.chunks)
          if (p.x >= x && p.x1 <= firstColLeft && !stacked.has(p) && !acrossRule(p, line.y) && sameSize(p, line)) c = p;
        if (c && !nearerValues(m, line, d)) {
          best = c;
          bestD = d;
          break;
        }
      }
    return best;
  };
  const rows: Row[] = valueLines.map((line) => {
    const values = line.chunks.filter((c) => isNumber(c.s) && c.x >= firstColLeft - line.size);
    let labels = line.chunks.filter((c) => !values.includes(c) && !stacked.has(c));
    // A label and the first value given as one piece (一、本年新收…数量 105: the number set left in its
    // cell, a space after the label), reaching into the value columns: the number split off, placed at
    // the piece's end (a digit half an em), when no value of the row stands in its column.
    const joined = labels[labels.length - 1];
    const tail = joined && joined.x1 > firstColLeft + joined.size * 0.3 ? /^(.*\S)\s+(\d[\d,，]*(?:[.．]\d+)?)$/u.exec(joined.s) : null;
    if (tail) {
      const x = joined.x1 - tail[2].length * joined.size * 0.55;
      const k = columnOf(cols, (x + joined.x1) / 2);
      if (k >= 0 && !values.some((v) => columnOf(cols, (v.x + v.x1) / 2) === k)) {
        const label = { ...joined, s: tail[1], x1: Math.min(x, firstColLeft) };
        values.unshift({ ...joined, s: tail[2], x, spaced: undefined });
        labels = [...labels.slice(0, -1), label];
      }
    }
    leftover.push(...line.chunks.filter((c) => stacked.has(c)));
    // The label nearest the values; not when the lines right above and below have label text right of it:
    // that is a spanning cell's text (a group head, （六）其他 / 处理) on the line of a row whose own label
    // is wrapped around its values, line above and line below.
    // (no label on the values' line: the label's column is the one of the text nearest the values right above or below)
    const last = labels[labels.length - 1];
    const beside = besideRight(line, last ? last.x1 : -Infinity);
    const label = beside ? [] : labels.slice(-1);
    leftover.push(...labels.slice(0, labels.length - label.length));
    const y = values.length ? values.reduce((t, v) => t + v.y, 0) / values.length : line.y;
    return { line, label, values, extra: [], labelX: label.length ? label[0].x : (beside?.x ?? Infinity), y, anchor: beside };
  });
  const firstRowY = valueLines[0].y;
  // A label-area line just above the first values is that row's wrapped label, not header.
  // (As many lines as it has below its values and one more, up from them at about a line's distance each,
  // no farther than a label reaches, and not across a gap wider than between its own lines: a header's
  // label text above it, （本列数据…之和）, is a row away; a ruled header, a rule away.)
  const firstIdx = lines.indexOf(valueLines[0]);
  const labelOnly = (l: Line | undefined) =>
    !!l && l.page === valueLines[0].page && !isValueLine(l) && l.chunks.every((c) => c.x1 <= firstColLeft);
  let below = 0;
  for (let m = firstIdx + 1, y = firstRowY; labelOnly(lines[m]) && lines[m].y - y < lines[m].size * 1.6; m++, below++) y = lines[m].y;
  const firstWraps = new Set<Line>();
  for (let m = firstIdx - 1, y = firstRowY, pitch = Infinity; labelOnly(lines[m]) && firstWraps.size <= below; m--) {
    const l = lines[m];
    const gap = y - l.y;
    if (gap >= l.size * 1.6 || firstRowY - l.y >= l.size * 3.2 || gap > pitch * 1.35) break;
    // (nor across a rule drawn under it: the header's border)
    if (l.chunks.some((c) => acrossRule(c, firstRowY))) break;
    if (firstWraps.size) pitch = Math.min(pitch, gap);
    firstWraps.add(l);
    y = l.y;
  }
  const wrapsFirst = (l: Line) => firstWraps.has(l);
  const headerLines = lines.filter((l) => l.y < firstRowY && !isValueLine(l) && !wrapsFirst(l));
  const inner = lines.filter((l) => (l.y > firstRowY || wrapsFirst(l)) && !isValueLine(l));

  // Lines between value lines: column-header rows of a sub-table (chunks over the value columns),
  // a header repeated after a page break, or label fragments.
  const headerTexts = new Set(headerLines.flatMap((l) => l.chunks.map((c) => c.s)));
  const plain: { y: number; row: OutRow }[] = [];
  const fragments: Chunk[] = [...leftover];
  inner.forEach((l, k) => {
    const overValues = l.chunks.some((c) => c.x1 > firstColLeft + l.size * 0.5);
    const pageTop = !valueLines.some((v) => v.page === l.page && v.y < l.y);
    if (pageTop && l.chunks.every((c) => headerTexts.has(c.s))) return;
    // A caption: one chunk alone right above a column-header line (第二十条第（五）项 over 信息内容 …).
    const next = inner[k + 1];
    const caption =
      l.chunks.length === 1 &&
      next &&
      next.chunks.length > 1 &&
      next.chunks.some((c) => c.x1 > firstColLeft) &&
      !valueLines.some((v) => v.y > l.y && v.y < next.y);
    if (caption || (overValues && l.chunks.length >= 1 && (l.chunks.length > 1 || l.chunks[0].x < firstColLeft))) {
      plain.push({ y: l.y, row: { cells: l.chunks.map((c) => ({ text: c.s, loc: loc(c.page) })) } });
    } else fragments.push(...l.chunks);
  });
  // Wrapped label lines go to the row above or below them on their page whose label they continue
  // (same x, or a row without a label on its values' line: a label of an even number of lines centred
  // on its values); the rest are label cells spanning several rows. The lines between two rows are
  // shared out at once, the upper ones to the upper row, so that each row's label is best centred on
  // its values' line (a greedy choice line by line gives a label's first line to the row above).
  const outer: Chunk[] = [];
  fragments.sort((a, b) => a.y - b.y);
  /** Within this distance of a row's values a line may be its label's (shareOut); past it, only as the label's lines go on. */
  const REACH = 3.2;
  /** A ruled cell is at most this many type sizes tall (a label of six lines and the cell's padding). */
  const CELL_LINES = 12;
  const inColumn = (r: Row, f: Chunk) =>
    r.labelX === Infinity ||
    Math.abs(r.labelX - f.x) < f.size * 0.6 ||
    // (a centred label: its lines share their middle)
    ((a) => !!a && Math.abs((a.x + a.x1) / 2 - (f.x + f.x1) / 2) < f.size * 0.6)(r.label[0] ?? r.anchor);
  /** Whether a rule drawn across the text's place runs between it and the row's values: a cell's border, which no label crosses. */
  const ruled = !bounds.rules.length ? () => false : perLine((r, f) => acrossRule(f, r.y));
  /**
   * Whether the text and the row's values stand in one ruled cell: a rule right above both and one right
   * below, in the text's column, no farther apart than a cell of some lines (a table ruled only around
   * its edge is no cell).
   */
  const oneCell = !bounds.rules.length
    ? () => false
    : perLine((r, f) => {
        const { above, below } = rulesAround(bounds.rules, f.page, (f.x + f.x1) / 2, Math.min(r.y, f.y) - f.size * 0.2, Math.max(r.y, f.y));
        return below - above < f.size * CELL_LINES;
      });
  const fits = (r: Row | undefined, f: Chunk) =>
    !!r && r.line.page === f.page && inColumn(r, f) && !ruled(r, f) && (Math.abs(r.y - f.y) < f.size * REACH || oneCell(r, f));
  // The gaps: lines between the same two rows (index of the row above, or -1; of the row below, or -1).
  const gaps = new Map<string, { above: number; below: number; lines: Chunk[] }>();
  /**
   * In a ruled table, the rows whose labels lines of text are, by the cells the rules around them bound
   * (in their columns): the row whose values a cell holds, when it holds one row's (a label of any
   * length, wherever it is set in the cell: Word sets a cell's text at its top); when it holds none, a
   * row's cell broken by a page: the last row of the page before (at the top of the page's part of the
   * table) or the first of the next (at its foot), not for text that begins a numbered label of its own.
   * Of those, the text in the row's label's column, or right under or over its label's text (a label's
   * lines at a hanging indent), and a list's number right before its text on its baseline, a tab away
   * (一、 | 本年新收…), when that text has no number of its own (a head's number beside a numbered label,
   * （四） | 1.本机关…, its cell broken by the page); never a piece of a vertical head (its cell holds
   * other rows, on other pages). No text is placed so in a table without rules.
   */
  const ruledCells = (): Map<Chunk, Row> => {
    const to = new Map<Chunk, Row>();
    if (!bounds.rules.length) return to;
    const candidates: { f: Chunk; r: Row; held: boolean }[] = [];
    for (const f of fragments) {
      // (a cell broken by a page may have no border drawn at the break, as a browser prints it)
      const { above, below } = rulesAround(bounds.rules, f.page, (f.x + f.x1) / 2, f.y - f.size, f.y);
      if (!Number.isFinite(above) && !Number.isFinite(below)) continue;
      const onPage = rows.filter((r) => r.line.page === f.page);
      const held = onPage.filter((r) => r.y > above && r.y < below);
      if (held.length === 1 && !stacked.has(f) && Number.isFinite(above + below)) candidates.push({ f, r: held[0], held: true });
      if (held.length || !onPage.length || LISTED_RE.test(f.s)) continue;
      let r: Row | undefined;
      if (onPage.every((o) => o.y >= below)) {
        for (const o of rows) if (o.line.page === f.page - 1) r = o;
      } else if (onPage.every((o) => o.y <= above)) r = rows.find((o) => o.line.page === f.page + 1);
      if (r) candidates.push({ f, r, held: false });
    }
    if (!candidates.length) return to;
    const textOf = (r: Row) => [
      ...r.label,
      ...(r.anchor ? [r.anchor] : []),
      ...candidates.filter((c) => to.get(c.f) === r).map((c) => c.f),
    ];
    /** The text right after a piece on its baseline (on any line: a label's first line and its values' may be two). */
    const nextOn = (f: Chunk) => {
      let next: Chunk | undefined;
      for (const l of lines)
        if (l.page === f.page && Math.abs(l.y - f.y) < f.size)
          for (const c of l.chunks) if (Math.abs(c.y - f.y) < f.size * 0.2 && c.x > f.x1 - 0.5 && (!next || c.x < next.x)) next = c;
      return next;
    };
    const numbers = (f: Chunk, r: Row, held: boolean) => {
      if (!held || !LIST_NUMBER_RE.test(f.s)) return false;
      const next = nextOn(f);
      return !!next && next.x - f.x1 < f.size * 4 && !LISTED_RE.test(next.s) && textOf(r).includes(next);
    };
    // (one after the other: a line taken may bring the next, under it, or the number before it)
    for (let grew = true; grew;) {
      grew = false;
      for (const { f, r, held } of candidates)
        if (!to.has(f) && (inColumn(r, f) || textOf(r).some((c) => c.x < f.x1 && c.x1 > f.x) || numbers(f, r, held))) {
          to.set(f, r);
          grew = true;
        }
    }
    return to;
  };
  const inRuledCell = ruledCells();
  for (const f of fragments) {
    const to = inRuledCell.get(f);
    if (to) {
      to.extra.push(f);
      continue;
    }
    if (stacked.has(f)) {
      outer.push(f);
      continue;
    }
    let above = -1;
    let below = -1;
    rows.forEach((r, k) => {
      if (r.line.page !== f.page) return;
      if (r.line.y <= f.y) above = k;
      else if (below < 0) below = k;
    });
    if (!fits(rows[above], f) && !fits(rows[below], f)) {
      outer.push(f);
      continue;
    }
    const key = `${above} ${below}`;
    const g = gaps.get(key) ?? { above, below, lines: [] };
    g.lines.push(f);
    gaps.set(key, g);
  }
  // (A line a rule keeps from one row of its gap is the other row's, not left out: shareOut's `barred`.)
  outer.push(...shareOut(rows, [...gaps.values()], fits, (r, f) => !!r && ruled(r, f)));
  extendLabels(rows, outer, stacked, (r, f) => inColumn(r, f) && !ruled(r, f), REACH);
  // Blocks of spanning label cells: vertically adjacent lines starting at the same x or centred on the
  // same middle (a centred head wrapped in a narrow column: （三）不予 / 公开), also across a page break
  // when the block runs to its page's last row and goes on at the top of the next page's rows (not a
  // new head beside rows of its own).
  outer.sort((a, b) => a.y - b.y || a.x - b.x);
  // (Within a block of two lines and more, the next line at about its lines' pitch: two heads one under
  // the other in narrow cells, （四）无 / 法提 / 供 and （五 / ）不, are a wider gap apart than their lines.)
  const spanning: { x: number; mid: number; top: number; bottom: number; text: string; page: number; lines: number; from: number }[] = [];
  const pitchOk = (s: (typeof spanning)[number], f: Chunk) =>
    s.lines < 2 || s.from !== f.page || f.y - s.bottom < ((s.bottom - s.top) / (s.lines - 1)) * 1.35;
  for (const f of outer) {
    const mid = (f.x + f.x1) / 2;
    const b = [...spanning]
      .reverse()
      .find((s) => f.y >= s.bottom && (Math.abs(s.x - f.x) < f.size * 0.6 || Math.abs(s.mid - mid) < f.size * 0.6));
    const joins =
      b &&
      ((s: (typeof spanning)[number]) =>
        (f.y - s.bottom < f.size * 2.6 && pitchOk(s, f)) ||
        (f.page === s.page + 1 &&
          !rows.some((r) => r.line.y > s.bottom && r.line.y < f.y && r.labelX <= f.x + 3) &&
          !rows.some((r) => r.line.page === f.page && r.line.y < f.y - f.size) &&
          !rows.some((r) => r.line.page === s.page && r.y > s.bottom + f.size * 0.3)))(b);
    // (A numbered head never goes on another: （四）无法提供 then （五, set one under the other.)
    const newHead = !!b && /^[（(][一二三四五六七八九十]*([）)]|$)/.test(f.s) && /^[（(][一二三四五六七八九十]+[）)]/.test(b.text);
    if (b && joins && !newHead) {
      b.text += f.s;
      b.bottom = f.y;
      b.page = f.page;
      b.lines++;
    } else spanning.push({ x: f.x, mid, top: f.y, bottom: f.y, text: f.s, page: f.page, lines: 1, from: f.page });
  }
  // Each spanning block opens before the first of the rows it spans: rows whose label starts right of
  // it, in a run, shared out between the blocks of its column so that each is centred on its rows.
  const opens = new Map<Row, { x: number; text: string }[]>();
  const byColumn = new Map<number, typeof spanning>();
  for (const b of spanning.sort((a, b) => a.top - b.top)) {
    const key = [...byColumn.keys()].find((x) => Math.abs(x - b.x) < 3) ?? b.x;
    byColumn.set(key, [...(byColumn.get(key) ?? []), b]);
  }
  for (const [x, blocks] of byColumn) {
    let taken = -1;
    for (const b of blocks) {
      const mid = (b.top + b.bottom) / 2;
      // The run of rows right of the block around its middle.
      let k = rows.findIndex((r) => r.line.y >= b.top);
      if (k < 0) k = rows.length - 1;
      let s = k;
      while (s - 1 > taken && rows[s - 1].labelX > x + 3) s--;
      if (!(rows[s]?.labelX > x + 3)) continue;
      let e = s;
      let best = Infinity;
      for (let t = s; t < rows.length && rows[t].labelX > x + 3; t++) {
        const d = Math.abs((rows[s].line.y + rows[t].line.y) / 2 - mid);
        if (d < best) {
          best = d;
          e = t;
        }
      }
      taken = e;
      opens.set(rows[s], [...(opens.get(rows[s]) ?? []), { x: b.x, text: b.text }]);
    }
  }

  const out: { y: number; row: OutRow }[] = [...plain];
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.values.length, (counts.get(r.values.length) ?? 0) + 1);
  const typicalCount = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
  const leaves = new Set<Chunk>();
  // Captions over the header (表四：…, 第二十条第（一）项) are rows of their own, never part of the header.
  const { captions, rest: headLines } = splitCaptions(headerLines, cols, bounds);
  const header = headerRows(headLines, cols, firstColLeft, bounds, leaves);
  out.push(...[...captions, ...header].map((row) => ({ y: -Infinity, row })));
  const groups = rows[0] && !rows[0].label.length ? columnGroups(headLines, cols, header, leaves) : null;
  if (groups && header.length === 1)
    header[0].cells = [{ text: '', loc: header[0].cells[0].loc }, ...header[0].cells.slice(1 + groups[0].from, 1 + groups[0].to)];
  for (const r of rows) {
    const labelParts = [...r.label, ...r.extra].sort((a, b) => a.y - b.y || a.x - b.x);
    const label = joinText(labelParts.map((c) => c.s).join(''));
    for (const g of (opens.get(r) ?? []).sort((a, b) => a.x - b.x))
      out.push({ y: r.line.y - 0.001, row: { cells: [{ text: g.text, loc: loc(r.line.page, g.text) }] } });
    const cells: OutRow['cells'] = [{ text: label, loc: loc(r.line.page, label) }];
    const idx = r.values.map((v) => columnOf(cols, (v.x + v.x1) / 2));
    if (!label && groups && idx.length > groups[0].to - groups[0].from) {
      groups.forEach((g, n) => {
        const cells: OutRow['cells'] = [{ text: g.name, loc: loc(r.line.page, g.name) }];
        for (let k = g.from; k < g.to; k++)
          cells.push({ text: r.values[idx.indexOf(k)]?.s ?? '', loc: loc(r.line.page, g.name, header[0]?.cells[1 + k - g.from]?.text) });
        out.push({ y: r.line.y + n * 0.001, row: { cells } });
      });
      continue;
    }
    // Values in order; a row with fewer values than the header has columns gets its blanks where its values do not stand.
    const names = header.length === 1 ? header[0].cells.slice(1).map((c) => c.text) : [];
    if (names.length === cols.length && names.every((n) => n) && r.values.length < names.length && typicalCount === names.length) {
      for (let k = 0; k < cols.length; k++) {
        const v = r.values[idx.indexOf(k)];
        cells.push({ text: v ? v.s.replace(/\s+/g, '') : '', loc: loc(r.line.page, label, names[k]) });
      }
    } else {
      r.values.forEach((v, k) => cells.push({ text: v.s.replace(/\s+/g, ''), loc: loc(r.line.page, label, names[idx[k]] ?? names[k]) }));
    }
    out.push({ y: r.line.y, row: { cells } });
  }
  return out.sort((a, b) => a.y - b.y).map((o) => o.row);
}

/**
 * Gives the wrapped label lines between rows to the rows: in each gap the first k lines to the row
 * above, the rest to the row below (each line only to a row it fits), k chosen over the whole table
 * (a row's label takes lines from the gaps above and below it) so that the labels are best centred
 * on their rows' values: the sum over rows of the distance from the middle of the label's lines to
 * the values' line, a row left without any label costing most. A line that fits neither row of its
 * gap under the chosen split is a label spanning several rows (`outer`).
 */
function shareOut(
  rows: Row[],
  gaps: { above: number; below: number; lines: Chunk[] }[],
  fits: (r: Row | undefined, f: Chunk) => boolean,
  barred: (r: Row | undefined, f: Chunk) => boolean = () => false,
) {
  const NO_LABEL = 1e6;
  /** What a split costs for each line it gives a row that a drawn rule keeps from it (the line would be left out). */
  const BARRED = 1e3;
  const below = new Map<number, (typeof gaps)[number]>();
  const above = new Map<number, (typeof gaps)[number]>();
  for (const g of gaps) {
    if (g.above >= 0) below.set(g.above, g);
    if (g.below >= 0) above.set(g.below, g);
  }
  /** Lines of gap g given to the row above under split k (the first k), and to the row below. */
  const upper = (g: (typeof gaps)[number], k: number) => g.lines.slice(0, k).filter((f) => fits(rows[g.above], f));
  const lower = (g: (typeof gaps)[number], k: number) => g.lines.slice(k).filter((f) => fits(rows[g.below], f));
  /** How far the label of row i stands from its values, given the splits of the gaps above (a) and below (b) it. */
  const cost = (i: number, a: number, b: number) => {
    const r = rows[i];
    const ga = above.get(i);
    const gb = below.get(i);
    const parts = [
      ...r.label,
      ...(ga ? lower(ga, ga.above >= 0 ? a : 0) : []),
      ...(gb ? upper(gb, gb.below >= 0 ? b : gb.lines.length) : []),
    ];
    // Lines given to this row that a rule keeps from it (in its own cell they would be the other row's).
    let barredLines = 0;
    if (ga) for (const f of ga.lines.slice(ga.above >= 0 ? a : 0)) if (barred(r, f)) barredLines++;
    if (gb) for (const f of gb.lines.slice(0, gb.below >= 0 ? b : gb.lines.length)) if (barred(r, f)) barredLines++;
    if (!parts.length) return (r.label.length ? 0 : NO_LABEL) + barredLines * BARRED;
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    if (spread(parts.map((c) => c.x)) > parts[0].size * 0.6 && spread(parts.map((c) => c.x + c.x1)) > parts[0].size * 1.2)
      return NO_LABEL / 2 + barredLines * BARRED;
    // A label's lines are evenly spaced: not lines of the cells above and below a row's away (a pair of them
    // keeps it as well centred).
    if (parts.length > 2) {
      const ys = parts.map((c) => c.y).sort((a, b) => a - b);
      let least = Infinity;
      let most = 0;
      for (let k = 1; k < ys.length; k++) {
        const gap = ys[k] - ys[k - 1];
        if (gap < parts[0].size * 0.45) continue;
        least = Math.min(least, gap);
        most = Math.max(most, gap);
      }
      if (most > least * 1.35 + 0.5) return NO_LABEL / 4 + barredLines * BARRED;
    }
    // (between splits as well centred, the one giving the label more of its lines: a label's lines in pairs around its values)
    return Math.abs(parts.reduce((s, c) => s + c.y, 0) / parts.length - r.y) - parts.length * 1e-3 + barredLines * BARRED;
  };
  // Dynamic programming over the rows in order: the state is the split of the gap below the row, when that gap is shared with the next row.
  const shared = (g: (typeof gaps)[number] | undefined) => !!g && g.above >= 0 && g.below >= 0;
  const splits = (g: (typeof gaps)[number] | undefined) => (shared(g) ? g!.lines.length + 1 : 1);
  let prev: number[] = [0];
  const choice: number[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const ga = above.get(i);
    const gb = below.get(i);
    const cur: number[] = [];
    const from: number[] = [];
    const na = shared(ga) ? ga!.lines.length + 1 : 1;
    for (let b = 0; b < splits(gb); b++) {
      let best = Infinity;
      let arg = 0;
      for (let a = 0; a < na; a++) {
        const c = (prev[shared(ga) ? a : 0] ?? 0) + cost(i, a, b);
        if (c < best) {
          best = c;
          arg = a;
        }
      }
      cur.push(best);
      from.push(arg);
    }
    choice.push(from);
    prev = shared(gb) ? cur : [Math.min(...cur)];
    if (!shared(gb)) choice[i] = [from[cur.indexOf(Math.min(...cur))]];
  }
  // Back through the choices: the split of each shared gap.
  const split = new Map<(typeof gaps)[number], number>();
  let b = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    const gb = below.get(i);
    const ga = above.get(i);
    if (shared(gb)) split.set(gb!, b);
    const a = choice[i][shared(gb) ? b : 0];
    b = shared(ga) ? a : 0;
  }
  const used = new Set<Chunk>();
  for (const g of gaps) {
    const k = g.above < 0 ? 0 : g.below < 0 ? g.lines.length : (split.get(g) ?? 0);
    for (const f of upper(g, k)) {
      rows[g.above].extra.push(f);
      used.add(f);
    }
    for (const f of lower(g, k)) {
      rows[g.below].extra.push(f);
      used.add(f);
    }
  }
  for (const r of rows)
    if ((r.labelX === Infinity || (r.anchor && !r.label.length)) && r.extra.length) r.labelX = Math.min(...r.extra.map((c) => c.x));
  return gaps.flatMap((g) => g.lines.filter((f) => !used.has(f)));
}

/**
 * A long label wrapped in a narrow column onto many lines (five and more) reaches farther from its values
 * than shareOut looks: a line left over in the label's column, right against its first or last line (a
 * line's distance), goes on the label when it is past that reach, or within it when the label is then
 * better centred on its values (its other end past the reach: shareOut weighed it without those lines);
 * the nearest such label, line by line outwards. The lines taken are removed from `outer`.
 */
function extendLabels(rows: Row[], outer: Chunk[], skip: Set<Chunk>, inColumn: (r: Row, f: Chunk) => boolean, reach: number) {
  const candidates = outer.filter((f) => !skip.has(f));
  if (!candidates.length) return;
  const taken = new Set<Chunk>();
  for (let grew = true; grew;) {
    grew = false;
    for (const f of candidates) {
      if (taken.has(f)) continue;
      let best: Row | null = null;
      let bestD = f.size * 1.6;
      for (const r of rows) {
        const off = Math.abs(r.y - f.y);
        if (r.line.page !== f.page || off > f.size * reach * 4) continue;
        const n = r.label.length + r.extra.length;
        if (!n || !inColumn(r, f)) continue;
        let top = Infinity;
        let bottom = -Infinity;
        let sum = 0;
        for (const list of [r.label, r.extra])
          for (const p of list) {
            top = Math.min(top, p.y);
            bottom = Math.max(bottom, p.y);
            sum += p.y;
          }
        const d = f.y < top ? top - f.y : f.y > bottom ? f.y - bottom : Infinity;
        const centres = Math.abs((sum + f.y) / (n + 1) - r.y) < Math.abs(sum / n - r.y);
        if (d < bestD && (off >= f.size * reach || centres)) {
          bestD = d;
          best = r;
        }
      }
      if (best) {
        best.extra.push(f);
        taken.add(f);
        grew = true;
      }
    }
  }
  if (!taken.size) return;
  const rest = outer.filter((f) => !taken.has(f));
  outer.length = 0;
  outer.push(...rest);
}

/**
 * Column groups under spanning header cells (table 四: 行政复议 | 行政诉讼 › 未经复议直接起诉 | 复议后起诉):
 * header text that starts a group is left-aligned over the group's first column; each group is named
 * by the header text covering it on each line, top down (`行政诉讼（未经复议直接起诉）`).
 */
function columnGroups(
  lines: Line[],
  cols: Column[],
  header: OutRow[],
  leaves: Set<Chunk>,
): { name: string; from: number; to: number }[] | null {
  if (header.length !== 1 || cols.length < 4) return null;
  // Lines of group names: a few pieces of header text each (not the column names' own pieces).
  const upper = lines
    .map((l) => ({ ...l, chunks: l.chunks.filter((c) => !leaves.has(c)) }))
    .filter((l) => l.chunks.length >= 2 && l.chunks.length <= cols.length / 4);
  if (!upper.length) return null;
  // Groups of equal size: the column names repeat with that period (most of them: printed names may be clipped).
  const names = header[0].cells.slice(1).map((c) => c.text);
  let size = 0;
  for (let p = 2; p <= names.length / 2 && !size; p++) {
    if (names.length % p) continue;
    let same = 0;
    for (let k = p; k < names.length; k++) if (names[k] === names[k - p]) same++;
    if (same * 2 >= names.length - p) size = p;
  }
  if (!size) return null;
  const groups = Array.from({ length: names.length / size }, (_, k) => ({ from: k * size, to: (k + 1) * size }));
  // The columns' middles: their names' (centred in their cells) when each has one, else their numbers'
  // (off the cells' middles when the numbers are set left or right in their cells).
  const leafMids = cols.map((col) => {
    // (a name's own pieces: not the piece of several names' first lines it was split from)
    const own = [...leaves].filter(
      (c) => (c.x + c.x1) / 2 >= col.lo && (c.x + c.x1) / 2 < col.hi && !(c.joined && splitAtColumns(c, cols)),
    );
    return own.length ? own.reduce((t, c) => t + (c.x + c.x1) / 2, 0) / own.length : NaN;
  });
  const mids = leafMids.every((m, k) => !isNaN(m) && (k === 0 || m > leafMids[k - 1])) ? leafMids : cols.map((c) => c.center);
  const pitch = mids[1] - mids[0];
  const lo = (k: number) => (k ? (mids[k - 1] + mids[k]) / 2 : mids[0] - pitch / 2);
  const hi = (k: number) => (k < mids.length - 1 ? (mids[k] + mids[k + 1]) / 2 : mids[k] + pitch / 2);
  const left = (g: { from: number }) => lo(g.from);
  const right = (g: { to: number }) => hi(g.to - 1);
  // Each line names the groups it has text over (centred in the group, or starting in its first column);
  // a group without text on a line takes the name of the group before it there (a header spanning both).
  const named = groups.map(() => [] as string[]);
  for (const l of upper) {
    let last: string | null = null;
    groups.forEach((g, k) => {
      const own = l.chunks.find((c) => {
        const mid = (c.x + c.x1) / 2;
        // (Centred on a border between groups: over both. The borders are placed from the numbers' middles,
        // off the cells' own when the numbers are set left or right in their cells.)
        // (its text a character at least on each side: text that starts at a border, left-aligned in the
        // group right of it, is that group's alone)
        const onBorder = (x: number) => Math.abs(mid - x) < pitch * 0.75 && x - c.x > c.size * 0.8 && c.x1 - x > c.size * 0.8;
        return (
          (mid >= left(g) && mid < right(g)) ||
          (c.x >= left(g) - 1 && c.x < hi(g.from)) ||
          (k > 0 && onBorder(left(g))) ||
          (k < groups.length - 1 && onBorder(right(g)))
        );
      });
      if (own) last = own.s;
      else if (last !== null && k > 0 && named[k - 1].length) {
        named[k].push(last);
        return;
      }
      if (own) named[k].push(own.s);
    });
  }
  if (named.some((n) => !n.length)) return null;
  return groups.map((g, k) => {
    const [top, ...rest] = named[k];
    return { ...g, name: rest.length ? `${top}（${rest.join('')}）` : top };
  });
}

const CAPTION_RE = /^(表|附表)\s*[一二三四五六七八九十\d]+\s*[：:、.．\s]/u;

/**
 * The caption lines at the top of a table's header lines (第二十条第（一）项 over a sub-table, 表四：… over
 * table 四), each a row of its own: a line of one piece of text without a number, above other header text,
 * that is centred on the whole table rather than on its values, or is named as a caption (表四：), or is
 * wider than three value columns and over them (no header cell over the columns holds that much text on one line).
 */
function splitCaptions(lines: Line[], cols: Column[], bounds: Bounds): { captions: OutRow[]; rest: Line[] } {
  const { left, right } = bounds;
  const pitch = cols.length > 1 ? (cols[cols.length - 1].center - cols[0].center) / (cols.length - 1) : Infinity;
  const captions: OutRow[] = [];
  while (lines.length > 1 && lines[0].chunks.length === 1 && !isNumber(lines[0].chunks[0].s)) {
    const c = lines[0].chunks[0];
    const mid = (c.x + c.x1) / 2;
    const centred = Math.abs(mid - (left + right) / 2) <= Math.abs(mid - (bounds.firstColLeft + right) / 2);
    if (!centred && !CAPTION_RE.test(c.s) && !(c.x1 - c.x > pitch * 3 && c.x1 > bounds.firstColLeft + pitch)) break;
    captions.push({ cells: [{ text: c.s, loc: loc(c.page) }] });
    lines = lines.slice(1);
  }
  return { captions, rest: lines };
}

const CJK_RUN = /^[\u3000-\u9fff\uff00-\uffef]{2,}$/u;

/**
 * Header text of two columns side by side that the reader gave as one piece (商业企业 科研机构: shown one
 * after the other on one baseline, the gap between them a space), split when it stands over two value
 * columns and more: Chinese text only, each part two characters or more, placed a character an em wide and
 * the item's width less its characters' shared out as the gaps (商 业 企, letter-spaced, stays whole).
 */
function splitAcross(c: Chunk, cols: Column[]): Chunk[] {
  const apart = splitAtColumns(c, cols);
  if (apart) return apart;
  if (!c.spaced) return [c];
  const parts = c.spaced.split(/\s+/);
  if (parts.length < 2 || !parts.every((t) => CJK_RUN.test(t))) return [c];
  if (cols.filter((col) => col.center > c.x && col.center < c.x1).length < 2) return [c];
  const chars = parts.reduce((t, q) => t + [...q].length, 0);
  const gap = Math.max(0, (c.x1 - c.x - chars * c.size) / (parts.length - 1));
  const out: Chunk[] = [];
  let x = c.x;
  for (const q of parts) {
    const w = [...q].length * c.size;
    out.push({ ...c, s: q, x, x1: x + w, spaced: undefined });
    x += w + gap;
  }
  return out;
}

/**
 * Header text of narrow columns side by side, each name's first line filling its cell, that the line's
 * pieces were joined into (结果维结果纠其他结尚未审: a point or two between the cells' text, less than a
 * space): split back into its pieces where a piece a visible gap after the one before (a tenth of an em
 * and more; the characters of one run of text touch) begins in another value column than its part's
 * first, each part two characters and more; null when it is not so.
 */
function splitAtColumns(c: Chunk, cols: Column[]): Chunk[] | null {
  const pieces = c.joined;
  if (!pieces || cols.length < 2) return null;
  const cuts: number[] = [];
  for (let k = 1; k < pieces.length; k++) {
    const from = columnOf(cols, pieces[cuts.length ? cuts[cuts.length - 1] : 0].x + c.size * 0.5);
    if (columnOf(cols, pieces[k].x + c.size * 0.5) !== from) cuts.push(k);
  }
  if (!cuts.length) return null;
  const out: Chunk[] = [];
  let from = 0;
  for (const k of [...cuts, pieces.length]) {
    const part = pieces.slice(from, k);
    const s = joinText(part.map((q) => q.s).join(' '));
    if ([...s].length < 2) return null;
    out.push({ ...c, s, x: part[0].x, x1: part[part.length - 1].x1, spaced: undefined, joined: undefined });
    from = k;
  }
  return out;
}

/** The header over the first values: one row, a name per value column, the label area's text first. */
function headerRows(lines: Line[], cols: Column[], firstColLeft: number, bounds: Bounds, used: Set<Chunk>): OutRow[] {
  if (!lines.length) return [];
  // (a piece split across columns is used as the columns' names are: its parts' original with them)
  const origin = new Map<Chunk, Chunk>();
  const chunks = lines.flatMap((l) =>
    l.chunks.flatMap((c) => {
      const parts = splitAcross(c, cols);
      if (parts.length > 1) for (const q of parts) origin.set(q, c);
      return parts;
    }),
  );
  const page = lines[0].page;
  const { left } = bounds;
  const pitch = cols.length > 1 ? (cols[cols.length - 1].center - cols[0].center) / (cols.length - 1) : Infinity;
  // The label area's header: left of the values and centred left of the middle between the table's left
  // edge and the values (a column name set left of its numbers, as over a wide cell whose numbers are set
  // right, is the column's: 信息内容 | 本年处理决定数量 ……… 221).
  const inLabels = (c: Chunk) => c.x1 <= firstColLeft && (c.x + c.x1) / 2 < (left + firstColLeft) / 2;
  const labelText = joinText(
    chunks
      .filter(inLabels)
      .sort((a, b) => a.y - b.y || a.x - b.x)
      .map((c) => c.s)
      .join(''),
  );
  const owns = cols.map((col) =>
    chunks.filter((c) => !inLabels(c) && (c.x + c.x1) / 2 >= col.lo && (c.x + c.x1) / 2 < col.hi).sort((a, b) => b.y - a.y),
  );
  const at = (k: number, y: number, size: number) => owns[k].some((c) => Math.abs(c.y - y) < size * 0.45);
  /**
   * Text above a column's name that heads a group of columns (法人或其他组织 over five, no wider than one of
   * them in a wide table, centred on the middle one): the columns beside have nothing on the text's line
   * and their names (below it) centred where this one's lines so far are, not where they would be with
   * the text (a name wrapped onto more lines than its neighbours' has theirs centred on all its lines).
   */
  const heads = (k: number, top: Chunk, c: Chunk) => {
    const last = owns[k][0];
    const mid = (top.y + last.y) / 2;
    const withText = (c.y + last.y) / 2;
    const beside = [k - 1, k + 1].filter((j) => j >= 0 && j < cols.length && !at(j, c.y, c.size));
    let judged = 0;
    for (const j of beside) {
      const under = owns[j].filter((d) => d.y > c.y + c.size * 0.45 && d.y < last.y + last.size * 0.45);
      if (!under.length) continue;
      const centre = (Math.min(...under.map((d) => d.y)) + Math.max(...under.map((d) => d.y))) / 2;
      if (Math.abs(centre - mid) >= Math.abs(centre - withText)) return false;
      judged++;
    }
    return judged > 0 && beside.length === [k - 1, k + 1].filter((j) => j >= 0 && j < cols.length).length;
  };
  const names = cols.map((col, k) => {
    const own = owns[k];
    if (!own.length) return '';
    // Upward, the lines of this cell: close, and no wider than a column (text wider than its column is a
    // spanning header); right against the line under it (the name's own next line), no wider than the
    // columns' pitch (table 四's 总计, narrower than the other columns, leaves the column after it less
    // room between its numbers than its name takes).
    const width = Number.isFinite(col.hi - col.lo) ? col.hi - col.lo : pitch;
    const widthOk = (c: Chunk, under: Chunk) =>
      c.x1 - c.x <= Math.min(width, pitch) * 1.05 || (c.x1 - c.x <= Math.max(width, pitch) * 1.05 && under.y - c.y < c.size * 1.6);
    const picked = [own[0]];
    for (const c of own.slice(1)) {
      const top = picked[picked.length - 1];
      if (top.y - c.y < c.size * 2.6 && widthOk(c, top) && !heads(k, top, c)) picked.push(c);
      else break;
    }
    for (const c of picked) used.add(c).add(origin.get(c) ?? c);
    return joinText(
      picked
        .reverse()
        .map((c) => c.s)
        .join(''),
    );
  });
  return [{ cells: [{ text: labelText, loc: loc(page) }, ...names.map((n) => ({ text: n, loc: loc(page, undefined, n) }))] }];
}
