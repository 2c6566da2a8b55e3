/**
 * Generated narratives about who applied (table 三's columns), the items of （三）（四）（五）（六), and
 * table 二's figures, over generated consistent reports with a table 二 of their own: every item in
 * several wordings (the official label and the short forms clerks write), several sentence forms,
 * every numeral style. A narrative that restates its tables raises nothing; one figure changed
 * raises exactly one text-figure on that number (text-basis where it is 新收 + 上年结转 of its
 * column), whose fix gives the original text back.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, derive, parseReport, type FormatVersion, type ReportDiagnostic } from '../../server/src/report/index';
import { checkNarrative, extractFigures } from '../../server/src/report/narrative';
import { paragraphs, toChineseNumeral, writeNumeral } from '../../server/src/report/narrativeText';
import { ROOT, fixture, setCell } from './helpers';
import {
  LAYOUTS,
  consistentReport,
  narrativeWriter,
  pick,
  renderTokens,
  seeded,
  type NarrativeToken as Token,
  type Rand,
} from './reportGen';

const NARRATIVE_CODES = new Set([
  'text-figure',
  'text-basis',
  'text-claim',
  'text-year',
  'table2-total',
  'rule-making',
  'fee-conflict',
  'fee-silent',
]);

/** Each item of table 三 in the wordings reports use. */
const ITEM_WORDINGS: Record<string, string[]> = {
  d1: ['属于国家秘密', '涉及国家秘密', '国家秘密', '涉密'],
  d2: ['其他法律行政法规禁止公开', '法律法规禁止公开', '法律、行政法规禁止公开'],
  d3: ['危及“三安全一稳定”', '三安全一稳定', '危及国家安全、公共安全、经济安全、社会稳定'],
  d4: ['保护第三方合法权益', '涉及第三方合法权益', '第三方权益'],
  d5: ['属于三类内部事务信息', '内部事务信息', '三类内部事务'],
  d6: ['属于四类过程性信息', '过程性信息'],
  d7: ['属于行政执法案卷', '行政执法案卷'],
  d8: ['属于行政查询事项', '行政查询事项'],
  u1: ['本机关不掌握相关政府信息', '不掌握相关政府信息', '本机关不掌握'],
  u2: ['没有现成信息需要另行制作', '需要另行制作', '没有现成信息'],
  u3: ['补正后申请内容仍不明确', '申请内容不明确'],
  n1: ['信访举报投诉类申请', '信访、举报、投诉类申请', '信访举报投诉'],
  n2: ['重复申请'],
  n3: ['要求提供公开出版物', '公开出版物'],
  n4: ['无正当理由大量反复申请', '大量反复申请'],
  n5: ['要求行政机关确认或重新出具已获取信息', '要求确认或重新出具已获取信息', '确认或重新出具'],
  o1: ['申请人无正当理由逾期不补正', '逾期不补正'],
  o2: ['申请人逾期未按收费通知要求缴纳费用', '逾期未缴纳费用', '未按收费通知缴纳费用'],
};
const CATEGORY_WORDS: Record<string, string> = { d: '不予公开', u: '无法提供', n: '不予处理', o: '其他处理' };
const APPLICANTS: [string, number][] = [
  ['商业企业', 1],
  ['科研机构', 2],
  ['社会公益组织', 3],
  ['法律服务机构', 4],
];

/** Table 二 values (rowKey → colKey → text) written into the generated report's canonical table 二. */
type Table2 = Record<string, Record<string, string>>;

