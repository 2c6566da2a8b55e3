/**
 * Word's automatic numbering: the numbers Word draws before a numbered paragraph (一、 （一） 1.)
 * are not in its text but made from word/numbering.xml — the paragraph names a list (`w:numId`) and a
 * level (`w:ilvl`) in its own properties or through its style (word/styles.xml) — so a reader of the
 * text alone loses them, and a heading 一、总体情况 or a label （一）予以公开 numbered by Word reads as
 * 总体情况 or 予以公开. This gives each numbered paragraph the number Word shows: counted per list
 * (a list that restarts its numbers, `w:startOverride`, counts on its own; lists that share one
 * definition without restarting continue one another, as Word does), a level's count restarting
 * when a level above it moves on, its text from `w:lvlText` (%1…%9 the counts of the levels, each in
 * its level's `w:numFmt`).
 */

/** One level of a list definition. */
interface Level {
  start: number;
  format: string;
  text: string;
  /** What follows the number: a tab (Word's default), a space or nothing. */
  suffix: 'tab' | 'space' | 'nothing';
  /** The counts of the levels above shown as decimal numbers (w:isLgl). */
  legal: boolean;
  /** The style this level belongs to (w:pStyle), if any. */
  style: string | null;
}

/** A list (w:num): its definition's levels, overridden where it says so, and the key its counts go by. */
interface List {
  levels: Level[];
  counter: string;
  /** Levels whose start this list restarts at (w:startOverride). */
  starts: Map<number, number>;
}

/** What styles.xml says of numbering: a style's list and level, and the style it is based on. */
interface StyleNumbering {
  numId: string | null;
  ilvl: number | null;
  basedOn: string | null;
}

