/**
 * Code actions never damage a report. Over every real report in the repository and generated damaged
 * ones (missing cells, blank cells written as nothing or as tab-only lines, blank rows, wrong
 * totals) in every layout, every action offered is applied and the result read again:
 * - only the cells it names change, to exactly the value it names (no digits glued onto a neighbour);
 * - every narrative line is still there, in order;
 * - the diagnostic it fixes is gone; a preferred fix never raises the error count;
 * - fix-all strictly lowers the count of problems and reaches a fixed point;
 * - titles are one line.
 * And a client's stale diagnostic (older than the last edit) gets the edit of what is there now, or none.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver';
import { analyze, type Report } from '../../server/src/report/index';
import { analyzeText, type Analysis } from '../../server/src/features/analysis';
import { cellsById, type CellKey } from '../../server/src/report/cellWrite';
import { codeActions, fixAllProblems, fixAllSums, isBulkAction } from '../../server/src/features/codeActions';
import { documentDiagnostics } from '../../server/src/features/diagnostics';
import { applyEdits, splitLines } from '../../server/src/report/ranges';
import { DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { ROOT } from './helpers';
import { LAYOUTS, consistentReport, seeded, type Layout } from './reportGen';

const SCALE = Number(process.env.FC_RUNS ?? 1);
const SEED = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {};
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), includeErrorInReport: true, ...SEED });

const URI = 'file:///report.txt';

function analysisOf(text: string, version = 1): Analysis {
  return { uri: URI, version, text, settings: DEFAULT_SETTINGS, ...analyzeText(text, DEFAULT_SETTINGS) };
}

const errors = (text: string) => analyze(text).diagnostics.filter((d) => d.severity === 'error').length;
const problems = (text: string) => analyze(text).diagnostics.length;
const editsOf = (a: CodeAction): TextEdit[] => a.edit?.changes?.[URI] ?? [];

// ---- the reports

const real: { name: string; text: string }[] = [
  ...readdirSync(join(ROOT, 'test/fixtures/samples'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ name: `samples/${f}`, text: readFileSync(join(ROOT, 'test/fixtures/samples', f), 'utf8') })),
  ...readdirSync(join(ROOT, 'test/fixtures/real'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ name: `real/${f}`, text: readFileSync(join(ROOT, 'test/fixtures/real', f), 'utf8') })),
];

/** Table cells with their range, in document order (to damage them by position). */
function tableCells(report: Report) {
  return [...cellsById(report).entries()]
    .filter(([, c]) => c.value.kind !== 'missing')
    .map(([id, c]) => ({ id, cell: c }))
    .sort((a, b) => a.cell.range.start.line - b.cell.range.start.line || a.cell.range.start.character - b.cell.range.start.character);
}

type Damage =
  | { kind: 'missing'; row: number; count: number }
  | { kind: 'blank'; cell: number; tabOnly: boolean }
  | { kind: 'blankRow'; after: number }
  | { kind: 'number'; cell: number; value: number };

/** Damages a report through the ranges its own analysis gives (so it works in every layout). */
function damage(text: string, damages: Damage[]): string {
  let current = text;
  for (const d of damages) {
    const report = analyze(current).report;
    const cells = tableCells(report);
    if (!cells.length) return current;
    const lines = splitLines(current);
    let edit: TextEdit;
    if (d.kind === 'missing') {
      // The last `count` cells of a table 三 row are left out, with their separators.
      const rows = Object.values(report.table3?.rows ?? {}).filter((r) => r.cells.every((c) => c.value.kind !== 'missing'));
      if (!rows.length) continue;
      const row = rows[d.row % rows.length];
      const keep = row.cells.length - 1 - (d.count % 3);
      if (keep < 1) continue;
      edit = { range: { start: row.cells[keep - 1].range.end, end: row.cells[row.cells.length - 1].range.end }, newText: '' };
    } else if (d.kind === 'blank') {
      const { cell } = cells[d.cell % cells.length];
      const line = lines[cell.range.start.line];
      // A cell on a line of its own becomes a tab-only line (as web copies write blanks); elsewhere its text goes.
      const own = cell.range.start.line === cell.range.end.line && line.trim() === cell.raw;
      const whole = { start: { line: cell.range.start.line, character: 0 }, end: { line: cell.range.start.line, character: line.length } };
      edit = own && d.tabOnly ? { range: whole, newText: '\t' } : { range: cell.range, newText: '' };
    } else if (d.kind === 'blankRow') {
      const { cell } = cells[d.after % cells.length];
      const at = { line: cell.range.start.line, character: lines[cell.range.start.line].length };
      edit = { range: { start: at, end: at }, newText: report.eol };
    } else {
      const { cell } = cells[d.cell % cells.length];
      edit = { range: cell.range, newText: String(d.value) };
    }
    current = applyEdits(current, [edit]);
  }
  return current;
}

