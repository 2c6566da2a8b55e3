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
export { SplitText, splitLines, editLines } from './lines';
export type { Locale } from './messages';

import { parseReport, type ParseOptions } from './parse';
import { checkReport, type CheckOptions } from './check';
import { derive } from './derive';
import { splitLines, type SplitText } from './lines';

/**
 * Parse and check in one step, a text or its lines (an editor's document kept as lines is never
 * joined into one string for it). With `options.cache` (one per document, memo.ts), what the last
 * analyses of the document found in its unchanged lines, tables and paragraphs is used again.
 */
export function analyze(input: string | SplitText, options: ParseOptions & CheckOptions = {}) {
  const source = typeof input === 'string' ? splitLines(input) : input;
  const report = parseReport(source, options);
  const derivations = derive(report);
  const diagnostics = checkReport(report, { ...options, derivations, lines: source.lines });
  return { report, derivations, diagnostics };
}
