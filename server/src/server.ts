/**
 * The language server: LSP wiring only. Every handler hands the document to the language service
 * (service/languageService.ts: one analysis per document content, one method per feature); when
 * documents are analysed is the scheduler's business (service/scheduler.ts).
 * Runs over IPC under VS Code and over stdio (`node dist/server.js --stdio`) for any other editor.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  WatchKind,
  createConnection,
  type ClientCapabilities,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { reportDocuments, type ReportDocument } from './service/documents';
import { formatForYear, writeSkeleton } from './report';
import { type Analysis } from './features/analysis';
import { FIX_ALL_KIND } from './features/codeActions';
import {
  SKELETON_REQUEST,
  TIDY_REQUEST,
  WORKSPACE_CHANGED_NOTIFICATION,
  WORKSPACE_REPORTS_REQUEST,
  WORKSPACE_RESCAN_REQUEST,
  type SkeletonParams,
  type SkeletonResult,
} from './features/protocol';
import { PREVIEW_REQUEST, SUMMARY_REQUEST, type UriParams } from './features/preview';
import { DEFAULT_SETTINGS, readSettings, type XxgkSettings } from './features/settings';
import { WorkspaceReports } from './features/workspace';
import { CancelledError, LanguageService } from './service/languageService';
import { Scheduler } from './service/scheduler';
import { serverTransport } from './service/transport';

// stdio and IPC through readers that answer bad frames and keep the lifecycle (service/transport.ts).
const transport = serverTransport();
const connection = transport
  ? createConnection(ProposedFeatures.all, transport.reader, transport.writer)
  : createConnection(ProposedFeatures.all);
if (transport) {
  // The input is gone: exit as LSP says (0 after shutdown, 1 otherwise), so the client can start a new server.
  transport.reader.onClose(() => process.exit(transport.reader.shutdown ? 0 : 1));
  // Nothing but protocol on stdout.
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  console.warn = console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
}

/**
 * Requests to the client that nobody waits for: a client that does not support one (or is gone)
 * answers with an error, which must not end the server as an unhandled rejection would.
 */
function quietly(p: Thenable<unknown> | Promise<unknown>): void {
  Promise.resolve(p).catch((e) => connection.console.log(`xxgk: ${(e as Error)?.message ?? e}`));
}
// A last line of defence: one failed promise must not take every open document's checking down with it.
process.on('unhandledRejection', (e) => connection.console.error(`xxgk: unhandled rejection: ${(e as Error)?.stack ?? e}`));
/** The open documents, kept as lines (service/documents.ts). */
const documents = new TextDocuments(reportDocuments);

let capabilities: ClientCapabilities = {};
let pullDiagnostics = false;
let globalSettings: XxgkSettings = DEFAULT_SETTINGS;
/** Bumped on every settings change, so pulled diagnostics of an unchanged document are recomputed. */
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

const service: LanguageService = new LanguageService({
  settings: getSettings,
  analyzeInline: (document, settings) => scheduler.analyzeInline(document, settings),
});
const scheduler: Scheduler = new Scheduler(
  {
    document: (uri) => documents.get(uri),
    settings: getSettings,
    get pull() {
      return pullDiagnostics;
    },
    publish: (uri, version, analysis) => quietly(publishOpen(uri, version, analysis)),
    refresh: () => {
      if (capabilities.workspace?.diagnostics?.refreshSupport) quietly(connection.languages.diagnostics.refresh());
    },
    // A notification, not window/showMessageRequest: nothing to wait for, and no client can refuse it.
    notify: (type, message) =>
      void connection.sendNotification(ShowMessageNotification.type, {
        type: type === 'info' ? MessageType.Info : MessageType.Warning,
        message,
      }),
    log: (message) => connection.console.error(message),
  },
  service,
);

/**
 * The workspace's report files, read from disk and checked by the server (features/workspace.ts):
 * workspace diagnostics, the cross-year rules between the workspace's reports, the bodies/years view.
 */
const workspace: WorkspaceReports = new WorkspaceReports({
  settings: getSettings,
  openUris: () => documents.keys(),
  openAnalysis: async (uri) => {
    const document = documents.get(uri);
    if (!document) return null;
    if (await scheduler.backgroundOnly(uri)) return service.latest(uri);
    return service.analysis(document).catch(() => null);
  },
  analyzeClosed: (key, text, settings) => scheduler.analyzeClosed(key, text, settings),
  changed: (cause) => {
    void connection.sendNotification(WORKSPACE_CHANGED_NOTIFICATION);
    if (pullDiagnostics) {
      // Open documents' cross-year problems may depend on the files on disk (edits are re-pulled by the client itself).
      if (cause === 'disk' && capabilities.workspace?.diagnostics?.refreshSupport) quietly(connection.languages.diagnostics.refresh());
      return;
    }
    quietly(publishClosed());
    quietly(republishCrossYear());
  },
  log: (message) => connection.console.error(message),
});
/** For a client that does not pull: what was last published for each closed report (uri → result id). */
const publishedClosed = new Map<string, string>();

