/**
 * The server owns the workspace's reports: workspace diagnostics (pulled and pushed) for .xxgk,
 * .txt, web page, Word and PDF files in a temporary folder, the hand-over to an open document and
 * back, file-watcher updates, xxgk.detect, and the cross-year rules between two years' files.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type {
  Diagnostic,
  DocumentDiagnosticReport,
  FullDocumentDiagnosticReport,
  WorkspaceDiagnosticReport,
  WorkspaceDocumentDiagnosticReport,
} from 'vscode-languageserver-protocol';
import type { WorkspaceReport } from '../../server/src/features/protocol';
import { consistentValues, cmsHtml, reportParts, wordDocx } from '../unit/ioGen';
import { fixture as engineFixture, setCell } from '../unit/helpers';
import { LspClient, ROOT, fixture, sample } from './lspClient';

const broken = fixture('broken-total-2021.xxgk');
const consistent = fixture('consistent-2021.xxgk');
const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code)).sort();

/** Values of a consistent report with table 三's first 总计 cell off by 5 (a broken sum). */
function brokenValues() {
  const v = consistentValues('2021', 7);
  v.total[0] = String(Number(v.total[0]) + 5);
  return v;
}

function pullWorkspace(client: LspClient, previousResultIds: { uri: string; value: string }[] = []) {
  return client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds });
}
const itemOf = (report: WorkspaceDiagnosticReport, uri: string) => report.items.find((i) => i.uri === uri);
const fullItem = (report: WorkspaceDiagnosticReport, uri: string) => {
  const item = itemOf(report, uri);
  assert.ok(item && item.kind === 'full', `a full report for ${uri}: ${JSON.stringify(item)?.slice(0, 200)}`);
  return item as WorkspaceDocumentDiagnosticReport & { items: Diagnostic[] };
};
const idsOf = (report: WorkspaceDiagnosticReport) => report.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
const pullDocument = (client: LspClient, uri: string) =>
  client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } }) as Promise<FullDocumentDiagnosticReport>;

/** A folder with one report of each kind, a text that is no report, and a PDF that cannot be read. */
function reportFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-ws-'));
  const parts = reportParts('示例县示例镇人民政府', 2023, '2021', brokenValues());
  const file = (name: string) => ({ path: join(dir, name), uri: pathToFileURL(join(dir, name)).href });
  const f = {
    dir,
    xxgk: file('broken.xxgk'),
    txt: file('pasted.txt'),
    notes: file('notes.txt'),
    html: file('page.html'),
    docx: file('word.docx'),
    pdf: file('generated-2021.pdf'),
    scanned: file('政府信息公开工作年度报告-扫描件.pdf'),
  };
  writeFileSync(f.xxgk.path, broken.text);
  writeFileSync(f.txt.path, broken.text);
  writeFileSync(f.notes.path, '会议记录\n今天讨论了办公室搬迁的安排。\n');
  writeFileSync(f.html.path, cmsHtml(parts));
  copyFileSync(resolve(ROOT, 'test/fixtures/pdf/generated-2021.pdf'), f.pdf.path);
  writeFileSync(f.scanned.path, '%PDF-1.4\n%\u00e2\u00e3\nnot really a pdf\n');
  return { f, parts };
}

