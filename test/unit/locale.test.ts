/**
 * One localisation path: everything the server shows a user — diagnostics (messages and related
 * information) of real and damaged reports, hovers on every total, row label and heading, every
 * code-action title, completion items (label, detail, documentation), symbols, inlay-hint
 * tooltips and the server's own messages — and everything the command line prints (help, usage
 * errors, check summaries, fix reports) — rendered in `en` has no Chinese outside official
 * wording, and in `zh` no English sentence. The command line's sources hold no text of their own.
 *
 * Official wording, which English keeps as it is (it is what users see in their tables):
 * every string of format.json's formats, sections, headingVariants and labelVariants (captions,
 * row/column/group labels, headings, notices, variants). Text between quotation marks (“…”, 「…」)
 * is quoted: the user's own text, or official wording cited. Symbol details are the heading as the
 * user wrote it, and completion edits insert report text: neither is ours to translate. The
 * command line's synopses (`xxgk check [--format text|json] …`) are syntax, and the source lines it
 * echoes under a diagnostic are the report's text: both are left out of its output.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { RULE_CODES, localize } from '../../server/src/report/index';
import { messageIds } from '../../server/src/report/messages';
import formatJson from '../../server/src/report/format.json';
import { analyzeText, type Analysis } from '../../server/src/features/analysis';
import { codeActions } from '../../server/src/features/codeActions';
import { completion } from '../../server/src/features/completion';
import { documentDiagnostics } from '../../server/src/features/diagnostics';
import { hover } from '../../server/src/features/hover';
import { inlayHints } from '../../server/src/features/inlayHints';
import { documentSymbols } from '../../server/src/features/symbols';
import { markupActions, markupDiagnostics, markupView, mayHoldMarkup } from '../../server/src/features/markup';
import { consistentValues, markupText, reportParts } from './ioGen';
import { applyEdits, splitLines } from '../../server/src/report/ranges';
import { DEFAULT_SETTINGS, type LocaleSetting } from '../../server/src/features/settings';
import { run } from '../../server/src/cli';
import { ROOT } from './helpers';
import { LAYOUTS, consistentReport, reportWith, seeded } from './reportGen';
import { tempDir } from './tempDir';

/** Every string value under format.json's data (not its `about` notes), longest first. */
const OFFICIAL: string[] = (() => {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const data = formatJson as Record<string, unknown>;
  for (const key of ['formats', 'sections', 'headingVariants', 'labelVariants']) walk(data[key]);
  walk(Object.keys((data.labelVariants ?? {}) as object));
  return [...out].filter((s) => /\p{Script=Han}/u.test(s)).sort((a, b) => b.length - a.length);
})();

const HAN = /\p{Script=Han}/u;

/** What is left of an English string once quoted text and official wording are taken out. */
function unofficial(text: string): string {
  let rest = text;
  for (const o of OFFICIAL) if (rest.includes(o)) rest = rest.split(o).join(' ');
  return rest.replace(/“[^”]*”|「[^」]*」/g, ' ');
}

