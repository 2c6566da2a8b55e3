/**
 * The rules: each finds one kind of fault in the parsed report and says where, in the user's
 * language. Codes are stable (other tools and the JSON output rely on them).
 */
import { derive, skippedRules } from './derive';
import { FORMATS, SECTIONS, formatForYear } from './formatData';
import { localize, type Locale } from './messages';
import { DEFAULT_SEVERITY, RULES } from './rules';
import type { Cell, Derivation, Label, Range, Report, ReportDiagnostic, Row, RuleCode, Severity, Section } from './model';
import { isZeroText, normalizeLabel } from './text';
import { comparePositions } from './ranges';
import { splitLines } from './lines';
import type { RepairResult } from './repair';
import type { AnalysisCache } from './memo';
import { localise } from './repairDiagnostics';
import { checkNarrative } from './narrative';
import { checkTable2 } from './table2Rules';
import { pushAll } from './arrays';

export { RULE_CODES, DEFAULT_SEVERITY } from './rules';

export interface CheckOptions {
  locale?: Locale;
  /** Per-rule severity, or 'off' to silence a rule. */
  severities?: Partial<Record<RuleCode, Severity | 'off'>>;
  /** Derivations already computed for this report (derive(report)). */
  derivations?: Derivation[];
  /** Leave out broken sums that a suspect cell (cell-suspect, repairDiagnostics.ts) explains. */
  hideExplained?: boolean;
  /** The repair already computed for these derivations (findRepair). */
  repair?: RepairResult;
  /** The report's text, or its lines: the narrative rules (narrative.ts) read it; without either they do not run. */
  text?: string;
  lines?: string[];
  /** The document's cache (memo.ts): the narrative rules keep what each paragraph says in it. */
  cache?: AnalysisCache;
}

/** Column labels of the report's format, per table, by column key. */
function columnNames(report: Report): Record<2 | 3 | 4, Map<string, string>> {
  const spec = FORMATS[report.format ?? '2021'];
  const names = { 2: new Map<string, string>(), 3: new Map<string, string>(), 4: new Map<string, string>() };
  for (const sub of spec.table2) for (const c of sub.columns) names[2].set(c.key, c.label);
  for (const c of spec.table3.columns) names[3].set(c.key, c.label);
  for (const c of spec.table4.columns) names[4].set(c.key, c.label);
  return names;
}

