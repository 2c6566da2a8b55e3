/**
 * Diagnostics by cause, from the repair (repair.ts): `cell-suspect` on each cell of a unique
 * cheapest repair; the broken sums say which suspect explains them; `repair-ambiguous` lists the
 * equally cheap repairs when there are several; `repair-limit` when the search hit its bound.
 * Also the hover text of a suspect (the rules it breaks, their figures before and after).
 */
import { FORMATS } from './formatData';
import { localize, type Locale } from './messages';
import type { Cell, Derivation, Report, ReportDiagnostic } from './model';
import { DEFAULT_SEVERITY } from './rules';
import {
  cellKey,
  evaluateWith,
  explaining,
  findRepair,
  type CellChange,
  type ComponentRepair,
  type Repair,
  type RepairResult,
} from './repair';

export interface LocaliseOptions {
  locale?: Locale;
  /** Leave out the broken-sum diagnostics a unique repair explains (the suspects stay). */
  hideExplained?: boolean;
  /** A repair already computed for these derivations. */
  repair?: RepairResult;
}

/** A cell's name as messages show it: 「row·column」 with the row's group for numbered items. */
export function cellName(report: Report, table: 3 | 4, cell: Cell): string {
  const spec = FORMATS[report.format ?? '2021'];
  if (table === 3) {
    const r = spec.table3.rows.find((x) => x.key === cell.rowKey);
    const col = spec.table3.columns.find((c) => c.key === cell.colKey)?.label ?? cell.colKey;
    const row = r ? (r.depth >= 2 && r.groups.length ? `${r.groups[r.groups.length - 1]}${r.label}` : r.label) : cell.rowKey;
    return `${row}·${col}`;
  }
  const g = spec.table4.groups.find((x) => x.key === cell.rowKey);
  const col = spec.table4.columns.find((c) => c.key === cell.colKey)?.label ?? cell.colKey;
  return `${g ? (g.parent ? `${g.parent}（${g.label}）` : g.label) : cell.rowKey}·${col}`;
}

/** A change as data other features read back (quick fixes, the command line). */
export interface ChangeData {
  table: 3 | 4;
  row: string;
  col: string;
  value: string;
}

const changeData = (c: CellChange): ChangeData => ({ table: c.table, row: c.cell.rowKey, col: c.cell.colKey, value: String(c.to) });

const ruleTable = (d: Derivation) => (d.rule === 'sum-review' ? 4 : 3);

/**
 * The sum diagnostics (as checkReport made them, with data {row, col, table}) annotated with
 * what explains them, followed by the suspects and the ambiguity or limit notes.
 */
