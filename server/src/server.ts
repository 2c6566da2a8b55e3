/**
 * The language server: LSP wiring only. Every handler gets the document's analysis (one per
 * version, cached) and hands it to a feature module in server/src/features/.
 * Runs over IPC under VS Code and over stdio (`node dist/server.js --stdio`) for any other editor.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type CancellationToken,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatForYear, writeSkeleton } from './report';
import { AnalysisCache, analyzeText, type Analysis } from './features/analysis';
import { BackgroundAnalyzer, HARD_LIMIT_MB, isLarge } from './features/background';
import { FIX_ALL_KIND, codeActions } from './features/codeActions';
import { completion } from './features/completion';
import { documentDiagnostics } from './features/diagnostics';
import { formatTables } from './features/formatting';
import { hover } from './features/hover';
import { inlayHints } from './features/inlayHints';
import {
  CHECK_TEXTS_REQUEST,
  SKELETON_REQUEST,
  TIDY_REQUEST,
  type CheckTextsParams,
  type SkeletonParams,
  type SkeletonResult,
} from './features/protocol';
import { PREVIEW_REQUEST, SUMMARY_REQUEST, preview, summary, type UriParams } from './features/preview';
import { tidy } from './features/tidy';
import { DEFAULT_SETTINGS, readSettings, type XxgkSettings } from './features/settings';
import { documentSymbols, foldingRanges } from './features/symbols';

const connection = createConnection(ProposedFeatures.all);

/**
 * Requests to the client that nobody waits for: a client that does not support one (or is gone)
 * answers with an error, which must not end the server as an unhandled rejection would.
 */
function quietly(p: Thenable<unknown> | Promise<unknown>): void {
  Promise.resolve(p).catch((e) => connection.console.log(`xxgk: ${(e as Error)?.message ?? e}`));
}
// A last line of defence: one failed promise must not take every open document's checking down with it.
process.on('unhandledRejection', (e) => connection.console.error(`xxgk: unhandled rejection: ${(e as Error)?.stack ?? e}`));
const documents = new TextDocuments(TextDocument);
const cache = new AnalysisCache();

let capabilities: ClientCapabilities = {};
let pullDiagnostics = false;
let globalSettings: XxgkSettings = DEFAULT_SETTINGS;
/** Bumped on every settings change, so pulled diagnostics of an unchanged version are recomputed. */
let settingsGeneration = 0;
const settingsByUri = new Map<string, Thenable<XxgkSettings>>();

function getSettings(uri: string): Thenable<XxgkSettings> {
  if (!capabilities.workspace?.configuration) return Promise.resolve(globalSettings);
  let settings = settingsByUri.get(uri);
  if (!settings) {
    settings = connection.workspace.getConfiguration({ scopeUri: uri, section: 'xxgk' }).then(readSettings, () => globalSettings);
    settingsByUri.set(uri, settings);
  }
  return settings;
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');

// Large documents (over xxgk.maxFileSizeMB): analysed in a worker thread when opened or saved, never
// on the main thread, so the server keeps answering for every other document meanwhile.
const background = new BackgroundAnalyzer();
/** Per large document: its latest background analysis (possibly of an older version). */
const largeAnalyses = new Map<string, Analysis>();
/** Large documents the user has been told about (once each per session). */
const toldLarge = new Set<string>();
/** Per document: the version last measured and whether it was over the limit. */
const sizeOf = new Map<string, { version: number; limit: number; large: boolean }>();

function documentIsLarge(uri: string, settings: XxgkSettings): boolean {
  const document = documents.get(uri);
  if (!document) return false;
  const known = sizeOf.get(uri);
  if (known && known.version === document.version && known.limit === settings.maxFileSizeMB) return known.large;
  const large = isLarge(document.getText(), settings.maxFileSizeMB);
  sizeOf.set(uri, { version: document.version, limit: settings.maxFileSizeMB, large });
  return large;
}

function tellLarge(uri: string, settings: XxgkSettings): void {
  if (toldLarge.has(uri)) return;
  toldLarge.add(uri);
  const text = documents.get(uri)?.getText() ?? '';
  const mb = (Buffer.byteLength(text, 'utf8') / (1024 * 1024)).toFixed(1);
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  // A notification, not window/showMessageRequest: nothing to wait for, and no client can refuse it.
  void connection.sendNotification(ShowMessageNotification.type, {
    type: MessageType.Info,
    message:
      settings.locale === 'en'
        ? `${name} is ${mb} MB, more than xxgk.maxFileSizeMB (${settings.maxFileSizeMB} MB): it is checked in the background when opened or saved, not as you type.`
        : `“${name}”大小为 ${mb} MB，超过 xxgk.maxFileSizeMB（${settings.maxFileSizeMB} MB）：只在打开和保存时于后台检查，编辑时不实时检查。`,
  });
}

/** Checks a large document's current version in the background, then publishes (or asks the client to pull). */
async function checkInBackground(uri: string): Promise<void> {
  const settings = await getSettings(uri);
  const document = documents.get(uri);
  if (!document) return;
  tellLarge(uri, settings);
  if (isLarge(document.getText(), HARD_LIMIT_MB)) {
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message:
        settings.locale === 'en'
          ? `This document is larger than ${HARD_LIMIT_MB} MB and is not checked. Check it with the command line (xxgk check).`
          : `此文件超过 ${HARD_LIMIT_MB} MB，不进行检查。可用命令行工具检查（xxgk check）。`,
    });
    return;
  }
  let analysis: Analysis | null;
  try {
    analysis = await background.analyze(uri, document.version, document.getText(), settings);
  } catch (e) {
    connection.console.error(`xxgk: background check of ${uri} failed: ${(e as Error).message}`);
    void connection.sendNotification(ShowMessageNotification.type, {
      type: MessageType.Warning,
      message:
        settings.locale === 'en'
          ? `This report could not be checked (${(e as Error).message}).`
          : `无法检查此报告（${(e as Error).message}）。`,
    });
    return;
  }
  if (!analysis || !documents.get(uri)) return;
  largeAnalyses.set(uri, analysis);
  if (pullDiagnostics) {
    if (capabilities.workspace?.diagnostics?.refreshSupport) quietly(connection.languages.diagnostics.refresh());
  } else {
    quietly(connection.sendDiagnostics({ uri, version: analysis.version, diagnostics: documentDiagnostics(analysis) }));
  }
}

