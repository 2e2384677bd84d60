import type { ThemesReport } from '../../../shared/api';
import { insightsText } from '../../i18n/insights';
import { useTexts } from '../../i18n/lang';

/** Ranked themes with counts, the change against the previous period and example comments. */
export function ThemesView({ data }: { data: ThemesReport }) {
  const tx = useTexts(insightsText);
  const max = Math.max(1, ...data.themes.map((t) => t.count));
  return (
    <section class="card insights-themes">
      <p class="muted small">{tx.thisPeriod} {data.period.from} – {data.period.to}: {data.comments} · {tx.previousPeriod} {data.previous.from} – {data.previous.to}: {data.commentsBefore}</p>
      {data.themes.length === 0 ? <p class="muted">{tx.noComments}</p> : <p class="muted small">{tx.themesLegend}</p>}
      <ol class="themes">
        {data.themes.map((t) => (
          <li key={t.term}>
            <div class="theme-head">
              <span class="term">{t.term}</span>
              <span class="bar" style={{ width: `${(t.count / max) * 100}%` }} aria-hidden="true" />
              <span class="num">{t.count}</span>
              <span class={`delta ${t.changePoints > 0 ? 'more' : ''}`}>
                {t.isNew ? tx.newTheme : `${t.changePoints > 0 ? '+' : ''}${t.changePoints.toFixed(1)} ${tx.points} (${t.before})`}
              </span>
            </div>
            <p class="examples small">{t.examples.map((e) => `“${e.text}”`).join('  ')}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
