/**
 * A heading with its section's text after it on the same line (一、总体情况。2023年，我局…; PDFs and
 * Word documents run them together): the section is found, the heading's range is its title part
 * alone (what a fix of the heading replaces), and the text after it is the section's narrative. A
 * sentence that only starts like a title, and the narrative's own numbering, are no headings.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextEdit } from 'vscode-languageserver';
import { analyze } from '../../server/src/report/index';
import { paragraphs } from '../../server/src/report/narrativeText';
import { analyzeText, type Analysis } from '../../server/src/features/analysis';
import { codeActions, isBulkAction } from '../../server/src/features/codeActions';
import { documentDiagnostics } from '../../server/src/features/diagnostics';
import { hover } from '../../server/src/features/hover';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { applyEdits, splitLines } from '../../server/src/report/ranges';
import { fixture, rangeOf } from './helpers';

const base = fixture('consistent-2021.xxgk');
const lines = base.split('\n');
const lineOf = (s: string, ls = lines) => ls.findIndex((l) => l.includes(s));
const URI = 'file:///report.txt';

/** The fixture with section n's heading and the line after it joined by `sep`. */
function joined(n: 1 | 5 | 6, sep: string, ls = lines): string[] {
  const heading = ['一、总体情况', '', '', '', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'][n - 1];
  const i = lineOf(heading, ls);
  const out = [...ls];
  out.splice(i, 2, `${ls[i]}${sep}${ls[i + 1]}`);
  return out;
}

const sections = (text: string) =>
  analyze(text)
    .report.sections.filter((s) => !s.duplicate)
    .map((s) => s.number);

describe('a heading with its text on the same line', () => {
  for (const sep of ['。', '：', ':', '，', ' ', '\u3000', '  ', ''])
    it(`一、总体情况${JSON.stringify(sep)}2023年…: section 一 found, no diagnostic, the heading's range the title part`, () => {
      const out = joined(1, sep);
      const text = out.join('\n');
      const { report, diagnostics } = analyze(text);
      assert.deepEqual(diagnostics, []);
      const s1 = report.sections.find((s) => s.number === 1)!;
      const at = lineOf('一、总体情况', out);
      assert.deepEqual(s1.heading.range, rangeOf(at, 0, 6));
      assert.equal(s1.heading.status, 'official');
      assert.equal(s1.empty, false);
      assert.deepEqual(s1.bodyRange.start, { line: at, character: 6 + sep.length });
    });

  it('sections 一, 五 and 六 all so (Markdown marks before them too): six sections, no diagnostic', () => {
    const text = joined(6, '：', joined(5, '。', joined(1, '：')))
      .map((l) => (/^[一五六]、/.test(l) ? `## ${l}` : l))
      .join('\n');
    assert.deepEqual(analyze(text).diagnostics, []);
    assert.deepEqual(sections(text), [1, 2, 3, 4, 5, 6]);
  });

  it('a long paragraph after the title (longer than a heading may be) and one wrapped after a figure', () => {
    const long = joined(1, '。');
    const at = lineOf('一、总体情况', long);
    long[at] += '本机关进一步加强政府信息公开工作，'.repeat(10);
    assert.ok(long[at].length > 120);
    assert.deepEqual(analyze(long.join('\n')).diagnostics, []);
    // (PDF text: the line ends where the page's column does, after a figure.)
    const wrapped = joined(1, '：');
    wrapped.splice(at, 1, ...wrapped[at].replace('申请12', '申请12\n').split('\n'));
    assert.match(wrapped[at], /12$/);
    assert.deepEqual(analyze(wrapped.join('\n')).diagnostics, []);
    assert.deepEqual(sections(wrapped.join('\n')), [1, 2, 3, 4, 5, 6]);
  });

  it("the text after the title is the section's first paragraph, and the narrative checks read it", () => {
    const out = joined(1, '。');
    const text = out.join('\n');
    const at = lineOf('一、总体情况', out);
    const { report } = analyze(text);
    const first = paragraphs(report, out).find((p) => p.section === 1)!;
    assert.ok(first.text.startsWith('2023年，我镇共收到政府信息公开申请12件'));
    assert.deepEqual(first.pieces[0], { at: 0, line: at, char: 7 });
    // A figure there that the table does not hold: flagged on the heading's line, on the figure.
    const wrong = text.replace('申请12件', '申请15件');
    const ds = analyze(wrong).diagnostics.filter((d) => d.code === 'text-figure');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].range.start.line, at);
    assert.equal(splitLines(wrong)[at].slice(ds[0].range.start.character, ds[0].range.end.character), '15');
  });

  it('section 五 with its text on the line is not empty; with nothing after the ：, it is', () => {
    const full = joined(5, '：').join('\n');
    assert.deepEqual(analyze(full).diagnostics, []);
    const h5 = lineOf('五、存在的主要问题及改进情况');
    const bare = [...lines.slice(0, h5), '五、存在的主要问题及改进情况：', '', ...lines.slice(h5 + 2)].join('\n');
    const ds = analyze(bare).diagnostics.map((d) => d.code);
    assert.ok(ds.includes('section-empty'), ds.join());
  });

  it('a variant heading so: the fix replaces the title part, the text after it is kept', () => {
    const out = joined(1, '：');
    const at = lineOf('一、总体情况', out);
    out[at] = out[at].replace('一、总体情况', '一、总体概况');
    const text = out.join('\n');
    const analysis: Analysis = { uri: URI, version: 1, text, settings: DEFAULT_SETTINGS, ...analyzeText(text, DEFAULT_SETTINGS) };
    const d = documentDiagnostics(analysis).find((x) => x.code === 'section-heading');
    assert.ok(d, 'the heading is reported');
    assert.deepEqual(d.range, rangeOf(at, 0, 6));
    const actions = codeActions(analysis, { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } });
    const single = actions.filter((a) => !isBulkAction(a));
    assert.equal(single.length, 1);
    const edits: TextEdit[] = single[0].edit?.changes?.[URI] ?? [];
    const fixed = applyEdits(text, edits);
    assert.equal(fixed, joined(1, '：').join('\n'));
    assert.deepEqual(analyze(fixed).diagnostics, []);
  });

  it("hovers: the title part shows the section's, a figure after it its own", () => {
    const out = joined(1, '：');
    const text = out.join('\n');
    const at = lineOf('一、总体情况', out);
    const analysis: Analysis = { uri: URI, version: 1, text, settings: DEFAULT_SETTINGS, ...analyzeText(text, DEFAULT_SETTINGS) };
    const onTitle = hover(analysis, { line: at, character: 3 });
    assert.ok(onTitle);
    assert.deepEqual(onTitle.range, rangeOf(at, 0, 7));
    const figure = out[at].indexOf('12件');
    const onFigure = hover(analysis, { line: at, character: figure });
    assert.ok(onFigure);
    assert.deepEqual(onFigure.range, rangeOf(at, figure, figure + 2));
    assert.notEqual((onFigure.contents as { value: string }).value, (onTitle.contents as { value: string }).value);
  });

  it('a heading alone on its line is preferred to a line that starts with the title and goes on', () => {
    const h1 = lineOf('一、总体情况');
    const out = [...lines];
    out.splice(h1 + 1, 0, '一、总体情况：本节说明本年度工作的总体情况。');
    const { report } = analyze(out.join('\n'));
    const s1 = report.sections.filter((s) => s.number === 1);
    assert.equal(s1.find((s) => !s.duplicate)!.heading.range.start.line, h1);
  });
});

