/**
 * A tiny PDF writer for tests: objects given one by one (object 1 the catalog), written with a
 * classic xref table or an xref stream (optionally PNG-predicted, in several /Index subsections),
 * some objects packed in an object stream, and incremental updates appended with /Prev.
 */
import { deflateSync } from 'node:zlib';

/** A dictionary string, or a stream: [dictionary entries, bytes] (bytes deflated when `flate`). */
export type PdfObject = string | [string, Buffer] | { dict: string; data: Buffer; flate?: boolean };

export interface PdfLayout {
  /** 'table' (default), or 'stream' (an xref stream). */
  xref?: 'table' | 'stream';
  /** xref stream rows PNG-predicted (Up) with /Predictor 12. */
  predictor?: boolean;
  /** Object numbers (1-based) packed into one object stream (xref stream only). */
  packed?: number[];
  /** Extra trailer entries (e.g. `/Encrypt 9 0 R`). */
  trailer?: string;
}

function streamBody(o: Exclude<PdfObject, string>): { dict: string; data: Buffer } {
  if (Array.isArray(o)) return { dict: o[0], data: o[1] };
  return o.flate ? { dict: `/Filter /FlateDecode ${o.dict}`, data: deflateSync(o.data) } : { dict: o.dict, data: o.data };
}

function objectBytes(num: number, o: PdfObject): Buffer {
  if (typeof o === 'string') return Buffer.from(`${num} 0 obj\n${o}\nendobj\n`, 'latin1');
  const { dict, data } = streamBody(o);
  return Buffer.concat([
    Buffer.from(`${num} 0 obj\n<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
}

/** One file section: the objects (numbered from `first`), then its xref and trailer. */
function section(
  start: number,
  objects: Map<number, PdfObject>,
  size: number,
  layout: PdfLayout,
  prev: number | null,
): { bytes: Buffer; xrefAt: number } {
  const parts: Buffer[] = [];
  let at = start;
  const offsets = new Map<number, number>();
  const packed = new Set(layout.packed ?? []);
  const inStream: number[] = [...objects.keys()].filter((n) => packed.has(n));
  const push = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  for (const [num, o] of objects) {
    if (packed.has(num)) continue;
    offsets.set(num, at);
    push(objectBytes(num, o));
  }
  const trailer = `/Size ${size} /Root 1 0 R${prev !== null ? ` /Prev ${prev}` : ''}${layout.trailer ? ` ${layout.trailer}` : ''}`;
  if (layout.xref !== 'stream') {
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    // One subsection per run of consecutive numbers (object 0, the free head, in the first file only).
    const runs: number[][] = [];
    if (prev === null) runs.push([0]);
    for (const n of nums) {
      const last = runs[runs.length - 1];
      if (last && last[last.length - 1] === n - 1) last.push(n);
      else runs.push([n]);
    }
    const xrefAt = at;
    const lines = runs.map(
      (r) =>
        `${r[0]} ${r.length}\n` +
        r.map((n) => (n === 0 ? '0000000000 65535 f \n' : `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`)).join(''),
    );
    push(Buffer.from(`xref\n${lines.join('')}trailer\n<< ${trailer} >>\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
    return { bytes: Buffer.concat(parts), xrefAt };
  }
  // The object stream, then the xref stream (its own entry included).
  const entries = new Map<number, [number, number, number]>();
  for (const [n, off] of offsets) entries.set(n, [1, off, 0]);
  const objStm = size;
  const xrefNum = size + (inStream.length ? 1 : 0);
  if (inStream.length) {
    let header = '';
    let body = '';
    inStream.forEach((n, i) => {
      header += `${n} ${body.length} `;
      body += `${objects.get(n) as string}\n`;
      entries.set(n, [2, objStm, i]);
    });
    entries.set(objStm, [1, at, 0]);
    push(
      objectBytes(objStm, {
        dict: `/Type /ObjStm /N ${inStream.length} /First ${header.length}`,
        data: Buffer.from(header + body, 'latin1'),
        flate: true,
      }),
    );
  }
  if (prev === null) entries.set(0, [0, 0, 65535]);
  const xrefAt = at;
  entries.set(xrefNum, [1, xrefAt, 0]);
  const nums = [...entries.keys()].sort((a, b) => a - b);
  // Subsections: runs of consecutive numbers, written in /Index.
  const index: number[] = [];
  for (const n of nums) {
    if (index.length && index[index.length - 2] + index[index.length - 1] === n) index[index.length - 1]++;
    else index.push(n, 1);
  }
  const rowLen = 1 + 4 + 2;
  const rows = nums.map((n) => {
    const [t, a, b] = entries.get(n)!;
    const r = Buffer.alloc(rowLen);
    r[0] = t;
    r.writeUInt32BE(a, 1);
    r.writeUInt16BE(b, 5);
    return r;
  });
  let data: Buffer;
  let parms = '';
  if (layout.predictor) {
    // PNG Up: each row the difference from the row above, after a filter-type byte 2.
    data = Buffer.concat(
      rows.map((r, i) => Buffer.concat([Buffer.of(2), Buffer.from(r.map((v, k) => (v - (i ? rows[i - 1][k] : 0)) & 0xff))])),
    );
    parms = ` /DecodeParms << /Predictor 12 /Columns ${rowLen} >>`;
  } else data = Buffer.concat(rows);
  const dict = `/Type /XRef /W [1 4 2] /Index [${index.join(' ')}]${parms} ${trailer.replace(`/Size ${size}`, `/Size ${xrefNum + 1}`)}`;
  push(objectBytes(xrefNum, { dict, data, flate: true }));
  push(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
  return { bytes: Buffer.concat(parts), xrefAt };
}

/** A PDF of the given objects (1-based; object 1 the catalog). */
export function pdfOf(objects: PdfObject[], layout: PdfLayout = {}): Buffer {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  const map = new Map(objects.map((o, i) => [i + 1, o]));
  return Buffer.concat([head, section(head.length, map, objects.length + 1, layout, null).bytes]);
}

/** `base` with an incremental update appended: `objects` (number → new object) and an xref section pointing back with /Prev. */
export function updated(base: Buffer, objects: Map<number, PdfObject>, layout: PdfLayout = {}): Buffer {
  const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(base.toString('latin1', Math.max(0, base.length - 64)));
  if (!m) throw new Error('no startxref');
  const size = Math.max(...objects.keys(), Number(/\/Size (\d+)/.exec(base.toString('latin1'))![1]) - 1) + 1;
  return Buffer.concat([base, section(base.length, objects, size, layout, Number(m[1])).bytes]);
}
