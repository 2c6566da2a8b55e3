/**
 * Writing a value into a cell. In a `|` table the whole cell between its bars is rewritten with
 * padding so that its display width, and so the column alignment, stays as it was.
 */
import type { TextEdit } from 'vscode-languageserver';
import { displayWidth, type Range } from '../report';

export function cellEdit(lines: string[], range: Range, newText: string): TextEdit {
  const line = lines[range.start.line] ?? '';
  if (range.start.line === range.end.line) {
    const left = line.lastIndexOf('|', range.start.character - 1);
    const right = line.indexOf('|', range.end.character);
    const before = left >= 0 ? line.slice(left + 1, range.start.character) : null;
    const after = right >= 0 ? line.slice(range.end.character, right) : null;
    if (before !== null && after !== null && before.trim() === '' && after.trim() === '') {
      const width = displayWidth(line.slice(left + 1, right));
      const textWidth = displayWidth(newText);
      let cell: string;
      if (textWidth + 2 <= width) {
        // Numbers keep the side they were aligned to (right-aligned when more padding precedes them).
        const rightAligned = before.length > after.length;
        const fill = ' '.repeat(width - textWidth - 2);
        cell = rightAligned ? ` ${fill}${newText} ` : ` ${newText}${fill} `;
      } else {
        cell = ` ${newText} `;
      }
      return {
        range: { start: { line: range.start.line, character: left + 1 }, end: { line: range.start.line, character: right } },
        newText: cell,
      };
    }
  }
  return { range, newText };
}
