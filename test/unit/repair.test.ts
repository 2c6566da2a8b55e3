/** Error localisation (repair.ts): the cheapest repair, the diagnostics by cause, the edits, `xxgk fix`. */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FORMATS, analyze, parseReport, type FormatVersion, type Report } from '../../server/src/report/index';
import { NODE_BUDGET, findRepair, uniqueRepairEdits, type RepairResult } from '../../server/src/report/repair';
import { suspectHover } from '../../server/src/report/repairDiagnostics';
import { applyEdits, splitLines } from '../../server/src/report/ranges';
import { writeCell } from '../../server/src/report/cellWrite';
import { run } from '../../server/src/cli';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/features/settings';
import { analyzeText, type Analysis } from '../../server/src/features/analysis';
import { codeActions, fixAllSums } from '../../server/src/features/codeActions';
import { documentDiagnostics } from '../../server/src/features/diagnostics';
import { ROOT } from './helpers';
import { LAYOUTS, reportWith, seeded } from './reportGen';
import { judge, plantErrors, repairPlanted, type Outcome } from './repairGen';
import { tempDir } from './tempDir';

const EXAMPLE = readFileSync(join(ROOT, 'examples', '示例镇2023年报告-有错误.xxgk'), 'utf8');

const changes = (r: RepairResult) =>
  r.components.map((c) => ({
    table: c.table,
    status: c.status,
    repairs: c.repairs.map((x) => x.changes.map((ch) => `${ch.cell.rowKey}.${ch.cell.colKey}=${ch.to}`).sort()),
  }));

/** The repairs of a text's sums, as `changes` writes them. */
const repairsOf = (text: string) => changes(findRepair(analyze(text).derivations));

function zeros(format: FormatVersion): Record<string, number[]> {
  return Object.fromEntries(FORMATS[format].table3.rows.map((r) => [r.key, [0, 0, 0, 0, 0, 0, 0]]));
}

/**
 * Table 三 (2021) with a wrong （七）总计 row: 20 and 21 where the results add to 26 and 27, while
 * the balance holds with 20 and 21 — one of three result rows over-counts by 6, none preferred.
 */
function wrongTotalRow(): Record<string, number[]> {
  const t3 = zeros('2021');
  t3.granted = [14, 1, 0, 0, 0, 0, 15];
  t3.partial = [6, 0, 0, 0, 0, 0, 6];
  t3.u1 = [6, 0, 0, 0, 0, 0, 6];
  t3.total = [20, 1, 0, 0, 0, 0, 21];
  t3.new = [18, 1, 0, 0, 0, 0, 19];
  t3.carry = [2, 0, 0, 0, 0, 0, 2];
  return t3;
}

/** The text with the unique repairs applied through the shared edit function. */
function applyRepair(text: string): string {
  const { report, derivations } = analyze(text);
  const lines = splitLines(text);
  const edits = uniqueRepairEdits(findRepair(derivations)).map((e) => {
    const r = writeCell(lines, report, { table: e.table, row: e.rowKey, col: e.colKey }, String(e.value));
    assert.ok(r.ok, `edit of ${e.rowKey}.${e.colKey} refused`);
    return r.change;
  });
  return applyEdits(text, edits);
}

function values(report: Report): Record<string, (number | null)[]> {
  const out: Record<string, (number | null)[]> = {};
  for (const [k, r] of Object.entries({ ...report.table3?.rows, ...report.table4?.rows }))
    out[k] = r.cells.map((c) => (c.value.kind === 'int' ? c.value.value : null));
  return out;
}

