/**
 * Word documents (.docx): the body of word/document.xml, read with fflate (the zip, each entry's
 * size capped before it is inflated: a zip bomb is refused) and a small scanner over WordprocessingML
 * elements. Paragraphs outside tables are the narrative (numbered 第N段 for locations); tables keep
 * their merged cells: `w:gridSpan` across, `w:vMerge` down (a `restart` cell spans the `continue`
 * cells below it).
 */
import { unzipSync } from 'fflate';
import { writeDocument, type Block, type SourceCell, type SourceDocument } from './document';
import { Numbering } from './docxNumbering';

/** The largest document.xml inflated (real reports: well under 2 MB). */
export const MAX_DOCUMENT_XML = 48 * 1024 * 1024;

export class DocxError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : (ENTITIES[e] ?? m),
  );
}

/** The parts of a .docx the reader uses: the body, and the numbering and styles its numbers come from (null where absent). */
export interface DocxParts {
  document: string;
  numbering: string | null;
  styles: string | null;
}

const PARTS = new Set(['word/document.xml', 'word/numbering.xml', 'word/styles.xml']);

export function docxParts(bytes: Uint8Array, name = ''): DocxParts {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b))
    throw new DocxError(`不是 Word（.docx）文件：可能已损坏或是旧版 .doc / not a .docx file (corrupt, or an old .doc): ${name}`);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!PARTS.has(f.name)) return false;
        if (f.originalSize > MAX_DOCUMENT_XML)
          throw new DocxError(`Word 文件解压后过大（可能是压缩炸弹）/ document too large when inflated (a zip bomb?): ${name}`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof DocxError) throw e;
    throw new DocxError(`Word 文件已损坏或不完整（${(e as Error).message}）/ corrupt or truncated .docx: ${name}`);
  }
  const xml = files['word/document.xml'];
  if (!xml) {
    throw new DocxError(
      `Word 文件中没有正文（word/document.xml），可能已加密或损坏 / no word/document.xml (encrypted or corrupt): ${name}`,
    );
  }
  for (const f of Object.values(files))
    if (f.length > MAX_DOCUMENT_XML) throw new DocxError(`Word 文件解压后过大 / document too large when inflated: ${name}`);
  const utf8 = new TextDecoder('utf-8');
  const part = (n: string) => (files[n] ? utf8.decode(files[n]) : null);
  return { document: utf8.decode(xml), numbering: part('word/numbering.xml'), styles: part('word/styles.xml') };
}

/** The elements the reader acts on; the markup of any other is passed over (inside a `w:t`, kept as text). */
const ELEMENTS = [
  'p',
  't',
  'tab',
  'br',
  'cr',
  'tbl',
  'tr',
  'tc',
  'gridSpan',
  'vMerge',
  'del',
  'delText',
  'instrText',
  'noBreakHyphen',
  // (A paragraph's style and list, for its number: docxNumbering.ts. A tracked change's old properties say nothing.)
  'pStyle',
  'numId',
  'ilvl',
  'pPrChange',
];

/** ELEMENTS by the length of their local name: a tag's name is compared in place, not sliced and hashed. */
const BY_LENGTH: string[][] = [];
for (const e of ELEMENTS) (BY_LENGTH[e.length] ??= []).push(e);

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * The tags of ELEMENTS in document order, found with indexOf and character tests (a regular
 * expression over the whole document allocated a match for every tag and cost most of the read).
 * A tag is `<`, an optional `/`, a name of ELEMENTS ending where word characters end, anything up to
 * the first `>`; a `/` right before that `>` closes the element in the tag itself.
 */
class TagScanner {
  /** Where the current tag's `<` is, and the offset just after its `>`. */
  start = 0;
  end = 0;
  /** The element's name without its `w:`. */
  name = '';
  close = false;
  selfClose = false;
  private attrsFrom = 0;
  private attrsTo = 0;

  constructor(private readonly xml: string) {}

  next(): boolean {
    const xml = this.xml;
    for (let i = xml.indexOf('<', this.end); i >= 0; i = xml.indexOf('<', i + 1)) {
      const close = xml.charCodeAt(i + 1) === 47; // '/'
      const from = close ? i + 2 : i + 1;
      if (xml.charCodeAt(from) !== 119 || xml.charCodeAt(from + 1) !== 58) continue; // 'w:'
      let to = from + 2;
      while (isWordChar(xml.charCodeAt(to))) to++;
      const local = BY_LENGTH[to - from - 2]?.find((e) => xml.startsWith(e, from + 2));
      if (!local) continue;
      const gt = xml.indexOf('>', to);
      if (gt < 0) return false;
      this.start = i;
      this.end = gt + 1;
      this.name = local;
      this.close = close;
      this.selfClose = gt > to && xml.charCodeAt(gt - 1) === 47;
      this.attrsFrom = to;
      this.attrsTo = this.selfClose ? gt - 1 : gt;
      return true;
    }
    return false;
  }

  attrs(): string {
    return this.xml.slice(this.attrsFrom, this.attrsTo);
  }
}

interface CellAcc {
  text: string;
  span: number;
  vmerge: 'restart' | 'continue' | null;
}

/**
 * A table holding tables: what its cells hold in order (their paragraphs, the tables inside them),
 * for a layout table around the report (one or two cells a row: a frame, a sidebar beside the
 * article) to give them as the document's own.
 */
interface Layout {
  pieces: Block[];
  nested: number;
}

