/**
 * The server stays responsive: a document over xxgk.maxFileSizeMB is checked in a worker thread
 * (on open and on save, not on every edit) while hovers and completion on other documents are
 * answered at once; a newer version supersedes an older analysis; the user is told once.
 * Bounds are generous (CI machines are slow); the benchmark reports the real figures.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, Hover, ShowMessageParams } from 'vscode-languageserver-protocol';
import { LspClient, fixture, sample } from './lspClient';

/** A document of about `mb` MB of UTF-8: a real report again and again. */
export function bigReport(mb: number): string {
  const unit = sample('001_06d18ea68e74cc84.txt').text;
  const copies = Math.ceil((mb * 1024 * 1024) / Buffer.byteLength(unit));
  return Array.from({ length: copies }, () => unit).join('\n');
}

/** Milliseconds a request takes to be answered. */
async function timed<R>(request: Promise<R>): Promise<{ ms: number; result: R; at: number }> {
  const started = performance.now();
  const result = await request;
  const at = performance.now();
  return { ms: at - started, result, at };
}

describe('responsiveness with a 50 MB document', () => {
  let client: LspClient;
  const messages: ShowMessageParams[] = [];
  before(async () => {
    client = await LspClient.start();
    client.connection.onNotification('window/showMessage', (p: ShowMessageParams) => {
      messages.push(p);
    });
  });
  after(() => client.stop());

  it('answers hover and completion on another document while the big one is checked', async () => {
    const small = fixture('consistent-2021.xxgk');
    await client.open(small.uri, small.text);
    const lines = small.text.split('\n');
    const line = lines.findIndex((l) => l.includes('（七）总计'));
    const total = { line, character: lines[line].lastIndexOf('13') };
    const empty = { line: lines.findIndex((l) => l.includes('（三）不予公开')) + 1, character: 0 };

    const bigUri = 'file:///responsive/big-report.txt';
    const text = bigReport(50);
    const bigPublished = client.nextDiagnostics(bigUri, 1);
    const opened = performance.now();
    await client.openOnly(bigUri, text);
    const hover = await timed(client.request<Hover | null>('textDocument/hover', { textDocument: { uri: small.uri }, position: total }));
    const completion = await timed(
      client.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
        textDocument: { uri: small.uri },
        position: empty,
      }),
    );
    const big = await timed(bigPublished);

    assert.ok(hover.result, 'a hover on the total');
    assert.ok(completion.result, 'completion items');
    assert.ok(hover.ms < 3000, `hover answered in ${hover.ms.toFixed(0)} ms`);
    assert.ok(completion.ms < 3000, `completion answered in ${completion.ms.toFixed(0)} ms`);
    // The answers came while the big document was still being checked, not after.
    assert.ok(completion.at < big.at, `answered before the big document's diagnostics (${(big.at - opened).toFixed(0)} ms after opening)`);
    assert.ok(big.result.diagnostics.length > 0, 'the big document was checked');
    assert.ok(big.result.diagnostics.length <= 500, 'within xxgk.maxProblems');
    assert.equal(messages.length, 1, 'one information message about the size');
    assert.equal(messages[0].type, 3);
    assert.match(messages[0].message, /xxgk\.maxFileSizeMB/);
    await client.close(bigUri);
  });
});

describe('large documents: checked on save, newer versions supersede older ones', () => {
  let client: LspClient;
  const messages: ShowMessageParams[] = [];
  before(async () => {
    client = await LspClient.start({ settings: { maxFileSizeMB: 1 } });
    client.connection.onNotification('window/showMessage', (p: ShowMessageParams) => {
      messages.push(p);
    });
  });
  after(() => client.stop());

  it('is checked on open and on save, not on each edit, and only the newest saved version is published', async () => {
    const uri = 'file:///responsive/two-mb.txt';
    const text = bigReport(2);
    const first = await client.open(uri, text);
    assert.ok(first.length > 0);
    // An edit: not checked (no diagnostics for version 2), the earlier ones stay.
    const v2 = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    // Saved again at once with a newer version: the analysis of version 2 is superseded.
    const v3 = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: '' }]);
    const published = client.nextDiagnostics(uri, v3);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    const last = await published;
    assert.deepEqual(
      last.diagnostics.map((d) => d.message),
      first.map((d) => d.message),
      'the same text again, the same problems',
    );
    assert.ok(!client.published.some((p) => p.uri === uri && p.version === v2), 'no diagnostics published for the superseded version');
    assert.equal(messages.length, 1, 'told once, not on every save');
  });

  it('a small document next to it is checked on every edit as usual', async () => {
    const small = fixture('broken-total-2021.xxgk');
    const ds = await client.open(small.uri, small.text);
    assert.ok(ds.some((d) => d.code === 'sum-row' || d.code === 'sum-results' || d.code === 'sum-balance'));
    const v = await client.change(small.uri, [{ text: fixture('consistent-2021.xxgk').text }]);
    const again = await client.nextDiagnostics(small.uri, v);
    assert.deepEqual(
      again.diagnostics.filter((d) => String(d.code).startsWith('sum-')),
      [],
    );
    assert.equal(messages.length, 1);
  });
});

