/**
 * The editor's features on a report whose tables are HTML markup (features/markupFeatures.ts):
 * hovers, inlay hints, the outline, folding and completion are those of the converted reading —
 * the canonical text the document is read as — placed at their cells in the markup.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentSymbol, Position, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { locate, rangeAt } from '../../server/src/io/document';
import { readTextTables } from '../../server/src/io/html';
import { DEFAULT_SETTINGS, type XxgkSettings } from '../../server/src/features/settings';
import { markupView } from '../../server/src/features/markup';
import { markupInlayHints } from '../../server/src/features/markupFeatures';
import { inlayHints } from '../../server/src/features/inlayHints';
import { createLanguageService } from '../../server/src/service/languageService';
import { analyzeText } from '../../server/src/features/analysis';
import { analyze } from '../../server/src/report/index';
import type { FormatVersion } from '../../server/src/report/model';
import { MARKUP_FLAVORS, cmsHtml, consistentValues, markupText, reportParts } from './ioGen';

const none = { isCancellationRequested: false };
const SETTINGS: XxgkSettings = { ...DEFAULT_SETTINGS, inlayHints: { enabled: true } };
const service = () => createLanguageService({ settings: () => SETTINGS });
const EVERYTHING: Range = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };
const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const within = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

/** A report with table markup, a cell changed (so totals fail and hints show), and its converted reading as an ordinary document. */
function cases(formats: [FormatVersion, number][] = [['2021', 2022]]) {
  const out: { name: string; doc: TextDocument; converted: TextDocument; source: NonNullable<ReturnType<typeof readTextTables>> }[] = [];
  for (const flavor of MARKUP_FLAVORS)
    for (const [format, year] of formats)
      for (const seed of [3, 11, 29]) {
        const values = consistentValues(format, seed);
        values.granted = [...values.granted];
        values.granted[seed % 6] = String(Number(values.granted[seed % 6]) + 5);
        // A figure of the narrative that restates a table's (its hover shows the cells).
        const text = markupText(reportParts('某某县人民政府', year, format, values), flavor).replace(
          '依法办理政府信息公开申请。',
          `本年度新收政府信息公开申请${values.new[6]}件。`,
        );
        const source = readTextTables(text)!;
        out.push({
          name: `${flavor} ${format} seed ${seed}`,
          doc: TextDocument.create('file:///r.md', 'xxgk', 1, text),
          converted: TextDocument.create('file:///c.xxgk', 'xxgk', 1, source.text),
          source,
        });
      }
  return out;
}

/** Where a range of the converted text is in the document, as the diagnostics place it (io/document.ts). */
function placedByMap(source: NonNullable<ReturnType<typeof readTextTables>>, range: Range): Range {
  const loc = locate(source, range);
  assert.ok(loc?.kind === 'text');
  return rangeAt(loc as { line: number; column: number }, range);
}

const middle = (r: Range): Position => ({
  line: r.start.line,
  character: r.start.character + Math.floor((r.end.character - r.start.character) / 2),
});

