/** Document symbols (sections, the tables inside them, their rows) and folding ranges. */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import { SECTIONS, localize, type Range, type Report, type Row, type Section } from '../report';
import type { Analysis } from './analysis';
import { comparePositions } from './ranges';

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
      const rows = table.rows
        .filter((r) => r.label)
        .map<DocumentSymbol>((r) => ({
          name: r.label!.official,
          kind: SymbolKind.Field,
          range: r.range,
          selectionRange: r.label!.range,
        }));
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

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const { report } = analysis;
  const ranges: FoldingRange[] = [];
  for (const section of report.sections) {
    const range = sectionRange(section);
    if (range.end.line > range.start.line)
      ranges.push({ startLine: range.start.line, endLine: range.end.line, kind: FoldingRangeKind.Region });
  }
  for (const table of [report.table2, report.table3, report.table4]) {
    if (table && table.range.end.line > table.range.start.line)
      ranges.push({ startLine: table.range.start.line, endLine: table.range.end.line });
  }
  return ranges;
}