describe('requests a misbehaving client may send', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.stop());

  it('positions outside the document, unknown documents and foreign diagnostic data are answered, not fatal', async () => {
    const doc = fixture('broken-total-2021.xxgk');
    await client.open(doc.uri, doc.text);
    const uris = [doc.uri, 'file:///never/opened.xxgk'];
    const positions = [
      { line: 1_000_000, character: 5 },
      { line: -1, character: -1 },
      { line: 3, character: 1e9 },
      { line: 0.5, character: Number.MAX_SAFE_INTEGER },
    ];
    const range = (a: { line: number; character: number }, b: { line: number; character: number }) => ({ start: a, end: b });
    const bogus = [
      {
        range: range(positions[0], positions[1]),
        message: 'x',
        source: 'xxgk',
        code: 'sum-row',
        data: { row: 'nope', col: 'nope', expected: '12' },
      },
      {
        range: range(positions[2], positions[3]),
        message: 'x',
        source: 'xxgk',
        code: 'section-missing',
        data: { insertAt: { line: 1e9, character: 0 }, text: 'x', section: 9 },
      },
      { range: range(positions[1], positions[0]), message: 'x', source: 'xxgk', code: 'label-variant', data: null },
      { range: range(positions[0], positions[0]), message: 'x', source: 'xxgk', code: 'cell-blank' },
    ];
    for (const uri of uris) {
      for (const position of positions) {
        const textDocument = { uri };
        const settled = await Promise.allSettled([
          client.request('textDocument/hover', { textDocument, position }),
          client.request('textDocument/completion', { textDocument, position }),
          client.request('textDocument/codeAction', { textDocument, range: range(position, position), context: { diagnostics: bogus } }),
          client.request('textDocument/inlayHint', { textDocument, range: range(positions[1], position) }),
          client.request('textDocument/documentSymbol', { textDocument }),
          client.request('textDocument/foldingRange', { textDocument }),
          client.request('textDocument/formatting', { textDocument, options: { tabSize: 2, insertSpaces: true } }),
        ]);
        // An error answer is acceptable; a dead server or a closed connection is not.
        for (const [i, r] of settled.entries()) {
          if (r.status === 'fulfilled') {
            assert.ok(
              r.value === null || typeof r.value === 'object',
              `request ${i}: an answer (${JSON.stringify(r.value)?.slice(0, 80)})`,
            );
          } else {
            const code = (r.reason as { code?: unknown }).code;
            // Codes a server sends (not vscode-jsonrpc's own for a connection that is gone, −32099…−32096).
            const answered = [-32700, -32600, -32601, -32602, -32603, -32002, -32800, -32801, -32802, -32803];
            assert.ok(answered.includes(code as number), `request ${i}: a JSON-RPC error answer, not ${r.reason}`);
          }
        }
        assert.equal(client.process.exitCode, null, 'the server is still running');
      }
    }
    // Out-of-range edits are clamped by the document, and the server still checks it.
    const v = await client.change(doc.uri, [
      { range: range({ line: 5000, character: 0 }, { line: 9000, character: 3 }), text: '\n\u0000\ud800' },
    ]);
    const published = await client.nextDiagnostics(doc.uri, v);
    assert.ok(published.diagnostics.length > 0);
    const h = await client.request('textDocument/hover', { textDocument: { uri: doc.uri }, position: { line: 0, character: 0 } });
    assert.ok(h === null || typeof h === 'object', 'still answering');
  });
});

describe('large documents with pulled diagnostics', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ pull: true, settings: { maxFileSizeMB: 1 } })));
  after(() => client.stop());

  it('answers the pull at once, then asks the client to pull again when the background check is done', async () => {
    const uri = 'file:///responsive/pulled-two-mb.txt';
    const refreshed = new Promise<void>((resolve) => client.connection.onRequest('workspace/diagnostic/refresh', () => (resolve(), null)));
    await client.openOnly(uri, bigReport(2));
    const first = await timed(client.request<{ kind: string; items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } }));
    assert.ok(first.ms < 3000, `first pull answered in ${first.ms.toFixed(0)} ms`);
    await refreshed;
    const second = await client.request<{ kind: string; items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(second.kind, 'full');
    assert.ok(second.items.length > 0, 'the background analysis is pulled');
  });
});
