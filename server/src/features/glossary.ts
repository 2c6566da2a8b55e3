/** Glossary notes in the document's language: the engine's Chinese glossary, or its English version (glossary.en.json). */
import { glossary } from '../report';
import english from './glossary.en.json';
import type { LocaleSetting } from './settings';

const EN = english.entries as Record<string, string>;
const bare = (label: string) => label.replace(/^(?:\d+[.．、]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)/, '');

export function glossaryNote(label: string, locale: LocaleSetting): string | undefined {
  if (locale !== 'en') return glossary(label);
  return EN[bare(label)] ?? EN[label];
}
