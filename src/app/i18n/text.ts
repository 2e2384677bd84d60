/** Helpers for texts in either language, apart from the dictionaries so the kiosk's start does not load English. */
import type { Lang } from './dict';

/** The side of a bilingual config text ({ zh, en }) for a language. */
export function pick(text: { zh: string; en: string }, lang: Lang): string {
  return lang === 'en' ? text.en : text.zh;
}

/** Fills `{name}` placeholders of a dictionary string. */
export function fill(s: string, vars: Record<string, string | number>): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** The other language, for the toggle. */
export function otherLang(lang: Lang): Lang {
  return lang === 'en' ? 'zh-CN' : 'en';
}
