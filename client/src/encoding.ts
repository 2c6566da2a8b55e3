/**
 * Which encoding a report file's bytes are in, as far as the editor needs to know: a BOM decides;
 * otherwise bytes that are valid UTF-8 are UTF-8, and bytes that are not but read as GB18030 (the
 * superset of GBK and GB2312 that Chinese Windows writes) are GB18030. Kept free of `vscode` so that
 * it is unit-tested; the names are VS Code's encoding ids.
 */
export type GuessedEncoding = 'utf8' | 'utf8bom' | 'utf16le' | 'utf16be' | 'gb18030';

/** How many bytes are looked at: enough to see Chinese text, bounded for large files. */
const SAMPLE_BYTES = 64 * 1024;

export function guessEncoding(bytes: Uint8Array): GuessedEncoding | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf8bom';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  let sample = bytes.length > SAMPLE_BYTES ? bytes.subarray(0, SAMPLE_BYTES) : bytes;
  // Do not let a multi-byte character cut at the sample's end make valid UTF-8 look invalid.
  if (sample !== bytes) {
    let end = sample.length;
    while (end > 0 && end > sample.length - 4 && (sample[end - 1] & 0xc0) === 0x80) end--;
    if (end > 0 && sample[end - 1] >= 0xc0) end--;
    sample = sample.subarray(0, end);
  }
  if (decodes(sample, 'utf-8')) return 'utf8';
  if (sample !== bytes) {
    // GB18030 characters are 1, 2 or 4 bytes: drop up to 3 trailing bytes that may be a cut character.
    for (let cut = 0; cut < 4; cut++) if (decodes(sample.subarray(0, sample.length - cut), 'gb18030')) return 'gb18030';
    return null;
  }
  return decodes(sample, 'gb18030') ? 'gb18030' : null;
}

function decodes(bytes: Uint8Array, label: string): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes bytes in a guessed encoding (BOM stripped), or as UTF-8 with replacement characters when nothing fits. */
export function decodeGuessed(bytes: Uint8Array, encoding: GuessedEncoding | null): string {
  switch (encoding) {
    case 'utf8bom':
      return new TextDecoder('utf-8').decode(bytes.subarray(3));
    case 'utf16le':
      return new TextDecoder('utf-16le').decode(bytes.subarray(2));
    case 'utf16be':
      return new TextDecoder('utf-16be').decode(bytes.subarray(2));
    case 'gb18030':
      return new TextDecoder('gb18030').decode(bytes);
    default:
      return new TextDecoder('utf-8').decode(bytes);
  }
}
