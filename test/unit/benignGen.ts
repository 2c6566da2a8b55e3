/**
 * Benign variations: the ways clerks write and paste a complete, consistent report that change
 * nothing it says. Each applies to a report of any layout family (reportGen.ts renderFamily) and
 * respects the family's separators: in PDF text two spaces (pdfRaw: one) separate columns, in web
 * copies and pdftotext's reading order empty lines separate cells, so a variation only adds what
 * cannot be taken for a separator there.
 *
 * A variation changes the cells' texts before the report is rendered (`cells`: thousands separators,
 * full-width digits), or the rendered text (`text`: unit lines, remarks, page furniture, titles,
 * headings, line ends, spaces, Markdown quirks, the narrative restating the figures).
 */
import { SECTIONS, type FormatVersion } from '../../server/src/report/index';
import type { Family, Rand, TableTexts } from './reportGen';

export interface BenignContext {
  family: Family;
  format: FormatVersion;
  year: number;
  /** The values written (numbers: what the tables hold). */
  values: TableTexts;
  rand: Rand;
}

export interface Benign {
  name: string;
  /** Families where it still gives a false alarm or a misread (the property test keeps them as todo). */
  todo?: readonly Family[];
  /** The families it applies to (all when left out). */
  families?: readonly Family[];
  /** Values of tables 三/四 of at least 1000 (consistentValues' max). */
  large?: boolean;
  /** The cells' texts as written (from the values' numbers). */
  cells?: (v: TableTexts, c: BenignContext) => TableTexts;
  /** The rendered report's text changed. */
  text?: (text: string, c: BenignContext) => string;
}

export const PDF_FAMILIES: readonly Family[] = ['pdf', 'pdfRaw', 'pdfOrder'];
/** Families where an empty line is a separator (web copies, pdftotext's reading order). */
export const PARAGRAPH_FAMILIES: readonly Family[] = ['innerText', 'clipboard', 'indented', 'pdfOrder'];
/** Families whose tables are `|` rows. */
export const PIPE_FAMILIES: readonly Family[] = ['pipes', 'captions', 'converter'];

const mapCells = (v: TableTexts, f: (cell: string, key: string, i: number) => string): TableTexts => {
  const m = (t: Record<string, string[]>) => Object.fromEntries(Object.entries(t).map(([k, xs]) => [k, xs.map((x, i) => f(x, k, i))]));
  return { t3: m(v.t3), t4: m(v.t4) };
};

