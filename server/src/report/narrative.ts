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
import { FORMATS } from './formatData';
import { localize, type Locale } from './messages';
import type { Cell, Derivation, Range, RelatedInfo, Report, ReportDiagnostic, RuleCode } from './model';
import {
  clauses,
  onLine,
  paragraphs,
  rangeIn,
  readNumeral,
  sentences,
  writeNumeral,
  type NumeralStyle,
  type Paragraph,
  type Span,
} from './narrativeText';
import { DEFAULT_SEVERITY } from './rules';

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
  | `t2:${string}:${string}`;

type T4Group = 'review' | 'litigation' | 'direct' | 'post';
type T4Col = 'maintained' | 'corrected' | 'other' | 'pending' | 'total';

/** A figure the narrative states, where it is, and how it is written. */
export interface NarrativeFigure {
  kind: FigureKind;
  value: number;
  /** Percentages: the value as printed (43.5) and its decimals. */
  percent?: { decimals: number; of: FigureKind };
  range: Range;
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
  { re: /现行有效的?(?:行政)?规范性文件/g, kind: 't2:normativeDocs:valid', formats: ['2021'] },
  { re: /现行有效的?(?:政府)?规章/g, kind: 't2:regulations:valid', formats: ['2021'] },
  { re: /(?:制发|印发)了?(?:行政)?规范性文件/g, kind: 't2:normativeDocs:made', formats: ['2021'] },
  { re: /废止了?(?:行政)?规范性文件/g, kind: 't2:normativeDocs:repealed', formats: ['2021'] },
];

/** A clause with any of these is about something other than the year's figures of the report's body. */
const OFF_SUBJECT =
  /同比|较上年|比上年|较去年|比去年|相比|去年|上年(?!度?结转)|上一年(?!度?结转)|增长|下降|减少|增加|上升|持平|累计|历年|以来|平均|县区|县（市、区）|县\(市、区\)|各县|乡镇|街道|各部门|部门|本级|市直|区直|县直|各单位|单位分别|自然人|企业|法人|组织|个人|网上|网络|在线|信函|当面|现场|传真|邮件|邮寄|来电|电话|咨询|留言|信箱|热线|12345|提案|建议|议案|分别|各|约|近|超过|逾|以上|以下|不足|左右|季度|上半年|下半年|[0-9０-９一二三四五六七八九十]月|人次|批次/;

/** A figure: a number followed by its unit (件 for counts; 起 宗 例 also for cases; % for shares). */
const FIGURE = /([0-9０-９][0-9０-９,．.]*|[零〇一二两三四五六七八九十百千万]+)\s*(件|起|宗|例|%|％)/g;

const CONNECTOR = /^\s*(?:、|和|及|与|或|以及|、以及)\s*$/;

interface Hit {
  start: number;
  end: number;
  kind: KeywordKind;
}

