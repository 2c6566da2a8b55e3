/**
 * Language-server benchmark over stdio (the lead's scripts/bench.ts calls benchServer()):
 * - keystroke → diagnostics: a one-character didChange in a table cell of a real sample, then its
 *   publishDiagnostics for that version; a few hundred edits, median and p99;
 * - the same for a real report grown to 200 KB with narrative, against the transport floor (the
 *   same cycle on a one-line document): the floor, the p50 and their ratio;
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

/**
 * A real report grown to about `kb` KB with narrative paragraphs in section 五 (one report, not
 * copies): every paragraph different, with figures in it, as a long report's are.
 */
export function grownReport(kb: number): string {
  const base = sample('001_06d18ea68e74cc84.txt').text;
  const lines = base.split('\n');
  const at = lines.findIndex((l) => l.startsWith('五、'));
  const topics = ['重点领域信息', '政策解读', '回应关切', '政务新媒体', '依申请公开', '政府网站', '公开平台', '业务培训'];
  const extra: string[] = [];
  let bytes = Buffer.byteLength(base);
  for (let i = 0; bytes < kb * 1024; i++) {
    const paragraph =
      `（${i + 1}）本机关围绕${topics[i % topics.length]}公开持续用力，全年发布相关信息${(i * 37) % 500}条，` +
      `组织专题培训${(i % 9) + 1}场次、参训${(i * 13) % 300}人次，${topics[(i * 3) % topics.length]}工作进一步规范。`;
    extra.push(paragraph);
    bytes += Buffer.byteLength(paragraph) + 1;
  }
  return [...lines.slice(0, at + 1), ...extra, ...lines.slice(at + 1)].join('\n');
}

/** Keystrokes (a digit of a table 三 cell typed and undone) → their publishDiagnostics, in ms, sorted. */
async function keystrokes(client: LspClient, uri: string, text: string, edits: number): Promise<number[]> {
  await client.open(uri, text);
  const lines = text.split('\n');
  let line = lines.findIndex((l) => /予以公开/.test(l) && /\d/.test(l));
  if (line < 0) line = 0;
  const character = Math.max(0, lines[line].search(/\d/));
  const cell = { start: { line, character }, end: { line, character: character + (lines[line].length > character ? 1 : 0) } };
  const original = lines[line].slice(character, character + 1);
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const started = performance.now();
    const version = await client.change(uri, [{ range: cell, text: i % 2 === 0 ? '9' : original }]);
    await client.nextDiagnostics(uri, version);
    times.push(performance.now() - started);
  }
  await client.close(uri);
  return times.sort((a, b) => a - b);
}

/**
 * Keystroke → diagnostics for a 200 KB report against the transport floor: the same cycle (didChange
 * framed and dispatched, the check scheduled, publishDiagnostics framed and read) on a one-line
 * document, where the engine has nothing to do.
 */
export async function keystroke200KB(client: LspClient): Promise<{ floor: number; p50: number; requestRoundTrip: number }> {
  const big = grownReport(200);
  const tiny = '1';
  for (let warm = 0; warm < 2; warm++) {
    await keystrokes(client, 'file:///bench/floor.txt', tiny, 50);
    await keystrokes(client, 'file:///bench/grown-200kb.txt', big, 50);
  }
  // Interleaved rounds, so that both figures see the same state of the machine and of the server.
  const floors: number[] = [];
  const bigs: number[] = [];
  for (let round = 0; round < 4; round++) {
    floors.push(...(await keystrokes(client, 'file:///bench/floor.txt', tiny, 50)));
    bigs.push(...(await keystrokes(client, 'file:///bench/grown-200kb.txt', big, 50)));
  }
  const floor = quantile(
    floors.sort((a, b) => a - b),
    0.5,
  );
  const p50 = quantile(
    bigs.sort((a, b) => a - b),
    0.5,
  );
  const rtt: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    await client.request('textDocument/hover', {
      textDocument: { uri: 'file:///bench/not-open.txt' },
      position: { line: 0, character: 0 },
    });
    rtt.push(performance.now() - t);
  }
  return {
    floor,
    p50,
    requestRoundTrip: quantile(
      rtt.sort((a, b) => a - b),
      0.5,
    ),
  };
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
    const grown = await keystroke200KB(client);
    const texts = SAMPLES.map((name) => sample(name).text);
    await Promise.all(
      Array.from({ length: OPEN_REPORTS }, (_, i) => client.open(`file:///bench/report-${i}.txt`, texts[i % texts.length])),
    );
    const rss = rssMiB(client.process.pid!);
    const responsive = await whileBigIsChecked(client);
    return {
      'server.keystrokeToDiagnostics.median': { value: round(quantile(times, 0.5)), unit: 'ms', target: '< 5' },
      'server.keystrokeToDiagnostics.p99': { value: round(quantile(times, 0.99)), unit: 'ms', target: '< 20' },
      'server.keystroke200KB.transportFloor.p50': { value: round(grown.floor, 3), unit: 'ms' },
      'server.keystroke200KB.p50': { value: round(grown.p50, 3), unit: 'ms' },
      'server.keystroke200KB.ratioToFloor': { value: round(grown.p50 / grown.floor), unit: '×', target: '< 5' },
      'server.requestRoundTrip.p50': { value: round(grown.requestRoundTrip, 3), unit: 'ms' },
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
