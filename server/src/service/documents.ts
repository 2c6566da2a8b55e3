/**
 * The open documents, kept as lines (report/lines.ts SplitText): an edit splits again only the
 * lines around it, and the engine analyses the lines as they are — a keystroke in a large report
 * never joins its text into one string (which costs a copy of the whole document, in the heap's
 * large-object space, at every keystroke). The text is joined when a feature asks for it, once per
 * content.
 *
 * ReportDocument is a TextDocument as vscode-languageserver-textdocument defines it: positions and
 * offsets mean what they mean there, and an edit's range is clamped as it clamps it (a line past
 * the end is the end of the text, a character past a line's end that end, the ends in either order).
 */
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import type { Position, Range, TextDocument } from 'vscode-languageserver-textdocument';
import { EOL_TEXT, clampPosition, editLines, splitLines, type SplitText } from '../report/lines';

export class ReportDocument implements TextDocument {
  private offsets: number[] | null = null;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    /** The current content as lines: the same object until the content changes. */
    public source: SplitText,
  ) {}

  get lineCount(): number {
    return this.source.lines.length;
  }

  getText(range?: Range): string {
    if (!range) return this.source.text;
    return this.source.text.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  offsetAt(position: Position): number {
    const p = clampPosition(this.source, position);
    return this.lineOffsets()[p.line] + p.character;
  }

  positionAt(offset: number): Position {
    const offsets = this.lineOffsets();
    const at = Math.max(0, Math.min(Math.floor(offset) || 0, this.source.length));
    let low = 0;
    let high = offsets.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (offsets[mid] > at) high = mid - 1;
      else low = mid;
    }
    // (An offset inside a line's end-of-line stands at the end of the line.)
    return { line: low, character: Math.min(at - offsets[low], this.source.lines[low].length) };
  }

  getLineRange(line: number): Range {
    const n = this.source.lines.length;
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const at = Math.min(line, n - 1);
    return { start: { line: at, character: 0 }, end: { line: at, character: this.source.lines[at].length } };
  }

  getEOLCharacters(line: number): string {
    return line < 0 || line >= this.source.lines.length ? '' : EOL_TEXT[this.source.endOf(line)];
  }

  /** Applies the client's changes in order (incremental ones to the lines, a full one by splitting anew). */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      this.source = 'range' in change ? editLines(this.source, change.range.start, change.range.end, change.text) : splitLines(change.text);
      this.offsets = null;
    }
    this.version = version;
  }

  /** Where each line starts (computed when a position or an offset is first asked for after a change). */
  private lineOffsets(): number[] {
    if (!this.offsets) {
      const { lines } = this.source;
      const offsets = new Array<number>(lines.length);
      for (let i = 0, at = 0; i < lines.length; i++) {
        offsets[i] = at;
        at += lines[i].length + EOL_TEXT[this.source.endOf(i)].length;
      }
      this.offsets = offsets;
    }
    return this.offsets;
  }
}

/** The TextDocuments configuration that keeps documents as ReportDocuments. */
export const reportDocuments: TextDocumentsConfiguration<ReportDocument> = {
  create: (uri, languageId, version, content) => new ReportDocument(uri, languageId, version, splitLines(content)),
  update: (document, changes, version) => {
    document.update(changes, version);
    return document;
  },
};
