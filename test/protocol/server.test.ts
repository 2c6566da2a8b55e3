/**
 * Protocol tests: the bundled server (`npm run build` first) spoken to over stdio as an editor
 * would. Fixtures are in test/fixtures/server; consistent-2021.xxgk is the engine writer's layout
 * with made-up numbers that add up, the other fixtures break it in one named way each.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentDiagnosticReport,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InlayHint,
  TextEdit,
} from 'vscode-languageserver-protocol';
import { applyEdits } from '../../server/src/report/ranges';
import { LspClient, fixture, sample } from './lspClient';

const consistent = fixture('consistent-2021.xxgk');
const broken = fixture('broken-total-2021.xxgk');
const manyBroken = fixture('many-broken-totals-2021.xxgk');
const missingRows = fixture('missing-rows-2021.xxgk');

/** Line and character range of `needle` on the first line containing `lineMark`. */
function rangeOf(text: string, lineMark: string, needle: string, fromEnd = true) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes(lineMark));
  assert.ok(line >= 0, `no line with ${lineMark}`);
  const character = fromEnd ? lines[line].lastIndexOf(needle) : lines[line].indexOf(needle);
  return { start: { line, character }, end: { line, character: character + needle.length } };
}

const fullChange = (text: string) => [{ text }];
const sums = (ds: Diagnostic[]) => ds.filter((d) => String(d.code).startsWith('sum-'));
const editsOf = (action: CodeAction, uri: string): TextEdit[] => action.edit?.changes?.[uri] ?? [];

describe('capabilities', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ pull: true })));
  after(() => client.stop());

  it('answers every request it advertises (no MethodNotFound)', async () => {
    const caps = client.initializeResult.capabilities as Record<string, unknown>;
    const doc = { textDocument: { uri: consistent.uri } };
    const position = { line: 0, character: 0 };
    const range = { start: position, end: { line: 5, character: 0 } };
    const requests: Record<string, [string, unknown] | null> = {
      textDocumentSync: null, // notifications: exercised by every test that waits for diagnostics
      completionProvider: ['textDocument/completion', { ...doc, position }],
      hoverProvider: ['textDocument/hover', { ...doc, position }],
      codeActionProvider: ['textDocument/codeAction', { ...doc, range, context: { diagnostics: [] } }],
      documentSymbolProvider: ['textDocument/documentSymbol', doc],
      foldingRangeProvider: ['textDocument/foldingRange', doc],
      documentFormattingProvider: ['textDocument/formatting', { ...doc, options: { tabSize: 2, insertSpaces: true } }],
      inlayHintProvider: ['textDocument/inlayHint', { ...doc, range }],
      diagnosticProvider: ['textDocument/diagnostic', doc],
      workspace: null, // workspace folders: exercised by test/protocol/workspace.test.ts
    };
    await client.openOnly(consistent.uri, consistent.text);
    for (const key of Object.keys(caps)) {
      assert.ok(key in requests, `capability ${key} has no test request`);
      const request = requests[key];
      if (!request) continue;
      await assert.doesNotReject(client.request(request[0], request[1]), `${key} → ${request[0]}`);
    }
  });
});

