/**
 * splitAfterChange (report/lines.ts) splits a changed text again from its last lines: it must give
 * exactly what splitting the new text from scratch gives — lines, end-of-line, counts and each
 * line's end-of-line length — for any text with any mix of \n, \r\n and \r and any change,
 * including changes that join or part an end-of-line (\n typed after \r, \r deleted before \n).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { splitAfterChange, splitLines, type SplitText } from '../../server/src/report/lines';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentChanges } from '../../server/src/service/documents';

/** Texts made of short words and every kind of line end, so that changes land next to line ends. */
const piece = fc.constantFrom('a', '表', '12', ' ', '\t', '\n', '\r', '\r\n', '\n\n', '');
const text = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));

/** A change of `base`: a range in it (either end anywhere, line ends included) and what replaces it. */
const change = (base: string) =>
  fc
    .tuple(fc.nat(base.length), fc.nat(base.length), text)
    .map(([a, b, t]) => ({ base, start: Math.min(a, b), end: Math.max(a, b), text: t }));

function plain(s: SplitText) {
  const breaks = s.breaks ? [...s.breaks] : s.lines.map((_, i) => (i < s.lines.length - 1 ? 1 : 0));
  return { text: s.text, lines: s.lines, eol: s.eol, breaks, lf: s.lf, crlf: s.crlf, cr: s.cr };
}

describe('splitAfterChange', () => {
  it('gives what a split from scratch gives, for any text and change', () => {
    fc.assert(
      fc.property(
        text.chain((base) => fc.tuple(fc.constant(base), fc.array(change(base), { minLength: 1, maxLength: 1 }))),
        ([base, [c]]) => {
          const after = base.slice(0, c.start) + c.text + base.slice(c.end);
          const got = splitAfterChange(splitLines(base), after, c);
          assert.ok(got);
          assert.deepEqual(plain(got), plain(splitLines(after)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('gives the same results over a chain of changes, each split from the last', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(), fc.nat(), text), { maxLength: 12 }), (base, steps) => {
        let split = splitLines(base);
        for (const [a, b, t] of steps) {
          const old = split.text;
          const start = Math.min(a % (old.length + 1), b % (old.length + 1));
          const end = Math.max(a % (old.length + 1), b % (old.length + 1));
          const after = old.slice(0, start) + t + old.slice(end);
          const next = splitAfterChange(split, after, { base: old, start, end, text: t });
          assert.ok(next);
          assert.deepEqual(plain(next), plain(splitLines(after)));
          split = next;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a text that cannot be the change of the last one', () => {
    const before = splitLines('a\nb\nc');
    assert.equal(splitAfterChange(before, 'a\nbx\nc', { base: 'a\nb\nc', start: 3, end: 3, text: 'xy' }), null);
    assert.equal(splitAfterChange(before, 'a\nb\nc', { base: 'a\nb\nc', start: 4, end: 9, text: '' }), null);
  });
});

describe('DocumentChanges', () => {
  it('composes the edits since the text was last taken into one change of that text', () => {
    const edit = fc.tuple(fc.nat(60), fc.nat(60), text);
    fc.assert(
      fc.property(
        text,
        fc.array(fc.array(edit, { maxLength: 3 }), { maxLength: 6 }),
        fc.array(fc.boolean(), { maxLength: 6 }),
        (base, events, takes) => {
          const changes = new DocumentChanges();
          const doc = changes.create('file:///t.txt', 'xxgk', 1, base);
          let taken = base;
          events.forEach((event, k) => {
            // Each edit's positions inside the text the edits before it made, as clients send them
            // (vscode-languageserver-textdocument itself mishandles lines past the end).
            const shadow = TextDocument.create('file:///s.txt', 'xxgk', 1, doc.getText());
            const edits = event.map(([a, b, t]) => {
              const edit = { range: { start: shadow.positionAt(a), end: shadow.positionAt(b) }, text: t };
              TextDocument.update(shadow, [edit], 2);
              return edit;
            });
            changes.update(doc, edits, k + 2);
            if (!takes[k]) return;
            const c = changes.take(doc);
            const now = doc.getText();
            if (c) {
              assert.equal(c.base, taken);
              assert.equal(c.base.slice(0, c.start) + c.text + c.base.slice(c.end), now);
            } else assert.equal(event.length, 0);
            taken = now;
          });
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('knows no change after a full replacement', () => {
    const changes = new DocumentChanges();
    const doc = changes.create('file:///t.txt', 'xxgk', 1, 'a\nb');
    changes.update(doc, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'x' }, { text: 'whole' }], 2);
    assert.equal(changes.take(doc), undefined);
    assert.equal(doc.getText(), 'whole');
  });
});
