/**
 * npm run bench — prints speed and memory figures with their targets. Not a test: figures vary
 * with the machine; read them, compare them with the targets and with earlier runs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../server/src/report/index';

const ROOT = join(__dirname, '..');
const SAMPLES = join(ROOT, '..', 'shared', 'samples');
const EXAMPLES = join(ROOT, 'examples');

interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ok?: boolean;
}
const figures: Figure[] = [];
const record = (f: Figure) => {
  figures.push(f);
  const mark = f.ok === undefined ? ' ' : f.ok ? '✓' : '✗';
  console.log(`${mark} ${f.name.padEnd(58)} ${f.value.toFixed(f.value < 10 ? 3 : 1).padStart(10)} ${f.unit.padEnd(8)} ${f.target ?? ''}`);
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeOnce(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function reports(): { name: string; text: string }[] {
  const dirs = [SAMPLES, EXAMPLES].filter(existsSync);
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => /\.(txt|xxgk)$/.test(f))
      .sort()
      .map((f) => ({ name: f, text: readFileSync(join(d, f), 'utf8') })),
  );
}

function engine() {
  console.log('\n# engine: parse + check (+ derivations), per report');
  const all = reports();
  for (const r of all) {
    for (let i = 0; i < 50; i++) analyze(r.text);
    const times = Array.from({ length: 300 }, () => timeOnce(() => analyze(r.text)));
    const m = median(times);
    record({ name: `median ${r.name.slice(0, 40)} (${(r.text.length / 1024).toFixed(1)} KiB)`, value: m, unit: 'ms', target: '< 1 ms', ok: m < 1 });
  }

  console.log('\n# engine: cost against input size (reports concatenated)');
  const unit = all.map((r) => r.text).join('\n');
  const sizes = [1, 10, 100];
  const per: number[] = [];
  for (const k of sizes) {
    const text = Array.from({ length: k }, () => unit).join('\n');
    analyze(text);
    const times = Array.from({ length: k >= 100 ? 3 : 10 }, () => timeOnce(() => analyze(text)));
    const m = median(times);
    const mb = Buffer.byteLength(text) / 1e6;
    per.push(m / mb);
    record({ name: `${k}× (${mb.toFixed(2)} MB)`, value: m, unit: 'ms' });
  }
  const ratio = per[2] / per[0];
  record({ name: 'cost per MB at 100× ÷ cost per MB at 1×', value: ratio, unit: '', target: '≈ 1 (linear); < 2', ok: ratio < 2 });

  const target = 10e6;
  const reps = Math.ceil(target / Buffer.byteLength(unit));
  const ten = Array.from({ length: reps }, () => unit).join('\n');
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const t = timeOnce(() => {
    const r = analyze(ten);
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    void r;
  });
  const mb = Buffer.byteLength(ten) / 1e6;
  record({ name: `10 MB input (${reps} copies of every report, ${mb.toFixed(1)} MB)`, value: t, unit: 'ms', target: '< 1000 ms', ok: t < 1000 });
  record({ name: 'heap held by the result, per MB of input', value: (peak - before) / 1e6 / mb, unit: 'MB/MB' });
}

async function main() {
  console.log(`node ${process.version}, ${require('node:os').cpus().length} cores`);
  engine();
  const serverBench = join(__dirname, 'bench-server.ts');
  if (existsSync(serverBench) && existsSync(join(ROOT, 'dist', 'server.js'))) {
    console.log('\n# language server over stdio');
    const mod = await import(serverBench);
    const res: Record<string, { value: number; unit: string; target?: string }> = await mod.benchServer();
    for (const [name, f] of Object.entries(res)) record({ name, value: f.value, unit: f.unit, target: f.target });
  }
  const failed = figures.filter((f) => f.ok === false);
  console.log(`\n${figures.length} figures; ${figures.filter((f) => f.ok).length} within target, ${failed.length} outside`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
