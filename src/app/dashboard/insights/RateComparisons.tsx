import { CompareReportSchema } from '../../../shared/api';
import type { RateKind } from '../../../shared/metrics';
import { rateName } from '../text';
import { insightsText } from '../../i18n/insights';
import { useLang, useTexts } from '../../i18n/lang';
import { useApi } from '../useApi';
import { CompareBadge, IntervalBar } from './Badge';
import './insights.css';

const KINDS: RateKind[] = ['satisfaction', 'good', 'bad'];

/** The range's three rates with intervals, 环比 and 同比: the comparison beside the daily figures. */
export function RateComparisons({ query }: { query: string }) {
  const lang = useLang();
  const tx = useTexts(insightsText);
  const data = useApi(`/api/v1/insights/compare?${query}`, CompareReportSchema);
  if (data.state !== 'ok') return null;
  const r = data.data;
  return (
    <section class="card rate-comparisons" aria-label={tx.compare}>
      <table class="rank compare">
        <tbody>
          {KINDS.map((k) => (
            <tr key={k}>
              <th scope="row">{rateName(k, lang)}</th>
              <td><IntervalBar i={r.totalRates[k].now} /></td>
              <td><CompareBadge c={r.totalRates[k].previous} which="vsPrevious" higherIsWorse={k === 'bad'} /></td>
              <td><CompareBadge c={r.totalRates[k].lastYear} which="vsLastYear" higherIsWorse={k === 'bad'} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted small">{tx.vsPrevious} {r.previous.from} – {r.previous.to} · {tx.vsLastYear} {r.lastYear.from} – {r.lastYear.to} · {tx.statsNote}</p>
    </section>
  );
}
