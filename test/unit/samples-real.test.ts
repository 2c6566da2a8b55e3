/**
 * The real reports in test/fixtures/real, in every form we have them (innerText and Ctrl+C copies
 * of the web page, pdftotext of the PDF): every cell of tables 三 and 四 read exactly as published
 * (figures decoded from the originals: the HTML tables, the PDF), title and body from the title
 * lines, and no error and no warning: they are clean reports.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze, type ReportDiagnostic, type Report } from '../../server/src/report/index';
import { ROOT } from './helpers';

const REAL = join(ROOT, 'test', 'fixtures', 'real');

const Z = [0, 0, 0, 0, 0, 0, 0];
const zeros = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, Z]));

const PINGTAN_2019: Record<string, number[]> = {
  ...zeros(['carry', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'u2', 'n1', 'n3', 'n4', 'n5', 'o', 'forward']),
  new: [23, 0, 0, 0, 0, 0, 23],
  granted: [7, 0, 0, 0, 0, 0, 7],
  partial: [1, 0, 0, 0, 0, 0, 1],
  u1: [7, 0, 0, 0, 0, 0, 7],
  u3: [5, 0, 0, 0, 0, 0, 5],
  n2: [3, 0, 0, 0, 0, 0, 3],
  total: [23, 0, 0, 0, 0, 0, 23],
};
const PINGTAN_2021: Record<string, number[]> = {
  ...zeros(['carry', 'd1', 'd2', 'd3', 'd4', 'd6', 'u2', 'u3', 'n1', 'n2', 'n3', 'n4', 'n5', 'o1', 'o2']),
  new: [64, 0, 0, 2, 0, 4, 70],
  granted: [27, 0, 0, 2, 0, 1, 30],
  partial: [5, 0, 0, 0, 0, 0, 5],
  d5: [1, 0, 0, 0, 0, 0, 1],
  d7: [6, 0, 0, 0, 0, 0, 6],
  d8: [1, 0, 0, 0, 0, 0, 1],
  u1: [22, 0, 0, 0, 0, 3, 25],
  o3: [1, 0, 0, 0, 0, 0, 1],
  total: [63, 0, 0, 2, 0, 4, 69],
  forward: [1, 0, 0, 0, 0, 0, 1],
};
const HUAIAN_2024: Record<string, number[]> = {
  new: [3001, 53, 0, 0, 61, 4, 3119],
  carry: [34, 0, 0, 0, 0, 0, 34],
  granted: [1288, 21, 0, 0, 50, 3, 1362],
  partial: [447, 7, 0, 0, 0, 0, 454],
  d1: [2, 0, 0, 0, 0, 0, 2],
  d2: [30, 1, 0, 0, 0, 0, 31],
  d3: [5, 0, 0, 0, 0, 0, 5],
  d4: [6, 0, 0, 0, 0, 0, 6],
  d5: [7, 1, 0, 0, 0, 0, 8],
  d6: [12, 0, 0, 0, 0, 0, 12],
  d7: [9, 0, 0, 0, 0, 0, 9],
  d8: [105, 0, 0, 0, 0, 0, 105],
  u1: [746, 12, 0, 0, 10, 1, 769],
  u2: [11, 0, 0, 0, 0, 0, 11],
  u3: [1, 0, 0, 0, 0, 0, 1],
  n1: [56, 6, 0, 0, 0, 0, 62],
  n2: [25, 0, 0, 0, 0, 0, 25],
  n3: Z,
  n4: Z,
  n5: [1, 0, 0, 0, 0, 0, 1],
  o1: [67, 3, 0, 0, 1, 0, 71],
  o2: [6, 0, 0, 0, 0, 0, 6],
  o3: [108, 2, 0, 0, 0, 0, 110],
  total: [2932, 53, 0, 0, 61, 4, 3050],
  forward: [103, 0, 0, 0, 0, 0, 103],
};

interface Case {
  file: string;
  title: string | null;
  body: string | null;
  year: number;
  format: '2019' | '2021';
  t3: Record<string, number[]>;
  t4: Record<string, number[]>;
  /** Information diagnostics that are true (each justified). */
  info: [string, string | undefined][];
}

const T4_ZERO = { review: [0, 0, 0, 0, 0], direct: [0, 0, 0, 0, 0], post: [0, 0, 0, 0, 0] };
const T4_2021 = { review: [1, 0, 2, 0, 3], direct: [12, 0, 0, 0, 12], post: [0, 0, 0, 0, 0] };
const T4_HUAIAN = { review: [72, 64, 178, 37, 351], direct: [13, 4, 8, 1, 26], post: [12, 1, 1, 6, 20] };
const P19 = '平潭综合实验区2019年政府信息公开工作年度报告';

