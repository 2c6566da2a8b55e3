/** The editor-facing content of the language features: completion keys, aligned rows, compact hovers, English mode, outline and folding. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/features/analysis';
import { completion } from '../../server/src/features/completion';
import { toLspDiagnostic } from '../../server/src/features/diagnostics';
import { hover } from '../../server/src/features/hover';
import { pinyinFilterText } from '../../server/src/features/pinyin';
import { DEFAULT_SETTINGS, type XxgkSettings } from '../../server/src/features/settings';
import { documentSymbols, foldingRanges } from '../../server/src/features/symbols';
import type { DocumentSymbol } from 'vscode-languageserver';
import type { Range } from '../../server/src/report';
import { comparePositions } from '../../server/src/report/ranges';
import { consistentReport, seeded } from './reportGen';
import { ROOT } from './helpers';

const E2E = join(ROOT, 'test', 'e2e', 'fixtures');
const analysis = (text: string, settings: XxgkSettings = DEFAULT_SETTINGS) => ({
  uri: 'file:///r.xxgk',
  version: 1,
  text,
  settings,
  ...analyzeText(text, settings),
});
const english: XxgkSettings = { ...DEFAULT_SETTINGS, locale: 'en' };

/** Whether an editor that matches the typed word from a word start of the filter text finds it. */
const finds = (filterText: string, typed: string) => filterText.split(' ').some((word) => word.startsWith(typed));

test('completion keys find a label by any part of it: characters, full pinyin, initials', () => {
  const keys = pinyinFilterText('6.属于四类过程性信息');
  for (const typed of ['过程', 'guocheng', 'gcx', '属于四', 'shuyu', 'sysl', '6.属于']) assert.ok(finds(keys, typed), typed);
  assert.ok(!finds(keys, 'guojia'));
});

test('a table 三 row completed on a line of its own comes in aligned with the rows around it', () => {
  const text = readFileSync(join(E2E, 'consistent-2021.xxgk'), 'utf8');
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes('5.属于三类内部事务信息'));
  const typed = [...lines.slice(0, at + 1), '过程', ...lines.slice(at + 1)].join('\n');
  const items = completion(analysis(typed), { line: at + 1, character: 2 });
  const d6 = items.find((i) => i.label === '6.属于四类过程性信息');
  assert.ok(d6 && d6.textEdit && 'range' in d6.textEdit);
  const row = d6.textEdit.newText;
  const neighbours = typed.split('\n').slice(at - 2, at + 4);
  // every bar of the new row sits where the bars of the realigned rows are
  const after = [...neighbours];
  for (const e of d6.additionalTextEdits ?? []) after[e.range.start.line - (at - 2)] = e.newText;
  after[3] = row;
  const bars = (l: string) => [...l].reduce<number[]>((acc, ch, i) => (ch === '|' ? [...acc, i] : acc), []);
  // two columns: CJK and full-width forms, and the quotes and dashes Chinese fonts draw full width (measured by test/e2e)
  const width = (l: string, upTo: number) =>
    [...l.slice(0, upTo)].reduce((w, ch) => w + (/[\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\uffff]/.test(ch) ? 2 : 1), 0);
  const columns = (l: string) => bars(l).map((b) => width(l, b));
  // (a group head has one cell: its bars are the first of the row's)
  for (const l of after) assert.deepEqual(columns(l), columns(row).slice(0, columns(l).length), l);
  assert.ok(after.filter((l) => columns(l).length === columns(row).length).length >= 4);
  assert.ok(d6.detail!.length <= 20, `detail fits: ${d6.detail}`);
});

test('English mode: completion, hovers and glossary notes in English, ASCII colons', () => {
  const text = readFileSync(join(E2E, 'broken-total-2021.xxgk'), 'utf8');
  const a = analysis(text, english);
  const heading = completion(a, { line: 0, character: 0 }).find((i) => /skeleton/.test(String(i.label)));
  assert.ok(heading, 'section skeletons are labelled (skeleton)');
  assert.ok(!completion(a, { line: 0, character: 0 }).some((i) => String(i.label).includes('骨架')));
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('（一）予以公开'));
  const total = lines[line].lastIndexOf('6');
  const h = hover(a, { line, character: total });
  const value = (h!.contents as { value: string }).value;
  assert.match(value, /Computed: \*\*5\*\*/);
  assert.ok(!value.includes('：'), value);
  const label = hover(a, { line: lines.findIndex((l) => l.includes('6.属于四类过程性信息')), character: 4 });
  const note = (label!.contents as { value: string }).value;
  assert.match(note, /Process information/);
});