describe('a report with table markup in the editor', () => {
  it('a hover on a total in the markup is the hover of that cell in the converted text, over the cell’s text', async () => {
    for (const c of cases([
      ['2021', 2022],
      ['2019', 2020],
    ])) {
      const s = service();
      const { derivations } = analyze(c.source.text);
      assert.ok(derivations.length > 20, c.name);
      for (const d of derivations) {
        const expected = await s.hover(c.converted, d.total.range.start, none);
        assert.ok(expected, `${c.name}: a hover on the converted total`);
        const cell = placedByMap(c.source, d.total.range);
        assert.equal(c.doc.getText(cell), d.total.raw, c.name);
        for (const at of [cell.start, middle(cell), cell.end]) {
          const got = await s.hover(c.doc, at, none);
          assert.ok(got, `${c.name}: a hover at ${at.line}:${at.character} on ${d.total.raw}`);
          assert.deepEqual(got.contents, expected.contents, c.name);
          assert.equal(c.doc.getText(got.range!), d.total.raw, c.name);
        }
      }
    }
  });

  it('a hover on a row label in the markup is its hover in the converted text; none on a tag', async () => {
    for (const c of cases()) {
      const s = service();
      const { report } = analyze(c.source.text);
      const rows = [
        ...Object.values(report.table3!.rows),
        ...Object.values(report.table4!.rows),
        ...report.table2!.subtables.flatMap((t) => t.rows),
      ];
      let labels = 0;
      for (const row of rows) {
        if (!row.label) continue;
        const expected = await s.hover(c.converted, middle(row.label.range), none);
        assert.ok(expected, row.label.text);
        const cell = placedByMap(c.source, row.label.range);
        // (A row named by its header, table 四's 行政复议, has no label of its own in the markup.)
        if (!c.doc.getText(cell).startsWith(row.label.text.trim().slice(0, 2))) continue;
        const got = await s.hover(c.doc, middle(cell), none);
        assert.ok(got, `${c.name}: ${row.label.text}`);
        assert.deepEqual(got.contents, expected.contents, `${c.name}: ${row.label.text}`);
        assert.ok(c.doc.getText(got.range!).startsWith(row.label.text.trim().slice(0, 2)), `${c.name}: ${c.doc.getText(got.range!)}`);
        labels++;
      }
      assert.ok(labels > 20, `${c.name}: ${labels} labels`);
      // On the tags around a cell: nothing (the converted text has nothing there).
      const text = c.doc.getText();
      const tag = text.indexOf('<tr');
      assert.equal(await s.hover(c.doc, c.doc.positionAt(tag + 1), none), null, c.name);
    }
  });

  it('hovers on the lines outside the tables are those of the same lines in the converted text, character for character', async () => {
    for (const c of cases()) {
      const s = service();
      const lines = c.doc.getText().split(/\r\n|\n/);
      const converted = c.converted.getText().split('\n');
      let hovers = 0;
      let figures = 0;
      for (let l = 0; l < lines.length; l++) {
        const line = lines[l];
        if (!line.trim() || line.trimStart().startsWith('<')) continue;
        const k = converted.indexOf(line);
        assert.ok(k >= 0, line);
        for (let ch = 0; ch <= line.length; ch++) {
          const expected = await s.hover(c.converted, { line: k, character: ch }, none);
          const got = await s.hover(c.doc, { line: l, character: ch }, none);
          assert.deepEqual(got?.contents, expected?.contents, `${c.name}: ${line} at ${ch}`);
          if (!expected) continue;
          hovers++;
          if (JSON.stringify(expected.contents).includes('新收政府信息公开申请')) figures++;
          assert.deepEqual(got!.range, { start: { ...expected.range!.start, line: l }, end: { ...expected.range!.end, line: l } });
        }
      }
      assert.ok(hovers > 50, `${c.name}: ${hovers}`);
      // The figure's hover: the cells of the tables it restates (read through the markup).
      assert.ok(figures >= 2, `${c.name}: ${figures}`);
    }
  });

  it('inlay hints land inside the `<td>` of their total, after its number, as many as in the converted text', async () => {
    for (const c of cases()) {
      const s = service();
      const expected = (await s.inlayHints(c.converted, EVERYTHING, none))!;
      assert.ok(expected.length >= 2, `${c.name}: ${expected.length} hints`);
      const got = (await s.inlayHints(c.doc, EVERYTHING, none))!;
      assert.deepEqual(
        got.map((h) => h.label),
        expected.map((h) => h.label),
        c.name,
      );
      const text = c.doc.getText();
      const convertedLines = c.converted.getText().split('\n');
      got.forEach((h, i) => {
        const number = /\d+$/.exec(convertedLines[expected[i].position.line].slice(0, expected[i].position.character))![0];
        const at = c.doc.offsetAt(h.position);
        assert.ok(text.slice(0, at).endsWith(number), `${c.name}: ${text.slice(at - 10, at)}|${text.slice(at, at + 10)}`);
        assert.match(text.slice(at), /^(<|&)/, c.name);
        // In a cell: its opening tag is the last one before, its closing tag the first after.
        const open = Math.max(text.lastIndexOf('<td', at), text.lastIndexOf('<th', at));
        const close = Math.min(...['</td>', '</th>'].map((t) => text.indexOf(t, at)).filter((x) => x >= 0));
        assert.ok(open >= 0 && !/<\/t[dh]>|<t[dhr][\s>]/.test(text.slice(open + 3, at)), c.name);
        assert.ok(!/<t[dhr][\s>]/.test(text.slice(at, close)), c.name);
        assert.ok(h.paddingLeft && h.tooltip, c.name);
      });
      // Asked for a range: only the hints in it.
      const first = got[0].position;
      const one = (await s.inlayHints(c.doc, { start: first, end: first }, none))!;
      assert.deepEqual(
        one.map((h) => h.position),
        got.filter((h) => h.position.line === first.line && h.position.character === first.character).map((h) => h.position),
      );
    }
  });

  it('an inlay hint whose cell has no place in the document is dropped, not put at its start', async () => {
    const c = cases()[0];
    const analysis = (await service().analysis(c.doc, none))!;
    const view = markupView(analysis)!;
    const all = markupInlayHints(view, EVERYTHING);
    assert.ok(all.length >= 2);
    // The hinted cells read from nowhere in the file (as a cell of another kind of original would be).
    const hinted = new Set(inlayHints(view.converted, EVERYTHING).map((h) => h.position.line));
    const lines = view.doc.lines.map((m, i) =>
      m && hinted.has(i) ? { ...m, cells: m.cells?.map((x) => ({ ...x, loc: { kind: 'pdf' as const, page: 1 } })) } : m,
    );
    const hints = markupInlayHints({ ...view, doc: { ...view.doc, lines } }, EVERYTHING);
    assert.deepEqual(hints, []);
  });

  it('the outline: sections and tables of the converted reading, each table over its `<table>…</table>`, ranges in order', async () => {
    for (const c of cases()) {
      const s = service();
      const expected = (await s.symbols(c.converted, none))!;
      const got = (await s.symbols(c.doc, none))!;
      const names = (xs: DocumentSymbol[]): unknown => xs.map((x) => [x.name, names(x.children ?? [])]);
      assert.deepEqual(names(got), names(expected), c.name);
      const end = c.doc.positionAt(c.doc.getText().length);
      const whole: Range = { start: { line: 0, character: 0 }, end };
      let tables = 0;
      let rows = 0;
      const check = (xs: DocumentSymbol[], parent: Range) => {
        let last: Position = parent.start;
        for (const x of xs) {
          assert.ok(within(parent, x.range), `${c.name}: ${x.name} in its parent`);
          assert.ok(within(x.range, x.selectionRange), `${c.name}: ${x.name}'s selection`);
          assert.ok(before(last, x.range.start), `${c.name}: ${x.name} after the one before`);
          last = x.range.end;
          const text = c.doc.getText(x.range);
          if (x.kind === 23 /* Struct: a table */) {
            tables++;
            assert.ok(text.startsWith('<table') && text.endsWith('</table>'), `${c.name}: ${text.slice(0, 20)}…${text.slice(-20)}`);
          }
          if (x.kind === 8 /* Field: a row */) {
            rows++;
            assert.ok(!c.doc.getText(x.selectionRange).includes('<'), `${c.name}: ${c.doc.getText(x.selectionRange)}`);
            assert.ok(c.doc.getText(x.selectionRange).trim(), `${c.name}: ${x.name}`);
          }
          check(x.children ?? [], x.range);
        }
      };
      check(got, whole);
      assert.equal(tables, 3, c.name);
      assert.ok(rows > 30, `${c.name}: ${rows} rows`);
    }
  });

  it('folding: the sections, and each table over its markup, in the document’s lines', async () => {
    for (const c of cases()) {
      const s = service();
      const got = (await s.folding(c.doc, none))!;
      const lines = c.doc.getText().split(/\r\n|\n/);
      assert.ok(got.length >= 6, c.name);
      for (const f of got) assert.ok(f.startLine < f.endLine && f.endLine < lines.length, c.name);
      // Sections fold from their heading.
      const headings = lines.flatMap((l, i) => (/^(# )?[一二三四五六]、/.test(l) ? [i] : []));
      for (const h of headings)
        assert.ok(
          got.some((f) => f.startLine === h && f.kind === 'region'),
          `${c.name}: ${lines[h]}`,
        );
      // A table over several lines folds from its `<table` to its `</table>`.
      lines.forEach((l, i) => {
        if (!l.startsWith('<table') || l.includes('</table>')) return;
        const close = lines.findIndex((x, j) => j > i && x.includes('</table>'));
        assert.ok(
          got.some((f) => f.startLine === i && f.endLine === close),
          `${c.name}: ${i}-${close} in ${JSON.stringify(got)}`,
        );
      });
    }
  });

  it('completion: none inside a table’s markup; on a line outside, the labels and headings of its section, never a `|` row', async () => {
    for (const c of cases()) {
      const s = service();
      const text = c.doc.getText();
      // Inside a cell's text and on a tag.
      const cell = text.indexOf('>', text.indexOf('<td', text.indexOf('<table', text.indexOf('三、收到'))) + 1) + 1;
      assert.deepEqual(await s.completion(c.doc, c.doc.positionAt(cell), none), [], c.name);
      assert.deepEqual(await s.completion(c.doc, c.doc.positionAt(text.indexOf('<tr') + 2), none), [], c.name);
      // On the blank line after table 三: its rows' labels, as on a blank line after it in the converted text.
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      const after = text.indexOf('</table>', text.indexOf('三、收到')) + '</table>'.length + eol.length;
      const at = c.doc.positionAt(after);
      assert.equal(c.doc.getText({ start: at, end: { line: at.line + 1, character: 0 } }).trim(), '', c.name);
      const got = (await s.completion(c.doc, at, none))!;
      const converted = c.converted.getText().split('\n');
      const k = converted.findIndex((l, i) => i > converted.findIndex((x) => x.startsWith('三、') || x.startsWith('# 三、')) && l === '');
      const expected = (await s.completion(c.converted, { line: k, character: 0 }, none))!;
      assert.ok(got.length > 50, `${c.name}: ${got.length}`);
      assert.deepEqual(
        got.map((x) => x.label),
        expected.map((x) => x.label),
      );
      assert.ok(got.some((x) => x.label === '（一）予以公开'));
      for (const x of got) {
        assert.ok(x.textEdit && 'range' in x.textEdit, x.label);
        assert.deepEqual(x.textEdit.range, { start: at, end: at }, x.label);
        assert.ok(!x.additionalTextEdits?.length && !x.textEdit.newText.startsWith('|'), x.label);
      }
      // On a narrative line: replacing the word typed there.
      const line = c.doc
        .getText()
        .split(/\r\n|\n/)
        .findIndex((l) => l.startsWith('存在的问题'));
      const typed = (await s.completion(c.doc, { line, character: 3 }, none))!;
      assert.ok(typed.length, c.name);
      for (const x of typed) assert.equal(x.textEdit && 'range' in x.textEdit ? x.textEdit.range.start.line : -1, line);
    }
  });

  it('formatting leaves a table’s markup alone, and aligns a `|` table outside it', async () => {
    const c = cases()[2];
    const text = c.doc.getText().replace('<td>规章</td>', '<td>规章\n| a |  b |\n</td>') + '\n| x |  y  |\n| xxx |y|\n';
    const doc = TextDocument.create('file:///r.md', 'xxgk', 1, text);
    const edits = (await service().formatting(doc, none))!;
    const lines = text.split('\n');
    assert.deepEqual(
      edits.map((e) => lines[e.range.start.line]),
      ['| x |  y  |', '| xxx |y|'],
    );
  });

  it('a page saved as text (paragraphs as <p> too): hovers and hints at their cells, no completion on a line of markup', async () => {
    const values = consistentValues('2021', 12);
    values.granted = [...values.granted];
    values.granted[3] = String(Number(values.granted[3]) + 2);
    const page = cmsHtml(reportParts('某某县人民政府', 2022, '2021', values));
    for (const text of [page, page.slice(page.indexOf('<div'), page.lastIndexOf('</div>') + 6)]) {
      const s = service();
      const doc = TextDocument.create('file:///r.txt', 'xxgk', 1, text);
      const source = readTextTables(text)!;
      const converted = TextDocument.create('file:///c.xxgk', 'xxgk', 1, source.text);
      for (const d of analyze(source.text).derivations) {
        const cell = placedByMap(source, d.total.range);
        const got = await s.hover(doc, cell.start, none);
        assert.deepEqual(got?.contents, (await s.hover(converted, d.total.range.start, none))!.contents);
        assert.equal(doc.getText(got!.range!), d.total.raw);
      }
      const hints = (await s.inlayHints(doc, EVERYTHING, none))!;
      assert.ok(hints.length >= 2);
      for (const h of hints) assert.match(text.slice(doc.offsetAt(h.position)), /^(&nbsp;)?<\/p><\/td>/);
      const heading = doc.positionAt(text.indexOf('一、总体情况') + 2);
      assert.ok(await s.hover(doc, heading, none));
      assert.deepEqual(await s.completion(doc, heading, none), []);
      assert.equal((await s.symbols(doc, none))!.length, 6);
    }
  });

  it('edited: the converted reading kept from one edit to the next gives what a fresh reading gives', async () => {
    for (const c of cases().filter((_, i) => i % 3 === 0)) {
      const s = service();
      let text = c.doc.getText();
      const numbers = [...text.matchAll(/>(\d+)</g)].map((m) => m.index! + 1);
      for (let i = 0; i < 8; i++) {
        // A number of a cell changed, a line of narrative typed, a cell's number changed back.
        const at = numbers[(i * 37) % numbers.length];
        text = i % 3 === 1 ? text.replace('本年度未收取', `本年度${i}未收取`) : text.slice(0, at) + String(i) + text.slice(at + 1);
        const doc = TextDocument.create('file:///r.md', 'xxgk', i + 2, text);
        const fresh = service();
        assert.deepEqual((await s.diagnostics(doc, none))!.items, (await fresh.diagnostics(doc, none))!.items, `${c.name} edit ${i}`);
        assert.deepEqual(await s.symbols(doc, none), await fresh.symbols(doc, none));
        assert.deepEqual(await s.inlayHints(doc, EVERYTHING, none), await fresh.inlayHints(doc, EVERYTHING, none));
      }
    }
  });

  it('a large document analysed in the background: read through its markup as a small one is', async () => {
    for (const c of cases().filter((_, i) => i % 3 === 0)) {
      const text = c.doc.getText();
      // (The scheduler keeps a large document off this thread and hands in the worker's analysis of its text.)
      const s = createLanguageService({ settings: () => SETTINGS, analyzeInline: () => false });
      assert.equal(await s.diagnostics(c.doc, none), null);
      s.adopt({ uri: c.doc.uri, version: c.doc.version, text, settings: SETTINGS, ...analyzeText(text, SETTINGS) });
      const adopted = (await s.diagnostics(c.doc, none))!.items;
      assert.deepEqual(adopted, (await service().diagnostics(c.doc, none))!.items, c.name);
      assert.ok(
        adopted.some((d) => d.code === 'table-markup'),
        c.name,
      );
      assert.ok(!adopted.some((d) => d.code === 'row-missing'), c.name);
      assert.deepEqual(await s.symbols(c.doc, none), await service().symbols(c.doc, none));
    }
  });

  it('an ordinary report gets the same answers as before (the converted text is one)', async () => {
    const c = cases()[0];
    const s = service();
    const a = (await s.analysis(c.converted, none))!;
    assert.equal(a.markupHint, false);
    assert.ok((await s.symbols(c.converted, none))!.some((x) => x.children?.length));
  });
});
