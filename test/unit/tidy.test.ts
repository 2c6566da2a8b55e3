import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/src/features/analysis';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { tidy } from '../../server/src/features/tidy';
import { valuesOf } from '../../server/src/report/canonical';
import { TABLE3_LABEL_WIDTH, writeSkeleton, displayWidth } from '../../server/src/report';
import { LAYOUTS, consistentReport, seeded } from './reportGen';
import { ROOT, SAMPLES } from './helpers';

function run(text: string) {
  const analysis = { uri: 'file:///r.txt', version: 1, text, settings: DEFAULT_SETTINGS, ...analyzeText(text, DEFAULT_SETTINGS) };
  const result = tidy(analysis);
  const tidied = TextDocument.applyEdits(TextDocument.create('file:///r.txt', 'xxgk', 1, text), result.edits);
  return { analysis, result, tidied };
}

/** Text outside the tables: every section's narrative, by section number. */
function narrative(text: string): string[] {
  const { report } = analyzeText(text, DEFAULT_SETTINGS);
  const lines = text.split(/\r\n|\r|\n/);
  return report.sections
    .filter((s) => s.kind === 'narrative')
    .map((s) =>
      lines
        .slice(s.bodyRange.start.line, s.bodyRange.end.line + 1)
        .join('\n')
        .trimEnd(),
    );
}

function assertRoundTrip(name: string, text: string): number {
  const { analysis, result, tidied } = run(text);
  const after = analyzeText(tidied, DEFAULT_SETTINGS);
  assert.equal(after.report.format, analysis.report.format, `${name}: format`);
  for (const n of [2, 3, 4] as const)
    assert.deepEqual(valuesOf(after.report, n), valuesOf(analysis.report, n), `${name}: values of table ${n}`);
  assert.deepEqual(narrative(tidied), narrative(text), `${name}: narrative untouched`);
  assert.equal(after.report.title?.text, analysis.report.title?.text, `${name}: title`);
  // the tidied text is canonical: tidying it again changes nothing
  assert.deepEqual(run(tidied).result.edits, [], `${name}: tidy is idempotent`);
  // not a character of the original is lost outside the replaced lines
  for (const e of result.edits) assert.ok(e.newText.length > 0);
  return result.edits.length;
}

test('tidying every sample and real copy keeps values, title and narrative, and is idempotent', () => {
  const files = [
    ...readdirSync(SAMPLES)
      .filter((f) => f.endsWith('.txt'))
      .map((f) => join(SAMPLES, f)),
    ...readdirSync(join(ROOT, 'test', 'fixtures', 'real'))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => join(ROOT, 'test', 'fixtures', 'real', f)),
    ...readdirSync(join(ROOT, 'examples')).map((f) => join(ROOT, 'examples', f)),
  ];
  let rewritten = 0;
  for (const f of files) rewritten += assertRoundTrip(f, readFileSync(f, 'utf8'));
  assert.ok(rewritten >= 10, `tables rewritten: ${rewritten}`);
});

test('tidying generated reports in every layout gives the canonical text', () => {
  const rand = seeded(5);
  for (const format of ['2019', '2021'] as const) {
    for (const layout of LAYOUTS) {
      const { text } = consistentReport(format, rand, layout);
      assertRoundTrip(`${format} ${layout}`, text);
      const skeleton = writeSkeleton({ body: '示例县示例镇人民政府', year: format === '2019' ? 2020 : 2023 });
      assert.deepEqual(run(skeleton).result.edits, [], 'a skeleton (the canonical layout) needs no edit');
    }
  }
});

test('a note inside a table is kept below it; a table whose cells are mixed with other text is left alone and named', () => {
  const { text } = consistentReport('2021', seeded(2), 'tabs');
  const note = '注：本表数据截至12月31日，由办公室统计。';
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes('（三）不予公开'));
  const withNote = [...lines.slice(0, at), note, ...lines.slice(at)].join('\n');
  const kept = run(withNote);
  assert.deepEqual(kept.result.kept, [{ table: 3, lines: [note] }]);
  assert.ok(kept.tidied.includes(note));
  assertRoundTrip('with a note', withNote);

  const mixed = [...lines.slice(0, at), lines[at] + '\t（本项含上年度遗留申请）', ...lines.slice(at + 1)].join('\n');
  const { result, tidied } = run(mixed);
  assert.deepEqual(
    result.skipped.map((s) => s.table),
    [3],
  );
  assert.match(result.skipped[0].text, /遗留/);
  assert.ok(tidied.includes('（本项含上年度遗留申请）'));
});

test('tidied table 三 fits 130 columns: long labels go on over the next line, and read back whole', () => {
  for (const format of ['2019', '2021'] as const) {
    const { text } = consistentReport(format, seeded(21), 'pdf');
    const { tidied } = run(text);
    const table3 = tidied.split('\n').filter((l) => l.startsWith('|') && l.includes('自然人'));
    assert.ok(table3.length === 1);
    const widest = Math.max(
      ...tidied
        .split('\n')
        .filter((l) => l.startsWith('|'))
        .map(displayWidth),
    );
    assert.ok(widest <= 130, `${format}: ${widest} columns`);
    assert.ok(TABLE3_LABEL_WIDTH <= 48);
    const after = analyzeText(tidied, DEFAULT_SETTINGS);
    assert.deepEqual(
      after.diagnostics.filter((d) => d.code === 'label-variant' || d.code === 'row-unknown'),
      [],
      `${format}: wrapped labels read as official`,
    );
  }
});
