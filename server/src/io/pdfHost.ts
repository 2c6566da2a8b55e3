/**
 * Where PDFs are read. First by the fast reader (pdfText.ts) in the calling thread, within small
 * limits (IN_THREAD_LIMITS: work, inflated bytes and text items, so that the read and the layout
 * after it take a few hundred milliseconds at most): a report reads there in a few milliseconds,
 * with nothing sent between threads. A file it does not support, or one over those limits, goes to
 * a thread of its own (pdfWorker.ts, bundled as dist/pdfReader.js): pdfjs and its fonts never load
 * into the thread that checks, and a hostile file is bounded — a time limit per file (the thread is
 * stopped when it runs over, even inside a loop that never yields) and a heap limit (the thread runs
 * out of memory, not the process). The next PDF gets a fresh thread. One thread per caller thread,
 * started on the first file that needs it, kept while there are PDFs to read, never keeping the
 * process alive. readPdfAsync for the event loop (the language server, the CLI's workers);
 * readPdfSync blocks its thread until the answer (the CLI's synchronous run()).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { bilingual } from '../report/messages';
import type { SourceDocument } from './document';
import { readPdfFast, type FastRefusal } from './pdf';
import type { ReadLimits } from './pdfText';
import type { PdfRequest } from './pdfWorker';

export class PdfLimitError extends Error {}

export interface PdfLimits {
  /** Time a file may take, from when its thread starts reading it (ms). */
  timeMs: number;
  /** Heap of the reading thread (MB). */
  memoryMb: number;
}

/** A real report reads in well under a second on an idle machine; the margin is for a machine shared with other work. */
export const PDF_LIMITS: PdfLimits = { timeMs: 60_000, memoryMb: 1024 };

type Answer = { doc: SourceDocument } | { error: string };

/**
 * The fast reader's limits in the calling thread: about a hundred times what a 6-page report needs
 * (200,000 units, 500 items), a few hundred milliseconds of work at most. A file over them is read
 * in the guarded thread, by the same reader (its own limits are the defaults, READ_LIMITS).
 */
export const IN_THREAD_LIMITS: ReadLimits = { work: 20_000_000, bytes: 64 * 1024 * 1024, items: 50_000 };

/**
 * The fast reader in this thread: the document, or what to ask the guarded thread for — the fast
 * reader again (over the limits here) or pdfjs (a file the fast reader does not support).
 */
function inThread(data: Uint8Array, name: string): { doc: SourceDocument } | { reader: PdfRequest['reader'] } {
  const why: FastRefusal = { reason: '', overLimit: false };
  const doc = readPdfFast(data, name, IN_THREAD_LIMITS, why);
  return doc ? { doc } : { reader: why.overLimit ? 'auto' : 'pdfjs' };
}

/**
 * The reader's thread: the bundle next to this one; running from the sources (tests, benchmarks under
 * tsx, whose loader a worker does not inherit), pdfWorker.ts through tsx's require hook.
 */
function startWorker(memoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb };
  const bundled = join(__dirname, 'pdfReader.js');
  if (existsSync(bundled)) return new Worker(bundled, { resourceLimits });
  const source = JSON.stringify(join(__dirname, 'pdfWorker.ts'));
  const boot = `const r = require('node:module').createRequire(${source}); r('tsx/cjs'); r(${source});`;
  return new Worker(boot, { eval: true, resourceLimits });
}

class Reader {
  private worker: Worker | null = null;
  private memoryMb = 0;
  /** Why the thread stopped, when it stopped on its own (out of memory, a crash). */
  private died: string | null = null;

  get(limits: PdfLimits): Worker {
    if (this.worker && this.memoryMb !== limits.memoryMb) this.stop();
    if (!this.worker) {
      const w = startWorker(limits.memoryMb);
      w.unref();
      this.died = null;
      w.on('error', (e: Error & { code?: string }) => {
        this.died = e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : e.message;
      });
      w.on('exit', () => {
        if (this.worker === w) this.worker = null;
      });
      this.worker = w;
      this.memoryMb = limits.memoryMb;
    }
    return this.worker;
  }

  reason(): string | null {
    return this.died;
  }

  stop() {
    void this.worker?.terminate();
    this.worker = null;
  }
}

const asyncReader = new Reader();
const syncReader = new Reader();
/** Async reads go one at a time: the time limit is the file's own. */
let queue: Promise<unknown> = Promise.resolve();

function overLimit(kind: 'time' | 'memory' | string, name: string, limits: PdfLimits): PdfLimitError {
  const [id, args] =
    kind === 'time'
      ? ['pdf.timeout', { seconds: limits.timeMs / 1000 }]
      : kind === 'memory'
        ? ['pdf.memory', { mb: limits.memoryMb }]
        : ['pdf.stopped', { kind }];
  return new PdfLimitError(`${bilingual(id, args)}: ${name}`);
}

function result(answer: Answer): SourceDocument {
  if ('error' in answer) throw new Error(answer.error);
  return answer.doc;
}

function request(data: Uint8Array, name: string, reader: PdfRequest['reader'], reply: MessagePort, done?: Int32Array): PdfRequest {
  return { data, name, reader, reply, ...(done ? { done } : {}) };
}

/** Reads a PDF in the reader thread; rejects with PdfLimitError when it takes too long or too much memory. */
export function readPdfAsync(data: Uint8Array, name = '', limits: PdfLimits = PDF_LIMITS): Promise<SourceDocument> {
  let first;
  try {
    first = inThread(data, name);
  } catch (e) {
    return Promise.reject(e as Error);
  }
  if ('doc' in first) return Promise.resolve(first.doc);
  const { reader } = first;
  const run = () =>
    new Promise<SourceDocument>((resolve, reject) => {
      const w = asyncReader.get(limits);
      const { port1, port2 } = new MessageChannel();
      const finish = (f: () => void) => {
        clearTimeout(timer);
        w.off('exit', onExit);
        port1.close();
        f();
      };
      const onExit = () => finish(() => reject(overLimit(asyncReader.reason() ?? 'exit', name, limits)));
      const timer = setTimeout(
        () =>
          finish(() => {
            asyncReader.stop();
            reject(overLimit('time', name, limits));
          }),
        limits.timeMs,
      );
      port1.once('message', (answer: Answer) =>
        finish(() => {
          try {
            resolve(result(answer));
          } catch (e) {
            reject(e as Error);
          }
        }),
      );
      w.once('exit', onExit);
      w.postMessage(request(data, name, reader, port2), [port2]);
    });
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

/**
 * Reads a PDF in the reader thread, this thread waiting for the answer; throws PdfLimitError when it
 * takes too long (a file that fills the reader's heap is reported as taking too long).
 */
export function readPdfSync(data: Uint8Array, name = '', limits: PdfLimits = PDF_LIMITS): SourceDocument {
  const first = inThread(data, name);
  if ('doc' in first) return first.doc;
  const w = syncReader.get(limits);
  const { port1, port2 } = new MessageChannel();
  const done = new Int32Array(new SharedArrayBuffer(4));
  w.postMessage(request(data, name, first.reader, port2, done), [port2]);
  try {
    // A thread that ran out of memory says so only to an event loop, which this thread is not
    // running: here it is a thread that did not answer in time.
    if (Atomics.wait(done, 0, 0, limits.timeMs) === 'timed-out') {
      syncReader.stop();
      throw overLimit('time', name, limits);
    }
    const answer = receiveMessageOnPort(port1)?.message as Answer | undefined;
    if (!answer) throw overLimit('exit', name, limits);
    return result(answer);
  } finally {
    port1.close();
  }
}
