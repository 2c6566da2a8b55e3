/**
 * The report preview (报表预览) and the report summary (status item): what the client draws, computed
 * from the document's analysis. The preview is tables 二, 三 and 四 laid out as the official
 * template does, header cells merged, every value cell with its state, its place in the text and a
 * one-line derivation; the client only turns this into HTML.
 */
import { FORMATS, type Cell, type Derivation, type Range, type Report, type Row } from '../report';
import {
  PREVIEW_REQUEST,
  SUMMARY_REQUEST,
  type CellState,
  type PreviewCell,
  type PreviewData,
  type PreviewTable,
  type ReportSummary,
  type UriParams,
} from './protocol';
import type { Analysis } from './analysis';
import { cellLabels, formatOf } from './reportIndex';

export { PREVIEW_REQUEST, SUMMARY_REQUEST };
export type { CellState, PreviewCell, PreviewData, PreviewTable, ReportSummary, UriParams };

const TEXT = {
  zh: {
    legend: {
      consistent: '一致',
      suspect: '可疑',
      broken: '合计不符',
      blank: '空白',
      unreadable: '无法识别',
      absent: '未找到',
    } as Record<CellState, string>,
    untitled: '（无标题）',
    format: (f: string) => `${f} 版格式`,
    tables: { 2: '二、主动公开政府信息情况', 3: '三、收到和处理政府信息公开申请情况', 4: '四、政府信息公开行政复议、行政诉讼情况' },
    content: '信息内容',
    stated: '填报',
    computed: '应为',
    written: '写作',
  },
  en: {
    legend: {
      consistent: 'consistent',
      suspect: 'suspect',
      broken: 'total does not add up',
      blank: 'blank',
      unreadable: 'unreadable',
      absent: 'not found',
    } as Record<CellState, string>,
    untitled: '(untitled)',
    format: (f: string) => `${f} format`,
    tables: {
      2: '2. Proactive disclosure',
      3: '3. Requests received and handled',
      4: '4. Administrative review and litigation',
    },
    content: '信息内容',
    stated: 'stated',
    computed: 'should be',
    written: 'written',
  },
};

type Text = (typeof TEXT)['zh'] | (typeof TEXT)['en'];

export function summary(analysis: Analysis): ReportSummary {
  const { report } = analysis;
  return { year: report.year, format: report.format, formatSource: report.formatSource };
}

export function preview(analysis: Analysis): PreviewData {
  const { report } = analysis;
  const t = TEXT[analysis.settings.locale === 'en' ? 'en' : 'zh'];
  const format = formatOf(report);
  const suspects = analysis.diagnostics.filter((d) => d.code === ('cell-suspect' as string)).map((d) => d.range);
  const totals = new Map<Cell, Derivation[]>();
  for (const d of analysis.derivations) totals.set(d.total, [...(totals.get(d.total) ?? []), d]);
  const ctx: Ctx = { report, t, suspects, totals };
  return {
    uri: analysis.uri,
    version: analysis.version,
    title: report.title?.text ?? t.untitled,
    format: t.format(format),
    tables: [table2(ctx), table3(ctx), table4(ctx)],
    legend: t.legend,
  };
}

