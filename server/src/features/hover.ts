/**
 * Hovers: on a total, the addends of every rule it takes part in (from the engine's derivations,
 * the same ones the diagnostics use); on a row label, the official wording and the glossary; on a
 * section heading, what the section must hold.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { FORMATS, SECTIONS, type Derivation, type Position, type Report, type Section } from '../report';
import type { Analysis } from './analysis';
import { glossaryNote } from './glossary';
import { rangeContains } from './ranges';
import { suspectAt } from './repairActions';
import { cellLabels, formatOf, rowAtLabel } from './reportIndex';
import type { LocaleSetting } from './settings';

const TEXT = {
  zh: {
    rule: {
      'sum-balance': '勾稽关系：第一项加第二项之和，等于第三项加第四项之和',
      'sum-results': '（七）总计 = 各项办理结果之和',
      'sum-row': '总计 = 各类申请人之和',
      'sum-review': '总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结',
    } as Record<Derivation['rule'], string>,
    row: '行',
    column: '列',
    value: '数值',
    computed: '计算值',
    stated: '填报值',
    difference: '差额',
    holds: '✓ 成立',
    fails: '✗ 不成立',
    written: '报告中写作',
    official: '规范表述',
    section: '本节应包含',
  },
  en: {
    rule: {
      'sum-balance': 'Balance: item 1 + item 2 = item 3 + item 4',
      'sum-results': '(7) Total = sum of the handling results',
      'sum-row': 'Total = sum of the applicant columns',
      'sum-review': 'Total = upheld + corrected + other + pending',
    } as Record<Derivation['rule'], string>,
    row: 'Row',
    column: 'Column',
    value: 'Value',
    computed: 'Computed',
    stated: 'Stated',
    difference: 'Difference',
    holds: '✓ holds',
    fails: '✗ does not hold',
    written: 'Written as',
    official: 'Official wording',
    section: 'This section must contain',
  },
};

export function hover(analysis: Analysis, position: Position): Hover | null {
  const { report, derivations } = analysis;
  const locale = analysis.settings.locale;
  const totals = derivations.filter((d) => rangeContains(d.total.range, position));
  // A suspect cell (repairActions.ts): why it is suspected, before any rule it is the total of.
  const why = suspectAt(analysis, position);
  if (why && !totals.length) return markdown(why.text, why.range);
  if (totals.length)
    return markdown(
      [...(why ? [why.text] : []), ...totals.map((d) => derivationMarkdown(report, d, locale))].join('\n\n---\n\n'),
      totals[0].total.range,
    );
  const located = rowAtLabel(report, position);
  if (located?.row.label) {
    const label = located.row.label;
    const t = TEXT[locale];
    const lines = [`**${label.official}**`];
    if (label.status !== 'official') lines.push('', `${t.written}${colon(locale)}${label.text}`);
    const gloss = glossaryNote(label.official, locale);
    if (gloss) lines.push('', gloss);
    return markdown(lines.join('\n'), label.range);
  }
  const section = report.sections.find((s) => rangeContains(s.headingLineRange, position));
  if (section) return markdown(sectionMarkdown(report, section, locale), section.headingLineRange);
  return null;
}

function markdown(value: string, range: Hover['range']): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** A colon in the document's language: full-width in Chinese, ASCII with a space in English. */
export const colon = (locale: LocaleSetting) => (locale === 'en' ? ': ' : '：');

/**
 * A total's derivation, compact: the equation first (each addend once, named by what differs
 * between addends: the column along a row, the row down a column), then computed, stated and the
 * difference on one line.
 */
export function derivationMarkdown(report: Report, d: Derivation, locale: LocaleSetting): string {
  const t = TEXT[locale];
  const total = cellLabels(report, d.total);
  const all = [...d.addends, ...d.subtrahends];
  const sameRow = all.every((a) => a.rowLabel === all[0].rowLabel);
  const sameColumn = all.every((a) => a.columnLabel === all[0].columnLabel);
  const name = (a: Derivation['addends'][number]) => (sameRow ? a.columnLabel : sameColumn ? a.rowLabel : `${a.rowLabel}·${a.columnLabel}`);
  const terms = [
    ...d.addends.map((a, i) => `${i ? ' + ' : ''}${name(a)} ${a.value}`),
    ...d.subtrahends.map((a) => ` − ${name(a)} ${a.value}`),
  ].join('');
  const stated = d.statedReadable ? String(d.stated) : d.total.raw || '—';
  const c = colon(locale);
  return [
    `**${total.row} · ${total.column}** ${d.holds ? t.holds : t.fails}  `,
    `${t.computed}${c}**${d.expected}** = ${terms || '0'}  `,
    `${t.stated}${c}**${stated}** · ${t.difference}${c}${signed(d.stated - d.expected)} · ${t.rule[d.rule]} (\`${d.rule}\`)`,
  ].join('\n');
}

/** What a section must contain, for its heading's hover. */
export function sectionContents(report: Report, number: Section['number'], locale: LocaleSetting): string {
  const spec = FORMATS[formatOf(report)];
  const zh = locale === 'zh';
  switch (number) {
    case 1:
      return zh
        ? '叙述本年度政府信息公开工作总体情况，通常分（一）主动公开、（二）依申请公开、（三）政府信息管理、（四）平台建设、（五）监督保障。'
        : 'A narrative of the year’s disclosure work, usually under (1) proactive disclosure, (2) disclosure on request, (3) information management, (4) platforms, (5) supervision.';
    case 2:
      return (
        (zh ? `表二（${spec.version} 版）：` : `Table 2 (${spec.version} format): `) +
        spec.table2
          .map((t) => `${t.caption}（${t.columns.map((c) => c.label).join('、')}；${t.rows.map((r) => r.label).join('、')}）`)
          .join('；')
      );
    case 3:
      return zh
        ? `表三（${spec.version} 版）：${spec.table3.rows.length} 行 × ${spec.table3.columns.length} 列（${spec.table3.columns.map((c) => c.label).join('、')}），第一项加第二项之和等于第三项加第四项之和。`
        : `Table 3 (${spec.version} format): ${spec.table3.rows.length} rows × ${spec.table3.columns.length} columns (${spec.table3.columns.map((c) => c.label).join(', ')}); item 1 + item 2 = item 3 + item 4.`;
    case 4:
      return zh
        ? `表四：行政复议、行政诉讼（未经复议直接起诉、复议后起诉）三组，每组 ${spec.table4.columns.map((c) => c.label).join('、')}，共 15 个数。`
        : `Table 4: administrative review and litigation (direct, after review), each with ${spec.table4.columns.map((c) => c.label).join(', ')}: 15 numbers.`;
    case 5:
      return zh ? '存在的主要问题及改进情况，不得为空。' : 'The main problems and the improvements made; must not be empty.';
    case 6:
      return zh
        ? '其他需要报告的事项；2021 版起通常说明收取信息处理费的情况。'
        : 'Other matters to report; from the 2021 format usually the information processing fees collected.';
  }
}

function sectionMarkdown(report: Report, section: Section, locale: LocaleSetting): string {
  const t = TEXT[locale];
  const official = SECTIONS.find((s) => s.number === section.number)?.heading ?? section.heading.official;
  const lines = [`**${official}**`];
  if (section.heading.status !== 'official') lines.push('', `${t.written}${colon(locale)}${section.heading.text}`);
  lines.push('', `${t.section}${colon(locale)}${sectionContents(report, section.number, locale)}`);
  return lines.join('\n');
}
