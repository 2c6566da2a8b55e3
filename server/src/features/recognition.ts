/**
 * Which files are reports: one rule for the editor's recogniser (client/src/recognise.ts) and the
 * server's workspace index (workspace.ts). `.xxgk` files and names like the manifest's
 * filenamePatterns always are; with `xxgk.detect` on, `.txt` and untitled documents whose text the
 * engine recognises (report/detect.ts), and published originals (web page, Word, PDF) whose converted
 * text it recognises. Pure: no vscode or Node import.
 */
import { looksLikeReport } from '../report/detect';

/** Names the manifest's filenamePatterns give the report language. */
export const REPORT_NAME = /政府信息公开.*年度报告.*\.txt$|政府信息公开工作.*\.txt$/;

const ORIGINAL = /\.(html?|xhtml|mht|mhtml|docx|pdf)$/i;

/** Whether a file (or untitled document) with this base name and text is a report. */
export function isReportName(name: string, text: string, detect: boolean, untitled = false): boolean {
  if (name.endsWith('.xxgk') || REPORT_NAME.test(name)) return true;
  if (!detect) return false;
  const candidate = untitled || name.toLowerCase().endsWith('.txt') || ORIGINAL.test(name);
  return candidate && looksLikeReport(text);
}
