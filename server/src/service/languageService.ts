/**
 * The language service: one method per feature, each taking a document (uri, version, text) and a
 * cancellation token, all answered from ONE analysis per document content. A plain module, in the
 * manner of vscode-markdown-languageservice: no connection, no transport, no timers — the language
 * server (server.ts) wires it to LSP, tests and benchmarks call it directly.
 *
 * The analysis cache is keyed by the document's content and the settings the analysis depends on,
 * not by its version alone: a client that repeats a version number with new text gets the new
 * text's answers.
 */
import type {
  CodeAction,
  CodeActionContext,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { analyzeText, type Analysis } from '../features/analysis';
import { createAnalysisCache, type AnalysisCache } from '../report/memo';
import type { SplitText } from '../report/lines';
import { codeActions, resolveCodeAction, type Cancellable, type CodeActionOptions } from '../features/codeActions';
import { completion } from '../features/completion';
import { DiagnosticMemo, documentDiagnostics } from '../features/diagnostics';
import { formatTables } from '../features/formatting';
import { hover } from '../features/hover';
import { inlayHints } from '../features/inlayHints';
import { preview, summary, type PreviewData, type ReportSummary } from '../features/preview';
import { analysisKey, type XxgkSettings } from '../features/settings';
import { documentSymbols, foldingRanges } from '../features/symbols';
import { tidy, type TidyResult } from '../features/tidy';
import { markupActions, markupDiagnostics, markupTidyEdits, markupView, mayHoldMarkup, placeRanges } from '../features/markup';
import {
  markupCompletion,
  markupFolding,
  markupFormatting,
  markupHover,
  markupInlayHints,
  markupSymbols,
} from '../features/markupFeatures';

/**
 * A document as the service sees it: TextDocument of vscode-languageserver-textdocument fits; a
 * document kept as lines (documents.ts ReportDocument) gives them as `source`, the same object
 * until its content changes, and is then analysed without its text being joined.
 */
export interface ServiceDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
  readonly source?: SplitText;
}

export type { Cancellable };

export interface LanguageServiceOptions {
  /** The settings in force for a document (may come asynchronously from the client). */
  settings(uri: string): XxgkSettings | PromiseLike<XxgkSettings>;
  /**
   * Whether this document may be analysed here, synchronously, when a feature asks for it. A
   * scheduler that analyses large documents elsewhere says no for them and hands its results in
   * with `adopt`.
   */
  analyzeInline?(document: ServiceDocument, settings: XxgkSettings): boolean;
}

/** Thrown (as a rejection) when the token was cancelled before the work was done. */
export class CancelledError extends Error {
  constructor() {
    super('request cancelled');
  }
}

interface Entry {
  /** The content analysed: a text, or the lines of a document kept as lines. */
  content: string | SplitText;
  key: string;
  analysis: Analysis;
}

/** Whether two contents are the same text (two splits are compared line by line: most lines are the same strings). */
function sameContent(a: string | SplitText, b: string | SplitText): boolean {
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return false;
  if (a.length !== b.length) return false;
  if (typeof a === 'string' || typeof b === 'string') return (typeof a === 'string' ? a : a.text) === (typeof b === 'string' ? b : b.text);
  const n = a.lines.length;
  if (b.lines.length !== n) return false;
  for (let i = 0; i < n; i++) if (a.lines[i] !== b.lines[i] || a.endOf(i) !== b.endOf(i)) return false;
  return true;
}

export interface DiagnosticsResult {
  /** Changes whenever the diagnostics may have changed (content, settings): for pulled diagnostics' resultId. */
  resultId: string;
  /** The version the diagnostics are of (a large document's may be an older one). */
  version: number;
  items: Diagnostic[];
}

export class LanguageService {
  private readonly entries = new Map<string, Entry>();
  /** Per document: what its last analysis found in its lines and tables (report/memo.ts). */
  private readonly caches = new Map<string, AnalysisCache>();
  /** Per document read through its table markup: the same for its converted reading. */
  private readonly markupCaches = new Map<string, AnalysisCache>();
  /** Per document: the diagnostics last handed out, to hand out again unchanged (features/diagnostics.ts). */
  private readonly memos = new Map<string, DiagnosticMemo>();
  private nextId = 1;
  private readonly ids = new WeakMap<Analysis, number>();
  /** How many times the engine ran here (for tests and the benchmark). */
  runs = 0;

