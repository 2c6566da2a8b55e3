/**
 * Diagnostics handed out again and frames written from kept bytes (features/diagnostics.ts
 * DiagnosticMemo, service/frames.ts FrameEncoder) change nothing a client can see: after every edit
 * of every real report, the memo's diagnostics are what toLspDiagnostic makes, and each frame is
 * byte for byte the header and JSON.stringify of the message. An unchanged diagnostic is the same
 * frozen object as the call before (nearly always: see the memo), which is what lets the encoder keep
 * its bytes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { Diagnostic, Message } from 'vscode-languageserver/node';
import { analyzeText, type Analysis } from '../../server/src/features/analysis';
import { DiagnosticMemo, documentDiagnostics } from '../../server/src/features/diagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { createAnalysisCache, mostSevere } from '../../server/src/report/index';
import { FrameEncoder } from '../../server/src/service/frames';
import { ROOT, reportFiles } from './helpers';

const plainFrame = (msg: unknown) => {
  const json = JSON.stringify(msg);
  return Buffer.from(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
};

/** A seeded generator (mulberry32), so that a failure can be run again. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One edit: a digit changed or removed, a character typed, or a line dropped. */
function edit(text: string, next: () => number): string {
  const digits = [...text.matchAll(/\d/g)];
  const r = next();
  if (r < 0.5 && digits.length) {
    const at = digits[Math.floor(next() * digits.length)].index!;
    return text.slice(0, at) + ['0', '7', '', '12'][Math.floor(next() * 4)] + text.slice(at + 1);
  }
  if (r < 0.8) {
    const at = Math.floor(next() * (text.length + 1));
    return text.slice(0, at) + ['件', '|', '\n', ' ', '。'][Math.floor(next() * 5)] + text.slice(at);
  }
  const lines = text.split('\n');
  lines.splice(Math.floor(next() * lines.length), 1);
  return lines.join('\n');
}

function analysisOf(uri: string, version: number, text: string, cache: ReturnType<typeof createAnalysisCache>): Analysis {
  return { uri, version, text, settings: DEFAULT_SETTINGS, ...analyzeText(text, DEFAULT_SETTINGS, cache) };
}

function frozenThrough(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(frozenThrough);
}

describe('diagnostics handed out again, frames from kept bytes', () => {
  const encoder = new FrameEncoder();
  const files = reportFiles();

  it('the memo gives what toLspDiagnostic gives, frozen, and the same object for an unchanged diagnostic', () => {
    let reused = 0;
    let unchanged = 0;
    for (const [n, path] of files.entries()) {
      const uri = `file:///r/${n}.txt`;
      const next = random(n + 1);
      const memo = new DiagnosticMemo();
      const cache = createAnalysisCache();
      let text = readFileSync(path, 'utf8');
      let previous: Diagnostic[] = [];
      let previousShown: string[] = [];
      for (let version = 1; version <= 12; version++) {
        const analysis = analysisOf(uri, version, text, cache);
        const items = documentDiagnostics(analysis, memo);
        const where = `${path.slice(ROOT.length + 1)} v${version}`;
        assert.equal(JSON.stringify(items), JSON.stringify(documentDiagnostics(analysis)), where);
        assert.ok(items.every(frozenThrough), where);
        // Each diagnostic the engine gave the time before too (the same data) is the object handed out then.
        const shown = mostSevere(analysis.diagnostics, analysis.settings.maxProblems).map((d) => JSON.stringify(d));
        const before = new Map(previous.map((d, i) => [previousShown[i], d]));
        items.forEach((d, i) => {
          const same = before.get(shown[i]);
          if (!same) return;
          unchanged++;
          if (d === same) reused++;
        });
        previousShown = shown;
        for (const msg of [
          { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics: items } },
          { jsonrpc: '2.0', id: version, result: { kind: 'full', resultId: `1:${version}`, items } },
        ])
          assert.deepEqual(encoder.encode(msg as Message), plainFrame(msg), where);
        previous = items;
        text = edit(text, next);
      }
    }
    // (The memo looks a few places ahead of where it stands: a diagnostic moved far in the list is made anew.)
    assert.ok(unchanged > 1000 && reused >= 0.95 * unchanged, `${reused} of ${unchanged} unchanged diagnostics handed out again`);
  });

  it('writes items that are not frozen from their current content, and any other message as JSON.stringify does', () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } },
      message: `「自然人」没有填写 ${i}`,
    }));
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: items } };
    assert.deepEqual(encoder.encode(msg as Message), plainFrame(msg));
    items[3].message = '改过的消息';
    items[4].range.start.character = 7;
    assert.deepEqual(encoder.encode(msg as Message), plainFrame(msg));
    // A frozen item whose inside is not frozen is not kept either.
    const shallow = items.map((d) => Object.freeze({ ...d }));
    const msg2 = { ...msg, params: { ...msg.params, diagnostics: shallow } };
    assert.deepEqual(encoder.encode(msg2 as Message), plainFrame(msg2));
    shallow[5].range.end.line = 99;
    assert.deepEqual(encoder.encode(msg2 as Message), plainFrame(msg2));
    for (const other of [
      { jsonrpc: '2.0', id: 1, result: null },
      { jsonrpc: '2.0', id: 2, result: { kind: 'unchanged', resultId: 'x' } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [] } },
      // The placeholder's own text in the URI: written as it is.
      {
        jsonrpc: '2.0',
        method: 'textDocument/publishDiagnostics',
        params: { uri: 'file:///\u0000xxgk:items\u0000', diagnostics: shallow },
      },
      { jsonrpc: '2.0', id: 3, error: { code: -32600, message: '无效请求' } },
    ])
      assert.deepEqual(encoder.encode(other as Message), plainFrame(other));
  });
});
