/**
 * A protocol that cannot wedge: the bundled server (`npm run build` first) over stdio, spoken to
 * byte by byte. Bad frames and malformed messages get JSON-RPC errors and the server reads on;
 * requests before `initialize` get −32002, after `shutdown` −32600; the input closing ends the
 * process with LSP's exit code.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, it } from 'node:test';
import { SERVER } from './lspClient';

interface Answer {
  jsonrpc: string;
  id: number | string | null;
  result?: unknown;
  error?: { code: number; message: string };
  method?: string;
}

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
const message = (m: Record<string, unknown>) => frame(JSON.stringify({ jsonrpc: '2.0', ...m }));
const initialize = (id: number) => message({ id, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

class RawClient {
  readonly answers: Answer[] = [];
  private buffer = Buffer.alloc(0);
  private waiters: { test: (a: Answer) => boolean; resolve: (a: Answer) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => this.onData(d));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static start(): RawClient {
    return new RawClient(spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] }));
  }

  send(raw: string): void {
    this.child.stdin!.write(raw);
  }

  /** The next answer (a response, not a notification) that passes the test, within a timeout. */
  next(test: (a: Answer) => boolean, what: string, ms = 10_000): Promise<Answer> {
    const seen = this.answers.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer: ${what} (answers so far: ${JSON.stringify(this.answers)})`)), ms);
      this.waiters.push({
        test,
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
      });
    });
  }

  answerTo(id: number): Promise<Answer> {
    return this.next((a) => a.id === id && !a.method, `the answer to request ${id}`);
  }

  /** The next error answer with no id (what a frame that could not be read gets). */
  anonymousError(code: number, after: number): Promise<Answer> {
    return this.next((a) => a.id === null && a.error?.code === code && this.answers.indexOf(a) >= after, `an error ${code} with id null`);
  }

  private onData(data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('latin1'))?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const answer = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Answer;
      this.buffer = this.buffer.subarray(end + 4 + length);
      if (answer.method) continue; // notifications and requests from the server (log messages)
      this.answers.push(answer);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(answer)) return true;
        w.resolve(answer);
        return false;
      });
    }
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

describe('the wire', () => {
  let client: RawClient;
  afterEach(() => client?.stop());

  it('answers a request before initialize with −32002 ServerNotInitialized, then initializes', async () => {
    client = RawClient.start();
    client.send(
      message({ id: 1, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x' }, position: { line: 0, character: 0 } } }),
    );
    client.send(
      message({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///x', languageId: 'xxgk', version: 1, text: '' } } }),
    );
    client.send(message({ id: 'two', method: 'shutdown' }));
    const early = await client.answerTo(1);
    assert.equal(early.error?.code, -32002);
    const stringId = await client.next((a) => a.id === 'two', 'the answer to request "two"');
    assert.equal(stringId.error?.code, -32002);
    client.send(initialize(3));
    const init = await client.answerTo(3);
    assert.ok((init.result as { capabilities?: unknown }).capabilities, 'initialize is answered');
  });

  it('answers Content-Length: abc with −32700 and reads the next frame', async () => {
    client = RawClient.start();
    client.send(`Content-Length: abc\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`);
    client.send(initialize(2));
    const error = await client.anonymousError(-32700, 0);
    assert.match(error.error!.message, /Content-Length/);
    const init = await client.answerTo(2);
    assert.ok(init.result, 'not wedged: the next frame is read');
    assert.equal(
      client.answers.find((a) => a.id === 1),
      undefined,
      'the bad frame’s body was not read as a message',
    );
  });

  it('answers a header without Content-Length with −32700 and reads on', async () => {
    client = RawClient.start();
    client.send(initialize(1));
    await client.answerTo(1);
    const before = client.answers.length;
    client.send(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc":"2.0","id":2,"method":"shutdown"}`);
    client.send(message({ id: 3, method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'file:///none' } } }));
    await client.anonymousError(-32700, before);
    const symbols = await client.answerTo(3);
    assert.equal(symbols.result, null);
  });

  it('refuses an oversize frame with −32600 at once, without waiting for its body', async () => {
    client = RawClient.start();
    client.send(initialize(1));
    await client.answerTo(1);
    const before = client.answers.length;
    client.send(`Content-Length: 99999999999\r\n\r\n{"jsonrpc":"2.0",`);
    client.send(message({ id: 2, method: 'textDocument/foldingRange', params: { textDocument: { uri: 'file:///none' } } }));
    const error = await client.anonymousError(-32600, before);
    assert.match(error.error!.message, /99999999999/);
    assert.equal((await client.answerTo(2)).result, null);
  });

  it('answers a body that is not JSON with −32700, and messages that are not JSON-RPC with −32600', async () => {
    client = RawClient.start();
    client.send(initialize(1));
    await client.answerTo(1);
    const before = client.answers.length;
    client.send(frame('{"jsonrpc":"2.0","id":2,"method":'));
    await client.anonymousError(-32700, before);
    client.send(frame('{"jsonrpc":"2.0","id":3,"method":7}'));
    client.send(frame('{"id":4,"method":"textDocument/hover"}'));
    client.send(frame('[1,2,3]'));
    client.send(frame('{"jsonrpc":"2.0","id":5,"method":"textDocument/hover","params":"x"}'));
    client.send(frame('"just a string"'));
    for (const id of [3, 4, 5]) assert.equal((await client.answerTo(id)).error?.code, -32600, `request ${id}`);
    const anonymous = await client.next(
      (a) =>
        a.id === null && a.error?.code === -32600 && client.answers.filter((x) => x.id === null && x.error?.code === -32600).length >= 2,
      'two −32600 errors with id null (the batch and the string)',
    );
    assert.ok(anonymous);
    client.send(message({ id: 6, method: 'textDocument/documentSymbol', params: { textDocument: { uri: 'file:///none' } } }));
    assert.equal((await client.answerTo(6)).result, null, 'still serving');
  });

  it('answers requests after shutdown with −32600, then exits with 0 on exit', async () => {
    client = RawClient.start();
    client.send(initialize(1));
    await client.answerTo(1);
    client.send(message({ method: 'initialized', params: {} }));
    client.send(message({ id: 2, method: 'shutdown' }));
    assert.equal((await client.answerTo(2)).result, null);
    client.send(
      message({ id: 3, method: 'textDocument/hover', params: { textDocument: { uri: 'file:///x' }, position: { line: 0, character: 0 } } }),
    );
    assert.equal((await client.answerTo(3)).error?.code, -32600);
    client.send(message({ method: 'exit' }));
    assert.equal(await client.exited, 0);
  });

  it('exits with 1 when its input closes without shutdown, so the client can start another', async () => {
    client = RawClient.start();
    client.send(initialize(1));
    await client.answerTo(1);
    client.child.stdin!.end();
    assert.equal(await client.exited, 1);
  });
});
