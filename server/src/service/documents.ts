/**
 * The open documents' texts, as vscode-languageserver-textdocument keeps them, and what changed in
 * each since its text was last taken for an analysis: the client's edits since then, composed into
 * one change of the text of that time (several didChange events may arrive between two analyses,
 * each with several edits). The language service hands the change to the engine, which then splits
 * the text into lines again only around it (report/lines.ts splitAfterChange).
 *
 * A change is only ever a hint: the engine uses it when its last text is the change's base, and
 * splits from scratch otherwise. A full-text replacement leaves no change.
 */
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../report/lines';

export class DocumentChanges implements TextDocumentsConfiguration<TextDocument> {
  /** Per document: the change since its text was last taken; null when unknown (a full replacement). */
  private readonly pending = new WeakMap<object, TextChange | null>();

  create(uri: string, languageId: string, version: number, content: string): TextDocument {
    return TextDocument.create(uri, languageId, version, content);
  }

  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    for (const change of changes) {
      if (!('range' in change)) {
        this.pending.set(document, null);
        TextDocument.update(document, [change], version);
        continue;
      }
      const a = document.offsetAt(change.range.start);
      const b = document.offsetAt(change.range.end);
      const current = document.getText();
      const last = this.pending.get(document);
      this.pending.set(document, last === null ? null : compose(last, current, Math.min(a, b), Math.max(a, b), change.text));
      TextDocument.update(document, [change], version);
    }
    return document;
  }

  /** The change since the document's text was last taken (undefined when unknown), and from now on none. */
  take(document: object): TextChange | undefined {
    const change = this.pending.get(document);
    this.pending.delete(document);
    return change ?? undefined;
  }
}

/**
 * `last` (a change of its base into `current`, or none: `current` is the base) followed by the
 * change of `current`'s [start, end) into `text`, as one change of the base.
 */
export function compose(last: TextChange | undefined, current: string, start: number, end: number, text: string): TextChange {
  if (!last) return { base: current, start, end, text };
  // The last change's part of `current`, and how much longer `current` is than the base after it.
  const lastEnd = last.start + last.text.length;
  const grown = last.text.length - (last.end - last.start);
  const from = Math.min(last.start, start);
  const to = Math.max(lastEnd, end);
  return { base: last.base, start: from, end: to - grown, text: current.slice(from, start) + text + current.slice(end, to) };
}
