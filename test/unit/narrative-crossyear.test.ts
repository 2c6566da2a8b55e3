/** Each report against last year's: carry, stock, item counts, copied section 五; and the CLI's matching and --previous. */
import { strict as assert } from 'node:assert';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { acrossYears, assemble, checkFile, run, type CheckOptions } from '../../server/src/cli';
import { bodyKey, checkAcrossYears, matchPrevious, summarize } from '../../server/src/report/crossYear';
import { parseReport, writeSkeleton } from '../../server/src/report/index';
import { fixture, setCell } from './helpers';

const current = fixture('consistent-2021.xxgk'); // 2023: 上年结转 自然人 1, 总计 1; 行政规范性文件 制发 2 废止 1 现行有效 14
const FORWARD = '四、结转下年度继续办理';

/** Last year's report consistent with the fixture: 结转下年度 1 (自然人, 总计), 现行有效 13. */
function lastYear(text = current): string {
  return setCell(setCell(setCell(text.replaceAll('2023年', '2022年'), FORWARD, 0, '1'), FORWARD, 6, '1'), '行政规范性文件', 2, '13');
}
const sum = (text: string) => summarize(parseReport(text), text);
const codesOf = (cur: string, prev: string) => checkAcrossYears(sum(cur), sum(prev), 'last.txt').map((d) => d.code);

const LONG5 =
  '一是主动公开的深度还不够，部分领域信息更新不及时；二是政策解读形式较单一，图解、视频等解读占比不高；三是依申请公开答复的规范性有待提高。下一步将完善公开目录，丰富解读形式，加强业务培训，提升答复质量，切实保障群众知情权。';
const FIVE = '一是主动公开的深度还不够；二是政策解读形式较单一。下一步将完善公开目录，丰富解读形式。';

