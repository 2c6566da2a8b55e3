/**
 * The narrative against the tables: figures the text restates (收到N件, 办结N件, 予以公开及部分公开N件
 * 占x%, 行政复议N件…), claims (未收到申请, 均获维持, 全部办结, 未收取费用), the statistics year and the
 * format notice cited, and what section 六 says about fees. Pure: the report, its text and its
 * derivations in, diagnostics out; no LSP import.
 *
 * Precision before recall. A figure is checked only when its subject is pinned down within its
 * clause (between commas, inside a sentence that ends at 。；！？ or a paragraph end), and never when
 * the clause or sentence is about something else: other years, changes (同比, 增加), parts (其中 after
 * anything but a total, applicant types, channels, units of the body), approximations (约, 余, 近),
 * lists of two subjects with one figure. Only cells read as numbers, and not part of a failing sum,
 * are compared: a table the parser misread does not become a narrative alarm.
 */
import { splitLines } from './lines';
import { FORMATS } from './formatData';
import { localize, type Locale } from './messages';
import type { Cell, Derivation, Range, RelatedInfo, Report, ReportDiagnostic, RuleCode } from './model';
import {
  clauses,
  onLine,
  paragraphs,
  rangeIn,
  parseChineseNumeral,
  readNumeral,
  sentences,
  toChineseNumeral,
  writeNumeral,
  type NumeralStyle,
  type Paragraph,
  type Span,
} from './narrativeText';
import { DEFAULT_SEVERITY } from './rules';
import { reuseParagraphs, type AnalysisCache } from './memo';

/** What a figure of the narrative is about. Table 四: `t4:group:column`; table 二: `t2:row:column`. */
export type FigureKind =
  | 'received'
  | 'carry'
  | 'forward'
  | 'handled'
  | 'granted'
  | 'partial'
  | 'grantedPartial'
  | 'denied'
  | 'unable'
  | 'notProcessed'
  | 'otherHandled'
  | `t4:${T4Group}:${T4Col}`
  | `t2:${string}:${string}`
  | `t3:${string}`
  | `applicant:${ApplicantKind}`;

/** Who applied: the columns of table 三 (legal: 法人或其他组织, the five columns after 自然人). */
type ApplicantKind = 'naturalPerson' | 'legal' | 'commercial' | 'research' | 'publicWelfare' | 'legalService';

type T4Group = 'review' | 'litigation' | 'direct' | 'post';
type T4Col = 'maintained' | 'corrected' | 'other' | 'pending' | 'total';

/** A figure the narrative states, where it is, and how it is written. */
export interface NarrativeFigure {
  kind: FigureKind;
  value: number;
  /**
   * Percentages: the value as printed (43.5) and its decimals; `words`: written 百分之四十三点五
   * (percent) or 四成 (tenths: the share rounded to ten points).
   */
  percent?: { decimals: number; of: FigureKind; words?: 'percent' | 'tenths' };
  range: Range;
  /** Amounts (万元): the decimals printed. */
  decimals?: number;
  raw: string;
  style: NumeralStyle;
  section: number;
}

type KeywordKind =
  FigureKind | 'subject:review' | 'subject:litigation' | 'subject:direct' | 'subject:post' | `result:${T4Col}` | 'ambiguous';

interface KeywordDef {
  re: RegExp;
  kind: KeywordKind;
  formats?: ('2019' | '2021')[];
  /** Words one of which every match holds: the regular expression is not run on a clause without them. */
  hint?: string[];
}

const CATEGORY: FigureKind[] = ['granted', 'partial', 'grantedPartial', 'denied', 'unable', 'notProcessed', 'otherHandled'];

