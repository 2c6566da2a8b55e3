/**
 * Each report against the same body's report of the year before: this year's 上年结转 = last
 * year's 结转下年度 (per column); 现行有效件数 (2021 format) and 上一年项目数量 / 对外公开总数量
 * (2019 format) carried on from last year's; section 五 not a copy of last year's. Pure: a small
 * summary of each report (what the CLI's workers send back), then the comparison; no LSP import.
 *
 * Across the 2020→2021 format change only table 三's carry rule applies: 对外公开总数量 and
 * 现行有效件数 are different measures, and the 2019 item counts have no 2021 counterpart.
 */
import { FORMATS } from './formatData';
import { localize, type Locale } from './messages';
import type { FormatVersion, Range, Report, ReportDiagnostic } from './model';
import { DEFAULT_SEVERITY } from './rules';
import { similarity } from './text';

export interface SummaryCell {
  value: number | null;
  range: Range;
}

/** What the comparison needs of one report (serialisable: workers send it back). */
export interface YearSummary {
  body: string | null;
  /** The body's name for matching: spaces, punctuation and a trailing 人民政府 removed. */
  bodyKey: string | null;
  year: number | null;
  format: FormatVersion | null;
  /** Table 三, seven columns each (null where a row is missing). */
  carry: SummaryCell[] | null;
  forward: SummaryCell[] | null;
  /** Table 二 cells keyed `row:col`. */
  table2: Record<string, SummaryCell>;
  /** Section 五's text with digits, spaces and punctuation removed (at most 20,000 characters), and its heading. */
  section5: { text: string; range: Range } | null;
}

export function bodyKey(body: string | null): string | null {
  if (!body) return null;
  const k = body
    .normalize('NFKC')
    .replace(/[\s\p{P}]/gu, '')
    .replace(/(?:人民政府|政府)$/, '');
  return k || null;
}

/** The digits, spaces and punctuation of a narrative removed: what stays when a text is copied with new figures. */
function letters(s: string): string {
  return s.normalize('NFKC').replace(/[\s\p{P}\p{S}\d]/gu, '');
}

/** What the cross-year rules compare of a report (`text`: the report's text, or how to get it when it is needed). */
export function summarize(report: Report, text: string | (() => string)): YearSummary {
  const row = (key: string): SummaryCell[] | null => {
    const r = report.table3?.rows[key];
    if (!r) return null;
    return r.cells.map((c) => ({ value: c.value.kind === 'int' ? c.value.value : null, range: c.range }));
  };
  const table2: Record<string, SummaryCell> = {};
  for (const sub of report.table2?.subtables ?? [])
    for (const r of sub.rows)
      for (const c of r.cells) table2[`${r.key}:${c.colKey}`] = { value: c.value.kind === 'int' ? c.value.value : null, range: c.range };
  const s5 = report.sections.find((s) => s.number === 5 && !s.duplicate);
  const section5 = s5 && !s5.empty ? lazySection5(s5.heading.range, s5.bodyRange, text) : null;
  return {
    body: report.body,
    bodyKey: bodyKey(report.body),
    year: report.year,
    format: report.format,
    carry: row('carry'),
    forward: row('forward'),
    table2,
    section5,
  };
}

/**
 * Section 五's summary: its letters worked out when first read (only a report with last year's
 * beside it is compared): an editor summarises every open report at each keystroke. The report's
 * text is let go once they are (a summary kept for a closed file holds no more); and, made out here
 * rather than inside summarize(), the getter holds nothing of the report either.
 */
function lazySection5(range: Range, body: Range, text: string | (() => string)): NonNullable<YearSummary['section5']> {
  let letters5: string | undefined;
  let source: string | (() => string) | null = text;
  return {
    range,
    get text() {
      if (letters5 === undefined) {
        const whole = typeof source === 'function' ? source() : source!;
        const lines = whole.split(/\r\n|\r|\n/).slice(body.start.line, body.end.line + 1);
        // (The text may begin on the heading's line, after the title.)
        if (lines.length) lines[0] = lines[0].slice(body.start.character);
        letters5 = letters(lines.join('')).slice(0, 20000);
        source = null;
      }
      return letters5;
    },
  };
}

/** Section 五 texts at least this alike (Dice over character bigrams, digits removed) count as copied. */
export const COPIED_SIMILARITY = 0.9;
/** Shorter texts are formulas (无, 暂无问题…): alike by nature. */
const COPIED_MIN_LENGTH = 60;

/**
 * Last year's report for each report: the same body (bodyKey) and the year before. A body with two
 * reports for one year is ambiguous: none of its reports is matched to that year.
 */
export function matchPrevious(summaries: (YearSummary | null | undefined)[]): (number | null)[] {
  const byKey = new Map<string, number[]>();
  summaries.forEach((s, i) => {
    if (!s || !s.bodyKey || s.year === null) return;
    const k = `${s.bodyKey}\u0000${s.year}`;
    const same = byKey.get(k);
    if (same) same.push(i);
    else byKey.set(k, [i]);
  });
  return summaries.map((s) => {
    if (!s || !s.bodyKey || s.year === null) return null;
    const prev = byKey.get(`${s.bodyKey}\u0000${s.year - 1}`);
    return prev && prev.length === 1 ? prev[0] : null;
  });
}

