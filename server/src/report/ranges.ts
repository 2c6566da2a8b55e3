/** Small helpers on LSP positions and ranges (0-based line, UTF-16 character) and on text lines. */
import type { Position, Range } from './model';

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Whether `position` lies in `range`, both ends included (a hover at a word's end still counts). */
export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Offset of a position in text whose lines are separated by any EOL. */
export function offsetAt(text: string, position: Position): number {
  let line = 0;
  let offset = 0;
  while (line < position.line && offset < text.length) {
    const ch = text.charCodeAt(offset++);
    if (ch === 13) {
      if (text.charCodeAt(offset) === 10) offset++;
      line++;
    } else if (ch === 10) line++;
  }
  return Math.min(offset + position.character, text.length);
}

/** Applies non-overlapping edits to a text (used by fix-all between passes and by tests). */
export function applyEdits(text: string, edits: { range: Range; newText: string }[]): string {
  const sorted = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let result = text;
  for (const e of sorted) result = result.slice(0, e.start) + e.newText + result.slice(e.end);
  return result;
}
