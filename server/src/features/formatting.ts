/**
 * Formatting: aligns the columns of canonical `|` tables by display width (a CJK character takes
 * two columns). Only lines that start and end with `|` are touched; narrative text never is.
 * The layout is the engine writer's (cells left-aligned, one space each side of every bar), so
 * formatting a written table, or its own output, changes nothing.
 */
import type { TextEdit } from 'vscode-languageserver';
import { displayWidth } from '../report';
import { splitLines } from './ranges';

const isTableLine = (line: string) => line.startsWith('|') && line.trimEnd().endsWith('|') && line.trimEnd().length > 1;

interface ParsedLine {
  index: number;
  cells: string[];
}

/** A table line's cells: the first keeps the label's hierarchy indent (beyond one space of padding), the others are trimmed. */
function cellsOf(line: string): string[] {
  const parts = line.trimEnd().slice(1, -1).split('|');
  return parts.map((cell, i) => (i === 0 ? cell.replace(/^ /, '').trimEnd() : cell.trim()));
}

/** Left-aligned and padded to a display width, as the engine's writer lays cells out. */
function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function formatTables(text: string): TextEdit[] {
  const lines = splitLines(text);
  const edits: TextEdit[] = [];
  let block: ParsedLine[] = [];
  const flush = () => {
    if (!block.length) return;
    const widths: number[] = [];
    for (const { cells } of block) cells.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
    for (const { index, cells } of block) {
      const formatted = `|${cells.map((c, i) => ` ${pad(c, widths[i])} `).join('|')}|`;
      if (formatted !== lines[index]) {
        edits.push({ range: { start: { line: index, character: 0 }, end: { line: index, character: lines[index].length } }, newText: formatted });
      }
    }
    block = [];
  };
  lines.forEach((line, index) => {
    if (isTableLine(line)) block.push({ index, cells: cellsOf(line) });
    else flush();
  });
  flush();
  return edits;
}
