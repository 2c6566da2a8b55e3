/**
 * Hovers: on a total, the addends of every rule it takes part in (from the engine's derivations,
 * the same ones the diagnostics use); on a row label, the official wording and the glossary; on a
 * section heading, what the section must hold.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { FORMATS, SECTIONS, glossary, localize, type Derivation, type Position, type Range, type Report, type Section } from '../report';
import type { Analysis } from './analysis';
import { figureAt, type FigureInfo } from '../report/narrative';
import { rangeContains } from '../report/ranges';
import { suspectAt } from './repairActions';
import { cellLabels, formatOf, rowAtLabel } from './reportIndex';
import type { LocaleSetting } from './settings';

const text = (id: string, locale: LocaleSetting, args: Record<string, string | number> = {}) => localize(id, args, locale);

export function hover(analysis: Analysis, position: Position): Hover | null {
  const { report, derivations } = analysis;
  const locale = analysis.settings.locale;
  const totals = derivations.filter((d) => rangeContains(d.total.range, position));
  // A suspect cell (repairActions.ts): why it is suspected, after the rules it is the total of
  // (the derivation is what a hover on a total is for; the explanation is the longer part).
  const why = suspectAt(analysis, position);
  if (why && !totals.length) return markdown(why.text, why.range);
  if (totals.length)
    return markdown(
      [...totals.map((d) => derivationMarkdown(report, d, locale)), ...(why ? [why.text] : [])].join('\n\n---\n\n'),
      totals[0].total.range,
    );
  const located = rowAtLabel(report, position);
  if (located?.row.label) {
    const label = located.row.label;
    const lines = [`**${label.official}**`];
    if (label.status !== 'official') lines.push('', text('hover.written', locale, { text: label.text }));
    const gloss = glossary(label.official, locale);
    if (gloss) lines.push('', gloss);
    return markdown(lines.join('\n'), label.range);
  }
  // (The heading's line up to where the section's text begins on it, when it does: a figure
  // there has its own hover.)
  const headingPart = (s: Section): Range =>
    s.bodyRange.start.line === s.headingLineRange.start.line && s.bodyRange.start.character > 0
      ? { start: s.headingLineRange.start, end: s.bodyRange.start }
      : s.headingLineRange;
  const section = report.sections.find((s) => rangeContains(headingPart(s), position));
  if (section) return markdown(sectionMarkdown(report, section, locale), headingPart(section));
  const figure = figureAt(report, analysis.text, position, { locale, derivations });
  if (figure) return markdown(figureMarkdown(figure, locale), figure.figure.range);
  return null;
}

/** A narrative figure's hover: the table cells it restates, and whether they agree. */
function figureMarkdown(f: FigureInfo, locale: LocaleSetting): string {
  const head = text(f.figure.percent ? 'hover.figure.share' : 'hover.figure', locale, { what: f.what, raw: f.figure.raw });
  const rows = f.cells.map((c) => `| ${c.label} | ${c.value} |`);
  const verdict = f.agrees ? text('hover.figure.agrees', locale) : text('hover.figure.differs', locale, { value: f.value });
  return [head, '', `| ${text('hover.figure.cell', locale)} | ${text('hover.value', locale)} |`, '|---|---:|', ...rows, '', verdict].join(
    '\n',
  );
}

function markdown(value: string, range: Hover['range']): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * A total's derivation, compact: the equation first (each addend once, named by what differs
 * between addends: the column along a row, the row down a column), then computed, stated and the
 * difference on one line.
 */
export function derivationMarkdown(report: Report, d: Derivation, locale: LocaleSetting): string {
  const total = cellLabels(report, d.total);
  const all = [...d.addends, ...d.subtrahends];
  const sameRow = all.every((a) => a.rowLabel === all[0].rowLabel);
  const sameColumn = all.every((a) => a.columnLabel === all[0].columnLabel);
  const name = (a: Derivation['addends'][number]) => (sameRow ? a.columnLabel : sameColumn ? a.rowLabel : `${a.rowLabel}·${a.columnLabel}`);
  const terms = [
    ...d.addends.map((a, i) => `${i ? ' + ' : ''}${name(a)} ${a.value}`),
    ...d.subtrahends.map((a) => ` − ${name(a)} ${a.value}`),
  ].join('');
  const stated = d.statedReadable ? String(d.stated) : d.total.raw ? (locale === 'en' ? `“${d.total.raw}”` : `「${d.total.raw}」`) : '—';
  return [
    `**${total.row} · ${total.column}** ${text(d.holds ? 'hover.holds' : 'hover.fails', locale)}  `,
    text('hover.derivation', locale, {
      expected: d.expected,
      terms: terms || '0',
      stated,
      difference: signed(d.stated - d.expected),
      rule: `${text(`hover.rule.${d.rule}`, locale)} (\`${d.rule}\`)`,
    }),
  ].join('\n');
}

/** What a section must contain, for its heading's hover. */
export function sectionContents(report: Report, number: Section['number'], locale: LocaleSetting): string {
  const spec = FORMATS[formatOf(report)];
  const list = (xs: string[]) => xs.join(text('list.separator', locale));
  switch (number) {
    case 2:
      return text('hover.section.2', locale, {
        version: spec.version,
        tables: spec.table2
          .map((t) =>
            text('hover.section.2.table', locale, {
              caption: t.caption,
              columns: list(t.columns.map((c) => c.label)),
              rows: list(t.rows.map((r) => r.label)),
            }),
          )
          .join(text('list.groupSeparator', locale)),
      });
    case 3:
      return text('hover.section.3', locale, {
        version: spec.version,
        rows: spec.table3.rows.length,
        count: spec.table3.columns.length,
        columns: list(spec.table3.columns.map((c) => c.label)),
      });
    case 4:
      return text('hover.section.4', locale, { columns: list(spec.table4.columns.map((c) => c.label)) });
    default:
      return text(`hover.section.${number}`, locale);
  }
}

function sectionMarkdown(report: Report, section: Section, locale: LocaleSetting): string {
  const official = SECTIONS.find((s) => s.number === section.number)?.heading ?? section.heading.official;
  const lines = [`**${official}**`];
  if (section.heading.status !== 'official') lines.push('', text('hover.written', locale, { text: section.heading.text }));
  lines.push('', text('hover.section', locale, { contents: sectionContents(report, section.number, locale) }));
  return lines.join('\n');
}
