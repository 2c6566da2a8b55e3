/**
 * One analysis per document version: every feature (diagnostics, hover, completion, code actions,
 * symbols, formatting, inlay hints) reads the same parsed report, derivations and diagnostics.
 */
import { analyze, type Derivation, type Report, type ReportDiagnostic } from '../report';
import { analysisKey, type XxgkSettings } from './settings';

export interface Analysis {
  uri: string;
  version: number;
  text: string;
  settings: XxgkSettings;
  report: Report;
  derivations: Derivation[];
  diagnostics: ReportDiagnostic[];
}

export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

/** Runs the engine with the options the settings give. */
export function analyzeText(text: string, settings: XxgkSettings) {
  return analyze(text, {
    format: settings.formatVersion,
    locale: settings.locale,
    severities: settings.severity,
  });
}

export class AnalysisCache {
  private readonly entries = new Map<string, { key: string; analysis: Analysis }>();
  /** How many times the engine ran (for tests and the benchmark). */
  runs = 0;

  get(document: VersionedText, settings: XxgkSettings): Analysis {
    const key = `${document.version}\u0000${analysisKey(settings)}`;
    const cached = this.entries.get(document.uri);
    if (cached && cached.key === key) return cached.analysis;
    const text = document.getText();
    this.runs++;
    const result = analyzeText(text, settings);
    const analysis: Analysis = { uri: document.uri, version: document.version, text, settings, ...result };
    this.entries.set(document.uri, { key, analysis });
    return analysis;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