describe('diagnostics (pushed)', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.stop());

  it('reports a broken row total at the exact cell with its rule code and related cells', async () => {
    const diagnostics = await client.open(broken.uri, broken.text);
    const rowSum = diagnostics.find((d) => d.code === 'sum-row');
    assert.ok(rowSum, JSON.stringify(diagnostics));
    assert.equal(rowSum.source, 'xxgk');
    assert.deepEqual(rowSum.range, rangeOf(broken.text, '（一）予以公开', '6'));
    assert.deepEqual(rowSum.range, { start: { line: 26, character: 142 }, end: { line: 26, character: 143 } });
    assert.deepEqual([(rowSum.data as any).expected, (rowSum.data as any).actual], ['5', '6']);
    // the addends in one short related entry (their values in a line), not one entry each
    assert.ok(rowSum.relatedInformation && rowSum.relatedInformation.length === 1);
    assert.match(rowSum.relatedInformation[0].message, /^\D*4 \+ 1 \+ 0 \+ 0 \+ 0 \+ 0$/);
    assert.ok(rowSum.relatedInformation.every((r) => r.location.uri === broken.uri));
    // The same cell is an addend of the （七）总计 column total, which fails too.
    assert.deepEqual(
      sums(diagnostics)
        .map((d) => d.code)
        .sort(),
      ['sum-results', 'sum-row'],
    );
  });

  it('reports nothing on a consistent report', async () => {
    assert.deepEqual(await client.open(consistent.uri, consistent.text), []);
  });

  it('publishes for every sample, with the rule code and source on every diagnostic', async () => {
    for (const name of [
      '000_716a350312c1a089.txt',
      '001_06d18ea68e74cc84.txt',
      '002_6fc8599f0ec6fb91.txt',
      '003_fbd623e0f7a449c7.txt',
      '004_7e630d27dccc3614.txt',
      'synthetic-2021-pdf-layout.txt',
    ]) {
      const { uri, text } = sample(name);
      const diagnostics = await client.open(uri, text, 'plaintext');
      assert.ok(
        diagnostics.every((d) => d.source === 'xxgk' && typeof d.code === 'string'),
        name,
      );
      if (name.startsWith('synthetic')) assert.deepEqual(sums(diagnostics), [], 'the synthetic report adds up');
    }
  });

  it('publishes the latest version only, after incremental edits', async () => {
    const uri = consistent.uri.replace('.xxgk', '-edits.xxgk');
    await client.open(uri, consistent.text);
    const cell = rangeOf(consistent.text, '（一）予以公开', '5');
    await client.change(uri, [{ range: cell, text: '7' }]);
    const last = await client.change(uri, [
      { range: { start: cell.start, end: { line: cell.start.line, character: cell.start.character + 1 } }, text: '6' },
    ]);
    const published = await client.nextDiagnostics(uri, last);
    assert.equal(published.version, 3);
    assert.deepEqual(
      sums(published.diagnostics)
        .map((d) => d.code)
        .sort(),
      ['sum-results', 'sum-row'],
    );
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'versions never go back',
    );
  });

  it('clears diagnostics when a document closes', async () => {
    const uri = broken.uri.replace('.xxgk', '-closing.xxgk');
    await client.open(uri, broken.text);
    const cleared = client.nextDiagnostics(uri);
    await client.close(uri);
    assert.deepEqual((await cleared).diagnostics, []);
  });
});

describe('settings', () => {
  it('turns a rule off, changes its severity, speaks English, caps the count', async () => {
    const client = await LspClient.start({
      settings: { severity: { 'sum-row': 'off', 'sum-results': 'hint', 'cell-suspect': 'off', 'repair-ambiguous': 'off' }, locale: 'en' },
    });
    try {
      const diagnostics = await client.open(broken.uri, broken.text);
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['sum-results'],
      );
      assert.equal(diagnostics[0].severity, 4);
      assert.match(String(diagnostics[0].message), /\b[A-Za-z]{4,} [A-Za-z]{2,}/, 'English');
      client.settings = { maxProblems: 1 };
      const republished = client.nextDiagnostics(broken.uri);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      const capped = (await republished).diagnostics;
      assert.equal(capped.length, 1);
      assert.match(String(capped[0].message), /^[^A-Za-z]*$/, 'Chinese by default');
    } finally {
      await client.stop();
    }
  });
});

describe('diagnostics (pulled)', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ pull: true })));
  after(() => client.stop());

  it('answers textDocument/diagnostic and reports an unchanged result for the same version', async () => {
    assert.ok(client.initializeResult.capabilities.diagnosticProvider);
    await client.openOnly(broken.uri, broken.text);
    const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: broken.uri } });
    assert.equal(report.kind, 'full');
    const items = report.kind === 'full' ? report.items : [];
    assert.deepEqual(
      sums(items)
        .map((d) => d.code)
        .sort(),
      ['sum-results', 'sum-row'],
    );
    const again = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri: broken.uri },
      previousResultId: report.resultId,
    });
    assert.equal(again.kind, 'unchanged');
    assert.equal(client.published.length, 0, 'a pull client gets nothing pushed');
  });
});

