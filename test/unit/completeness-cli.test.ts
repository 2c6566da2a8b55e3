/** Every cell of tables 三 and 四 is covered by a sum rule; the command-line checker's contract; bad input. */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, parseReport, type Cell } from '../../server/src/report/index';
import { run } from '../../server/src/cli';
import { ROOT, SAMPLES, fixture, sample } from './helpers';
import { tempDir } from './tempDir';

function replaceCell(text: string, cell: Cell, value: string): string {
  const lines = text.split(/(\r\n|\r|\n)/);
  // lines alternates content and separators: content line k is at index 2k.
  const k = cell.range.start.line * 2;
  const l = lines[k];
  lines[k] = l.slice(0, cell.range.start.character) + value + l.slice(cell.range.end.character);
  return lines.join('');
}

function everyCellIsCovered(name: string, text: string) {
  const report = parseReport(text);
  const cells = [...Object.values(report.table3!.rows), ...Object.values(report.table4!.rows)].flatMap((r) => r.cells);
  assert.equal(cells.length, (report.format === '2021' ? 25 : 23) * 7 + 15, name);
  for (const cell of cells) {
    const value = cell.value.kind === 'int' ? cell.value.value : 0;
    const changed = analyze(replaceCell(text, cell, String(value + 1))).diagnostics;
    assert.ok(
      changed.some((d) => d.code.startsWith('sum-')),
      `${name}: changing ${cell.rowKey}.${cell.colKey} (line ${cell.range.start.line + 1}) gives no sum diagnostic`,
    );
  }
}

describe('completeness: changing any one cell of tables 三 or 四 breaks a sum', () => {
  it('in the canonical layout (2021)', () => everyCellIsCovered('consistent-2021', fixture('consistent-2021.xxgk')));
  it('in the PDF layout (synthetic sample)', () => everyCellIsCovered('synthetic', sample('synthetic')));
  it('in the one-cell-per-line layout (2019, seed 000)', () => everyCellIsCovered('000', sample('000')));
});

describe('command line: xxgk check', () => {
  const dir = tempDir('xxgk-cli-');
  const good = join(dir, 'good.xxgk');
  writeFileSync(good, fixture('consistent-2021.xxgk'));
  const bad = join(dir, 'bad.xxgk');
  writeFileSync(bad, fixture('consistent-2021.xxgk').replace(/(\| 四、结转下年度继续办理\s+\| )0/, '$11'));

  it('exits 0 without errors, 1 with errors, 2 on bad usage or an unreadable file', () => {
    assert.equal(run(['check', good]).code, 0);
    assert.equal(run(['check', bad]).code, 1);
    assert.equal(run(['check']).code, 2);
    assert.equal(run(['check', '--format', 'xml', good]).code, 2);
    assert.equal(run(['check', join(dir, 'nope.xxgk')]).code, 2);
    const binary = join(dir, 'binary.txt');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff]));
    const r = run(['check', binary]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /不是文本文件/);
  });
  it('prints compiler-style lines with the source and a caret, and a summary', () => {
    const r = run(['check', bad], dir);
    const lines = r.stdout.split('\n');
    // The suspect cell (the cause) comes first, then the broken sums it explains.
    assert.match(lines[0], /^bad\.xxgk:\d+:\d+: 错误 cell-suspect: 「四、结转下年度继续办理·自然人」很可能填错：应为 0/);
    assert.match(lines[3], /^bad\.xxgk:\d+:\d+: 错误 sum-balance: 「自然人」列不平衡/);
    assert.match(lines[4], /四、结转下年度继续办理/);
    assert.match(lines[5], /^\s+\^$/);
    assert.match(lines[lines.length - 1], /^检查了 1 个文件：3 个错误，0 个警告；1 个文件有错误$/);
    assert.match(run(['check', '--locale', 'en', bad], dir).stdout, /error sum-balance: Column “自然人” does not balance/);
  });
  it('gives JSON of exactly the documented shape', () => {
    const r = run(['check', '--format', 'json', bad], dir);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ['files']);
    const [f] = json.files;
    assert.deepEqual(Object.keys(f), ['path', 'year', 'format', 'diagnostics']);
    assert.equal(f.path, 'bad.xxgk');
    assert.equal(f.year, 2023);
    assert.equal(f.format, '2021');
    assert.deepEqual(
      f.diagnostics.map((x: { code: string }) => x.code),
      ['cell-suspect', 'sum-balance', 'sum-row'],
    );
    assert.equal(f.diagnostics[0].expected, '0');
    const d = f.diagnostics[1];
    assert.deepEqual(Object.keys(d), ['code', 'severity', 'message', 'range', 'expected', 'actual']);
    assert.equal(d.code, 'sum-balance');
    assert.equal(d.expected, '0');
    assert.equal(d.actual, '1');
  });
  it('recurses over folders, taking .xxgk and .txt files', () => {
    const r = run(['check', '--format', 'json', SAMPLES], ROOT);
    const json = JSON.parse(r.stdout);
    assert.equal(json.files.length, 6);
    assert.equal(r.code, 1);
    assert.deepEqual(
      json.files.map((f: { year: number }) => f.year),
      [2020, 2020, 2020, 2020, 2021, 2023],
    );
  });
  it('reads GB18030 files as Chinese Windows saves them', () => {
    const gb = join(dir, 'gb.txt');
    // 一、总体情况 in GB18030
    writeFileSync(gb, Buffer.from('d2bba1a2d7dccce5c7e9bff6', 'hex'));
    const r = run(['dump', gb]);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout).sections[0].heading, '一、总体情况');
  });
});