describe('workspace diagnostics (pulled)', () => {
  let client: LspClient;
  let f: ReturnType<typeof reportFolder>['f'];
  before(async () => {
    const folder = reportFolder();
    f = folder.f;
    writeFileSync(f.docx.path, await wordDocx(folder.parts));
    client = await LspClient.start({ pull: true, workspaceFolders: [pathToFileURL(f.dir).href] });
  });
  after(async () => {
    await client.stop();
    rmSync(f.dir, { recursive: true, force: true });
  });

  it('advertises workspace diagnostics and registers a file watcher', async () => {
    await pullWorkspace(client); // answered after the registration the server sends when initialized
    const provider = client.initializeResult.capabilities.diagnosticProvider as {
      workspaceDiagnostics: boolean;
      interFileDependencies: boolean;
    };
    assert.equal(provider.workspaceDiagnostics, true);
    assert.equal(provider.interFileDependencies, true);
    assert.ok(client.watchers.length > 0, 'a watcher is registered');
  });

  it('reports every kind of report file that is not open, and only reports', async () => {
    const report = await pullWorkspace(client);
    const uris = report.items.map((i) => i.uri).sort();
    assert.deepEqual(uris, [f.xxgk.uri, f.txt.uri, f.html.uri, f.docx.uri, f.pdf.uri, f.scanned.uri].sort());
    assert.ok(codes(fullItem(report, f.xxgk.uri).items).includes('sum-row'));
    assert.deepEqual(codes(fullItem(report, f.txt.uri).items), codes(fullItem(report, f.xxgk.uri).items), '.txt recognised by content');
    assert.equal(codes(fullItem(report, f.pdf.uri).items).filter((c) => c.startsWith('sum-')).length, 0, 'the generated PDF adds up');
    const [unreadable] = fullItem(report, f.scanned.uri).items;
    assert.equal(unreadable.code, 'file-unreadable');
    assert.equal(unreadable.severity, 1);
  });

  it('says where to look in a web page (and places it there) and in a Word file', async () => {
    const report = await pullWorkspace(client);
    const html = fullItem(report, f.html.uri).items.filter((d) => String(d.code).startsWith('sum-'));
    assert.ok(html.length > 0, 'the broken sum is found in the web page');
    for (const d of html) {
      const m = /^网页第(\d+)行第(\d+)列：/.exec(String(d.message));
      assert.ok(m, String(d.message));
      assert.deepEqual(d.range.start, { line: Number(m[1]) - 1, character: Number(m[2]) - 1 });
    }
    const docx = fullItem(report, f.docx.uri).items.filter((d) => String(d.code).startsWith('sum-'));
    assert.ok(docx.length > 0, 'the broken sum is found in the Word file');
    for (const d of docx) {
      assert.match(String(d.message), /^表\d+ 第\d+行第\d+列：/);
      assert.deepEqual(d.range.start, { line: 0, character: 0 });
      for (const r of d.relatedInformation ?? []) assert.match(r.message, /^(表\d+ 第\d+行第\d+列|第\d+段)：/);
    }
  });

  it('hands a file over to its open document and back, neither losing nor doubling its problems', async () => {
    const onDisk = codes(fullItem(await pullWorkspace(client), f.xxgk.uri).items);
    await client.openOnly(f.xxgk.uri, broken.text);
    assert.deepEqual(codes((await pullDocument(client, f.xxgk.uri)).items), onDisk, 'the same problems once open');
    assert.equal(itemOf(await pullWorkspace(client), f.xxgk.uri), undefined, 'the workspace report leaves an open document to its own');
    await client.change(f.xxgk.uri, [{ text: consistent.text }]);
    assert.deepEqual(
      codes((await pullDocument(client, f.xxgk.uri)).items).filter((c) => c.startsWith('sum-')),
      [],
      'the open text wins',
    );
    await client.close(f.xxgk.uri);
    assert.deepEqual(codes((await pullDocument(client, f.xxgk.uri)).items), onDisk, 'closed (unsaved): the disk content again');
    assert.deepEqual(codes(fullItem(await pullWorkspace(client), f.xxgk.uri).items), onDisk);
  });

  it('updates a file changed on disk (a held pull answers on the watcher event) and empties a deleted one', async () => {
    const first = await pullWorkspace(client);
    const held = pullWorkspace(client, idsOf(first));
    writeFileSync(f.txt.path, consistent.text);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: f.txt.uri, type: 2 }] });
    const second = await held;
    assert.deepEqual(
      codes(fullItem(second, f.txt.uri).items).filter((c) => c.startsWith('sum-')),
      [],
    );
    assert.equal(itemOf(second, f.xxgk.uri)?.kind, 'unchanged', 'the other files are unchanged');

    unlinkSync(f.docx.path);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: f.docx.uri, type: 3 }] });
    const third = await pullWorkspace(client, idsOf(second));
    assert.deepEqual(fullItem(third, f.docx.uri).items, [], 'a deleted file is emptied');
    // Twice: VS Code ignores the first while the document's own last pull is still under way.
    const fourth = await pullWorkspace(client, idsOf(third));
    assert.deepEqual(fullItem(fourth, f.docx.uri).items, []);
    const fifth = await pullWorkspace(
      client,
      idsOf(fourth).filter((i) => i.uri !== f.txt.uri),
    );
    assert.equal(itemOf(fifth, f.docx.uri)?.kind, 'unchanged', 'then unchanged');
  });

  it('lists the reports for the bodies/years view', async () => {
    const reports = await client.request<WorkspaceReport[]>('xxgk/workspaceReports', null);
    const html = reports.find((r) => r.uri === f.html.uri)!;
    assert.equal(html.kind, 'html');
    assert.equal(html.year, 2023);
    assert.equal(html.body, '示例县示例镇人民政府');
    assert.ok(html.errors > 0);
    assert.equal(reports.find((r) => r.uri === f.pdf.uri)?.kind, 'pdf');
  });
});

