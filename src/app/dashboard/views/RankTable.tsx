import type { RankRow } from '../../../shared/api';
import { formatRate } from '../../../shared/metrics';
import { useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { staffText } from '../../i18n/staff';
import { gradeLabel } from '../../i18n/format';
import { useNames } from '../names';
import { RankCard } from './RankCard';

interface Props { title: string; rows: RankRow[]; name: (id: string) => string; showGrade: boolean; onPick: (id: string) => void }

/** One ranking table (windows or staff); the grade column only for a calendar month. */
export function RankTable({ title, rows, name, showGrade, onPick }: Props) {
  const t = useTexts(dashboardText);
  const s = useTexts(staffText);
  const names = useNames();
  const head = (
    <>
      <th scope="col" class="num">{t.satisfaction}</th><th scope="col" class="num">{t.badCount}</th><th scope="col">{t.topReasons}</th>
      {showGrade && <th scope="col">{t.grade}</th>}
    </>
  );
  return (
    <RankCard title={title} head={head}>
      {rows.map((r, i) => (
        <tr key={r.id}>
          <td>{r.total > 0 ? i + 1 : ''}</td>
          <td><button type="button" class="linklike" onClick={() => onPick(r.id)}>{name(r.id)}</button></td>
          <td class="num">{r.total}</td>
          <td class={`num ${r.satisfaction !== null && r.satisfaction < 0.9 ? 'below' : ''}`}>{formatRate(r.satisfaction)}</td>
          <td class="num">{r.badCount}</td>
          <td>{r.topReasons.map((x) => `${names.reason(x.code)} ${x.n}`).join(s.listSep)}</td>
          {showGrade && <td class={`grade ${r.grade?.kind === 'vetoed' ? 'veto' : ''}`}>{gradeLabel(s, r.grade)}</td>}
        </tr>
      ))}
    </RankCard>
  );
}
