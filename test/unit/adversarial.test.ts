/**
 * Adversarial inputs: each must give a clear diagnostic or a clear refusal, never a crash, an
 * unbounded wait or a memory blow-up. Big inputs are generated here (never committed); each test
 * has a time bound several times what it takes on a 2-core CI machine.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze, FORMATS, SECTIONS, type FormatVersion, type Range, type Report } from '../../server/src/report/index';
import { run } from '../../server/src/cli';
import { analyzeText } from '../../server/src/features/analysis';
import { fixAllSums } from '../../server/src/features/codeActions';
import { documentDiagnostics } from '../../server/src/features/diagnostics';
import { formatTables } from '../../server/src/features/formatting';
import { DEFAULT_SETTINGS, readSettings } from '../../server/src/features/settings';
import { BackgroundAnalyzer, isLarge } from '../../server/src/features/background';
import { ROOT } from './helpers';
import { sample } from './helpers';
import { consistentReport, seeded } from './reportGen';

const MB = 1024 * 1024;

function inside(report: Report, r: Range): boolean {
  const ok = (p: Range['start']) =>
    p.line >= 0 && p.line < report.lineLengths.length && p.character >= 0 && p.character <= report.lineLengths[p.line];
  return ok(r.start) && ok(r.end);
}

/** Runs fn, checks it took less than `ms`, returns its result. */
function within<T>(ms: number, what: string, fn: () => T): T {
  const started = performance.now();
  const result = fn();
  const took = performance.now() - started;
  assert.ok(took < ms, `${what} took ${took.toFixed(0)} ms (bound ${ms} ms)`);
  return result;
}

/** The engine's result checked: ranges inside, a bounded number of problems shown. */
function checked(text: string, ms: number, what: string) {
  const result = within(ms, what, () => analyze(text));
  for (const d of result.diagnostics) assert.ok(inside(result.report, d.range), `${what}: ${d.code} range inside`);
  const shown = documentDiagnostics({ uri: 'file:///a', version: 1, text, settings: DEFAULT_SETTINGS, ...result });
  assert.ok(shown.length <= DEFAULT_SETTINGS.maxProblems);
  return result;
}

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'xxgk-adversarial-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('adversarial: size', () => {
  it('a 50 MB file: checked by the command line in seconds, in bounded memory', () => {
    const unit = sample('000');
    const copies = Math.ceil((50 * MB) / Buffer.byteLength(unit));
    const path = join(dir, 'fifty-mb.txt');
    writeFileSync(path, Array.from({ length: copies }, () => unit).join('\n'));
    const rssBefore = process.memoryUsage().rss;
    const r = within(60_000, '50 MB check', () => run(['check', '--format', 'json', path]));
    const rssGrowth = (process.memoryUsage().rss - rssBefore) / MB;
    assert.ok(r.code === 0 || r.code === 1, `checked, not refused or crashed (exit ${r.code}: ${r.stderr.slice(0, 200)})`);
    const json = JSON.parse(r.stdout);
    assert.ok(
      json.files[0].diagnostics.some((d: { code: string }) => d.code === 'section-order'),
      'the repeated sections are reported',
    );
    assert.ok(rssGrowth < 2048, `memory grew by ${rssGrowth.toFixed(0)} MB`);
  });

  it('a 50 MB document is over the editor limit (checked on save only)', () => {
    const text = 'x'.repeat(50 * MB);
    const large = (t: string, mb: number) => isLarge(t.length, () => t, mb);
    assert.equal(large(text, DEFAULT_SETTINGS.maxFileSizeMB), true);
    assert.equal(large('报'.repeat(2 * MB), 5), true, '2 M CJK characters are 6 MB of UTF-8');
    assert.equal(large('报'.repeat(MB), 5), false);
    assert.equal(large(sample('000'), 5), false);
  });

  it('a single line of 5 million characters, plain, digits, tabs, pipes', () => {
    for (const unit of ['报', '1 ', '1\t', '| 1 ', '（七）总计 ']) {
      const line = unit.repeat(Math.ceil(5_000_000 / unit.length));
      const { report } = checked(line, 10_000, `5M line of ${JSON.stringify(unit)}`);
      assert.equal(report.lineLengths.length, 1);
      within(10_000, 'formatting it', () => formatTables(line));
    }
    // In a report: the long line sits in section 一; everything else is still read.
    const text = consistentReport('2021', seeded(3)).text.replace('本段为生成的示例文字。', '长'.repeat(5_000_000));
    const { diagnostics } = checked(text, 10_000, 'report with a 5M line');
    assert.deepEqual(
      diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
  });

  it('a report with every table repeated 1,000 times', () => {
    const { text } = consistentReport('2021', seeded(7));
    const lines = text.split('\n');
    const from = lines.findIndex((l) => l === SECTIONS[1].heading);
    const to = lines.findIndex((l) => l === SECTIONS[4].heading);
    const tables = lines.slice(from, to).join('\n');
    const repeated = [...lines.slice(0, from), ...Array.from({ length: 1000 }, () => tables), ...lines.slice(to)].join('\n');
    const { diagnostics } = checked(repeated, 15_000, 'tables ×1000');
    assert.ok(
      diagnostics.some((d) => d.code === 'section-order'),
      'the repeated sections are reported',
    );
    within(30_000, 'fix-all on it', () => fixAllSums(repeated, DEFAULT_SETTINGS));
  });

  // (Lists as long as the input were once spread into calls, push(...problems): over some 100,000
  // elements that overflows the call stack.)
  it('a table 三 of 200,000 rows outside the format: each reported, no stack overflow', () => {
    const { text } = consistentReport('2021', seeded(7));
    const at = text.indexOf('| 四、结转下年度继续办理');
    const rows = Array.from({ length: 200_000 }, (_, i) => `| 自定义事项${i} | 0 | 0 | 0 | 0 | 0 | 0 | 0 |`).join('\n');
    const { diagnostics } = checked(text.slice(0, at) + rows + '\n' + text.slice(at), 30_000, '200,000 foreign rows');
    assert.equal(diagnostics.filter((d) => d.code === 'row-unknown').length, 200_000);
  });
});

