/**
 * Word's automatic numbering read as Word shows it (server/src/io/docxNumbering.ts): a heading
 * 一、总体情况 or a label （一）予以公开 whose number Word draws from word/numbering.xml is read with
 * its number, so that a report numbered by Word's lists reads as one typed by hand.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { loadReportSync } from '../../server/src/io/load';
import { Numbering, formatCount } from '../../server/src/io/docxNumbering';
import type { FormatVersion } from '../../server/src/report/model';
import { consistentValues, reportParts } from './ioGen';
import { numberedDocx } from './officeGen';
import { misreads } from './misreads';

describe('Word numbering: counts in each format', () => {
  it('Chinese counting, enclosed, full-width, letters, roman and the rest', () => {
    const cases: [number, string, string][] = [
      [1, 'chineseCounting', '一'],
      [9, 'chineseCounting', '九'],
      [10, 'chineseCounting', '十'],
      [11, 'chineseCounting', '十一'],
      [20, 'chineseCounting', '二十'],
      [21, 'chineseCounting', '二十一'],
      [100, 'chineseCounting', '一百'],
      [105, 'chineseCounting', '一百零五'],
      [110, 'chineseCounting', '一百一十'],
      [12, 'chineseCountingThousand', '十二'],
      [3, 'decimal', '3'],
      [3, 'decimalZero', '03'],
      [12, 'decimalFullWidth', '１２'],
      [1, 'decimalEnclosedCircle', '①'],
      [20, 'decimalEnclosedCircleChinese', '⑳'],
      [21, 'decimalEnclosedCircle', '21'],
      [2, 'decimalEnclosedParen', '⑵'],
      [3, 'ideographTraditional', '丙'],
      [10, 'ideographDigital', '一〇'],
      [28, 'upperLetter', 'BB'],
      [2, 'lowerLetter', 'b'],
      [14, 'upperRoman', 'XIV'],
      [9, 'lowerRoman', 'ix'],
      [4, 'none', ''],
      [7, 'someFormatWordAddsLater', '7'],
    ];
    for (const [n, f, want] of cases) assert.equal(formatCount(n, f), want, `${n} ${f}`);
  });
});

const NUMBERING = `<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%4"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="2"><w:lvl w:ilvl="2"><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%3"/><w:suff w:val="nothing"/></w:lvl></w:lvlOverride></w:num>
</w:numbering>`;

const STYLES = `<w:styles xmlns:w="w">
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Body"><w:name w:val="Body Text"/></w:style>
</w:styles>`;

describe('Word numbering: the number of each paragraph', () => {
  it('by style (and the style it is based on) or by the paragraph, counted per list, lower levels starting over', () => {
    const n = new Numbering(NUMBERING, STYLES);
    assert.equal(n.next('1', null, null), '一、');
    assert.equal(n.next('2', null, null), '（一）');
    assert.equal(n.next('2', null, null), '（二）');
    assert.equal(n.next(null, '1', 2), '1.');
    assert.equal(n.next(null, '1', 2), '2.');
    assert.equal(n.next(null, '1', 3), '1.1 ', 'isLgl: the level above in decimal (and a space: it ends in a digit)');
    // A list of the same definition, not restarted, goes on from the other.
    assert.equal(n.next(null, '2', 0), '二、');
    assert.equal(n.next('2', null, null), '（一）');
    // A restarted list counts on its own, from its start.
    assert.equal(n.next(null, '3', 0), '五、');
    assert.equal(n.next(null, '3', 0), '六、');
    assert.equal(n.next(null, '1', 0), '三、');
    // A level overridden in its list.
    assert.equal(n.next(null, '5', 2), '①');
    assert.equal(n.next(null, '5', 2), '②');
  });

  it('nothing for a paragraph outside a list, list 0, a list or level not defined, or a bullet', () => {
    const n = new Numbering(NUMBERING, STYLES);
    assert.equal(n.next(null, null, null), '');
    assert.equal(n.next('Body', null, null), '');
    assert.equal(n.next('1', '0', null), '', 'numId 0 takes the style’s list away');
    assert.equal(n.next(null, '99', 0), '');
    assert.equal(n.next(null, '1', 7), '');
    assert.equal(n.next(null, '4', 1), '');
    assert.equal(n.next('1', null, null), '一、', 'and none of these counted');
  });

  it('a space after a number that ends without a mark of its own (第一章 总则), none after 一、 or （一）', () => {
    const n = new Numbering(NUMBERING, STYLES);
    assert.equal(n.next(null, '4', 0), '第一章 ');
    assert.equal(n.next(null, '1', 1), '（一）');
  });

  it('no numbering part, or an empty one: nothing numbered', () => {
    assert.equal(new Numbering(null, null).next(null, '1', 0), '');
    assert.equal(new Numbering('<w:numbering/>', STYLES).next('1', null, null), '');
  });
});

/** A .docx of the given body XML (and numbering), zipped as Word does (only the parts the reader reads). */
function docxOf(body: string, numbering: string | null = NUMBERING, styles: string | null = STYLES): Uint8Array {
  const files: Record<string, Uint8Array> = {
    'word/document.xml': strToU8(`<?xml version="1.0"?><w:document xmlns:w="w"><w:body>${body}</w:body></w:document>`),
  };
  if (numbering) files['word/numbering.xml'] = strToU8(numbering);
  if (styles) files['word/styles.xml'] = strToU8(styles);
  return zipSync(files);
}

const p = (text: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;

describe('Word numbering: in the text read', () => {
  it('headings by style, paragraphs by their own list; a tracked change’s old numbering is not the paragraph’s', () => {
    const body = [
      p('总体情况', '<w:pStyle w:val="1"/>'),
      p('主动公开。', '<w:pStyle w:val="2"/>'),
      p('本年度依法公开。'),
      p('主动公开政府信息情况', '<w:pStyle w:val="1"/>'),
      // Numbered once; the change took the number away.
      p(
        '说明。',
        '<w:pStyle w:val="Body"/><w:pPrChange w:id="1" w:author="x"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:pPrChange>',
      ),
      p('收到和处理政府信息公开申请情况', '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'),
    ].join('');
    const { text } = loadReportSync('r.docx', 'zh', docxOf(body));
    assert.deepEqual(text.split('\n').filter(Boolean), [
      '一、总体情况',
      '（一）主动公开。',
      '本年度依法公开。',
      '二、主动公开政府信息情况',
      '说明。',
      '三、收到和处理政府信息公开申请情况',
    ]);
  });

  it('a document without numbering.xml reads its text as it is', () => {
    const { text } = loadReportSync('r.docx', 'zh', docxOf(p('总体情况', '<w:pStyle w:val="1"/>'), null, null));
    assert.equal(text.trim(), '总体情况');
  });
});

describe('Word numbering: a report numbered by Word’s lists', () => {
  for (const format of ['2019', '2021'] as FormatVersion[])
    it(`${format}: every heading and label read with its number, every cell as written, no false diagnostic`, async () => {
      for (const seed of [1, 2, 3]) {
        const values = consistentValues(format, seed * 31 + 7);
        const parts = reportParts('某某县人民政府', format === '2019' ? 2020 : 2022, format, values);
        const bytes = await numberedDocx(parts);
        assert.deepEqual(misreads('r.docx', bytes, format, values), [], `seed ${seed}`);
        const { text } = loadReportSync('r.docx', 'zh', bytes);
        for (const heading of ['一、总体情况', '二、主动公开政府信息情况', '六、其他需要报告的事项'])
          assert.ok(text.split('\n').includes(heading), heading);
      }
    });
});