describe('lines that only start like a heading are none', () => {
  it("the narrative's own numbering: （一）主动公开情况。… (section 二's heading missing: still missing)", () => {
    const h1 = lineOf('一、总体情况');
    const h2 = lineOf('二、主动公开政府信息情况');
    const out = [...lines];
    out.splice(h1 + 2, 0, '（一）主动公开情况。本年度主动公开政府信息120条。', '（二）依申请公开情况。本年度收到申请12件。');
    const withHeading = out.join('\n');
    assert.deepEqual(analyze(withHeading).diagnostics, []);
    out.splice(h2 + 2, 1, '');
    const without = out.join('\n');
    assert.deepEqual(sections(without), [1, 3, 4, 5, 6]);
    const missing = analyze(without).diagnostics.filter((d) => d.code === 'section-missing');
    assert.deepEqual(
      missing.map((d) => d.data?.section),
      [2],
    );
  });

  it("a sentence: 总体情况良好。… and 一、总体情况良好，2023年… (section 一's heading missing: still missing)", () => {
    const h1 = lineOf('一、总体情况');
    for (const sentence of [
      '总体情况良好。2023年，我镇共收到政府信息公开申请12件。',
      '总体情况如下：2023年，我镇共收到政府信息公开申请12件。',
    ]) {
      const out = [...lines];
      out.splice(h1, 1, sentence);
      const ds = analyze(out.join('\n')).diagnostics.filter((d) => d.code.startsWith('section-'));
      assert.deepEqual(
        ds.map((d) => [d.code, d.data?.section]),
        [['section-missing', 1]],
        sentence,
      );
    }
    const out = [...lines];
    out.splice(h1, 2, '一、总体情况良好，2023年我镇共收到政府信息公开申请12件。');
    assert.deepEqual(
      analyze(out.join('\n'))
        .diagnostics.filter((d) => d.code.startsWith('section-'))
        .map((d) => [d.code, d.data?.section]),
      [['section-missing', 1]],
    );
  });

  it('a sentence further down that starts with a title (其他需要报告的事项：…) is no second heading', () => {
    const text = [...lines, '其他需要报告的事项：本机关无其他需要报告的事项。'].join('\n');
    assert.deepEqual(analyze(text).diagnostics, []);
    const h6 = lineOf('六、其他需要报告的事项');
    assert.deepEqual(
      analyze(text)
        .report.sections.map((s) => [s.number, s.heading.range.start.line, s.duplicate])
        .slice(-1),
      [[6, h6, false]],
    );
  });
});
