/**
 * The narrative against the tables: small hand-made narratives in the consistent fixture (new 12,
 * carry 1, handled 13, forward 0; 予以公开 5, 部分公开 1, 不予公开 2, 无法提供 3, 不予处理 1, 其他处理 1;
 * 行政复议 2 with 1 尚未审结, 诉讼 1 纠正), each rule positive and negative, each numeral form, and the
 * real reports, which must raise nothing.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, writeSkeleton, type ReportDiagnostic } from '../../server/src/report/index';
import { parseChineseNumeral, readNumeral, toChineseNumeral, writeNumeral } from '../../server/src/report/narrativeText';
import { cannotMakeRules } from '../../server/src/report/table2Rules';
import { ROOT, fixture, sample, setCell } from './helpers';
import { analyzeText, type Analysis } from '../../server/src/features/analysis';
import { codeActions } from '../../server/src/features/codeActions';
import { documentDiagnostics } from '../../server/src/features/diagnostics';
import { hover } from '../../server/src/features/hover';
import { applyEdits } from '../../server/src/report/ranges';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';

const base = fixture('consistent-2021.xxgk');
const ORIGINAL =
  '2023年，我镇共收到政府信息公开申请12件，办结13件（含上年度结转申请1件），无结转下年度办理的申请。（本文件为测试用虚构示例。）';
assert.ok(base.includes(ORIGINAL));
const SECTION6 = '2023年本机关未收取信息处理费。';

const NARRATIVE_CODES = new Set(['text-figure', 'text-basis', 'text-claim', 'text-year', 'table2-total', 'rule-making', 'fee-conflict']);
const narrativeOf = (text: string) => analyze(text).diagnostics.filter((d) => NARRATIVE_CODES.has(d.code));

/** The consistent fixture with its section 一 narrative replaced (and optionally section 六's). */
function withText(narrative: string, section6 = SECTION6, text = base): string {
  return text.replace(ORIGINAL, narrative).replace(SECTION6, section6);
}

/** The text at a diagnostic's range. */
function at(text: string, d: ReportDiagnostic): string {
  const line = text.split('\n')[d.range.start.line];
  return line.slice(d.range.start.character, d.range.end.character);
}

/** The fixture with 上年结转 2 and 结转下年度 1 (自然人 and 总计), so the balance still holds. */
const withForward = setCell(
  setCell(
    setCell(setCell(base, '二、上年结转政府信息公开申请数量', 0, '2'), '二、上年结转政府信息公开申请数量', 6, '2'),
    '四、结转下年度继续办理',
    0,
    '1',
  ),
  '四、结转下年度继续办理',
  6,
  '1',
);

describe('numerals', () => {
  it('reads and writes Chinese numerals', () => {
    assert.equal(parseChineseNumeral('二十三'), 23);
    assert.equal(parseChineseNumeral('一百零五'), 105);
    assert.equal(parseChineseNumeral('十'), 10);
    assert.equal(parseChineseNumeral('十二'), 12);
    assert.equal(parseChineseNumeral('两千零一十'), 2010);
    assert.equal(parseChineseNumeral('一〇五'), 105);
    assert.equal(parseChineseNumeral('三万五千'), 35000);
    assert.equal(parseChineseNumeral('二三'), null);
    assert.equal(parseChineseNumeral('十十'), null);
    for (let n = 0; n <= 30000; n += n < 200 ? 1 : 37)
      assert.equal(parseChineseNumeral(toChineseNumeral(n)), n, `${n} ${toChineseNumeral(n)}`);
    assert.equal(toChineseNumeral(105), '一百零五');
    assert.equal(toChineseNumeral(23), '二十三');
    assert.equal(toChineseNumeral(10), '十');
    assert.equal(toChineseNumeral(110), '一百一十');
  });
  it('reads Arabic, full-width and grouped figures, and writes each style back', () => {
    assert.deepEqual(readNumeral('1,259'), { value: 1259, decimals: 0, style: 'grouped' });
    assert.deepEqual(readNumeral('１２'), { value: 12, decimals: 0, style: 'fullwidth' });
    assert.deepEqual(readNumeral('46.2', true), { value: 46.2, decimals: 1, style: 'arabic' });
    assert.equal(readNumeral('46.2'), null);
    assert.equal(readNumeral('1,25'), null);
    assert.equal(writeNumeral(1259, 'grouped'), '1,259');
    assert.equal(writeNumeral(12, 'fullwidth'), '１２');
    assert.equal(writeNumeral(12, 'chinese'), '十二');
  });
});

