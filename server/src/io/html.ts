/**
 * Saved web pages (.html/.htm): charset from the BOM, `<meta charset>` / `http-equiv`, or sniffed
 * (UTF-8, else GB18030), decoded once; then one pass of htmlparser2's tokenizer (no document tree):
 * narrative from the block elements outside tables, one paragraph a line; tables with their
 * rowspan/colspan, a cell's paragraphs and line breaks joined, `&nbsp;` and `<p> </p>` blanks seen
 * as blank cells, a cell left open closed by the next (as a browser does); a table inside a cell is
 * read on its own: a table that holds a table of rows and has no rows of data of its own is a layout
 * around it (a page frame, a one-cell box) and gives its cells' paragraphs and tables as the page's
 * own; a table inside a table of data is flattened into its cell's text; text standing in a table outside its cells goes
 * before the table.
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import { GB18030_FATAL, decodeText, type DecodedText } from './decode';
import { writeDocument, type Block, type SourceCell, type SourceDocument, type SourceLocation } from './document';
import { pushAll } from '../report/arrays';

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'title',
  'iframe',
  'object',
  'svg',
  'math',
  'select',
  'textarea',
  'button',
]);
const BLOCK = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'blockquote',
  'pre',
  'center',
  'address',
  'figure',
  'figcaption',
  'form',
  'fieldset',
  'hr',
  'caption',
  'body',
  'html',
]);

/** The charset a page declares in its first bytes, normalised to what the decoder knows. */
function declaredCharset(bytes: Uint8Array): 'utf-8' | 'gb18030' | null {
  // Each byte as the character of the same code (only ASCII matters here): Node's latin1 is a copy,
  // a tenth of what a latin1 TextDecoder or String.fromCharCode costs.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? knownCharset(m[1]) : null;
}

/** A charset's name as the decoder knows it: UTF-8, GB18030 (for GB2312, GBK and their aliases too), else null. */
export function knownCharset(name: string): 'utf-8' | 'gb18030' | null {
  const cs = name.toLowerCase();
  if (cs === 'utf-8' || cs === 'utf8') return 'utf-8';
  if (/^(gb2312|gbk|gb18030|x-gbk|euc-cn|cp936|windows-936)$/.test(cs)) return 'gb18030';
  return null;
}

export function decodeHtml(bytes: Uint8Array, name = ''): DecodedText {
  const hasBom =
    (bytes[0] === 0xef && bytes[1] === 0xbb) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const declared = hasBom ? null : declaredCharset(bytes);
  if (declared === 'gb18030') {
    try {
      return { text: GB18030_FATAL.decode(bytes), encoding: 'gb18030', bom: false, invalidLines: [] };
    } catch {
      // declared GBK but is not: fall back to sniffing
    }
  }
  return decodeText(bytes, name);
}

/** HTML whitespace collapsed; no-break and ideographic spaces kept inside, trimmed at the ends. */
function clean(s: string): string {
  // trim() strips exactly the white space of \s (no-break and ideographic spaces included); most
  // paragraphs then have no run of HTML white space left to collapse.
  const t = s.trim();
  return INNER_RUN.test(t) ? t.replace(/[ \t\n\r\f]+/g, ' ') : t;
}

const INNER_RUN = /[\t\n\r\f]| {2}/;

/** Where a chunk of text starts after its leading HTML white space; -1 when it is nothing but white space (\s). */
function textStart(t: string): number {
  let i = 0;
  for (let c = t.charCodeAt(0); c === 32 || c === 10 || c === 9 || c === 13 || c === 12; c = t.charCodeAt(++i));
  if (i === t.length) return -1;
  // A character that is not white space after them (most text): the text is more than white space.
  return isSpace(t.charCodeAt(i)) && !t.trim() ? -1 : i;
}

