/**
 * The thread PDFs are read in (bundled as dist/pdfReader.js, started by pdfHost.ts): pdfjs is loaded
 * once, on the first PDF that needs it, and each request `{ data, name, reader, reply, done? }` is answered on its own
 * port with `{ doc }` or `{ error }`; `done` (a shared Int32Array) is set to 1 and notified after the
 * answer, for a caller that waits without an event loop (pdfHost's readPdfSync).
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { readPdf } from './pdf';

export interface PdfRequest {
  data: Uint8Array;
  name: string;
  /** 'pdfjs' when the fast reader already left the file to it (pdfHost.ts tried it first). */
  reader: 'auto' | 'pdfjs';
  reply: MessagePort;
  done?: Int32Array;
}

parentPort?.on('message', (m: PdfRequest) => {
  void readPdf(m.data, m.name, { reader: m.reader })
    .then(
      (doc) => ({ doc }),
      (e: unknown) => ({ error: (e as Error)?.message ?? String(e) }),
    )
    .then((answer) => {
      m.reply.postMessage(answer);
      m.reply.close();
      if (m.done) {
        Atomics.store(m.done, 0, 1);
        Atomics.notify(m.done, 0);
      }
    });
});
