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
  ProposedFeatures,
  ResponseError,
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
import { FIX_ALL_KIND, codeActions } from './features/codeActions';
import { completion } from './features/completion';
import { documentDiagnostics } from './features/diagnostics';
import { formatTables } from './features/formatting';
import { hover } from './features/hover';
import { inlayHints } from './features/inlayHints';
import { CHECK_TEXTS_REQUEST, SKELETON_REQUEST, type CheckTextsParams, type SkeletonParams, type SkeletonResult } from './features/protocol';
import { DEFAULT_SETTINGS, readSettings, type XxgkSettings } from './features/settings';
import { documentSymbols, foldingRanges } from './features/symbols';

const connection = createConnection(ProposedFeatures.all);
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

/** The analysis of the open document's current version, or null when it is not open; a ResponseError when cancelled. */
async function analysisFor(uri: string, token?: CancellationToken): Promise<Analysis | null | ResponseError<void>> {
  const settings = await getSettings(uri);
  if (token?.isCancellationRequested) return cancelled();
  const document = documents.get(uri);
  return document ? cache.get(document, settings) : null;
}

/** Runs a feature on the document's analysis; null when the document is not open. */
async function withAnalysis<R>(uri: string, token: CancellationToken, feature: (analysis: Analysis) => R): Promise<R | null | ResponseError<void>> {
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
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
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
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'xxgk' });
  }
});

connection.onDidChangeConfiguration((change) => {
  const section = (change.settings as { xxgk?: unknown } | null)?.xxgk;
  if (section !== undefined) globalSettings = readSettings(section);
  settingsByUri.clear();
  settingsGeneration++;
  if (pullDiagnostics) {
    if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
  } else {
    for (const document of documents.all()) schedulePublish(document.uri);
  }
  if (capabilities.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh();
});

// Pushed diagnostics, for clients without pull support: coalesced per document, never for a stale version.
const pendingPublish = new Map<string, NodeJS.Immediate>();

function schedulePublish(uri: string): void {
  if (pullDiagnostics || pendingPublish.has(uri)) return;
  pendingPublish.set(uri, setImmediate(() => void publish(uri)));
}

async function publish(uri: string): Promise<void> {
  pendingPublish.delete(uri);
  const version = documents.get(uri)?.version;
  if (version === undefined) return;
  const analysis = await analysisFor(uri);
  if (!analysis || analysis instanceof ResponseError || analysis.version !== documents.get(uri)?.version) return;
  void connection.sendDiagnostics({ uri, version: analysis.version, diagnostics: documentDiagnostics(analysis) });
}

documents.onDidOpen((e) => schedulePublish(e.document.uri));
documents.onDidChangeContent((e) => schedulePublish(e.document.uri));
documents.onDidClose((e) => {
  cache.delete(e.document.uri);
  settingsByUri.delete(e.document.uri);
  const pending = pendingPublish.get(e.document.uri);
  if (pending) clearImmediate(pending);
  pendingPublish.delete(e.document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.languages.diagnostics.on(async (params, token) => {
  const analysis = await analysisFor(params.textDocument.uri, token);
  // Cancelled (e.g. a settings change arrived meanwhile): ask the client to pull again, or the
  // document would show no problems until its next edit.
  if (analysis instanceof ResponseError) return new ResponseError(LSPErrorCodes.ServerCancelled, analysis.message, { retriggerRequest: true });
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

connection.onRequest(SKELETON_REQUEST, (params: SkeletonParams): SkeletonResult => {
  const format = params.format ?? formatForYear(params.year);
  return { format, text: writeSkeleton({ body: params.body, year: params.year, format, eol: '\n' }) };
});

connection.onRequest(CHECK_TEXTS_REQUEST, async (params: CheckTextsParams, token) => {
  const results: { uri: string; diagnostics: Diagnostic[] }[] = [];
  for (const { uri, text } of params.documents) {
    if (token.isCancellationRequested) return cancelled();
    const settings = await getSettings(uri);
    const { report, derivations, diagnostics } = analyzeText(text, settings);
    results.push({ uri, diagnostics: documentDiagnostics({ uri, version: 0, text, settings, report, derivations, diagnostics }) });
  }
  return results;
});

documents.listen(connection);
connection.listen();
