/**
 * Large documents are analysed off the main thread, so hovers, completion and diagnostics of other
 * documents are answered while a 50 MB file is being checked. One worker thread (dist/checkWorker.js)
 * runs one analysis at a time; a newer version of a document supersedes its older analysis, queued
 * or running (a running one is stopped by terminating its worker). Without the worker file (the
 * server run from its sources) the analysis runs in this thread, after the current message.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyze } from '../report';
import type { Analysis } from './analysis';
import type { XxgkSettings } from './settings';

export type Result = Omit<Analysis, 'uri' | 'version' | 'text' | 'settings'>;

interface Job {
  uri: string;
  version: number;
  text: string;
  settings: XxgkSettings;
  resolve: (analysis: Analysis | null) => void;
  reject: (error: Error) => void;
}

const MB = 1024 * 1024;

/**
 * Documents above this are not analysed at all, whatever the settings: the analysis needs about
 * 3–4 times the text's size in heap, and a worker thread that runs out of heap on one big
 * allocation can take the whole process down (Node's resourceLimits do not always catch it).
 * VS Code itself does not hand files over 50 MB to extensions.
 */
export const HARD_LIMIT_MB = 256;

/** Whether a text of `length` UTF-16 units is over `maxMB` in UTF-8 (`text` is asked for only when its length cannot tell). */
export function isLarge(length: number, text: () => string, maxMB: number): boolean {
  const limit = maxMB * MB;
  if (length > limit) return true; // every UTF-16 unit takes at least one byte
  if (length * 3 <= limit) return false; // and at most three
  return Buffer.byteLength(text(), 'utf8') > limit;
}

export class BackgroundAnalyzer {
  private worker: Worker | null = null;
  private running: (Job & { id: number }) | null = null;
  private queue: Job[] = [];
  private nextId = 1;
  /** Analyses stopped before they finished because a newer version arrived (for tests and the log). */
  superseded = 0;

  constructor(
    private readonly workerFile = join(__dirname, 'checkWorker.js'),
    /** The worker's heap: ample for documents under HARD_LIMIT_MB. */
    private readonly maxHeapMB = 3072,
  ) {}

  /**
   * Analyses a version of a document in the background. Resolves with the analysis, or with null
   * when a newer version of the same document superseded it (or the document was dropped);
   * rejects when the analysis failed (the worker ran out of memory or threw).
   */
  analyze(uri: string, version: number, text: string, settings: XxgkSettings): Promise<Analysis | null> {
    this.drop(uri);
    return new Promise((resolve, reject) => {
      this.queue.push({ uri, version, text, settings, resolve, reject });
      this.pump();
    });
  }

  /** Forgets a document: its queued analysis is dropped and a running one is stopped. */
  drop(uri: string): void {
    this.queue = this.queue.filter((j) => {
      if (j.uri !== uri) return true;
      this.superseded++;
      j.resolve(null);
      return false;
    });
    if (this.running?.uri === uri) {
      const job = this.running;
      this.running = null;
      this.superseded++;
      job.resolve(null);
      // Stop the work under way: terminating is the only way to interrupt a synchronous analysis.
      void this.worker?.terminate();
      this.worker = null;
    }
  }

  /** Whether a document has an analysis queued or running. */
  pending(uri: string): boolean {
    return this.running?.uri === uri || this.queue.some((j) => j.uri === uri);
  }

  dispose(): void {
    for (const j of this.queue) j.resolve(null);
    this.queue = [];
    if (this.running) this.running.resolve(null);
    this.running = null;
    void this.worker?.terminate();
    this.worker = null;
  }

  private pump(): void {
    if (this.running || !this.queue.length) return;
    const job = { ...this.queue.shift()!, id: this.nextId++ };
    this.running = job;
    const options = {
      format: job.settings.formatVersion,
      locale: job.settings.locale,
      severities: job.settings.severity,
      hideExplained: job.settings.hideExplained,
    };
    const finish = (result: Result | null) => {
      if (this.running?.id !== job.id) return;
      this.running = null;
      job.resolve(result ? { uri: job.uri, version: job.version, text: job.text, settings: job.settings, ...result } : null);
      this.pump();
    };
    if (!existsSync(this.workerFile)) {
      setImmediate(() => {
        if (this.running?.id !== job.id) return;
        try {
          finish(analyze(job.text, options));
        } catch (e) {
          this.running = null;
          job.reject(e as Error);
          this.pump();
        }
      });
      return;
    }
    const worker = this.ensureWorker();
    worker.postMessage({ id: job.id, text: job.text, options, maxProblems: job.settings.maxProblems });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile, { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMB } });
    worker.unref();
    worker.on('message', (m: { id: number; result?: Result; error?: string }) => {
      if (this.running?.id !== m.id) return;
      const job = this.running;
      this.running = null;
      if (m.result) job.resolve({ uri: job.uri, version: job.version, text: job.text, settings: job.settings, ...m.result });
      else job.reject(new Error(m.error ?? 'analysis failed'));
      this.pump();
    });
    const lost = (e?: unknown) => {
      if (this.worker !== worker) return;
      this.worker = null;
      // The worker died under a job (out of memory, a crash): that job fails, the others carry on.
      const job = this.running;
      this.running = null;
      job?.reject(e instanceof Error ? e : new Error(`worker exited (${String(e)})`));
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    this.worker = worker;
    return worker;
  }
}
