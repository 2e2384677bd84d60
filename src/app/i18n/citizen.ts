/**
 * The citizen screens' dictionary with English loaded on demand: the kiosk starts with Chinese alone (its start
 * budget) and loads English when a citizen switches to it. A page that imports use.ts has both from the start.
 */
import { zh, type Dict, type Lang } from './dict';

const loaded: Partial<Record<Lang, Dict>> = { 'zh-CN': zh };

/** Makes a language's dictionary available to `citizenDict`. */
export function addCitizenDict(lang: Lang, texts: Dict): void {
  loaded[lang] = texts;
}

/** Loads a language's dictionary if it is not there yet; a screen switches to it once this resolves. */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (!loaded[lang]) addCitizenDict(lang, (await import('./dict-en')).en);
}

/** The dictionary of a language already loaded; asking for one that is not is a bug of the caller. */
export function citizenDict(lang: Lang): Dict {
  const texts = loaded[lang];
  if (!texts) throw new Error(`the ${lang} dictionary is not loaded: await loadLanguage('${lang}') first`);
  return texts;
}
