/** The staff screens' language: chosen with the toggle, remembered in this browser, shared through a context. */
import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import type { Lang, Texts } from './dict';

const KEY = 'fk:staffLang';

/** The language this browser last chose for staff screens; Chinese until one was chosen. */
export function storedLang(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN'; // storage blocked (private mode): Chinese, the product's first language
  }
}

/** Keeps a language for this browser's staff screens. */
export function rememberLang(lang: Lang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
}

export interface LangState { lang: Lang; setLang: (lang: Lang) => void }

export const LangContext = createContext<LangState>({ lang: 'zh-CN', setLang: () => undefined });

/** State for the root of a staff page: the remembered language and a setter that remembers a change. */
export function useLangState(initial: Lang = storedLang()): LangState {
  const [lang, set] = useState<Lang>(() => { document.documentElement.lang = initial; return initial; });
  return { lang, setLang: (next) => { rememberLang(next); document.documentElement.lang = next; set(next); } };
}

/** The current staff language. */
export function useLang(): Lang {
  return useContext(LangContext).lang;
}

/** The texts of a screen's dictionary in the current staff language. */
export function useTexts<Z>(texts: (lang: Lang) => Texts<Z>): Texts<Z> {
  return texts(useLang());
}

/** The side of a bilingual text ({ zh, en }) in the current staff language, for dictionaries written side by side. */
export function usePick(): (text: { zh: string; en: string }) => string {
  const lang = useLang();
  return (text) => (lang === 'en' ? text.en : text.zh);
}
