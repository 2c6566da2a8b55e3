import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReport } from '../../server/src/report/index';
import { LAYOUTS, consistentReport, seeded } from './reportGen';

/** The wordings of each format's tables that tell the format (parse.ts MARKERS), the first one first. */
const MARKERS = {
  '2019': [
    '本年新制作数量',
    '本年新公开数量',
    '对外公开总数量',
    '上一年项目数量',
    '采购项目数量',
    '采购总金额',
    '政府集中采购',
    '其他对外管理服务事项',
  ],
  '2021': [
    '本年制发件数',
    '本年废止件数',
    '现行有效件数',
    '本年处理决定数量',
    '本年收费金额',
    '申请人无正当理由逾期不补正',
    '申请人逾期未按收费通知',
  ],
} as const;
const anyOf = (ms: readonly string[]) => new RegExp(ms.join('|'), 'g');

/** The first line holding `marker` once folded (NFKC) and without spaces. */
function firstLineWith(text: string, marker: string): number {
  return text.split('\n').findIndex((l) =>
    l
      .normalize('NFKC')
      .replace(/[\s\u200b]/g, '')
      .includes(marker),
  );
}

/** Ideographs' Kangxi radical and compatibility forms (NFKC folds each into its ideograph), the first one found. */
const COMPAT = new Map<string, string>();
for (const [a, b] of [
  [0x2f00, 0x2fd5],
  [0xf900, 0xfaff],
]) {
  for (let c = a; c <= b; c++) {
    const s = String.fromCharCode(c);
    const n = s.normalize('NFKC');
    if (n !== s && n.length === 1 && !COMPAT.has(n)) COMPAT.set(n, s);
  }
}

/** Each occurrence of a marker written another way (spaces inside, Kangxi radical and compatibility forms). */
const WRITINGS: [string, (m: string) => string][] = [
  ['as it is', (m) => m],
  ['with spaces inside', (m) => [...m].join(' ')],
  ['with ideographic spaces inside', (m) => [...m].join('\u3000')],
  ['with the compatibility forms of its ideographs', (m) => [...m].map((c) => COMPAT.get(c) ?? c).join('')],
];

test('the format is told by its tables, the evidence the first line with its first marker, however the marker is written', () => {
  const rand = seeded(21);
  for (const format of ['2019', '2021'] as const) {
    for (const layout of LAYOUTS) {
      const { text: plain } = consistentReport(format, rand, layout);
      const marker = MARKERS[format][0];
      assert.ok(plain.includes(marker), `${format} ${layout}: the generated report has ${marker}`);
      const first = plain.split('\n').findIndex((l) => l.includes(marker));
      for (const [how, write] of WRITINGS) {
        // Every marker written that way; the first one again on the next line (a note in the table):
        // the evidence stays at the first.
        const lines = plain.replace(anyOf(MARKERS[format]), write).split('\n');
        lines.splice(first + 1, 0, `注：${write(marker)}含规范性文件。`);
        const text = lines.join('\n');
        const r = parseReport(text);
        const what = `${format} ${layout} ${how}`;
        assert.equal(r.format, format, what);
        assert.equal(r.formatSource, 'tables', what);
        const line = firstLineWith(text, marker);
        assert.ok(line >= 0, what);
        assert.equal(r.formatEvidence?.start.line, line, what);
        assert.equal(r.formatEvidence?.end.character, text.split('\n')[line].length, what);
      }
    }
  }
});

test('a marker cut by a line break is no marker: the year tells the format then', () => {
  // Table 二 of a 2021 report with every marker of its format cut in two, in a report titled 2019.
  const { text } = consistentReport('2021', seeded(5), 'canonical');
  const cut = text
    .replace(/\d{4}年政府信息公开/, '2019年政府信息公开')
    .replace(anyOf(MARKERS['2021']), (m) => m.slice(0, 2) + '\n' + m.slice(2));
  const r = parseReport(cut);
  assert.notEqual(r.formatSource, 'tables');
  assert.equal(r.format, '2019');
});

test('a marker with ASCII in it is found in full-width forms and with spaces too (本年增／减), and no other line is taken for it', () => {
  // A 2019 report whose only marker left is 本年增/减, under a title of a 2021-format year.
  const { text } = consistentReport('2019', seeded(3), 'canonical');
  let only = text.replace(/\d{4}年政府信息公开/, '2023年政府信息公开');
  for (const m of MARKERS['2019']) only = only.split(m).join(`项目${m.length}`);
  const first = only.split('\n').findIndex((l) => l.includes('本年增/减'));
  assert.ok(first >= 0);
  for (const written of ['本年增/减', '本年增／减', '本 年 增 ／ 减', '本年增\u3000/\u00a0减', '本年增\u200b／减']) {
    const r = parseReport(only.split('本年增/减').join(written));
    assert.equal(r.format, '2019', written);
    assert.equal(r.formatSource, 'tables', written);
    assert.equal(r.formatEvidence?.start.line, first, written);
  }
  // Not a marker: another character in it, or the two halves on two lines.
  for (const written of ['本年增减', '本年增\\减', '本年增/\n减', '本年增/\u0301减']) {
    const r = parseReport(only.split('本年增/减').join(written));
    assert.equal(r.formatSource, 'year', JSON.stringify(written));
    assert.equal(r.format, '2021', JSON.stringify(written));
  }
});