/** Subjects, tried longest first at each place. */
const KEYWORDS: KeywordDef[] = [
  { re: /(?:予以公开|同意公开|全部公开)(?:及|和|与|、|或|以及)部分公开/g, kind: 'grantedPartial' },
  { re: /予以公开|同意公开|全部公开/g, kind: 'granted' },
  { re: /部分公开/g, kind: 'partial' },
  { re: /不予公开/g, kind: 'denied' },
  { re: /无法提供/g, kind: 'unable' },
  { re: /不予处理/g, kind: 'notProcessed' },
  { re: /其他处理/g, kind: 'otherHandled' },
  { re: /(?:上一?年度?|去年|往年)(?:度)?(?:结转|遗留|转入)(?:至本年度?|到本年度?)?/g, kind: 'carry' },
  { re: /(?:含|包括|包含)(?:有)?结转/g, kind: 'ambiguous' },
  {
    re: /结转(?:至|到|入)?(?:下一?年度?|下一年度|[0-9０-９]{4}\s*年度?)|转入下一?年度?|顺延(?:至|到)?下一?年度?|延(?:期|续)?至下一?年度?|结转/g,
    kind: 'forward',
  },
  { re: /新收|收到|受理|接到|接收|共收/g, kind: 'received' },
  { re: /办结|答复|办理完毕|处理完毕|完成办理/g, kind: 'handled' },
  { re: /复议后(?:提起)?(?:行政)?(?:起诉|诉讼)/g, kind: 'subject:post' },
  { re: /未经复议(?:直接)?(?:提起)?(?:行政)?(?:起诉|诉讼)|直接(?:提起)?(?:行政)?(?:起诉|诉讼)/g, kind: 'subject:direct' },
  { re: /行政复议|复议/g, kind: 'subject:review' },
  { re: /行政诉讼|提起诉讼|起诉|应诉|诉讼/g, kind: 'subject:litigation' },
  { re: /结果维持|维持/g, kind: 'result:maintained' },
  { re: /结果纠正|纠正|纠错/g, kind: 'result:corrected' },
  { re: /其他结果/g, kind: 'result:other' },
  { re: /尚未审结|未审结|审理中|尚在审理|正在审理|未结案/g, kind: 'result:pending' },
  // Who applied (table 三's columns); 其他 alone is too vague to be one.
  // (公民: the law's word for a natural person, 公民、法人或者其他组织.)
  { re: /自然人|公民/g, kind: 'applicant:naturalPerson', hint: ['自然人', '公民'] },
  { re: /法人(?:或|和|及|与|、)其他组织|法人或者其他组织/g, kind: 'applicant:legal', hint: ['法人'] },
  { re: /商业企业/g, kind: 'applicant:commercial', hint: ['商业企业'] },
  { re: /科研机构/g, kind: 'applicant:research', hint: ['科研机构'] },
  { re: /社会公益组织|公益组织/g, kind: 'applicant:publicWelfare', hint: ['公益组织'] },
  { re: /法律服务机构/g, kind: 'applicant:legalService', hint: ['法律服务机构'] },
  // The items of （三）（四）（五）（六）: the official wording and the short forms clerks use.
  { re: /(?:属于|涉及)?国家秘密|涉密/g, kind: 't3:d1', hint: ['秘密', '涉密'] },
  { re: /其他法律(?:、|和)?(?:行政)?法规禁止公开|法律(?:、|和)?(?:行政)?法规禁止公开/g, kind: 't3:d2', hint: ['禁止公开'] },
  {
    re: /(?:危及)?[“"「]?三安全一稳定[”"」]?|危及国家安全、公共安全、经济安全(?:和|、)社会稳定/g,
    kind: 't3:d3',
    hint: ['三安全', '社会稳定'],
  },
  { re: /(?:保护|涉及|损害)?第三方(?:的)?合法权益|(?:保护|涉及)?第三方权益/g, kind: 't3:d4', hint: ['第三方'] },
  { re: /(?:属于)?三类内部事务(?:信息)?|内部事务信息/g, kind: 't3:d5', hint: ['内部事务'] },
  { re: /(?:属于)?四类过程性信息|过程性信息/g, kind: 't3:d6', hint: ['过程性'] },
  { re: /(?:属于)?行政执法案卷(?:信息)?/g, kind: 't3:d7', hint: ['执法案卷'] },
  { re: /(?:属于)?行政查询事项/g, kind: 't3:d8', hint: ['行政查询'] },
  { re: /(?:本机关|本单位|我机关|我单位|本部门)?不掌握(?:相关)?(?:的)?(?:政府)?(?:信息)?/g, kind: 't3:u1', hint: ['不掌握'] },
  { re: /没有现成信息(?:需要另行制作)?|需(?:要)?另行制作/g, kind: 't3:u2', hint: ['现成信息', '另行制作'] },
  { re: /补正后(?:申请内容)?仍不明确|申请内容不明确/g, kind: 't3:u3', hint: ['不明确'] },
  { re: /信访(?:、|和)?举报(?:、|和)?投诉(?:类)?(?:申请)?/g, kind: 't3:n1', hint: ['信访'] },
  { re: /重复申请/g, kind: 't3:n2', hint: ['重复申请'] },
  { re: /(?:要求)?(?:提供)?公开出版物/g, kind: 't3:n3', hint: ['出版物'] },
  { re: /(?:无正当理由)?大量(?:、)?反复(?:申请)?/g, kind: 't3:n4', hint: ['反复'] },
  { re: /(?:要求(?:行政机关)?)?确认或重新出具(?:已获取(?:的)?信息)?/g, kind: 't3:n5', hint: ['重新出具'] },
  { re: /(?:无正当理由)?逾期不补正/g, kind: 't3:o1', formats: ['2021'], hint: ['不补正'] },
  { re: /(?:逾期)?未按收费通知(?:要求)?缴纳(?:费用)?|逾期未缴纳(?:信息处理)?费(?:用)?/g, kind: 't3:o2', formats: ['2021'], hint: ['缴纳'] },
  // Table 二: decisions made (not applications, not items published), the fee amount.
  {
    re: /(?:作出|办理|办结|实施|做出)了?(?:各类)?行政许可(?:处理)?(?:决定)?|行政许可(?:处理)?决定(?:数量)?/g,
    kind: 't2:licensing:decisions',
    hint: ['行政许可'],
  },
  {
    re: /(?:作出|办理|办结|实施|做出)了?(?:各类)?行政处罚(?:处理)?(?:决定)?|行政处罚(?:处理)?决定(?:数量)?/g,
    kind: 't2:punishment:decisions',
    hint: ['行政处罚'],
  },
  {
    re: /(?:作出|办理|办结|实施|做出|采取)了?(?:各类)?行政强制(?:措施)?(?:处理)?(?:决定)?|行政强制(?:处理)?决定(?:数量)?/g,
    kind: 't2:coercion:decisions',
    hint: ['行政强制'],
  },
  { re: /行政事业性收费(?:金额|总额|总金额|收入)?/g, kind: 't2:fees:amount', formats: ['2021'], hint: ['行政事业性收费'] },
  { re: /(?:制发|印发|出台|制定)了?(?:政府)?规章(?!制度)/g, kind: 't2:regulations:made', formats: ['2021'], hint: ['规章'] },
  { re: /废止了?(?:政府)?规章(?!制度)/g, kind: 't2:regulations:repealed', formats: ['2021'], hint: ['规章'] },
  { re: /(?:本年)?新制作(?:了)?(?:行政)?规范性文件/g, kind: 't2:normativeDocs:made', formats: ['2019'], hint: ['规范性文件'] },
  { re: /(?:本年)?新公开(?:了)?(?:行政)?规范性文件/g, kind: 't2:normativeDocs:published', formats: ['2019'], hint: ['规范性文件'] },
  { re: /(?:本年)?新制作(?:了)?(?:政府)?规章/g, kind: 't2:regulations:made', formats: ['2019'], hint: ['规章'] },
  { re: /(?:本年)?新公开(?:了)?(?:政府)?规章/g, kind: 't2:regulations:published', formats: ['2019'], hint: ['规章'] },
  { re: /现行有效的?(?:行政)?规范性文件/g, kind: 't2:normativeDocs:valid', formats: ['2021'] },
  { re: /现行有效的?(?:政府)?规章/g, kind: 't2:regulations:valid', formats: ['2021'] },
  { re: /(?:制发|印发)了?(?:行政)?规范性文件/g, kind: 't2:normativeDocs:made', formats: ['2021'], hint: ['规范性文件'] },
  { re: /废止了?(?:行政)?规范性文件/g, kind: 't2:normativeDocs:repealed', formats: ['2021'] },
];

/** A clause with any of these is about something other than the year's figures of the report's body. */
const OFF_SUBJECT =
  /同比|较上年|比上年|较去年|比去年|相比|去年|上年(?!度?结转)|上一年(?!度?结转)|增长|下降|减少|增加|上升|持平|累计|历年|以来|平均|县区|县（市、区）|县\(市、区\)|各县|乡镇|街道|各部门|(?<![本我])部门|本级|市直|区直|县直|各单位|单位分别|自然人|企业|法人|组织|个人|网上|网络|在线|信函|当面|现场|传真|邮件|邮寄|来电|电话|咨询|留言|信箱|热线|12345|提案|建议|(?<!复)议案|分别|各(?![类项])|约|近|超过|逾|以上|以下|不足|左右|季度|上半年|下半年|[0-9０-９一二三四五六七八九十]月|人次|批次/;

/** A figure: a number followed by its unit (件 for counts; 起 宗 例 also for cases; % for shares; 万元 for the fee). */
const FIGURE = /([0-9０-９][0-9０-９,．.]*|[零〇一二两三四五六七八九十百千万]+)\s*(件|起|宗|例|%|％|万元)/g;

