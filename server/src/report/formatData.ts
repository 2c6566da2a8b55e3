/**
 * The official layout, read from format.json (the one data file every feature uses: parser,
 * rules, completion, skeletons, hovers).
 */
import formatJson from './format.json';
import type { FormatVersion, SectionKind } from './model';

export interface SectionSpec {
  number: 1 | 2 | 3 | 4 | 5 | 6;
  heading: string;
  /** The heading without its numeral, e.g. 总体情况. */
  title: string;
  kind: SectionKind;
  variants: string[];
}

export interface ColumnSpec {
  key: string;
  label: string;
}

export interface Table2Spec {
  caption: string;
  columns: ColumnSpec[];
  rows: ColumnSpec[];
}

export interface Table3RowSpec {
  key: string;
  label: string;
  /** Group heads above the row, outermost first (e.g. 三、本年度办理结果, （三）不予公开). */
  groups: string[];
  /** Depth in the hierarchy: 0 for 一、二、四、, 1 for （一）…（七）, 2 for numbered items. */
  depth: number;
}

export interface Table4GroupSpec {
  key: 'review' | 'direct' | 'post';
  label: string;
  parent: string | null;
}

export interface FormatSpec {
  version: FormatVersion;
  notice: string;
  table2: Table2Spec[];
  table3: {
    noteCell: string;
    columnHeader: string;
    legalPersonGroup: string;
    columns: ColumnSpec[];
    rows: Table3RowSpec[];
    /** Group heads in document order (三、本年度办理结果, （三）不予公开, …). */
    groupHeads: string[];
  };
  table4: {
    groups: Table4GroupSpec[];
    columns: ColumnSpec[];
  };
}

const pairs = (list: string[][]): ColumnSpec[] => list.map(([key, label]) => ({ key, label }));

/** The shape of one format in format.json (validated against format.schema.json by a test). */
interface RawFormat {
  notice: string;
  table2: { caption: string; columns: string[][]; rows: string[][] }[];
  table3: {
    noteCell: string;
    columnHeader: string;
    legalPersonGroup: string;
    columns: string[][];
    rows: { key: string; label: string; groups: string[] }[];
  };
  table4: { groups: [string, string, string | null][]; columns: string[][] };
}

function loadFormat(version: FormatVersion): FormatSpec {
  const raw = (formatJson.formats as unknown as Record<string, RawFormat>)[version];
  const rows: Table3RowSpec[] = raw.table3.rows.map((r) => ({
    key: r.key,
    label: r.label,
    groups: r.groups,
    depth: r.groups.length,
  }));
  const groupHeads: string[] = [];
  for (const r of rows) for (const g of r.groups) if (!groupHeads.includes(g)) groupHeads.push(g);
  return {
    version,
    notice: raw.notice,
    table2: raw.table2.map((t) => ({ caption: t.caption, columns: pairs(t.columns), rows: pairs(t.rows) })),
    table3: {
      noteCell: raw.table3.noteCell,
      columnHeader: raw.table3.columnHeader,
      legalPersonGroup: raw.table3.legalPersonGroup,
      columns: pairs(raw.table3.columns),
      rows,
      groupHeads,
    },
    table4: {
      groups: raw.table4.groups.map(([key, label, parent]) => ({
        key: key as Table4GroupSpec['key'],
        label,
        parent,
      })),
      columns: pairs(raw.table4.columns),
    },
  };
}

export const FORMATS: Record<FormatVersion, FormatSpec> = {
  '2019': loadFormat('2019'),
  '2021': loadFormat('2021'),
};

export const SECTIONS: SectionSpec[] = formatJson.sections.map((s) => {
  const variants = (formatJson.headingVariants as Record<string, string[]>)[String(s.number)] ?? [];
  return {
    number: s.number as SectionSpec['number'],
    heading: s.heading,
    title: s.heading.replace(/^[一二三四五六]、/, ''),
    kind: s.kind as SectionKind,
    variants,
  };
});

/** Known variant wordings: official label → variants (format.json labelVariants). */
export const LABEL_VARIANTS: Record<string, string[]> = Object.fromEntries(
  Object.entries(formatJson.labelVariants)
    .filter(([, v]) => Array.isArray(v))
    .map(([k, v]) => [k, (v as string[]).map((x) => x.replace(/\s*\(OCR damage\)$/, ''))]),
);

/** The format that applies to a report year (2019 for 2019–2020, 2021 from 2021). */
export function formatForYear(year: number): FormatVersion {
  return year <= 2020 ? '2019' : '2021';
}
