/**
 * What the last analysis of a document found in its pieces (each line, each table), kept for the
 * next one, so that an edit costs the pieces it changed: unchanged lines are found by comparing
 * the new lines with the last ones from both ends (string comparison, no hashing), and a table
 * whose lines and place are unchanged is not read again. The engine gives the same answer with or
 * without a cache: what is kept is a function of what it is keyed by (tested by
 * test/unit/memo.test.ts, which compares analyses with and without one across random edits).
 *
 * A cache belongs to one document (the language service keeps one per open document); the command
 * line passes none. It holds one analysis' worth: its size follows the document's.
 */
import type { LineFacts, TableRead } from './parse';
import type { ParagraphReading } from './narrative';
import type { ParagraphMemo } from './narrativeText';

export interface AnalysisCache {
  /** The lines of the last analysis and what the section and table finders saw in each. */
  lines: { text: string[]; facts: LineFacts[] } | null;
  /** Per table number: the last reading, with everything it was read from. */
  readonly tables: Map<number, { key: string; lines: string[]; read: TableRead }>;
  /** The paragraphs of the last analysis, what their readings depend on, and what the narrative rules read in each. */
  paragraphs: { key: string; paras: { text: string; section: number }[]; readings: ParagraphReading[] } | null;
  /** The paragraphs of the last analysis, and where each starts (narrativeText.ts paragraphs()). */
  paragraphList: ParagraphMemo | null;
}

export function createAnalysisCache(): AnalysisCache {
  return { lines: null, tables: new Map(), paragraphs: null, paragraphList: null };
}

/**
 * The reading of each paragraph: the last analysis' for the unchanged paragraphs before and after
 * the edited ones (found as reuseLines finds lines: by comparing from both ends) when `key`, what
 * a reading depends on besides the paragraph's text and section, is the same; `read` for the others.
 */
export function reuseParagraphs(
  cache: AnalysisCache | undefined,
  key: string,
  paras: { text: string; section: number }[],
  read: (p: { text: string; section: number }) => ParagraphReading,
): ParagraphReading[] {
  const out = new Array<ParagraphReading>(paras.length);
  const last = cache?.paragraphs;
  let head = 0;
  let tail = 0;
  if (last && last.key === key) {
    const old = last.paras;
    const same = (i: number, j: number) => old[j].text === paras[i].text && old[j].section === paras[i].section;
    const n = Math.min(old.length, paras.length);
    while (head < n && same(head, head)) head++;
    while (tail < n - head && same(paras.length - 1 - tail, old.length - 1 - tail)) tail++;
    for (let i = 0; i < head; i++) out[i] = last.readings[i];
    for (let k = 1; k <= tail; k++) out[paras.length - k] = last.readings[old.length - k];
  }
  for (let i = head; i < paras.length - tail; i++) out[i] = read(paras[i]);
  if (cache) cache.paragraphs = { key, paras, readings: out };
  return out;
}

/**
 * Facts for each line: those of the last analysis for the unchanged lines before and after the
 * edited ones, `compute` for the others.
 */
export function reuseLines(cache: AnalysisCache | undefined, lines: string[], compute: (line: string) => LineFacts): LineFacts[] {
  const out = new Array<LineFacts>(lines.length);
  const last = cache?.lines;
  let head = 0;
  let tail = 0;
  if (last) {
    const old = last.text;
    const n = Math.min(old.length, lines.length);
    while (head < n && old[head] === lines[head]) head++;
    while (tail < n - head && old[old.length - 1 - tail] === lines[lines.length - 1 - tail]) tail++;
    for (let i = 0; i < head; i++) out[i] = last.facts[i];
    for (let k = 1; k <= tail; k++) out[lines.length - k] = last.facts[old.length - k];
  }
  for (let i = head; i < lines.length - tail; i++) out[i] = compute(lines[i]);
  if (cache) cache.lines = { text: lines, facts: out };
  return out;
}

/** The reading of table `n` from lines [from, to): the last one when its key and lines are the same, else `read()`. */
export function reuseTable(
  cache: AnalysisCache | undefined,
  n: number,
  key: string,
  lines: string[],
  from: number,
  to: number,
  read: () => TableRead,
): TableRead {
  if (!cache) return read();
  const last = cache.tables.get(n);
  if (last && last.key === key && last.lines.length === to - from) {
    let same = true;
    for (let i = 0; i < last.lines.length && same; i++) same = last.lines[i] === lines[from + i];
    if (same) return last.read;
  }
  const result = read();
  cache.tables.set(n, { key, lines: lines.slice(from, to), read: result });
  return result;
}
