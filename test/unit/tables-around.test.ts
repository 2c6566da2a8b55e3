/**
 * What stands around a table and is none of it, in the layouts where it looked like a cell: a unit
 * line above table 四's blank corner cell in a web copy, a page's bare number after table 四 in PDF
 * text, a zero-width space before a converter's header rule.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, type FormatVersion } from '../../server/src/report/index';
import { browserText, consistentValues, renderFamily, seeded, textsOf, type Family, type HtmlBlank } from './reportGen';
import { fixture, loud, read, show } from './helpers';

const YEAR: Record<FormatVersion, number> = { '2019': 2020, '2021': 2022 };
const values = (format: FormatVersion, seed: number) => textsOf(consistentValues(format, seeded(seed), 50));

/** The text's lines with `add` (and an empty line after it) inserted before the first line after section 四's heading. */
function underHeading4(text: string, add: string): string {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.trim() === '四、政府信息公开行政复议、行政诉讼情况');
  assert.ok(i >= 0);
  const at = i + 1 + (lines[i + 1] === '' ? 1 : 0);
  lines.splice(at, 0, add, '');
  return lines.join('\n');
}

function clean(text: string, v: ReturnType<typeof values>): void {
  const { report, diagnostics } = analyze(text);
  assert.deepEqual(show(loud(diagnostics)), []);
  assert.deepEqual(read(report), v);
}

describe('a unit line above table 四 in a web copy', () => {
  for (const blank of ['space', 'nbsp'] as HtmlBlank[])
    for (const how of ['clipboard', 'innerText'] as const)
      for (const labelled4 of [false, true])
        it(`${how}, the blank corner cell a ${blank}${labelled4 ? ', a row per group' : ", the form's one row"}: the same table, no warning`, () => {
          for (const format of ['2019', '2021'] as FormatVersion[]) {
            const v = values(format, 3);
            const opts = { blank, vertical: false, groupRows: false, splitTitle: false, labelled4 };
            const text = browserText(format, YEAR[format], v, opts, how);
            clean(text, v);
            for (const unit of ['单位：件', '（单位：件）', `单位：件 统计时间：${YEAR[format]}年12月31日`])
              clean(underHeading4(text, unit), v);
          }
        });

  it('text that is no note before the blank corner is still reported', () => {
    const v = values('2021', 3);
    const text = browserText('2021', 2022, v, { blank: 'space', vertical: false, groupRows: false, splitTitle: false }, 'clipboard');
    const ds = analyze(underHeading4(text, '本表由办公室填写审核')).diagnostics.filter((d) => d.code === 'row-unknown');
    assert.ok(ds.length > 0);
  });
});

describe("a page's bare number after table 四 in PDF text", () => {
  /** The report with a line `page` (and an empty line) before section 五's heading. */
  const beforeFive = (text: string, page: string, family: Family) => {
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.trim() === '五、存在的主要问题及改进情况');
    lines.splice(i, 0, ...(family === 'pdfOrder' ? [page, ''] : [page]));
    return lines.join('\n');
  };
  for (const family of ['pdf', 'pdfRaw', 'pdfOrder'] as Family[])
    it(`${family}: 3, 12 and 101 are the page's, not a cell of the table`, () => {
      for (const format of ['2019', '2021'] as FormatVersion[])
        for (const seed of [1, 2, 3]) {
          const v = values(format, seed);
          const text = renderFamily(format, YEAR[format], v, family, seeded(seed + 7));
          clean(text, v);
          for (const page of ['3', '12', ' 101 ']) clean(beforeFive(text, page, family), v);
        }
    });

  it('a number that is a cell (the last total written below its row) is still read as the cell', () => {
    const v = values('2021', 2);
    const text = renderFamily('2021', 2022, v, 'pdf', seeded(9));
    const total = v.t4.post[4];
    const lines = text.split('\n');
    const row = lines.findIndex((l) => l.startsWith('行政诉讼（复议后起诉）'));
    assert.ok(lines[row].trimEnd().endsWith(` ${total}`));
    lines[row] = lines[row].trimEnd().slice(0, -total.length).trimEnd();
    lines.splice(row + 1, 0, '', ` ${total}`);
    const { report } = analyze(lines.join('\n'));
    assert.deepEqual(read(report).t4.post, v.t4.post);
  });

  it('with a total that does not hold the number is not dropped: the table is reported as it is', () => {
    const v = values('2021', 2);
    v.t4.review[4] = String(Number(v.t4.review[4]) + 1);
    const text = beforeFive(renderFamily('2021', 2022, v, 'pdf', seeded(9)), '3', 'pdf');
    const codes = analyze(text).diagnostics.map((d) => d.code);
    assert.ok(codes.includes('sum-review'), codes.join());
  });
});

describe("a zero-width space before a converter's header rule", () => {
  it('the rule is a rule (its dashes no row of placeholders), the invented header row structure', () => {
    const base = fixture('consistent-2021.xxgk');
    const v = read(analyze(base).report);
    const lines = base.split('\n');
    const i = lines.findIndex((l) => l.startsWith('| （本列数据的勾稽关系为'));
    const cells = lines[i].split('|').length - 2;
    const rule = '|' + '---|'.repeat(cells);
    const header = '| 类别 | ' + Array.from({ length: cells - 2 }, (_, k) => `数据${k + 1}`).join(' | ') + ' | 总计 |';
    for (const lead of ['\u200b', '\ufeff', '\u2060', '\u200b\u200b ']) {
      const out = [...lines];
      out.splice(i + 1, 0, lead + rule);
      clean(out.join('\n'), v);
      const invented = [...lines];
      invented.splice(i + 10, 0, lead + header, lead + rule);
      clean(invented.join('\n'), v);
    }
  });
});
