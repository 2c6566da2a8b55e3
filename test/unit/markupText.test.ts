/**
 * Text reports whose tables are HTML markup (PDF→Markdown converters write tables with merged cells
 * so; a table's source pasted into a text file): read through the markup, every diagnostic at its
 * place in the file, the file itself never rewritten by fix.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { collectFiles, run } from '../../server/src/cli';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { applyEdits } from '../../server/src/report/ranges';
import { createLanguageService } from '../../server/src/service/languageService';
import { readTextTables } from '../../server/src/io/html';
import { loadReportSync } from '../../server/src/io/load';
import { analyze } from '../../server/src/report/index';
import { MARKUP_FLAVORS, cmsHtml, consistentValues, markupText, reportParts } from './ioGen';
import { tempDir } from './tempDir';

/** What a reviewer reads into a county's figures, beside the sums (the generated values are not a county's). */
const REVIEWER_RULES = new Set(['rule-making', 'table2-total', 'fee-conflict', 'text-figure', 'text-claim', 'text-year']);
const tmp = () => tempDir('xxgk-markup-');

function tablesOf(text: string) {
  const { report } = analyze(text);
  const rows = (t: typeof report.table3) =>
    Object.fromEntries(Object.entries(t?.rows ?? {}).map(([k, r]) => [k, r.cells.map((c) => c.raw)]));
  const t2: Record<string, string[]> = {};
  for (const sub of report.table2?.subtables ?? []) for (const r of sub.rows) t2[r.key] = r.cells.map((c) => c.raw);
  return { format: report.format, t2, t3: rows(report.table3), t4: rows(report.table4) };
}

