/**
 * Web pages as government CMSs and Word really write them (issues 9 and 12): one consistent report
 * (reportGen.ts article: the form's tables with their merged cells) written with the variants real
 * pages have — `<br>` inside cells, layout tables and CSS layouts around the tables, `<thead>`/`<th>`
 * and split `<tbody>`s, header rows repeated, merged blank cells, `<span style>`, full-width digits
 * and thousands separators, Word's "save as web page" markup — and in GBK, declared or not.
 */
import {
  article,
  browserFixtureValues,
  clipboardOf,
  consistentValues,
  escapeHtml,
  innerTextOf,
  seeded,
  textsOf,
  type Block,
  type BrowserFixture,
  type HCell,
  type HtmlOptions,
  type TableTexts,
} from './reportGen';
import type { FormatVersion } from '../../server/src/report/index';

export interface WebVariant {
  /** Long labels broken by `<br>` inside their one paragraph; number cells written `<td>5<br></td>`, blank ones `<td><br></td>`. */
  br?: boolean;
  /** Around the tables: a layout table around the whole article, each table in the one cell of another, a CSS grid, floated divs. */
  wrap?: 'layout' | 'cell' | 'grid' | 'float';
  /** The header rows in `<thead>`, the body rows in several `<tbody>` (a new one every few rows). */
  sections?: boolean;
  /** `<th>` for the header cells ('heads'), for the row labels of the body ('labels'), or for both. */
  th?: 'heads' | 'labels' | 'both';
  /** Table 三's header rows written again before its last row (as a table pasted from a paged document). */
  repeatHead?: boolean;
  /** Blank cells merged: one above another into a rowspan cell, side by side into a colspan cell. */
  mergeBlanks?: boolean;
  /** Numbers in full-width digits (１２), or with thousands separators (1,234). */
  digits?: 'fullwidth' | 'thousands';
  /** Every paragraph's text in a `<span style=…>`, as rich-text editors set fonts. */
  span?: boolean;
  /** The page as Word's "save as web page" writes it (mso- styles, `<o:p>`, conditional comments, `<td width=…>`). */
  word?: boolean;
}

/** The variants the tests go through, each on its own and some together. */
export const WEB_VARIANTS: Record<string, WebVariant> = {
  br: { br: true },
  layout: { wrap: 'layout' },
  cell: { wrap: 'cell' },
  grid: { wrap: 'grid' },
  float: { wrap: 'float', sections: true },
  sections: { sections: true, th: 'heads' },
  thLabels: { th: 'labels' },
  thBoth: { th: 'both', sections: true },
  repeatHead: { repeatHead: true },
  mergeBlanks: { mergeBlanks: true },
  fullwidth: { digits: 'fullwidth', span: true },
  thousands: { digits: 'thousands' },
  span: { span: true, br: true },
  word: { word: true },
  wordLayout: { word: true, wrap: 'layout', th: 'heads' },
  everything: { br: true, wrap: 'cell', sections: true, th: 'both', repeatHead: true, mergeBlanks: true, digits: 'thousands', span: true },
};

const FULL = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const THOUSANDS = (s: string) => (/^\d{4,}$/.test(s) ? Number(s).toLocaleString('en-US') : s);

/** A row of header cells: no value among them (table 二's zeros included), more than one cell. */
const isHeadRow = (r: HCell[]) => r.length > 1 && !r.some((c) => c.value || /^\d+$/.test(c.text));

/**
 * Merges blank value cells: vertical pairs (same column, next row, in the same `<tbody>`: a browser
 * does not carry a blank's rowspan into the next row group) into rowspan="2", then runs in a row
 * into colspan. `starts`: the rows that begin a row group.
 */
