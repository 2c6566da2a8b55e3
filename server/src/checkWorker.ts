/**
 * A worker thread for work too big for the main thread:
 * - the command line's batch checking: `{ start, paths, options }` → `{ start, outcomes }`, each
 *   file read, checked and formatted as cli.ts's checkFile does in one thread;
 * - the language server's large documents: `{ id, text, options }` → `{ id, result }` with the
 *   engine's analysis (report, derivations, diagnostics), or `{ id, error }`.
 * Bundled as dist/checkWorker.js by scripts/build.mjs.
 */
import { parentPort } from 'node:worker_threads';
import { checkFile, type CheckOptions } from './cli';
import { analyze, type ReportDiagnostic } from './report/index';
import type { ParseOptions } from './report/parse';
import type { CheckOptions as EngineOptions } from './report/check';

type Message =
  | { start: number; paths: string[]; options: CheckOptions }
  | { id: number; text: string; options: ParseOptions & EngineOptions; maxProblems?: number };

const RANK: Record<ReportDiagnostic['severity'], number> = { error: 1, warning: 2, information: 3, hint: 4 };

/**
 * The problems the editor will show (the most severe `max`, in document order, as
 * diagnostics.ts's documentDiagnostics picks them): a big document can have tens of thousands,
 * and sending them all back to the server's main thread would cost it hundreds of milliseconds.
 */
function shown(diagnostics: ReportDiagnostic[], max: number | undefined): ReportDiagnostic[] {
  if (max === undefined || diagnostics.length <= max) return diagnostics;
  return diagnostics
    .map((d, index) => ({ d, index }))
    .sort((a, b) => RANK[a.d.severity] - RANK[b.d.severity] || a.index - b.index)
    .slice(0, max)
    .sort((a, b) => a.index - b.index)
    .map((x) => x.d);
}

parentPort?.on('message', (m: Message) => {
  if ('paths' in m) {
    parentPort!.postMessage({ start: m.start, outcomes: m.paths.map((p) => checkFile(p, m.options)) });
    return;
  }
  try {
    const result = analyze(m.text, m.options);
    parentPort!.postMessage({ id: m.id, result: { ...result, diagnostics: shown(result.diagnostics, m.maxProblems) } });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: String((e as Error)?.stack ?? e) });
  }
});