/** What both texts of the Huaian PDF (pdftotext -layout, and -raw) give. */
const HUAIAN: Omit<Case, 'file'> = {
  title: '淮安市人民政府2024 年政府信息公开工作年度报告',
  body: '淮安市人民政府',
  year: 2024,
  format: '2021',
  t3: HUAIAN_2024,
  t4: T4_HUAIAN,
  // True: the PDF numbers the （六） items 1、2、3、 where the form writes 1. 2. 3.
  info: [
    ['label-variant', 'o1'],
    ['label-variant', 'o2'],
    ['label-variant', 'o3'],
  ],
};

const CASES: Case[] = [
  {
    file: 'pingtan-2019.innertext.txt',
    title: P19,
    body: '平潭综合实验区',
    year: 2019,
    format: '2019',
    t3: PINGTAN_2019,
    t4: T4_ZERO,
    info: [],
  },
  {
    file: 'pingtan-2019.clipboard.txt',
    title: P19,
    body: '平潭综合实验区',
    year: 2019,
    format: '2019',
    t3: PINGTAN_2019,
    t4: T4_ZERO,
    info: [],
  },
  // The 2021 page has no title line: the article starts with its first paragraph.
  { file: 'pingtan-2021.innertext.txt', title: null, body: null, year: 2021, format: '2021', t3: PINGTAN_2021, t4: T4_2021, info: [] },
  { file: 'pingtan-2021.clipboard.txt', title: null, body: null, year: 2021, format: '2021', t3: PINGTAN_2021, t4: T4_2021, info: [] },
  { file: 'huaian-2024.pdftotext.txt', ...HUAIAN },
  { file: 'huaian-2024.pdftotext-raw.txt', ...HUAIAN },
  // Default reading order: table 四's numbers come a block of columns at a time; read by each group's
  // total, the two litigation groups by where their names stand, which the text cannot make sure of:
  // said once, as information.
  { file: 'huaian-2024.pdftotext-default.txt', ...HUAIAN, info: [...HUAIAN.info, ['row-unknown', undefined]] },
];

function values(report: Report, table: 'table3' | 'table4'): Record<string, (number | string)[]> {
  const t = report[table];
  if (!t) return {};
  return Object.fromEntries(
    Object.entries(t.rows).map(([k, row]) => [k, row.cells.map((c) => (c.value.kind === 'int' ? c.value.value : c.value.kind))]),
  );
}

function rowOf(report: Report, d: ReportDiagnostic): string | undefined {
  for (const row of Object.values(report.table3?.rows ?? {}))
    if (row.label && row.label.range.start.line === d.range.start.line) return row.key;
  return undefined;
}

describe('real reports, every form: read exactly, no false alarm', () => {
  for (const c of CASES) {
    describe(c.file, () => {
      const text = readFileSync(join(REAL, c.file), 'utf8');
      const { report, diagnostics } = analyze(text);

      it('every cell of tables 三 and 四', () => {
        assert.deepEqual(values(report, 'table3'), c.t3);
        assert.deepEqual(values(report, 'table4'), c.t4);
      });

      it('title, issuing body, year, format and the six sections once each', () => {
        assert.equal(report.title?.text ?? null, c.title);
        assert.equal(report.body, c.body);
        assert.equal(report.year, c.year);
        assert.equal(report.format, c.format);
        assert.deepEqual(
          report.sections.map((s) => [s.number, s.duplicate]),
          [1, 2, 3, 4, 5, 6].map((n) => [n, false]),
        );
      });

      it('no error, no warning; only the information diagnostics that are true', () => {
        const bad = diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
        assert.deepEqual(
          bad.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`),
          [],
        );
        assert.deepEqual(
          diagnostics.map((d) => [d.code, rowOf(report, d)]),
          c.info,
        );
      });
    });
  }

  it('table 二 of the 2019 web copies, cells without <p> included (\\t10\\t)', () => {
    for (const f of ['pingtan-2019.innertext.txt', 'pingtan-2019.clipboard.txt']) {
      const { report } = analyze(readFileSync(join(REAL, f), 'utf8'));
      const rows = Object.fromEntries(report.table2!.subtables.flatMap((s) => s.rows).map((r) => [r.key, r.cells.map((c) => c.raw)]));
      assert.deepEqual(rows, {
        regulations: ['0', '0', '0'],
        normativeDocs: ['89', '89', '89'],
        licensing: ['396', '0', '181'],
        otherServices: ['10', '0', '153'],
        punishment: ['2648', '0', '430'],
        coercion: ['126', '0', '25'],
        fees: ['35', '0'],
        procurement: ['135', '75394432.52元'],
      });
    }
  });

  it('table 二 of the 2021 web copies: the fee in 万元 with six decimals', () => {
    for (const f of ['pingtan-2021.innertext.txt', 'pingtan-2021.clipboard.txt']) {
      const { report } = analyze(readFileSync(join(REAL, f), 'utf8'));
      const fees = report.table2!.subtables.flatMap((s) => s.rows).find((r) => r.key === 'fees')!;
      assert.deepEqual(fees.cells[0].value, { kind: 'decimal', text: '24252.311082', unit: null });
    }
  });
});
