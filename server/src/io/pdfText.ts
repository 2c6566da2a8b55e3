/**
 * A fast reader of a PDF's text layer, made for what pdf.ts needs: the text items pdfjs's
 * getTextContent() would give (string, transform, width), page by page, without building fonts.
 * It reads only what it fully supports — classic and stream cross-references, object streams,
 * FlateDecode, the page tree, content streams with Form XObjects, Type0 fonts on Identity-H or a
 * predefined CMap, simple fonts with /Widths — and throws PdfUnsupported (the caller reads the file
 * with pdfjs) on anything else, so that it never reads a file differently from pdfjs without saying so.
 * Items are split as pdfjs splits them (spaces inserted in small gaps, a new item at a large one or on
 * a new line), because the layout code downstream depends on it. Besides the text, each page's
 * horizontal and vertical rules (TextPage.rules and columns: a table's borders, stroked or drawn as thin
 * filled rectangles), which pdfjs's text does not give: a file read by pdfjs is laid out without them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants, inflateSync } from 'node:zlib';

/** Something this reader does not handle: the document is read by pdfjs instead. */
export class PdfUnsupported extends Error {}

/** A font needs a predefined CMap that is not bundled (pdfjs would read no text with it either). */
export class PdfMissingCMap extends Error {}

/** One text item, as pdfjs's getTextContent gives it: [a, b, c, d, e, f] in user space, width in user units. */
export interface TextItem {
  str: string;
  transform: number[];
  width: number;
}

export interface TextPage {
  /** [x0, y0, x1, y1]: the crop box within the media box, as pdfjs's page.view. */
  view: number[];
  items: TextItem[];
  /**
   * The page's horizontal rules, in user space: x0, x1, y for each (a flat list), from stroked lines
   * and rectangles and from thin filled rectangles (a table's borders as Word, LibreOffice or a
   * browser draw them). Absent when the reader does not look for them (pdfjs's text).
   */
  rules?: number[];
  /** The page's vertical rules likewise: x, y0, y1 for each (y0 below y1), a table's column borders. */
  columns?: number[];
}

/** A rule is a line or a filled rectangle at most this thick (user space units, about points). */
const RULE_THICKNESS = 2.5;
/** … and at least this long. */
const RULE_LENGTH = 4;
/**
 * A page with more rules than this is given none (a table's page has some hundreds; a page drawn
 * with many thousands of thin shapes is a drawing, and the layout's work with rules grows with them).
 */
const MAX_PAGE_RULES = 5000;

/** A stream decodes to at most this many bytes (a zip bomb is refused, not inflated). */
const MAX_STREAM_BYTES = 64 * 1024 * 1024;
/** All of a file's streams decode to at most this many bytes (the default of ReadLimits.bytes). */
const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
/** Form XObjects nest at most this deep (a cycle is refused). */
const MAX_FORM_DEPTH = 12;

const unsupported = (why: string): never => {
  throw new PdfUnsupported(why);
};

/** Past the work limits of ReadLimits: the file is not hostile for that, only too big for where it is read. */
export class PdfOverLimit extends PdfUnsupported {}

/**
 * What one read may cost, so that a file is read in bounded time and memory wherever it is read
 * (pdfHost.ts reads files in the checking thread within small limits, and in its guarded thread
 * within the defaults). Work is counted in units of about one byte lexed or one glyph placed:
 * content bytes interpreted (a form drawn many times counts each time), glyphs shown, codes a
 * CMap range or a /W range expands to.
 */
export interface ReadLimits {
  /** Work units at most. */
  work: number;
  /** Bytes all streams of the file inflate to, at most. */
  bytes: number;
  /** Text items at most (the layout downstream is not linear in them). */
  items: number;
}

export const READ_LIMITS: ReadLimits = { work: 4_000_000_000, bytes: MAX_DOCUMENT_BYTES, items: 10_000_000 };

/** The running count of a read's work against its limits. */
class Work {
  units = 0;
  items = 0;
  constructor(readonly limits: ReadLimits) {}
  spend(n: number) {
    if ((this.units += n) > this.limits.work) throw new PdfOverLimit('over the work limit');
  }
}

// ---------------------------------------------------------------------------------------------
// Objects

class Name {
  private static all = new Map<string, Name>();
  private constructor(readonly name: string) {}
  static of(name: string): Name {
    let n = Name.all.get(name);
    if (!n) Name.all.set(name, (n = new Name(name)));
    return n;
  }
}

class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}

const OTHER_OPS = new Set(
  'w J j M d ri i m l c v y h re S s f F f* B B* b b* n W W* CS cs SC SCN sc scn G g RG rg K k sh MP DP BX EX'.split(' '),
);

/** The operators the interpreter acts on, in the order of enum Op. */
const OPERATORS = 'q Q cm BT ET Tf Tc Tw Tz TL Ts Tr Td TD T* Tm Tj \' " TJ Do gs BMC BDC EMC BI true false null'.split(' ');
enum Op {
  q,
  Q,
  cm,
  BT,
  ET,
  Tf,
  Tc,
  Tw,
  Tz,
  TL,
  Ts,
  Tr,
  Td,
  TD,
  TStar,
  Tm,
  Tj,
  Quote,
  DoubleQuote,
  TJ,
  Do,
  gs,
  BMC,
  BDC,
  EMC,
  BI,
  True,
  False,
  Null,
}

/** An operator in a content stream (or a keyword such as obj, R, ID). */
class Cmd {
  private static all = new Map<string, Cmd>();
  private static short = new Map<number, Cmd>();
  private static tiny: (Cmd | undefined)[] = [];
  /** Its place in OPERATORS (the content-stream operators the interpreter acts on), else -1. */
  readonly op: number;
  private constructor(readonly cmd: string) {
    this.op = OPERATORS.indexOf(cmd);
    this.other = OTHER_OPS.has(cmd);
  }
  /** An operator that does nothing for text (paths, colours, clipping, shading, compatibility sections). */
  readonly other: boolean;
  static of(cmd: string): Cmd {
    let c = Cmd.all.get(cmd);
    if (!c) Cmd.all.set(cmd, (c = new Cmd(cmd)));
    return c;
  }
  /** A keyword of up to 3 bytes by those bytes packed into a number. */
  static byKey(key: number, b: Uint8Array, from: number, to: number): Cmd {
    // Operators of one or two bytes (most) from an array, longer ones from a map.
    let c = key < 0x10000 ? Cmd.tiny[key] : Cmd.short.get(key);
    if (!c) {
      c = Cmd.of(latin1(b, from, to));
      if (key < 0x10000) Cmd.tiny[key] = c;
      else Cmd.short.set(key, c);
    }
    return c;
  }
}

type Dict = Map<string, Obj>;

class Stream {
  constructor(
    readonly dict: Dict,
    readonly raw: Uint8Array,
  ) {}
}

/** Strings are kept as binary strings (one char per byte). */
type Obj = number | boolean | null | string | Name | Ref | Dict | Obj[] | Stream;

const EOF = Symbol('eof');

const WHITE = new Uint8Array(256);
const DELIM = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WHITE[c] = 1;
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** The tokens and objects of PDF syntax over a byte array. */
class Lexer {
  constructor(
    readonly b: Uint8Array,
    public p = 0,
    readonly end = b.length,
  ) {}

  skipSpace() {
    const { b, end } = this;
    let p = this.p;
    while (p < end) {
      const c = b[p];
      if (WHITE[c]) p++;
      else if (c === 37) {
        while (p < end && b[p] !== 10 && b[p] !== 13) p++;
      } else break;
    }
    this.p = p;
  }

  /** The next token: a number, string, name, Cmd (also '[', ']', '<<', '>>', '{', '}'), or EOF. */
  token(): number | string | Name | Cmd | typeof EOF {
    this.skipSpace();
    const { b, end } = this;
    if (this.p >= end) return EOF;
    const c = b[this.p];
    if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) return this.number();
    if (c === 40) return this.literal();
    if (c === 47) return this.name();
    if (c === 60) {
      if (b[this.p + 1] === 60) {
        this.p += 2;
        return Cmd.of('<<');
      }
      return this.hex();
    }
    if (c === 62) {
      if (b[this.p + 1] === 62) {
        this.p += 2;
        return Cmd.of('>>');
      }
      return unsupported('stray >');
    }
    if (c === 91 || c === 93 || c === 123 || c === 125) {
      this.p++;
      return Cmd.of(String.fromCharCode(c));
    }
    if (c === 41) return unsupported('stray )');
    return this.keyword();
  }

  /** A keyword (an operator) at the current position. */
  keyword(): Cmd {
    const { b, end } = this;
    const start = this.p;
    let p = start;
    let key = 0;
    while (p < end && !WHITE[b[p]] && !DELIM[b[p]]) {
      if (p - start < 3) key |= b[p] << (8 * (p - start));
      p++;
    }
    this.p = p;
    // Operators are short: looked up by their bytes, without building a string.
    return p - start <= 3 ? Cmd.byKey(key, b, start, p) : Cmd.of(latin1(b, start, p));
  }

  number(): number {
    const { b, end } = this;
    let p = this.p;
    let sign = 1;
    if (b[p] === 45) {
      sign = -1;
      p++;
    } else if (b[p] === 43) p++;
    let n = 0;
    let digits = 0;
    while (p < end && b[p] >= 48 && b[p] <= 57) {
      n = n * 10 + b[p++] - 48;
      digits++;
    }
    if (b[p] === 46) {
      p++;
      let scale = 1;
      let frac = 0;
      while (p < end && b[p] >= 48 && b[p] <= 57) {
        frac = frac * 10 + b[p++] - 48;
        scale *= 10;
        digits++;
      }
      n += frac / scale;
    }
    // pdfjs reads odd forms (`--5`, `5-3`, a lone `-`) its own way: not guessed here.
    if (!digits || (p < end && !WHITE[b[p]] && !DELIM[b[p]])) unsupported('malformed number');
    this.p = p;
    return sign * n;
  }

  private literal(): string {
    const { b, end } = this;
    let p = this.p + 1;
    let depth = 1;
    let out = '';
    let runStart = p;
    const flush = (to: number) => {
      if (to > runStart) out += latin1(b, runStart, to);
    };
    while (true) {
      if (p >= end) return unsupported('unterminated string');
      const c = b[p];
      if (c === 40) depth++;
      else if (c === 41) {
        if (--depth === 0) break;
      } else if (c === 92) {
        flush(p);
        p++;
        const e = b[p];
        const simple: Record<number, string> = { 110: '\n', 114: '\r', 116: '\t', 98: '\b', 102: '\f', 40: '(', 41: ')', 92: '\\' };
        if (simple[e] !== undefined) {
          out += simple[e];
          p++;
        } else if (e >= 48 && e <= 55) {
          let v = 0;
          for (let k = 0; k < 3 && b[p] >= 48 && b[p] <= 55; k++) v = v * 8 + b[p++] - 48;
          out += String.fromCharCode(v & 0xff);
        } else if (e === 13) {
          p++;
          if (b[p] === 10) p++;
        } else if (e === 10) p++;
        else if (p < end) {
          out += String.fromCharCode(e);
          p++;
        }
        runStart = p;
        continue;
      } else if (c === 13) {
        // An end of line in a string is a line feed, whichever it was.
        flush(p);
        out += '\n';
        p++;
        if (b[p] === 10) p++;
        runStart = p;
        continue;
      }
      p++;
    }
    flush(p);
    this.p = p + 1;
    return out;
  }

  private hex(): string {
    const { b, end } = this;
    let p = this.p + 1;
    let out = '';
    let hi = -1;
    while (true) {
      if (p >= end) return unsupported('unterminated hex string');
      const c = b[p++];
      if (c === 62) break;
      if (WHITE[c]) continue;
      const v = hexValue(c);
      if (v < 0) return unsupported('bad hex string');
      if (hi < 0) hi = v;
      else {
        out += String.fromCharCode(hi * 16 + v);
        hi = -1;
      }
    }
    if (hi >= 0) out += String.fromCharCode(hi * 16);
    this.p = p;
    return out;
  }

  private name(): Name {
    const { b, end } = this;
    let p = this.p + 1;
    let plain = true;
    const start = p;
    while (p < end && !WHITE[b[p]] && !DELIM[b[p]]) {
      if (b[p] === 35) plain = false;
      p++;
    }
    this.p = p;
    if (plain) return Name.of(latin1(b, start, p));
    const bytes: number[] = [];
    for (let k = start; k < p; k++) {
      const h = b[k] === 35 ? hexValue(b[k + 1]) : -1;
      const l = h >= 0 ? hexValue(b[k + 2]) : -1;
      if (l >= 0) {
        bytes.push(h * 16 + l);
        k += 2;
      } else bytes.push(b[k]);
    }
    return Name.of(String.fromCharCode(...bytes));
  }

  /**
   * An object: references (`n g R`) are resolved to Ref when `refs` is set (file objects; a content
   * stream has none). An operator is returned as its Cmd.
   */
  object(refs: boolean, depth = 0): Obj | Cmd | typeof EOF {
    if (depth > 64) unsupported('nesting too deep');
    const t = this.token();
    if (t instanceof Cmd) {
      switch (t.cmd) {
        case '[': {
          const arr: Obj[] = [];
          while (true) {
            const o = this.object(refs, depth + 1);
            if (o === EOF) return unsupported('unterminated array');
            if (o instanceof Cmd) {
              if (o.cmd === ']') return arr;
              return unsupported(`operator ${o.cmd} in an array`);
            }
            arr.push(o);
          }
        }
        case '<<': {
          const dict: Dict = new Map();
          while (true) {
            const k = this.token();
            if (k instanceof Cmd && k.cmd === '>>') return dict;
            if (!(k instanceof Name)) return unsupported('bad dictionary key');
            const v = this.object(refs, depth + 1);
            if (v === EOF || v instanceof Cmd) return unsupported('bad dictionary value');
            dict.set(k.name, v);
          }
        }
        case 'true':
          return true;
        case 'false':
          return false;
        case 'null':
          return null;
        default:
          return t;
      }
    }
    if (refs && typeof t === 'number' && Number.isInteger(t) && t >= 0) {
      // `n g R`: look ahead without consuming unless it is one.
      const save = this.p;
      const g = this.token();
      if (typeof g === 'number' && Number.isInteger(g) && g >= 0) {
        const r = this.token();
        if (r instanceof Cmd && r.cmd === 'R') return new Ref(t, g);
      }
      this.p = save;
    }
    return t;
  }
}