function table2Values(format: FormatVersion, rand: Rand): Table2 {
  const n = () => String(rand(60));
  // 规章 stays 0: the generated body is a town, which cannot make them (rule-making).
  if (format === '2021')
    return {
      regulations: { made: '0', repealed: '0', valid: '0' },
      normativeDocs: { made: n(), repealed: n(), valid: String(60 + rand(100)) },
      licensing: { decisions: String(rand(3000)) },
      punishment: { decisions: n() },
      coercion: { decisions: n() },
      fees: { amount: (rand(99999) / 100).toFixed(pick(rand, [2, 2, 4])) },
    };
  const published = rand(30);
  return {
    regulations: { made: '0', published: '0', total: '0' },
    normativeDocs: { made: String(published + rand(5)), published: String(published), total: String(published + rand(80)) },
    licensing: { previous: n(), delta: '0', decisions: String(rand(3000)) },
    punishment: { previous: n(), delta: '0', decisions: n() },
    coercion: { previous: n(), delta: '0', decisions: n() },
  };
}

const T2_LABELS: Record<string, string[]> = {
  regulations: ['规章'],
  normativeDocs: ['行政规范性文件', '规范性文件'],
  licensing: ['行政许可'],
  punishment: ['行政处罚'],
  coercion: ['行政强制'],
  fees: ['行政事业性收费'],
};

/** The report's canonical table 二 with these values (columns in the format's order). */
function withTable2(text: string, format: FormatVersion, t2: Table2): string {
  const cols: Record<string, string[]> =
    format === '2021'
      ? { regulations: ['made', 'repealed', 'valid'], normativeDocs: ['made', 'repealed', 'valid'], fees: ['amount'] }
      : { regulations: ['made', 'published', 'total'], normativeDocs: ['made', 'published', 'total'], fees: ['previous', 'delta'] };
  const decisionCols = format === '2021' ? ['decisions'] : ['previous', 'delta', 'decisions'];
  return text
    .split('\n')
    .map((line) => {
      const m = /^\|\s*([^|]+?)\s*\|/.exec(line);
      if (!m) return line;
      const key = Object.keys(T2_LABELS).find((k) => T2_LABELS[k][0] === m[1] || (T2_LABELS[k][1] === m[1] && format === '2019'));
      if (!key || !t2[key]) return line;
      const keys = cols[key] ?? decisionCols;
      return `| ${m[1]} | ${keys.map((k) => t2[key][k]).join(' | ')} |`;
    })
    .join('\n');
}

