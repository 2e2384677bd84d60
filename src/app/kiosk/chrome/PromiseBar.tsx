import type { Window } from '../../../shared/config';
import type { Lang } from '../../i18n/dict';
import { citizenDict } from '../../i18n/citizen';
import { pick } from '../../i18n/text';

/** 亮承诺: the window's service promise. */
export function PromiseBar({ window, lang }: { window: Window; lang: Lang }) {
  if (!window.promise) return null;
  return (
    <footer class="kiosk-foot">
      <span class="promise-label">{citizenDict(lang).promise}</span> {pick(window.promise, lang)}
    </footer>
  );
}