describe('workspace diagnostics follow xxgk.detect', () => {
  let client: LspClient;
  let f: ReturnType<typeof reportFolder>['f'];
  before(async () => {
    f = reportFolder().f;
    client = await LspClient.start({ pull: true, settings: { detect: false }, workspaceFolders: [pathToFileURL(f.dir).href] });
  });
  after(async () => {
    await client.stop();
    rmSync(f.dir, { recursive: true, force: true });
  });

  it('with detection off only .xxgk files and report-named .txt files are checked (the others are not even read)', async () => {
    const uris = (await pullWorkspace(client)).items.map((i) => i.uri).sort();
    assert.deepEqual(uris, [f.xxgk.uri]);
  });
});

describe('xxgk.diagnosticMode openFilesOnly', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xxgk-open-only-'));
    writeFileSync(join(dir, 'broken.xxgk'), broken.text);
    client = await LspClient.start({
      pull: true,
      settings: { diagnosticMode: 'openFilesOnly' },
      workspaceFolders: [pathToFileURL(dir).href],
    });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists no closed file, empties one just closed, and still reads them for the view', async () => {
    const uri = pathToFileURL(join(dir, 'broken.xxgk')).href;
    assert.deepEqual((await pullWorkspace(client)).items, []);
    await client.openOnly(uri, broken.text);
    assert.ok((await pullDocument(client, uri)).items.length > 0, 'open: its problems');
    await client.close(uri);
    assert.deepEqual((await pullDocument(client, uri)).items, [], 'closed: none');
    const after = await pullWorkspace(client, [{ uri, value: 'a document result id' }]);
    assert.deepEqual(fullItem(after, uri).items, [], 'and the workspace report empties it');
    const reports = await client.request<WorkspaceReport[]>('xxgk/workspaceReports', null);
    assert.ok(reports.find((r) => r.uri === uri)!.errors > 0);
  });
});

describe('workspace diagnostics (pushed)', () => {
  let client: LspClient;
  let f: ReturnType<typeof reportFolder>['f'];
  before(async () => {
    f = reportFolder().f;
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(f.dir).href] });
  });
  after(async () => {
    await client.stop();
    rmSync(f.dir, { recursive: true, force: true });
  });

  it('publishes closed reports, and gives a closed document its problems on disk back', async () => {
    const onDisk = codes((await client.diagnosticsWhere(f.xxgk.uri, (p) => p.diagnostics.length > 0)).diagnostics);
    assert.ok(onDisk.includes('sum-row'));
    assert.ok((await client.diagnosticsWhere(f.html.uri, (p) => p.diagnostics.length > 0)).diagnostics.length > 0);
    const opened = await client.open(f.xxgk.uri, consistent.text);
    assert.deepEqual(
      codes(opened).filter((c) => c.startsWith('sum-')),
      [],
    );
    const count = client.published.length;
    await client.close(f.xxgk.uri);
    const back = await client.diagnosticsWhere(f.xxgk.uri, (p) => client.published.indexOf(p) >= count);
    assert.deepEqual(codes(back.diagnostics), onDisk);
    assert.equal(
      client.published.some((p) => p.uri === f.notes.uri),
      false,
      'a text that is no report gets nothing',
    );
  });
});

/** Table 三's 结转下年度 row label, as setCell finds it. */
const FORWARD = '四、结转下年度继续办理';

