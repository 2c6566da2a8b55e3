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
    relatedInformation: d.related.length
      ? d.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message }))
      : undefined,
    data,
  };
}

/** The analysis's problems, the most severe `maxProblems` of them, in document order. */
export function documentDiagnostics(analysis: Analysis): Diagnostic[] {
  return mostSevere(analysis.diagnostics, analysis.settings.maxProblems).map((d) => toLspDiagnostic(analysis.uri, d));
}
