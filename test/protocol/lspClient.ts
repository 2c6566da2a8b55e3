/**
 * A small LSP client for the protocol tests and the benchmark: spawns `node dist/server.js --stdio`
 * and speaks JSON-RPC over its stdin/stdout as an editor would. Waits on notifications, never on
 * timers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const ROOT = resolve(__dirname, '../..');
export const SERVER = resolve(ROOT, 'dist/server.js');
export const SAMPLES = resolve(ROOT, 'test/fixtures/samples');
export const FIXTURES = resolve(ROOT, 'test/fixtures/server');

export function fixture(name: string): { uri: string; text: string } {
  const path = resolve(FIXTURES, name);
  return { uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') };
}

export function sample(name: string): { uri: string; text: string } {
  const path = resolve(SAMPLES, name);
  return { uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') };
}

export interface ClientOptions {
  /** Announce pull diagnostics (textDocument/diagnostic) support. */
  pull?: boolean;
  /** The `xxgk` settings section answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  /** Announce codeAction/resolve support for the `edit` property (as VS Code does). */
  resolve?: boolean;
  /** Workspace folders (file: URIs) named in `initialize`. */
  workspaceFolders?: string[];
}

type Waiter = { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void };

export class LspClient {
  readonly connection: MessageConnection;
  initializeResult!: InitializeResult;
  /** Milliseconds from sending `initialize` to its answer. */
  initializeMs = 0;
  settings: Record<string, unknown>;
  /** The file watchers the server registered (client/registerCapability for workspace/didChangeWatchedFiles). */
  readonly watchers: unknown[] = [];
  /** Every publishDiagnostics received, in order. */
  readonly published: PublishDiagnosticsParams[] = [];
  private waiters: Waiter[] = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly process: ChildProcess,
    options: ClientOptions,
  ) {
    this.settings = options.settings ?? {};
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri !== params.uri || (w.version !== undefined && params.version !== w.version)) return true;
        w.resolve(params);
        return false;
      });
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest(
      'client/registerCapability',
      (params: { registrations: { method: string; registerOptions?: { watchers?: unknown[] } }[] }) => {
        for (const r of params.registrations)
          if (r.method === 'workspace/didChangeWatchedFiles') this.watchers.push(...(r.registerOptions?.watchers ?? []));
        return null;
      },
    );
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const client = new LspClient(child, options);
    const started = performance.now();
    client.initializeResult = await client.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      ...(options.workspaceFolders ? { workspaceFolders: options.workspaceFolders.map((uri) => ({ uri, name: uri })) } : {}),
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          didChangeWatchedFiles: { dynamicRegistration: true },
          didChangeConfiguration: { dynamicRegistration: true },
          diagnostics: { refreshSupport: true },
          inlayHint: { refreshSupport: true },
        },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
            isPreferredSupport: true,
            ...(options.resolve ? { dataSupport: true, resolveSupport: { properties: ['edit'] } } : {}),
          },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
    });
    client.initializeMs = performance.now() - started;
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves with the first publishDiagnostics for the uri that passes `test`, already received or yet to come. */
  async diagnosticsWhere(uri: string, test: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    for (;;) {
      const latest = this.published.filter((p) => p.uri === uri).at(-1);
      if (latest && test(latest)) return latest;
      await this.nextDiagnostics(uri);
    }
  }

  /** Resolves with the next publishDiagnostics for the uri (and version, when given). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, version, resolve }));
  }

  async open(uri: string, text: string, languageId = 'xxgk'): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    const published = this.nextDiagnostics(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return (await published).diagnostics;
  }

  /** Opens without waiting for diagnostics (pull clients get none pushed). */
  async openOnly(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgk', version: 1, text } });
  }

  /** Sends a change and returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest('shutdown');
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    await this.connection.sendNotification('exit');
    await exited;
    this.connection.dispose();
  }
}
