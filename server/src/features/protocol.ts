/** Custom requests between the VS Code client and the server (the client imports only this file). */

/** `{ body, year, format? }` → `{ format, text }`: a complete report skeleton from the engine's writer. */
export const SKELETON_REQUEST = 'xxgk/skeleton';

export interface SkeletonParams {
  body: string;
  year: number;
  format?: '2019' | '2021';
}

export interface SkeletonResult {
  format: '2019' | '2021';
  text: string;
}

// The report preview and the status item (server/src/features/preview.ts; client/src/preview.ts, status.ts).
/** `{ uri }` → PreviewData | null (null when the document is not open). */
export const PREVIEW_REQUEST = 'xxgk/preview';
/** `{ uri }` → ReportSummary | null. */
export const SUMMARY_REQUEST = 'xxgk/summary';

export interface UriParams {
  uri: string;
}

/**
 * consistent: a readable number, in no broken sum; suspect: a `cell-suspect` diagnostic is on it;
 * broken: the stated total of a sum that does not hold; blank: nothing written; unreadable: text that
 * is not a number, or a cell the row lacks; absent: the table or row is not in the text at all.
 */
export type CellState = 'consistent' | 'suspect' | 'broken' | 'blank' | 'unreadable' | 'absent';

export interface PreviewCell {
  text: string;
  rowspan?: number;
  colspan?: number;
  /** head: column header; label: row label or group; value: a number cell of the report. */
  kind: 'head' | 'label' | 'value';
  state?: CellState;
  /** Where the cell is in the text (value cells that were found, labels that were found). */
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** Hover text: the cell's row and column, and the derivation of a total. */
  title?: string;
}

export interface PreviewTable {
  number: 2 | 3 | 4;
  caption: string;
  /** Header rows then body rows, each a list of cells (merged cells appear once, with spans). */
  head: PreviewCell[][];
  body: PreviewCell[][];
  /** The table's range in the text, when it was found. */
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface PreviewData {
  uri: string;
  version: number;
  title: string;
  format: string;
  tables: PreviewTable[];
  /** State names, in the document's locale, for the legend. */
  legend: Record<CellState, string>;
}

export interface ReportSummary {
  year: number | null;
  format: string | null;
  formatSource: 'tables' | 'year' | 'option' | null;
}

/** `{ uri }` → TidyResult | null: 整理为规范格式, the edits that rewrite tables 二–四 canonically (server/src/features/tidy.ts). */
export const TIDY_REQUEST = 'xxgk/tidy';

// The workspace's reports (server/src/features/workspace.ts; client/src/workspaceCheck.ts, reportsView.ts).
/** `null` → WorkspaceReport[]: every report of the workspace folders and the open documents, for the bodies/years view. */
export const WORKSPACE_REPORTS_REQUEST = 'xxgk/workspaceReports';
/** `null` → WorkspaceReport[]: 检查工作区所有年度报告 — reads the workspace folders again (files changed without a watcher event), then answers as xxgk/workspaceReports. */
export const WORKSPACE_RESCAN_REQUEST = 'xxgk/workspaceRescan';
/** Server → client notification, no parameters: the workspace's reports or their problems changed. */
export const WORKSPACE_CHANGED_NOTIFICATION = 'xxgk/workspaceChanged';

export interface WorkspaceReport {
  uri: string;
  /** How the file was read: text (.xxgk/.txt, or an open document), html, docx, pdf. */
  kind: 'text' | 'html' | 'docx' | 'pdf';
  /** The issuing body as the title names it, and its key for matching across years (null when the title names none). */
  body: string | null;
  bodyKey: string | null;
  year: number | null;
  format: string | null;
  /** Open in the editor (its problems are those of the text in the editor). */
  open: boolean;
  errors: number;
  warnings: number;
  /** Information and hints. */
  others: number;
  /** Last year's report of the same body, when the workspace holds exactly one. */
  previous: string | null;
  /** How many of the problems are against last year's report. */
  crossYear: number;
}