  constructor(private readonly options: LanguageServiceOptions) {}

  // ---- the analysis

  /**
   * The analysis of this document's current content with its settings; null when it may not be
   * analysed here and no analysis of this content was handed in.
   */
  async analysis(document: ServiceDocument, token?: Cancellable): Promise<Analysis | null> {
    const settings = await this.options.settings(document.uri);
    if (token?.isCancellationRequested) throw new CancelledError();
    return this.analysisWith(document, settings);
  }

  /** As `analysis`, with the settings already known. */
  analysisWith(document: ServiceDocument, settings: XxgkSettings): Analysis | null {
    const content = document.source ?? document.getText();
    const key = analysisKey(settings);
    const cached = this.entries.get(document.uri);
    if (cached && cached.key === key && sameContent(cached.content, content)) {
      if (cached.analysis.version === document.version && cached.analysis.settings === settings) return cached.analysis;
      // Same content under another version number (or equal settings read again): the same facts.
      const analysis = { ...cached.analysis, version: document.version, settings };
      this.ids.set(analysis, this.idOf(cached.analysis));
      cached.analysis = analysis;
      return analysis;
    }
    if (this.options.analyzeInline && !this.options.analyzeInline(document, settings)) return null;
    this.runs++;
    let cache = this.caches.get(document.uri);
    if (!cache) this.caches.set(document.uri, (cache = createAnalysisCache()));
    const analysis: Analysis = {
      uri: document.uri,
      version: document.version,
      // (Joined when a feature reads it: the diagnostics of a keystroke never do.)
      get text() {
        return typeof content === 'string' ? content : content.text;
      },
      settings,
      ...analyzeText(content, settings, cache),
    };
    this.markMarkup(analysis, content);
    this.ids.set(analysis, this.nextId++);
    this.entries.set(document.uri, { content, key, analysis });
    return analysis;
  }

  /** Whether the analysis's content may hold table markup, which its features then read the content through. */
  private markMarkup(analysis: Analysis, content: string | SplitText): void {
    if (mayHoldMarkup(content)) {
      analysis.markupHint = true;
      // (Its converted reading, features/markup.ts, keeps what it found for the next edit too.)
      let converted = this.markupCaches.get(analysis.uri);
      if (!converted) this.markupCaches.set(analysis.uri, (converted = createAnalysisCache()));
      analysis.markupCache = converted;
    } else analysis.markupHint = false;
  }

  /**
   * Takes an analysis made elsewhere (a worker thread) as the one of its text. A large document
   * with table markup is then read through its markup here, as a small one is (the worker analyses
   * the text alone, where no table would be found).
   */
  adopt(analysis: Analysis): void {
    this.markMarkup(analysis, analysis.text);
    this.ids.set(analysis, this.nextId++);
    this.entries.set(analysis.uri, { content: analysis.text, key: analysisKey(analysis.settings), analysis });
  }

  /** The latest analysis of a document, whatever its content now (a large document's last background result). */
  latest(uri: string): Analysis | null {
    return this.entries.get(uri)?.analysis ?? null;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.caches.delete(uri);
    this.markupCaches.delete(uri);
    this.memos.delete(uri);
  }

  clear(): void {
    this.entries.clear();
    this.caches.clear();
    this.markupCaches.clear();
    this.memos.clear();
  }

