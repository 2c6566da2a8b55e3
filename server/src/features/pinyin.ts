/** Pinyin keys for Chinese labels, so `sygjmm` or `shuyuguojia` finds 属于国家秘密. */
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;
const cache = new Map<string, string>();

/** The label followed by the initials and the full pinyin of its Chinese characters. */
export function pinyinFilterText(label: string): string {
  let keys = cache.get(label);
  if (keys === undefined) {
    const han = [...label].filter((ch) => HAN.test(ch)).join('');
    const syllables = han ? pinyin(han, { toneType: 'none', type: 'array' }) : [];
    keys = `${label} ${syllables.map((s) => s[0]).join('')} ${syllables.join('')}`.trimEnd();
    cache.set(label, keys);
  }
  return keys;
}
