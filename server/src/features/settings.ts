/**
 * The `xxgk` settings section: what the user can change, with its defaults, read defensively
 * (the client may send anything).
 */
import type { RuleCode, Severity } from '../report';

export type FormatSetting = 'auto' | '2019' | '2021';
export type LocaleSetting = 'zh' | 'en';

export interface XxgkSettings {
  formatVersion: FormatSetting;
  severity: Partial<Record<RuleCode, Severity | 'off'>>;
  locale: LocaleSetting;
  maxProblems: number;
  /** Documents larger than this (MB of UTF-8) are checked in the background when opened or saved, not on every edit. */
  maxFileSizeMB: number;
  inlayHints: { enabled: boolean };
  /** Leave out the broken sums a suspect cell explains (xxgk.hideExplained). */
  hideExplained: boolean;
  /** Recognise .txt files and originals as reports by their content (xxgk.detect): which files the workspace index checks. */
  detect: boolean;
  /** workspace: problems of every report file of the workspace (xxgk.diagnosticMode); openFilesOnly: of open documents only. */
  diagnosticMode: 'workspace' | 'openFilesOnly';
}

export const DEFAULT_SETTINGS: XxgkSettings = {
  formatVersion: 'auto',
  severity: {},
  locale: 'zh',
  maxProblems: 500,
  maxFileSizeMB: 5,
  inlayHints: { enabled: false },
  hideExplained: false,
  detect: true,
  diagnosticMode: 'workspace',
};

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Reads a raw `xxgk` section (possibly null or partial) into complete settings. */
export function readSettings(raw: unknown): XxgkSettings {
  const section = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const severity: XxgkSettings['severity'] = {};
  if (section.severity && typeof section.severity === 'object') {
    for (const [code, level] of Object.entries(section.severity)) {
      if (typeof level === 'string' && SEVERITIES.has(level)) severity[code as RuleCode] = level as Severity | 'off';
    }
  }
  const maxProblems = Number(section.maxProblems);
  const maxFileSizeMB = Number(section.maxFileSizeMB);
  return {
    formatVersion: section.formatVersion === '2019' || section.formatVersion === '2021' ? section.formatVersion : 'auto',
    severity,
    locale: section.locale === 'en' ? 'en' : 'zh',
    maxProblems: Number.isFinite(maxProblems) && maxProblems >= 0 ? Math.floor(maxProblems) : DEFAULT_SETTINGS.maxProblems,
    maxFileSizeMB:
      section.maxFileSizeMB !== null && section.maxFileSizeMB !== '' && Number.isFinite(maxFileSizeMB) && maxFileSizeMB > 0
        ? maxFileSizeMB
        : DEFAULT_SETTINGS.maxFileSizeMB,
    inlayHints: {
      enabled: (section.inlayHints as { enabled?: unknown } | undefined)?.enabled === true || section['inlayHints.enabled'] === true,
    },
    hideExplained: section.hideExplained === true,
    detect: section.detect !== false,
    diagnosticMode: section.diagnosticMode === 'openFilesOnly' ? 'openFilesOnly' : 'workspace',
  };
}

/** The part of the settings the analysis depends on, as a cache key. */
export function analysisKey(settings: XxgkSettings): string {
  return JSON.stringify([settings.formatVersion, settings.locale, settings.severity, settings.hideExplained]);
}