export function checkReport(report: Report, options: CheckOptions = {}): ReportDiagnostic[] {
  const locale = options.locale ?? 'zh';
  const t = (id: string, args: Record<string, string | number> = {}) => localize(id, args, locale);
  const out: ReportDiagnostic[] = [];
  const spec = FORMATS[report.format ?? '2021'];
  const colNames = columnNames(report);
  const push = (d: Omit<ReportDiagnostic, 'severity' | 'related'> & { severity?: Severity; related?: ReportDiagnostic['related'] }) =>
    out.push({ severity: DEFAULT_SEVERITY[d.code], related: [], ...d });

  // ---- sums
  const derivations = options.derivations ?? derive(report);
  const labelOfRow = (key: string) =>
    spec.table3.rows.find((r) => r.key === key)?.label ??
    spec.table4.groups.find((g) => g.key === key)?.label ??
    // (the 2019 row （六）其他处理 kept in a 2021 table)
    FORMATS['2019'].table3.rows.find((r) => r.key === key)?.label ??
    key;
  for (const d of derivations) {
    if (d.holds) continue;
    const col = colNames[d.rule === 'sum-review' ? 4 : 3].get(d.total.colKey) ?? d.total.colKey;
    const args: Record<string, string | number> = {
      expected: d.expected,
      actual: d.statedReadable ? d.stated : d.total.raw ? t('value.quoted', { raw: d.total.raw }) : t('value.blank'),
      row: labelOfRow(d.total.rowKey),
      col,
      group: labelOfRow(d.total.rowKey),
    };
    if (d.rule === 'sum-balance') {
      args.new = d.addends[0].value;
      args.carry = d.addends[1].value;
      args.total = d.subtrahends[0].value;
    }
    const related = [
      ...d.addends.map((a) => ({
        range: a.cell.range,
        message: t('related.addend', { label: `${a.rowLabel}·${a.columnLabel}`, value: a.value }),
      })),
      ...d.subtrahends.map((a) => ({
        range: a.cell.range,
        message: t('related.subtrahend', { label: `${a.rowLabel}·${a.columnLabel}`, value: a.value }),
      })),
    ];
    push({
      code: d.rule,
      message: t(d.rule, args),
      range: d.total.range,
      related,
      expected: String(d.expected),
      actual: d.statedReadable ? String(d.stated) : d.total.raw,
      data: { row: d.total.rowKey, col: d.total.colKey, table: d.rule === 'sum-review' ? 4 : 3 },
    });
  }

  // ---- rules that could not be evaluated: said, never skipped in silence
  for (const sk of skippedRules(report)) {
    const table = sk.table === 3 ? report.table3 : sk.table === 4 ? report.table4 : null;
    const section = report.sections.find((s) => !s.duplicate && s.number === sk.table);
    const where = table?.range ??
      section?.heading.range ??
      report.title?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const rowName = (k: string) =>
      k === 'table' ? t(`table.${sk.table}`) : k === 'year' || k === 'formatEvidence' ? t(`rule-skipped.${k}`) : `「${labelOfRow(k)}」`;
    const allColumns = sk.table === 3 ? sk.columns.length === spec.table3.columns.length : false;
    const col =
      allColumns || sk.columns.length === 0
        ? t('rule-skipped.allColumns')
        : sk.columns.map((c) => (sk.table === null ? c : (colNames[sk.table].get(c) ?? c))).join('、');
    push({
      code: 'rule-skipped',
      message: t('rule-skipped', {
        rule: sk.rule,
        what: RULES[sk.rule][locale],
        col: sk.rule === 'format-version' ? '' : col,
        missing: sk.missing.map(rowName).join(locale === 'zh' ? '、' : ', '),
      }),
      range: where,
      data: { rule: sk.rule, table: sk.table, columns: sk.columns, missing: sk.missing },
    });
  }
  // ---- error localisation: the cheapest repair names the wrong cells; broken sums say what explains them
  out.splice(
    0,
    out.length,
    ...localise(
      report,
      derivations.filter((d) => options.severities?.[d.rule] !== 'off'),
      out,
      { locale, hideExplained: options.hideExplained, repair: options.repair },
    ),
  );

  // ---- cells
  const cellChecks = (cell: Cell, table: 2 | 3 | 4, rowName: string) => {
    const col = colNames[table].get(cell.colKey) ?? cell.colKey;
    const v = cell.value;
    if (v.kind === 'blank') {
      push({
        code: 'cell-blank',
        message: t('cell-blank', { row: rowName, col }),
        range: cell.range,
        data: { table, row: cell.rowKey, col: cell.colKey },
      });
    } else if (v.kind === 'invalid') {
      push({
        code: 'cell-invalid',
        message: t('cell-invalid', { raw: cell.raw, reason: t(`reason.${v.reason}`), row: rowName, col }),
        range: cell.range,
        data: { reason: v.reason, table, row: cell.rowKey, col: cell.colKey },
      });
    } else if (
      v.kind === 'decimal' &&
      table === 2 &&
      report.format === '2019' &&
      cell.colKey === 'amount' &&
      v.unit === null &&
      !isZeroText(v.text)
    ) {
      push({
        code: 'amount-unit',
        message: t('amount-unit', { raw: cell.raw }),
        range: cell.range,
        data: { table, row: cell.rowKey, col: cell.colKey },
      });
    }
  };
  if (report.table2) {
    for (const sub of report.table2.subtables)
      for (const row of sub.rows) for (const c of row.cells) cellChecks(c, 2, row.label?.official ?? row.key);
  }
  if (report.table3)
    for (const row of Object.values(report.table3.rows))
      for (const c of row.cells) cellChecks(c, 3, row.label?.official ?? labelOfRow(row.key));
  if (report.table4) {
    for (const row of Object.values(report.table4.rows)) {
      const g = spec.table4.groups.find((x) => x.key === row.key)!;
      for (const c of row.cells) cellChecks(c, 4, g.parent ? `${g.parent}（${g.label}）` : g.label);
    }
  }

  // ---- what the parser found: unknown rows, cell counts, missing rows
  // (One object each, in push's shape: a table of 100,000 foreign rows has as many.)
  for (const p of report.problems) {
    const args = typeof p.args?.table === 'string' ? { ...p.args, table: t(p.args.table) } : p.args;
    out.push({
      severity: p.severity ?? DEFAULT_SEVERITY[p.code],
      related: [],
      code: p.code,
      message: t(p.messageId, args),
      range: p.range,
      data: p.data,
    });
  }

  // ---- labels
  const wrapped = new Set<Label>();
  if (report.table2) for (const sub of report.table2.subtables) wrappedLabels(sub.rows, wrapped);
  if (report.table3) wrappedLabels(Object.values(report.table3.rows), wrapped);
  if (report.table4) wrappedLabels(Object.values(report.table4.rows), wrapped);
  const labelCheck = (l: Label | null, table: 2 | 3 | 4, row: string | null) => {
    if (!l || l.status === 'official') return;
    const punct = l.status === 'punctuation';
    const moved = !punct && wrapped.has(l);
    push({
      code: 'label-variant',
      severity: punct || moved ? 'information' : 'warning',
      message: t(punct ? 'label-variant.punctuation' : moved ? 'label-variant.wrapped' : 'label-variant', {
        text: l.text,
        official: l.official,
      }),
      range: l.range,
      data: { official: l.official, replaceable: l.pieces.length === 1, status: l.status, table, row },
    });
  };
  if (report.table2) {
    const seen = new Set<Label>();
    for (const sub of report.table2.subtables) {
      for (const h of sub.headers) {
        if (h && !seen.has(h)) {
          seen.add(h);
          labelCheck(h, 2, null);
        }
      }
      for (const row of sub.rows) labelCheck(row.label, 2, row.key);
    }
  }
  if (report.table3) {
    for (const h of report.table3.headers) labelCheck(h, 3, null);
    for (const row of Object.values(report.table3.rows)) labelCheck(row.label, 3, row.key);
  }
  if (report.table4) for (const row of Object.values(report.table4.rows)) labelCheck(row.label, 4, row.key);

  // ---- sections
  checkSections(report, push, t);

  // ---- format version
  if (report.year && report.format && report.formatSource === 'tables') {
    const expected = formatForYear(report.year);
    if (expected !== report.format) {
      const where =
        report.yearSource === 'title' && report.title
          ? report.title.range
          : (report.formatEvidence ?? report.sections[0]?.headingLineRange);
      if (where) {
        push({
          code: 'format-version',
          message: t('format-version', { year: report.year, expected, actual: report.format, notice: FORMATS[expected].notice }),
          range: where,
          related: report.formatEvidence
            ? [{ range: report.formatEvidence, message: t('related.formatEvidence', { format: report.format }) }]
            : [],
          data: { expected, actual: report.format },
        });
      }
    }
  }

  // ---- the narrative against the tables, table 二 (narrative.ts, table2Rules.ts)
  const lines = options.lines ?? (options.text !== undefined ? splitLines(options.text).lines : null);
  if (lines) pushAll(out, checkNarrative(report, lines, { locale, derivations, cache: options.cache }));
  out.push(...checkTable2(report, locale));

  // ---- severities from settings, then document order
  const sev = options.severities ?? {};
  const result = out
    .filter((d) => sev[d.code] !== 'off')
    .map((d) => {
      const s = sev[d.code];
      return s && s !== 'off' ? { ...d, severity: s } : d;
    });
  result.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return result;
}

