/**
 * Web pages as government CMSs and Word write them (webGen.ts): one consistent report, written with
 * each variant real pages have (`<br>` in cells, layout tables and CSS layouts, `<thead>`/`<th>`,
 * split `<tbody>`s, repeated header rows, merged blank cells, `<span style>`, full-width digits,
 * thousands separators, Word's markup, GBK declared or sniffed), is read from the .html file into
 * full tables: the same values, no error or warning when clean, a changed cell found by the rules,
 * every blank cell reported at its place, each diagnostic located at its cell's line:column in the
 * page. The browser's copies of such pages (test/fixtures/browser/web-*, made by
 * scripts/make-browser-fixtures.ts in headless Chromium) are read cell by cell too.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, FORMATS, type FormatVersion, type ReportDiagnostic } from '../../server/src/report/index';
import { loadReportSync } from '../../server/src/io/load';
import { locate } from '../../server/src/io/document';
import {
  browserFixtureValues,
  consistentValues,
  seeded,
  textsOf,
  type BrowserFixture,
  type HtmlOptions,
  type TableTexts,
} from './reportGen';
import {
  WEB_FIXTURES,
  WEB_VARIANTS,
  gbkPage,
  randomWebCase,
  renderWebPage,
  webBlocks,
  webBrowserText,
  webCaseText,
  webFixturePage,
  type GbkCharset,
  type WebCase,
  type WebVariant,
} from './webGen';

import { loud, read, show } from './helpers';

const RUNS = Number(process.env.FC_RUNS ?? 6);

const blanksOf = (v: TableTexts) => [...Object.values(v.t3), ...Object.values(v.t4)].flat().filter((x) => x === '').length;

/** The page's options: how table 三's heads come out, table 四's layout, how blank cells are written. */
const optsOf = (rand: (n: number) => number): HtmlOptions => ({
  blank: (['space', 'nbsp', 'empty', 'mixed'] as const)[rand(3)],
  vertical: rand(1) === 0,
  groupRows: rand(1) === 0,
  splitTitle: rand(1) === 0,
  labelled4: rand(1) === 0,
});

function load(bytes: Uint8Array) {
  const loaded = loadReportSync('page.html', 'zh', bytes);
  return { loaded, ...analyze(loaded.text) };
}

/** The page source from a diagnostic's place (html line:column) on. */
function sourceAt(page: string, loaded: ReturnType<typeof loadReportSync>, d: ReportDiagnostic): string {
  const where = locate(loaded.doc!, d.range);
  assert.ok(where && where.kind === 'html', `${show([d])[0]}: no place in the page`);
  return page.split('\n')[where.line - 1].slice(where.column - 1);
}

/** The cell (its tag and content) that a place in the page is inside of. */
function cellAround(page: string, loaded: ReturnType<typeof loadReportSync>, d: ReportDiagnostic): string {
  const where = locate(loaded.doc!, d.range);
  assert.ok(where && where.kind === 'html', `${show([d])[0]}: no place in the page`);
  const lines = page.split('\n');
  const offset = lines.slice(0, where.line - 1).reduce((s, l) => s + l.length + 1, 0) + where.column - 1;
  const open = Math.max(page.lastIndexOf('<td', offset), page.lastIndexOf('<th', offset));
  const close = page.indexOf('</t', offset);
  assert.ok(open >= 0 && close > offset && page.lastIndexOf('</t', offset) < open, `${show([d])[0]}: not inside a cell`);
  return page.slice(open, close);
}