describe('the cases of the issue, exactly', () => {
  it('bundled example: （一）予以公开·总计 6 is named, should be 5; both broken sums say so', () => {
    const { diagnostics } = analyze(EXAMPLE);
    const suspects = diagnostics.filter((d) => d.code === 'cell-suspect');
    assert.equal(suspects.length, 1);
    assert.equal(suspects[0].message, '「（一）予以公开·总计」很可能填错：应为 5（改后本表各项勾稽关系全部成立）');
    assert.equal(suspects[0].expected, '5');
    assert.equal(suspects[0].actual, '6');
    assert.equal(suspects[0].severity, 'error');
    assert.equal(suspects[0].related.length, 2, 'the two broken rules it explains');
    const sums = diagnostics.filter((d) => d.code.startsWith('sum-'));
    assert.deepEqual(
      sums.map((d) => d.code),
      ['sum-row', 'sum-results'],
    );
    for (const d of sums) {
      assert.match(d.message, /可由「（一）予以公开·总计」填错解释$/);
      assert.deepEqual((d.data as { explainedBy: unknown }).explainedBy, [{ table: 3, row: 'granted', col: 'total', value: '5' }]);
    }
    const en = analyze(EXAMPLE, { locale: 'en' }).diagnostics.find((d) => d.code === 'cell-suspect')!;
    assert.equal(en.message, '「（一）予以公开·总计」 is probably wrong: it should be 5 (with that change every sum of this table holds)');
    // The repair leaves no broken sum and no more errors.
    const fixed = analyze(applyRepair(EXAMPLE)).diagnostics;
    assert.equal(fixed.filter((d) => d.code.startsWith('sum-') || d.code === 'cell-suspect').length, 0);
    assert.ok(fixed.filter((d) => d.severity === 'error').length < diagnostics.filter((d) => d.severity === 'error').length);
  });

  it('a new report with 新收·自然人 3 and 予以公开·自然人 2: 结转下年度·自然人 should be 1', () => {
    const t3 = zeros('2021');
    t3.new[0] = 3;
    t3.granted[0] = 2;
    const text = reportWith('2021', 2023, t3, {}).text;
    assert.deepEqual(repairsOf(text), [
      {
        table: 3,
        status: 'unique',
        repairs: [
          ['forward.naturalPerson=1', 'forward.total=1', 'granted.total=2', 'new.total=3', 'total.naturalPerson=2', 'total.total=2'].sort(),
        ],
      },
    ]);
    const suspect = analyze(text).diagnostics.find(
      (d) => d.code === 'cell-suspect' && d.range.start.line === lineOf(text, '四、结转下年度'),
    );
    assert.ok(suspect);
    assert.match(suspect.message, /^「四、结转下年度继续办理·自然人」很可能填错：应为 1（连同/);
  });

  it('a wrong （七）总计 row (20 and 21; the results add to 26 and 27; the balance holds with 20 and 21)', () => {
    const t3 = wrongTotalRow();
    // Nothing carried forward: the total row cannot be the wrong one (结转下年度 would be −6), so
    // one of three result rows over-counts by 6 — equally cheap, none preferred.
    let text = reportWith('2021', 2023, t3, {}).text;
    assert.deepEqual(repairsOf(text), [
      {
        table: 3,
        status: 'ambiguous',
        repairs: [
          ['granted.naturalPerson=8', 'granted.total=9'],
          ['partial.naturalPerson=0', 'partial.total=0'],
          ['u1.naturalPerson=0', 'u1.total=0'],
        ],
      },
    ]);
    const { diagnostics } = analyze(text);
    assert.equal(diagnostics.filter((d) => d.code === 'cell-suspect').length, 0, 'no suspect without evidence');
    const amb = diagnostics.find((d) => d.code === 'repair-ambiguous')!;
    assert.match(amb.message, /3 种同样少的改法.*①「（一）予以公开·自然人」改为 8、「（一）予以公开·总计」改为 9；②/);
    assert.equal(amb.severity, 'information');
    // Six carried forward as well, so that the total row could be the wrong one (with 结转下年度):
    // that changes four written numbers, the result rows two — still three ways, none preferred.
    t3.forward = [6, 0, 0, 0, 0, 0, 6];
    t3.new = [24, 1, 0, 0, 0, 0, 25];
    text = reportWith('2021', 2023, t3, {}).text;
    const r = findRepair(analyze(text).derivations);
    assert.equal(r.components[0].status, 'ambiguous');
    assert.equal(r.components[0].repairs.length, 3);
    // Fix-all leaves an ambiguous table as it is (it used to rewrite the totals and trade errors).
    assert.equal(fixAllSums(text, DEFAULT_SETTINGS), text);
  });
});

const lineOf = (text: string, s: string) => text.split('\n').findIndex((l) => l.includes(s));

/** How many planted cases each k runs: 48, times FC_RUNS when set (the first 48 the same). */
const PLANTED = 48 * Number(process.env.FC_RUNS ?? 1);