export function localise(
  report: Report,
  derivations: Derivation[],
  sums: ReportDiagnostic[],
  options: LocaliseOptions = {},
): ReportDiagnostic[] {
  const locale = options.locale ?? 'zh';
  const t = (id: string, args: Record<string, string | number> = {}) => localize(id, args, locale);
  const result = options.repair ?? findRepair(derivations);
  const out: ReportDiagnostic[] = [];
  const name = (c: CellChange) => `「${cellName(report, c.table, c.cell)}」`;
  const describe = (r: Repair) =>
    r.changes
      .map((c) => (c.to === null ? t('repair.undetermined', { cell: name(c) }) : t('repair.change', { cell: name(c), value: c.to })))
      .join(t('repair.and'));
  // Which component explains which sum diagnostic.
  const byRule = new Map<string, { comp: ComponentRepair; d: Derivation }>();
  for (const comp of result.components) for (const d of comp.broken) byRule.set(`${d.rule}:${cellKey(ruleTable(d), d.total)}`, { comp, d });
  for (const diag of sums) {
    const data = (diag.data ?? {}) as { row?: string; col?: string; table?: number };
    const hit = byRule.get(`${diag.code}:${data.table}:${data.row}:${data.col}`);
    if (!hit) {
      out.push(diag);
      continue;
    }
    const { comp, d } = hit;
    if (comp.status === 'unique') {
      const repair = comp.repairs[0];
      const why = explaining(repair, d);
      if (options.hideExplained) continue;
      out.push({
        ...diag,
        message: diag.message + t('explained', { cells: why.map(name).join('、') }),
        data: { ...diag.data, explainedBy: why.map(changeData), repair: repair.changes.map(changeData) },
      });
    } else if (comp.status === 'ambiguous') {
      out.push({
        ...diag,
        data: {
          ...diag.data,
          alternatives: comp.repairs.filter((r) => r.changes.every((c) => c.to !== null)).map((r) => r.changes.map(changeData)),
        },
      });
    } else out.push(diag);
  }
  for (const comp of result.components) {
    const first = comp.broken[0];
    const table = t(`table.${comp.table}`);
    if (comp.status === 'unique') {
      const repair = comp.repairs[0];
      for (const c of repair.changes) {
        const others = repair.changes.filter((x) => x !== c);
        const written = c.cell.value.kind === 'int';
        const id = written
          ? others.length
            ? 'cell-suspect.with'
            : 'cell-suspect'
          : others.length
            ? 'cell-suspect.fill.with'
            : 'cell-suspect.fill';
        const broken = comp.broken.filter((d) => explaining(repair, d).includes(c));
        out.push({
          code: 'cell-suspect',
          severity: DEFAULT_SEVERITY['cell-suspect'],
          message: t(id, {
            cell: name(c),
            expected: String(c.to),
            others: others.map((o) => t('repair.change', { cell: name(o), value: String(o.to) })).join(t('repair.and')),
          }),
          range: c.cell.range,
          related: broken.map((d) => ({ range: d.total.range, message: ruleLine(report, d, repair, locale) })),
          expected: String(c.to),
          actual: written ? c.cell.raw : c.cell.raw || '',
          data: { table: c.table, row: c.cell.rowKey, col: c.cell.colKey, value: String(c.to), repair: repair.changes.map(changeData) },
        });
      }
    } else if (comp.status === 'ambiguous') {
      const listed = comp.repairs.map((r, i) => `${circled(i)}${describe(r)}`).join('；') + (comp.more ? t('repair.more') : '');
      out.push({
        code: 'repair-ambiguous',
        severity: DEFAULT_SEVERITY['repair-ambiguous'],
        message: t('repair-ambiguous', { table, count: comp.repairs.length + (comp.more ? '+' : ''), alternatives: listed }),
        range: first.total.range,
        related: comp.repairs.flatMap((r, i) =>
          r.changes.map((c) => ({
            range: c.cell.range,
            message: `${circled(i)}${c.to === null ? t('repair.undetermined', { cell: name(c) }) : t('repair.change', { cell: name(c), value: c.to })}`,
          })),
        ),
        data: {
          table: comp.table,
          alternatives: comp.repairs.filter((r) => r.changes.every((c) => c.to !== null)).map((r) => r.changes.map(changeData)),
          more: comp.more,
        },
      });
    } else {
      out.push({
        code: 'repair-limit',
        severity: DEFAULT_SEVERITY['repair-limit'],
        message: t('repair-limit', { table, broken: comp.broken.length }),
        range: first.total.range,
        related: [],
        data: { table: comp.table, limit: comp.limit },
      });
    }
  }
  return out;
}

const circled = (i: number) => (i < 20 ? String.fromCodePoint(0x2460 + i) : `(${i + 1})`);

/** One line on a rule a suspect breaks: its figures as written and after the repair. */
function ruleLine(report: Report, d: Derivation, repair: Repair, locale: Locale): string {
  const after = evaluateWith(d, new Map(repair.changes.map((c) => [c.cell, c.to!])));
  return localize(
    'related.rule',
    {
      total: `「${cellName(report, ruleTable(d), d.total)}」`,
      rule: localize(`rule.${d.rule}`, {}, locale),
      stated: d.statedReadable ? d.stated : d.total.raw || '—',
      expected: d.expected,
      after: after.expected,
    },
    locale,
  );
}

/** Hover text (Markdown) for a cell of a unique repair, or null when the cell is not a suspect. */
export function suspectHover(
  report: Report,
  derivations: Derivation[],
  result: RepairResult,
  cell: Cell,
  locale: Locale = 'zh',
): string | null {
  for (const comp of result.components) {
    if (comp.status !== 'unique') continue;
    const repair = comp.repairs[0];
    const change = repair.changes.find((c) => c.cell === cell);
    if (!change) continue;
    const t = (id: string, args: Record<string, string | number> = {}) => localize(id, args, locale);
    const values = new Map(repair.changes.map((c) => [c.cell, c.to!]));
    const rules = derivations.filter((d) => explaining(repair, d).includes(change));
    const lines = [
      `**${t('hover.suspect', { cell: `「${cellName(report, change.table, cell)}」`, written: cell.raw || '—', expected: String(change.to) })}**`,
      '',
      `| ${t('hover.rule')} | ${t('hover.before')} | ${t('hover.after')} |`,
      '|---|---|---|',
      ...rules.map((d) => {
        const after = evaluateWith(d, values);
        const before = `${d.statedReadable ? d.stated : d.total.raw || '—'} ${d.holds ? '=' : '≠'} ${d.expected}`;
        return `| 「${cellName(report, ruleTable(d), d.total)}」${t(`rule.${d.rule}`)} | ${before} | ${after.stated} ${after.holds ? '=' : '≠'} ${after.expected} |`;
      }),
    ];
    if (repair.changes.length > 1)
      lines.push(
        '',
        t('hover.together', {
          cells: repair.changes
            .map((c) => t('repair.change', { cell: `「${cellName(report, c.table, c.cell)}」`, value: String(c.to) }))
            .join(t('repair.and')),
        }),
      );
    return lines.join('\n');
  }
  return null;
}
