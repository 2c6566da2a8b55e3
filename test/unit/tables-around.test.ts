/**
 * What stands around a table and is none of it, in the layouts where it looked like a cell: a unit
 * line above table 四's blank corner cell in a web copy, a page's bare number after table 四 in PDF
 * text, a zero-width space before a converter's header rule.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, type FormatVersion } from '../../server/src/report/index';
import { browserText, consistentValues, seeded, textsOf, type HtmlBlank } from './reportGen';
import { loud, read, show } from './helpers';

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