/** A share in words: 百分之四十三点五, 四成 (not 四成多, 一成不变). */
const SHARE_WORDS =
  /百分之([零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?)|(?<![零〇一二两三四五六七八九十百千万])([一二两三四五六七八九])成(?![多余以左不为立绩效果本员功熟交都型了])/g;

const CONNECTOR = /^\s*(?:、|和|及|与|或|以及|、以及)\s*$/;

interface Hit {
  start: number;
  end: number;
  kind: KeywordKind;
}

/** Each format's keywords; and any word of any hint, to skip all hinted keywords at once. */
const FORMAT_KEYWORDS = {
  '2019': KEYWORDS.filter((k) => !k.formats || k.formats.includes('2019')),
  '2021': KEYWORDS.filter((k) => !k.formats || k.formats.includes('2021')),
};
const ANY_HINT = new RegExp([...new Set(KEYWORDS.flatMap((k) => k.hint ?? []))].join('|'));

function keywordsIn(text: string, c: Span, format: '2019' | '2021'): Hit[] {
  const clause = text.slice(c.start, c.end);
  const hits: Hit[] = [];
  const hinted = ANY_HINT.test(clause);
  for (const k of FORMAT_KEYWORDS[format]) {
    if (k.hint && (!hinted || !k.hint.some((h) => clause.includes(h)))) continue;
    k.re.lastIndex = 0;
    for (let m = k.re.exec(clause); m; m = k.re.exec(clause)) {
      hits.push({ start: c.start + m.index, end: c.start + m.index + m[0].length, kind: k.kind });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const h of hits) if (!kept.length || h.start >= kept[kept.length - 1].end) kept.push(h);
  // 率 after a subject: a rate, not a count (办结率); 答复期限 and the like are not counts either.
  return kept.filter((h) => !/^[率期]/.test(text.slice(h.end, h.end + 1)));
}

interface RawFigure {
  start: number;
  end: number;
  value: number;
  decimals: number;
  style: NumeralStyle;
  percent: boolean;
  /** A share written in words (百分之…, …成). */
  words?: 'percent' | 'tenths';
  /** An amount in 万元 (table 二's fee). */
  money: boolean;
  raw: string;
  unitEnd: number;
}

const CN_DIGIT_VALUE = '零一二三四五六七八九';

/** 四十三点五 → 43.5 with 1 decimal; null when it is not a numeral. */
function readChineseDecimal(raw: string): { value: number; decimals: number } | null {
  const [whole, frac = ''] = raw.split('点');
  const n = readNumeral(whole);
  if (!n) return null;
  const digits = [...frac].map((c) => (c === '〇' ? 0 : CN_DIGIT_VALUE.indexOf(c)));
  if (digits.some((d) => d < 0)) return null;
  return { value: Number(`${n.value}${digits.length ? `.${digits.join('')}` : ''}`), decimals: digits.length };
}

function figuresIn(text: string, c: Span): RawFigure[] {
  const clause = text.slice(c.start, c.end);
  const out: RawFigure[] = [];
  FIGURE.lastIndex = 0;
  for (let m = FIGURE.exec(clause); m; m = FIGURE.exec(clause)) {
    const raw = m[1].replace(/[,.．]+$/, '');
    const start = c.start + m.index;
    const end = start + raw.length;
    const percent = m[2] === '%' || m[2] === '％';
    const money = m[2] === '万元';
    const before = text.slice(Math.max(0, start - 3), start);
    const after = text.slice(c.start + m.index + m[0].length, c.start + m.index + m[0].length + 2);
    // Ordinals, ranges, approximations and counts of something else (件次, 一件事).
    if (/第$|[0-9０-９一二三四五六七八九十]\s*[-－~～至到]$|[约近超逾余]$/.test(before) || /^(?:次|事|以上|以下|左右|多)/.test(after))
      continue;
    if (/^[零〇一二两三四五六七八九十百千万]/.test(raw) && (money || /[第统唯单逐每同任某这那一]$/.test(before))) continue;
    const n = readNumeral(raw, percent || money);
    if (!n) continue;
    out.push({
      start,
      end,
      value: n.value,
      decimals: n.decimals,
      style: n.style,
      percent,
      money,
      raw,
      unitEnd: c.start + m.index + m[0].length,
    });
  }
  if (clause.includes('百分之') || /[一二两三四五六七八九]成/.test(clause)) {
    SHARE_WORDS.lastIndex = 0;
    for (let m = SHARE_WORDS.exec(clause); m; m = SHARE_WORDS.exec(clause)) {
      const raw = m[1] ?? m[2];
      const start = c.start + m.index + (m[1] ? 3 : 0);
      const before = text.slice(Math.max(0, c.start + m.index - 2), c.start + m.index);
      const after = text.slice(c.start + m.index + m[0].length, c.start + m.index + m[0].length + 2);
      if (/[约近超逾余]$/.test(before) || /^(?:以上|以下|左右|多)/.test(after)) continue;
      const n = m[1] ? readChineseDecimal(raw) : { value: 10 * (parseChineseNumeral(raw) ?? 0), decimals: 0 };
      if (!n) continue;
      out.push({
        start,
        end: start + raw.length,
        value: n.value,
        decimals: n.decimals,
        style: 'chinese',
        percent: true,
        words: m[1] ? 'percent' : 'tenths',
        money: false,
        raw,
        unitEnd: c.start + m.index + m[0].length,
      });
    }
    out.sort((a, b) => a.start - b.start);
  }
  return out;
}

const YEAR = /((?:19|20)\d{2}|[１２][０-９]{3})\s*年/g;

function yearsIn(text: string, s: Span): { year: number; start: number; end: number }[] {
  const out: { year: number; start: number; end: number }[] = [];
  const t = text.slice(s.start, s.end);
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(t); m; m = YEAR.exec(t)) {
    const digits = m[1].replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
    // A year inside a longer number is not a year.
    if (/\d/.test(t[m.index - 1] ?? '')) continue;
    out.push({ year: Number(digits), start: s.start + m.index, end: s.start + m.index + m[1].length });
  }
  return out;
}

/** Whether a sentence speaks of a year other than the report's (结转到下一年 aside). */
function otherYear(text: string, s: Span, year: number | null): boolean {
  if (/上一年度|去年|历年|近[两三四五]年|往年/.test(text.slice(s.start, s.end).replace(/上一?年度?结转/g, ''))) return true;
  if (year === null) return false;
  for (const y of yearsIn(text, s)) {
    if (y.year === year) continue;
    const before = text.slice(Math.max(s.start, y.start - 4), y.start);
    if (y.year === year + 1 && /(?:结转|转入|顺延|延)(?:至|到|入)?$/.test(before)) continue;
    return true;
  }
  return false;
}

/** Every figure of the narrative whose subject is pinned down. */
export function extractFigures(report: Report, paras: Paragraph[], readings = readParagraphs(report, paras)): NarrativeFigure[] {
  const out: NarrativeFigure[] = [];
  for (let k = 0; k < paras.length; k++) {
    const p = paras[k];
    for (const f of readings[k].figures) {
      const range = rangeIn(p, f.start, f.end);
      if (!range) continue;
      const figure: NarrativeFigure = { kind: f.kind, value: f.value, range, raw: f.raw, style: f.style, section: p.section };
      if (f.percent) figure.percent = f.percent;
      if (f.decimals !== undefined) figure.decimals = f.decimals;
      out.push(figure);
    }
  }
  return out;
}

/** A figure of one paragraph, at offsets in its text (where it stands in the source is the paragraph's business). */
type ParagraphFigure = Omit<NarrativeFigure, 'range' | 'section'> & { start: number; end: number };

/**
 * The figures of one paragraph's text whose subject is pinned down: a function of the text, its
 * section, the format and the report's year alone (what the document cache keeps per paragraph).
 */
function figuresOfParagraph(text: string, section: number, format: '2019' | '2021', year: number | null): ParagraphFigure[] {
  const out: ParagraphFigure[] = [];
  if (section !== 1 && section !== 2 && section !== 3 && section !== 4 && section !== 6) return out;
  for (const s of sentences(text)) {
    if (!FIGURE_HINT.test(text.slice(s.start, s.end))) continue;
    if (otherYear(text, s, year)) continue;
    let lastCount: { kind: FigureKind; clause: number } | null = null;
    let t4Subject: T4Group | null = null;
    let t4Ambiguous = false;
    let sub: FigureKind | null | undefined; // undefined: not after 其中; null: after 其中 with no usable head
    const cl = clauses(text, s);
    cl.forEach((c, ci) => {
      const clauseText = text.slice(c.start, c.end);
      if (clauseText.includes('其中')) sub = lastCount?.kind ?? null;
      const figs = FIGURE_HINT.test(clauseText) ? figuresIn(text, c) : [];
      // A clause without figures matters only for the subject of table 四 figures after it.
      const hits = figs.length || SUBJECT_HINT.test(clauseText) ? keywordsIn(text, c, format) : [];
      // 上年度结转的行政复议案件1件: a case carried over, not the year's count.
      const flowAndCase = hits.some((h) => h.kind === 'carry' || h.kind === 'forward') && hits.some((h) => h.kind.startsWith('subject:'));
      // Off-subject words inside a subject of their own (法人或其他组织, 个人隐私) do not count.
      let masked = '';
      let from = c.start;
      for (const h of hits)
        if (MASKED.test(h.kind)) {
          masked += text.slice(from, h.start) + '□';
          from = h.end;
        }
      masked += text.slice(from, c.end);
      const off = OFF_SUBJECT.test(masked) || flowAndCase;
      // 行政许可, 行政处罚…: the body's other business, whose counts are not requests.
      const otherBusiness = OTHER_BUSINESS.test(clauseText);
      let hi = 0;
      const subjectsSeen: Hit[] = [];
      // Keywords up to a place update the table 四 subject.
      const advance = (upTo: number) => {
        while (hi < hits.length && hits[hi].start < upTo) {
          const h = hits[hi++];
          subjectsSeen.push(h);
          if (h.kind.startsWith('subject:')) {
            const prev = subjectsSeen[subjectsSeen.length - 2];
            const listed = prev && prev.kind.startsWith('subject:') && CONNECTOR.test(text.slice(prev.end, h.start));
            t4Ambiguous = !!listed;
            t4Subject = h.kind.slice(8) as T4Group;
          }
        }
      };
      for (const f of figs) {
        advance(f.start);
        let at = subjectsSeen.length - 1;
        let hit: Hit | undefined;
        if (near(text, figs, subjectsSeen[at], f.start)) hit = subjectsSeen[at];
        // 因属于国家秘密不予公开N件: the item, named before its category.
        if (hit && (CATEGORY as string[]).includes(hit.kind)) {
          const item = at > 0 ? subjectsSeen[at - 1] : undefined;
          if (item && item.kind.startsWith('t3:') && hit.start - item.end <= 4 && near(text, figs, item, hit.start)) {
            if (ITEM_PARENT[item.kind.slice(3, 4)] === hit.kind) hit = subjectsSeen[--at];
            else hit = { ...hit, kind: 'ambiguous' };
          } else if (/因|由于|鉴于|属于|涉及/.test(text.slice(Math.max(item?.end ?? c.start, c.start), hit.start))) {
            // 因…不予处理N件 for a reason not recognised: a part of the category, not its total.
            hit = { ...hit, kind: 'ambiguous' };
          }
        }
        if (hit) {
          const prev = subjectsSeen[at - 1];
          if (prev && CONNECTOR.test(text.slice(prev.end, hit.start))) {
            // 收到公民、法人或者其他组织的申请N件: every applicant, so the requests received; any other
            // list is no one subject's (予以公开、部分公开共N件).
            const head = subjectsSeen[at - 2];
            hit =
              prev.kind === 'applicant:naturalPerson' &&
              hit.kind === 'applicant:legal' &&
              head?.kind === 'received' &&
              !figs.some((g) => g.start >= head.end && g.start < f.start)
                ? head
                : undefined;
          }
        } else if (!f.percent && figs.length === 1) {
          const next = hits.find((h) => h.start >= f.unitEnd && h.start - f.unitEnd <= 3);
          if (next && !next.kind.startsWith('result:')) hit = next;
        }
        let kind: FigureKind | null = null;
        if (f.percent) {
          if (hit && isShare(hit.kind)) kind = hit.kind as FigureKind;
          else if (!hit && lastCount && lastCount.clause >= ci - 1 && /^\s*(?:约占|所占|占比|占|比例为?|比重为?)/.test(clauseText))
            kind = lastCount.kind;
          if (kind && isShare(kind) && !off && (sub === undefined || kind.startsWith('t3:') || kind.startsWith('applicant:')))
            out.push({
              kind,
              value: f.value,
              percent: { decimals: f.decimals, of: kind, ...(f.words ? { words: f.words } : {}) },
              start: f.start,
              end: f.end,
              raw: f.raw,
              style: f.style,
            });
          continue;
        }
        if (!hit || hit.kind === 'ambiguous') {
          lastCount = null;
          continue;
        }
        if (hit.kind.startsWith('result:')) {
          if (t4Subject && !t4Ambiguous) kind = `t4:${t4Subject}:${hit.kind.slice(7) as T4Col}`;
        } else if (hit.kind.startsWith('subject:')) {
          if (!t4Ambiguous) kind = `t4:${hit.kind.slice(8) as T4Group}:total`;
        } else kind = hit.kind as FigureKind;
        if (kind && sub !== undefined && !allowedAfterQizhong(sub, kind)) kind = null;
        if (kind && !kind.startsWith('t4:') && /[起宗例]/.test(text.slice(f.end, f.unitEnd))) kind = null;
        // An amount only for the fee, the fee only as an amount.
        if (kind && f.money !== (kind === 't2:fees:amount')) kind = null;
        if (kind && (kind.startsWith('t2:') ? T2_FOREIGN.test(masked) : otherBusiness)) kind = null;
        if (!kind || off) {
          lastCount = null;
          continue;
        }
        lastCount = { kind, clause: ci };
        out.push({
          kind,
          value: f.value,
          ...(f.money ? { decimals: f.decimals } : {}),
          start: f.start,
          end: f.end,
          raw: f.raw,
          style: f.style,
        });
      }
      advance(c.end);
    });
  }
  return out;
}

/** Whether a subject is near enough before a place to be its figure's: no other figure between. */
function near(text: string, figs: RawFigure[], h: Hit | undefined, to: number): h is Hit {
  if (!h || to - h.end > 20) return false;
  if (/\d/.test(text.slice(h.end, to).replace(/\s/g, ''))) return false;
  for (const g of figs) if (g.start >= h.end && g.start < to) return false;
  return true;
}

/** A quick test before the clause work: a sentence with no figure unit has no figure. */
const FIGURE_HINT = /[件起宗例%％]|万元|百分之|[一二两三四五六七八九]成/;
const SUBJECT_HINT = /复议|诉讼|起诉/;
/** Subjects whose words would otherwise read as off-subject (法人或其他组织, 保护个人隐私). */
const MASKED = /^(?:applicant|t3|t2):/;
/** A clause about the body's other business: its counts are not requests (受理行政许可申请1234件). */
const OTHER_BUSINESS = /行政许可|行政处罚|行政强制|行政事业性收费|行政检查|行政征收|政务服务|办件/;
/** A table 二 figure only in a clause about decisions made, not applications or items published. */
const T2_FOREIGN = /申请|信息|公开|公示|事项|清单|目录|类|网|平台|政务服务|办件/;
/** The category each group of items (d1…, u1…, n1…, o1…) belongs to. */
const ITEM_PARENT: Record<string, FigureKind> = { d: 'denied', u: 'unable', n: 'notProcessed', o: 'otherHandled' };

/** A kind a share (占x%) may be about. */
function isShare(kind: string): boolean {
  return (CATEGORY as string[]).includes(kind) || kind.startsWith('t3:') || kind.startsWith('applicant:');
}

/**
 * After 其中, only the parts of a total: result categories, their items, applicant types (and carry) of
 * 收到/办结; the items of a category; the types 法人或其他组织 is made of; results of a case count.
 */
function allowedAfterQizhong(head: FigureKind | null, kind: FigureKind): boolean {
  if (!head) return false;
  if (head === 'received' || head === 'handled')
    return (CATEGORY as string[]).includes(kind) || kind === 'carry' || kind.startsWith('t3:') || kind.startsWith('applicant:');
  if (kind.startsWith('t3:')) return ITEM_PARENT[kind.slice(3, 4)] === head;
  if (head === 'applicant:legal') return kind.startsWith('applicant:') && kind !== 'applicant:legal' && kind !== 'applicant:naturalPerson';
  const m = /^t4:(\w+):total$/.exec(head);
  if (m) return kind.startsWith(`t4:${m[1]}:`) && !kind.endsWith(':total');
  return false;
}

// ---------------------------------------------------------------- table values

interface TableValue {
  value: number;
  cells: { cell: Cell; label: string }[];
  /** A decimal cell's text as printed (the fee): what the fix writes. */
  text?: string;
}

/** What a table value may be looked up for: a figure's kind, or a base it may be stated on. */
type LookupKind = FigureKind | 'receivedWithCarry' | `carry:applicant:${ApplicantKind}`;

type Lookup = (kind: LookupKind) => TableValue | null;

/** A cell's number: an int, or a decimal's value. */
const cellNumber = (cell: Cell): number =>
  cell.value.kind === 'int' ? cell.value.value : cell.value.kind === 'decimal' ? Number(cell.value.text) : NaN;

/** Table 三's columns (自然人 … 总计) that each applicant kind sums. */
const APPLICANT_COLUMNS: Record<ApplicantKind, number[]> = {
  naturalPerson: [0],
  legal: [1, 2, 3, 4, 5],
  commercial: [1],
  research: [2],
  publicWelfare: [3],
  legalService: [4],
};

function tableLookup(report: Report, derivations: Derivation[], locale: Locale): Lookup {
  const spec = FORMATS[report.format ?? '2021'];
  const t = (id: string) => localize(id, {}, locale);
  const doubtful = new Set<Cell>();
  for (const d of derivations) {
    if (d.holds) continue;
    doubtful.add(d.total);
    for (const a of d.addends) doubtful.add(a.cell);
    for (const a of d.subtrahends) doubtful.add(a.cell);
  }
  const t3 = (rowKeys: string[], columns = [6]): TableValue | null => {
    const rows = report.table3?.rows;
    if (!rows) return null;
    const cells: TableValue['cells'] = [];
    let value = 0;
    for (const k of rowKeys)
      for (const ci of columns) {
        const row = rows[k];
        const cell = row?.cells[ci];
        if (!cell || cell.value.kind !== 'int' || doubtful.has(cell)) return null;
        value += cell.value.value;
        const label = spec.table3.rows.find((r) => r.key === k)?.label ?? k;
        cells.push({ cell, label: `${t('table.3.short')}「${label}」·「${spec.table3.columns[ci].label}」` });
      }
    return { value, cells };
  };
  const keysOf = (prefix: RegExp) => spec.table3.rows.filter((r) => prefix.test(r.key)).map((r) => r.key);
  const t4 = (groups: string[], col: T4Col): TableValue | null => {
    const rows = report.table4?.rows;
    if (!rows) return null;
    const ci = spec.table4.columns.findIndex((c) => c.key === col);
    const cells: TableValue['cells'] = [];
    let value = 0;
    for (const g of groups) {
      const cell = rows[g]?.cells[ci];
      if (!cell || cell.value.kind !== 'int' || doubtful.has(cell)) return null;
      value += cell.value.value;
      const gs = spec.table4.groups.find((x) => x.key === g)!;
      cells.push({
        cell,
        label: `${t('table.4.short')}「${gs.parent ? `${gs.parent}（${gs.label}）` : gs.label}」·「${spec.table4.columns[ci].label}」`,
      });
    }
    return { value, cells };
  };
  // The same kind is asked for by every figure and claim about it: looked up once per analysis.
  const known = new Map<string, TableValue | null>();
  return (kind) => {
    let tv = known.get(kind);
    if (tv === undefined) known.set(kind, (tv = find(kind)));
    return tv;
  };

  function find(kind: LookupKind): TableValue | null {
    switch (kind) {
      case 'received':
        return t3(['new']);
      case 'carry':
        return t3(['carry']);
      case 'forward':
        return t3(['forward']);
      case 'handled':
        return t3(['total']);
      case 'granted':
        return t3(['granted']);
      case 'partial':
        return t3(['partial']);
      case 'grantedPartial':
        return t3(['granted', 'partial']);
      case 'denied':
        return t3(keysOf(/^d\d$/));
      case 'unable':
        return t3(keysOf(/^u\d$/));
      case 'notProcessed':
        return t3(keysOf(/^n\d$/));
      case 'otherHandled':
        return t3(keysOf(/^o\d?$/));
    }
    if (kind.startsWith('t3:')) return spec.table3.rows.some((r) => r.key === kind.slice(3)) ? t3([kind.slice(3)]) : null;
    if (kind.startsWith('applicant:')) return t3(['new'], APPLICANT_COLUMNS[kind.slice(10) as ApplicantKind]);
    // The bases a figure may be stated on besides its own cells: 上年结转 of a type of applicant, 新收 + 上年结转.
    if (kind.startsWith('carry:applicant:')) return t3(['carry'], APPLICANT_COLUMNS[kind.slice(16) as ApplicantKind]);
    if (kind === 'receivedWithCarry') return t3(['new', 'carry']);
    const m4 = /^t4:(\w+):(\w+)$/.exec(kind);
    if (m4) return t4(m4[1] === 'litigation' ? ['direct', 'post'] : [m4[1]], m4[2] as T4Col);
    const m2 = /^t2:(\w+):(\w+)$/.exec(kind);
    if (m2 && report.table2) {
      for (const sub of report.table2.subtables) {
        const row = sub.rows.find((r) => r.key === m2[1]);
        const cell = row?.cells.find((c) => c.colKey === m2[2]);
        if (!cell) continue;
        const decimal = cell.value.kind === 'decimal' && cell.value.unit !== '元' && m2[1] === 'fees';
        if (cell.value.kind !== 'int' && !decimal) return null;
        const sp = spec.table2[sub.index];
        const label = `${t('table.2.short')}「${sp.rows.find((r) => r.key === m2[1])?.label ?? m2[1]}」·「${sp.columns.find((c) => c.key === m2[2])?.label ?? m2[2]}」`;
        return { value: cellNumber(cell), cells: [{ cell, label }], ...(cell.value.kind === 'decimal' ? { text: cell.value.text } : {}) };
      }
    }
    return null;
  }
}

/** What a figure is about, in words, for messages. */
function kindLabel(kind: FigureKind, report: Report, locale: Locale): string {
  const own = localize(`figure.${kind}`, {}, locale);
  if (own !== `figure.${kind}`) return own;
  const spec = FORMATS[report.format ?? '2021'];
  /** Official wording: quoted in English. */
  const q = (s: string) => (locale === 'en' ? `“${s}”` : s);
  const m4 = /^t4:(\w+):(\w+)$/.exec(kind);
  if (m4) {
    const group = localize(`figure.t4.${m4[1]}`, {}, locale);
    return m4[2] === 'total' ? group : `${group}·${q(spec.table4.columns.find((c) => c.key === m4[2])?.label ?? m4[2])}`;
  }
  const m2 = /^t2:(\w+):(\w+)$/.exec(kind);
  if (m2) {
    for (const sub of spec.table2) {
      const row = sub.rows.find((r) => r.key === m2[1]);
      const col = sub.columns.find((c) => c.key === m2[2]);
      if (row && col) return `${q(row.label)}·${q(col.label)}`;
    }
  }
  if (kind.startsWith('t3:')) {
    const row = spec.table3.rows.find((r) => r.key === kind.slice(3));
    const parent = localize(`figure.${ITEM_PARENT[kind.slice(3, 4)]}`, {}, locale);
    if (row) return `${parent}·${q(row.label.replace(/^\d+[.．、]\s*/, ''))}`;
  }
  if (kind.startsWith('applicant:')) return localize(`figure.applicant.${kind.slice(10)}`, {}, locale);
  return kind;
}

// ---------------------------------------------------------------- the checks

export interface NarrativeOptions {
  locale?: Locale;
  derivations?: Derivation[];
  /** The document's cache: what each paragraph's text says is read again only when the paragraph changed. */
  cache?: AnalysisCache;
}

type Out = Omit<ReportDiagnostic, 'severity'> & { severity?: ReportDiagnostic['severity'] };

/** A figure's cells, as its diagnostic's data names them (for the quick fix and the hover). */
interface CellData {
  row: string;
  col: string;
  label: string;
  value: number;
  range: Range;
}

/** A table value's cells as related information of a diagnostic. */
function relatedCells(tv: TableValue, t: T): RelatedInfo[] {
  return tv.cells.map((c) => ({ range: c.cell.range, message: t('related.cell', { label: c.label, value: cellNumber(c.cell) }) }));
}

/** The narrative rules on a report's text (or its lines). */
export function checkNarrative(report: Report, input: string | string[], options: NarrativeOptions = {}): ReportDiagnostic[] {
  const locale = options.locale ?? 'zh';
  const t = (id: string, args: Record<string, string | number> = {}) => localize(id, args, locale);
  const out: ReportDiagnostic[] = [];
  const push = (d: Out) => {
    // (In place: the objects are made for this push alone.)
    d.severity ??= DEFAULT_SEVERITY[d.code];
    out.push(d as ReportDiagnostic);
  };
  const lines = typeof input === 'string' ? splitLines(input).lines : input;
  const paras = paragraphs(report, lines, options.cache);
  const lookup = tableLookup(report, options.derivations ?? [], locale);
  const readings = readParagraphs(report, paras, options.cache);
  // (Made once per table value: every figure about it shares them.)
  const relatedMemo = new Map<TableValue, RelatedInfo[]>();
  const related = (tv: TableValue): RelatedInfo[] => {
    let r = relatedMemo.get(tv);
    if (!r) relatedMemo.set(tv, (r = relatedCells(tv, t)));
    return r;
  };
  const cellDataMemo = new Map<TableValue, CellData[]>();
  const cellData = (tv: TableValue): CellData[] => {
    let r = cellDataMemo.get(tv);
    if (!r)
      cellDataMemo.set(
        tv,
        (r = tv.cells.map((c) => ({
          row: c.cell.rowKey,
          col: c.cell.colKey,
          label: c.label,
          value: cellNumber(c.cell),
          range: c.cell.range,
        }))),
      );
    return r;
  };

  for (const f of extractFigures(report, paras, readings)) {
    const tv = lookup(f.kind);
    if (!tv) continue;
    const what = kindLabel(f.kind, report, locale);
    if (f.percent) {
      const share = shareCheck(f, tv, lookup);
      if (!share || share.agrees) continue;
      const { base, right } = share;
      const words = f.percent.words;
      const written = (v: string) => (words === 'percent' ? `百分之${v}` : words === 'tenths' ? `${v}成` : v);
      const replace = words ? chineseShare(right, words) : f.style === 'fullwidth' ? toFullwidth(right) : right;
      push({
        code: 'text-figure',
        message: t(words ? 'text-figure.percentWords' : 'text-figure.percent', {
          what,
          actual: written(f.raw),
          expected: words ? written(replace) : right,
          exact: ((100 * tv.value) / base.value).toFixed(1),
          count: tv.value,
          base: base.value,
        }),
        range: f.range,
        related: [...related(tv), ...related(base)],
        expected: words ? written(replace) : right,
        actual: words ? written(f.raw) : f.raw,
        data: { kind: f.kind, percent: true, replace, cells: cellData(tv) },
      });
      continue;
    }
    if (f.decimals !== undefined) {
      // An amount: agrees when the table's value rounds to the figure as printed.
      if (Math.abs(tv.value - f.value) <= 0.5 * Math.pow(10, -f.decimals) + 1e-9) continue;
      const expected = tv.text ?? String(tv.value);
      push({
        code: 'text-figure',
        message: t('text-figure', { what, actual: f.raw, expected, cell: tv.cells.map((c) => c.label).join(' + ') }),
        range: f.range,
        related: related(tv),
        expected,
        actual: f.raw,
        data: { kind: f.kind, replace: f.style === 'fullwidth' ? toFullwidth(expected) : expected, cells: cellData(tv) },
      });
      continue;
    }
    if (tv.value === f.value) continue;
    if (f.kind === 'received' || f.kind.startsWith('applicant:')) {
      // 收到 (or a type of applicant) counted with the requests carried over: another basis.
      const carry = lookup(f.kind === 'received' ? 'carry' : (`carry:${f.kind}` as LookupKind));
      if (carry && carry.value > 0 && tv.value + carry.value === f.value) {
        push({
          code: 'text-basis',
          message: t('text-basis', { actual: f.raw, new: tv.value, carry: carry.value }),
          range: f.range,
          related: [...related(tv), ...related(carry)],
          expected: String(tv.value),
          actual: String(f.value),
          data: { kind: f.kind, cells: cellData(tv) },
        });
        continue;
      }
    }
    push({
      code: 'text-figure',
      message: t('text-figure', { what, actual: f.raw, expected: tv.value, cell: tv.cells.map((c) => c.label).join(' + ') }),
      range: f.range,
      related: related(tv),
      expected: String(tv.value),
      actual: String(f.value),
      data: { kind: f.kind, replace: writeNumeral(tv.value, f.style), cells: cellData(tv) },
    });
  }

  checkClaims(report, paras, readings, lookup, push, t);
  checkFeeSilence(report, paras, lookup, push, t);
  return out;
}

/**
 * fee-silent: table 三 closes requests because a fee notice went unpaid ((六)2 > 0, 2021 format),
 * so the body charged, or meant to charge, 信息处理费, and section 六 says nothing about fees (no 费
 * in it). Table 二's 行政事业性收费 alone does not raise it: that is the body's administrative fees,
 * already reported in table 二, not the 信息处理费 section 六 reports.
 */
function checkFeeSilence(report: Report, paras: Paragraph[], lookup: Lookup, push: (d: Out) => void, t: T) {
  if (report.format !== '2021') return;
  const six = report.sections.find((s) => s.number === 6 && !s.duplicate);
  if (!six) return;
  const o2 = lookup('t3:o2');
  if (!o2 || o2.value <= 0) return;
  if (paras.some((p) => p.section === 6 && p.text.includes('费'))) return;
  push({
    code: 'fee-silent',
    message: t('fee-silent', { value: o2.value }),
    range: six.headingLineRange,
    related: relatedCells(o2, t),
    data: { cells: o2.cells.map((c) => ({ row: c.cell.rowKey, col: c.cell.colKey, value: cellNumber(c.cell) })) },
  });
}

function toFullwidth(s: string): string {
  return s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/\./g, '．');
}

