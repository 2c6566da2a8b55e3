/** Originals read safely (issue 12): CJK CMaps, hostile PDFs bounded, every entry point reading every format, Word locations. */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { run, runCli } from '../../server/src/cli';
import { readPdf, readPdfFast, readPdfWith } from '../../server/src/io/pdf';
import { IN_THREAD_LIMITS, PDF_LIMITS, readPdfAsync, readPdfSync } from '../../server/src/io/pdfHost';
import { consistentValues, reportParts, wordDocx } from './ioGen';
import { cjkCMapPdf, hugeStringPdf, slowPdf } from './ioPdfGen';
import { pdfOf } from './pdfMake';
import { ROOT } from './helpers';
import { tempDir } from './tempDir';

const REAL = join(ROOT, 'test', 'fixtures', 'real');
const LINES = ['某某县人民政府2023年政府信息公开工作年度报告', '一、总体情况', '本年度共主动公开政府信息1234条，其中规范性文件56件。'];
const tmp = () => tempDir('xxgk-io-');

describe('PDF fonts on predefined CJK CMaps', () => {
  for (const encoding of ['UniGB-UCS2-H', 'UniGB-UTF16-H']) {
    it(`${encoding}: unreadable without the CMaps, read exactly with those the build bundles`, async () => {
      const pdf = new Uint8Array(cjkCMapPdf(LINES, encoding));
      const without = await readPdf(pdf, 'cjk.pdf', { cMapDir: null }).then(
        (d) => d.text,
        (e: Error) => e.message,
      );
      for (const l of LINES) assert.equal(without.includes(l), false, without);
      const bundled = join(ROOT, 'dist', 'cmaps');
      assert.equal((await readPdf(pdf, 'cjk.pdf', { cMapDir: bundled })).text, LINES.join('\n') + '\n');
      // And the way the tool reads it (the reader's thread, its own CMap folder).
      assert.equal((await readPdfAsync(pdf, 'cjk.pdf')).text, LINES.join('\n') + '\n');
    });
  }

  it('the build bundles the Chinese CMaps, and only those', () => {
    const files = readdirSync(join(ROOT, 'dist', 'cmaps'));
    for (const f of [
      'UniGB-UCS2-H',
      'UniGB-UTF16-H',
      'GBK-EUC-H',
      'GB-EUC-H',
      'Adobe-GB1-UCS2',
      'UniCNS-UCS2-H',
      'B5pc-H',
      'Adobe-CNS1-UCS2',
    ])
      assert.ok(files.includes(`${f}.bcmap`), f);
    assert.equal(
      files.some((f) => /Japan|Korea|^Uni(JIS|KS)/.test(f)),
      false,
    );
    assert.ok(readFileSync(join(ROOT, '.vscodeignore'), 'utf8').includes('!dist/cmaps/**'));
  });
});

describe('hostile PDFs: bounded in time and memory, the batch goes on', () => {
  const good = new Uint8Array(readFileSync(join(REAL, 'huaian-2024.pdf')));

  it('a file that takes too long: 读取 PDF 超时, then the next file reads right (async and sync)', async () => {
    const slow = new Uint8Array(slowPdf(2_000_000));
    assert.ok(slow.length < 40_000);
    const limits = { ...PDF_LIMITS, timeMs: 1000 };
    await assert.rejects(readPdfAsync(slow, 'slow.pdf', limits), /读取 PDF 超时（超过 1 秒）.*slow\.pdf/);
    assert.match((await readPdfAsync(good, 'good.pdf')).text, /淮安市人民政府/);
    assert.throws(() => readPdfSync(slow, 'slow.pdf', limits), /读取 PDF 超时（超过 1 秒）.*slow\.pdf/);
    assert.match(readPdfSync(good, 'good.pdf').text, /淮安市人民政府/);
  });

  it('a file that fills the heap: the reader thread runs out of memory, not the process; the next file reads right', async () => {
    const limits = { timeMs: 300_000, memoryMb: 96 };
    // A real report reads within that heap; a 300 kB file holding one 64 MB string does not.
    assert.match((await readPdfAsync(good, 'good.pdf', limits)).text, /淮安市人民政府/);
    const huge = new Uint8Array(hugeStringPdf(64));
    assert.ok(huge.length < 300_000);
    await assert.rejects(readPdfAsync(huge, 'huge.pdf', limits), /读取 PDF 所需内存超过 96 MB.*huge\.pdf/);
    assert.match((await readPdfAsync(good, 'good.pdf', limits)).text, /淮安市人民政府/);
  });
});

