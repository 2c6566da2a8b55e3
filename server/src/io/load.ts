/**
 * Reading a report file of any kind the tool accepts, by its extension: `.xxgk`/`.txt` (and any
 * other name) as text, `.html`/`.htm` as a saved web page (`.mht`/`.mhtml`: one saved as a single
 * file), `.docx` as a Word document, `.pdf` by its
 * text layer. Originals are turned into the canonical text with a map back to where each line and
 * cell came from; the engine then reads that text as it reads any report.
 */
import { closeSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { decodeText, encodingDiagnostics, type DecodedText } from './decode';
import type { SourceDocument, SourceKind } from './document';
import { readHtml, readTextTables } from './html';
import { mhtmlPage } from './mhtml';
import { readDocx } from './docx';
import { readPdfAsync, readPdfSync } from './pdfHost';
import type { Locale } from '../report/messages';
import type { ReportDiagnostic } from '../report/model';

/** Originals larger than this are refused (a report is a few MB at most; text files have their own limit: none). */
export const MAX_ORIGINAL_BYTES = 64 * 1024 * 1024;

export class SourceError extends Error {}

export function sourceKind(path: string): SourceKind {
  const ext = extname(path).toLowerCase();
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml' || ext === '.mht' || ext === '.mhtml') return 'html';
  if (ext === '.docx') return 'docx';
  if (ext === '.pdf') return 'pdf';
  return 'text';
}

/** The extensions a folder check picks up. */
export const REPORT_FILE_RE = /\.(xxgk|txt|html?|mht|mhtml|docx|pdf)$/i;

/**
 * Whether a folder check reads a file, by its name: the report extensions, and Markdown (as
 * PDF→Markdown converters write a report) when the name says it is a report — a folder's other
 * Markdown files (a README) are not reports.
 */
export function isReportFile(name: string): boolean {
  return REPORT_FILE_RE.test(name) || (/\.(md|markdown)$/i.test(name) && /政府信息公开|年度报告/.test(basename(name)));
}

export interface LoadedReport {
  kind: SourceKind;
  text: string;
  /** For originals: the converted text's map back into the file. */
  doc?: SourceDocument;
  /** Diagnostics from reading (undecodable bytes), beside the engine's. */
  diagnostics: ReportDiagnostic[];
}

function readBytes(path: string, kind: SourceKind): Uint8Array {
  if (kind !== 'text') {
    // One open, its size from the open file (no stat by name first); any failure is told as below.
    let fd = -1;
    try {
      fd = openSync(path, 'r');
      const st = fstatSync(fd);
      if (st.isFile() && st.size <= MAX_ORIGINAL_BYTES) return readFileSync(fd);
    } catch {
      // (told below, as it always was)
    } finally {
      if (fd >= 0) closeSync(fd);
    }
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      throw new SourceError(`找不到文件 / no such file: ${path}`);
    }
    if (size > MAX_ORIGINAL_BYTES)
      throw new SourceError(
        `文件过大（${Math.round(size / 1048576)} MB，上限 ${MAX_ORIGINAL_BYTES / 1048576} MB）/ file too large: ${path}`,
      );
  }
  return readFileSync(path);
}

function fromDecoded(kind: SourceKind, decoded: DecodedText, doc: SourceDocument | undefined, locale: Locale): LoadedReport {
  // Undecodable bytes in an original are reported on the first converted line (their own line is gone).
  const diagnostics = doc
    ? encodingDiagnostics(decoded, locale)
        .slice(0, 1)
        .map((d) => ({ ...d, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }))
    : encodingDiagnostics(decoded, locale);
  return { kind, text: doc ? doc.text : decoded.text, doc, diagnostics };
}

/**
 * Reads a file of any kind the tool accepts, in this thread; a PDF is read in the PDF reader's thread
 * (pdfHost.ts) while this one waits: on an event loop that must go on, use loadReport.
 */
export function loadReportSync(path: string, locale: Locale = 'zh', bytes?: Uint8Array): LoadedReport {
  const kind = sourceKind(path);
  const data = bytes ?? readBytes(path, kind);
  if (kind === 'pdf') {
    const doc = readPdfSync(data, path);
    return { kind, text: doc.text, doc, diagnostics: [] };
  }
  if (kind === 'html') {
    const { doc, decoded } = readHtml(/\.mht(ml)?$/i.test(path) ? mhtmlPage(data, path) : data, path);
    return fromDecoded(kind, decoded, doc, locale);
  }
  if (kind === 'docx') {
    const doc = readDocx(data, path);
    return { kind, text: doc.text, doc, diagnostics: [] };
  }
  const decoded = decodeText(data, path);
  return fromDecoded(kind, decoded, readTextTables(decoded.text) ?? undefined, locale);
}

/** Reads a file of any kind the tool accepts; a PDF in the PDF reader's thread, without blocking this one. */
export async function loadReport(path: string, locale: Locale = 'zh', bytes?: Uint8Array): Promise<LoadedReport> {
  const kind = sourceKind(path);
  if (kind !== 'pdf') return loadReportSync(path, locale, bytes);
  const doc = await readPdfAsync(bytes ?? readBytes(path, kind), path);
  return { kind, text: doc.text, doc, diagnostics: [] };
}
