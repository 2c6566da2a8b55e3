/**
 * Is this text an annual report? Decided from a bounded sample of the text (its head and a slice of
 * its middle), so the answer costs the same for a 5 MB file as for a page: plain substring searches
 * over at most SAMPLE_CHARS characters, no parsing. The editor uses it to switch `.txt` and untitled
 * documents to the report language, and the workspace check to choose the same files.
 *
 * Evidence, in three kinds:
 * - a title: one of the first non-blank lines (a title may wrap over two) names 政府信息公开 and a
 *   report (年度报告 / 工作报告 / 年报);
 * - section headings: the titles of the six sections (with or without their numerals, in the
 *   official or a known variant wording);
 * - table labels: wordings only the statistics tables use (第二十条第（一）项, 本年新收政府信息公开申请数量 …).
 * Section headings decide (two with a title or table labels, three alone); a title with one heading
 * needs two table labels; the tables alone (six of their wordings) are a report pasted without its
 * text. A letter, a notice or a manual that only mentions 政府信息公开 and a few table words is not.
 */

/** How much of the text is looked at: its first HEAD characters and MIDDLE characters from its middle. */
const HEAD = 12_000;
const MIDDLE = 8_000;
export const SAMPLE_CHARS = HEAD + MIDDLE;

/** Section titles (numerals left off, so 一、总体情况, （一）总体情况 and ## 总体情况 all count). */
const HEADINGS: string[][] = [
  ['总体情况', '总体概况', '基本情况'],
  ['主动公开政府信息情况', '主动公开情况'],
  ['收到和处理政府信息公开申请情况', '依申请公开政府信息情况', '依申请公开情况'],
  ['政府信息公开行政复议、行政诉讼情况', '行政复议、行政诉讼情况', '政府信息公开行政复议、诉讼情况'],
  ['存在的主要问题及改进情况', '存在的主要问题和改进情况', '存在问题及改进情况', '主要问题及改进'],
  ['其他需要报告的事项'],
];

/** Wordings of the statistics tables; each group counts once. */
const TABLE_LABELS: string[][] = [
  ['第二十条第（一）项', '第二十条第(一)项', '第二十条第（五）项', '第二十条第（六）项'],
  ['本年新收政府信息公开申请数量', '本年新收政府信息公开申请'],
  ['上年结转政府信息公开申请数量', '上年结转政府信息公开申请'],
  ['结转下年度继续办理'],
  ['申请人情况'],
  ['予以公开'],
  ['不予公开'],
  ['行政复议', '行政诉讼'],
  ['维持', '纠正'],
  ['尚未审结'],
];

const TITLE_SUBJECT = '政府信息公开';
const TITLE_REPORT = /年度报告|工作报告|年报|工作情况|年度工作|\d{4}\s*年度?\s*报告|^\s*\d{4}\s*年/;

/** The part of the text the decision looks at. */
export function sampleOf(text: string): string {
  if (text.length <= SAMPLE_CHARS) return text;
  const middle = Math.max(HEAD, Math.floor(text.length / 2) - MIDDLE / 2);
  return text.slice(0, HEAD) + '\n' + text.slice(middle, middle + MIDDLE);
}

/** Whether the first few non-blank lines (joined in pairs, for a wrapped title) name a disclosure report. */
function hasTitle(sample: string): boolean {
  const lines: string[] = [];
  let start = 0;
  while (lines.length < 4 && start < sample.length && start < 4000) {
    let end = sample.indexOf('\n', start);
    if (end < 0) end = sample.length;
    const line = sample.slice(start, end).trim();
    if (line) lines.push(line.length > 120 ? line.slice(0, 120) : line);
    start = end + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const one = lines[i];
    const two = i + 1 < lines.length ? one + lines[i + 1] : one;
    for (const candidate of [one, two]) {
      const at = candidate.indexOf(TITLE_SUBJECT);
      if (at >= 0 && TITLE_REPORT.test(candidate.slice(at + TITLE_SUBJECT.length))) return true;
      if (at >= 0 && /年度报告|工作报告/.test(candidate)) return true;
    }
  }
  return false;
}

function countGroups(sample: string, groups: string[][]): number {
  let n = 0;
  for (const group of groups) if (group.some((needle) => sample.includes(needle))) n++;
  return n;
}

export interface Detection {
  report: boolean;
  title: boolean;
  headings: number;
  tableLabels: number;
}

/** The evidence for `text` being a report (see the file comment). */
export function detectReport(text: string): Detection {
  const sample = sampleOf(text);
  const title = hasTitle(sample);
  const headings = countGroups(sample, HEADINGS);
  const tableLabels = countGroups(sample, TABLE_LABELS);
  const report =
    (headings >= 2 && (title || headings >= 3 || tableLabels >= 3)) || (title && headings >= 1 && tableLabels >= 2) || tableLabels >= 6;
  return { report, title, headings, tableLabels };
}

/** Whether `text` is an annual report (by its title, section headings or table labels). */
export function looksLikeReport(text: string): boolean {
  return detectReport(text).report;
}