/**
 * Whether a share agrees with its count over one of its bases: 收到 or 办结 for categories and items
 * (an item also over its category), 新收 (or 新收 + 上年结转) for a type of applicant. Printed figures
 * agree to their last decimal; N成 to the nearest ten points. Null when no base is read.
 */
function shareCheck(f: NarrativeFigure, tv: TableValue, lookup: Lookup): { agrees: boolean; base: TableValue; right: string } | null {
  const kinds: LookupKind[] = f.kind.startsWith('applicant:')
    ? ['received', 'receivedWithCarry']
    : f.kind.startsWith('t3:')
      ? ['handled', ITEM_PARENT[f.kind.slice(3, 4)], 'received']
      : ['handled', 'received'];
  const bases = kinds.map((k) => lookup(k)).filter((b): b is TableValue => !!b && b.value > 0);
  if (!bases.length) return null;
  const tenths = f.percent!.words === 'tenths';
  const fits = (b: TableValue) => {
    const exact = (100 * tv.value) / b.value;
    return Math.abs(exact - f.value) <= (tenths ? 5 : Math.pow(10, -f.percent!.decimals)) + 1e-9;
  };
  const exact = (100 * tv.value) / bases[0].value;
  const right = tenths ? String(Math.round(exact / 10)) : exact.toFixed(f.percent!.decimals);
  return { agrees: bases.some(fits), base: bases[0], right };
}

