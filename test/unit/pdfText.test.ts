/**
 * The fast PDF text reader (server/src/io/pdfText.ts) against pdfjs: every PDF fixture and generated
 * file read by both gives the same items and the same document, the fast reader reading what it
 * should; small hand-written PDFs for the parts that are easy to get wrong; what it leaves to pdfjs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { readItems, readPdfWith, type Item, type PdfOptions } from '../../server/src/io/pdf';
import { PdfOverLimit, PdfUnsupported, readTextPages } from '../../server/src/io/pdfText';
import { ROOT } from './helpers';
import { PDF_FIXTURES } from './ioGen';
import { cjkCMapPdf, hugeStringPdf, slowPdf } from './ioPdfGen';
import { pdfOf, updated, type PdfLayout, type PdfObject } from './pdfMake';

const CMAPS: PdfOptions = { cMapDir: join(ROOT, 'dist', 'cmaps') };

/** Items equal: same text, positions equal to rounding. */
function assertSameItems(fast: Item[], pdfjs: Item[]) {
  const show = (it: Item) => `${it.s}@${it.page}:${it.x.toFixed(3)},${it.y.toFixed(3)}-${it.x1.toFixed(3)}/${it.size.toFixed(3)}`;
  assert.deepEqual(fast.map(show), pdfjs.map(show));
}

/** Reads `pdf` with both readers: same items and document; returns the document text and which reader the default took. */
async function both(pdf: Buffer | Uint8Array, name = 'test.pdf'): Promise<{ text: string; reader: string; reason?: string | null }> {
  const data = new Uint8Array(pdf);
  const viaPdfjs = await readItems(data, name, { ...CMAPS, reader: 'pdfjs' });
  const auto = await readItems(data, name, CMAPS);
  assertSameItems(auto.items, viaPdfjs.items);
  const a = await readPdfWith(data, name, { ...CMAPS, reader: 'pdfjs' });
  const b = await readPdfWith(data, name, CMAPS);
  assert.deepEqual(b.doc, a.doc);
  return { text: b.doc.text, reader: b.reader, reason: 'reason' in b ? b.reason : undefined };
}

const DESCRIPTOR = (name: string) =>
  `<< /Type /FontDescriptor /FontName /${name} /Flags 32 /FontBBox [-665 -325 2000 1006] /ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 80 >>`;
/** Widths of printable ASCII (32–126) and the rest of the byte range, so that every code has one. */
const WIDTHS = Array.from({ length: 224 }, (_, i) => 400 + ((i * 37) % 300)).join(' ');
/** A non-embedded TrueType font with /Widths (its descriptor is object `desc`). */
const latinFont = (desc: number, encoding = '/WinAnsiEncoding') =>
  `<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 255 /Widths [${WIDTHS}] /Encoding ${encoding} /FontDescriptor ${desc} 0 R >>`;

