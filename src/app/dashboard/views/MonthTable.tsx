import type { MonthRow } from '../../../shared/api';
import { formatRate } from '../../../shared/metrics';
import { LEVELS } from '../../../shared/scale';
import { useLang, useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { staffText } from '../../i18n/staff';
import { gradeLabel } from '../../i18n/format';
import { pick } from '../../i18n/use';

interface Props { caption: string; rows: MonthRow[]; name: (id: string) => string; total?: MonthRow }

/** One month table: counts per level, the three rates, 星级 and veto. */
export function MonthTable({ caption, rows, name, total }: Props) {
  const lang = useLang();
  const t = useTexts(dashboardText);
  const s = useTexts(staffText);
  const levels = [...LEVELS].reverse();
  const line = (r: MonthRow, head = false) => (
    <tr key={r.id} class={head ? 'total' : ''}>
      <th scope="row">{head ? t.total : name(r.id)}</th>
      {levels.map((l) => <td key={l.score} class="num">{r.counts[l.score - 1]}</td>)}
      <td class="num">{r.total}</td>
      <td class="num">{formatRate(r.satisfaction)}</td>
      <td class="num">{formatRate(r.good)}</td>
      <td class="num">{formatRate(r.bad)}</td>
      <td class={`grade ${r.veto ? 'veto' : ''}`}>{head ? '' : gradeLabel(s, r.grade)}</td>
      <td>{r.veto ?? ''}</td>
    </tr>
  );
  // A portrait tablet is narrower than the English table: it scrolls in its card, not the page.
  return (
    <div class="table-scroll"><table class="month">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{s.name}</th>
          {levels.map((l) => <th key={l.score} scope="col" class="num">{l.score} {pick(l, lang)}</th>)}
          <th scope="col" class="num">{t.total}</th><th scope="col" class="num">{t.rateCol_satisfaction}</th><th scope="col" class="num">{t.rateCol_good}</th>
          <th scope="col" class="num">{t.rateCol_bad}</th><th scope="col">{t.grade}</th><th scope="col">{t.veto}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => line(r))}
        {total && line(total, true)}
      </tbody>
    </table></div>
  );
}
