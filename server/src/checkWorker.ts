/**
 * A worker thread for work too big for the main thread:
 * - the command line's batch checking (started with `workerData: { batch: true }`: it says
 *   `{ ready: true }` once loaded): `{ start, paths, options }` → `{ start, outcomes }`, each file
 *   read, checked and formatted as cli.ts's checkFile does in one thread;
 * - the language server's large documents: `{ id, text, options }` → `{ id, result }` with the
 *   engine's analysis (report, derivations, and only the diagnostics the editor will show: a big
 *   document can have tens of thousands, too costly to send back), or `{ id, error }`.
 * Bundled as dist/checkWorker.js by scripts/build.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkFileAsync, type CheckOptions } from './cliCheck';
import { analyze, mostSevere } from './report/index';
import type { ParseOptions } from './report/parse';
import type { CheckOptions as EngineOptions } from './report/check';

type Message =
  | { start: number; paths: string[]; options: CheckOptions }
  | { id: number; text: string; options: ParseOptions & EngineOptions; maxProblems?: number };

parentPort?.on('message', (m: Message) => {
  if ('paths' in m) {
    void (async () => {
      const outcomes = [];
      for (const p of m.paths) outcomes.push(await checkFileAsync(p, m.options));
      parentPort!.postMessage({ start: m.start, outcomes });
    })();
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