/** The analysis of the open document's current version, or null when it is not open (or large and not analysed at this version); a ResponseError when cancelled. */
async function analysisFor(uri: string, token?: CancellationToken): Promise<Analysis | null | ResponseError<void>> {
  const settings = await getSettings(uri);
  if (token?.isCancellationRequested) return cancelled();
  const document = documents.get(uri);
  if (!document) return null;
  if (documentIsLarge(uri, settings)) {
    const last = largeAnalyses.get(uri);
    return last && last.version === document.version && last.settings === settings ? last : null;
  }
  return cache.get(document, settings);
}

/** Runs a feature on the document's analysis; null when the document is not open. */
async function withAnalysis<R>(
  uri: string,
  token: CancellationToken,
  feature: (analysis: Analysis) => R,
): Promise<R | null | ResponseError<void>> {
  const analysis = await analysisFor(uri, token);
  if (analysis === null || analysis instanceof ResponseError) return analysis;
  return feature(analysis);
}

connection.onInitialize((params): InitializeResult => {
  capabilities = params.capabilities;
  pullDiagnostics = !!capabilities.textDocument?.diagnostic;
  const initial = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
  if (initial) globalSettings = readSettings(initial);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      completionProvider: { triggerCharacters: ['|', '.', '、', '（'] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      inlayHintProvider: true,
      ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'xxgk', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
    },
    serverInfo: { name: 'xxgk-language-server' },
  };
});

connection.onInitialized(() => {
  if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
    quietly(connection.client.register(DidChangeConfigurationNotification.type, { section: 'xxgk' }));
  }
});

connection.onDidChangeConfiguration((change) => {
  const section = (change.settings as { xxgk?: unknown } | null)?.xxgk;
  if (section !== undefined) globalSettings = readSettings(section);
  settingsByUri.clear();
  settingsGeneration++;
  sizeOf.clear();
  // Every open document again with the new settings: large ones in the background (the limit may
  // have changed either way), the others published at once (push) or pulled after the refresh.
  for (const document of documents.all()) void checkOpenedOrSaved(document.uri);
  if (pullDiagnostics && capabilities.workspace?.diagnostics?.refreshSupport) quietly(connection.languages.diagnostics.refresh());
  if (capabilities.workspace?.inlayHint?.refreshSupport) quietly(connection.languages.inlayHint.refresh());
});

// Pushed diagnostics, for clients without pull support: coalesced per document, never for a stale version.
const pendingPublish = new Map<string, { cancel: () => void }>();
/** Above this many characters (under the size limit, so still checked as you type) a burst of edits is checked once, after a pause. */
const DEBOUNCE_FROM = 256 * 1024;
const DEBOUNCE_MS = 150;

function schedulePublish(uri: string): void {
  if (pullDiagnostics || pendingPublish.has(uri)) return;
  const length = documents.get(uri)?.getText().length ?? 0;
  if (length < DEBOUNCE_FROM) {
    const immediate = setImmediate(() => void publish(uri));
    pendingPublish.set(uri, { cancel: () => clearImmediate(immediate) });
  } else {
    const timer = setTimeout(() => void publish(uri), DEBOUNCE_MS);
    pendingPublish.set(uri, { cancel: () => clearTimeout(timer) });
  }
}

async function publish(uri: string): Promise<void> {
  pendingPublish.delete(uri);
  const version = documents.get(uri)?.version;
  if (version === undefined) return;
  if (documentIsLarge(uri, await getSettings(uri))) return; // checked in the background, on open and save
  const analysis = await analysisFor(uri);
  if (!analysis || analysis instanceof ResponseError || analysis.version !== documents.get(uri)?.version) return;
  quietly(connection.sendDiagnostics({ uri, version: analysis.version, diagnostics: documentDiagnostics(analysis) }));
}