test('the hover of a total is compact: the equation first, each addend once', () => {
  const text = readFileSync(join(E2E, 'broken-total-2021.xxgk'), 'utf8');
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('（一）予以公开'));
  const h = hover(analysis(text), { line, character: lines[line].lastIndexOf('6') });
  const value = (h!.contents as { value: string }).value;
  // the derivation comes first, in at most three lines; the repair's explanation of a suspect cell after it
  const parts = value.split('\n\n---\n\n');
  assert.match(parts[0], /计算值/);
  assert.ok(parts[0].split('\n').length <= 3, parts[0]);
  assert.match(parts[0], /计算值：\*\*5\*\* = 自然人 4 \+ 商业企业 1 \+ 科研机构 0 \+ 社会公益组织 0 \+ 法律服务机构 0 \+ 其他 0/);
  assert.equal(parts[0].match(/自然人/g)?.length, 1);
});

test('a sum problem carries its addends as one short related entry', () => {
  const text = readFileSync(join(E2E, 'broken-total-2021.xxgk'), 'utf8');
  const a = analysis(text);
  const d = a.diagnostics.find((x) => x.code === 'sum-row')!;
  const lsp = toLspDiagnostic(a.uri, d);
  assert.equal(lsp.relatedInformation?.length, 1);
  assert.equal(lsp.relatedInformation![0].message, '加数：4 + 1 + 0 + 0 + 0 + 0');
  const balance = a.diagnostics.find((x) => x.code === 'sum-results');
  if (balance) assert.equal(toLspDiagnostic(a.uri, balance).relatedInformation?.length, 1);
});

test('the outline keeps table 三 groups （三）…（六） and table 四 folds from its header', () => {
  const { text } = consistentReport('2021', seeded(4), 'tabs');
  const a = analysis(text);
  const section3 = documentSymbols(a).find((s) => s.name.startsWith('三、'))!;
  const table = section3.children![0];
  const results = table.children!.find((c) => c.name === '三、本年度办理结果')!;
  assert.ok(results, table.children!.map((c) => c.name).join(' '));
  const names = results.children!.map((c) => c.name);
  for (const g of ['（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理'])
    assert.ok(names.includes(g), `${g} in ${names}`);
  const d = results.children!.find((c) => c.name === '（五）不予处理')!;
  assert.equal(d.children!.length, 5);
  // table 四's fold starts at its header, above its first data row
  const lines = text.split('\n');
  const heading4 = lines.findIndex((l) => l.startsWith('四、'));
  const firstCell = a.report.table4!.range.start.line;
  const fold = foldingRanges(a).find((f) => f.endLine === a.report.table4!.range.end.line && f.startLine > heading4)!;
  assert.ok(fold.startLine < firstCell, `fold from ${fold.startLine}, first cell on ${firstCell}`);
  assert.match(lines[fold.startLine], /行政复议|结果维持/);
});

test('every outline symbol contains its selection range and its children, on every sample layout (VS Code rejects the outline otherwise)', () => {
  const dirs = [join(ROOT, 'test', 'fixtures', 'samples'), join(ROOT, 'test', 'fixtures', 'real'), E2E];
  const files = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => /\.(txt|xxgk)$/.test(f) && !f.includes('gb18030'))
      .map((f) => join(dir, f)),
  );
  assert.ok(files.length >= 8, `${files.length} samples`);
  const within = (inner: Range, outer: Range) =>
    comparePositions(inner.start, outer.start) >= 0 && comparePositions(inner.end, outer.end) <= 0;
  for (const file of files) {
    let checked = 0;
    const walk = (symbols: DocumentSymbol[], parent?: DocumentSymbol) => {
      for (const s of symbols) {
        assert.ok(within(s.selectionRange, s.range), `${file}: ${s.name} selectionRange outside its range`);
        if (parent) assert.ok(within(s.range, parent.range), `${file}: ${s.name} outside ${parent.name}`);
        checked++;
        walk(s.children ?? [], s);
      }
    };
    walk(documentSymbols(analysis(readFileSync(file, 'utf8'))));
    assert.ok(checked > 0, file);
  }
});