/** For a client that does not pull: the cross-year result each open document was last published with. */
const publishedCross = new Map<string, string>();

async function publishOpen(uri: string, version: number | undefined, analysis: Analysis | null): Promise<void> {
  const cross = analysis ? await workspace.crossFor(uri) : null;
  if (cross) publishedCross.set(uri, cross.id);
  const diagnostics = analysis ? [...service.diagnosticsOf(analysis).items, ...cross!.items] : [];
  await connection.sendDiagnostics({ uri, version, diagnostics });
}

/** Open documents whose cross-year problems changed (another file did), published again with their latest analysis. */
async function republishCrossYear(): Promise<void> {
  for (const uri of documents.keys()) {
    const analysis = service.latest(uri);
    if (!analysis || !publishedCross.has(uri) || (await workspace.crossFor(uri)).id === publishedCross.get(uri)) continue;
    await publishOpen(uri, analysis.version, analysis);
  }
}

async function publishClosed(): Promise<void> {
  for (const { uri, diagnostics } of await workspace.toPublish(publishedClosed)) await connection.sendDiagnostics({ uri, diagnostics });
}

/** The workspace folders the client names (file: URIs). */
let folders: string[] = [];

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');

/** Whether the client resolves code actions' edits (then bulk actions are computed only when chosen). */
const resolvesEdits = () => !!capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');

/** Runs a feature of the service on an open document: null when it is not open, a ResponseError when cancelled. */
async function feature<R>(uri: string, run: (document: ReportDocument) => Promise<R | null>): Promise<R | null | ResponseError<void>> {
  const document = documents.get(uri);
  if (!document) return null;
  try {
    return await run(document);
  } catch (e) {
    if (e instanceof CancelledError) return cancelled();
    throw e;
  }
}

connection.onInitialize((params): InitializeResult => {
  capabilities = params.capabilities;
  pullDiagnostics = !!capabilities.textDocument?.diagnostic;
  folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const initial = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
  if (initial) globalSettings = readSettings(initial);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      completionProvider: { triggerCharacters: ['|', '.', '、', '（'] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      documentFormattingProvider: true,
      inlayHintProvider: true,
      // Pulled: open documents per document, the workspace's other reports by workspace/diagnostic;
      // inter-file: a report's cross-year problems depend on last year's file.
      ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'xxgk', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'xxgk-language-server' },
  };
});