describe('planted errors in consistent reports of every layout', () => {
  for (const k of [1, 2, 3]) {
    it(`k = ${k}: identifiable changes are named exactly and the fix restores them; otherwise the truth is an alternative or a cheaper repair exists`, () => {
      const rand = seeded(1000 + k);
      const counts: Record<Outcome, number> = { exact: 0, ambiguous: 0, smaller: 0, limit: 0, wrong: 0 };
      for (let i = 0; i < PLANTED; i++) {
        const layout = LAYOUTS[i % LAYOUTS.length];
        const format: FormatVersion = i % 2 ? '2019' : '2021';
        const p = plantErrors(format, rand, k, layout);
        const { result, plantedCost } = repairPlanted(p);
        const { outcome, detail } = judge(p, result, plantedCost);
        counts[outcome]++;
        assert.notEqual(outcome, 'wrong', `${format} ${layout}: planted ${JSON.stringify(p.planted)}: ${detail}`);
        if (outcome === 'exact') {
          // The suspects are exactly the planted cells, and the fix gives back the original values.
          const suspects = analyze(p.text).diagnostics.filter((d) => d.code === 'cell-suspect');
          assert.deepEqual(
            suspects.map((d) => `${(d.data as { row: string }).row}.${(d.data as { col: string }).col}=${d.expected}`).sort(),
            p.planted.map((x) => `${x.rowKey}.${x.colKey}=${x.from}`).sort(),
          );
          const fixed = applyRepair(p.text);
          assert.deepEqual(values(parseReport(fixed)), values(parseReport(p.original)), `${layout}: the fix restores the original`);
          if (layout !== 'canonical') assert.equal(fixed, p.original, 'only the cells change');
        }
      }
      assert.equal(counts.limit, 0, 'no bound hit for up to three wrong cells');
      if (k === 1) assert.ok(counts.exact >= (36 / 48) * PLANTED, `most single changes are named exactly (${JSON.stringify(counts)})`);
    });
  }
});

describe('diagnostics by cause', () => {
  it('xxgk.hideExplained leaves out the explained sums, keeps the suspect', () => {
    const { report, derivations } = analyze(EXAMPLE);
    void report;
    const all = analyze(EXAMPLE).diagnostics;
    const hidden = analyze(EXAMPLE, { hideExplained: true }).diagnostics;
    assert.equal(hidden.filter((d) => d.code.startsWith('sum-')).length, 0);
    assert.equal(hidden.filter((d) => d.code === 'cell-suspect').length, 1);
    assert.equal(all.length - hidden.length, 2);
    assert.ok(derivations.length > 0);
  });

  it('a blank or missing cell is filled from the sums: the suspect says it has no number and what it should be', () => {
    const t3 = zeros('2021');
    t3.granted = [2, 1, 0, 0, 0, 0, 3];
    t3.total = [2, 1, 0, 0, 0, 0, 3];
    t3.new = [2, 1, 0, 0, 0, 0, 3];
    const good = reportWith('2021', 2023, t3, {}, 'tabs').text;
    // The total missing (a trailing tab): inserted after that tab.
    let text = good.replace(/(（一）予以公开(\t\d+){6})\t3/, '$1\t');
    let s = analyze(text).diagnostics.find((d) => d.code === 'cell-suspect')!;
    assert.match(s.message, /^「（一）予以公开·总计」没有有效数值：按勾稽关系应为 3/);
    assert.equal(applyRepair(text), good);
    // A blank figure between two tabs.
    text = good.replace(/(（一）予以公开\t2\t)1/, '$1');
    s = analyze(text).diagnostics.find((d) => d.code === 'cell-suspect')!;
    assert.match(s.message, /^「（一）予以公开·商业企业」没有有效数值：按勾稽关系应为 1（填后/);
    assert.equal(applyRepair(text), good);
  });

  it('hover on a suspect shows the rules and their figures before and after', () => {
    const { report, derivations } = analyze(EXAMPLE);
    const result = findRepair(derivations);
    const cell = report.table3!.rows.granted.cells[6];
    const md = suspectHover(report, derivations, result, cell, 'zh')!;
    assert.match(md, /「（一）予以公开·总计」很可能填错：填写 6，应为 5/);
    assert.match(md, /总计 = 各类申请人之和 \| 6 ≠ 5 \| 5 = 5 \|/);
    assert.match(md, /（七）总计 = 各项办理结果之和 \| 13 ≠ 14 \| 13 = 13 \|/);
    assert.equal(suspectHover(report, derivations, result, report.table3!.rows.granted.cells[0], 'zh'), null);
  });

  it('bounded on any input: a table of random numbers gives repair-limit (information), no suspect, quickly', () => {
    const rand = seeded(7);
    const t3 = Object.fromEntries(FORMATS['2021'].table3.rows.map((r) => [r.key, Array.from({ length: 7 }, () => rand(90))]));
    const text = reportWith('2021', 2023, t3, {}).text;
    const { derivations, diagnostics } = analyze(text);
    const r = findRepair(derivations);
    assert.equal(r.components[0].status, 'limit');
    assert.ok(r.components[0].nodes <= NODE_BUDGET + 1);
    const limit = diagnostics.filter((d) => d.code === 'repair-limit');
    assert.equal(limit.length, 1);
    assert.equal(limit[0].severity, 'information');
    assert.equal(diagnostics.filter((d) => d.code === 'cell-suspect').length, 0);
  });

  it('table 四: one equation per group, so a broken group is ambiguous unless its total was never filled in', () => {
    const t4 = { review: [1, 0, 0, 1, 3], direct: [0, 1, 0, 0, 1], post: [0, 0, 0, 0, 0] };
    let text = reportWith('2021', 2023, zeros('2021'), t4).text;
    assert.deepEqual(repairsOf(text), [
      {
        table: 4,
        status: 'ambiguous',
        repairs: [['review.maintained=2'], ['review.corrected=1'], ['review.other=1'], ['review.pending=2'], ['review.total=2']],
      },
    ]);
    text = reportWith('2021', 2023, zeros('2021'), { ...t4, review: [1, 0, 0, 1, 0] }).text;
    assert.deepEqual(repairsOf(text), [{ table: 4, status: 'unique', repairs: [['review.total=2']] }]);
  });
});

