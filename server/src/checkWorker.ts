/**
 * A worker thread for work too big for the main thread:
 * - the command line's batch checking (started with `workerData: { batch: true }`: it says
 *   `{ ready: true }` once loaded): given the job (cli.ts BatchJob: every file, and the counter
 *   the threads claim files by), it claims files one at a time until none is left, each read,
 *   checked and formatted as cli.ts's checkFile does in one thread, sends their outcomes back a few
 *   at a time as `{ indices, outcomes }`, then `{ done: true }`;
 * - the language server's large documents: `{ id, text, options }` → `{ id, result }` with the
 *   engine's analysis (report, derivations, and only the diagnostics the editor will show: a big
 *   document can have tens of thousands, too costly to send back), or `{ id, error }`.
 * Bundled as dist/checkWorker.js by scripts/build.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, checkFileAsync, type FileOutcome } from './cliCheck';
import type { BatchJob } from './cli';
import { sourceKind } from './io/load';
import { analyze, mostSevere } from './report/index';
import type { ParseOptions } from './report/parse';
import type { CheckOptions as EngineOptions } from './report/check';

type Message = BatchJob | { id: number; text: string; options: ParseOptions & EngineOptions; maxProblems?: number };

/** Claims and checks files until none is left (see cli.ts checkParallel). */
async function batch(job: BatchJob) {
  const { paths, options, next } = job;
  let indices: number[] = [];
  let outcomes: FileOutcome[] = [];
  let sent = performance.now();
  const send = () => {
    if (indices.length) parentPort!.postMessage({ indices, outcomes });
    indices = [];
    outcomes = [];
    sent = performance.now();
  };
  for (let i = Atomics.add(next, 0, 1); i < paths.length; i = Atomics.add(next, 0, 1)) {
    const p = paths[i];
    outcomes.push(sourceKind(p) === 'pdf' ? await checkFileAsync(p, options) : checkFile(p, options));
    indices.push(i);
    if (indices.length >= job.resultsAtOnce || performance.now() - sent >= job.resultsMs) send();
  }
  send();
  parentPort!.postMessage({ done: true });
}

parentPort?.on('message', (m: Message) => {
  if ('paths' in m) {
    void batch(m);
    return;
  }
  try {
    const result = analyze(m.text, m.options);
    parentPort!.postMessage({
      id: m.id,
      result: { ...result, diagnostics: m.maxProblems === undefined ? result.diagnostics : mostSevere(result.diagnostics, m.maxProblems) },
    });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: String((e as Error)?.stack ?? e) });
  }
});

if ((workerData as { batch?: boolean } | null)?.batch) parentPort?.postMessage({ ready: true });