describe('text-figure', () => {
  it('the consistent narrative raises nothing', () => {
    assert.deepEqual(narrativeOf(base), []);
  });
  for (const [written, replace] of [
    ['15', '12'],
    ['１５', '１２'],
    ['十五', '十二'],
    ['1,500', '12'],
  ]) {
    it(`a received figure written ${written} is flagged on the number, with the cell and a fix in its style (${replace})`, () => {
      const text = withText(`2023年，我镇共收到政府信息公开申请${written}件，办结13件。`);
      const ds = narrativeOf(text);
      assert.equal(ds.length, 1, JSON.stringify(ds));
      const [d] = ds;
      assert.equal(d.code, 'text-figure');
      assert.equal(d.severity, 'warning');
      assert.equal(at(text, d), written);
      assert.equal(d.expected, '12');
      assert.equal(d.data?.replace, replace);
      assert.equal(d.related.length, 1);
      assert.match(d.related[0].message, /一、本年新收政府信息公开申请数量.*= 12/);
      assert.match(d.message, /收到申请数写作/);
    });
  }
  it('收到70件…办结69件: each figure to its own verb (收到 is not read as the 办结 figure)', () => {
    assert.deepEqual(narrativeOf(withText('本年度全镇共收到12件申请，及时依法依规办结13件，0件结转下年度继续办理。')), []);
    const text = withText('本年度全镇共收到12件申请，及时依法依规办结12件，0件结转下年度继续办理。');
    const ds = narrativeOf(text);
    assert.equal(ds.length, 1);
    assert.equal(ds[0].expected, '13');
    assert.equal(ds[0].data?.kind, 'handled');
    assert.equal(ds[0].range.start.character, text.split('\n')[ds[0].range.start.line].indexOf('办结12') + 2);
  });
  it('收到 = 新收 + 上年结转 is text-basis (information), not an error', () => {
    const [d, ...rest] = narrativeOf(withText('2023年，我镇共收到政府信息公开申请13件，办结13件。'));
    assert.equal(rest.length, 0);
    assert.equal(d.code, 'text-basis');
    assert.equal(d.severity, 'information');
    assert.equal(d.related.length, 2);
  });
  it('result categories: 予以公开及部分公开, 无法提供 (the published mistakes: 258 for 275, 265 for 337)', () => {
    assert.deepEqual(
      narrativeOf(withText('办结13件，其中予以公开5件、部分公开1件，不予公开2件，无法提供3件，不予处理1件，其他处理1件。')),
      [],
    );
    assert.deepEqual(narrativeOf(withText('予以公开及部分公开6件，占比46.2%；无法提供3件，占23.1%。')), []);
    const text = withText('予以公开及部分公开5件，占比46.2%；无法提供2件。');
    const ds = narrativeOf(text);
    assert.deepEqual(
      ds.map((d) => [d.code, at(text, d), d.expected]),
      [
        ['text-figure', '5', '6'],
        ['text-figure', '2', '3'],
      ],
    );
    assert.equal(ds[0].related.length, 2); // 予以公开 + 部分公开
  });
  it('a percentage that fits neither the count nor the base is flagged; rounding to the printed precision is not', () => {
    assert.deepEqual(narrativeOf(withText('予以公开5件，占比38%。')), []);
    assert.deepEqual(narrativeOf(withText('予以公开5件，占比38.46%。')), []);
    const text = withText('予以公开5件，占比50%。');
    const [d] = narrativeOf(text);
    assert.equal(d.code, 'text-figure');
    assert.equal(at(text, d), '50');
    assert.equal(d.expected, '38');
  });
  it('行政复议 and 行政诉讼 counts and results, pinned to their subject in the sentence', () => {
    assert.deepEqual(narrativeOf(withText('政府信息公开行政复议2件，其中结果维持1件，尚未审结1件；行政诉讼1件，其中结果纠正1件。')), []);
    const text = withText('政府信息公开行政复议3件，其中结果维持2件；行政诉讼1件。');
    assert.deepEqual(
      narrativeOf(text).map((d) => [at(text, d), d.expected]),
      [
        ['3', '2'],
        ['2', '1'],
      ],
    );
  });
  it('words inside others are not off-subject (议案 in 复议案件, 部门 in 本部门, 各 in 各类); 公民、法人或者其他组织 is every applicant', () => {
    assert.deepEqual(narrativeOf(withText('本年度发生政府信息公开行政复议案件2件、行政诉讼案件1件。')), []);
    const text = withText('本年度发生政府信息公开行政复议案件3件，行政诉讼案件2件。');
    assert.deepEqual(
      narrativeOf(text).map((d) => [at(text, d), d.expected]),
      [
        ['3', '2'],
        ['2', '1'],
      ],
    );
    // (The body speaking of itself, every kind of request: the year's figures.)
    assert.equal(narrativeOf(withText('本部门共收到政府信息公开申请15件。'))[0]?.expected, '12');
    assert.equal(narrativeOf(withText('共收到各类政府信息公开申请15件。'))[0]?.expected, '12');
    assert.deepEqual(narrativeOf(withText('本部门共收到各类政府信息公开申请12件。')), []);
    // (Every applicant listed, in the law's words: the requests received, not those of 法人或其他组织.)
    assert.deepEqual(narrativeOf(withText('共收到公民、法人和其他组织提出的政府信息公开申请12件。')), []);
    assert.equal(narrativeOf(withText('共收到公民、法人或者其他组织的政府信息公开申请15件。'))[0]?.expected, '12');
    assert.equal(narrativeOf(withText('共收到申请12件，其中公民申请8件。'))[0]?.expected, '9');
    // (A deputy's motion is none of the year's figures.)
    assert.deepEqual(narrativeOf(withText('办理人大代表议案5件、政协提案3件。')), []);
  });
  it('table 二 figures: 现行有效规范性文件, 制发', () => {
    assert.deepEqual(narrativeOf(withText('全年制发行政规范性文件2件，现行有效规范性文件14件。')), []);
    const [d] = narrativeOf(withText('现行有效规范性文件15件。'));
    assert.equal(d.code, 'text-figure');
    assert.equal(d.expected, '14');
  });
  it('ambiguous sentences are not checked', () => {
    for (const s of [
      '上年结转1件，其中予以公开3件。', // 其中 after a part
      '较2022年增加3件，收到申请20件。', // another year in the sentence
      '收到申请同比增长20件。',
      '其中自然人申请收到9件，法人收到3件。',
      '通过网上收到申请8件。',
      '共收到申请约20件。',
      '共收到申请3000余件。',
      '行政复议、行政诉讼共5件。',
      '不予公开、无法提供共8件。',
      '办理咨询答复30件。',
      '推进“一件事一次办”，办结率100%。',
      '各部门共收到申请50件。',
      '上一年度收到申请30件。',
      '上年度结转的行政复议案件1件，已审结。',
    ])
      assert.deepEqual(narrativeOf(withText(s)), [], s);
  });
  it('a figure in a misread table is not compared (a failing sum makes its cells doubtful)', () => {
    const broken = setCell(base, '一、本年新收政府信息公开申请数量', 6, '15');
    assert.deepEqual(narrativeOf(withText('共收到申请12件。', SECTION6, broken)), []);
  });
  it('English messages', () => {
    const [d] = analyze(withText('共收到申请15件。'), { locale: 'en' }).diagnostics.filter((x) => x.code === 'text-figure');
    assert.match(d.message, /^The narrative gives requests received as 15; the table has 12/);
  });
});