describe("adversarial: background analysis (the server's worker thread)", () => {
  const workerFile = join(ROOT, 'dist', 'checkWorker.js');

  it('a newer version supersedes the running analysis of an older one', async () => {
    const analyzer = new BackgroundAnalyzer(workerFile);
    try {
      const big = sample('000').repeat(4000);
      const older = analyzer.analyze('file:///a', 1, big, DEFAULT_SETTINGS);
      await new Promise((r) => setTimeout(r, 50));
      const newer = analyzer.analyze('file:///a', 2, sample('001'), DEFAULT_SETTINGS);
      const started = performance.now();
      assert.equal(await older, null, 'the older analysis is given up');
      const result = await newer;
      assert.equal(result?.version, 2);
      assert.ok(result.report.sections.length > 0);
      assert.equal(analyzer.superseded, 1);
      assert.ok(performance.now() - started < 5000, 'the newer one did not wait for the older one to finish');
    } finally {
      analyzer.dispose();
    }
  });

  it('without the worker file the analysis runs in this thread', async () => {
    const analyzer = new BackgroundAnalyzer(join(ROOT, 'dist', 'no-such-worker.js'));
    try {
      // Without the worker file the analysis runs in this thread after the current message.
      const result = await analyzer.analyze('file:///b', 3, sample('002'), DEFAULT_SETTINGS);
      assert.equal(result?.version, 3);
    } finally {
      analyzer.dispose();
    }
  });
});

describe('adversarial: bytes', () => {
  it('a binary file is refused clearly (exit 2), not read as text', () => {
    const bytes = Buffer.from(Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24));
    const path = join(dir, 'binary.xxgk');
    writeFileSync(path, bytes);
    const r = run(['check', path]);
    assert.equal(r.code, 2);
    assert.match(r.stdout + r.stderr, /不是文本文件|not a text file|无法识别文件编码|unknown encoding/);
    // The same bytes as an editor might hand them over (Latin-1 decoded): a model, no crash.
    checked(bytes.toString('latin1'), 5_000, 'binary as text');
  });

  it('binary without NUL bytes and invalid UTF-8 are refused or read, never a crash', () => {
    const noNul = Buffer.from(Array.from({ length: 100_000 }, (_, i) => 1 + (((i * 2654435761) >>> 24) % 255)));
    const report = Buffer.from(sample('000'), 'utf8');
    const broken = Buffer.concat([
      report.subarray(0, 5000),
      Buffer.from([0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80]),
      report.subarray(5001),
    ]);
    for (const [name, bytes] of [
      ['no-nul.txt', noNul],
      ['invalid-utf8.txt', broken],
    ] as const) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const r = run(['check', path]);
      assert.ok(r.code === 1 || r.code === 2, `${name}: exit ${r.code}`);
      if (r.code === 2) assert.match(r.stdout + r.stderr, /无法识别文件编码|unknown encoding/);
      checked(new TextDecoder('utf-8').decode(bytes), 5_000, `${name} decoded with replacement characters`);
    }
  });

  it('lone surrogates, NULs, every line end and BOMs in the middle', () => {
    const ends = ['\n', '\r\n', '\r', '\u2028', '\n\r'];
    const text = sample('002')
      .split('\n')
      .map(
        (l, i) => (i % 5 === 0 ? '\ud800' + l : i % 5 === 1 ? l + '\u0000\udfff' : i % 5 === 2 ? '\ufeff' + l : l) + ends[i % ends.length],
      )
      .join('');
    checked(text, 5_000, 'surrogates');
    checked(
      sample('003').replace(/\n/g, (_, i: number) => (i % 3 ? '\r' : '\r\n')),
      5_000,
      'mixed line ends',
    );
  });
});

