/**
 * Reading originals: reports per second for each format, read and checked one after another in one
 * thread (`npm run bench` runs it at the end; alone: node --import tsx scripts/bench-io.ts). Goals
 * (issue 12): 1,000 web pages/s and 200 PDFs/s on two cores.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadReport, loadReportSync } from '../server/src/io/load';
import { analyze } from '../server/src/report/index';
import { consistentValues, cmsHtml, reportParts, wordDocx } from '../test/unit/ioGen';

const ROOT = join(__dirname, '..');
const REAL = join(ROOT, 'test', 'fixtures', 'real');

async function rate(name: string, inputs: { name: string; bytes: Uint8Array }[], seconds: number, goal?: number) {
  const read = async (i: { name: string; bytes: Uint8Array }) => {
    const text = i.name.endsWith('.pdf') ? (await loadReport(i.name, 'zh', i.bytes)).text : loadReportSync(i.name, 'zh', i.bytes).text;
    return analyze(text).diagnostics.length;
  };
  for (const i of inputs) await read(i); // warm up (the PDF reader loads on first use)
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    for (const i of inputs) {
      await read(i);
      n++;
    }
  }
  const perSecond = (n * 1000) / (performance.now() - start);
  const mark = goal === undefined ? ' ' : perSecond >= goal ? '✓' : '✗';
  console.log(`${mark} ${name.padEnd(44)} ${perSecond.toFixed(0).padStart(7)} reports/s${goal ? `  (goal ${goal}/s)` : ''}`);
  return perSecond;
}

export async function benchIo() {
  console.log('\n# reading originals (one thread: read + check)');
  const real = (f: string) => ({ name: join(REAL, f), bytes: new Uint8Array(readFileSync(join(REAL, f))) });
  const pages = [real('pingtan-2019.html'), real('pingtan-2021.html')];
  const made = [2019, 2020, 2021, 2022].map((y) =>
    reportParts('某某县人民政府', y, y <= 2020 ? '2019' : '2021', consistentValues(y <= 2020 ? '2019' : '2021', y)),
  );
  await rate('web pages (2 real)', pages, 2, 1000);
  await rate(
    'web pages (CMS-style, generated)',
    made.map((p, i) => ({ name: `g${i}.html`, bytes: new TextEncoder().encode(cmsHtml(p)) })),
    2,
  );
  const docx = await Promise.all(made.map(async (p, i) => ({ name: `g${i}.docx`, bytes: await wordDocx(p) })));
  await rate('Word .docx (generated)', docx, 2);
  await rate('PDF (huaian-2024, 6 pages)', [real('huaian-2024.pdf')], 3, 200);
}

if (require.main === module) void benchIo();
