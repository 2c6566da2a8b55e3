/**
 * Completion from the format data of the report's version: row labels (the rows of the group
 * the cursor is in first, missing ones before present ones), section headings and section
 * skeletons (missing first), column headers. Any part of a label matches: characters, full
 * pinyin or initials (pinyin.ts). A table 三 row typed on a line of its own in a `|` table comes
 * in as a whole row, aligned with the rows around it (they are realigned with it if it is wider).
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range } from 'vscode-languageserver';
import {
  FORMATS,
  SECTIONS,
  alignRows,
  glossary,
  localize,
  normalizeLabel,
  writeRow,
  writeSection,
  type Position,
  type Report,
} from '../report';
import type { LocaleSetting } from './settings';
import type { Analysis } from './analysis';
import { splitLines } from '../report/ranges';
import { formatOf } from './reportIndex';
import { pinyinFilterText } from './pinyin';

const pad = (n: number) => String(n).padStart(3, '0');

export interface CompletionOptions {
  /** The text of the line being typed, when it is not the analysed text's (a document read through its markup, markupFeatures.ts). */
  line?: string;
  /** A table 三 row typed on a line of its own may come in as a whole `|` row (not where the tables are markup). */
  wholeRows?: boolean;
}

export function completion(analysis: Analysis, position: Position, options: CompletionOptions = {}): CompletionItem[] {
  const { report } = analysis;
  const lines = splitLines(analysis.text);
  const line = options.line ?? lines[position.line] ?? '';
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
    items.push(
      ...table3Items(
        analysis,
        lines,
        position,
        replace,
        options.wholeRows !== false && atLineStart && emptyRest && !line.includes('|') ? wholeLine : null,
      ),
    );
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

function documentation(label: string, locale: LocaleSetting): CompletionItem['documentation'] {
  const text = glossary(label, locale);
  return text ? { kind: 'markdown', value: text } : undefined;
}

function table3Items(analysis: Analysis, lines: string[], position: Position, replace: Range, rowLine: Range | null): CompletionItem[] {
  const { report } = analysis;
  const spec = FORMATS[formatOf(report)].table3;
  const present = new Set(Object.keys(report.table3?.rows ?? {}));
  const group = currentGroup(analysis, lines, position);
  const pipeLayout = Object.values(report.table3?.rows ?? {}).some((r) => lines[r.range.start.line]?.trimStart().startsWith('|'));
  const locale = analysis.settings.locale;
  const t = DETAIL[locale];
  const neighbours = rowLine && pipeLayout ? pipeBlock(lines, position.line) : null;
  const items: CompletionItem[] = spec.rows.map((row, index) => {
    const inGroup = group !== null && row.groups[row.groups.length - 1] === group;
    const bucket = (inGroup ? 0 : 2) + (present.has(row.key) ? 1 : 0);
    const aligned = rowLine && neighbours ? alignedRow(writeRow(row.key, formatOf(report)), neighbours, rowLine) : null;
    return item(row.label, CompletionItemKind.Field, replace, `${bucket}${pad(index)}`, {
      // short enough for the suggest widget: the table and the innermost group
      detail: row.groups.length ? `${t.table3} · ${shortGroup(row.groups[row.groups.length - 1])}` : t.table3,
      documentation: documentation(row.label, locale),
      ...(aligned ? { textEdit: aligned.edit, additionalTextEdits: aligned.others } : {}),
    });
  });
  spec.groupHeads.forEach((head, index) =>
    items.push(item(head, CompletionItemKind.Module, replace, `4${pad(index)}`, { detail: t.table3Group })),
  );
  spec.columns.forEach((col, index) =>
    items.push(item(col.label, CompletionItemKind.Property, replace, `5${pad(index)}`, { detail: t.table3Column })),
  );
  return items;
}

/** The short details of completion items, in a locale (messages.ts). */
function details(locale: LocaleSetting) {
  const m = (id: string, args: Record<string, string> = {}) => localize(id, args, locale);
  return {
    table2: m('completion.table2'),
    table3: m('completion.table3'),
    table3Group: m('completion.table3.group'),
    table3Column: m('completion.table3.column'),
    table4: m('completion.table4'),
    table4Column: m('completion.table4.column'),
    skeleton: m('completion.skeleton', { heading: '' }),
    present: m('completion.section.present'),
    missing: m('completion.section.missing'),
    narrative: m('completion.skeleton.narrative'),
    tables: m('completion.skeleton.table'),
  };
}

const DETAIL = { zh: details('zh'), en: details('en') };

/** A group head without its trailing explanation, e.g. 三、本年度办理结果 or （三）不予公开. */
const shortGroup = (group: string) => (group.length > 12 ? group.slice(0, 11) + '…' : group);

interface PipeLine {
  line: number;
  text: string;
  cells: string[];
}

const isPipeLine = (line: string) => line.startsWith('|') && line.trimEnd().endsWith('|') && line.trim().length > 1;
/** A `|` table line's cells: the first keeps the label's indent beyond one space of padding, as formatting does. */
const cellsOf = (line: string) =>
  line
    .trimEnd()
    .slice(1, -1)
    .split('|')
    .map((cell, i) => (i === 0 ? cell.replace(/^ /, '').trimEnd() : cell.trim()));

/** The `|` lines right above and below `line` (the table it is being typed into). */
function pipeBlock(lines: string[], line: number): { above: PipeLine[]; below: PipeLine[] } {
  const at = (i: number): PipeLine => ({ line: i, text: lines[i], cells: cellsOf(lines[i]) });
  const above: PipeLine[] = [];
  for (let i = line - 1; i >= 0 && isPipeLine(lines[i]); i--) above.unshift(at(i));
  const below: PipeLine[] = [];
  for (let i = line + 1; i < lines.length && isPipeLine(lines[i]); i++) below.push(at(i));
  return { above, below };
}

/** The new row laid out with the table around it; neighbours that must change for it to line up are realigned too. */
function alignedRow(row: string, block: { above: PipeLine[]; below: PipeLine[] }, rowLine: Range) {
  const all = [...block.above, { line: rowLine.start.line, text: row, cells: cellsOf(row) }, ...block.below];
  const aligned = alignRows(all.map((l) => l.cells));
  const index = block.above.length;
  const edit = { range: rowLine, newText: aligned[index] };
  const others = all
    .map((l, i) => ({ l, i, text: aligned[i] }))
    .filter(({ l, i, text }) => i !== index && text !== l.text)
    .map(({ l, text }) => ({
      range: { start: { line: l.line, character: 0 }, end: { line: l.line, character: l.text.length } },
      newText: text,
    }));
  return { edit, others };
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

function table4Items(report: Report, replace: Range, locale: LocaleSetting): CompletionItem[] {
  const spec = FORMATS[formatOf(report)].table4;
  const t = DETAIL[locale];
  return [
    ...spec.groups.map((g, i) =>
      item(g.label, CompletionItemKind.Module, replace, `0${pad(i)}`, { detail: g.parent ? `${t.table4} ${g.parent}` : t.table4 }),
    ),
    ...spec.columns.map((c, i) => item(c.label, CompletionItemKind.Property, replace, `1${pad(i)}`, { detail: t.table4Column })),
  ];
}

function table2Items(report: Report, replace: Range, locale: LocaleSetting): CompletionItem[] {
  const t = DETAIL[locale];
  const items: CompletionItem[] = [];
  FORMATS[formatOf(report)].table2.forEach((t2, i) => {
    items.push(item(t2.caption, CompletionItemKind.Module, replace, `0${pad(i)}`, { detail: t.table2 }));
    t2.rows.forEach((r, j) => items.push(item(r.label, CompletionItemKind.Field, replace, `1${pad(i * 10 + j)}`, { detail: t2.caption })));
    t2.columns.forEach((c, j) =>
      items.push(item(c.label, CompletionItemKind.Property, replace, `2${pad(i * 10 + j)}`, { detail: t2.caption })),
    );
  });
  return items;
}

/** Section headings and section skeletons, missing sections first, in order. */
function sectionItems(report: Report, replace: Range, eol: Report['eol'], insideReport: boolean, locale: LocaleSetting): CompletionItem[] {
  const t = DETAIL[locale];
  const present = new Set(report.sections.filter((s) => !s.duplicate).map((s) => s.number));
  const format = formatOf(report);
  const bucket = insideReport ? 6 : 0;
  return SECTIONS.flatMap((s) => {
    const missing = present.has(s.number) ? 1 : 0;
    return [
      item(s.heading, CompletionItemKind.Module, replace, `${bucket + missing}${pad(s.number * 2)}`, {
        detail: missing ? t.present : t.missing,
      }),
      item(`${s.heading}${t.skeleton}`, CompletionItemKind.Snippet, replace, `${bucket + missing}${pad(s.number * 2 + 1)}`, {
        filterText: pinyinFilterText(s.heading),
        detail: s.kind === 'narrative' ? t.narrative : t.tables,
        insertTextFormat: InsertTextFormat.PlainText,
        textEdit: { range: replace, newText: writeSection(s.number, format, eol) },
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