/** White space as trim() and \s know it, and the controls (told by trim() itself). */
function isSpace(c: number): boolean {
  return (
    c <= 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Offsets of the line starts of a text (a line ends at LF, CR LF or a lone CR). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // Line feeds only (most pages): found by indexOf, not code by code.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

interface OpenCell {
  /** The cell's paragraphs and lines read so far, each cleaned, joined without a separator (a label wrapped over lines). */
  text: string;
  /** The paragraph being read. */
  part: string;
  loc: SourceLocation | null;
  /** Where the paragraph being read starts (the offset of its first text that is not white space; -1 before it). */
  partAt: number;
  /** Where the cell's tag starts: its location when it holds no text. */
  at: number;
  rowSpan: number;
  colSpan: number;
  /** Its table's content in order (see OpenTable.flow). */
  flow: Flow;
  /** A table stood in it. */
  holdsTable?: boolean;
}

/**
 * A table's content as blocks, in order: each paragraph of its cells on its own (its text and its
 * offset in the page), the tables inside them kept whole: what the table gives when it is only a
 * layout around other tables.
 */
interface Flow {
  items: (string | Block[])[];
  ats: number[];
}

const span = (v: string | undefined, max: number) => Math.min(Number(v ?? 1) || 1, max);

/** A paragraph or line break in a cell: the paragraph read so far joins the cell's text. */
function breakCell(cell: OpenCell) {
  const t = clean(cell.part);
  cell.part = '';
  if (!t) return;
  cell.text += t;
  cell.flow.items.push(t);
  cell.flow.ats.push(cell.partAt < 0 ? cell.at : cell.partAt);
  cell.partAt = -1;
}

function addToCell(cell: OpenCell, t: string) {
  // A U+0001 of the page's own breaks the cell's paragraph as a tag does (as it always has).
  if (!t.includes('\u0001')) {
    cell.part += t;
    return;
  }
  const pieces = t.split('\u0001');
  for (let i = 0; i < pieces.length - 1; i++) {
    cell.part += pieces[i];
    breakCell(cell);
  }
  cell.part += pieces[pieces.length - 1];
}

/** A table being read (tables inside a cell of another are read on their own: a layout table holds the report's). */
interface OpenTable {
  rows: SourceCell[][];
  cell: OpenCell | null;
  flow: Flow;
  /** How many cells the table has. */
  cells: number;
  /** The most cells of a table of rows (two rows of two cells or more) inside this one's cells, at any depth. */
  inner: number;
  /** Its rows with two cells or more that each hold a number (and no table): rows of data. */
  dataRows: number;
  /** Number cells in the row being read. */
  rowNumbers: number;
}

/** A cell's text that is a number (digits, full-width ones, thousands separators): a data cell. */
const NUMBER_CELL = /^[\d０-９][\d０-９,，.]*$/;

/** What NUMBER_CELL asks of a cell's first character, asked first (most cells are labels). */
function startsWithDigit(text: string): boolean {
  const c = text.charCodeAt(0);
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

/** A table of rows: two rows or more of two cells or more (a one-cell frame or a single row is not). */
function tableSize(rows: SourceCell[][]): number {
  let wide = 0;
  let cells = 0;
  for (const r of rows) {
    cells += r.length;
    if (r.length >= 2) wide++;
  }
  return wide >= 2 ? cells : 0;
}

/**
 * Where the markup read stands: a whole page (offsets are the page's), or a piece of a text file
 * (offsets are from `base` in the file, whose line starts are `starts`), located as text.
 */
interface Placement {
  kind: 'html' | 'text';
  base: number;
  starts: number[];
}

/** Line and column (1-based) of an offset, by the line starts. */
export function lineColumn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** The attributes the reader reads, of a cell's tag only (first one of a name wins, as in htmlparser2's Parser). */
export interface CellAttrs {
  rowspan?: string;
  colspan?: string;
}

export interface PageEvents {
  onopentag(name: string, attrs: CellAttrs): void;
  onclosetag(name: string): void;
  ontext(text: string): void;
}

/** Elements whose opening closes the open ones named (htmlparser2's Parser, HTML mode). */
const P_TAG = new Set(['p']);
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const SECTION_TAGS = new Set(['thead', 'tbody']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((t): [string, Set<string>] => [t, P_TAG]),
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t): [string, Set<string>] => [t, FORM_TAGS]),
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ...['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form']
    .concat(['header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'])
    .map((t): [string, Set<string>] => [t, P_TAG]),
  ['rt', RT_RP],
  ['rp', RT_RP],
  ['tbody', SECTION_TAGS],
  ['tfoot', SECTION_TAGS],
]);
const VOID_ELEMENTS = new Set(
  ['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta'].concat([
    'param',
    'source',
    'track',
    'wbr',
  ]),
);
const FOREIGN_CONTEXT = new Set(['math', 'svg']);
const HTML_INTEGRATION = new Set(['mi', 'mo', 'mn', 'ms', 'mtext', 'annotation-xml', 'foreignobject', 'desc', 'title']);
const NO_ATTRS: CellAttrs = Object.freeze({});

