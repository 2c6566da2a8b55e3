/**
 * The text helpers test characters by their codes (text.ts) where they used regular expressions:
 * these tests hold them to the definitions they stand for — \s and String.prototype.trim for the
 * spaces, NFKC and the regex folds for normalizeLabel, East Asian Width for displayWidth (which
 * keeps the widths of the BMP in a table) — over every UTF-16 code unit and random
 * strings, so that a faster path can never read a label or a cell differently.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eastAsianWidth } from 'get-east-asian-width';
import {
  INVISIBLE,
  displayWidth,
  isBlank,
  isSpaceCode,
  isTrimSpace,
  looksLikeValue,
  normalizeLabel,
  squeeze,
  trimAll,
} from '../../server/src/report/text';
import { seeded } from './reportGen';

/** The spaces isSpaceCode sees: \s and the invisible characters (zero-width space, joiners, word joiner, soft hyphen). */
const SPACES = /[\s\u200b-\u200d\u2060\u00ad]+/g;

/** normalizeLabel by its definition: NFKC, no spaces, Markdown's ** and <br> gone, quotes unified, numbering marks as 1. */
const labelKey = (s: string) =>
  s
    .normalize('NFKC')
    .replace(SPACES, '')
    .replace(/\*\*|<br\s*\/?>/gi, '')
    .replace(/[“”"‘’'「」]/g, '"')
    .replace(/^(\d+)[、.,]/, '$1.')
    .replace(/(^|[^\d])(\d+)、/g, '$1$2.');

const ALL_UNITS = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c));

/** Random strings over characters labels and cells are made of (and some that fold). */
function randomStrings(count: number, seed: number): string[] {
  const alphabet = [
    ...'本年新收申请（一）予以公开()1234567890、.,，:：“”"\'「」 \t\u3000\u00a0\u200b\u200d\u00ad\ufeff１２Ａ/—-－无暂涉及万元件⼀*<br>',
  ];
  const rand = seeded(seed);
  return Array.from({ length: count }, () => Array.from({ length: rand(12) }, () => alphabet[rand(alphabet.length - 1)]).join(''));
}

describe('text helpers by code equal their definitions', () => {
  it('isSpaceCode is \\s or an invisible character; isTrimSpace is what trim() removes', () => {
    for (const [c, ch] of ALL_UNITS.entries()) {
      assert.equal(isSpaceCode(c), /[\s\u200b-\u200d\u2060\u00ad]/.test(ch), `U+${c.toString(16)}`);
      assert.equal(isTrimSpace(c), ch.trim() === '', `U+${c.toString(16)}`);
    }
  });

  it('the class INVISIBLE, with \\s, is the spaces isSpaceCode sees (the regular expressions built on it)', () => {
    const re = new RegExp(`^[\\s${INVISIBLE}]$`);
    for (const [c, ch] of ALL_UNITS.entries()) assert.equal(re.test(ch), isSpaceCode(c), `U+${c.toString(16)}`);
  });

  it('squeeze, isBlank and trimAll remove or see exactly the spaces', () => {
    for (const s of [...ALL_UNITS.map((ch) => `a${ch} ${ch}b`), ...randomStrings(20_000, 1)]) {
      assert.equal(squeeze(s), s.replace(SPACES, ''));
      assert.equal(isBlank(s), s.replace(SPACES, '') === '');
      assert.equal(trimAll(s), s.replace(/^[\s\u200b-\u200d\u2060\u00ad]+|[\s\u200b-\u200d\u2060\u00ad]+$/g, ''));
    }
  });

  it('normalizeLabel gives the folded key of every character and string (twice: the kept keys too)', () => {
    const inputs = [
      ...ALL_UNITS.flatMap((ch) => [ch, `本${ch}年`, `1${ch}`, `${ch}、`]),
      ...randomStrings(20_000, 2),
      'x'.repeat(100) + '（一）',
    ];
    for (const s of inputs) {
      assert.equal(normalizeLabel(s), labelKey(s), JSON.stringify(s));
      assert.equal(normalizeLabel(s), labelKey(s), JSON.stringify(s));
    }
  });

  it("displayWidth is the East Asian Width of each code point (Chinese fonts' wide punctuation two, controls and combining marks none)", () => {
    const WIDE = new Set([0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026]);
    const width = (s: string) => {
      let w = 0;
      for (const ch of s) {
        const cp = ch.codePointAt(0)!;
        if (
          cp < 0x20 ||
          (cp >= 0x7f && cp < 0xa0) ||
          (cp >= 0x200b && cp <= 0x200d) ||
          cp === 0x2060 ||
          cp === 0xad ||
          (cp >= 0x300 && cp <= 0x36f)
        )
          continue;
        w += WIDE.has(cp) ? 2 : eastAsianWidth(cp);
      }
      return w;
    };
    // Every code unit (lone surrogates too), twice: the widths kept in the table the second time.
    for (let round = 0; round < 2; round++) for (const u of ALL_UNITS) assert.equal(displayWidth(`a${u}中`), width(`a${u}中`), u);
    for (let cp = 0x10000; cp <= 0x10ffff; cp += 97) {
      const s = `${String.fromCodePoint(cp)}x\ud800`;
      assert.equal(displayWidth(s), width(s), cp.toString(16));
    }
    for (const s of randomStrings(2000, 11).concat(['“引号”…—', '\ud83d\ude00a\udc00', 'e\u0301\t']))
      assert.equal(displayWidth(s), width(s), s);
  });

  it('looksLikeValue: a text with an ideograph other than a unit or a placeholder is no value', () => {
    for (let c = 0x4e00; c <= 0x9fff; c++) {
      const ch = String.fromCharCode(c);
      if ('万元件个项条无空暂不涉及'.includes(ch)) continue;
      for (const s of [ch, `12${ch}`, `${ch}12`, `1${ch}件`]) assert.equal(looksLikeValue(s), false, s);
    }
    for (const s of ['12', '１２', '12件', '3万元', '1,234元', '暂无', '不涉及', '无', '空', '-', '—', 'O', '3.5', ' 7 '])
      assert.equal(looksLikeValue(s), true, s);
  });
});