describe('command line: xxgk dump', () => {
  it('dumps tables 三 and 四 with format keys, numbers, nulls for blanks and text for unreadable cells', () => {
    const one = JSON.parse(run(['dump', join(SAMPLES, '001_06d18ea68e74cc84.txt')]).stdout);
    assert.deepEqual(one.table3.new, [null, null, null, null, null, null, 0]);
    assert.deepEqual(Object.keys(one.table4), ['review', 'direct', 'post']);
    assert.equal(one.table2.procurement.amount, '204.58万元');
    const two = JSON.parse(run(['dump', join(SAMPLES, '002_6fc8599f0ec6fb91.txt')]).stdout);
    assert.deepEqual(two.table3.new, ['1 0', 0, 0, 0, 0, 0, 0]);
    assert.equal(two.table4.review[1], 'O <sup>IL</sup>');
  });
});

describe('bad input never breaks the parser', () => {
  const inputs: [string, string][] = [
    ['empty', ''],
    ['only newlines', '\n\n\r\n\r'],
    ['lone surrogates and controls', '\ud800\udfff\ud800 \u0000\u0007 一、总体情况\n\ud83d'],
    ['a heading and nothing else', '三、收到和处理政府信息公开申请情况'],
    ['a table without rows', '三、收到和处理政府信息公开申请情况\n| 自然人 | 总计 |\n|---|---|'],
    ['numbers without labels', '三、收到和处理政府信息公开申请情况\n1 2 3\n4\t5\t6\n|7|8|'],
    ['a very long line', '二、主动公开政府信息情况\n' + '规章\t0\t'.repeat(20000)],
    ['tabs only', '\t\t\t\n\t\n\t'],
  ];
  for (const [name, text] of inputs) {
    it(name, () => {
      const { report, diagnostics } = analyze(text);
      assert.equal(report.lineLengths.length, text.split(/\r\n|\r|\n/).length);
      for (const d of diagnostics) {
        assert.ok(d.range.start.line < report.lineLengths.length, `${d.code} starts inside the document`);
        assert.ok(d.range.end.character <= report.lineLengths[d.range.end.line], `${d.code} ends inside its line`);
      }
    });
  }
});