describe('across years', () => {
  it('consistent consecutive reports raise nothing', () => {
    assert.deepEqual(codesOf(current, lastYear()), []);
  });
  it('carry-mismatch on each carry cell that differs from last year’s 结转下年度, the other file related', () => {
    const prev = setCell(setCell(lastYear(), FORWARD, 0, '0'), FORWARD, 6, '0');
    const ds = checkAcrossYears(sum(current), sum(prev), 'last.txt');
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.expected, d.actual]),
      [
        ['carry-mismatch', 'warning', '0', '1'],
        ['carry-mismatch', 'warning', '0', '1'],
      ],
    );
    assert.equal(ds[0].related[0].uri, 'last.txt');
    assert.match(ds[0].message, /上年结转 1，与2022年度报告的结转下年度继续办理 0 不一致/);
  });
  it('stock-mismatch (information): 现行有效件数 ≠ last year’s + 制发 − 废止', () => {
    const ds = checkAcrossYears(sum(current), sum(setCell(lastYear(), '行政规范性文件', 2, '10')), 'last.txt');
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.expected]),
      [['stock-mismatch', 'information', '11']],
    );
  });
  it('items-mismatch (information, 2019 format): 上一年项目数量 and 对外公开总数量 carried on', () => {
    const prev = setCell(
      setCell(setCell(writeSkeleton({ body: '某某镇人民政府', year: 2019 }), '行政许可', 0, '5'), '行政许可', 1, '+2'),
      '规范性文件',
      2,
      '3',
    );
    const good = setCell(
      setCell(setCell(writeSkeleton({ body: '某某镇人民政府', year: 2020 }), '行政许可', 0, '7'), '规范性文件', 1, '2'),
      '规范性文件',
      2,
      '5',
    );
    assert.deepEqual(codesOf(good, prev), []);
    const bad = setCell(setCell(good, '行政许可', 0, '6'), '规范性文件', 2, '4');
    const ds = checkAcrossYears(sum(bad), sum(prev), 'last.txt');
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.expected, d.actual]),
      [
        ['items-mismatch', 'information', '7', '6'],
        ['items-mismatch', 'information', '5', '4'],
      ],
    );
  });
  it('across the 2020→2021 format change only the carry rule applies', () => {
    const prev2020 = setCell(writeSkeleton({ body: '示例县示例镇人民政府', year: 2020 }), '规范性文件', 2, '99');
    const cur2021 = current.replace('2023年政府', '2021年政府');
    // 对外公开总数量 99 and 现行有效件数 14 are different measures: not compared; carry 1 vs last year's 结转 0 is.
    assert.deepEqual(codesOf(cur2021, prev2020), ['carry-mismatch', 'carry-mismatch']);
  });
  it('copied-text when section 五 is nearly the same as last year’s (figures and years aside); not for a rewritten or short one', () => {
    const withFive = (text: string, five: string) => text.replace(FIVE, five);
    const prev = withFive(lastYear(), LONG5);
    const copied = withFive(current, LONG5.replace('三是', '三是2023年'));
    const ds = checkAcrossYears(sum(copied), sum(prev), 'last.txt');
    assert.deepEqual(
      ds.map((d) => d.code),
      ['copied-text'],
    );
    assert.equal(ds[0].related[0].uri, 'last.txt');
    const rewritten = withFive(
      current,
      '本年度发现的问题主要有：政务新媒体更新频率偏低，个别栏目内容空白；政府信息公开指南未及时修订。针对这些问题，我镇将建立新媒体巡查机制，每季度通报一次，并于明年一季度前完成指南修订。',
    );
    assert.deepEqual(codesOf(rewritten, prev), []);
    assert.deepEqual(codesOf(current, lastYear()), []); // the fixture's short 五, the same both years
  });
  it('a summary holds nothing of its report (a folder check keeps one per file)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const collected = async () => {
      for (let k = 0; k < 3; k++) {
        await new Promise((r) => setImmediate(r));
        gc();
      }
    };
    const later = sum(lastYear());
    // The report is held only inside this function: once it returns, the summary alone can keep it.
    const { s, reportRef } = (() => {
      const report = parseReport(current);
      return { s: summarize(report, () => current), reportRef: new WeakRef(report) };
    })();
    await collected();
    assert.equal(reportRef.deref(), undefined);
    // (Still what it was: the letters worked out from the text when first read.)
    assert.deepEqual(checkAcrossYears(s, later, 'last.txt'), []);
    assert.ok(s.section5 && s.section5.text.length > 0);
  });
  it('matches reports by issuing body and year; two reports of one body and year are ambiguous', () => {
    assert.equal(bodyKey('示例县示例镇人民政府'), bodyKey('示例县 示例镇'));
    const a = { ...sum(current) };
    const b = { ...sum(lastYear()) };
    const other = { ...sum(lastYear().replace('示例县示例镇人民政府', '另一镇人民政府')) };
    assert.deepEqual(matchPrevious([a, b, other]), [1, null, null]);
    assert.deepEqual(matchPrevious([a, b, b]), [null, null, null]);
  });
});

