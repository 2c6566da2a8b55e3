/** Files as they come (issue 8 part 7) and originals read directly (issue 12): web pages, Word, PDF. */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { zipSync } from 'fflate';
import { collectFiles, run, runCli } from '../../server/src/cli';
import { decodeText } from '../../server/src/io/decode';
import { loadReport, loadReportSync } from '../../server/src/io/load';
import { analyze } from '../../server/src/report/index';
import { PDF_FIXTURES, consistentValues, cmsHtml, reportParts, wordDocx } from './ioGen';

const REVIEWER_RULES = new Set(['rule-making', 'table2-total', 'fee-conflict', 'text-figure', 'text-claim', 'text-year']);
import { ROOT } from './helpers';
import { tempDir } from './tempDir';

const REAL = join(ROOT, 'test', 'fixtures', 'real');
const tmp = () => tempDir('xxgk-io-');

function modelOf(text: string) {
  const { report } = analyze(text);
  const t3 = Object.fromEntries(Object.entries(report.table3?.rows ?? {}).map(([k, r]) => [k, r.cells.map((c) => c.raw)]));
  const t4 = Object.fromEntries(Object.entries(report.table4?.rows ?? {}).map(([k, r]) => [k, r.cells.map((c) => c.raw)]));
  const t2: Record<string, string[]> = {};
  for (const sub of report.table2?.subtables ?? []) for (const r of sub.rows) t2[r.key] = r.cells.map((c) => c.raw);
  return { report, t2, t3, t4 };
}

describe('decoding text files', () => {
  const text = '某县2021年政府信息公开工作年度报告\n一、总体情况\n';
  it('reads UTF-8 with and without BOM, GB18030, UTF-16 LE/BE with BOM alike', () => {
    const utf8 = Buffer.from(text, 'utf8');
    assert.equal(decodeText(utf8).text, text);
    assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8])), {
      text,
      encoding: 'utf-8',
      bom: true,
      invalidLines: [],
    });
    const gb = new Uint8Array(Buffer.from('c4b3cfd8', 'hex')); // 某县 in GBK
    assert.equal(decodeText(gb).text, '某县');
    assert.equal(decodeText(gb).encoding, 'gb18030');
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.equal(decodeText(le).text, text);
    const be = Buffer.from(Buffer.from(text, 'utf16le')).swap16();
    assert.equal(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).text, text);
  });

  it('a UTF-8 file with a few bad bytes is read, the bytes as U+FFFD, a file-encoding warning on each such line', () => {
    const dir = tmp();
    const good = readFileSync(join(ROOT, 'test', 'fixtures', 'samples', '001_06d18ea68e74cc84.txt'));
    const lines = good.toString('utf8').split('\n');
    const bad = Buffer.concat([
      Buffer.from(lines.slice(0, 3).join('\n') + '\n'),
      Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from('\n' + lines.slice(3).join('\n')),
    ]);
    writeFileSync(join(dir, 'bad.txt'), bad);
    const d = decodeText(bad);
    assert.equal(d.encoding, 'utf-8');
    assert.deepEqual(d.invalidLines, [3]);
    assert.ok(d.text.split('\n')[3].includes('\ufffd'));
    const out = JSON.parse(run(['check', '--format', 'json', join(dir, 'bad.txt')]).stdout);
    const enc = out.files[0].diagnostics.filter((x: { code: string }) => x.code === 'file-encoding');
    assert.equal(enc.length, 1);
    assert.equal(enc[0].range.start.line, 3);
    assert.equal(enc[0].severity, 'warning');
  });

  it('binary files are refused with a clear message', () => {
    assert.throws(() => decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])), /不是文本文件.*not a text file/);
  });
});

describe('folder walking', () => {
  it('never follows a symlink loop and picks up every report kind', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    for (const f of ['x.xxgk', 'y.html', 'z.docx', 'w.pdf', 'ignored.png']) writeFileSync(join(dir, 'a', f), '');
    symlinkSync(join(dir, 'a'), join(dir, 'a', 'b', 'loop'));
    const files = collectFiles([dir]).map((f) =>
      f
        .slice(dir.length + 1)
        .split(/[\\/]/)
        .join('/'),
    );
    assert.deepEqual(files, ['a/w.pdf', 'a/x.xxgk', 'a/y.html', 'a/z.docx']);
  });
});