describe('text-claim', () => {
  it('未收到申请 contradicted by 新收 > 0; fine when 新收 is 0', () => {
    const [d] = narrativeOf(withText('2023年，本镇未收到政府信息公开申请。'));
    assert.equal(d.code, 'text-claim');
    assert.match(d.message, /本年新收申请为 12 件/);
    assert.deepEqual(
      narrativeOf(writeSkeleton({ body: '某某镇人民政府', year: 2024 }).replace(/（请在此概述[^）]*）/, '本年度未收到政府信息公开申请。')),
      [],
    );
  });
  it('除…外，未收到其他申请 / 未发生其他复议: not a claim about the whole year', () => {
    assert.deepEqual(narrativeOf(withText('除上述申请外，未收到其他政府信息公开申请。')), []);
    assert.deepEqual(narrativeOf(withText('除上述案件外，未发生其他行政复议、行政诉讼。')), []);
  });
  it('未发生行政复议、行政诉讼 contradicted by table 四', () => {
    const ds = narrativeOf(withText('本年度未发生政府信息公开行政复议、行政诉讼。'));
    assert.equal(ds.length, 1);
    assert.equal(ds[0].related.length, 3); // 行政复议 总计; 直接起诉 and 复议后起诉 总计
    assert.deepEqual(narrativeOf(withText('本年度未发生行政复议被纠错的情况。')), []);
    // (…案件: the cases, not a count in 件.)
    assert.equal(narrativeOf(withText('未发生针对本单位有关政府信息公开事务的行政复议、诉讼和申诉案件。')).length, 1);
    assert.equal(narrativeOf(withText('未发生因政府信息公开引起的行政复议、行政诉讼案件。')).length, 1);
  });
  it('均获维持 with 尚未审结 cases (the published mistake) is flagged; with only 维持 it is not', () => {
    const [d] = narrativeOf(withText('行政复议2件，均获维持。'));
    assert.equal(d.code, 'text-claim');
    assert.match(d.message, /尚未审结共 1 件/);
    const upheld = setCell(setCell(base, '行政复议', 0, '2'), '行政复议', 3, '0');
    assert.deepEqual(narrativeOf(withText('行政复议2件，均获维持。', SECTION6, upheld)), []);
  });
  it('无结转下年度 contradicted by 结转下年度 > 0; 无上年结转 by 上年结转 > 0', () => {
    const [d, ...rest] = narrativeOf(withText('2023年，无结转下年度办理的申请。', SECTION6, withForward));
    assert.equal(rest.length, 0);
    assert.equal(d.code, 'text-claim');
    assert.match(d.message, /无结转下年度/);
    assert.deepEqual(
      narrativeOf(
        withText(
          '本年度无上年结转申请。',
          SECTION6,
          setCell(
            setCell(
              setCell(setCell(base, '二、上年结转政府信息公开申请数量', 0, '0'), '二、上年结转政府信息公开申请数量', 6, '0'),
              '（一）予以公开',
              0,
              '3',
            ),
            '（一）予以公开',
            6,
            '4',
          ),
        ),
      ),
      [],
    );
    assert.equal(narrativeOf(withText('本年度无上年结转申请。')).length, 1);
  });
  it('全部办结 contradicted by 结转下年度 > 0', () => {
    assert.deepEqual(narrativeOf(withText('收到的申请已全部办结。')), []);
    const [d] = narrativeOf(withText('收到的申请已全部办结。', SECTION6, withForward));
    assert.equal(d.code, 'text-claim');
    assert.deepEqual(narrativeOf(withText('上年结转的申请已全部办结。', SECTION6, withForward)), []);
  });
});