/** The index of the line holding section n's heading (alone but for marks and indents), -1 when none. */
export function headingLine(lines: string[], n: number): number {
  const h = SECTIONS[n - 1].heading;
  return lines.findIndex((l) => l.includes(h) && /^[\s#\u3000\u00a0\u2003]*$/.test(l.replace(h, '')));
}

/** The index of the title's line (-1 when the title is split or missing). */
export function titleLine(lines: string[]): number {
  return lines.findIndex((l) => /\d{4}年政府信息公开工作年度报告$/.test(l.trim()));
}

/** Lines inserted before line i, with empty lines around them where a family's paragraphs need them. */
function insertAt(lines: string[], i: number, add: string[], c: BenignContext): string[] {
  const out = lines.slice();
  const para = PARAGRAPH_FAMILIES.includes(c.family) || c.family === 'pipes' || c.family === 'captions' || c.family === 'converter';
  out.splice(i, 0, ...(para ? add.flatMap((a) => [a, '']) : add));
  return out;
}

const byLines = (f: (lines: string[], c: BenignContext) => string[]) => (text: string, c: BenignContext) =>
  f(text.split('\n'), c).join('\n');

const sep = (s: string) => (cell: string) => (/^\d{4,}$/.test(cell) ? cell.replace(/\B(?=(\d{3})+$)/g, s) : cell);

/**
 * Thousands separators: in the cells' texts, or (PDF text, whose generator places a row's cells by
 * their being numbers) in the rendered text's numbers of four digits and more standing alone.
 */
const thousands = (s: string): Pick<Benign, 'cells' | 'text'> => ({
  cells: (v, c) => (PDF_FAMILIES.includes(c.family) ? v : mapCells(v, sep(s))),
  text: (t, c) => (PDF_FAMILIES.includes(c.family) ? t.replace(/(?<=^|\s)\d{4,}(?=\s|$)/gm, sep(s)) : t),
});

const FULL = '０１２３４５６７８９';

/** Section 二..四 heading lines (for things set right below or above a table). */
const before = (n: number, add: (c: BenignContext) => string[]) =>
  byLines((lines, c) => {
    const i = headingLine(lines, n);
    return i < 0 ? lines : insertAt(lines, i, add(c), c);
  });
const under = (n: number, add: (c: BenignContext) => string[]) =>
  byLines((lines, c) => {
    const i = headingLine(lines, n);
    return i < 0 ? lines : insertAt(lines, i + 1 + (lines[i + 1] === '' ? 1 : 0), add(c), c);
  });

/** The heading of section n rewritten (its text after the numeral). */
const heading = (f: (numeral: string, rest: string, c: BenignContext) => string) =>
  byLines((lines, c) => {
    for (let n = 1; n <= 6; n++) {
      const i = headingLine(lines, n);
      if (i < 0) continue;
      const h = SECTIONS[n - 1].heading;
      lines[i] = lines[i].replace(h, f(h.slice(0, 1), h.slice(2), c));
    }
    return lines;
  });

/** The narrative's generated sentence (every family writes one under each narrative section). */
const NARRATIVE = /(\d{4})年，本机关依法做好政府信息公开工作，共收到申请若干件，均已按时答复。/;

const total = (v: TableTexts, key: string) => Number(v.t3[key]?.[6] ?? 0);
const t4total = (v: TableTexts) => Object.values(v.t4).map((r) => Number(r[4]));

export const BENIGN: Benign[] = [
  // 1. Thousands separators in numbers of 1000 and more.
  { name: 'thousands separator 1,209', large: true, ...thousands(',') },
  { name: 'thousands separator 1，209 (full-width comma)', large: true, ...thousands('，') },
  { name: 'full-width digits', cells: (v) => mapCells(v, (x) => x.replace(/\d/g, (d) => FULL[Number(d)])) },

  // 2. The fee amount of table 二 (2021: 本年收费金额 in 万元, 0 to 6 decimals).
  ...['0.00', '0.0000', '0.5', '12.3456'].map((amount): Benign => ({
    name: `fee amount ${amount}`,
    text: (text, c) => {
      if (c.format !== '2021') return text;
      const i = text.indexOf('行政事业性收费');
      const m = /(^|[\s|])0(?=$|[\s|])/m.exec(text.slice(i + 7));
      if (i < 0 || !m) return text;
      const at = i + 7 + m.index + m[1].length;
      return text.slice(0, at) + amount + text.slice(at + 1);
    },
  })),

  // 3. Unit lines, remarks, a source line around the tables.
  {
    name: 'unit line 单位：件 above tables 三 and 四',
    text: (t, c) => under(3, () => ['单位：件'])(under(4, () => ['单位：件'])(t, c), c),
  },
  { name: 'unit line （单位：件） above table 三', text: under(3, () => ['（单位：件）']) },
  { name: 'unit line 金额单位：万元 above table 二', text: under(2, () => ['金额单位：万元']) },
  { name: 'remark 注：… after table 三', text: before(4, () => ['注：本表数据统计期限为本年度1月1日至12月31日。']) },
  { name: 'remark 备注：… after table 四', text: before(5, () => ['备注：无。']) },
  { name: 'remark 说明：… after table 二', text: before(3, () => ['说明：表中“本年收费金额”单位为万元。']) },
  { name: 'source line after table 四', text: before(5, (c) => [`数据来源：示例县示例镇人民政府办公室（截至${c.year}年12月31日）`]) },

  // 4. Page furniture in PDF text: a page's footer and the next page's running header.
  ...[
    ['第 3 页 共 8 页', '示例县示例镇人民政府'],
    ['- 3 -', '示例县人民政府门户网站'],
    ['— 3 —', ''],
    ['3', ''],
    ['第3页', '2023-01-20'],
  ].map(([foot, head]): Benign => ({
    name: `page break in the narrative: ${foot}${head ? ` / ${head}` : ''}`,
    families: PDF_FAMILIES,
    text: before(5, () => [foot, ...(head ? [head] : [])]),
  })),
  ...[
    ['第 4 页 共 8 页', '示例县示例镇人民政府'],
    ['- 4 -', '示例县人民政府门户网站'],
    ['— 4 —', ''],
  ].map(([foot, head]): Benign => ({
    name: `page break inside table 三: ${foot}${head ? ` / ${head}` : ''}`,
    families: PDF_FAMILIES,
    text: (text, c) => text.replace(/^(-\d-|- \d -)$/m, head ? `${foot}${c.family === 'pdfOrder' ? '\n\n' : '\n'}${head}` : foot),
  })),

  // 5. Title variants.
  { name: 'title with 年度', text: (t) => t.replace(/(\d{4})年(\s*)政府信息公开工作年度报告/, '$1年度$2政府信息公开工作年度报告') },
  {
    name: 'title over two lines',
    text: byLines((lines) => {
      const i = titleLine(lines);
      if (i >= 0) lines.splice(i, 1, ...lines[i].replace(/(\d{4}年)/, '\n$1').split('\n'));
      return lines;
    }),
  },
  {
    name: 'title over three lines',
    text: byLines((lines) => {
      const i = titleLine(lines);
      if (i >= 0)
        lines.splice(
          i,
          1,
          ...lines[i]
            .replace(/(\d{4}年)/, '\n$1')
            .replace('工作年度', '工作\n年度')
            .split('\n'),
        );
      return lines;
    }),
  },
  {
    name: 'title in 【】',
    text: byLines((lines) => {
      const i = titleLine(lines);
      if (i >= 0) lines[i] = lines[i].replace(/^([\s#]*)(.*?)\s*$/, '$1【$2】');
      return lines;
    }),
  },
  {
    name: 'a date line under the title',
    text: byLines((lines, c) => {
      const i = titleLine(lines);
      return i < 0 ? lines : insertAt(lines, i + 1, [`（${c.year + 1}年1月20日）`], c);
    }),
  },
  {
    name: "a web page's metadata before the title",
    text: byLines((lines, c) => {
      const i = titleLine(lines);
      const meta = [
        `索引号：11320000MB1234567X/${c.year + 1}-00012`,
        '发布机构：示例县示例镇人民政府',
        `发布日期：${c.year + 1}-01-20`,
        '主题分类：政务公开',
        `文号：`,
      ];
      return i < 0 ? lines : insertAt(lines, i, meta, c);
    }),
  },
  {
    name: "a web page's metadata after the title",
    text: byLines((lines, c) => {
      const i = titleLine(lines);
      return i < 0 ? lines : insertAt(lines, i + 1, [`发布时间：${c.year + 1}-01-20 09:30  来源：示例县示例镇人民政府  浏览次数：128`], c);
    }),
  },

  // 6. Heading punctuation and spacing.
  { name: 'heading ending in ：', text: heading((n, rest) => `${n}、${rest}：`) },
  { name: 'heading ending in 。', text: heading((n, rest) => `${n}、${rest}。`) },
  { name: 'heading with a space after 、', text: heading((n, rest) => `${n}、 ${rest}`) },
  { name: 'heading with a space before 、', text: heading((n, rest) => `${n} 、${rest}`) },
  { name: 'heading with an ideographic space after 、', text: heading((n, rest) => `${n}、\u3000${rest}`) },
  { name: 'heading numbered 一．', text: heading((n, rest) => `${n}．${rest}`) },
  {
    name: 'heading followed by its text on the same line',
    text: byLines((lines) => {
      for (const n of [1, 5, 6]) {
        const i = headingLine(lines, n);
        const j = lines.findIndex((l, k) => k > i && NARRATIVE.test(l));
        if (i < 0 || j < 0 || lines.slice(i + 1, j).some((l) => l.trim() !== '')) continue;
        lines[i] = `${lines[i].trimEnd()}${n === 1 ? '' : '。'}${lines[j].trim()}`;
        lines.splice(i + 1, j - i);
      }
      return lines;
    }),
  },

  // 7. Line ends and empty lines.
  {
    name: 'an empty line after every line (Word paste)',
    families: ['pipes', 'captions', 'converter', 'pdf', 'pdfRaw'],
    text: (t) => t.replace(/\n/g, '\n\n'),
  },
  { name: 'CR line ends', text: (t) => t.replace(/\n/g, '\r') },
  { name: 'CRLF line ends', text: (t) => t.replace(/\n/g, '\r\n') },
  { name: 'mixed CRLF and LF', text: (t, c) => t.replace(/\n/g, () => (c.rand(1) ? '\r\n' : '\n')) },
  { name: 'trailing spaces on lines', families: ['pipes', 'captions', 'converter', 'pdf', 'pdfRaw'], text: (t) => t.replace(/\n/g, ' \n') },

  // 8. Other spaces and invisible characters.
  {
    name: 'no-break spaces in headings and before the narrative',
    text: (t, c) => heading((n, rest) => `${n}、\u00a0${rest}`)(t, c).replace(/^(\s*)(\d{4}年，)/gm, '$1\u00a0\u00a0$2'),
  },
  { name: 'ideographic space indent of narrative lines', text: (t) => t.replace(/^(\s*)(\d{4}年，)/gm, '$1\u3000\u3000$2') },
  {
    name: 'no-break spaces as pipe cell padding',
    families: PIPE_FAMILIES,
    text: (t) => t.replace(/^\|.*\|$/gm, (l) => l.replace(/ (?=\|)/g, '\u00a0')),
  },
  { name: 'zero-width spaces in labels', text: (t) => t.replace(/(不予公开|总计|结转)/g, (m) => m[0] + '\u200b' + m.slice(1)) },
  {
    name: 'zero-width space at line starts',
    text: (t, c) => t.replace(/^(?=\S)/gm, () => (c.rand(3) === 0 ? '\u200b' : '')),
  },
  { name: 'a BOM in mid-text (two pastes)', text: (t) => t.replace(/\n([\s#]*二、主动公开)/, '\n\ufeff$1') },
  { name: 'soft hyphens in labels', text: (t) => t.replace(/(政府信息公开申请数量)/g, '政府信息\u00ad公开申请数量') },
  {
    name: 'full-width pipes ｜',
    families: PIPE_FAMILIES,
    text: (t) => t.replace(/^\|.*\|$/gm, (l) => l.replace(/\|/g, '｜')),
  },
  {
    name: 'box-drawing │ separators',
    families: PIPE_FAMILIES,
    text: (t) => t.replace(/^\|.*\|$/gm, (l) => l.replace(/\|/g, '│')),
  },
  {
    name: 'a table drawn with box-drawing lines (┃ bars, ┏━┳━┓ ┣━╋━┫ ┗━┻━┛ rules)',
    families: PIPE_FAMILIES,
    text: byLines((lines) => {
      const row = (l: string) => /^\|.*\|$/.test(l);
      const bars = (l: string) => l.replace(/\|/g, '┃');
      const rule = (l: string, [a, b, c]: string) => a + l.slice(1, -1).replace(/[^|]/g, '━').replace(/\|/g, b) + c;
      const out: string[] = [];
      lines.forEach((l, i) => {
        if (!row(l)) return out.push(l);
        if (!row(lines[i - 1] ?? '')) out.push(rule(l, '┏┳┓'));
        out.push(bars(l));
        out.push(rule(l, row(lines[i + 1] ?? '') ? '┣╋┫' : '┗┻┛'));
      });
      return out;
    }),
  },

  // 9. Markdown converters' quirks.
  {
    name: 'a trailing empty cell on every row',
    families: PIPE_FAMILIES,
    text: (t) => t.replace(/^\|.*\|$/gm, (l) => (/^\|[\s|:-]+\|$/.test(l) ? `${l}---|` : `${l}  |`)),
  },
  {
    name: 'header rule with alignment colons after each table head',
    families: ['pipes', 'captions'],
    text: byLines((lines) => {
      const out: string[] = [];
      let prev = false;
      for (const l of lines) {
        const pipe = /^\|.*\|$/.test(l);
        out.push(l);
        if (pipe && !prev)
          out.push(
            '|' +
              l
                .slice(1, -1)
                .split('|')
                .map((_, k) => (k === 0 ? ':---' : ':---:'))
                .join('|') +
              '|',
          );
        prev = pipe;
      }
      return out;
    }),
  },
  {
    name: '**bold** labels',
    families: PIPE_FAMILIES,
    text: (t) =>
      t.replace(/^\| ?(（[一二三四五六七]）[^|]*?|[一二三四]、[^|]*?)( *)\|/gm, (_, label: string, pad: string) => `| **${label}**${pad}|`),
  },
  {
    name: '<br> inside a long label',
    families: PIPE_FAMILIES,
    text: (t) =>
      t.replace(/（二）部分公开（区分处理的/g, '（二）部分公开<br>（区分处理的').replace(/(1\.申请人无正当理由逾期不补正)、/g, '$1、<br/>'),
  },

  // 10. The narrative restating the figures, in the report's own words.
  {
    name: 'the narrative restating the figures',
    text: (t, c) => {
      const v = c.values;
      const news = total(v, 'new');
      const carry = total(v, 'carry');
      const done = total(v, 'total');
      const fwd = total(v, 'forward');
      const granted = total(v, 'granted');
      const pct = (x: number) => (done ? ((x * 100) / done).toFixed(1) : '0');
      const [review, direct, post] = t4total(v);
      const s =
        `${c.year}年，本机关共收到政府信息公开申请${news}件，上年结转${carry}件，` +
        `办结${done}件，其中予以公开${granted}件，占${pct(granted)}%；结转下年度继续办理${fwd}件。` +
        `全年发生政府信息公开行政复议${review}件、行政诉讼${direct + post}件。`;
      return t.replace(NARRATIVE, s);
    },
  },
  {
    name: 'the narrative restating the figures with thousands separators',
    large: true,
    text: (t, c) => {
      const n = (x: number) => x.toLocaleString('en-US');
      const s = `${c.year}年，共收到政府信息公开申请${n(total(c.values, 'new'))}件，办结${n(total(c.values, 'total'))}件。`;
      return t.replace(NARRATIVE, s);
    },
  },
  {
    name: 'the narrative with year-on-year changes',
    text: (t, c) => t.replace(NARRATIVE, `${c.year}年，本机关主动公开政府信息1,286条，同比增长12.5%；收到申请数量同比下降3.2%。`),
  },
];

/**
 * Thousands separated by a space (1 209): no benign variation but a deviation, a space between digits
 * being as often OCR's damage (1 0 for 10): each such cell is reported as invalid where it stands.
 */
export const SPACED_THOUSANDS: Benign = { name: 'thousands separator 1 209 (a space)', large: true, ...thousands(' ') };

/** The family's formats and years: 2019 tables in a 2020 report, 2021 tables in a 2022 one. */
export const YEARS: Record<FormatVersion, number> = { '2019': 2020, '2021': 2022 };

/** Every variation that applies to a family. */
export const benignFor = (family: Family) => BENIGN.filter((b) => !b.families || b.families.includes(family));