/** On open and save a large document is checked in the background; otherwise diagnostics follow every change. */
async function checkOpenedOrSaved(uri: string): Promise<void> {
  const settings = await getSettings(uri);
  if (documentIsLarge(uri, settings)) {
    cache.delete(uri);
    void checkInBackground(uri);
  } else {
    largeAnalyses.delete(uri);
    schedulePublish(uri);
  }
}

documents.onDidOpen((e) => void checkOpenedOrSaved(e.document.uri));
documents.onDidSave((e) => {
  const uri = e.document.uri;
  void getSettings(uri).then((settings) => {
    if (documentIsLarge(uri, settings)) void checkInBackground(uri);
  });
});
documents.onDidChangeContent((e) => {
  const uri = e.document.uri;
  void getSettings(uri).then((settings) => {
    if (!documentIsLarge(uri, settings)) return schedulePublish(uri);
    // Grown past the limit while typing: stop checking it on the main thread, and say so once.
    cache.delete(uri);
    tellLarge(uri, settings);
  });
});
documents.onDidClose((e) => {
  background.drop(e.document.uri);
  largeAnalyses.delete(e.document.uri);
  sizeOf.delete(e.document.uri);
  cache.delete(e.document.uri);
  settingsByUri.delete(e.document.uri);
  pendingPublish.get(e.document.uri)?.cancel();
  pendingPublish.delete(e.document.uri);
  if (!pullDiagnostics) quietly(connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
});

connection.languages.diagnostics.on(async (params, token) => {
  const uri = params.textDocument.uri;
  if (documents.get(uri) && documentIsLarge(uri, await getSettings(uri))) {
    // The latest background analysis (refreshed when the next one is done), or nothing yet.
    const last = largeAnalyses.get(uri);
    if (!last) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const resultId = `${settingsGeneration}:large:${last.version}`;
    if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items: documentDiagnostics(last) };
  }
  const analysis = await analysisFor(uri, token);
  // Cancelled (e.g. a settings change arrived meanwhile): ask the client to pull again, or the
  // document would show no problems until its next edit.
  if (analysis instanceof ResponseError)
    return new ResponseError(LSPErrorCodes.ServerCancelled, analysis.message, { retriggerRequest: true });
  if (!analysis) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const resultId = `${settingsGeneration}:${analysis.version}`;
  if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items: documentDiagnostics(analysis) };
});

connection.onCompletion((params, token) => withAnalysis(params.textDocument.uri, token, (a) => completion(a, params.position)));
connection.onHover((params, token) => withAnalysis(params.textDocument.uri, token, (a) => hover(a, params.position)));
connection.onCodeAction((params, token) => withAnalysis(params.textDocument.uri, token, (a) => codeActions(a, params, token)));
connection.onDocumentSymbol((params, token) => withAnalysis(params.textDocument.uri, token, documentSymbols));
connection.onFoldingRanges((params, token) => withAnalysis(params.textDocument.uri, token, foldingRanges));
connection.onDocumentFormatting((params, token) => withAnalysis(params.textDocument.uri, token, (a) => formatTables(a.text)));
connection.languages.inlayHint.on((params, token) => withAnalysis(params.textDocument.uri, token, (a) => inlayHints(a, params.range)));

// The report preview and the status item (server/src/features/preview.ts).
connection.onRequest(PREVIEW_REQUEST, (params: UriParams, token) => withAnalysis(params.uri, token, preview));
connection.onRequest(SUMMARY_REQUEST, (params: UriParams, token) => withAnalysis(params.uri, token, summary));
connection.onRequest(TIDY_REQUEST, (params: UriParams, token) => withAnalysis(params.uri, token, tidy));

connection.onRequest(SKELETON_REQUEST, (params: SkeletonParams): SkeletonResult => {
  const format = params.format ?? formatForYear(params.year);
  return { format, text: writeSkeleton({ body: params.body, year: params.year, format, eol: '\n' }) };
});

connection.onRequest(CHECK_TEXTS_REQUEST, async (params: CheckTextsParams, token) => {
  const results: { uri: string; diagnostics: Diagnostic[] }[] = [];
  for (const { uri, text } of params.documents) {
    if (token.isCancellationRequested) return cancelled();
    const settings = await getSettings(uri);
    let analysis: Omit<Analysis, 'uri' | 'version' | 'text' | 'settings'> | null;
    if (isLarge(text, HARD_LIMIT_MB)) {
      results.push({ uri, diagnostics: [] });
      continue;
    }
    if (isLarge(text, settings.maxFileSizeMB)) {
      // Off the main thread, as an open large document is; the key keeps it apart from an open document's own analysis.
      analysis = await background.analyze(`${CHECK_TEXTS_REQUEST} ${uri}`, 0, text, settings);
      if (!analysis) return cancelled();
    } else {
      analysis = analyzeText(text, settings);
    }
    const { report, derivations, diagnostics } = analysis;
    results.push({ uri, diagnostics: documentDiagnostics({ uri, version: 0, text, settings, report, derivations, diagnostics }) });
  }
  return results;
});

connection.onShutdown(() => background.dispose());

documents.listen(connection);
connection.listen();
