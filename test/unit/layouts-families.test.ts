/**
 * Tests by family: one consistent report rendered in every layout family real reports come in
 * (reportGen.ts renderFamily) reads back the same values with no error and no warning; a changed
 * cell is found; a blank cell — even one that leaves no text of its own — is read as blank, reported
 * where it stands, and filling it there gives the clean report back. Every family is crossed with
 * the ways table 三's merged cells come out (group heads on lines of their own or beside their first
 * item, 三、本年度办理结果 set vertically).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, FORMATS, type FormatVersion, type ReportDiagnostic } from '../../server/src/report/index';
import {
  BROWSER_FIXTURES,
  FAMILIES,
  FAMILY_OPTIONS,
  ORDER_PLACEMENTS,
  PDF_LABELS,
  browserFixtureValues,
  browserText,
  consistentValues,
  lostOnClipboard,
  renderFamily,
  renderHtml,
  seeded,
  textsOf,
  type Family,
  type FamilyOptions,
  type TableTexts,
} from './reportGen';

import { loud, read, show } from './helpers';

const RUNS = Number(process.env.FC_RUNS ?? 12);

/** Replace a range of the text (LSP positions) by new text. */
function edit(text: string, r: ReportDiagnostic['range'], by: string): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((s, l) => s + l.length + 1, 0) + p.character;
  return text.slice(0, offset(r.start)) + by + text.slice(offset(r.end));
}

const arb = fc.record({ format: fc.constantFrom<FormatVersion>('2019', '2021'), seed: fc.nat(1_000_000) });

const named = (o: FamilyOptions) => `heads ${o.heads}${o.vertical ? ', vertical 三、本年度办理结果' : ''}`;

/** Families where a blank cell can be told from no cell at all (not PDF text: spaces leave nothing of it). */
const BLANKABLE: Family[] = FAMILIES.filter((f) => f !== 'pdf' && f !== 'pdfRaw' && f !== 'pdfOrder');

/** A consistent report in a family reads back: the same values, six sections, the title, no error or warning. */
function readsBack(format: FormatVersion, seed: number, family: Family, o: FamilyOptions): void {
  const v = textsOf(consistentValues(format, seeded(seed + 1)));
  const year = format === '2019' ? 2020 : 2022;
  const text = renderFamily(format, year, v, family, seeded(seed + 7), o);
  const { report, diagnostics } = analyze(text);
  assert.deepEqual(read(report), v);
  assert.deepEqual(show(loud(diagnostics)), []);
  assert.deepEqual(
    report.sections.map((s) => [s.number, s.duplicate]),
    [1, 2, 3, 4, 5, 6].map((n) => [n, false]),
  );
  assert.equal(report.body, '示例县示例镇人民政府');
  assert.equal(report.year, year);
  assert.equal(report.format, format);
}

