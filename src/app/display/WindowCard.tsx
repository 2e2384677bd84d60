import type { DisplayWindow } from '../../shared/api';
import { formatRate } from '../../shared/metrics';
import { useLang, useTexts } from '../i18n/lang';
import { displayText } from '../i18n/display';
import { fill, otherLang, pick } from '../i18n/use';
import { Stars } from './Stars';

/** One window: today's and this month's 满意率, the month's stars and counts. */
export function WindowCard({ w, target, minSample }: { w: DisplayWindow; target: number; minSample: number }) {
  const lang = useLang();
  const t = useTexts(displayText);
  // A rate of a handful of ratings (one rating: 0% or 100%) is shown small and grey, for reference only.
  const low = (r: number | null, n: number) => (n > 0 && n < minSample ? 'few' : r !== null && r < target ? 'low' : '');
  return (
    <article class="win">
      <header><span class="no">{w.number}</span><span class="name">{pick(w.name, lang)}<small>{pick(w.name, otherLang(lang))}</small></span></header>
      <div class="figs">
        <div class="fig"><div><div class="lbl">{t.todayRate}</div><div class="cnt">{fill(t.ratingsN, { n: w.today.total })}</div></div><div class={`rate ${low(w.today.satisfaction, w.today.total)}`} title={w.today.total > 0 && w.today.total < minSample ? fill(t.fewRatings, { n: minSample }) : undefined}>{formatRate(w.today.satisfaction)}</div></div>
        <div class="fig"><div><div class="lbl">{t.monthRate}</div><div class="cnt">{fill(t.ratingsN, { n: w.month.total })}</div></div><div class={`rate ${low(w.month.satisfaction, w.month.total)}`}>{formatRate(w.month.satisfaction)}</div></div>
      </div>
      <footer><span class="lbl">{t.monthGrade}</span><Stars grade={w.month.grade} /></footer>
    </article>
  );
}
