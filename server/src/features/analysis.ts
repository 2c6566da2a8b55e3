/**
 * An analysis: the parsed report, derivations and diagnostics of one document's text with its
 * settings. Every feature reads one (the language service keeps one per document content).
 */
import { analyze, type AnalysisCache, type Derivation, type Report, type ReportDiagnostic, type SplitText } from '../report';
import type { XxgkSettings } from './settings';

export interface Analysis {
  uri: string;
  version: number;
  text: string;
  settings: XxgkSettings;
  report: Report;
  derivations: Derivation[];
  diagnostics: ReportDiagnostic[];
  /** The text may hold tables written as HTML markup (features/markup.ts reads it through them). */
  markupHint?: boolean;
  /** For such a text: what the last analysis of its converted reading found, for the next (the document's own, as `cache` is). */
  markupCache?: AnalysisCache;
}

/** Runs the engine on a text or its lines, with the options the settings give (and the document's cache, when it has one). */
export function analyzeText(input: string | SplitText, settings: XxgkSettings, cache?: AnalysisCache) {
  return analyze(input, {
    cache,
    format: settings.formatVersion,
    locale: settings.locale,
    severities: settings.severity,
    hideExplained: settings.hideExplained,
  });
}
