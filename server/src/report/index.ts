/**
 * The report engine's public face. Everything else (the language server, the command-line checker,
 * the benchmark) goes through these functions; none of them imports vscode or LSP types.
 */
export * from './model';
export { FORMATS, SECTIONS, LABEL_VARIANTS, formatForYear } from './formatData';
export type { FormatSpec, SectionSpec, Table3RowSpec, Table2Spec, ColumnSpec } from './formatData';
export { parseReport } from './parse';
export type { ParseOptions } from './parse';
export { checkReport, mostSevere, RULE_CODES, DEFAULT_SEVERITY } from './check';
export type { CheckOptions } from './check';
export { derive } from './derive';
export { alignRows, writeTable, writeSection, writeSkeleton, writeRow, TABLE3_LABEL_WIDTH } from './canonical';
export { displayWidth, normalizeLabel } from './text';
export { localize, glossary } from './messages';
export { createAnalysisCache, type AnalysisCache } from './memo';
export type { TextChange } from './lines';
export type { Locale } from './messages';

import { parseReport, type ParseOptions } from './parse';
import { checkReport, type CheckOptions } from './check';
import { derive } from './derive';
import type { TextChange } from './lines';
import { reuseSource } from './memo';

/**
 * Parse and check in one step. With `options.cache` (one per document, memo.ts), what the last
 * analyses of the document found in its unchanged lines, tables and paragraphs is used again;
 * with `options.change` as well (what turned the last analysed text into this one), the text is
 * split into lines again only around the change.
 */
export function analyze(text: string, options: ParseOptions & CheckOptions & { change?: TextChange } = {}) {
  const source = reuseSource(options.cache, text, options.change);
  const report = parseReport(text, { ...options, source });
  const derivations = derive(report);
  const diagnostics = checkReport(report, { text, ...options, derivations, lines: source.lines });
  return { report, derivations, diagnostics };
}
