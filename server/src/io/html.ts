/**
 * Saved web pages (.html/.htm): charset from the BOM, `<meta charset>` / `http-equiv`, or sniffed
 * (UTF-8, else GB18030), decoded once; then one pass of htmlparser2's tokenizer (no document tree):
 * narrative from the block elements outside tables, one paragraph a line; tables with their
 * rowspan/colspan, a cell's paragraphs and line breaks joined, `&nbsp;` and `<p> </p>` blanks seen
 * as blank cells, a cell left open closed by the next (as a browser does); a table inside a cell is
 * flattened into the cell's text; text standing in a table outside its cells goes before the table.
 */
import { Parser } from 'htmlparser2';
import { decodeText, type DecodedText } from './decode';
import { writeDocument, type Block, type SourceCell, type SourceDocument, type SourceLocation } from './document';

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
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  if (!m) return null;
  const cs = m[1].toLowerCase();
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
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030', bom: false, invalidLines: [] };
    } catch {
      // declared GBK but is not: fall back to sniffing
    }
  }
  return decodeText(bytes, name);
}

/** HTML whitespace collapsed; no-break and ideographic spaces kept inside, trimmed at the ends. */
function clean(s: string): string {
  return s.replace(/[ \t\n\r\f]+/g, ' ').replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
}

/** The text of a cell: its paragraphs and line breaks joined without a separator (a label wrapped over lines). */
function cellString(raw: string): string {
  return raw
    .split('\u0001')
    .map(clean)
    .filter((p) => p)
    .join('');
}

/** Offsets of the line starts of a text (a line ends at LF, CR LF or a lone CR). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

interface OpenCell {
  text: string;
  loc: SourceLocation | null;
  /** Where the cell's tag starts: its location when it holds no text. */
  at: number;
  rowSpan: number;
  colSpan: number;
}

const span = (v: string | undefined, max: number) => Math.min(Number(v ?? 1) || 1, max);

/** The page's blocks, in one pass over its tokens. */
function pageBlocks(text: string): Block[] {
  const starts = lineStarts(text);
  const position = (offset: number): SourceLocation => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { kind: 'html', line: lo + 1, column: offset - starts[lo] + 1 };
  };
  const blocks: Block[] = [];
  let buf = '';
  let bufLoc: SourceLocation | null = null;
  const flush = () => {
    const t = clean(buf);
    if (t) blocks.push({ kind: 'paragraph', text: t, loc: bufLoc ?? { kind: 'html', line: 1, column: 1 } });
    buf = '';
    bufLoc = null;
  };
  let skip = 0;
  /** Tables open: 1 inside a table, more inside a table in one of its cells. */
  let depth = 0;
  let rows: SourceCell[][] = [];
  let cell: OpenCell | null = null;
  const closeCell = () => {
    if (!cell) return;
    if (!rows.length) rows.push([]);
    rows[rows.length - 1].push({
      text: cellString(cell.text),
      loc: cell.loc ?? position(cell.at),
      rowSpan: cell.rowSpan,
      colSpan: cell.colSpan,
    });
    cell = null;
  };
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        if (skip || SKIP.has(name)) {
          if (SKIP.has(name)) skip++;
          return;
        }
        if (name === 'table') {
          if (depth++) {
            if (cell) cell.text += '\u0001';
            return;
          }
          flush();
          rows = [];
          cell = null;
          return;
        }
        if (depth === 1 && name === 'tr') {
          closeCell();
          rows.push([]);
          return;
        }
        if (depth === 1 && (name === 'td' || name === 'th')) {
          closeCell();
          cell = { text: '', loc: null, at: parser.startIndex, rowSpan: span(attrs.rowspan, 1000), colSpan: span(attrs.colspan, 100) };
          return;
        }
        const block = BLOCK.has(name) || name === 'br' || name === 'tr';
        if (cell) {
          if (block) cell.text += '\u0001';
        } else if (block) flush();
      },
      onclosetag(name) {
        if (skip) {
          if (SKIP.has(name)) skip--;
          return;
        }
        if (name === 'table' && depth) {
          if (--depth) {
            if (cell) cell.text += '\u0001';
            return;
          }
          closeCell();
          // Text that stood in the table outside its cells comes before it, as a browser shows it.
          flush();
          if (rows.length) blocks.push({ kind: 'table', rows });
          rows = [];
          return;
        }
        if (depth === 1 && (name === 'td' || name === 'th' || name === 'tr')) {
          closeCell();
          return;
        }
        if (name === 'br') return;
        const block = BLOCK.has(name) || name === 'tr';
        if (cell) {
          if (block) cell.text += '\u0001';
        } else if (block) flush();
      },
      ontext(t) {
        if (skip) return;
        if (cell) {
          if (!cell.loc && /[^\s\u00a0]/.test(t)) cell.loc = position(parser.startIndex + /^[ \t\n\r\f]*/.exec(t)![0].length);
          cell.text += t;
        } else {
          if (!bufLoc && t.trim()) bufLoc = position(parser.startIndex + /^[ \t\n\r\f]*/.exec(t)![0].length);
          buf += t;
        }
      },
    },
    { decodeEntities: true },
  );
  // At the end the parser closes every element left open (an unclosed table included).
  parser.end(text);
  flush();
  return blocks;
}

export function readHtml(bytes: Uint8Array, name = ''): { doc: SourceDocument; decoded: DecodedText } {
  const decoded = decodeHtml(bytes, name);
  return { doc: writeDocument('html', pageBlocks(decoded.text)), decoded };
}