/** A cell's text as a browser shows it: tags, comments and conditionals gone, entities and white space as space. */
const cellText = (html: string) =>
  html
    .replace(/<!--[\s\S]*?-->|<![^>]*>|<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .trim();

const FULL_DIGITS = /[０-９]/g;
const number = (s: string) => s.replace(FULL_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/,/g, '');

const arb = fc.record({ format: fc.constantFrom<FormatVersion>('2019', '2021'), seed: fc.nat(1_000_000) });

function page(format: FormatVersion, seed: number, values: TableTexts, v: WebVariant): string {
  return renderWebPage(format, format === '2019' ? 2020 : 2022, values, optsOf(seeded(seed + 7)), v);
}

describe('web pages as CMSs and Word write them: read from the .html file', () => {
  for (const [name, v] of Object.entries(WEB_VARIANTS)) {
    it(`${name}: the same values, six sections, the title, no error or warning`, () => {
      fc.assert(
        fc.property(arb, ({ format, seed }) => {
          // (Values up to 3000: totals with thousands separators.)
          const values = textsOf(consistentValues(format, seeded(seed + 1), 3000));
          const { report, diagnostics } = load(new TextEncoder().encode(page(format, seed, values, v)));
          assert.deepEqual(read(report), values);
          assert.deepEqual(show(loud(diagnostics)), []);
          assert.deepEqual(
            report.sections.map((s) => s.number),
            [1, 2, 3, 4, 5, 6],
          );
          assert.equal(report.body, '示例县示例镇人民政府');
          assert.equal(report.year, format === '2019' ? 2020 : 2022);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${name}: a changed cell is read as changed, its row total found wrong, at the cell's line:column`, () => {
      fc.assert(
        fc.property(arb, fc.nat(), fc.nat(5), ({ format, seed }, r, c) => {
          const values = textsOf(consistentValues(format, seeded(seed + 1), 3000));
          const keys = FORMATS[format].table3.rows.map((x) => x.key);
          const key = keys[r % keys.length];
          values.t3[key][c] = String(Number(values.t3[key][c]) + 1);
          const html = page(format, seed, values, v);
          const { loaded, report, diagnostics } = load(new TextEncoder().encode(html));
          assert.deepEqual(read(report), values);
          const d = diagnostics.find((x) => x.code === 'sum-row' && x.data?.row === key);
          assert.ok(d, `${key}[${c}]: ${show(diagnostics).join('; ')}`);
          // The sum-row diagnostic stands on the row's total: the page's cell there holds it.
          assert.equal(number(cellText(cellAround(html, loaded, d))), values.t3[key][6]);
          // (and the place is where its text starts)
          assert.equal(number(sourceAt(html, loaded, d).replace(/<[\s\S]*$/, '')), values.t3[key][6]);
        }),
        { numRuns: RUNS },
      );
    });

    it(`${name}: blank cells (a whole row among them) are read as blank, each reported at its own cell in the page`, () => {
      fc.assert(
        fc.property(arb, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.boolean(), ({ format, seed }, picks, wholeRow) => {
          const values = textsOf(consistentValues(format, seeded(seed + 1), 3000));
          const cells: [Record<string, string[]>, string, number][] = [];
          for (const t of [values.t3, values.t4]) for (const [k, xs] of Object.entries(t)) xs.forEach((_, i) => cells.push([t, k, i]));
          for (const p of picks) {
            const [t, k, i] = cells[p % cells.length];
            t[k][i] = '';
          }
          if (wholeRow) values.t3.d2 = values.t3.d2.map(() => '');
          const html = page(format, seed, values, v);
          const { loaded, report, diagnostics } = load(new TextEncoder().encode(html));
          assert.deepEqual(read(report), values);
          const blanks = diagnostics.filter((d) => d.code === 'cell-blank');
          assert.equal(blanks.length, blanksOf(values), show(diagnostics).join('; '));
          // Only what blank cells bring: no cell-count, no unknown or missing row.
          assert.deepEqual(show(diagnostics.filter((d) => /^(cell-count|row-|section-|table-)/.test(d.code))), []);
          for (const d of blanks) assert.equal(cellText(cellAround(html, loaded, d)), '', show([d])[0]);
        }),
        // (Two blanks side by side in table 四's row, merged: once read with a blank label cell in front.
        // A blank of （七）总计 over table 三's repeated header and the one of the row under it: the
        // page merged them, a rowspan the header row took, the last row a cell short. A row all blank
        // under one with two blanks: the page merged its blanks across the column spanned from above.)
        {
          numRuns: RUNS,
          examples: [
            [{ format: '2019', seed: 0 }, [302621955, 572508804], false],
            [{ format: '2021', seed: 0 }, [1934783260, 754430321, 0], false],
            [{ format: '2019', seed: 2 }, [15, 1721264004], true],
          ],
        },
      );
    });
  }

  for (const how of ['meta', 'bom', 'sniff'] as GbkCharset[])
    it(`GBK, its charset ${how === 'meta' ? 'declared by <meta http-equiv> (gb2312)' : how === 'bom' ? 'by a GB18030 byte-order mark' : 'not said (sniffed)'}: decoded as GB18030, the same tables`, () => {
      fc.assert(
        fc.property(arb, fc.constantFrom(...Object.keys(WEB_VARIANTS)), ({ format, seed }, name) => {
          const values = textsOf(consistentValues(format, seeded(seed + 1), 3000));
          const bytes = gbkPage(page(format, seed, values, WEB_VARIANTS[name]), how);
          const loaded = loadReportSync('page.html', 'zh', bytes);
          assert.deepEqual(loaded.diagnostics, []);
          const { report, diagnostics } = analyze(loaded.text);
          assert.deepEqual(read(report), values);
          assert.deepEqual(show(loud(diagnostics)), []);
        }),
        { numRuns: RUNS },
      );
    });
});

/**
 * Real browser output for the variant pages (test/fixtures/browser/web-*): the page is the one the
 * generator writes, and the browser's innerText and Ctrl+C text are read cell by cell. Where the
 * browser's text keeps nothing of a cell (a blank merged into its neighbour), the row is reported,
 * never read shifted in silence.
 */
describe('what a real browser gives for the variant pages', () => {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'browser');
  for (const f of WEB_FIXTURES) {
    const values = browserFixtureValues(f as BrowserFixture);
    const bytes = readFileSync(join(dir, `${f.name}.html`));

    it(`${f.name}: the generator's model gives the browser's innerText and Ctrl+C text byte by byte`, () => {
      for (const [file, how] of [
        ['innertext', 'innerText'],
        ['clipboard', 'clipboard'],
      ] as const)
        assert.equal(
          webBrowserText(f.format, f.year, values, f.opts, f.variant, how, f.charset),
          readFileSync(join(dir, `${f.name}.${file}.txt`), 'utf8'),
          file,
        );
    });

    it(`${f.name}: the page is the one the generator writes; read from the file, every cell and every blank`, () => {
      assert.deepEqual(new Uint8Array(bytes), webFixturePage(f));
      const { report, diagnostics } = load(bytes);
      assert.deepEqual(read(report), values);
      assert.equal(diagnostics.filter((d) => d.code === 'cell-blank').length, blanksOf(values));
    });

    for (const file of ['innertext', 'clipboard']) {
      it(`${f.name}: the browser's ${file}: every cell read and every blank reported, or the row reported`, () => {
        const text = readFileSync(join(dir, `${f.name}.${file}.txt`), 'utf8');
        const { report, diagnostics } = analyze(text);
        assert.equal(report.year, f.year);
        assert.equal(report.body, '示例县示例镇人民政府');
        const got = read(report);
        const counts = diagnostics.filter((d) => d.code === 'cell-count' && d.severity === 'error');
        // Merged blank cells leave one cell of text for two or more: those rows are reported.
        const merged = f.variant.mergeBlanks;
        for (const [t, want] of [
          [report.table3, values.t3],
          [report.table4, values.t4],
        ] as const)
          for (const [key, cells] of Object.entries(want)) {
            const row = t?.rows[key];
            assert.ok(row, `${key}: ${show(loud(diagnostics)).join('; ')}`);
            const same = JSON.stringify(got.t3[key] ?? got.t4[key]) === JSON.stringify(cells);
            if (same) continue;
            assert.ok(merged, `${key}: ${JSON.stringify(got.t3[key] ?? got.t4[key])} for ${JSON.stringify(cells)}`);
            assert.ok(
              counts.some((d) => d.range.start.line >= row.range.start.line && d.range.start.line <= row.range.end.line),
              `${key}: read ${JSON.stringify(got.t3[key] ?? got.t4[key])} and not reported`,
            );
          }
        if (!merged)
          assert.equal(diagnostics.filter((d) => d.code === 'cell-blank').length, blanksOf(values), show(diagnostics).join('; '));
      });
    }
  }
});

/** The rows of a case whose cells the browser's text cannot show one by one: blank cells merged, or lost (an empty `<td>` on the clipboard). */
function unplaceable(c: WebCase, lost: [3 | 4, string, number][]): Set<string> {
  const out = new Set(lost.map((l) => l[1]));
  for (const b of webBlocks(c.format, c.year, c.values, c.opts, WEB_VARIANTS[c.variant]))
    if ('rows' in b)
      b.rows.forEach((r, i) => {
        for (const x of r)
          if (x.value && x.attrs) {
            out.add(x.at![1]);
            // (A blank spanning two rows leaves the next row of values a cell short.)
            const next = x.attrs.startsWith('rowspan') ? b.rows.slice(i + 1).find((n) => n.some((y) => y.at)) : undefined;
            const y = next?.find((z) => z.at);
            if (y) out.add(y.at![1]);
          }
      });
  // (Table 四 in the form's one row of fifteen: a cell short shifts the groups after it.)
  const t4 = Object.keys(c.values.t4);
  if (!c.opts.labelled4 && t4.some((k) => out.has(k))) for (const k of t4) out.add(k);
  return out;
}

/**
 * What the browser gives for a case's page (the model, checked against Chromium by
 * scripts/check-browser-model.ts and on test/fixtures/browser), read: every row the same, or — where
 * the text cannot show its cells one by one (merged or lost blanks) — reported as having the wrong
 * number of cells (table 四 in the form's one row: that row), or missing when none of its cells is
 * left; every blank reported when nothing is merged or lost; nothing loud on a clean copy.
 */
function readsCopy(c: WebCase, how: 'innerText' | 'clipboard', values = c.values, changed = false): ReturnType<typeof analyze> {
  const lost: [3 | 4, string, number][] = [];
  const text = webCaseText({ ...c, values }, how, lost);
  const out = analyze(text);
  const { report, diagnostics } = out;
  assert.equal(report.year, c.year);
  assert.equal(report.body, '示例县示例镇人民政府');
  const odd = unplaceable({ ...c, values }, lost);
  const got = read(report);
  const counts = diagnostics.filter((d) => d.code === 'cell-count' && d.severity === 'error');
  const within = (r: { start: { line: number }; end: { line: number } }) =>
    counts.some((d) => d.range.start.line >= r.start.line && d.range.start.line <= r.end.line);
  for (const [n, want] of [
    [3, values.t3],
    [4, values.t4],
  ] as const)
    for (const [key, cells] of Object.entries(want)) {
      const table = n === 3 ? report.table3 : report.table4;
      const row = table?.rows[key];
      const mine = JSON.stringify((n === 3 ? got.t3 : got.t4)[key]);
      if (row && mine === JSON.stringify(cells)) continue;
      assert.ok(odd.has(key), `${key}: read ${mine} for ${JSON.stringify(cells)}: ${show(loud(diagnostics)).join('; ')}`);
      if (!row) {
        assert.ok(
          // (only a row the copy kept nothing of: every cell an empty <td>, lost on the clipboard)
          cells.every((_, i) => lost.some((l) => l[0] === n && l[1] === key && l[2] === i)) &&
            diagnostics.some((d) => d.code === 'row-missing' && d.data?.row === key),
          `${key}: not read and not reported: ${show(loud(diagnostics)).join('; ')}`,
        );
        continue;
      }
      assert.ok(
        within(n === 4 && !c.opts.labelled4 ? table!.range : row.range),
        `${key}: read ${mine} for ${JSON.stringify(cells)} and not reported`,
      );
    }
  if (!odd.size) {
    assert.equal(diagnostics.filter((d) => d.code === 'cell-blank').length, blanksOf(values), show(diagnostics).join('; '));
    assert.deepEqual(show(diagnostics.filter((d) => /^(cell-count|row-|section-|table-)/.test(d.code))), []);
  }
  if (!blanksOf(values) && !changed) assert.deepEqual(show(loud(diagnostics)), []);
  return out;
}

describe("what the browser gives for every variant page, on random seeds (the generator's model of Chromium's text)", () => {
  for (const how of ['innerText', 'clipboard'] as const)
    it(`${how}: table 三's last row left all blank (\`<p> </p>\` or \`<p>&nbsp;</p>\`, or \`<br>\` cells): read as blank cells`, () => {
      for (const [blank, v] of [
        ['space', {}],
        ['nbsp', {}],
        ['space', { br: true }],
      ] as const)
        for (const format of ['2019', '2021'] as const) {
          const values = textsOf(consistentValues(format, seeded(6), 3000));
          values.t3.forward = values.t3.forward.map(() => '');
          const opts: HtmlOptions = { blank, vertical: false, groupRows: true, splitTitle: false, labelled4: true };
          const { report, diagnostics } = analyze(webBrowserText(format, 2022, values, opts, v, how));
          assert.deepEqual(read(report), values, `${blank} ${JSON.stringify(v)}`);
          assert.equal(diagnostics.filter((d) => d.code === 'cell-blank').length, 7);
        }
    });

  for (const how of ['innerText', 'clipboard'] as const)
    it(`${how}: a row left all blank, merged into one cell, its label broken by <br>: the row reported (cell-count), not lost`, () => {
      for (const format of ['2019', '2021'] as const) {
        const values = textsOf(consistentValues(format, seeded(5), 3000));
        values.t3.d3 = values.t3.d3.map(() => '');
        const opts: HtmlOptions = { blank: 'space', vertical: false, groupRows: false, splitTitle: false, labelled4: true };
        const text = webBrowserText(format, 2022, values, opts, { br: true, mergeBlanks: true }, how);
        const { report, diagnostics } = analyze(text);
        const row = report.table3?.rows.d3;
        assert.ok(row, show(loud(diagnostics)).join('; '));
        assert.ok(
          diagnostics.some(
            (d) => d.code === 'cell-count' && d.range.start.line >= row.range.start.line && d.range.start.line <= row.range.end.line,
          ),
          show(loud(diagnostics)).join('; '),
        );
        assert.ok(!diagnostics.some((d) => d.code === 'row-unknown' || d.code === 'row-missing'), show(loud(diagnostics)).join('; '));
      }
    });

  for (const name of Object.keys(WEB_VARIANTS))
    for (const how of ['innerText', 'clipboard'] as const) {
      it(`${name}, ${how}: no blank cell, a few or many: every cell read and every blank reported, or the row reported`, () => {
        fc.assert(
          fc.property(fc.nat(1_000_000), (seed) => void readsCopy(randomWebCase(seed, name), how)),
          // (A table's last row all blank, its blanks merged into one cell: once its label, alone
          // after the table's last numbers, was read as unknown text and the row as missing. Table
          // 四 in the form's one row, merged blanks leaving five numbers of fifteen: once read as one
          // group's row under the header, another group's missing.)
          { numRuns: RUNS, examples: [[502900], [889555], [276749]] },
        );
      });

      it(`${name}, ${how}: a changed cell of table 三 is read as changed and its row total found wrong`, () => {
        fc.assert(
          fc.property(fc.nat(1_000_000), fc.nat(), fc.nat(5), (seed, r, col) => {
            const c = randomWebCase(seed, name);
            const values = textsOf(consistentValues(c.format, seeded(seed + 1), 3000));
            const keys = FORMATS[c.format].table3.rows.map((x) => x.key);
            const key = keys[r % keys.length];
            values.t3[key][col] = String(Number(values.t3[key][col]) + 1);
            const { diagnostics } = readsCopy(c, how, values, true);
            assert.ok(
              diagnostics.some((d) => d.code === 'sum-row' && d.data?.row === key),
              `${key}[${col}]: ${show(diagnostics).join('; ')}`,
            );
          }),
          { numRuns: Math.max(2, RUNS >> 1) },
        );
      });
    }
});

/** The article's blocks of a page written without a wrap: its paragraphs and its tables (each in its div). */
function articleBlocks(html: string): { head: string; blocks: string[]; tail: string } {
  const start = html.indexOf('<div class="article_content">') + '<div class="article_content">'.length;
  const end = html.lastIndexOf('</div>\n</body>');
  const blocks = html.slice(start, end).match(/<p[^>]*>[\s\S]*?<\/p>|<div align="center">[\s\S]*?<\/table><\/div>/g)!;
  assert.equal(blocks.join(''), html.slice(start, end));
  return { head: html.slice(0, start), blocks, tail: html.slice(end) };
}

/**
 * Layout tables and tables inside data cells, whatever their sizes: a page frame (a layout table
 * whose cells hold the article, two report tables side by side, a row of many link cells under it)
 * gives its content as the page's own; a report table with a large table inside one of its cells
 * stays the report's table (the inner one is that cell's text).
 */
describe('a layout table around report tables, a big table inside a data cell: which table is a frame', () => {
  const VARIANTS = Object.entries(WEB_VARIANTS).filter(([, v]) => !v.wrap && !v.word);
  const values = (format: FormatVersion, seed: number) => textsOf(consistentValues(format, seeded(seed + 1), 3000));

  it('a layout table holding the article (two report tables in one row, any number of link cells under it): the same tables', () => {
    fc.assert(
      fc.property(arb, fc.constantFrom(...VARIANTS), fc.nat(300), fc.nat(), ({ format, seed }, [, v], links, cut) => {
        const want = values(format, seed);
        const { head, blocks, tail } = articleBlocks(page(format, seed, want, v));
        // The title and narrative before the frame; the frame's rows: two blocks (or one) a row, side by side.
        const first = 1 + (cut % 3);
        const rows: string[] = [];
        for (let i = first; i < blocks.length; i += 2)
          rows.push(
            `<tr>${blocks
              .slice(i, i + 2)
              .map((b) => `<td valign="top">${b}</td>`)
              .join('')}</tr>`,
          );
        const nav = Array.from({ length: links }, (_, k) => `<td><a href="/lm/${k}.html">栏目${k + 1}</a></td>`).join('');
        const frame = `<table class="frame" width="100%">${rows.join('')}${links ? `<tr>${nav}</tr>` : ''}</table>`;
        const { report, diagnostics } = load(new TextEncoder().encode(head + blocks.slice(0, first).join('') + frame + tail));
        assert.deepEqual(read(report), want);
        assert.deepEqual(
          report.sections.map((s) => s.number),
          [1, 2, 3, 4, 5, 6],
        );
        assert.deepEqual(show(loud(diagnostics)), []);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('a report table with a large table inside one of its cells: the report table read, every cell in place', () => {
    fc.assert(
      fc.property(
        arb,
        fc.constantFrom(...VARIANTS),
        fc.integer({ min: 2, max: 30 }),
        fc.boolean(),
        ({ format, seed }, [, v], n, numbers) => {
          const want = values(format, seed);
          const html = page(format, seed, want, v);
          // (A table of n rows of n cells — numbers, or words — in table 三's first header cell, its note.)
          const at = html.indexOf('rowspan="3">') + 'rowspan="3">'.length;
          assert.ok(at > 20);
          const inner = `<table border="1">${Array.from(
            { length: n },
            (_, r) => `<tr>${Array.from({ length: n }, (_, k) => `<td>${numbers ? r * n + k : `说明${r}-${k}`}</td>`).join('')}</tr>`,
          ).join('')}</table>`;
          const { report, diagnostics } = load(new TextEncoder().encode(html.slice(0, at) + inner + html.slice(at)));
          assert.deepEqual(read(report), want);
          // Read as a table (each row a line of the page's text), not as a layout's paragraphs.
          for (const [key, row] of Object.entries(report.table3!.rows)) assert.equal(row.range.end.line, row.range.start.line, key);
          // (The inner table's text is its cell's: text the form does not have, reported as such at most.)
          assert.deepEqual(show(loud(diagnostics).filter((d) => d.code !== 'row-unknown' || d.severity !== 'warning')), []);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });
});