describe('features', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ settings: { inlayHints: { enabled: true } } });
    await client.open(broken.uri, broken.text);
  });
  after(() => client.stop());

  it('hovers a total with its addends, the sum, the stated value and the difference', async () => {
    const cell = rangeOf(broken.text, '（一）予以公开', '6');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: broken.uri }, position: cell.start });
    const value = (hover.contents as { value: string }).value;
    assert.deepEqual(hover.range, cell);
    // compact: the equation with each addend once, then stated and difference
    assert.ok(value.includes('计算值：**5** = 自然人 4 + 商业企业 1 + 科研机构 0'), value);
    assert.ok(value.includes('填报值：**6** · 差额：+1'), value);
    assert.ok(value.includes('✗ 不成立'), value);
    // The same cell is an addend of the column total, not a total there: one rule only, after why
    // the cell is suspected (the repair names it).
    const parts = value.split('\n\n---\n\n');
    assert.equal(parts.length, 2);
    assert.match(parts[0], /「（一）予以公开·总计」很可能填错：填写 6，应为 5/);
  });

  it('hovers （七）总计·总计 with both rules it is the total of', async () => {
    const cell = rangeOf(broken.text, '（七）总计', '13');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: broken.uri }, position: cell.start });
    const value = (hover.contents as { value: string }).value;
    assert.ok(value.includes('(`sum-row`)') && value.includes('(`sum-results`)'), value);
    assert.equal(value.split('\n\n---\n\n').length, 2);
    assert.ok(value.includes('计算值：**14** = ') && value.includes('填报值：**13** · 差额：-1'), value);
    assert.ok(value.includes('计算值：**13** = ') && value.includes('填报值：**13** · 差额：0'), value);
    assert.ok(value.includes('✓ 成立') && value.includes('✗ 不成立'), value);
  });

  it('hovers a row label with the official wording and the glossary, a heading with the section contents', async () => {
    const label = rangeOf(broken.text, '6.属于四类过程性信息', '6.属于四类过程性信息', false);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: broken.uri }, position: label.start });
    const value = (hover.contents as { value: string }).value;
    assert.ok(value.startsWith('**6.属于四类过程性信息**'), value);
    assert.ok(value.includes('讨论记录、过程稿、磋商信函、请示报告'), value);
    const heading = rangeOf(broken.text, '五、存在的主要问题及改进情况', '五');
    const sectionHover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: broken.uri }, position: heading.start });
    assert.ok((sectionHover.contents as { value: string }).value.includes('不得为空'));
  });

  it('offers a preferred quick fix that sets the total to the sum, changing nothing else', async () => {
    const published = client.published.filter((p) => p.uri === broken.uri).at(-1)!;
    const rowSum = published.diagnostics.find((d) => d.code === 'sum-row')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: broken.uri },
      range: rowSum.range,
      context: { diagnostics: [rowSum], only: ['quickfix'] },
    });
    // The fix of this diagnostic, and the bulk fix-all offered on every fixable diagnostic.
    assert.deepEqual(
      actions.map((a) => a.title),
      ['将合计改为计算值 5', '修正本文件所有可修正的问题'],
    );
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions[1].isPreferred, undefined);
    const fixed = applyEdits(broken.text, editsOf(actions[0], broken.uri));
    assert.equal(fixed, consistent.text, 'only the total changed, the column still aligned');
    const uri = broken.uri.replace('.xxgk', '-fixed.xxgk');
    assert.deepEqual(await client.open(uri, fixed), []);
  });

  it('inserts a missing section and a missing row from the diagnostics’ data', async () => {
    const diagnostics = await client.open(missingRows.uri, missingRows.text);
    const wanted = diagnostics.filter((d) => d.code === 'section-missing' || d.code === 'row-missing');
    assert.deepEqual(wanted.map((d) => d.code).sort(), ['row-missing', 'section-missing']);
    let text = missingRows.text;
    const edits: TextEdit[] = [];
    for (const d of wanted) {
      const [action] = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: missingRows.uri },
        range: d.range,
        context: { diagnostics: [d], only: ['quickfix'] },
      });
      assert.ok(action?.title.startsWith(d.code === 'row-missing' ? '插入缺少的行' : '插入缺少的一节'), d.code as string);
      // The row written with zeros makes the sums it takes part in checkable, and they do not add up
      // here (two errors more): a fix that raises the error count is offered, not preferred.
      assert.equal(action.isPreferred, d.code === 'row-missing' ? undefined : true, d.code as string);
      edits.push(...editsOf(action, missingRows.uri));
    }
    text = applyEdits(text, edits);
    const after = await client.open(missingRows.uri.replace('.xxgk', '-fixed.xxgk'), text);
    assert.deepEqual(
      after.filter((d) => d.code === 'section-missing' || d.code === 'row-missing'),
      [],
    );
  });

  it('completes （三）不予公开 items, the missing one first, and matches pinyin initials', async () => {
    const lines = missingRows.text.split('\n');
    const after5 = lines.findIndex((l) => l.includes('5.属于三类内部事务信息')) + 1;
    const uri = missingRows.uri.replace('.xxgk', '-completion.xxgk');
    await client.open(uri, [...lines.slice(0, after5), '', ...lines.slice(after5)].join('\n'));
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line: after5, character: 0 },
    });
    const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    assert.equal(sorted[0].label, '6.属于四类过程性信息');
    assert.deepEqual(
      sorted.slice(1, 8).map((i) => i.label),
      [
        '1.属于国家秘密',
        '2.其他法律行政法规禁止公开',
        '3.危及“三安全一稳定”',
        '4.保护第三方合法权益',
        '5.属于三类内部事务信息',
        '7.属于行政执法案卷',
        '8.属于行政查询事项',
      ],
    );
    assert.ok(
      sorted[0].textEdit && 'range' in sorted[0].textEdit && sorted[0].textEdit.newText.startsWith('|     6.属于四类过程性信息 '),
      'a whole canonical row',
    );
    const secret = items.find((i) => i.label === '1.属于国家秘密')!;
    assert.ok(secret.filterText!.includes('sygjmm') && secret.filterText!.includes('shuyuguojiamimi'));
    assert.match(JSON.stringify(secret.documentation), /第十四条/);
  });

  it('completes missing section headings first, and section skeletons from the writer', async () => {
    const uri = missingRows.uri.replace('.xxgk', '-headings.xxgk');
    await client.open(uri, missingRows.text + '\n');
    const line = missingRows.text.split('\n').length;
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: 0 },
    });
    const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    assert.equal(sorted[0].label, '五、存在的主要问题及改进情况');
    const skeleton = items.find((i) => i.label === '三、收到和处理政府信息公开申请情况（骨架）')!;
    assert.ok(skeleton.textEdit && skeleton.textEdit.newText.includes('|     6.属于四类过程性信息'));
  });

  it('fixes every total with source.fixAll.xxgk, reaching the consistent report', async () => {
    const diagnostics = await client.open(manyBroken.uri, manyBroken.text);
    assert.ok(sums(diagnostics).length >= 5);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: manyBroken.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.deepEqual(
      actions.map((a) => a.kind),
      ['source.fixAll.xxgk'],
    );
    const fixed = applyEdits(manyBroken.text, editsOf(actions[0], manyBroken.uri));
    // Table 三 has one cheapest repair and is fixed; table 四's broken group (one equation, five
    // cells) has five equally small repairs, so fix-all leaves it and says so (repair.ts).
    const review = (t: string) => t.split('\n').find((l) => l.startsWith('| 行政复议'))!;
    assert.equal(fixed, consistent.text.replace(review(consistent.text), review(manyBroken.text)));
    const version = await client.change(manyBroken.uri, fullChange(fixed));
    assert.deepEqual((await client.nextDiagnostics(manyBroken.uri, version)).diagnostics.map((d) => d.code).sort(), [
      'repair-ambiguous',
      'sum-review',
    ]);
  });

  it('formats pipe tables back to the writer’s alignment, idempotently, leaving narrative alone', async () => {
    const squashed = consistent.text
      .split('\n')
      .map((l) => (l.startsWith('|') ? l.replace(/ +\|/g, ' |') : l))
      .join('\n');
    assert.notEqual(squashed, consistent.text);
    const uri = consistent.uri.replace('.xxgk', '-format.xxgk');
    await client.open(uri, squashed);
    const options = { tabSize: 4, insertSpaces: true };
    const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });
    const formatted = applyEdits(squashed, edits);
    assert.equal(formatted, consistent.text);
    const version = await client.change(uri, fullChange(formatted));
    await client.nextDiagnostics(uri, version);
    assert.deepEqual(await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options }), []);
  });

  it('lists six sections with their tables as symbols, and folds sections and tables', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: broken.uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      [
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ],
    );
    assert.deepEqual(
      symbols.map((s) => (s.children ?? []).map((c) => c.name)),
      [[], ['表二'], ['表三'], ['表四'], [], []],
    );
    // table 三's 25 rows, under their groups (三、本年度办理结果 › （三）不予公开 …)
    const leaves = (list: DocumentSymbol[]): number => list.reduce((n, c) => n + (c.children?.length ? leaves(c.children) : 1), 0);
    assert.equal(leaves(symbols[2].children![0].children!), 25);
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: broken.uri } });
    assert.ok(symbols.every((s) => s.range.end.line === s.range.start.line || folds.some((f) => f.startLine === s.range.start.line)));
    assert.ok(folds.length >= 8);
  });

  it('shows the computed value next to a wrong total as an inlay hint when enabled', async () => {
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: broken.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
    });
    const cell = rangeOf(broken.text, '（一）予以公开', '6');
    assert.deepEqual(hints.map((h) => [h.position, h.label]).slice(0, 1), [[cell.end, '≠5']]);
  });

  it('writes a new report skeleton that has no diagnostics', async () => {
    const { format, text } = await client.request<{ format: string; text: string }>('xxgk/skeleton', {
      body: '示例县示例镇人民政府',
      year: 2020,
    });
    assert.equal(format, '2019');
    assert.deepEqual(await client.open('untitled:Untitled-1', text), []);
  });
});

describe('transport', () => {
  it('serves over Node IPC, as the VS Code client starts it', async () => {
    const { fork } = await import('node:child_process');
    const { createMessageConnection, IPCMessageReader, IPCMessageWriter } = await import('vscode-jsonrpc/node');
    const { SERVER } = await import('./lspClient');
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.listen();
    const result = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    assert.ok(result.capabilities.hoverProvider);
    await connection.sendRequest('shutdown');
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await connection.sendNotification('exit');
    await exited;
    connection.dispose();
  });
});