/** A share written back in words: 43.5 → 四十三点五 (百分之…), 4 → 四 (…成). */
function chineseShare(right: string, words: 'percent' | 'tenths'): string {
  const [whole, frac = ''] = right.split('.');
  const head = toChineseNumeral(Number(whole));
  if (words === 'tenths' || !frac) return head;
  return `${head}点${[...frac].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`;
}

const CLAIM_NO_REQUEST = /(?:未|没有|没|无)(?:收到|接到|受理|接收|发生|有)(?:过)?([^，,。；]{0,20}?)申请/g;
const CLAIM_NO_CASE = /(?:未发生|没有发生|未出现|没有出现|未有|没有|未被|未曾|不存在|无(?!论))([^，,。；]{0,30})/g;
const CLAIM_ALL_MAINTAINED = /(?:均|全部|都)(?:获|被|予以|得到|为|是)?(?:结果)?维持/g;
const CLAIM_ALL_HANDLED = /(?:已?全部|均已|均)(?:予以|依法|已)?办结/g;
/** 无结转下年度（办理的申请）, 没有上年结转（的申请）: group 1 set for the carry. */
const NO_FLOW = /(?:无|没有|未有)(?:需要?)?(上一?年度?)?结转(?:至|到)?(?:下一?年度?)?/g;
const CLAIM_NO_FEE = /(?:未|没有|无|不|免)(?:收取|收|征收|产生|予收取)(?:过)?(?:任何)?([^，,。；]{0,12}?)费/g;
const YEAR_HINT = /(?:19|20|[１２][０-９])[0-9０-９]{2}\s*年/;
const CLAIM_HINT = /申请|复议|诉讼|起诉|维持|办结|费/;
const NOTICE_2019 = /[〔[［（(]\s*2019\s*[〕\]］）)]\s*60\s*号/g;

