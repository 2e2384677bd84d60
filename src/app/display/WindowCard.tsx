import type { DisplayWindow } from '../../shared/api';
import { formatRate } from '../../shared/metrics';
import { useLang, useTexts } from '../i18n/lang';
import { displayText } from '../i18n/display';
import { fill, otherLang, pick } from '../i18n/use';
import { Stars } from './Stars';

/** One window: today's and this month's 满意率, the month's stars and counts. */
export function WindowCard({ w, target }: { w: DisplayWindow; target: number }) {
  const lang = useLang();
  const t = useTexts(displayText);
  const low = (r: number | null) => (r !== null && r < target ? 'low' : '');
  return (
    <article class="win">
      <header><span class="no">{w.number}</span><span class="name">{pick(w.name, lang)}<small>{pick(w.name, otherLang(lang))}</small></span></header>
      <div class="figs">
        <div class="fig"><div><div class="lbl">{t.todayRate}</div><div class="cnt">{fill(t.ratingsN, { n: w.today.total })}</div></div><div class={`rate ${low(w.today.satisfaction)}`}>{formatRate(w.today.satisfaction)}</div></div>
        <div class="fig"><div><div class="lbl">{t.monthRate}</div><div class="cnt">{fill(t.ratingsN, { n: w.month.total })}</div></div><div class={`rate ${low(w.month.satisfaction)}`}>{formatRate(w.month.satisfaction)}</div></div>
      </div>
      <footer><span class="lbl">{t.monthGrade}</span><Stars grade={w.month.grade} /></footer>
    </article>
  );
}