describe('cell edits', () => {
  const t3 = zeros('2021');
  t3.granted = [1, 2, 3, 0, 0, 0, 6];
  t3.total = [1, 2, 3, 0, 0, 0, 6];
  t3.new = [1, 2, 3, 0, 0, 0, 6];
  for (const layout of ['canonical', 'tabs', 'pdf'] as const) {
    it(`a missing last cell is inserted with its separator (${layout})`, () => {
      const good = reportWith('2021', 2023, t3, {}, layout).text;
      const lines = good.split('\n');
      const i = lines.findIndex((l) => l.includes('（一）予以公开'));
      lines[i] = layout === 'canonical' ? lines[i].replace(/\|\s*6\s*\|$/, '|') : lines[i].replace(/\s+6$/, '');
      const text = lines.join('\n');
      const report = parseReport(text);
      // (PDF text writes nothing for a blank cell: the row's sums place its blank at the total.)
      assert.equal(report.table3!.rows.granted.cells[6].value.kind, layout === 'pdf' ? 'blank' : 'missing');
      const fixed = applyRepair(text);
      assert.deepEqual(values(parseReport(fixed)), values(parseReport(good)));
      const fixedLine = fixed.split('\n')[i];
      assert.ok(fixedLine.startsWith(lines[i]), 'nothing before the insertion changes');
      if (layout !== 'canonical') assert.equal(fixed, good);
    });
  }
  it('refuses to insert a missing cell when the row is not on one line', () => {
    const good = reportWith('2021', 2023, t3, {}, 'cellPerLine').text;
    const report = parseReport(good);
    // Make the model say the cell is missing (as a damaged row would): the edit has no safe place.
    const row = report.table3!.rows.granted;
    row.cells[6] = { ...row.cells[6], raw: '', value: { kind: 'missing' } };
    const r = writeCell(splitLines(good), report, { table: 3, row: 'granted', col: 'total' }, '6');
    assert.deepEqual(r, { ok: false, reason: 'missing-layout' });
  });
});