/** One page (objects 1–6: catalog, pages, page, content, font F1, its descriptor) plus `extra` objects from 7. */
function onePage(content: string, opts: { resources?: string; font?: string; page?: string; extra?: PdfObject[] } = {}): PdfObject[] {
  return [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> ${opts.resources ?? ''} >> /Contents 4 0 R ${opts.page ?? ''} >>`,
    { dict: '', data: Buffer.from(content, 'latin1'), flate: true },
    opts.font ?? latinFont(6),
    DESCRIPTOR('Arial'),
    ...(opts.extra ?? []),
  ];
}

const TEXT = [
  'BT /F1 12 Tf 72 760 Td (Annual report 2023) Tj ET',
  'BT /F1 12 Tf 72 740 Td (Total 1234 items) Tj ET',
  'BT /F1 10 Tf 72 720 Td (12) Tj 60 0 Td (34) Tj 60 0 Td (56) Tj ET',
].join('\n');

describe('fast PDF reader: the same as pdfjs on every fixture', () => {
  const files = [
    join(ROOT, 'test', 'fixtures', 'real', 'huaian-2024.pdf'),
    ...PDF_FIXTURES.map((f) => join(ROOT, 'test', 'fixtures', 'pdf', f.file)),
  ];
  for (const f of files)
    it(`${f.split('/').pop()}: read by the fast reader, as pdfjs reads it`, async () => {
      const r = await both(readFileSync(f), f);
      assert.equal(r.reader, 'fast', r.reason ?? '');
    });
  for (const encoding of ['UniGB-UCS2-H', 'UniGB-UTF16-H'])
    it(`STSong-Light, not embedded, on ${encoding}: read by the fast reader`, async () => {
      const lines = ['某某县人民政府2023年政府信息公开工作年度报告', '一、总体情况 (abc)'];
      const r = await both(cjkCMapPdf(lines, encoding));
      assert.equal(r.reader, 'fast', r.reason ?? '');
      assert.equal(r.text, lines.join('\n') + '\n');
    });
  it('hostile files (a standard font without /Widths) are left to pdfjs, which reads them as before', async () => {
    for (const pdf of [slowPdf(200), hugeStringPdf(1)]) {
      const r = await both(pdf);
      assert.equal(r.reader, 'pdfjs');
      assert.match(r.reason ?? '', /Widths|descriptor/);
    }
  });
});

describe('fast PDF reader: file structure', () => {
  it('a classic xref table', async () => {
    const r = await both(pdfOf(onePage(TEXT)));
    assert.equal(r.reader, 'fast', r.reason ?? '');
    assert.match(r.text, /Annual report 2023/);
  });

  it('an xref stream with PNG predictors and objects packed in an object stream', async () => {
    const layout: PdfLayout = { xref: 'stream', predictor: true, packed: [2, 3, 5, 6] };
    const r = await both(pdfOf(onePage(TEXT), layout));
    assert.equal(r.reader, 'fast', r.reason ?? '');
    assert.match(r.text, /Total 1234 items/);
  });

  for (const xref of ['table', 'stream'] as const)
    it(`an incremental update (${xref}: /Prev, /Index subsections) replaces the page's content and a font`, async () => {
      const base = pdfOf(onePage(TEXT), { xref });
      const next = updated(
        base,
        new Map<number, PdfObject>([
          [
            4,
            { dict: '', data: Buffer.from('BT /F1 12 Tf 72 760 Td (Revised text) Tj ET\nBT /F2 12 Tf 72 700 Td (AB) Tj ET'), flate: true },
          ],
          [3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R /F2 8 0 R >> >> /Contents 4 0 R >>'],
          [8, latinFont(6, '<< /BaseEncoding /WinAnsiEncoding /Differences [65 /uni4E2D /uni6587] >>')],
        ]),
        { xref, predictor: xref === 'stream' },
      );
      const r = await both(next);
      assert.equal(r.reader, 'fast', r.reason ?? '');
      assert.match(r.text, /Revised text/);
      assert.match(r.text, /中文/);
      assert.doesNotMatch(r.text, /Annual/);
    });

  it('a broken xref offset is left to pdfjs (it rebuilds the table), which reads the file', async () => {
    const good = pdfOf(onePage(TEXT));
    const s = good.toString('latin1');
    const broken = Buffer.from(
      s.replace(/startxref\n(\d+)/, (_, n) => `startxref\n${Number(n) + 7}`),
      'latin1',
    );
    const r = await both(broken);
    assert.equal(r.reader, 'pdfjs');
    assert.match(r.text, /Annual report 2023/);
  });

  it('encrypted files and zip bombs: the fast reader refuses them (pdfjs says what is wrong)', () => {
    const enc = pdfOf(onePage(TEXT), { trailer: '/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>' });
    assert.throws(
      () => readTextPages(enc, null, 10),
      (e) => e instanceof PdfUnsupported && /encrypted/.test(e.message),
    );
    // 100 MB of zeros, deflated to about 100 kB.
    const bomb = pdfOf(
      onePage('', { extra: [] }).map((o, i) => (i === 3 ? ['/Filter /FlateDecode', deflateSync(Buffer.alloc(100 * 1024 * 1024))] : o)),
    );
    assert.ok(bomb.length < 200_000);
    assert.throws(
      () => readTextPages(bomb, null, 10),
      (e) => e instanceof PdfUnsupported && /inflate/.test(e.message),
    );
  });

  it('rotated pages, a crop box, resources and media box inherited from the page tree', async () => {
    const r = await both(
      pdfOf([
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 /MediaBox [0 0 600 800] /Resources << /Font << /F1 5 0 R >> >> >>',
        '<< /Type /Page /Parent 2 0 R /Rotate 90 /CropBox [10 10 590 700] /Contents 4 0 R >>',
        { dict: '', data: Buffer.from(TEXT.replace(/760|740/g, '650') + '\nBT /F1 12 Tf 72 750 Td (cropped away) Tj ET'), flate: true },
        latinFont(6),
        DESCRIPTOR('Arial'),
        '<< /Type /Page /Parent 2 0 R /Rotate 270 /Resources << /Font << /F1 5 0 R >> /ProcSet [/PDF] >> /Contents 8 0 R >>',
        { dict: '', data: Buffer.from('BT /F1 12 Tf 0 1 -1 0 300 100 Tm (Turned text) Tj ET'), flate: true },
      ]),
    );
    assert.equal(r.reader, 'fast', r.reason ?? '');
    assert.doesNotMatch(r.text, /cropped away/);
  });
});