/** What the parser needs to know of an element, found once for each way its name is written. */
interface Tag {
  /** The name in lower case: one string for every event of the element (quick to compare and look up). */
  name: string;
  /** The open elements its opening closes. */
  closes: Set<string> | undefined;
  void: boolean;
  /** SVG or MathML: opens a foreign context. */
  foreign: boolean;
  /** An HTML integration point (in a foreign context, HTML again). */
  integration: boolean;
  /** A cell (its rowspan and colspan are read). */
  cell: boolean;
}

/** Tags by their names as written (a page names a few dozen elements); bounded against a page of made-up or huge names. */
const TAGS = new Map<string, Tag>();
const MAX_TAGS = 4096;

function tagOf(written: string): Tag {
  const known = TAGS.get(written);
  if (known) return known;
  const name = written.toLowerCase();
  const tag = TAGS.get(name) ?? {
    name,
    closes: OPEN_IMPLIES_CLOSE.get(name),
    void: VOID_ELEMENTS.has(name),
    foreign: FOREIGN_CONTEXT.has(name),
    integration: HTML_INTEGRATION.has(name),
    cell: name === 'td' || name === 'th',
  };
  if (TAGS.size < MAX_TAGS && written.length <= 32) TAGS.set(name, tag).set(written, tag);
  return tag;
}

/**
 * htmlparser2's Parser (v10, HTML mode, entities decoded) for what this reader listens to: the same
 * open, close and text events in the same order — elements closed by the ones their opening
 * implies, void elements, a stray `</p>` or `</br>`, self-closing tags in SVG and MathML, the open
 * ones closed at the end — and the same `startIndex` at each, over htmlparser2's own tokenizer.
 * What it leaves out is what the reader does not use: attributes other than a cell's rowspan and
 * colspan (the Parser builds an object of every tag's attributes), comments, declarations; its
 * stack of open elements is kept innermost last (the Parser's shifts and unshifts it at the front).
 */
export class PageParser implements TokenizerCallbacks {
  /** Where the event being told starts in the text (the Parser's startIndex). */
  startIndex = 0;
  private text = '';
  private tag: Tag | null = null;
  private openTagStart = 0;
  /** An open tag's event not told yet (the Parser's attribs not null). */
  private opening = false;
  private attrs: CellAttrs | null = null;
  private attribname = '';
  private attribvalue = '';
  private readonly stack: string[] = [];
  private readonly foreign: boolean[] = [false];
  private readonly tokenizer: Tokenizer;

  constructor(private readonly cbs: PageEvents) {
    this.tokenizer = new Tokenizer({ decodeEntities: true }, this);
  }

  parse(text: string) {
    this.text = text;
    this.tokenizer.write(text);
    this.tokenizer.end();
  }

  ontext(start: number, endIndex: number) {
    this.cbs.ontext(this.text.slice(start, endIndex));
    this.startIndex = endIndex;
  }

  ontextentity(cp: number, endIndex: number) {
    this.cbs.ontext(String.fromCodePoint(cp));
    this.startIndex = endIndex;
  }

  onopentagname(start: number, endIndex: number) {
    this.emitOpenTag(tagOf(this.text.slice(start, endIndex)));
  }