/** A claim or a year a paragraph's text makes, at offsets in the text: what the tables are then asked about. */
type ClaimFinding = { start: number; end: number } & (
  | { type: 'notice'; cited: string }
  | { type: 'year'; found: number }
  | { type: 'noRequest' }
  | { type: 'noCase'; review: boolean; suit: boolean }
  | { type: 'allMaintained'; groups: T4Group[] }
  | { type: 'noFlow'; carry: boolean }
  | { type: 'allHandled' }
  | { type: 'noFee'; info: boolean }
);

/**
 * The claims (未收到申请, 均获维持, 全部办结, 未收取费用…), the format notices cited and the years a
 * paragraph's text states: a function of the text and the report's year and its source alone.
 */
function claimsOfParagraph(text: string, section: number, year: number | null, yearSource: Report['yearSource']): ClaimFinding[] {
  const out: ClaimFinding[] = [];
  for (const s of sentences(text)) {
    const st = text.slice(s.start, s.end);
    // ---- the format notice and the statistics year
    if (year !== null && year >= 2021) {
      NOTICE_2019.lastIndex = 0;
      for (let m = st.includes('60') ? NOTICE_2019.exec(st) : null; m; m = NOTICE_2019.exec(st))
        out.push({ type: 'notice', start: s.start + m.index, end: s.start + m.index + m[0].length, cited: m[0] });
    }
    // The report year from the title only: a year guessed from the text may be the one these sentences state.
    if (year !== null && yearSource === 'title' && YEAR_HINT.test(st)) {
      const stat = /统计期限|统计期|统计时段|统计时间|统计区间|统计年度/.exec(st);
      const ys = yearsIn(text, s);
      const wrongYear = (y: (typeof ys)[number]) => out.push({ type: 'year', start: y.start, end: y.end, found: y.year });
      if (stat) {
        for (const y of ys) {
          if (y.start < s.start + stat.index || y.start > s.start + stat.index + 40 || y.year === year) continue;
          wrongYear(y);
        }
      } else if (section <= 1 && ys.length) {
        const y = ys[0];
        const lead = text.slice(s.start, y.start);
        const after = text.slice(y.end, Math.min(s.end, y.end + 30));
        if (
          y.year !== year &&
          y.year >= 2008 &&
          /^(?:\s|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])*(?:[^，,。]{0,12}?[。．.:：])?\s*$/.test(lead) &&
          /^\s*年度?\s*[，,]?[^，,。；较比]{0,20}?(?:共|累计)?(?:收到|受理|新收|接到|办结)/.test(after) &&
          !/较|比|同比|相比|与/.test(lead)
        ) {
          wrongYear(y);
        }
      }
    }
    if (!CLAIM_HINT.test(st) || otherYear(text, s, year)) continue;
    const at = (m: RegExpExecArray) => ({ start: s.start + m.index, end: s.start + m.index + m[0].length });
    // ---- 未收到申请
    CLAIM_NO_REQUEST.lastIndex = 0;
    for (let m = st.includes('申请') ? CLAIM_NO_REQUEST.exec(st) : null; m; m = CLAIM_NO_REQUEST.exec(st)) {
      if (
        /复议|诉讼|结转|投诉|咨询|举报|信访|行政许可|其他|其它|现成|另行|[0-9０-９]|件/.test(m[1]) ||
        /除/.test(st) ||
        /复议|诉讼/.test(st.slice(m.index + m[0].length, m.index + m[0].length + 2))
      )
        continue;
      out.push({ type: 'noRequest', ...at(m) });
    }
    // ---- 未发生行政复议、行政诉讼
    CLAIM_NO_CASE.lastIndex = 0;
    for (let m = SUBJECT_HINT.test(st) ? CLAIM_NO_CASE.exec(st) : null; m; m = CLAIM_NO_CASE.exec(st)) {
      const scope = m[1];
      const review = /复议/.test(scope.replace(/复议后(?:提起)?(?:行政)?(?:起诉|诉讼)/g, ''));
      const suit = /诉讼|起诉/.test(scope);
      if (!review && !suit) continue;
      if (/纠正|纠错|败诉|撤销|维持|[0-9０-９]|(?<!案)件|其他|其它/.test(scope) || /除/.test(st)) continue;
      if (scope.search(/复议|诉讼|起诉/) > 18) continue;
      out.push({ type: 'noCase', ...at(m), review, suit });
    }
    // ---- 均获维持
    CLAIM_ALL_MAINTAINED.lastIndex = 0;
    for (let m = st.includes('维持') ? CLAIM_ALL_MAINTAINED.exec(st) : null; m; m = CLAIM_ALL_MAINTAINED.exec(st)) {
      const head = st.slice(0, m.index);
      const review = /复议/.test(head.replace(/复议后(?:提起)?(?:行政)?(?:起诉|诉讼)/g, ''));
      const suit = /诉讼|起诉/.test(head);
      if (!review && !suit) continue;
      out.push({
        type: 'allMaintained',
        ...at(m),
        groups: [...(review ? (['review'] as const) : []), ...(suit ? (['litigation'] as const) : [])],
      });
    }
    // ---- 无结转下年度 / 无上年结转
    NO_FLOW.lastIndex = 0;
    for (let m = st.includes('结转') ? NO_FLOW.exec(st) : null; m; m = NO_FLOW.exec(st)) {
      if (/其他|其它|除|复议|诉讼/.test(st)) continue;
      out.push({ type: 'noFlow', ...at(m), carry: !!m[1] });
    }
    // ---- 全部办结
    CLAIM_ALL_HANDLED.lastIndex = 0;
    for (let m = st.includes('办结') ? CLAIM_ALL_HANDLED.exec(st) : null; m; m = CLAIM_ALL_HANDLED.exec(st)) {
      const head = st.slice(0, m.index);
      if (/上一?年|结转|按时|按期|期限|时限/.test(st) || /办结|答复/.test(head)) continue;
      out.push({ type: 'allHandled', ...at(m) });
    }
    // ---- 未收取费用
    CLAIM_NO_FEE.lastIndex = 0;
    for (let m = st.includes('费') ? CLAIM_NO_FEE.exec(st) : null; m; m = CLAIM_NO_FEE.exec(st)) {
      if (/收费通知|缴纳|缴费|其他|其它|除/.test(st)) continue; // the notice sent and not paid: what 六 should say
      out.push({ type: 'noFee', ...at(m), info: /信息处理|处理费|检索|复制|邮寄|申请/.test(m[1] + st) });
    }
  }
  return out;
}