function latin1(b: Uint8Array, from: number, to: number): string {
  let s = '';
  if (to - from < 32) {
    for (let i = from; i < to; i++) s += String.fromCharCode(b[i]);
    return s;
  }
  for (let i = from; i < to; i += 8192) s += String.fromCharCode(...b.subarray(i, Math.min(to, i + 8192)));
  return s;
}

// ---------------------------------------------------------------------------------------------
// Streams

function decodeStream(xref: XRef, s: Stream): Uint8Array {
  // A form drawn many times is inflated once.
  let out = xref.decoded.get(s);
  if (!out) xref.decoded.set(s, (out = inflateStream(xref, s)));
  return out;
}

function inflateStream(xref: XRef, s: Stream): Uint8Array {
  let filter = xref.get(s.dict.get('Filter') ?? null);
  let parms = xref.get(s.dict.get('DecodeParms') ?? null);
  if (Array.isArray(filter)) {
    if (filter.length > 1) unsupported('several filters');
    filter = xref.get(filter[0] ?? null);
    parms = Array.isArray(parms) ? xref.get(parms[0] ?? null) : parms;
  }
  if (filter === null) return s.raw;
  if (!(filter instanceof Name) || filter.name !== 'FlateDecode') return unsupported(`filter ${String((filter as Name)?.name)}`);
  let out: Uint8Array;
  try {
    out = inflateSync(s.raw, { maxOutputLength: MAX_STREAM_BYTES });
  } catch {
    // A truncated or damaged stream (pdfjs keeps what inflates), or one over the limit.
    return unsupported('stream does not inflate');
  }
  xref.inflated += out.length;
  if (xref.inflated > xref.work.limits.bytes) throw new PdfOverLimit('too much compressed data');
  return parms instanceof Map ? unpredict(xref, out, parms) : out;
}

/** PNG (10–15) and TIFF (2) predictors, as xref streams use them. */
function unpredict(xref: XRef, data: Uint8Array, parms: Dict): Uint8Array {
  const num = (k: string, d: number) => {
    const v = xref.get(parms.get(k) ?? null);
    return typeof v === 'number' ? v : d;
  };
  const predictor = num('Predictor', 1);
  if (predictor <= 1) return data;
  const colors = num('Colors', 1);
  const bpc = num('BitsPerComponent', 8);
  const columns = num('Columns', 1);
  if (bpc !== 8 || colors < 1 || colors > 4 || columns < 1) return unsupported('predictor parameters');
  const bpp = colors;
  const rowLen = columns * colors;
  if (predictor === 2) {
    const out = new Uint8Array(data);
    for (let r = 0; r + rowLen <= out.length; r += rowLen)
      for (let i = bpp; i < rowLen; i++) out[r + i] = (out[r + i] + out[r + i - bpp]) & 0xff;
    return out;
  }
  if (predictor < 10) return unsupported('predictor');
  const rows = Math.floor(data.length / (rowLen + 1));
  const out = new Uint8Array(rows * rowLen);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (rowLen + 1)];
    const src = r * (rowLen + 1) + 1;
    const dst = r * rowLen;
    for (let i = 0; i < rowLen; i++) {
      const x = data[src + i];
      const a = i >= bpp ? out[dst + i - bpp] : 0;
      const up = r ? out[dst - rowLen + i] : 0;
      const c = r && i >= bpp ? out[dst - rowLen + i - bpp] : 0;
      let v: number;
      switch (type) {
        case 0:
          v = x;
          break;
        case 1:
          v = x + a;
          break;
        case 2:
          v = x + up;
          break;
        case 3:
          v = x + ((a + up) >> 1);
          break;
        case 4: {
          const pa = Math.abs(up - c);
          const pb = Math.abs(a - c);
          const pc = Math.abs(a + up - 2 * c);
          v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? up : c);
          break;
        }
        default:
          return unsupported('PNG filter type');
      }
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cross-reference

type Entry = { type: 1; offset: number } | { type: 2; stream: number; index: number } | { type: 0 };

class XRef {
  private entries = new Map<number, Entry>();
  private cache = new Map<number, Obj>();
  private objStreams = new Map<number, { lexer: Lexer; offsets: number[] }>();
  private fetching = new Set<number>();
  /** Bytes inflated so far: a file is refused past MAX_DOCUMENT_BYTES (Buffers are outside the thread's heap limit). */
  inflated = 0;
  readonly decoded = new Map<Stream, Uint8Array>();
  trailer: Dict = new Map();

  constructor(
    readonly data: Uint8Array,
    readonly work: Work,
  ) {
    const tail = latin1(data, Math.max(0, data.length - 1024), data.length);
    const m = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail) ?? /startxref\s+(\d+)/.exec(tail);
    if (!m) unsupported('no startxref');
    let offset: number | null = Number(m![1]);
    const seen = new Set<number>();
    while (offset !== null) {
      if (seen.has(offset) || offset >= data.length) unsupported('bad xref offset');
      seen.add(offset);
      const section = this.readSection(offset);
      if (!this.trailer.size) this.trailer = section;
      if (section.has('Encrypt')) unsupported('encrypted');
      const prev = section.get('Prev');
      offset = typeof prev === 'number' ? prev : null;
    }
  }

  /** One xref section (a table or a stream) at `offset`; entries already known (newer) are kept. */
  private readSection(offset: number): Dict {
    const lx = new Lexer(this.data, offset);
    const t = lx.token();
    if (t instanceof Cmd && t.cmd === 'xref') {
      while (true) {
        const first = lx.token();
        if (first instanceof Cmd && first.cmd === 'trailer') break;
        const count = lx.token();
        if (typeof first !== 'number' || typeof count !== 'number') return unsupported('bad xref table');
        lx.skipSpace();
        for (let i = 0; i < count; i++) {
          const line = latin1(this.data, lx.p, lx.p + 20);
          const e = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
          if (!e) return unsupported('bad xref entry');
          const num = first + i;
          // pdfjs's quirk: a table starting at 1 whose first entry is the free head is really from 0.
          if (i === 0 && first === 1 && e[3] === 'f' && e[2] === '65535') return unsupported('xref numbering');
          if (!this.entries.has(num)) this.entries.set(num, e[3] === 'n' ? { type: 1, offset: Number(e[1]) } : { type: 0 });
          lx.p += 20;
          lx.skipSpace();
        }
      }
      const trailer = lx.object(true);
      if (!(trailer instanceof Map)) return unsupported('bad trailer');
      // A hybrid file (a table and an xref stream for the same objects): pdfjs's order of precedence is its own.
      if (trailer.has('XRefStm')) unsupported('hybrid xref');
      return trailer;
    }
    // An xref stream: `n g obj << /Type /XRef … >> stream`.
    lx.p = offset;
    const s = this.parseIndirect(lx);
    if (!(s instanceof Stream) || !(s.dict.get('Type') instanceof Name) || (s.dict.get('Type') as Name).name !== 'XRef')
      return unsupported('bad xref stream');
    const w = s.dict.get('W');
    const size = s.dict.get('Size');
    if (!Array.isArray(w) || w.length !== 3 || !w.every((x) => typeof x === 'number') || typeof size !== 'number')
      return unsupported('bad /W');
    const [w0, w1, w2] = w as number[];
    const index = (s.dict.get('Index') as number[] | undefined) ?? [0, size];
    const bytes = decodeStream(this, s);
    let p = 0;
    const field = (n: number) => {
      let v = 0;
      for (let k = 0; k < n; k++) v = v * 256 + bytes[p++];
      return v;
    };
    for (let i = 0; i + 1 < index.length; i += 2) {
      const [first, count] = [index[i], index[i + 1]];
      for (let k = 0; k < count; k++) {
        if (p + w0 + w1 + w2 > bytes.length) return unsupported('short xref stream');
        const type = w0 ? field(w0) : 1;
        const a = field(w1);
        const b = field(w2);
        const num = first + k;
        if (this.entries.has(num)) continue;
        if (type === 0) this.entries.set(num, { type: 0 });
        else if (type === 1) this.entries.set(num, { type: 1, offset: a });
        else if (type === 2) this.entries.set(num, { type: 2, stream: a, index: b });
        else return unsupported('xref entry type');
      }
    }
    return s.dict;
  }

  /** `n g obj` … `endobj` at the lexer's position: the object, a stream with its raw bytes. */
  private parseIndirect(lx: Lexer, expect?: number): Obj {
    const num = lx.token();
    const gen = lx.token();
    const kw = lx.token();
    if (typeof num !== 'number' || typeof gen !== 'number' || !(kw instanceof Cmd) || kw.cmd !== 'obj')
      return unsupported('object not at its xref offset');
    if (expect !== undefined && num !== expect) unsupported('object number mismatch');
    const o = lx.object(true);
    if (o === EOF || o instanceof Cmd) return unsupported('bad object');
    const save = lx.p;
    const next = lx.token();
    if (!(o instanceof Map) || !(next instanceof Cmd) || next.cmd !== 'stream') {
      lx.p = save;
      return o;
    }
    let p = lx.p;
    if (this.data[p] === 13) p++;
    if (this.data[p] === 10) p++;
    const len = this.get(o.get('Length') ?? null);
    if (typeof len !== 'number' || len < 0 || p + len > this.data.length) return unsupported('bad stream length');
    // The stream must end where /Length says (pdfjs searches for endstream otherwise).
    const after = new Lexer(this.data, p + len);
    const end = after.token();
    if (!(end instanceof Cmd) || end.cmd !== 'endstream') return unsupported('stream length wrong');
    return new Stream(o, this.data.subarray(p, p + len));
  }

  /** The object `o` refers to (itself when not a reference). */
  get(o: Obj): Obj {
    if (!(o instanceof Ref)) return o;
    const hit = this.cache.get(o.num);
    if (hit !== undefined) return hit;
    const e = this.entries.get(o.num);
    if (!e || e.type === 0) return null;
    if (this.fetching.has(o.num)) return unsupported('reference cycle');
    this.fetching.add(o.num);
    try {
      let v: Obj;
      if (e.type === 1) v = this.parseIndirect(new Lexer(this.data, e.offset), o.num);
      else v = this.fromObjStream(e.stream, e.index, o.num);
      this.cache.set(o.num, v);
      return v;
    } finally {
      this.fetching.delete(o.num);
    }
  }

  private fromObjStream(num: number, index: number, expect: number): Obj {
    let os = this.objStreams.get(num);
    if (!os) {
      const s = this.get(new Ref(num, 0));
      if (!(s instanceof Stream)) return unsupported('bad object stream');
      const n = s.dict.get('N');
      const first = s.dict.get('First');
      if (typeof n !== 'number' || typeof first !== 'number') return unsupported('bad object stream');
      const lexer = new Lexer(decodeStream(this, s));
      const offsets: number[] = [];
      for (let i = 0; i < n; i++) {
        const objNum = lexer.token();
        const off = lexer.token();
        if (typeof objNum !== 'number' || typeof off !== 'number') return unsupported('bad object stream header');
        offsets.push(objNum, first + off);
      }
      os = { lexer, offsets };
      this.objStreams.set(num, os);
    }
    if (os.offsets[index * 2] !== expect) return unsupported('object stream index');
    os.lexer.p = os.offsets[index * 2 + 1];
    const o = os.lexer.object(true);
    if (o === EOF || o instanceof Cmd) return unsupported('bad object in object stream');
    return o;
  }
}