describe('xxgk fix', () => {
  const dir = tempDir('xxgk-fix-');
  it('prints exactly the cells and labels changed; writes only with -o or --write', () => {
    const file = join(dir, 'ex.xxgk');
    writeFileSync(file, EXAMPLE);
    const dry = run(['fix', file]);
    assert.equal(dry.code, 0);
    assert.deepEqual(dry.stdout.split('\n'), [
      '27:143: 「（一）予以公开·总计」 6 → 5',
      '31:7: 「2.其他法律法规禁止公开」 → 「2.其他法律行政法规禁止公开」',
      '共 2 处修改；未写入（用 -o 文件 或 --write 写入）',
    ]);
    assert.equal(readFileSync(file, 'utf8'), EXAMPLE);
    const out = join(dir, 'out.xxgk');
    assert.equal(run(['fix', file, '-o', out]).code, 0);
    const fixed = readFileSync(out, 'utf8');
    const a = EXAMPLE.split('\n');
    const b = fixed.split('\n');
    assert.equal(a.length, b.length);
    const differ = a.map((l, i) => (l === b[i] ? -1 : i)).filter((i) => i >= 0);
    assert.deepEqual(differ, [26, 30]);
    assert.equal(b[26], a[26].slice(0, 142) + '5' + a[26].slice(143));
    assert.equal(analyze(fixed).diagnostics.filter((d) => d.code.startsWith('sum-')).length, 0);
    assert.equal(run(['fix', file, '--write']).code, 0);
    assert.equal(readFileSync(file, 'utf8'), fixed);
    assert.equal(run(['fix', file]).stdout, '没有可以安全修正的内容');
  });
  it('fills blanks only with --fill-blanks; keeps a BOM; refuses what it cannot write back', () => {
    const text = '\uFEFF' + reportWith('2021', 2023, zeros('2021'), {}, 'tabs').text.replace(/(（一）予以公开(\t0){5})\t0/, '$1\t');
    const file = join(dir, 'blank.txt');
    writeFileSync(file, text);
    assert.equal(run(['fix', file]).stdout, '没有可以安全修正的内容');
    const r = run(['fix', '--fill-blanks', '--write', file]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /「（一）予以公开·其他」 （空） → 0/);
    assert.equal(readFileSync(file, 'utf8'), text.replace(/(（一）予以公开(\t0){5})\t/, '$1\t0'));
    assert.ok(readFileSync(file, 'utf8').startsWith('\uFEFF'));
    const gb = join(dir, 'gb.txt');
    writeFileSync(gb, Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a]));
    assert.equal(run(['fix', gb]).code, 2);
    assert.equal(run(['fix']).code, 2);
    assert.equal(run(['fix', file, '-o', 'x', '--write']).code, 2);
  });
  it('leaves an ambiguous table alone and says so (exit 1)', () => {
    const t4 = { review: [1, 0, 0, 1, 2], direct: [0, 1, 0, 0, 1], post: [0, 0, 0, 0, 0] };
    const t3 = wrongTotalRow();
    const file = join(dir, 'amb.xxgk');
    writeFileSync(file, reportWith('2021', 2023, t3, t4).text);
    const r = run(['fix', file, '--write']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /表三：有多种同样少的改法，未修改/);
  });
});

function analysisOf(text: string, settings = { ...DEFAULT_SETTINGS, maxProblems: 100000 }): Analysis {
  return { uri: 'file:///repair.xxgk', version: 1, text, settings, ...analyzeText(text, settings) };
}

function actionsFor(analysis: Analysis, code: string) {
  const diagnostic = documentDiagnostics(analysis).find((d) => d.code === code)!;
  assert.ok(diagnostic, code);
  return codeActions(analysis, {
    textDocument: { uri: analysis.uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], only: ['quickfix'] },
  });
}

const errorsOf = (text: string) => analyze(text).diagnostics.filter((d) => d.severity === 'error').length;

