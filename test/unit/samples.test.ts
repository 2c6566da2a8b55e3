/** The real samples, as users have them, and the layouts real reports come in. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze, parseReport, writeTable, type Report } from '../../server/src/report/index';
import { valuesOf } from '../../server/src/report/canonical';
import { dumpModel } from '../../server/src/cli';
import { fixture, rangeOf, sample } from './helpers';

const T3_2019 = 23;
const T3_2021 = 25;

describe('seed 000 (one cell per line, 2020, format 2019)', () => {
  const { report, diagnostics } = analyze(sample('000'));
  it('reads every table completely', () => {
    assert.equal(report.format, '2019');
    assert.equal(report.year, 2020);
    assert.equal(Object.keys(report.table3!.rows).length, T3_2019);
    assert.equal(Object.keys(report.table4!.rows).length, 3);
    assert.equal(report.table2!.subtables.flatMap((s) => s.rows).length, 8);
  });
  it('reports section-heading for 一、总体概况 and nothing else', () => {
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [['section-heading', rangeOf(3, 0, 6)]],
    );
    assert.equal(diagnostics[0].data!.official, '一、总体情况');
  });
});

describe('seed 001 (blank cells as no-break spaces, wrapped header cells, vertical labels)', () => {
  const text = sample('001');
  const { report, diagnostics } = analyze(text);
  it('reports every blank cell, and nothing else', () => {
    const blankLines = text.split('\n').flatMap((l, i) => (l === '\t\u00a0' ? [i] : []));
    const blanks = diagnostics.filter((d) => d.code === 'cell-blank');
    assert.equal(blanks.length, blankLines.length);
    assert.deepEqual(
      blanks.map((d) => d.range.start.line),
      blankLines,
    );
    assert.deepEqual(blanks[0].range, rangeOf(blankLines[0], 1, 2));
    assert.deepEqual([...new Set(diagnostics.map((d) => d.code))], ['cell-blank']);
  });
  it('reads the values: +2 as a signed delta, 204.58万元 as an exact decimal with its unit', () => {
    const licensing = report.table2!.subtables[1].rows[0];
    assert.deepEqual(
      licensing.cells.map((c) => c.value),
      [
        { kind: 'int', value: 4 },
        { kind: 'int', value: 2 },
        { kind: 'int', value: 2 },
      ],
    );
    const amount = report.table2!.subtables[4].rows[0].cells[1];
    assert.deepEqual(amount.value, { kind: 'decimal', text: '204.58', unit: '万元' });
  });
});

describe('seed 002 (OCR damage, Markdown headings, tab rows)', () => {
  const { report, diagnostics } = analyze(sample('002'));
  it('reads every row of tables 三 and 四 despite the damage', () => {
    assert.equal(Object.keys(report.table3!.rows).length, T3_2019);
    assert.equal(Object.keys(report.table4!.rows).length, 3);
    assert.deepEqual(
      report.sections.map((s) => s.number),
      [1, 1, 2, 3, 4, 5, 6],
    );
  });
  it('reports the damage where it is, never repairing it', () => {
    const at = (code: string, line: number) => diagnostics.some((d) => d.code === code && d.range.start.line === line);
    assert.ok(at('section-order', 6), 'the second 一、总体情况');
    assert.ok(at('label-variant', 32), 'the OCR-damaged header 采则 内总金额');
    assert.ok(at('amount-unit', 33), '13.595 without a unit');
    assert.ok(at('cell-invalid', 41), '1 0 for 10');
    assert.ok(at('row-unknown', 48), 'the garbled row 1 昆工园党秘密');
    assert.ok(at('cell-invalid', 93), 'Cyrillic О in table 四');
    const t41 = report.table3!.rows['new'].cells[0];
    assert.deepEqual(t41.value, { kind: 'invalid', reason: 'split-digits' });
    assert.equal(t41.raw, '1 0');
  });
});

describe('seed 003 (extra non-format row, Word artefact)', () => {
  const { report, diagnostics } = analyze(sample('003'));
  it('reports the extra row as row-unknown, and only that', () => {
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['row-unknown', 80]],
    );
  });
  it('finds section 四 behind [bookmark: _GoBack]', () => {
    const s4 = report.sections.find((s) => s.number === 4)!;
    assert.equal(s4.heading.range.start.line, 347);
    assert.equal(s4.heading.status, 'official');
    assert.equal(Object.keys(report.table4!.rows).length, 3);
  });
  it('takes the year from the text when the title has none', () => {
    assert.equal(report.year, 2020);
    assert.equal(report.yearSource, 'text');
  });
});

describe('seed 004 (tab rows, 2021)', () => {
  const { report, diagnostics } = analyze(sample('004'));
  it('is format 2021 with label-variant for 社会组织, 其他法律法规禁止公开 and 本年度止件数', () => {
    assert.equal(report.format, '2021');
    assert.equal(Object.keys(report.table3!.rows).length, T3_2021);
    const variants = diagnostics.filter((d) => d.code === 'label-variant' && d.severity === 'warning');
    assert.deepEqual(
      variants.map((d) => [d.range.start.line, d.data!.official]),
      [
        [31, '本年废止件数'],
        [49, '社会公益组织'],
        [56, '2.其他法律行政法规禁止公开'],
      ],
    );
  });
  it('reports the rows with an eighth value cell', () => {
    const counts = diagnostics.filter((d) => d.code === 'cell-count').map((d) => d.range.start.line);
    assert.deepEqual(counts, [51, 52, 74, 75]);
  });
});

describe('the synthetic PDF-layout sample', () => {
  const { report, diagnostics } = analyze(sample('synthetic'));
  it('has no diagnostics at all', () => {
    assert.deepEqual(diagnostics, []);
  });
  it('reads wrapped labels, split header cells and page numbers into complete tables', () => {
    assert.equal(report.format, '2021');
    assert.equal(report.year, 2023);
    const t3 = dumpModel(report).table3!;
    assert.deepEqual(t3.partial, [1, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(t3.u1, [2, 0, 0, 0, 1, 0, 3]);
    assert.deepEqual(t3.o3, [0, 1, 0, 0, 0, 0, 1]);
    assert.deepEqual(t3.total, [10, 2, 0, 0, 1, 0, 13]);
    assert.equal(report.table3!.rows['o2'].label!.status, 'official');
  });
});

/** The text with the value cells of a canonical row replaced. */
function setCellText(text: string, label: string, cells: string[]): string {
  return text
    .split('\n')
    .map((l) => (l.startsWith('|') && l.split('|')[1].trim() === label ? `| ${label} | ${cells.join(' | ')} |` : l))
    .join('\n');
}

