import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectReport, looksLikeReport, sampleOf, SAMPLE_CHARS } from '../../server/src/report/detect';
import { LAYOUTS, consistentReport, seeded } from './reportGen';
import { ROOT, reportFiles } from './helpers';

test('every sample, real copy and example report is recognised by its content', () => {
  const files = reportFiles();
  assert.ok(files.length >= 14);
  for (const file of files) assert.ok(looksLikeReport(readFileSync(file, 'utf8')), file);
});

test('generated reports in every layout and format are recognised, also without their title or after blank lines', () => {
  const rand = seeded(11);
  for (const format of ['2019', '2021'] as const) {
    for (const layout of LAYOUTS) {
      const { text } = consistentReport(format, rand, layout);
      assert.ok(looksLikeReport(text), `${format} ${layout}`);
      assert.ok(looksLikeReport('\n\n\n' + text), `${format} ${layout} after blank lines`);
      const untitled = text.slice(text.indexOf('\n') + 1);
      assert.ok(looksLikeReport(untitled), `${format} ${layout} without title`);
      assert.ok(detectReport(untitled).title === false);
      // only the tables, pasted without any text
      const tables = text.slice(text.indexOf('二、'), text.indexOf('五、'));
      assert.ok(looksLikeReport(tables.replace(/^[二三四]、.*$/gm, '')), `${format} ${layout} tables only`);
    }
  }
});

test('a title wrapped over two lines counts as a title', () => {
  assert.equal(detectReport('甘河子镇政府信息公开工作\n2020年度报告\n正文').title, true);
  assert.equal(detectReport('\n\n  某某县2022年政府信息公开工作年度报告\n').title, true);
  assert.equal(detectReport('关于印发政府信息公开指南的通知\n').title, false);
});

test('texts that only mention disclosure are not reports', () => {
  const notReports = [
    '',
    '关于做好2023年政府信息公开工作年度报告编制工作的通知\n各单位：请于1月31日前报送年度报告。',
    '政府信息公开申请表\n申请人情况：自然人\n所需信息：……',
    '会议纪要\n一、总体情况\n会议讨论了预算。',
    readFileSync(join(ROOT, 'LICENSE'), 'utf8'),
    readFileSync(join(ROOT, 'README.md'), 'utf8'),
    'x'.repeat(100_000),
    // a GB18030 report decoded as UTF-8: replacement characters where the Chinese was
    '\ufffd\ufffd\ufffd\ufffd2020\ufffd\ufffd\ufffd\ufffd\n\ufffd\ufffd\ufffd\ufffd'.repeat(200),
  ];
  for (const text of notReports) assert.equal(looksLikeReport(text), false, text.slice(0, 40));
});

test('only a bounded sample of a long text is looked at', () => {
  const { text } = consistentReport('2021', seeded(3));
  const long = text + '正文。'.repeat(2_000_000);
  assert.ok(sampleOf(long).length <= SAMPLE_CHARS + 1);
  assert.ok(looksLikeReport(long));
  // a report's evidence far beyond the sample is not seen
  assert.equal(looksLikeReport('正文。'.repeat(2_000_000) + text), false);
});
