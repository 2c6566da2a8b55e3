/**
 * The parser: report text in, report model out. Total (any string gives a model) and linear in
 * the size of the input: each line is looked at a bounded number of times, and the matching
 * work per table row is bounded by the format's row count.
 */
import { table4RowLabels, writeRow } from './canonical';
import { FORMATS, LABEL_VARIANTS, SECTIONS, formatForYear, type FormatSpec } from './formatData';
import { range, splitLines } from './lines';
import type { FormatVersion, Label, ParseProblem, Range, Report, Row, Section, SubTable2, Table2, Table3, Table4 } from './model';
import { assemble, fitRun, rowOf, tokenize, type Layout, type Template, type TemplateRow, type Group } from './tables';
import { normalizeLabel, similarity, similarityBound, trimAll, type ValueKind } from './text';

export interface ParseOptions {
  /** Force a format version instead of detecting it from the tables. */
  format?: 'auto' | FormatVersion;
}

const NUMERALS = '一二三四五六';
const HEADING_MAX = 120;

interface HeadingHit {
  line: number;
  number: Section['number'];
  label: Label;
}

const sectionNorms = SECTIONS.map((s) => ({
  spec: s,
  titles: [s.title, ...s.variants.map((v) => v.replace(/^[一二三四五六]、/, ''))].map(normalizeLabel),
}));