describe('every entry point reads every format', () => {
  it('the synchronous run() checks, dumps and converts a PDF as the executable does', async () => {
    const pdf = join(REAL, 'huaian-2024.pdf');
    const sync = run(['check', pdf]);
    assert.equal(sync.code, 0, sync.stdout + sync.stderr);
    assert.match(sync.stdout, /检查了 1 个文件：0 个错误/);
    assert.deepEqual(sync, await runCli(['check', pdf]));
    const dir = tmp();
    assert.equal(run(['convert', pdf, '-o', join(dir, 'a.xxgk')]).code, 0);
    assert.equal((await runCli(['convert', pdf, '-o', join(dir, 'b.xxgk')])).code, 0);
    assert.equal(readFileSync(join(dir, 'a.xxgk'), 'utf8'), readFileSync(join(dir, 'b.xxgk'), 'utf8'));
    assert.equal(JSON.parse(run(['dump', pdf]).stdout).year, 2024);
    // The one command that cannot run synchronously says so.
    assert.deepEqual(run(['export', pdf, '--to', 'html']), {
      code: 2,
      stdout: '',
      stderr: 'export 是异步的：请用 runCli',
    });
  });
});

describe('Word narrative locations', () => {
  it('a diagnostic on a narrative paragraph of a .docx says 第N段, counting the paragraphs outside tables', async () => {
    const dir = tmp();
    const parts = reportParts('某某县人民政府', 2022, '2021', consistentValues('2021', 2022));
    // A statistics period of another year: text-year, on that paragraph; once after the title, once after the tables.
    const wrong = { kind: 'p' as const, text: '本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。' };
    const last = parts.length - 1;
    const withWrong = [parts[0], wrong, ...parts.slice(1, last), wrong, parts[last]];
    const expected = [2, withWrong.slice(0, withWrong.length - 1).filter((p) => p.kind === 'p').length];
    writeFileSync(join(dir, 'r.docx'), await wordDocx(withWrong));
    const j = JSON.parse(run(['check', '--format', 'json', join(dir, 'r.docx')]).stdout);
    const found: { location: { kind: string; paragraph: number } }[] = j.files[0].diagnostics.filter(
      (d: { code: string }) => d.code === 'text-year',
    );
    assert.ok(found.length >= 2);
    for (const d of found) assert.equal(d.location.kind, 'docx');
    assert.deepEqual([...new Set(found.map((d) => d.location.paragraph))], expected);
    const text = run(['check', join(dir, 'r.docx')]).stdout;
    for (const n of expected) assert.match(text, new RegExp(`r\\.docx:第${n}段: 警告 text-year`));
  });
});

describe('PDFs read in the checking thread within limits, the rest in the guarded thread', () => {
  /** A page of text and a form of line-drawing operators drawn `draws` times: small, but much work for a reader. */
  const busyPdf = (draws: number) =>
    pdfOf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /X 7 0 R >> >> /Contents 4 0 R >>',
      { dict: '', data: Buffer.from(`BT /F1 12 Tf 72 760 Td (Annual report 2023) Tj ET\n${'/X Do\n'.repeat(draws)}`), flate: true },
      `<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126 /Widths [${Array(95).fill(500).join(' ')}] /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R >>`,
      '<< /Type /FontDescriptor /FontName /Arial /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>',
      { dict: '/Type /XObject /Subtype /Form /BBox [0 0 10 10]', data: Buffer.from('0 0 m 1 1 l S\n'.repeat(1000)), flate: true },
    ]);

  it('a report: the fast reader in this thread, the same document as the reader thread gives', async () => {
    const data = new Uint8Array(readFileSync(join(REAL, 'huaian-2024.pdf')));
    const why = { reason: '', overLimit: false };
    const here = readPdfFast(data, 'good.pdf', IN_THREAD_LIMITS, why);
    assert.ok(here, why.reason);
    assert.deepEqual(here, await readPdf(data, 'good.pdf'));
    assert.deepEqual(readPdfSync(data, 'good.pdf'), here);
  });

  it('a file over the limits here is read by the same fast reader in the guarded thread: the same document', async () => {
    const data = new Uint8Array(busyPdf(2000));
    assert.ok(data.length < 20_000);
    const why = { reason: '', overLimit: false };
    assert.equal(readPdfFast(data, 'busy.pdf', IN_THREAD_LIMITS, why), null);
    assert.deepEqual(why, { reason: 'over the work limit', overLimit: true });
    const whole = await readPdfWith(data, 'busy.pdf');
    assert.equal(whole.reader, 'fast');
    assert.equal(whole.doc.text, 'Annual report 2023\n');
    assert.deepEqual(await readPdfAsync(data, 'busy.pdf'), whole.doc);
    assert.deepEqual(readPdfSync(data, 'busy.pdf'), whole.doc);
  });

  it('every limit is enforced: work, inflated bytes, text items', () => {
    const tight = (limits: Partial<typeof IN_THREAD_LIMITS>) => {
      const why = { reason: '', overLimit: false };
      const doc = readPdfFast(new Uint8Array(busyPdf(10)), 'b.pdf', { ...IN_THREAD_LIMITS, ...limits }, why);
      return doc ? 'read' : why.reason;
    };
    assert.equal(tight({}), 'read');
    assert.equal(tight({ work: 10_000 }), 'over the work limit');
    assert.equal(tight({ bytes: 1000 }), 'too much compressed data');
    assert.equal(tight({ items: 0 }), 'too many text items');
  });
});