type Push = (d: Omit<ReportDiagnostic, 'severity' | 'related'> & { severity?: Severity; related?: ReportDiagnostic['related'] }) => void;

function checkSections(report: Report, push: Push, t: (id: string, args?: Record<string, string | number>) => string) {
  const primary = new Map<number, Section>();
  for (const s of report.sections) if (!s.duplicate && !primary.has(s.number)) primary.set(s.number, s);
  let maxSeen = 0;
  let maxSection: Section | null = null;
  for (const s of report.sections) {
    const spec = SECTIONS[s.number - 1];
    if (s.duplicate) {
      const first = primary.get(s.number) ?? s;
      push({
        code: 'section-order',
        message: t('section-order.duplicate', { num: s.number, heading: spec.heading }),
        range: s.heading.range,
        related: [{ range: first.heading.range, message: t('related.firstOccurrence') }],
        data: { section: s.number, duplicate: true },
      });
      continue;
    }
    if (s.number < maxSeen && maxSection) {
      push({
        code: 'section-order',
        message: t('section-order', { num: s.number, heading: spec.heading, before: SECTIONS[maxSection.number - 1].heading }),
        range: s.heading.range,
        related: [{ range: maxSection.heading.range, message: SECTIONS[maxSection.number - 1].heading }],
        data: { section: s.number },
      });
    } else {
      maxSeen = s.number;
      maxSection = s;
    }
    if (s.heading.status !== 'official') {
      const punct = s.heading.status === 'punctuation';
      push({
        code: 'section-heading',
        severity: punct ? 'information' : 'warning',
        message: t(punct ? 'section-heading.punctuation' : 'section-heading', { text: s.heading.text, official: spec.heading }),
        range: s.heading.range,
        data: { section: s.number, official: spec.heading, replaceable: true, status: s.heading.status },
      });
    }
    if (s.empty && (s.number === 1 || s.number === 5)) {
      push({
        code: 'section-empty',
        message: t('section-empty', { num: s.number, heading: spec.heading }),
        range: s.heading.range,
        data: { section: s.number },
      });
    }
    if (spec.kind !== 'narrative') {
      const table = spec.kind === 'table2' ? report.table2 : spec.kind === 'table3' ? report.table3 : report.table4;
      if (!table) {
        push({
          code: 'row-missing',
          message: t('row-missing.table', { num: s.number, heading: spec.heading }),
          range: s.heading.range,
          data: { section: s.number },
        });
      }
    }
  }
  // Missing sections: insert before the next section that is there, or at the end.
  for (const spec of SECTIONS) {
    if (primary.has(spec.number)) continue;
    const next = report.sections.find((s) => !s.duplicate && s.number > spec.number);
    let range: Range;
    if (next) {
      range = next.heading.range;
    } else {
      const last = report.lineLengths.length - 1;
      range = { start: { line: last, character: 0 }, end: { line: last, character: report.lineLengths[last] } };
    }
    push({
      code: 'section-missing',
      message: t('section-missing', { num: spec.number, heading: spec.heading }),
      range,
      data: { section: spec.number },
    });
  }
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** At most `max` problems: the most severe, kept in document order (what an editor shows). */
export function mostSevere(diagnostics: ReportDiagnostic[], max: number): ReportDiagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  return diagnostics
    .map((d, index) => ({ d, index }))
    .sort((a, b) => SEVERITY_RANK[a.d.severity] - SEVERITY_RANK[b.d.severity] || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index)
    .map((x) => x.d);
}