describe('fast PDF reader: text operators', () => {
  it('TJ spacing, Tc, Tw, Tz, Ts, TL, T*, quote operators: items and spaces as pdfjs makes them', async () => {
    const content = [
      'BT /F1 12 Tf 72 760 Td [(Hello) -250 (World)] TJ ET',
      'BT /F1 12 Tf 72 740 Td [(Hel) -30 (lo) 120 (!)] TJ ET',
      'BT /F1 12 Tf 72 720 Td [(Left) -3000 (Right) -700 (Far)] TJ ET',
      'BT /F1 12 Tf 2 Tc 72 700 Td (spaced) Tj ET',
      'BT /F1 12 Tf 0 Tc 6 Tw 72 680 Td (a b  c) Tj ET',
      'BT /F1 12 Tf 0 Tw 150 Tz 72 660 Td (wide) Tj 40 Tz ( narrow) Tj ET',
      'BT /F1 12 Tf 100 Tz 72 640 Td (base) Tj 3 Ts (up) Tj 0 Ts (down) Tj ET',
      'BT /F1 12 Tf 14 TL 72 620 Td (one) Tj T* (two) Tj (three) \' 1 0.5 (four) " ET',
      'BT /F1 12 Tf 72 540 Td 20 0 TD (moved) Tj 0 -14 TD (again) Tj T* (leading) Tj ET',
      'BT /F1 12 Tf 2 0 0 2 72 500 Tm (scaled) Tj 1 0 0 1 200 500 Tm (unscaled) Tj ET',
      'BT /F1 9 Tf 72 480 Td (small) Tj /F1 14 Tf (big) Tj ET',
    ].join('\n');
    const r = await both(pdfOf(onePage(content)));
    assert.equal(r.reader, 'fast', r.reason ?? '');
    assert.match(r.text, /Hello World/);
    assert.match(r.text, /Hello!/);
  });

  it('Form XObjects (nested) with /Matrix and their own resources, under q/Q/cm', async () => {
    const form = (body: string, extra: string) => ({
      dict: `/Type /XObject /Subtype /Form /BBox [0 0 600 800] ${extra}`,
      data: Buffer.from(body),
      flate: true,
    });
    const r = await both(
      pdfOf(
        onePage('q 1 0 0 1 50 0 cm /Fm1 Do Q BT /F1 12 Tf 72 500 Td (after the form) Tj ET q 0.5 0 0 0.5 0 0 cm /Fm1 Do Q', {
          resources: '/XObject << /Fm1 7 0 R >>',
          extra: [
            form(
              'BT /F2 10 Tf 72 700 Td (in form one) Tj ET /Fm2 Do',
              '/Matrix [1 0 0 1 0 -100] /Resources << /Font << /F2 5 0 R >> /XObject << /Fm2 8 0 R >> >>',
            ),
            form('BT /F2 10 Tf 72 650 Td (in form two) Tj ET', '/Matrix [1 0 0 1 10 0] /Resources << /Font << /F2 5 0 R >> >>'),
          ],
        }),
      ),
    );
    assert.equal(r.reader, 'fast', r.reason ?? '');
    for (const t of ['in form one', 'in form two', 'after the form']) assert.match(r.text, new RegExp(t));
  });

  it('inline images are skipped by their data length: EI-like bytes inside them are data', async () => {
    const data = Buffer.from('\x00\x01 EI \xff\xfe\x80\x81\x00EI\n\x90\x91', 'latin1');
    assert.equal(data.length, 16);
    const content = Buffer.concat([
      Buffer.from('BT /F1 12 Tf 72 760 Td (before) Tj ET\nq 8 0 0 2 72 600 cm BI /W 8 /H 2 /BPC 8 /CS /G ID ', 'latin1'),
      data,
      Buffer.from(' EI Q\nBT /F1 12 Tf 72 740 Td (after) Tj ET', 'latin1'),
    ]);
    const objects = onePage('');
    objects[3] = { dict: '', data: content, flate: true };
    const r = await both(pdfOf(objects));
    assert.equal(r.reader, 'fast', r.reason ?? '');
    assert.match(r.text, /before\n?after/);
  });
});