connection.onInitialized(() => {
  if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
    quietly(connection.client.register(DidChangeConfigurationNotification.type, { section: 'xxgk' }));
  }
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    quietly(
      connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{xxgk,txt,html,htm,xhtml,mht,mhtml,docx,pdf}' }, { globPattern: '**/*', kind: WatchKind.Delete }],
      }),
    );
  }
  if (capabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
      const gone = new Set(removed.map((f) => f.uri));
      folders = [...folders.filter((f) => !gone.has(f)), ...added.map((f) => f.uri)];
      void workspace.setFolders(folders);
    });
  }
  void workspace.setFolders(folders);
});

connection.onDidChangeConfiguration((change) => {
  const section = (change.settings as { xxgk?: unknown } | null)?.xxgk;
  if (section !== undefined) globalSettings = readSettings(section);
  settingsByUri.clear();
  settingsGeneration++;
  // Every open document again with the new settings: large ones in the background, the others
  // published at once (push) or pulled after the refresh.
  scheduler.settingsChanged(documents.all().map((d) => d.uri));
  void workspace.settingsChanged();
  if (pullDiagnostics && capabilities.workspace?.diagnostics?.refreshSupport) quietly(connection.languages.diagnostics.refresh());
  if (capabilities.workspace?.inlayHint?.refreshSupport) quietly(connection.languages.inlayHint.refresh());
});

documents.onDidOpen((e) => {
  void scheduler.opened(e.document.uri);
  workspace.openChanged();
});
documents.onDidSave((e) => {
  void scheduler.saved(e.document.uri);
  // Read from disk again as well, for clients without a file watcher.
  void workspace.filesChanged([{ uri: e.document.uri, deleted: false }]);
});
documents.onDidChangeContent((e) => {
  void scheduler.changed(e.document.uri);
  workspace.openChanged();
});
documents.onDidClose((e) => {
  scheduler.closed(e.document.uri);
  settingsByUri.delete(e.document.uri);
  publishedCross.delete(e.document.uri);
  // Its problems on disk were not sent while it was open: the next publication sends them.
  publishedClosed.delete(e.document.uri);
  // A report of the workspace goes back to its problems on disk (published with the workspace's), any other document to none.
  if (!pullDiagnostics && !workspace.file(e.document.uri)?.listed)
    quietly(connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  workspace.closed(e.document.uri);
});
connection.onDidChangeWatchedFiles((p) => {
  void workspace.filesChanged(p.changes.map((c) => ({ uri: c.uri, deleted: c.type === FileChangeType.Deleted })));
});

connection.languages.diagnostics.on(async (params, token) => {
  const uri = params.textDocument.uri;
  const document = documents.get(uri);
  if (!document) {
    // A closed file (the client's last pull after closing it): its problems on disk, if it is a report of the workspace.
    const closed = await workspace.closedDiagnostics(uri);
    return { kind: DocumentDiagnosticReportKind.Full, resultId: closed?.resultId, items: closed?.items ?? [] };
  }
  let analysis: Analysis | null;
  if (await scheduler.backgroundOnly(uri)) {
    // The latest background analysis (refreshed when the next one is done), or nothing yet.
    analysis = service.latest(uri);
  } else {
    try {
      analysis = await service.analysis(document, token);
    } catch (e) {
      // Cancelled (e.g. a settings change arrived meanwhile): ask the client to pull again, or the
      // document would show no problems until its next edit.
      if (e instanceof CancelledError) return new ResponseError(LSPErrorCodes.ServerCancelled, e.message, { retriggerRequest: true });
      throw e;
    }
  }
  if (!analysis) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const own = service.diagnosticsOf(analysis, settingsGeneration);
  const cross = await workspace.crossFor(uri);
  const resultId = `${own.resultId}|${cross.id}`;
  if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
  return { kind: DocumentDiagnosticReportKind.Full, resultId, items: [...own.items, ...cross.items] };
});
connection.languages.diagnostics.onWorkspace((params, token) =>
  workspace.workspaceReport(params.previousResultIds, () => token.isCancellationRequested),
);

connection.onCompletion((p, token) => feature(p.textDocument.uri, (d) => service.completion(d, p.position, token)));
connection.onHover((p, token) => feature(p.textDocument.uri, (d) => service.hover(d, p.position, token)));
connection.onCodeAction((p, token) =>
  feature(p.textDocument.uri, (d) => service.codeActions(d, p.range, p.context, token, { lazyBulk: resolvesEdits() })),
);
connection.onCodeActionResolve(async (action, token) => {
  const uri = (action.data as { uri?: unknown } | undefined)?.uri;
  const resolved = typeof uri === 'string' ? await feature(uri, (d) => service.resolveCodeAction(d, action, token)) : null;
  return resolved ?? action;
});
connection.onDocumentSymbol((p, token) => feature(p.textDocument.uri, (d) => service.symbols(d, token)));
connection.onFoldingRanges((p, token) => feature(p.textDocument.uri, (d) => service.folding(d, token)));
connection.onDocumentFormatting((p, token) => feature(p.textDocument.uri, (d) => service.formatting(d, token)));
connection.languages.inlayHint.on((p, token) => feature(p.textDocument.uri, (d) => service.inlayHints(d, p.range, token)));

// The report preview and the status item (server/src/features/preview.ts).
connection.onRequest(PREVIEW_REQUEST, (p: UriParams, token) => feature(p.uri, (d) => service.preview(d, token)));
connection.onRequest(SUMMARY_REQUEST, (p: UriParams, token) => feature(p.uri, (d) => service.summary(d, token)));
connection.onRequest(TIDY_REQUEST, (p: UriParams, token) => feature(p.uri, (d) => service.tidy(d, token)));

connection.onRequest(SKELETON_REQUEST, (params: SkeletonParams): SkeletonResult => {
  const format = params.format ?? formatForYear(params.year);
  return { format, text: writeSkeleton({ body: params.body, year: params.year, format, eol: '\n' }) };
});

// The bodies/years view and 检查工作区所有年度报告 (client/src/reportsView.ts, workspaceCheck.ts).
connection.onRequest(WORKSPACE_REPORTS_REQUEST, () => workspace.reports());
connection.onRequest(WORKSPACE_RESCAN_REQUEST, async () => {
  await workspace.rescan();
  return workspace.reports();
});

connection.onShutdown(() => scheduler.dispose());

documents.listen(connection);
connection.listen();
