/**
 * No rule is ever skipped in silence: every rule that needs rows, a year or the tables' wording
 * either runs or says, as `rule-skipped`, what it lacks. And a 2021 table that keeps the single
 * 2019 row （六）其他处理 is read, reported and checked with that row standing for its group.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, FORMATS, RULE_CODES, type FormatVersion, type ReportDiagnostic, type RuleCode } from '../../server/src/report/index';
import { consistentValues, reportWith, seeded } from './reportGen';

/** Rules whose inputs can be missing, and the rows (or facts) each needs. */
const NEEDS: Partial<Record<RuleCode, (f: FormatVersion) => string[]>> = {
  'sum-balance': () => ['new', 'carry', 'total', 'forward'],
  'sum-results': (f) => FORMATS[f].table3.rows.filter((r) => r.groups.length > 0).map((r) => r.key),
  'sum-row': (f) => FORMATS[f].table3.rows.map((r) => r.key),
  'sum-review': () => ['review', 'direct', 'post'],
  'format-version': () => ['year'],
};
/** Rules that look at whatever is there, so there is nothing they could lack. */
const ALWAYS: Partial<Record<RuleCode, string>> = {
  'cell-blank': 'each cell that is there',
  'cell-invalid': 'each cell that is there',
  'cell-count': 'each row that is there',
  'amount-unit': 'each 采购总金额 cell that is there',
  'section-missing': 'the text itself',
  'section-order': 'the headings found',
  'section-heading': 'the headings found',
  'section-empty': 'the headings found',
  'row-missing': 'the rows found',
  'row-unknown': 'the rows found',
  'label-variant': 'the labels found',
  'rule-skipped': 'the other rules',
  'table-markup': 'the text itself (each table written as HTML markup)',
  'cell-suspect': 'the sums that are evaluated (repair-limit says when the search hits its bound)',
  'repair-ambiguous': 'the repair of the sums that are evaluated',
  'repair-limit': 'the repair of the sums that are evaluated',
  'file-encoding': 'the bytes of the file as read',
  'file-unreadable': 'the file as read',
  // narrative.ts, table2Rules.ts, crossYear.ts: each figure, claim or cell that is there, against the
  // cells read as numbers; a missing table is row-missing, an unreadable cell cell-blank/cell-invalid.
  'text-figure': 'each narrative figure whose cells are read',
  'text-basis': 'each narrative figure whose cells are read',
  'text-claim': 'each claim whose cells are read',
  'text-year': 'each year written in the narrative, against the report year when known',
  'table2-total': 'each 规章/规范性文件 row that is there (2019)',
  'rule-making': 'the 规章 row and the body named in the title',
  'fee-conflict': 'each fee statement in section 六',
  'fee-silent': 'table 三 （六）2 when read, and section 六 when there',
  'carry-mismatch': 'the carry cells of the report and last year’s',
  'stock-mismatch': 'the table 二 cells of the report and last year’s',
  'items-mismatch': 'the table 二 cells of the report and last year’s',
  'copied-text': 'section 五 of the report and last year’s',
};

function lines(text: string) {
  return text.split('\n');
}

/** The report without the canonical line of one row (table 三 by its label, table 四 by its group). */
function withoutRow(text: string, format: FormatVersion, key: string): string {
  const r3 = FORMATS[format].table3.rows.find((r) => r.key === key);
  const g4 = FORMATS[format].table4.groups.find((g) => g.key === key);
  const label = r3?.label ?? (g4!.parent ? `${g4!.parent}（${g4!.label}）` : g4!.label);
  const out = lines(text).filter((l) => !(l.startsWith('|') && l.split('|')[1].trim() === label));
  assert.notEqual(out.length, lines(text).length, `${key} found`);
  return out.join('\n');
}

const skips = (ds: ReportDiagnostic[]) => ds.filter((d) => d.code === 'rule-skipped');