  private emitOpenTag(tag: Tag) {
    this.openTagStart = this.startIndex;
    this.tag = tag;
    const { closes } = tag;
    const stack = this.stack;
    if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1])) this.cbs.onclosetag(stack.pop()!);
    if (!tag.void) {
      stack.push(tag.name);
      if (tag.foreign) this.foreign.push(true);
      else if (tag.integration) this.foreign.push(false);
    }
    this.opening = true;
    this.attrs = tag.cell ? {} : null;
    this.attribvalue = '';
  }

  private endOpenTag() {
    this.startIndex = this.openTagStart;
    const tag = this.tag!;
    if (this.opening) {
      this.cbs.onopentag(tag.name, this.attrs ?? NO_ATTRS);
      this.opening = false;
      this.attrs = null;
    }
    if (tag.void) this.cbs.onclosetag(tag.name);
    this.tag = null;
  }

  onopentagend(endIndex: number) {
    this.endOpenTag();
    this.startIndex = endIndex + 1;
  }

  onclosetag(start: number, endIndex: number) {
    const tag = tagOf(this.text.slice(start, endIndex));
    const { name } = tag;
    if (tag.foreign || tag.integration) this.foreign.pop();
    if (!tag.void) {
      const stack = this.stack;
      const at = stack.lastIndexOf(name);
      if (at !== -1) while (stack.length > at) this.cbs.onclosetag(stack.pop()!);
      else if (name === 'p') {
        this.emitOpenTag(tag);
        this.closeCurrentTag();
      }
    } else if (name === 'br') {
      this.cbs.onopentag('br', NO_ATTRS);
      this.cbs.onclosetag('br');
    }
    this.startIndex = endIndex + 1;
  }

  onselfclosingtag(endIndex: number) {
    if (this.foreign[this.foreign.length - 1]) {
      this.closeCurrentTag();
      this.startIndex = endIndex + 1;
    } else this.onopentagend(endIndex);
  }

  private closeCurrentTag() {
    const { name } = this.tag!;
    this.endOpenTag();
    if (this.stack[this.stack.length - 1] === name) {
      this.cbs.onclosetag(name);
      this.stack.pop();
    }
  }

  onattribname(start: number, endIndex: number) {
    this.startIndex = start;
    // Only a name of 7 letters can be rowspan or colspan (in lower case too).
    if (this.attrs) this.attribname = endIndex - start === 7 ? this.text.slice(start, endIndex).toLowerCase() : '';
  }

  onattribdata(start: number, endIndex: number) {
    if (this.attrs) this.attribvalue += this.text.slice(start, endIndex);
  }

  onattribentity(cp: number) {
    if (this.attrs) this.attribvalue += String.fromCodePoint(cp);
  }

  onattribend() {
    const attrs = this.attrs;
    if (!attrs) return;
    const name = this.attribname;
    if ((name === 'rowspan' || name === 'colspan') && attrs[name] === undefined) attrs[name] = this.attribvalue;
    this.attribvalue = '';
  }

  ondeclaration(_start: number, endIndex: number) {
    this.startIndex = endIndex + 1;
  }

  onprocessinginstruction(_start: number, endIndex: number) {
    this.startIndex = endIndex + 1;
  }

  oncomment(_start: number, endIndex: number) {
    this.startIndex = endIndex + 1;
  }

  oncdata(_start: number, endIndex: number) {
    this.startIndex = endIndex + 1;
  }

  onend() {
    for (let i = this.stack.length - 1; i >= 0; i--) this.cbs.onclosetag(this.stack[i]);
  }
}

