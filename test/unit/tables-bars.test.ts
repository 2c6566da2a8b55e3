/**
 * Pipe tables written with other bars (the full-width ｜ of a Chinese input method, the box-drawing
 * │ ┃ of a table drawn with lines, its ├──┼──┤ rules), and a Markdown converter's empty last column
 * on every row (`| 0 |  |`): read as the same table, with fixes that keep the bars written.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TextEdit } from 'vscode-languageserver';
import { analyze } from '../../server/src/report/index';
import { analyzeText, type Analysis } from '../../server/src/features/analysis';
import { codeActions, isBulkAction } from '../../server/src/features/codeActions';
import { documentDiagnostics } from '../../server/src/features/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { applyEdits } from '../../server/src/report/ranges';
import { fixture, read } from './helpers';

const base = fixture('consistent-2021.xxgk');
const values = read(analyze(base).report);
const subtables = analyze(base).report.table2!.subtables.map((s) => s.rows.map((r) => r.cells.map((c) => c.raw)));
const URI = 'file:///report.txt';

/** The fixture with every table line's `|` written as `bar`. */
const withBars = (bar: string, text = base) => text.replace(/^\|.*\|$/gm, (l) => l.replace(/\|/g, bar));

function readsTheSame(text: string): void {
  const { report, diagnostics } = analyze(text);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(read(report), values);
  assert.deepEqual(
    report.table2!.subtables.map((s) => s.rows.map((r) => r.cells.map((c) => c.raw))),
    subtables,
  );
}

describe('other bars as column separators', () => {
  for (const bar of ['｜', '│', '┃'])
    it(`${bar}: the same tables, no diagnostic`, () => {
      const text = withBars(bar);
      assert.notEqual(text, base);
      readsTheSame(text);
    });

  it('a table drawn with box-drawing lines: ┌──┬──┐ above, ├──┼──┤ between the rows, └──┴──┘ below', () => {
    const rule = (l: string, [a, b, c]: string) =>
      l.replace(/^│(.*)│$/, (_, inner: string) => a + inner.replace(/[^│]/g, '─').replace(/│/g, b) + c);
    const out: string[] = [];
    const lines = withBars('│').split('\n');
    lines.forEach((l, i) => {
      const row = l.startsWith('│');
      if (!row) return out.push(l);
      if (!lines[i - 1]?.startsWith('│')) out.push(rule(l, '┌┬┐'));
      out.push(l);
      out.push(lines[i + 1]?.startsWith('│') ? rule(l, '├┼┤') : rule(l, '└┴┘'));
    });
    readsTheSame(out.join('\n'));
  });

  it('with a Markdown header rule written with the same bars (│---│---│, ｜:---:｜)', () => {
    const ruled = base.replace(
      /^(\|[^\n]*(?:勾稽关系|结果维持|信息内容)[^\n]*\|)$/gm,
      (l) => `${l}\n|${l.slice(1, -1).replace(/[^|]+/g, ':---:')}|`,
    );
    assert.notEqual(ruled, base);
    for (const bar of ['｜', '│', '┃']) readsTheSame(withBars(bar, ruled));
  });

  it('heavy bars outside and light ones inside (┃ a │ b ┃), after a zero-width space too', () => {
    const text = base.replace(/^\|.*\|$/gm, (l) => `\u200b┃${l.slice(1, -1).replace(/\|/g, '│')}┃`);
    assert.notEqual(text, base);
    readsTheSame(text);
  });

  it('a blank cell in a ｜ table: the fix writes 0 between the bars, padded to the width the cell had', () => {
    const text = withBars('｜');
    const line = text.split('\n').findIndex((l) => l.startsWith('｜ 行政复议'));
    const lines = text.split('\n');
    lines[line] = lines[line].replace(/｜ (\d) /, '｜   ');
    const damaged = lines.join('\n');
    const analysis: Analysis = {
      uri: URI,
      version: 1,
      text: damaged,
      settings: DEFAULT_SETTINGS,
      ...analyzeText(damaged, DEFAULT_SETTINGS),
    };
    const d = documentDiagnostics(analysis).find((x) => x.code === 'cell-blank');
    assert.ok(d, 'the blank cell is reported');
    const fix = codeActions(analysis, { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } }).find(
      (a) => !isBulkAction(a) && /0/.test(a.title),
    );
    assert.ok(fix);
    const edits: TextEdit[] = fix.edit?.changes?.[URI] ?? [];
    const fixed = applyEdits(damaged, edits);
    // (Padded to the cell's width: the row as it was written.)
    assert.equal(fixed.split('\n')[line], text.split('\n')[line].replace(/｜ (\d) /, '｜ 0 '));
    assert.equal(analyze(fixed).diagnostics.filter((x) => x.code === 'cell-blank').length, 0);
  });
});

describe("a Markdown converter's empty last column", () => {
  const trailing = (text: string) => text.replace(/^\|.*\|$/gm, (l) => (/^\|[\s|:-]+\|$/.test(l) ? `${l}---|` : `${l}  |`));

  it('on every row of every table: the same tables, no diagnostic', () => {
    readsTheSame(trailing(base));
  });

  it('with other bars, and with its header rule', () => {
    readsTheSame(withBars('｜', trailing(base)));
    const rules = trailing(base).replace(/^(\|[^\n]*结果维持[^\n]*\|)$/m, (l) => `${l}\n${l.replace(/[^|]/g, '-')}`);
    readsTheSame(rules);
  });

  it('not on every row: a blank last cell is a blank cell (the 总计 column of table 四 left empty)', () => {
    const text = base.replace(/^(\| 行政(?:复议|诉讼)[^\n]*\|)[^|\n]*\|$/gm, '$1      |');
    assert.notEqual(text, base);
    const blanks = analyze(text).diagnostics.filter((d) => d.code === 'cell-blank');
    assert.equal(blanks.length, 3);
  });
});