describe('no rule is skipped in silence', () => {
  it('every rule code is either always evaluated or says when it cannot be', () => {
    for (const code of RULE_CODES) assert.ok(NEEDS[code] || ALWAYS[code], `${code}: classify it here (and make it say when it is skipped)`);
    for (const code of Object.keys(NEEDS)) assert.ok(!ALWAYS[code as RuleCode], code);
  });

  for (const format of ['2019', '2021'] as FormatVersion[]) {
    const { t3, t4 } = consistentValues(format, seeded(5));
    const full = reportWith(format, format === '2019' ? 2020 : 2022, t3, t4).text;

    it(`${format}: a complete report skips nothing`, () => {
      assert.deepEqual(skips(analyze(full).diagnostics), []);
    });

    for (const [code, needs] of Object.entries(NEEDS) as [RuleCode, (f: FormatVersion) => string[]][]) {
      for (const need of needs(format)) {
        it(`${format}: ${code} without ${need} says so`, () => {
          const text = need === 'year' ? full.replace(/(?:19|20)\d{2}\s*年/g, '本年') : withoutRow(full, format, need);
          const { report, diagnostics } = analyze(text);
          if (need === 'year') assert.equal(report.year, null);
          const said = skips(diagnostics).filter((d) => d.data?.rule === code);
          assert.equal(said.length, 1, `${code} without ${need}: ${diagnostics.map((d) => d.code).join(', ')}`);
          assert.ok((said[0].data!.missing as string[]).includes(need), JSON.stringify(said[0].data));
          assert.equal(said[0].severity, 'information');
          assert.match(said[0].message, new RegExp(code));
          // In English too, naming the rule and what it lacks.
          const en = skips(analyze(text, { locale: 'en' }).diagnostics).find((d) => d.data?.rule === code)!;
          assert.match(en.message, /^Not checked: /);
          assert.doesNotMatch(
            en.message.replace(/「[^」]*」|table [二三四]|（七）总计|总计/g, ''),
            /[\u4e00-\u9fff]/,
            'English apart from official labels',
          );
        });
      }
    }
  }

  it('without table 三 or 四 at all, their sum rules say so', () => {
    const { t3, t4 } = consistentValues('2021', seeded(9));
    const text = reportWith('2021', 2022, t3, t4).text;
    const noTables = lines(text)
      .filter((l) => !l.startsWith('|'))
      .join('\n');
    const said = skips(analyze(noTables).diagnostics).map((d) => d.data!.rule);
    assert.deepEqual([...said].sort(), ['format-version', 'sum-balance', 'sum-results', 'sum-review', 'sum-row']);
  });
});

describe('a 2021 table with the single 2019 row （六）其他处理', () => {
  const { t3, t4 } = consistentValues('2021', seeded(3));
  const o = [0, 1, 2, 3, 4, 5, 6].map((c) => t3.o1[c] + t3.o2[c] + t3.o3[c]);
  const gen = reportWith('2021', 2022, t3, t4).text;
  const text = lines(gen)
    .filter((l) => !/^\|\s+(?:1\.申请人|2\.申请人|3\.其他)/.test(l))
    .map((l) => (/^\|\s+（六）其他处理/.test(l) ? `| （六）其他处理 | ${o.join(' | ')} |` : l))
    .join('\n');

  it('is read under the 2019 key o, reported as row-missing for o1..o3, and the sums hold', () => {
    const { report, diagnostics } = analyze(text);
    assert.deepEqual(
      report.table3!.rows.o.cells.map((c) => (c.value.kind === 'int' ? c.value.value : null)),
      o,
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.data?.row]),
      [
        ['row-missing', 'o1'],
        ['row-missing', 'o2'],
        ['row-missing', 'o3'],
      ],
    );
    for (const d of diagnostics) assert.ok(d.data?.insertAt && typeof d.data.text === 'string', 'with the row to insert');
  });

  it('a changed cell and its row total both changed by one are found', () => {
    const changed = text.replace(
      `| （六）其他处理 | ${o.join(' | ')} |`,
      `| （六）其他处理 | ${o[0] + 1} | ${o.slice(1, 6).join(' | ')} | ${o[6] + 1} |`,
    );
    const codes = analyze(changed)
      .diagnostics.filter((d) => d.code.startsWith('sum-'))
      .map((d) => `${d.code}:${d.data?.col}`);
    assert.deepEqual(codes.sort(), ['sum-results:naturalPerson', 'sum-results:total']);
  });
});
