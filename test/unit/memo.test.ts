/**
 * The analysis cache (report/memo.ts) changes nothing but speed: a document edited many times and
 * analysed with its cache after each edit gets exactly the analysis a fresh run gives its text.
 * Edits are random (typing, deleting, digits changed, lines inserted, removed, split and joined,
 * headings and table rows moved), on every real report and example in the repository, in every
 * layout they come in.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, createAnalysisCache, splitLines } from '../../server/src/report/index';
import { paragraphs } from '../../server/src/report/narrativeText';
import { ROOT, reportFiles } from './helpers';

const EXAMPLES = join(ROOT, 'examples');
const texts = reportFiles().map((path) => ({ name: path.slice(ROOT.length + 1), text: readFileSync(path, 'utf8') }));

type Edit =
  | { kind: 'type'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'digit'; at: number; digit: string }
  | { kind: 'moveLine'; from: number; to: number }
  | { kind: 'dropLine'; at: number }
  | { kind: 'copyLine'; from: number; to: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('type' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      '9',
      '0',
      '\n',
      '\t',
      ' ',
      '|',
      '件',
      '。',
      '\n\n',
      '三、收到和处理政府信息公开申请情况',
      '（一）予以公开',
      '1、',
      '\r\n',
    ),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('digit' as const), at: fc.nat(), digit: fc.constantFrom('0', '1', '7', '') }),
  fc.record({ kind: fc.constant('moveLine' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('dropLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('copyLine' as const), from: fc.nat(), to: fc.nat() }),
);

function apply(text: string, e: Edit): string {
  const lines = () => text.split('\n');
  switch (e.kind) {
    case 'type': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + e.text + text.slice(at);
    }
    case 'delete': {
      const at = e.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + e.length);
    }
    case 'digit': {
      // The n-th digit of the text (a table cell, mostly) changed or removed.
      const digits = [...text.matchAll(/\d/g)];
      if (!digits.length) return text;
      const at = digits[e.at % digits.length].index!;
      return text.slice(0, at) + e.digit + text.slice(at + 1);
    }
    case 'moveLine': {
      const ls = lines();
      const [line] = ls.splice(e.from % ls.length, 1);
      ls.splice(e.to % (ls.length + 1), 0, line);
      return ls.join('\n');
    }
    case 'dropLine': {
      const ls = lines();
      ls.splice(e.at % ls.length, 1);
      return ls.join('\n');
    }
    case 'copyLine': {
      const ls = lines();
      ls.splice(e.to % (ls.length + 1), 0, ls[e.from % ls.length]);
      return ls.join('\n');
    }
  }
}

describe('analysis cache', () => {
  it('gives the same analysis as a fresh run after every edit, on every real report', () => {
    for (const { name, text } of texts) {
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
          const cache = createAnalysisCache();
          let current = text;
          analyze(current, { cache });
          for (const e of edits) {
            current = apply(current, e);
            const cached = analyze(current, { cache });
            const fresh = analyze(current);
            // (JSON first: deepStrictEqual on whole analyses is slow; it runs to say what differs.)
            if (JSON.stringify(cached) !== JSON.stringify(fresh))
              assert.deepStrictEqual(cached, fresh, `${name} after ${JSON.stringify(e)}`);
          }
        }),
        { numRuns: 4 * Number(process.env.FC_RUNS ?? 1) },
      );
    }
  });

  it('gives the same analysis when a document goes back and forth between two texts (typing and undo)', () => {
    for (const { name, text } of texts) {
      const digit = text.search(/\d/);
      if (digit < 0) continue;
      const other = text.slice(0, digit) + (text[digit] === '9' ? '8' : '9') + text.slice(digit + 1);
      const cache = createAnalysisCache();
      for (const t of [text, other, text, other, text])
        assert.equal(JSON.stringify(analyze(t, { cache })), JSON.stringify(analyze(t)), name);
    }
  });

  it('reuses the tables of a document whose narrative was edited, and reads a table again when its lines change', () => {
    const text = readFileSync(join(EXAMPLES, '示例镇2023年报告-规范格式.xxgk'), 'utf8');
    const cache = createAnalysisCache();
    const first = analyze(text, { cache }).report;
    // A character typed in the middle of section 五's first paragraph.
    const at = text.indexOf('\n', text.indexOf('五、')) + 3;
    const narrative = analyze(text.slice(0, at) + '另' + text.slice(at), { cache }).report;
    // The same objects: the tables were not read again (the edit is on a line of its own, no line moved).
    assert.equal(narrative.table3, first.table3);
    assert.equal(narrative.table4, first.table4);
    const cell = text.indexOf('| 0', text.indexOf('（一）予以公开'));
    const edited = analyze(text.slice(0, cell) + '| 1' + text.slice(cell + 3), { cache }).report;
    assert.notEqual(edited.table3, first.table3);
    assert.equal(edited.table4, first.table4);
  });

  it('reads a paragraph again when what its reading depends on changes: the report year, its source, the section', () => {
    let checked = 0;
    for (const { name, text } of texts) {
      const year = /(20\d\d)\s*年/.exec(text);
      const heading = /^[ \t]*[五六][、.．]/m.exec(text);
      const variants = [
        // The title's year: sentences stating the year are judged against it.
        year ? text.slice(0, year.index) + String(Number(year[1]) + 1) + text.slice(year.index + 4) : null,
        // A section heading gone: its paragraphs fall into the section before, with the same texts.
        heading ? text.slice(0, heading.index) + text.slice(text.indexOf('\n', heading.index) + 1) : null,
        // The title gone: the year, if any, comes from the text.
        text.slice(text.indexOf('\n') + 1),
      ];
      for (const v of variants) {
        if (v === null) continue;
        const cache = createAnalysisCache();
        analyze(text, { cache });
        assert.equal(JSON.stringify(analyze(v, { cache })), JSON.stringify(analyze(v)), name);
        assert.equal(JSON.stringify(analyze(text, { cache })), JSON.stringify(analyze(text)), name);
        checked++;
      }
    }
    assert.ok(checked >= 2 * texts.length);
  });

  it('reads a paragraph again when only its section or the source of the year changed', () => {
    const text = readFileSync(join(EXAMPLES, '示例镇2023年报告-规范格式.xxgk'), 'utf8')
      // A figure in section 六 (checked there, not in 五) and a statistics period stating another year
      // (checked only against a year taken from the title).
      .replace('2023年本机关未收取信息处理费。', '2023年本机关未收取信息处理费。本年度共收到政府信息公开申请99件。')
      .replace('2023年，我镇共收到', '2023年，统计期限为2022年1月1日至12月31日，我镇共收到');
    const title = text.slice(0, text.indexOf('\n') + 1);
    const six = text.indexOf('六、其他需要报告的事项\n');
    const variants = {
      'section 六 gone: its paragraph is read in 五': text.slice(0, six) + text.slice(six + '六、其他需要报告的事项\n'.length),
      'the title gone: the year comes from the text': text.slice(title.length),
    };
    for (const [what, v] of Object.entries(variants)) {
      const cache = createAnalysisCache();
      const codes = (t: string, c?: ReturnType<typeof createAnalysisCache>) =>
        analyze(t, { cache: c })
          .diagnostics.filter((d) => d.code.startsWith('text-'))
          .map((d) => d.code);
      // The planted figure and year raise their diagnostics in the text, and not in the variant.
      assert.notDeepEqual(codes(text, cache), codes(v), what);
      assert.deepEqual(codes(v, cache), codes(v), what);
    }
  });

  it('keeps the readings of unchanged paragraphs across an edit of another', () => {
    const text = readFileSync(join(EXAMPLES, '示例镇2023年报告-规范格式.xxgk'), 'utf8');
    const cache = createAnalysisCache();
    analyze(text, { cache });
    const before = cache.paragraphs!.readings;
    const at = text.indexOf('\n', text.indexOf('五、')) + 3;
    analyze(text.slice(0, at) + '另' + text.slice(at), { cache });
    const after = cache.paragraphs!.readings;
    assert.equal(after.length, before.length);
    const kept = after.filter((r, i) => r === before[i]).length;
    assert.equal(kept, before.length - 1, 'all but the edited paragraph are reused');
  });

  it('finds the paragraphs after an edit from the last ones, as a reading from scratch finds them', () => {
    // Edits near paragraph bounds: blank lines, indents, page marks, sentence ends, lines joined and parted.
    // Headings typed, and headings' lines cut (cut % 7 === 0 cuts up to 12 characters), move the sections.
    const typed = fc.constantFrom(
      '\n',
      '\n\n',
      '\n  ',
      '。',
      '　　',
      '- 3 -\n',
      '\n第2页\n',
      '字',
      '',
      '\r\n',
      '\n五、存在的主要问题及改进情况\n',
      '\n二、主动公开政府信息情况\n',
    );
    let reused = 0;
    for (const { name, text } of texts) {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(), fc.nat(40), typed), { minLength: 1, maxLength: 6 }), (edits) => {
          const cache = createAnalysisCache();
          let current = text;
          const lines = (t: string) => splitLines(t).lines;
          paragraphs(analyze(current).report, lines(current), cache);
          for (const [at, cut, insert] of edits) {
            // Half the edits at the start of a heading's line.
            const headings = [...current.matchAll(/^[一二三四五六][、.．]/gm)].map((m) => m.index);
            const a = at % 2 && headings.length ? headings[at % headings.length] : at % (current.length + 1);
            current = current.slice(0, a) + insert + current.slice(a + (cut % 7 === 0 ? cut % 13 : 0));
            const { report } = analyze(current);
            const before = cache.paragraphList?.paras ?? [];
            const got = paragraphs(report, lines(current), cache);
            assert.deepEqual(got, paragraphs(report, lines(current)), `${name} after ${JSON.stringify([a, insert])}`);
            reused += got.filter((p) => before.includes(p)).length;
          }
        }),
        { numRuns: 6 * Number(process.env.FC_RUNS ?? 1) },
      );
    }
    assert.ok(reused > 0, 'paragraphs are reused');
  });
});