/** Rewrites each table of a report in the canonical layout, keeping everything else. */
function canonicalRewrite(report: Report): string {
  const f = report.format!;
  const parts = ['某某单位' + (report.year ?? 2021) + '年政府信息公开工作年度报告', '一、总体情况', '正文。'];
  parts.push('二、主动公开政府信息情况', writeTable(2, f, valuesOf(report, 2)));
  parts.push('三、收到和处理政府信息公开申请情况', writeTable(3, f, valuesOf(report, 3)));
  parts.push('四、政府信息公开行政复议、行政诉讼情况', writeTable(4, f, valuesOf(report, 4)));
  parts.push('五、存在的主要问题及改进情况', '问题。', '六、其他需要报告的事项', '无。');
  return parts.join('\n');
}

describe('round trip through the canonical layout', () => {
  for (const name of ['000', '001', '002', '003', '004', 'synthetic']) {
    it(`sample ${name} written canonically parses back to the same values`, () => {
      const report = parseReport(sample(name));
      const again = parseReport(canonicalRewrite(report));
      const a = dumpModel(report);
      const b = dumpModel(again);
      assert.deepEqual(b.table2, a.table2);
      assert.deepEqual(b.table3, a.table3);
      assert.deepEqual(b.table4, a.table4);
      assert.equal(again.format, report.format);
    });
  }
});

describe('layouts', () => {
  const base = fixture('consistent-2021.xxgk');
  const values = dumpModel(parseReport(base));
  const same = (text: string) => {
    const { report, diagnostics } = analyze(text);
    const d = dumpModel(report);
    assert.deepEqual([d.table2, d.table3, d.table4], [values.table2, values.table3, values.table4]);
    return diagnostics;
  };
  it('CRLF line ends and a BOM', () => {
    assert.deepEqual(same('\ufeff' + base.replace(/\n/g, '\r\n')), []);
  });
  it('full-width digits and spaces', () => {
    const fw = base.replace(
      /\| (\d+)/g,
      (_, d: string) => '|\u3000' + [...d].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join(''),
    );
    assert.deepEqual(same(fw), []);
  });
  it('tab-separated rows, with a stray leading empty cell', () => {
    const tabs = base
      .split('\n')
      .map((l) =>
        l.startsWith('|')
          ? '\t' +
            l
              .slice(1, -1)
              .split('|')
              .map((c) => c.trim())
              .join('\t')
          : l,
      )
      .join('\n');
    assert.deepEqual(same(tabs), []);
  });
  it('one cell per line, tab-indented, blank line between rows (Word → web page)', () => {
    const cells = base
      .split('\n')
      .map((l) =>
        l.startsWith('|')
          ? l
              .slice(1, -1)
              .split('|')
              .map((c) => '\t' + c.trim())
              .join('\n') + '\n'
          : l,
      )
      .join('\n');
    assert.deepEqual(same(cells), []);
  });
  it('copied from a web page: every cell on its own line, no mark where a row ends', () => {
    const web = base
      .split('\n')
      .map((l) =>
        l.startsWith('|')
          ? l
              .slice(1, -1)
              .split('|')
              .map((c) => c.trim())
              .join('\n\n') + '\n'
          : l,
      )
      .join('\n');
    assert.deepEqual(same(web), []);
  });
  it('copied from a web page, with empty cells as a space or a no-break space and lone tab lines between cells', () => {
    const withBlanks = setCellText(base, '1.属于国家秘密', ['\u00a0', ' ', '0', '0', '0', '0', '0']);
    const web = withBlanks
      .split('\n')
      .map((l) =>
        l.startsWith('|')
          ? l
              .slice(1, -1)
              .split('|')
              .map((c) => (c.trim() === '' ? c.slice(1, -1) || ' ' : c.trim()))
              .join('\n\t\n') + '\n'
          : l,
      )
      .join('\n');
    const { report, diagnostics } = analyze(web);
    assert.deepEqual(dumpModel(report).table3!.d1, [null, null, 0, 0, 0, 0, 0]);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['cell-blank', 'cell-blank'],
    );
  });
  it('Markdown headings', () => {
    assert.deepEqual(same(base.replace(/^([一二三四五六]、)/gm, '### $1')), []);
  });
});
