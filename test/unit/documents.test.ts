/**
 * Documents kept as lines (service/documents.ts ReportDocument, report/lines.ts editLines): after
 * any edit — either end anywhere, past the end of a line or of the text, in either order, joining or
 * parting an end-of-line (\n typed after \r, \r deleted before \n) — the lines are exactly what
 * splitting the new text from scratch gives, and the document answers every question as
 * vscode-languageserver-textdocument's does. A keystroke's analysis never joins the lines into
 * one string.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { editLines, splitLines, type SplitText } from '../../server/src/report/lines';
import { ReportDocument, reportDocuments } from '../../server/src/service/documents';
import { LanguageService } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { SAMPLES } from './helpers';

/** Texts made of short words and every kind of line end, so that edits land next to line ends. */
const piece = fc.constantFrom('a', '表', '12', ' ', '\t', '\n', '\r', '\r\n', '\n\n', '');
const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
/** Any position: inside the text, past a line's end, past the last line, before the first. */
const position = fc.record({ line: fc.integer({ min: -1, max: 14 }), character: fc.integer({ min: -1, max: 14 }) });

function plain(s: SplitText) {
  return {
    text: s.text,
    lines: s.lines,
    eol: s.eol,
    ends: s.lines.map((_, i) => s.endOf(i)),
    lf: s.lf,
    crlf: s.crlf,
    cr: s.cr,
    length: s.length,
  };
}

/** The edit as the library makes it, on a fresh document (its offsets are right for any position). */
function oracle(
  before: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
  t: string,
) {
  const doc = TextDocument.create('file:///o.txt', 'xxgk', 1, before);
  let a = doc.offsetAt(range.start);
  let b = doc.offsetAt(range.end);
  if (a > b) [a, b] = [b, a];
  return before.slice(0, a) + t + before.slice(b);
}

describe('documents kept as lines', () => {
  it('editLines gives what a split of the edited text gives, for any text and edit', () => {
    fc.assert(
      fc.property(text, position, position, text, (base, start, end, t) => {
        const got = editLines(splitLines(base), start, end, t);
        assert.deepEqual(plain(got), plain(splitLines(oracle(base, { start, end }, t))));
      }),
      { numRuns: 4000 },
    );
  });

  it('a ReportDocument answers as the library document does, over chains of edits', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(fc.array(fc.tuple(position, position, text), { maxLength: 3 }), { maxLength: 6 }),
        fc.array(fc.integer({ min: -2, max: 60 }), { minLength: 4, maxLength: 4 }),
        (base, events, probes) => {
          const doc = reportDocuments.create('file:///t.txt', 'xxgk', 1, base);
          let expected = base;
          events.forEach((event, k) => {
            const changes = event.map(([start, end, t]) => ({ range: { start, end }, text: t }));
            for (const c of changes) expected = oracle(expected, c.range, c.text);
            reportDocuments.update(doc, changes, k + 2);
            const lib = TextDocument.create('file:///l.txt', 'xxgk', k + 2, expected);
            assert.equal(doc.version, k + 2);
            assert.equal(doc.getText(), expected);
            assert.deepEqual(plain(doc.source), plain(splitLines(expected)));
            assert.equal(doc.lineCount, lib.lineCount);
            for (const [start, end] of event.map(([s, e]) => [s, e])) {
              assert.equal(doc.offsetAt(start), lib.offsetAt(start));
              assert.equal(doc.getText({ start, end }), lib.getText({ start, end }));
              assert.deepEqual(doc.getLineRange(start.line), lib.getLineRange(start.line));
              assert.equal(doc.getEOLCharacters(start.line), lib.getEOLCharacters(start.line));
            }
            for (const offset of probes) assert.deepEqual(doc.positionAt(offset), lib.positionAt(offset));
          });
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('a full replacement splits the text anew', () => {
    const doc = reportDocuments.create('file:///t.txt', 'xxgk', 1, 'a\r\nb');
    reportDocuments.update(
      doc,
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'x' }, { text: 'whole\rnew' }],
      2,
    );
    assert.equal(doc.getText(), 'whole\rnew');
    assert.deepEqual(doc.source.lines, ['whole', 'new']);
  });

  it('analyses a keystroke from the lines, without joining them into one text', () => {
    const base = readFileSync(join(SAMPLES, '001_06d18ea68e74cc84.txt'), 'utf8');
    const doc = new ReportDocument('file:///r.txt', 'xxgk', 1, splitLines(base));
    const service = new LanguageService({ settings: () => DEFAULT_SETTINGS });
    const first = service.analysisWith(doc, DEFAULT_SETTINGS)!;
    // A figure of table 三.
    const cell = Object.values(first.report.table3!.rows)
      .flatMap((r) => r.cells)
      .find((c) => /^\d$/.test(c.raw))!;
    const { line, character } = cell.range.start;
    for (const [k, digit] of ['9', '0', '7'].entries()) {
      doc.update([{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: digit }], k + 2);
      const source = doc.source;
      Object.defineProperty(source, 'text', {
        configurable: true,
        get() {
          throw new Error('the text was joined');
        },
      });
      const analysis = service.analysisWith(doc, DEFAULT_SETTINGS)!;
      assert.notEqual(analysis, first);
      const cells = Object.values(analysis.report.table3?.rows ?? {}).flatMap((r) => r.cells);
      const typed = cells.find(
        (c) => c.range.start.line === line && c.range.start.character <= character && c.range.end.character > character,
      );
      assert.equal(typed?.raw, digit);
      service.diagnosticsOf(analysis);
      delete (source as { text?: string }).text;
      // The same analysis as a fresh run of the joined text gives.
      const fresh = new LanguageService({ settings: () => DEFAULT_SETTINGS }).analysisWith(
        { uri: 'file:///f.txt', version: 1, getText: () => source.text },
        DEFAULT_SETTINGS,
      )!;
      assert.deepEqual(JSON.stringify(analysis.diagnostics), JSON.stringify(fresh.diagnostics));
    }
  });
});