const attr = (tag: string, name: string): string | null => {
  const m = new RegExp(`\\bw:${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : null;
};

/** The elements `<w:NAME …>…</w:NAME>` (or self-closed) in `xml`, each as its opening tag and its body. */
function elements(xml: string, name: string): { tag: string; body: string }[] {
  const out: { tag: string; body: string }[] = [];
  const open = new RegExp(`<w:${name}(?=[\\s>/])[^>]*>`, 'g');
  const close = `</w:${name}>`;
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    const tag = m[0];
    if (tag.endsWith('/>')) {
      out.push({ tag, body: '' });
      continue;
    }
    const end = xml.indexOf(close, open.lastIndex);
    const body = end < 0 ? xml.slice(open.lastIndex) : xml.slice(open.lastIndex, end);
    out.push({ tag, body });
    if (end >= 0) open.lastIndex = end + close.length;
  }
  return out;
}

/** The value of the first `<w:NAME w:val="…"/>` in `xml`. */
function val(xml: string, name: string): string | null {
  const m = new RegExp(`<w:${name}(?=[\\s>/])[^>]*>`).exec(xml);
  return m ? attr(m[0], 'val') : null;
}

function levelOf(body: string, base?: Level): Level {
  const start = val(body, 'start');
  const suffix = val(body, 'suff');
  const legal = /<w:isLgl(?=[\s>/])[^>]*>/.exec(body);
  return {
    start: start !== null ? Number(start) || 0 : (base?.start ?? 1),
    format: val(body, 'numFmt') ?? base?.format ?? 'decimal',
    text: val(body, 'lvlText') ?? base?.text ?? '',
    suffix: suffix === 'space' || suffix === 'nothing' ? suffix : suffix === 'tab' ? 'tab' : (base?.suffix ?? 'tab'),
    legal: legal ? attr(legal[0], 'val') !== 'false' && attr(legal[0], 'val') !== '0' : (base?.legal ?? false),
    style: val(body, 'pStyle') ?? base?.style ?? null,
  };
}

const CHINESE_DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五 (Word's chineseCounting). */
function chineseCounting(n: number): string {
  if (n <= 0) return String(n);
  if (n >= 10000) return String(n);
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i];
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    // (十一, not 一十一: a leading 一 before 十 is left out.)
    out += (d === 1 && unit === '十' && out === '' ? '' : CHINESE_DIGITS[d]) + unit;
  });
  return out;
}

const letters = (n: number, a: number) => {
  if (n <= 0) return String(n);
  const k = (n - 1) % 26;
  return String.fromCharCode(a + k).repeat(Math.floor((n - 1) / 26) + 1);
};

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  let left = n;
  for (const [v, s] of table)
    while (left >= v) {
      out += s;
      left -= v;
    }
  return out;
}

const enclosed = (n: number, first: number, last: number) => (n >= 1 && n <= last ? String.fromCodePoint(first + n - 1) : String(n));

/** The count `n` written in the numbering format `format` (ST_NumberFormat); an unknown format as decimal. */
export function formatCount(n: number, format: string): string {
  switch (format) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    case 'decimalHalfWidth':
      return String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return enclosed(n, 0x2460, 20);
    case 'decimalEnclosedParen':
      return enclosed(n, 0x2474, 20);
    case 'decimalEnclosedFullstop':
      return enclosed(n, 0x2488, 20);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseCounting(n);
    case 'ideographDigital':
    case 'japaneseDigitalTenThousand':
    case 'taiwaneseDigital':
      return String(n).replace(/\d/g, (d) => CHINESE_DIGITS[Number(d)]);
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? '甲乙丙丁戊己庚辛壬癸'[n - 1] : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? '子丑寅卯辰巳午未申酉戌亥'[n - 1] : String(n);
    case 'ideographEnclosedCircle':
      return enclosed(n, 0x3220, 10);
    case 'upperLetter':
      return letters(n, 65);
    case 'lowerLetter':
      return letters(n, 97);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** The numbers of one document's numbered paragraphs, given in document order. */
export class Numbering {
  private readonly lists = new Map<string, List>();
  private readonly styles = new Map<string, StyleNumbering>();
  /** The counts of each list's levels (by List.counter), the last level numbered. */
  private readonly counts = new Map<string, number[]>();

  /** From word/numbering.xml and word/styles.xml (either may be absent: then nothing is numbered). */
  constructor(numberingXml: string | null, stylesXml: string | null) {
    const abstract = new Map<string, Level[]>();
    for (const a of elements(numberingXml ?? '', 'abstractNum')) {
      const id = attr(a.tag, 'abstractNumId');
      if (id === null) continue;
      const levels: Level[] = [];
      for (const l of elements(a.body, 'lvl')) {
        const ilvl = Number(attr(l.tag, 'ilvl') ?? 0);
        if (ilvl >= 0 && ilvl < 9) levels[ilvl] = levelOf(l.body);
      }
      abstract.set(id, levels);
    }
    for (const n of elements(numberingXml ?? '', 'num')) {
      const numId = attr(n.tag, 'numId');
      const abstractId = val(n.body, 'abstractNumId');
      if (numId === null || abstractId === null) continue;
      const levels = [...(abstract.get(abstractId) ?? [])];
      const starts = new Map<number, number>();
      for (const o of elements(n.body, 'lvlOverride')) {
        const ilvl = Number(attr(o.tag, 'ilvl') ?? 0);
        if (!(ilvl >= 0 && ilvl < 9)) continue;
        const start = val(o.body, 'startOverride');
        if (start !== null) starts.set(ilvl, Number(start) || 0);
        const own = elements(o.body, 'lvl')[0];
        if (own) levels[ilvl] = levelOf(own.body, levels[ilvl]);
      }
      // (A list that restarts a level counts on its own; otherwise it goes on from its definition's other lists.)
      this.lists.set(numId, { levels, counter: starts.size ? `num:${numId}` : `abstract:${abstractId}`, starts });
    }
    for (const s of elements(stylesXml ?? '', 'style')) {
      const id = attr(s.tag, 'styleId');
      if (id === null) continue;
      const numPr = elements(s.body, 'numPr')[0];
      const ilvl = numPr ? val(numPr.body, 'ilvl') : null;
      this.styles.set(id, {
        numId: numPr ? val(numPr.body, 'numId') : null,
        ilvl: ilvl === null ? null : Number(ilvl),
        basedOn: val(s.body, 'basedOn'),
      });
    }
  }

  /** Whether the document numbers anything at all (no work for a document that does not). */
  get any(): boolean {
    return this.lists.size > 0;
  }

  /**
   * The number Word shows before a paragraph with style `style` and its own `numId`/`ilvl` (null
   * where it has none), with what follows it ('' for a paragraph not numbered); counts it.
   */
  next(style: string | null, numId: string | null, ilvl: number | null): string {
    let id = numId;
    let level = ilvl;
    // (The style's list, and the styles it is based on, when the paragraph names none of its own.)
    for (let s = style, depth = 0; s !== null && depth < 16 && (id === null || level === null); depth++) {
      const st = this.styles.get(s);
      if (!st) break;
      if (id === null) id = st.numId;
      if (level === null) level = st.ilvl;
      s = st.basedOn;
    }
    if (id === null || id === '0') return '';
    const list = this.lists.get(id);
    if (!list) return '';
    if (level === null) {
      // A level tied to the paragraph's style (w:lvl/w:pStyle), else the first.
      const tied = style === null ? -1 : list.levels.findIndex((l) => l?.style === style);
      level = tied >= 0 ? tied : 0;
    }
    if (!(level >= 0 && level < 9) || !list.levels[level]) return '';
    let counts = this.counts.get(list.counter);
    if (!counts) this.counts.set(list.counter, (counts = []));
    const lvl = list.levels[level];
    counts[level] = counts[level] === undefined ? (list.starts.get(level) ?? lvl.start) : counts[level] + 1;
    // (The levels below start over.)
    counts.length = level + 1;
    const text = lvl.text.replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      const l = list.levels[i];
      const n = counts[i] ?? list.starts.get(i) ?? l?.start ?? 1;
      return formatCount(n, i < level && lvl.legal ? 'decimal' : (l?.format ?? 'decimal'));
    });
    if (lvl.format === 'bullet') return '';
    if (text === '') return '';
    // Word puts a tab or a space after the number; a number ending in its own mark (一、 （一） 1.) reads as written without it.
    return lvl.suffix === 'nothing' || /[、.．)）:：。]$/.test(text) ? text : `${text} `;
  }
}