describe('every layout family reads back the same report', () => {
  for (const family of FAMILIES)
    for (const o of FAMILY_OPTIONS) {
      it(`${family} (${named(o)}): same values, six sections, the title, no error or warning`, () => {
        fc.assert(
          fc.property(arb, ({ format, seed }) => readsBack(format, seed, family, o)),
          { numRuns: RUNS },
        );
      });

      it(`${family} (${named(o)}): a changed cell of table 三 is read as changed and its row total is found wrong`, () => {
        fc.assert(
          fc.property(arb, fc.nat(), fc.nat(6), ({ format, seed }, r, c) => {
            const v = textsOf(consistentValues(format, seeded(seed + 1)));
            const keys = FORMATS[format].table3.rows.map((x) => x.key);
            const key = keys[r % keys.length];
            v.t3[key][c] = String(Number(v.t3[key][c]) + 1);
            const { report, diagnostics } = analyze(renderFamily(format, format === '2019' ? 2020 : 2022, v, family, seeded(seed + 7), o));
            assert.deepEqual(read(report), v);
            assert.ok(
              diagnostics.some((d) => d.code === 'sum-row' && d.data?.row === key),
              `${key}[${c}]: ${show(diagnostics).join('; ')}`,
            );
          }),
          { numRuns: RUNS },
        );
      });
    }

  for (const family of BLANKABLE)
    for (const o of FAMILY_OPTIONS) {
      it(`${family} (${named(o)}): a blank cell is read, reported where it stands, and filling it there gives the clean report`, () => {
        fc.assert(
          fc.property(arb, fc.nat(), fc.nat(6), fc.boolean(), ({ format, seed }, r, c, inT4) => {
            const clean = textsOf(consistentValues(format, seeded(seed + 1)));
            const v = structuredClone(clean);
            const keys = inT4 ? ['review', 'direct', 'post'] : FORMATS[format].table3.rows.map((x) => x.key);
            const key = keys[r % keys.length];
            const table = inT4 ? v.t4 : v.t3;
            const col = c % table[key].length;
            const was = table[key][col];
            table[key][col] = '';
            const text = renderFamily(format, format === '2019' ? 2020 : 2022, v, family, seeded(seed + 7), o);
            const { report, diagnostics } = analyze(text);
            assert.deepEqual(read(report), v);
            const blanks = diagnostics.filter((d) => d.code === 'cell-blank');
            assert.equal(blanks.length, 1, show(diagnostics).join('; '));
            const fixed = edit(text, blanks[0].range, was);
            const again = analyze(fixed);
            assert.deepEqual(read(again.report), clean);
            assert.deepEqual(show(loud(again.diagnostics)), []);
          }),
          { numRuns: RUNS },
        );
      });

      // (Web copies tell a blank cell by its empty lines: with many of them, or none, the table's
      // rows are still told apart by their number of cells, not by how often empty lines come.)
      it(`${family} (${named(o)}): many blank cells (up to half of tables 三 and 四) or none: each read and reported at its place`, () => {
        fc.assert(
          fc.property(arb, fc.array(fc.nat(), { maxLength: 60 }), ({ format, seed }, picks) => {
            const v = textsOf(consistentValues(format, seeded(seed + 1)));
            const cells: [Record<string, string[]>, string, number][] = [];
            for (const t of [v.t3, v.t4]) for (const [k, xs] of Object.entries(t)) xs.forEach((_, i) => cells.push([t, k, i]));
            for (const p of picks) {
              const [t, k, i] = cells[p % cells.length];
              t[k][i] = '';
            }
            const text = renderFamily(format, format === '2019' ? 2020 : 2022, v, family, seeded(seed + 7), o);
            const { report, diagnostics } = analyze(text);
            assert.deepEqual(read(report), v);
            const blanks = diagnostics.filter((d) => d.code === 'cell-blank');
            assert.equal(blanks.length, cells.filter(([t, k, i]) => t[k][i] === '').length, show(diagnostics).join('; '));
            assert.deepEqual(show(diagnostics.filter((d) => /^(cell-count|row-|section-|table-)/.test(d.code))), []);
            if (!picks.length) assert.deepEqual(show(loud(diagnostics)), []);
          }),
          { numRuns: RUNS },
        );
      });

      it(`${family} (${named(o)}): a row whose cells are all blank is read`, () => {
        const format: FormatVersion = '2021';
        const v = textsOf(consistentValues(format, seeded(3)));
        v.t3.d2 = ['', '', '', '', '', '', ''];
        const { report, diagnostics } = analyze(renderFamily(format, 2022, v, family, seeded(4), o));
        assert.deepEqual(read(report).t3.d2, v.t3.d2);
        assert.equal(diagnostics.filter((d) => d.code === 'cell-blank').length, 7);
        assert.ok(
          !diagnostics.some((d) => d.code === 'row-missing' || d.code === 'row-unknown' || d.code === 'cell-count'),
          show(diagnostics).join('; '),
        );
      });
    }
});

/**
 * PDF text with every row's label in one place beside its numbers (pdfRow): on their line, wrapped
 * around them, from their line down, wholly below them (a chain of runs each waiting for its label
 * below), or wholly above them with a blank line between; tables 二 (labels that wrap), 三 and 四.
 */
/**
 * Labels written with a space inside a word, as Word tables align short labels (总\u3000计, 其\u3000他) and PDF
 * text justifies them (行 政 复 议): the space is the writer's, not a cell's edge. Up to six labels of
 * tables 三 and 四 (rows, groups, columns) get a space between two of their characters: one space
 * in PDF text (where two would be a column's gap), an ideographic space or a run of them elsewhere,
 * or spaces between all the characters of a short label (自 然 人).
 */
