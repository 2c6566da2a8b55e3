/**
 * Reading originals (`npm run bench` runs it at the end; alone: npm run build && node --import tsx
 * scripts/bench-io.ts). Goals (issue 12): 1,000 web pages/s and 200 PDFs/s on two cores.
 *
 * For each format, on the real fixtures and generated reports: reports read per second in one thread
 * (read only, then read + check), and a folder check by the CLI's worker threads (every core).
 * Each figure is given per second of wall time and per second of CPU time (all threads of the
 * process): on a machine shared with other work the wall figure falls, the CPU figure much less; on
 * an idle machine a thread's two figures agree.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadReport, loadReportSync } from '../server/src/io/load';
import { readPdf, readPdfWith } from '../server/src/io/pdf';
import { analyze } from '../server/src/report/index';
import { consistentValues, cmsHtml, reportParts, wordDocx, PDF_FIXTURES } from '../test/unit/ioGen';

const ROOT = join(__dirname, '..');
const REAL = join(ROOT, 'test', 'fixtures', 'real');

interface Input {
  name: string;
  bytes: Uint8Array;
}

function line(name: string, n: number, wallMs: number, cpuMs: number, goal?: number) {
  const wall = (n * 1000) / wallMs;
  const cpu = (n * 1000) / cpuMs;
  const mark = goal === undefined ? ' ' : wall >= goal ? '✓' : '✗';
  console.log(
    `${mark} ${name.padEnd(52)} ${wall.toFixed(0).padStart(6)}/s  ${cpu.toFixed(0).padStart(6)}/CPU-s${goal ? `  (goal ${goal}/s)` : ''}`,
  );
}

async function rate(name: string, inputs: Input[], read: (i: Input) => Promise<unknown> | unknown, seconds: number, goal?: number) {
  for (const i of inputs) await read(i); // warm up (the PDF reader loads on first use)
  let n = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    for (const i of inputs) {
      await read(i);
      n++;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  line(name, n, performance.now() - start, (cpu.user + cpu.system) / 1000, goal);
}

/**
 * `xxgk check DIR` as the executable runs it, on `copies` copies of the inputs: the bundled CLI
 * (dist/cli.js, whose main thread checks too) and its bundled worker threads.
 */
async function folder(name: string, inputs: Input[], copies: number, goal?: number) {
  const { runCli } = (await import(pathToFileURL(join(ROOT, 'dist', 'cli.js')).href)) as typeof import('../server/src/cli');
  const dir = mkdtempSync(join(tmpdir(), 'xxgk-bench-io-'));
  try {
    let n = 0;
    for (let k = 0; k < copies; k++)
      for (const i of inputs) writeFileSync(join(dir, `${k}-${n++ % inputs.length}-${i.name.split('/').pop()}`), i.bytes);
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const r = await runCli(['check', '--format', 'json', dir], ROOT, join(ROOT, 'dist', 'checkWorker.js'));
    const cpu = process.cpuUsage(cpu0);
    const files = (JSON.parse(r.stdout) as { files: { error?: string }[] }).files;
    const unreadable = files.filter((f) => f.error);
    if (unreadable.length) throw new Error(`${unreadable.length} of ${files.length} files unreadable: ${unreadable[0].error}`);
    line(
      `${name} (${files.length} files, ${availableParallelism()} threads)`,
      files.length,
      performance.now() - start,
      (cpu.user + cpu.system) / 1000,
      goal,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchIo() {
  console.log('\n# reading originals (reports/s: wall time, and CPU time of all threads)');
  const real = (f: string): Input => ({ name: join(REAL, f), bytes: new Uint8Array(readFileSync(join(REAL, f))) });
  const made = [2019, 2020, 2021, 2022].map((y) =>
    reportParts('某某县人民政府', y, y <= 2020 ? '2019' : '2021', consistentValues(y <= 2020 ? '2019' : '2021', y)),
  );
  const pages = [
    real('pingtan-2019.html'),
    real('pingtan-2021.html'),
    ...made.map((p, i) => ({ name: `g${i}.html`, bytes: new TextEncoder().encode(cmsHtml(p)) })),
  ];
  const docx = await Promise.all(made.map(async (p, i) => ({ name: `g${i}.docx`, bytes: await wordDocx(p) })));
  const pdfs = [
    real('huaian-2024.pdf'),
    ...PDF_FIXTURES.map((f) => ({ name: f.file, bytes: new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', 'pdf', f.file))) })),
  ];
  const readSync = (i: Input) => loadReportSync(i.name, 'zh', i.bytes).text;
  const readCheck = async (i: Input) => analyze((await loadReport(i.name, 'zh', i.bytes)).text).diagnostics.length;

  await rate('web pages: read (2 real, 4 generated)', pages, readSync, 2);
  await rate('web pages: read + check', pages, readCheck, 2);
  await rate('Word .docx: read (4 generated)', docx, readSync, 2);
  await rate('Word .docx: read + check', docx, readCheck, 2);
  // Which reader reads each file (the fast one, or pdfjs when the file needs what it does not support).
  for (const i of pdfs) {
    const r = await readPdfWith(i.bytes, i.name);
    console.log(`  ${i.name.split('/').pop()}: ${r.reader === 'fast' ? 'fast reader' : `pdfjs (${r.reason})`}`);
  }
  await rate('PDF: read in this thread (huaian-2024 + 3 generated)', pdfs, (i) => readPdf(i.bytes, i.name), 4);
  await rate('PDF: read in this thread, fast reader only', pdfs, (i) => readPdf(i.bytes, i.name, { reader: 'fast' }), 4);
  await rate('PDF: read in this thread, pdfjs only (the fallback)', pdfs, (i) => readPdf(i.bytes, i.name, { reader: 'pdfjs' }), 4);
  await rate('PDF: read in the reader thread (as the tool does)', pdfs, (i) => loadReport(i.name, 'zh', i.bytes), 4);
  await rate('PDF: read + check', pdfs, readCheck, 4);
  await folder('folder check, web pages', pages, 200, 1000);
  await folder('folder check, Word', docx, 100);
  await folder('folder check, PDF', pdfs, 20, 200);
}

if (require.main === module) void benchIo();