describe('text-year', () => {
  it('a statistics period of another year', () => {
    const text = withText('本报告统计期限自2022年1月1日起至2022年12月31日止。');
    const ds = narrativeOf(text);
    assert.deepEqual(
      ds.map((d) => [d.code, at(text, d)]),
      [
        ['text-year', '2022'],
        ['text-year', '2022'],
      ],
    );
    assert.deepEqual(narrativeOf(withText('本报告统计期限自2023年1月1日起至2023年12月31日止。')), []);
  });
  it('"2022年我单位共收到…" in a 2023 report; a comparison with 2022 is not', () => {
    const text = withText('2022年，我镇共收到政府信息公开申请12件。');
    const [d] = narrativeOf(text);
    assert.equal(d.code, 'text-year');
    assert.equal(at(text, d), '2022');
    assert.deepEqual(narrativeOf(withText('与2022年相比，收到申请有所增加。')), []);
  });
  it('the 2019 format notice cited in a 2021+ report', () => {
    const text = withText('根据国办公开办函〔2019〕60号要求编制本报告。');
    const [d] = narrativeOf(text);
    assert.equal(d.code, 'text-year');
    assert.equal(at(text, d), '〔2019〕60号');
    assert.deepEqual(narrativeOf(withText('根据国办公开办函〔2021〕30号要求编制本报告。')), []);
  });
});

