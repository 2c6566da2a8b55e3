/**
 * Generated narratives over generated consistent reports: many phrasings, numeral styles (Arabic,
 * full-width, Chinese, grouped), sentences wrapped over lines as PDF text wraps them, every table
 * layout. A narrative that restates its tables raises nothing; one figure changed raises exactly one
 * text-figure on that number, whose fix gives the original text back.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze, type FormatVersion } from '../../server/src/report/index';
import { writeNumeral } from '../../server/src/report/narrativeText';
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

const NARRATIVE_CODES = new Set(['text-figure', 'text-basis', 'text-claim', 'text-year', 'table2-total', 'rule-making', 'fee-conflict']);

/** The narrative's tokens: literal characters, and figures as whole tokens. */
function narrative(rand: Rand, year: number, t3: Record<string, number[]>, t4: Record<string, number[]>, format: FormatVersion): Token[] {
  const { tokens, lit, num } = narrativeWriter(rand);
  const T = (key: string) => t3[key][6];
  const who = pick(rand, ['我镇', '本机关', '我局', '全区', '本部门', '']);
  const sep = () => lit(pick(rand, ['', ' ']));
  // 收到
  const r = rand(5);
  if (r === 0) lit(`${year}年，${who}共收到政府信息公开申请`);
  else if (r === 1) lit(`本年度${who}共收到`);
  else if (r === 2) lit(`全年${who}受理政府信息公开申请`);
  else if (r === 3) lit(`${year}年，${who}共收到${pick(rand, ['公民、法人或者其他组织', '公民、法人和其他组织提出的'])}政府信息公开申请`);
  else if (r === 4) lit(`全年${who}共收到各类政府信息公开申请`);
  else lit('新收政府信息公开申请');
  sep();
  num(T('new'));
  sep();
  lit(r === 1 ? '件申请，' : '件，');
  // 办结 and 结转
  const h = rand(2);
  lit(h === 0 ? '办结' : h === 1 ? '答复' : '已依法办结');
  sep();
  num(T('total'));
  sep();
  lit('件');
  if (rand(1)) {
    lit('（含上年度结转申请');
    num(T('carry'));
    lit('件）');
  }
  lit('，');
  const f = rand(2);
  if (f === 0) {
    num(T('forward'));
    lit('件结转下年度继续办理。');
  } else if (f === 1) {
    lit('结转下年度继续办理');
    num(T('forward'));
    lit('件。');
  } else {
    lit('另有');
    num(T('forward'));
    lit('件顺延到下年度答复。');
  }
  // categories
  const sumOf = (re: RegExp) =>
    Object.entries(t3)
      .filter(([k]) => re.test(k))
      .reduce((s, [, v]) => s + v[6], 0);
  const cats: [string, number][] = [
    ['予以公开', T('granted')],
    ['部分公开', T('partial')],
    ['不予公开', sumOf(/^d\d$/)],
    ['无法提供', sumOf(/^u\d$/)],
    ['不予处理', sumOf(/^n\d$/)],
    ['其他处理', sumOf(format === '2019' ? /^o$/ : /^o\d$/)],
  ];
  if (rand(1)) {
    lit('办理结果中，');
    cats.forEach(([label, v], i) => {
      lit(label);
      num(v);
      lit(i === cats.length - 1 ? '件。' : pick(rand, ['件，', '件、']));
    });
  } else {
    const gp = T('granted') + T('partial');
    lit('予以公开及部分公开');
    num(gp);
    lit('件');
    if (T('total') > 0) lit(`，占比${((100 * gp) / T('total')).toFixed(pick(rand, [0, 1, 2]))}%`);
    lit('；无法提供');
    num(cats[3][1]);
    lit('件。');
  }
  // 行政复议, 行政诉讼
  const group = (label: string, rows: number[][]) => {
    const col = (c: number) => rows.reduce((s, x) => s + x[c], 0);
    lit(label);
    num(col(4));
    lit('件，其中');
    ['结果维持', '结果纠正', '其他结果', '尚未审结'].forEach((l, c) => {
      lit(l);
      num(col(c));
      lit(c === 3 ? '件。' : '件，');
    });
  };
  const cases = rand(1) ? '案件' : '';
  group(`政府信息公开行政复议${cases}`, [t4.review]);
  group(`政府信息公开行政诉讼${cases}`, [t4.direct, t4.post]);
  return tokens;
}

/** How many seeds each layout runs: 12, times FC_RUNS when set (the first 12 the same). */
const SEEDS = 12 * Number(process.env.FC_RUNS ?? 1);

const narrativeOf = (text: string) => analyze(text).diagnostics.filter((d) => NARRATIVE_CODES.has(d.code));

describe('generated narratives over generated reports', () => {
  for (const format of ['2019', '2021'] as FormatVersion[]) {
    for (const layout of LAYOUTS) {
      it(`${format}, tables in layout ${layout}: consistent narratives raise nothing; one changed figure gives one text-figure there`, () => {
        for (let seed = 1; seed <= SEEDS; seed++) {
          const rand = seeded(seed * 7919 + layout.length);
          const g = consistentReport(format, rand, layout);
          const placeholder = `${g.year}年，本机关依法做好政府信息公开工作。本段为生成的示例文字。`;
          const at = g.text.indexOf(placeholder);
          assert.ok(at >= 0);
          const headLines = g.text.slice(0, at).split('\n').length - 1;
          const tokens = narrative(rand, g.year, g.t3, g.t4, format);
          const wrap = rand(1) === 1;
          const wrapSeed = seed * 31;
          const { text: body, places } = renderTokens(tokens, seeded(wrapSeed), wrap);
          const text = g.text.slice(0, at) + body + g.text.slice(at + placeholder.length);
          assert.deepEqual(narrativeOf(text), [], `seed ${seed}: ${body}`);

          // One figure changed, in its own style.
          const figures = tokens.map((t, i) => ({ t, i })).filter((x) => x.t.figure);
          const { t, i } = pick(rand, figures);
          const k = figures.findIndex((x) => x.i === i);
          const changedValue = t.figure!.value + 1 + rand(4);
          const changedTokens = tokens.map((x, j) =>
            j === i ? { text: writeNumeral(changedValue, x.figure!.style), figure: x.figure } : x,
          );
          const { text: changedBody, places: changedPlaces } = renderTokens(changedTokens, seeded(wrapSeed), wrap);
          const changed = g.text.slice(0, at) + changedBody + g.text.slice(at + placeholder.length);
          const ds = narrativeOf(changed);
          const place = changedPlaces[k];
          const expectedRange = {
            start: { line: headLines + place.line, character: place.start },
            end: { line: headLines + place.line, character: place.end },
          };
          // The received figure raised to 新收 + 上年结转 is another basis, not an error.
          if (i === figures[0].i && changedValue === g.t3.new[6] + g.t3.carry[6]) {
            assert.deepEqual(
              ds.map((d) => d.code),
              ['text-basis'],
            );
            continue;
          }
          assert.deepEqual(
            ds.map((d) => [d.code, d.range, d.expected]),
            [['text-figure', expectedRange, String(t.figure!.value)]],
            `seed ${seed}: ${changedBody}`,
          );
          const lines = changed.split('\n');
          const l = lines[expectedRange.start.line];
          lines[expectedRange.start.line] = l.slice(0, place.start) + String(ds[0].data?.replace) + l.slice(place.end);
          assert.equal(lines.join('\n'), text, 'the fix gives the original text back');
          assert.ok(places.length === changedPlaces.length);
        }
      });
    }
  }
});
