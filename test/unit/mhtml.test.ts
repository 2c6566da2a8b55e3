/**
 * Web pages saved as one file (.mht / .mhtml), as a browser saves a page (网页，单个文件: Chromium's
 * MHTML in test/fixtures/print, made by scripts/make-print-fixtures.ts) or Word saves a document
 * (单个文件网页: GB2312, quoted-printable): read as the page they hold, every cell as written.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadReportSync } from '../../server/src/io/load';
import { runCli } from '../../server/src/cli';
import { ROOT } from './helpers';
import { misreads } from './misreads';
import { HTML_VARIANTS, reportHtml } from './originalsGen';
import { PRINT_FIXTURES, printCase } from './printGen';
import { tempDir } from './tempDir';
import { gbkPage } from './webGen';

/** Bytes as quoted-printable, lines of at most 76 characters ending in a soft break, as Word writes them. */
function quotedPrintable(bytes: Uint8Array): string {
  let out = '';
  let line = '';
  for (const b of bytes) {
    const piece =
      b === 0x0a
        ? '\r\n'
        : b === 0x0d
          ? ''
          : b >= 33 && b <= 126 && b !== 0x3d
            ? String.fromCharCode(b)
            : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (piece === '\r\n') {
      out += line + '\r\n';
      line = '';
      continue;
    }
    if (line.length + piece.length > 75) {
      out += line + '=\r\n';
      line = '';
    }
    line += piece;
  }
  return out + line;
}

/** A page saved by Word as one file: MIME headers folded over lines, the page in GB2312 and quoted-printable, an image part after it. */
function wordMht(html: string, encoding: 'quoted-printable' | 'base64'): Uint8Array {
  const page = gbkPage(html, 'meta');
  const body =
    encoding === 'base64'
      ? (
          Buffer.from(page)
            .toString('base64')
            .match(/.{1,76}/g) ?? []
        ).join('\r\n')
      : quotedPrintable(page);
  const boundary = '----=_NextPart_01DA1234.56789ABC';
  return new Uint8Array(
    Buffer.from(
      [
        'MIME-Version: 1.0',
        'X-Document-Type: Document',
        'Content-Type: multipart/related;',
        `\tboundary="${boundary}"`,
        '',
        'This document is a Single File Web Page, also known as a Web Archive file.',
        '',
        `--${boundary}`,
        'Content-Location: file:///C:/report.htm',
        'Content-Transfer-Encoding: ' + encoding,
        'Content-Type: text/html;',
        '\tcharset="gb2312"',
        '',
        body,
        '',
        `--${boundary}`,
        'Content-Location: file:///C:/report.files/image001.png',
        'Content-Transfer-Encoding: base64',
        'Content-Type: image/png',
        '',
        'iVBORw0KGgo=',
        '',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
      'latin1',
    ),
  );
}

describe('web pages saved as one file (MHTML)', () => {
  for (const f of PRINT_FIXTURES.filter((x) => x.mhtml))
    it(`${f.name}.mhtml (Chromium): every cell read as written, no false diagnostic; problems placed in the page`, () => {
      const bytes = new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', 'print', `${f.name}.mhtml`)));
      assert.deepEqual(misreads(`${f.name}.mhtml`, bytes, f.format, printCase(f).values), []);
      const { kind, doc } = loadReportSync(`${f.name}.mhtml`, 'zh', bytes);
      assert.equal(kind, 'html');
      assert.ok(doc?.lines.some((l) => l?.loc.kind === 'html'));
    });

  for (const encoding of ['quoted-printable', 'base64'] as const)
    it(`a page Word saved as one file (GB2312, ${encoding}, folded headers): every cell read as written`, () => {
      const f = PRINT_FIXTURES[0];
      const { values, parts } = printCase(f);
      assert.deepEqual(misreads('r.mht', wordMht(reportHtml(parts, HTML_VARIANTS.word), encoding), f.format, values), []);
    });

  it('a file that is not an archive, or holds no page, gets a clear error; a folder check reports it and goes on', async () => {
    assert.throws(() => loadReportSync('x.mht', 'zh', new TextEncoder().encode('<html>not MIME</html>')), /不是单个文件网页/);
    const noPage =
      'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n';
    assert.throws(() => loadReportSync('x.mhtml', 'zh', new TextEncoder().encode(noPage)), /单个文件网页中没有网页/);
    const dir = tempDir('xxgk-mhtml-');
    writeFileSync(join(dir, 'bad.mht'), noPage);
    writeFileSync(join(dir, 'good.mhtml'), readFileSync(join(ROOT, 'test', 'fixtures', 'print', 'print-2021-th-hf.mhtml')));
    const out = await runCli(['check', '--format', 'json', dir]);
    const files = (JSON.parse(out.stdout) as { files: { path: string; error?: string }[] }).files;
    assert.deepEqual(
      files.map((x) => [x.path.split(/[\\/]/).pop(), Boolean(x.error)]),
      [
        ['bad.mht', true],
        ['good.mhtml', false],
      ],
    );
  });
});