describe('web pages', () => {
  it('pingtan-2021.html: the known figures, every sum rule holding', () => {
    const loaded = loadReportSync(join(REAL, 'pingtan-2021.html'));
    const { report, t2, t3, t4 } = modelOf(loaded.text);
    assert.equal(report.year, 2021);
    assert.equal(report.format, '2021');
    assert.deepEqual(t3.new, ['64', '0', '0', '2', '0', '4', '70']);
    assert.deepEqual(t3.total, ['63', '0', '0', '2', '0', '4', '69']);
    assert.deepEqual(t3.forward, ['1', '0', '0', '0', '0', '0', '1']);
    assert.deepEqual(t4.review, ['1', '0', '2', '0', '3']);
    assert.deepEqual(t4.direct, ['12', '0', '0', '0', '12']);
    assert.equal(Object.values(t2).flat().includes('24252.311082'), true);
    const errors = analyze(loaded.text).diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors, []);
  });

  it('pingtan-2019.html: the known figures', () => {
    const { report, t3, t4 } = modelOf(loadReportSync(join(REAL, 'pingtan-2019.html')).text);
    assert.equal(report.format, '2019');
    assert.deepEqual(t3.new, ['23', '0', '0', '0', '0', '0', '23']);
    assert.deepEqual(
      ['granted', 'partial', 'u1', 'u3', 'n2', 'total'].map((k) => t3[k][0]),
      ['7', '1', '7', '5', '3', '23'],
    );
    assert.deepEqual(t4.review, ['0', '0', '0', '0', '0']);
  });

  it('a CMS page in GBK (<td><p>, &nbsp;, <p> </p>, rowspan/colspan) gives exactly the tables it was made from', () => {
    for (const [format, year] of [
      ['2021', 2023],
      ['2019', 2020],
    ] as const) {
      const values = consistentValues(format, year);
      const html = cmsHtml(reportParts('某某县人民政府', year, format, values), { charset: 'gbk' });
      const bytes = new TextEncoder().encode(html);
      // Node has no GBK encoder: the page says gbk but is UTF-8, as misdeclared pages are; the reader falls back to sniffing.
      const loaded = loadReportSync('page.html', 'zh', bytes);
      const { t2, t3, t4, report } = modelOf(loaded.text);
      assert.equal(report.format, format);
      for (const [k, v] of Object.entries(values)) assert.deepEqual(t3[k] ?? t4[k] ?? t2[k], v, `${format} ${k}`);
      assert.deepEqual(
        analyze(loaded.text).diagnostics.filter((d) => d.severity === 'error'),
        [],
      );
    }
  });

  it('diagnostics point at the cell in the page source (line:column) in text and JSON output', () => {
    const dir = tmp();
    const values = consistentValues('2021', 3);
    values.granted = [...values.granted];
    values.granted[6] = String(Number(values.granted[6]) + 1);
    const html = cmsHtml(reportParts('某某县人民政府', 2022, '2021', values)).replace(/<tr>/g, '\n<tr>');
    writeFileSync(join(dir, 'r.html'), html);
    const j = JSON.parse(run(['check', '--format', 'json', join(dir, 'r.html')]).stdout);
    const d = j.files[0].diagnostics.find((x: { code: string }) => x.code === 'sum-row');
    assert.equal(d.location.kind, 'html');
    const srcLine = html.split('\n')[d.location.line - 1];
    const at = srcLine.slice(d.location.column - 1).replace(/^&nbsp;/, '');
    assert.ok(at.startsWith(values.granted[6] + '<'), at.slice(0, 20));
    assert.match(run(['check', join(dir, 'r.html')]).stdout, /r\.html:网页第\d+行第\d+列: 错误 sum-row/);
  });
});

describe('Word documents', () => {
  it('a .docx written by the docx library (gridSpan, vMerge) gives exactly its tables; locations say 表N 第r行第c列', async () => {
    const values = consistentValues('2021', 11);
    values.n2 = [...values.n2];
    values.n2[0] = '/';
    const bytes = await wordDocx(reportParts('某某区人民政府', 2022, '2021', values));
    const dir = tmp();
    writeFileSync(join(dir, 'r.docx'), bytes);
    const loaded = loadReportSync(join(dir, 'r.docx'));
    const { t2, t3, t4 } = modelOf(loaded.text);
    for (const [k, v] of Object.entries(values)) assert.deepEqual(t3[k] ?? t4[k] ?? t2[k], v, k);
    const out = run(['check', join(dir, 'r.docx')]).stdout;
    assert.match(out, /r\.docx:表2 第\d+行第4列: 错误 cell-invalid/);
  });

  it('corrupt, truncated, non-zip and zip-bomb files get clear errors, never a crash', async () => {
    const dir = tmp();
    const good = await wordDocx(reportParts('某某区人民政府', 2022, '2021', consistentValues('2021', 1)));
    writeFileSync(join(dir, 'trunc.docx'), good.subarray(0, good.length >> 1));
    writeFileSync(join(dir, 'text.docx'), 'not a zip');
    writeFileSync(join(dir, 'bomb.docx'), zipSync({ 'word/document.xml': new Uint8Array(50 * 1024 * 1024) }, { level: 9 }));
    writeFileSync(join(dir, 'empty.docx'), zipSync({ 'other.xml': new Uint8Array(3) }));
    const r = run(['check', join(dir, 'trunc.docx'), join(dir, 'text.docx'), join(dir, 'bomb.docx'), join(dir, 'empty.docx')]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /trunc\.docx: 错误: Word 文件已损坏或不完整/);
    assert.match(r.stdout, /text\.docx: 错误: 不是 Word/);
    assert.match(r.stdout, /bomb\.docx: 错误: Word 文件解压后过大/);
    assert.match(r.stdout, /empty\.docx: 错误: Word 文件中没有正文/);
  });
});

