/**
 * The web page reader's parser (io/html.ts PageParser, over htmlparser2's tokenizer) against
 * htmlparser2's own Parser: the same open, close and text events, in the same order, with the same
 * start offsets and the same cell spans, on every page of the fixtures, on markup that tests the
 * Parser's rules (elements closed by implication, void elements, stray end tags, SVG and MathML,
 * comments, entities in attributes, case) and on random markup.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Parser } from 'htmlparser2';
import { PageParser, decodeHtml } from '../../server/src/io/html';
import { rng } from './ioGen';
import { ROOT } from './helpers';

/** The events as the reader sees them, from htmlparser2's Parser. */
function parserEvents(html: string): string[] {
  const out: string[] = [];
  const p: Parser = new Parser(
    {
      onopentag: (name, attrs) =>
        out.push(`<${name} @${p.startIndex}${name === 'td' || name === 'th' ? ` r=${attrs.rowspan} c=${attrs.colspan}` : ''}`),
      onclosetag: (name) => out.push(`</${name}`),
      ontext: (t) => out.push(`${JSON.stringify(t)} @${p.startIndex}`),
    },
    { decodeEntities: true },
  );
  p.end(html);
  return out;
}

function pageEvents(html: string): string[] {
  const out: string[] = [];
  const p: PageParser = new PageParser({
    onopentag: (name, attrs) =>
      out.push(`<${name} @${p.startIndex}${name === 'td' || name === 'th' ? ` r=${attrs.rowspan} c=${attrs.colspan}` : ''}`),
    onclosetag: (name) => out.push(`</${name}`),
    ontext: (t) => out.push(`${JSON.stringify(t)} @${p.startIndex}`),
  });
  p.parse(html);
  return out;
}

const same = (html: string) => assert.deepEqual(pageEvents(html), parserEvents(html), html.slice(0, 200));

const CASES = [
  '<table><tr><td rowspan="2" COLSPAN=3 rowspan="9">a<td>b</table>',
  '<TABLE><TR><TD RowSpan=&#50; colspan="&#51;x">1</TD></TR></TABLE>',
  '<td rowspan colspan="">x</td>',
  '<p>one<p>two<div>three</p></p></br><br/>four<hr>five',
  '<ul><li>a<li>b</ul><dl><dt>x<dd>y<dt>z</dl>',
  '<table><thead><tr><th>h<tbody><tr><td>1<tfoot><tr><td>2</table>',
  '<svg><path d="x"/><rect/></svg><p/>text<math><mi>x</mi><mo/></math><img src=x>',
  '<select><option>a<option>b<optgroup><option>c</select><input><button>b</button>',
  '<!DOCTYPE html><?xml version="1.0"?><!-- a -- comment --><![CDATA[x]]><p>after',
  '<script>if (a < b) document.write("<td>")</script><style>td{}</style><title>t</title><textarea><p></textarea>',
  'a &nbsp;&amp;&lt;&#x4E00;&#19968;&copy &unknown; b<td>&nbsp;</td>',
  '<table><tr><td>open cell<table><tr><td>inner</td></tr></table>after</table>',
  '<div><span>unclosed<b>bold<i>it',
  '</td></tr></table></div>stray ends<p>',
  '<body><head><link><script>x</script><body><p>x',
  '<ruby>漢<rt>kan<rp>(</rp>字</ruby><details><p>d</details>',
  '<td\nrowspan\n=\n"2"\ncolspan=\'4\'>spaced</td><td/>self<tr/>',
  '<desc><svg><foreignObject><p/>x</foreignObject></svg></desc>',
  '<table border=1><tr><td>x</td><td rowspan="1000000">y</td></tr></table>',
  '',
  'text only',
  '<',
  '<td rowspan="2',
  '<p>unterminated &amp',
];

describe('web page parser', () => {
  it('gives the events of htmlparser2 Parser on markup that tests its rules', () => {
    for (const html of CASES) same(html);
  });

  it('gives the events of htmlparser2 Parser on every web page of the fixtures', () => {
    const pages: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(html?|xhtml)$/i.test(e)) pages.push(p);
      }
    };
    walk(join(ROOT, 'test', 'fixtures'));
    assert.ok(pages.length >= 10, `${pages.length} pages`);
    for (const p of pages) same(decodeHtml(new Uint8Array(readFileSync(p)), p).text);
  });

  it('gives the events of htmlparser2 Parser past its cache of names (thousands of made-up names, a huge one)', () => {
    let html = '';
    for (let i = 0; i < 5000; i++) html += `<x${i}><TD colspan=2>${i}</x${i}></TD>`;
    same(html + `<${'q'.repeat(100_000)}>text<p>after`);
  });

  it('gives the events of htmlparser2 Parser on random markup', () => {
    const next = rng(12);
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
    const tags = [
      'p',
      'div',
      'td',
      'th',
      'tr',
      'table',
      'tbody',
      'br',
      'hr',
      'span',
      'svg',
      'math',
      'mi',
      'li',
      'ul',
      'h1',
      'img',
      'TD',
      'P',
    ];
    const bits = [
      () => `<${pick(tags)}>`,
      () => `</${pick(tags)}>`,
      () => `<${pick(tags)}/>`,
      () =>
        `<${pick(['td', 'th', 'TD'])} ${pick(['rowspan', 'colspan', 'ROWSPAN', 'class'])}=${pick(['"2"', "'3'", '4', '"&#53;"', '""'])}>`,
      () => pick(['文字', ' ', '&nbsp;', '&amp;', '12', '\n', '<!-- c -->', '&#x3000;', 'a<b', '\u0001']),
    ];
    for (let k = 0; k < 400; k++) {
      let html = '';
      for (let i = 0; i < 40; i++) html += pick(bits)();
      same(html);
    }
  });
});