const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('missing' as const), row: fc.nat(40), count: fc.nat(2) }),
  fc.record({ kind: fc.constant('blank' as const), cell: fc.nat(400), tabOnly: fc.boolean() }),
  fc.record({ kind: fc.constant('blankRow' as const), after: fc.nat(400) }),
  fc.record({ kind: fc.constant('number' as const), cell: fc.nat(400), value: fc.nat(999) }),
);

const generated = fc
  .record({
    format: fc.constantFrom('2019' as const, '2021' as const),
    layout: fc.constantFrom<Layout>(...LAYOUTS),
    seed: fc.nat(),
    damages: fc.array(damageArb, { minLength: 1, maxLength: 4 }),
  })
  .map(({ format, layout, seed, damages }) => damage(consistentReport(format, seeded(seed), layout).text, damages));

const realDamaged = fc
  .record({ index: fc.nat(real.length - 1), damages: fc.array(damageArb, { minLength: 1, maxLength: 3 }) })
  .map(({ index, damages }) => damage(real[index].text, damages));

// ---- what every action must do

/** Lines of narrative (outside the tables, headings and title): all of them must be in the result, in order. */
function narrativeLines(text: string): string[] {
  const report = analyze(text).report;
  const headings = new Set(report.sections.map((s) => s.headingLineRange.start.line));
  const inTable = (line: number) =>
    [report.table2, report.table3, report.table4].some((t) => t && t.range.start.line <= line && line <= t.range.end.line);
  return splitLines(text).filter((l, i) => l.trim() !== '' && !inTable(i) && !headings.has(i) && i !== report.title?.range.start.line);
}

function assertSubsequence(needles: string[], hay: string[], what: string): void {
  let k = 0;
  for (const line of hay) if (k < needles.length && line === needles[k]) k++;
  assert.equal(k, needles.length, `${what}: narrative line lost: ${JSON.stringify(needles[k]?.slice(0, 60))}`);
}

function keyOf(d: Diagnostic): CellKey | null {
  const data = (d.data ?? {}) as Record<string, unknown>;
  if (typeof data.row !== 'string' || typeof data.col !== 'string') return null;
  return { table: data.table as CellKey['table'], row: data.row, col: data.col };
}

function sameSubject(a: Diagnostic, b: Diagnostic): boolean {
  if (a.code !== b.code) return false;
  const da = (a.data ?? {}) as Record<string, unknown>;
  const db = (b.data ?? {}) as Record<string, unknown>;
  for (const k of ['row', 'col', 'table', 'section', 'official', 'duplicate']) if (da[k] !== db[k]) return false;
  return true;
}