function mergeBlanks(rows: HCell[][], starts: Set<number>): HCell[][] {
  const out = rows.map((r) => [...r]);
  const blankAt = (r: HCell[], k: number) => r.find((c) => c.value && c.text === '' && c.at?.[2] === k && !c.attrs);
  for (let i = 0; i + 1 < out.length; i++) {
    if (starts.has(i + 1)) continue;
    const values = out[i].filter((c) => c.value).length;
    if (!values || out[i + 1].filter((c) => c.value).length !== values) continue;
    for (let k = 0; k < values; k++) {
      const up = blankAt(out[i], k);
      const down = blankAt(out[i + 1], k);
      if (!up || !down) continue;
      out[i][out[i].indexOf(up)] = { ...up, attrs: 'rowspan="2"' };
      out[i + 1] = out[i + 1].filter((c) => c !== down);
    }
  }
  return out.map((r) => {
    const row: HCell[] = [];
    for (const c of r) {
      const last = row[row.length - 1];
      const blank = c.value && c.text === '' && !c.attrs;
      const n = last?.attrs ? Number(/\d+/.exec(last.attrs)![0]) : 1;
      // (Only blanks side by side in the table: not two with a blank spanning down from above between them.)
      const next = last?.at && c.at && c.at[2] === last.at[2] + n;
      if (blank && next && last.value && last.text === '' && (!last.attrs || last.attrs.startsWith('colspan')))
        row[row.length - 1] = { ...last, attrs: `colspan="${n + 1}"` };
      else row.push(c);
    }
    return row;
  });
}

/**
 * A table's rows as the variant writes them (table 三's header repeated, blank cells merged), how
 * many header rows lead it, and where each `<tbody>` after them starts (sections: a group of
 * 4 + n % 3 rows each, n the table's number on the page; one group otherwise).
 */
function variantRows(rows0: HCell[][], v: WebVariant, n: number): { rows: HCell[][]; heads: number; groups: number[] } {
  let rows = rows0;
  let heads = 0;
  while (heads < rows.length && isHeadRow(rows[heads])) heads++;
  // Table 三 (its first header cell spans three rows): its header written again before the last row.
  if (v.repeatHead && rows[0]?.[0]?.attrs?.includes('rowspan="3"'))
    rows = [...rows.slice(0, -1), ...rows.slice(0, heads), rows[rows.length - 1]];
  const groups: number[] = [];
  if (v.sections) for (let i = heads; i < rows.length; i += 4 + (n % 3)) groups.push(i);
  // (Blanks merged in the rows as the page has them: a blank over the repeated header is not merged
  // with the one under it, nor one at a group's end with the next group's: no rowspan reaches them.)
  return { rows: v.mergeBlanks ? mergeBlanks(rows, new Set(groups)) : rows, heads, groups };
}

/** A number cell (a value, or table 二's zeros). */
const isNumberCell = (c: HCell) => !!c.value || /^\d+$/.test(c.text);

/** A cell's text as the variant writes it: numbers in its digits. */
function shownText(c: HCell, v: WebVariant): string {
  if (!isNumberCell(c)) return c.text;
  return v.digits === 'fullwidth' ? FULL(c.text) : v.digits === 'thousands' ? THOUSANDS(c.text) : c.text;
}

/** Where a long label is broken by `<br>` (br variant): after this many characters; 0 when it is not. */
function breakAt(c: HCell, v: WebVariant): number {
  return v.br && !isNumberCell(c) && c.text.length >= 8 && !c.vertical ? Math.ceil(c.text.length / 2) : 0;
}

/**
 * The page's article as the browser shows it, in the terms of the model of reportGen.ts (innerTextOf,
 * clipboardOf): the variant's rows, numbers in its digits, `<br>` in labels and after value cells,
 * Word's blank cells and paragraphs as `&nbsp;` ones. What else the variants write (layout tables, a
 * grid, floats, `<thead>`/`<th>`, `<span>`, Word's conditionals) leaves the same text as the plain page.
 */
export function webBlocks(format: FormatVersion, year: number, values: TableTexts, opts: HtmlOptions, v: WebVariant): Block[] {
  let n = 0;
  return article(format, year, values, opts).map((b, i): Block => {
    if ('p' in b) return b;
    // (The table's number as renderWebPage gives it: its place among the blocks in a grid.)
    const at = v.wrap === 'grid' ? i : n;
    n++;
    return {
      rows: variantRows(b.rows, v, at).rows.map((r) =>
        r.map((c): HCell => {
          if (c.text === '') return v.word ? { ...c, blank: 'nbsp' } : v.br && c.value ? { ...c, br: true } : c;
          const text = shownText(c, v);
          if (v.br && c.value) return { ...c, text, br: true };
          const k = breakAt(c, v);
          return { ...c, text: k ? `${text.slice(0, k)}\n${text.slice(k)}` : text };
        }),
      ),
    };
  });
}