/** The page's blocks, in one pass over its tokens. */
function pageBlocks(text: string, at: Placement = { kind: 'html', base: 0, starts: lineStarts(text) }): Block[] {
  const { kind, base, starts } = at;
  const position = (offset: number): SourceLocation => {
    const { line, column } = lineColumn(starts, base + offset);
    return { kind, line, column };
  };
  const blocks: Block[] = [];
  let buf = '';
  let bufLoc: SourceLocation | null = null;
  const flush = () => {
    const t = clean(buf);
    if (t) blocks.push({ kind: 'paragraph', text: t, loc: bufLoc ?? position(0) });
    buf = '';
    bufLoc = null;
  };
  let skip = 0;
  /** The tables open, the innermost last. */
  const tables: OpenTable[] = [];
  let table: OpenTable | null = null;
  let cell: OpenCell | null = null;
  const closeCell = () => {
    if (!cell || !table) return;
    if (!table.rows.length) table.rows.push([]);
    breakCell(cell);
    if (!cell.holdsTable && startsWithDigit(cell.text) && NUMBER_CELL.test(cell.text) && ++table.rowNumbers === 2) table.dataRows++;
    table.rows[table.rows.length - 1].push({
      text: cell.text,
      loc: cell.loc ?? position(cell.at),
      rowSpan: cell.rowSpan,
      colSpan: cell.colSpan,
    });
    table.cells++;
    cell = null;
    table.cell = null;
  };
  /**
   * A table closed: its blocks. A table that holds a table of rows in its cells and has no rows of
   * data of its own (two rows or more with two number cells or more) is a layout around it (the
   * page's frame, a one-cell box around the report's table, a page of columns): its cells' content
   * stands as the page's own, each paragraph and table whole, however many cells it has. Any other
   * is a table of its own (a table in one of its cells is that cell's text), however large the
   * table in it.
   */
  const closed = (t: OpenTable): Block[] => {
    if (t.inner > 0 && t.dataRows < 2) {
      const out: Block[] = [];
      t.flow.items.forEach((f, i) => {
        if (typeof f === 'string') out.push({ kind: 'paragraph', text: f, loc: position(t.flow.ats[i]) });
        else pushAll(out, f);
      });
      return out;
    }
    return t.rows.length ? [{ kind: 'table', rows: t.rows }] : [];
  };
  const parser: PageParser = new PageParser({
    onopentag(name, attrs) {
      if (skip || SKIP.has(name)) {
        if (SKIP.has(name)) skip++;
        return;
      }
      if (name === 'table') {
        if (cell) breakCell(cell);
        else if (!table) flush();
        if (table) table.cell = cell;
        table = { rows: [], cell: null, flow: { items: [], ats: [] }, cells: 0, inner: 0, dataRows: 0, rowNumbers: 0 };
        tables.push(table);
        cell = null;
        return;
      }
      if (table && name === 'tr') {
        closeCell();
        table.rows.push([]);
        table.rowNumbers = 0;
        return;
      }
      if (table && (name === 'td' || name === 'th')) {
        closeCell();
        cell = table.cell = {
          text: '',
          part: '',
          loc: null,
          partAt: -1,
          at: parser.startIndex,
          rowSpan: span(attrs.rowspan, 1000),
          colSpan: span(attrs.colspan, 100),
          flow: table.flow,
        };
        return;
      }
      const block = BLOCK.has(name) || name === 'br' || name === 'tr';
      if (cell) {
        if (block) breakCell(cell);
      } else if (block) flush();
    },
    onclosetag(name) {
      if (skip) {
        if (SKIP.has(name)) skip--;
        return;
      }
      if (name === 'table' && table) {
        closeCell();
        const done = tables.pop()!;
        table = tables[tables.length - 1] ?? null;
        cell = table?.cell ?? null;
        const out = closed(done);
        if (!table) {
          // Text that stood in the table outside its cells comes before it, as a browser shows it.
          flush();
          pushAll(blocks, out);
          return;
        }
        table.inner = Math.max(table.inner, done.inner, tableSize(done.rows));
        if (cell) {
          // In the cell: the table whole (for a layout), its text the cell's (for a table of its own).
          for (const r of done.rows) for (const c of r) cell.text += c.text;
          cell.holdsTable = true;
          if (!cell.loc && done.rows[0]?.[0]) cell.loc = done.rows[0][0].loc;
          table.flow.items.push(out);
          table.flow.ats.push(-1);
        } else pushAll(blocks, out);
        return;
      }
      if (table && (name === 'td' || name === 'th' || name === 'tr')) {
        closeCell();
        return;
      }
      if (name === 'br') return;
      const block = BLOCK.has(name) || name === 'tr';
      if (cell) {
        if (block) breakCell(cell);
      } else if (block) flush();
    },
    ontext(t) {
      if (skip) return;
      if (cell) {
        // The first text that is not white space is where the cell (and its paragraph) is.
        if (cell.partAt < 0) {
          const at = textStart(t);
          if (at >= 0) {
            cell.partAt = parser.startIndex + at;
            cell.loc ??= position(cell.partAt);
          }
        }
        addToCell(cell, t);
      } else {
        const at = bufLoc ? -1 : textStart(t);
        if (at >= 0) bufLoc = position(parser.startIndex + at);
        buf += t;
      }
    },
  });
  // At the end the parser closes every element left open (an unclosed table included).
  parser.parse(text);
  flush();
  return blocks;
}

