/**
 * Files as they come: one decoder for every text file the CLI and the extension read. UTF-8 with
 * or without a BOM, UTF-16 LE/BE with a BOM, GB18030 (which includes GBK and GB2312) as Chinese
 * Windows saves it. A UTF-8 file with a few invalid bytes is read with U+FFFD in their place and the
 * lines that hold them reported (`file-encoding`), not refused whole; a binary file is refused.
 * No Node-only API here: the extension client uses the same code.
 */
import { localize, type Locale } from '../report/messages';
import type { ReportDiagnostic } from '../report/model';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  bom: boolean;
  /** 0-based lines of `text` holding U+FFFD put there for bytes that were not valid in the encoding. */
  invalidLines: number[];
}

export class DecodeError extends Error {
  constructor(
    readonly reason: 'binary' | 'unknown-encoding',
    message: string,
  ) {
    super(message);
  }
}

// Decoders made once: a decoder used without `stream` keeps no state between calls, and making one costs
// as much as decoding a page.
const UTF8_FATAL = new TextDecoder('utf-8', { fatal: true });
const UTF8 = new TextDecoder('utf-8');
export const GB18030_FATAL = new TextDecoder('gb18030', { fatal: true });

/** Bytes that never occur in text (NUL and most C0 controls): 'nul' for a NUL, 'controls' for more than a few controls. */
function looksBinary(bytes: Uint8Array): 'nul' | 'controls' | null {
  const n = Math.min(bytes.length, 65536);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return 'nul';
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 0x1a && b !== 0x1b) controls++;
  }
  return controls > Math.max(8, n / 100) ? 'controls' : null;
}

/** Valid multi-byte UTF-8 sequences and invalid bytes, counted in one pass. */
function utf8Census(bytes: Uint8Array, from: number): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok && len === 3) {
      const b1 = bytes[i + 1];
      ok = !(b === 0xe0 && b1 < 0xa0) && !(b === 0xed && b1 >= 0xa0);
    } else if (ok && len === 4) {
      const b1 = bytes[i + 1];
      ok = !(b === 0xf0 && b1 < 0x90) && !(b === 0xf4 && b1 >= 0x90);
    }
    if (ok) {
      multibyte++;
      i += len;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

function linesWithReplacement(text: string): number[] {
  const out: number[] = [];
  let line = 0;
  let marked = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
    else if (c === 0xfffd && marked !== line) out.push((marked = line));
  }
  return out;
}

/**
 * Decodes a text file. `name` is only for messages. Throws DecodeError for a binary file or bytes
 * that are neither UTF-8 (give or take a few bad bytes), UTF-16 with a BOM nor GB18030.
 */
export function decodeText(bytes: Uint8Array, name = ''): DecodedText {
  const suffix = name ? `: ${name}` : '';
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const encoding: TextEncoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
    return { text, encoding, bom: true, invalidLines: linesWithReplacement(text) };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const binary = looksBinary(bytes);
  if (binary === 'nul') throw new DecodeError('binary', `不是文本文件（含有二进制数据）/ not a text file (binary data)${suffix}`);
  if (binary === 'controls')
    throw new DecodeError(
      'binary',
      `无法识别文件编码：含有大量控制字符，可能是二进制文件 / unknown encoding: many control bytes, a binary file?${suffix}`,
    );
  try {
    return { text: UTF8_FATAL.decode(bytes), encoding: 'utf-8', bom, invalidLines: [] };
  } catch {
    // not clean UTF-8: a few bad bytes in a UTF-8 file, or another encoding
  }
  const census = utf8Census(bytes, bom ? 3 : 0);
  const mostlyUtf8 = bom || (census.multibyte >= 4 && census.invalid * 8 <= census.multibyte);
  if (!mostlyUtf8) {
    try {
      return { text: GB18030_FATAL.decode(bytes), encoding: 'gb18030', bom: false, invalidLines: [] };
    } catch {
      if (census.multibyte === 0)
        throw new DecodeError(
          'unknown-encoding',
          `无法识别文件编码（不是 UTF-8、UTF-16 或 GB18030）/ unknown encoding (neither UTF-8, UTF-16 nor GB18030)${suffix}`,
        );
    }
  }
  const text = UTF8.decode(bytes);
  return { text, encoding: 'utf-8', bom, invalidLines: linesWithReplacement(text) };
}

/** A `file-encoding` warning on each line that holds bytes the decoder could not read. */
export function encodingDiagnostics(decoded: DecodedText, locale: Locale = 'zh'): ReportDiagnostic[] {
  const lines = decoded.invalidLines.length ? decoded.text.split(/\r\n|\r|\n/) : [];
  return decoded.invalidLines.map((line) => {
    const src = lines[line] ?? '';
    const first = src.indexOf('\ufffd');
    const last = src.lastIndexOf('\ufffd');
    return {
      code: 'file-encoding',
      severity: 'warning',
      message: localize('file-encoding', { encoding: decoded.encoding.toUpperCase() }, locale),
      range: { start: { line, character: Math.max(0, first) }, end: { line, character: last + 1 } },
      related: [],
    };
  });
}