/** A PDF that needs a password to open (pdfkit's standard encryption). */
async function encryptedPdf(): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ userPassword: 'secret', ownerPassword: 'owner' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  doc.text('2021 annual report');
  doc.end();
  return new Promise((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
}

describe('PDF', () => {
  it('huaian-2024.pdf: its text layer gives the known figures; no sum error', async () => {
    const loaded = await loadReport(join(REAL, 'huaian-2024.pdf'));
    const { report, t3, t4 } = modelOf(loaded.text);
    assert.equal(report.year, 2024);
    assert.equal(report.format, '2021');
    assert.equal(t3.new[6], '3119');
    assert.equal(t3.carry[6], '34');
    assert.equal(t3.total[6], '3050');
    assert.equal(t3.forward[6], '103');
    assert.deepEqual(t4.review, ['72', '64', '178', '37', '351']);
    assert.deepEqual(t4.direct, ['13', '4', '8', '1', '26']);
    assert.deepEqual(t4.post, ['12', '1', '1', '6', '20']);
    // A label wrapped onto three lines beside its values, the last line level with a group head's (（六）其他处理).
    assert.match(loaded.text, /\| 2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 +\| 6 /);
    const bad = analyze(loaded.text).diagnostics.filter((d) => d.severity === 'error' || d.code.startsWith('row-'));
    assert.deepEqual(bad, []);
  });

  it('a PDF without text layer, a corrupt one: exit 2 for that file, the batch goes on', async () => {
    const dir = tmp();
    // A one-page PDF with nothing on it (what a scan is, as far as text goes).
    const objs = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    ];
    let pdf = '%PDF-1.4\n';
    const offsets: number[] = [];
    objs.forEach((o, i) => {
      offsets.push(pdf.length);
      pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xref = pdf.length;
    pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => String(o).padStart(10, '0') + ' 00000 n \n').join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    writeFileSync(join(dir, 'scan.pdf'), pdf);
    writeFileSync(join(dir, 'broken.pdf'), 'hello');
    writeFileSync(join(dir, 'truncated.pdf'), readFileSync(join(REAL, 'huaian-2024.pdf')).subarray(0, 30000));
    writeFileSync(join(dir, 'locked.pdf'), await encryptedPdf());
    writeFileSync(join(dir, 'ok.html'), readFileSync(join(REAL, 'pingtan-2021.html')));
    const r = await runCli(['check', dir]);
    assert.equal(r.code, 2);
    assert.match(r.stdout, /scan\.pdf: 错误: 此 PDF 没有文字层，可能是扫描件/);
    assert.match(r.stdout, /broken\.pdf: 错误: PDF 文件已损坏或不完整/);
    assert.match(r.stdout, /locked\.pdf: 错误: PDF 已加密/);
    // A truncated file: read as far as it goes or refused, in both cases said, never a crash.
    assert.match(r.stdout, /truncated\.pdf: (错误: |.*(section-missing|row-missing))/);
    assert.match(r.stdout, /检查了 5 个文件/);
  });
});

describe('convert', () => {
  it('writes the canonical text; reading it gives exactly the tables read from the original', async () => {
    const dir = tmp();
    for (const name of ['pingtan-2019.html', 'pingtan-2021.html', 'huaian-2024.pdf']) {
      const out = join(dir, name + '.xxgk');
      const r = await runCli(['convert', join(REAL, name), '-o', out]);
      assert.equal(r.code, 0, r.stderr);
      const original = modelOf((await loadReport(join(REAL, name))).text);
      const converted = modelOf(readFileSync(out, 'utf8'));
      assert.deepEqual([converted.t2, converted.t3, converted.t4], [original.t2, original.t3, original.t4], name);
    }
  });
});

describe('export', () => {
  it('--to html and --to docx: the official layout, read back to the same tables (both formats, real and generated reports)', async () => {
    const dir = tmp();
    const sources: string[] = [join(REAL, 'pingtan-2019.html'), join(REAL, 'pingtan-2021.html')];
    for (const [format, year] of [
      ['2019', 2020],
      ['2021', 2024],
    ] as const) {
      const html = cmsHtml(reportParts('某某镇人民政府', year, format, consistentValues(format, year + 5)));
      const src = join(dir, `${year}.html`);
      writeFileSync(src, html);
      const xxgk = join(dir, `${year}.xxgk`);
      assert.equal((await runCli(['convert', src, '-o', xxgk])).code, 0);
      sources.push(xxgk);
    }
    for (const src of sources) {
      const original = modelOf((await loadReport(src)).text);
      for (const to of ['html', 'docx']) {
        const out = join(dir, `out-${sources.indexOf(src)}.${to}`);
        const r = await runCli(['export', src, '--to', to, '-o', out]);
        assert.equal(r.code, 0, r.stderr);
        const back = modelOf((await loadReport(out)).text);
        assert.deepEqual([back.t2, back.t3, back.t4], [original.t2, original.t3, original.t4], `${src} → ${to}`);
        assert.equal(back.report.title?.text, original.report.title?.text);
        assert.deepEqual(
          back.report.sections.filter((s) => !s.duplicate).map((s) => s.number),
          [1, 2, 3, 4, 5, 6],
        );
      }
    }
  });

  it('the web page is accessible: <th> with scope for every header cell, lang, caption; nothing outside the page', async () => {
    const dir = tmp();
    const out = join(dir, 'r.html');
    assert.equal((await runCli(['export', join(REAL, 'pingtan-2021.html'), '--to', 'html', '-o', out])).code, 0);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<html lang="zh-CN">/);
    assert.equal((html.match(/<caption>/g) ?? []).length, 3);
    assert.ok((html.match(/<th scope="(col|colgroup|row|rowgroup)"/g) ?? []).length > 60);
    assert.equal(/<th(?! scope=)/.test(html), false);
    assert.equal(/(src|href)=/.test(html), false);
    assert.match(html, /<th scope="colgroup" colspan="7">申请人情况<\/th>/);
    assert.match(html, /<th scope="rowgroup" rowspan="\d+">三、本年度办理结果<\/th>/);
  });

  it('refuses a bad --to and never overwrites its input', async () => {
    assert.equal((await runCli(['export', join(REAL, 'pingtan-2021.html'), '--to', 'pdf'])).code, 2);
    const dir = tmp();
    const same = join(dir, 'a.html');
    writeFileSync(same, readFileSync(join(REAL, 'pingtan-2021.html')));
    const r = await runCli(['export', same, '--to', 'html']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /输出文件与输入相同/);
  });
});