describe('command line across years', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'xxgk-years-'));
    writeFileSync(join(dir, '2023.txt'), current);
    writeFileSync(join(dir, '2022.txt'), setCell(setCell(lastYear(), FORWARD, 0, '0'), FORWARD, 6, '0'));
    writeFileSync(join(dir, '2022-ok.xxgk'), lastYear());
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--previous names last year’s report', () => {
    const bad = run(['check', '2023.txt', '--previous', '2022.txt'], dir);
    assert.match(bad.stdout, /2023\.txt:\d+:\d+: 警告 carry-mismatch: /);
    assert.match(bad.stdout, /↳ 2022\.txt:\d+:\d+: 2022年度报告：四、结转下年度继续办理·自然人 = 0/);
    const good = run(['check', '2023.txt', '--previous=2022-ok.xxgk'], dir);
    assert.doesNotMatch(good.stdout, /mismatch/);
    const json = JSON.parse(run(['check', '--format', 'json', '2023.txt', '--previous', '2022.txt'], dir).stdout);
    const d = json.files[0].diagnostics.find((x: { code: string }) => x.code === 'carry-mismatch');
    assert.equal(d.related[0].path, '2022.txt');
    const missing = run(['check', '2023.txt', '--previous', 'nope.txt'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--previous/);
  });
  it('a folder check matches the body’s consecutive years (an ambiguous year is not matched)', () => {
    // Two 2022 reports of the body: ambiguous, so nothing is compared.
    assert.doesNotMatch(run(['check', '.'], dir).stdout, /carry-mismatch/);
    rmSync(join(dir, '2022-ok.xxgk'));
    const r = run(['check', '.'], dir);
    assert.match(r.stdout, /2023\.txt:\d+:\d+: 警告 carry-mismatch: /);
    assert.match(r.stdout, /检查了 2 个文件：0 个错误，2 个警告/);
  });
  it('a plain text file is read again to be quoted, not kept; deleted or changed since it was checked, it is not quoted and a note says why', () => {
    const sub = mkdtempSync(join(tmpdir(), 'xxgk-years-'));
    try {
      const files = ['2022.txt', '2023.txt'].map((f) => join(sub, f));
      writeFileSync(files[0], setCell(setCell(lastYear(), FORWARD, 0, '0'), FORWARD, 6, '0'));
      const options: CheckOptions = { format: 'text', locale: 'zh', verbose: false, cwd: sub, crossYear: true };
      const checked = (text: string) => {
        writeFileSync(files[1], text);
        const outcomes = files.map((f) => checkFile(f, options));
        for (const o of outcomes) assert.equal(o.text, undefined);
        return outcomes;
      };
      const compared = (outcomes: ReturnType<typeof checked>) => {
        acrossYears(files, outcomes, options);
        return assemble(outcomes, options).stdout;
      };
      const quoted = compared(checked(current));
      const carryLine = current.split('\n').find((l) => l.includes('二、上年结转'))!;
      assert.match(quoted, /2023\.txt:\d+:\d+: 警告 carry-mismatch: /);
      assert.ok(quoted.includes(`    ${carryLine}\n`), quoted);
      assert.doesNotMatch(quoted, /未引用原文/);

      let outcomes = checked(current);
      rmSync(files[1]);
      const gone = compared(outcomes);
      assert.match(gone, /2023\.txt:\d+:\d+: 警告 carry-mismatch: /);
      assert.ok(!gone.includes(carryLine), gone);
      assert.match(gone, /↳ 2022\.txt:\d+:\d+: /);
      assert.match(gone, /\n {4}（此文件已无法再次读取，未引用原文：.*2023\.txt.*）\n/);
      assert.match(gone, /检查了 2 个文件：0 个错误，2 个警告/);

      outcomes = checked(current);
      appendFileSync(files[1], '\n附：本报告已更新。\n');
      const changed = compared(outcomes);
      assert.ok(!changed.includes(carryLine), changed);
      assert.match(changed, /\n {4}（此文件在检查后已被修改，未引用原文）\n/);
    } finally {
      rmSync(sub, { recursive: true, force: true });
    }
  });
  it('--previous deleted while the files are checked: told as missing, not a crash', () => {
    const sub = mkdtempSync(join(tmpdir(), 'xxgk-years-'));
    try {
      writeFileSync(join(sub, '2023.txt'), current);
      const options: CheckOptions = {
        format: 'text',
        locale: 'zh',
        verbose: false,
        cwd: sub,
        crossYear: true,
        previous: join(sub, '2022.txt'),
      };
      const outcomes = [checkFile(join(sub, '2023.txt'), options)];
      assert.throws(
        () => acrossYears([join(sub, '2023.txt')], outcomes, options),
        (e: Error) => e.message === '找不到上一年度的报告（--previous）：2022.txt',
      );
    } finally {
      rmSync(sub, { recursive: true, force: true });
    }
  });
});
