/**
 * Saved web pages (.html/.htm): charset from the BOM, `<meta charset>` / `http-equiv`, or sniffed
 * (UTF-8, else GB18030); parsed by parse5 as a browser would; narrative from the block elements
 * outside tables, one paragraph a line; tables with their rowspan/colspan, a cell's paragraphs and
 * line breaks joined, `&nbsp;` and `<p> </p>` blanks seen as blank cells.
 */
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { decodeText, type DecodedText } from './decode';
import { writeDocument, type Block, type SourceCell, type SourceDocument, type SourceLocation } from './document';

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
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

type Node = T.ChildNode | T.Document | T.Element;

function isElement(n: Node): n is T.Element {
  return 'tagName' in n;
}

/** HTML whitespace collapsed; no-break and ideographic spaces kept inside, trimmed at the ends. */
function clean(s: string): string {
  return s.replace(/[ \t\n\r\f]+/g, ' ').replace(/^[\s\u00a0\u3000]+|[\s\u00a0\u3000]+$/g, '');
}

class Walker {
  blocks: Block[] = [];
  private buf = '';
  private bufLoc: SourceLocation | null = null;

  constructor(private readonly fallback: SourceLocation) {}

  private flush() {
    const text = clean(this.buf);
    if (text) this.blocks.push({ kind: 'paragraph', text, loc: this.bufLoc ?? this.fallback });
    this.buf = '';
    this.bufLoc = null;
  }

  walk(n: Node) {
    if (n.nodeName === '#text') {
      const t = n as T.TextNode;
      if (!this.bufLoc && t.value.trim() && t.sourceCodeLocation) this.bufLoc = textLoc(t);
      this.buf += t.value;
      return;
    }
    if (!isElement(n) && n.nodeName !== '#document') return;
    const tag = isElement(n) ? n.tagName : '';
    if (SKIP.has(tag)) return;
    if (tag === 'table') {
      this.flush();
      const rows = tableRows(n as T.Element, this.fallback);
      if (rows.length) this.blocks.push({ kind: 'table', rows });
      return;
    }
    if (tag === 'br') {
      this.flush();
      return;
    }
    const block = BLOCK.has(tag);
    if (block) this.flush();
    for (const c of (n as T.Element).childNodes ?? []) this.walk(c);
    if (block) this.flush();
  }

  finish() {
    this.flush();
    return this.blocks;
  }
}

function textLoc(t: T.TextNode): SourceLocation {
  const l = t.sourceCodeLocation!;
  // Point at the first visible character, not the source whitespace before it (an entity such as
  // &nbsp; is longer in the source than in the text: the location stays at its start).
  const lead = /^[ \t\n\r]*/.exec(t.value)![0];
  let line = l.startLine;
  let column = l.startCol;
  for (const ch of lead) {
    if (ch === '\n') {
      line++;
      column = 1;
    } else column++;
  }
  return { kind: 'html', line, column };
}

/** The text of a cell: its paragraphs and line breaks joined without a separator (a label wrapped over lines). */
function cellContent(n: Node, acc: { text: string; loc: SourceLocation | null }) {
  if (n.nodeName === '#text') {
    const t = n as T.TextNode;
    if (!acc.loc && t.value.replace(/[\s\u00a0]/g, '') && t.sourceCodeLocation) acc.loc = textLoc(t);
    acc.text += t.value;
    return;
  }
  if (!isElement(n) || SKIP.has(n.tagName)) return;
  const block = BLOCK.has(n.tagName) || n.tagName === 'br' || n.tagName === 'table' || n.tagName === 'tr';
  if (block) acc.text += '\u0001';
  for (const c of n.childNodes) cellContent(c, acc);
  if (block) acc.text += '\u0001';
}

function cellString(raw: string): string {
  return raw
    .split('\u0001')
    .map(clean)
    .filter((p) => p)
    .join('');
}

function tableRows(table: T.Element, fallback: SourceLocation): SourceCell[][] {
  const rows: SourceCell[][] = [];
  const visit = (n: T.Element) => {
    for (const c of n.childNodes) {
      if (!isElement(c)) continue;
      if (c.tagName === 'tr') {
        const row: SourceCell[] = [];
        for (const td of c.childNodes) {
          if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
          const acc = { text: '', loc: null as SourceLocation | null };
          for (const k of td.childNodes) cellContent(k, acc);
          const attr = (name: string) => Number(td.attrs.find((a) => a.name === name)?.value ?? 1) || 1;
          const loc =
            acc.loc ??
            (td.sourceCodeLocation
              ? { kind: 'html' as const, line: td.sourceCodeLocation.startLine, column: td.sourceCodeLocation.startCol }
              : fallback);
          row.push({ text: cellString(acc.text), loc, rowSpan: Math.min(attr('rowspan'), 1000), colSpan: Math.min(attr('colspan'), 100) });
        }
        rows.push(row);
      } else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') visit(c);
    }
  };
  visit(table);
  return rows;
}

export function readHtml(bytes: Uint8Array, name = ''): { doc: SourceDocument; decoded: DecodedText } {
  const decoded = decodeHtml(bytes, name);
  const tree = parse(decoded.text, { sourceCodeLocationInfo: true });
  const walker = new Walker({ kind: 'html', line: 1, column: 1 });
  walker.walk(tree);
  return { doc: writeDocument('html', walker.finish()), decoded };
}
