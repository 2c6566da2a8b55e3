/**
 * The analysis is keyed by a document's content, not its version number alone: a client that
 * repeats a version number with new text (a buggy client, a reload) gets the new text's diagnostics.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspClient, fixture } from './lspClient';

const consistent = fixture('consistent-2021.xxgk');
const broken = fixture('broken-total-2021.xxgk');
const codes = (ds: { code?: unknown }[]) => ds.map((d) => String(d.code)).sort();

describe('a didChange that repeats a version number', () => {
  it('publishes the new text’s diagnostics (pushed)', async () => {
    const client = await LspClient.start();
    try {
      const uri = 'file:///versions/pushed.xxgk';
      assert.deepEqual(await client.open(uri, consistent.text), []);
      const next = client.nextDiagnostics(uri);
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 1 },
        contentChanges: [{ text: broken.text }],
      });
      const published = await next;
      assert.deepEqual(codes(published.diagnostics), ['cell-suspect', 'sum-results', 'sum-row']);
      // And back: the same version number with the first text clears them again.
      const cleared = client.nextDiagnostics(uri);
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 1 },
        contentChanges: [{ text: consistent.text }],
      });
      assert.deepEqual((await cleared).diagnostics, []);
    } finally {
      await client.stop();
    }
  });

  it('answers a pull with the new text’s diagnostics, not “unchanged”', async () => {
    const client = await LspClient.start({ pull: true });
    try {
      const uri = 'file:///versions/pulled.xxgk';
      await client.openOnly(uri, consistent.text);
      const first = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
      assert.equal(first.kind, 'full');
      assert.deepEqual(first.kind === 'full' ? first.items : null, []);
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 1 },
        contentChanges: [{ text: broken.text }],
      });
      const second = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
        textDocument: { uri },
        previousResultId: first.resultId,
      });
      assert.equal(second.kind, 'full');
      assert.deepEqual(codes(second.kind === 'full' ? second.items : []), ['cell-suspect', 'sum-results', 'sum-row']);
      assert.notEqual(second.resultId, first.resultId);
    } finally {
      await client.stop();
    }
  });
});
