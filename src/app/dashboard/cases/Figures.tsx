/** 回访率, 核实率, 整改率, 按期办结率, overdue and median times of a hall, then per window. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../common/api';
import { CaseFiguresReportSchema, type CaseFigures, type CaseFiguresReport } from '../../../shared/api';
import { CASE_TEXT as T } from '../../i18n/followup-dashboard';
import { usePick } from '../../i18n/lang';
import { useNames, type Names } from '../names';
import { pct } from './util';

/** A row of figures, named in the staff language (the endpoint's label when the subjects do not know it). */
function Row({ f, of }: { f: CaseFigures; of: keyof Pick<Names, 'site' | 'window' | 'staff'> }) {
  const name = useNames()[of](f.key);
  return (
    <tr>
      <th scope="row">{name === f.key ? f.label : name}</th><td>{f.cases}</td><td>{pct(f.callbackRate)}</td><td>{pct(f.verifyRate)}</td><td>{pct(f.rectifyRate)}</td>
      <td>{pct(f.onTimeRate)}</td><td class={f.overdue > 0 ? 'overdue-count' : ''}>{f.overdue}</td>
      <td>{f.medianHoursToCallback ?? '—'}</td><td>{f.medianHoursToClose ?? '—'}</td>
    </tr>
  );
}

export function Figures({ report, withStaff = false }: { report: CaseFiguresReport; withStaff?: boolean }) {
  const bi = usePick();
  return (
    <details class="case-figures" open>
      <summary>{bi(T.figures)} · {report.from} – {report.to}</summary>
      <table>
        <thead><tr>
          <th /><th>{bi(T.cases)}</th><th>{bi(T.callbackRate)}</th><th>{bi(T.verifyRate)}</th><th>{bi(T.rectifyRate)}</th>
          <th>{bi(T.onTimeRate)}</th><th>{bi(T.overdue)}</th><th>{bi(T.medianCallback)}</th><th>{bi(T.medianClose)}</th>
        </tr></thead>
        <tbody>
          <Row f={report.total} of="site" />
          {report.windows.map((w) => <Row key={w.key} f={w} of="window" />)}
          {withStaff && report.staff.map((s) => <Row key={`s-${s.key}`} f={s} of="staff" />)}
        </tbody>
      </table>
    </details>
  );
}

/** The follow-up figures of a hall over a range, checked; null until they come, on failure, or without a range. */
export function useCaseFigures(siteId: string, from: string | null, to: string | null, reload = 0): CaseFiguresReport | null {
  const [report, setReport] = useState<CaseFiguresReport | null>(null);
  useEffect(() => {
    if (!from || !to) return;
    let live = true;
    void api.get(`/api/v1/case-figures?site=${encodeURIComponent(siteId)}&from=${from}&to=${to}`, CaseFiguresReportSchema)
      .then((r) => { if (live) setReport(r.ok ? r.data : null); });
    return () => { live = false; };
  }, [siteId, from, to, reload]);
  return report;
}