function keywordsIn(text: string, c: Span, format: '2019' | '2021'): Hit[] {
  const clause = text.slice(c.start, c.end);
  const hits: Hit[] = [];
  for (const k of KEYWORDS) {
    if (k.formats && !k.formats.includes(format)) continue;
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
  raw: string;
  unitEnd: number;
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
    const before = text.slice(Math.max(0, start - 3), start);
    const after = text.slice(c.start + m.index + m[0].length, c.start + m.index + m[0].length + 2);
    // Ordinals, ranges, approximations and counts of something else (件次, 一件事).
    if (/第$|[0-9０-９一二三四五六七八九十]\s*[-－~～至到]$|[约近超逾余]$/.test(before) || /^(?:次|事|以上|以下|左右|多)/.test(after))
      continue;
    if (/^[零〇一二两三四五六七八九十百千万]/.test(raw) && /[第统唯单逐每同任某这那一]$/.test(before)) continue;
    const n = readNumeral(raw, percent);
    if (!n) continue;
    out.push({
      start,
      end,
      value: n.value,
      decimals: n.decimals,
      style: n.style,
      percent,
      raw,
      unitEnd: c.start + m.index + m[0].length,
    });
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
export function extractFigures(report: Report, paras: Paragraph[]): NarrativeFigure[] {
  const format = report.format ?? '2021';
  const out: NarrativeFigure[] = [];
  for (const p of paras) {
    if (p.section !== 1 && p.section !== 2 && p.section !== 3 && p.section !== 4 && p.section !== 6) continue;
    const text = p.text;
    for (const s of sentences(text)) {
      if (!FIGURE_HINT.test(text.slice(s.start, s.end))) continue;
      if (otherYear(text, s, report.year)) continue;
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
        const off = OFF_SUBJECT.test(clauseText) || flowAndCase;
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
          const before = subjectsSeen[subjectsSeen.length - 1];
          let hit: Hit | undefined;
          if (before && f.start - before.end <= 20 && !/\d/.test(text.slice(before.end, f.start).replace(/\s/g, ''))) hit = before;
          if (hit) {
            const prev = subjectsSeen[subjectsSeen.length - 2];
            if (prev && CONNECTOR.test(text.slice(prev.end, hit.start))) hit = undefined; // 予以公开、部分公开共N件
          } else if (!f.percent && figs.length === 1) {
            const next = hits.find((h) => h.start >= f.unitEnd && h.start - f.unitEnd <= 3);
            if (next && !next.kind.startsWith('result:')) hit = next;
          }
          let kind: FigureKind | null = null;
          if (f.percent) {
            if (hit && (CATEGORY as string[]).includes(hit.kind)) kind = hit.kind as FigureKind;
            else if (!hit && lastCount && lastCount.clause >= ci - 1 && /^\s*(?:约占|所占|占比|占|比例为?|比重为?)/.test(clauseText))
              kind = lastCount.kind;
            if (kind && (CATEGORY as string[]).includes(kind) && !off && sub === undefined) {
              const r = rangeIn(p, f.start, f.end);
              if (r)
                out.push({
                  kind,
                  value: f.value,
                  percent: { decimals: f.decimals, of: kind },
                  range: r,
                  raw: f.raw,
                  style: f.style,
                  section: p.section,
                });
            }
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
          if (!kind || off) {
            lastCount = null;
            continue;
          }
          const r = rangeIn(p, f.start, f.end);
          lastCount = { kind, clause: ci };
          if (r) out.push({ kind, value: f.value, range: r, raw: f.raw, style: f.style, section: p.section });
        }
        advance(c.end);
      });
    }
  }
  return out;
}

/** A quick test before the clause work: a sentence with no figure unit has no figure. */
const FIGURE_HINT = /[件起宗例%％]/;
const SUBJECT_HINT = /复议|诉讼|起诉/;

/** After 其中, only the parts of a total: result categories (and carry) of 收到/办结, results of a case count. */
function allowedAfterQizhong(head: FigureKind | null, kind: FigureKind): boolean {
  if (!head) return false;
  if (head === 'received' || head === 'handled') return (CATEGORY as string[]).includes(kind) || kind === 'carry';
  const m = /^t4:(\w+):total$/.exec(head);
  if (m) return kind.startsWith(`t4:${m[1]}:`) && !kind.endsWith(':total');
  return false;
}

// ---------------------------------------------------------------- table values

interface TableValue {
  value: number;
  cells: { cell: Cell; label: string }[];
}

