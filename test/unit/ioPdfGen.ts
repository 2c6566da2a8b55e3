/**
 * PDFs written object by object, for what pdfkit does not make: a non-embedded Chinese font on a
 * predefined CMap (as Chinese government PDFs made by Acrobat and WPS often have), and hostile files.
 */
import { deflateSync } from 'node:zlib';
import { pdfOf } from './pdfMake';

/** A string as UCS-2 big-endian hex, the codes of the UniGB-UCS2-H encoding. */
function ucs2Hex(s: string): string {
  return [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
}

/**
 * One A4 page of lines in STSong-Light, not embedded, encoded with the predefined CMap `encoding`
 * (UniGB-UCS2-H: each character its UCS-2 code); a reader needs that CMap to get the CIDs and
 * Adobe-GB1-UCS2 to get the text back.
 */
export function cjkCMapPdf(lines: string[], encoding = 'UniGB-UCS2-H'): Buffer {
  const content = lines.map((l, i) => `BT /F1 12 Tf 72 ${770 - i * 24} Td <${ucs2Hex(l)}> Tj ET`).join('\n');
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    ['/Filter /FlateDecode', deflateSync(content)],
    `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /${encoding} /DescendantFonts [6 0 R] >>`,
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ]);
}

/** A small file that takes a reader long: a page whose compressed content stream inflates to `ops` text-showing operators. */
export function slowPdf(ops: number): Buffer {
  const op = Buffer.from('(ab) Tj\n', 'latin1');
  const content = Buffer.concat([Buffer.from('BT /F1 10 Tf 72 700 Td\n'), Buffer.alloc(op.length * ops, op), Buffer.from('ET\n')]);
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    ['/Filter /FlateDecode', deflateSync(content, { level: 9 })],
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

/** A small file that needs much memory to read: one string operand of `mb` megabytes, compressed to a few hundred kB. */
export function hugeStringPdf(mb: number): Buffer {
  const content = Buffer.concat([Buffer.from('BT /F1 10 Tf 72 700 Td ('), Buffer.alloc(mb * 1048576, 'a'), Buffer.from(') Tj ET\n')]);
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    ['/Filter /FlateDecode', deflateSync(content, { level: 9 })],
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}