/** Applies every action offered on the text's diagnostics and checks it. Returns how many were checked. */
function checkEveryAction(text: string): number {
  const analysis = analysisOf(text);
  const diagnostics = documentDiagnostics(analysis);
  const narrative = narrativeLines(text);
  const cellsBefore = cellsById(analysis.report);
  const errorsBefore = errors(text);
  let checked = 0;
  const seenBulk = new Set<string>();
  for (const diagnostic of diagnostics) {
    const actions = codeActions(analysis, {
      textDocument: { uri: URI },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    for (const action of actions) {
      assert.ok(!/[\r\n]/.test(action.title), `one-line title: ${JSON.stringify(action.title)}`);
      const edits = editsOf(action);
      assert.ok(edits.length > 0, `${action.title}: an action with no edit`);
      const fixed = applyEdits(text, edits);
      assertSubsequence(narrative, splitLines(fixed), action.title);
      const after = analysisOf(fixed);
      const cellsAfter = cellsById(after.report);
      if (isBulkAction(action)) {
        if (seenBulk.has(action.title)) continue;
        seenBulk.add(action.title);
        checked++;
        for (const [id, c] of cellsBefore) {
          const now = cellsAfter.get(id);
          assert.ok(now, `${action.title}: cell ${id} lost`);
          if (now.raw === c.raw) continue;
          if (action.title === '把空白单元格全部填 0') {
            assert.equal(c.value.kind, 'blank', `${action.title}: only blank cells change (${id})`);
            assert.equal(now.raw, '0', `${action.title}: ${id}`);
          } else {
            assert.match(now.raw, /^\d{1,7}$/, `${action.title}: ${id} holds a plain number, not ${JSON.stringify(now.raw)}`);
          }
        }
        if (action.title !== '把空白单元格全部填 0') {
          const before = { e: errorsBefore, all: problems(text) };
          const now = { e: errors(fixed), all: problems(fixed) };
          assert.ok(now.e < before.e || (now.e === before.e && now.all < before.all), `${action.title}: strictly fewer problems`);
          const again = action.kind === 'quickfix' ? fixAllProblems(fixed, DEFAULT_SETTINGS) : fixAllSums(fixed, DEFAULT_SETTINGS);
          assert.equal(again, fixed, `${action.title}: a fixed point`);
        }
        continue;
      }
      checked++;
      const writes = (action.data as { cells?: Record<string, string> } | undefined)?.cells ?? {};
      if (/^(按最少改动修正|改法\d)/.test(action.title)) {
        // A repair: exactly the cells it names change, to the values it names; none is lost.
        assert.ok(Object.keys(writes).length > 0, `${action.title}: names its cells`);
        for (const [id, c] of cellsBefore) {
          const now = cellsAfter.get(id);
          assert.ok(now, `${action.title}: cell ${id} lost`);
          assert.equal(now.raw, writes[id] ?? c.raw, `${action.title}: cell ${id}`);
        }
        for (const [id, value] of Object.entries(writes))
          assert.equal(cellsAfter.get(id)?.raw, value, `${action.title}: ${id} written whole`);
        if (action.isPreferred) assert.ok(errors(fixed) <= errorsBefore, `${action.title}: preferred, so no more errors`);
        continue;
      }
      // Only the cell the diagnostic names changes, to exactly the value the title names.
      const named = keyOf(diagnostic);
      const namedId = named && (String(diagnostic.code).startsWith('sum-') || diagnostic.code === 'cell-blank') ? named : null;
      for (const [id, c] of cellsBefore) {
        const now = cellsAfter.get(id);
        assert.ok(now, `${action.title}: cell ${id} lost`);
        const isNamed = namedId && id === `${namedId.table}:${namedId.row}:${namedId.col}`;
        if (isNamed) {
          const value = diagnostic.code === 'cell-blank' ? '0' : String((diagnostic.data as { expected: string }).expected);
          assert.equal(now.raw, value, `${action.title}: the cell holds exactly ${value}`);
        } else {
          assert.equal(now.raw, c.raw, `${action.title}: cell ${id} untouched`);
        }
      }
      if (namedId && !cellsBefore.has(`${namedId.table}:${namedId.row}:${namedId.col}`)) {
        assert.fail(`${action.title}: names a cell that is not there`);
      }
      if (namedId && cellsBefore.get(`${namedId.table}:${namedId.row}:${namedId.col}`)?.value.kind === 'missing') {
        const value = String((diagnostic.data as { expected: string }).expected);
        assert.equal(cellsAfter.get(`${namedId.table}:${namedId.row}:${namedId.col}`)?.raw, value, 'the missing cell inserted whole');
      }
      assert.ok(!documentDiagnostics(after).some((d) => sameSubject(d, diagnostic)), `${action.title}: the diagnostic is gone`);
      if (action.isPreferred) assert.ok(errors(fixed) <= errorsBefore, `${action.title}: preferred, so no more errors`);
    }
  }
  return checked;
}

describe('code actions never damage a report', () => {
  it('on every real report in the repository', () => {
    let checked = 0;
    for (const { text } of real) checked += checkEveryAction(text);
    assert.ok(checked > 0, 'some actions were offered and checked');
  });

  it('on generated reports damaged in every layout (missing cells, blanks, blank rows, wrong totals)', () => {
    fc.assert(
      fc.property(generated, (text) => void checkEveryAction(text)),
      runs(30),
    );
  });

  it('on real reports damaged the same ways', () => {
    fc.assert(
      fc.property(realDamaged, (text) => void checkEveryAction(text)),
      runs(10),
    );
  });
});

describe('code actions: the cases that damaged reports', () => {
  const base = consistentReport('2021', seeded(3)).text;
  const lines = splitLines(base);
  const rowLine = lines.findIndex((l) => l.includes('（一）予以公开'));

  it('a missing 总计 cell is inserted with its separator, not glued onto its neighbour', () => {
    // `| （一）予以公开 | a | b | c | d | e | f |` without its total.
    const cells = lines[rowLine].split('|');
    const damaged = [...lines];
    damaged[rowLine] = cells.slice(0, -2).join('|') + '|';
    const text = damaged.join('\n');
    const analysis = analysisOf(text);
    const sum = documentDiagnostics(analysis).find((d) => d.code === 'sum-row' && (d.data as { row: string }).row === 'granted')!;
    assert.ok(sum, 'the missing total is reported as a sum');
    const [fix] = codeActions(analysis, { textDocument: { uri: URI }, range: sum.range, context: { diagnostics: [sum] } });
    const fixed = applyEdits(text, editsOf(fix));
    const row = splitLines(fixed)[rowLine];
    assert.equal(row, `${damaged[rowLine]} ${(sum.data as { expected: string }).expected} |`);
    // Fix-all does not repeat it: one pass, then nothing left to do.
    const all = fixAllSums(text, DEFAULT_SETTINGS);
    assert.equal(fixAllSums(all, DEFAULT_SETTINGS), all);
    assert.ok(!/\d{6,}/.test(splitLines(all)[rowLine]), 'no long digit strings');
  });

  it('inserting a missing section makes the report whole (moved from rules.test.ts)', () => {
    const h5 = lines.indexOf('五、存在的主要问题及改进情况');
    const h6 = lines.indexOf('六、其他需要报告的事项');
    const text = [...lines.slice(0, h5), ...lines.slice(h6)].join('\n');
    const analysis = analysisOf(text);
    const [missing] = documentDiagnostics(analysis);
    assert.equal(missing.code, 'section-missing');
    const [fix] = codeActions(analysis, { textDocument: { uri: URI }, range: missing.range, context: { diagnostics: [missing] } });
    assert.equal(fix.title, '插入缺少的一节：五、存在的主要问题及改进情况');
    assert.equal(editsOf(fix)[0].newText.split('\n')[0], '五、存在的主要问题及改进情况');
    assert.deepEqual(analyze(applyEdits(text, editsOf(fix))).diagnostics, []);
  });

  it('titles of rows inserted in layouts without bars are one line', () => {
    for (const layout of LAYOUTS) {
      const text = consistentReport('2021', seeded(5), layout).text;
      const ls = splitLines(text);
      const at = ls.findIndex((l) => l.includes('6.属于四类过程性信息'));
      // Drop the row (and, one cell per line, its cells).
      let end = at + 1;
      if (layout === 'cellPerLine') while (end < ls.length && ls[end] !== '') end++;
      const damaged = [...ls.slice(0, at), ...ls.slice(end)].join('\n');
      const analysis = analysisOf(damaged);
      const missing = documentDiagnostics(analysis).find((d) => d.code === 'row-missing');
      assert.ok(missing, `${layout}: row-missing`);
      const actions = codeActions(analysis, { textDocument: { uri: URI }, range: missing.range, context: { diagnostics: [missing] } });
      assert.ok(actions.length > 0, layout);
      assert.equal(actions[0].title, '插入缺少的行：6.属于四类过程性信息', layout);
    }
  });

  it('fix-all keeps only changes that lower the count of problems', () => {
    // Two rules ask different values of one total: writing either leaves one failing, so neither is kept.
    for (const { text } of real) {
      const fixed = fixAllProblems(text, DEFAULT_SETTINGS);
      if (fixed === text) continue;
      assert.ok(errors(fixed) < errors(text) || (errors(fixed) === errors(text) && problems(fixed) < problems(text)));
    }
  });

  it('fill all blank cells with 0 changes only blank cells, each to 0', () => {
    const cells = lines[rowLine].split('|');
    const damaged = [...lines];
    damaged[rowLine] = [cells[0], cells[1], '   ', ...cells.slice(3)].join('|');
    const text = damaged.join('\n');
    const analysis = analysisOf(text);
    const blank = documentDiagnostics(analysis).find((d) => d.code === 'cell-blank')!;
    const actions = codeActions(analysis, { textDocument: { uri: URI }, range: blank.range, context: { diagnostics: [blank] } });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['填写 0', '修正本文件所有可修正的问题', '把空白单元格全部填 0'],
    );
    const fixed = applyEdits(text, editsOf(actions[2]));
    assert.equal(splitLines(fixed)[rowLine].split('|')[2].trim(), '0');
  });
});

describe('code actions on a stale diagnostic (older than the last edit)', () => {
  const base = consistentReport('2021', seeded(11)).text;
  const lines = splitLines(base);

  it('a label already corrected gets no edit (not 2.其他法律行政法规禁止公开公开)', () => {
    const at = lines.findIndex((l) => l.includes('2.其他法律行政法规禁止公开'));
    const damaged = [...lines];
    damaged[at] = damaged[at].replace('2.其他法律行政法规禁止公开', '2.其他法律行政法规禁止');
    const old = analysisOf(damaged.join('\n'), 1);
    const stale = documentDiagnostics(old).find((d) => d.code === 'label-variant');
    assert.ok(stale, 'the damaged label is reported');
    // The user types 公开 at the end: the label is official again.
    const now = analysisOf(base, 2);
    const actions = codeActions(now, { textDocument: { uri: URI }, range: stale.range, context: { diagnostics: [stale] } });
    assert.deepEqual(actions, []);
  });

  it('a heading edited since gets the edit of what is there now', () => {
    const at = lines.indexOf('一、总体情况');
    const damaged = [...lines];
    damaged[at] = '一、总体概况';
    const old = analysisOf(damaged.join('\n'), 1);
    const stale = documentDiagnostics(old).find((d) => d.code === 'section-heading');
    assert.ok(stale, 'the heading is reported');
    // Two lines inserted above it, and the heading edited again: the old range is wrong twice over.
    const edited = [...damaged];
    edited[at] = '一、 总体概况';
    edited.splice(1, 0, '附注一行。', '附注二行。');
    const text = edited.join('\n');
    const now = analysisOf(text, 2);
    const actions = codeActions(now, { textDocument: { uri: URI }, range: stale.range, context: { diagnostics: [stale] } });
    const single = actions.filter((a) => !isBulkAction(a));
    assert.equal(single.length, 1);
    const fixed = splitLines(applyEdits(text, editsOf(single[0])));
    assert.equal(fixed[at + 2], '一、总体情况');
    assert.deepEqual(fixed.slice(0, at + 2), edited.slice(0, at + 2));
  });

  it('a total whose addends changed since is set to the sum of what is there now', () => {
    const at = lines.findIndex((l) => l.includes('（一）予以公开'));
    const cells = lines[at].split('|');
    const damaged = [...lines];
    damaged[at] = [...cells.slice(0, -2), ' 99999 ', ''].join('|');
    const old = analysisOf(damaged.join('\n'), 1);
    const stale = documentDiagnostics(old).find((d) => d.code === 'sum-row' && (d.data as { row: string }).row === 'granted')!;
    // The user changes the first addend by 1.
    const edited = [...damaged];
    const first = edited[at].split('|');
    first[2] = ` ${Number(first[2]) + 1} `;
    edited[at] = first.join('|');
    const text = edited.join('\n');
    const now = analysisOf(text, 2);
    const current = documentDiagnostics(now).find((d) => d.code === 'sum-row' && (d.data as { row: string }).row === 'granted')!;
    assert.equal(Number(current.data!.expected), Number(stale.data!.expected) + 1);
    const actions = codeActions(now, { textDocument: { uri: URI }, range: stale.range, context: { diagnostics: [stale] } });
    const fix = actions.find((a) => a.title.startsWith('将合计改为计算值'))!;
    assert.equal(fix.title, `将合计改为计算值 ${current.data!.expected}`);
    const fixed = analyze(applyEdits(text, editsOf(fix)));
    assert.ok(!fixed.diagnostics.some((d) => d.code === 'sum-row' && (d.data as { row: string }).row === 'granted'));
  });

  it('a diagnostic whose data names nothing gets no action', () => {
    const now = analysisOf(base);
    const bogus: Diagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
      message: 'x',
      source: 'xxgk',
      code: 'sum-row',
    };
    assert.deepEqual(codeActions(now, { textDocument: { uri: URI }, range: bogus.range, context: { diagnostics: [bogus] } }), []);
  });
});
