/**
 * Formatting: aligns the columns of canonical `|` tables by display width (a CJK character takes
 * two columns). Only lines that start and end with `|` are touched; narrative text never is.
 * The layout is the engine writer's (cells left-aligned, one space each side of every bar), so
 * formatting a written table, or its own output, changes nothing.
 */
import type { TextEdit } from 'vscode-languageserver';
import { alignRows } from '../report';
import { splitLines } from '../report/ranges';

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

export function formatTables(text: string): TextEdit[] {
  const lines = splitLines(text);
  const edits: TextEdit[] = [];
  let block: ParsedLine[] = [];
  const flush = () => {
    if (!block.length) return;
    // The engine's writer lays the block out, so formatting written tables changes nothing.
    const aligned = alignRows(block.map((b) => b.cells));
    block.forEach(({ index }, k) => {
      const formatted = aligned[k];
      if (formatted !== lines[index]) {
        edits.push({
          range: { start: { line: index, character: 0 }, end: { line: index, character: lines[index].length } },
          newText: formatted,
        });
      }
    });
    block = [];
  };
  lines.forEach((line, index) => {
    if (isTableLine(line)) block.push({ index, cells: cellsOf(line) });
    else flush();
  });
  flush();
  return edits;
}