type Lookup = (kind: FigureKind) => TableValue | null;

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
  const t3 = (rowKeys: string[]): TableValue | null => {
    const rows = report.table3?.rows;
    if (!rows) return null;
    const cells: TableValue['cells'] = [];
    let value = 0;
    for (const k of rowKeys) {
      const row = rows[k];
      const cell = row?.cells[6];
      if (!cell || cell.value.kind !== 'int' || doubtful.has(cell)) return null;
      value += cell.value.value;
      const label = spec.table3.rows.find((r) => r.key === k)?.label ?? k;
      cells.push({ cell, label: `${t('table.3.short')}「${label}」·「${spec.table3.columns[6].label}」` });
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
  return (kind) => {
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
    const m4 = /^t4:(\w+):(\w+)$/.exec(kind);
    if (m4) return t4(m4[1] === 'litigation' ? ['direct', 'post'] : [m4[1]], m4[2] as T4Col);
    const m2 = /^t2:(\w+):(\w+)$/.exec(kind);
    if (m2 && report.table2) {
      for (const sub of report.table2.subtables) {
        const row = sub.rows.find((r) => r.key === m2[1]);
        const cell = row?.cells.find((c) => c.colKey === m2[2]);
        if (!cell) continue;
        if (cell.value.kind !== 'int') return null;
        const sp = spec.table2[sub.index];
        const label = `${t('table.2.short')}「${sp.rows.find((r) => r.key === m2[1])?.label ?? m2[1]}」·「${sp.columns.find((c) => c.key === m2[2])?.label ?? m2[2]}」`;
        return { value: cell.value.value, cells: [{ cell, label }] };
      }
    }
    return null;
  };
}

/** What a figure is about, in words, for messages. */
function kindLabel(kind: FigureKind, report: Report, locale: Locale): string {
  const own = localize(`figure.${kind}`, {}, locale);
  if (own !== `figure.${kind}`) return own;
  const spec = FORMATS[report.format ?? '2021'];
  const m4 = /^t4:(\w+):(\w+)$/.exec(kind);
  if (m4) {
    const group = localize(`figure.t4.${m4[1]}`, {}, locale);
    return m4[2] === 'total' ? group : `${group}·${spec.table4.columns.find((c) => c.key === m4[2])?.label ?? m4[2]}`;
  }
  const m2 = /^t2:(\w+):(\w+)$/.exec(kind);
  if (m2) {
    for (const sub of spec.table2) {
      const row = sub.rows.find((r) => r.key === m2[1]);
      const col = sub.columns.find((c) => c.key === m2[2]);
      if (row && col) return `${row.label}·${col.label}`;
    }
  }
  return kind;
}

// ---------------------------------------------------------------- the checks

export interface NarrativeOptions {
  locale?: Locale;
  derivations?: Derivation[];
}

type Out = Omit<ReportDiagnostic, 'severity'> & { severity?: ReportDiagnostic['severity'] };

export function checkNarrative(report: Report, text: string, options: NarrativeOptions = {}): ReportDiagnostic[] {
  const locale = options.locale ?? 'zh';
  const t = (id: string, args: Record<string, string | number> = {}) => localize(id, args, locale);
  const out: ReportDiagnostic[] = [];
  const push = (d: Out) => out.push({ ...d, severity: d.severity ?? DEFAULT_SEVERITY[d.code] });
  const lines = text.split(/\r\n|\r|\n/);
  const paras = paragraphs(report, lines);
  const lookup = tableLookup(report, options.derivations ?? [], locale);
  const related = (tv: TableValue): RelatedInfo[] =>
    tv.cells.map((c) => ({
      range: c.cell.range,
      message: t('related.cell', { label: c.label, value: (c.cell.value as { value: number }).value }),
    }));
  const cellData = (tv: TableValue) =>
    tv.cells.map((c) => ({
      row: c.cell.rowKey,
      col: c.cell.colKey,
      label: c.label,
      value: (c.cell.value as { value: number }).value,
      range: c.cell.range,
    }));

  for (const f of extractFigures(report, paras)) {
    const tv = lookup(f.kind);
    if (!tv) continue;
    const what = kindLabel(f.kind, report, locale);
    if (f.percent) {
      const checkPercent = (count: number, base: number) => {
        if (base <= 0) return false;
        const exact = (100 * count) / base;
        return Math.abs(exact - f.value) <= Math.pow(10, -f.percent!.decimals) + 1e-9;
      };
      const bases = [lookup('handled'), lookup('received')].filter((b): b is TableValue => !!b && b.value > 0);
      if (!bases.length) continue;
      if (bases.some((b) => checkPercent(tv.value, b.value))) continue;
      const base = bases[0];
      const right = ((100 * tv.value) / base.value).toFixed(f.percent.decimals);
      push({
        code: 'text-figure',
        message: t('text-figure.percent', { what, actual: f.raw, expected: right, count: tv.value, base: base.value }),
        range: f.range,
        related: [...related(tv), ...related(base)],
        expected: right,
        actual: f.raw,
        data: { kind: f.kind, percent: true, replace: f.style === 'fullwidth' ? toFullwidth(right) : right, cells: cellData(tv) },
      });
      continue;
    }
    if (tv.value === f.value) continue;
    if (f.kind === 'received') {
      const carry = lookup('carry');
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

  checkClaims(report, paras, lookup, push, t);
  return out;
}

function toFullwidth(s: string): string {
  return s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replace(/\./g, '．');
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

function checkClaims(
  report: Report,
  paras: Paragraph[],
  lookup: Lookup,
  push: (d: Out) => void,
  t: (id: string, args?: Record<string, string | number>) => string,
) {
  const year = report.year;
  const related = (tv: TableValue): RelatedInfo[] =>
    tv.cells.map((c) => ({
      range: c.cell.range,
      message: t('related.cell', { label: c.label, value: (c.cell.value as { value: number }).value }),
    }));
  const claim = (p: Paragraph, start: number, end: number, id: string, tvs: TableValue[], code: RuleCode = 'text-claim') => {
    const r = rangeIn(p, start, end) ?? rangeIn(p, start, start + 1);
    if (!r) return;
    push({
      code,
      message: t(id, { claim: p.text.slice(start, end), value: tvs.map((x) => x.value).reduce((a, b) => a + b, 0) }),
      range: r,
      related: tvs.flatMap(related),
      data: { claim: id },
    });
  };
  const sum = (tvs: (TableValue | null)[]) => (tvs.every((x) => x) ? (tvs as TableValue[]) : null);

  for (const p of paras) {
    const text = p.text;
    for (const s of sentences(text)) {
      const st = text.slice(s.start, s.end);
      // ---- the format notice and the statistics year
      if (year !== null && year >= 2021) {
        NOTICE_2019.lastIndex = 0;
        for (let m = st.includes('60') ? NOTICE_2019.exec(st) : null; m; m = NOTICE_2019.exec(st)) {
          const r = rangeIn(p, s.start + m.index, s.start + m.index + m[0].length);
          if (r)
            push({
              code: 'text-year',
              message: t('text-year.notice', { cited: m[0], year }),
              range: r,
              related: [],
              data: { notice: true },
            });
        }
      }
      // The report year from the title only: a year guessed from the text may be the one these sentences state.
      if (year !== null && report.yearSource === 'title' && YEAR_HINT.test(st)) {
        const stat = /统计期限|统计期|统计时段|统计时间|统计区间|统计年度/.exec(st);
        const ys = yearsIn(text, s);
        /** text-year on a year written in the text, with the report year as its fix. */
        const wrongYear = (y: (typeof ys)[number]) => {
          const r = rangeIn(p, y.start, y.end);
          if (r)
            push({
              code: 'text-year',
              message: t('text-year', { found: y.year, year }),
              range: r,
              related: [],
              data: { year: y.year, replace: String(year) },
            });
        };
        if (stat) {
          for (const y of ys) {
            if (y.start < s.start + stat.index || y.start > s.start + stat.index + 40 || y.year === year) continue;
            wrongYear(y);
          }
        } else if (p.section <= 1 && ys.length) {
          const y = ys[0];
          const lead = text.slice(s.start, y.start);
          const after = text.slice(y.end, Math.min(s.end, y.end + 30));
          if (
            y.year !== year &&
            y.year >= 2008 &&
            /^(?:\s|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.．、])*(?:[^，,。]{0,12}?[。．.:：])?\s*$/.test(
              lead,
            ) &&
            /^\s*年度?\s*[，,]?[^，,。；较比]{0,20}?(?:共|累计)?(?:收到|受理|新收|接到|办结)/.test(after) &&
            !/较|比|同比|相比|与/.test(lead)
          ) {
            wrongYear(y);
          }
        }
      }
      if (!CLAIM_HINT.test(st) || otherYear(text, s, year)) continue;
      // ---- 未收到申请
      CLAIM_NO_REQUEST.lastIndex = 0;
      for (let m = st.includes('申请') ? CLAIM_NO_REQUEST.exec(st) : null; m; m = CLAIM_NO_REQUEST.exec(st)) {
        if (
          /复议|诉讼|结转|投诉|咨询|举报|信访|行政许可|其他|其它/.test(m[1]) ||
          /除/.test(st) ||
          /复议|诉讼/.test(st.slice(m.index + m[0].length, m.index + m[0].length + 2))
        )
          continue;
        const tv = lookup('received');
        if (tv && tv.value > 0) claim(p, s.start + m.index, s.start + m.index + m[0].length, 'text-claim.noRequest', [tv]);
      }
      // ---- 未发生行政复议、行政诉讼
      CLAIM_NO_CASE.lastIndex = 0;
      for (let m = SUBJECT_HINT.test(st) ? CLAIM_NO_CASE.exec(st) : null; m; m = CLAIM_NO_CASE.exec(st)) {
        const scope = m[1];
        const review = /复议/.test(scope.replace(/复议后(?:提起)?(?:行政)?(?:起诉|诉讼)/g, ''));
        const suit = /诉讼|起诉/.test(scope);
        if (!review && !suit) continue;
        if (/纠正|纠错|败诉|撤销|维持|[0-9０-９]|件|其他|其它/.test(scope) || /除/.test(st)) continue;
        const cut = scope.search(/复议|诉讼|起诉/);
        if (cut > 18) continue;
        const tvs = sum(
          [review ? lookup('t4:review:total') : null, suit ? lookup('t4:litigation:total') : null].filter((x, i) =>
            i === 0 ? review : suit,
          ),
        );
        if (tvs && tvs.some((x) => x.value > 0))
          claim(
            p,
            s.start + m.index,
            s.start + m.index + m[0].length,
            'text-claim.noCase',
            tvs.filter((x) => x.value > 0),
          );
      }
      // ---- 均获维持
      CLAIM_ALL_MAINTAINED.lastIndex = 0;
      for (let m = st.includes('维持') ? CLAIM_ALL_MAINTAINED.exec(st) : null; m; m = CLAIM_ALL_MAINTAINED.exec(st)) {
        const head = st.slice(0, m.index);
        const review = /复议/.test(head.replace(/复议后(?:提起)?(?:行政)?(?:起诉|诉讼)/g, ''));
        const suit = /诉讼|起诉/.test(head);
        if (!review && !suit) continue;
        const groups: T4Group[] = [...(review ? (['review'] as const) : []), ...(suit ? (['litigation'] as const) : [])];
        const bad: TableValue[] = [];
        let readable = true;
        for (const g of groups)
          for (const col of ['corrected', 'other', 'pending'] as const) {
            const tv = lookup(`t4:${g}:${col}`);
            if (!tv) readable = false;
            else if (tv.value > 0) bad.push(tv);
          }
        if (readable && bad.length) claim(p, s.start + m.index, s.start + m.index + m[0].length, 'text-claim.allMaintained', bad);
      }
      // ---- 无结转下年度 / 无上年结转
      NO_FLOW.lastIndex = 0;
      for (let m = st.includes('结转') ? NO_FLOW.exec(st) : null; m; m = NO_FLOW.exec(st)) {
        if (/其他|其它|除|复议|诉讼/.test(st)) continue;
        const carry = !!m[1];
        const tv = lookup(carry ? 'carry' : 'forward');
        if (tv && tv.value > 0)
          claim(p, s.start + m.index, s.start + m.index + m[0].length, carry ? 'text-claim.noCarry' : 'text-claim.noForward', [tv]);
      }
      // ---- 全部办结
      CLAIM_ALL_HANDLED.lastIndex = 0;
      for (let m = st.includes('办结') ? CLAIM_ALL_HANDLED.exec(st) : null; m; m = CLAIM_ALL_HANDLED.exec(st)) {
        const head = st.slice(0, m.index);
        if (/上一?年|结转|按时|按期|期限|时限/.test(st) || /办结|答复/.test(head)) continue;
        const tv = lookup('forward');
        if (tv && tv.value > 0) claim(p, s.start + m.index, s.start + m.index + m[0].length, 'text-claim.allHandled', [tv]);
      }
      // ---- 未收取费用
      CLAIM_NO_FEE.lastIndex = 0;
      for (let m = st.includes('费') ? CLAIM_NO_FEE.exec(st) : null; m; m = CLAIM_NO_FEE.exec(st)) {
        if (/收费通知|缴纳|缴费|其他|其它|除/.test(st)) continue; // the notice sent and not paid: what 六 should say
        const info = /信息处理|处理费|检索|复制|邮寄|申请/.test(m[1] + st);
        const o2 = report.format === '2021' ? lookupO2(report, t) : null;
        const fee2 = !info ? table2Fee(report, t) : null;
        const tvs: TableValue[] = [];
        if (o2 && o2.value > 0) tvs.push(o2);
        if (fee2 && fee2.positive) tvs.push(fee2.tv);
        if (!tvs.length) continue;
        claim(
          p,
          s.start + m.index,
          s.start + m.index + m[0].length,
          'text-claim.noFee',
          tvs,
          p.section === 6 ? 'fee-conflict' : 'text-claim',
        );
      }
    }
  }
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
  const lines = text.split(/\r\n|\r|\n/);
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
  const cells = tv.cells.map((c) => ({ label: c.label, value: (c.cell.value as { value: number }).value, range: c.cell.range }));
  const what = kindLabel(figure.kind, report, locale);
  if (figure.percent) {
    const base = lookup('handled');
    const agrees =
      !!base && base.value > 0 && Math.abs((100 * tv.value) / base.value - figure.value) <= Math.pow(10, -figure.percent.decimals) + 1e-9;
    return { figure, what, value: tv.value, cells, agrees };
  }
  return { figure, what, value: tv.value, cells, agrees: tv.value === figure.value };
}
