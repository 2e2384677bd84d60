import { useContext } from 'preact/hooks';
import { LangContext } from '../i18n/lang';
import { staffText } from '../i18n/staff';
import { otherLang } from '../i18n/use';

/** 中文 ⇄ English for staff screens; the choice is remembered in this browser. */
export function LangToggle() {
  const { lang, setLang } = useContext(LangContext);
  const t = staffText(lang);
  return (
    <button type="button" class="btn-plain lang-toggle" lang={otherLang(lang)} aria-label={t.switchLangLabel} onClick={() => setLang(otherLang(lang))}>
      {t.switchLang}
    </button>
  );
}