function narrative(rand: Rand, t3: Record<string, number[]>, t2: Table2, format: FormatVersion): Token[] {
  const { tokens, lit, num } = narrativeWriter(rand);
  const cell = (row: string, col = 6) => t3[row][col];
  // Who applied: over 新收, by column; 法人或其他组织 is the five columns after 自然人.
  const legal = [1, 2, 3, 4, 5].reduce((s, c) => s + cell('new', c), 0);
  lit(pick(rand, ['本年度共收到政府信息公开申请', '全年新收申请']));
  num(cell('new'));
  lit('件，其中');
  lit(pick(rand, ['自然人', '自然人提出', '自然人申请']));
  num(cell('new', 0));
  lit('件');
  if (cell('new') > 0 && rand(1)) {
    // The share, in figures or in words (百分之…, …成).
    const exact = (100 * cell('new', 0)) / cell('new');
    const fixed = exact.toFixed(pick(rand, [0, 1]));
    const [whole, frac] = fixed.split('.');
    const words = `百分之${toChineseNumeral(Number(whole))}${frac ? `点${'零一二三四五六七八九'[Number(frac)]}` : ''}`;
    const tenths = Math.round(exact / 10);
    lit(pick(rand, [`，占${fixed}%`, `，占比${words}`, tenths > 0 && tenths < 10 ? `，占${toChineseNumeral(tenths)}成` : `，占${fixed}%`]));
  }
  lit(pick(rand, ['，', '；']));
  lit(pick(rand, ['法人或其他组织', '法人和其他组织', '法人或者其他组织']));
  num(legal);
  lit('件。');
  if (rand(1)) {
    lit('法人或其他组织申请中，');
    const [label, c] = pick(rand, APPLICANTS);
    lit(label);
    num(cell('new', c));
    lit('件。');
  }
  // The items of each category, in one of three forms.
  for (const group of ['d', 'u', 'n', 'o']) {
    const items = Object.keys(ITEM_WORDINGS).filter((k) => k[0] === group && k in t3);
    if (!items.length) continue;
    const total = (format === '2019' && group === 'o' ? ['o'] : Object.keys(t3).filter((k) => new RegExp(`^${group}\\d$`).test(k))).reduce(
      (s, k) => s + cell(k),
      0,
    );
    const shown = items.filter(() => rand(2) > 0);
    if (!shown.length) continue;
    const form = rand(2);
    if (form === 0) {
      lit(CATEGORY_WORDS[group]);
      num(total);
      lit('件，其中');
      shown.forEach((k, i) => {
        lit(pick(rand, ITEM_WORDINGS[k]));
        num(cell(k));
        lit(i === shown.length - 1 ? '件。' : pick(rand, ['件，', '件、']));
      });
    } else if (form === 1 && group !== 'o') {
      shown.forEach((k, i) => {
        lit(`因${pick(rand, ITEM_WORDINGS[k])}${CATEGORY_WORDS[group]}`);
        num(cell(k));
        lit(i === shown.length - 1 ? '件。' : '件，');
      });
    } else {
      lit(CATEGORY_WORDS[group]);
      num(total);
      lit('件（');
      shown.forEach((k, i) => {
        lit(pick(rand, ITEM_WORDINGS[k]));
        num(cell(k));
        lit(i === shown.length - 1 ? '件）。' : '件，');
      });
    }
  }
  // Table 二.
  const t2num = (row: string, col: string) => num(Number(t2[row][col]));
  if (format === '2021') {
    lit(pick(rand, ['本年制发行政规范性文件', '全年印发规范性文件', '制发规范性文件']));
    t2num('normativeDocs', 'made');
    lit('件，废止规范性文件');
    t2num('normativeDocs', 'repealed');
    lit('件，现行有效规范性文件');
    t2num('normativeDocs', 'valid');
    lit('件。');
  } else {
    lit(pick(rand, ['本年新制作规范性文件', '新制作规范性文件']));
    t2num('normativeDocs', 'made');
    lit('件，本年新公开规范性文件');
    t2num('normativeDocs', 'published');
    lit('件。');
  }
  lit(pick(rand, ['全年共办理行政许可', '作出行政许可决定', '行政许可处理决定']));
  t2num('licensing', 'decisions');
  lit(pick(rand, ['件，', '件；']));
  lit(pick(rand, ['作出行政处罚决定', '行政处罚决定', '实施行政处罚']));
  t2num('punishment', 'decisions');
  lit('件，');
  lit(pick(rand, ['采取行政强制措施', '行政强制决定']));
  t2num('coercion', 'decisions');
  lit('件。');
  if (format === '2021') {
    lit(pick(rand, ['收取行政事业性收费', '行政事业性收费金额为', '全年行政事业性收费总额']));
    const text = t2.fees.amount;
    tokens.push({ text, figure: { value: Number(text), style: 'arabic', text } });
    lit('万元。');
  }
  return tokens;
}

const narrativeOf = (text: string) => analyze(text).diagnostics.filter((d) => NARRATIVE_CODES.has(d.code));