describe('fast PDF reader: fonts', () => {
  const type0 = (toUnicode: string, extra: PdfObject[] = []) =>
    onePage('BT /F1 12 Tf 72 760 Td <0001001000110012000200200021002200030013> Tj ET', {
      font: '<< /Type /Font /Subtype /Type0 /BaseFont /TestCID /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 8 0 R >>',
      extra: [
        '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TestCID /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 6 0 R /DW 1000 /W [16 [500 600 700] 32 34 550] >>',
        { dict: '', data: Buffer.from(toUnicode), flate: true },
        ...extra,
      ],
    }).map((o, i) => (i === 5 ? DESCRIPTOR('TestCID') : o));

  it('ToUnicode: bfchar, bfrange to a start and to an array, surrogate pairs, widths from /W', async () => {
    const cmap = [
      '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def',
      '1 begincodespacerange <0000> <FFFF> endcodespacerange',
      '3 beginbfchar <0001> <4E2D> <0002> <D835DC00> <0003> <00660069> endbfchar',
      '3 beginbfrange <0010> <0012> [<6587> <5E74> <D83DDE00>] <0020> <0022> <0041> <0013> <0013> <00FF> endbfrange',
      'endcmap CMapName currentdict /CMap defineresource pop end end',
    ].join('\n');
    const r = await both(pdfOf(type0(cmap)));
    assert.equal(r.reader, 'fast', r.reason ?? '');
    assert.match(r.text, /中文年😀𝐀ABCfiÿ/u);
  });

  it('a predefined CMap with 1- and 2-byte codes (GBK-EUC-H): ASCII and Chinese in one string', async () => {
    const pdf = cjkCMapPdf(['x'], 'GBK-EUC-H')
      .toString('latin1')
      .replace(/<0078>/, '<32303233D6D0CEC4C4EA>');
    // The content stream is deflated: rebuild the file with the new string.
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
      { dict: '', data: Buffer.from('BT /F1 12 Tf 72 770 Td <32303233D6D0CEC4C4EA> Tj ET'), flate: true },
      ...[5, 6, 7].map((n) => new RegExp(`\n${n} 0 obj\n(.*)\nendobj`).exec(pdf)![1]),
    ];
    const r = await both(pdfOf(objects));
    assert.equal(r.reader, 'fast', r.reason ?? '');
    assert.equal(r.text, '2023中文年\n');
  });

  it('simple fonts: WinAnsi, /Differences with glyph names', async () => {
    const r = await both(
      pdfOf(
        onePage('BT /F1 12 Tf 72 760 Td (AB\\200 \\223quoted\\224 C\\225D) Tj ET', {
          font: latinFont(6, '<< /BaseEncoding /WinAnsiEncoding /Differences [65 /uni4E2D /bullet 128 /Euro] >>'),
        }),
      ),
    );
    assert.equal(r.reader, 'fast', r.reason ?? '');
    assert.match(r.text, /中•€ “quoted” C•D/);
  });

  it('what needs the font program is left to pdfjs: Identity-H without ToUnicode, Type3, Type1 and CFF programs', async () => {
    const identity = type0('').map((o, i) =>
      i === 4 ? '<< /Type /Font /Subtype /Type0 /BaseFont /TestCID /Encoding /Identity-H /DescendantFonts [7 0 R] >>' : o,
    );
    const type3 = onePage('BT /F1 12 Tf 72 760 Td (a) Tj ET', {
      font: '<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << /a 7 0 R >> /Encoding << /Differences [97 /a] >> /FirstChar 97 /LastChar 97 /Widths [1000] /Resources << >> >>',
      extra: [{ dict: '', data: Buffer.from('1000 0 d0 0 0 1000 1000 re f'), flate: true }],
    });
    const type1 = onePage(TEXT).map((o, i) =>
      i === 5 ? DESCRIPTOR('Arial').replace('>>', '/FontFile 7 0 R >>') : i === 4 ? (o as string).replace('TrueType', 'Type1') : o,
    );
    type1.push({ dict: '/Length1 4 /Length2 0 /Length3 0', data: Buffer.from('%!PS') });
    // A CID font with a CFF program (its own font matrix).
    const cff = type0('').map((o, i) => (i === 5 ? DESCRIPTOR('TestCID').replace('>>', '/FontFile3 9 0 R >>') : o));
    cff.push({ dict: '/Subtype /CIDFontType0C', data: Buffer.from('\x01\x00\x04\x02') });
    for (const [objects, why] of [
      [identity, /Identity/],
      [type3, /Type3/],
      [type1, /Type1/],
      [cff, /CFF/],
    ] as const) {
      const pages = () => readTextPages(pdfOf(objects), null, 10);
      assert.throws(pages, (e) => e instanceof PdfUnsupported && why.test(e.message));
    }
  });

  it('a Japanese or Korean CMap (not bundled): a clear error naming it', async () => {
    const pdf = new Uint8Array(cjkCMapPdf(['x'], 'UniJIS-UCS2-H'));
    await assert.rejects(readPdfWith(pdf, 'jp.pdf', CMAPS), /CMap「UniJIS-UCS2-H」.*jp\.pdf/);
  });
});

