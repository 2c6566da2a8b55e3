/** One fixture per rule: the consistent report has no diagnostics; each single fault gives exactly its rule, at the cell or line at fault. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze, writeSkeleton } from '../../server/src/report/index';
import { cellAt, fixture, only, rangeOf, setCell } from './helpers';

const base = fixture('consistent-2021.xxgk');
const lines = base.split('\n');
const lineOf = (s: string) => lines.findIndex((l) => l.includes(s));

describe('the consistent fixture', () => {
  it('has no diagnostics at all', () => {
    assert.deepEqual(analyze(base).diagnostics, []);
  });
  it('skeletons of both formats have no diagnostics', () => {
    assert.deepEqual(analyze(writeSkeleton({ body: '某某镇人民政府', year: 2020 })).diagnostics, []);
    assert.deepEqual(analyze(writeSkeleton({ body: '某某镇人民政府', year: 2024 })).diagnostics, []);
  });
});

describe('sum rules', () => {
  it('sum-row sits on the 总计 cell of the row, with every addend related', () => {
    const c = cellAt(base, '（一）予以公开', 6);
    const [d] = only(setCell(base, '（一）予以公开', 6, '6'), 'sum-row');
    assert.deepEqual(d.range, rangeOf(c.line, c.start, c.start + 1));
    assert.equal(d.severity, 'error');
    assert.equal(d.expected, '5');
    assert.equal(d.actual, '6');
    assert.equal(d.related.length, 6);
    assert.match(d.message, /「（一）予以公开」的总计应为 5/);
  });
  it('sum-results sits on the （七）总计 cell of the column', () => {
    const c = cellAt(base, '（七）总计', 0);
    const ds = only(setCell(base, '（七）总计', 0, '11'), 'sum-results');
    assert.equal(ds.length, 1);
    assert.deepEqual(ds[0].range, rangeOf(c.line, c.start, c.start + 2));
    assert.equal(ds[0].expected, '10');
    assert.equal(ds[0].actual, '11');
    assert.equal(ds[0].related.length, 21);
  });
  it('sum-balance sits on the 结转下年度 cell of the column', () => {
    const c = cellAt(base, '四、结转下年度继续办理', 0);
    const ds = only(setCell(base, '四、结转下年度继续办理', 0, '1'), 'sum-balance');
    assert.equal(ds.length, 1);
    assert.deepEqual(ds[0].range, rangeOf(c.line, c.start, c.start + 1));
    assert.equal(ds[0].expected, '0');
    assert.equal(ds[0].actual, '1');
    assert.equal(ds[0].related.length, 3);
  });
  it('sum-review sits on the 总计 cell of its group in table 四', () => {
    const c = cellAt(base, '行政复议', 4);
    const ds = only(setCell(base, '行政复议', 4, '3'), 'sum-review');
    assert.equal(ds.length, 1);
    assert.deepEqual(ds[0].range, rangeOf(c.line, c.start, c.start + 1));
    assert.equal(ds[0].expected, '2');
  });
  it('the English locale gives English messages', () => {
    const [d] = analyze(setCell(base, '（一）予以公开', 6, '6'), { locale: 'en' }).diagnostics.filter((x) => x.code === 'sum-row');
    assert.match(d.message, /^The total of “（一）予以公开” should be 5/);
  });
});

describe('cell rules', () => {
  it('cell-blank on an empty cell, which counts as 0', () => {
    const c = cellAt(base, '1.属于国家秘密', 0);
    const text = setCell(base, '1.属于国家秘密', 0, ' ');
    const ds = analyze(text).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['cell-blank'],
    );
    assert.equal(ds[0].range.start.line, c.line);
    assert.equal(ds[0].severity, 'warning');
  });
  it('cell-invalid on a placeholder, a negative count, a Cyrillic О and split digits', () => {
    for (const bad of ['/', '-1', 'О', '1 0']) {
      const c = cellAt(base, '1.属于国家秘密', 2);
      const ds = only(setCell(base, '1.属于国家秘密', 2, bad), 'cell-invalid');
      assert.equal(ds.length, 1, bad);
      assert.deepEqual(ds[0].range, rangeOf(c.line, c.start, c.start + bad.length), bad);
      assert.equal(ds[0].severity, 'error');
    }
  });
  it('cell-count when a row has a cell too few', () => {
    const line = lineOf('7.属于行政执法案卷');
    const text = lines.map((l, i) => (i === line ? l.replace(/\| 0\s+\|$/, '|') : l)).join('\n');
    const ds = only(text, 'cell-count');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].range.start.line, line);
    assert.match(ds[0].message, /有 6 个数据单元格，格式要求 7 个/);
  });
  it('cell-count when a row has a cell too many', () => {
    const line = lineOf('7.属于行政执法案卷');
    const text = lines.map((l, i) => (i === line ? l + ' 0 |' : l)).join('\n');
    const ds = only(text, 'cell-count');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].range.start.line, line);
    assert.equal(ds[0].range.start.character, lines[line].length + 1);
  });
  it('amount-unit for a 2019 procurement amount without 元 or 万元', () => {
    const text = setCell(writeSkeleton({ body: '某某镇人民政府', year: 2020 }), '政府集中采购', 1, '13.595');
    const c = cellAt(text, '政府集中采购', 1);
    const ds = analyze(text).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['amount-unit'],
    );
    assert.deepEqual(ds[0].range, rangeOf(c.line, c.start, c.end));
    assert.deepEqual(codes2(setCell(text, '政府集中采购', 1, '13.595万元')), []);
  });
});

function codes2(text: string) {
  return analyze(text).diagnostics.map((d) => d.code);
}

describe('format-version', () => {
  it('a 2023 report in the 2019 tables is reported on its title', () => {
    const text = writeSkeleton({ body: '某某镇人民政府', year: 2023, format: '2019' });
    const ds = analyze(text).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['format-version'],
    );
    assert.equal(ds[0].range.start.line, 0);
    assert.match(ds[0].message, /2023年度报告应使用2021年版格式/);
    assert.equal(ds[0].related.length, 1);
  });
  it('a 2020 report in the 2021 tables too', () => {
    const ds = analyze(writeSkeleton({ body: '某某镇人民政府', year: 2020, format: '2021' })).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['format-version'],
    );
  });
});

describe('section rules', () => {
  const heading5 = lineOf('五、存在的主要问题及改进情况');
  const heading6 = lineOf('六、其他需要报告的事项');
  // The text to insert is the code action's (test/unit/codeActions.test.ts: inserting it makes the report whole).
  it('section-missing on the next heading, naming the section', () => {
    const text = [...lines.slice(0, heading5), ...lines.slice(heading6)].join('\n');
    const ds = analyze(text).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['section-missing'],
    );
    assert.equal(ds[0].range.start.line, heading5);
    assert.equal(ds[0].severity, 'error');
    assert.equal(ds[0].data!.section, 5);
  });
  it('section-order when 六 comes before 五', () => {
    const five = lines.slice(heading5, heading6);
    const six = lines.slice(heading6);
    const text = [...lines.slice(0, heading5), ...six, '', ...five].join('\n');
    const ds = analyze(text).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['section-order'],
    );
    assert.equal(ds[0].range.start.line, heading5 + six.length + 1);
  });
  it('section-order for a section that appears twice', () => {
    const text = [...lines, '一、总体情况', '重复的内容。'].join('\n');
    const ds = analyze(text).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['section-order'],
    );
    assert.equal(ds[0].range.start.line, lines.length);
  });
  it('section-heading for a variant heading, with the official one', () => {
    const text = base.replace('一、总体情况', '一、总体概况');
    const ds = analyze(text).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['section-heading'],
    );
    assert.deepEqual(ds[0].range, rangeOf(lineOf('一、总体情况'), 0, 6));
    assert.equal(ds[0].data!.official, '一、总体情况');
  });
  it('section-empty when 五 has nothing in it', () => {
    const text = [...lines.slice(0, heading5 + 1), '', ...lines.slice(heading6)].join('\n');
    const ds = analyze(text).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['section-empty'],
    );
    assert.equal(ds[0].range.start.line, heading5);
  });
});

describe('row and label rules', () => {
  it('row-missing when a row is left out, with the row to insert after the one above', () => {
    const line = lineOf('6.属于四类过程性信息');
    const text = lines.filter((_, i) => i !== line).join('\n');
    const ds = analyze(text).diagnostics.filter((d) => d.code === 'row-missing');
    assert.equal(ds.length, 1);
    assert.equal(ds[0].range.start.line, line - 1);
    assert.equal(ds[0].data!.row, 'd6');
    assert.match(String(ds[0].data!.text), /6\.属于四类过程性信息 \| 0 /);
  });
  it('row-unknown for a row the format does not have', () => {
    const line = lineOf('（七）总计');
    const extra = '| 其他不属于格式的事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |';
    const text = [...lines.slice(0, line), extra, ...lines.slice(line)].join('\n');
    const ds = analyze(text).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['row-unknown'],
    );
    assert.equal(ds[0].range.start.line, line);
    assert.equal(ds[0].range.start.character, 2);
  });
  it('label-variant for a known variant wording, replaceable with the official label', () => {
    const text = base.replace('2.其他法律行政法规禁止公开', '2.其他法律法规禁止公开');
    const line = lineOf('2.其他法律行政法规禁止公开');
    const ds = analyze(text).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['label-variant'],
    );
    assert.deepEqual(ds[0].range, rangeOf(line, 6, 6 + '2.其他法律法规禁止公开'.length));
    assert.equal(ds[0].data!.official, '2.其他法律行政法规禁止公开');
    assert.equal(ds[0].data!.replaceable, true);
    assert.equal(ds[0].severity, 'warning');
  });
  it('label-variant (information) for numbering and bracket variants only', () => {
    const text = base.replace('（一）予以公开', '(一)予以公开').replace('1.属于国家秘密', '1、属于国家秘密');
    const ds = analyze(text).diagnostics;
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity]),
      [
        ['label-variant', 'information'],
        ['label-variant', 'information'],
      ],
    );
  });
  it('label-variant for a header variant (社会组织)', () => {
    const text = base.replace('| 社会公益组织 |', '| 社会组织     |');
    const ds = analyze(text).diagnostics;
    assert.deepEqual(
      ds.map((d) => d.code),
      ['label-variant'],
    );
    assert.equal(ds[0].data!.official, '社会公益组织');
  });
  it('severities can be changed or turned off per rule', () => {
    const text = base.replace('2.其他法律行政法规禁止公开', '2.其他法律法规禁止公开');
    assert.equal(analyze(text, { severities: { 'label-variant': 'error' } }).diagnostics[0].severity, 'error');
    assert.deepEqual(analyze(text, { severities: { 'label-variant': 'off' } }).diagnostics, []);
  });
});
