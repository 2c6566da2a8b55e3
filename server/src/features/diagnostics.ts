/** Engine diagnostics as LSP diagnostics: rule code, source, related locations, capped. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { mostSevere, type ReportDiagnostic, type Severity } from '../report';
import type { Analysis } from './analysis';

export const DIAGNOSTIC_SOURCE = 'xxgk';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(uri: string, d: ReportDiagnostic): Diagnostic {
  const data: Record<string, unknown> = { ...(d.data ?? {}) };
  if (d.expected !== undefined) data.expected = d.expected;
  if (d.actual !== undefined) data.actual = d.actual;
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    source: DIAGNOSTIC_SOURCE,
    code: d.code,
    message: d.message,
    relatedInformation: related(uri, d),
    data,
  };
}

/** The analysis's problems, the most severe `maxProblems` of them, in document order. */
export function documentDiagnostics(analysis: Analysis): Diagnostic[] {
  return mostSevere(analysis.diagnostics, analysis.settings.maxProblems).map((d) => toLspDiagnostic(analysis.uri, d));
}

const SUMS = new Set(['sum-row', 'sum-results', 'sum-balance', 'sum-review']);

/**
 * Related locations, short: a sum's addends (6 to 21 of them) are one entry — where they are and
 * their values in a line — since the hover and the preview show the derivation; VS Code prints
 * every entry with the file name, in the hover and again in the Problems panel.
 */
function related(uri: string, d: ReportDiagnostic): Diagnostic['relatedInformation'] {
  if (!d.related.length) return undefined;
  if (!SUMS.has(d.code) || d.related.length === 1)
    return d.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message }));
  const first = d.related[0].range;
  const last = d.related[d.related.length - 1].range;
  const range = first.start.line === last.end.line ? { start: first.start, end: last.end } : first;
  // messages read "加数：label = 4" / "减数：label = 1": the value after "=", added or subtracted by the word before the colon
  const headOf = (message: string) => /^[^：:]*[：:]\s*/.exec(message)?.[0] ?? '';
  const head = headOf(d.related[0].message);
  const terms = d.related.map((r, i) => {
    const value = /=\s*(\S+)\s*$/.exec(r.message)?.[1] ?? '?';
    return i === 0 ? value : `${headOf(r.message) === head ? ' + ' : ' − '}${value}`;
  });
  return [{ location: { uri, range }, message: `${head}${terms.join('')}` }];
}
