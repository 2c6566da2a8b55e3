/**
 * A label wrapped over lines in its cell whose lines went to the neighbouring rows (a PDF's or a Word
 * table's layout read line by line: 1.属于国 / 家秘密2.其他法律行政法规禁止公 / 开3.危及…): the rows'
 * labels joined are exactly the official wordings joined, so the wording is not wrong — said once as
 * information on each such label, not as a warning that the clerk wrote a wrong label.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/report/index';
import { consistentReport, seeded } from './reportGen';

const base = consistentReport('2021', seeded(5)).text;
/** The text with a row's label written otherwise (in its cell: its spaces kept). */
const relabel = (text: string, from: string, to: string) =>
  text.replace(new RegExp(`(\\| +)${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( +\\|)`), `$1${to}$2`);
const labels = (text: string) =>
  analyze(text)
    .diagnostics.filter((d) => d.code === 'label-variant')
    .map((d) => [d.severity, d.message.includes('分错了行') ? 'wrapped' : 'variant', d.message.match(/「([^」]*)」/)?.[1]]);

describe('labels whose lines went to the neighbouring rows', () => {
  it('three labels that join into their official wordings: information, each', () => {
    const text = relabel(
      relabel(relabel(base, '1.属于国家秘密', '1.属于国'), '2.其他法律行政法规禁止公开', '家秘密2.其他法律行政法规禁止公'),
      '3.危及“三安全一稳定”',
      '开3.危及“三安全一稳定”',
    );
    assert.notEqual(text, base);
    assert.deepEqual(labels(text), [
      ['information', 'wrapped', '1.属于国'],
      ['information', 'wrapped', '家秘密2.其他法律行政法规禁止公'],
      ['information', 'wrapped', '开3.危及“三安全一稳定”'],
    ]);
  });

  it('labels that do not join into the official wordings (a character lost, or another word) stay warnings', () => {
    const lost = relabel(relabel(base, '1.属于国家秘密', '1.属于国'), '2.其他法律行政法规禁止公开', '秘密2.其他法律行政法规禁止公开');
    assert.deepEqual(
      labels(lost).map((x) => x.slice(0, 2)),
      [
        ['warning', 'variant'],
        ['warning', 'variant'],
      ],
    );
    const other = relabel(base, '1.属于国家秘密', '1.属于国家机密');
    assert.notEqual(other, base);
    assert.deepEqual(labels(other), [['warning', 'variant', '1.属于国家机密']]);
  });
});