/** What the browser gives for a variant page (innerText or Ctrl+C), by the model; a GB18030 BOM stays as U+FEFF. */
export function webBrowserText(
  format: FormatVersion,
  year: number,
  values: TableTexts,
  opts: HtmlOptions,
  v: WebVariant,
  how: 'innerText' | 'clipboard',
  charset?: GbkCharset,
  lost?: [3 | 4, string, number][],
): string {
  // (Chromium: a GB18030 BOM is kept as U+FEFF before the article; on the clipboard, a page that opens
  // with a layout table after white space between its tags (Word's markup) starts with a line break.)
  const lead = (charset === 'bom' ? '\ufeff' : '') + (how === 'clipboard' && v.word && v.wrap === 'layout' ? '\n' : '');
  const o: HtmlOptions = { ...opts, indent: undefined, lead };
  const blocks = webBlocks(format, year, values, o, v);
  return how === 'innerText' ? innerTextOf(blocks, o) : clipboardOf(blocks, o, lost);
}

const WORD_CELL = "valign=top style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt'";
const WORD_SPAN =
  'style=\'font-size:10.5pt;font-family:宋体;mso-ascii-font-family:"Times New Roman";mso-hansi-font-family:"Times New Roman"\'';
const SPAN = ' style="font-family:仿宋_GB2312;font-size:16px;color:#333333"';

