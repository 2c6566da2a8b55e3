/**
 * Text items by pdfjs-dist (legacy build: runs in Node without a canvas), for the files pdfText.ts's
 * fast reader leaves to it. A bundle of its own (dist/pdfjsText.js, loaded by pdf.ts on the first such
 * file): a reader thread that never meets one never compiles pdfjs.
 */
import type { TextItem, TextPage } from './pdfText';

// pdfjs is ESM; loaded once per thread, on the first PDF.
type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<Pdfjs> | null = null;

/**
 * Built-ins that pdfjs's legacy build replaces with core-js versions written in JavaScript (V8 fails
 * core-js's checks for corner cases no reader here meets): every `push` and every JSON call in the
 * thread ran several times slower after the first PDF. V8's own are put back once pdfjs is loaded
 * (its additions, such as Promise.withResolvers, stay: pdfjs needs them).
 */
const NATIVES: [object, string][] = [
  [Array.prototype, 'push'],
  [JSON, 'parse'],
  [JSON, 'stringify'],
  [Function.prototype, 'toString'],
];

function loadPdfjs(): Promise<Pdfjs> {
  pdfjs ??= (async () => {
    const saved = NATIVES.map(([o, k]) => Object.getOwnPropertyDescriptor(o, k)!);
    // Text extraction renders nothing, but pdfjs builds a DOMMatrix when it loads; Node has none
    // (pdfjs would take it from @napi-rs/canvas, a native module not shipped with the extension).
    if (!(globalThis as { DOMMatrix?: unknown }).DOMMatrix) {
      const { default: CSSMatrix } = await import('@thednp/dommatrix');
      (globalThis as { DOMMatrix?: unknown }).DOMMatrix = CSSMatrix;
    }
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    NATIVES.forEach(([o, k], i) => Object.defineProperty(o, k, saved[i]));
    return lib;
  })();
  return pdfjs;
}

export type PdfjsRead = { error: null; pages: TextPage[] } | { error: 'encrypted' } | { error: 'corrupt'; message: string };

/** The text items of each page (up to `maxPages`); a file pdfjs cannot open is an error result, not an exception. */
export async function readTextPagesPdfjs(data: Uint8Array, cMapDir: string | null, maxPages: number): Promise<PdfjsRead> {
  const { getDocument } = await loadPdfjs();
  let doc;
  try {
    doc = await getDocument({
      data: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      useWasm: false,
      // pdfjs wants the folder with a trailing slash and reads `${cMapUrl}${name}.bcmap` from the disk.
      ...(cMapDir ? { cMapUrl: cMapDir.replace(/[\\/]*$/, '/'), cMapPacked: true } : {}),
      verbosity: 0,
      stopAtErrors: false,
    }).promise;
  } catch (e) {
    const err = e as { name?: string; message?: string };
    if (err?.name === 'PasswordException') return { error: 'encrypted' };
    return { error: 'corrupt', message: err?.message ?? String(e) };
  }
  try {
    const pages: TextPage[] = [];
    for (let p = 1; p <= Math.min(doc.numPages, maxPages); p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      pages.push({ view: page.view, items: content.items.filter((it): it is TextItem & typeof it => 'str' in it) });
      page.cleanup();
    }
    return { error: null, pages };
  } finally {
    await doc.destroy();
  }
}