  private idOf(analysis: Analysis): number {
    let id = this.ids.get(analysis);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(analysis, id);
    }
    return id;
  }

  /** A feature on the document's analysis: null when there is none, a rejection when cancelled. */
  private async run<R>(document: ServiceDocument, token: Cancellable | undefined, feature: (analysis: Analysis) => R): Promise<R | null> {
    const analysis = await this.analysis(document, token);
    return analysis ? feature(analysis) : null;
  }

  // ---- the features

  /** The diagnostics of an analysis, with a result id that changes with its content and settings. */
  diagnosticsOf(analysis: Analysis, generation = 0): DiagnosticsResult {
    let memo = this.memos.get(analysis.uri);
    if (!memo) this.memos.set(analysis.uri, (memo = new DiagnosticMemo()));
    const view = markupView(analysis);
    const items = view ? markupDiagnostics(analysis, view) : documentDiagnostics(analysis, memo);
    return { resultId: `${generation}:${this.idOf(analysis)}`, version: analysis.version, items };
  }

  async diagnostics(document: ServiceDocument, token?: Cancellable, generation = 0): Promise<DiagnosticsResult | null> {
    return this.run(document, token, (a) => this.diagnosticsOf(a, generation));
  }

  hover(document: ServiceDocument, position: Position, token?: Cancellable): Promise<Hover | null> {
    return this.run(document, token, (a) => {
      const view = markupView(a);
      return view ? markupHover(view, position) : hover(a, position);
    });
  }

  completion(document: ServiceDocument, position: Position, token?: Cancellable): Promise<CompletionItem[] | null> {
    return this.run(document, token, (a) => {
      const view = markupView(a);
      return view ? markupCompletion(view, position) : completion(a, position);
    });
  }

  codeActions(
    document: ServiceDocument,
    range: Range,
    context: CodeActionContext,
    token?: Cancellable,
    options?: CodeActionOptions,
  ): Promise<CodeAction[] | null> {
    return this.run(document, token, (a) => {
      const params = { textDocument: { uri: document.uri }, range, context };
      const view = markupView(a);
      return view ? markupActions(a, view, params) : codeActions(a, params, token, options);
    });
  }

  /** Completes a code action listed without its edit (see CodeActionOptions.lazyBulk), from the current analysis. */
  resolveCodeAction(document: ServiceDocument, action: CodeAction, token?: Cancellable): Promise<CodeAction | null> {
    // (A document read through its markup lists its actions whole.)
    return this.run(document, token, (a) => (markupView(a) ? action : resolveCodeAction(a, action, token)));
  }

  symbols(document: ServiceDocument, token?: Cancellable): Promise<DocumentSymbol[] | null> {
    return this.run(document, token, (a) => {
      const view = markupView(a);
      return view ? markupSymbols(view) : documentSymbols(a);
    });
  }

  folding(document: ServiceDocument, token?: Cancellable): Promise<FoldingRange[] | null> {
    return this.run(document, token, (a) => {
      const view = markupView(a);
      return view ? markupFolding(view) : foldingRanges(a);
    });
  }

  formatting(document: ServiceDocument, token?: Cancellable): Promise<TextEdit[] | null> {
    // (A document read through its markup: its `|` lines outside the tables, never a line of a table's markup.)
    return this.run(document, token, (a) => {
      const view = markupView(a);
      return view ? markupFormatting(view, formatTables(a.text)) : formatTables(a.text);
    });
  }

  inlayHints(document: ServiceDocument, range: Range, token?: Cancellable): Promise<InlayHint[] | null> {
    return this.run(document, token, (a) => {
      const view = markupView(a);
      return view ? markupInlayHints(view, range) : inlayHints(a, range);
    });
  }

  /** The official tables with every cell's state, for the 报表预览 webview. */
  preview(document: ServiceDocument, token?: Cancellable): Promise<PreviewData | null> {
    // (A document read through its table markup: the tables as read through it.)
    return this.run(document, token, (a) => {
      const view = markupView(a);
      return view ? placeRanges(view, preview(view.converted)) : preview(a);
    });
  }

  /** Year, format and problem counts, for the status item. */
  summary(document: ServiceDocument, token?: Cancellable): Promise<ReportSummary | null> {
    return this.run(document, token, (a) => summary(markupView(a)?.converted ?? a));
  }

  /** The whole document rewritten into the canonical layout (整理为规范格式). */
  tidy(document: ServiceDocument, token?: Cancellable): Promise<TidyResult | null> {
    return this.run(document, token, (a) => {
      const view = markupView(a);
      return view ? { edits: markupTidyEdits(a, view), unchanged: [], skipped: [], kept: [], missing: [] } : tidy(a);
    });
  }
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  return new LanguageService(options);
}