describe('quick fixes, fix-all and settings from the repair', () => {
  it('bundled example: the preferred fix on sum-results sets （一）予以公开·总计 to 5, not （七）总计 to 14', () => {
    const analysis = analysisOf(EXAMPLE);
    for (const code of ['sum-results', 'sum-row', 'cell-suspect']) {
      const actions = actionsFor(analysis, code);
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, code);
      // On sum-row the repair is that very total: one action, with the set-the-total title.
      assert.equal(preferred[0].title, code === 'sum-row' ? '将合计改为计算值 5' : '按最少改动修正：（一）予以公开·总计改为 5');
      const fixed = applyEdits(EXAMPLE, preferred[0].edit!.changes![analysis.uri]);
      assert.ok(errorsOf(fixed) < errorsOf(EXAMPLE));
      assert.equal(analyze(fixed).diagnostics.filter((d) => d.code.startsWith('sum-')).length, 0);
    }
    const onResults = actionsFor(analysis, 'sum-results');
    const setTotal = onResults.find((a) => a.title === '将合计改为计算值 14')!;
    assert.ok(setTotal && !setTotal.isPreferred, 'set-the-total stays, not preferred');
    assert.equal(
      fixAllSums(EXAMPLE, DEFAULT_SETTINGS),
      applyEdits(EXAMPLE, onResults.find((a) => a.isPreferred)!.edit!.changes![analysis.uri]),
    );
  });

  it('the new-report case: the preferred fix on sum-balance gives 结转下年度·自然人 1', () => {
    const t3 = zeros('2021');
    t3.new[0] = 3;
    t3.granted[0] = 2;
    const text = reportWith('2021', 2023, t3, {}).text;
    const [preferred] = actionsFor(analysisOf(text), 'sum-balance').filter((a) => a.isPreferred);
    const fixed = applyEdits(text, preferred.edit!.changes!['file:///repair.xxgk']);
    t3.new[6] = 3;
    t3.granted[6] = 2;
    t3.total = [2, 0, 0, 0, 0, 0, 2];
    t3.forward = [1, 0, 0, 0, 0, 0, 1];
    assert.deepEqual(values(parseReport(fixed)), values(parseReport(reportWith('2021', 2023, t3, {}).text)));
    assert.equal(errorsOf(fixed), 0);
  });

  it('an ambiguous table: every alternative offered, none preferred', () => {
    const t4 = { review: [1, 0, 0, 1, 3], direct: [0, 0, 0, 0, 0], post: [0, 0, 0, 0, 0] };
    const text = reportWith('2021', 2023, zeros('2021'), t4).text;
    const actions = actionsFor(analysisOf(text), 'sum-review');
    assert.equal(actions.filter((a) => a.isPreferred).length, 0);
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        '改法1（多种同样少的改法之一）：行政复议·结果维持改为 2',
        '改法2（多种同样少的改法之一）：行政复议·结果纠正改为 1',
        '改法3（多种同样少的改法之一）：行政复议·其他结果改为 1',
        '改法4（多种同样少的改法之一）：行政复议·尚未审结改为 2',
        '改法5（多种同样少的改法之一）：行政复议·总计改为 2',
        '将合计改为计算值 2',
      ],
    );
    assert.equal(fixAllSums(text, DEFAULT_SETTINGS), text, 'fix-all leaves an ambiguous table alone');
  });

  it('planted errors: a preferred fix never adds errors, and changes only the repaired cells', () => {
    const rand = seeded(77);
    for (let i = 0; i < 24; i++) {
      const layout = LAYOUTS[i % LAYOUTS.length];
      const p = plantErrors(i % 2 ? '2019' : '2021', rand, 1 + (i % 3), layout);
      const analysis = analysisOf(p.text);
      const before = errorsOf(p.text);
      for (const d of documentDiagnostics(analysis)) {
        const actions = codeActions(analysis, {
          textDocument: { uri: analysis.uri },
          range: d.range,
          context: { diagnostics: [d], only: ['quickfix'] },
        });
        for (const a of actions.filter((x) => x.isPreferred)) {
          const fixed = applyEdits(p.text, a.edit!.changes![analysis.uri]);
          assert.ok(errorsOf(fixed) <= before, `${layout}: "${a.title}" adds errors`);
          if (layout !== 'canonical') {
            const a1 = p.text.split('\n');
            const b1 = fixed.split('\n');
            assert.equal(a1.length, b1.length);
          }
        }
      }
      assert.ok(errorsOf(fixAllSums(p.text, DEFAULT_SETTINGS)) <= before);
    }
  });

  it('xxgk.hideExplained is read from the settings and hides the explained sums', () => {
    const settings = readSettings({ hideExplained: true });
    assert.equal(settings.hideExplained, true);
    assert.equal(readSettings({}).hideExplained, false);
    const codes = documentDiagnostics(analysisOf(EXAMPLE, settings)).map((d) => d.code);
    assert.ok(codes.includes('cell-suspect') && !codes.includes('sum-row') && !codes.includes('sum-results'));
  });
});