function spaceInside(text: string, format: FormatVersion, family: Family, rand: (n: number) => number): string {
  const spec = FORMATS[format];
  const labels = [
    ...spec.table3.rows.map((r) => r.label),
    ...spec.table3.columns.map((c) => c.label),
    ...spec.table4.groups.map((g) => g.label),
    ...spec.table4.columns.map((c) => c.label),
  ].filter((l) => text.includes(l));
  const pdf = family === 'pdf' || family === 'pdfRaw' || family === 'pdfOrder';
  const ideograph = /\p{Script=Han}/u;
  for (let k = 0; k < 6 && labels.length; k++) {
    const label = labels.splice(rand(labels.length - 1), 1)[0];
    const at = Array.from(label, (_, i) => i).filter((i) => i > 0 && ideograph.test(label[i - 1]) && ideograph.test(label[i]));
    if (!at.length) continue;
    const space = pdf ? ' ' : ['\u3000', '\u3000\u3000', ' '][rand(2)];
    const whole = rand(3) === 0 && [...label].every((ch) => ideograph.test(ch));
    const cut = at[rand(at.length - 1)];
    const spaced = whole ? [...label].join(space) : label.slice(0, cut) + space + label.slice(cut);
    // (Its first place left: an earlier label spaced may have been the only one holding it, 总计 in （七）总计.)
    const i = text.indexOf(label);
    if (i < 0) continue;
    text = text.slice(0, i) + spaced + text.slice(i + label.length);
  }
  return text;
}

describe('labels written with a space inside a word', () => {
  for (const family of FAMILIES)
    it(`${family}: the same values, no error or warning`, () => {
      fc.assert(
        fc.property(arb, fc.nat(), ({ format, seed }, salt) => {
          const v = textsOf(consistentValues(format, seeded(seed + 1)));
          const o = FAMILY_OPTIONS[salt % FAMILY_OPTIONS.length];
          const plain = renderFamily(format, format === '2019' ? 2020 : 2022, v, family, seeded(seed + 7), o);
          const text = spaceInside(plain, format, family, seeded(salt + 3));
          const { report, diagnostics } = analyze(text);
          assert.deepEqual(read(report), v);
          assert.deepEqual(show(loud(diagnostics)), []);
        }),
        { numRuns: RUNS * 2 },
      );
    });

  it('pdfOrder: a label justified with a space before its last character, after the table (…大量反复申 请; found by the property)', () => {
    const [format, seed, salt] = ['2019' as FormatVersion, 13, 16];
    const v = textsOf(consistentValues(format, seeded(seed + 1)));
    const plain = renderFamily(format, 2020, v, 'pdfOrder', seeded(seed + 7), FAMILY_OPTIONS[salt % FAMILY_OPTIONS.length]);
    const text = spaceInside(plain, format, 'pdfOrder', seeded(salt + 3));
    assert.ok(text.includes('4.无正当理由大量反复申 请'));
    const { report, diagnostics } = analyze(text);
    assert.deepEqual(read(report), v);
    assert.deepEqual(show(loud(diagnostics)), []);
  });
});

describe('PDF text: every label in one place beside its numbers', () => {
  for (const pdfLabels of PDF_LABELS)
    it(`labels ${pdfLabels}: same values, six sections, the title, no error or warning`, () => {
      fc.assert(
        fc.property(arb, fc.constantFrom(...FAMILY_OPTIONS), ({ format, seed }, o) => readsBack(format, seed, 'pdf', { ...o, pdfLabels })),
        { numRuns: RUNS * 2 },
      );
    });
});

/**
 * pdftotext's reading order with every row's label in one place among table 三's paragraphs
 * (readingOrder): before its numbers, in blocks of labels, after the page's part of the table,
 * below its numbers, wrapped around them; with and without a page break (its number and the
 * header again) inside the table.
 */
describe("pdftotext's reading order: every placement of the labels", () => {
  for (const placement of ORDER_PLACEMENTS)
    for (const pageBreak of [true, false])
      it(`labels ${placement}${pageBreak ? ', a page break in table 三' : ''}: same values, six sections, the title, no error or warning`, () => {
        fc.assert(
          fc.property(arb, fc.constantFrom(...FAMILY_OPTIONS), ({ format, seed }, o) =>
            readsBack(format, seed, 'pdfOrder', { ...o, pdfOrder: { placement, pageBreak } }),
          ),
          { numRuns: RUNS },
        );
      });
});

/**
 * pdftotext's reading order may set table 四's last numbers after the text below the table and the
 * page's number (test/fixtures/pdf/generated-2021-large.default.txt): read as the table's when they
 * make it whole with every row's total holding (and said so); numbers there that do not are left
 * alone, the table's short row reported.
 */
