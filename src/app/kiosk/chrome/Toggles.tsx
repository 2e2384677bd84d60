import type { Lang } from '../../i18n/dict';
import { citizenDict } from '../../i18n/citizen';
import { otherLang } from '../../i18n/text';

/** Language and large-text switches, on every citizen screen. */
export function Toggles({ lang, large, onLang, onLarge }: {
  lang: Lang; large: boolean; onLang: (l: Lang) => void; onLarge: (on: boolean) => void;
}) {
  const t = citizenDict(lang);
  return (
    <div class="toggles">
      <button type="button" class="toggle" lang={otherLang(lang)} aria-label={t.switchLangLabel} onClick={() => onLang(otherLang(lang))}>
        {t.switchLang}
      </button>
      <button type="button" class="toggle" aria-pressed={large} onClick={() => onLarge(!large)}>
        <span aria-hidden="true" class="aa">A<span>A</span></span> {t.largeText}
      </button>
    </div>
  );
}