export function readDocx(bytes: Uint8Array, name = ''): SourceDocument {
  const parts = docxParts(bytes, name);
  const xml = parts.document;
  const numbering = new Numbering(parts.numbering, parts.styles);
  // The current paragraph's style and list (docxNumbering.ts), outside a tracked change's old properties.
  let pStyle: string | null = null;
  let numId: string | null = null;
  let ilvl: number | null = null;
  let changed = 0;
  const blocks: Block[] = [];
  // Nested tables are flattened into their cell's text, unless the outer table is a layout (Layout).
  const tables: { rows: CellAcc[][]; index: number; layout: Layout; cell: CellAcc | null }[] = [];
  let tableCount = 0;
  let paragraph = 0;
  let para = '';
  let inText = false;
  let deleted = 0;
  let last = 0;
  const scan = new TagScanner(xml);
  while (scan.next()) {
    if (inText && !deleted) para += unescapeXml(xml.slice(last, scan.start));
    last = scan.end;
    const { name: tag, close, selfClose } = scan;
    const top = tables[tables.length - 1];
    if (tag === 't') inText = !close && !selfClose;
    else if (tag === 'del') deleted += close ? -1 : selfClose ? 0 : 1;
    else if (tag === 'tab' && !close) para += '\t';
    else if ((tag === 'br' || tag === 'cr') && !close) para += tables.length ? '' : '\n';
    else if (tag === 'pPrChange') changed += close ? -1 : selfClose ? 0 : 1;
    else if ((tag === 'pStyle' || tag === 'numId' || tag === 'ilvl') && !close && !changed) {
      const v = /w:val="([^"]*)"/.exec(scan.attrs())?.[1] ?? null;
      if (tag === 'pStyle') pStyle = v;
      else if (tag === 'numId') numId = v;
      else ilvl = v === null ? null : Number(v);
    } else if (tag === 'p') {
      if (!close) {
        pStyle = numId = null;
        ilvl = null;
      }
      if (close || selfClose) {
        // The number Word shows before a numbered paragraph (一、 （一） 1.), which its text does not hold.
        if (numbering.any && !deleted) para = numbering.next(pStyle, numId, ilvl) + para;
        const cell = tables[0]?.cell;
        if (cell && tables.length === 1) {
          cell.text += (cell.text ? '\u0001' : '') + para;
          if (para.trim()) tables[0].layout.pieces.push({ kind: 'paragraph', text: para.trim(), loc: { kind: 'docx', paragraph: 0 } });
        } else if (tables.length > 1 && cell) {
          cell.text += para;
          const inner = tables[1].cell;
          if (inner) inner.text += (inner.text ? '\u0001' : '') + para;
        } else if (!tables.length) {
          paragraph++;
          for (const line of para.split('\n')) blocks.push({ kind: 'paragraph', text: line.trim(), loc: { kind: 'docx', paragraph } });
        }
        para = '';
      }
    } else if (tag === 'tbl') {
      if (!close) {
        if (!tables.length) tableCount++;
        tables.push({ rows: [], index: tableCount, layout: { pieces: [], nested: 0 }, cell: null });
      } else {
        const t = tables.pop()!;
        if (tables.length === 1) {
          // A table right inside the outer one: kept whole too, should the outer be a layout.
          tables[0].layout.pieces.push({ kind: 'table', rows: toCells(t.rows, t.index) });
          tables[0].layout.nested++;
        }
        if (!tables.length) {
          const { pieces, nested } = t.layout;
          const widest = Math.max(0, ...t.rows.map((r) => r.length));
          if (nested && widest <= 2) {
            for (const b of pieces) blocks.push(b.kind === 'paragraph' ? { ...b, loc: { kind: 'docx', paragraph: ++paragraph } } : b);
          } else blocks.push({ kind: 'table', rows: toCells(t.rows, t.index) });
        }
      }
    } else if (tables.length <= 2 && top) {
      // (A table's rows are kept one level down too: the outer table may be a layout around it.)
      const cell = top.cell;
      if (tag === 'tr' && !close) top.rows.push([]);
      else if (tag === 'tc' && !close) top.rows[top.rows.length - 1]?.push((top.cell = { text: '', span: 1, vmerge: null }));
      else if (tag === 'tc' && close) top.cell = null;
      else if (tag === 'gridSpan' && cell) cell.span = Math.max(1, Math.min(64, Number(/w:val="(\d+)"/.exec(scan.attrs())?.[1] ?? 1)));
      else if (tag === 'vMerge' && cell) cell.vmerge = /w:val="restart"/.test(scan.attrs()) ? 'restart' : 'continue';
    }
  }
  return writeDocument('docx', blocks);
}

/** Word's merged cells as spans: a vMerge `continue` cell is covered by the `restart` above it in the same grid column. */
function toCells(rows: CellAcc[][], table: number): SourceCell[][] {
  const grid: { col: number; cell: CellAcc; out: SourceCell | null }[][] = rows.map((r) => {
    let col = 0;
    return r.map((cell) => {
      const e = { col, cell, out: null as SourceCell | null };
      col += cell.span;
      return e;
    });
  });
  const out: SourceCell[][] = grid.map(() => []);
  grid.forEach((row, r) => {
    row.forEach((e, c) => {
      if (e.cell.vmerge === 'continue' && r > 0) {
        const above = findCovering(grid, r - 1, e.col);
        if (above?.out) {
          above.out.rowSpan++;
          e.out = above.out;
          return;
        }
      }
      const text = e.cell.text
        .split('\u0001')
        .map((p) => p.trim())
        .filter((p) => p)
        .join('');
      e.out = { text, loc: { kind: 'docx', table, row: r + 1, column: c + 1 }, rowSpan: 1, colSpan: e.cell.span };
      out[r].push(e.out);
    });
  });
  return out;
}

function findCovering(grid: { col: number; cell: CellAcc; out: SourceCell | null }[][], r: number, col: number) {
  return grid[r].find((e) => e.col === col);
}