/** Diagnostics of `current` against `previous` (last year's report, at `previousUri`). */
export function checkAcrossYears(
  current: YearSummary,
  previous: YearSummary,
  previousUri: string,
  locale: Locale = 'zh',
): ReportDiagnostic[] {
  const out: ReportDiagnostic[] = [];
  const t = (id: string, args: Record<string, string | number> = {}) => localize(id, args, locale);
  const prevYear = previous.year ?? (current.year !== null ? current.year - 1 : '?');
  const spec = FORMATS[current.format ?? '2021'];
  const prevSpec = FORMATS[previous.format ?? '2021'];
  const rel = (range: Range, label: string, value: number) => ({
    range,
    uri: previousUri,
    message: t('related.previous', { prevYear, label, value }),
  });

  // ---- table 三: 上年结转 = last year's 结转下年度, column by column (same in both formats)
  if (current.carry && previous.forward) {
    const forwardLabel = prevSpec.table3.rows.find((r) => r.key === 'forward')!.label;
    current.carry.forEach((c, i) => {
      const p = previous.forward![i];
      if (!p || c.value === null || p.value === null || c.value === p.value) return;
      const col = spec.table3.columns[i].label;
      out.push({
        code: 'carry-mismatch',
        severity: DEFAULT_SEVERITY['carry-mismatch'],
        message: t('carry-mismatch', { col, actual: c.value, expected: p.value, prevYear }),
        range: c.range,
        related: [rel(p.range, `${forwardLabel}·${col}`, p.value)],
        expected: String(p.value),
        actual: String(c.value),
        data: { row: 'carry', col: spec.table3.columns[i].key, table: 3, previous: previousUri, replace: String(p.value) },
      });
    });
  }

  const cell = (s: YearSummary, key: string) => s.table2[key];
  const ints = (...cs: (SummaryCell | undefined)[]) => cs.every((c) => c && c.value !== null);
  const rowLabel = (key: string) => spec.table2.flatMap((x) => x.rows).find((r) => r.key === key)?.label ?? key;
  const colLabel = (key: string) => spec.table2.flatMap((x) => x.columns).find((c) => c.key === key)?.label ?? key;

  // ---- 2021 format: 现行有效件数 = last year's + 本年制发 − 本年废止
  if (current.format === '2021' && previous.format === '2021') {
    for (const row of ['regulations', 'normativeDocs']) {
      const valid = cell(current, `${row}:valid`);
      const made = cell(current, `${row}:made`);
      const repealed = cell(current, `${row}:repealed`);
      const prev = cell(previous, `${row}:valid`);
      if (!ints(valid, made, repealed, prev)) continue;
      const expected = prev.value! + made.value! - repealed.value!;
      if (expected === valid.value) continue;
      out.push({
        code: 'stock-mismatch',
        severity: DEFAULT_SEVERITY['stock-mismatch'],
        message: t('stock-mismatch', {
          row: rowLabel(row),
          actual: valid.value!,
          previous: prev.value!,
          made: made.value!,
          repealed: repealed.value!,
          expected,
          prevYear,
        }),
        range: valid.range,
        related: [rel(prev.range, `${rowLabel(row)}·${colLabel('valid')}`, prev.value!)],
        expected: String(expected),
        actual: String(valid.value),
        data: { row, col: 'valid', table: 2, previous: previousUri },
      });
    }
  }

  // ---- 2019 format: 上一年项目数量 = last year's + its 本年增/减; 对外公开总数量 = last year's + 本年新公开
  if (current.format === '2019' && previous.format === '2019') {
    const items = (row: string, col: string, expected: number, related: { range: Range; label: string; value: number }[]) => {
      const c = cell(current, `${row}:${col}`);
      if (!c || c.value === null || c.value === expected) return;
      out.push({
        code: 'items-mismatch',
        severity: DEFAULT_SEVERITY['items-mismatch'],
        message: t('items-mismatch', { row: rowLabel(row), col: colLabel(col), actual: c.value, expected, prevYear }),
        range: c.range,
        related: related.map((r) => rel(r.range, r.label, r.value)),
        expected: String(expected),
        actual: String(c.value),
        data: { row, col, table: 2, previous: previousUri },
      });
    };
    for (const row of ['licensing', 'otherServices', 'punishment', 'coercion', 'fees']) {
      const p = cell(previous, `${row}:previous`);
      const d = cell(previous, `${row}:delta`);
      if (!ints(p, d)) continue;
      items(row, 'previous', p.value! + d.value!, [
        { range: p.range, label: `${rowLabel(row)}·${colLabel('previous')}`, value: p.value! },
        { range: d.range, label: `${rowLabel(row)}·${colLabel('delta')}`, value: d.value! },
      ]);
    }
    for (const row of ['regulations', 'normativeDocs']) {
      const p = cell(previous, `${row}:total`);
      const published = cell(current, `${row}:published`);
      if (!ints(p, published)) continue;
      items(row, 'total', p.value! + published.value!, [
        { range: p.range, label: `${rowLabel(row)}·${colLabel('total')}`, value: p.value! },
      ]);
    }
  }

  // ---- section 五 copied from last year's
  if (current.section5 && previous.section5) {
    const a = current.section5.text;
    const b = previous.section5.text;
    if (Math.min(a.length, b.length) >= COPIED_MIN_LENGTH) {
      const sim = similarity(a, b);
      if (sim >= COPIED_SIMILARITY) {
        out.push({
          code: 'copied-text',
          severity: DEFAULT_SEVERITY['copied-text'],
          message: t('copied-text', { prevYear, percent: Math.floor(sim * 100) }),
          range: current.section5.range,
          related: [{ range: previous.section5.range, uri: previousUri, message: t('related.previousSection', { prevYear }) }],
          data: { similarity: sim, previous: previousUri },
        });
      }
    }
  }
  return out;
}
