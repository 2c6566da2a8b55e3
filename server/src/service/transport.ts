/**
 * A transport that cannot wedge. vscode-jsonrpc's StreamMessageReader, given a frame it cannot read
 * (`Content-Length: abc`, no Content-Length, a body that is not JSON), reports an error to the
 * server and stays where it was: the bytes after the bad header are then read as headers, and the
 * server never answers again. This reader
 * - answers every frame it cannot read with a JSON-RPC error (−32700 Parse error for a bad header
 *   or a body that is not JSON, −32600 Invalid Request for a body that is not a JSON-RPC message or
 *   a frame over MAX_MESSAGE_BYTES), then reads on from the next header;
 * - keeps the lifecycle (for stdio and IPC alike): a request before `initialize` gets −32002
 *   ServerNotInitialized, a request after `shutdown` −32600 InvalidRequest.
 */
import { Buffer } from 'node:buffer';
import { FrameEncoder } from './frames';
import {
  Emitter,
  ErrorCodes,
  IPCMessageReader,
  IPCMessageWriter,
  AbstractMessageWriter,
  type MessageWriter,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type PartialMessageInfo,
} from 'vscode-languageserver/node';

/** Larger frames are refused (their bytes skipped): twice the largest document the server checks, JSON-escaped. */
export const MAX_MESSAGE_BYTES = 1024 * 1024 * 1024;
/** A header block longer than this (no blank line after it) is not a header. */
const MAX_HEADER_BYTES = 16 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
const CONTENT_LENGTH = Buffer.from('Content-Length', 'ascii');

export interface ErrorReply {
  jsonrpc: '2.0';
  id: number | string | null;
  error: { code: number; message: string };
}

export type Reply = (message: ErrorReply) => void;

const errorReply = (id: number | string | null, code: number, message: string): ErrorReply => ({
  jsonrpc: '2.0',
  id,
  error: { code, message },
});

/** LSP's base protocol (Content-Length framed JSON) over a byte stream (stdin), answering what it cannot read. */
export class FrameReader implements MessageReader {
  private readonly errorEmitter = new Emitter<Error>();
  private readonly closeEmitter = new Emitter<void>();
  private readonly partialEmitter = new Emitter<PartialMessageInfo>();
  readonly onError = this.errorEmitter.event;
  readonly onClose = this.closeEmitter.event;
  readonly onPartialMessage = this.partialEmitter.event;

  private chunks: Buffer[] = [];
  private buffered = 0;
  /** Length of the body being waited for; -1 while reading headers. */
  private need = -1;
  /** After a bad header: bytes are dropped up to the next `Content-Length`. */
  private resyncing = false;
  private callback: DataCallback | null = null;

  constructor(
    private readonly readable: NodeJS.ReadableStream,
    private readonly reply: Reply,
  ) {}

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (data: Buffer | string) => this.onData(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    const onError = (e: Error) => this.errorEmitter.fire(e);
    const onClose = () => this.closeEmitter.fire();
    this.readable.on('data', onData);
    this.readable.on('error', onError);
    this.readable.on('end', onClose);
    this.readable.on('close', onClose);
    return {
      dispose: () => {
        this.readable.off('data', onData);
        this.readable.off('error', onError);
        this.readable.off('end', onClose);
        this.readable.off('close', onClose);
      },
    };
  }

  dispose(): void {
    this.errorEmitter.dispose();
    this.closeEmitter.dispose();
    this.partialEmitter.dispose();
  }

  private onData(data: Buffer): void {
    this.chunks.push(data);
    this.buffered += data.length;
    this.drain();
  }

  /** The first `n` buffered bytes as one buffer (merging chunks only as far as needed). */
  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    const merged = Buffer.concat(this.chunks);
    this.chunks = [merged];
    return merged.subarray(0, n);
  }

  private consume(n: number): Buffer {
    const taken = this.peek(n);
    const first = this.chunks[0];
    if (first.length === n) this.chunks.shift();
    else this.chunks[0] = first.subarray(n);
    this.buffered -= n;
    return taken;
  }

  /** A frame that cannot be read: answered, and its bytes dropped up to the next header. */
  private badFrame(message: string, code: number = ErrorCodes.ParseError): void {
    this.reply(errorReply(null, code, message));
    this.resyncing = true;
  }

  private drain(): void {
    while (this.buffered > 0) {
      if (this.resyncing) {
        const all = this.peek(this.buffered);
        const at = all.indexOf(CONTENT_LENGTH, 1);
        if (at < 0) {
          // Keep a tail that may be the start of the next header.
          if (this.buffered > CONTENT_LENGTH.length) this.consume(this.buffered - CONTENT_LENGTH.length);
          return;
        }
        this.consume(at);
        this.resyncing = false;
      }
      if (this.need < 0) {
        const head = this.peek(Math.min(this.buffered, MAX_HEADER_BYTES + HEADER_END.length));
        const end = head.indexOf(HEADER_END);
        if (end < 0) {
          if (this.buffered > MAX_HEADER_BYTES) this.badFrame('Parse error: no end of the header');
          else return;
          continue;
        }
        const header = this.consume(end + HEADER_END.length)
          .subarray(0, end)
          .toString('latin1');
        let length: string | undefined;
        let valid = true;
        for (const line of header.split('\r\n')) {
          const m = /^([!-9;-~]+):[ \t]*(.*?)[ \t]*$/.exec(line);
          if (!m) valid = false;
          else if (m[1].toLowerCase() === 'content-length') length = m[2];
        }
        if (!valid) {
          this.badFrame(`Parse error: not a header: ${JSON.stringify(header.slice(0, 80))}`);
          continue;
        }
        if (length === undefined) {
          this.badFrame('Parse error: the header has no Content-Length');
          continue;
        }
        if (!/^\d{1,15}$/.test(length)) {
          this.badFrame(`Parse error: Content-Length is not a number: ${JSON.stringify(length.slice(0, 40))}`);
          continue;
        }
        const n = Number(length);
        if (n > MAX_MESSAGE_BYTES) {
          // Never waited for (a client that does not send them would wedge the server): dropped as they come.
          this.badFrame(`Invalid Request: message of ${n} bytes, more than ${MAX_MESSAGE_BYTES}`, ErrorCodes.InvalidRequest);
          continue;
        }
        this.need = n;
      }
      if (this.buffered < this.need) return;
      const body = this.need ? this.consume(this.need) : Buffer.alloc(0);
      this.need = -1;
      let message: unknown;
      try {
        message = JSON.parse(body.toString('utf8'));
      } catch (e) {
        this.reply(errorReply(null, ErrorCodes.ParseError, `Parse error: ${(e as Error).message}`));
        continue;
      }
      this.callback?.(message as Message);
    }
  }
}

