/**
 * Language-server benchmark over stdio (the lead's scripts/bench.ts calls benchServer()):
 * - keystroke → diagnostics: a one-character didChange in a table cell of a real sample, then its
 *   publishDiagnostics for that version; a few hundred edits, median and p99;
 * - time to answer `initialize`;
 * - server memory (RSS) with 50 reports open;
 * - responsiveness: a hover and a completion on a small report while a 50 MB document (over
 *   xxgk.maxFileSizeMB, so checked in a worker thread) is being checked, and how long that check takes.
 * Needs `npm run build` first (it runs dist/server.js). Run alone: `node --import tsx scripts/bench-server.ts`.
 */
import { readFileSync } from 'node:fs';
import { LspClient, sample } from '../test/protocol/lspClient';

type Metric = { value: number; unit: string; target?: string };

const EDITS = 300;
const OPEN_REPORTS = 50;
const SAMPLES = [
  '000_716a350312c1a089.txt',
  '001_06d18ea68e74cc84.txt',
  '003_fbd623e0f7a449c7.txt',
  '004_7e630d27dccc3614.txt',
  'synthetic-2021-pdf-layout.txt',
];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kib / 1024;
}

/** Edits a number in table 三 back and forth: each keystroke changes a total's sum, so diagnostics change too. */
async function keystrokeLatencies(client: LspClient): Promise<number[]> {
  const { uri, text } = sample('synthetic-2021-pdf-layout.txt');
  await client.open(uri, text);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('（一）予以公开'));
  const character = lines[line].search(/\d/);
  const cell = { start: { line, character }, end: { line, character: character + 1 } };
  const original = lines[line][character];
  const times: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const started = performance.now();
    const version = await client.change(uri, [{ range: cell, text: i % 2 === 0 ? '9' : original }]);
    await client.nextDiagnostics(uri, version);
    times.push(performance.now() - started);
  }
  return times;
}

/** About `mb` MB of UTF-8: a real report again and again. */
function bigText(mb: number): string {
  const unit = sample('001_06d18ea68e74cc84.txt').text;
  const copies = Math.ceil((mb * 1024 * 1024) / Buffer.byteLength(unit));
  return Array.from({ length: copies }, () => unit).join('\n');
}

/** Hover and completion latency on a small report while a 50 MB one is checked in the background. */
async function whileBigIsChecked(
  client: LspClient,
): Promise<{ hover: number[]; completion: number[]; bigMs: number; answeredDuringCheck: number }> {
  const { text } = sample('synthetic-2021-pdf-layout.txt');
  const uri = 'file:///bench/small.txt';
  await client.open(uri, text);
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.includes('（七）总计'));
  const position = { line, character: Math.max(0, lines[line].search(/\d/)) };
  const bigUri = 'file:///bench/big-50mb.txt';
  const big = bigText(50);
  let bigDone = false;
  const bigPublished = client.nextDiagnostics(bigUri, 1).then(() => (bigDone = true));
  const opened = performance.now();
  await client.openOnly(bigUri, big);
  const hover: number[] = [];
  const completion: number[] = [];
  let answeredDuringCheck = 0;
  while (!bigDone && hover.length < 200) {
    let t = performance.now();
    await client.request('textDocument/hover', { textDocument: { uri }, position });
    hover.push(performance.now() - t);
    t = performance.now();
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: line - 1, character: 0 } });
    completion.push(performance.now() - t);
    if (!bigDone) answeredDuringCheck++;
    await new Promise((r) => setTimeout(r, 20));
  }
  await bigPublished;
  const bigMs = performance.now() - opened;
  await client.close(bigUri);
  await client.close(uri);
  return { hover: hover.sort((a, b) => a - b), completion: completion.sort((a, b) => a - b), bigMs, answeredDuringCheck };
}

export async function benchServer(): Promise<Record<string, Metric>> {
  const client = await LspClient.start();
  try {
    const initializeMs = client.initializeMs;
    // Warm up the JIT and the caches before measuring, as an editor session would be.
    await keystrokeLatencies(client);
    const times = (await keystrokeLatencies(client)).sort((a, b) => a - b);
    const texts = SAMPLES.map((name) => sample(name).text);
    await Promise.all(
      Array.from({ length: OPEN_REPORTS }, (_, i) => client.open(`file:///bench/report-${i}.txt`, texts[i % texts.length])),
    );
    const rss = rssMiB(client.process.pid!);
    const responsive = await whileBigIsChecked(client);
    return {
      'server.keystrokeToDiagnostics.median': { value: round(quantile(times, 0.5)), unit: 'ms', target: '< 5' },
      'server.keystrokeToDiagnostics.p99': { value: round(quantile(times, 0.99)), unit: 'ms', target: '< 20' },
      'server.initialize': { value: round(initializeMs), unit: 'ms' },
      [`server.rss.${OPEN_REPORTS}Reports`]: { value: round(rss, 1), unit: 'MiB' },
      'server.hoverWhile50MBChecked.p50': { value: round(quantile(responsive.hover, 0.5)), unit: 'ms', target: '< 50' },
      'server.hoverWhile50MBChecked.max': { value: round(responsive.hover[responsive.hover.length - 1]), unit: 'ms', target: '< 1000' },
      'server.completionWhile50MBChecked.p50': { value: round(quantile(responsive.completion, 0.5)), unit: 'ms', target: '< 50' },
      'server.requestsAnsweredDuring50MBCheck': { value: responsive.answeredDuringCheck, unit: 'pairs', target: '> 0' },
      'server.50MBBackgroundCheck': { value: round(responsive.bigMs, 0), unit: 'ms', target: '< 30000' },
    };
  } finally {
    await client.stop();
  }
}

if (require.main === module) {
  benchServer().then(
    (results) => console.log(JSON.stringify(results, null, 2)),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
