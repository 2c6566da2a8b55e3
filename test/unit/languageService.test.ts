/** The language service facade: one analysis per document content, every feature from it, cancellation. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/src/features/analysis';
import { DEFAULT_SETTINGS, type XxgkSettings } from '../../server/src/features/settings';
import { CancelledError, createLanguageService } from '../../server/src/service/languageService';

const FIXTURES = join(__dirname, '../fixtures/server');
const consistent = readFileSync(join(FIXTURES, 'consistent-2021.xxgk'), 'utf8');
const broken = readFileSync(join(FIXTURES, 'broken-total-2021.xxgk'), 'utf8');
const none = { isCancellationRequested: false };
const codes = (ds: { code?: unknown }[]) => ds.map((d) => String(d.code)).sort();

describe('language service', () => {
  it('answers every feature from one analysis per document content', async () => {
    const service = createLanguageService({ settings: () => DEFAULT_SETTINGS });
    const doc = TextDocument.create('file:///a.xxgk', 'xxgk', 1, broken);
    const position = { line: 0, character: 0 };
    const range = { start: position, end: { line: 1000, character: 0 } };
    const diagnostics = await service.diagnostics(doc, none);
    assert.deepEqual(codes(diagnostics!.items), ['cell-suspect', 'sum-results', 'sum-row']);
    await service.hover(doc, position, none);
    await service.completion(doc, position, none);
    const actions = await service.codeActions(doc, range, { diagnostics: diagnostics!.items }, none);
    assert.ok(actions!.length > 0);
    assert.ok((await service.symbols(doc, none))!.length === 6);
    assert.ok((await service.folding(doc, none))!.length > 0);
    assert.ok(Array.isArray(await service.formatting(doc, none)));
    assert.ok(Array.isArray(await service.inlayHints(doc, range, none)));
    assert.equal(service.runs, 1, 'one parse for all of them');
    // A new version with the same text: still the same analysis.
    const same = TextDocument.create(doc.uri, 'xxgk', 2, broken);
    const again = await service.diagnostics(same, none);
    assert.equal(service.runs, 1);
    assert.equal(again!.version, 2);
    assert.equal(again!.resultId, diagnostics!.resultId, 'same content, same result id');
  });

  it('keys the analysis by content: a repeated version number with new text is analysed again', async () => {
    const service = createLanguageService({ settings: () => DEFAULT_SETTINGS });
    const first = await service.diagnostics(TextDocument.create('file:///b.xxgk', 'xxgk', 7, consistent), none);
    assert.deepEqual(first!.items, []);
    const second = await service.diagnostics(TextDocument.create('file:///b.xxgk', 'xxgk', 7, broken), none);
    assert.deepEqual(codes(second!.items), ['cell-suspect', 'sum-results', 'sum-row']);
    assert.notEqual(second!.resultId, first!.resultId);
    assert.equal(service.runs, 2);
  });

  it('analyses again when a setting the analysis depends on changes', async () => {
    let settings: XxgkSettings = DEFAULT_SETTINGS;
    const service = createLanguageService({ settings: () => settings });
    const doc = TextDocument.create('file:///c.xxgk', 'xxgk', 1, broken);
    const zh = await service.diagnostics(doc, none);
    settings = { ...DEFAULT_SETTINGS, locale: 'en' };
    const en = await service.diagnostics(doc, none);
    assert.notEqual(zh!.items[0].message, en!.items[0].message);
    assert.equal(service.runs, 2);
  });

  it('rejects with CancelledError when the token is cancelled, and analyses nothing', async () => {
    const service = createLanguageService({ settings: async () => DEFAULT_SETTINGS });
    const doc = TextDocument.create('file:///d.xxgk', 'xxgk', 1, broken);
    await assert.rejects(service.hover(doc, { line: 0, character: 0 }, { isCancellationRequested: true }), CancelledError);
    assert.equal(service.runs, 0);
  });

  it('does not analyse a document the scheduler keeps off the main thread, but uses an analysis handed in', async () => {
    const service = createLanguageService({ settings: () => DEFAULT_SETTINGS, analyzeInline: () => false });
    const doc = TextDocument.create('file:///e.xxgk', 'xxgk', 3, broken);
    assert.equal(await service.diagnostics(doc, none), null);
    assert.equal(service.runs, 0);
    service.adopt({ uri: doc.uri, version: 3, text: broken, settings: DEFAULT_SETTINGS, ...analyzeText(broken, DEFAULT_SETTINGS) });
    assert.deepEqual(codes((await service.diagnostics(doc, none))!.items), ['cell-suspect', 'sum-results', 'sum-row']);
    // Of another text it is not the analysis.
    assert.equal(await service.diagnostics(TextDocument.create(doc.uri, 'xxgk', 4, consistent), none), null);
    assert.equal(service.latest(doc.uri)?.text, broken);
  });
});