describe('text reports with HTML tables', () => {
  for (const flavor of MARKUP_FLAVORS)
    for (const [format, year] of [
      ['2021', 2022],
      ['2019', 2020],
    ] as const)
      it(`${flavor}, ${format} format: the same tables as the web page they were made from, and no error or warning`, () => {
        for (const seed of [year, year + 17, year + 31]) {
          const parts = reportParts('某某县人民政府', year, format, consistentValues(format, seed));
          const md = loadReportSync('报告.md', 'zh', new TextEncoder().encode(markupText(parts, flavor)));
          const page = loadReportSync('page.html', 'zh', new TextEncoder().encode(cmsHtml(parts)));
          assert.ok(md.doc, 'read through its markup');
          assert.deepEqual(tablesOf(md.text), tablesOf(page.text), `seed ${seed}`);
          assert.equal(tablesOf(md.text).format, format);
          const findings = analyze(md.text).diagnostics.filter(
            (d) => (d.severity === 'error' || d.severity === 'warning') && !REVIEWER_RULES.has(d.code),
          );
          assert.deepEqual(
            findings.map((d) => `${d.code} ${d.message}`),
            [],
            `seed ${seed}`,
          );
        }
      });

  for (const flavor of MARKUP_FLAVORS)
    it(`${flavor}: a changed cell is reported at its place in the file (line:column), in text and JSON output`, () => {
      const dir = tmp();
      const values = consistentValues('2021', 5);
      values.granted = [...values.granted];
      values.granted[2] = String(Number(values.granted[2]) + 7);
      const source = markupText(reportParts('某某县人民政府', 2022, '2021', values), flavor);
      const path = join(dir, '某某县2022年政府信息公开工作年度报告.md');
      writeFileSync(path, source);
      const j = JSON.parse(run(['check', '--format', 'json', path]).stdout);
      const sums = j.files[0].diagnostics.filter((x: { code: string }) => x.code === 'sum-row' || x.code === 'sum-results');
      assert.ok(sums.length >= 1, JSON.stringify(j.files[0].diagnostics.map((d: { code: string }) => d.code)));
      const suspect = j.files[0].diagnostics.find((x: { code: string }) => x.code === 'cell-suspect');
      assert.ok(suspect, 'the changed cell named');
      assert.equal(suspect.location.kind, 'text');
      const line = source.split(/\r\n|\n/)[suspect.location.line - 1];
      const at = line.slice(suspect.location.column - 1);
      assert.ok(at.startsWith(values.granted[2] + '<') || at.startsWith(values.granted[2] + '&'), at.slice(0, 20));
      // Text output: path:line:column of the file, as for any text file.
      const text = run(['check', path]).stdout;
      assert.ok(text.includes(`:${suspect.location.line}:${suspect.location.column}: 错误 cell-suspect`), text.slice(0, 400));
    });

  it('narrative lines outside the tables keep their place: a finding in a paragraph points at its character', () => {
    const parts = reportParts('某某县人民政府', 2022, '2021', consistentValues('2021', 8));
    const source = markupText(parts, 'mineru');
    const doc = readTextTables(source)!;
    const lines = source.split('\n');
    // Every line of narrative is written verbatim, mapped to its own line, column 1.
    for (const p of parts.filter((x) => x.kind === 'p')) {
      const i = doc.text.split('\n').findIndex((l) => l.endsWith(p.text!));
      assert.ok(i >= 0, p.text);
      const loc = doc.lines[i]!.loc;
      assert.equal(loc.kind, 'text');
      if (loc.kind === 'text') assert.ok(lines[loc.line - 1].endsWith(p.text!));
    }
  });

  it('a text without table markup is read as it is; a whole page saved as text is read as a page', () => {
    assert.equal(readTextTables('某县2021年政府信息公开工作年度报告\n一、总体情况\n| 规章 | 0 | 0 | 0 |\n'), null);
    assert.equal(readTextTables('说明：<table> 一词只是文字，没有单元格。\n'), null);
    const parts = reportParts('某某县人民政府', 2021, '2021', consistentValues('2021', 2));
    const page = cmsHtml(parts);
    const asText = loadReportSync('page.txt', 'zh', new TextEncoder().encode(page));
    assert.ok(asText.doc);
    assert.deepEqual(tablesOf(asText.text), tablesOf(loadReportSync('page.html', 'zh', new TextEncoder().encode(page)).text));
  });

  it('a page’s body saved as text (paragraphs as <p>, tables as markup) is read as the page', () => {
    const parts = reportParts('某某县人民政府', 2021, '2021', consistentValues('2021', 3));
    const page = cmsHtml(parts);
    const body = page.slice(page.indexOf('<div'), page.lastIndexOf('</div>') + 6);
    const asText = loadReportSync('body.txt', 'zh', new TextEncoder().encode(body));
    const findings = analyze(asText.text).diagnostics.filter(
      (d) => (d.severity === 'error' || d.severity === 'warning') && !REVIEWER_RULES.has(d.code),
    );
    assert.deepEqual(findings, []);
    assert.deepEqual(tablesOf(asText.text), tablesOf(loadReportSync('page.html', 'zh', new TextEncoder().encode(page)).text));
  });

  it('a table left open ends with its last row; a table inside a cell stays in its table', () => {
    const parts = reportParts('某某县人民政府', 2022, '2021', consistentValues('2021', 9));
    const source = markupText(parts, 'mineru');
    const lastTable = source.lastIndexOf('</table>');
    const open = source.slice(0, lastTable) + source.slice(lastTable + '</table>'.length);
    assert.deepEqual(
      tablesOf(loadReportSync('a.md', 'zh', new TextEncoder().encode(open)).text).t4,
      tablesOf(loadReportSync('a.md', 'zh', new TextEncoder().encode(source)).text).t4,
    );
    const nested = source.replace('<td>规章</td>', '<td><table><tr><td>规章</td></tr></table></td>');
    assert.deepEqual(
      tablesOf(loadReportSync('a.md', 'zh', new TextEncoder().encode(nested)).text).t2,
      tablesOf(loadReportSync('a.md', 'zh', new TextEncoder().encode(source)).text).t2,
    );
  });

  it('fix refuses to rewrite such a file (it says to convert it first); convert writes the canonical text', () => {
    const dir = tmp();
    const path = join(dir, 'r.md');
    const source = markupText(reportParts('某某县人民政府', 2022, '2021', consistentValues('2021', 4)), 'pandoc');
    writeFileSync(path, source);
    const r = run(['fix', path, '--write']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /HTML 标记/);
    assert.equal(readFileSync(path, 'utf8'), source);
    const out = join(dir, 'r.xxgk');
    assert.equal(run(['convert', path, '-o', out]).code, 0);
    assert.deepEqual(tablesOf(readFileSync(out, 'utf8')), tablesOf(loadReportSync(path).text));
  });

  it('a folder check reads Markdown reports by their name, not a folder’s other Markdown files', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'README.md'), '# 说明\n');
    writeFileSync(join(dir, '某县2022年政府信息公开工作年度报告.md'), '');
    writeFileSync(join(dir, 'notes.txt'), '');
    const files = collectFiles([dir]).map((f) => f.slice(dir.length + 1));
    assert.deepEqual(files.sort(), ['notes.txt', '某县2022年政府信息公开工作年度报告.md'].sort());
  });
});