/** A whole report as a web page in the variant (tables 三/四 with the given cell texts). */
export function renderWebPage(format: FormatVersion, year: number, values: TableTexts, opts: HtmlOptions, v: WebVariant): string {
  const blocks: Block[] = article(format, year, values, opts);
  /** A paragraph's inner HTML: its text, in a span as the page sets fonts. */
  const inline = (text: string, isNumber = false) => {
    const t = escapeHtml(text);
    if (v.word) return `<span ${isNumber ? "lang=EN-US style='font-size:10.5pt'" : WORD_SPAN}>${t}<o:p></o:p></span>`;
    return v.span ? `<span${SPAN}>${t}</span>` : t;
  };
  const para = (text: string, indent?: boolean) => {
    if (v.word) {
      if (text === '\u00a0')
        return '<p class=MsoNormal><span lang=EN-US><![if !supportEmptyParas]>&nbsp;<![endif]><o:p></o:p></span></p>\n';
      // Section headings as Word's numbered list: the number in a downlevel-revealed conditional.
      const m = /^([一二三四五六]、)(.+)$/.exec(text);
      if (m && indent)
        return (
          "<p class=MsoListParagraph style='margin-left:32.0pt;text-indent:-32.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]>" +
          `<span style='font-family:黑体;mso-bidi-font-family:黑体'><span style='mso-list:Ignore'>${m[1]}</span></span><![endif]>` +
          `<span style='font-family:黑体'>${escapeHtml(m[2])}<o:p></o:p></span></p>\n`
        );
      const style = indent ? " style='text-indent:32.0pt;mso-char-indent-count:2.0'" : " align=center style='text-align:center'";
      return `<p class=MsoNormal${style}>${inline(text)}</p>\n`;
    }
    return `<p${indent ? ' style="text-indent:2em"' : ''}>${inline(text)}</p>`;
  };
  const cellHtml = (c: HCell): string => {
    const isNum = isNumberCell(c);
    if (c.text === '') {
      if (v.word) return "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US><o:p>&nbsp;</o:p></span></p>";
      if (v.br && c.value) return '<br>';
      return c.blank === 'empty' ? '' : c.blank === 'space' ? '<p> </p>' : '<p>&nbsp;</p>';
    }
    const text = shownText(c, v);
    if (v.br && c.value) return `${escapeHtml(text)}<br>`;
    if (v.word && isNum)
      return `<p class=MsoNormal align=center style='text-align:center'><![if !supportMisc]>${inline(text, true)}<![endif]></p>`;
    const k = breakAt(c, v);
    if (k) {
      const broken = `${inline(text.slice(0, k))}<br>${inline(text.slice(k))}`;
      return v.word ? `<p class=MsoNormal>${broken}</p>` : `<p>${broken}</p>`;
    }
    if (c.vertical && opts.vertical)
      return [...text].map((ch) => (v.word ? `<p class=MsoNormal>${inline(ch)}</p>` : `<p>${inline(ch)}</p>`)).join('');
    return v.word ? `<p class=MsoNormal align=center style='text-align:center'>${inline(text, isNum)}</p>` : `<p>${inline(text)}</p>`;
  };
  const table = (rows0: HCell[][], n: number): string => {
    const { rows, heads, groups: starts } = variantRows(rows0, v, n);
    const tr = (r: HCell[], i: number, head: boolean) => {
      const cells = r.map((c) => {
        const th = head ? v.th === 'heads' || v.th === 'both' : !isNumberCell(c) && (v.th === 'labels' || v.th === 'both');
        const tag = th ? 'th' : 'td';
        const width = v.word ? ` width=${c.value ? 48 : 120}` : '';
        const attrs = c.attrs ? ' ' + (v.word ? c.attrs.replace(/"/g, '') : c.attrs) : '';
        return `<${tag}${width}${attrs}${v.word ? ' ' + WORD_CELL : ''}>${cellHtml(c)}</${tag}>`;
      });
      const style = v.word ? ` style='mso-yfti-irow:${i};height:20.0pt'` : '';
      return `<tr${style}>${cells.join('')}</tr>${v.word ? '\n' : ''}`;
    };
    const open = v.word
      ? "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184'>\n"
      : '<table border="1" cellspacing="0">';
    let body: string;
    if (v.sections) {
      const groups = starts.map(
        (i, k) =>
          '<tbody>' +
          rows
            .slice(i, starts[k + 1] ?? rows.length)
            .map((r, j) => tr(r, i + j, false))
            .join('') +
          '</tbody>',
      );
      body =
        (heads
          ? `<thead>${rows
              .slice(0, heads)
              .map((r, i) => tr(r, i, true))
              .join('')}</thead>`
          : '') + groups.join('');
    } else body = `<tbody>${rows.map((r, i) => tr(r, i, i < heads || (!!v.repeatHead && isHeadRow(r)))).join('')}</tbody>`;
    const t = `${open}${body}</table>`;
    if (v.wrap === 'cell') return `<table width="100%" border="0"><tr><td align="center">${t}</td></tr></table>`;
    if (v.wrap === 'float') return `<div style="float:left;width:100%;overflow-x:auto">${t}</div><div style="clear:both"></div>`;
    return v.word ? t + '\n' : `<div align="center">${t}</div>`;
  };
  let n = 0;
  const html = blocks.map((b) => ('p' in b ? para(b.p, b.indent) : table(b.rows, n++))).join('');
  const title = escapeHtml(`示例县示例镇人民政府${year}年政府信息公开工作年度报告`);
  let content =
    v.wrap === 'grid'
      ? `<div style="display:grid;grid-template-columns:1fr;row-gap:4px">${blocks.map((b, i) => `<div class="item-${i}">${'p' in b ? para(b.p, b.indent) : table(b.rows, i)}</div>`).join('')}</div>`
      : html;
  if (v.wrap === 'layout')
    content = `<table class="layout" width="960" border="0" cellpadding="0" cellspacing="0"><tr><td class="main">${content}</td></tr></table>`;
  if (v.word)
    return (
      '<html xmlns:v="urn:schemas-microsoft-com:vml"\nxmlns:o="urn:schemas-microsoft-com:office:office"\nxmlns:w="urn:schemas-microsoft-com:office:word"\nxmlns="http://www.w3.org/TR/REC-html40">\n\n' +
      '<head>\n<meta http-equiv=Content-Type content="text/html; charset=utf-8">\n<meta name=ProgId content=Word.Document>\n<meta name=Generator content="Microsoft Word 15">\n' +
      `<title>${title}</title>\n<!--[if gte mso 9]><xml>\n <o:DocumentProperties>\n  <o:Author>admin</o:Author>\n  <o:Pages>3</o:Pages>\n </o:DocumentProperties>\n</xml><![endif]-->\n` +
      '<style>\n<!--\n p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{mso-style-parent:"";margin:0cm;text-align:justify;font-size:10.5pt;font-family:"Times New Roman";}\n@page WordSection1\n\t{size:595.3pt 841.9pt;}\ndiv.WordSection1\n\t{page:WordSection1;}\n-->\n</style>\n</head>\n\n' +
      `<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\n\n<div class=WordSection1 style='layout-grid:15.6pt'>\n\n${content}\n</div>\n\n</body>\n\n</html>\n`
    );
  return `<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n<div class="article_content">${content}</div>\n</body>\n</html>\n`;
}

/** How a GBK page says what it is: a `<meta http-equiv>` naming gb2312, a GB18030 byte-order mark, or nothing (sniffed). */
export type GbkCharset = 'meta' | 'bom' | 'sniff';

let GBK_TABLE: Map<number, number> | null = null;

/** GBK (GB18030's two-byte part) for the characters of a generated page: the decoder's table turned round. */
function gbkTable(): Map<number, number> {
  if (GBK_TABLE) return GBK_TABLE;
  const table = new Map<number, number>();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++)
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const s = dec.decode(new Uint8Array([a, b]));
      if (s.length === 1 && s !== '\ufffd' && !table.has(s.charCodeAt(0))) table.set(s.charCodeAt(0), (a << 8) | b);
    }
  return (GBK_TABLE = table);
}

