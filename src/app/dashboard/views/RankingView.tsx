import type { Ranking } from '../../../shared/api';
import { useTexts } from '../../i18n/lang';
import { dashboardText } from '../../i18n/dashboard';
import { fill } from '../../i18n/use';
import { useNames } from '../names';
import { RankTable } from './RankTable';

/** Windows and staff ranked by 满意率; 星级 when the range is one calendar month. */
export function RankingView({ data, onWindow, onStaff }: { data: Ranking; onWindow: (id: string) => void; onStaff: (id: string) => void }) {
  const t = useTexts(dashboardText);
  const names = useNames();
  return (
    <>
      <p class="muted">{data.month ? fill(t.gradeNote, { month: data.month }) : t.pickMonth}</p>
      <RankTable title={t.rankWindows} rows={data.windows} name={names.window} showGrade={data.month !== null} onPick={onWindow} />
      <RankTable title={t.rankStaff} rows={data.staff} name={names.staff} showGrade={data.month !== null} onPick={onStaff} />
    </>
  );
}