const dictOf = (xref: XRef, o: Obj | undefined): Dict | null => {
  const v = xref.get(o ?? null);
  return v instanceof Map ? v : v instanceof Stream ? v.dict : null;
};
const numbers = (xref: XRef, o: Obj | undefined): number[] | null => {
  const v = xref.get(o ?? null);
  if (!Array.isArray(v)) return null;
  const out = v.map((x) => xref.get(x));
  return out.every((x) => typeof x === 'number') ? (out as number[]) : null;
};
const nameOf = (xref: XRef, o: Obj | undefined): string | null => {
  const v = xref.get(o ?? null);
  return v instanceof Name ? v.name : null;
};

// ---------------------------------------------------------------------------------------------
// CMaps

/** Code → CID (or, for a ToUnicode map, code → binary UTF-16BE string) with the codespace ranges by byte length. */
class CMap {
  map = new Map<number, number | string>();
  ranges: number[][] = [[], [], [], []];
  vertical = false;
  identity = false;

  /** The length in bytes of the code read last. */
  length = 1;

  /** The next code in `s` at `i`, as pdfjs reads it (an unmatched byte is code 0); its length in `length`. */
  read(s: string, i: number): number {
    let c = 0;
    for (let n = 0; n < 4; n++) {
      c = ((c << 8) | (s.charCodeAt(i + n) || 0)) >>> 0;
      const r = this.ranges[n];
      for (let k = 0; k < r.length; k += 2)
        if (c >= r[k] && c <= r[k + 1]) {
          this.length = n + 1;
          return c;
        }
    }
    this.length = 1;
    return 0;
  }

  cid(code: number): number | undefined {
    if (this.identity) return code <= 0xffff ? code : undefined;
    const v = this.map.get(code);
    return typeof v === 'number' ? v : undefined;
  }
}

function identityCMap(vertical: boolean): CMap {
  const m = new CMap();
  m.ranges[1].push(0, 0xffff);
  m.identity = true;
  m.vertical = vertical;
  return m;
}

/** pdfjs's packed .bcmap format: numbers in 7-bit groups, records of code ranges relative to the previous one. */
class BinaryCMap {
  private p = 0;
  constructor(private readonly b: Uint8Array) {}

  private byte(): number {
    if (this.p >= this.b.length) unsupported('truncated bcmap');
    return this.b[this.p++];
  }
  private num(): number {
    let n = 0;
    let b: number;
    do {
      b = this.byte();
      n = n * 128 + (b & 0x7f);
    } while (b & 0x80);
    return n;
  }
  private signed(): number {
    const n = this.num();
    return n % 2 ? -((n - 1) / 2) - 1 : n / 2;
  }
  /** A big-endian number of `size` bytes stored whole. */
  private fixed(size: number): number {
    let v = 0;
    for (let i = 0; i < size; i++) v = v * 256 + this.byte();
    return v;
  }
  /** A big-endian byte string of `size` bytes stored whole. */
  private fixedStr(size: number): string {
    let s = '';
    for (let i = 0; i < size; i++) s += String.fromCharCode(this.byte());
    return s;
  }
  private str(): string {
    const len = this.num();
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(this.num());
    return s;
  }
  /** A signed difference of a byte string: zigzag over the whole number (as the format stores it). */
  private signedBig(size: number): bigint {
    let n = 0n;
    let b: number;
    do {
      b = this.byte();
      n = n * 128n + BigInt(b & 0x7f);
    } while (b & 0x80);
    const mask = (1n << BigInt(size * 8)) - 1n;
    n &= mask;
    const v = n & 1n ? ~(n >> 1n) : n >> 1n;
    return v & mask;
  }

  /** Reads into `cmap`; returns the name of the CMap it uses (usecmap), if any. */
  read(cmap: CMap): string | null {
    const header = this.byte();
    cmap.vertical = !!(header & 1);
    let use: string | null = null;
    const strAdd = (s: string, d: bigint, size: number) => {
      let v = 0n;
      for (let i = 0; i < size; i++) v = v * 256n + BigInt(s.charCodeAt(i));
      v = (v + d) & ((1n << BigInt(size * 8)) - 1n);
      let out = '';
      for (let i = size - 1; i >= 0; i--) out = String.fromCharCode(Number((v >> BigInt((size - 1 - i) * 8)) & 255n)) + out;
      return out;
    };
    while (this.p < this.b.length) {
      const b = this.byte();
      const type = b >> 5;
      if (type === 7) {
        const s = this.str();
        if ((b & 0x1f) === 1) use = s;
        continue;
      }
      const seq = !!(b & 0x10);
      const size = (b & 15) + 1;
      const count = this.num();
      switch (type) {
        case 0: // codespace ranges
        case 1: {
          // (1: notdef ranges, not needed for text)
          let start = this.fixed(size);
          let end = start + this.num();
          if (type === 0) cmap.ranges[size - 1].push(start, end);
          else this.num();
          for (let i = 1; i < count; i++) {
            start = end + 1 + this.num();
            end = start + this.num();
            if (type === 0) cmap.ranges[size - 1].push(start, end);
            else this.num();
          }
          break;
        }
        case 2: {
          // single codes → CID
          let code = this.fixed(size);
          let cid = this.num();
          cmap.map.set(code, cid);
          for (let i = 1; i < count; i++) {
            code += 1 + (seq ? 0 : this.num());
            cid += this.signed() + 1;
            cmap.map.set(code, cid);
          }
          break;
        }
        case 3: {
          // code ranges → CIDs
          let start = this.fixed(size);
          let end = start + this.num();
          let cid = this.num();
          for (let c = start; c <= end; c++) cmap.map.set(c, cid + c - start);
          for (let i = 1; i < count; i++) {
            start = seq ? end + 1 : end + 1 + this.num();
            end = start + this.num();
            cid = this.num();
            for (let c = start; c <= end; c++) cmap.map.set(c, cid + c - start);
          }
          break;
        }
        case 4: {
          // single CIDs (1 byte … ) → UCS-2 strings (UCS2 CMaps: code = CID, value = text)
          let code = this.fixed(2);
          let dst = this.fixedStr(size);
          cmap.map.set(code, dst);
          for (let i = 1; i < count; i++) {
            code += 1 + (seq ? 0 : this.num());
            dst = strAdd(dst, 1n + this.signedBig(size), size);
            cmap.map.set(code, dst);
          }
          break;
        }
        case 5: {
          let start = this.fixed(2);
          let end = start + this.num();
          let dst = this.fixedStr(size);
          bfRange(cmap, start, end, dst);
          for (let i = 1; i < count; i++) {
            start = seq ? end + 1 : end + 1 + this.num();
            end = start + this.num();
            dst = this.fixedStr(size);
            bfRange(cmap, start, end, dst);
          }
          break;
        }
        default:
          return unsupported('bcmap record');
      }
    }
    return use;
  }
}

/** A range of codes mapped to consecutive strings: the last byte counts up, carrying into the one before. */
function bfRange(cmap: CMap, low: number, high: number, dst: string) {
  if (high - low > 0xffff) unsupported('CMap range too large');
  const last = dst.length - 1;
  for (let c = low; c <= high; c++) {
    cmap.map.set(c, dst);
    const next = dst.charCodeAt(last) + 1;
    dst =
      next > 0xff
        ? dst.substring(0, last - 1) + String.fromCharCode(dst.charCodeAt(last - 1) + 1) + '\x00'
        : dst.substring(0, last) + String.fromCharCode(next);
  }
}

class CMapStore {
  private cache = new Map<string, CMap>();
  constructor(private readonly dir: string | null) {}

  /** A predefined CMap by name (Identity-H/V built in, the rest from the bundled .bcmap files). */
  get(name: string, depth = 0): CMap {
    if (name === 'Identity-H' || name === 'Identity-V') return identityCMap(name === 'Identity-V');
    const hit = this.cache.get(name);
    if (hit) return hit;
    if (depth > 4 || !/^[\w-]+$/.test(name)) return unsupported(`CMap ${name}`);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(join(this.dir ?? unsupported('no CMap folder'), `${name}.bcmap`));
    } catch (e) {
      if (e instanceof PdfUnsupported) throw e;
      throw new PdfMissingCMap(name);
    }
    const cmap = new CMap();
    const use = new BinaryCMap(bytes).read(cmap);
    if (use) {
      const base = this.get(use, depth + 1);
      if (base.identity) return unsupported('usecmap of Identity');
      if (!cmap.ranges.some((r) => r.length)) cmap.ranges = base.ranges.map((r) => r.slice());
      for (const [k, v] of base.map) if (!cmap.map.has(k)) cmap.map.set(k, v);
    }
    this.cache.set(name, cmap);
    return cmap;
  }
}