describe('table 二 and fees', () => {
  it('table2-total (2019 format): 对外公开总数量 below 本年新公开数量', () => {
    const sk = writeSkeleton({ body: '某某市人民政府', year: 2020 });
    const text = setCell(setCell(sk, '规范性文件', 1, '3'), '规范性文件', 2, '2');
    const ds = narrativeOf(text);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['table2-total'],
    );
    assert.deepEqual(narrativeOf(setCell(setCell(sk, '规范性文件', 1, '3'), '规范性文件', 2, '5')), []);
  });
  it('rule-making: 规章 for a town, a county or a department; not for a city or a province', () => {
    const text = setCell(base, '规章', 0, '1');
    const ds = narrativeOf(text);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['rule-making'],
    );
    assert.deepEqual(narrativeOf(text.replace('示例县示例镇人民政府2023年', '示例市人民政府2023年')), []);
    for (const b of [
      '某某镇人民政府',
      '某某街道办事处',
      '某某县人民政府',
      '某某市某某区人民政府',
      '某某市生态环境局',
      '某某省教育厅',
      '某某乡',
    ])
      assert.ok(cannotMakeRules(b), b);
    for (const b of [
      '某某市人民政府',
      '某某省人民政府',
      '国家税务总局',
      '某某市人民政府办公室',
      '某某经济技术开发区管委会',
      '广西壮族自治区人民政府',
      null,
    ])
      assert.ok(!cannotMakeRules(b), String(b));
  });
  /** The fixture with one request closed for an unpaid fee (o2) instead of 其他 (o3): sums still hold. */
  const unpaid = setCell(
    setCell(
      setCell(setCell(base, '3.其他', 1, '0'), '3.其他', 6, '0'),
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      1,
      '1',
    ),
    '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    6,
    '1',
  );
  it('fee-conflict: 六 says nothing was charged while a request was closed for an unpaid fee', () => {
    const ds = narrativeOf(unpaid);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['fee-conflict'],
    );
    // Saying the notice was sent and not paid is what 六 should say: no conflict.
    assert.deepEqual(narrativeOf(withText(ORIGINAL, '2023年本机关向1名申请人发出收费通知，申请人未缴纳，未收取信息处理费。', unpaid)), []);
    assert.deepEqual(narrativeOf(withText(ORIGINAL, '2023年共发出收费通知1件，收取信息处理费0元。', unpaid)), []);
  });
  it('六 silent on fees is not a conflict (nothing it says is contradicted)', () => {
    assert.deepEqual(narrativeOf(withText(ORIGINAL, '无其他需要报告的事项。', unpaid)), []);
  });
});