/** `<table …>` and `</table>` (any case), to find where the tables of a text file start and end. */
const TABLE_TAG = /<(\/?)table(?=[\s>/])[^>]*>/gi;
/** A cell's tag: what makes a table of rows of a piece of markup. */
export const CELL_TAG = /<t[dh](?=[\s>/])/i;
/** Paragraphs and line breaks written as markup. */
const BLOCK_MARKUP = /<\/p>|<p[\s>]|<div[\s>]|<br\s*\/?>/i;
/** A text that is a whole web page (saved as text, or pasted as its source). */
const WHOLE_PAGE = /^\uFEFF?\s*(<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html[\s>])/i;

/**
 * The tables of a text file written as HTML markup (`<table>…</table>`, as PDF→Markdown converters
 * write tables with merged cells, or a table pasted as its source), outermost ones only, as offsets
 * [start, end); a table left open ends with its last row's or cell's closing tag.
 */
export function markupTables(text: string): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = -1;
  TABLE_TAG.lastIndex = 0;
  for (let m = TABLE_TAG.exec(text); m; m = TABLE_TAG.exec(text)) {
    if (!m[1]) {
      if (depth++ === 0) start = m.index;
    } else if (depth > 0 && --depth === 0) out.push([start, m.index + m[0].length]);
  }
  if (depth > 0) {
    const rest = text.slice(start);
    const last = Math.max(rest.lastIndexOf('</tr>'), rest.lastIndexOf('</td>'), rest.lastIndexOf('</th>'));
    if (last > 0) out.push([start, start + last + 5]);
  }
  return out.filter(([a, b]) => CELL_TAG.test(text.slice(a, b)));
}

/**
 * A text file whose tables are HTML markup, read as the canonical text with the map back into the
 * file (line and column): each line outside the tables as a paragraph, verbatim (a heading, a line
 * of narrative, a `|` row of a table written the other way); each table as a web page's table —
 * rowspan and colspan, cells wrapped in paragraphs, entities. A whole web page saved as text, or a
 * text whose paragraphs are markup too (a page's body), is read as a page. Null when the text holds
 * no table markup: it is read as it is. `tables`: its markupTables, when the caller has them.
 */
export function readTextTables(text: string, tables = CELL_TAG.test(text) ? markupTables(text) : []): SourceDocument | null {
  if (WHOLE_PAGE.test(text.slice(0, 1024)))
    return writeDocument('text', pageBlocks(text, { kind: 'text', base: 0, starts: lineStarts(text) }));
  if (!tables.length) return null;
  const starts = lineStarts(text);
  // Paragraphs written as markup too (a page's body saved as text): the whole text is read as a page.
  let outside = text.slice(0, tables[0][0]);
  for (let i = 0; i < tables.length; i++) outside += '\n' + text.slice(tables[i][1], tables[i + 1]?.[0] ?? text.length);
  if (BLOCK_MARKUP.test(outside)) return writeDocument('text', pageBlocks(text, { kind: 'text', base: 0, starts }));
  const blocks: Block[] = [];
  /** The lines of text[from, to) as paragraphs, each from where it starts in its line. */
  const lines = (from: number, to: number) => {
    for (const piece of text.slice(from, to).split(/(\r\n|\r|\n)/)) {
      if (/^(\r\n|\r|\n)$/.test(piece)) {
        from += piece.length;
        continue;
      }
      if (piece.trim()) blocks.push({ kind: 'paragraph', text: piece, loc: { kind: 'text', ...lineColumn(starts, from) } });
      from += piece.length;
    }
  };
  let pos = 0;
  for (const [a, b] of tables) {
    lines(pos, a);
    pushAll(blocks, pageBlocks(text.slice(a, b), { kind: 'text', base: a, starts }));
    pos = b;
  }
  lines(pos, text.length);
  return writeDocument('text', blocks);
}

/**
 * The canonical rows of the table markup text[from, to) of a text file (what readTextTables writes
 * for it), without blank lines around: what converting that table in place writes.
 */
export function canonicalMarkupTable(text: string, from: number, to: number, starts = lineStarts(text)): string {
  const doc = writeDocument('text', pageBlocks(text.slice(from, to), { kind: 'text', base: from, starts }));
  return doc.text.replace(/\n+$/, '');
}

export function readHtml(bytes: Uint8Array, name = ''): { doc: SourceDocument; decoded: DecodedText } {
  const decoded = decodeHtml(bytes, name);
  return { doc: writeDocument('html', pageBlocks(decoded.text)), decoded };
}