const strToInt = (s: string) => {
  let a = 0;
  for (let i = 0; i < s.length; i++) a = ((a << 8) | s.charCodeAt(i)) >>> 0;
  return a;
};

/** A /ToUnicode CMap stream: code → text. Anything irregular in it: unsupported. */
function parseToUnicode(bytes: Uint8Array, work: Work): Map<number, string> {
  work.spend(bytes.length);
  const cmap = new CMap();
  const lx = new Lexer(bytes);
  const str = (o: unknown): string => (typeof o === 'string' ? o : unsupported('ToUnicode: expected a string'));
  const cids = new Map<number, number>();
  while (true) {
    const t = lx.object(false);
    if (t === EOF) break;
    if (!(t instanceof Cmd)) continue;
    const end = `end${t.cmd.slice(5)}`;
    const until = () => {
      const o = lx.object(false);
      if (o === EOF) return unsupported('ToUnicode: unterminated block');
      return o instanceof Cmd && o.cmd === end ? null : o;
    };
    switch (t.cmd) {
      case 'usecmap':
        return unsupported('ToUnicode usecmap');
      case 'beginbfchar':
        for (let o = until(); o !== null; o = until()) cmap.map.set(strToInt(str(o)), str(lx.object(false)));
        break;
      case 'beginbfrange':
        for (let o = until(); o !== null; o = until()) {
          const low = strToInt(str(o));
          const high = strToInt(str(lx.object(false)));
          const dst = lx.object(false);
          work.spend(Math.max(0, high - low));
          if (typeof dst === 'number' && Number.isInteger(dst)) bfRange(cmap, low, high, String.fromCharCode(dst));
          else if (typeof dst === 'string') bfRange(cmap, low, high, dst);
          else if (Array.isArray(dst)) {
            if (high - low > 0xffff) unsupported('CMap range too large');
            for (let c = low, i = 0; c <= high && i < dst.length; c++, i++) cmap.map.set(c, str(dst[i]));
          } else unsupported('ToUnicode: bad bfrange');
        }
        break;
      case 'begincidchar':
        for (let o = until(); o !== null; o = until()) {
          const v = lx.object(false);
          if (!Number.isInteger(v)) unsupported('ToUnicode: bad cidchar');
          cids.set(strToInt(str(o)), v as number);
        }
        break;
      case 'begincidrange':
        for (let o = until(); o !== null; o = until()) {
          const low = strToInt(str(o));
          const high = strToInt(str(lx.object(false)));
          const v = lx.object(false);
          if (!Number.isInteger(v) || high - low > 0xffff) unsupported('ToUnicode: bad cidrange');
          work.spend(Math.max(0, high - low));
          for (let c = low; c <= high; c++) cids.set(c, (v as number) + c - low);
        }
        break;
      case 'begincodespacerange':
        for (let o = until(); o !== null; o = until()) {
          str(o);
          str(lx.object(false));
        }
        break;
    }
  }
  const out = new Map<number, string>();
  for (const [code, cid] of cids) out.set(code, String.fromCodePoint(cid));
  for (const [code, v] of cmap.map) out.set(code, utf16(v as string));
  return out;
}

/** A binary UTF-16BE string (odd length: a zero byte first) as text; surrogate pairs joined. */
function utf16(s: string): string {
  if (s.length % 2) s = '\x00' + s;
  let out = '';
  for (let k = 0; k < s.length; k += 2) {
    const w1 = (s.charCodeAt(k) << 8) | s.charCodeAt(k + 1);
    if ((w1 & 0xf800) !== 0xd800) {
      out += String.fromCodePoint(w1);
      continue;
    }
    k += 2;
    const w2 = (s.charCodeAt(k) << 8) | s.charCodeAt(k + 1);
    out += String.fromCodePoint(((w1 & 0x3ff) << 10) + (w2 & 0x3ff) + 0x10000);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Fonts

interface Glyph {
  unicode: string;
  /** In glyph space (1/1000 of the font size). */
  width: number;
  code: number;
  whitespace: boolean;
  diacritic: boolean;
  invisible: boolean;
}

interface Font {
  /** pdfjs's font.name: items are not split where only the resource changes to a font of the same name. */
  name: string;
  /** The font matrix's first entry (glyph space to text space; widths are stored scaled to it, as pdfjs scales them). */
  matrix0: number;
  /** The glyphs of `s` into `out` (reused); returns how many. */
  glyphs(s: string, out: Glyph[]): number;
}

/** Glyph names of Latin text (the Adobe Glyph List's names for ASCII and common punctuation). */
const GLYPH_NAMES: Record<string, number> = (() => {
  const m: Record<string, number> = {};
  const ascii =
    'space exclam quotedbl numbersign dollar percent ampersand quotesingle parenleft parenright asterisk plus comma hyphen period slash zero one two three four five six seven eight nine colon semicolon less equal greater question at';
  ascii.split(' ').forEach((n, i) => (m[n] = 0x20 + i));
  for (let i = 0; i < 26; i++) {
    m[String.fromCharCode(65 + i)] = 65 + i;
    m[String.fromCharCode(97 + i)] = 97 + i;
  }
  'bracketleft backslash bracketright asciicircum underscore grave'.split(' ').forEach((n, i) => (m[n] = 0x5b + i));
  'braceleft bar braceright asciitilde'.split(' ').forEach((n, i) => (m[n] = 0x7b + i));
  Object.assign(m, {
    quoteleft: 0x2018,
    quoteright: 0x2019,
    quotedblleft: 0x201c,
    quotedblright: 0x201d,
    quotesinglbase: 0x201a,
    quotedblbase: 0x201e,
    endash: 0x2013,
    emdash: 0x2014,
    bullet: 0x2022,
    ellipsis: 0x2026,
    periodcentered: 0x00b7,
    degree: 0x00b0,
    multiply: 0x00d7,
    divide: 0x00f7,
    plusminus: 0x00b1,
    section: 0x00a7,
    paragraph: 0x00b6,
    copyright: 0x00a9,
    registered: 0x00ae,
    trademark: 0x2122,
    Euro: 0x20ac,
    yen: 0x00a5,
    sterling: 0x00a3,
    cent: 0x00a2,
    perthousand: 0x2030,
    dagger: 0x2020,
    daggerdbl: 0x2021,
    guillemotleft: 0x00ab,
    guillemotright: 0x00bb,
    fi: 0xfb01,
    fl: 0xfb02,
  });
  return m;
})();

/** The Unicode of a glyph name: a Latin name, uniXXXX or uXXXX[XX]; null when this reader does not know it. */
function glyphUnicode(name: string): number | null {
  if (name in GLYPH_NAMES) return GLYPH_NAMES[name];
  const m = /^uni([0-9A-F]{4})$/.exec(name) ?? /^u([0-9A-F]{4,6})$/.exec(name);
  return m ? parseInt(m[1], 16) : null;
}

/**
 * WinAnsiEncoding's text: Latin-1 with windows-1252's 0x80–0x9F, but for the codes the PDF encoding
 * names differently (the unassigned ones are bullets; 0xA0 is space, 0xAD hyphen).
 */
const WIN_ANSI: string[] = (() => {
  const out = Array.from({ length: 256 }, (_, i) => (i < 0x20 ? '' : String.fromCharCode(i)));
  const high = '€•‚ƒ„…†‡ˆ‰Š‹Œ•Ž••‘’“”•–—˜™š›œ•žŸ';
  for (let i = 0; i < 32; i++) out[0x80 + i] = high[i];
  out[0x7f] = '\u2022';
  out[0xa0] = ' ';
  out[0xad] = '-';
  return out;
})();

/** StandardEncoding's text for the printable ASCII codes (the rest are unsupported here). */
const STANDARD_ASCII: string[] = (() => {
  const out = Array.from({ length: 256 }, (_, i) => (i >= 0x20 && i < 0x7f ? String.fromCharCode(i) : ''));
  out[0x27] = '\u2019';
  out[0x60] = '\u2018';
  return out;
})();

const SPECIAL = /^(\s)|(\p{Mn})|(\p{Cf})$/u;

function glyph(code: number, unicode: string, width: number): Glyph {
  const m = SPECIAL.exec(unicode);
  return { code, unicode, width, whitespace: !!m?.[1], diacritic: !!m?.[2], invisible: !!m?.[3] };
}

/**
 * An embedded font program, as pdfjs tells it: by its first bytes, not by the descriptor's key (a
 * FontFile3 may hold an OpenType font, a FontFile2 a CFF one). 'cff' and 'type1' programs have their
 * own font matrix (`matrix0`, its first entry; pdfjs's default 0.001 when the program has none);
 * their glyph names and built-in encodings are not read here, so text from them needs a /ToUnicode.
 */
interface Program {
  kind: 'truetype' | 'cff' | 'type1';
  matrix0: number;
}

const FONT_MATRIX0 = 0.001;

function programOf(xref: XRef, desc: Dict | null): Program | null {
  const file = desc
    ? (['FontFile', 'FontFile2', 'FontFile3'] as const).map((k) => xref.get(desc.get(k) ?? null)).find((f) => f !== null)
    : null;
  if (!file) return null;
  if (!(file instanceof Stream)) return unsupported('font file is not a stream');
  if (isTrueTypeHead(xref, file)) return { kind: 'truetype', matrix0: FONT_MATRIX0 };
  const b = decodeStream(xref, file);
  if (b.length < 4) return unsupported('empty font file');
  const tag = latin1(b, 0, 4);
  if (tag === 'OTTO' || tag === 'true' || tag === 'ttcf' || (b[0] === 0 && b[1] === 1 && b[2] === 0 && b[3] === 0)) {
    // An sfnt: a `CFF ` table makes it a CFF program (pdfjs reads its top dict's matrix), else TrueType.
    if (tag === 'ttcf') return unsupported('TrueType collection');
    const tables = (b[4] << 8) | b[5];
    for (let i = 0; i < tables; i++) {
      const at = 12 + i * 16;
      if (at + 16 > b.length) return unsupported('truncated sfnt');
      if (latin1(b, at, at + 4) !== 'CFF ') continue;
      const off = ((b[at + 8] << 24) | (b[at + 9] << 16) | (b[at + 10] << 8) | b[at + 11]) >>> 0;
      const len = ((b[at + 12] << 24) | (b[at + 13] << 16) | (b[at + 14] << 8) | b[at + 15]) >>> 0;
      if (off + len > b.length) return unsupported('truncated sfnt');
      return { kind: 'cff', matrix0: cffMatrix0(b.subarray(off, off + len)) };
    }
    return { kind: 'truetype', matrix0: FONT_MATRIX0 };
  }
  if ((b[0] === 0x25 && b[1] === 0x21) || (b[0] === 0x80 && b[1] === 0x01)) return { kind: 'type1', matrix0: type1Matrix0(b) };
  if (b[0] >= 1 && b[3] >= 1 && b[3] <= 4) return { kind: 'cff', matrix0: cffMatrix0(b) };
  return unsupported('unknown font program');
}

/** Compressed bytes of a large font program inflated first: its table directory is in the first few hundred bytes it inflates to. */
const PROGRAM_HEAD = 4096;

/**
 * Whether a large Flate-compressed font program is a TrueType sfnt without a `CFF ` table, told by
 * what its first PROGRAM_HEAD compressed bytes inflate to (its table directory): then nothing more
 * of it is needed (a report's embedded Chinese fonts are megabytes each, and inflating them was a
 * fifth of reading the file). Any other program, or a head that does not hold the whole directory,
 * is inflated whole by programOf as before.
 */
function isTrueTypeHead(xref: XRef, s: Stream): boolean {
  if (s.raw.length <= PROGRAM_HEAD || s.dict.get('DecodeParms') !== undefined) return false;
  let filter = xref.get(s.dict.get('Filter') ?? null);
  if (Array.isArray(filter) && filter.length === 1) filter = xref.get(filter[0] ?? null);
  if (!(filter instanceof Name) || filter.name !== 'FlateDecode') return false;
  let b: Uint8Array;
  try {
    b = inflateSync(s.raw.subarray(0, PROGRAM_HEAD), { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: MAX_STREAM_BYTES });
  } catch {
    return false;
  }
  xref.inflated += b.length;
  if (xref.inflated > xref.work.limits.bytes) throw new PdfOverLimit('too much compressed data');
  if (b.length < 12) return false;
  const tag = latin1(b, 0, 4);
  if (tag !== 'true' && !(b[0] === 0 && b[1] === 1 && b[2] === 0 && b[3] === 0)) return false;
  const tables = (b[4] << 8) | b[5];
  if (12 + tables * 16 > b.length) return false;
  for (let i = 0; i < tables; i++) if (latin1(b, 12 + i * 16, 16 + i * 16) === 'CFF ') return false;
  return true;
}

/** A CFF program's top DICT /FontMatrix (operator 12 7), first entry; its default when absent. */
function cffMatrix0(b: Uint8Array): number {
  const bad = (): never => unsupported('bad CFF program');
  if (b.length < 4) return bad();
  /** An INDEX at `p`: [start, end) of its first entry's data, and where the INDEX ends. */
  const index = (p: number): { first: [number, number] | null; end: number } => {
    if (p + 2 > b.length) return bad();
    const count = (b[p] << 8) | b[p + 1];
    if (!count) return { first: null, end: p + 2 };
    const size = b[p + 2];
    if (size < 1 || size > 4) return bad();
    const offset = (k: number) => {
      let v = 0;
      for (let i = 0; i < size; i++) v = v * 256 + (b[p + 3 + k * size + i] ?? bad());
      return v;
    };
    const data = p + 3 + (count + 1) * size - 1;
    const end = data + offset(count);
    if (end > b.length) return bad();
    return { first: [data + offset(0), data + offset(1)], end };
  };
  const names = index(b[2]);
  const top = index(names.end).first;
  if (!top) return bad();
  const operands: number[] = [];
  for (let p = top[0]; p < top[1];) {
    const c = b[p];
    if (c <= 21) {
      const op = c === 12 ? 1200 + b[p + 1] : c;
      p += c === 12 ? 2 : 1;
      if (op === 1207) {
        if (operands.length !== 6 || !operands.every(Number.isFinite)) return bad();
        return operands[0];
      }
      operands.length = 0;
    } else if (c === 28) {
      operands.push((((b[p + 1] << 8) | b[p + 2]) << 16) >> 16);
      p += 3;
    } else if (c === 29) {
      operands.push((b[p + 1] << 24) | (b[p + 2] << 16) | (b[p + 3] << 8) | b[p + 4]);
      p += 5;
    } else if (c === 30) {
      // A real: nibbles 0–9, a point, E, E-, a minus sign, until 0xf.
      let str = '';
      const chars = '0123456789.EE?-';
      for (p++; p < top[1];) {
        const byte = b[p++];
        const hi = byte >> 4;
        const lo = byte & 15;
        if (hi === 15) break;
        str += hi === 12 ? 'E-' : chars[hi];
        if (lo === 15) break;
        str += lo === 12 ? 'E-' : chars[lo];
      }
      operands.push(parseFloat(str));
    } else if (c >= 32 && c <= 246) {
      operands.push(c - 139);
      p++;
    } else if (c >= 247 && c <= 250) {
      operands.push((c - 247) * 256 + b[p + 1] + 108);
      p += 2;
    } else if (c >= 251 && c <= 254) {
      operands.push(-(c - 251) * 256 - b[p + 1] - 108);
      p += 2;
    } else return bad();
  }
  return FONT_MATRIX0;
}

/** A Type1 program's /FontMatrix from its cleartext header (before eexec), first entry; the default when absent. */
function type1Matrix0(b: Uint8Array): number {
  const head = latin1(b, 0, Math.min(b.length, 65536));
  const clear = head.slice(0, head.indexOf('eexec') >= 0 ? head.indexOf('eexec') : head.length);
  const m = /\/FontMatrix\s*[[{]([^\]}]*)[\]}]/.exec(clear);
  if (!m) return clear.includes('/FontMatrix') ? unsupported('bad Type1 font matrix') : FONT_MATRIX0;
  const nums = m[1].trim().split(/\s+/).map(Number);
  if (nums.length !== 6 || !nums.every(Number.isFinite)) return unsupported('bad Type1 font matrix');
  return nums[0];
}

