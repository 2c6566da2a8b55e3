/**
 * Filter keys for Chinese labels, so that a label is found by any part of it: its characters
 * (`过程`), full pinyin (`guocheng`) or initials (`gcx`), from anywhere in the label, not only
 * its start. Editors filter completion by matching the typed word against the filter text from a
 * word start, so the keys hold every suffix of the label, of its initials and of its full pinyin,
 * each starting a word.
 */
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;
const cache = new Map<string, string>();

/** The label, then each suffix of its Chinese characters, of their initials and of their full pinyin, space-separated. */
export function pinyinFilterText(label: string): string {
  let keys = cache.get(label);
  if (keys === undefined) {
    const han = [...label].filter((ch) => HAN.test(ch));
    const syllables = han.length ? pinyin(han.join(''), { toneType: 'none', type: 'array' }) : [];
    const words = new Set<string>([label]);
    // VS Code matches only the first 128 characters of a filter text: full pinyin first (the longest
    // to type), then initials, then the characters.
    for (let i = 0; i < syllables.length; i++) words.add(syllables.slice(i).join(''));
    for (let i = 0; i < syllables.length; i++)
      words.add(
        syllables
          .slice(i)
          .map((p) => p[0])
          .join(''),
      );
    for (let i = 0; i < han.length; i++) words.add(han.slice(i).join(''));
    keys = [...words].join(' ');
    cache.set(label, keys);
  }
  return keys;
}