describe('across years in the workspace', () => {
  const current = engineFixture('consistent-2021.xxgk'); // 2023: 上年结转 自然人 1, 总计 1
  /** Last year's report consistent with `current`, or with 结转下年度 `forward` (自然人 and 总计). */
  const lastYear = (forward: string) =>
    setCell(setCell(setCell(current.replaceAll('2023年', '2022年'), FORWARD, 0, forward), FORWARD, 6, forward), '行政规范性文件', 2, '13');
  let client: LspClient;
  let dir: string;
  let prev: { path: string; uri: string };
  let cur: { path: string; uri: string };
  const refreshes: number[] = [];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xxgk-years-'));
    prev = { path: join(dir, '2022.xxgk'), uri: pathToFileURL(join(dir, '2022.xxgk')).href };
    cur = { path: join(dir, '2023.xxgk'), uri: pathToFileURL(join(dir, '2023.xxgk')).href };
    writeFileSync(prev.path, lastYear('0'));
    writeFileSync(cur.path, current);
    client = await LspClient.start({ pull: true, workspaceFolders: [pathToFileURL(dir).href] });
    client.connection.onRequest('workspace/diagnostic/refresh', () => (refreshes.push(Date.now()), null));
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const carry = (ds: Diagnostic[]) => ds.filter((d) => d.code === 'carry-mismatch');

  it('reports carry-mismatch on the later year, with last year’s file as the related location', async () => {
    const report = await pullWorkspace(client);
    const mismatches = carry(fullItem(report, cur.uri).items);
    assert.equal(mismatches.length, 2, '自然人 and 总计');
    for (const d of mismatches) assert.equal(d.relatedInformation?.[0].location.uri, prev.uri);
    assert.deepEqual(carry(fullItem(report, prev.uri).items), []);
    const reports = await client.request<WorkspaceReport[]>('xxgk/workspaceReports', null);
    const later = reports.find((r) => r.uri === cur.uri)!;
    assert.equal(later.previous, prev.uri);
    assert.equal(later.crossYear, 2);
    assert.equal(reports.find((r) => r.uri === prev.uri)!.bodyKey, later.bodyKey);
  });

  it('follows last year’s open text, and its disk content once closed', async () => {
    const first = await pullWorkspace(client);
    await client.openOnly(prev.uri, lastYear('0'));
    await client.change(prev.uri, [{ text: lastYear('1') }]);
    assert.deepEqual(carry(fullItem(await pullWorkspace(client, idsOf(first)), cur.uri).items), [], 'the open text wins');
    await client.openOnly(cur.uri, current);
    assert.deepEqual(carry((await pullDocument(client, cur.uri)).items), []);
    await client.close(prev.uri);
    assert.equal(carry((await pullDocument(client, cur.uri)).items).length, 2, 'the disk content again');
  });

  it('updates an open report when last year’s file changes on disk', async () => {
    const before = refreshes.length;
    writeFileSync(prev.path, lastYear('1'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: prev.uri, type: 2 }] });
    while (refreshes.length === before) await new Promise((r) => setImmediate(r));
    assert.deepEqual(carry((await pullDocument(client, cur.uri)).items), []);
  });
});

/** A report of about `mb` MB (sample 001 repeated). */
function bigReport(mb: number): string {
  const unit = sample('001_06d18ea68e74cc84.txt').text;
  return Array.from({ length: Math.ceil((mb * 1024 * 1024) / Buffer.byteLength(unit)) }, () => unit).join('\n');
}

describe('a large report in the workspace', () => {
  let client: LspClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xxgk-large-'));
    writeFileSync(join(dir, 'big.txt'), bigReport(2));
    writeFileSync(join(dir, 'small.xxgk'), broken.text);
    client = await LspClient.start({ pull: true, settings: { maxFileSizeMB: 1 }, workspaceFolders: [pathToFileURL(dir).href] });
  });
  after(async () => {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is checked off the main thread, in order with the others', async () => {
    const report = await pullWorkspace(client);
    assert.ok(fullItem(report, pathToFileURL(join(dir, 'big.txt')).href).items.length > 0);
    assert.ok(fullItem(report, pathToFileURL(join(dir, 'small.xxgk')).href).items.length > 0);
  });
});
