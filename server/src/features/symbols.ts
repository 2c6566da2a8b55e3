/**
 * Document symbols (sections, the tables inside them, table 三's groups — 三、本年度办理结果 and its
 * （三）…（六） — and the rows) and folding ranges (a table folds from its first line after the
 * section heading: its caption or header, not its first data row).
 */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import { FORMATS, SECTIONS, localize, type Range, type Report, type Row, type Section } from '../report';
import type { Analysis } from './analysis';
import { comparePositions, splitLines } from '../report/ranges';
import { formatOf } from './reportIndex';

function sectionRange(section: Section): Range {
  const end =
    comparePositions(section.bodyRange.end, section.headingLineRange.end) > 0 ? section.bodyRange.end : section.headingLineRange.end;
  return { start: section.headingLineRange.start, end };
}

function tableOf(report: Report, section: Section): { range: Range; rows: Row[] } | null {
  switch (section.kind) {
    case 'table2':
      return report.table2 ? { range: report.table2.range, rows: report.table2.subtables.flatMap((s) => s.rows) } : null;
    case 'table3':
      return report.table3 ? { range: report.table3.range, rows: Object.values(report.table3.rows) } : null;
    case 'table4':
      return report.table4 ? { range: report.table4.range, rows: Object.values(report.table4.rows) } : null;
    default:
      return null;
  }
}

export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const { report } = analysis;
  return report.sections.map((section) => {
    const range = sectionRange(section);
    const symbol: DocumentSymbol = {
      name: SECTIONS.find((s) => s.number === section.number)?.heading ?? section.heading.official,
      // The heading as written (the user's own text, in no language of ours).
      detail: section.heading.status === 'official' ? undefined : section.heading.text,
      kind: SymbolKind.Namespace,
      range,
      selectionRange: section.heading.range,
      children: [],
    };
    const table = !section.duplicate && section.kind !== 'narrative' ? tableOf(report, section) : null;
    if (table) {
      const rowSymbol = (r: Row): DocumentSymbol => ({
        name: r.label!.official,
        kind: SymbolKind.Field,
        range: rowExtent(r),
        selectionRange: r.label!.range,
      });
      const rows = section.kind === 'table3' ? table3Symbols(report, rowSymbol) : table.rows.filter((r) => r.label).map(rowSymbol);
      const name = localize(`symbol.${section.kind}`, {}, analysis.settings.locale);
      symbol.children!.push({
        name,
        kind: SymbolKind.Struct,
        range: table.range,
        selectionRange: { start: table.range.start, end: table.range.start },
        children: rows,
      });
    }
    return symbol;
  });
}

const union = (a: Range, b: Range): Range => ({
  start: comparePositions(a.start, b.start) <= 0 ? a.start : b.start,
  end: comparePositions(a.end, b.end) >= 0 ? a.end : b.end,
});

/** A row with its label: a label wrapped over several lines (PDF layouts) can end after the row's cells. */
const rowExtent = (r: Row): Range => (r.label ? union(r.range, r.label.range) : r.range);

/** Table 三's rows under their groups (三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密 …), in the form's order. */
function table3Symbols(report: Report, rowSymbol: (r: Row) => DocumentSymbol): DocumentSymbol[] {
  const spec = FORMATS[formatOf(report)].table3;
  const found = report.table3?.rows ?? {};
  const top: DocumentSymbol[] = [];
  const groups = new Map<string, DocumentSymbol>();
  for (const r of spec.rows) {
    const row = found[r.key];
    if (!row?.label) continue;
    const extent = rowExtent(row);
    let siblings = top;
    r.groups.forEach((g, depth) => {
      const key = r.groups.slice(0, depth + 1).join('›');
      let group = groups.get(key);
      if (!group) {
        group = { name: g, kind: SymbolKind.Module, range: extent, selectionRange: row.label!.range, children: [] };
        groups.set(key, group);
        siblings.push(group);
      }
      // a group spans its rows: from the first found to the last found
      group.range = union(group.range, extent);
      siblings = group.children!;
    });
    siblings.push(rowSymbol(row));
  }
  return top;
}

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const { report } = analysis;
  const ranges: FoldingRange[] = [];
  for (const section of report.sections) {
    const range = sectionRange(section);
    if (range.end.line > range.start.line)
      ranges.push({ startLine: range.start.line, endLine: range.end.line, kind: FoldingRangeKind.Region });
  }
  const lines = splitLines(analysis.text);
  for (const [kind, table] of [
    ['table2', report.table2],
    ['table3', report.table3],
    ['table4', report.table4],
  ] as const) {
    if (!table) continue;
    // from the table's caption or header lines above its first cell (up to the heading, not into a sentence of narrative)
    const section = report.sections.find((s) => s.kind === kind && !s.duplicate);
    let start = table.range.start.line;
    const top = section ? section.headingLineRange.end.line + 1 : start;
    for (let i = start - 1; i >= top; i--) {
      const text = lines[i]?.trim() ?? '';
      if (!text) continue;
      if (/[。；;]$/.test(text) || text.length > 80) break;
      start = i;
    }
    if (table.range.end.line > start) ranges.push({ startLine: start, endLine: table.range.end.line });
  }
  return ranges;
}
