/**
 * Web pages saved as one file (.mht / .mhtml: MIME, RFC 2557), as a browser's 网页，单个文件 or Word's
 * 单个文件网页 saves them: the page is the archive's first text/html part (Content-Type, after the
 * MIME headers, folded lines unfolded), decoded from its transfer encoding (quoted-printable or
 * base64) and given to the web page reader. A charset named in the part's header is the page's:
 * the page is handed on as UTF-8 with a BOM then, so that no <meta> inside it overrides it.
 */

import { knownCharset } from './html';

export class MhtmlError extends Error {}

/** Header fields of one MIME entity, names in lower case, folded lines joined. */
function headers(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) out.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return out;
}

/** A parameter of a header value (boundary="…", charset=gb2312), quoted or not. */
function param(value: string, name: string): string | null {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return m ? (m[1] ?? m[2]) : null;
}

/** Where the headers of an entity starting at `from` end, and its body starts. */
function splitEntity(text: string, from: number): { head: string; body: number } | null {
  const m = /\r?\n\r?\n/g;
  m.lastIndex = from;
  const end = m.exec(text);
  return end ? { head: text.slice(from, end.index), body: end.index + end[0].length } : null;
}

function quotedPrintable(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3d) {
      // =XX, or a soft line break (= at a line's end).
      const hex = s.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out[n++] = parseInt(hex, 16);
        i += 2;
        continue;
      }
      if (s[i + 1] === '\r' && s[i + 2] === '\n') {
        i += 2;
        continue;
      }
      if (s[i + 1] === '\n') {
        i += 1;
        continue;
      }
    }
    out[n++] = c & 0xff;
  }
  return out.subarray(0, n);
}

/** The page an MHTML archive holds, as bytes the web page reader decodes. */
export function mhtmlPage(bytes: Uint8Array, name = ''): Uint8Array {
  // MIME is ASCII; the bytes of an 8bit part are kept one for one (latin1).
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const top = splitEntity(text, 0);
  const topHeaders = top ? headers(top.head) : new Map<string, string>();
  const type = topHeaders.get('content-type') ?? '';
  if (!top || !type)
    throw new MhtmlError(`不是单个文件网页（.mht / .mhtml）：没有 MIME 头 / not an MHTML archive (no MIME header): ${name}`);
  let part: { head: Map<string, string>; body: string } | null = null;
  if (/^text\/html/i.test(type)) part = { head: topHeaders, body: text.slice(top.body) };
  else {
    const boundary = param(type, 'boundary');
    if (!/^multipart\//i.test(type) || !boundary) throw new MhtmlError(`单个文件网页中没有网页 / no web page in the archive: ${name}`);
    const delimiter = `--${boundary}`;
    for (let at = text.indexOf(delimiter, top.body); at >= 0 && !part;) {
      const start = at + delimiter.length;
      if (text.startsWith('--', start)) break;
      const next = text.indexOf(delimiter, start);
      const entity = splitEntity(text, start);
      if (entity && (next < 0 || entity.body <= next)) {
        const head = headers(entity.head);
        // (The body ends at the line break before the next delimiter.)
        if (/^text\/html/i.test(head.get('content-type') ?? ''))
          part = { head, body: text.slice(entity.body, next < 0 ? text.length : next).replace(/\r?\n$/, '') };
      }
      at = next;
    }
  }
  if (!part) throw new MhtmlError(`单个文件网页中没有网页 / no web page in the archive: ${name}`);
  const encoding = (part.head.get('content-transfer-encoding') ?? '').toLowerCase();
  const body =
    encoding === 'quoted-printable'
      ? quotedPrintable(part.body)
      : encoding === 'base64'
        ? new Uint8Array(Buffer.from(part.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'))
        : new Uint8Array(Buffer.from(part.body, 'latin1'));
  const charset = knownCharset(param(part.head.get('content-type') ?? '', 'charset') ?? '');
  if (!charset) return body;
  let page: string;
  try {
    page = new TextDecoder(charset, { fatal: true }).decode(body);
  } catch {
    // Not in the charset its header names: the reader finds the page's own.
    return body;
  }
  return new Uint8Array(Buffer.from('\ufeff' + page, 'utf8'));
}
