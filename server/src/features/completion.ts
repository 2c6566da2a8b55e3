/**
 * Completion from the format data of the report's version: row labels (the rows of the group
 * the cursor is in first, missing ones before present ones), section headings and section
 * skeletons (missing first), column headers. Pinyin initials and full pinyin match too.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range } from 'vscode-languageserver';
import {
  FORMATS,
  SECTIONS,
  glossary,
  localize,
  normalizeLabel,
  writeRow,
  writeSection,
  type Locale,
  type Position,
  type Report,
} from '../report';
import type { Analysis } from './analysis';
import { splitLines } from './ranges';
import { formatOf } from './reportIndex';
import { pinyinFilterText } from './pinyin';

const pad = (n: number) => String(n).padStart(3, '0');

export function completion(analysis: Analysis, position: Position): CompletionItem[] {
  const { report } = analysis;
  const lines = splitLines(analysis.text);
  const line = lines[position.line] ?? '';
  const prefix = line.slice(0, position.character);
  // The word being typed starts after the last cell separator and any indentation or heading marks.
  const cellStart = Math.max(prefix.lastIndexOf('|'), prefix.lastIndexOf('\t')) + 1;
  const tokenStart = cellStart + (/^[\s#]*/.exec(prefix.slice(cellStart))?.[0].length ?? 0);
  const replace: Range = { start: { line: position.line, character: tokenStart }, end: position };
  const atLineStart = prefix.slice(0, tokenStart).trim().replace(/^#+/, '') === '';
  const wholeLine: Range = { start: { line: position.line, character: tokenStart }, end: { line: position.line, character: line.length } };
  const emptyRest = line.slice(position.character).trim() === '';

  const section = currentSection(report, position);
  const items: CompletionItem[] = [];
  if (section === 3)
    items.push(...table3Items(analysis, lines, position, replace, atLineStart && emptyRest && !line.includes('|') ? wholeLine : null));
  const locale = analysis.settings.locale;
  if (section === 4) items.push(...table4Items(report, replace, locale));
  if (section === 2) items.push(...table2Items(report, replace, locale));
  if (atLineStart) items.push(...sectionItems(report, replace, report.eol, section !== null, locale));
  return items;
}

/** The number of the section whose heading is the last one above the cursor (null before 一). */
function currentSection(report: Report, position: Position): number | null {
  let number: number | null = null;
  for (const s of report.sections) if (s.headingLineRange.start.line < position.line) number = s.number;
  return number;
}

function item(
  label: string,
  kind: CompletionItemKind,
  range: Range,
  sortText: string,
  extra: Partial<CompletionItem> = {},
): CompletionItem {
  return { label, kind, sortText, filterText: pinyinFilterText(label), textEdit: { range, newText: label }, ...extra };
}

function documentation(label: string, locale: Locale): CompletionItem['documentation'] {
  const text = glossary(label, locale);
  return text ? { kind: 'markdown', value: text } : undefined;
}

function table3Items(analysis: Analysis, lines: string[], position: Position, replace: Range, rowLine: Range | null): CompletionItem[] {
  const { report } = analysis;
  const spec = FORMATS[formatOf(report)].table3;
  const present = new Set(Object.keys(report.table3?.rows ?? {}));
  const group = currentGroup(analysis, lines, position);
  const pipeLayout = Object.values(report.table3?.rows ?? {}).some((r) => lines[r.range.start.line]?.trimStart().startsWith('|'));
  const items: CompletionItem[] = spec.rows.map((row, index) => {
    const inGroup = group !== null && row.groups[row.groups.length - 1] === group;
    const bucket = (inGroup ? 0 : 2) + (present.has(row.key) ? 1 : 0);
    const edit = rowLine && pipeLayout ? { range: rowLine, newText: writeRow(row.key, formatOf(report)) } : undefined;
    return item(row.label, CompletionItemKind.Field, replace, `${bucket}${pad(index)}`, {
      detail: [...row.groups, row.label].join(' › '),
      documentation: documentation(row.label, analysis.settings.locale),
      ...(edit ? { textEdit: edit } : {}),
    });
  });
  spec.groupHeads.forEach((head, index) =>
    items.push(
      item(head, CompletionItemKind.Module, replace, `4${pad(index)}`, {
        detail: localize('completion.table3.group', {}, analysis.settings.locale),
      }),
    ),
  );
  spec.columns.forEach((col, index) =>
    items.push(
      item(col.label, CompletionItemKind.Property, replace, `5${pad(index)}`, {
        detail: localize('completion.table3.column', {}, analysis.settings.locale),
      }),
    ),
  );
  return items;
}