describe('generated narratives about applicants, items and table 二', () => {
  for (const format of ['2019', '2021'] as FormatVersion[]) {
    for (const layout of LAYOUTS) {
      it(`${format}, tables in layout ${layout}: consistent narratives raise nothing; one changed figure gives one diagnostic there`, () => {
        for (let seed = 1; seed <= 12; seed++) {
          const rand = seeded(seed * 104729 + layout.length);
          const g = consistentReport(format, rand, layout);
          const t2 = table2Values(format, rand);
          const report = withTable2(g.text, format, t2);
          const placeholder = `${g.year}年，本机关依法做好政府信息公开工作。本段为生成的示例文字。`;
          const at = report.indexOf(placeholder);
          assert.ok(at >= 0);
          const headLines = report.slice(0, at).split('\n').length - 1;
          const tokens = narrative(rand, g.t3, t2, format);
          const wrap = rand(1) === 1;
          const wrapSeed = seed * 37;
          const { text: body } = renderTokens(tokens, seeded(wrapSeed), wrap);
          const text = report.slice(0, at) + body + report.slice(at + placeholder.length);
          assert.deepEqual(
            narrativeOf(text).map((d) => [d.code, d.message]),
            [],
            `seed ${seed}: ${body}`,
          );

          // One figure changed, in its own style.
          const figures = tokens.map((t, i) => ({ t, i })).filter((x) => x.t.figure);
          const { t, i } = pick(rand, figures);
          const k = figures.findIndex((x) => x.i === i);
          const delta = 1 + rand(4);
          const changedText = t.figure!.text
            ? (Number(t.figure!.text) + delta).toFixed(t.figure!.text.split('.')[1]?.length ?? 0)
            : writeNumeral(t.figure!.value + delta, t.figure!.style);
          const changedTokens = tokens.map((x, j) => (j === i ? { text: changedText, figure: x.figure } : x));
          const { text: changedBody, places } = renderTokens(changedTokens, seeded(wrapSeed), wrap);
          const changed = text.slice(0, at) + changedBody + text.slice(at + body.length);
          const ds = narrativeOf(changed);
          const place = places[k];
          const range = {
            start: { line: headLines + place.line, character: place.start },
            end: { line: headLines + place.line, character: place.end },
          };
          const expected = t.figure!.text ?? String(t.figure!.value);
          if (ds.length === 1 && ds[0].code === 'text-basis') {
            // A type of applicant counted with its requests carried over: another basis, said so.
            assert.equal(ds[0].data?.kind, 'applicant:naturalPerson', changedBody);
            continue;
          }
          assert.deepEqual(
            ds.map((d) => [d.code, d.range, d.expected]),
            [['text-figure', range, expected]],
            `seed ${seed}: ${changedBody}`,
          );
          const lines = changed.split('\n');
          const l = lines[range.start.line];
          lines[range.start.line] = l.slice(0, place.start) + String(ds[0].data?.replace) + l.slice(place.end);
          assert.equal(lines.join('\n'), text, 'the fix gives the original text back');
        }
      });
    }
  }
});

// ---------------------------------------------------------------- hand-made cases

/**
 * The consistent fixture: 新收 12 (自然人 9, 商业企业 2, 法律服务机构 1), 上年结转 1 (自然人), 办结 13;
 * 予以公开 5, 不予公开 2 (第三方合法权益 1, 过程性信息 1), 无法提供 3 (不掌握 3), 不予处理 1 (重复申请),
 * 其他处理 1 (（六）3); table 二: 行政规范性文件 2/1/14, 行政许可 37, 行政处罚 5, 行政强制 0, fee 0.0000.
 */
const base = fixture('consistent-2021.xxgk');
const ORIGINAL =
  '2023年，我镇共收到政府信息公开申请12件，办结13件（含上年度结转申请1件），无结转下年度办理的申请。（本文件为测试用虚构示例。）';
const SECTION6 = '2023年本机关未收取信息处理费。';
assert.ok(base.includes(ORIGINAL) && base.includes(SECTION6));
const withText = (narrative: string, section6 = SECTION6, text = base) => text.replace(ORIGINAL, narrative).replace(SECTION6, section6);
const at = (text: string, d: ReportDiagnostic) =>
  text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);
const found = (text: string) => narrativeOf(text).map((d) => [d.code, at(text, d), d.expected]);