/** A page written in GBK (every character of it must be in GBK), with its charset said the given way. */
export function gbkPage(html: string, how: GbkCharset): Uint8Array {
  const page =
    how === 'meta'
      ? html.replace(
          /<meta charset="utf-8">|<meta http-equiv=Content-Type content="text\/html; charset=utf-8">/,
          '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        )
      : html.replace(/<meta charset="utf-8">\n|<meta http-equiv=Content-Type content="text\/html; charset=utf-8">\n/, '');
  const table = gbkTable();
  const out: number[] = how === 'bom' ? [0x84, 0x31, 0x95, 0x33] : [];
  for (const ch of page) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const g = table.get(c);
      if (g === undefined) throw new Error(`not in GBK: ${ch} U+${c.toString(16)}`);
      out.push(g >> 8, g & 0xff);
    }
  }
  return new Uint8Array(out);
}

/** The variant pages made into browser fixtures (test/fixtures/browser/web-*): values rebuilt from the seed, some cells blank. */
export interface WebFixture extends Omit<BrowserFixture, 'opts'> {
  opts: HtmlOptions;
  variant: WebVariant;
  /** Served as GBK, its charset said this way (the saved page is the same GBK bytes). */
  charset?: GbkCharset;
}

const BASE: HtmlOptions = { blank: 'nbsp', vertical: false, groupRows: false, splitTitle: false };

export const WEB_FIXTURES: WebFixture[] = [
  { name: 'web-2021-br', format: '2021', year: 2022, seed: 31, blanks: 8, allBlankRow: 'd2', opts: BASE, variant: WEB_VARIANTS.br },
  {
    name: 'web-2019-layout',
    format: '2019',
    year: 2020,
    seed: 32,
    blanks: 6,
    opts: { ...BASE, vertical: true },
    variant: WEB_VARIANTS.layout,
  },
  {
    name: 'web-2021-cell',
    format: '2021',
    year: 2023,
    seed: 33,
    blanks: 7,
    opts: { ...BASE, groupRows: true },
    variant: WEB_VARIANTS.cell,
  },
  { name: 'web-2021-grid', format: '2021', year: 2024, seed: 34, blanks: 6, opts: { ...BASE, blank: 'space' }, variant: WEB_VARIANTS.grid },
  { name: 'web-2019-float', format: '2019', year: 2020, seed: 35, blanks: 6, opts: BASE, variant: WEB_VARIANTS.float },
  {
    name: 'web-2021-sections',
    format: '2021',
    year: 2022,
    seed: 36,
    blanks: 6,
    opts: { ...BASE, vertical: true },
    variant: WEB_VARIANTS.sections,
  },
  {
    name: 'web-2021-thboth',
    format: '2021',
    year: 2023,
    seed: 37,
    blanks: 6,
    opts: { ...BASE, groupRows: true },
    variant: WEB_VARIANTS.thBoth,
  },
  { name: 'web-2019-repeathead', format: '2019', year: 2020, seed: 38, blanks: 5, opts: BASE, variant: WEB_VARIANTS.repeatHead },
  {
    name: 'web-2021-merged',
    format: '2021',
    year: 2024,
    seed: 39,
    blanks: 14,
    allBlankRow: 'u2',
    opts: BASE,
    variant: WEB_VARIANTS.mergeBlanks,
  },
  { name: 'web-2021-fullwidth', format: '2021', year: 2022, seed: 40, blanks: 5, opts: BASE, variant: WEB_VARIANTS.fullwidth },
  {
    name: 'web-2019-thousands',
    format: '2019',
    year: 2020,
    seed: 41,
    blanks: 5,
    opts: { ...BASE, labelled4: true },
    variant: WEB_VARIANTS.thousands,
  },
  { name: 'web-2021-word', format: '2021', year: 2023, seed: 42, blanks: 6, opts: { ...BASE, vertical: true }, variant: WEB_VARIANTS.word },
  { name: 'web-2021-gbk-meta', format: '2021', year: 2022, seed: 43, blanks: 5, opts: BASE, variant: {}, charset: 'meta' },
  { name: 'web-2019-gbk-bom', format: '2019', year: 2020, seed: 44, blanks: 5, opts: BASE, variant: WEB_VARIANTS.span, charset: 'bom' },
  { name: 'web-2021-gbk-sniff', format: '2021', year: 2024, seed: 45, blanks: 5, opts: BASE, variant: WEB_VARIANTS.word, charset: 'sniff' },
];