/** pdfjs scales a program's widths to its font matrix (they are then multiplied by the matrix again). */
const widthScale = (matrix0: number) => (matrix0 === FONT_MATRIX0 ? 1 : FONT_MATRIX0 / matrix0);

class Fonts {
  /**
   * By object number for a font given by reference: each page's /Font dictionary is parsed into
   * new Ref objects, and a report's pages share their fonts (read once, not once a page).
   */
  private cache = new Map<Obj | number, Font>();
  constructor(
    private readonly xref: XRef,
    private readonly cmaps: CMapStore,
  ) {}

  load(ref: Obj): Font {
    const key = ref instanceof Ref ? ref.num : ref;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const dict = dictOf(this.xref, ref);
    if (!dict) return unsupported('font is not a dictionary');
    const font = nameOf(this.xref, dict.get('Subtype')) === 'Type0' ? this.composite(dict) : this.simple(dict);
    this.cache.set(key, font);
    return font;
  }

  private fontName(dict: Dict, desc: Dict | null): string {
    const base = nameOf(this.xref, dict.get('BaseFont')) ?? '';
    const named = desc ? nameOf(this.xref, desc.get('FontName')) : null;
    if (!named || named === base) return base || unsupported('font without a name');
    return unsupported('FontName differs from BaseFont');
  }

  private toUnicode(dict: Dict): Map<number, string> | null {
    const tu = this.xref.get(dict.get('ToUnicode') ?? null);
    if (tu === null) return null;
    if (!(tu instanceof Stream)) return unsupported('ToUnicode is not a stream');
    const map = parseToUnicode(decodeStream(this.xref, tu), this.xref.work);
    return map.size ? map : null;
  }

  private composite(dict: Dict): Font {
    const x = this.xref;
    const df = x.get(dict.get('DescendantFonts') ?? null);
    const cid = dictOf(x, Array.isArray(df) ? df[0] : df);
    if (!cid) return unsupported('no descendant font');
    const enc = x.get(dict.get('Encoding') ?? null);
    if (!(enc instanceof Name)) return unsupported('embedded CMap');
    const cmap = this.cmaps.get(enc.name);
    if (cmap.vertical) unsupported('vertical writing');
    if (cid.has('FontMatrix')) unsupported('font with a /FontMatrix');
    const desc = dictOf(x, cid.get('FontDescriptor'));
    const program = programOf(x, desc);
    // A CFF or Type1 program (or one that is not what the dictionary says): its text from /ToUnicode only.
    const strict = !!program && (program.kind !== 'truetype' || nameOf(x, cid.get('Subtype')) !== 'CIDFontType2');
    const matrix0 = program?.matrix0 ?? FONT_MATRIX0;
    const k = widthScale(matrix0);
    const name = this.fontName(cid, desc);
    const dw = x.get(cid.get('DW') ?? null);
    const defaultWidth = (typeof dw === 'number' ? Math.ceil(dw) : 1000) * k;
    const widths = new Map<number, number>();
    const w = x.get(cid.get('W') ?? null);
    if (Array.isArray(w)) {
      for (let i = 0; i < w.length; i++) {
        const start = x.get(w[i++]);
        if (!Number.isInteger(start)) break;
        const next = x.get(w[i] ?? null);
        if (Array.isArray(next)) {
          next.forEach((v, n) => {
            const width = x.get(v);
            if (typeof width === 'number') widths.set((start as number) + n, width * k);
          });
        } else if (Number.isInteger(next)) {
          const width = x.get(w[++i] ?? null);
          if (typeof width !== 'number') continue;
          if ((next as number) - (start as number) > 0xffff) unsupported('width range too large');
          x.work.spend(Math.max(0, (next as number) - (start as number)));
          for (let c = start as number; c <= (next as number); c++) widths.set(c, width * k);
        } else break;
      }
    }
    const toUnicode = this.toUnicode(dict);
    let text: (code: number) => string | undefined;
    if (toUnicode)
      text = (code) => {
        const t = toUnicode.get(code);
        if (strict && !t) unsupported('code without ToUnicode in a font program');
        return t;
      };
    else if (strict) return unsupported('CFF or Type1 font without ToUnicode');
    else {
      const info = dictOf(x, cid.get('CIDSystemInfo'));
      const registry = info ? x.get(info.get('Registry') ?? null) : null;
      const ordering = info ? x.get(info.get('Ordering') ?? null) : null;
      // Without /ToUnicode, pdfjs takes the text from the collection's CID → UCS-2 map (Adobe-GB1-UCS2 …).
      const known = registry === 'Adobe' && ['GB1', 'CNS1', 'Japan1', 'Korea1'].includes(ordering as string);
      if (!known && (cmap.identity || typeof registry !== 'string' || typeof ordering !== 'string'))
        return unsupported('Identity encoding without ToUnicode');
      const ucs2 = this.cmaps.get(`${registry as string}-${ordering as string}-UCS2`);
      text = (code) => {
        const c = cmap.cid(code);
        if (c === undefined) return undefined;
        if (c > 0xffff) unsupported('CID over 65535');
        const u = ucs2.map.get(c);
        if (typeof u !== 'string') return undefined;
        let out = '';
        for (let i = 0; i + 1 < u.length; i += 2) out += String.fromCharCode((u.charCodeAt(i) << 8) + u.charCodeAt(i + 1));
        return out;
      };
    }
    const cache = new Map<number, Glyph>();
    return {
      name,
      matrix0,
      glyphs(s: string, out: Glyph[]): number {
        let n = 0;
        for (let i = 0; i < s.length;) {
          const code = cmap.read(s, i);
          i += cmap.length;
          let g = cache.get(code);
          if (!g) {
            const c = cmap.identity ? code : (cmap.cid(code) ?? code);
            g = glyph(code, text(code) || String.fromCharCode(code), widths.get(c) ?? defaultWidth);
            cache.set(code, g);
          }
          out[n++] = g;
        }
        return n;
      },
    };
  }