describe('adversarial: garbled tables', () => {
  it('deeply nested and garbled tables', () => {
    const t3 = FORMATS['2021'].table3;
    const inputs = [
      // Pipes inside pipes, a thousand deep.
      '三、收到和处理政府信息公开申请情况\n' + '|'.repeat(1000) + '\n' + '| '.repeat(500) + t3.rows[0].label + ' |'.repeat(500),
      // Rows with thousands of cells.
      '三、收到和处理政府信息公开申请情况\n' + t3.rows.map((r) => `| ${r.label} ${'| 1 '.repeat(3000)}|`).join('\n'),
      // Labels indented a thousand levels, every row its own group head.
      '三、收到和处理政府信息公开申请情况\n' +
        t3.rows.map((r, i) => `| ${'  '.repeat(1000 + i)}${r.groups.join('')}${r.label} | 1 |`).join('\n'),
      // Tables inside table cells, headings inside rows.
      SECTIONS.map((s) => `| ${s.heading} | ${t3.rows.map((r) => r.label).join(' | ')} |`).join('\n'),
      // Every label on one line, numbers on the next, tabs and spaces interleaved.
      t3.rows.map((r) => r.label).join('\t') + '\n' + Array.from({ length: t3.rows.length * 7 }, (_, i) => String(i)).join(' \t '),
      // One cell per line, no blank lines, no labels.
      Array.from({ length: 20_000 }, (_, i) => `\t${i % 7}`).join('\n'),
      // Headings repeated, out of order, thousands of times.
      Array.from({ length: 3000 }, (_, i) => SECTIONS[(i * 5) % 6].heading).join('\n'),
    ];
    for (const [i, text] of inputs.entries()) {
      const { report, diagnostics } = checked(text, 10_000, `garbled #${i}`);
      // Every line is kept, and garbage is never taken for a clean report.
      assert.equal(report.lineLengths.length, text.split(/\r\n|\r|\n/).length, `garbled #${i}: every line kept`);
      assert.ok(
        diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning'),
        `garbled #${i}: an error or a warning, got ${diagnostics.map((d) => d.code).join(', ') || 'none'}`,
      );
      within(10_000, `formatting garbled #${i}`, () => formatTables(text));
    }
  });

  it('every row label with one character removed or doubled gives a diagnostic', () => {
    for (const f of ['2019', '2021'] as FormatVersion[]) {
      const { text } = consistentReport(f, seeded(11));
      const labels = [
        ...FORMATS[f].table3.rows.map((r) => ({ written: '  '.repeat(r.depth) + r.label, label: r.label })),
        ...FORMATS[f].table2.flatMap((t) => t.rows.map((r) => ({ written: r.label, label: r.label }))),
      ];
      for (const { written, label } of labels) {
        const prefix = written.slice(0, written.length - label.length);
        const chars = [...label];
        for (let i = 0; i < chars.length; i++) {
          for (const mode of ['removed', 'doubled']) {
            const mutated =
              mode === 'removed'
                ? [...chars.slice(0, i), ...chars.slice(i + 1)].join('')
                : [...chars.slice(0, i + 1), ...chars.slice(i)].join('');
            const changed = text.replace(`| ${written} `, `| ${prefix}${mutated} `);
            assert.notEqual(changed, text, `${label} found in the ${f} report`);
            const { diagnostics } = analyze(changed);
            assert.ok(diagnostics.length > 0, `${f} ${label}: character ${i} ${mode} → no diagnostic`);
          }
        }
      }
    }
  });

  it('table 四 row labels with one character removed or doubled give a diagnostic, and the rows are still read', () => {
    for (const f of ['2019', '2021'] as FormatVersion[]) {
      const { text, t4 } = consistentReport(f, seeded(13));
      for (const label of ['行政复议', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）']) {
        const chars = [...label];
        for (let i = 0; i < chars.length; i++) {
          for (const mode of ['removed', 'doubled']) {
            const mutated =
              mode === 'removed'
                ? [...chars.slice(0, i), ...chars.slice(i + 1)].join('')
                : [...chars.slice(0, i + 1), ...chars.slice(i)].join('');
            const { report, diagnostics } = analyze(text.replace(`| ${label} `, `| ${mutated} `));
            assert.deepEqual(
              diagnostics.map((d) => d.code),
              ['label-variant'],
              `${f} ${mutated}`,
            );
            for (const key of ['review', 'direct', 'post']) {
              assert.deepEqual(
                report.table4?.rows[key]?.cells.map((c) => (c.value.kind === 'int' ? c.value.value : null)),
                t4[key],
                `${f} ${mutated}: ${key}`,
              );
            }
          }
        }
      }
    }
  });

  it('editor settings from a misbehaving client are read defensively', () => {
    const text = sample('004');
    for (const raw of [
      null,
      42,
      'x',
      { maxFileSizeMB: -1, maxProblems: 'many', severity: { 'sum-row': 'fatal' } },
      { maxFileSizeMB: '' },
    ]) {
      const settings = readSettings(raw);
      assert.ok(settings.maxFileSizeMB > 0);
      assert.ok(analyzeText(text, settings).report);
    }
  });
});