describe("pdftotext's reading order: table 四's tail after the page's number", () => {
  it('the last one to four numbers after sections 五 and 六 are read as the table’s, with an information', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 4 }), ({ format, seed }, tail) => {
        readsBack(format, seed, 'pdfOrder', { pdfOrder: { tail } });
        const v = textsOf(consistentValues(format, seeded(seed + 1)));
        const { diagnostics } = analyze(
          renderFamily(format, format === '2019' ? 2020 : 2022, v, 'pdfOrder', seeded(seed + 7), { pdfOrder: { tail } }),
        );
        assert.equal(diagnostics.filter((d) => d.code === 'row-unknown' && d.severity === 'information').length, 1);
      }),
      // (A 2021 table 三 whose （六）其他处理 stands over its first item's numbers, that item's label in
      // the block of labels after them: once read as the 2019 row, the item left with no cell.)
      { numRuns: RUNS * 2, examples: [[{ format: '2021', seed: 678252 }, 1]] },
    );
  });

  it('numbers there that do not make the table whole are not taken: the short row is reported', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 4 }), ({ format, seed }, tail) => {
        const v = textsOf(consistentValues(format, seeded(seed + 1)));
        const text = renderFamily(format, format === '2019' ? 2020 : 2022, v, 'pdfOrder', seeded(seed + 7), { pdfOrder: { tail } });
        // The last number after the page's number one more than the table's.
        const wrong = text.replace(/(\d+)\n$/, (_, x: string) => `${Number(x) + 1}\n`);
        const { report, diagnostics } = analyze(wrong);
        assert.ok(
          diagnostics.some((d) => d.code === 'cell-count' || d.code === 'cell-blank'),
          show(diagnostics).join('; '),
        );
        assert.ok(!diagnostics.some((d) => d.code === 'row-unknown' && d.severity === 'information'));
        assert.ok(report.table4?.rows.post.cells.every((c, k) => c.value.kind !== 'int' || c.raw === v.t4.post[k]));
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe('tables found by their rows wherever they stand', () => {
  for (const family of ['pipes', 'innerText', 'clipboard', 'pdf', 'pdfRaw'] as Family[]) {
    it(`${family}: table 三 without its heading (under section 二) is read, and reported`, () => {
      const v = textsOf(consistentValues('2021', seeded(21)));
      const text = renderFamily('2021', 2022, v, family, seeded(22)).replace('三、收到和处理政府信息公开申请情况\n', '');
      const { report, diagnostics } = analyze(text);
      assert.deepEqual(read(report), v);
      assert.deepEqual(
        loud(diagnostics).map((d) => [d.code, d.data?.section]),
        [
          ['section-order', 3],
          ['section-missing', 3],
        ],
      );
    });

    it(`${family}: table 四 moved below section 五 is read, and reported`, () => {
      const v = textsOf(consistentValues('2019', seeded(23)));
      const text = renderFamily('2019', 2020, v, family, seeded(24));
      const start = text.indexOf('四、政府信息公开行政复议、行政诉讼情况');
      const five = text.indexOf('五、存在的主要问题及改进情况');
      const six = text.indexOf('六、其他需要报告的事项');
      const table4 = text.slice(start, five);
      const moved =
        text.slice(0, start) +
        '四、政府信息公开行政复议、行政诉讼情况\n\n' +
        text.slice(five, six) +
        table4.replace(/^.*\n/, '') +
        text.slice(six);
      const { report, diagnostics } = analyze(moved);
      assert.deepEqual(read(report).t4, v.t4);
      assert.ok(
        diagnostics.some((d) => d.code === 'section-order' && d.data?.table === 4),
        show(diagnostics).join('; '),
      );
      assert.ok(!diagnostics.some((d) => d.code === 'row-unknown'), show(diagnostics).join('; '));
    });
  }
});

describe('section headings in every disguise', () => {
  const v = textsOf(consistentValues('2021', seeded(31)));
  const base = renderFamily('2021', 2022, v, 'pipes', seeded(32));
  const cases: [string, string, string][] = [
    ['a typo', '四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公开行政复义、行政诉讼情况'],
    ['no numeral', '三、收到和处理政府信息公开申请情况', '收到和处理政府信息公开申请情况'],
    ['a wrong numeral', '二、主动公开政府信息情况', '三、主动公开政府信息情况'],
    ['leading tabs and spaces', '五、存在的主要问题及改进情况', '\t\u3000 五、存在的主要问题及改进情况'],
    ['Markdown marks', '六、其他需要报告的事项', '### 六、其他需要报告的事项'],
    ['full-width and ASCII marks', '一、总体情况', '一.总体情况'],
    ['an Arabic numeral', '一、总体情况', '1、总体情况'],
    ['a full-width Arabic numeral', '二、主动公开政府信息情况', '２．主动公开政府信息情况'],
    ['a numeral in brackets', '五、存在的主要问题及改进情况', '（五）存在的主要问题及改进情况'],
  ];
  for (const [what, official, written] of cases) {
    it(`${what}: the section is found, and a deviation is reported at its line with the official wording`, () => {
      const text = base.replace(official, written);
      const { report, diagnostics } = analyze(text);
      assert.deepEqual(read(report), v);
      const n = SECTION_OF[official];
      const s = report.sections.find((x) => x.number === n && !x.duplicate)!;
      assert.equal(text.split('\n')[s.headingLineRange.start.line], written);
      const bad = diagnostics.filter((d) => d.code !== 'section-heading');
      assert.deepEqual(show(loud(bad)), []);
      if (written.trim().replace(/^#+\s*/, '') !== official) {
        const h = diagnostics.filter((d) => d.code === 'section-heading');
        assert.equal(h.length, 1, show(diagnostics).join('; '));
        assert.equal(h[0].data?.official, official);
        assert.equal(h[0].data?.section, n);
        assert.equal(h[0].range.start.line, s.headingLineRange.start.line);
      }
    });
  }
});

const SECTION_OF: Record<string, number> = Object.fromEntries(
  [
    '一、总体情况',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '六、其他需要报告的事项',
  ].map((h, i) => [h, i + 1]),
);

describe("another numbering: the report's or its narrative's own", () => {
  const v = textsOf(consistentValues('2019', seeded(41)));
  const base = renderFamily('2019', 2020, v, 'pipes', seeded(42));
  const official = Object.keys(SECTION_OF);
  const lineOf = (text: string, n: number) => {
    const { report } = analyze(text);
    const s = report.sections.find((x) => x.number === n && !x.duplicate);
    return s && text.split('\n')[s.headingLineRange.start.line];
  };

  for (const [what, number] of [
    ['1、', (n: number) => `${n}、`],
    ['（一）', (n: number) => `（${'一二三四五六'[n - 1]}）`],
  ] as const)
    it(`every heading numbered ${what}: the six sections found, each deviation reported at its line`, () => {
      let text = base;
      for (const [i, h] of official.entries()) text = text.replace(h, number(i + 1) + h.slice(2));
      const { report, diagnostics } = analyze(text);
      assert.deepEqual(read(report), v);
      for (const [i, h] of official.entries()) assert.equal(lineOf(text, i + 1), number(i + 1) + h.slice(2));
      const headings = diagnostics.filter((d) => d.code === 'section-heading');
      assert.deepEqual(
        headings.map((d) => d.data?.official),
        official,
      );
      assert.deepEqual(show(loud(diagnostics.filter((d) => d.code !== 'section-heading'))), []);
    });

  it("the narrative's own numbered items with a section's words are not taken for its heading", () => {
    // (Section 一 told in parts, the second headed with 二's words: 二 is still the heading below.)
    const text = base.replace('一、总体情况\n', '一、总体情况\n（一）总体情况\n（二）主动公开政府信息情况\n2、主动公开政府信息情况\n');
    const { report, diagnostics } = analyze(text);
    assert.deepEqual(read(report), v);
    for (const [i, h] of official.entries()) assert.equal(lineOf(text, i + 1), h);
    assert.deepEqual(show(loud(diagnostics)), []);
  });
});

/**
 * Real browser output (test/fixtures/browser, made by scripts/make-browser-fixtures.ts in headless
 * Chromium): the generator's web families are what the browser gives, byte by byte, and the reader
 * reads the browser's own text cell by cell, every blank at its place.
 */
describe('what a real browser gives for a web page', () => {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'browser');
  const forms = [
    ['innerText', 'innertext'],
    ['clipboard', 'clipboard'],
  ] as const;
  /** The blank cells' values, in table order. */
  const blanksOf = (v: TableTexts) => [...Object.values(v.t3), ...Object.values(v.t4)].flat().filter((x) => x === '').length;

  for (const f of BROWSER_FIXTURES) {
    const values = browserFixtureValues(f);
    const clean = textsOf(consistentValues(f.format, seeded(f.seed)));

    it(`${f.name}: the page is the one the generator writes`, () => {
      assert.equal(readFileSync(join(dir, `${f.name}.html`), 'utf8'), renderHtml(f.format, f.year, values, f.opts));
    });

    for (const [how, file] of forms) {
      const text = readFileSync(join(dir, `${f.name}.${file}.txt`), 'utf8');

      it(`${f.name}: the generator's ${how} is the browser's, byte by byte`, () => {
        assert.equal(browserText(f.format, f.year, values, f.opts, how), text);
      });

      const lost = how === 'clipboard' ? lostOnClipboard(f) : [];
      if (lost.length) {
        // Ctrl+C keeps nothing of an empty <td> among paragraphs, or of a bare blank cell at the start
        // of its line: which cell is blank cannot be known, so each row that lost cells is reported
        // (never read shifted in silence); the other rows are read right.
        it(`${f.name}: ${how}: every row that lost a blank cell is reported, the others are read right`, () => {
          const { report, diagnostics } = analyze(text);
          const got = read(report);
          const counts = diagnostics.filter((d) => d.code === 'cell-count' && d.severity === 'error');
          for (const [key, want] of Object.entries(values.t3)) {
            const row = report.table3?.rows[key];
            assert.ok(row, key);
            if (!lost.some(([t, k]) => t === 3 && k === key)) assert.deepEqual(got.t3[key], want, key);
            else
              assert.ok(
                counts.some((d) => d.range.start.line >= row.range.start.line && d.range.start.line <= row.range.end.line),
                `${key}: ${show(diagnostics).join('; ')}`,
              );
          }
          if (lost.some(([t]) => t === 4)) assert.ok(counts.some((d) => d.message.includes('表四')));
          else assert.deepEqual(got.t4, values.t4);
        });
        continue;
      }

      it(`${f.name}: ${how}: every cell read, every blank reported at its place, and filling them there gives the clean report`, () => {
        const { report, diagnostics } = analyze(text);
        assert.deepEqual(read(report), values);
        assert.equal(report.body, '示例县示例镇人民政府');
        assert.equal(report.year, f.year);
        assert.equal(report.format, f.format);
        const blanks = diagnostics.filter((d) => d.code === 'cell-blank');
        assert.equal(blanks.length, blanksOf(values), show(diagnostics).join('; '));
        // Each blank's place: a separator line, a line holding only a (no-break) space, one of the
        // empty lines it left, or, in a row on one line, nothing but spaces between its tabs.
        const lines = text.split('\n');
        for (const d of blanks) {
          const line = lines[d.range.start.line];
          const { character: a } = d.range.start;
          const b = d.range.end.line === d.range.start.line ? d.range.end.character : line.length;
          const ok =
            /^[\t \u00a0]*$/.test(line) ||
            (/^[ \u00a0]*$/.test(line.slice(a, b)) && /^$|\t$/.test(line.slice(0, a)) && /^$|^\t/.test(line.slice(b)));
          assert.ok(ok, `${show([d])[0]}: ${JSON.stringify(line)}`);
        }
        // Filling each blank cell with its value, at its place (from the end, so that places hold).
        let filled = text;
        const cells = [...Object.values(report.table3!.rows), ...Object.values(report.table4!.rows)].flatMap((r) =>
          r.cells.filter((c) => c.value.kind === 'blank'),
        );
        cells.sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
        for (const c of cells) {
          const t = report.table3!.rows[c.rowKey] ? clean.t3 : clean.t4;
          filled = edit(filled, c.range, t[c.rowKey][columnOf(f.format, c.rowKey, c.colKey)]);
        }
        const again = analyze(filled);
        assert.deepEqual(read(again.report), clean);
        assert.deepEqual(show(loud(again.diagnostics)), []);
      });
    }
  }
});

/** A cell's column index in its row's values. */
function columnOf(format: FormatVersion, rowKey: string, colKey: string): number {
  const t3 = FORMATS[format].table3;
  if (t3.rows.some((r) => r.key === rowKey)) return t3.columns.findIndex((c) => c.key === colKey);
  return FORMATS[format].table4.columns.findIndex((c) => c.key === colKey);
}
