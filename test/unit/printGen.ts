/**
 * Web pages of consistent reports printed to PDF by a real browser (scripts/make-print-fixtures.ts
 * makes test/fixtures/print from this list): which page, in which print settings, and the values
 * it holds (rebuilt from the seed, so the tests need neither the script nor a browser).
 */
import type { FormatVersion } from '../../server/src/report/model';
import { consistentValues, reportParts } from './ioGen';

export interface PrintFixture {
  name: string;
  format: FormatVersion;
  seed: number;
  /** A key of HTML_VARIANTS (originalsGen.ts): how the page is written. */
  variant: string;
  paper: 'A4' | 'Letter';
  landscape: boolean;
  scale: number;
  /** The browser's header and footer on every page (date, title; address, page n/m). */
  headerFooter: boolean;
  /** The page also saved as one file, as the browser saves it (NAME.mhtml). */
  mhtml?: boolean;
}

export const PRINT_FIXTURES: PrintFixture[] = [
  { name: 'print-2019-th', format: '2019', seed: 1, variant: 'th', paper: 'A4', landscape: false, scale: 1, headerFooter: false },
  {
    name: 'print-2019-word-hf',
    format: '2019',
    seed: 2,
    variant: 'word',
    paper: 'A4',
    landscape: false,
    scale: 1,
    headerFooter: true,
    mhtml: true,
  },
  {
    name: 'print-2019-chrome-land',
    format: '2019',
    seed: 3,
    variant: 'chrome',
    paper: 'A4',
    landscape: true,
    scale: 1,
    headerFooter: true,
  },
  {
    name: 'print-2021-th-hf',
    format: '2021',
    seed: 4,
    variant: 'th',
    paper: 'A4',
    landscape: false,
    scale: 1,
    headerFooter: true,
    mhtml: true,
  },
  { name: 'print-2021-word', format: '2021', seed: 5, variant: 'word', paper: 'A4', landscape: false, scale: 1, headerFooter: false },
  { name: 'print-2021-all-small', format: '2021', seed: 6, variant: 'all', paper: 'A4', landscape: false, scale: 0.8, headerFooter: true },
  {
    name: 'print-2021-layout-land',
    format: '2021',
    seed: 7,
    variant: 'layout',
    paper: 'Letter',
    landscape: true,
    scale: 1,
    headerFooter: false,
  },
  {
    name: 'print-2019-template-hf',
    format: '2019',
    seed: 8,
    variant: 'template',
    paper: 'A4',
    landscape: false,
    scale: 1,
    headerFooter: true,
  },
  {
    name: 'print-2021-template-small',
    format: '2021',
    seed: 9,
    variant: 'template',
    paper: 'A4',
    landscape: false,
    scale: 0.7,
    headerFooter: false,
  },
  {
    name: 'print-2019-narrow-hf',
    format: '2019',
    seed: 10,
    variant: 'templateNarrow',
    paper: 'A4',
    landscape: false,
    scale: 1,
    headerFooter: true,
  },
  {
    name: 'print-2021-narrow-land',
    format: '2021',
    seed: 11,
    variant: 'templateNarrow',
    paper: 'A4',
    landscape: true,
    scale: 1,
    headerFooter: false,
  },
];

/** The fixture's values and the report's parts (as originals.test.ts builds its cases). */
export function printCase(f: PrintFixture) {
  const values = consistentValues(f.format, f.seed * 31 + 7);
  const parts = reportParts('某某县人民政府', f.format === '2019' ? 2020 : 2022, f.format, values);
  return { values, parts };
}
