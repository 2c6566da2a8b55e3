/**
 * Messages as LSP base-protocol frames (a Content-Length header and the JSON body), in bytes.
 *
 * Diagnostics are most of what a language server writes, and after a keystroke a report's
 * diagnostics are nearly all the ones sent the time before: the language service then hands out
 * the same frozen object for each unchanged diagnostic (features/diagnostics.ts DiagnosticMemo).
 * The encoder keeps the UTF-8 JSON of every frozen diagnostic it has written (by identity, so it
 * goes with the object) and writes the list of a publishDiagnostics notification or of a full
 * document-diagnostic report from those bytes: only the new diagnostics are serialised. The
 * frame is byte for byte what JSON.stringify of the whole message gives.
 */
import { Buffer } from 'node:buffer';
import type { Message } from 'vscode-languageserver/node';

/** Stands for the list in the message's own JSON; NUL characters never occur in a URI or a result id. */
const PLACE = '\u0000xxgk:items\u0000';
const PLACE_JSON = JSON.stringify(PLACE);
const COMMA = Buffer.from(',');
const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');
/** Shorter lists are not worth splitting. */
const MIN_ITEMS = 8;

type Json = Record<string, unknown>;

/** The message's list of diagnostics and the message with the placeholder in its stead, or null. */
function split(msg: Message): { items: unknown[]; rest: Json } | null {
  const m = msg as Json;
  const params = m.params as Json | undefined;
  if (m.method === 'textDocument/publishDiagnostics' && params && Array.isArray(params.diagnostics))
    return { items: params.diagnostics, rest: { ...m, params: { ...params, diagnostics: PLACE } } };
  const result = m.result as Json | undefined;
  if ('id' in m && result && typeof result === 'object' && result.kind === 'full' && Array.isArray(result.items))
    return { items: result.items, rest: { ...m, result: { ...result, items: PLACE } } };
  return null;
}

export class FrameEncoder {
  private readonly encoded = new WeakMap<object, Buffer>();

  /** The frame of `msg`: header and body in one buffer. */
  encode(msg: Message): Buffer {
    const parts = this.body(msg);
    let length = 0;
    for (const p of parts) length += p.length;
    const header = Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'latin1');
    return Buffer.concat([header, ...parts], header.length + length);
  }

  private body(msg: Message): Buffer[] {
    const found = split(msg);
    if (!found || found.items.length < MIN_ITEMS) return [Buffer.from(JSON.stringify(msg), 'utf8')];
    const json = JSON.stringify(found.rest);
    const at = json.indexOf(PLACE_JSON);
    if (at < 0 || json.lastIndexOf(PLACE_JSON) !== at) return [Buffer.from(JSON.stringify(msg), 'utf8')];
    const parts: Buffer[] = [Buffer.from(json.slice(0, at), 'utf8'), OPEN];
    found.items.forEach((item, i) => {
      if (i > 0) parts.push(COMMA);
      parts.push(this.item(item));
    });
    parts.push(CLOSE, Buffer.from(json.slice(at + PLACE_JSON.length), 'utf8'));
    return parts;
  }

  /** An item's JSON: kept when the item is frozen all through (it cannot change under the kept bytes). */
  private item(item: unknown): Buffer {
    if (item === null || typeof item !== 'object') return Buffer.from(JSON.stringify(item) ?? 'null', 'utf8');
    let bytes = this.encoded.get(item);
    if (bytes) return bytes;
    bytes = Buffer.from(JSON.stringify(item), 'utf8');
    if (frozenThrough(item)) this.encoded.set(item, bytes);
    return bytes;
  }
}

/** Whether a value and everything in it is frozen (checked once per object kept: frozen stays frozen). */
function frozenThrough(value: object): boolean {
  if (!Object.isFrozen(value)) return false;
  for (const v of Object.values(value)) if (v !== null && typeof v === 'object' && !frozenThrough(v as object)) return false;
  return true;
}