interface Ctx {
  report: Report;
  t: Text;
  suspects: Range[];
  totals: Map<Cell, Derivation[]>;
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const inside = (inner: Range, outer: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

function stateOf(ctx: Ctx, cell: Cell | undefined): CellState {
  if (!cell) return 'absent';
  if (ctx.suspects.some((r) => inside(cell.range, r) || inside(r, cell.range))) return 'suspect';
  if (ctx.totals.get(cell)?.some((d) => !d.holds)) return 'broken';
  switch (cell.value.kind) {
    case 'blank':
      return 'blank';
    case 'invalid':
    case 'missing':
      return 'unreadable';
    default:
      return 'consistent';
  }
}

function valueCell(ctx: Ctx, cell: Cell | undefined, rowLabel: string, columnLabel: string): PreviewCell {
  const state = stateOf(ctx, cell);
  const lines = [`${rowLabel} · ${columnLabel}`];
  for (const d of (cell && ctx.totals.get(cell)) ?? []) {
    const terms = d.addends.map((a) => String(a.value)).join(' + ') + d.subtrahends.map((s) => ` − ${s.value}`).join('');
    const sum = `${terms || '0'} = ${d.expected}`;
    lines.push(d.holds ? sum : `${sum}；${ctx.t.stated} ${cell?.raw || '—'}，${ctx.t.computed} ${d.expected}`);
  }
  if (cell && (state === 'unreadable' || state === 'suspect') && cell.raw) lines.push(`${ctx.t.written}「${cell.raw}」`);
  return {
    kind: 'value',
    text: cell ? cell.raw : '',
    state,
    range: cell?.range,
    title: lines.join('\n'),
  };
}

function label(text: string, range?: Range, spans: { rowspan?: number; colspan?: number } = {}): PreviewCell {
  return { kind: 'label', text, range, ...spans };
}

function head(text: string, spans: { rowspan?: number; colspan?: number } = {}): PreviewCell {
  return { kind: 'head', text, ...spans };
}

function table2(ctx: Ctx): PreviewTable {
  const spec = FORMATS[formatOf(ctx.report)];
  const found = ctx.report.table2;
  const body: PreviewCell[][] = [];
  const width = Math.max(...spec.table2.map((s) => s.columns.length));
  spec.table2.forEach((sub, index) => {
    const parsed = found?.subtables.find((s) => s.index === index);
    body.push([{ ...head(sub.caption, { colspan: width + 1 }) }]);
    body.push([
      head(ctx.t.content),
      ...sub.columns.map((c, i) => head(c.label, i === sub.columns.length - 1 && width > sub.columns.length ? { colspan: width - i } : {})),
    ]);
    for (const r of sub.rows) {
      const row = parsed?.rows.find((x) => x.key === r.key);
      body.push([
        label(r.label, row?.label?.range),
        ...sub.columns.map((c, i) => ({
          ...valueCell(
            ctx,
            row?.cells.find((x) => x.colKey === c.key),
            r.label,
            c.label,
          ),
          ...(i === sub.columns.length - 1 && width > sub.columns.length ? { colspan: width - i } : {}),
        })),
      ]);
    }
  });
  return { number: 2, caption: ctx.t.tables[2], head: [], body, range: found?.range };
}

function table3(ctx: Ctx): PreviewTable {
  const spec = FORMATS[formatOf(ctx.report)].table3;
  const rows = ctx.report.table3?.rows ?? {};
  const depth = Math.max(...spec.rows.map((r) => r.depth));
  const labelColumns = depth + 1;
  const legal = spec.columns.slice(1, -1);
  const headRows: PreviewCell[][] = [
    [head(spec.noteCell, { rowspan: 3, colspan: labelColumns }), head(spec.columnHeader, { colspan: spec.columns.length })],
    [
      head(spec.columns[0].label, { rowspan: 2 }),
      head(spec.legalPersonGroup, { colspan: legal.length }),
      head(spec.columns[spec.columns.length - 1].label, { rowspan: 2 }),
    ],
    legal.map((c) => head(c.label)),
  ];
  // A group's cell spans every row under it; a row's label takes the label columns its groups leave.
  const spanOf = (group: string, level: number) => spec.rows.filter((r) => r.groups[level] === group).length;
  const opened = new Set<string>();
  const body: PreviewCell[][] = spec.rows.map((r) => {
    const row: Row | undefined = rows[r.key];
    const cells: PreviewCell[] = [];
    r.groups.forEach((g, level) => {
      if (opened.has(g)) return;
      opened.add(g);
      cells.push(label(g, undefined, { rowspan: spanOf(g, level) }));
    });
    cells.push(label(r.label, row?.label?.range, labelColumns - r.depth > 1 ? { colspan: labelColumns - r.depth } : {}));
    for (const c of spec.columns)
      cells.push(
        valueCell(
          ctx,
          row?.cells.find((x) => x.colKey === c.key),
          r.label,
          c.label,
        ),
      );
    return cells;
  });
  return { number: 3, caption: ctx.t.tables[3], head: headRows, body, range: ctx.report.table3?.range };
}

function table4(ctx: Ctx): PreviewTable {
  const spec = FORMATS[formatOf(ctx.report)].table4;
  const rows = ctx.report.table4?.rows ?? {};
  const n = spec.columns.length;
  const parents: { label: string; groups: typeof spec.groups }[] = [];
  for (const g of spec.groups) {
    const name = g.parent ?? g.label;
    const last = parents[parents.length - 1];
    if (last && last.label === name) last.groups.push(g);
    else parents.push({ label: name, groups: [g] });
  }
  const headRows: PreviewCell[][] = [
    parents.map((p) =>
      p.groups.length === 1 && !p.groups[0].parent
        ? head(p.label, { colspan: n, rowspan: 2 })
        : head(p.label, { colspan: n * p.groups.length }),
    ),
    spec.groups.filter((g) => g.parent).map((g) => head(g.label, { colspan: n })),
    spec.groups.flatMap(() => spec.columns.map((c) => head(c.label))),
  ];
  const body: PreviewCell[][] = [
    spec.groups.flatMap((g) => {
      const row = rows[g.key];
      const rowLabel = g.parent ? `${g.parent}·${g.label}` : g.label;
      return spec.columns.map((c) => {
        const cell = row?.cells.find((x) => x.colKey === c.key);
        return valueCell(ctx, cell, cell ? cellLabels(ctx.report, cell).row : rowLabel, c.label);
      });
    }),
  ];
  return { number: 4, caption: ctx.t.tables[4], head: headRows, body, range: ctx.report.table4?.range };
}
