/**
 * An analysis: the parsed report, derivations and diagnostics of one document's text with its
 * settings. Every feature reads one (the language service keeps one per document content).
 */
import { analyze, type AnalysisCache, type Derivation, type Report, type ReportDiagnostic, type TextChange } from '../report';
import type { XxgkSettings } from './settings';

export interface Analysis {
  uri: string;
  version: number;
  text: string;
  settings: XxgkSettings;
  report: Report;
  derivations: Derivation[];
  diagnostics: ReportDiagnostic[];
}

/**
 * Runs the engine with the options the settings give (and the document's cache, when it has one,
 * with the change that made this text from the one analysed last, when it is known).
 */
export function analyzeText(text: string, settings: XxgkSettings, cache?: AnalysisCache, change?: TextChange) {
  return analyze(text, {
    cache,
    change,
    format: settings.formatVersion,
    locale: settings.locale,
    severities: settings.severity,
    hideExplained: settings.hideExplained,
  });
}