const isId = (id: unknown): id is number | string => typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));

/** Why a message is not a JSON-RPC 2.0 message (null when it is one). */
export function invalidMessage(m: unknown): string | null {
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return Array.isArray(m) ? 'batches are not supported' : 'not an object';
  const o = m as Record<string, unknown>;
  if (o.jsonrpc !== '2.0') return 'jsonrpc is not "2.0"';
  if ('method' in o) {
    if (typeof o.method !== 'string') return 'method is not a string';
    if ('id' in o && !isId(o.id)) return 'id is not a number or a string';
    if ('params' in o && (typeof o.params !== 'object' || o.params === null)) return 'params is not an object or an array';
    return null;
  }
  if ('result' in o || 'error' in o) return isId(o.id) || o.id === null ? null : 'a response without an id';
  return 'neither a request, a notification nor a response';
}

/**
 * The lifecycle and message checks, around any reader (stdio frames or Node IPC). Requests that
 * may not be served are answered here and never reach the server.
 */
export class LifecycleReader implements MessageReader {
  readonly onError;
  readonly onClose;
  readonly onPartialMessage;
  private initialized = false;
  /** Whether `shutdown` was requested (then only `exit` is served). */
  shutdown = false;

  constructor(
    private readonly inner: MessageReader,
    private readonly reply: Reply,
  ) {
    this.onError = inner.onError;
    this.onClose = inner.onClose;
    this.onPartialMessage = inner.onPartialMessage;
  }

  listen(callback: DataCallback): Disposable {
    return this.inner.listen((message) => {
      const raw = message as unknown as Record<string, unknown>;
      const why = invalidMessage(raw);
      if (why) {
        const id = raw && typeof raw === 'object' && isId(raw.id) ? raw.id : null;
        return this.reply(errorReply(id, ErrorCodes.InvalidRequest, `Invalid Request: ${why}`));
      }
      const isRequest = typeof raw.method === 'string' && isId(raw.id);
      const id = raw.id as number | string;
      if (isRequest) {
        if (this.shutdown) return this.reply(errorReply(id, ErrorCodes.InvalidRequest, `Invalid Request: ${raw.method} after shutdown`));
        if (!this.initialized && raw.method !== 'initialize') {
          return this.reply(errorReply(id, ErrorCodes.ServerNotInitialized, `Server not initialized: ${raw.method} before initialize`));
        }
        if (raw.method === 'initialize') {
          if (this.initialized) return this.reply(errorReply(id, ErrorCodes.InvalidRequest, 'Invalid Request: initialize sent twice'));
          this.initialized = true;
        }
        if (raw.method === 'shutdown') this.shutdown = true;
      } else if (typeof raw.method === 'string' && !this.initialized && raw.method !== 'exit') {
        return; // notifications before initialize are dropped (LSP)
      }
      callback(message);
    });
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/**
 * LSP's base protocol written to a byte stream (stdout): each message framed as one buffer
 * (frames.ts, which serialises again only the diagnostics not sent before) and handed to the
 * stream in one write. vscode-jsonrpc's StreamMessageWriter encodes the body into a
 * Buffer and writes the header and the body separately: two system calls, and on a pipe two
 * wake-ups of the client, for every publishDiagnostics.
 */
export class FrameWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;
  private readonly frames = new FrameEncoder();
  constructor(private readonly stream: NodeJS.WritableStream) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    return new Promise((resolve, reject) => {
      try {
        this.stream.write(this.frames.encode(msg), (error?: Error | null) => {
          if (!error) {
            this.errors = 0;
            return resolve();
          }
          this.fireError(error, msg, ++this.errors);
          reject(error);
        });
      } catch (error) {
        this.fireError(error, msg, ++this.errors);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  end(): void {
    this.stream.end();
  }
}

/**
 * The reader and writer for the transport the command line asks for (`--stdio`, `--node-ipc`),
 * or null for any other (sockets, pipes: vscode-languageserver's own).
 */
export function serverTransport(argv = process.argv): { reader: LifecycleReader; writer: MessageWriter } | null {
  let writer: MessageWriter;
  let inner: (reply: Reply) => MessageReader;
  if (argv.includes('--stdio')) {
    writer = new FrameWriter(process.stdout);
    inner = (reply) => new FrameReader(process.stdin, reply);
  } else if (argv.includes('--node-ipc')) {
    writer = new IPCMessageWriter(process);
    inner = () => new IPCMessageReader(process);
  } else {
    return null;
  }
  const reply: Reply = (message) => void writer.write(message as unknown as Message).catch(() => undefined);
  return { reader: new LifecycleReader(inner(reply), reply), writer };
}