/**
 * The table 三 group the cursor is in: the group head or the group of the row found on the
 * nearest line above the cursor.
 */
function currentGroup(analysis: Analysis, lines: string[], position: Position): string | null {
  const { report } = analysis;
  const spec = FORMATS[formatOf(report)].table3;
  const rowsByLine = new Map<number, string>();
  for (const row of Object.values(report.table3?.rows ?? {})) rowsByLine.set(row.range.start.line, row.key);
  const stop = report.sections.find((s) => s.number === 3)?.headingLineRange.start.line ?? 0;
  for (let line = position.line - 1; line > stop; line--) {
    const key = rowsByLine.get(line);
    if (key) {
      const row = spec.rows.find((r) => r.key === key);
      if (row) return row.depth >= 2 ? row.groups[row.groups.length - 1] : null;
    }
    const text = normalizeLabel(lines[line].replace(/\|/g, ''));
    const head = [...spec.groupHeads].reverse().find((h) => text.includes(normalizeLabel(h)));
    if (head) return head;
  }
  return null;
}

function table4Items(report: Report, replace: Range, locale: Locale): CompletionItem[] {
  const spec = FORMATS[formatOf(report)].table4;
  return [
    ...spec.groups.map((g, i) =>
      item(g.label, CompletionItemKind.Module, replace, `0${pad(i)}`, {
        detail: g.parent ? localize('completion.table4.group', { parent: g.parent }, locale) : localize('completion.table4', {}, locale),
      }),
    ),
    ...spec.columns.map((c, i) =>
      item(c.label, CompletionItemKind.Property, replace, `1${pad(i)}`, { detail: localize('completion.table4.column', {}, locale) }),
    ),
  ];
}

function table2Items(report: Report, replace: Range, locale: Locale): CompletionItem[] {
  const items: CompletionItem[] = [];
  FORMATS[formatOf(report)].table2.forEach((t, i) => {
    items.push(item(t.caption, CompletionItemKind.Module, replace, `0${pad(i)}`, { detail: localize('completion.table2', {}, locale) }));
    t.rows.forEach((r, j) => items.push(item(r.label, CompletionItemKind.Field, replace, `1${pad(i * 10 + j)}`, { detail: t.caption })));
    t.columns.forEach((c, j) =>
      items.push(item(c.label, CompletionItemKind.Property, replace, `2${pad(i * 10 + j)}`, { detail: t.caption })),
    );
  });
  return items;
}

/** Section headings and section skeletons, missing sections first, in order. */
function sectionItems(report: Report, replace: Range, eol: Report['eol'], insideReport: boolean, locale: Locale): CompletionItem[] {
  const present = new Set(report.sections.filter((s) => !s.duplicate).map((s) => s.number));
  const format = formatOf(report);
  const bucket = insideReport ? 6 : 0;
  return SECTIONS.flatMap((s) => {
    const missing = present.has(s.number) ? 1 : 0;
    return [
      item(s.heading, CompletionItemKind.Module, replace, `${bucket + missing}${pad(s.number * 2)}`, {
        detail: localize(missing ? 'completion.section.present' : 'completion.section.missing', {}, locale),
      }),
      item(
        localize('completion.skeleton', { heading: s.heading }, locale),
        CompletionItemKind.Snippet,
        replace,
        `${bucket + missing}${pad(s.number * 2 + 1)}`,
        {
          filterText: pinyinFilterText(s.heading),
          detail: localize(s.kind === 'narrative' ? 'completion.skeleton.narrative' : 'completion.skeleton.table', {}, locale),
          insertTextFormat: InsertTextFormat.PlainText,
          textEdit: { range: replace, newText: writeSection(s.number, format, eol) },
        },
      ),
    ];
  });
}