describe('real reports raise nothing', () => {
  const real = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'real', name), 'utf8');
  for (const name of [
    'huaian-2024.pdftotext.txt',
    'pingtan-2021.innertext.txt',
    'pingtan-2021.clipboard.txt',
    'pingtan-2019.innertext.txt',
    'pingtan-2019.clipboard.txt',
  ]) {
    it(name, () => assert.deepEqual(narrativeOf(real(name)), []));
  }
  for (const s of ['000', '001', '002', '003', '004', 'synthetic']) it(`sample ${s}`, () => assert.deepEqual(narrativeOf(sample(s)), []));
  it('huaian-2024 (PDF text, sentences wrapped over lines): one changed figure gives exactly one text-figure', () => {
    const text = real('huaian-2024.pdftotext.txt');
    const changed = text.replace('复 3050 件', '复 3051 件');
    assert.notEqual(changed, text);
    const ds = narrativeOf(changed);
    assert.deepEqual(
      ds.map((d) => [d.code, at(changed, d), d.expected]),
      [['text-figure', '3051', '3050']],
    );
    const lit = text.replace('尚\n未审结 37 件', '尚\n未审结 38 件');
    assert.deepEqual(
      narrativeOf(lit).map((d) => [at(lit, d), d.expected]),
      [['38', '37']],
    );
  });
  it('pingtan-2021: 70 received, 69 办结, 1 结转 are read and agree', () => {
    const text = real('pingtan-2021.innertext.txt').replace('办结69件', '办结68件');
    assert.deepEqual(
      narrativeOf(text).map((d) => d.expected),
      ['69'],
    );
  });
});

describe('editor: hover on a narrative figure, quick fix', () => {
  const analysisOf = (text: string): Analysis => ({
    uri: 'file:///r.xxgk',
    version: 1,
    text,
    settings: DEFAULT_SETTINGS,
    ...analyzeText(text, DEFAULT_SETTINGS),
  });
  it('hovering a figure shows the cell it restates, agreeing or not', () => {
    const text = withText('2023年，我镇共收到政府信息公开申请12件，办结十五件。');
    const a = analysisOf(text);
    const line = text.split('\n').findIndex((l) => l.includes('办结十五件'));
    const col = text.split('\n')[line].indexOf('12');
    const h = hover(a, { line, character: col + 1 });
    assert.ok(h);
    const v = (h.contents as { value: string }).value;
    assert.match(v, /收到申请数/);
    assert.match(v, /一、本年新收政府信息公开申请数量.*\| 12 \|/);
    assert.match(v, /✓/);
    const h2 = hover(a, { line, character: text.split('\n')[line].indexOf('十五') });
    assert.match((h2!.contents as { value: string }).value, /✗ 统计表为 13/);
    assert.deepEqual(h2!.range, {
      start: { line, character: text.split('\n')[line].indexOf('十五') },
      end: { line, character: text.split('\n')[line].indexOf('十五') + 2 },
    });
  });
  it('the quick fix replaces exactly the number, in the text’s numeral style', () => {
    const text = withText('2023年，我镇共收到政府信息公开申请12件，办结十五件。');
    const a = analysisOf(text);
    const diagnostics = documentDiagnostics(a).filter((d) => d.code === 'text-figure');
    assert.equal(diagnostics.length, 1);
    const [action] = codeActions(a, { textDocument: { uri: a.uri }, range: diagnostics[0].range, context: { diagnostics } });
    assert.equal(action.title, '按统计表改为 十三');
    const fixed = applyEdits(text, action.edit!.changes![a.uri]);
    assert.equal(fixed, withText('2023年，我镇共收到政府信息公开申请12件，办结十三件。'));
    assert.deepEqual(narrativeOf(fixed), []);
    // A diagnostic from an older version of the text (the figure no longer there) gives no fix.
    const stale = analysisOf(fixed);
    assert.deepEqual(
      codeActions(stale, { textDocument: { uri: a.uri }, range: diagnostics[0].range, context: { diagnostics } }).filter(
        (x) => x.kind === 'quickfix',
      ),
      [],
    );
  });
});