describe('fast PDF reader: font programs (CFF, Type1, by their first bytes) and names pdfjs reads another way', () => {
  const FONTS = join(ROOT, 'test', 'fixtures', 'fonts');
  const otf = (upm: number) => readFileSync(join(FONTS, `test-cff-${upm}.otf`));
  /** The `CFF ` table of an sfnt: a bare CFF program. */
  const cffOf = (font: Buffer) => {
    for (let i = 0; i < font.readUInt16BE(4); i++) {
      const at = 12 + i * 16;
      if (font.toString('latin1', at, at + 4) === 'CFF ')
        return font.subarray(font.readUInt32BE(at + 8), font.readUInt32BE(at + 8) + font.readUInt32BE(at + 12));
    }
    throw new Error('no CFF table');
  };
  const ASCII_TO_UNICODE = [
    '/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Test def',
    '1 begincodespacerange <00> <FF> endcodespacerange',
    '1 beginbfrange <20> <7E> <0020> endbfrange',
    'endcmap CMapName currentdict /CMap defineresource pop end end',
  ].join('\n');
  /** TEXT in a simple font `subtype` whose descriptor holds `program` under `key` (objects 7, 8: the program, the ToUnicode). */
  const simpleWith = (subtype: string, key: string, program: PdfObject, toUnicode = true) =>
    onePage(TEXT, {
      font: latinFont(6, '/WinAnsiEncoding')
        .replace('/TrueType', `/${subtype}`)
        .replace('>>', toUnicode ? '/ToUnicode 8 0 R >>' : '>>'),
      extra: [program, { dict: '', data: Buffer.from(ASCII_TO_UNICODE), flate: true }],
    }).map((o, i) => (i === 5 ? DESCRIPTOR('Arial').replace('>>', `/${key} 7 0 R >>`) : o));

  for (const upm of [1000, 2048])
    it(`pdfkit's CID fonts with a CFF program (FontMatrix ${upm === 1000 ? '0.001' : '1/2048'}): the fast reader, as pdfjs`, async () => {
      const { default: PDFDocument } = await import('pdfkit');
      const doc = new PDFDocument({ size: 'A4', compress: true });
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))));
      doc.registerFont('T', otf(upm));
      doc.font('T').fontSize(12).text('Annual report 2023 中文年报告', 72, 72).text('Total 1234 items  12 34 56', 72, 100);
      doc.fontSize(9).text('政府信息公开 一二三', 300, 100);
      doc.end();
      const pdf = await done;
      assert.match(pdf.toString('latin1'), /\/FontFile3 .*|\/CIDFontType0C/);
      const r = await both(pdf);
      assert.equal(r.reader, 'fast', r.reason ?? '');
      assert.match(r.text, /Annual report 2023 中文年报告/);
    });

  it('a bare CFF (Type1C), the same under FontFile2, an OpenType CFF under FontFile3: by the first bytes, as pdfjs', async () => {
    for (const upm of [1000, 2048]) {
      const cff = cffOf(otf(upm));
      for (const [key, program] of [
        ['FontFile3', { dict: '/Subtype /Type1C', data: cff, flate: true }],
        ['FontFile2', { dict: '', data: cff, flate: true }],
        ['FontFile3', { dict: '/Subtype /OpenType', data: otf(upm), flate: true }],
      ] as const) {
        const r = await both(pdfOf(simpleWith('Type1', key, program)));
        assert.equal(r.reader, 'fast', `${upm} ${key}: ${r.reason}`);
        assert.match(r.text, /Annual report 2023/);
      }
    }
  });

  it('a large TrueType program: read by its table directory, the rest not inflated; one with a CFF table inflated whole', () => {
    /** An sfnt with the tables `tags` (made-up offsets) and `bodyBytes` of bytes that do not compress after its directory. */
    const sfnt = (tags: string[], bodyBytes: number) => {
      const head = Buffer.alloc(12 + 16 * tags.length);
      head.writeUInt32BE(0x00010000, 0);
      head.writeUInt16BE(tags.length, 4);
      tags.forEach((t, i) => {
        head.write(t, 12 + 16 * i, 'latin1');
        head.writeUInt32BE(head.length, 12 + 16 * i + 8);
        head.writeUInt32BE(bodyBytes, 12 + 16 * i + 12);
      });
      const body = Buffer.alloc(bodyBytes);
      let x = 12345;
      for (let i = 0; i < bodyBytes; i++) body[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
      return Buffer.concat([head, body]);
    };
    const program = (font: Buffer, compressed = deflateSync(font)) =>
      simpleWith('TrueType', 'FontFile2', { dict: '/Filter /FlateDecode', data: compressed });
    const limits = { work: 4_000_000_000, bytes: 1024 * 1024, items: 10_000_000 };
    const text = (objects: PdfObject[]) =>
      readTextPages(pdfOf(objects), null, 10, limits)
        .flatMap((p) => p.items.map((i) => i.str))
        .join('');
    // 3 MB of program under a 1 MB limit of inflated bytes: only its head is inflated.
    const big = sfnt(['glyf', 'head'], 3 * 1024 * 1024);
    assert.match(text(program(big)), /Annual report 2023/);
    // Its directory is all that is read: a damaged tail is never inflated.
    const compressed = deflateSync(big);
    assert.match(text(program(big, compressed.subarray(0, compressed.length >> 1))), /Annual report 2023/);
    // A table directory with a CFF table: the program is inflated whole (over the limit here), as before.
    assert.throws(
      () => text(program(sfnt(['CFF ', 'head'], 3 * 1024 * 1024))),
      (e) => e instanceof PdfOverLimit,
    );
  });

  it('a Type1 program: its FontMatrix from the cleartext header', async () => {
    const header = (m: string) =>
      Buffer.from(`%!PS-AdobeFont-1.0: Test 001\n/FontName /Arial def\n/FontMatrix [${m}] readonly def\ncurrentfile eexec\n`);
    for (const m of ['0.001 0 0 0.001 0 0', '0.0005 0 0 0.0005 0 0']) {
      const program = { dict: '/Length1 80 /Length2 0 /Length3 0', data: Buffer.concat([header(m), Buffer.alloc(64, 0x41)]) };
      const r = await both(pdfOf(simpleWith('Type1', 'FontFile', program)));
      assert.equal(r.reader, 'fast', r.reason ?? '');
    }
  });

  it('what the fast reader cannot be sure of goes to pdfjs: no ToUnicode, a code outside it, an unknown program', () => {
    const cff = { dict: '/Subtype /Type1C', data: cffOf(otf(1000)), flate: true };
    const cases: [PdfObject[], RegExp][] = [
      [simpleWith('Type1', 'FontFile3', cff, false), /without ToUnicode/],
      [
        simpleWith('Type1', 'FontFile3', cff).map((o, i) =>
          i === 3 ? { dict: '', data: Buffer.from('BT /F1 12 Tf 72 760 Td (ok \\200) Tj ET'), flate: true } : o,
        ),
        /code without ToUnicode/,
      ],
      [simpleWith('Type1', 'FontFile3', { dict: '', data: Buffer.from('garbage!') }), /unknown font program/],
    ];
    for (const [objects, why] of cases)
      assert.throws(
        () => readTextPages(pdfOf(objects), null, 10),
        (e) => e instanceof PdfUnsupported && why.test(e.message),
      );
  });

  it('宋体, 仿宋_GB2312 … not embedded, on WinAnsiEncoding: pdfjs reads them as GBK-EUC-H; the fast reader leaves them to it', async () => {
    // The name in GBK bytes, as Word and WPS write it; the text in GBK (中文 2023).
    for (const name of ['#CB#CE#CC#E5', '#B7#C2#CB#CE_GB2312', '#BA#DA#CC#E5']) {
      const objects = onePage('BT /F1 12 Tf 72 760 Td <D6D0CEC420323032334E> Tj ET').map((o, i) =>
        i === 4 ? latinFont(6).replace('/Arial', `/${name}`) : i === 5 ? DESCRIPTOR(name) : o,
      );
      const r = await both(pdfOf(objects));
      assert.equal(r.reader, 'pdfjs');
      assert.match(r.reason ?? '', /Chinese name/);
      assert.match(r.text, /中文/);
    }
  });
});
