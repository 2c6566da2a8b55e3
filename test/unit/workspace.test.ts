/**
 * The workspace index in-process (server/src/features/workspace.ts with a host of its own): which
 * files are reports, matching by body and year between disk files and open texts, ambiguity, the
 * placing of an original's diagnostics, and recognition shared with the editor.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { analyzeText, type Analysis } from '../../server/src/features/analysis';
import { isReportName } from '../../server/src/features/recognition';
import { DEFAULT_SETTINGS, type XxgkSettings } from '../../server/src/features/settings';
import { WorkspaceReports, locateDiagnostic } from '../../server/src/features/workspace';
import type { SourceDocument } from '../../server/src/io/document';
import { fixture, setCell } from './helpers';

const current = fixture('consistent-2021.xxgk'); // 示例…2023: 上年结转 自然人 1, 总计 1
const FORWARD = '四、结转下年度继续办理';
const lastYear = (forward: string, text = current) =>
  setCell(setCell(setCell(text.replaceAll('2023年', '2022年'), FORWARD, 0, forward), FORWARD, 6, forward), '行政规范性文件', 2, '13');

/** A workspace over a temporary folder; `open` holds the texts "open in the editor". */
function workspaceOf(files: Record<string, string>, settings: Partial<XxgkSettings> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-unit-ws-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const open = new Map<string, string>();
  const all = { ...DEFAULT_SETTINGS, ...settings };
  const analyses = new Map<string, Analysis>();
  const ws = new WorkspaceReports({
    settings: () => Promise.resolve(all),
    openUris: () => [...open.keys()],
    openAnalysis: async (uri) => {
      const text = open.get(uri);
      if (text === undefined) return null;
      const known = analyses.get(uri);
      if (known?.text === text) return known;
      const analysis = { uri, version: 1, text, settings: all, ...analyzeText(text, all) };
      analyses.set(uri, analysis);
      return analysis;
    },
    analyzeClosed: async (_key, text, s) => analyzeText(text, s),
    changed: () => undefined,
    log: (m) => assert.fail(m),
  });
  const uri = (name: string) => pathToFileURL(join(dir, name)).href;
  return { dir, ws, open, uri, ready: ws.setFolders([pathToFileURL(dir).href]) };
}

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('workspace index', () => {
  it('matches a report with the same body’s report of the year before, on disk or open', async () => {
    const w = workspaceOf({ 'a.xxgk': lastYear('0'), 'b.xxgk': current, 'notes.txt': '会议记录\n' });
    dirs.push(w.dir);
    await w.ready;
    const reports = await w.ws.reports();
    assert.deepEqual(reports.map((r) => r.uri).sort(), [w.uri('a.xxgk'), w.uri('b.xxgk')]);
    const cross = await w.ws.crossFor(w.uri('b.xxgk'));
    assert.equal(cross.previous, w.uri('a.xxgk'));
    assert.deepEqual(
      cross.items.map((d) => d.code),
      ['carry-mismatch', 'carry-mismatch'],
    );
    assert.deepEqual((await w.ws.crossFor(w.uri('a.xxgk'))).items, [], 'only the later year gets them');
    // The open text of last year's report wins over its disk content.
    w.open.set(w.uri('a.xxgk'), lastYear('1'));
    w.ws.openChanged();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual((await w.ws.crossFor(w.uri('b.xxgk'))).items, []);
  });

  it('matches no report with a year its body has two reports for, nor another body’s', async () => {
    const other = current.replaceAll('示例', '另一');
    const w = workspaceOf({ 'a.xxgk': lastYear('0'), 'a2.xxgk': lastYear('0'), 'b.xxgk': current, 'c.xxgk': lastYear('0', other) });
    dirs.push(w.dir);
    await w.ready;
    assert.equal((await w.ws.crossFor(w.uri('b.xxgk'))).previous, null, 'two 2022 reports: ambiguous');
    const reports = await w.ws.reports();
    assert.equal(new Set(reports.map((r) => r.bodyKey)).size, 2);
  });

  it('a report-named original that cannot be read is listed as file-unreadable; one named otherwise is not', async () => {
    const w = workspaceOf({ '政府信息公开工作年度报告.pdf': 'not a pdf', 'scan.pdf': 'not a pdf' });
    dirs.push(w.dir);
    await w.ready;
    const reports = await w.ws.reports();
    assert.deepEqual(
      reports.map((r) => [r.kind, r.errors]),
      [['pdf', 1]],
    );
    assert.equal((await w.ws.closedDiagnostics(reports[0].uri))?.items[0].code, 'file-unreadable');
  });
});

describe('placing diagnostics in originals', () => {
  const doc = (kind: SourceDocument['kind']): SourceDocument => ({
    kind,
    text: 'a\n| x | 1 |',
    lines: [
      { loc: kind === 'html' ? { kind: 'html', line: 40, column: 9 } : { kind: 'docx', paragraph: 3 } },
      {
        loc: kind === 'html' ? { kind: 'html', line: 41, column: 5 } : { kind: 'docx', table: 2, row: 3, column: 1 },
        cells: [
          {
            start: 6,
            end: 7,
            loc: kind === 'html' ? { kind: 'html', line: 41, column: 30 } : { kind: 'docx', table: 2, row: 3, column: 2 },
          },
        ],
      },
    ],
  });
  const d = {
    range: { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } },
    message: '合计不符',
    relatedInformation: [
      { location: { uri: 'file:///w.docx', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, message: '加数' },
    ],
  };

  it('a Word cell: the message says 表N 第r行第c列, the range is the file’s start', () => {
    const out = locateDiagnostic(d, 'file:///w.docx', () => doc('docx'), 'zh');
    assert.equal(out.message, '表2 第3行第2列：合计不符');
    assert.deepEqual(out.range.start, { line: 0, character: 0 });
    assert.equal(out.relatedInformation![0].message, '第3段：加数');
  });

  it('a web page cell: the message says 网页第L行第C列 and the range is there', () => {
    const out = locateDiagnostic(d, 'file:///w.html', () => doc('html'), 'en');
    assert.equal(out.message, 'page source line 41, column 30: 合计不符');
    assert.deepEqual(out.range, { start: { line: 40, character: 29 }, end: { line: 40, character: 29 } });
  });

  it('a text file is left as it is', () => {
    assert.deepEqual(
      locateDiagnostic(d, 'file:///w.txt', () => undefined, 'zh'),
      d,
    );
  });
});

describe('recognition shared by the editor and the workspace', () => {
  it('by name always, by content with detect, originals by content', () => {
    assert.equal(isReportName('a.xxgk', '', false), true);
    assert.equal(isReportName('某镇政府信息公开工作年度报告.txt', '', false), true);
    assert.equal(isReportName('2023年报告.txt', current, false), false);
    assert.equal(isReportName('2023年报告.txt', current, true), true);
    assert.equal(isReportName('page.HTML', current, true), true);
    assert.equal(isReportName('page.html', '会议记录', true), false);
    assert.equal(isReportName('report.md', current, true), false);
    assert.equal(isReportName('Untitled-1', current, true, true), true);
  });
});