/** Three English words in a row, outside code spans and setting names. */
const ENGLISH_SENTENCE = /[A-Za-z]{2,}(?:[ ’'-]+[A-Za-z]{2,}){2,}/;
const withoutCode = (text: string) => text.replace(/`[^`]*`/g, ' ').replace(/xxgk(?:\.[A-Za-z]+)*/g, ' ');

// ---- the reports rendered

const real = [
  ...readdirSync(join(ROOT, 'test/fixtures/samples'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(ROOT, 'test/fixtures/samples', f), 'utf8')),
  ...readdirSync(join(ROOT, 'test/fixtures/real'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(ROOT, 'test/fixtures/real', f), 'utf8')),
];

/** Damaged reports, so that every rule has something to say. */
function damaged(): string[] {
  const out: string[] = [];
  for (const [i, layout] of LAYOUTS.entries()) {
    for (const format of ['2019', '2021'] as const) {
      const { text, year } = consistentReport(format, seeded(100 + i), layout);
      const lines = splitLines(text);
      const edit = (f: (ls: string[]) => void) => {
        const ls = [...lines];
        f(ls);
        out.push(ls.join('\n'));
      };
      edit((ls) => {
        // A wrong total, a placeholder, a blank, a label variant, a heading variant.
        const at = ls.findIndex((l) => l.includes('（一）予以公开'));
        ls[at] = ls[at].replace(/\d+(\s*\|?\s*)$/, '99999$1');
        const secret = ls.findIndex((l) => l.includes('1.属于国家秘密'));
        ls[secret] = ls[secret].replace(/\d+/, '无').replace('1.属于国家秘密', '1、属于国家秘密');
        const h1 = ls.indexOf('一、总体情况');
        ls[h1] = '一、总体概况';
        // Narrative figures and claims the tables contradict.
        ls.splice(h1 + 1, 0, '本年度共收到政府信息公开申请99999件，全部办结。2015年我单位未发生行政复议、行政诉讼。本年度未收取任何费用。');
        // 规章 of a town government, which cannot make them.
        const rules = ls.findIndex((l) => /^\|\s*规章\s*\|/.test(l));
        if (rules >= 0) ls[rules] = ls[rules].replace(/(\|\s*规章\s*\|\s*)\d+/, '$13');
      });
      // The balance and a table 四 total broken, wherever the layout puts them.
      const { derivations } = analyzeText(text, DEFAULT_SETTINGS);
      const cells = (['sum-balance', 'sum-review'] as const).map((rule) => derivations.find((d) => d.rule === rule)!.total.range);
      out.push(
        applyEdits(
          text,
          cells.map((range) => ({ range, newText: '7777' })),
        ),
      );
      edit((ls) => {
        // Sections 五 left out and 六 before 四, a row left out, the year of the other format.
        const h5 = ls.indexOf('五、存在的主要问题及改进情况');
        ls.splice(h5, 2);
        const row = ls.findIndex((l) => l.includes('6.属于四类过程性信息'));
        ls.splice(row, 1);
        ls[0] = ls[0].replace(String(year), format === '2019' ? '2023' : '2019');
        ls.push('三、收到和处理政府信息公开申请情况', '重复的一节。', '本表格之外的一行 | 5 | 6 |');
      });
      edit((ls) => {
        // Table 四 left out, an amount without a unit, section 一 empty.
        const h4 = ls.findIndex((l) => l.startsWith('四、'));
        const h5 = ls.findIndex((l) => l.startsWith('五、'));
        ls.splice(h4 + 1, h5 - h4 - 1);
        const buy = ls.findIndex((l) => l.includes('政府集中采购'));
        if (buy >= 0) ls[buy] = ls[buy].replace(/0(\s*\|\s*)$/, '12.5$1');
        const h1 = ls.findIndex((l) => l.startsWith('一、'));
        ls[h1 + 1] = '';
      });
    }
  }
  return out;
}

/** A report whose tables are HTML markup (as PDF→Markdown converters write them), one total broken: read through the markup. */
function markup(): string {
  const values = consistentValues('2021', 12);
  values.granted = [...values.granted];
  values.granted[6] = String(Number(values.granted[6]) + 1);
  return markupText(reportParts('某某县人民政府', 2022, '2021', values), 'mineru');
}

const reports = [...real, ...damaged(), markup()];

interface Rendered {
  where: string;
  text: string;
}

/** Everything shown to a user for a report, in a locale. */
function render(text: string, locale: LocaleSetting): Rendered[] {
  const settings = { ...DEFAULT_SETTINGS, locale, inlayHints: { enabled: true } };
  const analysis: Analysis = {
    uri: 'file:///r.txt',
    version: 1,
    text,
    settings,
    ...analyzeText(text, settings),
    markupHint: mayHoldMarkup(text),
  };
  const out: Rendered[] = [];
  // (A report read through its table markup: its diagnostics and actions as the language service gives them.)
  const view = markupView(analysis);
  const diagnostics: Diagnostic[] = view ? markupDiagnostics(analysis, view) : documentDiagnostics(analysis);
  for (const d of diagnostics) {
    out.push({ where: `diagnostic ${d.code}`, text: typeof d.message === 'string' ? d.message : d.message.value });
    for (const r of d.relatedInformation ?? []) out.push({ where: `related ${d.code}`, text: r.message });
  }
  const whole = { start: { line: 0, character: 0 }, end: { line: analysis.report.lineLengths.length, character: 0 } };
  const params = { textDocument: { uri: analysis.uri }, range: whole, context: { diagnostics } };
  for (const a of view ? markupActions(analysis, view, params) : codeActions(analysis, params))
    out.push({ where: 'code action', text: a.title });
  const hoverAt = (p: { line: number; character: number }, where: string) => {
    const h = hover(analysis, p);
    if (h) out.push({ where, text: (h.contents as { value: string }).value });
  };
  for (const d of analysis.derivations) hoverAt(d.total.range.start, `hover on total ${d.rule}`);
  const rows = [
    ...(analysis.report.table2?.subtables.flatMap((s) => s.rows) ?? []),
    ...Object.values(analysis.report.table3?.rows ?? {}),
    ...Object.values(analysis.report.table4?.rows ?? {}),
  ];
  for (const row of rows) if (row.label) hoverAt(row.label.range.start, `hover on label ${row.key}`);
  for (const s of analysis.report.sections) hoverAt(s.heading.range.start, `hover on heading ${s.number}`);
  for (const hint of inlayHints(analysis, whole))
    out.push({ where: 'inlay hint', text: `${hint.label} ${(hint.tooltip as { value: string } | undefined)?.value ?? ''}` });
  // Completion at the start of a line in every section, and below the last line.
  const lines = splitLines(text);
  const positions = [
    ...analysis.report.sections.map((s) => ({ line: Math.min(s.headingLineRange.start.line + 1, lines.length - 1), character: 0 })),
    { line: lines.length - 1, character: 0 },
  ];
  for (const p of positions) {
    for (const item of completion(analysis, p)) {
      out.push({ where: 'completion label', text: item.label });
      if (item.detail) out.push({ where: 'completion detail', text: item.detail });
      const doc = item.documentation;
      if (doc) out.push({ where: 'completion documentation', text: typeof doc === 'string' ? doc : doc.value });
    }
  }
  const symbols = documentSymbols(analysis);
  const walk = (ss: typeof symbols) => {
    for (const s of ss) {
      out.push({ where: 'symbol', text: s.name });
      walk(s.children ?? []);
    }
  };
  walk(symbols);
  return out;
}

/**
 * The server's own messages (service/scheduler.ts), and every message of messages.ts as it is
 * (placeholders unfilled): the ones no report text here produces — file-encoding comes from reading
 * files, repair-ambiguous and repair-limit from damage the generators do not make — are checked too.
 */
function serverMessages(locale: LocaleSetting): Rendered[] {
  return [
    ...messageIds().map((id) => localize(id, {}, locale)),
    localize('server.large', { name: 'report.txt', mb: '6.0', limit: 5 }, locale),
    localize('server.tooLarge', { limit: 256 }, locale),
  ].map((text) => ({ where: 'server message', text }));
}

// ---- the command line

/** Reports the command line is run on, in a folder of its own (ASCII names: a path is the user's text). */
const cliDir = (() => {
  const dir = tempDir('xxgk-locale-');
  const example = readFileSync(join(ROOT, 'examples', '示例镇2023年报告-有错误.xxgk'), 'utf8');
  const zeros = (n: number) => Array.from({ length: n }, () => 0);
  // Table 四 with a broken group: equally small repairs, so fix leaves it and says so.
  const ambiguous = reportWith('2021', 2023, {}, { review: [1, 0, 0, 1, 3], direct: zeros(5), post: zeros(5) }).text;
  // A blank cell for --fill-blanks (tabs layout), and a file that is not UTF-8.
  const blank = reportWith('2021', 2023, {}, {}, 'tabs').text.replace(/(（一）予以公开(\t0){5})\t0/, '$1\t');
  writeFileSync(join(dir, 'example.xxgk'), example);
  writeFileSync(join(dir, 'ambiguous.xxgk'), ambiguous);
  writeFileSync(join(dir, 'blank.txt'), blank);
  writeFileSync(join(dir, 'good.xxgk'), reportWith('2021', 2023, {}, {}).text);
  writeFileSync(join(dir, 'gb.txt'), Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0a]));
  return dir;
})();

/** Everything the command line prints for these command lines, in a locale. */
function cliOutput(locale: LocaleSetting): Rendered[] {
  const lang = ['--locale', locale];
  const commands: string[][] = [
    ['--help', ...lang],
    ['check', ...lang, 'example.xxgk', 'ambiguous.xxgk', 'good.xxgk'],
    ['check', ...lang, '--verbose', 'example.xxgk', 'absent.xxgk'],
    ['check', ...lang],
    ['check', ...lang, '--bogus', 'example.xxgk'],
    ['check', ...lang, '--format', 'xml', 'example.xxgk'],
    ['check', ...lang, '--jobs', '0', 'example.xxgk'],
    ['check', ...lang, '--previous', 'absent.xxgk', 'example.xxgk'],
    ['frobnicate', ...lang],
    ['fix', ...lang, 'example.xxgk'],
    ['fix', ...lang, 'example.xxgk', '-o', 'fixed.xxgk'],
    ['fix', ...lang, 'fixed.xxgk'],
    ['fix', ...lang, 'ambiguous.xxgk'],
    ['fix', ...lang, '--fill-blanks', 'blank.txt'],
    ['fix', ...lang, 'gb.txt'],
    ['fix', ...lang, 'absent.xxgk'],
    ['fix', ...lang, 'example.xxgk', '-o', 'x.xxgk', '--write'],
    ['fix', ...lang],
    ['dump', ...lang, 'example.xxgk'],
  ];
  const out: Rendered[] = [];
  for (const argv of commands) {
    const r = run(argv, cliDir);
    const where = `cli ${argv.filter((a) => a !== '--locale' && a !== locale).join(' ')}`;
    // `dump` prints the report model (its text as found), not text of ours: only its usage error counts.
    const printed = argv[0] === 'dump' ? r.stderr : `${r.stdout}\n${r.stderr}`;
    for (const line of printed.split('\n'))
      if (line.trim() !== '' && !/^\s*xxgk /.test(line) && !line.startsWith('    ')) out.push({ where, text: line });
  }
  return out;
}

/**
 * Codes these single generated reports cannot produce: reading files (file-encoding, file-unreadable), damage the
 * generators do not make (repair-ambiguous, repair-limit, text-basis, text-year, fee-conflict and fee-silent in
 * section 六, table2-total of the 2019 format), and last year's report (the cross-year rules). Their messages are rendered unfilled below.
 */
const NOT_FROM_ONE_REPORT: string[] = [
  'file-encoding',
  'file-unreadable',
  'repair-ambiguous',
  'repair-limit',
  'text-basis',
  'table2-total',
  'text-year',
  'fee-conflict',
  'fee-silent',
  'carry-mismatch',
  'stock-mismatch',
  'items-mismatch',
  'copied-text',
];

describe('one localisation path', () => {
  const cliEn = cliOutput('en');
  const cliZh = cliOutput('zh');
  const en = [...reports.flatMap((r) => render(r, 'en')), ...serverMessages('en'), ...cliEn];
  const zh = [...reports.flatMap((r) => render(r, 'zh')), ...serverMessages('zh'), ...cliZh];

  it('renders diagnostics of every rule, hovers, code actions, completion and symbols', () => {
    const codes = new Set(en.filter((r) => r.where.startsWith('diagnostic ')).map((r) => r.where.slice('diagnostic '.length)));
    assert.deepEqual(
      RULE_CODES.filter((c) => !codes.has(c) && !NOT_FROM_ONE_REPORT.includes(c)),
      [],
      'a diagnostic of every rule code is rendered',
    );
    for (const kind of ['hover on total', 'hover on label', 'hover on heading', 'code action', 'completion detail', 'symbol', 'inlay hint'])
      assert.ok(
        en.some((r) => r.where.startsWith(kind)),
        kind,
      );
  });

  it('in en, has no Chinese outside official wording and quotations', () => {
    const bad = en.filter((r) => HAN.test(unofficial(r.text)));
    assert.deepEqual(
      bad.slice(0, 5).map((r) => `${r.where}: ${r.text.slice(0, 160)} → ${unofficial(r.text).match(/\p{Script=Han}+/gu)}`),
      [],
    );
  });

  it('in zh, has no English sentence', () => {
    const bad = zh.filter((r) => ENGLISH_SENTENCE.test(withoutCode(r.text)));
    assert.deepEqual(
      bad.slice(0, 5).map((r) => `${r.where}: ${r.text.slice(0, 160)}`),
      [],
    );
  });

  it('renders the command line: help, usage errors, check summaries and fix reports, in the locale asked for', () => {
    const said = (rs: Rendered[], where: string) =>
      rs
        .filter((r) => r.where === where)
        .map((r) => r.text)
        .join('\n');
    for (const [locale, rs] of [
      ['zh', cliZh],
      ['en', cliEn],
    ] as const) {
      const t = (id: string, args: Record<string, string | number> = {}) => localize(id, args, locale);
      assert.match(said(rs, 'cli --help'), new RegExp(`^${t('cli.usage')}\n`), `${locale}: help`);
      assert.ok(
        said(rs, 'cli check example.xxgk ambiguous.xxgk good.xxgk').endsWith(
          t('cli.summary', { files: 3, errors: 5, warnings: 1, failed: 2 }),
        ),
      );
      assert.ok(
        said(rs, 'cli check --bogus example.xxgk').startsWith(`${t('cli.unknownOption', { option: '--bogus' })}\n${t('cli.usage')}`),
      );
      assert.ok(said(rs, 'cli fix example.xxgk').endsWith(t('fix.dryRun', { count: 2 })), `${locale}: fix (dry run)`);
      assert.ok(
        said(rs, 'cli fix example.xxgk -o fixed.xxgk').endsWith(t('fix.written', { path: join(cliDir, 'fixed.xxgk'), count: 2 })),
        `${locale}: fix -o`,
      );
      assert.equal(said(rs, 'cli fix fixed.xxgk'), t('fix.nothing'), `${locale}: nothing to fix`);
      assert.ok(
        said(rs, 'cli fix ambiguous.xxgk').includes(t('fix.ambiguous', { table: t('table.4.short').trim() })),
        `${locale}: ambiguous`,
      );
      assert.ok(said(rs, 'cli fix --fill-blanks blank.txt').includes(` ${t('value.blank')} → 0`), `${locale}: fill blanks`);
      assert.ok(said(rs, 'cli fix gb.txt').startsWith(t('fix.notUtf8', { path: join(cliDir, 'gb.txt') })), `${locale}: not UTF-8`);
    }
    const lines = (rs: Rendered[]) => new Set(rs.map((r) => r.text));
    const both = [...lines(cliEn)].filter((t) => lines(cliZh).has(t) && /\p{L}{2}/u.test(unofficial(t).replace(/\S*[/\\]\S*/g, '')));
    assert.deepEqual(both, [], 'no line of the command line is the same in both locales');
  });

  it('has no text of its own in the command line’s sources (every string is a message)', () => {
    for (const file of readdirSync(join(ROOT, 'server/src')).filter((f) => /^cli.*\.ts$/.test(f))) {
      const code = readFileSync(join(ROOT, 'server/src', file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      assert.ok(!HAN.test(code), `${file}: Chinese outside comments: ${code.match(/.*\p{Script=Han}.*/u)?.[0].trim()}`);
      assert.ok(!/locale === '(zh|en)'|\bzh \?/.test(code), `${file}: a zh/en ternary`);
    }
  });

  it('honours the locale in completion details, symbols and code-action titles', () => {
    for (const where of ['completion detail', 'symbol', 'code action']) {
      const ours = (rs: Rendered[]) => new Set(rs.filter((r) => r.where === where && /\p{L}/u.test(unofficial(r.text))).map((r) => r.text));
      const inEn = ours(en);
      const inZh = ours(zh);
      assert.ok(inEn.size > 0 && inZh.size > 0, where);
      assert.ok(
        [...inEn].every((t) => !inZh.has(t)),
        `${where}: the same text in both locales`,
      );
    }
  });
});
