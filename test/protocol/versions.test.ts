/**
 * The analysis is keyed by a document's content, not its version number alone: a client that
 * repeats a version number with new text (a buggy client, a reload) gets the new text's diagnostics.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, DocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/report/ranges';
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

describe('bulk code actions with codeAction/resolve', () => {
  it('lists fix-all without its edit and computes it, from the current text, when resolved', async () => {
    const lazy = await LspClient.start({ resolve: true });
    const eager = await LspClient.start();
    try {
      const many = fixture('many-broken-totals-2021.xxgk');
      const request = async (client: LspClient) => {
        const diagnostics = await client.open(many.uri, many.text);
        return client.request<CodeAction[]>('textDocument/codeAction', {
          textDocument: { uri: many.uri },
          range: diagnostics[0].range,
          context: { diagnostics },
        });
      };
      const listed = await request(lazy);
      const bulk = listed.filter((a) => a.title === '修正本文件所有可修正的问题' || a.kind === 'source.fixAll.xxgk');
      assert.equal(bulk.length, 2);
      assert.ok(
        bulk.every((a) => a.edit === undefined && a.data !== undefined),
        'listed without edits',
      );
      const resolved = await Promise.all(bulk.map((a) => lazy.request<CodeAction>('codeAction/resolve', a)));
      const expected = (await request(eager)).filter((a) => bulk.some((b) => b.title === a.title));
      assert.deepEqual(
        resolved.map((a) => a.edit),
        expected.map((a) => a.edit),
      );
      // Table 三 repaired to the consistent report; table 四's broken 行政复议 total is one equation with
      // five equally small repairs (repair-ambiguous), so fix-all leaves that row as it is.
      const review = (t: string) => t.split('\n').find((l) => l.startsWith('| 行政复议'))!;
      assert.equal(
        applyEdits(many.text, resolved[1].edit!.changes![many.uri]),
        consistent.text.replace(review(consistent.text), review(many.text)),
      );
    } finally {
      await lazy.stop();
      await eager.stop();
    }
  });
});