/** The claims and years of the narrative against the tables and the report's year. */
function checkClaims(report: Report, paras: Paragraph[], readings: ParagraphReading[], lookup: Lookup, push: (d: Out) => void, t: T) {
  const year = report.year;
  const related = (tv: TableValue) => relatedCells(tv, t);
  const claim = (p: Paragraph, f: ClaimFinding, id: string, tvs: TableValue[], code: RuleCode = 'text-claim') => {
    const r = rangeIn(p, f.start, f.end) ?? rangeIn(p, f.start, f.start + 1);
    if (!r) return;
    push({
      code,
      message: t(id, { claim: p.text.slice(f.start, f.end), value: tvs.map((x) => x.value).reduce((a, b) => a + b, 0) }),
      range: r,
      related: tvs.flatMap(related),
      data: { claim: id },
    });
  };
  const positive = (tv: TableValue | null): tv is TableValue => !!tv && tv.value > 0;

  for (let k = 0; k < paras.length; k++) {
    const p = paras[k];
    for (const f of readings[k].claims) {
      switch (f.type) {
        case 'notice': {
          const r = rangeIn(p, f.start, f.end);
          if (r)
            push({
              code: 'text-year',
              message: t('text-year.notice', { cited: f.cited, year: year! }),
              range: r,
              related: [],
              data: { notice: true },
            });
          break;
        }
        case 'year': {
          const r = rangeIn(p, f.start, f.end);
          if (r)
            push({
              code: 'text-year',
              message: t('text-year', { found: f.found, year: year! }),
              range: r,
              related: [],
              data: { year: f.found, replace: String(year) },
            });
          break;
        }
        case 'noRequest': {
          const tv = lookup('received');
          if (positive(tv)) claim(p, f, 'text-claim.noRequest', [tv]);
          break;
        }
        case 'noCase': {
          const review = f.review ? lookup('t4:review:total') : null;
          const suit = f.suit ? lookup('t4:litigation:total') : null;
          // Every table value the claim names must be readable.
          if ((f.review && !review) || (f.suit && !suit)) break;
          const tvs = [review, suit].filter(positive);
          if (tvs.length) claim(p, f, 'text-claim.noCase', tvs);
          break;
        }
        case 'allMaintained': {
          const bad: TableValue[] = [];
          let readable = true;
          for (const g of f.groups)
            for (const col of ['corrected', 'other', 'pending'] as const) {
              const tv = lookup(`t4:${g}:${col}`);
              if (!tv) readable = false;
              else if (tv.value > 0) bad.push(tv);
            }
          if (readable && bad.length) claim(p, f, 'text-claim.allMaintained', bad);
          break;
        }
        case 'noFlow': {
          const tv = lookup(f.carry ? 'carry' : 'forward');
          if (positive(tv)) claim(p, f, f.carry ? 'text-claim.noCarry' : 'text-claim.noForward', [tv]);
          break;
        }
        case 'allHandled': {
          const tv = lookup('forward');
          if (positive(tv)) claim(p, f, 'text-claim.allHandled', [tv]);
          break;
        }
        case 'noFee': {
          const o2 = report.format === '2021' ? lookupO2(report, t) : null;
          const fee2 = !f.info ? table2Fee(report, t) : null;
          const tvs: TableValue[] = [];
          if (o2 && o2.value > 0) tvs.push(o2);
          if (fee2 && fee2.positive) tvs.push(fee2.tv);
          if (tvs.length) claim(p, f, 'text-claim.noFee', tvs, p.section === 6 ? 'fee-conflict' : 'text-claim');
          break;
        }
      }
    }
  }
}