describe('in the editor', () => {
  const none = { isCancellationRequested: false };
  const service = () => createLanguageService({ settings: () => DEFAULT_SETTINGS });
  const broken = () => {
    const values = consistentValues('2021', 6);
    values.granted = [...values.granted];
    values.granted[1] = String(Number(values.granted[1]) + 3);
    return { values, text: markupText(reportParts('某某县人民政府', 2022, '2021', values), 'pandoc') };
  };

  it('a document with table markup is checked through it: each problem at its cell, a note on each table, no false row-missing', async () => {
    const { values, text } = broken();
    const doc = TextDocument.create('file:///r.md', 'xxgk', 1, text);
    const items = (await service().diagnostics(doc, none))!.items;
    const codes = new Set(items.map((d) => String(d.code)));
    assert.ok(!codes.has('row-missing') && !codes.has('row-unknown'), [...codes].join(' '));
    assert.equal(items.filter((d) => d.code === 'table-markup').length, 3);
    const suspect = items.find((d) => d.code === 'cell-suspect');
    assert.ok(suspect);
    assert.equal(doc.getText(suspect.range), values.granted[1]);
    for (const d of items.filter((x) => x.code === 'table-markup')) assert.equal(doc.getText(d.range).slice(0, 6), '<table');
    // The report preview's cells lead to their place in the document.
    const preview = await service().preview(doc, none);
    let numbers = 0;
    const walk = (v: unknown) => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!v || typeof v !== 'object') return;
      const o = v as { text?: unknown; range?: { start: { line: number; character: number }; end: { line: number; character: number } } };
      if (typeof o.text === 'string' && /^\d+$/.test(o.text) && o.range) {
        assert.equal(doc.getText(o.range), o.text);
        numbers++;
      }
      Object.values(o).forEach(walk);
    };
    walk(preview);
    assert.ok(numbers > 100, `${numbers} number cells`);
  });

  it('its only actions convert tables in place; after converting them all the report is an ordinary one, its narrative untouched', async () => {
    const { text } = broken();
    const s = service();
    const doc = TextDocument.create('file:///r.md', 'xxgk', 1, text);
    const items = (await s.diagnostics(doc, none))!.items;
    const everything = { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } };
    const actions = (await s.codeActions(doc, everything, { diagnostics: items }, none))!;
    // One per table and one for all: nothing else (a fix would be made for the converted text).
    assert.deepEqual(
      actions.map((a) => a.title).sort(),
      [...Array(3).fill('将此 HTML 表格转换为规范格式'), '将全部 HTML 表格转换为规范格式'].sort(),
    );
    const all = actions.find((a) => a.title === '将全部 HTML 表格转换为规范格式')!;
    const edits = all.edit!.changes!['file:///r.md'];
    const converted = applyEdits(text, edits);
    // Every line outside the tables is still there, in order.
    const outside = text.split('\r\n').filter((l) => l && !l.startsWith('<'));
    const after = converted.split(/\r\n|\n/);
    let k = 0;
    for (const l of after) if (l === outside[k]) k++;
    assert.equal(k, outside.length);
    assert.ok(!/<t[dhr]/.test(converted));
    const next = TextDocument.create('file:///r.md', 'xxgk', 2, converted);
    const again = (await s.diagnostics(next, none))!.items;
    assert.deepEqual(
      again.filter((d) => d.code === 'cell-suspect').map((d) => next.getText(d.range)),
      items.filter((d) => d.code === 'cell-suspect').map((d) => doc.getText(d.range)),
    );
    assert.ok(!again.some((d) => d.code === 'table-markup' || d.code === 'row-missing'));
    // The converted report has its ordinary fixes again.
    const fixes = (await s.codeActions(next, everything, { diagnostics: again }, none))!;
    assert.ok(fixes.some((a) => a.title !== '将全部 HTML 表格转换为规范格式' && a.edit));
  });

  it('a stale note gets no action; 整理为规范格式 converts the tables', async () => {
    const { text } = broken();
    const s = service();
    const doc = TextDocument.create('file:///r.md', 'xxgk', 1, text);
    const items = (await s.diagnostics(doc, none))!.items;
    const note = items.find((d) => d.code === 'table-markup')!;
    const moved = TextDocument.create('file:///r.md', 'xxgk', 2, 'x\r\n' + text);
    const range = note.range;
    assert.deepEqual(await s.codeActions(moved, range, { diagnostics: [note] }, none), []);
    const tidy = (await s.tidy(doc, none))!;
    assert.equal(tidy.edits.length, 3);
    assert.ok(!/<td/.test(applyEdits(text, tidy.edits)));
  });

  it('a report without markup is analysed as before (a tag in the narrative is text)', async () => {
    const parts = reportParts('某某县人民政府', 2022, '2021', consistentValues('2021', 7));
    const page = loadReportSync('p.html', 'zh', new TextEncoder().encode(cmsHtml(parts))).text;
    const doc = TextDocument.create('file:///p.xxgk', 'xxgk', 1, page.replace('（一）主动公开。', '（一）主动公开。<td>是标签字样。'));
    const items = (await service().diagnostics(doc, none))!.items;
    assert.ok(!items.some((d) => d.code === 'table-markup'));
  });
});
