/**
 * The time the narrative rules add per report (issue 13 target: at most 0.5 ms for a typical report):
 * checkReport with the text (narrative, claims, years, fees) against checkReport without it, on
 * the real reports and samples in test/fixtures; table 二 rules and the comparison across years on
 * their own. Run alone (`node --import tsx scripts/bench-narrative.ts`) or at the end of `npm run bench`.
 * Figures, not a test: they vary with the machine.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport, derive, parseReport } from '../server/src/report/index';
import { checkNarrative, figureAt } from '../server/src/report/narrative';
import { checkTable2 } from '../server/src/report/table2Rules';
import { checkAcrossYears, summarize } from '../server/src/report/crossYear';

const ROOT = join(__dirname, '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median time of fn in ms, over `runs` runs after a warm-up. */
function time(fn: () => void, runs = 300): number {
  for (let i = 0; i < 30; i++) fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

function line(name: string, value: number, unit: string, target?: string) {
  const ok = target ? value < Number(target.replace(/[^\d.]/g, '')) : undefined;
  const mark = ok === undefined ? ' ' : ok ? '✓' : '✗';
  console.log(`${mark} ${name.padEnd(58)} ${value.toFixed(3).padStart(10)} ${unit.padEnd(8)} ${target ?? ''}`);
}

export function benchNarrative(): void {
  console.log('\n# narrative rules (bench-narrative.ts)');
  const files: string[] = [];
  for (const dir of ['test/fixtures/samples', 'test/fixtures/real'])
    for (const f of readdirSync(join(ROOT, dir)).sort()) if (f.endsWith('.txt')) files.push(join(ROOT, dir, f));
  files.push(join(ROOT, 'test/fixtures/engine/consistent-2021.xxgk'));
  const added: number[] = [];
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    const report = parseReport(text);
    const derivations = derive(report);
    const withText = time(() => checkReport(report, { derivations, text }));
    const without = time(() => checkReport(report, { derivations }));
    const direct = time(() => {
      checkNarrative(report, text, { derivations });
      checkTable2(report);
    });
    added.push(direct);
    const name = path.slice(ROOT.length + 1).replace('test/fixtures/', '');
    line(`${name.slice(0, 40)} (${(text.length / 1024).toFixed(0)} KB): narrative rules`, direct, 'ms', '< 0.5');
    line(`  checkReport with text − without`, Math.max(0, withText - without), 'ms');
  }
  line('median over these reports: narrative + table 二 rules', median(added), 'ms', '< 0.5');
  // Hover on a figure, and the comparison across years.
  const text = readFileSync(join(ROOT, 'test/fixtures/real/huaian-2024.pdftotext.txt'), 'utf8');
  const report = parseReport(text);
  const derivations = derive(report);
  const at = text.split('\n').findIndex((l) => l.includes('3119'));
  line(
    'hover on a figure (huaian-2024)',
    time(() => figureAt(report, text, { line: at, character: text.split('\n')[at].indexOf('3119') }, { derivations })),
    'ms',
    '< 0.5',
  );
  const summary = summarize(report, text);
  line(
    'summarize a report for the comparison across years',
    time(() => summarize(report, text)),
    'ms',
    '< 0.5',
  );
  line(
    'compare with last year’s (carry, stock, section 五)',
    time(() => checkAcrossYears(summary, summary, 'last.txt')),
    'ms',
    '< 0.5',
  );
}

if (require.main === module) benchNarrative();