describe('PDF made from consistent reports (test/fixtures/pdf, scripts/make-pdf-fixtures.ts)', () => {
  for (const f of PDF_FIXTURES) {
    it(`${f.file}: exactly the tables it was made from (wrapped labels, vertical group heads, page breaks, repeated headers)`, async () => {
      const loaded = await loadReport(join(ROOT, 'test', 'fixtures', 'pdf', f.file));
      const { t2, t3, t4, report } = modelOf(loaded.text);
      assert.equal(report.year, f.year);
      assert.equal(report.format, f.format);
      const values = consistentValues(f.format, f.seed);
      for (const [k, v] of Object.entries(values)) assert.deepEqual(t3[k] ?? t4[k] ?? t2[k], v, k);
      // The generated values are random for the reviewer rules (规章 for a county, 总数 below 新公开, o2 with 未收取费用):
      // those rules (narrative.ts, table2Rules.ts) are right to speak there, and it is no reading fault.
      assert.deepEqual(
        analyze(loaded.text).diagnostics.filter((d) => d.severity !== 'information' && !REVIEWER_RULES.has(d.code)),
        [],
      );
      const j = JSON.parse((await runCli(['check', '--format', 'json', join(ROOT, 'test', 'fixtures', 'pdf', f.file)])).stdout);
      assert.equal(j.files[0].diagnostics.filter((d: { code: string }) => !REVIEWER_RULES.has(d.code)).length, 0);
    });
  }

  it('a diagnostic in a PDF names the page, the row and the column', async () => {
    const loaded = await loadReport(join(ROOT, 'test', 'fixtures', 'pdf', PDF_FIXTURES[0].file));
    const { locate, formatLocation } = await import('../../server/src/io/document');
    const { report } = analyze(loaded.text);
    const cell = report.table3!.rows.granted.cells[6];
    const where = locate(loaded.doc!, cell.range)!;
    assert.equal(where.kind, 'pdf');
    assert.match(formatLocation(where), /^第\d+页 「（一）予以公开」·「总计」$/);
  });
});
