/** 回访率, 核实率, 整改率, 按期办结率, overdue and median times of a hall, then per window. */
import type { CaseFigures, CaseFiguresReport } from '../../../shared/cases/wire';
import { CASE_TEXT as T } from '../../i18n/followup-dashboard';
import { bi, pct, lx } from './util';

function Row({ f }: { f: CaseFigures }) {
  return (
    <tr>
      <th scope="row">{f.label}</th><td>{f.cases}</td><td>{pct(f.callbackRate)}</td><td>{pct(f.verifyRate)}</td><td>{pct(f.rectifyRate)}</td>
      <td>{pct(f.onTimeRate)}</td><td class={f.overdue > 0 ? 'overdue-count' : ''}>{f.overdue}</td>
      <td>{f.medianHoursToCallback ?? '—'}</td><td>{f.medianHoursToClose ?? '—'}</td>
    </tr>
  );
}

export function Figures({ report, withStaff = false }: { report: CaseFiguresReport; withStaff?: boolean }) {
  return (
    <details class="case-figures" open>
      <summary>{bi(T.figures)} · {report.from} – {report.to}</summary>
      <table>
        <thead><tr>
          <th /><th>{lx(T.cases)}</th><th>{lx(T.callbackRate)}</th><th>{lx(T.verifyRate)}</th><th>{lx(T.rectifyRate)}</th>
          <th>{lx(T.onTimeRate)}</th><th>{lx(T.overdue)}</th><th>{lx(T.medianCallback)}</th><th>{lx(T.medianClose)}</th>
        </tr></thead>
        <tbody>
          <Row f={report.total} />
          {report.windows.map((w) => <Row key={w.key} f={w} />)}
          {withStaff && report.staff.map((s) => <Row key={`s-${s.key}`} f={s} />)}
        </tbody>
      </table>
    </details>
  );
}
