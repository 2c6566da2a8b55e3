import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, type Report, type ReportDiagnostic } from '../../server/src/report/index';
import type { TableTexts } from './reportGen';

export const ROOT = join(__dirname, '..', '..');
export const SAMPLES = join(ROOT, 'test', 'fixtures', 'samples');

export function fixture(name: string): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'engine', name), 'utf8');
}

export function sample(prefix: string): string {
  const names: Record<string, string> = {
    '000': '000_716a350312c1a089.txt',
    '001': '001_06d18ea68e74cc84.txt',
    '002': '002_6fc8599f0ec6fb91.txt',
    '003': '003_fbd623e0f7a449c7.txt',
    '004': '004_7e630d27dccc3614.txt',
    synthetic: 'synthetic-2021-pdf-layout.txt',
  };
  return readFileSync(join(SAMPLES, names[prefix]), 'utf8');
}

export function codes(text: string): string[] {
  return analyze(text).diagnostics.map((d) => d.code);
}

export function only(text: string, code: string): ReportDiagnostic[] {
  return analyze(text).diagnostics.filter((d) => d.code === code);
}

/** Where a cell of a canonical `|` row is: the line holding the label, and the n-th value cell (0-based). */
export function cellAt(text: string, label: string, col: number): { line: number; start: number; end: number; raw: string } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('|') && l.split('|')[1]?.trim() === label);
  if (line < 0) throw new Error(`no row ${label}`);
  const parts = lines[line].split('|');
  let offset = parts[0].length + 1 + parts[1].length + 1;
  for (let k = 0; k < col; k++) offset += parts[2 + k].length + 1;
  const cell = parts[2 + col];
  const lead = cell.length - cell.trimStart().length;
  const raw = cell.trim();
  return { line, start: offset + lead, end: offset + lead + raw.length, raw };
}

/** The text with one canonical cell replaced (padding kept where the new value fits). */
export function setCell(text: string, label: string, col: number, value: string): string {
  const c = cellAt(text, label, col);
  const lines = text.split('\n');
  const l = lines[c.line];
  lines[c.line] = l.slice(0, c.start) + value + l.slice(c.end);
  return lines.join('\n');
}

export function rangeOf(line: number, start: number, end: number) {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Every real report text and example in the repository: test/fixtures/samples, test/fixtures/real (.txt) and examples/. */
export function reportFiles(): string[] {
  const real = join(ROOT, 'test', 'fixtures', 'real');
  const examples = join(ROOT, 'examples');
  const of = (dir: string, re: RegExp) =>
    readdirSync(dir)
      .filter((f) => re.test(f))
      .map((f) => join(dir, f));
  return [...of(SAMPLES, /\.txt$/), ...of(real, /\.txt$/), ...of(examples, /\.(txt|xxgk)$/)];
}

/** Tables 三 and 四 as read: each row's cells as the generators write them ('' blank, `?raw` unreadable). */
export function read(report: Report): TableTexts {
  const rows = (t: Report['table3'] | Report['table4']) =>
    Object.fromEntries(
      Object.entries(t?.rows ?? {}).map(([k, r]) => [
        k,
        r.cells.map((c) => (c.value.kind === 'int' ? String(c.value.value) : c.value.kind === 'blank' ? '' : `?${c.raw}`)),
      ]),
    );
  return { t3: rows(report.table3), t4: rows(report.table4) };
}

export const loud = (ds: ReportDiagnostic[]) => ds.filter((d) => d.severity === 'error' || d.severity === 'warning');
export const show = (ds: ReportDiagnostic[]) => ds.map((d) => `${d.range.start.line}: ${d.code} ${d.message}`);