describe('applicants, items, table 二: hand-made', () => {
  it('who applied: 自然人, 法人或其他组织 and its parts against 新收 by column; 新收 + 上年结转 is another basis', () => {
    assert.deepEqual(found(withText('2023年共收到申请12件，其中自然人申请9件，法人或其他组织申请3件，占25%。')), []);
    assert.deepEqual(found(withText('法人或其他组织3件，其中商业企业2件、法律服务机构1件。')), []);
    assert.deepEqual(found(withText('收到自然人申请8件。')), [['text-figure', '8', '9']]);
    assert.deepEqual(found(withText('收到自然人申请10件。')), [['text-basis', '10', '9']]);
    assert.deepEqual(found(withText('收到申请12件，其中自然人9件，占80%。')), [['text-figure', '80', '75']]);
    // Lists, channels and 其他 are not pinned to one column.
    assert.deepEqual(found(withText('自然人、法人或其他组织共提出申请12件；通过网络提交的自然人申请5件；其他1件。')), []);
  });

  it('the items of 不予公开, 无法提供, 不予处理: after 其中, named before their category (因…), or in brackets', () => {
    assert.deepEqual(found(withText('不予公开2件，其中保护第三方合法权益1件、属于四类过程性信息1件。')), []);
    assert.deepEqual(found(withText('因本机关不掌握相关政府信息无法提供3件，因重复申请不予处理1件。')), []);
    assert.deepEqual(found(withText('不予公开2件（涉及第三方权益1件，过程性信息2件）。')), [['text-figure', '2', '1']]);
    assert.deepEqual(found(withText('因属于国家秘密不予公开1件。')), [['text-figure', '1', '0']]);
    // A reason not recognised, an item under the wrong category, a list with one figure: not checked.
    assert.deepEqual(found(withText('因申请人撤回申请不予处理2件；因涉密无法提供1件；国家秘密、第三方合法权益共5件。')), []);
    // 没有现成信息… is an item, not a claim that no request came in.
    assert.deepEqual(found(withText('无法提供3件，其中没有现成信息需要另行制作0件、本机关不掌握3件。')), []);
  });

  it('table 二: decisions and the fee amount; applications and items published are not decisions', () => {
    assert.deepEqual(found(withText('全年共办理行政许可37件，作出行政处罚决定6件，采取行政强制措施0件。')), [['text-figure', '6', '5']]);
    assert.deepEqual(found(withText('受理行政许可申请1234件，公开行政处罚信息120件，行政许可事项20件。')), []);
    assert.deepEqual(found(withText('收取行政事业性收费1.5万元。')), [['text-figure', '1.5', '0.0000']]);
    assert.deepEqual(found(withText('行政事业性收费金额为0万元。')), []);
    assert.deepEqual(found(withText('制发行政规范性文件3件，废止规章1件，现行有效规范性文件14件。')), [
      ['text-figure', '3', '2'],
      ['text-figure', '1', '0'],
    ]);
    // 规章制度 are a body's internal rules, not 规章.
    assert.deepEqual(found(withText('制定规章制度5件。')), []);
  });

  it('shares in words: 百分之N to its printed decimals, N成 to the nearest ten points; 约, 近半数 not checked', () => {
    // 予以公开 5 of 13 handled = 38.46%.
    assert.deepEqual(found(withText('予以公开5件，占比百分之三十八点五；无法提供3件，占二成。')), []);
    const ds = narrativeOf(withText('予以公开5件，占比百分之五十。'));
    assert.deepEqual(
      ds.map((d) => [d.code, d.expected, d.data?.replace]),
      [['text-figure', '百分之三十八', '三十八']],
    );
    assert.deepEqual(found(withText('予以公开5件，占六成。')), [['text-figure', '六', '四成']]);
    assert.deepEqual(found(withText('予以公开5件，约占百分之五十；无法提供3件，近半数；不予公开2件，占一成多。')), []);
    const en = checkNarrative(parseReport(withText('予以公开5件，占六成。')), withText('予以公开5件，占六成。'), { locale: 'en' });
    assert.match(en[0].message, /share of .* as “六成”; the tables give “四成”/);
  });

  it('fee-silent: requests closed for an unpaid fee notice and section 六 silent about fees (information)', () => {
    // 其他处理 moved from （六）3 to （六）2: the sums still hold.
    const o3 = '3.其他';
    const o2 = '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请';
    const unpaid = setCell(setCell(setCell(setCell(base, o3, 1, '0'), o3, 6, '0'), o2, 1, '1'), o2, 6, '1');
    const silent = withText(ORIGINAL, '无其他需要报告的事项。', unpaid);
    const ds = narrativeOf(silent);
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.range.start.line]),
      [['fee-silent', 'information', silent.split('\n').indexOf('六、其他需要报告的事项')]],
    );
    assert.equal(ds[0].related.length, 1);
    assert.deepEqual(narrativeOf(withText(ORIGINAL, '本年度发出收费通知1件，申请人逾期未缴纳。', unpaid)), []);
    // Section 六 says nothing was charged: the conflict, not the silence.
    assert.deepEqual(
      narrativeOf(withText(ORIGINAL, SECTION6, unpaid)).map((d) => d.code),
      ['fee-conflict'],
    );
    // No request closed for a fee: silence is fine.
    assert.deepEqual(narrativeOf(withText(ORIGINAL, '无其他需要报告的事项。')), []);
  });
});