  private simple(dict: Dict): Font {
    const x = this.xref;
    const type = nameOf(x, dict.get('Subtype'));
    if (type !== 'TrueType' && type !== 'Type1') return unsupported(`font type ${type}`);
    // pdfjs takes a font dictionary's own /FontMatrix (a key of Type3 fonts only).
    if (dict.has('FontMatrix')) unsupported('font with a /FontMatrix');
    const desc = dictOf(x, dict.get('FontDescriptor'));
    // Without a descriptor pdfjs takes the standard fonts' metrics; without /Widths too.
    if (!desc) return unsupported('font without a descriptor');
    const widthsArr = numbers(x, dict.get('Widths'));
    if (!widthsArr) return unsupported('font without /Widths');
    const name = this.fontName(dict, desc);
    const fc = x.get(dict.get('FirstChar') ?? null);
    const firstChar = Number.isInteger(fc) ? (fc as number) : 0;
    const mw = x.get(desc.get('MissingWidth') ?? null);
    const missingWidth = typeof mw === 'number' ? mw : 0;
    const flags = x.get(desc.get('Flags') ?? null);
    const symbolic = typeof flags === 'number' && (flags & 4) !== 0;
    const program = programOf(x, desc);
    const embedded = !!program;
    // A CFF or Type1 program (or one that is not what the dictionary says): its text from /ToUnicode
    // only, every code shown with a width of /Widths.
    const strict = !!program && (program.kind !== 'truetype' || type !== 'TrueType');
    const matrix0 = program?.matrix0 ?? FONT_MATRIX0;
    const k = widthScale(matrix0);
    // Encoding: a base encoding and /Differences (glyph names).
    let base: string | null = null;
    const differences = new Map<number, string>();
    const enc = x.get(dict.get('Encoding') ?? null);
    if (enc instanceof Name) base = enc.name;
    else if (enc instanceof Map) {
      base = nameOf(x, enc.get('BaseEncoding'));
      const diff = x.get(enc.get('Differences') ?? null);
      if (Array.isArray(diff)) {
        let code = 0;
        for (const d of diff) {
          const v = x.get(d);
          if (typeof v === 'number') code = v;
          else if (v instanceof Name) differences.set(code++, v.name);
          else unsupported('bad /Differences');
        }
      }
    } else if (enc !== null) unsupported('bad /Encoding');
    if (base !== null && base !== 'WinAnsiEncoding' && base !== 'MacRomanEncoding' && base !== 'MacExpertEncoding') base = null;
    if (base === 'MacRomanEncoding' || base === 'MacExpertEncoding') unsupported(base);
    if (!embedded && base === 'WinAnsiEncoding' && /[^ -~]/.test(name))
      // pdfjs reads a font named 宋体, 黑体, 仿宋_GB2312 … (GBK bytes) that is not embedded as GBK-EUC-H, not WinAnsi.
      unsupported('font with a Chinese name on WinAnsiEncoding');
    if (!embedded && base && /Symbol|Dingbats|Wingdings/i.test(name)) unsupported('symbol font on a base encoding');
    const hasEncoding = base !== null || differences.size > 0;
    const toUnicode = this.toUnicode(dict);
    if (strict && !toUnicode) unsupported('CFF or Type1 font without ToUnicode');
    if (!toUnicode) {
      // The text then comes from the encoding; pdfjs reads a symbolic font's or an embedded Type1
      // program's own encoding for what the dictionary leaves open.
      if (symbolic && !base) unsupported('symbolic font without ToUnicode');
    }
    const defaultTable =
      base === 'WinAnsiEncoding' || (type === 'TrueType' && !(typeof flags === 'number' && flags & 32)) ? WIN_ANSI : STANDARD_ASCII;
    const fromEncoding = (code: number): string | undefined => {
      const diff = differences.get(code);
      if (diff !== undefined && diff !== '.notdef') {
        const u = glyphUnicode(diff);
        if (u === null) return unsupported(`glyph name ${diff}`);
        // pdfjs: a uniXXXX name equal to its own code under a base encoding reads the base encoding's glyph.
        if (base && u === code && /^u/.test(diff)) return defaultTable[code] || undefined;
        return String.fromCodePoint(u);
      }
      const t = defaultTable[code];
      if (t) return t;
      if (defaultTable === STANDARD_ASCII && code >= 0x7f) return unsupported('StandardEncoding beyond ASCII');
      return undefined;
    };
    const cache = new Map<number, Glyph>();
    return {
      name,
      matrix0,
      glyphs(s: string, out: Glyph[]): number {
        let n = 0;
        for (let i = 0; i < s.length; i++) {
          const code = s.charCodeAt(i);
          let g = cache.get(code);
          if (!g) {
            // The encoding's text stands in for codes the ToUnicode map lacks (not for those it maps to nothing).
            let u = toUnicode?.get(code);
            if (!toUnicode || (hasEncoding && !toUnicode.has(code))) u = fromEncoding(code);
            // pdfjs shows a non-embedded Type1 font's unnamed codes as spaces.
            if (!embedded && type === 'Type1') {
              const named = differences.get(code) ?? defaultTable[code];
              if (!named || named === '.notdef') unsupported('unnamed code of a non-embedded font');
            }
            const width = widthsArr[code - firstChar];
            if (strict && (!toUnicode!.get(code) || typeof width !== 'number'))
              unsupported('code without ToUnicode or width in a font program');
            g = glyph(code, u || String.fromCharCode(code), (typeof width === 'number' ? width : missingWidth) * k);
            cache.set(code, g);
          }
          out[n++] = g;
        }
        return n;
      },
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Content streams

type Matrix = number[];

/** a × b in PDF's row-vector convention (b applied first). */
function mul(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

/** The text state; pdfjs saves and restores all of it (text matrices included) with q/Q. */
interface TextState {
  ctm: Matrix;
  font: Font | null;
  fontRes: string | null;
  fontSize: number;
  tm: Matrix;
  tlm: Matrix;
  charSpacing: number;
  wordSpacing: number;
  leading: number;
  hScale: number;
  rise: number;
}

const cloneState = (s: TextState): TextState => ({
  ctm: s.ctm,
  font: s.font,
  fontRes: s.fontRes,
  fontSize: s.fontSize,
  tm: s.tm.slice(),
  tlm: s.tlm.slice(),
  charSpacing: s.charSpacing,
  wordSpacing: s.wordSpacing,
  leading: s.leading,
  hScale: s.hScale,
  rise: s.rise,
});

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** Marks a numeric operand (its value is in the interpreter's Float64Array). */
const NUMBER = Symbol('number') as unknown as Obj;

/** The text matrices are changed in place: each state has its own (cloneState copies them). */
function copy(from: Matrix, to: Matrix) {
  for (let k = 0; k < 6; k++) to[k] = from[k];
}

function translate(m: Matrix, x: number, y: number) {
  m[4] = m[0] * x + m[2] * y + m[4];
  m[5] = m[1] * x + m[3] * y + m[5];
}

/** Characters pdfjs normalises (NFKC) in text content; other compatibility forms are left to pdfjs. */
const NORMALISED = /[\u00a0\u00b5\u037e\u0eb3\u2000-\u200a\u202f\u2126\ufb00-\ufb04\ufb06]+/gu;
/** Where either of those might be (most text has none: one test). */
const RARE = /[\u00a0-\u00b5\u037e\u0590-\u08ff\u0eb3\u2000-\u2126\ufb00-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const LEFT_TO_PDFJS = /[\u0590-\u08ff\ufb05\ufb07-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * One run of getTextContent (a page, or a Form XObject inside it: pdfjs gives each its own item
 * builder): glyphs become items, split and spaced by the gaps between them.
 */
class ItemBuilder {
  private started = false;
  private str: string[] = [];
  private width = 0;
  private totalWidth = 0;
  private height = 0;
  private transform: Matrix = [];
  private advanceScale = 0;
  private itemSize = 0;
  private prev: Matrix | null = null;
  /** Scratch: the glyphs of the string being shown. */
  private readonly glyphs: Glyph[] = [];
  /** Scratch: the text rendering matrix of the glyph being placed. */
  private readonly current: Matrix = [0, 0, 0, 0, 0, 0];
  private prevRise = 0;
  private last = [' ', ' '];
  private lastPos = 0;
  /** The font and size items were last split for. */
  private split: { size: number; res: string | null; font: Font | null } | null = null;

  constructor(
    private readonly out: TextItem[],
    private readonly view: number[],
    private readonly work: Work,
  ) {}

  /** The text rendering matrix ctm × (tm × [size·Tz 0 0 size 0 rise]) into `out` (the same arithmetic as mul(), without arrays). */
  private textTransform(s: TextState, out: Matrix): Matrix {
    const m = s.tm;
    const c = s.ctm;
    const h = s.fontSize * s.hScale;
    const v = s.fontSize;
    const a0 = m[0] * h + m[2] * 0;
    const a1 = m[1] * h + m[3] * 0;
    const a2 = m[0] * 0 + m[2] * v;
    const a3 = m[1] * 0 + m[3] * v;
    const a4 = m[0] * 0 + m[2] * s.rise + m[4];
    const a5 = m[1] * 0 + m[3] * s.rise + m[5];
    out[0] = c[0] * a0 + c[2] * a1;
    out[1] = c[1] * a0 + c[3] * a1;
    out[2] = c[0] * a2 + c[2] * a3;
    out[3] = c[1] * a2 + c[3] * a3;
    out[4] = c[0] * a4 + c[2] * a5 + c[4];
    out[5] = c[1] * a4 + c[3] * a5 + c[5];
    return out;
  }

  /** pdfjs adds a space after a run of whitespace that followed text. */
  private saveLast(ch: string): boolean {
    const next = (this.lastPos + 1) % 2;
    const ret = this.last[this.lastPos] !== ' ' && this.last[next] === ' ';
    this.last[this.lastPos] = ch;
    this.lastPos = next;
    return ret;
  }
  private spaceDue(): boolean {
    return this.last[this.lastPos] !== ' ' && this.last[(this.lastPos + 1) % 2] === ' ';
  }
  private resetLast() {
    this.last[0] = this.last[1] = ' ';
    this.lastPos = 0;
  }

  private begin(s: TextState) {
    if (this.started) return;
    const t = (this.transform = this.textTransform(s, [0, 0, 0, 0, 0, 0]));
    this.width = this.totalWidth = 0;
    this.height = Math.hypot(t[2], t[3]);
    this.advanceScale = Math.hypot(s.ctm[0], s.ctm[1]) * Math.hypot(s.tlm[0], s.tlm[1]);
    this.itemSize = s.fontSize;
    this.started = true;
  }

  /** Tm changed: width so far is counted at the old scale. */
  rescale(s: TextState) {
    if (!this.started) return;
    const scale = Math.hypot(s.ctm[0], s.ctm[1]) * Math.hypot(s.tlm[0], s.tlm[1]);
    if (scale === this.advanceScale) return;
    this.totalWidth += this.width * this.advanceScale;
    this.width = 0;
    this.advanceScale = scale;
  }

  flush() {
    if (!this.started) return;
    this.totalWidth += this.width * this.advanceScale;
    let text = this.str.join('');
    if (RARE.test(text)) {
      if (LEFT_TO_PDFJS.test(text)) unsupported('right-to-left or presentation-form text');
      text = text.replace(NORMALISED, (m) => m.normalize('NFKC'));
    }
    if (++this.work.items > this.work.limits.items) throw new PdfOverLimit('too many text items');
    this.out.push({ str: text, transform: this.transform, width: Math.abs(this.totalWidth) });
    this.started = false;
    this.str.length = 0;
  }

  private eol() {
    this.resetLast();
    if (this.started) this.flush();
  }

  /** Where the next glyph stands against the last one: same item, a space, a new item, or off the page. */
  private place(s: TextState, glyphWidth: number): boolean {
    const t = this.textTransform(s, this.current);
    let x = t[4];
    let y = t[5];
    const v = this.view;
    if (x + glyphWidth < v[0] || x > v[2] || y < v[1] || y > v[3]) return false;
    if (!this.prev) return true;
    let lx = this.prev[4];
    let ly = this.prev[5];
    if (lx === x && ly === y) return true;
    if (t[0] && t[1] === 0 && t[2] === 0) {
      if (t[0] < 0) [x, y, lx, ly] = [-x, -y, -lx, -ly];
    } else if (t[1] && t[0] === 0 && t[3] === 0) {
      if (t[1] > 0) [x, y, lx, ly] = [y, x, ly, lx];
      else [x, y, lx, ly] = [-y, -x, -ly, -lx];
    } else {
      const unrotate = (px: number, py: number, m: Matrix) => {
        const k = Math.hypot(m[0], m[1]);
        return [(m[0] * px + m[1] * py) / k, (m[2] * px + m[3] * py) / k];
      };
      [x, y] = unrotate(x, y, t);
      [lx, ly] = unrotate(lx, ly, this.prev);
    }
    // The thresholds are those of the item begun last (pdfjs keeps them after a split).
    const size = this.itemSize;
    const ax = (x - lx) / this.advanceScale;
    const ay = y - ly;
    const dir = Math.sign(this.width || this.totalWidth);
    if (ax < dir * size * -0.2) {
      if (Math.abs(ay) > 0.5 * this.height) {
        this.eol();
        return true;
      }
      this.resetLast();
      this.flush();
      return true;
    }
    const riseDelta = s.rise - this.prevRise;
    const ayc = riseDelta === 0 ? ay : ay - (t[3] / size) * riseDelta;
    if (Math.abs(ayc) > this.height) {
      this.eol();
      return true;
    }
    if (ax <= dir * size * 0.03) this.resetLast();
    if (ax <= dir * size * 0.102) {
      if (this.spaceDue()) {
        this.resetLast();
        this.flush();
      } else this.width += ax;
    } else if (dir * size * 0.102 <= ax && ax <= dir * size * 0.6) {
      // A gap of a space: a space in the item.
      this.resetLast();
      if (this.started) {
        this.str.push(' ');
        this.width += ax;
      }
    } else {
      this.flush();
      this.resetLast();
    }
    if (Math.abs(ay) > this.height * 0.25) this.flush();
    return true;
  }

  /** Tj's string (or a piece of TJ's), then `extra` (TJ's number, in text space) after it. */
  show(s: TextState, chars: string, extra: number) {
    const font = s.font!;
    const sp = this.split;
    if (!sp || sp.size !== s.fontSize || (sp.res !== s.fontRes && sp.font?.name !== font.name)) {
      if (sp) this.flush();
      this.split = { size: s.fontSize, res: s.fontRes, font };
    }
    if (!chars) {
      const cs = s.charSpacing + extra;
      if (cs) translate(s.tm, cs * s.hScale, 0);
      return;
    }
    this.work.spend(chars.length);
    const glyphs = this.glyphs;
    const count = font.glyphs(chars, glyphs);
    const scale = font.matrix0 * s.fontSize;
    for (let i = 0; i < count; i++) {
      const g = glyphs[i];
      if (g.invisible) continue;
      let cs = s.charSpacing + (i + 1 === count ? extra : 0);
      let dim = g.width * scale;
      if (g.code === 0x20) cs += s.wordSpacing;
      if (g.whitespace) {
        cs += dim;
        translate(s.tm, cs * s.hScale, 0);
        this.saveLast(' ');
        continue;
      }
      if (!g.diacritic && !this.place(s, dim)) {
        translate(s.tm, dim * s.hScale, 0);
        continue;
      }
      this.begin(s);
      if (g.diacritic) dim = 0;
      dim *= s.hScale;
      translate(s.tm, dim, 0);
      this.width += dim;
      if (dim) {
        this.prev = this.textTransform(s, this.prev ?? [0, 0, 0, 0, 0, 0]);
        this.prevRise = s.rise;
      }
      if (this.saveLast(g.unicode)) this.str.push(' ');
      this.str.push(g.unicode);
      if (cs) translate(s.tm, cs * s.hScale, 0);
    }
  }
}

class Interpreter {
  private forms = 0;
  /** The horizontal rules of the page being read (TextPage.rules). */
  rules: number[] = [];
  /** Its vertical rules (TextPage.columns). */
  columns: number[] = [];
  constructor(
    private readonly xref: XRef,
    private readonly fonts: Fonts,
  ) {}

  /** Runs one content stream (page or form) with its own item builder, from `state`. */
  run(bytes: Uint8Array, resources: Dict | null, state: TextState, out: TextItem[], view: number[], depth: number) {
    const x = this.xref;
    x.work.spend(bytes.length);
    const builder = new ItemBuilder(out, view, x.work);
    const lx = new Lexer(bytes);
    const stack: TextState[] = [];
    let s = state;
    const gsFont = new Map<string, boolean>();
    // The operands of the next operator: ops[0 … n-1] (the array is reused).
    const ops: Obj[] = [];
    let n = 0;
    const fontDict = resources ? dictOf(x, resources.get('Font')) : null;
    const need = (count: number, what: string) => {
      if (n !== count) unsupported(`${what} with ${n} operands`);
    };
    // Numbers go to `nums` (unboxed), other operands to `ops`; ops[i] is NUMBER where nums[i] holds one.
    const nums = new Float64Array(66);
    const num = (i: number): number => (ops[i] === NUMBER ? nums[i] : unsupported('operand is not a number'));
    const str = (i: number): string => (typeof ops[i] === 'string' ? (ops[i] as string) : unsupported('operand is not a string'));
    const needFont = () => {
      if (!s.font) unsupported('text without a font');
    };
    // The current path, in user space (after the CTM at each operator): its straight segments and its
    // rectangles (x0, y0, x1, y1 each), for the rules a table's borders are drawn with.
    const segs: number[] = [];
    const rects: number[] = [];
    let px = 0;
    let py = 0;
    let sx = 0;
    let sy = 0;
    // (The point nums[i], nums[i + 1] in user space, into tx, ty.)
    let tx = 0;
    let ty = 0;
    const at = (i: number) => {
      const m = s.ctm;
      tx = m[0] * nums[i] + m[2] * nums[i + 1] + m[4];
      ty = m[1] * nums[i] + m[3] * nums[i + 1] + m[5];
    };
    const allNumbers = (count: number) => {
      if (n !== count) return false;
      for (let k = 0; k < count; k++) if (ops[k] !== NUMBER) return false;
      return true;
    };
    const rule = (x0: number, x1: number, y: number) => {
      if (Math.abs(x1 - x0) >= RULE_LENGTH && this.rules.length <= MAX_PAGE_RULES * 3)
        this.rules.push(Math.min(x0, x1), Math.max(x0, x1), y);
    };
    const column = (x: number, y0: number, y1: number) => {
      if (Math.abs(y1 - y0) >= RULE_LENGTH && this.columns.length <= MAX_PAGE_RULES * 3)
        this.columns.push(x, Math.min(y0, y1), Math.max(y0, y1));
    };
    const paint = (stroke: boolean, fill: boolean) => {
      if (stroke)
        for (let k = 0; k + 3 < segs.length; k += 4)
          if (Math.abs(segs[k + 3] - segs[k + 1]) < 0.5) rule(segs[k], segs[k + 2], (segs[k + 1] + segs[k + 3]) / 2);
          else if (Math.abs(segs[k + 2] - segs[k]) < 0.5) column((segs[k] + segs[k + 2]) / 2, segs[k + 1], segs[k + 3]);
      for (let k = 0; k + 3 < rects.length; k += 4) {
        const x0 = rects[k];
        const y0 = rects[k + 1];
        const x1 = rects[k + 2];
        const y1 = rects[k + 3];
        if (fill && Math.abs(y1 - y0) <= RULE_THICKNESS) rule(x0, x1, (y0 + y1) / 2);
        else if (fill && Math.abs(x1 - x0) <= RULE_THICKNESS) column((x0 + x1) / 2, y0, y1);
        else if (stroke) {
          rule(x0, x1, y0);
          rule(x0, x1, y1);
          column(x0, y0, y1);
          column(x1, y0, y1);
        }
      }
      segs.length = 0;
      rects.length = 0;
    };
    const pathOp = (cmd: string): void => {
      switch (cmd) {
        case 'm':
          if (allNumbers(2)) {
            at(0);
            px = sx = tx;
            py = sy = ty;
          }
          return;
        case 'l':
          if (allNumbers(2)) {
            at(0);
            segs.push(px, py, tx, ty);
            px = tx;
            py = ty;
          }
          return;
        case 'h':
          segs.push(px, py, sx, sy);
          px = sx;
          py = sy;
          return;
        case 're':
          if (allNumbers(4)) {
            at(0);
            const ax = tx;
            const ay = ty;
            nums[0] += nums[2];
            nums[1] += nums[3];
            at(0);
            rects.push(Math.min(ax, tx), Math.min(ay, ty), Math.max(ax, tx), Math.max(ay, ty));
            px = sx = ax;
            py = sy = ay;
          }
          return;
        case 'S':
        case 's':
          return paint(true, false);
        case 'f':
        case 'F':
        case 'f*':
          return paint(false, true);
        case 'B':
        case 'B*':
        case 'b':
        case 'b*':
          return paint(true, true);
        case 'n':
          return paint(false, false);
      }
    };
    while (true) {
      lx.skipSpace();
      if (lx.p >= lx.end) break;
      // Numbers and operators, most of a content stream, read directly; the rest as objects.
      const c = bytes[lx.p];
      let o: Obj | Cmd | typeof EOF;
      if ((c >= 48 && c <= 57) || c === 45 || c === 46 || c === 43) {
        if (n > 64) unsupported('too many operands');
        nums[n] = lx.number();
        ops[n++] = NUMBER;
        continue;
      }
      if (!DELIM[c]) o = lx.keyword();
      else o = lx.object(false);
      if (!(o instanceof Cmd)) {
        if (n > 64) unsupported('too many operands');
        ops[n++] = o as Obj;
        continue;
      }
      switch (o.op) {
        case Op.True:
        case Op.False:
        case Op.Null:
          ops[n++] = o.op === Op.True ? true : o.op === Op.False ? false : null;
          continue;
        case Op.q:
          stack.push(s);
          s = cloneState(s);
          break;
        case Op.Q:
          s = stack.pop() ?? s;
          break;
        case Op.cm:
          need(6, 'cm');
          s.ctm = mul(s.ctm, [num(0), num(1), num(2), num(3), num(4), num(5)]);
          break;
        case Op.BT:
          copy(IDENTITY, s.tm);
          copy(IDENTITY, s.tlm);
          break;
        case Op.ET:
          break;
        case Op.Tf: {
          need(2, 'Tf');
          if (!(ops[0] instanceof Name)) unsupported('Tf without a font name');
          const res = (ops[0] as Name).name;
          const size = num(1);
          if (s.font && res === s.fontRes && size === s.fontSize) break;
          const ref = fontDict?.get(res);
          if (ref === undefined) unsupported(`font ${res} not in resources`);
          s.fontRes = res;
          s.fontSize = size;
          s.font = this.fonts.load(ref!);
          break;
        }
        case Op.Tc:
          need(1, 'Tc');
          s.charSpacing = num(0);
          break;
        case Op.Tw:
          need(1, 'Tw');
          s.wordSpacing = num(0);
          break;
        case Op.Tz:
          need(1, 'Tz');
          s.hScale = num(0) / 100;
          break;
        case Op.TL:
          need(1, 'TL');
          s.leading = num(0);
          break;
        case Op.Ts:
          need(1, 'Ts');
          s.rise = num(0);
          break;
        case Op.Tr:
          need(1, 'Tr');
          break;
        case Op.Td:
          need(2, 'Td');
          translate(s.tlm, num(0), num(1));
          copy(s.tlm, s.tm);
          break;
        case Op.TD:
          need(2, 'TD');
          s.leading = -num(1);
          translate(s.tlm, num(0), num(1));
          copy(s.tlm, s.tm);
          break;
        case Op.TStar:
          translate(s.tlm, 0, -s.leading);
          copy(s.tlm, s.tm);
          break;
        case Op.Tm:
          need(6, 'Tm');
          for (let k = 0; k < 6; k++) s.tm[k] = num(k);
          copy(s.tm, s.tlm);
          builder.rescale(s);
          break;
        case Op.Tj:
          need(1, 'Tj');
          needFont();
          builder.show(s, str(0), 0);
          break;
        case Op.Quote:
          need(1, "'");
          needFont();
          translate(s.tlm, 0, -s.leading);
          copy(s.tlm, s.tm);
          builder.show(s, str(0), 0);
          break;
        case Op.DoubleQuote:
          need(3, '"');
          needFont();
          s.wordSpacing = num(0);
          s.charSpacing = num(1);
          translate(s.tlm, 0, -s.leading);
          copy(s.tlm, s.tm);
          builder.show(s, str(2), 0);
          break;
        case Op.TJ: {
          need(1, 'TJ');
          needFont();
          const arr = ops[0];
          if (!Array.isArray(arr)) unsupported('TJ without an array');
          const factor = -s.fontSize / 1000;
          let pending = '';
          for (const e of arr as Obj[]) {
            if (typeof e === 'string') pending += e;
            else if (typeof e === 'number') {
              if (e !== 0) {
                builder.show(s, pending, e * factor);
                pending = '';
              }
            } else unsupported('TJ element');
          }
          if (pending) builder.show(s, pending, 0);
          break;
        }
        case Op.Do: {
          need(1, 'Do');
          builder.flush();
          if (!(ops[0] instanceof Name)) unsupported('Do without a name');
          const xobjs = resources ? dictOf(x, resources.get('XObject')) : null;
          const ref = xobjs?.get((ops[0] as Name).name);
          const xo = x.get(ref ?? null);
          if (!(xo instanceof Stream)) unsupported('XObject is not a stream');
          const sub = nameOf(x, (xo as Stream).dict.get('Subtype'));
          if (sub !== 'Form') {
            if (sub !== 'Image') unsupported(`XObject ${sub}`);
            break;
          }
          if (depth >= MAX_FORM_DEPTH || ++this.forms > 10000) unsupported('forms nested too deep');
          const form = xo as Stream;
          const inner = cloneState(s);
          const m = numbers(x, form.dict.get('Matrix'));
          if (m && m.length === 6) inner.ctm = mul(inner.ctm, m);
          const res = dictOf(x, form.dict.get('Resources'));
          this.run(decodeStream(x, form), res ?? resources, inner, out, view, depth + 1);
          break;
        }
        case Op.gs: {
          need(1, 'gs');
          const key = ops[0] instanceof Name ? ops[0].name : '';
          let hasFont = gsFont.get(key);
          if (hasFont === undefined) {
            const gsDict = resources ? dictOf(x, resources.get('ExtGState')) : null;
            hasFont = !!(gsDict && key && dictOf(x, gsDict.get(key))?.has('Font'));
            gsFont.set(key, hasFont);
          }
          if (hasFont) unsupported('ExtGState with a font');
          break;
        }
        case Op.BMC:
        case Op.BDC:
        case Op.EMC:
          builder.flush();
          break;
        case Op.BI:
          skipInlineImage(lx);
          break;
        default:
          // Paths (their rules kept: pathOp), colours, clipping, shading, compatibility sections:
          // nothing for text. An unknown operator pdfjs would skip keeping its operands for the next
          // one: not followed here.
          if (o.other) {
            pathOp(o.cmd);
            break;
          }
          return unsupported(`operator ${o.cmd}`);
      }
      n = 0;
    }
    builder.flush();
  }
}

/** Skips an inline image (`BI` … `ID` data `EI`): its data length from its dictionary, so that bytes like EI in it are data. */
function skipInlineImage(lx: Lexer) {
  const d = new Map<string, Obj>();
  while (true) {
    const k = lx.object(false);
    if (k instanceof Cmd && k.cmd === 'ID') break;
    if (!(k instanceof Name)) return unsupported('bad inline image');
    const v = lx.object(false);
    if (v === EOF || v instanceof Cmd) return unsupported('bad inline image');
    d.set(k.name, v);
  }
  const get = (a: string, b: string) => d.get(a) ?? d.get(b);
  const filter = get('F', 'Filter');
  if (filter !== undefined && !(Array.isArray(filter) && !filter.length)) unsupported('filtered inline image');
  const w = get('W', 'Width');
  const h = get('H', 'Height');
  const mask = get('IM', 'ImageMask') === true;
  const bpc = mask ? 1 : get('BPC', 'BitsPerComponent');
  const cs = get('CS', 'ColorSpace');
  const csName = cs instanceof Name ? cs.name : Array.isArray(cs) && cs[0] instanceof Name ? cs[0].name : null;
  const comps = mask
    ? 1
    : ({ G: 1, DeviceGray: 1, RGB: 3, DeviceRGB: 3, CMYK: 4, DeviceCMYK: 4, I: 1, Indexed: 1 } as Record<string, number>)[csName ?? ''];
  if (typeof w !== 'number' || typeof h !== 'number' || typeof bpc !== 'number' || !comps || w < 0 || h < 0)
    return unsupported('inline image size');
  const length = Math.ceil((w * comps * bpc) / 8) * h;
  // One white-space byte after ID, then the data.
  const start = lx.p + 1;
  if (start + length > lx.end) return unsupported('inline image past the end');
  lx.p = start + length;
  const ei = lx.token();
  if (!(ei instanceof Cmd) || ei.cmd !== 'EI') unsupported('inline image without EI');
}

// ---------------------------------------------------------------------------------------------
// Pages

interface PageInfo {
  dict: Dict;
  resources: Dict | null;
  view: number[];
}

function normalRect(r: number[] | null): number[] | null {
  if (!r || r.length !== 4) return null;
  const box = [Math.min(r[0], r[2]), Math.min(r[1], r[3]), Math.max(r[0], r[2]), Math.max(r[1], r[3])];
  return box[2] - box[0] > 0 && box[3] - box[1] > 0 ? box : null;
}

function pagesOf(xref: XRef, maxPages: number): PageInfo[] {
  const root = dictOf(xref, xref.trailer.get('Root'));
  const top = root ? dictOf(xref, root.get('Pages')) : null;
  if (!top) return unsupported('no page tree');
  const out: PageInfo[] = [];
  const seen = new Set<Dict>();
  type Inherited = { resources: Dict[]; media: Obj | undefined; crop: Obj | undefined };
  const walk = (node: Dict, inh: Inherited, depth: number) => {
    if (seen.has(node) || depth > 64) unsupported('page tree cycle');
    seen.add(node);
    const own = dictOf(xref, node.get('Resources'));
    const here: Inherited = {
      resources: own ? [own, ...inh.resources] : inh.resources,
      media: node.get('MediaBox') ?? inh.media,
      crop: node.get('CropBox') ?? inh.crop,
    };
    const kids = xref.get(node.get('Kids') ?? null);
    const type = nameOf(xref, node.get('Type'));
    if (type === 'Pages' || (type === null && Array.isArray(kids))) {
      if (!Array.isArray(kids)) return unsupported('Pages without Kids');
      for (const k of kids) {
        const kid = dictOf(xref, k);
        if (!kid) return unsupported('bad page tree node');
        walk(kid, here, depth + 1);
      }
      return;
    }
    if (type !== 'Page') unsupported('bad page tree node');
    const media = normalRect(numbers(xref, here.media)) ?? [0, 0, 612, 792];
    const crop = normalRect(numbers(xref, here.crop)) ?? media;
    let view = media;
    if (crop.some((v, i) => v !== media[i])) {
      const box = [Math.max(crop[0], media[0]), Math.max(crop[1], media[1]), Math.min(crop[2], media[2]), Math.min(crop[3], media[3])];
      if (box[2] - box[0] > 0 && box[3] - box[1] > 0) view = box;
    }
    // pdfjs merges the /Resources of the page and of its ancestors, the nearest one's entries first.
    let resources: Dict | null = here.resources[0] ?? null;
    if (here.resources.length > 1) {
      const merged: Dict = new Map();
      for (const r of here.resources) for (const [k, v] of r) if (!merged.has(k)) merged.set(k, v);
      resources = merged;
    }
    out.push({ dict: node, resources, view });
  };
  walk(top, { resources: [], media: undefined, crop: undefined }, 0);
  const count = xref.get(top.get('Count') ?? null);
  if (count !== out.length) unsupported('page count differs from the page tree');
  return out.slice(0, maxPages);
}

/**
 * The text items of each page (up to `maxPages`), as pdfjs's getTextContent gives them. Throws
 * PdfUnsupported for what it does not read as pdfjs does, PdfMissingCMap for a CMap not in `cMapDir`.
 */
export function readTextPages(data: Uint8Array, cMapDir: string | null, maxPages: number, limits = READ_LIMITS): TextPage[] {
  if (latin1(data, 0, Math.min(1024, data.length)).indexOf('%PDF-') < 0) unsupported('no header');
  const xref = new XRef(data, new Work(limits));
  const fonts = new Fonts(xref, new CMapStore(cMapDir));
  const interp = new Interpreter(xref, fonts);
  return pagesOf(xref, maxPages).map((page) => {
    const contents = xref.get(page.dict.get('Contents') ?? null);
    const streams = (Array.isArray(contents) ? contents.map((c) => xref.get(c)) : contents === null ? [] : [contents]) as Obj[];
    const parts = streams.map((s) => {
      if (!(s instanceof Stream)) return unsupported('content is not a stream');
      if (s.dict.has('Resources')) unsupported('content stream with its own resources');
      return decodeStream(xref, s);
    });
    const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    const items: TextItem[] = [];
    const state: TextState = {
      ctm: [1, 0, 0, 1, 0, 0],
      font: null,
      fontRes: null,
      fontSize: 0,
      tm: [1, 0, 0, 1, 0, 0],
      tlm: [1, 0, 0, 1, 0, 0],
      charSpacing: 0,
      wordSpacing: 0,
      leading: 0,
      hScale: 1,
      rise: 0,
    };
    interp.rules = [];
    interp.columns = [];
    interp.run(bytes, page.resources, state, items, page.view, 0);
    const many = (r: number[]) => (r.length > MAX_PAGE_RULES * 3 ? [] : r);
    return { view: page.view, items, rules: many(interp.rules), columns: many(interp.columns) };
  });
}