/** Strip what Markdown, Word and list marks put in front of a heading. */
function headingText(line: string): { text: string; start: number } | null {
  if (line.length > HEADING_MAX || line.includes('\t')) return null;
  let s = 0;
  const lead = line.search(/[^\s\u00a0\u3000\ufeff]/);
  if (lead < 0) return null;
  // Most lines start with text: no marks to strip.
  if (!/[#[\-*+>【]/.test(line[lead])) {
    return { text: line.slice(lead).trimEnd(), start: lead };
  }
  const strip = (re: RegExp) => {
    const m = re.exec(line.slice(s));
    if (m) s += m[0].length;
    return !!m;
  };
  strip(/^[\s\u00a0\u3000\ufeff]+/);
  for (let k = 0; k < 4; k++) {
    const moved =
      strip(/^\[bookmark:[^\]]*\]/i) ||
      strip(/^#{1,6}\s*/) ||
      strip(/^(?:[-*+>]\s+)/) ||
      strip(/^\*\*/) ||
      strip(/^【/) ||
      strip(/^[\s\u00a0\u3000]+/);
    if (!moved) break;
  }
  const text = line
    .slice(s)
    .replace(/[\s\u00a0\u3000]+$/u, '')
    .replace(/\*\*$/, '')
    .replace(/】$/, '');
  if (text === '') return null;
  return { text, start: s };
}

function matchHeading(line: string, lineNo: number): HeadingHit | null {
  const h = headingText(line);
  if (!h) return null;
  // A heading names a section and ends in words: table rows, dates and page numbers end in digits.
  if (/[\d０-９]$/.test(h.text)) return null;
  // Without a numeral only a heading's exact title (give or take a mark) is taken: keep it short.
  const numbered = NUMERALS.includes(h.text[0]);
  if (!numbered && h.text.length > 24) return null;
  const m = numbered ? /^([一二三四五六])\s*[、.．,，:：]?\s*(.+)$/.exec(h.text) : null;
  const numeral = m ? NUMERALS.indexOf(m[1]) + 1 : 0;
  const rest = normalizeLabel(m ? m[2] : h.text).replace(/[:：。]$/, '');
  if (rest.length < 3 || rest.length > 40) return null;
  let best = { n: 0, score: 0 };
  for (const { spec, titles } of sectionNorms) {
    for (const t of titles) {
      let sc = 0;
      if ((rest.includes(t) || t.includes(rest)) && Math.min(rest.length, t.length) >= 4) sc = 0.8;
      // Without a numeral nothing under 0.9 is taken: skip titles whose length already rules that out.
      if (similarityBound(rest.length, t.length) >= (numeral ? 0.5 : 0.9)) sc = Math.max(sc, similarity(rest, t));
      if (sc > best.score) best = { n: spec.number, score: sc };
    }
  }
  const accepted = best.n > 0 && ((numeral === best.n && best.score >= 0.5) || (numeral > 0 && best.score >= 0.8) || best.score >= 0.9);
  if (!accepted) return null;
  const spec = SECTIONS[best.n - 1];
  const r = range(lineNo, h.start, lineNo, h.start + h.text.length);
  const written = h.text;
  let status: Label['status'];
  if (numeral !== best.n) status = 'differs';
  else if (written === spec.heading) status = 'official';
  else if (spec.variants.includes(written) || spec.variants.map(normalizeLabel).includes(normalizeLabel(written))) status = 'variant';
  else if (normalizeLabel(m![2]).replace(/[:：。]$/, '') === normalizeLabel(spec.title)) status = 'punctuation';
  else status = 'differs';
  return {
    line: lineNo,
    number: spec.number,
    label: { text: written, official: spec.heading, status, range: r, pieces: [r] },
  };
}

function lineRange(lines: string[], a: number, b: number): Range {
  return range(a, 0, b, lines[b]?.length ?? 0);
}

function findTitle(lines: string[], end: number): Report['title'] {
  const picked: number[] = [];
  for (let i = 0; i < end && picked.length < 3; i++) {
    const t = trimAll(lines[i]);
    if (t === '') {
      if (picked.length) break;
      continue;
    }
    if (t.length > 60 || /[。；]$/.test(t)) break;
    picked.push(i);
    if (/报告/.test(t)) break;
  }
  if (!picked.length) return null;
  const text = picked.map((i) => trimAll(lines[i]).replace(/^#{1,6}\s*/, '')).join('');
  if (!/报告|政府信息公开/.test(text)) return null;
  const a = picked[0];
  const b = picked[picked.length - 1];
  const startCol = lines[a].search(/\S/);
  return { text, range: range(a, Math.max(0, startCol), b, trimAll(lines[b]) ? lines[b].replace(/\s+$/, '').length : 0) };
}

function yearOf(text: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(text.normalize('NFKC'));
  return m ? Number(m[1]) : null;
}

function bodyOf(title: string): string | null {
  const t = title.normalize('NFKC').replace(/\s+/g, '');
  const m = /^(.*?)(?:(?:19|20)\d{2}年度?|政府信息公开)/.exec(t);
  const body = m ? m[1] : '';
  return body.length ? body : null;
}

// ---- format detection --------------------------------------------------------------------

const MARKERS: Record<FormatVersion, string[]> = {
  '2019': [
    '本年新制作数量',
    '本年新公开数量',
    '对外公开总数量',
    '上一年项目数量',
    '本年增/减',
    '采购项目数量',
    '采购总金额',
    '政府集中采购',
    '其他对外管理服务事项',
  ],
  '2021': [
    '本年制发件数',
    '本年废止件数',
    '本年度止件数',
    '现行有效件数',
    '本年处理决定数量',
    '本年收费金额',
    '申请人无正当理由逾期不补正',
    '申请人逾期未按收费通知',
  ],
};

const MARKER_NORMS: Record<FormatVersion, string[]> = {
  '2019': MARKERS['2019'].map(normalizeLabel),
  '2021': MARKERS['2021'].map(normalizeLabel),
};

/** Every marker has one of these characters: regions without any are skipped. */
const MARKER_CHARS = /[本采政其申现]/;

function detectFormat(lines: string[], regions: [number, number][]): { format: FormatVersion | null; evidence: Range | null } {
  const score: Record<FormatVersion, number> = { '2019': 0, '2021': 0 };
  const evidence: Record<FormatVersion, Range | null> = { '2019': null, '2021': null };
  for (const [a, b] of regions) {
    // One normalisation of the whole region; markers are found in it, then placed on their line.
    const kept: number[] = [];
    for (let i = a; i < b; i++) if (lines[i].length <= 4000) kept.push(i);
    const joined = kept.map((i) => lines[i]).join('\u0001');
    if (!MARKER_CHARS.test(joined)) continue;
    const n = normalizeLabel(joined);
    for (const f of ['2019', '2021'] as const) {
      for (const m of MARKER_NORMS[f]) {
        const at = n.indexOf(m);
        if (at < 0) continue;
        score[f]++;
        if (!evidence[f]) {
          let line = 0;
          for (let k = 0; k < at; k++) if (n.charCodeAt(k) === 1) line++;
          const i = kept[line];
          evidence[f] = range(i, 0, i, lines[i].length);
        }
      }
    }
  }
  if (score['2019'] === 0 && score['2021'] === 0) return { format: null, evidence: null };
  const f: FormatVersion = score['2019'] > score['2021'] ? '2019' : '2021';
  return { format: f, evidence: evidence[f] };
}

/** Templates depend only on the format: build each once. */
function memo(build: (spec: FormatSpec, tableName: string) => Template) {
  const cache = new Map<string, Template>();
  return (spec: FormatSpec, tableName: string) => {
    const key = spec.version + tableName;
    let t = cache.get(key);
    if (!t) cache.set(key, (t = build(spec, tableName)));
    return t;
  };
}

// ---- templates ---------------------------------------------------------------------------

function variantsOf(label: string): string[] {
  const v = LABEL_VARIANTS[label] ?? [];
  return v.map(normalizeLabel);
}

function headerVariants(labels: string[]) {
  return labels.filter((l) => LABEL_VARIANTS[l]).map((official) => ({ official, variants: variantsOf(official) }));
}

const TABLE_NAME = { 2: 'table.2', 3: 'table.3', 4: 'table.4' } as const;

const template2 = memo(function template2(spec: FormatSpec, tableName: string): Template {
  const rows: TemplateRow[] = [];
  const structure: string[] = ['信息内容'];
  const cols: string[] = [];
  for (const sub of spec.table2) {
    structure.push(sub.caption);
    for (const c of sub.columns) {
      structure.push(c.label);
      cols.push(c.label);
    }
    const kinds: ValueKind[] = sub.columns.map((c) =>
      c.key === 'delta' ? 'signed' : c.key === 'amount' ? (spec.version === '2019' ? 'amount-unit' : 'amount-wan') : 'count',
    );
    for (const r of sub.rows) {
      rows.push({
        key: r.key,
        label: r.label,
        norm: normalizeLabel(r.label),
        variants: variantsOf(r.label),
        aliases: [],
        kinds,
        colKeys: sub.columns.map((c) => c.key),
      });
    }
  }
  // Headers people write with a note appended (本年收费金额（单位：万元，保留4位小数）).
  structure.push('本年收费金额(单位:万元,保留4位小数)', '本年收费金额(单位:万元,保留两位小数)');
  return {
    rows,
    structure: structure.map(normalizeLabel),
    headerVariants: headerVariants([...new Set(cols)]),
    tableName,
  };
});

const template3 = memo(function template3(spec: FormatSpec, tableName: string): Template {
  const t3 = spec.table3;
  const colKeys = t3.columns.map((c) => c.key);
  const rows: TemplateRow[] = t3.rows.map((r) => ({
    key: r.key,
    label: r.label,
    norm: normalizeLabel(r.label),
    variants: variantsOf(r.label),
    aliases: [],
    kinds: colKeys.map(() => 'count' as const),
    colKeys,
  }));
  const structure = [
    t3.noteCell,
    t3.columnHeader,
    t3.legalPersonGroup,
    '法人或其他组织',
    ...t3.columns.map((c) => c.label),
    ...t3.groupHeads,
  ];
  return {
    rows,
    structure: structure.map(normalizeLabel),
    headerVariants: headerVariants(t3.columns.map((c) => c.label)),
    tableName,
  };
});

const template4 = memo(function template4(spec: FormatSpec, tableName: string): Template {
  const colKeys = spec.table4.columns.map((c) => c.key);
  const rows: TemplateRow[] = table4RowLabels().map((r) => {
    const g = spec.table4.groups.find((x) => x.key === r.key)!;
    return {
      key: r.key,
      label: r.label,
      norm: normalizeLabel(r.label),
      variants: [],
      // The form names the groups 行政复议 / 未经复议直接起诉 / 复议后起诉: those names are fine too.
      aliases: [g.label, `${g.parent ?? ''}${g.label}`].map(normalizeLabel),
      kinds: colKeys.map(() => 'count' as const),
      colKeys,
    };
  });
  const structure = [
    '行政复议',
    '行政诉讼',
    ...spec.table4.groups.map((g) => g.label),
    ...spec.table4.columns.map((c) => c.label),
    '政府信息公开行政复议、行政诉讼情况',
    '类别',
  ];
  return { rows, structure: structure.map(normalizeLabel), headerVariants: [], tableName };
});

// ---- inserting rows in the table's own layout ----------------------------------------------

function rowText(layout: Layout, sep: 'tab' | 'pipe' | 'space', label: string, n: number, key: string, format: FormatVersion, eol: string) {
  if (sep === 'pipe') return writeRow(key, format);
  if (layout === 'cells') return ['\t' + label, ...Array.from({ length: n }, () => '\t0')].join(eol);
  if (layout === 'web') return [label, ...Array.from({ length: n }, () => '0')].join(eol + eol);
  if (sep === 'space') return label + '    ' + Array.from({ length: n }, () => '0').join('    ');
  return label + '\t' + Array.from({ length: n }, () => '0').join('\t');
}

function dominantSep(lines: string[], a: number, b: number): 'tab' | 'pipe' | 'space' {
  let tab = 0;
  let pipe = 0;
  let space = 0;
  for (let i = a; i < b; i++) {
    const l = lines[i];
    if (l.includes('\t')) tab++;
    else if (/\|/.test(l)) pipe++;
    else if (/\S {2,}\S/.test(l)) space++;
  }
  return pipe > tab && pipe >= space ? 'pipe' : space > tab ? 'space' : 'tab';
}

function missingRows(
  tpl: Template,
  found: Map<string, Row>,
  layout: Layout,
  sep: 'tab' | 'pipe' | 'space',
  format: FormatVersion,
  eol: string,
  fallback: Range,
  lines: string[],
  problems: ParseProblem[],
) {
  tpl.rows.forEach((t, i) => {
    if (found.has(t.key)) return;
    // Insert after the nearest row above that is present, or before the nearest one below.
    let before: Row | undefined;
    for (let k = i - 1; k >= 0 && !before; k--) before = found.get(tpl.rows[k].key);
    let after: Row | undefined;
    for (let k = i + 1; k < tpl.rows.length && !after && !before; k++) after = found.get(tpl.rows[k].key);
    const text = rowText(layout, sep, t.label, t.colKeys.length, t.key, format, eol);
    const gap = layout === 'cells' || layout === 'web' ? eol + eol : eol;
    let insertAt;
    let insertText;
    let where: Range;
    if (before) {
      const line = before.range.end.line;
      insertAt = { line, character: lines[line].length };
      insertText = gap + text;
      where = { start: before.range.start, end: before.range.end };
    } else if (after) {
      insertAt = { line: after.range.start.line, character: 0 };
      insertText = text + gap;
      where = { start: after.range.start, end: after.range.end };
    } else {
      insertAt = fallback.end;
      insertText = eol + text;
      where = fallback;
    }
    const lineEnd = { line: where.start.line, character: lines[where.start.line].length };
    problems.push({
      code: 'row-missing',
      range: { start: where.start, end: where.start.line === where.end.line ? where.end : lineEnd },
      messageId: 'row-missing',
      args: { label: t.label, table: tpl.tableName },
      data: { row: t.key, insertAt, text: insertText },
    });
  });
}

// ---- the parser --------------------------------------------------------------------------

export function parseReport(text: string, options: ParseOptions = {}): Report {
  const { lines, eol } = splitLines(text);
  const problems: ParseProblem[] = [];

  const hits: HeadingHit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const h = matchHeading(lines[i], i);
    if (h) hits.push(h);
  }

  const sections: Section[] = [];
  const seen = new Set<number>();
  hits.forEach((h, k) => {
    const endLine = k + 1 < hits.length ? hits[k + 1].line - 1 : lines.length - 1;
    const bodyRange =
      h.line + 1 <= endLine ? lineRange(lines, h.line + 1, endLine) : range(h.line, lines[h.line].length, h.line, lines[h.line].length);
    let empty = true;
    for (let i = h.line + 1; i <= endLine && empty; i++) if (trimAll(lines[i]) !== '') empty = false;
    sections.push({
      number: h.number,
      kind: SECTIONS[h.number - 1].kind,
      heading: h.label,
      headingLineRange: range(h.line, 0, h.line, lines[h.line].length),
      bodyRange,
      empty,
      duplicate: seen.has(h.number),
    });
    seen.add(h.number);
  });

  const firstHeading = hits.length ? hits[0].line : lines.length;
  const title = findTitle(lines, firstHeading);
  let year = title ? yearOf(title.text) : null;
  let yearSource: Report['yearSource'] = year ? 'title' : null;
  if (!year) {
    const s1 = sections.find((s) => s.number === 1 && !s.duplicate);
    const a = s1 ? s1.bodyRange.start.line : 0;
    const b = s1 ? s1.bodyRange.end.line : Math.min(lines.length - 1, firstHeading);
    for (let i = a; i <= b && !year; i++) if (lines[i].length < 4000) year = yearOf(lines[i]);
    if (year) yearSource = 'text';
  }
  const body = title ? bodyOf(title.text) : null;

  const primary = (n: number) => sections.find((s) => s.number === n && !s.duplicate);
  const regionOf = (s: Section | undefined): [number, number] | null =>
    s && !s.empty ? [s.bodyRange.start.line, s.bodyRange.end.line + 1] : null;
  const regions = [regionOf(primary(2)), regionOf(primary(3))].filter((r): r is [number, number] => !!r);

  let format: FormatVersion | null = null;
  let formatSource: Report['formatSource'] = null;
  let formatEvidence: Range | null = null;
  if (options.format && options.format !== 'auto') {
    format = options.format;
    formatSource = 'option';
  } else {
    const d = detectFormat(lines, regions);
    if (d.format) {
      format = d.format;
      formatSource = 'tables';
      formatEvidence = d.evidence;
    } else if (year) {
      format = formatForYear(year);
      formatSource = 'year';
    }
  }
  const spec = FORMATS[format ?? '2021'];
  const fmt = spec.version;

  // Tables: each read from its section's lines with the format's template.
  const readRows = (groups: Group[], tpl: Template) => {
    const res = assemble(groups, tpl);
    problems.push(...res.problems);
    const found = new Map<string, Row>();
    for (const m of res.rows) {
      const { cells, extras } = fitRun(m.run, m.t.key, m.t.colKeys, m.t.kinds, m.t.label, tpl.tableName, problems);
      found.set(m.t.key, rowOf(m, cells, extras));
    }
    return { found, res };
  };
  const addMissing = (tpl: Template, found: Map<string, Row>, layout: Layout, r: [number, number], s: Section) =>
    missingRows(tpl, found, layout, dominantSep(lines, r[0], r[1]), fmt, eol, s.bodyRange, lines, problems);

  let table2: Table2 | null = null;
  const s2 = primary(2);
  const r2 = regionOf(s2);
  if (s2 && r2) {
    const { groups, layout } = tokenize(lines, r2[0], r2[1]);
    const tpl = template2(spec, TABLE_NAME[2]);
    const { found, res } = readRows(groups, tpl);
    if (found.size || res.firstRange) {
      const subtables: SubTable2[] = spec.table2.map((sub, index) => ({
        index,
        caption: sub.caption,
        captionRange: null,
        headers: res.headers.filter((h) => sub.columns.some((c) => c.label === h.official)),
        rows: sub.rows.map((r) => found.get(r.key)).filter((r): r is Row => !!r),
      }));
      table2 = { range: span(res.firstRange, res.lastRange, s2), subtables };
      addMissing(tpl, found, layout, r2, s2);
    }
  }

  let table3: Table3 | null = null;
  const s3 = primary(3);
  const r3 = regionOf(s3);
  if (s3 && r3) {
    const { groups, layout } = tokenize(lines, r3[0], r3[1]);
    const tpl = template3(spec, TABLE_NAME[3]);
    const { found, res } = readRows(groups, tpl);
    if (found.size || res.firstRange) {
      table3 = { range: span(res.firstRange, res.lastRange, s3), rows: Object.fromEntries(found), headers: res.headers };
      addMissing(tpl, found, layout, r3, s3);
    }
  }

  let table4: Table4 | null = null;
  const s4 = primary(4);
  const r4 = regionOf(s4);
  if (s4 && r4) {
    const { groups, layout } = tokenize(lines, r4[0], r4[1]);
    const tpl = template4(spec, TABLE_NAME[4]);
    const firstRun = groups.findIndex((g) => g.run);
    const fullRow = firstRun >= 0 && groups[firstRun].run!.filter((t) => t.kind !== 'empty').length > 5;
    let found: Map<string, Row>;
    if (fullRow) {
      // The form's own layout: one unlabelled row of 15 numbers (review, direct, post). Text before
      // it is header; any further run of values is something the form does not have.
      const header = groups.slice(0, firstRun + 1).flatMap((g) => g.texts);
      const rest = groups.slice(firstRun + 1);
      problems.push(...assemble([{ texts: header, run: null }], tpl).problems);
      problems.push(...assemble(rest, { ...tpl, rows: [] }).problems);
      const cols = tpl.rows[0].colKeys;
      const all = fitRun(
        groups[firstRun].run!,
        'review',
        [...cols, ...cols, ...cols],
        Array(15).fill('count'),
        '表四数据行',
        tpl.tableName,
        problems,
      );
      found = new Map(
        tpl.rows.map((t, k): [string, Row] => {
          const cells = all.cells.slice(k * 5, k * 5 + 5).map((c) => ({ ...c, rowKey: t.key }));
          const range = { start: cells[0].range.start, end: cells[4].range.end };
          return [t.key, { key: t.key, label: null, cells, range, extraCells: k === 2 ? all.extras : [] }];
        }),
      );
    } else {
      found = readRows(groups, tpl).found;
      if (found.size) addMissing(tpl, found, layout, r4, s4);
    }
    if (found.size) {
      const ranges = [...found.values()].map((r) => r.range);
      const first = ranges.reduce((a, b) => (cmp(a.start, b.start) <= 0 ? a : b));
      const last = ranges.reduce((a, b) => (cmp(a.end, b.end) >= 0 ? a : b));
      table4 = { range: { start: first.start, end: last.end }, rows: Object.fromEntries(found), headers: [] };
    }
  }

  const report: Report = {
    lineLengths: lines.map((l) => l.length),
    eol,
    title,
    body,
    year,
    yearSource,
    format,
    formatSource,
    formatEvidence,
    sections,
    table2,
    table3,
    table4,
    problems,
  };
  return report;
}

function cmp(a: { line: number; character: number }, b: { line: number; character: number }) {
  return a.line - b.line || a.character - b.character;
}

function span(a: Range | null, b: Range | null, s: Section): Range {
  if (a && b) return { start: a.start, end: b.end };
  return s.bodyRange;
}