/**
 * The labels, among these rows', whose lines went to a neighbouring row: labels that, read in the
 * text's order, join with those of the rows next to them into exactly the official wordings of those
 * rows joined (normalised), while each alone is not its row's — a label wrapped over lines in its
 * cell, its lines given to the row above or below where a PDF's or a Word table's layout was read
 * line by line (1.属于国 / 家秘密2.其他法律行政法规禁止公 / 开3.危及…). The wording is the official one;
 * only where it breaks is not. Added to `out`.
 */
function wrappedLabels(rows: Row[], out: Set<Label>): void {
  const labels = rows
    .map((r) => r.label)
    .filter((l): l is Label => l !== null)
    .sort((a, b) => comparePositions(a.range.start, b.range.start));
  const read = labels.map((l) => normalizeLabel(l.text));
  const official = labels.map((l) => normalizeLabel(l.official));
  for (let i = 0; i < labels.length; i++) {
    if (read[i] === official[i]) continue;
    let joinedRead = read[i];
    let joinedOfficial = official[i];
    for (let j = i + 1; j < labels.length; j++) {
      joinedRead += read[j];
      joinedOfficial += official[j];
      if (joinedRead !== joinedOfficial) continue;
      for (let k = i; k <= j; k++) if (read[k] !== official[k]) out.add(labels[k]);
      i = j;
      break;
    }
  }
}