// ---------------------------------------------------------------- the real reports

/** Which figures each real report's narrative yields (kind=value), all agreeing with its tables. */
const REAL_FIGURES: Record<string, string> = {
  'huaian-2024.pdftotext.txt':
    'received=3119 handled=3050 carry=34 forward=103 t4:review:total=351 t4:review:maintained=72 t4:review:corrected=64 t4:review:other=178 t4:review:pending=37 t4:litigation:total=46 t4:litigation:maintained=25 t4:litigation:corrected=5 t4:litigation:other=9 t4:litigation:pending=7',
  // (The same PDF as pdftotext -raw gives it: the same figures.)
  'huaian-2024.pdftotext-raw.txt':
    'received=3119 handled=3050 carry=34 forward=103 t4:review:total=351 t4:review:maintained=72 t4:review:corrected=64 t4:review:other=178 t4:review:pending=37 t4:litigation:total=46 t4:litigation:maintained=25 t4:litigation:corrected=5 t4:litigation:other=9 t4:litigation:pending=7',
  // (And in pdftotext's default reading order: the same figures.)
  'huaian-2024.pdftotext-default.txt':
    'received=3119 handled=3050 carry=34 forward=103 t4:review:total=351 t4:review:maintained=72 t4:review:corrected=64 t4:review:other=178 t4:review:pending=37 t4:litigation:total=46 t4:litigation:maintained=25 t4:litigation:corrected=5 t4:litigation:other=9 t4:litigation:pending=7',
  'pingtan-2021.innertext.txt': 'received=70 handled=69 forward=1',
  'pingtan-2021.clipboard.txt': 'received=70 handled=69 forward=1',
  'pingtan-2019.innertext.txt': '',
  'pingtan-2019.clipboard.txt': '',
  '000_716a350312c1a089.txt': '',
  '001_06d18ea68e74cc84.txt': '',
  '002_6fc8599f0ec6fb91.txt': '',
  '003_fbd623e0f7a449c7.txt': '',
  '004_7e630d27dccc3614.txt': '',
  'synthetic-2021-pdf-layout.txt': 'received=12 handled=13 carry=1 forward=0',
};

describe('real reports: the figures each yields, and nothing raised', () => {
  for (const dir of ['real', 'samples'])
    for (const name of readdirSync(join(ROOT, 'test', 'fixtures', dir)).filter((f) => f.endsWith('.txt'))) {
      it(`${dir}/${name}`, () => {
        const text = readFileSync(join(ROOT, 'test', 'fixtures', dir, name), 'utf8');
        const report = parseReport(text);
        const figures = extractFigures(report, paragraphs(report, text.split(/\r\n|\r|\n/)));
        assert.equal(figures.map((f) => `${f.kind}=${f.raw}`).join(' '), REAL_FIGURES[name]);
        assert.deepEqual(checkNarrative(report, text, { derivations: derive(report) }), []);
        assert.deepEqual(narrativeOf(text), []);
      });
    }
});