/**
 * What one paragraph's text says, each part read when first asked for (a hover needs the figures
 * only) and kept with the paragraph by the document's cache across analyses.
 */
export class ParagraphReading {
  private f?: ParagraphFigure[];
  private c?: ClaimFinding[];
  constructor(
    private readonly text: string,
    private readonly section: number,
    private readonly format: '2019' | '2021',
    private readonly year: number | null,
    private readonly yearSource: Report['yearSource'],
  ) {}
  get figures(): ParagraphFigure[] {
    return (this.f ??= figuresOfParagraph(this.text, this.section, this.format, this.year));
  }
  get claims(): ClaimFinding[] {
    return (this.c ??= claimsOfParagraph(this.text, this.section, this.year, this.yearSource));
  }
}

/** What each paragraph's text says (the readings of unchanged paragraphs kept by the document's cache). */
function readParagraphs(report: Report, paras: Paragraph[], cache?: AnalysisCache): ParagraphReading[] {
  const format = report.format ?? '2021';
  return reuseParagraphs(
    cache,
    `${format} ${report.year} ${report.yearSource}`,
    paras,
    (p) => new ParagraphReading(p.text, p.section, format, report.year, report.yearSource),
  );
}

type T = (id: string, args?: Record<string, string | number>) => string;

function lookupO2(report: Report, t: T): TableValue | null {
  const cell = report.table3?.rows['o2']?.cells[6];
  if (!cell || cell.value.kind !== 'int') return null;
  const spec = FORMATS[report.format ?? '2021'];
  const label = spec.table3.rows.find((r) => r.key === 'o2')?.label ?? 'o2';
  return { value: cell.value.value, cells: [{ cell, label: `${t('table.3.short')}「${label}」·「${spec.table3.columns[6].label}」` }] };
}

function table2Fee(report: Report, t: T): { tv: TableValue; positive: boolean } | null {
  if (report.format !== '2021' || !report.table2) return null;
  for (const sub of report.table2.subtables) {
    const cell = sub.rows.find((r) => r.key === 'fees')?.cells.find((c) => c.colKey === 'amount');
    if (!cell) continue;
    if (cell.value.kind !== 'decimal') return null;
    const positive = /[1-9]/.test(cell.value.text);
    return {
      tv: {
        value: Number(cell.value.text),
        cells: [{ cell, label: `${t('table.2.short')}「行政事业性收费」·「本年收费金额（单位：万元）」` }],
      },
      positive,
    };
  }
  return null;
}

/** A figure of the narrative and the table cells it restates: what a hover on the number shows. */
export interface FigureInfo {
  figure: NarrativeFigure;
  /** What the figure is about, in words. */
  what: string;
  /** The table's value (the sum of the cells), and each cell. */
  value: number;
  cells: { label: string; value: number; range: Range }[];
  agrees: boolean;
}

/** The narrative figure at a position, with its cells; null where there is none or its cells cannot be read. */
export function figureAt(
  report: Report,
  text: string,
  position: { line: number; character: number },
  options: NarrativeOptions = {},
): FigureInfo | null {
  const locale = options.locale ?? 'zh';
  const lines = splitLines(text).lines;
  if (position.line < 0 || position.line >= lines.length) return null;
  // Only the paragraphs around the position are needed, but the paragraph a line belongs to depends on
  // the lines before it: reading all is simple and well under a millisecond for a report.
  const paras = paragraphs(report, lines).filter((p) => onLine(p, position.line));
  const figure = extractFigures(report, paras).find(
    (f) =>
      f.range.start.line === position.line && f.range.start.character <= position.character && position.character <= f.range.end.character,
  );
  if (!figure) return null;
  const lookup = tableLookup(report, options.derivations ?? [], locale);
  const tv = lookup(figure.kind);
  if (!tv) return null;
  const cells = tv.cells.map((c) => ({ label: c.label, value: cellNumber(c.cell), range: c.cell.range }));
  const what = kindLabel(figure.kind, report, locale);
  if (figure.percent) return { figure, what, value: tv.value, cells, agrees: !!shareCheck(figure, tv, lookup)?.agrees };
  const agrees =
    figure.decimals !== undefined
      ? Math.abs(tv.value - figure.value) <= 0.5 * Math.pow(10, -figure.decimals) + 1e-9
      : tv.value === figure.value;
  return { figure, what, value: tv.value, cells, agrees };
}