/** A fixture's page as saved: UTF-8, or GBK bytes. */
export function webFixturePage(f: WebFixture): Uint8Array {
  const html = renderWebPage(f.format, f.year, browserFixtureValues(f as BrowserFixture), f.opts, f.variant);
  return f.charset ? gbkPage(html, f.charset) : new TextEncoder().encode(html);
}

/** A variant page picked from a seed: the report, its page options, its variant and charset, some cells blank. */
export interface WebCase {
  format: FormatVersion;
  year: number;
  values: TableTexts;
  opts: HtmlOptions;
  variant: string;
  charset?: GbkCharset;
  /** The cells left blank (table, row key, column). */
  blanks: [3 | 4, string, number][];
}

/**
 * A random variant page from a seed: any variant, page options and charset; no blank cell, a few,
 * or many (up to half of tables 三 and 四), now and then a whole row of table 三 blank; values up to
 * 3000 (totals with thousands separators).
 */
export function randomWebCase(seed: number, variant?: string): WebCase {
  const rand = seeded(seed);
  const names = Object.keys(WEB_VARIANTS);
  const name = variant ?? names[rand(names.length - 1)];
  const format: FormatVersion = rand(1) ? '2021' : '2019';
  const values = textsOf(consistentValues(format, rand, 3000));
  const opts: HtmlOptions = {
    blank: (['space', 'nbsp', 'empty', 'mixed'] as const)[rand(3)],
    vertical: rand(1) === 0,
    groupRows: rand(1) === 0,
    splitTitle: rand(1) === 0,
    labelled4: rand(1) === 0,
  };
  const cells: [3 | 4, string, number][] = [];
  for (const [n, t] of [
    [3, values.t3],
    [4, values.t4],
  ] as const)
    for (const [k, xs] of Object.entries(t)) xs.forEach((_, i) => cells.push([n, k, i]));
  const how = rand(3);
  const count = how === 0 ? 0 : how === 3 ? rand(cells.length >> 1) : 1 + rand(8);
  const blanks: [3 | 4, string, number][] = [];
  const blank = ([n, k, i]: [3 | 4, string, number]) => {
    const t = n === 3 ? values.t3 : values.t4;
    if (t[k][i] === '') return;
    t[k][i] = '';
    blanks.push([n, k, i]);
  };
  for (let j = 0; j < count; j++) blank(cells[rand(cells.length - 1)]);
  if (how > 0 && rand(3) === 0) {
    const keys = Object.keys(values.t3);
    const key = keys[rand(keys.length - 1)];
    values.t3[key].forEach((_, i) => blank([3, key, i]));
  }
  const charset = rand(7) === 0 ? (['meta', 'bom', 'sniff'] as const)[rand(2)] : undefined;
  return { format, year: format === '2019' ? 2020 : 2022 + rand(2), values, opts, variant: name, charset, blanks };
}

/** A case's page as saved (UTF-8, or GBK bytes). */
export function webCasePage(c: WebCase): Uint8Array {
  const html = renderWebPage(c.format, c.year, c.values, c.opts, WEB_VARIANTS[c.variant]);
  return c.charset ? gbkPage(html, c.charset) : new TextEncoder().encode(html);
}

/** What the browser gives for a case's page, by the model. */
export function webCaseText(c: WebCase, how: 'innerText' | 'clipboard', lost?: [3 | 4, string, number][]): string {
  return webBrowserText(c.format, c.year, c.values, c.opts, WEB_VARIANTS[c.variant], how, c.charset, lost);
}
